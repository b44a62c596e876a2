/* galley-bundled-recipes.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-library.h"

G_BEGIN_DECLS

#define GALLEY_BUNDLED_RECIPES_PATH "/io/github/galleykitchen/Galley/recipes"

GPtrArray *galley_bundled_recipes_load (const char     *resource_path,
                                        GError        **error);
gboolean   galley_bundled_recipes_seed (GalleyLibrary  *library,
                                        GError        **error);

G_END_DECLS
