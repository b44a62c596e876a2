/* galley-step.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-step-timer.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_STEP (galley_step_get_type ())

G_DECLARE_FINAL_TYPE (GalleyStep, galley_step, GALLEY, STEP, GObject)

GalleyStep *galley_step_new          (const char      *text);
const char *galley_step_get_text     (GalleyStep      *self);
GPtrArray  *galley_step_get_timers   (GalleyStep      *self);
gboolean    galley_step_add_timer    (GalleyStep      *self,
                                      GalleyStepTimer *timer);
gboolean    galley_step_is_covered   (GalleyStep      *self,
                                      guint            start,
                                      guint            end);

G_END_DECLS
