/* galley-timer-presentation.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-timer.h"

G_BEGIN_DECLS

/* How a timer looks at one moment, worked out once for every widget that
 * shows timers, so the step's button, the Timers panel and cooking mode
 * always agree. */
typedef struct
{
  gboolean active;
  gboolean ringing;
  gboolean paused;
  char *text;          /* "12:34", "Done", or the duration when idle */
  const char *icon;    /* a symbolic icon name */
  char *state;         /* for screen readers: "running, 12 minutes left" */
  double fraction;     /* of the duration gone, 0 to 1 */
} GalleyTimerPresentation;

void galley_timer_presentation_init  (GalleyTimerPresentation *self,
                                      GalleyTimer             *timer,
                                      gint64                   now_ms,
                                      gint64                   idle_seconds,
                                      gint64                   idle_max_seconds);
void galley_timer_presentation_clear (GalleyTimerPresentation *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GalleyTimerPresentation, galley_timer_presentation_clear)

/* What of a look changes with the timer's state rather than every second:
 * a widget redoes its controls only when this differs from what it shows.
 * Never 0, so 0 can stand for "nothing shown yet". */
static inline guint
galley_timer_presentation_get_phase (const GalleyTimerPresentation *self)
{
  return 1 | (self->active ? 2 : 0) | (self->ringing ? 4 : 0) | (self->paused ? 8 : 0);
}

G_END_DECLS
