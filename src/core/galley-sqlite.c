/* galley-sqlite.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-sqlite"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "galley-sqlite.h"

/* The statements every owner needs, kept apart from the owner's own table
 * so that its statement ids need not reserve slots for them. BEGIN
 * IMMEDIATE takes the write lock up front, so two writers wait for each
 * other (busy_timeout) instead of failing to upgrade a read lock. */
typedef enum
{
  TRANSACTION_BEGIN,
  TRANSACTION_BEGIN_READ,
  TRANSACTION_COMMIT,
  TRANSACTION_ROLLBACK,
} TransactionStmt;

static const char * const transaction_sql[] = {
  [TRANSACTION_BEGIN] = "BEGIN IMMEDIATE",
  /* A deferred transaction: its reads see one snapshot of the file. */
  [TRANSACTION_BEGIN_READ] = "BEGIN",
  [TRANSACTION_COMMIT] = "COMMIT",
  [TRANSACTION_ROLLBACK] = "ROLLBACK",
};

G_STATIC_ASSERT (G_N_ELEMENTS (transaction_sql) ==
                 G_N_ELEMENTS (((GalleySqlite *) NULL)->transaction_stmts));

/**
 * galley_sqlite_new:
 * @db: (transfer full): an open connection; closed by galley_sqlite_free()
 * @error_domain: the domain of the errors this connection reports
 * @error_code: the code of an error SQLite reports
 * @read_failed: untranslated message (marked with N_()) for a statement
 *   that cannot be prepared or a read transaction that cannot start
 * @write_failed: untranslated message for a write transaction that cannot
 *   start or commit
 * @stmt_sql: the owner's statements, prepared on first use, indexed by the
 *   owner's statement ids; must outlive the connection
 * @n_stmts: the number of entries in @stmt_sql
 *
 * The messages are translated when an error is reported rather than here,
 * so that they follow the locale as the owner's own _() calls do.
 */
GalleySqlite *
galley_sqlite_new (sqlite3            *db,
                   GQuark              error_domain,
                   int                 error_code,
                   const char         *read_failed,
                   const char         *write_failed,
                   const char * const *stmt_sql,
                   guint               n_stmts)
{
  GalleySqlite *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (read_failed != NULL, NULL);
  g_return_val_if_fail (write_failed != NULL, NULL);
  g_return_val_if_fail (stmt_sql != NULL || n_stmts == 0, NULL);

  self = g_new0 (GalleySqlite, 1);
  self->db = db;
  self->error_domain = error_domain;
  self->error_code = error_code;
  self->read_failed = read_failed;
  self->write_failed = write_failed;
  self->stmt_sql = stmt_sql;
  self->n_stmts = n_stmts;
  self->stmts = g_new0 (sqlite3_stmt *, n_stmts);

  return self;
}

void
galley_sqlite_free (GalleySqlite *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_stmts; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  for (guint i = 0; i < G_N_ELEMENTS (self->transaction_stmts); i++)
    g_clear_pointer (&self->transaction_stmts[i], sqlite3_finalize);
  g_free (self->stmts);

  /* Closing the last connection also checkpoints the WAL into the file. */
  g_clear_pointer (&self->db, sqlite3_close_v2);

  g_free (self);
}

void
galley_sqlite_stmt_release (GalleySqliteStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * galley_sqlite_set_error:
 * @what: (nullable): what failed, as the user should read it
 *
 * Sets @error to "@what: SQLite's message" in the owner's domain.
 */
void
galley_sqlite_set_error (GalleySqlite  *self,
                         GError       **error,
                         const char    *what)
{
  g_return_if_fail (self != NULL);

  g_set_error (error, self->error_domain, self->error_code,
               "%s: %s", what, sqlite3_errmsg (self->db));
}

static GalleySqliteStmt *
prepare_cached (GalleySqlite   *self,
                sqlite3_stmt  **slot,
                const char     *sql,
                GError        **error)
{
  if (*slot == NULL &&
      sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          slot, NULL) != SQLITE_OK)
    {
      galley_sqlite_set_error (self, error, _(self->read_failed));
      return NULL;
    }

  return *slot;
}

/**
 * galley_sqlite_get_stmt:
 * @id: the index of the statement in the owner's table
 *
 * Returns: (transfer none) (nullable): the prepared statement, to be
 *   borrowed with g_autoptr(GalleySqliteStmt)
 */
GalleySqliteStmt *
galley_sqlite_get_stmt (GalleySqlite  *self,
                        guint          id,
                        GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id < self->n_stmts, NULL);

  return prepare_cached (self, &self->stmts[id], self->stmt_sql[id], error);
}

/* %NULL binds SQL NULL. SQLITE_TRANSIENT: callers bind text they free
 * before the statement runs. */
gboolean
galley_sqlite_bind_text (GalleySqliteStmt *stmt,
                         int               index,
                         const char       *text)
{
  g_return_val_if_fail (stmt != NULL, FALSE);

  if (text == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

/* NULL reads as "": the text columns are shown or compared, where a
 * missing value and an empty one mean the same. */
const char *
galley_sqlite_column_text (GalleySqliteStmt *stmt,
                           int               column)
{
  const char *text;

  g_return_val_if_fail (stmt != NULL, NULL);

  text = (const char *)sqlite3_column_text (stmt, column);
  return text ? text : "";
}

static gboolean
step_done (GalleySqlite      *self,
           GalleySqliteStmt  *stmt,
           const char        *what,
           GError           **error)
{
  g_autoptr(GalleySqliteStmt) borrowed = stmt;

  if (borrowed == NULL)
    return FALSE;

  if (sqlite3_step (borrowed) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self, error, what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_transaction_stmt (GalleySqlite     *self,
                      TransactionStmt   which,
                      const char       *what,
                      GError          **error)
{
  GalleySqliteStmt *stmt = prepare_cached (self, &self->transaction_stmts[which],
                                           transaction_sql[which], error);

  return step_done (self, stmt, what, error);
}

gboolean
galley_sqlite_begin (GalleySqlite  *self,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return run_transaction_stmt (self, TRANSACTION_BEGIN, _(self->write_failed), error);
}

gboolean
galley_sqlite_begin_read (GalleySqlite  *self,
                          GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return run_transaction_stmt (self, TRANSACTION_BEGIN_READ, _(self->read_failed), error);
}

gboolean
galley_sqlite_commit (GalleySqlite  *self,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return run_transaction_stmt (self, TRANSACTION_COMMIT, _(self->write_failed), error);
}

void
galley_sqlite_rollback (GalleySqlite *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self != NULL);

  /* SQLite may already have rolled back on its own (after SQLITE_FULL, say);
   * then there is nothing left to undo and ROLLBACK's complaint is moot. */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (!run_transaction_stmt (self, TRANSACTION_ROLLBACK,
                             _("Could not undo a failed change"), &error))
    g_warning ("%s", error->message);
}

/* Runs @sql, which may hold several statements, without caching it: for
 * pragmas and migrations, which run once. */
gboolean
galley_sqlite_exec (GalleySqlite  *self,
                    const char    *sql,
                    const char    *what,
                    GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      galley_sqlite_set_error (self, error, what);
      return FALSE;
    }

  return TRUE;
}

/**
 * galley_sqlite_query_text:
 *
 * Runs @sql once, without caching it, for the first column of its first
 * row (a NULL value reads as "").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
char *
galley_sqlite_query_text (GalleySqlite  *self,
                          const char    *sql,
                          const char    *what,
                          GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup (galley_sqlite_column_text (stmt, 0));
  else
    galley_sqlite_set_error (self, error, what);

  sqlite3_finalize (stmt);
  return result;
}

gboolean
galley_sqlite_read_user_version (GalleySqlite  *self,
                                 int           *version,
                                 GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  text = galley_sqlite_query_text (self, "PRAGMA user_version", _(self->read_failed), error);
  if (text == NULL)
    return FALSE;

  *version = (int) g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

/**
 * galley_sqlite_use_wal:
 * @sync: how often commits wait for the disk; the owner's durability
 *   trade-off (the app's library can be refilled from the server, the
 *   server holds the acknowledged truth)
 * @what: the message of an error SQLite reports
 *
 * Switches the file to write-ahead logging and turns on foreign keys.
 * Switching rewrites the file's header, so call this only once the
 * schema version is known to be one the owner can open.
 *
 * Returns: (transfer full) (nullable): the journal mode SQLite ended up
 *   in: WAL needs shared memory, which some network file systems lack, so
 *   it may be another; %NULL with @error set on failure
 */
char *
galley_sqlite_use_wal (GalleySqlite      *self,
                       GalleySqliteSync   sync,
                       const char        *what,
                       GError           **error)
{
  g_autofree char *journal_mode = NULL;
  const char *pragmas;

  g_return_val_if_fail (self != NULL, NULL);

  if (sync == GALLEY_SQLITE_SYNC_FULL)
    pragmas = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
  else
    pragmas = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

  if (!(journal_mode = galley_sqlite_query_text (self, "PRAGMA journal_mode = WAL", what, error)) ||
      !galley_sqlite_exec (self, pragmas, what, error))
    return NULL;

  return g_steal_pointer (&journal_mode);
}

/**
 * galley_sqlite_migrate:
 * @path: the file, for the messages
 * @migrations: entry N - 1 takes a database from user_version N - 1 to N
 * @n_migrations: the number of entries in @migrations: the newest version
 * @check_version: refuses a version the owner cannot open
 * @what: the message of an error SQLite reports
 *
 * Upgrades the schema to @n_migrations, one step per transaction together
 * with its version bump, so an interrupted upgrade leaves the file at a
 * version it really has.
 */
gboolean
galley_sqlite_migrate (GalleySqlite              *self,
                       const char                *path,
                       const char * const        *migrations,
                       int                        n_migrations,
                       GalleySqliteCheckVersion   check_version,
                       const char                *what,
                       GError                   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (migrations != NULL || n_migrations == 0, FALSE);
  g_return_val_if_fail (check_version != NULL, FALSE);

  /* Each step re-reads the version inside its write transaction, so two
   * processes opening the same fresh file cannot both apply a step. Raw
   * BEGIN/COMMIT rather than the cached statements: this runs once. */
  for (;;)
    {
      g_autofree char *bump = NULL;
      int version;

      if (!galley_sqlite_exec (self, "BEGIN IMMEDIATE", what, error))
        return FALSE;

      if (!galley_sqlite_read_user_version (self, &version, error) ||
          !check_version (path, version, error))
        goto fail;

      if (version == n_migrations)
        return galley_sqlite_exec (self, "COMMIT", what, error);

      /* check_version() should have refused this already; a lax one must
       * not make the step below index past the list. */
      if (version < 0 || version > n_migrations)
        {
          g_set_error (error, self->error_domain, self->error_code,
                       _("%s: unknown format version %d"), what, version);
          goto fail;
        }

      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!galley_sqlite_exec (self, migrations[version], what, error) ||
          !galley_sqlite_exec (self, bump, what, error) ||
          !galley_sqlite_exec (self, "COMMIT", what, error))
        goto fail;

      g_debug ("Upgraded %s to schema version %d", path, version + 1);
    }

fail:
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
