/* galley-cooking-view.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "galley-display-tick.h"
#include "galley-recipe.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_COOKING_VIEW (galley_cooking_view_get_type ())

G_DECLARE_FINAL_TYPE (GalleyCookingView, galley_cooking_view, GALLEY, COOKING_VIEW, AdwBin)

GtkWidget *galley_cooking_view_new      (GalleyDisplayTick *tick,
                                         GalleyRecipe      *recipe,
                                         guint              step_number);
guint      galley_cooking_view_get_step (GalleyCookingView *self);
void       galley_cooking_view_set_step (GalleyCookingView *self,
                                         guint              step_number);

G_END_DECLS
