/* galley-recipe-view.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "galley-recipe.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_RECIPE_VIEW (galley_recipe_view_get_type ())

G_DECLARE_FINAL_TYPE (GalleyRecipeView, galley_recipe_view, GALLEY, RECIPE_VIEW, AdwBin)

GalleyRecipe *galley_recipe_view_get_recipe (GalleyRecipeView *self);
void          galley_recipe_view_set_recipe (GalleyRecipeView *self,
                                             GalleyRecipe     *recipe);

G_END_DECLS
