/* galley-test-clock.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-test-clock"

#include "galley-test-clock.h"

/* A clock moved by hand, for tests: time stands still until the test moves
 * it, and it can do what real clocks do to timers (be set back, stop the
 * monotonic clock during a suspend). */
struct _GalleyTestClock
{
  GalleyClock parent_instance;

  gint64 wall_ms;
  gint64 monotonic_us;
};

G_DEFINE_FINAL_TYPE (GalleyTestClock, galley_test_clock, GALLEY_TYPE_CLOCK)

/* Far from zero, so that a confusion between the wall and monotonic clocks,
 * or a deadline computed as an offset from 0, shows up in tests. */
#define INITIAL_MONOTONIC_US G_GINT64_CONSTANT (1000000000)

static gint64
galley_test_clock_get_wall_ms (GalleyClock *clock)
{
  return GALLEY_TEST_CLOCK (clock)->wall_ms;
}

static gint64
galley_test_clock_get_monotonic_us (GalleyClock *clock)
{
  return GALLEY_TEST_CLOCK (clock)->monotonic_us;
}

static void
galley_test_clock_class_init (GalleyTestClockClass *klass)
{
  GalleyClockClass *clock_class = GALLEY_CLOCK_CLASS (klass);

  clock_class->get_wall_ms = galley_test_clock_get_wall_ms;
  clock_class->get_monotonic_us = galley_test_clock_get_monotonic_us;
}

static void
galley_test_clock_init (GalleyTestClock *self)
{
  self->monotonic_us = INITIAL_MONOTONIC_US;
}

/**
 * galley_test_clock_new:
 * @wall_ms: the initial wall-clock time, in Unix milliseconds
 *
 * Returns: (transfer full): a clock that only moves when told to
 */
GalleyTestClock *
galley_test_clock_new (gint64 wall_ms)
{
  GalleyTestClock *self = g_object_new (GALLEY_TYPE_TEST_CLOCK, NULL);

  self->wall_ms = wall_ms;

  return self;
}

/**
 * galley_test_clock_advance:
 * @ms: how long passes, >= 0
 *
 * Time passes normally: both clocks move by @ms. Emits
 * #GalleyClock::changed.
 */
void
galley_test_clock_advance (GalleyTestClock *self,
                           gint64           ms)
{
  g_return_if_fail (GALLEY_IS_TEST_CLOCK (self));
  /* A monotonic clock never goes back. */
  g_return_if_fail (ms >= 0);

  self->wall_ms += ms;
  self->monotonic_us += ms * 1000;

  galley_clock_changed (GALLEY_CLOCK (self));
}

/**
 * galley_test_clock_jump_wall:
 * @ms: how far the wall clock is set, negative to set it back
 *
 * The wall clock is set (by hand, by NTP): only it moves. Emits
 * #GalleyClock::changed.
 */
void
galley_test_clock_jump_wall (GalleyTestClock *self,
                             gint64           ms)
{
  g_return_if_fail (GALLEY_IS_TEST_CLOCK (self));

  self->wall_ms += ms;

  galley_clock_changed (GALLEY_CLOCK (self));
}

/**
 * galley_test_clock_suspend:
 * @ms: how long the machine sleeps, >= 0
 *
 * What Linux does during a suspend: the wall clock moves on, the monotonic
 * clock (CLOCK_MONOTONIC) stands still. Emits #GalleyClock::changed, as the
 * system clock does on resume.
 */
void
galley_test_clock_suspend (GalleyTestClock *self,
                           gint64           ms)
{
  g_return_if_fail (GALLEY_IS_TEST_CLOCK (self));
  g_return_if_fail (ms >= 0);

  self->wall_ms += ms;

  galley_clock_changed (GALLEY_CLOCK (self));
}
