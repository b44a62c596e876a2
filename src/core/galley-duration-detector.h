/* galley-duration-detector.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-step.h"

G_BEGIN_DECLS

GPtrArray *galley_detect_durations   (const char *text);
guint      galley_step_detect_timers (GalleyStep *step);
char      *galley_timer_label_for    (const char *text,
                                      guint       start);

G_END_DECLS
