/* galley-timer-button.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "galley-display-tick.h"
#include "galley-recipe.h"
#include "galley-timer-manager.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_TIMER_BUTTON (galley_timer_button_get_type ())

G_DECLARE_FINAL_TYPE (GalleyTimerButton, galley_timer_button, GALLEY, TIMER_BUTTON, GtkWidget)

GtkWidget  *galley_timer_button_new          (GalleyTimerManager *manager,
                                              GalleyDisplayTick  *tick,
                                              const char         *timer_id,
                                              const char         *label,
                                              const char         *detail,
                                              gint64              seconds,
                                              gint64              max_seconds);
GtkWidget  *galley_timer_button_new_for_step (GalleyTimerManager *manager,
                                              GalleyDisplayTick  *tick,
                                              GalleyRecipe       *recipe,
                                              guint               section_index,
                                              guint               step_index,
                                              guint               timer_index,
                                              guint               step_number);
const char *galley_timer_button_get_timer_id (GalleyTimerButton  *self);
void        galley_timer_button_toggle       (GalleyTimerButton  *self);

G_END_DECLS
