/* test-timer-manager.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <sqlite3.h>

#include "galley-error.h"
#include "galley-library-private.h"
#include "galley-library-timers.h"
#include "galley-test-clock.h"
#include "galley-timer-manager.h"

/* The timer manager on a test clock, with a real library file in the
 * test's own XDG_DATA_HOME. Long timers are driven by moving the test clock
 * and letting the real main loop run what is due: nothing here waits for
 * more than a fraction of a second. */

#define T0 G_GINT64_CONSTANT (1732500000000)
#define SECOND G_GINT64_CONSTANT (1000)
#define MINUTE (60 * SECOND)
#define HOUR (60 * MINUTE)

#define ROAST "kitchen/5f0c6e2a-9d7b-4c1e-8a3f-2b6d9e1c4a70"
#define PASTA "kitchen/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"

typedef struct
{
  GalleyTestClock *clock;
  GalleyLibrary *library;
  GalleyTimerManager *manager;
  char *path;

  /* A second connection to the file, to see what a restart after a crash
   * would see at the moment a signal is emitted. */
  sqlite3 *raw;

  guint n_changed;
  guint n_finished;
  gint64 last_late_ms;
  GPtrArray *finished;   /* ids, in the order they rang */
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the real main loop for @ms of real time. */
static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_loop_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop, loop);
  g_main_loop_run (loop);
}

typedef struct
{
  gboolean exists;
  char *status;
  gint64 ends_at;
  gint64 remaining_ms;
  gint64 notified_ends_at;
  char *updated;
} StoredRow;

static void
stored_row_clear (StoredRow *row)
{
  g_clear_pointer (&row->status, g_free);
  g_clear_pointer (&row->updated, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredRow, stored_row_clear)

static void
read_row (sqlite3    *db,
          const char *id,
          StoredRow  *row)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT status, ends_at, remaining_ms, notified_ends_at, updated"
                                       " FROM timers WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
  row->exists = rc == SQLITE_ROW;
  if (row->exists)
    {
      row->status = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      row->ends_at = sqlite3_column_int64 (stmt, 1);
      row->remaining_ms = sqlite3_column_int64 (stmt, 2);
      row->notified_ends_at = sqlite3_column_int64 (stmt, 3);
      row->updated = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
    }

  sqlite3_finalize (stmt);
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* What the UI shows on timer-changed must already be on disk. */
static void
on_timer_changed (GalleyTimerManager *manager,
                  GalleyTimer        *timer,
                  Fixture            *fixture)
{
  g_auto(StoredRow) row = { 0 };

  read_row (fixture->raw, galley_timer_get_id (timer), &row);

  if (galley_timer_is_active (timer))
    {
      g_assert_true (row.exists);
      g_assert_cmpstr (row.status, ==, galley_timer_status_to_string (galley_timer_get_status (timer)));
      g_assert_cmpint (row.ends_at, ==, galley_timer_get_ends_at (timer));
      g_assert_cmpint (row.remaining_ms, ==, galley_timer_get_remaining_ms (timer));
      g_assert_cmpstr (row.updated, ==, galley_timer_get_updated (timer));
    }
  else
    {
      g_assert_false (row.exists);
    }

  fixture->n_changed++;
}

/* A ring is on disk before anyone hears it, so a restart stays quiet. */
static void
on_timer_finished (GalleyTimerManager *manager,
                   GalleyTimer        *timer,
                   gint64              late_ms,
                   Fixture            *fixture)
{
  g_auto(StoredRow) row = { 0 };

  read_row (fixture->raw, galley_timer_get_id (timer), &row);
  g_assert_true (row.exists);
  g_assert_cmpint (row.notified_ends_at, ==, galley_timer_get_ends_at (timer));

  /* Never early. */
  g_assert_cmpint (late_ms, >=, 0);
  g_assert_cmpint (galley_timer_manager_get_now_ms (manager), >=, galley_timer_get_ends_at (timer));
  g_assert_true (galley_timer_is_finished_at (timer, galley_timer_manager_get_now_ms (manager)));

  fixture->n_finished++;
  fixture->last_late_ms = late_ms;
  g_ptr_array_add (fixture->finished, g_strdup (galley_timer_get_id (timer)));
}

static GalleyTimerManager *
new_manager (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GalleyTimerManager *manager;

  manager = galley_timer_manager_new (fixture->library, GALLEY_CLOCK (fixture->clock), &error);
  g_assert_no_error (error);
  g_assert_nonnull (manager);

  g_signal_connect (manager, "timer-changed", G_CALLBACK (on_timer_changed), fixture);
  g_signal_connect (manager, "timer-finished", G_CALLBACK (on_timer_finished), fixture);

  return manager;
}

static void
open_library (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->library = galley_library_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->path = galley_library_default_path ();
  fixture->clock = galley_test_clock_new (T0);
  fixture->finished = g_ptr_array_new_with_free_func (g_free);
  open_library (fixture);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &fixture->raw, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (fixture->raw, 5000);

  fixture->manager = new_manager (fixture);
  galley_timer_manager_run (fixture->manager);
}

static void
close_manager (Fixture *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->manager));
  g_assert_finalize_object (g_steal_pointer (&fixture->library));
}

/* Quits the app and starts it again @gap_ms later, on the same file. */
static void
restart (Fixture *fixture,
         gint64   gap_ms)
{
  close_manager (fixture);

  if (gap_ms > 0)
    galley_test_clock_advance (fixture->clock, gap_ms);

  open_library (fixture);
  fixture->manager = new_manager (fixture);
  galley_timer_manager_run (fixture->manager);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  iterate ();
  close_manager (fixture);
  sqlite3_close (fixture->raw);
  g_assert_finalize_object (fixture->clock);
  g_clear_pointer (&fixture->finished, g_ptr_array_unref);
  g_clear_pointer (&fixture->path, g_free);
}

static GalleyTimer *
lookup (Fixture    *fixture,
        const char *id)
{
  return galley_timer_manager_lookup (fixture->manager, id);
}

static gint64
now (Fixture *fixture)
{
  return galley_clock_get_wall_ms (GALLEY_CLOCK (fixture->clock));
}

static void
start (Fixture    *fixture,
       const char *id,
       gint64      duration_ms)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (galley_timer_manager_start (fixture->manager, id, id, "Test recipe",
                                             duration_ms, &error));
  g_assert_no_error (error);
}

static void
advance (Fixture *fixture,
         gint64   ms)
{
  galley_test_clock_advance (fixture->clock, ms);
  iterate ();
}

static void
test_actions_persist (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *updated = NULL;
  GalleyTimer *timer;

  g_assert_true (galley_timer_manager_start (fixture->manager, ROAST,
                                             "Roast the vegetables", "Roasted vegetables",
                                             45 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  restart (fixture, 0);
  timer = lookup (fixture, ROAST);
  g_assert_nonnull (timer);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, 45 * MINUTE);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 45 * MINUTE);
  g_assert_cmpstr (galley_timer_get_label (timer), ==, "Roast the vegetables");
  g_assert_cmpstr (galley_timer_get_detail (timer), ==, "Roasted vegetables");
  g_assert_nonnull (galley_timer_get_updated (timer));
  updated = g_strdup (galley_timer_get_updated (timer));

  /* Paused 5 minutes in: 40 minutes left, also after a restart. */
  advance (fixture, 5 * MINUTE);
  g_assert_true (galley_timer_manager_pause (fixture->manager, ROAST, &error));
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 40 * MINUTE);
  g_assert_cmpstr (galley_timer_get_updated (timer), >, updated);

  restart (fixture, 10 * MINUTE);
  timer = lookup (fixture, ROAST);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 40 * MINUTE);

  /* Resumed after the 10-minute break: due 40 minutes from now. */
  g_assert_true (galley_timer_manager_resume (fixture->manager, ROAST, &error));
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, now (fixture) + 40 * MINUTE);

  g_assert_true (galley_timer_manager_add (fixture->manager, ROAST, MINUTE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, now (fixture) + 41 * MINUTE);

  restart (fixture, 0);
  timer = lookup (fixture, ROAST);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, now (fixture) + 41 * MINUTE);

  /* Reset: idle, and nothing left to restore. */
  g_assert_true (galley_timer_manager_reset (fixture->manager, ROAST, &error));
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (galley_timer_manager_get_active (fixture->manager)), ==, 0);

  restart (fixture, 0);
  g_assert_null (lookup (fixture, ROAST));
  g_assert_cmpuint (g_list_model_get_n_items (galley_timer_manager_get_active (fixture->manager)), ==, 0);

  /* Dismissing a ringing timer is stored too. */
  start (fixture, PASTA, 10 * MINUTE);
  advance (fixture, 10 * MINUTE);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (galley_timer_manager_dismiss (fixture->manager, PASTA, &error));
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_status (lookup (fixture, PASTA)), ==, GALLEY_TIMER_STATUS_IDLE);

  restart (fixture, 0);
  g_assert_null (lookup (fixture, PASTA));
  g_assert_cmpuint (fixture->n_finished, ==, 1);
}

static void
test_starting_an_idle_timer (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GalleyTimer *timer;

  start (fixture, ROAST, 40 * MINUTE);
  timer = lookup (fixture, ROAST);
  g_assert_true (galley_timer_manager_reset (fixture->manager, ROAST, &error));
  g_assert_no_error (error);

  /* The same object comes back to life, with the newly picked length (the
   * far end of "40–45 minutes") and its label kept when none is given. */
  g_assert_true (galley_timer_manager_start (fixture->manager, ROAST, NULL, NULL, 45 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_true (lookup (fixture, ROAST) == timer);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, 45 * MINUTE);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, now (fixture) + 45 * MINUTE);
  g_assert_cmpstr (galley_timer_get_label (timer), ==, ROAST);
  g_assert_cmpuint (g_list_model_get_n_items (galley_timer_manager_get_active (fixture->manager)), ==, 1);
}

static void
test_finishes_once (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GalleyTimer *timer;

  start (fixture, ROAST, 45 * MINUTE);
  timer = lookup (fixture, ROAST);

  advance (fixture, 45 * MINUTE - 1);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpuint (galley_timer_manager_count_running (fixture->manager), ==, 1);
  g_assert_true (galley_timer_manager_get_soonest (fixture->manager) == timer);

  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->last_late_ms, ==, 0);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 1);
  g_assert_cmpuint (galley_timer_manager_count_running (fixture->manager), ==, 0);
  g_assert_null (galley_timer_manager_get_soonest (fixture->manager));

  /* Ringing on, never announced again: not as time passes... */
  for (guint i = 0; i < 10; i++)
    advance (fixture, MINUTE);
  run_loop_for (50);
  g_assert_cmpuint (fixture->n_finished, ==, 1);

  /* ...nor after the app is started again. */
  restart (fixture, 0);
  iterate ();
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 1);

  restart (fixture, HOUR);
  iterate ();
  g_assert_cmpuint (fixture->n_finished, ==, 1);
}

static void
test_finished_while_closed (Fixture       *fixture,
                            gconstpointer  user_data)
{
  start (fixture, ROAST, 10 * MINUTE);
  start (fixture, PASTA, 12 * MINUTE);
  advance (fixture, MINUTE);

  /* Closed for 25 minutes: both finished meanwhile. They ring as the new
   * manager runs, in deadline order, each with how late it is. */
  close_manager (fixture);
  galley_test_clock_advance (fixture->clock, 25 * MINUTE);
  open_library (fixture);
  fixture->manager = new_manager (fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 0);

  galley_timer_manager_run (fixture->manager);
  g_assert_cmpuint (fixture->n_finished, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->finished, 0), ==, ROAST);
  g_assert_cmpstr (g_ptr_array_index (fixture->finished, 1), ==, PASTA);
  g_assert_cmpint (fixture->last_late_ms, ==, 14 * MINUTE);

  iterate ();
  run_loop_for (50);
  g_assert_cmpuint (fixture->n_finished, ==, 2);

  restart (fixture, MINUTE);
  iterate ();
  g_assert_cmpuint (fixture->n_finished, ==, 2);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 2);
}

static void
test_suspend (Fixture       *fixture,
              gconstpointer  user_data)
{
  start (fixture, ROAST, 5 * MINUTE);

  /* Asleep for 10 minutes: the monotonic clock the source waits on stood
   * still, so only the resume can make the timer ring now and not 5
   * minutes of monotonic time later. */
  galley_test_clock_suspend (fixture->clock, 10 * MINUTE);
  iterate ();
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->last_late_ms, ==, 5 * MINUTE);

  iterate ();
  g_assert_cmpuint (fixture->n_finished, ==, 1);
}

static void
test_wall_clock_set_back (Fixture       *fixture,
                          gconstpointer  user_data)
{
  start (fixture, ROAST, 45 * MINUTE);

  galley_test_clock_jump_wall (fixture->clock, -HOUR);
  iterate ();

  /* 45 minutes pass, but the wall clock, which the deadline is on, is
   * still an hour short of it. */
  advance (fixture, 45 * MINUTE);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpuint (galley_timer_manager_count_running (fixture->manager), ==, 1);

  advance (fixture, HOUR - 1);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->last_late_ms, ==, 0);
}

static void
test_never_early (Fixture       *fixture,
                  gconstpointer  user_data)
{
  /* A 100 ms timer on a clock that does not move: the source, armed on the
   * real monotonic clock, wakes up after 100 ms, but the wall clock says
   * the deadline has not come, so nothing rings. */
  start (fixture, ROAST, 100);
  run_loop_for (250);
  g_assert_cmpuint (fixture->n_finished, ==, 0);

  advance (fixture, 100);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
}

static void
test_server_clock_offset (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GalleyHlc *hlc = galley_timer_manager_get_hlc (fixture->manager);

  start (fixture, ROAST, 10 * MINUTE);
  g_assert_cmpint (galley_timer_get_ends_at (lookup (fixture, ROAST)), ==, T0 + 10 * MINUTE);

  /* The sync client learns that the server's clock, which deadlines are
   * on, is 30 s ahead of ours: the timer rings 30 s earlier by our clock. */
  galley_hlc_set_offset_ms (hlc, 30 * SECOND);
  iterate ();
  g_assert_cmpint (galley_timer_manager_get_now_ms (fixture->manager), ==, now (fixture) + 30 * SECOND);

  advance (fixture, 9 * MINUTE + 30 * SECOND - 1);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpuint (galley_timer_manager_count_running (fixture->manager), ==, 1);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->last_late_ms, ==, 0);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 1);

  /* Changes are made on the server's clock too. */
  start (fixture, PASTA, MINUTE);
  g_assert_cmpint (galley_timer_get_ends_at (lookup (fixture, PASTA)), ==,
                   now (fixture) + 30 * SECOND + MINUTE);
}

/* A clock whose wall time is set without it saying so, as the system clock
 * would be without a timerfd: the manager has to notice by itself. */
typedef struct
{
  GalleyClock parent_instance;
  gint64 wall_ms;
  gint64 monotonic_us;
} SilentClock;

typedef GalleyClockClass SilentClockClass;

static GType silent_clock_get_type (void);
G_DEFINE_TYPE (SilentClock, silent_clock, GALLEY_TYPE_CLOCK)

static gint64
silent_clock_get_wall_ms (GalleyClock *clock)
{
  return ((SilentClock *)clock)->wall_ms;
}

static gint64
silent_clock_get_monotonic_us (GalleyClock *clock)
{
  return ((SilentClock *)clock)->monotonic_us;
}

static void
silent_clock_class_init (SilentClockClass *klass)
{
  klass->get_wall_ms = silent_clock_get_wall_ms;
  klass->get_monotonic_us = silent_clock_get_monotonic_us;
}

static void
silent_clock_init (SilentClock *self)
{
  self->wall_ms = T0;
  self->monotonic_us = G_GINT64_CONSTANT (5000000000);
}

static void
count_finished (GalleyTimerManager *manager,
                GalleyTimer        *timer,
                gint64              late_ms,
                guint              *n_finished)
{
  (*n_finished)++;
}

static void
test_unannounced_jump (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_library_default_path ();
  GalleyLibrary *library = galley_library_open (path, &error);
  SilentClock *clock = g_object_new (silent_clock_get_type (), NULL);
  GalleyTimerManager *manager;
  guint n_finished = 0;

  g_assert_no_error (error);
  manager = galley_timer_manager_new (library, GALLEY_CLOCK (clock), &error);
  g_assert_no_error (error);
  g_signal_connect (manager, "timer-finished", G_CALLBACK (count_finished), &n_finished);
  galley_timer_manager_run (manager);

  g_assert_true (galley_timer_manager_start (manager, ROAST, NULL, NULL, 5 * MINUTE, &error));
  g_assert_no_error (error);

  /* Half a second: ordinary time passing, nothing to do. */
  clock->wall_ms += 500;
  clock->monotonic_us += 500 * 1000;
  iterate ();
  g_assert_cmpuint (n_finished, ==, 0);

  /* The wall clock is set 10 minutes ahead; no "changed". The next
   * main-loop iteration, for whatever reason it happens, notices. */
  clock->wall_ms += 10 * MINUTE;
  iterate ();
  g_assert_cmpuint (n_finished, ==, 1);

  g_assert_finalize_object (manager);
  g_assert_finalize_object (library);
  g_assert_finalize_object (clock);
}

static void
test_add_while_ringing (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GalleyTimer *timer;

  start (fixture, PASTA, 10 * MINUTE);
  timer = lookup (fixture, PASTA);
  advance (fixture, 10 * MINUTE);
  g_assert_cmpuint (fixture->n_finished, ==, 1);

  /* Rang 30 s ago; +1 minute means one more minute from now. */
  advance (fixture, 30 * SECOND);
  g_assert_true (galley_timer_manager_add (fixture->manager, PASTA, MINUTE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, now (fixture) + MINUTE);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 0);
  g_assert_cmpuint (galley_timer_manager_count_running (fixture->manager), ==, 1);

  advance (fixture, MINUTE - 1);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 2);
  g_assert_cmpint (fixture->last_late_ms, ==, 0);

  advance (fixture, 5 * MINUTE);
  restart (fixture, 0);
  iterate ();
  g_assert_cmpuint (fixture->n_finished, ==, 2);
}

static void
test_stopped_before_announced (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* Both reach their deadline, and are reset or dismissed (say from
   * another device's action) before the main loop gets to ring them:
   * nothing is announced for a deadline nobody waits for any more. */
  start (fixture, ROAST, MINUTE);
  start (fixture, PASTA, MINUTE);
  galley_test_clock_advance (fixture->clock, 2 * MINUTE);

  g_assert_true (galley_timer_manager_reset (fixture->manager, ROAST, &error));
  g_assert_no_error (error);
  g_assert_true (galley_timer_manager_dismiss (fixture->manager, PASTA, &error));
  g_assert_no_error (error);

  iterate ();
  run_loop_for (50);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 0);
}

static void
pause_timer (Fixture    *fixture,
             const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (galley_timer_manager_pause (fixture->manager, id, &error));
  g_assert_no_error (error);
}

static void
assert_order (Fixture            *fixture,
              const char * const *ids)
{
  GListModel *active = galley_timer_manager_get_active (fixture->manager);

  g_assert_cmpuint (g_list_model_get_n_items (active), ==, g_strv_length ((char **)ids));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (active, i);

      g_assert_cmpstr (galley_timer_get_id (timer), ==, ids[i]);
    }
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_active_order (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *active = galley_timer_manager_get_active (fixture->manager);
  guint n_signals = 0;
  const char * const before[] = { "e", "f", "b", "a", "c", "d", NULL };
  const char * const after[] = { "e", "f", "a", "b", "c", "d", NULL };
  const char * const dismissed[] = { "e", "a", "b", "c", "d", NULL };

  g_assert_true (g_list_model_get_item_type (active) == GALLEY_TYPE_TIMER);

  start (fixture, "e", MINUTE);
  start (fixture, "f", 2 * MINUTE);
  advance (fixture, 3 * MINUTE);

  start (fixture, "a", 10 * MINUTE);
  start (fixture, "b", 5 * MINUTE);
  start (fixture, "c", 5 * MINUTE);
  start (fixture, "d", 10 * MINUTE);
  advance (fixture, 2 * MINUTE);
  pause_timer (fixture, "c");
  pause_timer (fixture, "d");

  /* Ringing longest first, running by deadline, paused by what is left. */
  assert_order (fixture, before);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 2);
  g_assert_cmpuint (galley_timer_manager_count_running (fixture->manager), ==, 2);
  g_assert_cmpstr (galley_timer_get_id (galley_timer_manager_get_soonest (fixture->manager)), ==, "b");

  /* b gets 6 more minutes: it now ends after a. */
  g_signal_connect (active, "items-changed", G_CALLBACK (count_items_changed), &n_signals);
  g_assert_true (galley_timer_manager_add (fixture->manager, "b", 6 * MINUTE, NULL));
  g_assert_cmpuint (n_signals, >, 0);
  assert_order (fixture, after);
  g_assert_cmpstr (galley_timer_get_id (galley_timer_manager_get_soonest (fixture->manager)), ==, "a");

  /* A change that keeps the place still tells the list to redraw it. */
  n_signals = 0;
  g_assert_true (galley_timer_manager_add (fixture->manager, "d", SECOND, NULL));
  g_assert_cmpuint (n_signals, ==, 1);
  assert_order (fixture, after);
  g_signal_handlers_disconnect_by_func (active, count_items_changed, &n_signals);

  /* Dismissed: out of the list. The order is derived from the stored
   * state, so a restart brings it back as it was. */
  g_assert_true (galley_timer_manager_dismiss (fixture->manager, "f", NULL));
  assert_order (fixture, dismissed);

  restart (fixture, 0);
  assert_order (fixture, dismissed);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GalleyTimer *timer;
  g_autofree char *updated = NULL;
  guint n_changed;

  /* Unknown timers. */
  g_assert_false (galley_timer_manager_pause (fixture->manager, "nope", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_resume (fixture->manager, "nope", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_reset (fixture->manager, "nope", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_add (fixture->manager, "nope", MINUTE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_dismiss (fixture->manager, "nope", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Durations the model cannot hold. */
  g_assert_false (galley_timer_manager_start (fixture->manager, ROAST, NULL, NULL, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_start (fixture->manager, ROAST, NULL, NULL, 8 * 24 * HOUR, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (lookup (fixture, ROAST));
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* Actions that do not apply: refused with a reason, nothing changes. */
  start (fixture, ROAST, 10 * MINUTE);
  timer = lookup (fixture, ROAST);
  updated = g_strdup (galley_timer_get_updated (timer));
  n_changed = fixture->n_changed;

  g_assert_false (galley_timer_manager_start (fixture->manager, ROAST, NULL, NULL, MINUTE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "already running"));
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_resume (fixture->manager, ROAST, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_dismiss (fixture->manager, ROAST, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "not ringing"));
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_add (fixture->manager, ROAST, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Ringing: not paused at zero, not started again. */
  advance (fixture, 10 * MINUTE);
  g_assert_false (galley_timer_manager_pause (fixture->manager, ROAST, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "finished"));
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_start (fixture->manager, ROAST, NULL, NULL, MINUTE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_cmpuint (fixture->n_changed, ==, n_changed);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, updated);

  /* Idle. */
  g_assert_true (galley_timer_manager_dismiss (fixture->manager, ROAST, &error));
  g_assert_no_error (error);
  g_assert_false (galley_timer_manager_pause (fixture->manager, ROAST, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "not running"));
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_resume (fixture->manager, ROAST, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "not paused"));
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_reset (fixture->manager, ROAST, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
}

static void
test_failed_write_changes_nothing (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *updated = NULL;
  GalleyTimer *timer;
  guint n_changed;

  start (fixture, ROAST, 10 * MINUTE);
  timer = lookup (fixture, ROAST);
  updated = g_strdup (galley_timer_get_updated (timer));
  n_changed = fixture->n_changed;

  /* Another process holds the write lock, and we do not wait for it. */
  sqlite3_busy_timeout (galley_library_get_db (fixture->library), 0);
  raw_exec (fixture->raw, "BEGIN IMMEDIATE");

  g_assert_false (galley_timer_manager_pause (fixture->manager, ROAST, &error));
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (galley_timer_manager_start (fixture->manager, PASTA, NULL, NULL, MINUTE, &error));
  g_assert_error (error, GALLEY_LIBRARY_ERROR, GALLEY_LIBRARY_ERROR_FAILED);
  g_clear_error (&error);

  /* What the UI shows is still what is stored. */
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, updated);
  g_assert_null (lookup (fixture, PASTA));
  g_assert_cmpuint (g_list_model_get_n_items (galley_timer_manager_get_active (fixture->manager)), ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);

  raw_exec (fixture->raw, "ROLLBACK");

  /* And the next try works. */
  g_assert_true (galley_timer_manager_pause (fixture->manager, ROAST, &error));
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
}

static void
test_device_id (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *again = NULL;
  GalleyTimer *timer;

  device_id = galley_library_get_device_id (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (device_id));
  g_assert_cmpstr (galley_hlc_get_device_id (galley_timer_manager_get_hlc (fixture->manager)), ==, device_id);

  start (fixture, ROAST, MINUTE);
  timer = lookup (fixture, ROAST);
  g_assert_true (g_str_has_suffix (galley_timer_get_updated (timer), device_id));

  restart (fixture, 0);
  again = galley_library_get_device_id (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, device_id);
}

static void
test_stamps_survive_clock_set_back (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *updated = NULL;
  GalleyTimer *timer;

  start (fixture, ROAST, 45 * MINUTE);
  updated = g_strdup (galley_timer_get_updated (lookup (fixture, ROAST)));

  /* Restarted after the wall clock went back a day: a change made now
   * must still be stamped later than the stored state, or other devices
   * would ignore it. */
  close_manager (fixture);
  galley_test_clock_jump_wall (fixture->clock, -24 * HOUR);
  open_library (fixture);
  fixture->manager = new_manager (fixture);
  galley_timer_manager_run (fixture->manager);

  timer = lookup (fixture, ROAST);
  g_assert_true (galley_timer_manager_pause (fixture->manager, ROAST, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (galley_timer_get_updated (timer), >, updated);
}

static void
test_upgrade_from_version_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_library_default_path ();
  g_autoptr(GalleyTestClock) clock = galley_test_clock_new (T0);
  GalleyTimerManager *manager;
  GalleyLibrary *library;
  sqlite3 *raw = NULL;

  /* A library written before timers were stored. */
  library = galley_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (library);

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  raw_exec (raw, "DROP TABLE timers; PRAGMA user_version = 1;");
  sqlite3_close (raw);

  library = galley_library_open (path, &error);
  g_assert_no_error (error);
  manager = galley_timer_manager_new (library, GALLEY_CLOCK (clock), &error);
  g_assert_no_error (error);
  g_assert_true (galley_timer_manager_start (manager, ROAST, NULL, NULL, MINUTE, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (manager);
  g_assert_finalize_object (library);

  library = galley_library_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) timers = galley_library_load_timers (library, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (timers->len, ==, 1);
    g_assert_cmpstr (galley_timer_get_id (g_ptr_array_index (timers, 0)), ==, ROAST);
  }
  g_assert_finalize_object (library);
}

static void
test_damaged_row (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timers = NULL;

  start (fixture, ROAST, 10 * MINUTE);

  /* Written by hand (or by a broken disk): a status no Galley writes, and
   * a running timer without a deadline. */
  raw_exec (fixture->raw,
            "INSERT INTO timers (id, status, duration_ms, updated)"
            " VALUES ('bogus-status', 'sleeping', 60000, '001732500000000-0000-abc'),"
            "        ('no-deadline', 'running', 60000, '001732500000000-0000-abc')");

  /* Each is skipped, with a warning; the good timer is not lost. */
  g_test_expect_message ("galley-library-timers", G_LOG_LEVEL_WARNING, "*damaged*bogus-status*");
  g_test_expect_message ("galley-library-timers", G_LOG_LEVEL_WARNING, "*damaged*no-deadline*");
  timers = galley_library_load_timers (fixture->library, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (timers->len, ==, 1);
  g_assert_cmpstr (galley_timer_get_id (g_ptr_array_index (timers, 0)), ==, ROAST);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/timer-manager/actions-persist", test_actions_persist);
  ADD ("/timer-manager/start-idle", test_starting_an_idle_timer);
  ADD ("/timer-manager/finishes-once", test_finishes_once);
  ADD ("/timer-manager/finished-while-closed", test_finished_while_closed);
  ADD ("/timer-manager/suspend", test_suspend);
  ADD ("/timer-manager/wall-clock-set-back", test_wall_clock_set_back);
  ADD ("/timer-manager/never-early", test_never_early);
  ADD ("/timer-manager/server-clock-offset", test_server_clock_offset);
  ADD ("/timer-manager/add-while-ringing", test_add_while_ringing);
  ADD ("/timer-manager/stopped-before-announced", test_stopped_before_announced);
  ADD ("/timer-manager/active-order", test_active_order);
  ADD ("/timer-manager/errors", test_errors);
  ADD ("/timer-manager/failed-write", test_failed_write_changes_nothing);
  ADD ("/timer-manager/device-id", test_device_id);
  ADD ("/timer-manager/damaged-row", test_damaged_row);
  ADD ("/timer-manager/stamps-after-clock-set-back", test_stamps_survive_clock_set_back);
  g_test_add_func ("/timer-manager/unannounced-jump", test_unannounced_jump);
  g_test_add_func ("/timer-manager/upgrade-from-version-1", test_upgrade_from_version_1);

  return g_test_run ();
}
