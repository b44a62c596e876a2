/* galley-recipe-json.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "galley-recipe.h"

G_BEGIN_DECLS

JsonNode     *galley_recipe_to_json_node   (GalleyRecipe *recipe);
char         *galley_recipe_to_json        (GalleyRecipe *recipe,
                                            gboolean      pretty);
GalleyRecipe *galley_recipe_from_json_node (JsonNode     *node,
                                            GError      **error);
GalleyRecipe *galley_recipe_from_json      (const char   *json,
                                            gssize        length,
                                            GError      **error);

G_END_DECLS
