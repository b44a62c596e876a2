/* test-timer-mainloop.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-timer-manager.h"

/* Real timers on the real system clock and main loop: short ones, started
 * together, each ringing once, in deadline order and never before its
 * deadline. */

#define N_TIMERS 50
#define DEADLINE_SOURCE_NAME "[galley] timer deadline"

typedef struct
{
  GMainLoop *loop;
  GHashTable *rings;       /* id → how many times it rang */
  guint n_finished;
  gint64 last_ends_at;
  guint max_deadline_sources;
} State;

/* How many of the manager's deadline sources are attached to the default
 * context, found by name: the ids of a context's sources are handed out in
 * increasing order, so every live source has an id below a fresh one.
 * There must only ever be one, whatever the number of timers. */
static guint
count_deadline_sources (void)
{
  GSource *probe = g_idle_source_new ();
  guint last_id = g_source_attach (probe, NULL);
  guint n = 0;

  for (guint id = 1; id < last_id; id++)
    {
      GSource *source = g_main_context_find_source_by_id (NULL, id);

      if (source != NULL && g_strcmp0 (g_source_get_name (source), DEADLINE_SOURCE_NAME) == 0)
        n++;
    }

  g_source_destroy (probe);
  g_source_unref (probe);

  return n;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_timer_finished (GalleyTimerManager *manager,
                   GalleyTimer        *timer,
                   gint64              late_ms,
                   State              *state)
{
  gint64 now_us = g_get_real_time ();
  gint64 ends_at = galley_timer_get_ends_at (timer);
  const char *id = galley_timer_get_id (timer);
  guint rings = GPOINTER_TO_UINT (g_hash_table_lookup (state->rings, id));

  /* Never before the deadline, not even by a microsecond. */
  g_assert_cmpint (now_us, >=, ends_at * 1000);
  g_assert_cmpint (late_ms, >=, 0);

  /* In deadline order. */
  g_assert_cmpint (ends_at, >=, state->last_ends_at);
  state->last_ends_at = ends_at;

  g_hash_table_insert (state->rings, g_strdup (id), GUINT_TO_POINTER (rings + 1));
  state->n_finished++;

  state->max_deadline_sources = MAX (state->max_deadline_sources, count_deadline_sources ());

  /* Then 300 ms more, for any duplicate to show up. */
  if (state->n_finished == N_TIMERS)
    g_timeout_add (300, quit_loop, state->loop);
}

static void
test_many_short_timers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_library_default_path ();
  GalleyLibrary *library;
  GalleyTimerManager *manager;
  State state = { 0 };
  guint safety;

  library = galley_library_open (path, &error);
  g_assert_no_error (error);
  manager = galley_timer_manager_new (library, galley_clock_get_system (), &error);
  g_assert_no_error (error);

  state.loop = g_main_loop_new (NULL, FALSE);
  state.rings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (manager, "timer-finished", G_CALLBACK (on_timer_finished), &state);
  galley_timer_manager_run (manager);

  for (guint i = 0; i < N_TIMERS; i++)
    {
      g_autofree char *id = g_strdup_printf ("kitchen/test-%02u", i);
      gint64 duration_ms = g_test_rand_int_range (50, 501);

      g_assert_true (galley_timer_manager_start (manager, id, NULL, NULL, duration_ms, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpuint (count_deadline_sources (), ==, 1);
  g_assert_cmpuint (galley_timer_manager_count_running (manager) +
                    galley_timer_manager_count_ringing (manager), ==, N_TIMERS);

  /* Generous for a loaded machine under sanitizers; a pass takes ~0.8 s. */
  safety = g_timeout_add_seconds (30, quit_loop, state.loop);
  g_main_loop_run (state.loop);
  g_source_remove (safety);

  g_assert_cmpuint (state.n_finished, ==, N_TIMERS);
  g_assert_cmpuint (g_hash_table_size (state.rings), ==, N_TIMERS);
  {
    GHashTableIter iter;
    gpointer rings;

    g_hash_table_iter_init (&iter, state.rings);
    while (g_hash_table_iter_next (&iter, NULL, &rings))
      g_assert_cmpuint (GPOINTER_TO_UINT (rings), ==, 1);
  }
  g_assert_cmpuint (state.max_deadline_sources, ==, 1);
  g_assert_cmpuint (galley_timer_manager_count_ringing (manager), ==, N_TIMERS);
  g_assert_cmpuint (galley_timer_manager_count_running (manager), ==, 0);

  g_assert_finalize_object (manager);
  g_assert_finalize_object (library);
  g_assert_cmpuint (count_deadline_sources (), ==, 0);

  g_hash_table_unref (state.rings);
  g_main_loop_unref (state.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timer-mainloop/many-short-timers", test_many_short_timers);

  return g_test_run ();
}
