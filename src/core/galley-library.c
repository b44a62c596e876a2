/* galley-library.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-library"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "galley-error.h"
#include "galley-library.h"
#include "galley-library-private.h"
#include "galley-recipe-json.h"
#include "galley-sqlite.h"

/* The device's own copy of the recipe collection: one SQLite file in
 * $XDG_DATA_HOME/galley, used from the main thread only, so the connection
 * is opened without SQLite's own mutexes.
 *
 * Recipes are stored as recipe JSON v1 (the same text the server sends),
 * next to the few columns the list needs, so listing never parses JSON. */

/* Each entry upgrades the schema by one version: entry N - 1 takes a
 * database from user_version N - 1 to N, in one transaction together with
 * the version bump. Append new steps; never edit a released one.
 *
 * recipes.rowid is declared as an INTEGER PRIMARY KEY (so it is an alias of
 * the real rowid) because it is the key of the FTS row: VACUUM renumbers
 * implicit rowids, which would silently point every FTS row at the wrong
 * recipe. The recipe id stays unique and is what everything else refers to.
 *
 * A recipes row is mostly its JSON (about 2 KB), so rows fill whole pages;
 * the list and search read only a few small columns of thousands of rows.
 * The covering index recipes_list holds just those columns, in list order,
 * so listing and searching read a few dozen dense pages instead of one page
 * per recipe (measured with 10,000 recipes: listing went from 13 ms to
 * 2 ms). SQLite's planner cannot know the rows are big and would look ids
 * up through the table, hence INDEXED BY below.
 *
 * The FTS table keeps its own copy of the text, kept in step with recipes by
 * write_recipe() and galley_library_delete_recipe() in the same transaction
 * rather than by triggers: ingredients and steps are not columns of recipes
 * (they live inside the JSON), so a trigger would have to re-parse the JSON
 * in SQL, while the C code has the recipe object at hand. prefix='1 2 3'
 * adds prefix indexes so that one- to three-letter search-as-you-type
 * queries read one index entry instead of merging every matching term. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE recipes ("
  "  rowid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  total_time_s INTEGER NOT NULL DEFAULT 0,"
  "  tags TEXT NOT NULL DEFAULT '',"
  "  json TEXT NOT NULL,"
  "  updated TEXT,"
  "  rev INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX recipes_list ON recipes (title COLLATE NOCASE, id, total_time_s, tags);"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE VIRTUAL TABLE recipes_fts USING fts5 ("
  "  title, ingredients, tags, steps,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '1 2 3');",
  /* 2: the timers that are running, paused or ringing (galley-library-timers.c;
   * an idle timer has no row). notified_ends_at is local bookkeeping, the
   * deadline already announced, so a timer rings once across restarts. */
  "CREATE TABLE timers ("
  "  id TEXT PRIMARY KEY,"
  "  label TEXT,"
  "  detail TEXT,"
  "  status TEXT NOT NULL,"
  "  duration_ms INTEGER NOT NULL,"
  "  ends_at INTEGER NOT NULL DEFAULT 0,"
  "  remaining_ms INTEGER NOT NULL DEFAULT 0,"
  "  updated TEXT,"
  "  notified_ends_at INTEGER NOT NULL DEFAULT 0);",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* A user never types this many words into a search box; the cap keeps a
 * pasted page of text from becoming a huge FTS5 expression. More words only
 * narrow the result, so dropping the rest shows a superset, never an error. */
#define MAX_SEARCH_TOKENS 32

typedef enum
{
  STMT_UPSERT,
  STMT_INSERT_NEW,
  STMT_FTS_DELETE,
  STMT_FTS_INSERT,
  STMT_LOAD,
  STMT_DELETE,
  STMT_COUNT,
  STMT_LIST,
  STMT_ALL_IDS,
  STMT_SEARCH,
  STMT_GET_META,
  STMT_SET_META,
  STMT_DELETE_META,
  N_STMTS
} StmtId;

#define RECIPE_COLUMNS "(id, title, total_time_s, tags, json, updated, rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"

static const char * const stmt_sql[N_STMTS] = {
  [STMT_UPSERT] =
    "INSERT INTO recipes " RECIPE_COLUMNS
    " ON CONFLICT (id) DO UPDATE SET"
    " title = excluded.title, total_time_s = excluded.total_time_s,"
    " tags = excluded.tags, json = excluded.json,"
    " updated = excluded.updated, rev = excluded.rev"
    " RETURNING rowid",
  [STMT_INSERT_NEW] =
    "INSERT INTO recipes " RECIPE_COLUMNS
    " ON CONFLICT (id) DO NOTHING RETURNING rowid",
  [STMT_FTS_DELETE] = "DELETE FROM recipes_fts WHERE rowid = ?1",
  [STMT_FTS_INSERT] =
    "INSERT INTO recipes_fts (rowid, title, ingredients, tags, steps)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_LOAD] = "SELECT json FROM recipes WHERE id = ?1",
  [STMT_DELETE] = "DELETE FROM recipes WHERE id = ?1 RETURNING rowid",
  [STMT_COUNT] = "SELECT count(*) FROM recipes",
  [STMT_LIST] =
    "SELECT id, title, total_time_s, tags FROM recipes INDEXED BY recipes_list"
    " ORDER BY title COLLATE NOCASE, id LIMIT ?1 OFFSET ?2",
  [STMT_ALL_IDS] =
    "SELECT id FROM recipes INDEXED BY recipes_list ORDER BY title COLLATE NOCASE, id",
  /* Matches in list order: the app filters its title-ordered list with
   * the result, so ranking would be wasted work. About as many recipes
   * match a one- or two-letter prefix as there are in the library, so
   * walking recipes_list (already in order, covering) and keeping the rows
   * FTS5 found beats looking each match up and sorting them: measured with
   * 10,000 recipes and 9,000 matches, 3.6 ms instead of 5.8 ms CPU median,
   * 6 ms instead of 11 ms at worst. */
  [STMT_SEARCH] =
    "SELECT id FROM recipes INDEXED BY recipes_list"
    " WHERE rowid IN (SELECT rowid FROM recipes_fts WHERE recipes_fts MATCH ?1)"
    " ORDER BY title COLLATE NOCASE, id",
  [STMT_GET_META] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_SET_META] =
    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_DELETE_META] = "DELETE FROM meta WHERE key = ?1",
};

struct _GalleyLibrary
{
  GObject parent_instance;

  char *path;
  GalleySqlite *sql;
};

G_DEFINE_FINAL_TYPE (GalleyLibrary, galley_library, G_TYPE_OBJECT)

static void
galley_library_finalize (GObject *object)
{
  GalleyLibrary *self = (GalleyLibrary *)object;

  g_clear_pointer (&self->sql, galley_sqlite_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (galley_library_parent_class)->finalize (object);
}

static void
galley_library_class_init (GalleyLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_library_finalize;
}

static void
galley_library_init (GalleyLibrary *self)
{
}

/**
 * galley_library_default_path:
 *
 * Returns: (transfer full): where the app keeps its library,
 *   `$XDG_DATA_HOME/galley/library.db`
 */
char *
galley_library_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "galley", "library.db", NULL);
}

static gboolean
check_version (const char  *path,
               int          version,
               GError     **error)
{
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_TOO_NEW,
                   _("The recipe library “%s” was written by a newer version of Galley "
                     "(format %d; this version reads up to format %d). "
                     "Update Galley to open it."),
                   path, version, SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 0)
    {
      g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_CORRUPT,
                   _("The recipe library “%s” has an invalid format version (%d)"),
                   path, version);
      return FALSE;
    }

  return TRUE;
}

static GalleySqlite *
open_database (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *journal_mode = NULL;
  g_autoptr(GalleySqlite) sql = NULL;
  sqlite3 *db = NULL;
  int version;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  if (sqlite3_open_v2 (path, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      if (db != NULL)
        g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED,
                     _("Could not open the recipe library “%s”: %s"),
                     path, sqlite3_errmsg (db));
      else
        g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED,
                     _("Could not open the recipe library “%s”: out of memory"), path);
      sqlite3_close_v2 (db);
      return NULL;
    }

  sql = galley_sqlite_new (db, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED,
                           N_("Could not read the recipe library"),
                           N_("Could not write to the recipe library"),
                           stmt_sql, N_STMTS);
  sqlite3_busy_timeout (db, 5000);

  /* Before anything writes (switching to WAL rewrites the header): a file
   * from a newer Galley is left exactly as it is. */
  if (!galley_sqlite_read_user_version (sql, &version, error) ||
      !check_version (path, version, error))
    return NULL;

  /* WAL with synchronous=NORMAL: a commit is durable once it is in the
   * WAL, which survives the app crashing or being killed; only a power loss
   * or OS crash can lose the last transactions (never corrupt the file).
   * For a local copy that the sync server can refill, that is the right
   * trade for not waiting on an fsync at every save. The server, which holds
   * the acknowledged truth, uses synchronous=FULL. Unlike the server, the
   * library does not refuse a file system without WAL; it keeps working in
   * whatever journal mode SQLite falls back to. */
  if (!(journal_mode = galley_sqlite_use_wal (sql, GALLEY_SQLITE_SYNC_NORMAL,
                                              _("Could not open the recipe library"),
                                              error)) ||
      !galley_sqlite_migrate (sql, path, migrations, SCHEMA_VERSION, check_version,
                              _("Could not upgrade the recipe library"), error))
    return NULL;

  return g_steal_pointer (&sql);
}

/**
 * galley_library_open:
 * @path: the database file, created with its folder if missing
 *
 * Opens the library, upgrading its schema if it was written by an older
 * Galley. A library from a newer Galley is refused with
 * %GALLEY_LIBRARY_ERROR_TOO_NEW and not modified.
 *
 * Returns: (transfer full) (nullable): the library, or %NULL with @error set
 */
GalleyLibrary *
galley_library_open (const char  *path,
                     GError     **error)
{
  g_autoptr(GalleyLibrary) self = NULL;
  GalleySqlite *sql;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(sql = open_database (path, error)))
    return NULL;

  self = g_object_new (GALLEY_TYPE_LIBRARY, NULL);
  self->sql = sql;
  self->path = g_strdup (path);

  return g_steal_pointer (&self);
}

const char *
galley_library_get_path (GalleyLibrary *self)
{
  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  return self->path;
}

sqlite3 *
galley_library_get_db (GalleyLibrary *self)
{
  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  return self->sql->db;
}

/* The index sees canonical text: "é" typed as e + U+0301 and as U+00E9
 * must be the same word. */
static char *
normalize_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  return g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
}

static void
append_line (GString    *string,
             const char *text,
             const char *separator)
{
  if (text == NULL || *text == '\0')
    return;

  if (string->len > 0)
    g_string_append (string, separator);
  g_string_append (string, text);
}

static gboolean
write_fts_row (GalleyLibrary  *self,
               GalleyRecipe   *recipe,
               sqlite3_int64   rowid,
               GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GString) ingredients = g_string_new (NULL);
  g_autoptr(GString) steps = g_string_new (NULL);
  g_autofree char *tags = NULL;
  g_autofree char *title = NULL;
  g_autofree char *norm_ingredients = NULL;
  g_autofree char *norm_tags = NULL;
  g_autofree char *norm_steps = NULL;
  GPtrArray *list;

  list = galley_recipe_get_ingredients (recipe);
  for (guint i = 0; i < list->len; i++)
    append_line (ingredients, galley_ingredient_get_name (g_ptr_array_index (list, i)), " ");

  list = galley_recipe_get_sections (recipe);
  for (guint i = 0; i < list->len; i++)
    {
      GPtrArray *section_steps = galley_section_get_steps (g_ptr_array_index (list, i));

      for (guint j = 0; j < section_steps->len; j++)
        append_line (steps, galley_step_get_text (g_ptr_array_index (section_steps, j)), "\n");
    }

  tags = g_strjoinv (" ", (char **)galley_recipe_get_tags (recipe));
  title = normalize_text (galley_recipe_get_title (recipe));
  norm_ingredients = normalize_text (ingredients->str);
  norm_tags = normalize_text (tags);
  norm_steps = normalize_text (steps->str);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_FTS_INSERT, error)))
    return FALSE;

  if (sqlite3_bind_int64 (stmt, 1, rowid) != SQLITE_OK ||
      !galley_sqlite_bind_text (stmt, 2, title) ||
      !galley_sqlite_bind_text (stmt, 3, norm_ingredients) ||
      !galley_sqlite_bind_text (stmt, 4, norm_tags) ||
      !galley_sqlite_bind_text (stmt, 5, norm_steps) ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not index the recipe for search"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
delete_fts_row (GalleyLibrary  *self,
                sqlite3_int64   rowid,
                GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_FTS_DELETE, error);

  if (stmt == NULL)
    return FALSE;

  if (sqlite3_bind_int64 (stmt, 1, rowid) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not index the recipe for search"));
      return FALSE;
    }

  return TRUE;
}

/* Writes one recipe inside the caller's transaction. With @replace FALSE
 * an existing recipe with the same id is left alone and *inserted says so. */
static gboolean
write_recipe (GalleyLibrary  *self,
              GalleyRecipe   *recipe,
              gboolean        replace,
              gboolean       *inserted,
              GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *tags = NULL;
  const char *title = galley_recipe_get_title (recipe);
  sqlite3_int64 rowid;
  int rc;

  *inserted = FALSE;

  /* The JSON reader refuses a recipe without a title, so storing one would
   * only make it unreadable later. */
  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED,
                           _("Could not save a recipe: it has no title"));
      return FALSE;
    }

  if (galley_recipe_get_id (recipe) == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      galley_recipe_set_id (recipe, id);
    }

  json = galley_recipe_to_json (recipe, FALSE);
  tags = g_strjoinv (", ", (char **)galley_recipe_get_tags (recipe));

  if (!(stmt = galley_sqlite_get_stmt (self->sql, replace ? STMT_UPSERT : STMT_INSERT_NEW, error)))
    return FALSE;

  if (!galley_sqlite_bind_text (stmt, 1, galley_recipe_get_id (recipe)) ||
      !galley_sqlite_bind_text (stmt, 2, title) ||
      sqlite3_bind_int64 (stmt, 3, galley_recipe_get_prep_time_s (recipe) +
                                   galley_recipe_get_cook_time_s (recipe)) != SQLITE_OK ||
      !galley_sqlite_bind_text (stmt, 4, tags) ||
      !galley_sqlite_bind_text (stmt, 5, json) ||
      !galley_sqlite_bind_text (stmt, 6, galley_recipe_get_updated (recipe)) ||
      sqlite3_bind_int64 (stmt, 7, galley_recipe_get_rev (recipe)) != SQLITE_OK)
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE && !replace)
    return TRUE;  /* already there: ON CONFLICT DO NOTHING returned no row */
  if (rc != SQLITE_ROW)
    goto fail;

  rowid = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail;

  *inserted = TRUE;

  /* An update keeps the rowid, so its old FTS row is replaced. */
  return (!replace || delete_fts_row (self, rowid, error)) &&
         write_fts_row (self, recipe, rowid, error);

fail:
  {
    g_autofree char *what = g_strdup_printf (_("Could not save the recipe “%s”"), title);
    galley_sqlite_set_error (self->sql, error, what);
  }
  return FALSE;
}

static gboolean
write_recipes (GalleyLibrary  *self,
               GPtrArray      *recipes,
               gboolean        replace,
               guint          *n_inserted,
               GError        **error)
{
  guint n = 0;

  if (!galley_sqlite_begin (self->sql, error))
    return FALSE;

  for (guint i = 0; i < recipes->len; i++)
    {
      gboolean inserted;

      if (!write_recipe (self, g_ptr_array_index (recipes, i), replace, &inserted, error))
        goto fail;

      n += inserted;
    }

  if (!galley_sqlite_commit (self->sql, error))
    goto fail;

  if (n_inserted != NULL)
    *n_inserted = n;

  return TRUE;

fail:
  galley_sqlite_rollback (self->sql);
  return FALSE;
}

static gboolean
all_recipes (GPtrArray *recipes)
{
  for (guint i = 0; i < recipes->len; i++)
    if (!GALLEY_IS_RECIPE (g_ptr_array_index (recipes, i)))
      return FALSE;

  return TRUE;
}

/**
 * galley_library_save_recipe:
 *
 * Stores @recipe, replacing the recipe with the same id. A recipe without
 * an id gets a new one.
 */
gboolean
galley_library_save_recipe (GalleyLibrary  *self,
                            GalleyRecipe   *recipe,
                            GError        **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GALLEY_IS_RECIPE (recipe), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_add (one, recipe);
  return write_recipes (self, one, TRUE, NULL, error);
}

/**
 * galley_library_save_recipes:
 * @recipes: (element-type GalleyRecipe): the recipes to store
 *
 * Stores all of @recipes in one transaction, replacing recipes with the
 * same ids: either all are saved or, on error, none is.
 */
gboolean
galley_library_save_recipes (GalleyLibrary  *self,
                             GPtrArray      *recipes,
                             GError        **error)
{
  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (recipes != NULL, FALSE);
  g_return_val_if_fail (all_recipes (recipes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_recipes (self, recipes, TRUE, NULL, error);
}

/**
 * galley_library_insert_new_recipes:
 * @recipes: (element-type GalleyRecipe): the recipes to add
 * @n_inserted: (out) (optional): how many were not there yet
 *
 * Like galley_library_save_recipes() but leaves a recipe whose id is
 * already in the library untouched, so seeding the bundled recipes twice
 * (or after the user edited one) never duplicates or overwrites them.
 */
gboolean
galley_library_insert_new_recipes (GalleyLibrary  *self,
                                   GPtrArray      *recipes,
                                   guint          *n_inserted,
                                   GError        **error)
{
  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (recipes != NULL, FALSE);
  g_return_val_if_fail (all_recipes (recipes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_inserted != NULL)
    *n_inserted = 0;

  return write_recipes (self, recipes, FALSE, n_inserted, error);
}

/**
 * galley_library_load_recipe:
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with @error
 *   set: %GALLEY_LIBRARY_ERROR_NOT_FOUND if there is no such recipe,
 *   %GALLEY_LIBRARY_ERROR_CORRUPT if its stored text no longer reads
 */
GalleyRecipe *
galley_library_load_recipe (GalleyLibrary  *self,
                            const char     *id,
                            GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  GalleyRecipe *recipe;
  const char *json;
  int rc;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_LOAD, error)))
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, id))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_NOT_FOUND,
                   _("There is no recipe “%s” in the library"), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    goto fail;

  json = (const char *)sqlite3_column_text (stmt, 0);
  if (json == NULL)
    json = "";

  if (!(recipe = galley_recipe_from_json (json, sqlite3_column_bytes (stmt, 0), &local_error)))
    {
      g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_CORRUPT,
                   _("The stored recipe “%s” is damaged: %s"), id, local_error->message);
      return NULL;
    }

  return recipe;

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not read the recipe"));
  return NULL;
}

static gboolean
find_and_delete_row (GalleyLibrary  *self,
                     const char     *id,
                     sqlite3_int64  *rowid,
                     GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_DELETE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (!galley_sqlite_bind_text (stmt, 1, id))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_NOT_FOUND,
                   _("There is no recipe “%s” in the library"), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    goto fail;

  *rowid = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail;

  return TRUE;

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not delete the recipe"));
  return FALSE;
}

/**
 * galley_library_delete_recipe:
 *
 * Removes the recipe and its search entry; %GALLEY_LIBRARY_ERROR_NOT_FOUND
 * if there is no such recipe.
 */
gboolean
galley_library_delete_recipe (GalleyLibrary  *self,
                              const char     *id,
                              GError        **error)
{
  sqlite3_int64 rowid;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!galley_sqlite_begin (self->sql, error))
    return FALSE;

  if (!find_and_delete_row (self, id, &rowid, error) ||
      !delete_fts_row (self, rowid, error) ||
      !galley_sqlite_commit (self->sql, error))
    {
      galley_sqlite_rollback (self->sql);
      return FALSE;
    }

  return TRUE;
}

guint
galley_library_count_recipes (GalleyLibrary *self)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), 0);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_COUNT, &error)))
    {
      g_warning ("%s", error->message);
      return 0;
    }

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_warning ("Could not count recipes: %s", sqlite3_errmsg (self->sql->db));
      return 0;
    }

  return (guint) sqlite3_column_int64 (stmt, 0);
}

/**
 * galley_library_list_summaries_range:
 * @offset: how many summaries to skip
 * @limit: how many to return at most, or -1 for all the rest
 *
 * Lets a window show its first screenful of a long list before it reads
 * the rest.
 *
 * Returns: (transfer container) (element-type GalleyRecipeSummary) (nullable):
 *   summaries in title order
 */
GPtrArray *
galley_library_list_summaries_range (GalleyLibrary  *self,
                                     guint           offset,
                                     int             limit,
                                     GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  int rc;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_LIST, error)))
    return NULL;

  if (sqlite3_bind_int (stmt, 1, limit) != SQLITE_OK ||
      sqlite3_bind_int64 (stmt, 2, offset) != SQLITE_OK)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not list the recipes"));
      return NULL;
    }

  summaries = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (summaries,
                     galley_recipe_summary_new (galley_sqlite_column_text (stmt, 0),
                                                galley_sqlite_column_text (stmt, 1),
                                                MAX (0, sqlite3_column_int64 (stmt, 2)),
                                                galley_sqlite_column_text (stmt, 3)));

  if (rc != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not list the recipes"));
      return NULL;
    }

  return g_steal_pointer (&summaries);
}

/**
 * galley_library_list_summaries:
 *
 * Returns: (transfer container) (element-type GalleyRecipeSummary) (nullable):
 *   every recipe, ordered by title
 */
GPtrArray *
galley_library_list_summaries (GalleyLibrary  *self,
                               GError        **error)
{
  return galley_library_list_summaries_range (self, 0, -1, error);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Turns whatever the user typed into an FTS5 query that cannot be a syntax
 * error: each word becomes a quoted string (so AND, NEAR, *, ^, - and
 * quotes are just text) with a trailing * for search-as-you-type, and all
 * must match. Words are split where the unicode61 tokenizer splits them, on
 * anything that is not a letter, digit or combining mark.
 *
 * Returns: (nullable): the query, or %NULL if there is no word to look for */
static char *
build_match_query (const char *text)
{
  g_autofree char *normalized = normalize_text (text);
  g_autoptr(GString) query = g_string_new (NULL);
  const char *word = NULL;
  gboolean has_alnum = FALSE;
  guint n_words = 0;

  for (const char *p = normalized; n_words < MAX_SEARCH_TOKENS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          if (word == NULL)
            word = p;
          has_alnum |= g_unichar_isalnum (c);
          continue;
        }

      /* A lone combining mark is no word: unicode61 would strip it to an
       * empty phrase that matches nothing, emptying the whole result. */
      if (word != NULL && has_alnum)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_c (query, '"');
          for (const char *q = word; q < p; q++)
            {
              if (*q == '"')
                g_string_append_c (query, '"');
              g_string_append_c (query, *q);
            }
          g_string_append (query, "\"*");
          n_words++;
        }

      word = NULL;
      has_alnum = FALSE;

      if (c == 0)
        break;
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * galley_library_search:
 * @query: what the user typed, any text
 *
 * Finds the recipes whose title, ingredients, tags or steps contain words
 * starting with each word of @query, ignoring case and accents. A query
 * without any word (empty, only spaces or punctuation) finds every recipe.
 *
 * Returns: (transfer container) (element-type utf8) (nullable): the
 *   matching ids in title order, as galley_library_list_summaries() lists
 *   the recipes
 */
GPtrArray *
galley_library_search (GalleyLibrary  *self,
                       const char     *query,
                       GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *match = NULL;
  int rc;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  match = build_match_query (query);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, match ? STMT_SEARCH : STMT_ALL_IDS, error)))
    return NULL;

  if (match != NULL && !galley_sqlite_bind_text (stmt, 1, match))
    goto fail;

  ids = g_ptr_array_new_with_free_func (g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (galley_sqlite_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    goto fail;

  return g_steal_pointer (&ids);

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not search the recipes"));
  return NULL;
}

/**
 * galley_library_get_meta:
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
galley_library_get_meta (GalleyLibrary *self,
                         const char    *key)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_GET_META, &error)))
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  if (!galley_sqlite_bind_text (stmt, 1, key) ||
      ((rc = sqlite3_step (stmt)) != SQLITE_ROW && rc != SQLITE_DONE))
    {
      g_warning ("Could not read “%s” from the recipe library: %s", key, sqlite3_errmsg (self->sql->db));
      return NULL;
    }

  if (rc == SQLITE_DONE)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/**
 * galley_library_set_meta:
 * @value: (nullable): the value, or %NULL to remove @key
 */
gboolean
galley_library_set_meta (GalleyLibrary  *self,
                         const char     *key,
                         const char     *value,
                         GError        **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, value ? STMT_SET_META : STMT_DELETE_META, error)))
    return FALSE;

  if (!galley_sqlite_bind_text (stmt, 1, key) ||
      (value != NULL && !galley_sqlite_bind_text (stmt, 2, value)) ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not write to the recipe library"));
      return FALSE;
    }

  return TRUE;
}
