/* galley-duration-format.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-duration-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "galley-duration-format.h"

/* Durations as people read them: short for buttons ("1 h 15 min"), long for
 * screen readers and notifications ("1 hour 15 minutes"). A range prints as
 * "40–45 min". Seconds only show in durations under ten minutes, where they
 * matter. */

static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **)parts->pdata);
}

static char *
format_short (gint64 seconds)
{
  guint days = seconds / 86400;
  guint hours = (seconds % 86400) / 3600;
  guint minutes = (seconds % 3600) / 60;
  guint rest = seconds % 60;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (days > 0)
    /* Translators: a number of days, abbreviated */
    g_ptr_array_add (parts, g_strdup_printf (_("%u d"), days));
  if (hours > 0)
    /* Translators: a number of hours, abbreviated */
    g_ptr_array_add (parts, g_strdup_printf (_("%u h"), hours));
  if (minutes > 0)
    /* Translators: a number of minutes, abbreviated */
    g_ptr_array_add (parts, g_strdup_printf (_("%u min"), minutes));
  if (rest > 0 && seconds < 600)
    /* Translators: a number of seconds, abbreviated */
    g_ptr_array_add (parts, g_strdup_printf (_("%u s"), rest));

  return join_parts (parts);
}

static char *
format_long (gint64 seconds)
{
  guint days = seconds / 86400;
  guint hours = (seconds % 86400) / 3600;
  guint minutes = (seconds % 3600) / 60;
  guint rest = seconds % 60;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (days > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day",
                                                       "%u days", days), days));
  if (hours > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour",
                                                       "%u hours", hours), hours));
  if (minutes > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                       "%u minutes", minutes), minutes));
  if (rest > 0 && seconds < 600)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second",
                                                       "%u seconds", rest), rest));
  return join_parts (parts);
}

/**
 * galley_duration_format_short:
 * @seconds: a duration
 * @max_seconds: the end of a range, or @seconds (or 0) for none
 *
 * Returns: (transfer full): e.g. "45 min", "1 h 30 min", "40–45 min"
 */
char *
galley_duration_format_short (gint64 seconds,
                              gint64 max_seconds)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  g_return_val_if_fail (seconds >= 0, NULL);

  if (seconds == 0)
    /* Translators: a duration of zero minutes, abbreviated */
    return g_strdup (_("0 min"));

  if (max_seconds <= seconds)
    return format_short (seconds);

  /* "40–45 min" reads better than "40 min–45 min" when both are minutes. */
  if (seconds < 3600 && max_seconds < 3600 && seconds % 60 == 0 && max_seconds % 60 == 0)
    /* Translators: a range of minutes, abbreviated, e.g. "40–45 min" */
    return g_strdup_printf (_("%u–%u min"),
                            (guint) (seconds / 60), (guint) (max_seconds / 60));

  low = format_short (seconds);
  high = format_short (max_seconds);
  return g_strdup_printf ("%s–%s", low, high);
}

/**
 * galley_duration_format_long:
 *
 * Returns: (transfer full): e.g. "45 minutes", "1 hour 30 minutes",
 *   "40 to 45 minutes"
 */
char *
galley_duration_format_long (gint64 seconds,
                             gint64 max_seconds)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  g_return_val_if_fail (seconds >= 0, NULL);

  if (seconds == 0)
    return g_strdup (_("0 minutes"));

  if (max_seconds <= seconds)
    return format_long (seconds);

  low = format_long (seconds);
  high = format_long (max_seconds);
  /* Translators: a range of durations, e.g. "40 minutes to 45 minutes" */
  return g_strdup_printf (_("%s to %s"), low, high);
}

/**
 * galley_duration_format_countdown:
 * @remaining_ms: time left; zero or less when the timer is done
 *
 * A countdown shows whole seconds rounded up, so it reads 0:01 for the last
 * second and 0:00 only once the time is up.
 *
 * Returns: (transfer full): "m:ss" under an hour, "h:mm:ss" from an hour on
 */
char *
galley_duration_format_countdown (gint64 remaining_ms)
{
  gint64 seconds = remaining_ms > 0 ? (remaining_ms + 999) / 1000 : 0;

  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", (guint) (seconds / 3600),
                            (guint) (seconds % 3600 / 60), (guint) (seconds % 60));

  return g_strdup_printf ("%u:%02u", (guint) (seconds / 60), (guint) (seconds % 60));
}
