/* test-display-tick.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-display-tick.h"
#include "galley-test-clock.h"

/* The shared countdown tick, on a test clock and the real main loop: the
 * test moves the clock and lets the loop run what is due (plus a few short
 * real waits, to show nothing ticks on its own). */

#define T0 G_GINT64_CONSTANT (1732500000000)
#define SECOND G_GINT64_CONSTANT (1000)
#define MINUTE (60 * SECOND)

#define TICK_SOURCE_NAME "[galley] display tick"

typedef struct
{
  GalleyTestClock *clock;
  GalleyLibrary *library;
  GalleyTimerManager *manager;
  GalleyDisplayTick *tick;

  guint n_ticks;
  gint64 last_now_ms;
  GArray *ticks;   /* every now_ms, in order */
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

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

/* The attached sources of the default context with @name (source ids are
 * handed out in increasing order, so all live ones are below a fresh one). */
static guint
count_sources (const char *name)
{
  GSource *probe = g_idle_source_new ();
  guint last_id = g_source_attach (probe, NULL);
  guint n = 0;

  for (guint id = 1; id < last_id; id++)
    {
      GSource *source = g_main_context_find_source_by_id (NULL, id);

      if (source != NULL && g_strcmp0 (g_source_get_name (source), name) == 0)
        n++;
    }

  g_source_destroy (probe);
  g_source_unref (probe);

  return n;
}

static void
on_tick (GalleyDisplayTick *tick,
         gint64             now_ms,
         Fixture           *fixture)
{
  /* Every countdown reads the clock the tick read. */
  g_assert_cmpint (now_ms, ==, galley_timer_manager_get_now_ms (fixture->manager));

  fixture->n_ticks++;
  fixture->last_now_ms = now_ms;
  g_array_append_val (fixture->ticks, now_ms);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_library_default_path ();

  fixture->clock = galley_test_clock_new (T0);
  fixture->library = galley_library_open (path, &error);
  g_assert_no_error (error);
  fixture->manager = galley_timer_manager_new (fixture->library, GALLEY_CLOCK (fixture->clock), &error);
  g_assert_no_error (error);
  galley_timer_manager_run (fixture->manager);

  fixture->tick = galley_display_tick_new (fixture->manager);
  g_assert_true (galley_display_tick_get_manager (fixture->tick) == fixture->manager);
  fixture->ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->tick, "tick", G_CALLBACK (on_tick), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  iterate ();
  g_assert_finalize_object (fixture->tick);
  g_assert_finalize_object (fixture->manager);
  g_assert_finalize_object (fixture->library);
  g_assert_finalize_object (fixture->clock);
  g_array_unref (fixture->ticks);
}

static void
start (Fixture    *fixture,
       const char *id,
       gint64      duration_ms)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (galley_timer_manager_start (fixture->manager, id, NULL, NULL, duration_ms, &error));
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
test_only_while_held_and_running (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* Not held: a running timer alone does not tick, nor costs a source. */
  start (fixture, "kitchen/a", 10 * MINUTE);
  for (guint i = 0; i < 5; i++)
    advance (fixture, SECOND);
  g_assert_cmpuint (fixture->n_ticks, ==, 0);
  g_assert_cmpuint (count_sources (TICK_SOURCE_NAME), ==, 0);

  /* Held (a countdown is on screen): one tick a second. */
  galley_display_tick_hold (fixture->tick);
  g_assert_cmpuint (count_sources (TICK_SOURCE_NAME), ==, 1);
  for (guint i = 0; i < 5; i++)
    advance (fixture, SECOND);
  g_assert_cmpuint (fixture->n_ticks, ==, 5);

  /* Held twice, released once: still wanted. */
  galley_display_tick_hold (fixture->tick);
  galley_display_tick_release (fixture->tick);
  advance (fixture, SECOND);
  g_assert_cmpuint (fixture->n_ticks, ==, 6);

  /* Nothing running (paused): no ticks, even with time passing. */
  g_assert_true (galley_timer_manager_pause (fixture->manager, "kitchen/a", &error));
  g_assert_no_error (error);
  iterate ();
  fixture->n_ticks = 0;
  for (guint i = 0; i < 5; i++)
    advance (fixture, SECOND);
  g_assert_cmpuint (fixture->n_ticks, ==, 0);

  g_assert_true (galley_timer_manager_resume (fixture->manager, "kitchen/a", &error));
  g_assert_no_error (error);
  advance (fixture, SECOND);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);

  /* The clock does not move by itself here: real time passing wakes the
   * source, which sees it is not time yet and does not tick. */
  run_loop_for (1200);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);

  /* Released: no more ticks, no source left. */
  galley_display_tick_release (fixture->tick);
  g_assert_cmpuint (count_sources (TICK_SOURCE_NAME), ==, 0);
  for (guint i = 0; i < 5; i++)
    advance (fixture, SECOND);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
}

static void
test_aligned (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 first_ends_at = T0 + 2500;
  gint64 second_ends_at = T0 + 2800;

  start (fixture, "kitchen/first", 2500);
  start (fixture, "kitchen/second", 2800);
  galley_display_tick_hold (fixture->tick);

  /* 2.5 s left: the first tick is when 2 s are left, 500 ms from now. */
  advance (fixture, 499);
  g_assert_cmpuint (fixture->n_ticks, ==, 0);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
  g_assert_cmpint (fixture->last_now_ms, ==, T0 + 500);

  advance (fixture, 999);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_ticks, ==, 2);

  /* At the deadline itself: the first countdown shows 0:00 as it starts
   * ringing. */
  advance (fixture, 1000);
  g_assert_cmpuint (fixture->n_ticks, ==, 3);
  g_assert_cmpint (fixture->last_now_ms, ==, first_ends_at);
  g_assert_cmpuint (galley_timer_manager_count_ringing (fixture->manager), ==, 1);

  for (guint i = 0; i < fixture->ticks->len; i++)
    g_assert_cmpint (g_array_index (fixture->ticks, gint64, i) % 1000, ==, first_ends_at % 1000);

  /* Then aligned to the next one, 300 ms from its end. */
  advance (fixture, 299);
  g_assert_cmpuint (fixture->n_ticks, ==, 3);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_ticks, ==, 4);
  g_assert_cmpint (fixture->last_now_ms, ==, second_ends_at);

  /* Nothing runs any more (both ring): no more ticks. */
  for (guint i = 0; i < 5; i++)
    advance (fixture, SECOND);
  g_assert_cmpuint (fixture->n_ticks, ==, 4);

  galley_display_tick_release (fixture->tick);
}

static void
test_realigns_on_change (Fixture       *fixture,
                         gconstpointer  user_data)
{
  start (fixture, "kitchen/long", 10 * SECOND);
  galley_display_tick_hold (fixture->tick);

  advance (fixture, 200);
  g_assert_cmpuint (fixture->n_ticks, ==, 0);

  /* A sooner timer, ending at T0 + 1500: ticks now follow it. */
  start (fixture, "kitchen/short", 1300);
  advance (fixture, 299);
  g_assert_cmpuint (fixture->n_ticks, ==, 0);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
  g_assert_cmpint (fixture->last_now_ms, ==, T0 + 500);

  /* Paused: back to the long one's seconds, T0 + 1000 next. */
  g_assert_true (galley_timer_manager_pause (fixture->manager, "kitchen/short", NULL));
  advance (fixture, 499);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_ticks, ==, 2);
  g_assert_cmpint (fixture->last_now_ms, ==, T0 + 1000);

  galley_display_tick_release (fixture->tick);
}

static void
test_after_suspend (Fixture       *fixture,
                    gconstpointer  user_data)
{
  start (fixture, "kitchen/long", 10 * MINUTE);
  galley_display_tick_hold (fixture->tick);

  /* After a 5-minute sleep the countdowns are stale: one tick right away,
   * not five minutes' worth of them. */
  galley_test_clock_suspend (fixture->clock, 5 * MINUTE + 300);
  iterate ();
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
  g_assert_cmpint (fixture->last_now_ms, ==, T0 + 5 * MINUTE + 300);

  /* Then back on the whole seconds. */
  advance (fixture, 699);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_ticks, ==, 2);
  g_assert_cmpint (fixture->last_now_ms % 1000, ==, T0 % 1000);

  galley_display_tick_release (fixture->tick);
}

static void
test_server_clock_offset (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GalleyHlc *hlc = galley_timer_manager_get_hlc (fixture->manager);

  start (fixture, "kitchen/long", 10 * MINUTE);
  galley_display_tick_hold (fixture->tick);

  /* The server's clock turns out to be 250 ms ahead of ours: the seconds
   * of the countdown, on the server's clock, now turn 750 ms from now. */
  galley_hlc_set_offset_ms (hlc, 250);
  iterate ();
  advance (fixture, 749);
  g_assert_cmpuint (fixture->n_ticks, ==, 0);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->n_ticks, ==, 1);
  g_assert_cmpint (fixture->last_now_ms, ==, T0 + 1000);

  galley_display_tick_release (fixture->tick);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/display-tick/only-while-held-and-running", test_only_while_held_and_running);
  ADD ("/display-tick/aligned", test_aligned);
  ADD ("/display-tick/realigns-on-change", test_realigns_on_change);
  ADD ("/display-tick/after-suspend", test_after_suspend);
  ADD ("/display-tick/server-clock-offset", test_server_clock_offset);

  return g_test_run ();
}
