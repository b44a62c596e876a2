/* galley-hlc.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-hlc"

#include <string.h>

#include "galley-hlc.h"

/* A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks and
 * Consistent Snapshots in Globally Distributed Databases", 2014): stamps
 * that stay close to the wall clock, never go backwards even when the wall
 * clock does, and order every change after the changes it has seen. The
 * timers' last-writer-wins register compares them.
 *
 * The text form, `<physical ms, 15 digits>-<counter, 4 hex digits>-<device
 * id>`, is fixed-width up to the device id, so strcmp() orders stamps by
 * physical time, then counter, then device id: the server, the database
 * and the client compare them as plain strings. Two devices never produce
 * equal stamps because their device ids differ. Fifteen digits of
 * milliseconds last until the year 33658. */

#define PHYSICAL_DIGITS 15
#define COUNTER_DIGITS 4
#define MAX_COUNTER 0xffff

struct _GalleyHlc
{
  GObject parent_instance;

  GalleyClock *clock;
  char *device_id;
  gint64 offset_ms;

  /* The HLC paper's l and c: the largest physical time seen, and the
   * count of events at that time. */
  gint64 last_ms;
  guint counter;
};

G_DEFINE_FINAL_TYPE (GalleyHlc, galley_hlc, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_DEVICE_ID,
  PROP_OFFSET_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_device_id_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

static gboolean
is_valid_device_id (const char *device_id)
{
  if (device_id == NULL || *device_id == '\0')
    return FALSE;

  for (const char *p = device_id; *p != '\0'; p++)
    {
      if (!is_device_id_char (*p))
        return FALSE;
    }

  return TRUE;
}

static void
galley_hlc_finalize (GObject *object)
{
  GalleyHlc *self = (GalleyHlc *)object;

  g_clear_object (&self->clock);
  g_clear_pointer (&self->device_id, g_free);

  G_OBJECT_CLASS (galley_hlc_parent_class)->finalize (object);
}

static void
galley_hlc_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GalleyHlc *self = GALLEY_HLC (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_DEVICE_ID:
      g_value_set_string (value, self->device_id);
      break;
    case PROP_OFFSET_MS:
      g_value_set_int64 (value, self->offset_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_hlc_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GalleyHlc *self = GALLEY_HLC (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_DEVICE_ID:
      self->device_id = g_value_dup_string (value);
      break;
    case PROP_OFFSET_MS:
      galley_hlc_set_offset_ms (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_hlc_class_init (GalleyHlcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_hlc_finalize;
  object_class->get_property = galley_hlc_get_property;
  object_class->set_property = galley_hlc_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, GALLEY_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEVICE_ID] =
    g_param_spec_string ("device-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * GalleyHlc:offset-ms:
   *
   * Added to the clock's wall time to get the physical time: the sync
   * client's estimate of how far the server's clock is ahead of ours.
   */
  properties[PROP_OFFSET_MS] =
    g_param_spec_int64 ("offset-ms", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_hlc_init (GalleyHlc *self)
{
  /* Before any physical time, so that even a clock reading 0 gives a
   * first stamp with counter 0. */
  self->last_ms = -1;
}

/**
 * galley_hlc_new:
 * @clock: the clock giving the physical time
 * @device_id: this device's id (a UUID): letters, digits and dashes
 *
 * Returns: (transfer full): a new hybrid logical clock
 */
GalleyHlc *
galley_hlc_new (GalleyClock *clock,
                const char  *device_id)
{
  g_return_val_if_fail (GALLEY_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (is_valid_device_id (device_id), NULL);

  return g_object_new (GALLEY_TYPE_HLC,
                       "clock", clock,
                       "device-id", device_id,
                       NULL);
}

const char *
galley_hlc_get_device_id (GalleyHlc *self)
{
  g_return_val_if_fail (GALLEY_IS_HLC (self), NULL);

  return self->device_id;
}

/**
 * galley_hlc_get_offset_ms:
 *
 * Returns: how far the physical time is ahead of the clock's wall time:
 *   the wall time plus this is "now" on the server's clock
 */
gint64
galley_hlc_get_offset_ms (GalleyHlc *self)
{
  g_return_val_if_fail (GALLEY_IS_HLC (self), 0);

  return self->offset_ms;
}

/**
 * galley_hlc_set_offset_ms:
 * @offset_ms: the sync client's estimate of the server's clock minus ours
 *
 * The stamps never go backwards, even when a new estimate is smaller.
 */
void
galley_hlc_set_offset_ms (GalleyHlc *self,
                          gint64     offset_ms)
{
  g_return_if_fail (GALLEY_IS_HLC (self));

  if (self->offset_ms == offset_ms)
    return;

  self->offset_ms = offset_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_MS]);
}

static gint64
physical_now (GalleyHlc *self)
{
  gint64 pt = galley_clock_get_wall_ms (self->clock) + self->offset_ms;

  /* A clock before 1970 cannot be written in the format; the logical part
   * keeps the stamps increasing anyway. */
  return MAX (pt, 0);
}

/* Past 0xffff events in one millisecond the counter no longer fits its
 * four digits; borrowing the next millisecond keeps every stamp unique and
 * increasing, at the cost of running 1 ms ahead of the physical clock
 * (which the next tick of the physical clock absorbs). */
static void
handle_counter_overflow (GalleyHlc *self)
{
  if (self->counter > MAX_COUNTER)
    {
      self->last_ms++;
      self->counter = 0;
    }
}

static char *
format_now (GalleyHlc *self)
{
  return g_strdup_printf ("%0*" G_GINT64_FORMAT "-%0*x-%s",
                          PHYSICAL_DIGITS, self->last_ms,
                          COUNTER_DIGITS, self->counter,
                          self->device_id);
}

/**
 * galley_hlc_now:
 *
 * Stamps a local event (a change made on this device, a message sent).
 * Every call returns a stamp greater than every stamp returned or observed
 * before, whatever the wall clock does.
 *
 * Returns: (transfer full): the stamp
 */
char *
galley_hlc_now (GalleyHlc *self)
{
  gint64 pt;

  g_return_val_if_fail (GALLEY_IS_HLC (self), NULL);

  pt = physical_now (self);

  if (pt > self->last_ms)
    {
      self->last_ms = pt;
      self->counter = 0;
    }
  else
    {
      self->counter++;
      handle_counter_overflow (self);
    }

  return format_now (self);
}

/**
 * galley_hlc_observe:
 * @remote: a stamp received from another device or the server
 *
 * Moves the clock past @remote, so that the next galley_hlc_now() is
 * greater than it: a change made here after seeing a remote change wins
 * over it.
 *
 * Returns: %FALSE, changing nothing, if @remote is not a valid stamp
 */
gboolean
galley_hlc_observe (GalleyHlc  *self,
                    const char *remote)
{
  gint64 remote_ms;
  guint remote_counter;
  gint64 pt;
  gint64 old_ms;

  g_return_val_if_fail (GALLEY_IS_HLC (self), FALSE);

  if (!galley_hlc_parse (remote, &remote_ms, &remote_counter, NULL))
    return FALSE;

  pt = physical_now (self);
  old_ms = self->last_ms;
  self->last_ms = MAX (MAX (old_ms, remote_ms), pt);

  if (self->last_ms == old_ms && self->last_ms == remote_ms)
    self->counter = MAX (self->counter, remote_counter) + 1;
  else if (self->last_ms == old_ms)
    self->counter++;
  else if (self->last_ms == remote_ms)
    self->counter = remote_counter + 1;
  else
    self->counter = 0;

  handle_counter_overflow (self);

  return TRUE;
}

/**
 * galley_hlc_parse:
 * @text: (nullable): a stamp
 * @physical_ms: (out) (optional): its physical time, in Unix milliseconds
 * @counter: (out) (optional): its counter
 * @device_id: (out) (optional) (transfer none): its device id, pointing
 *   into @text
 *
 * Strict: exactly 15 decimal digits, a dash, exactly 4 lowercase hex
 * digits, a dash and a non-empty device id of ASCII letters, digits and
 * dashes. Anything else would break the plain-text ordering.
 *
 * Returns: whether @text is a valid stamp
 */
gboolean
galley_hlc_parse (const char  *text,
                  gint64      *physical_ms,
                  guint       *counter,
                  const char **device_id)
{
  gint64 ms = 0;
  guint c = 0;
  const char *p = text;

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < PHYSICAL_DIGITS; i++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      ms = ms * 10 + g_ascii_digit_value (*p);
    }

  if (*p++ != '-')
    return FALSE;

  for (guint i = 0; i < COUNTER_DIGITS; i++, p++)
    {
      /* Uppercase would sort before lowercase and break the order. */
      if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
        return FALSE;
      c = c * 16 + g_ascii_xdigit_value (*p);
    }

  if (*p++ != '-')
    return FALSE;

  if (!is_valid_device_id (p))
    return FALSE;

  if (physical_ms != NULL)
    *physical_ms = ms;
  if (counter != NULL)
    *counter = c;
  if (device_id != NULL)
    *device_id = p;

  return TRUE;
}
