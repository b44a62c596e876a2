/* galley-timer.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timer"

#include <string.h>

#include "galley-hlc.h"
#include "galley-timer.h"
#include "galley-timer-json.h"

/* A timer is state, not a counter: nothing here ticks. What is left and
 * whether it rings are derived from ends_at and "now", which every device
 * computes from its own estimate of the server's clock, so devices agree
 * without a message at zero.
 *
 * The run state (status, duration_ms, ends_at, remaining_ms) changes as a
 * whole and is stamped with the hybrid logical clock value of the change;
 * between devices it is a last-writer-wins register keyed by that stamp. */
struct _GalleyTimer
{
  GObject parent_instance;

  char *id;
  char *label;
  char *detail;

  GalleyTimerStatus status;
  gint64 duration_ms;
  gint64 ends_at;
  gint64 remaining_ms;
  char *updated;

  gint64 notified_ends_at;
};

G_DEFINE_ENUM_TYPE (GalleyTimerStatus, galley_timer_status,
                    G_DEFINE_ENUM_VALUE (GALLEY_TIMER_STATUS_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (GALLEY_TIMER_STATUS_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (GALLEY_TIMER_STATUS_PAUSED, "paused"))

G_DEFINE_FINAL_TYPE (GalleyTimer, galley_timer, G_TYPE_OBJECT)

/* A kitchen timer longer than a week is a typo, and the bound
 * (GALLEY_TIMER_MAX_DURATION_MS) keeps every sum of times far from
 * overflowing. Anything later than GALLEY_TIMER_MAX_TIME_MS, the largest
 * Unix time in ms with the 15 digits of an HLC stamp, in a synced state is
 * garbage. */

#define KITCHEN_PREFIX "kitchen/"

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_DETAIL,
  PROP_STATUS,
  PROP_DURATION_MS,
  PROP_ENDS_AT,
  PROP_REMAINING_MS,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
is_valid_duration (gint64 duration_ms)
{
  return duration_ms > 0 && duration_ms <= GALLEY_TIMER_MAX_DURATION_MS;
}

/* A NULL stamp is a timer nobody has touched yet: older than any change. */
static gboolean
is_newer (const char *updated,
          const char *than)
{
  return updated != NULL && (than == NULL || strcmp (updated, than) > 0);
}

static void
galley_timer_finalize (GObject *object)
{
  GalleyTimer *self = (GalleyTimer *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (galley_timer_parent_class)->finalize (object);
}

static void
galley_timer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GalleyTimer *self = GALLEY_TIMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DURATION_MS:
      g_value_set_int64 (value, self->duration_ms);
      break;
    case PROP_ENDS_AT:
      g_value_set_int64 (value, self->ends_at);
      break;
    case PROP_REMAINING_MS:
      g_value_set_int64 (value, self->remaining_ms);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_timer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GalleyTimer *self = GALLEY_TIMER (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      galley_timer_set_label (self, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      galley_timer_set_detail (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_timer_class_init (GalleyTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_timer_finalize;
  object_class->get_property = galley_timer_get_property;
  object_class->set_property = galley_timer_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       GALLEY_TYPE_TIMER_STATUS, GALLEY_TIMER_STATUS_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DURATION_MS] =
    g_param_spec_int64 ("duration-ms", NULL, NULL, 0, GALLEY_TIMER_MAX_DURATION_MS, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENDS_AT] =
    g_param_spec_int64 ("ends-at", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REMAINING_MS] =
    g_param_spec_int64 ("remaining-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_timer_init (GalleyTimer *self)
{
  self->status = GALLEY_TIMER_STATUS_IDLE;
}

/**
 * galley_timer_new:
 * @id: the timer's id, see galley_timer_id_for_step() and
 *   galley_timer_id_for_kitchen()
 * @duration_ms: its full length, at most 7 days
 *
 * Returns: (transfer full): an idle timer, never changed (its updated
 *   stamp is %NULL, older than any change)
 */
GalleyTimer *
galley_timer_new (const char *id,
                  gint64      duration_ms)
{
  GalleyTimer *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (is_valid_duration (duration_ms), NULL);

  self = g_object_new (GALLEY_TYPE_TIMER, NULL);
  self->id = g_strdup (id);
  self->duration_ms = duration_ms;

  return self;
}

/**
 * galley_timer_id_for_step:
 * @recipe_id: the recipe's id, a UUID
 * @section: the section's index in the recipe
 * @step: the step's index in the section
 * @n: the timer's index in the step
 *
 * Returns: (transfer full): `<recipe id>/<section>.<step>.<n>`
 */
char *
galley_timer_id_for_step (const char *recipe_id,
                          guint       section,
                          guint       step,
                          guint       n)
{
  g_return_val_if_fail (recipe_id != NULL && g_uuid_string_is_valid (recipe_id), NULL);

  return g_strdup_printf ("%s/%u.%u.%u", recipe_id, section, step, n);
}

/**
 * galley_timer_id_for_kitchen:
 *
 * Returns: (transfer full): a new id for a free-standing kitchen timer,
 *   `kitchen/<uuid>`
 */
char *
galley_timer_id_for_kitchen (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat (KITCHEN_PREFIX, uuid, NULL);
}

/* Canonical decimal only ("0", "12", never "012", "+1", " 1"), so that an
 * id has exactly one spelling and two spellings never name two timers. */
static gboolean
parse_index (const char **text,
             guint       *value)
{
  const char *p = *text;
  guint64 v = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  if (*p == '0' && g_ascii_isdigit (p[1]))
    return FALSE;

  for (; g_ascii_isdigit (*p); p++)
    {
      v = v * 10 + g_ascii_digit_value (*p);
      if (v > G_MAXUINT)
        return FALSE;
    }

  *value = (guint)v;
  *text = p;
  return TRUE;
}

/**
 * galley_timer_id_parse_step:
 * @id: (nullable): a timer id
 * @recipe_id: (out) (optional) (transfer full): the recipe's id
 * @section: (out) (optional): the section's index
 * @step: (out) (optional): the step's index
 * @n: (out) (optional): the timer's index in the step
 *
 * Parses what galley_timer_id_for_step() makes, and nothing else.
 *
 * Returns: whether @id is a step timer's id
 */
gboolean
galley_timer_id_parse_step (const char  *id,
                            char       **recipe_id,
                            guint       *section,
                            guint       *step,
                            guint       *n)
{
  const char *slash;
  const char *p;
  g_autofree char *uuid = NULL;
  guint indices[3];

  if (id == NULL)
    return FALSE;

  slash = strchr (id, '/');
  if (slash == NULL)
    return FALSE;

  uuid = g_strndup (id, slash - id);
  if (!g_uuid_string_is_valid (uuid))
    return FALSE;

  p = slash + 1;
  for (guint i = 0; i < G_N_ELEMENTS (indices); i++)
    {
      if (i > 0 && *p++ != '.')
        return FALSE;
      if (!parse_index (&p, &indices[i]))
        return FALSE;
    }

  if (*p != '\0')
    return FALSE;

  if (recipe_id != NULL)
    *recipe_id = g_steal_pointer (&uuid);
  if (section != NULL)
    *section = indices[0];
  if (step != NULL)
    *step = indices[1];
  if (n != NULL)
    *n = indices[2];

  return TRUE;
}

const char *
galley_timer_get_id (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), NULL);

  return self->id;
}

const char *
galley_timer_get_label (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), NULL);

  return self->label;
}

void
galley_timer_set_label (GalleyTimer *self,
                        const char  *label)
{
  g_return_if_fail (GALLEY_IS_TIMER (self));

  if (set_string (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
galley_timer_get_detail (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), NULL);

  return self->detail;
}

void
galley_timer_set_detail (GalleyTimer *self,
                         const char  *detail)
{
  g_return_if_fail (GALLEY_IS_TIMER (self));

  if (set_string (&self->detail, detail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

GalleyTimerStatus
galley_timer_get_status (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), GALLEY_TIMER_STATUS_IDLE);

  return self->status;
}

gint64
galley_timer_get_duration_ms (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), 0);

  return self->duration_ms;
}

/**
 * galley_timer_get_ends_at:
 *
 * Returns: while running, the deadline in server-clock Unix ms; else 0
 */
gint64
galley_timer_get_ends_at (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), 0);

  return self->ends_at;
}

/**
 * galley_timer_get_remaining_ms:
 *
 * Returns: while paused, what is left; else 0 (see
 *   galley_timer_remaining_at() for what to show)
 */
gint64
galley_timer_get_remaining_ms (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), 0);

  return self->remaining_ms;
}

/**
 * galley_timer_get_updated:
 *
 * Returns: (nullable): the HLC stamp of the last change, %NULL if the
 *   timer was never changed
 */
const char *
galley_timer_get_updated (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), NULL);

  return self->updated;
}

/**
 * galley_timer_remaining_at:
 * @now_ms: the current time, in server-clock Unix ms
 *
 * Returns: what to show: the time left while running (negative once
 *   finished: how long it has been ringing), what is left while paused,
 *   the full duration while idle
 */
gint64
galley_timer_remaining_at (GalleyTimer *self,
                           gint64       now_ms)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), 0);

  switch (self->status)
    {
    case GALLEY_TIMER_STATUS_RUNNING:
      return self->ends_at - now_ms;
    case GALLEY_TIMER_STATUS_PAUSED:
      return self->remaining_ms;
    case GALLEY_TIMER_STATUS_IDLE:
    default:
      return self->duration_ms;
    }
}

/**
 * galley_timer_is_finished_at:
 * @now_ms: the current time, in server-clock Unix ms
 *
 * Returns: whether the timer is ringing: running, with its deadline
 *   reached
 */
gboolean
galley_timer_is_finished_at (GalleyTimer *self,
                             gint64       now_ms)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);

  return self->status == GALLEY_TIMER_STATUS_RUNNING && self->ends_at <= now_ms;
}

gboolean
galley_timer_is_active (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);

  return self->status != GALLEY_TIMER_STATUS_IDLE;
}

static gboolean
set_int64 (GalleyTimer *self,
           gint64      *field,
           gint64       value,
           guint        prop_id)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

/* Sets the whole run state, notifying each property that really changes.
 * Returns whether anything but the stamp changed. */
static gboolean
set_run_state (GalleyTimer       *self,
               GalleyTimerStatus  status,
               gint64             duration_ms,
               gint64             ends_at,
               gint64             remaining_ms)
{
  gboolean changed = FALSE;

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      changed = TRUE;
    }

  /* Bitwise or: every field is set, whatever the others did. */
  changed |= set_int64 (self, &self->duration_ms, duration_ms, PROP_DURATION_MS);
  changed |= set_int64 (self, &self->ends_at, ends_at, PROP_ENDS_AT);
  changed |= set_int64 (self, &self->remaining_ms, remaining_ms, PROP_REMAINING_MS);

  return changed;
}

static void
set_updated (GalleyTimer *self,
             const char  *updated)
{
  if (set_string (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/* The common end of every action: the new state is applied and stamped only
 * if it differs, and the "notify" signals of one change are emitted after
 * it is complete, so a handler never sees half of it. */
static gboolean
change_run_state (GalleyTimer       *self,
                  GalleyTimerStatus  status,
                  gint64             duration_ms,
                  gint64             ends_at,
                  gint64             remaining_ms,
                  const char        *updated)
{
  gboolean changed;

  g_object_freeze_notify (G_OBJECT (self));

  changed = set_run_state (self, status, duration_ms, ends_at, remaining_ms);
  if (changed)
    set_updated (self, updated);

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/* A local change must be stamped later than the state it replaces, or every
 * other device would keep the state it replaced. The HLC guarantees it as
 * long as it has observed every stamp applied to the timer. */
#define return_if_stale(self, updated) \
  G_STMT_START { \
    g_return_val_if_fail (galley_hlc_parse (updated, NULL, NULL, NULL), FALSE); \
    g_return_val_if_fail (is_newer (updated, self->updated), FALSE); \
  } G_STMT_END

/**
 * galley_timer_start:
 * @now_ms: the current time, in server-clock Unix ms
 * @updated: the HLC stamp of the change, newer than the timer's
 *
 * Starts an idle timer for its duration.
 *
 * Returns: whether the timer started (it was idle)
 */
gboolean
galley_timer_start (GalleyTimer *self,
                    gint64       now_ms,
                    const char  *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);
  return_if_stale (self, updated);

  if (self->status != GALLEY_TIMER_STATUS_IDLE)
    return FALSE;

  return change_run_state (self, GALLEY_TIMER_STATUS_RUNNING, self->duration_ms,
                           now_ms + self->duration_ms, 0, updated);
}

/**
 * galley_timer_pause:
 * @now_ms: the current time, in server-clock Unix ms
 * @updated: the HLC stamp of the change, newer than the timer's
 *
 * Pauses a running timer that has not finished: a ringing timer is
 * dismissed or given more time, not paused at zero.
 *
 * Returns: whether the timer paused
 */
gboolean
galley_timer_pause (GalleyTimer *self,
                    gint64       now_ms,
                    const char  *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);
  return_if_stale (self, updated);

  if (self->status != GALLEY_TIMER_STATUS_RUNNING ||
      galley_timer_is_finished_at (self, now_ms))
    return FALSE;

  return change_run_state (self, GALLEY_TIMER_STATUS_PAUSED, self->duration_ms,
                           0, self->ends_at - now_ms, updated);
}

/**
 * galley_timer_resume:
 * @now_ms: the current time, in server-clock Unix ms
 * @updated: the HLC stamp of the change, newer than the timer's
 *
 * Returns: whether the timer resumed (it was paused)
 */
gboolean
galley_timer_resume (GalleyTimer *self,
                     gint64       now_ms,
                     const char  *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);
  return_if_stale (self, updated);

  if (self->status != GALLEY_TIMER_STATUS_PAUSED)
    return FALSE;

  return change_run_state (self, GALLEY_TIMER_STATUS_RUNNING, self->duration_ms,
                           now_ms + self->remaining_ms, 0, updated);
}

/**
 * galley_timer_reset:
 * @updated: the HLC stamp of the change, newer than the timer's
 *
 * Stops a running (also a ringing) or paused timer; it keeps its duration.
 *
 * Returns: whether the timer was active
 */
gboolean
galley_timer_reset (GalleyTimer *self,
                    const char  *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);
  return_if_stale (self, updated);

  if (self->status == GALLEY_TIMER_STATUS_IDLE)
    return FALSE;

  return change_run_state (self, GALLEY_TIMER_STATUS_IDLE, self->duration_ms,
                           0, 0, updated);
}

/**
 * galley_timer_add:
 * @ms: the time to add, > 0 and at most 7 days
 * @now_ms: the current time, in server-clock Unix ms
 * @updated: the HLC stamp of the change, newer than the timer's
 *
 * Gives a running or paused timer more time. On a ringing timer it counts
 * from now: "+1 minute" on a timer that rang a while ago means one more
 * minute, not a deadline still in the past.
 *
 * Returns: whether time was added (the timer was active)
 */
gboolean
galley_timer_add (GalleyTimer *self,
                  gint64       ms,
                  gint64       now_ms,
                  const char  *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);
  g_return_val_if_fail (is_valid_duration (ms), FALSE);
  return_if_stale (self, updated);

  switch (self->status)
    {
    case GALLEY_TIMER_STATUS_RUNNING:
      {
        gint64 from = galley_timer_is_finished_at (self, now_ms) ? now_ms : self->ends_at;

        return change_run_state (self, GALLEY_TIMER_STATUS_RUNNING, self->duration_ms,
                                 from + ms, 0, updated);
      }

    case GALLEY_TIMER_STATUS_PAUSED:
      return change_run_state (self, GALLEY_TIMER_STATUS_PAUSED, self->duration_ms,
                               0, self->remaining_ms + ms, updated);

    case GALLEY_TIMER_STATUS_IDLE:
    default:
      return FALSE;
    }
}

/**
 * galley_timer_dismiss:
 * @now_ms: the current time, in server-clock Unix ms
 * @updated: the HLC stamp of the change, newer than the timer's
 *
 * Silences a ringing timer, which becomes idle.
 *
 * Returns: whether the timer was ringing
 */
gboolean
galley_timer_dismiss (GalleyTimer *self,
                      gint64       now_ms,
                      const char  *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);
  return_if_stale (self, updated);

  if (!galley_timer_is_finished_at (self, now_ms))
    return FALSE;

  return change_run_state (self, GALLEY_TIMER_STATUS_IDLE, self->duration_ms,
                           0, 0, updated);
}

/**
 * galley_timer_set_duration:
 * @duration_ms: the new full length, > 0 and at most 7 days
 * @updated: the HLC stamp of the change, newer than the timer's
 *
 * Changes the length of an idle timer, such as picking the end of a
 * "40–45 minutes" range before starting it. A running or paused timer is
 * changed with galley_timer_add() instead.
 *
 * Returns: whether the duration changed
 */
gboolean
galley_timer_set_duration (GalleyTimer *self,
                           gint64       duration_ms,
                           const char  *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);
  g_return_val_if_fail (is_valid_duration (duration_ms), FALSE);
  return_if_stale (self, updated);

  if (self->status != GALLEY_TIMER_STATUS_IDLE)
    return FALSE;

  return change_run_state (self, GALLEY_TIMER_STATUS_IDLE, duration_ms, 0, 0, updated);
}

static gboolean
is_consistent_state (GalleyTimerStatus status,
                     gint64            duration_ms,
                     gint64            ends_at,
                     gint64            remaining_ms)
{
  if (!is_valid_duration (duration_ms))
    return FALSE;

  switch (status)
    {
    case GALLEY_TIMER_STATUS_IDLE:
      return ends_at == 0 && remaining_ms == 0;
    case GALLEY_TIMER_STATUS_RUNNING:
      return ends_at > 0 && ends_at <= GALLEY_TIMER_MAX_TIME_MS && remaining_ms == 0;
    case GALLEY_TIMER_STATUS_PAUSED:
      return ends_at == 0 && remaining_ms > 0 && remaining_ms <= GALLEY_TIMER_MAX_TIME_MS;
    default:
      return FALSE;
    }
}

/**
 * galley_timer_apply_state:
 * @status: the new status
 * @duration_ms: the new duration
 * @ends_at: the new deadline while running, else 0
 * @remaining_ms: what is left while paused, else 0
 * @updated: the HLC stamp of that state
 *
 * Applies a state received from another device or the server, if it is
 * newer than the timer's (last writer wins) and consistent. Applying the
 * same state twice changes nothing the second time.
 *
 * Returns: whether the state was applied
 */
gboolean
galley_timer_apply_state (GalleyTimer       *self,
                          GalleyTimerStatus  status,
                          gint64             duration_ms,
                          gint64             ends_at,
                          gint64             remaining_ms,
                          const char        *updated)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), FALSE);

  if (!galley_hlc_parse (updated, NULL, NULL, NULL))
    return FALSE;

  if (!is_newer (updated, self->updated))
    return FALSE;

  if (!is_consistent_state (status, duration_ms, ends_at, remaining_ms))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  set_run_state (self, status, duration_ms, ends_at, remaining_ms);
  set_updated (self, updated);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * galley_timer_get_notified_ends_at:
 *
 * Returns: the deadline the user was last told about (0 if none)
 */
gint64
galley_timer_get_notified_ends_at (GalleyTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER (self), 0);

  return self->notified_ends_at;
}

void
galley_timer_set_notified_ends_at (GalleyTimer *self,
                                   gint64       ends_at)
{
  g_return_if_fail (GALLEY_IS_TIMER (self));

  self->notified_ends_at = ends_at;
}

/**
 * galley_timer_status_to_string:
 *
 * Returns: the status as the sync protocol spells it
 */
const char *
galley_timer_status_to_string (GalleyTimerStatus status)
{
  switch (status)
    {
    case GALLEY_TIMER_STATUS_IDLE:
      return "idle";
    case GALLEY_TIMER_STATUS_RUNNING:
      return "running";
    case GALLEY_TIMER_STATUS_PAUSED:
      return "paused";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * galley_timer_status_from_string:
 * @text: (nullable): "idle", "running" or "paused"
 * @status: (out) (optional): the status
 *
 * Returns: whether @text is a status
 */
gboolean
galley_timer_status_from_string (const char        *text,
                                 GalleyTimerStatus *status)
{
  static const GalleyTimerStatus all[] = {
    GALLEY_TIMER_STATUS_IDLE,
    GALLEY_TIMER_STATUS_RUNNING,
    GALLEY_TIMER_STATUS_PAUSED,
  };

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (strcmp (text, galley_timer_status_to_string (all[i])) == 0)
        {
          if (status != NULL)
            *status = all[i];
          return TRUE;
        }
    }

  return FALSE;
}
