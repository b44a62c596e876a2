/* galley-recipe.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-ingredient.h"
#include "galley-section.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_RECIPE (galley_recipe_get_type ())

G_DECLARE_FINAL_TYPE (GalleyRecipe, galley_recipe, GALLEY, RECIPE, GObject)

GalleyRecipe       *galley_recipe_new             (void);
const char         *galley_recipe_get_id          (GalleyRecipe     *self);
void                galley_recipe_set_id          (GalleyRecipe     *self,
                                                   const char       *id);
const char         *galley_recipe_get_title       (GalleyRecipe     *self);
void                galley_recipe_set_title       (GalleyRecipe     *self,
                                                   const char       *title);
guint               galley_recipe_get_servings    (GalleyRecipe     *self);
void                galley_recipe_set_servings    (GalleyRecipe     *self,
                                                   guint             servings);
const char         *galley_recipe_get_source_url  (GalleyRecipe     *self);
void                galley_recipe_set_source_url  (GalleyRecipe     *self,
                                                   const char       *source_url);
const char * const *galley_recipe_get_tags        (GalleyRecipe     *self);
void                galley_recipe_set_tags        (GalleyRecipe     *self,
                                                   const char * const *tags);
void                galley_recipe_add_tag         (GalleyRecipe     *self,
                                                   const char       *tag);
gint64              galley_recipe_get_prep_time_s (GalleyRecipe     *self);
void                galley_recipe_set_prep_time_s (GalleyRecipe     *self,
                                                   gint64            seconds);
gint64              galley_recipe_get_cook_time_s (GalleyRecipe     *self);
void                galley_recipe_set_cook_time_s (GalleyRecipe     *self,
                                                   gint64            seconds);
const char         *galley_recipe_get_image       (GalleyRecipe     *self);
void                galley_recipe_set_image       (GalleyRecipe     *self,
                                                   const char       *image);
const char         *galley_recipe_get_updated     (GalleyRecipe     *self);
void                galley_recipe_set_updated     (GalleyRecipe     *self,
                                                   const char       *updated);
gint64              galley_recipe_get_rev         (GalleyRecipe     *self);
void                galley_recipe_set_rev         (GalleyRecipe     *self,
                                                   gint64            rev);
GPtrArray          *galley_recipe_get_ingredients (GalleyRecipe     *self);
void                galley_recipe_add_ingredient  (GalleyRecipe     *self,
                                                   GalleyIngredient *ingredient);
GPtrArray          *galley_recipe_get_sections    (GalleyRecipe     *self);
void                galley_recipe_add_section     (GalleyRecipe     *self,
                                                   GalleySection    *section);
guint               galley_recipe_count_steps     (GalleyRecipe     *self);

G_END_DECLS
