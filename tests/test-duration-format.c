/* test-duration-format.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-duration-format.h"

static void
test_formats (void)
{
  static const struct {
    gint64 seconds, max_seconds;
    const char *short_text, *long_text;
  } cases[] = {
    { 30, 0, "30 s", "30 seconds" },
    { 60, 60, "1 min", "1 minute" },
    { 90, 0, "1 min 30 s", "1 minute 30 seconds" },
    { 2700, 0, "45 min", "45 minutes" },
    { 3600, 0, "1 h", "1 hour" },
    { 4500, 0, "1 h 15 min", "1 hour 15 minutes" },
    { 5430, 0, "1 h 30 min", "1 hour 30 minutes" },
    { 43200, 0, "12 h", "12 hours" },
    { 90000, 0, "1 d 1 h", "1 day 1 hour" },
    { 2400, 2700, "40–45 min", "40 minutes to 45 minutes" },
    { 600, 720, "10–12 min", "10 minutes to 12 minutes" },
    { 3600, 5400, "1 h–1 h 30 min", "1 hour to 1 hour 30 minutes" },
    { 43200, 64800, "12 h–18 h", "12 hours to 18 hours" },
    { 0, 0, "0 min", "0 minutes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *short_text = galley_duration_format_short (cases[i].seconds, cases[i].max_seconds);
      g_autofree char *long_text = galley_duration_format_long (cases[i].seconds, cases[i].max_seconds);

      g_assert_cmpstr (short_text, ==, cases[i].short_text);
      g_assert_cmpstr (long_text, ==, cases[i].long_text);
    }
}

static void
test_countdown (void)
{
  static const struct {
    gint64 remaining_ms;
    const char *text;
  } cases[] = {
    { 2700000, "45:00" },
    { 2699001, "45:00" },
    { 2699000, "44:59" },
    { 61000, "1:01" },
    { 1, "0:01" },
    { 0, "0:00" },
    { -5000, "0:00" },
    { 3600000, "1:00:00" },
    { 3599001, "1:00:00" },
    { 3599000, "59:59" },
    { 45296000, "12:34:56" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = galley_duration_format_countdown (cases[i].remaining_ms);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/duration-format/formats", test_formats);
  g_test_add_func ("/duration-format/countdown", test_countdown);

  return g_test_run ();
}
