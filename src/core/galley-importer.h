/* galley-importer.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "galley-recipe.h"

G_BEGIN_DECLS

/* Largest recipe file Galley reads, the same limit as the server's bodies. */
#define GALLEY_IMPORT_MAX_BYTES (1024 * 1024)
/* Recipe pages carry far more than the recipe (scripts, styles, ads); only
 * their JSON-LD is kept, so a page may be larger than a recipe file. */
#define GALLEY_IMPORT_MAX_HTML_BYTES (8 * 1024 * 1024)

typedef enum
{
  GALLEY_RECIPE_FORMAT_UNKNOWN,
  GALLEY_RECIPE_FORMAT_COOKLANG,
  GALLEY_RECIPE_FORMAT_JSONLD,
  GALLEY_RECIPE_FORMAT_HTML,
  GALLEY_RECIPE_FORMAT_RECIPE_JSON,
} GalleyRecipeFormat;

GalleyRecipeFormat  galley_recipe_format_guess (const char          *filename,
                                                const char          *content_type,
                                                const char          *data,
                                                gsize                length);
GalleyRecipe       *galley_import_recipe       (const char          *data,
                                                gsize                length,
                                                GalleyRecipeFormat   format,
                                                const char          *fallback_title,
                                                GPtrArray          **warnings,
                                                GError             **error);
GalleyRecipe       *galley_import_file         (GFile               *file,
                                                GCancellable        *cancellable,
                                                GPtrArray          **warnings,
                                                GError             **error);

G_END_DECLS
