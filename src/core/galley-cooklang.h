/* galley-cooklang.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-recipe.h"

G_BEGIN_DECLS

GalleyRecipe *galley_cooklang_parse (const char  *text,
                                     gsize        length,
                                     const char  *fallback_title,
                                     GPtrArray  **warnings,
                                     GError     **error);

G_END_DECLS
