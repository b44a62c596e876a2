/* galley-display-tick.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-display-tick"

#include "galley-display-tick.h"

/* One 1 Hz tick shared by every countdown on screen, so they all redraw at
 * the same instant from the same "now".
 *
 * It is aligned to the soonest running timer: a tick comes each time that
 * timer's remaining time crosses a whole second (at ends_at - k * 1000),
 * the last one exactly at its deadline. A countdown that shows the
 * remaining time rounded up to the second therefore changes on the tick
 * and reads 0:00 at the deadline, not up to a second before or after.
 *
 * It runs only while someone holds it (a countdown is on screen) and a
 * timer is running: a hidden window or a kitchen with nothing running costs
 * no wake-up at all. Like the timer manager's deadline, it is a single
 * source with a ready time, re-armed after each tick, when a timer changes
 * and when the clock jumps. */

struct _GalleyDisplayTick
{
  GObject parent_instance;

  GalleyTimerManager *manager;

  guint hold_count;
  GSource *source;       /* only while held */
  gint64 next_tick_ms;   /* the time the source waits for, or -1 */
};

typedef struct
{
  GSource source;
  GalleyDisplayTick *tick;  /* not owned: the tick destroys its source */
} TickSource;

G_DEFINE_FINAL_TYPE (GalleyDisplayTick, galley_display_tick, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

enum {
  TICK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
arm (GalleyDisplayTick *self)
{
  GalleyTimer *soonest;
  gint64 now_ms;
  gint64 delay_ms;

  if (self->source == NULL)
    return;

  now_ms = galley_timer_manager_get_now_ms (self->manager);

  /* A tick that is due stays due, whatever changed meanwhile: it may be
   * the one that shows a countdown reaching 0:00 as its timer starts
   * ringing, and whatever reacts to the ring must not cancel it. */
  if (self->next_tick_ms >= 0 && self->next_tick_ms <= now_ms)
    {
      g_source_set_ready_time (self->source, 0);
      return;
    }

  if ((soonest = galley_timer_manager_get_soonest (self->manager)) == NULL)
    {
      self->next_tick_ms = -1;
      g_source_set_ready_time (self->source, -1);
      return;
    }

  /* Up to the next whole second of the soonest timer's remaining time:
   * 2500 ms left → 500 ms from now; 2000 ms left (on a tick) → 1000 ms. */
  delay_ms = (galley_timer_get_ends_at (soonest) - now_ms - 1) % 1000 + 1;
  self->next_tick_ms = now_ms + delay_ms;
  g_source_set_ready_time (self->source, g_get_monotonic_time () + delay_ms * 1000);
}

static gboolean
tick_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  g_autoptr(GalleyDisplayTick) self = g_object_ref (((TickSource *)source)->tick);
  gint64 now_ms = galley_timer_manager_get_now_ms (self->manager);

  /* The monotonic clock may wake us before the wall clock says it is time
   * (it was set back): then this is only a re-arm. */
  if (self->next_tick_ms >= 0 && now_ms >= self->next_tick_ms)
    {
      self->next_tick_ms = -1;
      g_signal_emit (self, signals[TICK], 0, now_ms);
    }

  arm (self);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs tick_funcs = {
  .dispatch = tick_dispatch,
};

static void
on_changed (GalleyDisplayTick *self)
{
  arm (self);
}

static void
stop (GalleyDisplayTick *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }

  self->next_tick_ms = -1;
}

static void
galley_display_tick_constructed (GObject *object)
{
  GalleyDisplayTick *self = (GalleyDisplayTick *)object;

  G_OBJECT_CLASS (galley_display_tick_parent_class)->constructed (object);

  g_assert (self->manager != NULL);

  g_signal_connect_object (self->manager, "timer-changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  /* The manager owns its clock and hlc for as long as we hold it. */
  g_signal_connect_object (galley_timer_manager_get_clock (self->manager), "changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (galley_timer_manager_get_hlc (self->manager), "notify::offset-ms",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
}

static void
galley_display_tick_dispose (GObject *object)
{
  GalleyDisplayTick *self = (GalleyDisplayTick *)object;

  stop (self);

  G_OBJECT_CLASS (galley_display_tick_parent_class)->dispose (object);
}

static void
galley_display_tick_finalize (GObject *object)
{
  GalleyDisplayTick *self = (GalleyDisplayTick *)object;

  g_clear_object (&self->manager);

  G_OBJECT_CLASS (galley_display_tick_parent_class)->finalize (object);
}

static void
galley_display_tick_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GalleyDisplayTick *self = GALLEY_DISPLAY_TICK (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_display_tick_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GalleyDisplayTick *self = GALLEY_DISPLAY_TICK (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_display_tick_class_init (GalleyDisplayTickClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = galley_display_tick_constructed;
  object_class->dispose = galley_display_tick_dispose;
  object_class->finalize = galley_display_tick_finalize;
  object_class->get_property = galley_display_tick_get_property;
  object_class->set_property = galley_display_tick_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL,
                         GALLEY_TYPE_TIMER_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GalleyDisplayTick::tick:
   * @now_ms: the time every countdown should show against, in
   *   server-clock Unix ms (see galley_timer_manager_get_now_ms())
   *
   * Time to redraw the countdowns. Show a running timer's remaining time
   * (ends_at - @now_ms) rounded up to the second.
   */
  signals[TICK] =
    g_signal_new ("tick",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
galley_display_tick_init (GalleyDisplayTick *self)
{
  self->next_tick_ms = -1;
}

/**
 * galley_display_tick_new:
 * @manager: the timers to count down
 *
 * Returns: (transfer full): a tick that does nothing until held
 */
GalleyDisplayTick *
galley_display_tick_new (GalleyTimerManager *manager)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (manager), NULL);

  return g_object_new (GALLEY_TYPE_DISPLAY_TICK,
                       "manager", manager,
                       NULL);
}

/**
 * galley_display_tick_get_manager:
 *
 * Returns: (transfer none): the timer manager
 */
GalleyTimerManager *
galley_display_tick_get_manager (GalleyDisplayTick *self)
{
  g_return_val_if_fail (GALLEY_IS_DISPLAY_TICK (self), NULL);

  return self->manager;
}

/**
 * galley_display_tick_hold:
 *
 * Asks for ticks, on the thread-default main context, while a timer runs:
 * call it when a countdown is shown, and galley_display_tick_release()
 * when it is hidden.
 */
void
galley_display_tick_hold (GalleyDisplayTick *self)
{
  g_return_if_fail (GALLEY_IS_DISPLAY_TICK (self));

  if (self->hold_count++ > 0)
    return;

  self->source = g_source_new (&tick_funcs, sizeof (TickSource));
  ((TickSource *)self->source)->tick = self;
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (self->source, "[galley] display tick");
  g_source_attach (self->source, g_main_context_get_thread_default ());

  self->next_tick_ms = -1;
  arm (self);
}

/**
 * galley_display_tick_release:
 *
 * Undoes one galley_display_tick_hold(); after the last one, no more
 * ticks and no more wake-ups.
 */
void
galley_display_tick_release (GalleyDisplayTick *self)
{
  g_return_if_fail (GALLEY_IS_DISPLAY_TICK (self));
  g_return_if_fail (self->hold_count > 0);

  if (--self->hold_count > 0)
    return;

  stop (self);
}

/**
 * galley_display_tick_set_held:
 * @held: (inout): the caller's record of whether it holds the tick
 * @want: whether it should hold it now
 *
 * Holds or releases the tick once for a countdown that comes and goes on
 * screen, keeping the caller's record in step, so that a widget never holds
 * it twice or releases a hold it does not have.
 */
void
galley_display_tick_set_held (GalleyDisplayTick *self,
                              gboolean          *held,
                              gboolean           want)
{
  g_return_if_fail (GALLEY_IS_DISPLAY_TICK (self));
  g_return_if_fail (held != NULL);

  want = !!want;
  if (*held == want)
    return;

  *held = want;
  if (want)
    galley_display_tick_hold (self);
  else
    galley_display_tick_release (self);
}
