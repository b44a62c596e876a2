/* test-library.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "galley-error.h"
#include "galley-library.h"
#include "galley-recipe-json.h"

/* Each test gets a fresh XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS), so the
 * default path is a new file every time. */
static GalleyLibrary *
open_default_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_library_default_path ();
  GalleyLibrary *library;

  library = galley_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (library);

  return library;
}

/* A second connection, as another process (or the sqlite3 tool) would see
 * the file. */
static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  g_autofree char *text = raw_query_text (db, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static GalleyStep *
make_step (const char *text)
{
  return galley_step_new (text);
}

/* A recipe: @ingredients and @steps are NULL-terminated; @tags is a
 * comma-separated list or NULL. */
static GalleyRecipe *
make_recipe (const char         *id,
             const char         *title,
             const char * const *ingredients,
             const char         *tags,
             const char * const *steps)
{
  GalleyRecipe *recipe = galley_recipe_new ();
  g_autoptr(GalleySection) section = galley_section_new (NULL);

  galley_recipe_set_id (recipe, id);
  galley_recipe_set_title (recipe, title);

  for (guint i = 0; ingredients && ingredients[i]; i++)
    {
      g_autoptr(GalleyIngredient) ingredient = galley_ingredient_new (ingredients[i], NULL, NULL, NULL);
      galley_recipe_add_ingredient (recipe, ingredient);
    }

  if (tags != NULL)
    {
      g_auto(GStrv) split = g_strsplit (tags, ",", -1);
      galley_recipe_set_tags (recipe, (const char * const *)split);
    }

  for (guint i = 0; steps && steps[i]; i++)
    {
      g_autoptr(GalleyStep) step = make_step (steps[i]);
      galley_section_add_step (section, step);
    }
  galley_recipe_add_section (recipe, section);

  return recipe;
}

/* The full recipe: two sections, timers (one a range), quantities, notes,
 * tags and every optional field. */
static GalleyRecipe *
make_full_recipe (void)
{
  g_autoptr(GalleyRecipe) recipe = galley_recipe_new ();
  g_autoptr(GalleySection) prep = galley_section_new (NULL);
  g_autoptr(GalleySection) bake = galley_section_new ("Baking");
  g_autoptr(GalleyStep) step1 = make_step ("Peel the carrots and cut them in sticks.");
  g_autoptr(GalleyStep) step2 = make_step ("Roast the vegetables for 40–45 minutes, turning once.");
  g_autoptr(GalleyStep) step3 = make_step ("Rest for 5 minutes, then serve with crème fraîche.");
  g_autoptr(GalleyStepTimer) timer1 = galley_step_timer_new (24, 42, "40–45 minutes", 2400, 2700,
                                                             "Roast the vegetables");
  g_autoptr(GalleyStepTimer) timer2 = galley_step_timer_new (9, 18, "5 minutes", 300, 300, "Rest");
  g_autoptr(GalleyIngredient) carrots = galley_ingredient_new ("carrots", "4", NULL, "cut in sticks");
  g_autoptr(GalleyIngredient) oil = galley_ingredient_new ("olive oil", "2", "tbsp", NULL);
  g_autoptr(GalleyIngredient) creme = galley_ingredient_new ("crème fraîche", "100", "g", NULL);
  const char *tags[] = { "vegetarian", "side dish", NULL };

  galley_recipe_set_id (recipe, "4a1c3e0c-0000-4000-8000-000000000001");
  galley_recipe_set_title (recipe, "Roasted vegetables");
  galley_recipe_set_servings (recipe, 4);
  galley_recipe_set_source_url (recipe, "https://example.org/roast");
  galley_recipe_set_tags (recipe, tags);
  galley_recipe_set_prep_time_s (recipe, 900);
  galley_recipe_set_cook_time_s (recipe, 2700);
  galley_recipe_set_updated (recipe, "001732500000123-0000-5f0c");
  galley_recipe_set_rev (recipe, 17);

  galley_recipe_add_ingredient (recipe, carrots);
  galley_recipe_add_ingredient (recipe, oil);
  galley_recipe_add_ingredient (recipe, creme);

  g_assert_true (galley_step_add_timer (step2, timer1));
  g_assert_true (galley_step_add_timer (step3, timer2));
  galley_section_add_step (prep, step1);
  galley_section_add_step (bake, step2);
  galley_section_add_step (bake, step3);
  galley_recipe_add_section (recipe, prep);
  galley_recipe_add_section (recipe, bake);

  return g_steal_pointer (&recipe);
}

/* Search fixtures: each recipe can only be found through one field, so a
 * hit proves that field is indexed. */
static GPtrArray *
make_search_recipes (void)
{
  GPtrArray *recipes = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (recipes, make_recipe ("roast", "Roast chicken",
                                         (const char *[]) { "chicken", "thyme", NULL }, "dinner",
                                         (const char *[]) { "Season the bird.", "Cook for 1 hour.", NULL }));
  g_ptr_array_add (recipes, make_recipe ("creme", "Crème brûlée",
                                         (const char *[]) { "cream", "egg yolks", "sugar", NULL }, "dessert",
                                         (const char *[]) { "Bake in a water bath.", NULL }));
  g_ptr_array_add (recipes, make_recipe ("tart", "Lemon tart",
                                         (const char *[]) { "flour", "butter", "lemons", NULL }, "dessert,baking",
                                         (const char *[]) { "Blind-bake the pastry case.", NULL }));
  g_ptr_array_add (recipes, make_recipe ("fish", "Grilled fish",
                                         (const char *[]) { "sea bass", "parsley", NULL }, "quick",
                                         (const char *[]) { "Grill and squeeze a lemon over it.", NULL }));
  g_ptr_array_add (recipes, make_recipe ("salad", "Green salad",
                                         (const char *[]) { "lettuce", "walnuts", NULL }, "vegan",
                                         (const char *[]) { "Whisk the vinaigrette.", NULL }));

  return recipes;
}

static GalleyLibrary *
open_search_library (void)
{
  g_autoptr(GPtrArray) recipes = make_search_recipes ();
  g_autoptr(GError) error = NULL;
  GalleyLibrary *library = open_default_library ();

  g_assert_true (galley_library_save_recipes (library, recipes, &error));
  g_assert_no_error (error);

  return library;
}

/* The ids @query finds, as "id id id" (in result order). */
static char *
search_ids (GalleyLibrary *library,
            const char    *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = galley_library_search (library, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **)ids->pdata);
}

static gboolean
strv_has (const char *joined,
          const char *id)
{
  g_auto(GStrv) ids = g_strsplit (joined, " ", -1);

  return g_strv_contains ((const char * const *)ids, id);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return contents;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_library_default_path ();
  g_autofree char *expected_dir = g_build_filename (g_get_user_data_dir (), "galley", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *newer_path = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *sql = NULL;
  GalleyLibrary *library;
  GalleyLibrary *newer;
  sqlite3 *db;
  GStatBuf st;
  gint64 version;

  /* The isolated XDG_DATA_HOME: the test never touches the user's files. */
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_cmpstr (dir, ==, expected_dir);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  library = open_default_library ();
  g_assert_cmpstr (galley_library_get_path (library), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 0);

  db = open_raw (path);
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  version = raw_query_int (db, "PRAGMA user_version");
  g_assert_cmpint (version, >=, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                      "('recipes', 'meta', 'recipes_fts')"), ==, 3);
  sqlite3_close (db);

  g_assert_finalize_object (library);

  /* Reopening an up-to-date file changes nothing. */
  library = open_default_library ();
  db = open_raw (path);
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, version);
  sqlite3_close (db);
  g_assert_finalize_object (library);

  /* "Current" means the newest this build knows: one more is refused. */
  newer_path = g_build_filename (g_get_user_data_dir (), "newer.db", NULL);
  db = open_raw (newer_path);
  sql = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
  raw_exec (db, sql);
  sqlite3_close (db);
  newer = galley_library_open (newer_path, &error);
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_TOO_NEW);
  g_assert_null (newer);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = make_full_recipe ();
  g_autoptr(GalleyRecipe) loaded = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *saved_json = NULL;
  g_autofree char *loaded_json = NULL;
  GalleyLibrary *library = open_default_library ();
  GalleyRecipeSummary *summary;

  saved_json = galley_recipe_to_json (recipe, FALSE);

  g_assert_true (galley_library_save_recipe (library, recipe, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_id (recipe), ==, "4a1c3e0c-0000-4000-8000-000000000001");

  loaded = galley_library_load_recipe (library, galley_recipe_get_id (recipe), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  loaded_json = galley_recipe_to_json (loaded, FALSE);
  g_assert_cmpstr (loaded_json, ==, saved_json);

  /* Spot-check the parts a cook sees, in case both sides of the JSON
   * comparison lost the same thing. */
  g_assert_cmpuint (galley_recipe_get_sections (loaded)->len, ==, 2);
  g_assert_cmpuint (galley_recipe_count_steps (loaded), ==, 3);
  g_assert_cmpuint (galley_recipe_get_ingredients (loaded)->len, ==, 3);
  g_assert_cmpint (galley_recipe_get_rev (loaded), ==, 17);
  {
    GalleySection *bake = g_ptr_array_index (galley_recipe_get_sections (loaded), 1);
    GalleyStep *roast = g_ptr_array_index (galley_section_get_steps (bake), 0);
    GalleyStepTimer *timer;

    g_assert_cmpstr (galley_section_get_name (bake), ==, "Baking");
    g_assert_cmpuint (galley_step_get_timers (roast)->len, ==, 1);
    timer = g_ptr_array_index (galley_step_get_timers (roast), 0);
    g_assert_cmpint (galley_step_timer_get_seconds (timer), ==, 2400);
    g_assert_cmpint (galley_step_timer_get_max_seconds (timer), ==, 2700);
  }

  /* The list reads the columns, not the JSON. */
  summaries = galley_library_list_summaries (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (galley_recipe_summary_get_id (summary), ==, galley_recipe_get_id (recipe));
  g_assert_cmpstr (galley_recipe_summary_get_title (summary), ==, "Roasted vegetables");
  g_assert_cmpint (galley_recipe_summary_get_total_time_s (summary), ==, 900 + 2700);
  g_assert_cmpstr (galley_recipe_summary_get_tags (summary), ==, "vegetarian, side dish");

  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_assert_finalize_object (library);
}

static void
test_summary_properties (void)
{
  GalleyRecipeSummary *summary = galley_recipe_summary_new ("id-1", "Pancakes", 1200, "breakfast");
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *tags = NULL;
  GParamSpec *pspec;
  gint64 total;

  g_object_get (summary, "id", &id, "title", &title, "total-time-s", &total, "tags", &tags, NULL);
  g_assert_cmpstr (id, ==, "id-1");
  g_assert_cmpstr (title, ==, "Pancakes");
  g_assert_cmpint (total, ==, 1200);
  g_assert_cmpstr (tags, ==, "breakfast");

  /* Immutable: list rows can bind to it without expecting notifications. */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (summary), "title");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);

  g_assert_finalize_object (summary);

  summary = galley_recipe_summary_new ("id-2", "Toast", 0, NULL);
  g_assert_cmpstr (galley_recipe_summary_get_tags (summary), ==, "");
  g_assert_finalize_object (summary);
}

static void
test_new_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = make_recipe (NULL, "Porridge", NULL, NULL,
                                                (const char *[]) { "Simmer the oats.", NULL });
  g_autoptr(GalleyRecipe) other = make_recipe (NULL, "Porridge", NULL, NULL, NULL);
  g_autoptr(GalleyRecipe) loaded = NULL;
  GalleyLibrary *library = open_default_library ();

  g_assert_true (galley_library_save_recipe (library, recipe, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (galley_recipe_get_id (recipe)));

  loaded = galley_library_load_recipe (library, galley_recipe_get_id (recipe), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_id (loaded), ==, galley_recipe_get_id (recipe));
  g_assert_cmpstr (galley_recipe_get_title (loaded), ==, "Porridge");

  /* Two recipes with the same title are two recipes. */
  g_assert_true (galley_library_save_recipe (library, other, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_id (other), !=, galley_recipe_get_id (recipe));
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 2);

  g_assert_finalize_object (library);
}

static void
test_upsert (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = make_recipe ("r1", "Banana bread", (const char *[]) { "bananas", NULL },
                                                "baking", NULL);
  g_autoptr(GalleyRecipe) loaded = NULL;
  g_autofree char *found = NULL;
  GalleyLibrary *library = open_default_library ();

  g_assert_true (galley_library_save_recipe (library, recipe, &error));
  g_assert_no_error (error);

  galley_recipe_set_title (recipe, "Walnut loaf");
  galley_recipe_set_rev (recipe, 2);
  g_assert_true (galley_library_save_recipe (library, recipe, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (galley_library_count_recipes (library), ==, 1);
  loaded = galley_library_load_recipe (library, "r1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (loaded), ==, "Walnut loaf");
  g_assert_cmpint (galley_recipe_get_rev (loaded), ==, 2);

  /* The search index follows: the old title is gone, the new one found
   * once (no stale second row). */
  found = search_ids (library, "banana bread");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "walnut");
  g_assert_cmpstr (found, ==, "r1");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "bananas");  /* still an ingredient */
  g_assert_cmpstr (found, ==, "r1");

  g_assert_finalize_object (library);
}

static void
test_search_fields (void)
{
  GalleyLibrary *library = open_search_library ();
  static const struct {
    const char *query;
    const char *ids;
  } cases[] = {
    /* title, any case */
    { "chicken", "roast" },
    { "GREEN SALAD", "salad" },
    /* ingredient */
    { "walnuts", "salad" },
    { "sea bass", "fish" },
    /* tag */
    { "vegan", "salad" },
    { "baking", "tart" },
    /* step text */
    { "vinaigrette", "salad" },
    { "water bath", "creme" },
    /* prefixes, as typed one letter at a time */
    { "r", "roast" },
    { "ro", "roast" },
    { "roa", "roast" },
    { "roast chi", "roast" },
    { "gr fi", "fish" },
    /* diacritics, both ways, and decomposed input */
    { "creme", "creme" },
    { "brulee", "creme" },
    { "crème brûlée", "creme" },
    { "cre\xcc\x80me", "creme" },  /* e + U+0300 COMBINING GRAVE ACCENT */
    /* words in any order, all required */
    { "tart lemon", "tart" },
    { "lemon chicken", "" },
    { "zucchini", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = search_ids (library, cases[i].query);

      g_test_message ("search “%s” → “%s”", cases[i].query, found);
      g_assert_cmpstr (found, ==, cases[i].ids);
    }

  g_assert_finalize_object (library);
}

static void
test_search_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipes = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const sugar[] = { "sugar", NULL };
  GalleyLibrary *library = open_search_library ();
  g_autofree char *lemon = search_ids (library, "lemon");
  g_autofree char *dessert = search_ids (library, "dessert");
  g_autofree char *all = search_ids (library, "");
  g_autofree char *blank = search_ids (library, "  \t\n ");
  g_autofree char *sweet = NULL;
  g_autofree char *typed = NULL;

  /* Results come in the list's order, however well each recipe matches:
   * "Lemon tart" has lemon in its title, "Grilled fish" only in a step. */
  g_assert_cmpstr (lemon, ==, "fish tart");
  g_assert_cmpstr (dessert, ==, "creme tart");

  /* Nothing typed: every recipe, in the same order. */
  g_assert_cmpstr (all, ==, "creme salad fish tart roast");
  g_assert_cmpstr (blank, ==, all);

  /* Case does not count: a plain byte order would put every capitalised
   * title first. Titles equal but for case go by id, not by which was
   * saved first. */
  g_ptr_array_add (recipes, make_recipe ("p3", "cherry clafoutis", sugar, NULL, NULL));
  g_ptr_array_add (recipes, make_recipe ("p4", "Damson jam", sugar, NULL, NULL));
  g_ptr_array_add (recipes, make_recipe ("p2", "apple pie", sugar, NULL, NULL));
  g_ptr_array_add (recipes, make_recipe ("p1", "Banana split", sugar, NULL, NULL));
  g_ptr_array_add (recipes, make_recipe ("p0", "Apple pie", sugar, NULL, NULL));
  g_assert_true (galley_library_save_recipes (library, recipes, &error));
  g_assert_no_error (error);

  /* "Crème brûlée" has sugar too. */
  sweet = search_ids (library, "sugar");
  g_assert_cmpstr (sweet, ==, "p0 p2 p1 p3 creme p4");
  typed = search_ids (library, "s");
  g_assert_cmpstr (typed, ==, "p0 p2 p1 p3 creme p4 salad fish roast");

  g_assert_finalize_object (library);
}

/* The library is not the only writer of its file: another Galley process
 * (or the sqlite3 tool) can change it between two searches. */
static void
test_search_other_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) lemonade = make_recipe ("lemonade", "Apple lemonade",
                                                  (const char *[]) { "lemons", "apples", NULL },
                                                  "drink", NULL);
  g_autofree char *path = galley_library_default_path ();
  g_autofree char *found = NULL;
  GalleyLibrary *library = open_search_library ();
  GalleyLibrary *other;
  sqlite3 *db;

  /* A first search, so the library holds its prepared statements. */
  found = search_ids (library, "lemon");
  g_assert_cmpstr (found, ==, "fish tart");
  g_clear_pointer (&found, g_free);

  other = open_default_library ();
  g_assert_true (galley_library_save_recipe (other, lemonade, &error));
  g_assert_no_error (error);

  found = search_ids (library, "lemon");
  g_assert_cmpstr (found, ==, "lemonade fish tart");
  g_clear_pointer (&found, g_free);

  g_assert_true (galley_library_delete_recipe (other, "tart", &error));
  g_assert_no_error (error);

  found = search_ids (library, "lemon");
  g_assert_cmpstr (found, ==, "lemonade fish");
  g_clear_pointer (&found, g_free);

  /* A bare SQLite connection renames the fish, search entry included:
   * it is found by its new title and moves to its new place. */
  db = open_raw (path);
  raw_exec (db,
            "BEGIN;"
            "UPDATE recipes SET title = 'Zesty fish' WHERE id = 'fish';"
            "DELETE FROM recipes_fts WHERE rowid = (SELECT rowid FROM recipes WHERE id = 'fish');"
            "INSERT INTO recipes_fts (rowid, title, ingredients, tags, steps)"
            "  SELECT rowid, 'Zesty fish', 'sea bass parsley', 'quick',"
            "         'Grill and squeeze a lemon over it.' FROM recipes WHERE id = 'fish';"
            "COMMIT;");
  sqlite3_close (db);

  found = search_ids (library, "lemon");
  g_assert_cmpstr (found, ==, "lemonade fish");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "l");
  g_assert_cmpstr (found, ==, "lemonade salad fish");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "zest");
  g_assert_cmpstr (found, ==, "fish");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "grilled");
  g_assert_cmpstr (found, ==, "");

  g_assert_finalize_object (other);
  g_assert_finalize_object (library);
}

static void
test_search_hostile (void)
{
  GalleyLibrary *library = open_search_library ();
  g_autoptr(GString) long_query = g_string_new (NULL);
  g_autoptr(GString) many_words = g_string_new (NULL);
  const char *queries[] = {
    "\"",
    "\"\"",
    "\"roast",
    "*",
    "**",
    "ro*st",
    "AND",
    "OR",
    "NOT",
    "roast AND",
    "AND roast",
    "NEAR(",
    "NEAR(roast chicken, 2)",
    "'; DROP TABLE recipes; --",
    "\"; DROP TABLE recipes_fts; --",
    "-",
    "-roast",
    "^",
    "^roast",
    "title:roast",
    "{title ingredients}: roast",
    "(",
    ")",
    "( roast",
    "+",
    ":",
    "%",
    "_",
    "\\",
    "\xf0\x9f\x8d\x97",                    /* 🍗 */
    "roast \xf0\x9f\x8d\x97 chicken",
    "\xcc\x80",                            /* a lone combining accent */
    "\xe2\x80\x8b",                        /* zero-width space */
    "\xff\xfe not utf-8",
    "\xe4\xb8\xad\xe6\x96\x87",            /* 中文 */
    "\x01\x02\x7f",
  };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10 * 1024; i++)
    g_string_append_c (long_query, "roast\" *-("[i % 11]);
  for (guint i = 0; i < 2000; i++)
    g_string_append (many_words, "ro ");

  for (guint i = 0; i < G_N_ELEMENTS (queries) + 2; i++)
    {
      const char *query = i < G_N_ELEMENTS (queries) ? queries[i] :
                          i == G_N_ELEMENTS (queries) ? long_query->str : many_words->str;
      g_autoptr(GPtrArray) ids = galley_library_search (library, query, &error);

      g_assert_no_error (error);
      g_assert_nonnull (ids);
    }

  /* Operators are plain text: quoted or starred, "roast" is still roast. */
  {
    g_autofree char *quoted = search_ids (library, "\"roast\"");
    g_autofree char *starred = search_ids (library, "roast*");
    g_autofree char *negated = search_ids (library, "-roast");
    g_autofree char *near = search_ids (library, "NEAR(roast chicken, 2)");
    g_autofree char *emoji = search_ids (library, "roast \xf0\x9f\x8d\x97 chicken");

    g_assert_cmpstr (quoted, ==, "roast");
    g_assert_cmpstr (starred, ==, "roast");
    g_assert_cmpstr (negated, ==, "roast");
    g_assert_cmpstr (near, ==, "");  /* "near" is a word no recipe has */
    g_assert_cmpstr (emoji, ==, "roast");
  }

  /* Everything is still there and still searchable. */
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 5);
  all = galley_library_search (library, "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  {
    g_autofree char *found = search_ids (library, "vinaigrette");
    g_assert_cmpstr (found, ==, "salad");
  }

  g_assert_finalize_object (library);
}

static void
test_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) loaded = NULL;
  g_autofree char *found = NULL;
  GalleyLibrary *library = open_search_library ();

  g_assert_true (galley_library_delete_recipe (library, "roast", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 4);

  loaded = galley_library_load_recipe (library, "roast", &error);
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  found = search_ids (library, "chicken");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "");
  g_assert_false (strv_has (found, "roast"));

  g_assert_false (galley_library_delete_recipe (library, "roast", &error));
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 4);

  /* The others are untouched. */
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "lemon");
  g_assert_cmpstr (found, ==, "fish tart");

  g_assert_finalize_object (library);
}

static void
test_insert_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bundled = make_search_recipes ();
  g_autoptr(GPtrArray) again = make_search_recipes ();
  g_autoptr(GalleyRecipe) edited = NULL;
  g_autoptr(GalleyRecipe) extra = make_recipe ("extra", "Pea soup", NULL, NULL, NULL);
  g_autoptr(GalleyRecipe) loaded = NULL;
  g_autofree char *found = NULL;
  GalleyLibrary *library = open_default_library ();
  guint n = 99;

  g_assert_true (galley_library_insert_new_recipes (library, bundled, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 5);

  /* The user edits a bundled recipe; seeding again must keep the edit. */
  edited = galley_library_load_recipe (library, "tart", &error);
  g_assert_no_error (error);
  galley_recipe_set_title (edited, "Grandma's lemon tart");
  g_assert_true (galley_library_save_recipe (library, edited, &error));
  g_assert_no_error (error);

  g_ptr_array_add (again, g_object_ref (extra));
  g_assert_true (galley_library_insert_new_recipes (library, again, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 6);

  g_assert_true (galley_library_insert_new_recipes (library, again, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 6);

  loaded = galley_library_load_recipe (library, "tart", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (loaded), ==, "Grandma's lemon tart");

  /* Skipped recipes leave no duplicate search rows. */
  found = search_ids (library, "lemon");
  g_assert_cmpstr (found, ==, "tart fish");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "pea");
  g_assert_cmpstr (found, ==, "extra");

  g_assert_finalize_object (library);
}

static void
test_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = make_full_recipe ();
  g_autoptr(GalleyRecipe) loaded = NULL;
  g_autofree char *saved_json = NULL;
  g_autofree char *loaded_json = NULL;
  g_autofree char *found = NULL;
  g_autofree char *cursor = NULL;
  GalleyLibrary *library = open_search_library ();

  g_assert_true (galley_library_save_recipe (library, recipe, &error));
  g_assert_no_error (error);
  g_assert_true (galley_library_set_meta (library, "sync-cursor", "42", &error));
  g_assert_no_error (error);
  saved_json = galley_recipe_to_json (recipe, FALSE);
  g_assert_finalize_object (library);

  library = open_default_library ();
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 6);
  loaded = galley_library_load_recipe (library, galley_recipe_get_id (recipe), &error);
  g_assert_no_error (error);
  loaded_json = galley_recipe_to_json (loaded, FALSE);
  g_assert_cmpstr (loaded_json, ==, saved_json);
  found = search_ids (library, "carrots");
  g_assert_cmpstr (found, ==, galley_recipe_get_id (recipe));
  cursor = galley_library_get_meta (library, "sync-cursor");
  g_assert_cmpstr (cursor, ==, "42");

  g_assert_finalize_object (library);
}

static void
test_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_library_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *journal_mode = NULL;
  GalleyLibrary *library;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = open_raw (path);
  raw_exec (db,
            "CREATE TABLE recipes (id TEXT PRIMARY KEY, future_column BLOB);"
            "INSERT INTO recipes VALUES ('from-the-future', x'00');"
            "PRAGMA user_version = 999;");
  sqlite3_close (db);
  before = read_bytes (path);

  library = galley_library_open (path, &error);
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_TOO_NEW);
  g_assert_null (library);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "999"));

  /* Left exactly as it was: not even switched to WAL. */
  after = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (before), >, 0);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  db = open_raw (path);
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "delete");
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, 999);
  sqlite3_close (db);
}

static void
test_corrupt_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) damaged = NULL;
  g_autoptr(GalleyRecipe) fine = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *path = galley_library_default_path ();
  GalleyLibrary *library = open_search_library ();
  sqlite3 *db;

  db = open_raw (path);
  raw_exec (db, "UPDATE recipes SET json = '{\"id\": \"fish\", \"title\": ' WHERE id = 'fish';"
                "UPDATE recipes SET json = '[1, 2, 3]' WHERE id = 'salad';");
  sqlite3_close (db);

  damaged = galley_library_load_recipe (library, "fish", &error);
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_CORRUPT);
  g_assert_null (damaged);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  damaged = galley_library_load_recipe (library, "salad", &error);
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_CORRUPT);
  g_assert_null (damaged);
  g_clear_error (&error);

  fine = galley_library_load_recipe (library, "tart", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (fine), ==, "Lemon tart");

  /* The list still shows every recipe, damaged ones included. */
  summaries = galley_library_list_summaries (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 5);

  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_assert_finalize_object (library);
}

static void
test_atomic_batch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GalleyRecipe) existing = make_recipe ("old", "Old favourite", NULL, NULL, NULL);
  g_autoptr(GalleyRecipe) changed = make_recipe ("old", "Changed favourite", NULL, NULL, NULL);
  g_autoptr(GalleyRecipe) loaded = NULL;
  g_autoptr(GalleyRecipe) untitled = make_recipe ("untitled", NULL, NULL, NULL, NULL);
  g_autofree char *found = NULL;
  GalleyLibrary *library = open_default_library ();

  g_assert_true (galley_library_save_recipe (library, existing, &error));
  g_assert_no_error (error);

  g_ptr_array_add (batch, make_recipe ("a", "Apple crumble", NULL, NULL, NULL));
  g_ptr_array_add (batch, g_object_ref (changed));
  g_ptr_array_add (batch, make_recipe ("b", "Beef stew", NULL, NULL, NULL));
  g_ptr_array_add (batch, g_object_ref (untitled));
  g_ptr_array_add (batch, make_recipe ("c", "Carrot cake", NULL, NULL, NULL));

  g_assert_false (galley_library_save_recipes (library, batch, &error));
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Nothing of the batch landed, not even the recipes before the bad one,
   * and the update of an existing recipe was undone too. */
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 1);
  loaded = galley_library_load_recipe (library, "old", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (loaded), ==, "Old favourite");
  found = search_ids (library, "apple");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "changed");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  found = search_ids (library, "");
  g_assert_cmpstr (found, ==, "old");

  /* The same batch without the bad recipe goes through: the failed
   * transaction left the connection usable. */
  g_ptr_array_remove (batch, untitled);
  g_assert_true (galley_library_save_recipes (library, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, 4);

  g_assert_finalize_object (library);
}

static void
test_summaries_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = NULL;
  GalleyLibrary *library = open_default_library ();
  const char *expected[] = { "apple pie", "Banana split", "cherry clafoutis", "Damson jam" };

  g_ptr_array_add (recipes, make_recipe ("3", "cherry clafoutis", NULL, NULL, NULL));
  g_ptr_array_add (recipes, make_recipe ("4", "Damson jam", NULL, NULL, NULL));
  g_ptr_array_add (recipes, make_recipe ("1", "Banana split", NULL, NULL, NULL));
  g_ptr_array_add (recipes, make_recipe ("2", "apple pie", NULL, NULL, NULL));
  g_assert_true (galley_library_save_recipes (library, recipes, &error));
  g_assert_no_error (error);

  summaries = galley_library_list_summaries (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < summaries->len; i++)
    g_assert_cmpstr (galley_recipe_summary_get_title (g_ptr_array_index (summaries, i)), ==, expected[i]);

  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_assert_finalize_object (library);
}

static void
test_meta (void)
{
  g_autoptr(GError) error = NULL;
  GalleyLibrary *library = open_default_library ();
  char *value;

  g_assert_null (galley_library_get_meta (library, "device-id"));

  g_assert_true (galley_library_set_meta (library, "device-id", "abc", &error));
  g_assert_no_error (error);
  value = galley_library_get_meta (library, "device-id");
  g_assert_cmpstr (value, ==, "abc");
  g_free (value);

  g_assert_true (galley_library_set_meta (library, "device-id", "d\xc3\xa9" "f", &error));
  g_assert_no_error (error);
  value = galley_library_get_meta (library, "device-id");
  g_assert_cmpstr (value, ==, "d\xc3\xa9" "f");
  g_free (value);

  g_assert_true (galley_library_set_meta (library, "device-id", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (galley_library_get_meta (library, "device-id"));

  g_assert_finalize_object (library);
}

static void
test_open_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "not-a-db", NULL);
  g_autofree char *blocked = NULL;
  GalleyLibrary *library;

  /* A file that is not a database: an error, not a crash or a wipe. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "This is a shopping list, not SQLite. Eggs, milk.", -1, NULL));
  library = galley_library_open (path, &error);
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED);
  g_assert_null (library);
  g_clear_error (&error);
  {
    g_autofree char *contents = read_file (path);
    g_assert_cmpstr (contents, ==, "This is a shopping list, not SQLite. Eggs, milk.");
  }

  /* The folder cannot be created because a file is in the way. */
  blocked = g_build_filename (path, "library.db", NULL);
  library = galley_library_open (blocked, &error);
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED);
  g_assert_null (library);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/create", test_create);
  g_test_add_func ("/library/round-trip", test_round_trip);
  g_test_add_func ("/library/summary-properties", test_summary_properties);
  g_test_add_func ("/library/new-id", test_new_id);
  g_test_add_func ("/library/upsert", test_upsert);
  g_test_add_func ("/library/search/fields", test_search_fields);
  g_test_add_func ("/library/search/order", test_search_order);
  g_test_add_func ("/library/search/hostile", test_search_hostile);
  g_test_add_func ("/library/search/other-connection", test_search_other_connection);
  g_test_add_func ("/library/delete", test_delete);
  g_test_add_func ("/library/insert-new", test_insert_new);
  g_test_add_func ("/library/reopen", test_reopen);
  g_test_add_func ("/library/too-new", test_too_new);
  g_test_add_func ("/library/corrupt-row", test_corrupt_row);
  g_test_add_func ("/library/atomic-batch", test_atomic_batch);
  g_test_add_func ("/library/summaries-order", test_summaries_order);
  g_test_add_func ("/library/meta", test_meta);
  g_test_add_func ("/library/open-failure", test_open_failure);

  return g_test_run ();
}
