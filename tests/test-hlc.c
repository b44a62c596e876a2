/* test-hlc.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "galley-hlc.h"
#include "galley-test-clock.h"

#define WALL_MS G_GINT64_CONSTANT (1732500000123)
#define DEVICE "5f0c2a9e-1b7d-4c3e-9a8f-0123456789ab"
#define HOUR_MS G_GINT64_CONSTANT (3600000)

typedef struct
{
  GalleyTestClock *clock;
  GalleyHlc *hlc;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->clock = galley_test_clock_new (WALL_MS);
  fixture->hlc = galley_hlc_new (GALLEY_CLOCK (fixture->clock), DEVICE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->hlc));
  g_assert_finalize_object (g_steal_pointer (&fixture->clock));
}

static void
assert_parts (const char *stamp,
              gint64      physical_ms,
              guint       counter)
{
  gint64 parsed_ms = -1;
  guint parsed_counter = G_MAXUINT;
  const char *device = NULL;

  g_assert_true (galley_hlc_parse (stamp, &parsed_ms, &parsed_counter, &device));
  g_assert_cmpint (parsed_ms, ==, physical_ms);
  g_assert_cmpuint (parsed_counter, ==, counter);
  g_assert_cmpstr (device, ==, DEVICE);
}

static void
test_format (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *first = galley_hlc_now (fixture->hlc);
  g_autofree char *second = NULL;
  g_autofree char *later = NULL;

  g_assert_cmpstr (first, ==, "001732500000123-0000-" DEVICE);

  second = galley_hlc_now (fixture->hlc);
  g_assert_cmpstr (second, ==, "001732500000123-0001-" DEVICE);

  /* The physical part follows the clock, and the counter starts over. */
  galley_test_clock_advance (fixture->clock, 877);
  later = galley_hlc_now (fixture->hlc);
  g_assert_cmpstr (later, ==, "001732500001000-0000-" DEVICE);

  g_assert_cmpstr (galley_hlc_get_device_id (fixture->hlc), ==, DEVICE);
}

static void
test_frozen_clock (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *previous = NULL;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *stamp = galley_hlc_now (fixture->hlc);

      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, stamp), <, 0);

      /* Ten thousand events in the same millisecond: the counter counts
       * them, in hex. */
      assert_parts (stamp, WALL_MS, i);

      g_free (previous);
      previous = g_steal_pointer (&stamp);
    }

  g_assert_cmpstr (previous, ==, "001732500000123-270f-" DEVICE);
}

static void
test_counter_overflow (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *previous = NULL;

  /* 0x10000 stamps fill the counter of one millisecond... */
  for (guint i = 0; i <= 0xffff; i++)
    {
      g_free (previous);
      previous = galley_hlc_now (fixture->hlc);
    }
  assert_parts (previous, WALL_MS, 0xffff);

  /* ...and the next one borrows the next millisecond instead of wrapping. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *stamp = galley_hlc_now (fixture->hlc);

      g_assert_cmpint (strcmp (previous, stamp), <, 0);
      assert_parts (stamp, WALL_MS + 1, i);

      g_free (previous);
      previous = g_steal_pointer (&stamp);
    }

  /* Once the clock catches up, the stamps follow it again. */
  galley_test_clock_advance (fixture->clock, 5);
  {
    g_autofree char *stamp = galley_hlc_now (fixture->hlc);

    g_assert_cmpint (strcmp (previous, stamp), <, 0);
    assert_parts (stamp, WALL_MS + 5, 0);
  }
}

static void
test_clock_set_back (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *previous = galley_hlc_now (fixture->hlc);

  galley_test_clock_jump_wall (fixture->clock, -HOUR_MS);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *stamp = galley_hlc_now (fixture->hlc);

      g_assert_cmpint (strcmp (previous, stamp), <, 0);
      /* The physical part never goes back with the clock. */
      assert_parts (stamp, WALL_MS, i + 1);

      g_free (previous);
      previous = g_steal_pointer (&stamp);

      /* Time passes, still behind what was already stamped. */
      galley_test_clock_advance (fixture->clock, 1000);
    }

  /* 1000 s later the clock is still 2600 s behind; once it has caught up
   * (another 2600 s and a bit) the physical part follows it again. */
  galley_test_clock_advance (fixture->clock, 2600 * 1000 + 500);
  {
    g_autofree char *stamp = galley_hlc_now (fixture->hlc);

    g_assert_cmpint (strcmp (previous, stamp), <, 0);
    assert_parts (stamp, WALL_MS + 500, 0);
  }
}

static void
test_observe_future (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *remote = "001732500060000-0005-a11ce000-0000-4000-8000-000000000001";
  g_autofree char *before = galley_hlc_now (fixture->hlc);
  g_autofree char *after = NULL;

  g_assert_true (galley_hlc_observe (fixture->hlc, remote));

  after = galley_hlc_now (fixture->hlc);
  g_assert_cmpint (strcmp (after, remote), >, 0);
  g_assert_cmpint (strcmp (after, before), >, 0);
  /* Received (counter 5 + 1), then a local event (+ 1). */
  assert_parts (after, 1732500060000, 7);

  /* Even a remote with the same physical time and a bigger counter. */
  remote = "001732500060000-00ff-a11ce000-0000-4000-8000-000000000001";
  g_assert_true (galley_hlc_observe (fixture->hlc, remote));
  g_clear_pointer (&after, g_free);
  after = galley_hlc_now (fixture->hlc);
  g_assert_cmpint (strcmp (after, remote), >, 0);
  assert_parts (after, 1732500060000, 0x101);
}

static void
test_observe_past (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* A remote stamp older than our clock does not pull it back. */
  const char *remote = "001732400000000-0042-a11ce000-0000-4000-8000-000000000001";
  g_autofree char *before = galley_hlc_now (fixture->hlc);
  g_autofree char *after = NULL;

  g_assert_true (galley_hlc_observe (fixture->hlc, remote));
  after = galley_hlc_now (fixture->hlc);

  g_assert_cmpint (strcmp (after, before), >, 0);
  assert_parts (after, WALL_MS, 2);
}

static void
test_observe_same_ms (Fixture       *fixture,
                      gconstpointer  user_data)
{
  /* Ten local events in this millisecond, then a remote one of the same
   * millisecond with a smaller counter: our counter must not go back. */
  const char *remote = "001732500000123-0003-a11ce000-0000-4000-8000-000000000001";
  g_autofree char *previous = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_free (previous);
      previous = galley_hlc_now (fixture->hlc);
    }
  assert_parts (previous, WALL_MS, 9);

  g_assert_true (galley_hlc_observe (fixture->hlc, remote));
  after = galley_hlc_now (fixture->hlc);
  g_assert_cmpint (strcmp (after, previous), >, 0);
  g_assert_cmpint (strcmp (after, remote), >, 0);
  assert_parts (after, WALL_MS, 11);
}

static void
test_observe_garbage (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char *garbage[] = {
    "",
    "later",
    "999999999999999-ffff",
    "099999999999999-0000-x y",
    "0999999999999999-0000-device",
  };
  g_autofree char *before = galley_hlc_now (fixture->hlc);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    g_assert_false (galley_hlc_observe (fixture->hlc, garbage[i]));
  g_assert_false (galley_hlc_observe (fixture->hlc, NULL));

  /* Nothing moved: the next stamp is the next one of the same millisecond. */
  after = galley_hlc_now (fixture->hlc);
  assert_parts (after, WALL_MS, 1);
}

static void
test_offset (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *ahead = NULL;
  g_autofree char *behind = NULL;

  /* The server's clock is 5 s ahead of ours. */
  g_assert_cmpint (galley_hlc_get_offset_ms (fixture->hlc), ==, 0);
  galley_hlc_set_offset_ms (fixture->hlc, 5000);
  g_assert_cmpint (galley_hlc_get_offset_ms (fixture->hlc), ==, 5000);
  ahead = galley_hlc_now (fixture->hlc);
  assert_parts (ahead, WALL_MS + 5000, 0);

  /* A new estimate puts it behind: the stamps still do not go back. */
  galley_hlc_set_offset_ms (fixture->hlc, -2000);
  behind = galley_hlc_now (fixture->hlc);
  g_assert_cmpint (strcmp (behind, ahead), >, 0);
  assert_parts (behind, WALL_MS + 5000, 1);
}

static void
test_parse (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char *malformed[] = {
    "",
    "0",
    "001732500000123",
    "001732500000123-0000",
    "001732500000123-0000-",
    "01732500000123-0000-device",       /* 14 digits */
    "0001732500000123-0000-device",     /* 16 digits */
    "00173250000012a-0000-device",
    "+01732500000123-0000-device",
    " 01732500000123-0000-device",
    "001732500000123-000-device",       /* 3 hex digits */
    "001732500000123-00000-device",     /* 5 hex digits */
    "001732500000123-00A0-device",      /* uppercase sorts wrong */
    "001732500000123-00g0-device",
    "001732500000123_0000-device",
    "001732500000123-0000_device",
    "001732500000123--0000-device",
    "001732500000123-0000-dev ice",
    "001732500000123-0000-dévice",
    "001732500000123-0000-device/1",
    "001732500000123-0000-device\n",
  };
  g_autofree char *stamp = galley_hlc_now (fixture->hlc);
  gint64 physical_ms;
  guint counter;
  const char *device = NULL;

  g_assert_true (galley_hlc_parse (stamp, &physical_ms, &counter, &device));
  g_assert_cmpint (physical_ms, ==, WALL_MS);
  g_assert_cmpuint (counter, ==, 0);
  g_assert_cmpstr (device, ==, DEVICE);
  /* The device id points into the text. */
  g_assert_true (device == stamp + strlen ("001732500000123-0000-"));

  /* The out parameters are optional. */
  g_assert_true (galley_hlc_parse (stamp, NULL, NULL, NULL));
  g_assert_true (galley_hlc_parse ("999999999999999-ffff-Z", &physical_ms, &counter, NULL));
  g_assert_cmpint (physical_ms, ==, G_GINT64_CONSTANT (999999999999999));
  g_assert_cmpuint (counter, ==, 0xffff);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_test_message ("%s", malformed[i]);
      g_assert_false (galley_hlc_parse (malformed[i], NULL, NULL, NULL));
    }
  g_assert_false (galley_hlc_parse (NULL, NULL, NULL, NULL));
}

typedef struct
{
  gint64 physical_ms;
  guint counter;
  const char *device;
  char *stamp;
} Sample;

static int
compare_tuples (const Sample *a,
                const Sample *b)
{
  if (a->physical_ms != b->physical_ms)
    return a->physical_ms < b->physical_ms ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;
  return strcmp (a->device, b->device);
}

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

/* Makes the stamp of a sample the way a device would: a clock reading
 * @physical_ms, and enough events in that millisecond to reach @counter. */
static char *
stamp_for (gint64      physical_ms,
           guint       counter,
           const char *device)
{
  g_autoptr(GalleyTestClock) clock = galley_test_clock_new (physical_ms);
  g_autoptr(GalleyHlc) hlc = galley_hlc_new (GALLEY_CLOCK (clock), device);
  char *stamp = NULL;

  if (counter >= 2)
    {
      /* Seeing a remote stamp of that millisecond with counter - 2 puts our
       * counter at counter - 1, the next local event at counter. */
      g_autofree char *remote = g_strdup_printf ("%015" G_GINT64_FORMAT "-%04x-peer",
                                                 physical_ms, counter - 2);

      g_assert_true (galley_hlc_observe (hlc, remote));
      return galley_hlc_now (hlc);
    }

  for (guint i = 0; i <= counter; i++)
    {
      g_free (stamp);
      stamp = galley_hlc_now (hlc);
    }

  return stamp;
}

static void
test_order (void)
{
  static const char *devices[] = {
    "5f0c2a9e-1b7d-4c3e-9a8f-0123456789ab",
    "5f0c2a9e-1b7d-4c3e-9a8f-0123456789ac",
    "05f0c2a9-1b7d-4c3e-9a8f-0123456789ab",
    "f",
    "F",
    "f-1",
    "a",
    "9",
  };
  /* Few enough physical times and counters that ties are frequent, and
   * some far apart (different magnitudes, hex digits past 9). */
  static const gint64 physical_pool[] = {
    1, 9, 10, 1732500000000, 1732500000001, 1732500009999, 999999999999998,
  };
  static const guint counter_pool[] = { 0, 1, 9, 0xa, 0xf, 0x10, 0xff, 0x100, 0xfff, 0xffff };
  Sample samples[200];

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      Sample *s = &samples[i];
      gint64 parsed_ms;
      guint parsed_counter;
      const char *parsed_device;

      if (g_test_rand_bit ())
        s->physical_ms = physical_pool[g_test_rand_int_range (0, G_N_ELEMENTS (physical_pool))];
      else
        s->physical_ms = (gint64) g_test_rand_int_range (0, 1000000) * 1000000000 +
                         g_test_rand_int_range (0, 1000000000);

      if (g_test_rand_bit ())
        s->counter = counter_pool[g_test_rand_int_range (0, G_N_ELEMENTS (counter_pool))];
      else
        s->counter = g_test_rand_int_range (0, 0x10000);

      s->device = devices[g_test_rand_int_range (0, G_N_ELEMENTS (devices))];
      s->stamp = stamp_for (s->physical_ms, s->counter, s->device);

      g_assert_true (galley_hlc_parse (s->stamp, &parsed_ms, &parsed_counter, &parsed_device));
      g_assert_cmpint (parsed_ms, ==, s->physical_ms);
      g_assert_cmpuint (parsed_counter, ==, s->counter);
      g_assert_cmpstr (parsed_device, ==, s->device);
    }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (samples); j++)
        {
          int by_text = sign (strcmp (samples[i].stamp, samples[j].stamp));
          int by_parts = sign (compare_tuples (&samples[i], &samples[j]));

          if (by_text != by_parts)
            g_error ("%s vs %s: text order %d, (physical, counter, device) order %d",
                     samples[i].stamp, samples[j].stamp, by_text, by_parts);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_free (samples[i].stamp);
}

static void
test_invalid_device_id (void)
{
  g_autoptr(GalleyTestClock) clock = galley_test_clock_new (WALL_MS);
  static const char *invalid[] = { "", "a device", "device/1", "dévice" };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_expect_message ("galley-hlc", G_LOG_LEVEL_CRITICAL, "*is_valid_device_id*");
      g_assert_null (galley_hlc_new (GALLEY_CLOCK (clock), invalid[i]));
      g_test_assert_expected_messages ();
    }

  g_assert_finalize_object (g_steal_pointer (&clock));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define add_test(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  add_test ("/hlc/format", test_format);
  add_test ("/hlc/frozen-clock", test_frozen_clock);
  add_test ("/hlc/counter-overflow", test_counter_overflow);
  add_test ("/hlc/clock-set-back", test_clock_set_back);
  add_test ("/hlc/observe/future", test_observe_future);
  add_test ("/hlc/observe/past", test_observe_past);
  add_test ("/hlc/observe/same-ms", test_observe_same_ms);
  add_test ("/hlc/observe/garbage", test_observe_garbage);
  add_test ("/hlc/offset", test_offset);
  add_test ("/hlc/parse", test_parse);
  g_test_add_func ("/hlc/order", test_order);
  g_test_add_func ("/hlc/invalid-device-id", test_invalid_device_id);

#undef add_test

  return g_test_run ();
}
