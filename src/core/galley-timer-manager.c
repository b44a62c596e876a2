/* galley-timer-manager.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timer-manager"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "galley-library-timers.h"
#include "galley-timer-manager.h"
#include "galley-timer-json.h"

/* The device's timers: their state (stored in the library before anyone
 * sees a change), the list the UI shows, and the one deadline source that
 * makes them ring on time.
 *
 * Scheduling. Deadlines are wall-clock times (ends_at, Unix ms on the
 * server's clock, which is ours plus the HLC's offset) but GLib sleeps on
 * the monotonic clock, so the source is armed at
 * monotonic now + (deadline - wall now). That conversion goes stale when
 * the two clocks part: the wall clock is set, or the machine sleeps
 * (CLOCK_MONOTONIC stops during a suspend on Linux). The clock says so with
 * GalleyClock::changed, and on every main-loop iteration the source's
 * prepare() compares how far each clock moved since the last look; either
 * way the source is re-armed from the wall clock, as it is when the
 * estimate of the server's clock changes. A dispatch fires only the
 * timers whose deadline the wall clock has reached and re-arms for the
 * rest, so a source that wakes early (the clock was set back) never rings
 * early.
 *
 * There is one source for all timers, armed for the earliest deadline not
 * yet announced: no per-timer sources, no polling, no wake-up at all while
 * nothing is due. It runs at G_PRIORITY_HIGH so that a busy UI cannot hold
 * a ring back. */

/* How far the wall clock may drift from the monotonic clock between two
 * looks before it counts as a jump. Far above what NTP slewing does in the
 * time between two main-loop iterations, far below a delay anyone notices
 * in a ring. */
#define JUMP_THRESHOLD_MS 1000

typedef struct
{
  GSource source;
  GalleyTimerManager *manager;  /* not owned: the manager destroys the source */
} DeadlineSource;

struct _GalleyTimerManager
{
  GObject parent_instance;

  GalleyLibrary *library;
  GalleyClock *clock;
  GalleyHlc *hlc;

  /* Every timer known this session, by id; idle ones stay, so that whoever
   * holds a timer keeps the same object when it is started again. */
  GHashTable *timers;

  /* The running, paused and ringing timers, in display order. */
  GListStore *active;

  GSource *deadline;  /* NULL until galley_timer_manager_run() */
  gulong clock_changed_handler;

  /* Both clocks at the last look for a jump. */
  gint64 checked_wall_ms;
  gint64 checked_monotonic_us;
};

G_DEFINE_FINAL_TYPE (GalleyTimerManager, galley_timer_manager, G_TYPE_OBJECT)

enum {
  TIMER_CHANGED,
  TIMER_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  ACTION_START,
  ACTION_PAUSE,
  ACTION_RESUME,
  ACTION_RESET,
  ACTION_ADD,
  ACTION_DISMISS,
} Action;

static void arm (GalleyTimerManager *self);

/* Display order, which does not change as time passes: running timers by
 * deadline (the ringing ones, whose deadline is past, come first, longest
 * ringing first), then paused ones by what is left. */
static int
compare_active (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GalleyTimer *ta = (GalleyTimer *)a;
  GalleyTimer *tb = (GalleyTimer *)b;
  GalleyTimerStatus sa = galley_timer_get_status (ta);
  GalleyTimerStatus sb = galley_timer_get_status (tb);
  gint64 ka, kb;

  if (sa != sb)
    return sa == GALLEY_TIMER_STATUS_RUNNING ? -1 : 1;

  if (sa == GALLEY_TIMER_STATUS_RUNNING)
    {
      ka = galley_timer_get_ends_at (ta);
      kb = galley_timer_get_ends_at (tb);
    }
  else
    {
      ka = galley_timer_get_remaining_ms (ta);
      kb = galley_timer_get_remaining_ms (tb);
    }

  if (ka != kb)
    return ka < kb ? -1 : 1;

  return g_strcmp0 (galley_timer_get_id (ta), galley_timer_get_id (tb));
}

static gboolean
is_in_order_at (GalleyTimerManager *self,
                GalleyTimer        *timer,
                guint               position)
{
  GListModel *model = G_LIST_MODEL (self->active);
  guint n = g_list_model_get_n_items (model);

  if (position > 0)
    {
      g_autoptr(GalleyTimer) before = g_list_model_get_item (model, position - 1);

      if (compare_active (before, timer, NULL) > 0)
        return FALSE;
    }

  if (position + 1 < n)
    {
      g_autoptr(GalleyTimer) after = g_list_model_get_item (model, position + 1);

      if (compare_active (timer, after, NULL) > 0)
        return FALSE;
    }

  return TRUE;
}

/* Puts @timer where its new state belongs in the active list. A timer that
 * stays in place is still reported as changed, so that its row is redrawn. */
static void
update_active (GalleyTimerManager *self,
               GalleyTimer        *timer)
{
  gboolean active = galley_timer_is_active (timer);
  guint position;
  gboolean listed = g_list_store_find (self->active, timer, &position);

  if (listed && active && is_in_order_at (self, timer, position))
    {
      g_list_store_splice (self->active, position, 1, (gpointer *)&timer, 1);
      return;
    }

  if (listed)
    g_list_store_remove (self->active, position);

  if (active)
    g_list_store_insert_sorted (self->active, timer, compare_active, NULL);
}

static gboolean
needs_announcing (GalleyTimer *timer)
{
  return galley_timer_get_status (timer) == GALLEY_TIMER_STATUS_RUNNING &&
         galley_timer_get_notified_ends_at (timer) != galley_timer_get_ends_at (timer);
}

/* Running timers lead the active list in deadline order, so the first one
 * not yet announced has the earliest deadline to wait for. */
static GalleyTimer *
next_to_announce (GalleyTimerManager *self)
{
  GListModel *model = G_LIST_MODEL (self->active);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (model, i);

      if (galley_timer_get_status (timer) != GALLEY_TIMER_STATUS_RUNNING)
        break;

      if (needs_announcing (timer))
        return timer;
    }

  return NULL;
}

/* Deadlines are on the server's clock: the sync client keeps the HLC's
 * estimate of how far it is ahead of ours. */
static gint64
server_now_ms (GalleyTimerManager *self)
{
  return galley_clock_get_wall_ms (self->clock) + galley_hlc_get_offset_ms (self->hlc);
}

/* Returns whether the wall clock moved differently from the monotonic
 * clock since the last look, and takes a new look. */
static gboolean
clock_jumped (GalleyTimerManager *self)
{
  gint64 wall_ms = galley_clock_get_wall_ms (self->clock);
  gint64 monotonic_us = galley_clock_get_monotonic_us (self->clock);
  gint64 disagreement_ms = (wall_ms - self->checked_wall_ms) -
                           (monotonic_us - self->checked_monotonic_us) / 1000;

  self->checked_wall_ms = wall_ms;
  self->checked_monotonic_us = monotonic_us;

  if (ABS (disagreement_ms) <= JUMP_THRESHOLD_MS)
    return FALSE;

  g_debug ("The wall clock jumped by %" G_GINT64_FORMAT " ms", disagreement_ms);
  return TRUE;
}

static void
reset_jump_check (GalleyTimerManager *self)
{
  self->checked_wall_ms = galley_clock_get_wall_ms (self->clock);
  self->checked_monotonic_us = galley_clock_get_monotonic_us (self->clock);
}

static const char *
display_name (GalleyTimer *timer)
{
  const char *label = galley_timer_get_label (timer);

  return label != NULL && *label != '\0' ? label : galley_timer_get_id (timer);
}

static void
announce (GalleyTimerManager *self,
          GalleyTimer        *timer)
{
  g_autoptr(GError) error = NULL;
  gint64 ends_at = galley_timer_get_ends_at (timer);

  /* Stored before the signal, so that once the user has been told, a
   * crash or a restart cannot tell them again. The other way round a crash
   * between the two could lose the ring altogether; this way the worst is a
   * crash before the write, and then the timer rings (once more) after the
   * restart: a second ring is a nuisance, a missed one burns the dinner.
   * For the same reason a failed write does not hold the ring back. */
  galley_timer_set_notified_ends_at (timer, ends_at);
  if (!galley_library_save_timer (self->library, timer, &error))
    g_warning ("Could not store that the timer “%s” rang: %s",
               galley_timer_get_id (timer), error->message);

  g_signal_emit (self, signals[TIMER_FINISHED], 0, timer,
                 server_now_ms (self) - ends_at);
}

/* Announces every timer whose deadline the clock has reached, in
 * deadline order. */
static void
announce_due (GalleyTimerManager *self)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->active);
  guint n = g_list_model_get_n_items (model);
  gint64 now_ms = server_now_ms (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (model, i);

      if (!galley_timer_is_finished_at (timer, now_ms))
        break;

      if (needs_announcing (timer))
        g_ptr_array_add (due, g_steal_pointer (&timer));
    }

  for (guint i = 0; i < due->len; i++)
    {
      GalleyTimer *timer = g_ptr_array_index (due, i);

      /* A handler of an earlier ring may have changed this timer. */
      if (needs_announcing (timer) && galley_timer_is_finished_at (timer, now_ms))
        announce (self, timer);
    }
}

static gboolean
deadline_prepare (GSource *source,
                  int     *timeout)
{
  GalleyTimerManager *self = ((DeadlineSource *)source)->manager;

  *timeout = -1;

  /* Costs two clock reads per iteration, and catches a wall clock set
   * while the app was awake for any other reason. */
  return clock_jumped (self);
}

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_autoptr(GalleyTimerManager) self = g_object_ref (((DeadlineSource *)source)->manager);

  announce_due (self);
  arm (self);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs deadline_funcs = {
  .prepare = deadline_prepare,
  .dispatch = deadline_dispatch,
};

/* Sets the source for the earliest deadline still to announce, or to
 * sleep if there is none. */
static void
arm (GalleyTimerManager *self)
{
  GalleyTimer *next;
  gint64 delay_ms;

  if (self->deadline == NULL)
    return;

  if ((next = next_to_announce (self)) == NULL)
    {
      g_source_set_ready_time (self->deadline, -1);
      return;
    }

  /* The delay comes from the injected clock, the ready time is on the real
   * monotonic clock: so a test clock can drive the source too. GLib rounds
   * the poll timeout up to the next millisecond, never down. */
  delay_ms = galley_timer_get_ends_at (next) - server_now_ms (self);

  if (delay_ms <= 0)
    g_source_set_ready_time (self->deadline, 0);
  else
    g_source_set_ready_time (self->deadline, g_get_monotonic_time () + delay_ms * 1000);
}

static void
on_clock_changed (GalleyTimerManager *self)
{
  /* Nothing can be learnt by comparing across a change the clock has
   * announced itself: start afresh from here. */
  reset_jump_check (self);
  arm (self);
}

static void
on_offset_changed (GalleyTimerManager *self)
{
  arm (self);
}

static void
galley_timer_manager_dispose (GObject *object)
{
  GalleyTimerManager *self = (GalleyTimerManager *)object;

  if (self->deadline != NULL)
    {
      g_source_destroy (self->deadline);
      g_clear_pointer (&self->deadline, g_source_unref);
    }

  g_clear_signal_handler (&self->clock_changed_handler, self->clock);

  G_OBJECT_CLASS (galley_timer_manager_parent_class)->dispose (object);
}

static void
galley_timer_manager_finalize (GObject *object)
{
  GalleyTimerManager *self = (GalleyTimerManager *)object;

  g_clear_object (&self->active);
  g_clear_pointer (&self->timers, g_hash_table_unref);
  g_clear_object (&self->hlc);
  g_clear_object (&self->clock);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (galley_timer_manager_parent_class)->finalize (object);
}

static void
galley_timer_manager_class_init (GalleyTimerManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = galley_timer_manager_dispose;
  object_class->finalize = galley_timer_manager_finalize;

  /**
   * GalleyTimerManager::timer-changed:
   * @timer: the timer
   *
   * A timer's state changed; the change is already stored.
   */
  signals[TIMER_CHANGED] =
    g_signal_new ("timer-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, GALLEY_TYPE_TIMER);

  /**
   * GalleyTimerManager::timer-finished:
   * @timer: the timer, now ringing
   * @late_ms: how long ago its deadline passed: about 0, unless the app
   *   was closed or the machine asleep at the deadline
   *
   * A timer reached its deadline. Emitted once per deadline, also across
   * restarts of the app.
   */
  signals[TIMER_FINISHED] =
    g_signal_new ("timer-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, GALLEY_TYPE_TIMER, G_TYPE_INT64);
}

static void
galley_timer_manager_init (GalleyTimerManager *self)
{
  self->timers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->active = g_list_store_new (GALLEY_TYPE_TIMER);
}

/* The table is keyed by the timer's own id string, which never changes. */
static void
add_timer (GalleyTimerManager *self,
           GalleyTimer        *timer)
{
  g_hash_table_replace (self->timers, (gpointer)galley_timer_get_id (timer), g_object_ref (timer));

  if (galley_timer_is_active (timer))
    g_list_store_insert_sorted (self->active, timer, compare_active, NULL);
}

/**
 * galley_timer_manager_new:
 * @library: the library the timers are stored in
 * @clock: (nullable): the clock, %NULL for the system clock
 *
 * Loads the stored timers. Nothing rings and nothing is scheduled before
 * galley_timer_manager_run().
 *
 * Returns: (transfer full) (nullable): the manager, or %NULL with @error
 *   set if the library could not be read
 */
GalleyTimerManager *
galley_timer_manager_new (GalleyLibrary  *library,
                          GalleyClock    *clock,
                          GError        **error)
{
  g_autoptr(GalleyTimerManager) self = NULL;
  g_autoptr(GPtrArray) timers = NULL;
  g_autofree char *device_id = NULL;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (clock == NULL || GALLEY_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (clock == NULL)
    clock = galley_clock_get_system ();

  if (!(device_id = galley_library_get_device_id (library, error)) ||
      !(timers = galley_library_load_timers (library, error)))
    return NULL;

  self = g_object_new (GALLEY_TYPE_TIMER_MANAGER, NULL);
  self->library = g_object_ref (library);
  self->clock = g_object_ref (clock);
  self->hlc = galley_hlc_new (clock, device_id);
  g_signal_connect_object (self->hlc, "notify::offset-ms",
                           G_CALLBACK (on_offset_changed), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < timers->len; i++)
    {
      GalleyTimer *timer = g_ptr_array_index (timers, i);

      /* Our next change to a timer must be stamped later than its stored
       * state, even if the wall clock has been set back since. */
      galley_hlc_observe (self->hlc, galley_timer_get_updated (timer));
      add_timer (self, timer);
    }

  return g_steal_pointer (&self);
}

/**
 * galley_timer_manager_get_clock:
 *
 * Returns: (transfer none): the clock the timers run on
 */
GalleyClock *
galley_timer_manager_get_clock (GalleyTimerManager *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), NULL);

  return self->clock;
}

/**
 * galley_timer_manager_get_hlc:
 *
 * Returns: (transfer none): the hybrid logical clock that stamps this
 *   device's changes
 */
GalleyHlc *
galley_timer_manager_get_hlc (GalleyTimerManager *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), NULL);

  return self->hlc;
}

/**
 * galley_timer_manager_get_now_ms:
 *
 * The time every countdown is shown against: the wall clock corrected by
 * the estimate of the server's clock, on which deadlines are.
 *
 * Returns: now, in server-clock Unix ms
 */
gint64
galley_timer_manager_get_now_ms (GalleyTimerManager *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), 0);

  return server_now_ms (self);
}

/**
 * galley_timer_manager_run:
 *
 * Starts scheduling on the thread-default main context: announces the
 * timers that finished while the app was closed (before this returns), and
 * from then on each deadline as it comes. Connect to the signals first.
 */
void
galley_timer_manager_run (GalleyTimerManager *self)
{
  g_return_if_fail (GALLEY_IS_TIMER_MANAGER (self));

  if (self->deadline != NULL)
    return;

  self->deadline = g_source_new (&deadline_funcs, sizeof (DeadlineSource));
  ((DeadlineSource *)self->deadline)->manager = self;
  g_source_set_priority (self->deadline, G_PRIORITY_HIGH);
  g_source_set_static_name (self->deadline, "[galley] timer deadline");
  g_source_attach (self->deadline, g_main_context_get_thread_default ());

  self->clock_changed_handler =
    g_signal_connect_object (self->clock, "changed",
                             G_CALLBACK (on_clock_changed), self,
                             G_CONNECT_SWAPPED);

  reset_jump_check (self);
  announce_due (self);
  arm (self);
}

/**
 * galley_timer_manager_lookup:
 *
 * Returns: (transfer none) (nullable): the timer @id, if it is stored or
 *   was used since the app started
 */
GalleyTimer *
galley_timer_manager_lookup (GalleyTimerManager *self,
                             const char         *id)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->timers, id);
}

/**
 * galley_timer_manager_get_active:
 *
 * The running, paused and ringing timers: ringing ones first (the one
 * ringing longest first), then running ones by deadline, then paused ones
 * by what is left. Kept in order as the timers change.
 *
 * Returns: (transfer none): a list model of #GalleyTimer
 */
GListModel *
galley_timer_manager_get_active (GalleyTimerManager *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), NULL);

  return G_LIST_MODEL (self->active);
}

/**
 * galley_timer_manager_count_running:
 *
 * Returns: how many timers are counting down (running, not ringing)
 */
guint
galley_timer_manager_count_running (GalleyTimerManager *self)
{
  GListModel *model;
  guint n, count = 0;
  gint64 now_ms;

  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), 0);

  model = G_LIST_MODEL (self->active);
  n = g_list_model_get_n_items (model);
  now_ms = server_now_ms (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (model, i);

      if (galley_timer_get_status (timer) != GALLEY_TIMER_STATUS_RUNNING)
        break;

      if (!galley_timer_is_finished_at (timer, now_ms))
        count++;
    }

  return count;
}

/**
 * galley_timer_manager_count_ringing:
 *
 * Returns: how many timers have reached their deadline and wait to be
 *   dismissed
 */
guint
galley_timer_manager_count_ringing (GalleyTimerManager *self)
{
  GListModel *model;
  guint n, count = 0;
  gint64 now_ms;

  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), 0);

  model = G_LIST_MODEL (self->active);
  n = g_list_model_get_n_items (model);
  now_ms = server_now_ms (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (model, i);

      if (!galley_timer_is_finished_at (timer, now_ms))
        break;

      count++;
    }

  return count;
}

/**
 * galley_timer_manager_get_soonest:
 *
 * Returns: (transfer none) (nullable): the running, not yet ringing timer
 *   that will finish first
 */
GalleyTimer *
galley_timer_manager_get_soonest (GalleyTimerManager *self)
{
  GListModel *model;
  guint n;
  gint64 now_ms;

  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), NULL);

  model = G_LIST_MODEL (self->active);
  n = g_list_model_get_n_items (model);
  now_ms = server_now_ms (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (model, i);

      if (galley_timer_get_status (timer) != GALLEY_TIMER_STATUS_RUNNING)
        break;

      if (!galley_timer_is_finished_at (timer, now_ms))
        return timer;  /* the store keeps its own reference */
    }

  return NULL;
}

/* A detached copy to try an action on: the real timer changes only once
 * the result is stored, so a failed write leaves it as it was. */
static GalleyTimer *
copy_timer (GalleyTimer *timer)
{
  GalleyTimer *copy = galley_timer_new (galley_timer_get_id (timer),
                                        galley_timer_get_duration_ms (timer));
  const char *updated = galley_timer_get_updated (timer);

  galley_timer_set_label (copy, galley_timer_get_label (timer));
  galley_timer_set_detail (copy, galley_timer_get_detail (timer));
  if (updated != NULL)
    galley_timer_apply_state (copy,
                              galley_timer_get_status (timer),
                              galley_timer_get_duration_ms (timer),
                              galley_timer_get_ends_at (timer),
                              galley_timer_get_remaining_ms (timer),
                              updated);
  galley_timer_set_notified_ends_at (copy, galley_timer_get_notified_ends_at (timer));

  return copy;
}

/* Stores @next (the new state of @timer, or a new timer if @timer is
 * %NULL), then makes it the state everyone sees. */
static gboolean
commit (GalleyTimerManager  *self,
        GalleyTimer         *timer,
        GalleyTimer         *next,
        GError             **error)
{
  if (!galley_library_save_timer (self->library, next, error))
    return FALSE;

  if (timer == NULL)
    {
      timer = next;
      add_timer (self, timer);
    }
  else
    {
      g_object_freeze_notify (G_OBJECT (timer));
      galley_timer_set_label (timer, galley_timer_get_label (next));
      galley_timer_set_detail (timer, galley_timer_get_detail (next));
      /* Cannot be refused: @next is @timer's state with a newer stamp. */
      if (!galley_timer_apply_state (timer,
                                     galley_timer_get_status (next),
                                     galley_timer_get_duration_ms (next),
                                     galley_timer_get_ends_at (next),
                                     galley_timer_get_remaining_ms (next),
                                     galley_timer_get_updated (next)))
        g_critical ("The timer “%s” refused its own new state", galley_timer_get_id (timer));
      g_object_thaw_notify (G_OBJECT (timer));
      update_active (self, timer);
    }

  arm (self);
  g_signal_emit (self, signals[TIMER_CHANGED], 0, timer);

  return TRUE;
}

/* The timer model's own bound: a kitchen timer longer than a week is a
 * typo. Checked here too, to tell the user rather than fail a precondition. */
static gboolean
check_duration (gint64       ms,
                GError     **error)
{
  if (ms > 0 && ms <= GALLEY_TIMER_MAX_DURATION_MS)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("A timer’s time must be longer than zero and at most a week"));
  return FALSE;
}

static GalleyTimer *
find_timer (GalleyTimerManager  *self,
            const char          *id,
            GError             **error)
{
  GalleyTimer *timer = g_hash_table_lookup (self->timers, id);

  if (timer == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("There is no timer “%s”"), id);

  return timer;
}

/* Says, in the user's terms, why @action does not apply to @timer as it
 * is now. */
static void
set_refused_error (GError      **error,
                   GalleyTimer  *timer,
                   Action        action,
                   gint64        now_ms)
{
  const char *name = display_name (timer);
  GalleyTimerStatus status = galley_timer_get_status (timer);

  if (status == GALLEY_TIMER_STATUS_IDLE && action == ACTION_RESUME)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The timer “%s” is not paused"), name);
  else if (status == GALLEY_TIMER_STATUS_IDLE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The timer “%s” is not running"), name);
  else if (galley_timer_is_finished_at (timer, now_ms))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The timer “%s” has finished: dismiss it or add time"), name);
  else if (action == ACTION_DISMISS)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The timer “%s” is not ringing"), name);
  else if (status == GALLEY_TIMER_STATUS_RUNNING)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The timer “%s” is already running"), name);
  else if (action == ACTION_START)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The timer “%s” is paused: resume it or reset it"), name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The timer “%s” is already paused"), name);
}

static gboolean
apply_action (GalleyTimer *timer,
              Action       action,
              gint64       ms,
              gint64       now_ms,
              const char  *updated)
{
  switch (action)
    {
    case ACTION_START:
      return galley_timer_start (timer, now_ms, updated);
    case ACTION_PAUSE:
      return galley_timer_pause (timer, now_ms, updated);
    case ACTION_RESUME:
      return galley_timer_resume (timer, now_ms, updated);
    case ACTION_RESET:
      return galley_timer_reset (timer, updated);
    case ACTION_ADD:
      return galley_timer_add (timer, ms, now_ms, updated);
    case ACTION_DISMISS:
      return galley_timer_dismiss (timer, now_ms, updated);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
run_action (GalleyTimerManager  *self,
            const char          *id,
            Action               action,
            gint64               ms,
            GError             **error)
{
  g_autoptr(GalleyTimer) next = NULL;
  g_autofree char *updated = NULL;
  GalleyTimer *timer;
  gint64 now_ms;

  if (!(timer = find_timer (self, id, error)))
    return FALSE;

  /* The timer may carry a stamp this clock has not seen (applied from
   * another device): the change made now must win over it. */
  if (galley_timer_get_updated (timer) != NULL)
    galley_hlc_observe (self->hlc, galley_timer_get_updated (timer));

  now_ms = server_now_ms (self);
  updated = galley_hlc_now (self->hlc);
  next = copy_timer (timer);

  if (!apply_action (next, action, ms, now_ms, updated))
    {
      set_refused_error (error, timer, action, now_ms);
      return FALSE;
    }

  return commit (self, timer, next, error);
}

/**
 * galley_timer_manager_start:
 * @id: the timer's id; a new timer if there is none with this id
 * @label: (nullable): what the timer is for ("Roast the vegetables"), or
 *   %NULL to keep the label of a known timer
 * @detail: (nullable): more about it (the recipe's title), or %NULL to
 *   keep the detail of a known timer
 * @duration_ms: how long it runs, at most a week
 *
 * Starts an idle or new timer. A running, paused or ringing timer is not
 * started again (%G_IO_ERROR_INVALID_ARGUMENT): the user resets it first.
 */
gboolean
galley_timer_manager_start (GalleyTimerManager  *self,
                            const char          *id,
                            const char          *label,
                            const char          *detail,
                            gint64               duration_ms,
                            GError             **error)
{
  g_autoptr(GalleyTimer) next = NULL;
  g_autofree char *updated = NULL;
  GalleyTimer *timer;
  gint64 now_ms;

  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), FALSE);
  g_return_val_if_fail (id != NULL && *id != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_duration (duration_ms, error))
    return FALSE;

  timer = g_hash_table_lookup (self->timers, id);
  now_ms = server_now_ms (self);

  if (timer != NULL)
    {
      if (galley_timer_is_active (timer))
        {
          set_refused_error (error, timer, ACTION_START, now_ms);
          return FALSE;
        }

      if (galley_timer_get_updated (timer) != NULL)
        galley_hlc_observe (self->hlc, galley_timer_get_updated (timer));
    }

  /* An idle timer's whole state is its duration, which this start sets
   * anew: a fresh timer is the right copy to change. */
  next = galley_timer_new (id, duration_ms);
  if (timer != NULL)
    {
      galley_timer_set_label (next, galley_timer_get_label (timer));
      galley_timer_set_detail (next, galley_timer_get_detail (timer));
      galley_timer_set_notified_ends_at (next, galley_timer_get_notified_ends_at (timer));
    }
  if (label != NULL)
    galley_timer_set_label (next, label);
  if (detail != NULL)
    galley_timer_set_detail (next, detail);

  updated = galley_hlc_now (self->hlc);
  if (!galley_timer_start (next, now_ms, updated))
    g_return_val_if_reached (FALSE);

  return commit (self, timer, next, error);
}

/**
 * galley_timer_manager_pause:
 *
 * Pauses a running timer that has not finished yet.
 */
gboolean
galley_timer_manager_pause (GalleyTimerManager  *self,
                            const char          *id,
                            GError             **error)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_action (self, id, ACTION_PAUSE, 0, error);
}

/**
 * galley_timer_manager_resume:
 *
 * Resumes a paused timer.
 */
gboolean
galley_timer_manager_resume (GalleyTimerManager  *self,
                             const char          *id,
                             GError             **error)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_action (self, id, ACTION_RESUME, 0, error);
}

/**
 * galley_timer_manager_reset:
 *
 * Stops a running, paused or ringing timer; it becomes idle.
 */
gboolean
galley_timer_manager_reset (GalleyTimerManager  *self,
                            const char          *id,
                            GError             **error)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_action (self, id, ACTION_RESET, 0, error);
}

/**
 * galley_timer_manager_add:
 * @ms: the time to add, at most a week
 *
 * Gives a running or paused timer more time. A ringing timer runs again
 * for @ms from now, and rings again at its new deadline.
 */
gboolean
galley_timer_manager_add (GalleyTimerManager  *self,
                          const char          *id,
                          gint64               ms,
                          GError             **error)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_duration (ms, error))
    return FALSE;

  return run_action (self, id, ACTION_ADD, ms, error);
}

/**
 * galley_timer_manager_dismiss:
 *
 * Silences a ringing timer; it becomes idle.
 */
gboolean
galley_timer_manager_dismiss (GalleyTimerManager  *self,
                              const char          *id,
                              GError             **error)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_action (self, id, ACTION_DISMISS, 0, error);
}
