/* test-importer.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "galley-error.h"
#include "galley-importer.h"
#include "galley-recipe-json.h"

/* The one way recipes come in: format detection, the timers every step
 * gets, and the refusals a user sees as a toast. */

static void
test_format_guess (void)
{
  static const struct {
    const char *filename;
    const char *content_type;
    const char *data;
    GalleyRecipeFormat format;
  } cases[] = {
    { "pancakes.cook", NULL, "Mix @flour{200%g}.", GALLEY_RECIPE_FORMAT_COOKLANG },
    { "PANCAKES.COOK", NULL, "{}", GALLEY_RECIPE_FORMAT_COOKLANG },
    { "soup.jsonld", NULL, "{\"@type\": \"Recipe\"}", GALLEY_RECIPE_FORMAT_JSONLD },
    { "soup.html", NULL, "<html>", GALLEY_RECIPE_FORMAT_HTML },
    { "soup.htm", NULL, "<html>", GALLEY_RECIPE_FORMAT_HTML },
    { "soup.json", NULL, "{\"@context\": \"https://schema.org\", \"@type\": \"Recipe\"}", GALLEY_RECIPE_FORMAT_JSONLD },
    { "soup.json", NULL, "[{\"@type\": \"Recipe\"}]", GALLEY_RECIPE_FORMAT_JSONLD },
    { "soup.json", NULL, "{\"title\": \"Soup\", \"sections\": []}", GALLEY_RECIPE_FORMAT_RECIPE_JSON },
    { "soup.json", NULL, "\xEF\xBB\xBF  {\"title\": \"Soup\", \"sections\": []}", GALLEY_RECIPE_FORMAT_RECIPE_JSON },
    { NULL, "text/html; charset=utf-8", "{}", GALLEY_RECIPE_FORMAT_HTML },
    { NULL, "application/ld+json", "<", GALLEY_RECIPE_FORMAT_JSONLD },
    { NULL, "text/x-cooklang", "{", GALLEY_RECIPE_FORMAT_COOKLANG },
    { NULL, NULL, "  <!DOCTYPE html>", GALLEY_RECIPE_FORMAT_HTML },
    { NULL, NULL, "Boil the @eggs{2}.", GALLEY_RECIPE_FORMAT_COOKLANG },
    { "notes.txt", NULL, "Boil the eggs for 6 minutes.", GALLEY_RECIPE_FORMAT_COOKLANG },
    { NULL, NULL, "   \n\t", GALLEY_RECIPE_FORMAT_UNKNOWN },
    { NULL, NULL, "", GALLEY_RECIPE_FORMAT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (galley_recipe_format_guess (cases[i].filename, cases[i].content_type,
                                                   cases[i].data, strlen (cases[i].data)),
                       ==, cases[i].format);
    }
}

static GalleyRecipe *
import_text (const char          *text,
             GalleyRecipeFormat   format,
             GError             **error)
{
  return galley_import_recipe (text, strlen (text), format, "Fallback", NULL, error);
}

static GalleyStep *
first_step (GalleyRecipe *recipe)
{
  GalleySection *section = g_ptr_array_index (galley_recipe_get_sections (recipe), 0);

  return g_ptr_array_index (galley_section_get_steps (section), 0);
}

static void
test_explicit_timers_win (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe =
    import_text ("Boil the @eggs{2} for ~soft{6%minutes}, then cool them for 2 minutes.",
                 GALLEY_RECIPE_FORMAT_COOKLANG, &error);
  GPtrArray *timers;
  GalleyStepTimer *boil, *cool;

  g_assert_no_error (error);
  timers = galley_step_get_timers (first_step (recipe));
  g_assert_cmpuint (timers->len, ==, 2);

  /* The explicit timer keeps its own name; the detector adds the other. */
  boil = g_ptr_array_index (timers, 0);
  g_assert_cmpint (galley_step_timer_get_seconds (boil), ==, 360);
  g_assert_cmpstr (galley_step_timer_get_label (boil), ==, "Soft");
  cool = g_ptr_array_index (timers, 1);
  g_assert_cmpint (galley_step_timer_get_seconds (cool), ==, 120);
  g_assert_nonnull (galley_step_timer_get_label (cool));
  g_assert_nonnull (galley_recipe_get_id (recipe));
  g_assert_true (g_uuid_string_is_valid (galley_recipe_get_id (recipe)));
}

static void
test_unnamed_explicit_timer_gets_label (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe =
    import_text ("Simmer the sauce for ~{20%minutes}.", GALLEY_RECIPE_FORMAT_COOKLANG, &error);
  GalleyStepTimer *timer;

  g_assert_no_error (error);
  timer = g_ptr_array_index (galley_step_get_timers (first_step (recipe)), 0);
  g_assert_cmpstr (galley_step_timer_get_label (timer), ==, "Simmer the sauce");
}

static void
test_jsonld_steps_get_timers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe =
    import_text ("{\"@context\": \"https://schema.org\", \"@type\": \"Recipe\", \"name\": \"Rice\","
                 " \"recipeInstructions\": [\"Rinse the rice.\", \"Cook for 10–12 minutes, then rest 5 minutes.\"]}",
                 GALLEY_RECIPE_FORMAT_JSONLD, &error);
  GalleySection *section;
  GalleyStep *cook;
  GalleyStepTimer *timer;

  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Rice");
  section = g_ptr_array_index (galley_recipe_get_sections (recipe), 0);
  g_assert_cmpuint (galley_step_get_timers (g_ptr_array_index (galley_section_get_steps (section), 0))->len, ==, 0);
  cook = g_ptr_array_index (galley_section_get_steps (section), 1);
  g_assert_cmpuint (galley_step_get_timers (cook)->len, ==, 2);
  timer = g_ptr_array_index (galley_step_get_timers (cook), 0);
  g_assert_cmpint (galley_step_timer_get_seconds (timer), ==, 600);
  g_assert_cmpint (galley_step_timer_get_max_seconds (timer), ==, 720);
  g_assert_cmpstr (galley_step_timer_get_label (timer), ==, "Cook");
}

static void
test_recipe_json_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe =
    import_text ("---\ntitle: Toast\nservings: 2\n---\nToast the @bread{2%slices} for 2–3 minutes.",
                 GALLEY_RECIPE_FORMAT_COOKLANG, &error);
  g_autofree char *json = galley_recipe_to_json (recipe, FALSE);
  g_autoptr(GalleyRecipe) again = NULL;
  g_autofree char *json_again = NULL;

  g_assert_no_error (error);
  again = import_text (json, GALLEY_RECIPE_FORMAT_RECIPE_JSON, &error);
  g_assert_no_error (error);

  /* Nothing is detected twice and the id is kept: importing an export
   * gives the same recipe. */
  json_again = galley_recipe_to_json (again, FALSE);
  g_assert_cmpstr (json, ==, json_again);
}

static void
test_refusals (void)
{
  static const struct {
    const char *text;
    GalleyRecipeFormat format;
    int code;
  } cases[] = {
    { "", GALLEY_RECIPE_FORMAT_UNKNOWN, GALLEY_IMPORT_ERROR_UNKNOWN_FORMAT },
    { "{\"title\": \"Empty\", \"sections\": []}", GALLEY_RECIPE_FORMAT_RECIPE_JSON, GALLEY_IMPORT_ERROR_NO_RECIPE },
    { "{\"@type\": \"Person\", \"name\": \"Ada\"}", GALLEY_RECIPE_FORMAT_JSONLD, GALLEY_IMPORT_ERROR_NO_RECIPE },
    { "<html><body>No recipe</body></html>", GALLEY_RECIPE_FORMAT_HTML, GALLEY_IMPORT_ERROR_NO_RECIPE },
    { "{\"title\": ", GALLEY_RECIPE_FORMAT_RECIPE_JSON, GALLEY_IMPORT_ERROR_INVALID },
    { "Boil \xff\xfe the eggs.", GALLEY_RECIPE_FORMAT_COOKLANG, GALLEY_IMPORT_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyRecipe) recipe = import_text (cases[i].text, cases[i].format, &error);

      g_test_message ("case %u", i);
      g_assert_null (recipe);
      g_assert_error (error, GALLEY_IMPORT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_too_large (void)
{
  gsize size = GALLEY_IMPORT_MAX_BYTES + 1;
  g_autofree char *big = g_malloc (size);
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;

  memset (big, 'a', size);
  recipe = galley_import_recipe (big, size, GALLEY_RECIPE_FORMAT_COOKLANG, NULL, NULL, &error);
  g_assert_null (recipe);
  g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_LARGE);
}

static void
test_huge_file_is_not_read (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "huge.cook", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  FILE *stream;

  /* A sparse 1 GiB file: reading it would be slow and huge; refusing it by
   * its size is instant. */
  stream = fopen (path, "w");
  g_assert_nonnull (stream);
  g_assert_cmpint (fseek (stream, 1024 * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('x', stream);
  fclose (stream);

  recipe = galley_import_file (file, NULL, NULL, &error);
  g_assert_null (recipe);
  g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.cook"));
  g_unlink (path);
}

static void
test_import_files (void)
{
  static const struct {
    const char *name;
    const char *title;
  } files[] = {
    { "web-soup.html", "Weeknight Lentil Soup" },
    { "importer-untitled-stew.cook", "Importer untitled stew" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", files[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyRecipe) recipe = galley_import_file (file, NULL, NULL, &error);

      g_assert_no_error (error);
      /* A Cooklang file without a title is named after the file. */
      g_assert_cmpstr (galley_recipe_get_title (recipe), ==, files[i].title);
      g_assert_cmpuint (galley_recipe_count_steps (recipe), >, 0);
    }
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/recipe.cook");
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = galley_import_file (file, NULL, NULL, &error);

  g_assert_null (recipe);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/importer/format-guess", test_format_guess);
  g_test_add_func ("/importer/explicit-timers-win", test_explicit_timers_win);
  g_test_add_func ("/importer/unnamed-explicit-timer-gets-label", test_unnamed_explicit_timer_gets_label);
  g_test_add_func ("/importer/jsonld-steps-get-timers", test_jsonld_steps_get_timers);
  g_test_add_func ("/importer/recipe-json-round-trip", test_recipe_json_round_trip);
  g_test_add_func ("/importer/refusals", test_refusals);
  g_test_add_func ("/importer/too-large", test_too_large);
  g_test_add_func ("/importer/huge-file-is-not-read", test_huge_file_is_not_read);
  g_test_add_func ("/importer/import-files", test_import_files);
  g_test_add_func ("/importer/missing-file", test_missing_file);

  return g_test_run ();
}
