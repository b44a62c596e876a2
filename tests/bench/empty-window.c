/* empty-window.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-bench-baseline"

/* The baseline of the start-up benchmark (bench-startup.py): the least a
 * libadwaita app does before its first frame — an empty
 * AdwApplicationWindow of Galley's default size. With
 * GALLEY_BENCH_FIRST_FRAME set it reports like Galley does: the monotonic
 * time of its first painted frame and its resident memory then, and
 * quits. */

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#define BASELINE_APP_ID "io.github.galleykitchen.Galley.BenchBaseline"

static void
report_first_frame (GdkFrameClock *clock,
                    GtkWidget     *widget)
{
  g_autofree char *status = NULL;
  const char *rss = NULL;

  g_signal_handlers_disconnect_by_func (clock, report_first_frame, widget);

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    rss = strstr (status, "VmRSS:");

  g_print ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("rss-kb %" G_GINT64_FORMAT "\n", rss ? g_ascii_strtoll (rss + strlen ("VmRSS:"), NULL, 10) : 0);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget))));
}

static void
on_map_for_benchmark (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (report_first_frame), widget);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);

  if (g_getenv ("GALLEY_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_map_for_benchmark), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new (BASELINE_APP_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
