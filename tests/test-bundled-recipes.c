/* test-bundled-recipes.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-bundled-recipes.h"

/* The recipes a new user meets first, read by the real importer and
 * detector, and the promise that they are added once and only once. */

typedef struct
{
  guint recipes;
  guint steps_without_time;
  guint steps_with_several_timers;
  guint ranges;
  guint seconds_timers;
  guint hour_timers;
  guint overnight_timers;
  guint named_sections;
} Coverage;

static void
count_recipe (GalleyRecipe *recipe,
              Coverage     *coverage)
{
  GPtrArray *sections = galley_recipe_get_sections (recipe);

  coverage->recipes++;

  for (guint i = 0; i < sections->len; i++)
    {
      GalleySection *section = g_ptr_array_index (sections, i);
      GPtrArray *steps = galley_section_get_steps (section);

      if (galley_section_get_name (section) != NULL)
        coverage->named_sections++;

      for (guint j = 0; j < steps->len; j++)
        {
          GPtrArray *timers = galley_step_get_timers (g_ptr_array_index (steps, j));

          if (timers->len == 0)
            coverage->steps_without_time++;
          if (timers->len > 1)
            coverage->steps_with_several_timers++;

          for (guint k = 0; k < timers->len; k++)
            {
              GalleyStepTimer *timer = g_ptr_array_index (timers, k);
              gint64 seconds = galley_step_timer_get_seconds (timer);

              /* Every timer can be announced by what it is for. */
              g_assert_nonnull (galley_step_timer_get_label (timer));
              g_assert_cmpstr (galley_step_timer_get_label (timer), !=, "");

              if (galley_step_timer_is_range (timer))
                coverage->ranges++;
              if (seconds < 60)
                coverage->seconds_timers++;
              if (seconds >= 3600)
                coverage->hour_timers++;
              if (seconds >= 8 * 3600)
                coverage->overnight_timers++;
            }
        }
    }
}

static void
test_all_recipes_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipes = galley_bundled_recipes_load (GALLEY_BUNDLED_RECIPES_PATH, &error);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Coverage coverage = { 0 };

  g_assert_no_error (error);

  for (guint i = 0; i < recipes->len; i++)
    {
      GalleyRecipe *recipe = g_ptr_array_index (recipes, i);

      g_test_message ("%s", galley_recipe_get_title (recipe));
      g_assert_true (g_hash_table_add (ids, (gpointer) galley_recipe_get_id (recipe)));
      g_assert_cmpuint (galley_recipe_count_steps (recipe), >, 0);
      g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, >, 0);
      g_assert_cmpuint (galley_recipe_get_servings (recipe), >, 0);
      count_recipe (recipe, &coverage);
    }

  /* What the bundled collection promises to show off (data/recipes/README.md). */
  g_assert_cmpuint (coverage.recipes, >=, 15);
  g_assert_cmpuint (coverage.steps_without_time, >, 0);
  g_assert_cmpuint (coverage.steps_with_several_timers, >, 0);
  g_assert_cmpuint (coverage.ranges, >, 0);
  g_assert_cmpuint (coverage.seconds_timers, >, 0);
  g_assert_cmpuint (coverage.hour_timers, >, 0);
  g_assert_cmpuint (coverage.overnight_timers, >, 0);
  g_assert_cmpuint (coverage.named_sections, >, 0);
}

static void
test_stable_ids (void)
{
  g_autoptr(GPtrArray) first = galley_bundled_recipes_load (GALLEY_BUNDLED_RECIPES_PATH, NULL);
  g_autoptr(GPtrArray) second = galley_bundled_recipes_load (GALLEY_BUNDLED_RECIPES_PATH, NULL);

  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (galley_recipe_get_id (g_ptr_array_index (first, i)), ==,
                     galley_recipe_get_id (g_ptr_array_index (second, i)));
}

static void
test_seeded_once (void)
{
  g_autofree char *path = galley_library_default_path ();
  g_autoptr(GalleyLibrary) library = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  guint bundled;
  char *deleted_id;

  library = galley_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 0);

  g_assert_true (galley_bundled_recipes_seed (library, &error));
  g_assert_no_error (error);
  bundled = galley_library_count_recipes (library);
  g_assert_cmpuint (bundled, >=, 15);

  /* A later start adds nothing. */
  g_assert_true (galley_bundled_recipes_seed (library, &error));
  g_assert_cmpuint (galley_library_count_recipes (library), ==, bundled);

  /* A bundled recipe the user deleted stays deleted. */
  summaries = galley_library_list_summaries (library, &error);
  g_assert_no_error (error);
  deleted_id = g_strdup (galley_recipe_summary_get_id (g_ptr_array_index (summaries, 0)));
  g_assert_true (galley_library_delete_recipe (library, deleted_id, &error));
  g_clear_object (&library);

  library = galley_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (galley_bundled_recipes_seed (library, &error));
  g_assert_cmpuint (galley_library_count_recipes (library), ==, bundled - 1);
  g_free (deleted_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bundled-recipes/all-read", test_all_recipes_read);
  g_test_add_func ("/bundled-recipes/stable-ids", test_stable_ids);
  g_test_add_func ("/bundled-recipes/seeded-once", test_seeded_once);

  return g_test_run ();
}
