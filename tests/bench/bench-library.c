/* bench-library.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Measures the local library with a realistic collection: how fast a big
 * import goes, and whether search-as-you-type stays interactive (each key
 * press runs one search). Prints Markdown for docs/benchmarks.md.
 *
 *   bench-library [--recipes N]              the benchmark
 *   bench-library --fill-library PATH [...]  only fill a library with N recipes
 *
 * The recipes come from a seeded generator, so every run measures the same
 * data. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "galley-library.h"

#define BATCH_SIZE 500
#define N_QUERIES 200

static const char * const methods[] = {
  "Roasted", "Grilled", "Braised", "Slow-cooked", "Spicy", "Crispy", "Creamy",
  "Smoky", "Baked", "Pan-fried", "Steamed", "Honey-glazed", "Lemony", "Garlicky",
  "Herby", "Sticky", "Charred", "Quick", "Rustic", "Classic", "Sweet and sour",
  "Stuffed", "Poached", "Caramelised", "Zesty", "Golden", "Tangy", "Fiery",
};

static const char * const mains[] = {
  "chicken", "beef", "pork", "lamb", "salmon", "cod", "prawn", "tofu", "lentil",
  "chickpea", "mushroom", "aubergine", "cauliflower", "squash", "sweet potato",
  "halloumi", "duck", "turkey", "mackerel", "bean", "potato", "carrot", "leek",
  "spinach", "paneer", "tempeh", "sausage", "crab", "mussel", "courgette",
  "beetroot", "fennel", "pumpkin", "chorizo", "feta", "ricotta", "egg", "rice",
  "noodle", "barley", "quinoa", "polenta", "apple", "pear", "plum", "rhubarb",
  "cherry", "apricot", "banana", "chocolate", "crème fraîche", "gruyère",
};

static const char * const dishes[] = {
  "soup", "stew", "curry", "salad", "pie", "tart", "risotto", "pasta", "bake",
  "gratin", "tacos", "skewers", "traybake", "stir-fry", "casserole", "burgers",
  "frittata", "galette", "crumble", "flatbreads", "dhal", "chowder", "ragù",
  "hotpot", "bowl", "fritters", "parcels", "lasagne", "tagine", "pilaf",
  "gnocchi", "ramen", "broth", "clafoutis", "cake", "sandwiches", "quiche",
};

static const char * const ingredients[] = {
  "onion", "red onion", "shallots", "garlic", "ginger", "carrots", "celery",
  "leeks", "potatoes", "tomatoes", "cherry tomatoes", "tomato purée", "peppers",
  "chillies", "spinach", "kale", "peas", "green beans", "broccoli", "courgettes",
  "aubergines", "mushrooms", "lemon", "lime", "orange zest", "olive oil", "butter",
  "double cream", "milk", "yoghurt", "parmesan", "cheddar", "mozzarella", "feta",
  "eggs", "plain flour", "self-raising flour", "caster sugar", "brown sugar",
  "honey", "maple syrup", "soy sauce", "fish sauce", "miso", "tahini", "vinegar",
  "balsamic vinegar", "Dijon mustard", "stock", "white wine", "red wine",
  "coconut milk", "chickpeas", "lentils", "rice", "pasta", "noodles", "bread",
  "breadcrumbs", "cumin", "coriander", "paprika", "smoked paprika", "turmeric",
  "garam masala", "cinnamon", "nutmeg", "cardamom", "bay leaves", "thyme",
  "rosemary", "oregano", "basil", "parsley", "mint", "dill", "chives", "sage",
  "salt", "black pepper", "chilli flakes", "sesame seeds", "pine nuts", "almonds",
  "walnuts", "hazelnuts", "raisins", "dates", "capers", "olives", "anchovies",
  "bacon", "pancetta", "chicken thighs", "beef mince", "pork shoulder", "salmon fillets",
  "prawns", "tofu", "crème fraîche", "gruyère", "jalapeños",
};

static const char * const tags[] = {
  "vegetarian", "vegan", "gluten-free", "dairy-free", "quick", "weeknight",
  "dinner", "lunch", "breakfast", "dessert", "baking", "batch cooking",
  "freezable", "one-pot", "comfort food", "summer", "winter", "spring", "autumn",
  "party", "kids", "healthy", "spicy", "budget", "side dish", "starter",
};

static const char * const prep_steps[] = {
  "Preheat the oven to 200 °C (180 °C fan).",
  "Finely chop the %s and the %s.",
  "Peel and dice the %s, then set aside with the %s.",
  "Whisk together the %s and the %s in a large bowl.",
  "Season the %s generously with salt, pepper and a little %s.",
  "Rinse the %s under cold water and drain well; pat the %s dry.",
  "Grate the %s and mix it with the %s.",
  "Line a baking tin with parchment and grease it with %s; keep the %s nearby.",
};

/* Steps with a duration: the text around the time and the time itself, so
 * the generator can place a step timer exactly over it. */
static const struct {
  const char *before;
  const char *after;
  const char *label;
} timed_steps[] = {
  { "Heat the %s in a large pan and fry the %s for ", ", stirring often.", "Fry" },
  { "Add the %s and the %s and simmer for ", " until thickened.", "Simmer" },
  { "Roast the %s with the %s for ", ", turning once halfway.", "Roast" },
  { "Bake the %s topped with %s for ", " until golden and bubbling.", "Bake" },
  { "Leave the %s to rest with the %s for ", " before slicing.", "Rest" },
  { "Marinate the %s in the %s for ", ", or overnight in the fridge.", "Marinate" },
  { "Cook the %s in salted water with the %s for ", ", then drain.", "Boil" },
  { "Steam the %s over the %s for ", " until just tender.", "Steam" },
  { "Chill the %s with the %s for ", " so it sets.", "Chill" },
};

static const char * const finish_steps[] = {
  "Scatter over the %s and serve with the %s.",
  "Taste, adjust the seasoning with %s, and finish with %s.",
  "Divide between bowls and top with %s and a drizzle of %s.",
  "Serve warm, with %s and %s on the side.",
};

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static char *
format_duration (GRand  *rand,
                 gint64 *seconds,
                 gint64 *max_seconds)
{
  static const int minutes[] = { 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 45, 60, 90, 120 };
  int m = PICK (rand, minutes);

  *seconds = m * 60;
  *max_seconds = *seconds;

  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      int extra = MAX (1, m / 5);
      *max_seconds = (m + extra) * 60;
      return g_strdup_printf ("%d–%d minutes", m, m + extra);
    }
  if (m >= 60 && m % 60 == 0)
    return m == 60 ? g_strdup ("1 hour") : g_strdup_printf ("%d hours", m / 60);
  if (m > 60)
    return g_strdup_printf ("1 hour %d minutes", m - 60);

  return g_strdup_printf ("%d minutes", m);
}

/* The step formats are the tables above, each with exactly two %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static GalleyStep *
make_step (GRand *rand,
           int    kind)
{
  const char *a = PICK (rand, ingredients);
  const char *b = PICK (rand, ingredients);

  if (kind == 1)
    {
      gint64 seconds, max_seconds;
      guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (timed_steps));
      g_autofree char *before = g_strdup_printf (timed_steps[i].before, a, b);
      g_autofree char *duration = format_duration (rand, &seconds, &max_seconds);
      g_autofree char *text = g_strconcat (before, duration, timed_steps[i].after, NULL);
      g_autoptr(GalleyStepTimer) timer = NULL;
      GalleyStep *step = galley_step_new (text);
      guint start = g_utf8_strlen (before, -1);

      timer = galley_step_timer_new (start, start + g_utf8_strlen (duration, -1), duration,
                                     seconds, max_seconds, timed_steps[i].label);
      galley_step_add_timer (step, timer);
      return step;
    }
  else
    {
      const char *format = kind == 0 ? PICK (rand, prep_steps) : PICK (rand, finish_steps);
      g_autofree char *text = g_strdup_printf (format, a, b);

      return galley_step_new (text);
    }
}
#pragma GCC diagnostic pop

static GalleyRecipe *
make_recipe (GRand *rand,
             guint  n)
{
  g_autoptr(GalleyRecipe) recipe = galley_recipe_new ();
  g_autoptr(GStrvBuilder) tag_builder = g_strv_builder_new ();
  g_auto(GStrv) recipe_tags = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  guint n_ingredients = g_rand_int_range (rand, 8, 16);
  guint n_steps = g_rand_int_range (rand, 4, 11);
  guint n_tags = g_rand_int_range (rand, 1, 5);
  guint n_sections = n_steps >= 7 && g_rand_boolean (rand) ? 2 : 1;
  GalleySection *section = NULL;

  /* Stable ids, so filling the same path twice updates rather than grows. */
  id = g_strdup_printf ("bench-%08u", n);
  title = g_strdup_printf ("%s %s %s", PICK (rand, methods), PICK (rand, mains), PICK (rand, dishes));

  galley_recipe_set_id (recipe, id);
  galley_recipe_set_title (recipe, title);
  galley_recipe_set_servings (recipe, g_rand_int_range (rand, 1, 9));
  galley_recipe_set_prep_time_s (recipe, 60 * 5 * g_rand_int_range (rand, 1, 7));
  galley_recipe_set_cook_time_s (recipe, 60 * 5 * g_rand_int_range (rand, 0, 25));

  for (guint i = 0; i < n_tags; i++)
    g_strv_builder_add (tag_builder, PICK (rand, tags));
  recipe_tags = g_strv_builder_end (tag_builder);
  galley_recipe_set_tags (recipe, (const char * const *)recipe_tags);

  for (guint i = 0; i < n_ingredients; i++)
    {
      static const char * const units[] = { NULL, "g", "ml", "tbsp", "tsp", "cups", NULL };
      g_autofree char *quantity = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 500));
      g_autoptr(GalleyIngredient) ingredient =
        galley_ingredient_new (PICK (rand, ingredients), quantity, PICK (rand, units),
                               g_rand_int_range (rand, 0, 5) == 0 ? "finely chopped" : NULL);

      galley_recipe_add_ingredient (recipe, ingredient);
    }

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GalleyStep) step = NULL;
      int kind = i == 0 ? 0 : i == n_steps - 1 ? 2 : g_rand_int_range (rand, 0, 3) ? 1 : 0;

      if (section == NULL || (n_sections == 2 && i == n_steps / 2))
        {
          g_autoptr(GalleySection) new_section =
            galley_section_new (section == NULL ? NULL : "To finish");
          galley_recipe_add_section (recipe, new_section);
          section = new_section;
        }

      step = make_step (rand, kind);
      galley_section_add_step (section, step);
    }

  return g_steal_pointer (&recipe);
}

static GPtrArray *
make_recipes (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  GPtrArray *recipes = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (recipes, make_recipe (rand, i));

  return recipes;
}

static gint64
import_recipes (GalleyLibrary *library,
                GPtrArray     *recipes)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < recipes->len; i += BATCH_SIZE)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;

      for (guint j = i; j < MIN (recipes->len, i + BATCH_SIZE); j++)
        g_ptr_array_add (batch, g_ptr_array_index (recipes, j));

      if (!galley_library_save_recipes (library, batch, &error))
        g_error ("Import failed: %s", error->message);
    }

  return g_get_monotonic_time () - start;
}

/* What a user types: words from the recipes' vocabulary, a letter at a
 * time ("r", "ro", "roa"), one to three letters each. */
static GPtrArray *
make_queries (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  while (queries->len < N_QUERIES)
    {
      const char *source;
      g_autofree char *lower = NULL;
      const char *end;

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0: source = PICK (rand, methods); break;
        case 1: source = PICK (rand, mains); break;
        case 2: source = PICK (rand, dishes); break;
        default: source = PICK (rand, ingredients); break;
        }

      lower = g_utf8_strdown (source, -1);
      end = lower;
      for (guint len = 1; len <= 3 && *end && queries->len < N_QUERIES; len++)
        {
          end = g_utf8_next_char (end);
          g_ptr_array_add (queries, g_strndup (lower, end - lower));
        }
    }

  return queries;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

typedef struct
{
  double median;
  double p90;
  double p99;
  double max;
  double mean;
} Stats;

/* Nearest-rank percentiles of @ms (sorted in place). */
static Stats
compute_stats (GArray *ms)
{
  Stats stats = { 0 };
  double sum = 0;

  g_array_sort (ms, compare_doubles);

#define RANK(p) g_array_index (ms, double, MIN (ms->len - 1, (guint) ((p) * ms->len + 0.999999) - 1))
  stats.median = RANK (0.5);
  stats.p90 = RANK (0.9);
  stats.p99 = RANK (0.99);
#undef RANK
  stats.max = g_array_index (ms, double, ms->len - 1);

  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  stats.mean = sum / ms->len;

  return stats;
}

/* CPU time of this thread, in ms: unlike the wall clock, it does not
 * count the time other processes had the CPU, so it stays comparable on a
 * busy machine. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
time_fts (GalleyLibrary *library,
          GPtrArray     *queries,
          GArray        *ms,
          GArray        *cpu_ms,
          GArray        *ms_by_length[3],
          guint64        results_by_length[3],
          guint64       *n_results)
{
  *n_results = 0;

  for (guint i = 0; i < queries->len; i++)
    {
      const char *query = g_ptr_array_index (queries, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();
      double elapsed, cpu;
      guint length;

      ids = galley_library_search (library, query, &error);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      cpu = thread_cpu_ms () - cpu_start;
      if (ids == NULL)
        g_error ("Search “%s” failed: %s", query, error->message);

      g_array_append_val (ms, elapsed);
      g_array_append_val (cpu_ms, cpu);
      length = MIN (2, g_utf8_strlen (query, -1) - 1);
      g_array_append_val (ms_by_length[length], elapsed);
      results_by_length[length] += ids->len;
      *n_results += ids->len;
    }
}

static void
time_like (const char *path,
           GPtrArray  *queries,
           GArray     *ms,
           GArray     *cpu_ms,
           guint64    *n_results)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  *n_results = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id FROM recipes WHERE title LIKE '%' || ?1 || '%'",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Baseline: %s", sqlite3_errmsg (db));

  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();
      double elapsed, cpu;
      int rc;

      /* Collected into an array like the FTS results, for a fair comparison. */
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (queries, i), -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      if (rc != SQLITE_DONE)
        g_error ("Baseline: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      cpu = thread_cpu_ms () - cpu_start;

      g_array_append_val (ms, elapsed);
      g_array_append_val (cpu_ms, cpu);
      *n_results += ids->len;
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
remove_library (const char *dir,
                const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static int
fill_library (const char *path,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyLibrary) library = NULL;
  g_autoptr(GPtrArray) recipes = make_recipes (n);
  gint64 elapsed;

  if (!(library = galley_library_open (path, &error)))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  elapsed = import_recipes (library, recipes);
  printf ("Saved %u recipes into %s in %.2f s (%u recipes in the library)\n",
           n, path, elapsed / 1e6, galley_library_count_recipes (library));

  return EXIT_SUCCESS;
}

static void
print_row (const char *name,
           Stats      *stats,
           guint       n,
           guint64     n_results)
{
  printf ("| %s | %u | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |\n",
           name, n, stats->median, stats->p90, stats->p99, stats->max, stats->mean,
           n ? (double) n_results / n : 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyLibrary) library = NULL;
  g_autoptr(GPtrArray) recipes = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) fts_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) like_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fts_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) like_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *fts_by_length[3];
  guint64 results_by_length[3] = { 0 };
  gint64 db_size;
  g_autofree char *fill_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int n_recipes = 10000;
  gint64 generate_us, import_us;
  guint64 fts_results, like_results;
  Stats fts, like, fts_cpu, like_cpu;
  const GOptionEntry entries[] = {
    { "recipes", 'n', 0, G_OPTION_ARG_INT, &n_recipes, "How many recipes to generate (default 10000)", "N" },
    { "fill-library", 0, 0, G_OPTION_ARG_FILENAME, &fill_path,
      "Only save N generated recipes into the library at PATH, then exit", "PATH" },
    { NULL }
  };

  context = g_option_context_new ("- benchmark the Galley recipe library");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (n_recipes <= 0)
    {
      g_printerr ("--recipes must be at least 1\n");
      return EXIT_FAILURE;
    }

  if (fill_path != NULL)
    return fill_library (fill_path, n_recipes);

  generate_us = g_get_monotonic_time ();
  recipes = make_recipes (n_recipes);
  queries = make_queries ();
  generate_us = g_get_monotonic_time () - generate_us;

  if (!(dir = g_dir_make_tmp ("galley-bench-XXXXXX", &error)))
    g_error ("%s", error->message);
  path = g_build_filename (dir, "library.db", NULL);

  if (!(library = galley_library_open (path, &error)))
    g_error ("%s", error->message);

  /* (1) Import. */
  import_us = import_recipes (library, recipes);
  g_assert_cmpuint (galley_library_count_recipes (library), ==, (guint) n_recipes);

  /* (2) Search as you type. */
  for (guint i = 0; i < 3; i++)
    fts_by_length[i] = g_array_new (FALSE, FALSE, sizeof (double));
  time_fts (library, queries, fts_ms, fts_cpu_ms, fts_by_length, results_by_length, &fts_results);
  fts = compute_stats (fts_ms);
  fts_cpu = compute_stats (fts_cpu_ms);

  /* (3) The naive scan, as a baseline. */
  time_like (path, queries, like_ms, like_cpu_ms, &like_results);
  like = compute_stats (like_ms);
  like_cpu = compute_stats (like_cpu_ms);

  /* Closing checkpoints the WAL, so the file alone is the size on disk. */
  g_clear_object (&library);
  db_size = file_size (path);

  printf ("## Library benchmark\n\n");
  printf ("%d generated recipes (8–15 ingredients, 4–10 steps with timers, 1–4 tags; "
           "generated in %.2f s), SQLite %s.\n\n",
           n_recipes, generate_us / 1e6, sqlite3_libversion ());

  printf ("### Import\n\n");
  printf ("| recipes | batch size | time (s) | recipes/s | target | database size (MiB) |\n");
  printf ("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
  printf ("| %d | %d | %.2f | %.0f | ≥ 2000 | %.1f |\n\n",
           n_recipes, BATCH_SIZE, import_us / 1e6, n_recipes / (import_us / 1e6),
           db_size / (1024.0 * 1024.0));

  printf ("### Search as you type\n\n");
  printf ("%u queries of one to three letters, typed a letter at a time (\"r\", \"ro\", \"roa\"). "
           "Wall-clock times (g_get_monotonic_time) in ms per query, including building the "
          "result array; the CPU-time rows leave out time the machine gave to other processes.\n\n", queries->len);
  printf ("| query | n | median | p90 | p99 | max | mean | results/query |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  print_row ("FTS5 prefix search (galley_library_search)", &fts, queries->len, fts_results);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("… %u letter%s", i + 1, i ? "s" : "");
      guint n = fts_by_length[i]->len;
      Stats by_length = compute_stats (fts_by_length[i]);

      print_row (name, &by_length, n, results_by_length[i]);
    }
  print_row ("`title LIKE '%q%'` scan (baseline)", &like, queries->len, like_results);
  print_row ("FTS5 search, CPU time", &fts_cpu, queries->len, fts_results);
  print_row ("LIKE scan, CPU time", &like_cpu, queries->len, like_results);
  printf ("\nTargets: median < 5 ms (%s), p99 < 20 ms (%s). "
           "Median ratio FTS / LIKE: %.2f; p99 ratio: %.2f.\n",
           fts.median < 5 ? "met" : "MISSED", fts.p99 < 20 ? "met" : "MISSED",
           fts.median / like.median, fts.p99 / like.p99);
  printf ("\nThe baseline searches titles only and returns its matches in no particular "
           "order; the FTS search covers titles, ingredients, tags and steps and returns "
           "its matches in title order.\n");

  for (guint i = 0; i < 3; i++)
    g_array_unref (fts_by_length[i]);

  remove_library (dir, path);

  return EXIT_SUCCESS;
}
