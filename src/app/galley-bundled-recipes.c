/* galley-bundled-recipes.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-bundled-recipes"

#include "config.h"

#include <string.h>

#include "galley-bundled-recipes.h"
#include "galley-importer.h"

/* The recipes in data/recipes/ are compiled into the app's GResource and
 * copied into the library on first run, so a new user has something to cook
 * before they import anything. */

#define SEEDED_KEY "bundled-recipes-seeded"

/* A bundled recipe's id is derived from its file name, the same on every
 * device: seeding twice, or on two devices of one kitchen, never makes two
 * copies of one recipe. */
static char *
bundled_recipe_id (const char *name)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);

  /* Shaped as a version-8 (custom) UUID so it reads like every other id. */
  return g_strdup_printf ("%.8s-%.4s-8%.3s-8%.3s-%.12s",
                          digest, digest + 8, digest + 12, digest + 15, digest + 18);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * galley_bundled_recipes_load:
 * @resource_path: where the .cook files are in the GResource
 *
 * Returns: (transfer full) (element-type GalleyRecipe): the bundled recipes,
 *   with stable ids, in file name order
 */
GPtrArray *
galley_bundled_recipes_load (const char  *resource_path,
                             GError     **error)
{
  g_autoptr(GPtrArray) recipes = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (resource_path != NULL, NULL);

  names = g_resources_enumerate_children (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;

  g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_names, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", resource_path, names[i], NULL);
      g_autofree char *id = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GalleyRecipe) recipe = NULL;
      const char *data;
      gsize length;

      if (!g_str_has_suffix (names[i], ".cook"))
        continue;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;

      data = g_bytes_get_data (bytes, &length);
      recipe = galley_import_recipe (data, length, GALLEY_RECIPE_FORMAT_COOKLANG,
                                     names[i], NULL, error);
      if (recipe == NULL)
        {
          g_prefix_error (error, "%s: ", names[i]);
          return NULL;
        }

      id = bundled_recipe_id (names[i]);
      galley_recipe_set_id (recipe, id);
      g_ptr_array_add (recipes, g_steal_pointer (&recipe));
    }

  return g_steal_pointer (&recipes);
}

/**
 * galley_bundled_recipes_seed:
 *
 * Adds the bundled recipes to @library the first time it is called for that
 * library, and never again.
 *
 * Returns: %TRUE unless the library could not be written
 */
gboolean
galley_bundled_recipes_seed (GalleyLibrary  *library,
                             GError        **error)
{
  g_autoptr(GPtrArray) recipes = NULL;
  g_autofree char *seeded = NULL;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (library), FALSE);

  seeded = galley_library_get_meta (library, SEEDED_KEY);
  if (seeded != NULL)
    return TRUE;

  recipes = galley_bundled_recipes_load (GALLEY_BUNDLED_RECIPES_PATH, error);
  if (recipes == NULL)
    return FALSE;

  if (!galley_library_insert_new_recipes (library, recipes, NULL, error))
    return FALSE;

  return galley_library_set_meta (library, SEEDED_KEY, PACKAGE_VERSION, error);
}
