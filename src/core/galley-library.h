/* galley-library.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "galley-recipe.h"
#include "galley-recipe-summary.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_LIBRARY (galley_library_get_type ())

G_DECLARE_FINAL_TYPE (GalleyLibrary, galley_library, GALLEY, LIBRARY, GObject)

char          *galley_library_default_path  (void);
GalleyLibrary *galley_library_open          (const char     *path,
                                             GError        **error);
const char    *galley_library_get_path      (GalleyLibrary  *self);
gboolean       galley_library_save_recipe   (GalleyLibrary  *self,
                                             GalleyRecipe   *recipe,
                                             GError        **error);
gboolean       galley_library_save_recipes  (GalleyLibrary  *self,
                                             GPtrArray      *recipes,
                                             GError        **error);
gboolean       galley_library_insert_new_recipes (GalleyLibrary *self,
                                                  GPtrArray     *recipes,
                                                  guint         *n_inserted,
                                                  GError       **error);
GalleyRecipe  *galley_library_load_recipe   (GalleyLibrary  *self,
                                             const char     *id,
                                             GError        **error);
gboolean       galley_library_delete_recipe (GalleyLibrary  *self,
                                             const char     *id,
                                             GError        **error);
guint          galley_library_count_recipes (GalleyLibrary  *self);
GPtrArray     *galley_library_list_summaries (GalleyLibrary *self,
                                              GError       **error);
GPtrArray     *galley_library_list_summaries_range (GalleyLibrary *self,
                                                    guint          offset,
                                                    int            limit,
                                                    GError       **error);
GPtrArray     *galley_library_search        (GalleyLibrary  *self,
                                             const char     *query,
                                             GError        **error);
char          *galley_library_get_meta      (GalleyLibrary  *self,
                                             const char     *key);
gboolean       galley_library_set_meta      (GalleyLibrary  *self,
                                             const char     *key,
                                             const char     *value,
                                             GError        **error);

G_END_DECLS
