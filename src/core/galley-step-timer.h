/* galley-step-timer.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GALLEY_TYPE_STEP_TIMER (galley_step_timer_get_type ())

G_DECLARE_FINAL_TYPE (GalleyStepTimer, galley_step_timer, GALLEY, STEP_TIMER, GObject)

GalleyStepTimer *galley_step_timer_new             (guint            start,
                                                    guint            end,
                                                    const char      *text,
                                                    gint64           seconds,
                                                    gint64           max_seconds,
                                                    const char      *label);
guint            galley_step_timer_get_start       (GalleyStepTimer *self);
guint            galley_step_timer_get_end         (GalleyStepTimer *self);
const char      *galley_step_timer_get_text        (GalleyStepTimer *self);
gint64           galley_step_timer_get_seconds     (GalleyStepTimer *self);
gint64           galley_step_timer_get_max_seconds (GalleyStepTimer *self);
gboolean         galley_step_timer_is_range        (GalleyStepTimer *self);
const char      *galley_step_timer_get_label       (GalleyStepTimer *self);
void             galley_step_timer_set_label       (GalleyStepTimer *self,
                                                    const char      *label);

G_END_DECLS
