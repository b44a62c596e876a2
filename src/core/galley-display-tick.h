/* galley-display-tick.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "galley-timer-manager.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_DISPLAY_TICK (galley_display_tick_get_type ())

G_DECLARE_FINAL_TYPE (GalleyDisplayTick, galley_display_tick, GALLEY, DISPLAY_TICK, GObject)

GalleyDisplayTick  *galley_display_tick_new         (GalleyTimerManager *manager);
GalleyTimerManager *galley_display_tick_get_manager (GalleyDisplayTick  *self);
void                galley_display_tick_hold        (GalleyDisplayTick  *self);
void                galley_display_tick_release     (GalleyDisplayTick  *self);
void                galley_display_tick_set_held    (GalleyDisplayTick  *self,
                                                     gboolean           *held,
                                                     gboolean            want);

G_END_DECLS
