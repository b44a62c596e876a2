/* test-jsonld.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "galley-error.h"
#include "galley-jsonld.h"

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static GalleyRecipe *
parse_json (const char  *json,
            GPtrArray  **warnings)
{
  g_autoptr(GError) error = NULL;
  GalleyRecipe *recipe;

  recipe = galley_jsonld_parse (json, strlen (json), warnings, &error);
  g_assert_no_error (error);
  g_assert_true (GALLEY_IS_RECIPE (recipe));
  if (warnings != NULL)
    g_assert_nonnull (*warnings);

  return recipe;
}

static GalleyRecipe *
parse_fixture (const char  *name,
               GPtrArray  **warnings)
{
  g_autofree char *json = read_fixture (name, NULL);

  return parse_json (json, warnings);
}

static void
assert_parse_fails (const char *json,
                    gsize       length,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe;

  recipe = galley_jsonld_parse (json, length, &warnings, &error);
  g_assert_null (recipe);
  g_assert_null (warnings);
  g_assert_error (error, GALLEY_IMPORT_ERROR, code);
  g_assert_true (error->message != NULL && *error->message != '\0');
}

/* A recipe object with @member set to @value_json, the rest minimal. */
static char *
recipe_with (const char *member,
             const char *value_json)
{
  return g_strdup_printf ("{\"@context\": \"https://schema.org\", \"@type\": \"Recipe\","
                          " \"name\": \"Test\", \"%s\": %s}",
                          member, value_json);
}

/* Names the case being checked in the TAP log, on one line. */
static void
note_case (const char *label,
           const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("%s: %s", label, escaped);
}

static GalleySection *
get_section (GalleyRecipe *recipe,
             guint         index)
{
  GPtrArray *sections = galley_recipe_get_sections (recipe);

  g_assert_cmpuint (index, <, sections->len);
  return g_ptr_array_index (sections, index);
}

static GalleyIngredient *
get_ingredient (GalleyRecipe *recipe,
                guint         index)
{
  GPtrArray *ingredients = galley_recipe_get_ingredients (recipe);

  g_assert_cmpuint (index, <, ingredients->len);
  return g_ptr_array_index (ingredients, index);
}

/* @texts is %NULL-terminated. */
static void
assert_section (GalleyRecipe *recipe,
                guint         index,
                const char   *name,
                const char   *const *texts)
{
  GalleySection *section = get_section (recipe, index);
  GPtrArray *steps = galley_section_get_steps (section);

  g_assert_cmpstr (galley_section_get_name (section), ==, name);
  g_assert_cmpuint (steps->len, ==, g_strv_length ((char **)texts));

  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpstr (galley_step_get_text (g_ptr_array_index (steps, i)), ==, texts[i]);
}

static void
assert_tags (GalleyRecipe       *recipe,
             const char * const *expected)
{
  const char * const *tags = galley_recipe_get_tags (recipe);

  g_assert_cmpstrv (tags, expected);
}

static void
assert_ingredient (GalleyIngredient *ingredient,
                   const char       *quantity,
                   const char       *unit,
                   const char       *name,
                   const char       *note)
{
  g_assert_cmpstr (galley_ingredient_get_quantity (ingredient), ==, quantity);
  g_assert_cmpstr (galley_ingredient_get_unit (ingredient), ==, unit);
  g_assert_cmpstr (galley_ingredient_get_name (ingredient), ==, name);
  g_assert_cmpstr (galley_ingredient_get_note (ingredient), ==, note);
}

/* What the fuzz tests hold any result to. */
static void
assert_recipe_sane (GalleyRecipe *recipe)
{
  GPtrArray *ingredients = galley_recipe_get_ingredients (recipe);
  GPtrArray *sections = galley_recipe_get_sections (recipe);
  const char * const *tags = galley_recipe_get_tags (recipe);
  const char *title = galley_recipe_get_title (recipe);
  const char *image = galley_recipe_get_image (recipe);
  const char *url = galley_recipe_get_source_url (recipe);

  g_assert_true (g_uuid_string_is_valid (galley_recipe_get_id (recipe)));
  g_assert_true (title == NULL || (*title != '\0' && g_utf8_validate (title, -1, NULL)));
  g_assert_true (image == NULL || g_str_has_prefix (image, "http"));
  g_assert_true (url == NULL || g_str_has_prefix (url, "http"));
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), >=, 0);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), >=, 0);

  for (guint i = 0; tags[i] != NULL; i++)
    g_assert_true (*tags[i] != '\0' && g_utf8_validate (tags[i], -1, NULL));

  for (guint i = 0; i < ingredients->len; i++)
    {
      GalleyIngredient *ingredient = g_ptr_array_index (ingredients, i);
      const char *name = galley_ingredient_get_name (ingredient);
      const char *note = galley_ingredient_get_note (ingredient);

      g_assert_true (*name != '\0' && g_utf8_validate (name, -1, NULL));
      g_assert_true (note == NULL || g_utf8_validate (note, -1, NULL));
    }

  for (guint i = 0; i < sections->len; i++)
    {
      GalleySection *section = g_ptr_array_index (sections, i);
      GPtrArray *steps = galley_section_get_steps (section);
      const char *name = galley_section_get_name (section);

      g_assert_true (name == NULL || (*name != '\0' && g_utf8_validate (name, -1, NULL)));
      g_assert_cmpuint (steps->len, >, 0);

      for (guint j = 0; j < steps->len; j++)
        {
          const char *text = galley_step_get_text (g_ptr_array_index (steps, j));

          g_assert_true (*text != '\0' && g_utf8_validate (text, -1, NULL));
        }
    }
}

static void
test_plain_object (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_fixture ("jsonld-plain.json", &warnings);
  const char * const tags[] = { "dessert", "baking", "Apple", "British", NULL };
  const char * const steps[] = {
    "Heat the oven to 190°C.",
    "Put the fruit in a dish & sprinkle with the cinnamon.",
    "Rub the butter into the flour, then stir in the sugar.",
    "Scatter the crumble over the fruit and bake for 40-45 minutes, until golden.",
    NULL
  };

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_true (g_uuid_string_is_valid (galley_recipe_get_id (recipe)));
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Grandma's Apple & Pear Crumble");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 6);
  g_assert_cmpstr (galley_recipe_get_source_url (recipe), ==,
                   "https://example.com/recipes/apple-pear-crumble");
  g_assert_cmpstr (galley_recipe_get_image (recipe), ==, "https://example.com/images/crumble.jpg");
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 15 * 60);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 45 * 60);
  /* "Dessert" from recipeCategory duplicates the keyword "dessert". */
  assert_tags (recipe, tags);

  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 6);
  assert_ingredient (get_ingredient (recipe, 0), "4", NULL, "apples", "peeled and sliced");
  assert_ingredient (get_ingredient (recipe, 3), "100", "g", "cold butter", "cubed");
  assert_ingredient (get_ingredient (recipe, 5), "1/2", "tsp", "ground cinnamon", NULL);

  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 1);
  assert_section (recipe, 0, NULL, steps);
  /* The importer facade detects timers; this parser must not. */
  g_assert_cmpuint (galley_step_get_timers (g_ptr_array_index (galley_section_get_steps (get_section (recipe, 0)), 3))->len, ==, 0);

  g_assert_finalize_object (recipe);
}

static void
test_two_parses_get_new_ids (void)
{
  GalleyRecipe *a = parse_fixture ("jsonld-plain.json", NULL);
  GalleyRecipe *b = parse_fixture ("jsonld-plain.json", NULL);

  g_assert_cmpstr (galley_recipe_get_id (a), !=, galley_recipe_get_id (b));

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static void
test_array (void)
{
  GalleyRecipe *recipe = parse_fixture ("jsonld-array.json", NULL);
  const char * const steps[] = {
    "Soften the onion.",
    "Add the tomatoes and the stock and simmer for 20 minutes.",
    "Blend until smooth.",
    NULL
  };

  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Tomato Soup");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 4);
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 0);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 30 * 60);
  g_assert_cmpstr (galley_recipe_get_image (recipe), ==, "https://example.com/soup-1x1.jpg");
  g_assert_null (galley_recipe_get_source_url (recipe));
  assert_ingredient (get_ingredient (recipe, 2), "500", "ml", "stock", NULL);
  assert_section (recipe, 0, NULL, steps);

  g_assert_finalize_object (recipe);
}

static void
test_graph (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_fixture ("jsonld-graph.json", &warnings);
  const char * const tags[] = { "lemon", "cake", "Baking", "British", NULL };
  const char * const cake[] = {
    "Heat the oven to 180C.",
    "Beat the butter and sugar until pale, then beat in the eggs one at a time.",
    "Fold in the flour and zest and bake for 45-50 mins.",
    NULL
  };
  const char * const drizzle[] = {
    "Mix the lemon juice with the icing sugar.",
    "Spoon it over the warm cake and leave to cool.",
    NULL
  };

  g_assert_cmpuint (warnings->len, ==, 0);
  /* Not the WebPage's name, which comes first. */
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Lemon Drizzle Cake");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 8);
  /* No url: the @id without its fragment. */
  g_assert_cmpstr (galley_recipe_get_source_url (recipe), ==,
                   "https://example.com/lemon-drizzle-cake/");
  /* The image is a reference to the ImageObject node of the graph. */
  g_assert_cmpstr (galley_recipe_get_image (recipe), ==,
                   "https://example.com/uploads/lemon-drizzle.jpg");
  /* Only prep and total given: the rest of the total is cooking. */
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 20 * 60);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 45 * 60);
  assert_tags (recipe, tags);

  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 6);
  assert_ingredient (get_ingredient (recipe, 0), "225", "g", "butter", "softened");
  assert_ingredient (get_ingredient (recipe, 2), "4", NULL, "eggs", NULL);
  assert_ingredient (get_ingredient (recipe, 3), "1 ½", NULL, "lemons", "zested");

  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 2);
  assert_section (recipe, 0, "Cake", cake);
  assert_section (recipe, 1, "Drizzle", drizzle);

  g_assert_finalize_object (recipe);
}

static void
test_finding_the_recipe (void)
{
  static const struct
  {
    const char *json;
    const char *title;
  } cases[] = {
    { "{\"@type\": [\"Recipe\", \"NewsArticle\"], \"name\": \"Typed twice\"}", "Typed twice" },
    { "{\"@type\": [\"NewsArticle\", \"Recipe\"], \"name\": \"Recipe second\"}", "Recipe second" },
    { "{\"@type\": \"schema:Recipe\", \"name\": \"Prefixed\"}", "Prefixed" },
    { "{\"@type\": \"http://schema.org/Recipe\", \"name\": \"Full IRI\"}", "Full IRI" },
    { "{\"@type\": \"https://schema.org/Recipe\", \"name\": \"Secure IRI\"}", "Secure IRI" },
    { "[{\"@context\": \"https://schema.org\", \"@graph\": [{\"@type\": \"WebPage\", \"name\": \"Page\"},"
      " {\"@type\": \"Recipe\", \"name\": \"Graph in array\"}]}]", "Graph in array" },
    { "[[{\"@type\": \"Person\"}], {\"@graph\": {\"@type\": \"Recipe\", \"name\": \"Graph object\"}}]",
      "Graph object" },
    { "{\"@type\": \"WebPage\", \"mainEntity\": {\"@type\": \"Recipe\", \"name\": \"Main entity\"}}",
      "Main entity" },
    { "[{\"@type\": \"Recipe\", \"name\": \"First\"}, {\"@type\": \"Recipe\", \"name\": \"Second\"}]", "First" },
    { "{\"@type\": \"Recipe\", \"name\": {\"@value\": \"Value object\", \"@language\": \"en\"}}",
      "Value object" },
    { "{\"@type\": \"Recipe\", \"headline\": \"Headline only\"}", "Headline only" },
    /* Objects one after the other, as some pages put them in one script. */
    { "{\"@type\": \"Organization\"}\n/* next */ {\"@type\": \"Recipe\", \"name\": \"Second value\"} ",
      "Second value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GalleyRecipe *recipe = parse_json (cases[i].json, NULL);

      g_assert_cmpstr (galley_recipe_get_title (recipe), ==, cases[i].title);
      g_assert_finalize_object (recipe);
    }
}

static void
test_no_recipe (void)
{
  static const char * const cases[] = {
    "{\"@context\": \"https://schema.org\", \"@type\": \"Organization\", \"name\": \"Recipe\"}",
    "[]",
    "{}",
    "{\"@graph\": []}",
    "{\"@type\": [\"NewsArticle\"], \"about\": {\"@type\": \"Recipe\"}}",
    "{\"@type\": \"RecipeCollection\"}",
    "\"Recipe\"",
    "42",
    "null",
    "[1] [2]",
    "{} {}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parse_fails (cases[i], strlen (cases[i]), GALLEY_IMPORT_ERROR_NO_RECIPE);
}

static void
test_instructions_string (void)
{
  static const struct
  {
    const char *instructions;
    const char *steps[7];
  } cases[] = {
    { "\"Boil the water.\\nAdd the pasta.\\n\\n\\nDrain.\\r\\nServe.\"",
      { "Boil the water.", "Add the pasta.", "Drain.", "Serve.", NULL } },
    { "\"<p>Preheat the oven.</p><p>Mix <b>everything</b>.</p><ol><li>Bake</li><li>Cool</li></ol>Serve<br>Enjoy<br/>\"",
      { "Preheat the oven.", "Mix everything.", "Bake", "Cool", "Serve", "Enjoy", NULL } },
    /* HTML that was escaped before it was put in the JSON. */
    { "\"&lt;p&gt;Boil.&lt;/p&gt;&lt;p&gt;Drain &amp; rinse.&lt;/p&gt;\"",
      { "Boil.", "Drain & rinse.", NULL } },
    { "\"  One long   step with   odd spacing.  \"",
      { "One long step with odd spacing.", NULL } },
    { "\"Heat to < 200 °C, not <200 °C.\"",
      { "Heat to < 200 °C, not <200 °C.", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = recipe_with ("recipeInstructions", cases[i].instructions);
      GalleyRecipe *recipe = parse_json (json, NULL);

      g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 1);
      assert_section (recipe, 0, NULL, cases[i].steps);
      g_assert_finalize_object (recipe);
    }
}

static void
test_instructions_strings (void)
{
  g_autofree char *json = recipe_with ("recipeInstructions",
                                       "[\"1. Boil water.\", \"Step 2: Add the pasta.\", \"3) Drain.\","
                                       " \"  \", \"Stir in 2 tbsp butter.\\nServe hot.\","
                                       " \"1.5 kg is plenty for six.\", null]");
  GalleyRecipe *recipe = parse_json (json, NULL);
  const char * const steps[] = {
    "Boil water.",
    "Add the pasta.",
    "Drain.",
    "Stir in 2 tbsp butter.",
    "Serve hot.",
    "1.5 kg is plenty for six.",
    NULL
  };

  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 1);
  assert_section (recipe, 0, NULL, steps);
  g_assert_finalize_object (recipe);
}

static void
test_instructions_howtostep (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *json = recipe_with ("recipeInstructions",
                                       "[{\"@type\": \"HowToStep\", \"name\": \"Chop\", \"text\": \"Chop the onions.\"},"
                                       " {\"@type\": \"HowToStep\", \"name\": \"Only a name here.\"},"
                                       " {\"@type\": \"HowToStep\", \"name\": \"Label\", \"itemListElement\": ["
                                       "   {\"@type\": \"HowToDirection\", \"text\": \"Fry them.\"},"
                                       "   {\"@type\": \"HowToTip\", \"text\": \"Keep the heat low.\"}]},"
                                       " {\"@type\": \"HowToStep\", \"text\": \"One step<br>over two lines.\"},"
                                       " {\"@type\": \"HowToStep\", \"image\": \"https://example.com/x.jpg\"},"
                                       " 42,"
                                       " {\"@type\": \"HowToStep\", \"text\": [\"Text as a list.\"]}]");
  GalleyRecipe *recipe = parse_json (json, &warnings);
  const char * const steps[] = {
    "Chop the onions.",
    "Only a name here.",
    "Fry them.",
    "Keep the heat low.",
    "One step over two lines.",
    "Text as a list.",
    NULL
  };

  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 1);
  assert_section (recipe, 0, NULL, steps);
  /* The step without text and the number. */
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1), "42"));

  g_assert_finalize_object (recipe);
}

static void
test_instructions_sections (void)
{
  GalleyRecipe *recipe = parse_fixture ("jsonld-sections.json", NULL);
  const char * const intro[] = { "Read the whole recipe first.", NULL };
  const char * const ragu[] = { "Brown the mince.", NULL };
  const char * const soffritto[] = {
    "Chop the onion, carrot and celery.",
    "Fry them gently for 10 minutes.",
    NULL
  };
  const char * const ragu_end[] = { "Add the tomatoes and simmer for 2 hours.", NULL };
  const char * const bechamel[] = {
    "Melt the butter, stir in the flour.",
    "Whisk in the milk a little at a time.",
    NULL
  };
  const char * const loose[] = {
    "Layer ragù, pasta and béchamel.",
    "Finish with béchamel and cheese.",
    "Bake for 40 minutes.",
    NULL
  };

  /* Steps before any section get an unnamed one; a nested section is
   * flattened into "Outer – Inner"; an unnamed nested section joins its
   * named parent; an empty section is dropped; steps keep their order. */
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Lasagne");
  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 6);
  assert_section (recipe, 0, NULL, intro);
  assert_section (recipe, 1, "Ragù", ragu);
  assert_section (recipe, 2, "Ragù – Soffritto", soffritto);
  assert_section (recipe, 3, "Ragù", ragu_end);
  assert_section (recipe, 4, "Béchamel", bechamel);
  assert_section (recipe, 5, NULL, loose);
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 10);

  g_assert_finalize_object (recipe);
}

static void
test_instructions_single_section (void)
{
  g_autofree char *json = recipe_with ("recipeInstructions",
                                       "{\"@type\": \"HowToSection\", \"name\": \"Method\","
                                       " \"itemListElement\": {\"@type\": \"ItemList\", \"itemListElement\": ["
                                       " {\"@type\": \"HowToStep\", \"text\": \"Stir.\"}]}}");
  GalleyRecipe *recipe = parse_json (json, NULL);
  const char * const steps[] = { "Stir.", NULL };

  g_assert_cmpuint (galley_recipe_get_sections (recipe)->len, ==, 1);
  assert_section (recipe, 0, "Method", steps);
  g_assert_finalize_object (recipe);
}

static void
test_ingredients (void)
{
  static const struct
  {
    const char *line;
    const char *quantity;
    const char *unit;
    const char *name;
    const char *note;
  } cases[] = {
    { "2 1/2 cups flour, sifted", "2 1/2", "cups", "flour", "sifted" },
    { "½ tsp salt", "½", "tsp", "salt", NULL },
    { "1-2 cloves garlic, minced", "1-2", "cloves", "garlic", "minced" },
    { "200g butter", "200", "g", "butter", NULL },
    { "200 grams dark chocolate (70%), chopped", "200", "grams", "dark chocolate", "70%, chopped" },
    { "1 cup (240 ml) milk, warmed", "1", "cup", "milk", "240 ml, warmed" },
    { "3 large eggs", "3", NULL, "large eggs", NULL },
    { "2 garlic cloves", "2", NULL, "garlic cloves", NULL },
    { "Salt and pepper, to taste", NULL, NULL, "Salt and pepper", "to taste" },
    { "1½ Tbsp. olive oil", "1½", "Tbsp", "olive oil", NULL },
    { "1 1/2 tablespoons of honey", "1 1/2", "tablespoons", "honey", NULL },
    { "1 (14 oz) can chickpeas, drained and rinsed", "1", "can", "chickpeas", "14 oz, drained and rinsed" },
    { "0,5 l whole milk", "0,5", "l", "whole milk", NULL },
    { "1.5 kg potatoes", "1.5", "kg", "potatoes", NULL },
    { "2 to 3 tbsp sugar", "2 to 3", "tbsp", "sugar", NULL },
    { "¼–½ tsp chilli flakes", "¼–½", "tsp", "chilli flakes", NULL },
    { "8 fl oz double cream", "8", "fl oz", "double cream", NULL },
    { "1 lb. minced beef", "1", "lb", "minced beef", NULL },
    { "1 pinch of nutmeg", "1", "pinch", "nutmeg", NULL },
    { "1 &frac12; cups rice", "1 ½", "cups", "rice", NULL },
    { "<b>4</b> eggs", "4", NULL, "eggs", NULL },
    { "Eggs (3)", NULL, NULL, "Eggs", "3" },
    { "A pinch of nutmeg", NULL, NULL, "A pinch of nutmeg", NULL },
    { "Juice of 1 lemon", NULL, NULL, "Juice of 1 lemon", NULL },
    /* Not a shape the splitter knows: kept whole. */
    { "2 x 400 g tins tomatoes", NULL, NULL, "2 x 400 g tins tomatoes", NULL },
    { "1 2-inch piece ginger", NULL, NULL, "1 2-inch piece ginger", NULL },
    { "200g/7oz butter", NULL, NULL, "200g/7oz butter", NULL },
    { "3 cups", NULL, NULL, "3 cups", NULL },
    { "1 cup flour (about 120 g", NULL, NULL, "1 cup flour (about 120 g", NULL },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *json = NULL;
  GalleyRecipe *recipe;

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    json_builder_add_string_value (builder, cases[i].line);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  lines = json_to_string (root, FALSE);
  json = recipe_with ("recipeIngredient", lines);

  recipe = parse_json (json, NULL);
  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, G_N_ELEMENTS (cases));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      note_case ("ingredient", cases[i].line);
      assert_ingredient (get_ingredient (recipe, i),
                         cases[i].quantity, cases[i].unit, cases[i].name, cases[i].note);
    }

  g_assert_finalize_object (recipe);
}

static void
test_ingredients_legacy (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *json = recipe_with ("ingredients",
                                       "[\"2 eggs\\n100 g sugar\", {\"@type\": \"HowToSupply\"}, \"\", \"Salt\"]");
  GalleyRecipe *recipe = parse_json (json, &warnings);

  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 3);
  assert_ingredient (get_ingredient (recipe, 0), "2", NULL, "eggs", NULL);
  assert_ingredient (get_ingredient (recipe, 1), "100", "g", "sugar", NULL);
  assert_ingredient (get_ingredient (recipe, 2), NULL, NULL, "Salt", NULL);
  g_assert_cmpuint (warnings->len, ==, 1);

  g_assert_finalize_object (recipe);
}

static void
test_yield (void)
{
  static const struct
  {
    const char *yield;
    guint       servings;
    guint       n_warnings;
  } cases[] = {
    { "\"4 servings\"", 4, 0 },
    { "4", 4, 0 },
    { "6.0", 6, 0 },
    { "\"Serves 4-6\"", 4, 0 },
    { "\"Makes 24 cookies\"", 24, 0 },
    { "[\"\", \"about a dozen\", \"12 cookies\"]", 12, 0 },
    { "[2, \"4 servings\"]", 2, 0 },
    { "{\"@type\": \"QuantitativeValue\", \"value\": 3}", 3, 0 },
    { "\"a few\"", 0, 1 },
    { "0", 0, 1 },
    { "-2", 0, 1 },
    { "\"99999999999 servings\"", 0, 1 },
    { "\"\"", 0, 0 },
    { "[]", 0, 0 },
    { "null", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *json = recipe_with ("recipeYield", cases[i].yield);
      GalleyRecipe *recipe = parse_json (json, &warnings);

      note_case ("recipeYield", cases[i].yield);
      g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, cases[i].servings);
      g_assert_cmpuint (warnings->len, ==, cases[i].n_warnings);
      g_assert_finalize_object (recipe);
    }
}

static void
test_iso8601 (void)
{
  static const struct
  {
    const char *text;
    gboolean    valid;
    gint64      seconds;
  } cases[] = {
    { "PT1H30M", TRUE, 5400 },
    { "P0DT0H45M", TRUE, 2700 },
    { "PT90M", TRUE, 5400 },
    { "PT1H30M15S", TRUE, 5415 },
    { "P1D", TRUE, 86400 },
    { "PT0.5H", TRUE, 1800 },
    { "PT0,25H", TRUE, 900 },
    { "PT20M", TRUE, 1200 },
    { "PT45.6S", TRUE, 46 },
    { "P1DT2H", TRUE, 93600 },
    { "P1W", TRUE, 604800 },
    { "P0Y0M0DT0H35M0.000S", TRUE, 2100 },
    { "  PT5M\n", TRUE, 300 },
    { "pt10m", TRUE, 600 },
    { "PT0S", TRUE, 0 },
    { "", FALSE, 0 },
    { "P", FALSE, 0 },
    { "PT", FALSE, 0 },
    { "P1DT", FALSE, 0 },
    { "1H30M", FALSE, 0 },
    { "PT1H30", FALSE, 0 },
    { "PT30M1H", FALSE, 0 },
    { "PT1H1H", FALSE, 0 },
    { "P1H", FALSE, 0 },
    { "PT-5M", FALSE, 0 },
    { "-PT5M", FALSE, 0 },
    { "PT1.5H30M", FALSE, 0 },
    { "PT1H 30M", FALSE, 0 },
    { "PT.5H", FALSE, 0 },
    { "PT5.M", FALSE, 0 },
    { "PT1X", FALSE, 0 },
    { "PTT1H", FALSE, 0 },
    { "P1M2Y", FALSE, 0 },
    { "20 minutes", FALSE, 0 },
    { "PT9999999999999H", FALSE, 0 },
    { "P999999999999Y", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 seconds = -1;
      gboolean valid = galley_iso8601_duration_parse (cases[i].text, &seconds);

      note_case ("duration", cases[i].text);
      g_assert_cmpint (valid, ==, cases[i].valid);
      g_assert_cmpint (seconds, ==, cases[i].valid ? cases[i].seconds : -1);
    }

  g_assert_true (galley_iso8601_duration_parse ("PT1M", NULL));
}

static void
test_times (void)
{
  static const struct
  {
    const char *members;
    gint64      prep;
    gint64      cook;
    guint       n_warnings;
  } cases[] = {
    { "\"prepTime\": \"PT10M\", \"cookTime\": \"PT1H\", \"totalTime\": \"PT1H10M\"", 600, 3600, 0 },
    { "\"totalTime\": \"PT1H\"", 0, 3600, 0 },
    { "\"prepTime\": \"PT15M\", \"totalTime\": \"PT1H\"", 900, 2700, 0 },
    { "\"prepTime\": \"PT15M\", \"cookTime\": \"20 minutes\"", 900, 0, 1 },
    { "\"prepTime\": 15, \"cookTime\": \"PT20M\"", 0, 1200, 1 },
    { "\"prepTime\": \"\", \"cookTime\": null, \"totalTime\": \"PT0M\"", 0, 0, 0 },
    { "\"prepTime\": \"P\", \"cookTime\": \"PTM\", \"totalTime\": \"soon\"", 0, 0, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *json = g_strdup_printf ("{\"@type\": \"Recipe\", \"name\": \"T\", %s}",
                                               cases[i].members);
      GalleyRecipe *recipe = parse_json (json, &warnings);

      note_case ("members", cases[i].members);
      g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, cases[i].prep);
      g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, cases[i].cook);
      g_assert_cmpuint (warnings->len, ==, cases[i].n_warnings);
      g_assert_finalize_object (recipe);
    }
}

static void
test_image (void)
{
  static const struct
  {
    const char *image;
    const char *expected;
  } cases[] = {
    { "\"https://example.com/a.jpg\"", "https://example.com/a.jpg" },
    { "\"  http://example.com/b.jpg \"", "http://example.com/b.jpg" },
    { "[\"\", \"not a url\", \"/relative.jpg\", \"https://example.com/c.jpg\", \"https://example.com/x.jpg\"]",
      "https://example.com/c.jpg" },
    { "{\"@type\": \"ImageObject\", \"url\": \"https://example.com/d.jpg\", \"width\": 800}",
      "https://example.com/d.jpg" },
    { "{\"@type\": \"ImageObject\", \"contentUrl\": \"https://example.com/e.jpg\"}",
      "https://example.com/e.jpg" },
    { "[{\"@type\": \"ImageObject\", \"url\": \"ftp://example.com/f.jpg\"},"
      " {\"@type\": \"ImageObject\", \"contentUrl\": \"https://example.com/g.jpg\"}]",
      "https://example.com/g.jpg" },
    { "{\"@type\": \"ImageObject\", \"url\": [\"https://example.com/h.jpg\"]}", "https://example.com/h.jpg" },
    { "\"//cdn.example.com/i.jpg\"", "https://cdn.example.com/i.jpg" },
    { "\"HTTPS://Example.com/J.jpg\"", "https://Example.com/J.jpg" },
    { "\"https://example.com/my photo.jpg\"", "https://example.com/my%20photo.jpg" },
    { "\"data:image/png;base64,AAAA\"", NULL },
    { "\"javascript:alert(1)\"", NULL },
    { "\"https://\"", NULL },
    { "\"file:///etc/passwd\"", NULL },
    { "{\"@type\": \"ImageObject\", \"width\": 10}", NULL },
    { "42", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *json = recipe_with ("image", cases[i].image);
      GalleyRecipe *recipe = parse_json (json, &warnings);

      note_case ("image", cases[i].image);
      g_assert_cmpstr (galley_recipe_get_image (recipe), ==, cases[i].expected);
      g_assert_cmpuint (warnings->len, ==, cases[i].expected == NULL ? 1 : 0);
      g_assert_finalize_object (recipe);
    }
}

static void
test_image_reference_loop (void)
{
  const char *json =
    "{\"@graph\": ["
    " {\"@type\": \"Recipe\", \"name\": \"Loop\", \"image\": {\"@id\": \"#a\"}},"
    " {\"@id\": \"#a\", \"@type\": \"ImageObject\", \"url\": {\"@id\": \"#b\"}},"
    " {\"@id\": \"#b\", \"@type\": \"ImageObject\", \"contentUrl\": {\"@id\": \"#a\"}},"
    " {\"@id\": \"#c\", \"@type\": \"ImageObject\", \"url\": {\"@id\": \"#c\"}}]}";
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe = parse_json (json, &warnings);

  g_assert_null (galley_recipe_get_image (recipe));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_finalize_object (recipe);
}

static void
test_source_url (void)
{
  static const struct
  {
    const char *members;
    const char *expected;
  } cases[] = {
    { "\"url\": \"https://example.com/r/1\"", "https://example.com/r/1" },
    { "\"url\": \"https://example.com/r/2\", \"@id\": \"https://example.com/other#recipe\"",
      "https://example.com/r/2" },
    { "\"@id\": \"https://example.com/r/3#recipe\"", "https://example.com/r/3" },
    { "\"url\": \"/r/4\", \"@id\": \"https://example.com/r/4/#recipe\"", "https://example.com/r/4/" },
    { "\"url\": \"mailto:cook@example.com\"", NULL },
    { "\"@id\": \"#recipe\"", NULL },
    { "\"@id\": \"_:b0\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"@type\": \"Recipe\", \"name\": \"U\", %s}",
                                               cases[i].members);
      GalleyRecipe *recipe = parse_json (json, NULL);

      note_case ("members", cases[i].members);
      g_assert_cmpstr (galley_recipe_get_source_url (recipe), ==, cases[i].expected);
      g_assert_finalize_object (recipe);
    }
}

static void
test_tags (void)
{
  g_autofree char *json = g_strdup ("{\"@type\": \"Recipe\", \"name\": \"Tags\","
                                    " \"keywords\": [\"Quick &amp; Easy\", \"vegan, gluten-free\", \"\", \" , \"],"
                                    " \"recipeCategory\": [\"Main course\", \"VEGAN\"],"
                                    " \"recipeCuisine\": \"Indian, <b>Fusion</b>\"}");
  GalleyRecipe *recipe = parse_json (json, NULL);
  const char * const tags[] = { "Quick & Easy", "vegan", "gluten-free", "Main course", "Indian", "Fusion", NULL };

  assert_tags (recipe, tags);
  g_assert_finalize_object (recipe);
}

static void
test_entities_in_names (void)
{
  static const struct
  {
    const char *name;
    const char *title;
  } cases[] = {
    { "Fish &amp; Chips", "Fish & Chips" },
    { "Mom&#39;s Chili", "Mom's Chili" },
    { "Don&#x27;t Stop", "Don't Stop" },
    { "&quot;Best&quot; Brownies", "\"Best\" Brownies" },
    { "Mom&amp;#39;s Meatloaf", "Mom's Meatloaf" },
    { "Caf&eacute; Cr&egrave;me &ndash; Easy", "Café Crème – Easy" },
    { "Nana&#146;s Pie", "Nana’s Pie" },
    { "Chili &#128293;", "Chili 🔥" },
    { "Bad &#xD800; ref", "Bad \xef\xbf\xbd ref" },
    { "AT&T Salad &unknown; &", "AT&T Salad &unknown; &" },
    { "5 &lt; 6 &gt; 4", "5 < 6 > 4" },
    { "  Spaced\\n\\t out&nbsp;&nbsp;title  ", "Spaced out title" },
    { "<h2 class=\\\"title\\\">Tagged <i>title</i></h2>", "Tagged title" },
    { "<!-- hidden -->Comment", "Comment" },
    { "Zero\\u200bwidth\\u00adsoft", "Zerowidthsoft" },
    { "<b></b>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"@type\": \"Recipe\", \"name\": \"%s\"}", cases[i].name);
      GalleyRecipe *recipe = parse_json (json, NULL);

      note_case ("name", cases[i].name);
      g_assert_cmpstr (galley_recipe_get_title (recipe), ==, cases[i].title);
      g_assert_finalize_object (recipe);
    }
}

static void
test_lone_surrogate (void)
{
  /* json-glib 1.6 turns a lone \ud800 into bytes that are not UTF-8 (and
   * swallows the character after it). */
  const char *json = "{\"@type\": \"Recipe\", \"name\": \"\\ud800x lone\","
                     " \"recipeIngredient\": [\"1 \\ud800 egg\"], \"recipeInstructions\": \"Stir\\udbff well\"}";
  GalleyRecipe *recipe = parse_json (json, NULL);

  g_assert_true (g_str_has_suffix (galley_recipe_get_title (recipe), " lone"));
  assert_recipe_sane (recipe);
  g_assert_finalize_object (recipe);
}

static void
test_invalid_json (void)
{
  static const char * const cases[] = {
    "{\"@type\": \"Recipe\", ",
    "{\"@type\": \"Recipe\" \"name\": \"x\"}",
    "[1, 2",
    "{@type: Recipe}",
    "<html></html>",
    "1 [2]",
    "[1] x",
    "{\"@type\": \"Recipe\"} 2",
    "{\"@type\": \"Recipe\"} {\"a\": ",
  };

  g_autoptr(GError) error = NULL;
  const char *surrogate = "[\"1 \\udc00\"], \"x\"]";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parse_fails (cases[i], strlen (cases[i]), GALLEY_IMPORT_ERROR_INVALID);

  /* json-glib's message quotes the bad token; the user must get UTF-8. */
  g_assert_null (galley_jsonld_parse (surrogate, strlen (surrogate), NULL, &error));
  g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* Empty is not JSON either. */
  assert_parse_fails ("", 0, GALLEY_IMPORT_ERROR_INVALID);
  assert_parse_fails ("  \n ", 4, GALLEY_IMPORT_ERROR_INVALID);
  assert_parse_fails (NULL, 0, GALLEY_IMPORT_ERROR_INVALID);
}

static void
test_invalid_utf8 (void)
{
  static const char latin1[] = "{\"@type\": \"Recipe\", \"name\": \"Caf\xe9\"}";
  static const char overlong[] = "{\"@type\": \"Recipe\", \"name\": \"\xc0\xaf\"}";
  static const char nul[] = "{\"@type\": \"Recipe\", \"name\": \"a\0b\"}";

  assert_parse_fails (latin1, sizeof latin1 - 1, GALLEY_IMPORT_ERROR_INVALID);
  assert_parse_fails (overlong, sizeof overlong - 1, GALLEY_IMPORT_ERROR_INVALID);
  assert_parse_fails (nul, sizeof nul - 1, GALLEY_IMPORT_ERROR_INVALID);
}

static void
test_bom (void)
{
  GalleyRecipe *recipe = parse_json ("\xef\xbb\xbf{\"@type\": \"Recipe\", \"name\": \"BOM\"}", NULL);

  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "BOM");
  g_assert_finalize_object (recipe);
}

static char *
nested (const char *prefix,
        const char *open,
        guint       depth,
        const char *middle,
        const char *close)
{
  GString *json = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append (json, open);
  g_string_append (json, middle);
  for (guint i = 0; i < depth && close != NULL; i++)
    g_string_append (json, close);

  return g_string_free (json, FALSE);
}

static void
test_too_deep (void)
{
  /* The last three hide the brackets from a check that knows only
   * double-quoted strings: json-glib 1.6 also reads single-quoted strings
   * and comments, and would recurse 100,000 levels deep. */
  static const struct
  {
    const char *prefix;
    const char *open;
    const char *close;
  } cases[] = {
    { "", "[", "]" },
    { "", "[", NULL },
    { "", "{\"a\":", "}" },
    { "['\"', ", "[", "]" },
    { "[/*\"*/ ", "[", "]" },
    { "{\"@type\": \"Recipe\", 'x\"': ", "[", "]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = nested (cases[i].prefix, cases[i].open, 100000, "1", cases[i].close);
      assert_parse_fails (json, strlen (json), GALLEY_IMPORT_ERROR_TOO_DEEP);
    }
}

static void
test_depth_limit (void)
{
  /* 63 arrays and the recipe object: 64 levels, the most allowed. */
  g_autofree char *deepest = nested ("", "[", 63, "{\"@type\": \"Recipe\", \"name\": \"Deep\"}", "]");
  g_autofree char *too_deep = nested ("", "[", 64, "{\"@type\": \"Recipe\", \"name\": \"Deep\"}", "]");
  /* Brackets inside strings do not count. */
  g_autofree char *in_strings = nested ("{\"@type\": \"Recipe\", \"name\": \"Brackets\", \"x\": \"", "[{", 1000,
                                        "\", \"y\": '[[[[[[[[[[', \"z\": /* [[[[[[[[[[ */ 1}", NULL);
  GalleyRecipe *recipe;

  recipe = parse_json (deepest, NULL);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Deep");
  g_assert_finalize_object (recipe);

  assert_parse_fails (too_deep, strlen (too_deep), GALLEY_IMPORT_ERROR_TOO_DEEP);

  recipe = parse_json (in_strings, NULL);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Brackets");
  g_assert_finalize_object (recipe);
}

static char *
repeat (const char *text,
        guint       times,
        const char *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

/* Input built to make a careless parser take quadratic (or worse) time or
 * memory: hours, or the test's timeout, instead of well under a second.
 * (No clock here: the sanitizer build is slow on a shared machine.) */
static void
test_hostile_input (void)
{
  g_autofree char *lt = repeat ("<a", 200000, "");
  g_autofree char *bang = repeat ("<!", 200000, "");
  g_autofree char *comments = repeat ("<!-- - -- -->", 50000, "x");
  g_autofree char *refs_to_a = repeat ("{\"@id\": \"#a\"}", 300, ",");
  g_autofree char *refs_to_b = repeat ("{\"@id\": \"#b\"}", 300, ",");
  g_autofree char *keywords = repeat ("k", 20000, ",");
  g_autofree char *long_name = repeat ("Long", 25000, " ");
  g_autofree char *inner = repeat ("{\"@type\": \"HowToSection\", \"name\": \"Inner\", \"itemListElement\": [\"Step.\"]}",
                                   2000, ",");
  g_autofree char *numbered_keywords = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GalleyRecipe *recipe;
  GPtrArray *sections;

  /* Tag-like text that never closes, and many comments. */
  json = g_strdup_printf ("{\"@type\": \"Recipe\", \"name\": \"%s\", \"recipeInstructions\": [\"%s\", \"%s\"]}",
                          lt, bang, comments);
  recipe = parse_json (json, NULL);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, lt);
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 2);
  g_assert_finalize_object (recipe);
  g_clear_pointer (&json, g_free);

  /* Image references that point at each other, 300 times each. */
  json = g_strdup_printf ("{\"@graph\": [{\"@type\": \"Recipe\", \"name\": \"R\", \"image\": {\"@id\": \"#a\"}},"
                          " {\"@id\": \"#a\", \"url\": [%s]}, {\"@id\": \"#b\", \"contentUrl\": [%s]}]}",
                          refs_to_b, refs_to_a);
  recipe = parse_json (json, NULL);
  g_assert_null (galley_recipe_get_image (recipe));
  g_assert_finalize_object (recipe);
  g_clear_pointer (&json, g_free);

  /* Twenty thousand keywords, 26 of them distinct. */
  numbered_keywords = g_strdup (keywords);
  for (guint i = 0; i < 20000; i++)
    numbered_keywords[2 * i] = 'a' + (i % 26);
  json = g_strdup_printf ("{\"@type\": \"Recipe\", \"name\": \"R\", \"keywords\": \"%s\","
                          " \"recipeCategory\": [%s]}", numbered_keywords, refs_to_a);
  recipe = parse_json (json, &warnings);
  g_assert_cmpuint (g_strv_length ((char **)galley_recipe_get_tags (recipe)), ==, 26);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_finalize_object (recipe);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* 2,000 sections nested in one with a 125 kB name. */
  json = g_strdup_printf ("{\"@type\": \"Recipe\", \"name\": \"R\", \"recipeInstructions\": ["
                          "{\"@type\": \"HowToSection\", \"name\": \"%s\", \"itemListElement\": [%s]}]}",
                          long_name, inner);
  recipe = parse_json (json, NULL);
  sections = galley_recipe_get_sections (recipe);
  g_assert_cmpuint (sections->len, ==, 1);
  g_assert_cmpuint (g_utf8_strlen (galley_section_get_name (g_ptr_array_index (sections, 0)), -1), ==, 200);
  g_assert_true (g_str_has_suffix (galley_section_get_name (g_ptr_array_index (sections, 0)), "…"));
  g_assert_cmpuint (galley_recipe_count_steps (recipe), ==, 2000);
  g_assert_finalize_object (recipe);
}

static void
test_many_tags (void)
{
  g_autoptr(GString) keywords = g_string_new (NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *json = NULL;
  GalleyRecipe *recipe;
  const char * const *tags;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (keywords, "%stag %u", i > 0 ? ", " : "", i);

  json = g_strdup_printf ("{\"@type\": \"Recipe\", \"name\": \"R\", \"keywords\": \"%s\","
                          " \"recipeCuisine\": \"Thai\"}", keywords->str);
  recipe = parse_json (json, &warnings);
  tags = galley_recipe_get_tags (recipe);
  g_assert_cmpuint (g_strv_length ((char **)tags), ==, 50);
  g_assert_cmpstr (tags[0], ==, "tag 0");
  g_assert_cmpstr (tags[49], ==, "tag 49");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_finalize_object (recipe);
}

static GalleyRecipe *
parse_html_string (const char  *html,
                   GError     **error)
{
  /* An exact-size copy, so that a read past the end shows under ASan. */
  gsize length = strlen (html);
  g_autofree char *copy = g_memdup2 (html, length);

  return galley_jsonld_parse_html (copy, length, NULL, error);
}

static void
test_html_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  gsize length;
  g_autofree char *html = read_fixture ("jsonld-page.html", &length);
  GalleyRecipe *recipe = galley_jsonld_parse_html (html, length, &warnings, &error);
  const char * const steps[] = {
    "Fry the pepper in the oil for 5 minutes.",
    "Add the tomatoes and simmer for 10 minutes.",
    "Make four hollows, crack in the eggs, cover and cook for 8-10 minutes.",
    NULL
  };

  g_assert_no_error (error);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 0);
  /* Not the commented-out draft, nor what the JavaScript writes. */
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Shakshuka");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 2);
  g_assert_cmpint (galley_recipe_get_prep_time_s (recipe), ==, 600);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 1500);
  g_assert_cmpstr (galley_recipe_get_image (recipe), ==, "https://example.com/shakshuka.jpg");
  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 4);
  assert_ingredient (get_ingredient (recipe, 0), "2", "tbsp", "olive oil", NULL);
  assert_ingredient (get_ingredient (recipe, 2), "400", "g", "can chopped tomatoes", NULL);
  assert_section (recipe, 0, NULL, steps);

  g_assert_finalize_object (recipe);
}

#define RECIPE_JSON "{\"@context\": \"https://schema.org\", \"@type\": \"Recipe\", \"name\": \"Found\"}"

static void
test_html_attributes (void)
{
  static const char * const found[] = {
    "<script type=\"application/ld+json\">" RECIPE_JSON "</script>",
    "<script type='application/ld+json'>" RECIPE_JSON "</script>",
    "<script type=application/ld+json>" RECIPE_JSON "</script>",
    "<SCRIPT TYPE=\"APPLICATION/LD+JSON\">" RECIPE_JSON "</SCRIPT>",
    "<ScRiPt\n\ttype\n=\n\"application/ld+json\"\n>\n" RECIPE_JSON "\n</script >",
    "<script async src=\"x.js\" type=\"application/ld+json\" data-x='a>b'>" RECIPE_JSON "</script>",
    "<script data-x='a>b' data-y=\"c'>d\" type=\"application/ld+json\">" RECIPE_JSON "</script>",
    "<script nonce=abc defer type=\"application/ld+json\" id=schema>" RECIPE_JSON "</script>",
    "<script type=\" application/ld+json ; charset=utf-8 \">" RECIPE_JSON "</script>",
    "<script type=\"application/ld+json;charset=UTF-8\">" RECIPE_JSON "</script>",
    "<script/type=\"application/ld+json\">" RECIPE_JSON "</script>",
    "<script type=\"application/ld+json\" type=\"text/plain\">" RECIPE_JSON "</script>",
    "<script type=\"application/ld+json\"><!--\n" RECIPE_JSON "\n--></script>",
    "<script type=\"application/ld+json\">//<![CDATA[\n" RECIPE_JSON "\n//]]></script>",
    "<script type=\"application/ld+json\"><![CDATA[" RECIPE_JSON "]]></script>",
    "<script type=\"application/ld+json\">/*<![CDATA[*/" RECIPE_JSON "/*]]>*/</script>",
    "<script type=\"application/ld+json\">\xef\xbb\xbf" RECIPE_JSON "</script>",
    /* A page cut short after the recipe. */
    "<script type=\"application/ld+json\">" RECIPE_JSON,
    /* Later blocks are tried when earlier ones hold no recipe or are broken. */
    "<script type=\"application/ld+json\"></script>"
    "<script type=\"application/ld+json\">{\"@type\": </script>"
    "<script type=\"application/ld+json\">{\"@type\": \"Organization\"}</script>"
    "<script type=\"application/ld+json\">" RECIPE_JSON "</script>",
    /* A page in Latin-1 around the (UTF-8) block. */
    "<p>Caf\xe9</p><script type=\"application/ld+json\">" RECIPE_JSON "</script><p>\xff\xfe</p>",
  };
  static const char * const not_found[] = {
    "",
    "<html><body><p>No data here.</p></body></html>",
    "<script type=\"application/json\">" RECIPE_JSON "</script>",
    "<script type=\"text/ld+json\">" RECIPE_JSON "</script>",
    "<script type=\"application/ld+jsonx\">" RECIPE_JSON "</script>",
    "<script data-type=\"application/ld+json\">" RECIPE_JSON "</script>",
    "<script>" RECIPE_JSON "</script>",
    "<script type=\"text/plain\" type=\"application/ld+json\">" RECIPE_JSON "</script>",
    "<scripts type=\"application/ld+json\">" RECIPE_JSON "</scripts>",
    "<noscript type=\"application/ld+json\">" RECIPE_JSON "</noscript>",
    "<!-- <script type=\"application/ld+json\">" RECIPE_JSON "</script> -->",
    "<script>var s = '<script type=\"application/ld+json\">" RECIPE_JSON "';</script>",
    "<script type=\"application/ld+json\">{\"@type\": \"Organization\"}</script>",
    "<script type=\"application/ld+json\">{\"@type\": </script>"
    "<script type=\"application/ld+json\">{\"@type\": \"Organization\"}</script>",
    "<script type=\"application/ld+json",
    "<script type='application/ld+json>" RECIPE_JSON "</script>",
    "<script",
    "<",
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(GError) error = NULL;
      GalleyRecipe *recipe;

      note_case ("page", found[i]);
      recipe = parse_html_string (found[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Found");
      g_assert_finalize_object (recipe);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
    {
      g_autoptr(GError) error = NULL;

      note_case ("page", not_found[i]);
      g_assert_null (parse_html_string (not_found[i], &error));
      g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE);
    }
}

static void
test_html_errors (void)
{
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GError) deep = NULL;
  g_autoptr(GError) utf8 = NULL;
  g_autofree char *deep_html = nested ("<script type=\"application/ld+json\">", "[", 100000, "", "]");
  g_autofree char *deep_with_recipe = g_strconcat (deep_html, "</script>"
                                                   "<script type=\"application/ld+json\">" RECIPE_JSON "</script>",
                                                   NULL);
  g_autoptr(GError) error = NULL;
  GalleyRecipe *recipe;

  /* The only block is broken: say why, rather than "no recipe". */
  g_assert_null (parse_html_string ("<script type=\"application/ld+json\">{\"@type\": </script>", &invalid));
  g_assert_error (invalid, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID);

  g_assert_null (parse_html_string (deep_html, &deep));
  g_assert_error (deep, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_DEEP);

  g_assert_null (parse_html_string ("<script type=\"application/ld+json\">{\"name\": \"\xe9\"}</script>", &utf8));
  g_assert_error (utf8, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID);

  recipe = parse_html_string (deep_with_recipe, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Found");
  g_assert_finalize_object (recipe);
}

static void
check_html_result (GalleyRecipe *recipe,
                   GPtrArray    *warnings,
                   GError       *error)
{
  if (recipe != NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (warnings);
      for (guint i = 0; i < warnings->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (warnings, i), -1, NULL));
      assert_recipe_sane (recipe);
      g_assert_finalize_object (recipe);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_null (warnings);
      g_assert_true (error->domain == GALLEY_IMPORT_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_html_truncated (void)
{
  gsize length;
  g_autofree char *html = read_fixture ("jsonld-page.html", &length);
  guint n_recipes = 0;

  /* Every prefix of the page, each in a buffer of exactly its size. */
  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autofree char *copy = g_memdup2 (html, cut);
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(GError) error = NULL;
      GalleyRecipe *recipe = galley_jsonld_parse_html (copy, cut, &warnings, &error);

      if (recipe != NULL)
        n_recipes++;
      check_html_result (recipe, warnings, error);
    }

  /* From the end of the JSON on, the recipe is found. */
  g_assert_cmpuint (n_recipes, >, 0);
  g_assert_cmpuint (n_recipes, <, length / 2);
}

/* Fuzzing */

static gsize
char_start (const GString *text,
            gsize          position)
{
  while (position > 0 && position < text->len && ((guchar)text->str[position] & 0xC0) == 0x80)
    position--;

  return position;
}

static gsize
random_position (const GString *text)
{
  return char_start (text, g_test_rand_int_range (0, text->len + 1));
}

/* One random change that keeps @text valid UTF-8. */
static void
mutate_utf8 (GString *text)
{
  static const char interesting[] = "{}[]\":,\\'/*0123456789.-+eE tnfu<>&#;@PTHMS\n";

  if (text->len == 0)
    {
      g_string_append_c (text, interesting[g_test_rand_int_range (0, sizeof interesting - 1)]);
      return;
    }

  switch (g_test_rand_int_range (0, 8))
    {
    case 0:
    case 1:
    case 2:
    case 3:
      {
        /* Replace an ASCII byte by another ASCII character. */
        gsize i = g_test_rand_int_range (0, text->len);

        if ((guchar)text->str[i] < 0x80)
          text->str[i] = g_test_rand_bit ()
                         ? interesting[g_test_rand_int_range (0, sizeof interesting - 1)]
                         : (char)g_test_rand_int_range (0x20, 0x7F);
      }
      break;

    case 4:
      g_string_truncate (text, random_position (text));
      break;

    case 5:
    case 6:
      {
        /* Copy a piece of the text somewhere else. */
        gsize piece_length = g_test_rand_int_range (1, 200);
        gsize a = random_position (text);
        gsize b = char_start (text, MIN (a + piece_length, text->len));
        g_autofree char *piece = NULL;

        piece = g_strndup (text->str + a, b - a);
        g_string_insert (text, random_position (text), piece);
      }
      break;

    case 7:
    default:
      {
        /* Cut out a piece. */
        gsize piece_length = g_test_rand_int_range (1, 200);
        gsize a = random_position (text);
        gsize b = char_start (text, MIN (a + piece_length, text->len));

        g_string_erase (text, a, b - a);
      }
      break;
    }
}

static void
test_fuzz (void)
{
  gsize length;
  g_autofree char *fixture = read_fixture ("jsonld-plain.json", &length);
  guint n_recipes = 0;
  guint n_errors = 0;

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GString) text = g_string_new_len (fixture, length);
      guint n_mutations = g_test_rand_int_range (1, 4);
      g_autofree char *copy = NULL;
      g_autofree char *html = NULL;

      for (guint m = 0; m < n_mutations; m++)
        mutate_utf8 (text);

      g_assert_true (g_utf8_validate (text->str, text->len, NULL));
      copy = g_memdup2 (text->str, text->len);

      {
        g_autoptr(GPtrArray) warnings = NULL;
        g_autoptr(GError) error = NULL;
        GalleyRecipe *recipe = galley_jsonld_parse (copy, text->len, &warnings, &error);

        if (recipe != NULL)
          n_recipes++;
        else
          n_errors++;
        check_html_result (recipe, warnings, error);
      }

      /* The same text inside a page, now and then: the page scanner has
       * its own fuzz test below, and parsing is what costs under ASan. */
      if (i % 8 != 0)
        continue;

      html = g_strdup_printf ("<html><script type=\"application/ld+json\">%s</script></html>", text->str);

      {
        g_autoptr(GPtrArray) warnings = NULL;
        g_autoptr(GError) error = NULL;
        gsize html_length = strlen (html);
        g_autofree char *html_copy = g_memdup2 (html, html_length);
        GalleyRecipe *recipe = galley_jsonld_parse_html (html_copy, html_length, &warnings, &error);

        check_html_result (recipe, warnings, error);
      }
    }

  g_test_message ("%u recipes, %u errors", n_recipes, n_errors);
  /* Both outcomes must have been exercised for the test to mean anything. */
  g_assert_cmpuint (n_recipes, >, 100);
  g_assert_cmpuint (n_errors, >, 100);
}

static void
test_fuzz_html_bytes (void)
{
  gsize length;
  g_autofree char *fixture = read_fixture ("jsonld-page.html", &length);

  /* A page is any bytes: flip them to anything, nul included. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GString) page = g_string_new_len (fixture, length);
      guint n_mutations = g_test_rand_int_range (1, 8);
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = NULL;
      GalleyRecipe *recipe;

      for (guint m = 0; m < n_mutations && page->len > 0; m++)
        {
          gsize at = g_test_rand_int_range (0, page->len);

          switch (g_test_rand_int_range (0, 3))
            {
            case 0:
              page->str[at] = (char)g_test_rand_int_range (0, 256);
              break;
            case 1:
              g_string_truncate (page, at);
              break;
            default:
              g_string_insert_len (page, g_test_rand_int_range (0, page->len + 1),
                                   page->str + at, MIN (page->len - at, 64));
              break;
            }
        }

      copy = g_memdup2 (page->str, page->len);
      recipe = galley_jsonld_parse_html (copy, page->len, &warnings, &error);
      check_html_result (recipe, warnings, error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/jsonld/plain-object", test_plain_object);
  g_test_add_func ("/jsonld/new-ids", test_two_parses_get_new_ids);
  g_test_add_func ("/jsonld/array", test_array);
  g_test_add_func ("/jsonld/graph", test_graph);
  g_test_add_func ("/jsonld/finding-the-recipe", test_finding_the_recipe);
  g_test_add_func ("/jsonld/no-recipe", test_no_recipe);
  g_test_add_func ("/jsonld/instructions/string", test_instructions_string);
  g_test_add_func ("/jsonld/instructions/strings", test_instructions_strings);
  g_test_add_func ("/jsonld/instructions/howtostep", test_instructions_howtostep);
  g_test_add_func ("/jsonld/instructions/sections", test_instructions_sections);
  g_test_add_func ("/jsonld/instructions/single-section", test_instructions_single_section);
  g_test_add_func ("/jsonld/ingredients", test_ingredients);
  g_test_add_func ("/jsonld/ingredients/legacy", test_ingredients_legacy);
  g_test_add_func ("/jsonld/yield", test_yield);
  g_test_add_func ("/jsonld/iso8601", test_iso8601);
  g_test_add_func ("/jsonld/times", test_times);
  g_test_add_func ("/jsonld/image", test_image);
  g_test_add_func ("/jsonld/image/reference-loop", test_image_reference_loop);
  g_test_add_func ("/jsonld/source-url", test_source_url);
  g_test_add_func ("/jsonld/tags", test_tags);
  g_test_add_func ("/jsonld/entities", test_entities_in_names);
  g_test_add_func ("/jsonld/lone-surrogate", test_lone_surrogate);
  g_test_add_func ("/jsonld/errors/invalid-json", test_invalid_json);
  g_test_add_func ("/jsonld/errors/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/jsonld/bom", test_bom);
  g_test_add_func ("/jsonld/errors/too-deep", test_too_deep);
  g_test_add_func ("/jsonld/depth-limit", test_depth_limit);
  g_test_add_func ("/jsonld/hostile-input", test_hostile_input);
  g_test_add_func ("/jsonld/many-tags", test_many_tags);
  g_test_add_func ("/jsonld/html/page", test_html_page);
  g_test_add_func ("/jsonld/html/attributes", test_html_attributes);
  g_test_add_func ("/jsonld/html/errors", test_html_errors);
  g_test_add_func ("/jsonld/html/truncated", test_html_truncated);
  g_test_add_func ("/jsonld/fuzz", test_fuzz);
  g_test_add_func ("/jsonld/fuzz/html-bytes", test_fuzz_html_bytes);

  return g_test_run ();
}
