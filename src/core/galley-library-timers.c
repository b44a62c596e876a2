/* galley-library-timers.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-library-timers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "galley-error.h"
#include "galley-library-private.h"
#include "galley-library-timers.h"

/* The timers that must survive closing the app: one row per running,
 * paused or ringing timer, in the library's own database (schema version
 * 2). An idle timer has nothing to restore, so it has no row: the table
 * stays as small as the kitchen's current activity.
 *
 * Every write is one statement in its own transaction, committed before
 * the function returns: the timer manager shows a change only once it is
 * stored. The library runs WAL with synchronous=NORMAL, so a committed
 * change survives the app crashing or being killed; only a power loss can
 * take back the very last one.
 *
 * Statements are prepared per call: a timer is saved when someone presses
 * a button or a deadline passes, and preparing costs microseconds next to
 * the commit. */

#define DEVICE_ID_KEY "device-id"

typedef sqlite3_stmt Stmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stmt, sqlite3_finalize)

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  g_set_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED,
               "%s: %s", what, sqlite3_errmsg (db));
}

static Stmt *
prepare (sqlite3     *db,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, what);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

static gboolean
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

/**
 * galley_library_delete_timer:
 *
 * Forgets the stored state of the timer @id. Deleting a timer that has no
 * row is not an error: the result, no row, is the same.
 */
gboolean
galley_library_delete_timer (GalleyLibrary  *self,
                             const char     *id,
                             GError        **error)
{
  const char *what = _("Could not save a timer");
  g_autoptr(Stmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = galley_library_get_db (self);

  if (!(stmt = prepare (db, "DELETE FROM timers WHERE id = ?1", what, error)))
    return FALSE;

  if (!bind_text (stmt, 1, id) || sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, db, what);
      return FALSE;
    }

  return TRUE;
}

/**
 * galley_library_save_timer:
 *
 * Stores @timer's run state, label, detail and notified deadline, replacing
 * what was stored for its id; an idle timer's row is removed instead. The
 * change is committed when this returns %TRUE.
 */
gboolean
galley_library_save_timer (GalleyLibrary  *self,
                           GalleyTimer    *timer,
                           GError        **error)
{
  const char *what = _("Could not save a timer");
  g_autoptr(Stmt) stmt = NULL;
  GalleyTimerStatus status;
  sqlite3 *db;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (GALLEY_IS_TIMER (timer), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  status = galley_timer_get_status (timer);
  if (status == GALLEY_TIMER_STATUS_IDLE)
    return galley_library_delete_timer (self, galley_timer_get_id (timer), error);

  db = galley_library_get_db (self);

  if (!(stmt = prepare (db,
                        "INSERT INTO timers (id, label, detail, status, duration_ms, ends_at,"
                        "                    remaining_ms, updated, notified_ends_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                        " ON CONFLICT (id) DO UPDATE SET"
                        " label = excluded.label, detail = excluded.detail,"
                        " status = excluded.status, duration_ms = excluded.duration_ms,"
                        " ends_at = excluded.ends_at, remaining_ms = excluded.remaining_ms,"
                        " updated = excluded.updated, notified_ends_at = excluded.notified_ends_at",
                        what, error)))
    return FALSE;

  if (!bind_text (stmt, 1, galley_timer_get_id (timer)) ||
      !bind_text (stmt, 2, galley_timer_get_label (timer)) ||
      !bind_text (stmt, 3, galley_timer_get_detail (timer)) ||
      !bind_text (stmt, 4, galley_timer_status_to_string (status)) ||
      sqlite3_bind_int64 (stmt, 5, galley_timer_get_duration_ms (timer)) != SQLITE_OK ||
      sqlite3_bind_int64 (stmt, 6, galley_timer_get_ends_at (timer)) != SQLITE_OK ||
      sqlite3_bind_int64 (stmt, 7, galley_timer_get_remaining_ms (timer)) != SQLITE_OK ||
      !bind_text (stmt, 8, galley_timer_get_updated (timer)) ||
      sqlite3_bind_int64 (stmt, 9, galley_timer_get_notified_ends_at (timer)) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, db, what);
      return FALSE;
    }

  return TRUE;
}

/* Rebuilds one timer from its row, or returns %NULL (and says why) for a
 * row no version of Galley could have written. */
static GalleyTimer *
timer_from_row (sqlite3_stmt *stmt)
{
  const char *id = (const char *)sqlite3_column_text (stmt, 0);
  const char *status_text = (const char *)sqlite3_column_text (stmt, 3);
  const char *updated = (const char *)sqlite3_column_text (stmt, 7);
  gint64 duration_ms = sqlite3_column_int64 (stmt, 4);
  g_autoptr(GalleyTimer) timer = NULL;
  GalleyTimerStatus status;

  if (id == NULL || *id == '\0' || updated == NULL ||
      !galley_timer_status_from_string (status_text, &status) ||
      status == GALLEY_TIMER_STATUS_IDLE || duration_ms <= 0)
    {
      g_warning ("Ignoring a damaged timer row “%s” in the library", id ? id : "");
      return NULL;
    }

  timer = galley_timer_new (id, duration_ms);
  galley_timer_set_label (timer, (const char *)sqlite3_column_text (stmt, 1));
  galley_timer_set_detail (timer, (const char *)sqlite3_column_text (stmt, 2));

  if (!galley_timer_apply_state (timer, status, duration_ms,
                                 sqlite3_column_int64 (stmt, 5),
                                 sqlite3_column_int64 (stmt, 6),
                                 updated))
    {
      g_warning ("Ignoring a damaged timer row “%s” in the library", id);
      return NULL;
    }

  galley_timer_set_notified_ends_at (timer, sqlite3_column_int64 (stmt, 8));

  return g_steal_pointer (&timer);
}

/**
 * galley_library_load_timers:
 *
 * Returns: (transfer container) (element-type GalleyTimer) (nullable): the
 *   stored timers (running, paused or ringing ones: idle timers are not
 *   stored), in id order, or %NULL with @error set
 */
GPtrArray *
galley_library_load_timers (GalleyLibrary  *self,
                            GError        **error)
{
  const char *what = _("Could not read the timers");
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(GPtrArray) timers = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = galley_library_get_db (self);

  if (!(stmt = prepare (db,
                        "SELECT id, label, detail, status, duration_ms, ends_at,"
                        " remaining_ms, updated, notified_ends_at FROM timers ORDER BY id",
                        what, error)))
    return NULL;

  timers = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GalleyTimer *timer = timer_from_row (stmt);

      if (timer != NULL)
        g_ptr_array_add (timers, timer);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, what);
      return NULL;
    }

  return g_steal_pointer (&timers);
}

/**
 * galley_library_get_device_id:
 *
 * The identity of this device in hybrid logical clocks (the tie-breaker
 * between two changes made in the same millisecond), created the first time
 * it is asked for and then kept with the library.
 *
 * Returns: (transfer full) (nullable): the device id, or %NULL with @error set
 */
char *
galley_library_get_device_id (GalleyLibrary  *self,
                              GError        **error)
{
  const char *what = _("Could not read the recipe library");
  g_autoptr(Stmt) stmt = NULL;
  g_autofree char *candidate = NULL;
  char *device_id;
  sqlite3 *db;

  g_return_val_if_fail (GALLEY_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((device_id = galley_library_get_meta (self, DEVICE_ID_KEY)) != NULL && *device_id != '\0')
    return device_id;
  g_free (device_id);

  /* Insert only if still missing, then read back: should two processes
   * get here at once, both end up with the one id that won. */
  db = galley_library_get_db (self);
  candidate = g_uuid_string_random ();

  if (!(stmt = prepare (db,
                        "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                        " WHERE meta.value IS NULL OR meta.value = ''",
                        what, error)))
    return NULL;

  if (!bind_text (stmt, 1, DEVICE_ID_KEY) ||
      !bind_text (stmt, 2, candidate) ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, db, what);
      return NULL;
    }

  if ((device_id = galley_library_get_meta (self, DEVICE_ID_KEY)) == NULL)
    set_sqlite_error (error, db, what);

  return device_id;
}
