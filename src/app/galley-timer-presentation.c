/* galley-timer-presentation.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timer-presentation"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "galley-duration-format.h"
#include "galley-timer-presentation.h"

/**
 * galley_timer_presentation_init:
 * @timer: (nullable): the timer, or %NULL for one never started
 * @now_ms: the time to show it at
 * @idle_seconds: what an idle timer shows: its duration, or the shortest
 *   end of a range
 * @idle_max_seconds: the longest end of the range, or @idle_seconds
 */
void
galley_timer_presentation_init (GalleyTimerPresentation *self,
                                GalleyTimer             *timer,
                                gint64                   now_ms,
                                gint64                   idle_seconds,
                                gint64                   idle_max_seconds)
{
  gint64 remaining;

  memset (self, 0, sizeof *self);

  self->active = timer != NULL && galley_timer_is_active (timer);
  if (!self->active)
    {
      self->text = galley_duration_format_short (idle_seconds, idle_max_seconds);
      self->icon = "alarm-symbolic";
      self->state = g_strdup (_("not started"));
      return;
    }

  self->ringing = galley_timer_is_finished_at (timer, now_ms);
  self->paused = galley_timer_get_status (timer) == GALLEY_TIMER_STATUS_PAUSED;
  remaining = galley_timer_remaining_at (timer, now_ms);

  if (self->ringing)
    {
      gint64 late_minutes = -remaining / 60000;

      self->icon = "alarm-symbolic";
      self->fraction = 1.0;
      if (late_minutes >= 1)
        {
          /* A timer that rang while nobody looked says since when. */
          self->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Done %u min ago",
                                                     "Done %u min ago", late_minutes),
                                        (guint) late_minutes);
          self->state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "done %u minute ago, ringing",
                                                      "done %u minutes ago, ringing", late_minutes),
                                         (guint) late_minutes);
        }
      else
        {
          self->text = g_strdup (_("Done"));
          self->state = g_strdup (_("done, ringing"));
        }
      return;
    }

  {
    g_autofree char *left = galley_duration_format_long (MAX (1, (remaining + 999) / 1000), 0);

    self->text = galley_duration_format_countdown (remaining);
    self->icon = self->paused ? "media-playback-pause-symbolic" : "alarm-symbolic";
    /* Translators: %s is the time left, e.g. "12 minutes 30 seconds" */
    self->state = g_strdup_printf (self->paused ? _("paused, %s left") : _("running, %s left"), left);
    self->fraction = CLAMP (1.0 - (double) remaining / MAX (galley_timer_get_duration_ms (timer), 1), 0, 1);
  }
}

void
galley_timer_presentation_clear (GalleyTimerPresentation *self)
{
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->state, g_free);
}
