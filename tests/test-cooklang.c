/* test-cooklang.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "galley-cooklang.h"
#include "galley-error.h"

static GalleyRecipe *
parse_ok (const char  *text,
          GPtrArray  **warnings)
{
  g_autoptr(GError) error = NULL;
  GalleyRecipe *recipe;

  recipe = galley_cooklang_parse (text, strlen (text), NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_true (GALLEY_IS_RECIPE (recipe));

  return recipe;
}

static GalleyRecipe *
parse_file (const char  *name,
            GPtrArray  **warnings)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  GalleyRecipe *recipe;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  recipe = galley_cooklang_parse (contents, length, NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_true (GALLEY_IS_RECIPE (recipe));

  return recipe;
}

static GalleySection *
get_section (GalleyRecipe *recipe,
             guint         index)
{
  GPtrArray *sections = galley_recipe_get_sections (recipe);

  g_assert_cmpuint (index, <, sections->len);
  return g_ptr_array_index (sections, index);
}

static GalleyStep *
get_step (GalleyRecipe *recipe,
          guint         section,
          guint         index)
{
  GPtrArray *steps = galley_section_get_steps (get_section (recipe, section));

  g_assert_cmpuint (index, <, steps->len);
  return g_ptr_array_index (steps, index);
}

static const char *
step_text (GalleyRecipe *recipe,
           guint         section,
           guint         index)
{
  return galley_step_get_text (get_step (recipe, section, index));
}

static void
assert_ingredient (GalleyRecipe *recipe,
                   guint         index,
                   const char   *name,
                   const char   *quantity,
                   const char   *unit,
                   const char   *note)
{
  GPtrArray *ingredients = galley_recipe_get_ingredients (recipe);
  GalleyIngredient *ingredient;

  g_assert_cmpuint (index, <, ingredients->len);
  ingredient = g_ptr_array_index (ingredients, index);
  g_assert_cmpstr (galley_ingredient_get_name (ingredient), ==, name);
  g_assert_cmpstr (galley_ingredient_get_quantity (ingredient), ==, quantity);
  g_assert_cmpstr (galley_ingredient_get_unit (ingredient), ==, unit);
  g_assert_cmpstr (galley_ingredient_get_note (ingredient), ==, note);
}

/* Checks the timer against its step's text the way the UI uses it: the
 * character span must show exactly the timer's text. */
static void
assert_timer (GalleyStep *step,
              guint       index,
              const char *text,
              guint       start,
              gint64      seconds,
              gint64      max_seconds,
              const char *label)
{
  GPtrArray *timers = galley_step_get_timers (step);
  GalleyStepTimer *timer;
  g_autofree char *span = NULL;

  g_assert_cmpuint (index, <, timers->len);
  timer = g_ptr_array_index (timers, index);

  g_assert_cmpstr (galley_step_timer_get_text (timer), ==, text);
  g_assert_cmpuint (galley_step_timer_get_start (timer), ==, start);
  g_assert_cmpuint (galley_step_timer_get_end (timer), ==, start + g_utf8_strlen (text, -1));
  span = g_utf8_substring (galley_step_get_text (step),
                           galley_step_timer_get_start (timer),
                           galley_step_timer_get_end (timer));
  g_assert_cmpstr (span, ==, text);
  g_assert_cmpint (galley_step_timer_get_seconds (timer), ==, seconds);
  g_assert_cmpint (galley_step_timer_get_max_seconds (timer), ==, max_seconds);
  g_assert_cmpstr (galley_step_timer_get_label (timer), ==, label);
}

static void
assert_has_warning (GPtrArray  *warnings,
                    const char *expected)
{
  g_assert_nonnull (warnings);

  for (guint i = 0; i < warnings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (warnings, i), expected) == 0)
      return;

  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (warnings, i));
  g_test_message ("expected warning: %s", expected);
  g_assert_not_reached ();
}

static void
test_full_file (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_file ("cooklang-full.cook", &warnings);
  const char * const expected_tags[] = { "breakfast", "Vegetarian", NULL };
  GalleyStep *step;

  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_true (g_uuid_string_is_valid (galley_recipe_get_id (recipe)));
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Shakshuka for Friends");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 4);
  g_assert_true (g_strv_equal (galley_recipe_get_tags (recipe), expected_tags));
  g_assert_cmpstr (galley_recipe_get_source_url (recipe), ==, "https://example.org/shakshuka");
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 15 * 60);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 90 * 60);

  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 7);
  assert_ingredient (recipe, 0, "olive oil", "2", "tbsp", NULL);
  assert_ingredient (recipe, 1, "onion", "1", NULL, "finely chopped");
  assert_ingredient (recipe, 2, "garlic", "2", "cloves", NULL);
  assert_ingredient (recipe, 3, "ground cumin", "1/2", "tsp", NULL);
  assert_ingredient (recipe, 4, "salt", NULL, NULL, NULL);
  assert_ingredient (recipe, 5, "eggs", "4", NULL, NULL);
  assert_ingredient (recipe, 6, "ground black pepper", NULL, NULL, NULL);

  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 3);
  g_assert_null (galley_section_get_name (get_section (recipe, 0)));
  g_assert_cmpstr (galley_section_get_name (get_section (recipe, 1)), ==, "Eggs");
  g_assert_cmpstr (galley_section_get_name (get_section (recipe, 2)), ==, "Sauce");
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 5);

  step = get_step (recipe, 0, 0);
  g_assert_cmpstr (galley_step_get_text (step), ==,
                   "Heat olive oil in a large frying pan over medium heat. "
                   "Add onion and cook for 5 minutes.");
  g_assert_cmpuint (galley_step_get_timers (step)->len, ==, 1);
  assert_timer (step, 0, "5 minutes", 78, 300, 300, NULL);

  step = get_step (recipe, 0, 1);
  g_assert_cmpstr (galley_step_get_text (step), ==,
                   "Add garlic, ground cumin and salt, stir for 30 seconds.");
  assert_timer (step, 0, "30 seconds", 44, 30, 30, NULL);

  step = get_step (recipe, 1, 0);
  g_assert_cmpstr (galley_step_get_text (step), ==,
                   "Crack the eggs into the pot and cover; cook 3 minutes. "
                   "Season with salt and ground black pepper.");
  assert_timer (step, 0, "3 minutes", 44, 180, 180, "Eggs");

  g_assert_cmpstr (step_text (recipe, 1, 1), ==, "Serve with bread.");

  step = get_step (recipe, 2, 0);
  g_assert_cmpstr (galley_step_get_text (step), ==,
                   "Simmer for 1/2 hour, then 1.5 minutes more. Rest for 10-12 minutes.");
  g_assert_cmpuint (galley_step_get_timers (step)->len, ==, 3);
  assert_timer (step, 0, "1/2 hour", 11, 1800, 1800, NULL);
  assert_timer (step, 1, "1.5 minutes", 26, 90, 90, NULL);
  assert_timer (step, 2, "10-12 minutes", 53, 600, 720, NULL);
  g_assert_true (galley_step_timer_is_range (g_ptr_array_index (galley_step_get_timers (step), 2)));

  g_assert_finalize_object (recipe);
}

static void
test_legacy_metadata_crlf_bom (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_file ("cooklang-legacy.cook", &warnings);
  const char * const expected_tags[] = { "quick", "breakfast", NULL };
  GalleyStep *step;

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Boiled Eggs");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 2);
  g_assert_true (g_strv_equal (galley_recipe_get_tags (recipe), expected_tags));
  g_assert_cmpstr (galley_recipe_get_source_url (recipe), ==, "https://example.com/eggs");
  /* Only a total time: it is the cook time. */
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 0);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 20 * 60);

  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 2);
  /* No "\r" survives, and the BOM is not part of anything. */
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Place eggs in a pot of cold water. Bring to the boil.");
  step = get_step (recipe, 0, 1);
  g_assert_cmpstr (galley_step_get_text (step), ==, "Boil for 8 min, then cool in iced water.");
  assert_timer (step, 0, "8 min", 9, 480, 480, NULL);

  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 2);
  assert_ingredient (recipe, 0, "eggs", "2", NULL, NULL);
  assert_ingredient (recipe, 1, "iced water", NULL, NULL, NULL);

  g_assert_finalize_object (recipe);
}

static void
test_ingredients (void)
{
  static const struct {
    const char *input;
    const char *text;
    const char *name;
    const char *quantity;
    const char *unit;
    const char *note;
  } cases[] = {
    { "Add @salt.", "Add salt.", "salt", NULL, NULL, NULL },
    { "Add @salt", "Add salt", "salt", NULL, NULL, NULL },
    { "Peel @potato{2} now", "Peel potato now", "potato", "2", NULL, NULL },
    { "Add @ground black pepper{}.", "Add ground black pepper.", "ground black pepper", NULL, NULL, NULL },
    { "Pour @syrup{1/2%tbsp}", "Pour syrup", "syrup", "1/2", "tbsp", NULL },
    { "Sift @flour{500%g}(sifted) in", "Sift flour in", "flour", "500", "g", "sifted" },
    { "Add @flour{ 500 % g }", "Add flour", "flour", "500", "g", NULL },
    { "Add @water{%ml}", "Add water", "water", NULL, "ml", NULL },
    { "Add @milk{a splash}", "Add milk", "milk", "a splash", NULL, NULL },
    { "Add @crème fraîche{2%tbsp}", "Add crème fraîche", "crème fraîche", "2", "tbsp", NULL },
    { "Add @jalapeño, then stir", "Add jalapeño, then stir", "jalapeño", NULL, NULL, NULL },
    { "(@salt)", "(salt)", "salt", NULL, NULL, NULL },
    { "Add @olive_oil", "Add olive_oil", "olive_oil", NULL, NULL, NULL },
    { "Add @salt and #pan{}", "Add salt and pan", "salt", NULL, NULL, NULL },
    { "Add @salt-free stock", "Add salt-free stock", "salt", NULL, NULL, NULL },
    { "Add @rice{1½%cups}", "Add rice", "rice", "1½", "cups", NULL },
    { "Add @leek{1}(white part only, sliced)", "Add leek", "leek", "1", NULL, "white part only, sliced" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      GalleyRecipe *recipe;

      g_test_message ("input: %s", cases[i].input);
      recipe = parse_ok (cases[i].input, &warnings);

      g_assert_cmpstr (step_text (recipe, 0, 0), ==, cases[i].text);
      g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 1);
      assert_ingredient (recipe, 0, cases[i].name, cases[i].quantity, cases[i].unit, cases[i].note);
      g_assert_cmpuint (warnings->len, ==, 0);
      g_assert_cmpuint (galley_step_get_timers (get_step (recipe, 0, 0))->len, ==, 0);

      g_assert_finalize_object (recipe);
    }
}

static void
test_cookware (void)
{
  static const struct {
    const char *input;
    const char *text;
  } cases[] = {
    { "Use a #pot.", "Use a pot." },
    { "Mash with a #potato masher{}.", "Mash with a potato masher." },
    { "Use #pan{2} here", "Use pan here" },
    { "Heat a #large frying pan{}", "Heat a large frying pan" },
    { "Heat a #pan{}(cast iron)", "Heat a pan (cast iron)" },
    /* Markup needs a word boundary before it. */
    { "Ask me@example.com or use C#", "Ask me@example.com or use C#" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      GalleyRecipe *recipe;

      g_test_message ("input: %s", cases[i].input);
      recipe = parse_ok (cases[i].input, &warnings);

      g_assert_cmpstr (step_text (recipe, 0, 0), ==, cases[i].text);
      /* Cookware is not something to buy. */
      g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 0);
      g_assert_cmpuint (warnings->len, ==, 0);

      g_assert_finalize_object (recipe);
    }
}

static void
test_timers (void)
{
  static const struct {
    const char *input;
    const char *text;
    const char *timer;
    guint start;
    gint64 seconds;
    gint64 max_seconds;
    const char *label;
  } cases[] = {
    { "Bake ~{25%minutes}.", "Bake 25 minutes.", "25 minutes", 5, 1500, 1500, NULL },
    { "Boil ~eggs{3%minutes}", "Boil 3 minutes", "3 minutes", 5, 180, 180, "Eggs" },
    { "Rest ~{1/2%hour}", "Rest 1/2 hour", "1/2 hour", 5, 1800, 1800, NULL },
    { "Stir ~{1.5%minutes}", "Stir 1.5 minutes", "1.5 minutes", 5, 90, 90, NULL },
    { "Stir ~{1,5%min}", "Stir 1,5 min", "1,5 min", 5, 90, 90, NULL },
    { "Roast ~{10-12%minutes}", "Roast 10-12 minutes", "10-12 minutes", 6, 600, 720, NULL },
    { "Roast ~{10–12%min}", "Roast 10–12 min", "10–12 min", 6, 600, 720, NULL },
    { "Prove ~{1 1/2%hours}", "Prove 1 1/2 hours", "1 1/2 hours", 6, 5400, 5400, NULL },
    { "Prove ~{1½%hours}", "Prove 1½ hours", "1½ hours", 6, 5400, 5400, NULL },
    { "Marinate ~{2%days}", "Marinate 2 days", "2 days", 9, 2 * 86400, 2 * 86400, NULL },
    { "Then ~boil the eggs{4%min} more", "Then 4 min more", "4 min", 5, 240, 240, "Boil the eggs" },
    { "~{45%s}", "45 s", "45 s", 0, 45, 45, NULL },
    { "Wait ~{ 2 % Hrs. }", "Wait 2 Hrs.", "2 Hrs.", 5, 7200, 7200, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      GalleyRecipe *recipe;
      GalleyStep *step;

      g_test_message ("input: %s", cases[i].input);
      recipe = parse_ok (cases[i].input, &warnings);
      step = get_step (recipe, 0, 0);

      g_assert_cmpstr (galley_step_get_text (step), ==, cases[i].text);
      g_assert_cmpuint (galley_step_get_timers (step)->len, ==, 1);
      assert_timer (step, 0, cases[i].timer, cases[i].start,
                    cases[i].seconds, cases[i].max_seconds, cases[i].label);
      g_assert_cmpuint (warnings->len, ==, 0);
      g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 0);

      g_assert_finalize_object (recipe);
    }
}

static void
test_timer_units (void)
{
  static const struct {
    const char *unit;
    gint64 seconds;
  } units[] = {
    { "s", 1 }, { "sec", 1 }, { "secs", 1 }, { "second", 1 }, { "seconds", 1 },
    { "m", 60 }, { "min", 60 }, { "mins", 60 }, { "minute", 60 }, { "minutes", 60 },
    { "h", 3600 }, { "hr", 3600 }, { "hrs", 3600 }, { "hour", 3600 }, { "hours", 3600 },
    { "d", 86400 }, { "day", 86400 }, { "days", 86400 },
    { "MINUTES", 60 }, { "Hour", 3600 }, { "min.", 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *input = g_strdup_printf ("Wait ~{2%%%s}", units[i].unit);
      g_autofree char *timer = g_strdup_printf ("2 %s", units[i].unit);
      g_autoptr(GPtrArray) warnings = NULL;
      GalleyRecipe *recipe = parse_ok (input, &warnings);

      assert_timer (get_step (recipe, 0, 0), 0, timer, 5, 2 * units[i].seconds, 2 * units[i].seconds, NULL);
      g_assert_cmpuint (warnings->len, ==, 0);

      g_assert_finalize_object (recipe);
    }
}

static void
test_multibyte_offsets (void)
{
  const char *input =
    "Flambé the crème brûlée — ½ of it 🔥 — for ~{25%minutes}, "
    "then ~repos{1–2%h} « au frais ».";
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);
  GalleyStep *step = get_step (recipe, 0, 0);
  const char *text = galley_step_get_text (step);
  const char *expected =
    "Flambé the crème brûlée — ½ of it 🔥 — for 25 minutes, then 1–2 h « au frais ».";
  const char *first = strstr (text, "25 minutes");
  const char *second = strstr (text, "1–2 h");

  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (first);
  g_assert_nonnull (second);

  /* Character offsets, not bytes: the two differ a lot in this text. */
  g_assert_cmpint (g_utf8_pointer_to_offset (text, first), !=, first - text);
  assert_timer (step, 0, "25 minutes", g_utf8_pointer_to_offset (text, first), 1500, 1500, NULL);
  assert_timer (step, 1, "1–2 h", g_utf8_pointer_to_offset (text, second), 3600, 7200, "Repos");
  g_assert_cmpuint (galley_step_get_timers (step)->len, ==, 2);

  g_assert_finalize_object (recipe);
}

static gint64
parse_prep_time (const char *value)
{
  g_autofree char *input = g_strdup_printf (">> prep time: %s\nMix.", value);
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);
  gint64 seconds = galley_recipe_get_prep_time_s (recipe);

  g_assert_cmpuint (warnings->len, ==, seconds > 0 ? 0 : 1);
  g_assert_finalize_object (recipe);

  return seconds;
}

static void
test_metadata_times (void)
{
  static const struct {
    const char *value;
    gint64 seconds;
  } cases[] = {
    { "1 hour 30 minutes", 5400 },
    { "90 min", 5400 },
    { "1h 30m", 5400 },
    { "1h30m", 5400 },
    { "1h30", 5400 },
    { "45 minutes", 2700 },
    { "PT1H", 3600 },
    { "PT1H30M", 5400 },
    { "pt45m", 2700 },
    { "P1DT2H", 26 * 3600 },
    { "1 hr 15 mins", 4500 },
    { "2 hours and 15 minutes", 8100 },
    { "1.5 hours", 5400 },
    { "1 1/2 hours", 5400 },
    { "½ hour", 1800 },
    { "1:30", 5400 },
    { "45", 2700 },
    { "20-30 minutes", 1200 },
    { "30 sec", 30 },
    { "2 days", 172800 },
    { "soon", 0 },
    { "5 fortnights", 0 },
    { "P1M", 0 },
    { "0 minutes", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("time: %s", cases[i].value);
      g_assert_cmpint (parse_prep_time (cases[i].value), ==, cases[i].seconds);
    }
}

static void
test_metadata_keys (void)
{
  static const struct {
    const char *metadata;
    gint64 prep;
    gint64 cook;
    const char *url;
    guint servings;
  } cases[] = {
    { ">> prep_time: 10 min\n>> cook_time: 20 min", 600, 1200, NULL, 0 },
    { ">> time.prep: 10 min\n>> time.cook: 20 min", 600, 1200, NULL, 0 },
    { ">> Prep Time: 10 min\n>> Cook Time: 20 min", 600, 1200, NULL, 0 },
    { ">> total time: 1 hour", 0, 3600, NULL, 0 },
    { ">> time: 1 hour\n>> prep time: 15 min", 900, 2700, NULL, 0 },
    { ">> time: 1 hour\n>> cook time: 50 min", 0, 3000, NULL, 0 },
    { ">> url: https://a.example/x", 0, 0, "https://a.example/x", 0 },
    { ">> source.url: https://b.example/y", 0, 0, "https://b.example/y", 0 },
    { ">> source: https://c.example/z", 0, 0, "https://c.example/z", 0 },
    { ">> source: Grandma", 0, 0, NULL, 0 },
    { ">> source: Grandma\n>> url: https://d.example", 0, 0, "https://d.example", 0 },
    { ">> servings: 4", 0, 0, NULL, 4 },
    { ">> serves: 4 people", 0, 0, NULL, 4 },
    { ">> yield: 12 cookies", 0, 0, NULL, 12 },
    { ">> servings: 2-3", 0, 0, NULL, 2 },
    { ">> colour: blue\n>> difficulty: easy", 0, 0, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *input = g_strdup_printf ("%s\n\nMix.", cases[i].metadata);
      g_autoptr(GPtrArray) warnings = NULL;
      GalleyRecipe *recipe;

      g_test_message ("metadata: %s", cases[i].metadata);
      recipe = parse_ok (input, &warnings);

      g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, cases[i].prep);
      g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, cases[i].cook);
      g_assert_cmpstr (galley_recipe_get_source_url (recipe), ==, cases[i].url);
      g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, cases[i].servings);
      /* Unknown keys are no problem worth telling. */
      g_assert_cmpuint (warnings->len, ==, 0);
      g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 1);
      g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Mix.");

      g_assert_finalize_object (recipe);
    }
}

static void
test_metadata_bad_values (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (">> servings: lots\n>> cook time: a while\nMix.\n>> nonsense\n", &warnings);

  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 0);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 0);
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Mix.");
  g_assert_cmpuint (warnings->len, ==, 3);
  assert_has_warning (warnings, "Line 1: cannot read the number of servings “lots”");
  assert_has_warning (warnings, "Line 2: cannot read the time “a while”");
  assert_has_warning (warnings, "Line 4: cannot read the metadata “nonsense”");

  g_assert_finalize_object (recipe);
}

static void
test_front_matter_yaml (void)
{
  const char *input =
    "---\n"
    "# a comment line\n"
    "title: \"Soup: the best\"   \n"
    "tags:\n"
    "  - soup\n"
    "  - 'winter'\n"
    "  - Soup\n"
    "servings: 6 # generous\n"
    "time:\n"
    "  prep: 10 minutes\n"
    "  cook: PT40M\n"
    "locale: en_GB\n"
    "---\n"
    "\n"
    ">> tags: quick\n"
    "Simmer the @stock{1%l}.\n";
  const char * const expected_tags[] = { "soup", "winter", "quick", NULL };
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Soup: the best");
  /* Tags add up, without duplicates in another case. */
  g_assert_true (g_strv_equal (galley_recipe_get_tags (recipe), expected_tags));
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 6);
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 600);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 2400);
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 1);
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Simmer the stock.");
  assert_ingredient (recipe, 0, "stock", "1", "l", NULL);

  g_assert_finalize_object (recipe);
}

static void
test_front_matter_unclosed (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok ("---\ntitle: Lost\n\nMix @flour{1%kg}.\n", &warnings);

  /* Without its closing line it is no front matter: the "---" is a
   * comment and the rest is read as steps, which loses nothing. */
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "title: Lost");
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 2);
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "title: Lost");
  g_assert_cmpstr (step_text (recipe, 0, 1), ==, "Mix flour.");
  assert_has_warning (warnings, "Line 1: the front matter is not closed with “---”, read as steps instead");

  g_assert_finalize_object (recipe);
}

static void
test_sections (void)
{
  const char *input =
    "== Dough ==\n"
    "Mix @flour{500%g} and @water{300%ml}.\n"
    "\n"
    "Knead.\n"
    "= Filling\n"
    "Chop @apples{3}.\n"
    "=== Empty ===\n"
    "\n"
    "== Topping\n"
    "Sprinkle @sugar.\n"
    "=\n"
    "Bake.\n";
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);

  g_assert_cmpuint (warnings->len, ==, 0);
  /* A section without steps is left out. */
  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 4);
  g_assert_cmpstr (galley_section_get_name (get_section (recipe, 0)), ==, "Dough");
  g_assert_cmpstr (galley_section_get_name (get_section (recipe, 1)), ==, "Filling");
  g_assert_cmpstr (galley_section_get_name (get_section (recipe, 2)), ==, "Topping");
  g_assert_null (galley_section_get_name (get_section (recipe, 3)));

  g_assert_cmpuint (galley_section_get_steps (get_section (recipe, 0))->len, ==, 2);
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Mix flour and water.");
  g_assert_cmpstr (step_text (recipe, 0, 1), ==, "Knead.");
  /* A section line ends the paragraph before it. */
  g_assert_cmpstr (step_text (recipe, 1, 0), ==, "Chop apples.");
  g_assert_cmpstr (step_text (recipe, 2, 0), ==, "Sprinkle sugar.");
  g_assert_cmpstr (step_text (recipe, 3, 0), ==, "Bake.");
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 5);

  g_assert_finalize_object (recipe);
}

static void
test_comments (void)
{
  const char *input =
    "-- A comment line does not end a paragraph\n"
    "Mix @flour{200%g} -- and this is gone\n"
    "with @milk{1%cup} [- inline -] well.\n"
    "Then [- a comment\n"
    "\n"
    "with a blank line in it -] rest ~{10%min}.\n"
    "\n"
    "[- a whole\nparagraph -]\n"
    "\n"
    "Serve.\n";
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);
  GalleyStep *step;

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 2);

  step = get_step (recipe, 0, 0);
  g_assert_cmpstr (galley_step_get_text (step), ==, "Mix flour with milk well. Then rest 10 min.");
  assert_timer (step, 0, "10 min", 36, 600, 600, NULL);
  g_assert_cmpstr (step_text (recipe, 0, 1), ==, "Serve.");
  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 2);

  g_assert_finalize_object (recipe);
}

static void
test_paragraphs (void)
{
  const char *input =
    "\n\n   First   line\n"
    "\tsecond line.  \n"
    "   \n"
    "Second step.\n"
    "\n\n\n"
    "Third step.";
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);

  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 3);
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "First line second line.");
  g_assert_cmpstr (step_text (recipe, 0, 1), ==, "Second step.");
  g_assert_cmpstr (step_text (recipe, 0, 2), ==, "Third step.");
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_finalize_object (recipe);
}

static void
test_notes (void)
{
  const char *input =
    "Fry the @garlic.\n"
    "> Do not let it burn,\n"
    "> it turns bitter.\n"
    "Add @tomatoes{400%g}.\n";
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);

  /* A note is a step of its own, between the text around it. */
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 3);
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Fry the garlic.");
  g_assert_cmpstr (step_text (recipe, 0, 1), ==, "Do not let it burn, it turns bitter.");
  g_assert_cmpstr (step_text (recipe, 0, 2), ==, "Add tomatoes.");
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_finalize_object (recipe);
}

static void
test_ingredient_list_rule (void)
{
  const char *input =
    "Season with @salt and @Pepper.\n"
    "\n"
    "Add @butter{20%g}, more @salt and @pepper.\n"
    "\n"
    "Add @butter{10%g} and @salt{1%tsp}.\n";
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok (input, &warnings);

  /* Quantities are listed each time; a name without one only once, and
   * not at all when another mention says how much. */
  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 4);
  assert_ingredient (recipe, 0, "Pepper", NULL, NULL, NULL);
  assert_ingredient (recipe, 1, "butter", "20", "g", NULL);
  assert_ingredient (recipe, 2, "butter", "10", "g", NULL);
  assert_ingredient (recipe, 3, "salt", "1", "tsp", NULL);

  g_assert_finalize_object (recipe);
}

static void
test_malformed_file (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_file ("cooklang-malformed.cook", &warnings);

  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 1);
  g_assert_cmpstr (step_text (recipe, 0, 0), ==,
                   "Mix the @flour{500%g and water. Add a pinch of @ "
                   "Bake ~{25} until golden } done. Start [- this never ends "
                   "Rest 20 fortnights.");
  g_assert_cmpuint (galley_step_get_timers (get_step (recipe, 0, 0))->len, ==, 0);
  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 0);

  g_assert_cmpuint (warnings->len, ==, 6);
  assert_has_warning (warnings, "Line 1: unclosed “{” in “@flour{500%g and water.”, kept as text");
  assert_has_warning (warnings, "Line 2: “@” is not followed by an ingredient name, kept as text");
  assert_has_warning (warnings, "Line 3: the timer “~{25}” has no time unit, kept as text");
  assert_has_warning (warnings, "Line 3: stray “}”, kept as text");
  assert_has_warning (warnings, "Line 4: unclosed comment “[-”, kept as text");
  assert_has_warning (warnings, "Line 5: cannot read the time unit in “~{20%fortnights}”");

  /* No title anywhere: the start of the first step. */
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Mix the @flour{500%g and water");

  g_assert_finalize_object (recipe);
}

static void
test_malformed (void)
{
  static const struct {
    const char *input;
    const char *text;
    const char *warning;
    guint n_ingredients;
  } cases[] = {
    { "Add @flour{500%g", "Add @flour{500%g",
      "Line 1: unclosed “{” in “@flour{500%g”, kept as text", 0 },
    { "Add @flour{500{%g} now", "Add @flour{500{%g} now",
      "Line 1: unclosed “{” in “@flour{500”, kept as text", 0 },
    { "Add #big pot{ now", "Add #big pot{ now",
      "Line 1: unclosed “{” in “#big pot{ now”, kept as text", 0 },
    { "Add @", "Add @", "Line 1: “@” is not followed by an ingredient name, kept as text", 0 },
    { "Add @ salt", "Add @ salt", "Line 1: “@” is not followed by an ingredient name, kept as text", 0 },
    { "Add #", "Add #", "Line 1: “#” is not followed by a cookware name, kept as text", 0 },
    { "Wait ~{25}", "Wait ~{25}", "Line 1: the timer “~{25}” has no time unit, kept as text", 0 },
    { "Wait ~{25%}", "Wait ~{25%}", "Line 1: the timer “~{25%}” has no time unit, kept as text", 0 },
    { "Wait ~{}", "Wait ~{}", "Line 1: the timer “~{}” has no duration, kept as text", 0 },
    { "Wait ~{%min}", "Wait ~{%min}", "Line 1: the timer “~{%min}” has no duration, kept as text", 0 },
    { "Wait ~{many%min}", "Wait many min", "Line 1: cannot read the duration in “~{many%min}”", 0 },
    { "Wait ~{0%min}", "Wait 0 min", "Line 1: the timer “~{0%min}” is too short or too long for a timer", 0 },
    { "Wait ~{9999%days}", "Wait 9999 days", "Line 1: the timer “~{9999%days}” is too short or too long for a timer", 0 },
    { "Wait ~eggs{3%fortnights}", "Wait 3 fortnights", "Line 1: cannot read the time unit in “~eggs{3%fortnights}”", 0 },
    { "Stir } well", "Stir } well", "Line 1: stray “}”, kept as text", 0 },
    { "Stir [- forever", "Stir [- forever", "Line 1: unclosed comment “[-”, kept as text", 0 },
    { "Add @salt{}(to taste", "Add salt(to taste", "Line 1: unclosed “(” in “@salt{}(to taste”, kept as text", 1 },
    { "Mix.\n\n\nAdd @", "Add @", "Line 4: “@” is not followed by an ingredient name, kept as text", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      GalleyRecipe *recipe;
      GalleySection *section;
      GalleyStep *step;

      g_test_message ("input: %s", cases[i].input);
      recipe = parse_ok (cases[i].input, &warnings);
      section = get_section (recipe, 0);
      step = g_ptr_array_index (galley_section_get_steps (section),
                                galley_section_get_steps (section)->len - 1);

      g_assert_cmpstr (galley_step_get_text (step), ==, cases[i].text);
      g_assert_cmpuint (galley_step_get_timers (step)->len, ==, 0);
      g_assert_cmpuint (warnings->len, ==, 1);
      assert_has_warning (warnings, cases[i].warning);
      g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, cases[i].n_ingredients);

      g_assert_finalize_object (recipe);
    }
}

static void
test_tilde_as_text (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_ok ("Bake ~20 minutes at ~ 180 °C, ~approx.", &warnings);

  /* "~" meaning "about" is no timer and nothing to warn about. */
  g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Bake ~20 minutes at ~ 180 °C, ~approx.");
  g_assert_cmpuint (galley_step_get_timers (get_step (recipe, 0, 0))->len, ==, 0);
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_finalize_object (recipe);
}

static void
test_title (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe;

  recipe = galley_cooklang_parse (">> title: From Metadata\nMix.", (gsize) -1, "From file", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "From Metadata");
  g_assert_finalize_object (recipe);

  recipe = galley_cooklang_parse ("Mix.", 4, "  From   file ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "From file");
  g_assert_finalize_object (recipe);

  recipe = galley_cooklang_parse ("Boil the @eggs{2} for ~{3%min}, then peel them under cold water.",
                                  (gsize) -1, "", &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Boil the eggs for 3 min");
  g_assert_finalize_object (recipe);

  /* The first sentence only, without a dangling symbol at the end. */
  recipe = galley_cooklang_parse ("Mix well. Then bake.", (gsize) -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Mix well");
  g_assert_finalize_object (recipe);

  recipe = galley_cooklang_parse ("Stir in the sugar and - slowly", (gsize) -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Stir in the sugar and");
  g_assert_finalize_object (recipe);
}

static void
test_errors (void)
{
  static const char * const no_steps[] = {
    "",
    "\n\n  \n",
    "\xEF\xBB\xBF",
    "-- just a comment\n[- and a block -]\n",
    "---\ntitle: Only metadata\n---\n",
    ">> title: Only metadata\n>> servings: 2\n",
    "== Empty section ==\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (no_steps); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *warnings = (GPtrArray *) 0x1;
      GalleyRecipe *recipe;

      recipe = galley_cooklang_parse (no_steps[i], strlen (no_steps[i]), "Title", &warnings, &error);
      g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE);
      g_assert_null (recipe);
      g_assert_null (warnings);
    }

  {
    g_autoptr(GError) error = NULL;
    const char bad[] = "Mix.\n\nAdd \xC3\x28 here.";
    GalleyRecipe *recipe = galley_cooklang_parse (bad, sizeof bad - 1, NULL, NULL, &error);

    g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Line 3"));
    g_assert_null (recipe);
  }

  {
    g_autoptr(GError) error = NULL;
    const char nul[] = "Mix\0 more";
    GalleyRecipe *recipe = galley_cooklang_parse (nul, sizeof nul - 1, NULL, NULL, &error);

    g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID);
    g_assert_null (recipe);
  }

  {
    /* @length is honoured: the text need not be NUL-terminated. */
    g_autoptr(GError) error = NULL;
    GalleyRecipe *recipe = galley_cooklang_parse ("Mix.\xFF\xFF", 4, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (step_text (recipe, 0, 0), ==, "Mix.");
    g_assert_finalize_object (recipe);
  }
}

static void
test_many_problems (void)
{
  g_autoptr(GString) input = g_string_new ("Mix.\n\n");
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe;
  GalleyStep *step;

  for (guint i = 0; i < 200; i++)
    g_string_append (input, "} ");
  g_string_append (input, "\n\n");
  for (guint i = 0; i < 150; i++)
    g_string_append (input, "~{1%min} ");

  recipe = parse_ok (input->str, &warnings);

  /* A flood of problems is summed up rather than listed one by one. */
  g_assert_cmpuint (warnings->len, ==, 51);
  g_assert_cmpstr (g_ptr_array_index (warnings, 50), ==, "151 more problems were not listed");

  /* The UI gets a sane number of timers from a single step. */
  step = get_step (recipe, 0, 2);
  g_assert_cmpuint (galley_step_get_timers (step)->len, ==, 100);
  assert_timer (step, 99, "1 min", 99 * 6, 60, 60, NULL);

  g_assert_finalize_object (recipe);
}

static void
test_large_input (void)
{
  static const char * const pieces[] = {
    "@a{1} ", "~{1%s} ", "[-", "}", "@", "#b c{", "\n", "\n\n", "-- x\n", "{",
    "@a{}(", "~a b ", ">> k\n", "[- x -]",
  };
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  GalleyRecipe *recipe;

  /* Each piece on its own in bulk, then all of them mixed: none may make
   * parsing slow. 128 KiB is enough for quadratic work to run into the
   * test's timeout, and small enough to stay quick under sanitizers. */
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_string_truncate (input, 0);
      g_string_append (input, "Start.\n");
      while (input->len < 128 * 1024)
        g_string_append (input, pieces[i]);

      recipe = galley_cooklang_parse (input->str, input->len, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (galley_recipe_count_steps (recipe), >=, 1);
      g_assert_finalize_object (recipe);
    }

  g_string_truncate (input, 0);
  while (input->len < 128 * 1024)
    g_string_append (input, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

  recipe = galley_cooklang_parse (input->str, input->len, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, <=, 51);
  g_assert_finalize_object (recipe);
}

static void
append_random_char (GString *out)
{
  gunichar c;

  do
    c = (gunichar) g_test_rand_int_range (1, 0x110000);
  while (c >= 0xD800 && c <= 0xDFFF);

  g_string_append_unichar (out, c);
}

static void
check_recipe (GalleyRecipe *recipe)
{
  GPtrArray *sections = galley_recipe_get_sections (recipe);
  GPtrArray *ingredients = galley_recipe_get_ingredients (recipe);

  g_assert_nonnull (galley_recipe_get_title (recipe));
  g_assert_cmpstr (galley_recipe_get_title (recipe), !=, "");
  g_assert_true (g_utf8_validate (galley_recipe_get_title (recipe), -1, NULL));
  g_assert_cmpuint (galley_recipe_count_steps (recipe), >, 0);

  for (guint i = 0; i < ingredients->len; i++)
    {
      const char *name = galley_ingredient_get_name (g_ptr_array_index (ingredients, i));

      g_assert_cmpstr (name, !=, "");
      g_assert_true (g_utf8_validate (name, -1, NULL));
    }

  for (guint s = 0; s < sections->len; s++)
    {
      GPtrArray *steps = galley_section_get_steps (g_ptr_array_index (sections, s));

      g_assert_cmpuint (steps->len, >, 0);

      for (guint i = 0; i < steps->len; i++)
        {
          GalleyStep *step = g_ptr_array_index (steps, i);
          const char *text = galley_step_get_text (step);
          GPtrArray *timers = galley_step_get_timers (step);
          glong length;
          guint previous_end = 0;

          g_assert_true (g_utf8_validate (text, -1, NULL));
          length = g_utf8_strlen (text, -1);
          g_assert_cmpint (length, >, 0);

          for (guint t = 0; t < timers->len; t++)
            {
              GalleyStepTimer *timer = g_ptr_array_index (timers, t);
              guint start = galley_step_timer_get_start (timer);
              guint end = galley_step_timer_get_end (timer);
              g_autofree char *span = NULL;

              g_assert_cmpuint (start, <, end);
              g_assert_cmpuint (end, <=, length);
              g_assert_cmpuint (start, >=, previous_end);
              previous_end = end;

              span = g_utf8_substring (text, start, end);
              g_assert_cmpstr (span, ==, galley_step_timer_get_text (timer));
              g_assert_cmpint (galley_step_timer_get_seconds (timer), >, 0);
              g_assert_cmpint (galley_step_timer_get_max_seconds (timer), >=,
                               galley_step_timer_get_seconds (timer));
            }
        }
    }
}

static void
test_fuzz (void)
{
  static const char * const fragments[] = {
    "@", "#", "~", "{", "}", "%", "[-", "-]", "--", "\n", "\n\n", "\r\n", "\r",
    "= ", "==", ">>", ">", "---\n", " ", "  ", "\t", "(", ")", ":", "-", "/", ".",
    "salt", "ground pepper", "eggs", "minutes", "min", "h", "hour", "s", "days",
    "fortnights", "title: x", "tags: [a, b]", "- a", "servings: 4", "time: 1h30",
    "0", "1", "2", "10", "1/2", "1.5", "10-12", "99999999999999999999", "½", "1½",
    "é", "日本", "🍳", "\xEF\xBB\xBF", "–",
    /* Whole constructs, so that well-formed markup shows up too. */
    "~{25%minutes}", "~eggs{3%min}", "~{1/2%hour}", "~{10-12%s}", "~{½%h}",
    "@flour{500%g}", "@ground pepper{}", "@salt", "#pan{}", "#pot", "(sifted)",
  };
  guint n_recipes = 0, n_errors = 0, n_timers = 0;

  for (guint n = 0; n < 2000; n++)
    {
      g_autoptr(GString) input = g_string_new (NULL);
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(GError) error = NULL;
      GalleyRecipe *recipe;
      guint count = g_test_rand_int_range (1, 60);
      gboolean valid;

      for (guint i = 0; i < count; i++)
        {
          guint kind = g_test_rand_int_range (0, 100);

          if (kind < 85)
            g_string_append (input, fragments[g_test_rand_int_range (0, G_N_ELEMENTS (fragments))]);
          else if (kind < 98)
            append_random_char (input);
          else
            g_string_append_c (input, (char) g_test_rand_int_range (1, 256));
        }

      valid = g_utf8_validate_len (input->str, input->len, NULL);
      recipe = galley_cooklang_parse (input->str, input->len, NULL, &warnings, &error);

      if (recipe != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
          g_assert_nonnull (warnings);
          for (guint i = 0; i < warnings->len; i++)
            g_assert_true (g_utf8_validate (g_ptr_array_index (warnings, i), -1, NULL));
          check_recipe (recipe);
          n_recipes++;
          for (guint s = 0; s < galley_recipe_get_sections (recipe)->len; s++)
            {
              GPtrArray *steps = galley_section_get_steps (get_section (recipe, s));

              for (guint i = 0; i < steps->len; i++)
                n_timers += galley_step_get_timers (g_ptr_array_index (steps, i))->len;
            }
          g_assert_finalize_object (recipe);
        }
      else
        {
          GalleyImportError expected = valid ? GALLEY_IMPORT_ERROR_NO_RECIPE : GALLEY_IMPORT_ERROR_INVALID;

          g_assert_null (warnings);
          g_assert_error (error, GALLEY_IMPORT_ERROR, (int) expected);
          n_errors++;
        }
    }

  /* Otherwise the inputs would not be exercising much. */
  g_test_message ("%u recipes with %u timers, %u errors", n_recipes, n_timers, n_errors);
  g_assert_cmpuint (n_recipes, >, 1000);
  g_assert_cmpuint (n_timers, >, 100);
  g_assert_cmpuint (n_errors, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cooklang/full-file", test_full_file);
  g_test_add_func ("/cooklang/legacy-metadata-crlf-bom", test_legacy_metadata_crlf_bom);
  g_test_add_func ("/cooklang/ingredients", test_ingredients);
  g_test_add_func ("/cooklang/cookware", test_cookware);
  g_test_add_func ("/cooklang/timers", test_timers);
  g_test_add_func ("/cooklang/timer-units", test_timer_units);
  g_test_add_func ("/cooklang/multibyte-offsets", test_multibyte_offsets);
  g_test_add_func ("/cooklang/metadata-times", test_metadata_times);
  g_test_add_func ("/cooklang/metadata-keys", test_metadata_keys);
  g_test_add_func ("/cooklang/metadata-bad-values", test_metadata_bad_values);
  g_test_add_func ("/cooklang/front-matter-yaml", test_front_matter_yaml);
  g_test_add_func ("/cooklang/front-matter-unclosed", test_front_matter_unclosed);
  g_test_add_func ("/cooklang/sections", test_sections);
  g_test_add_func ("/cooklang/comments", test_comments);
  g_test_add_func ("/cooklang/paragraphs", test_paragraphs);
  g_test_add_func ("/cooklang/notes", test_notes);
  g_test_add_func ("/cooklang/ingredient-list-rule", test_ingredient_list_rule);
  g_test_add_func ("/cooklang/malformed-file", test_malformed_file);
  g_test_add_func ("/cooklang/malformed", test_malformed);
  g_test_add_func ("/cooklang/tilde-as-text", test_tilde_as_text);
  g_test_add_func ("/cooklang/title", test_title);
  g_test_add_func ("/cooklang/errors", test_errors);
  g_test_add_func ("/cooklang/many-problems", test_many_problems);
  g_test_add_func ("/cooklang/large-input", test_large_input);
  g_test_add_func ("/cooklang/fuzz", test_fuzz);

  return g_test_run ();
}
