/* bench-timers.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Measures what the timer design promises, on the real clock and main loop,
 * and prints Markdown for docs/benchmarks.md:
 *
 *  1. Lateness: 1,000 deadlines of 20–2000 ms (about a hundred running at
 *     once), from the deadline to the "timer-finished" signal, next to the
 *     same number of g_timeout_add_seconds() callbacks measured against
 *     the time they were asked for.
 *  2. Wake-ups: with 100 timers running (1–2 h), returns from poll() per
 *     second while a countdown is on screen (the display tick held) and
 *     while the window is hidden.
 *  3. CPU: user + system time over those same windows.
 *
 *   bench-timers [--deadlines N] [--window SECONDS]
 */

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "galley-display-tick.h"
#include "galley-timer-manager.h"

#define N_BACKGROUND_TIMERS 100

static int n_deadlines = 1000;
static int window_s = 10;

typedef struct
{
  GMainLoop *loop;
  GalleyTimerManager *manager;
  GRand *rand;

  int n_started;
  GArray *galley_late_ms;    /* double */
  GArray *baseline_late_ms;  /* double */
  guint starter;
} LatenessRun;

typedef struct
{
  LatenessRun *run;
  gint64 intended_us;
} BaselineTimeout;

static void
maybe_quit (LatenessRun *run)
{
  if ((int)run->galley_late_ms->len == n_deadlines &&
      (int)run->baseline_late_ms->len == n_deadlines)
    g_main_loop_quit (run->loop);
}

typedef struct
{
  GalleyTimerManager *manager;
  char *id;
} Dismissal;

static void
dismissal_free (gpointer data)
{
  Dismissal *dismissal = data;

  g_free (dismissal->id);
  g_free (dismissal);
}

static gboolean
dismiss_later (gpointer user_data)
{
  Dismissal *dismissal = user_data;
  g_autoptr(GError) error = NULL;

  /* Someone walks over and presses "Dismiss": keeps the list as short as
   * in a real kitchen, and puts those writes in the same loop. */
  if (!galley_timer_manager_dismiss (dismissal->manager, dismissal->id, &error))
    g_error ("%s", error->message);

  return G_SOURCE_REMOVE;
}

static void
on_timer_finished (GalleyTimerManager *manager,
                   GalleyTimer        *timer,
                   gint64              late_ms,
                   LatenessRun        *run)
{
  double late = (g_get_real_time () - galley_timer_get_ends_at (timer) * 1000) / 1000.0;
  Dismissal *dismissal = g_new0 (Dismissal, 1);

  g_array_append_val (run->galley_late_ms, late);

  dismissal->manager = manager;
  dismissal->id = g_strdup (galley_timer_get_id (timer));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, dismiss_later, dismissal, dismissal_free);

  maybe_quit (run);
}

static gboolean
on_baseline_timeout (gpointer user_data)
{
  BaselineTimeout *timeout = user_data;
  double late = (g_get_real_time () - timeout->intended_us) / 1000.0;

  g_array_append_val (timeout->run->baseline_late_ms, late);
  maybe_quit (timeout->run);

  return G_SOURCE_REMOVE;
}

/* Every 10 ms, one Galley timer and one g_timeout_add_seconds() of about
 * the same length, so both see the same load. */
static gboolean
start_next (gpointer user_data)
{
  LatenessRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("kitchen/bench-%04d", run->n_started);
  gint64 duration_ms = g_rand_int_range (run->rand, 20, 2001);
  guint seconds = (guint) g_rand_int_range (run->rand, 1, 3);
  BaselineTimeout *timeout = g_new0 (BaselineTimeout, 1);

  if (!galley_timer_manager_start (run->manager, id, NULL, NULL, duration_ms, &error))
    g_error ("%s", error->message);

  timeout->run = run;
  timeout->intended_us = g_get_real_time () + seconds * G_USEC_PER_SEC;
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, seconds, on_baseline_timeout, timeout, g_free);

  if (++run->n_started < n_deadlines)
    return G_SOURCE_CONTINUE;

  run->starter = 0;
  return G_SOURCE_REMOVE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return (da > db) - (da < db);
}

typedef struct
{
  double median;
  double p99;
  double max;
} Summary;

static Summary
summarize (GArray *values)
{
  Summary summary;

  g_array_sort (values, compare_doubles);
  summary.median = g_array_index (values, double, values->len / 2);
  summary.p99 = g_array_index (values, double, MIN (values->len - 1, (guint)(values->len * 0.99)));
  summary.max = g_array_index (values, double, values->len - 1);

  return summary;
}

static void
flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
measure_lateness (GalleyTimerManager *manager,
                  Summary            *galley,
                  Summary            *baseline)
{
  LatenessRun run = { 0 };
  gulong handler;

  run.loop = g_main_loop_new (NULL, FALSE);
  run.manager = manager;
  run.rand = g_rand_new_with_seed (20261125);
  run.galley_late_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.baseline_late_ms = g_array_new (FALSE, FALSE, sizeof (double));

  handler = g_signal_connect (manager, "timer-finished", G_CALLBACK (on_timer_finished), &run);
  run.starter = g_timeout_add (10, start_next, &run);
  g_main_loop_run (run.loop);
  g_signal_handler_disconnect (manager, handler);
  flush_main_context ();

  *galley = summarize (run.galley_late_ms);
  *baseline = summarize (run.baseline_late_ms);

  g_array_unref (run.galley_late_ms);
  g_array_unref (run.baseline_late_ms);
  g_rand_free (run.rand);
  g_main_loop_unref (run.loop);
}

static GPollFunc real_poll;
static guint n_polls;

static int
counting_poll (GPollFD *fds,
               guint    n_fds,
               int      timeout)
{
  int result = real_poll (fds, n_fds, timeout);

  n_polls++;
  return result;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

typedef struct
{
  double wakeups_per_s;
  double cpu_percent;
} Window;

/* Runs the loop for the window and counts its wake-ups. The timeout that
 * ends the window is itself one wake-up, not counted. */
static Window
measure_window (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Window window;
  gint64 start_us;
  double start_cpu;
  double elapsed_s;

  flush_main_context ();

  n_polls = 0;
  start_cpu = cpu_seconds ();
  start_us = g_get_monotonic_time ();
  g_timeout_add_seconds (window_s, quit_loop, loop);
  g_main_loop_run (loop);
  elapsed_s = (g_get_monotonic_time () - start_us) / (double) G_USEC_PER_SEC;

  window.wakeups_per_s = (n_polls > 0 ? n_polls - 1 : 0) / elapsed_s;
  window.cpu_percent = (cpu_seconds () - start_cpu) / elapsed_s * 100.0;

  return window;
}

static void
on_tick (GalleyDisplayTick *tick,
         gint64             now_ms,
         GalleyTimerManager *manager)
{
  GListModel *active = galley_timer_manager_get_active (manager);
  guint n = g_list_model_get_n_items (active);
  volatile gint64 sum = 0;

  /* What a window does on a tick, minus the drawing: read every
   * countdown's remaining time. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (active, i);

      sum += galley_timer_remaining_at (timer, now_ms);
    }
}

static void
measure_wakeups (GalleyTimerManager *manager,
                 Window             *visible,
                 Window             *hidden)
{
  g_autoptr(GalleyDisplayTick) tick = galley_display_tick_new (manager);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < N_BACKGROUND_TIMERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("kitchen/background-%03u", i);
      gint64 duration_ms = g_rand_int_range (rand, 60 * 60 * 1000, 2 * 60 * 60 * 1000 + 1);

      if (!galley_timer_manager_start (manager, id, NULL, NULL, duration_ms, &error))
        g_error ("%s", error->message);
    }

  g_signal_connect (tick, "tick", G_CALLBACK (on_tick), manager);

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, counting_poll);

  galley_display_tick_hold (tick);
  *visible = measure_window ();
  galley_display_tick_release (tick);
  *hidden = measure_window ();

  g_main_context_set_poll_func (NULL, real_poll);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }

  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "deadlines", 0, 0, G_OPTION_ARG_INT, &n_deadlines, "Deadlines to measure (1000)", "N" },
    { "window", 0, 0, G_OPTION_ARG_INT, &window_s, "Seconds per wake-up window (10)", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— timer lateness, wake-ups and CPU");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GalleyLibrary *library;
  GalleyTimerManager *manager;
  Summary galley, baseline;
  Window visible, hidden;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_deadlines < 1 || window_s < 1)
    {
      g_printerr ("%s\n", error ? error->message : "Bad arguments");
      return EXIT_FAILURE;
    }

  if (!(dir = g_dir_make_tmp ("galley-bench-timers-XXXXXX", &error)))
    g_error ("%s", error->message);
  path = g_build_filename (dir, "library.db", NULL);

  if (!(library = galley_library_open (path, &error)) ||
      !(manager = galley_timer_manager_new (library, galley_clock_get_system (), &error)))
    g_error ("%s", error->message);
  galley_timer_manager_run (manager);
  flush_main_context ();

  g_printerr ("Measuring %d deadlines...\n", n_deadlines);
  measure_lateness (manager, &galley, &baseline);

  g_printerr ("Measuring wake-ups, 2 x %d s...\n", window_s);
  measure_wakeups (manager, &visible, &hidden);

  printf ("### Timer lateness (%d deadlines, real main loop)\n\n", n_deadlines);
  printf ("| | Galley (deadline source) | g_timeout_add_seconds | ratio |\n");
  printf ("| --- | ---: | ---: | ---: |\n");
  printf ("| median | %.2f ms | %.1f ms | %.0f× |\n",
          galley.median, baseline.median, baseline.median / MAX (galley.median, 0.001));
  printf ("| p99 | %.2f ms | %.1f ms | %.0f× |\n",
          galley.p99, baseline.p99, baseline.p99 / MAX (galley.p99, 0.001));
  printf ("| max | %.2f ms | %.1f ms | %.0f× |\n",
          galley.max, baseline.max, baseline.max / MAX (galley.max, 0.001));
  printf ("\nTargets: median < 2 ms, p99 < 10 ms.\n\n");

  printf ("### Wake-ups and CPU with %d running timers (%d s each)\n\n",
          N_BACKGROUND_TIMERS, window_s);
  printf ("| window | wake-ups/s | CPU (%% of a core) |\n");
  printf ("| --- | ---: | ---: |\n");
  printf ("| visible (display tick held) | %.2f | %.3f %% |\n", visible.wakeups_per_s, visible.cpu_percent);
  printf ("| hidden | %.2f | %.3f %% |\n", hidden.wakeups_per_s, hidden.cpu_percent);
  printf ("\nTargets: visible ≈ 1/s, hidden 0/s, CPU < 1 %%.\n");

  g_object_unref (manager);
  g_object_unref (library);
  remove_tree (dir);

  return EXIT_SUCCESS;
}
