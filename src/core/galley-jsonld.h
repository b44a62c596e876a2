/* galley-jsonld.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-recipe.h"

G_BEGIN_DECLS

GalleyRecipe *galley_jsonld_parse        (const char  *json,
                                          gsize        length,
                                          GPtrArray  **warnings,
                                          GError     **error);
GalleyRecipe *galley_jsonld_parse_html   (const char  *html,
                                          gsize        length,
                                          GPtrArray  **warnings,
                                          GError     **error);
gboolean      galley_iso8601_duration_parse (const char *text,
                                             gint64     *seconds);

G_END_DECLS
