/* galley-sqlite.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A SQLite connection as Galley uses it: one connection from one thread,
 * a cache of prepared statements, errors in the owner's own GError domain,
 * and a schema upgraded by an ordered list of migrations. The app's library
 * and the sync server's store both sit on it. */
typedef struct _GalleySqlite GalleySqlite;

struct _GalleySqlite
{
  sqlite3 *db;

  /*< private >*/
  GQuark error_domain;
  int error_code;
  const char *read_failed;
  const char *write_failed;
  const char * const *stmt_sql;
  guint n_stmts;
  sqlite3_stmt **stmts;
  sqlite3_stmt *transaction_stmts[4];
};

/* A cached statement borrowed for one use: the g_autoptr cleanup resets it
 * (ending any read it holds open) and drops its bindings, but keeps it
 * prepared for the next use. */
typedef sqlite3_stmt GalleySqliteStmt;

void galley_sqlite_stmt_release (GalleySqliteStmt *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleySqliteStmt, galley_sqlite_stmt_release)

typedef enum
{
  GALLEY_SQLITE_SYNC_NORMAL,
  GALLEY_SQLITE_SYNC_FULL,
} GalleySqliteSync;

/* Sets the owner's own error when a file has a schema version this code
 * cannot open: newer than it knows, or negative. */
typedef gboolean (*GalleySqliteCheckVersion) (const char  *path,
                                              int          version,
                                              GError     **error);

GalleySqlite     *galley_sqlite_new               (sqlite3                   *db,
                                                   GQuark                     error_domain,
                                                   int                        error_code,
                                                   const char                *read_failed,
                                                   const char                *write_failed,
                                                   const char * const        *stmt_sql,
                                                   guint                      n_stmts);
void              galley_sqlite_free              (GalleySqlite              *self);
void              galley_sqlite_set_error         (GalleySqlite              *self,
                                                   GError                   **error,
                                                   const char                *what);
GalleySqliteStmt *galley_sqlite_get_stmt          (GalleySqlite              *self,
                                                   guint                      id,
                                                   GError                   **error);
gboolean          galley_sqlite_bind_text         (GalleySqliteStmt          *stmt,
                                                   int                        index,
                                                   const char                *text);
const char       *galley_sqlite_column_text       (GalleySqliteStmt          *stmt,
                                                   int                        column);
gboolean          galley_sqlite_begin             (GalleySqlite              *self,
                                                   GError                   **error);
gboolean          galley_sqlite_begin_read        (GalleySqlite              *self,
                                                   GError                   **error);
gboolean          galley_sqlite_commit            (GalleySqlite              *self,
                                                   GError                   **error);
void              galley_sqlite_rollback          (GalleySqlite              *self);
gboolean          galley_sqlite_exec              (GalleySqlite              *self,
                                                   const char                *sql,
                                                   const char                *what,
                                                   GError                   **error);
char             *galley_sqlite_query_text        (GalleySqlite              *self,
                                                   const char                *sql,
                                                   const char                *what,
                                                   GError                   **error);
gboolean          galley_sqlite_read_user_version (GalleySqlite              *self,
                                                   int                       *version,
                                                   GError                   **error);
char             *galley_sqlite_use_wal           (GalleySqlite              *self,
                                                   GalleySqliteSync           sync,
                                                   const char                *what,
                                                   GError                   **error);
gboolean          galley_sqlite_migrate           (GalleySqlite              *self,
                                                   const char                *path,
                                                   const char * const        *migrations,
                                                   int                        n_migrations,
                                                   GalleySqliteCheckVersion   check_version,
                                                   const char                *what,
                                                   GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleySqlite, galley_sqlite_free)

G_END_DECLS
