/* galley-ingredient.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GALLEY_TYPE_INGREDIENT (galley_ingredient_get_type ())

G_DECLARE_FINAL_TYPE (GalleyIngredient, galley_ingredient, GALLEY, INGREDIENT, GObject)

GalleyIngredient *galley_ingredient_new          (const char       *name,
                                                  const char       *quantity,
                                                  const char       *unit,
                                                  const char       *note);
const char       *galley_ingredient_get_name     (GalleyIngredient *self);
const char       *galley_ingredient_get_quantity (GalleyIngredient *self);
const char       *galley_ingredient_get_unit     (GalleyIngredient *self);
const char       *galley_ingredient_get_note     (GalleyIngredient *self);

G_END_DECLS
