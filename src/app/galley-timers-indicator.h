/* galley-timers-indicator.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "galley-display-tick.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_TIMERS_INDICATOR (galley_timers_indicator_get_type ())

G_DECLARE_FINAL_TYPE (GalleyTimersIndicator, galley_timers_indicator, GALLEY, TIMERS_INDICATOR, GtkWidget)

GtkWidget *galley_timers_indicator_new   (GalleyDisplayTick     *tick);
void       galley_timers_indicator_popup (GalleyTimersIndicator *self);

G_END_DECLS
