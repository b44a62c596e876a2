/* galley-recipe-view.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "galley-display-tick.h"
#include "galley-recipe.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_RECIPE_VIEW (galley_recipe_view_get_type ())

G_DECLARE_FINAL_TYPE (GalleyRecipeView, galley_recipe_view, GALLEY, RECIPE_VIEW, AdwBin)

GtkWidget    *galley_recipe_view_new        (GalleyDisplayTick *tick);
GalleyRecipe *galley_recipe_view_get_recipe (GalleyRecipeView *self);
gboolean      galley_recipe_view_scroll_to_step (GalleyRecipeView *self,
                                                 guint             section_index,
                                                 guint             step_index);
void          galley_recipe_view_set_recipe (GalleyRecipeView *self,
                                             GalleyRecipe     *recipe);

G_END_DECLS
