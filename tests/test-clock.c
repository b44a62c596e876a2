/* test-clock.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "galley-clock.h"
#include "galley-test-clock.h"

#define WALL_MS G_GINT64_CONSTANT (1732500000000)

static void
count_changed (GalleyClock *clock,
               guint       *count)
{
  (*count)++;
}

static void
test_system_clock (void)
{
  GalleyClock *clock = galley_clock_get_system ();
  gint64 real_before, real_after, mono_before, mono_after;
  gint64 wall_ms, mono_us;

  g_assert_true (GALLEY_IS_CLOCK (clock));
  /* A process-wide singleton. */
  g_assert_true (galley_clock_get_system () == clock);

  real_before = g_get_real_time () / 1000;
  mono_before = g_get_monotonic_time ();
  wall_ms = galley_clock_get_wall_ms (clock);
  mono_us = galley_clock_get_monotonic_us (clock);
  real_after = g_get_real_time () / 1000;
  mono_after = g_get_monotonic_time ();

  g_assert_cmpint (wall_ms, >=, real_before);
  g_assert_cmpint (wall_ms, <=, real_after);
  g_assert_cmpint (mono_us, >=, mono_before);
  g_assert_cmpint (mono_us, <=, mono_after);

  /* Whoever schedules deadlines can subscribe and be told. */
  {
    guint changed = 0;
    gulong handler = g_signal_connect (clock, "changed", G_CALLBACK (count_changed), &changed);

    galley_clock_changed (clock);
    g_assert_cmpuint (changed, ==, 1);
    g_signal_handler_disconnect (clock, handler);
  }

  /* Let the asynchronous lookup of the system bus finish: with or without
   * a bus, it must not warn (warnings are fatal here). */
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* The part of the resume test that runs in a subprocess, whose system bus
 * is a private dbus-daemon started by the parent. */
static void
wait_for (guint *count,
          guint  at_least,
          guint  max_ms)
{
  gint64 deadline = g_get_monotonic_time () + max_ms * G_TIME_SPAN_MILLISECOND;

  while (*count < at_least && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
emit_prepare_for_sleep (GDBusConnection *connection,
                        gboolean         going_to_sleep)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (connection, NULL,
                                 "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager",
                                 "PrepareForSleep",
                                 g_variant_new ("(b)", going_to_sleep),
                                 &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (connection, NULL, &error);
  g_assert_no_error (error);
}

static GDBusConnection *
connect_to (const char *address)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  connection = g_dbus_connection_new_for_address_sync (address,
                                                       (G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
count_marker (GDBusConnection *connection,
              const char      *sender_name,
              const char      *object_path,
              const char      *interface_name,
              const char      *signal_name,
              GVariant        *parameters,
              gpointer         user_data)
{
  guint *markers = user_data;

  (*markers)++;
}

/* Once a marker sent by the fake logind after its other signals has been
 * dispatched, so have they: one sender, one receiving connection (the
 * shared system bus connection, which the clock uses too), one main
 * context, in order. */
static void
sync_with_clock (GDBusConnection *logind,
                 guint           *markers)
{
  g_autoptr(GError) error = NULL;
  guint expected = *markers + 1;

  g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1",
                                 "io.github.galleykitchen.Galley.Test", "Marker",
                                 NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (logind, NULL, &error);
  g_assert_no_error (error);

  wait_for (markers, expected, 30000);
  g_assert_cmpuint (*markers, ==, expected);
}

static void
resume_in_subprocess (void)
{
  const char *address = g_getenv ("DBUS_SYSTEM_BUS_ADDRESS");
  g_autoptr(GDBusConnection) logind = connect_to (address);
  g_autoptr(GDBusConnection) impostor = connect_to (address);
  g_autoptr(GDBusConnection) system_bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GalleyClock *clock;
  guint changed = 0;
  guint markers = 0;
  guint marker_subscription;
  guint32 result;

  /* A fake logind. */
  reply = g_dbus_connection_call_sync (logind, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);

  clock = galley_clock_get_system ();
  g_signal_connect (clock, "changed", G_CALLBACK (count_changed), &changed);

  system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
  marker_subscription =
    g_dbus_connection_signal_subscribe (system_bus, NULL,
                                        "io.github.galleykitchen.Galley.Test", "Marker",
                                        NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        count_marker, &markers, NULL);

  /* The clock subscribes asynchronously: resume until it has noticed. */
  for (guint i = 0; i < 3000 && changed == 0; i++)
    {
      emit_prepare_for_sleep (logind, FALSE);
      wait_for (&changed, 1, 10);
    }
  g_assert_cmpuint (changed, >=, 1);

  /* Count afresh once the resumes still on their way have arrived. */
  sync_with_clock (logind, &markers);
  changed = 0;

  /* Going to sleep does not move the clocks yet. */
  emit_prepare_for_sleep (logind, TRUE);
  sync_with_clock (logind, &markers);
  g_assert_cmpuint (changed, ==, 0);

  /* Only logind is believed. */
  emit_prepare_for_sleep (impostor, FALSE);
  wait_for (&changed, 1, 200);
  sync_with_clock (logind, &markers);
  g_assert_cmpuint (changed, ==, 0);

  /* One resume, one "changed". */
  emit_prepare_for_sleep (logind, FALSE);
  sync_with_clock (logind, &markers);
  g_assert_cmpuint (changed, ==, 1);

  emit_prepare_for_sleep (logind, TRUE);
  emit_prepare_for_sleep (logind, FALSE);
  sync_with_clock (logind, &markers);
  g_assert_cmpuint (changed, ==, 2);

  g_dbus_connection_signal_unsubscribe (system_bus, marker_subscription);
  g_signal_handlers_disconnect_by_func (clock, count_changed, &changed);
}

static void
test_system_clock_resume (void)
{
  g_autofree char *dbus_daemon = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      resume_in_subprocess ();
      return;
    }

  dbus_daemon = g_find_program_in_path ("dbus-daemon");
  if (dbus_daemon == NULL)
    {
      g_test_skip ("dbus-daemon is not installed");
      return;
    }

  /* A private bus stands in for the system bus (which tests have not). */
  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             dbus_daemon, "--session", "--nofork", "--nopidfile",
                             "--print-address=1", NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", address, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("DBUS_SYSTEM_BUS_ADDRESS");

  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);

  g_test_trap_assert_passed ();
}

static void
test_test_clock_initial (void)
{
  g_autoptr(GalleyTestClock) clock = galley_test_clock_new (WALL_MS);

  g_assert_cmpint (galley_clock_get_wall_ms (GALLEY_CLOCK (clock)), ==, WALL_MS);
  g_assert_cmpint (galley_clock_get_monotonic_us (GALLEY_CLOCK (clock)), >, 0);

  /* Time stands still until the test moves it. */
  g_usleep (2000);
  g_assert_cmpint (galley_clock_get_wall_ms (GALLEY_CLOCK (clock)), ==, WALL_MS);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_test_clock_moves (void)
{
  static const struct {
    const char *what;
    void (*move) (GalleyTestClock *clock, gint64 ms);
    gint64 ms;
    gint64 wall_delta_ms;
    gint64 monotonic_delta_us;
  } cases[] = {
    { "advance", galley_test_clock_advance, 90000, 90000, 90000000 },
    { "advance by nothing", galley_test_clock_advance, 0, 0, 0 },
    { "clock set forward", galley_test_clock_jump_wall, 3600000, 3600000, 0 },
    { "clock set back", galley_test_clock_jump_wall, -3600000, -3600000, 0 },
    { "suspend", galley_test_clock_suspend, 7200000, 7200000, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GalleyTestClock) clock = galley_test_clock_new (WALL_MS);
      GalleyClock *base = GALLEY_CLOCK (clock);
      gint64 mono_before = galley_clock_get_monotonic_us (base);
      guint changed = 0;

      g_test_message ("%s by %" G_GINT64_FORMAT " ms", cases[i].what, cases[i].ms);

      g_signal_connect (clock, "changed", G_CALLBACK (count_changed), &changed);
      cases[i].move (clock, cases[i].ms);

      g_assert_cmpint (galley_clock_get_wall_ms (base), ==, WALL_MS + cases[i].wall_delta_ms);
      g_assert_cmpint (galley_clock_get_monotonic_us (base), ==,
                       mono_before + cases[i].monotonic_delta_us);
      g_assert_cmpuint (changed, ==, 1);

      g_assert_finalize_object (g_steal_pointer (&clock));
    }
}

static void
test_test_clock_sequence (void)
{
  g_autoptr(GalleyTestClock) clock = galley_test_clock_new (WALL_MS);
  GalleyClock *base = GALLEY_CLOCK (clock);
  gint64 mono0 = galley_clock_get_monotonic_us (base);
  guint changed = 0;

  g_signal_connect (clock, "changed", G_CALLBACK (count_changed), &changed);

  galley_test_clock_advance (clock, 1000);
  galley_test_clock_suspend (clock, 60000);
  galley_test_clock_jump_wall (clock, -500);
  galley_test_clock_advance (clock, 250);

  g_assert_cmpint (galley_clock_get_wall_ms (base), ==, WALL_MS + 1000 + 60000 - 500 + 250);
  g_assert_cmpint (galley_clock_get_monotonic_us (base), ==, mono0 + (1000 + 250) * 1000);
  g_assert_cmpuint (changed, ==, 4);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/clock/system/time", test_system_clock);
  g_test_add_func ("/clock/system/resume", test_system_clock_resume);
  g_test_add_func ("/clock/test-clock/initial", test_test_clock_initial);
  g_test_add_func ("/clock/test-clock/moves", test_test_clock_moves);
  g_test_add_func ("/clock/test-clock/sequence", test_test_clock_sequence);

  return g_test_run ();
}
