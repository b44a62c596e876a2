/* galley-clock.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-clock"

#include <gio/gio.h>

#ifdef __linux__
# include <errno.h>
# include <glib-unix.h>
# include <sys/timerfd.h>
# include <unistd.h>
#endif

#include "galley-clock.h"

/* Everything that needs "now" asks a GalleyClock instead of calling
 * g_get_real_time() or g_get_monotonic_time() itself, so the tests can
 * drive time by hand (GalleyTestClock) and the timers can be tested for
 * suspend, wall-clock jumps and hour-long countdowns in milliseconds. */

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE (GalleyClock, galley_clock, G_TYPE_OBJECT)

static void
galley_clock_class_init (GalleyClockClass *klass)
{
  /**
   * GalleyClock::changed:
   *
   * The clock moved in a way that invalidates deadlines armed on it
   * (resume from suspend, the wall clock was set). Whoever schedules
   * deadlines re-arms them.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
galley_clock_init (GalleyClock *self)
{
}

/**
 * galley_clock_get_wall_ms:
 *
 * Returns: the wall-clock time, in Unix milliseconds
 */
gint64
galley_clock_get_wall_ms (GalleyClock *self)
{
  g_return_val_if_fail (GALLEY_IS_CLOCK (self), 0);
  g_return_val_if_fail (GALLEY_CLOCK_GET_CLASS (self)->get_wall_ms != NULL, 0);

  return GALLEY_CLOCK_GET_CLASS (self)->get_wall_ms (self);
}

/**
 * galley_clock_get_monotonic_us:
 *
 * Returns: the monotonic time in microseconds, on the same clock as
 *   g_get_monotonic_time() for the system clock (so it can be given to
 *   g_source_set_ready_time())
 */
gint64
galley_clock_get_monotonic_us (GalleyClock *self)
{
  g_return_val_if_fail (GALLEY_IS_CLOCK (self), 0);
  g_return_val_if_fail (GALLEY_CLOCK_GET_CLASS (self)->get_monotonic_us != NULL, 0);

  return GALLEY_CLOCK_GET_CLASS (self)->get_monotonic_us (self);
}

/**
 * galley_clock_changed:
 *
 * Emits #GalleyClock::changed.
 */
void
galley_clock_changed (GalleyClock *self)
{
  g_return_if_fail (GALLEY_IS_CLOCK (self));

  g_signal_emit (self, signals[CHANGED], 0);
}


/* The system clock: private, reached only through galley_clock_get_system(). */

#define GALLEY_TYPE_SYSTEM_CLOCK (galley_system_clock_get_type ())

G_DECLARE_FINAL_TYPE (GalleySystemClock, galley_system_clock, GALLEY, SYSTEM_CLOCK, GalleyClock)

struct _GalleySystemClock
{
  GalleyClock parent_instance;

  GDBusConnection *system_bus;
  guint sleep_subscription;
#ifdef __linux__
  int time_set_fd;
  guint time_set_source;
#endif
};

G_DEFINE_FINAL_TYPE (GalleySystemClock, galley_system_clock, GALLEY_TYPE_CLOCK)

static gint64
galley_system_clock_get_wall_ms (GalleyClock *clock)
{
  return g_get_real_time () / 1000;
}

static gint64
galley_system_clock_get_monotonic_us (GalleyClock *clock)
{
  return g_get_monotonic_time ();
}

static void
galley_system_clock_class_init (GalleySystemClockClass *klass)
{
  GalleyClockClass *clock_class = GALLEY_CLOCK_CLASS (klass);

  clock_class->get_wall_ms = galley_system_clock_get_wall_ms;
  clock_class->get_monotonic_us = galley_system_clock_get_monotonic_us;
}

static void
galley_system_clock_init (GalleySystemClock *self)
{
#ifdef __linux__
  self->time_set_fd = -1;
#endif
}

/* CLOCK_MONOTONIC, which g_get_monotonic_time() and
 * g_source_set_ready_time() use, stops while the machine is suspended on
 * Linux. A deadline armed on it before a suspend fires as late as the
 * suspend was long: a 10-minute timer that spans an hour-long suspend
 * would ring 50 minutes late. logind announces the resume with
 * PrepareForSleep(false); "changed" makes the scheduler re-arm its
 * deadline from the wall clock. */
static void
on_prepare_for_sleep (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  GalleySystemClock *self = user_data;
  gboolean going_to_sleep;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);

  if (!going_to_sleep)
    {
      g_debug ("Resumed from suspend");
      galley_clock_changed (GALLEY_CLOCK (self));
    }
}

static void
on_system_bus_ready (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GalleySystemClock *self = user_data;
  g_autoptr(GError) error = NULL;

  self->system_bus = g_bus_get_finish (result, &error);

  /* No system bus (tests, containers, some sandboxes): the clock still
   * works, it just cannot tell about resumes. Not worth a warning. */
  if (self->system_bus == NULL)
    {
      g_debug ("No system bus, suspend will go unnoticed: %s", error->message);
      return;
    }

  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus,
                                        "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager",
                                        "PrepareForSleep",
                                        "/org/freedesktop/login1",
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare_for_sleep,
                                        self, NULL);
}

#ifdef __linux__
static gboolean arm_time_set_watch (GalleySystemClock *self);

/* A deadline armed on the monotonic clock was computed from the wall clock
 * (ends_at is wall time); when the wall clock is set (by hand, or by NTP
 * stepping it) that conversion is stale. A timerfd on CLOCK_REALTIME with
 * TFD_TIMER_CANCEL_ON_SET is woken with ECANCELED by exactly that (and by
 * a resume, which the kernel counts as setting the clock: re-arming twice
 * is harmless). Gradual NTP slewing does not wake it, and needs not. */
static gboolean
on_time_set (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  GalleySystemClock *self = user_data;
  guint64 expirations;

  if (read (fd, &expirations, sizeof expirations) < 0 && errno == ECANCELED)
    {
      g_debug ("The wall clock was set");
      galley_clock_changed (GALLEY_CLOCK (self));
    }

  /* Rearm: a cancelled timerfd is disarmed. */
  if (!arm_time_set_watch (self))
    {
      self->time_set_source = 0;
      close (self->time_set_fd);
      self->time_set_fd = -1;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
arm_time_set_watch (GalleySystemClock *self)
{
  /* The largest time_t: the timer itself never expires, only its
   * cancellation matters. */
  struct itimerspec never = {
    .it_value.tv_sec = (time_t) (((guint64) 1 << (sizeof (time_t) * 8 - 1)) - 1),
  };

  return timerfd_settime (self->time_set_fd,
                          TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                          &never, NULL) == 0;
}

static void
watch_time_set (GalleySystemClock *self)
{
  self->time_set_fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->time_set_fd < 0)
    return;

  if (!arm_time_set_watch (self))
    {
      close (self->time_set_fd);
      self->time_set_fd = -1;
      return;
    }

  self->time_set_source = g_unix_fd_add (self->time_set_fd, G_IO_IN, on_time_set, self);
}
#endif

/**
 * galley_clock_get_system:
 *
 * The process-wide clock of the real world. Its #GalleyClock::changed is
 * emitted in the main context that was the thread-default one of the
 * thread that first called this, which should be the main thread.
 *
 * Returns: (transfer none): the system clock
 */
GalleyClock *
galley_clock_get_system (void)
{
  static GalleyClock *system_clock;

  if (g_once_init_enter (&system_clock))
    {
      GalleySystemClock *self = g_object_new (GALLEY_TYPE_SYSTEM_CLOCK, NULL);

      /* Never blocks: the bus may be slow or missing, and the clock is
       * needed right away. The singleton lives as long as the process, so
       * it is safe to hand it to the callbacks without a reference. */
      g_bus_get (G_BUS_TYPE_SYSTEM, NULL, on_system_bus_ready, self);

#ifdef __linux__
      watch_time_set (self);
#endif

      g_once_init_leave (&system_clock, GALLEY_CLOCK (self));
    }

  return system_clock;
}
