/* test-recipe-json.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-error.h"
#include "galley-recipe-json.h"

/* The design card's example, as the server and other devices send it (with
 * the timer span corrected: "40–45 minutes" is characters 25 to 38). */
static const char *example_json =
  "{\"id\": \"0b9c3c1e-4a57-4c43-9b0e-1f0f5e0d2a11\", \"title\": \"Roasted vegetables\","
  " \"servings\": 4, \"source_url\": null, \"tags\": [\"vegetarian\"],"
  " \"prep_time_s\": 900, \"cook_time_s\": 2700, \"image\": null,"
  " \"ingredients\": [{\"name\": \"carrots\", \"quantity\": \"4\", \"unit\": null, \"note\": \"cut in sticks\"}],"
  " \"sections\": [{\"name\": null, \"steps\": ["
  "   {\"text\": \"Roast the vegetables for 40–45 minutes, turning once.\","
  "    \"timers\": [{\"start\": 25, \"end\": 38, \"text\": \"40–45 minutes\","
  "                \"seconds\": 2400, \"max_seconds\": 2700, \"label\": \"Roast the vegetables\"}]}]}],"
  " \"updated\": \"001732500000123-0000-5f0c\", \"rev\": 17}";

static void
test_reads_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = galley_recipe_from_json (example_json, -1, &error);
  GalleyIngredient *carrots;
  GalleySection *section;
  GalleyStep *step;
  GalleyStepTimer *timer;
  g_autofree char *span = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Roasted vegetables");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 4);
  g_assert_null (galley_recipe_get_source_url (recipe));
  g_assert_cmpstr (galley_recipe_get_tags (recipe)[0], ==, "vegetarian");
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 900);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 2700);
  g_assert_cmpint (galley_recipe_get_rev (recipe), ==, 17);

  carrots = g_ptr_array_index (galley_recipe_get_ingredients (recipe), 0);
  g_assert_cmpstr (galley_ingredient_get_name (carrots), ==, "carrots");
  g_assert_cmpstr (galley_ingredient_get_quantity (carrots), ==, "4");
  g_assert_null (galley_ingredient_get_unit (carrots));
  g_assert_cmpstr (galley_ingredient_get_note (carrots), ==, "cut in sticks");

  section = g_ptr_array_index (galley_recipe_get_sections (recipe), 0);
  g_assert_null (galley_section_get_name (section));
  step = g_ptr_array_index (galley_section_get_steps (section), 0);
  timer = g_ptr_array_index (galley_step_get_timers (step), 0);
  g_assert_true (galley_step_timer_is_range (timer));
  g_assert_cmpint (galley_step_timer_get_seconds (timer), ==, 2400);
  g_assert_cmpint (galley_step_timer_get_max_seconds (timer), ==, 2700);
  g_assert_cmpstr (galley_step_timer_get_label (timer), ==, "Roast the vegetables");

  /* Offsets count characters: the en dash is one, though three bytes. */
  span = g_utf8_substring (galley_step_get_text (step),
                           galley_step_timer_get_start (timer),
                           galley_step_timer_get_end (timer));
  g_assert_cmpstr (span, ==, "40–45 minutes");

  g_assert_finalize_object (g_steal_pointer (&recipe));
}

static GalleyRecipe *
build_recipe (void)
{
  GalleyRecipe *recipe = galley_recipe_new ();
  g_autoptr(GalleyIngredient) flour = galley_ingredient_new ("flour", "500", "g", NULL);
  g_autoptr(GalleyIngredient) salt = galley_ingredient_new ("salt", NULL, NULL, NULL);
  g_autoptr(GalleySection) dough = galley_section_new ("Dough");
  g_autoptr(GalleySection) bake = galley_section_new (NULL);
  g_autoptr(GalleyStep) knead = galley_step_new ("Knead for 10 minutes, then rest 1 hour.");
  g_autoptr(GalleyStep) shape = galley_step_new ("Shape the loaf.");
  g_autoptr(GalleyStepTimer) knead_timer = galley_step_timer_new (9, 19, "10 minutes", 600, 600, "Knead");
  g_autoptr(GalleyStepTimer) rest_timer = galley_step_timer_new (32, 38, "1 hour", 3600, 3600, "Rest");
  const char *tags[] = { "bread", "crème fraîche", NULL };

  galley_recipe_set_id (recipe, "3f2f8c4e-0000-4000-8000-000000000001");
  galley_recipe_set_title (recipe, "Pain de campagne « maison »");
  galley_recipe_set_servings (recipe, 8);
  galley_recipe_set_source_url (recipe, "https://example.org/bread");
  galley_recipe_set_tags (recipe, tags);
  galley_recipe_set_cook_time_s (recipe, 2700);
  galley_recipe_set_updated (recipe, "001732500000123-0000-device");
  galley_recipe_set_rev (recipe, 3);
  galley_recipe_add_ingredient (recipe, flour);
  galley_recipe_add_ingredient (recipe, salt);
  g_assert_true (galley_step_add_timer (knead, rest_timer));
  g_assert_true (galley_step_add_timer (knead, knead_timer));
  galley_section_add_step (dough, knead);
  galley_section_add_step (bake, shape);
  galley_recipe_add_section (recipe, dough);
  galley_recipe_add_section (recipe, bake);

  return recipe;
}

static void
test_round_trip (void)
{
  g_autoptr(GalleyRecipe) recipe = build_recipe ();
  g_autoptr(GalleyRecipe) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = galley_recipe_to_json (recipe, FALSE);
  g_autofree char *json_again = NULL;
  g_autofree char *pretty = galley_recipe_to_json (recipe, TRUE);
  g_autoptr(GalleyRecipe) from_pretty = NULL;
  GalleyStep *knead;

  copy = galley_recipe_from_json (json, -1, &error);
  g_assert_no_error (error);
  json_again = galley_recipe_to_json (copy, FALSE);
  g_assert_cmpstr (json, ==, json_again);

  /* Timers come back in text order whatever order they were added in. */
  knead = g_ptr_array_index (galley_section_get_steps (g_ptr_array_index (galley_recipe_get_sections (copy), 0)), 0);
  g_assert_cmpstr (galley_step_timer_get_label (g_ptr_array_index (galley_step_get_timers (knead), 0)), ==, "Knead");
  g_assert_cmpuint (galley_recipe_count_steps (copy), ==, 2);
  g_assert_cmpuint (galley_recipe_get_servings (copy), ==, 8);
  g_assert_null (galley_recipe_get_image (copy));
  g_assert_cmpint (galley_recipe_get_prep_time_s (copy), ==, 0);

  from_pretty = galley_recipe_from_json (pretty, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&json_again, g_free);
  json_again = galley_recipe_to_json (from_pretty, FALSE);
  g_assert_cmpstr (json, ==, json_again);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&from_pretty));
  g_assert_finalize_object (g_steal_pointer (&recipe));
}

static void
test_unknown_fields_are_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe =
    galley_recipe_from_json ("{\"title\": \"Toast\", \"future_field\": [1, {\"x\": 2}]}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Toast");
  g_assert_null (galley_recipe_get_id (recipe));
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 0);
}

static void
test_rejects_bad_input (void)
{
  /* Each bad document, and the field its error message must name. */
  static const struct {
    const char *json;
    int code;
    const char *mentions;
  } cases[] = {
    { "", GALLEY_IMPORT_ERROR_INVALID, NULL },
    { "[]", GALLEY_IMPORT_ERROR_INVALID, NULL },
    { "{\"title\": 3}", GALLEY_IMPORT_ERROR_INVALID, "title" },
    { "{}", GALLEY_IMPORT_ERROR_INVALID, "title" },
    { "{\"title\": \"\"}", GALLEY_IMPORT_ERROR_INVALID, "title" },
    { "{\"title\": \"x\", \"servings\": -2}", GALLEY_IMPORT_ERROR_INVALID, "servings" },
    { "{\"title\": \"x\", \"servings\": \"4\"}", GALLEY_IMPORT_ERROR_INVALID, "servings" },
    { "{\"title\": \"x\", \"tags\": \"a\"}", GALLEY_IMPORT_ERROR_INVALID, "tags" },
    { "{\"title\": \"x\", \"tags\": [1]}", GALLEY_IMPORT_ERROR_INVALID, "tags[0]" },
    { "{\"title\": \"x\", \"ingredients\": [{}]}", GALLEY_IMPORT_ERROR_INVALID, "ingredients[0]" },
    { "{\"title\": \"x\", \"sections\": [{\"steps\": [{\"text\": 1}]}]}", GALLEY_IMPORT_ERROR_INVALID, "sections[0].steps[0].text" },
    { "{\"title\": \"x\", \"sections\": [{\"steps\": [{\"text\": \"ab\", \"timers\": "
      "[{\"start\": 0, \"end\": 9, \"text\": \"ab\", \"seconds\": 60}]}]}]}", GALLEY_IMPORT_ERROR_INVALID, "outside" },
    { "{\"title\": \"x\", \"sections\": [{\"steps\": [{\"text\": \"ab\", \"timers\": "
      "[{\"start\": 0, \"end\": 1, \"text\": \"a\", \"seconds\": 0}]}]}]}", GALLEY_IMPORT_ERROR_INVALID, "timers[0]" },
    { "{\"title\": \"x\", \"sections\": [{\"steps\": [{\"text\": \"ab\", \"timers\": "
      "[{\"start\": 0, \"end\": 1, \"text\": \"a\", \"seconds\": 99999999}]}]}]}", GALLEY_IMPORT_ERROR_INVALID, "seconds" },
    { "{\"title\": \"x\"", GALLEY_IMPORT_ERROR_INVALID, "JSON" },
    { "{\"title\": \"\xff\"}", GALLEY_IMPORT_ERROR_INVALID, "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyRecipe) recipe = galley_recipe_from_json (cases[i].json, -1, &error);

      g_test_message ("case %u", i);
      g_assert_null (recipe);
      g_assert_error (error, GALLEY_IMPORT_ERROR, cases[i].code);
      if (cases[i].mentions)
        g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }
}

static void
test_rejects_deep_nesting (void)
{
  const gsize depth = 100000;
  g_autoptr(GString) json = g_string_new ("{\"title\": \"x\", \"extra\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');

  recipe = galley_recipe_from_json (json->str, json->len, &error);
  g_assert_null (recipe);
  g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_DEEP);
}

/* json-glib also reads single-quoted strings and C comments: a '"' inside
 * one must not hide the brackets after it from the depth check. */
static void
test_rejects_disguised_nesting (void)
{
  static const char * const prefixes[] = {
    "{\"title\": \"x\", \"a\": ['\"', ",
    "{\"title\": \"x\", \"a\": [/*\"*/ ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(GString) json = g_string_new (prefixes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyRecipe) recipe = NULL;

      for (guint j = 0; j < 100000; j++)
        g_string_append_c (json, '[');

      recipe = galley_recipe_from_json (json->str, json->len, &error);
      g_assert_null (recipe);
      g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_DEEP);
    }
}

static void
test_rejects_two_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe =
    galley_recipe_from_json ("{\"title\": \"x\"} {\"title\": \"y\"}", -1, &error);

  /* json-glib would parse both, keep the last and leak the first. */
  g_assert_null (recipe);
  g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/recipe-json/reads-example", test_reads_example);
  g_test_add_func ("/recipe-json/round-trip", test_round_trip);
  g_test_add_func ("/recipe-json/unknown-fields", test_unknown_fields_are_ignored);
  g_test_add_func ("/recipe-json/rejects-bad-input", test_rejects_bad_input);
  g_test_add_func ("/recipe-json/rejects-deep-nesting", test_rejects_deep_nesting);
  g_test_add_func ("/recipe-json/rejects-disguised-nesting", test_rejects_disguised_nesting);
  g_test_add_func ("/recipe-json/rejects-two-values", test_rejects_two_values);

  return g_test_run ();
}
