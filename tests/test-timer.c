/* test-timer.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "galley-hlc.h"
#include "galley-test-clock.h"
#include "galley-timer.h"

#define T0 G_GINT64_CONSTANT (1732500000000)
#define SECOND G_GINT64_CONSTANT (1000)
#define MINUTE (60 * SECOND)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
#define DEVICE "5f0c2a9e-1b7d-4c3e-9a8f-0123456789ab"
#define RECIPE "0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c"
#define TIMER_ID RECIPE "/0.2.0"

typedef struct
{
  GalleyTestClock *clock;
  GalleyHlc *hlc;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->clock = galley_test_clock_new (T0);
  fixture->hlc = galley_hlc_new (GALLEY_CLOCK (fixture->clock), DEVICE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->hlc));
  g_assert_finalize_object (g_steal_pointer (&fixture->clock));
}

/* Counts "notify" emissions per property. */
static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GHashTable *counts)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer)pspec->name, GUINT_TO_POINTER (count + 1));
}

static GHashTable *
watch_notify (GalleyTimer *timer)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (timer, "notify", G_CALLBACK (count_notify), counts);

  return counts;
}

static guint
notified (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static guint
notified_total (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

typedef struct
{
  GalleyTimerStatus status;
  gint64 duration_ms;
  gint64 ends_at;
  gint64 remaining_ms;
  char *updated;
} Snapshot;

static void
snapshot_take (Snapshot    *snapshot,
               GalleyTimer *timer)
{
  snapshot->status = galley_timer_get_status (timer);
  snapshot->duration_ms = galley_timer_get_duration_ms (timer);
  snapshot->ends_at = galley_timer_get_ends_at (timer);
  snapshot->remaining_ms = galley_timer_get_remaining_ms (timer);
  snapshot->updated = g_strdup (galley_timer_get_updated (timer));
}

static void
assert_unchanged (GalleyTimer    *timer,
                  const Snapshot *before)
{
  g_assert_cmpint (galley_timer_get_status (timer), ==, before->status);
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, before->duration_ms);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, before->ends_at);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, before->remaining_ms);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, before->updated);
}

/* The states a timer can be found in, each at T0: a 10-minute timer. */
typedef enum
{
  STATE_IDLE,
  STATE_RUNNING,   /* 6 minutes left */
  STATE_DUE,       /* running, deadline exactly now */
  STATE_RINGING,   /* running, deadline 2 minutes ago */
  STATE_PAUSED,    /* 7 minutes left */
} State;

static const char *state_names[] = { "idle", "running", "due", "ringing", "paused" };

static GalleyTimer *
timer_in_state (GalleyHlc *hlc,
                State      state)
{
  GalleyTimer *timer = galley_timer_new (TIMER_ID, 10 * MINUTE);
  g_autofree char *s1 = galley_hlc_now (hlc);
  g_autofree char *s2 = galley_hlc_now (hlc);

  switch (state)
    {
    case STATE_IDLE:
      break;
    case STATE_RUNNING:
      g_assert_true (galley_timer_start (timer, T0 - 4 * MINUTE, s1));
      break;
    case STATE_DUE:
      g_assert_true (galley_timer_start (timer, T0 - 10 * MINUTE, s1));
      break;
    case STATE_RINGING:
      g_assert_true (galley_timer_start (timer, T0 - 12 * MINUTE, s1));
      break;
    case STATE_PAUSED:
      g_assert_true (galley_timer_start (timer, T0 - 4 * MINUTE, s1));
      g_assert_true (galley_timer_pause (timer, T0 - 1 * MINUTE, s2));
      break;
    default:
      g_assert_not_reached ();
    }

  return timer;
}

typedef enum
{
  ACTION_START,
  ACTION_PAUSE,
  ACTION_RESUME,
  ACTION_RESET,
  ACTION_ADD_MINUTE,
  ACTION_DISMISS,
  ACTION_SET_DURATION,
} Action;

static const char *action_names[] = {
  "start", "pause", "resume", "reset", "+1 minute", "dismiss", "set duration to 15 minutes",
};

static gboolean
perform (GalleyTimer *timer,
         Action       action,
         gint64       now_ms,
         const char  *updated)
{
  switch (action)
    {
    case ACTION_START:
      return galley_timer_start (timer, now_ms, updated);
    case ACTION_PAUSE:
      return galley_timer_pause (timer, now_ms, updated);
    case ACTION_RESUME:
      return galley_timer_resume (timer, now_ms, updated);
    case ACTION_RESET:
      return galley_timer_reset (timer, updated);
    case ACTION_ADD_MINUTE:
      return galley_timer_add (timer, MINUTE, now_ms, updated);
    case ACTION_DISMISS:
      return galley_timer_dismiss (timer, now_ms, updated);
    case ACTION_SET_DURATION:
      return galley_timer_set_duration (timer, 15 * MINUTE, updated);
    default:
      g_assert_not_reached ();
    }
}

#define REFUSED FALSE, 0, 0, 0, 0
#define IDLE GALLEY_TIMER_STATUS_IDLE
#define RUNNING GALLEY_TIMER_STATUS_RUNNING
#define PAUSED GALLEY_TIMER_STATUS_PAUSED

static void
test_transitions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const struct {
    State state;
    Action action;
    gboolean changed;
    GalleyTimerStatus status;
    gint64 duration_ms;
    gint64 ends_at;        /* relative to T0, or 0 */
    gint64 remaining_ms;
  } cases[] = {
    { STATE_IDLE, ACTION_START, TRUE, RUNNING, 10 * MINUTE, T0 + 10 * MINUTE, 0 },
    { STATE_IDLE, ACTION_PAUSE, REFUSED },
    { STATE_IDLE, ACTION_RESUME, REFUSED },
    { STATE_IDLE, ACTION_RESET, REFUSED },
    { STATE_IDLE, ACTION_ADD_MINUTE, REFUSED },
    { STATE_IDLE, ACTION_DISMISS, REFUSED },
    { STATE_IDLE, ACTION_SET_DURATION, TRUE, IDLE, 15 * MINUTE, 0, 0 },

    { STATE_RUNNING, ACTION_START, REFUSED },
    { STATE_RUNNING, ACTION_PAUSE, TRUE, PAUSED, 10 * MINUTE, 0, 6 * MINUTE },
    { STATE_RUNNING, ACTION_RESUME, REFUSED },
    { STATE_RUNNING, ACTION_RESET, TRUE, IDLE, 10 * MINUTE, 0, 0 },
    { STATE_RUNNING, ACTION_ADD_MINUTE, TRUE, RUNNING, 10 * MINUTE, T0 + 7 * MINUTE, 0 },
    { STATE_RUNNING, ACTION_DISMISS, REFUSED },
    { STATE_RUNNING, ACTION_SET_DURATION, REFUSED },

    /* Ringing at this very millisecond: finished, not pausable. */
    { STATE_DUE, ACTION_START, REFUSED },
    { STATE_DUE, ACTION_PAUSE, REFUSED },
    { STATE_DUE, ACTION_RESUME, REFUSED },
    { STATE_DUE, ACTION_RESET, TRUE, IDLE, 10 * MINUTE, 0, 0 },
    { STATE_DUE, ACTION_ADD_MINUTE, TRUE, RUNNING, 10 * MINUTE, T0 + MINUTE, 0 },
    { STATE_DUE, ACTION_DISMISS, TRUE, IDLE, 10 * MINUTE, 0, 0 },
    { STATE_DUE, ACTION_SET_DURATION, REFUSED },

    { STATE_RINGING, ACTION_START, REFUSED },
    { STATE_RINGING, ACTION_PAUSE, REFUSED },
    { STATE_RINGING, ACTION_RESUME, REFUSED },
    { STATE_RINGING, ACTION_RESET, TRUE, IDLE, 10 * MINUTE, 0, 0 },
    /* One more minute from now, not from the deadline 2 minutes ago. */
    { STATE_RINGING, ACTION_ADD_MINUTE, TRUE, RUNNING, 10 * MINUTE, T0 + MINUTE, 0 },
    { STATE_RINGING, ACTION_DISMISS, TRUE, IDLE, 10 * MINUTE, 0, 0 },
    { STATE_RINGING, ACTION_SET_DURATION, REFUSED },

    { STATE_PAUSED, ACTION_START, REFUSED },
    { STATE_PAUSED, ACTION_PAUSE, REFUSED },
    { STATE_PAUSED, ACTION_RESUME, TRUE, RUNNING, 10 * MINUTE, T0 + 7 * MINUTE, 0 },
    { STATE_PAUSED, ACTION_RESET, TRUE, IDLE, 10 * MINUTE, 0, 0 },
    { STATE_PAUSED, ACTION_ADD_MINUTE, TRUE, PAUSED, 10 * MINUTE, 0, 8 * MINUTE },
    { STATE_PAUSED, ACTION_DISMISS, REFUSED },
    { STATE_PAUSED, ACTION_SET_DURATION, REFUSED },
  };
  static const char *run_state_properties[] = { "status", "duration-ms", "ends-at", "remaining-ms" };
  gboolean seen[5][7] = { { FALSE } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GalleyTimer *timer = timer_in_state (fixture->hlc, cases[i].state);
      g_autofree char *stamp = galley_hlc_now (fixture->hlc);
      g_autoptr(GHashTable) counts = NULL;
      Snapshot before;

      g_test_message ("%s timer: %s", state_names[cases[i].state], action_names[cases[i].action]);
      seen[cases[i].state][cases[i].action] = TRUE;

      snapshot_take (&before, timer);
      counts = watch_notify (timer);

      g_assert_cmpint (perform (timer, cases[i].action, T0, stamp), ==, cases[i].changed);

      if (!cases[i].changed)
        {
          assert_unchanged (timer, &before);
          g_assert_cmpuint (notified_total (counts), ==, 0);
        }
      else
        {
          gint64 after[] = {
            galley_timer_get_status (timer),
            galley_timer_get_duration_ms (timer),
            galley_timer_get_ends_at (timer),
            galley_timer_get_remaining_ms (timer),
          };
          gint64 previous[] = {
            before.status, before.duration_ms, before.ends_at, before.remaining_ms,
          };

          g_assert_cmpint (galley_timer_get_status (timer), ==, cases[i].status);
          g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, cases[i].duration_ms);
          g_assert_cmpint (galley_timer_get_ends_at (timer), ==, cases[i].ends_at);
          g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, cases[i].remaining_ms);
          g_assert_cmpstr (galley_timer_get_updated (timer), ==, stamp);

          /* One notification per property that really changed, none for
           * the others. */
          for (guint p = 0; p < G_N_ELEMENTS (run_state_properties); p++)
            g_assert_cmpuint (notified (counts, run_state_properties[p]), ==,
                              after[p] != previous[p] ? 1 : 0);
          g_assert_cmpuint (notified (counts, "updated"), ==, 1);
          g_assert_cmpuint (notified (counts, "label"), ==, 0);
          g_assert_cmpuint (notified (counts, "id"), ==, 0);

          /* The same action again a second later (a double click, a
           * replayed message) is refused: never a second start, a second
           * dismiss. */
          if (cases[i].action == ACTION_START || cases[i].action == ACTION_DISMISS ||
              cases[i].action == ACTION_RESET || cases[i].action == ACTION_PAUSE ||
              cases[i].action == ACTION_RESUME || cases[i].action == ACTION_SET_DURATION)
            {
              g_autofree char *again = galley_hlc_now (fixture->hlc);
              Snapshot middle;

              snapshot_take (&middle, timer);
              g_hash_table_remove_all (counts);
              g_assert_false (perform (timer, cases[i].action, T0 + SECOND, again));
              assert_unchanged (timer, &middle);
              g_assert_cmpuint (notified_total (counts), ==, 0);
              g_free (middle.updated);
            }
        }

      g_free (before.updated);
      g_signal_handlers_disconnect_by_func (timer, count_notify, counts);
      g_assert_finalize_object (timer);
    }

  /* The table covers every (state, action) pair. */
  for (guint s = 0; s < G_N_ELEMENTS (seen); s++)
    for (guint a = 0; a < G_N_ELEMENTS (seen[s]); a++)
      g_assert_true (seen[s][a]);
}

static void
test_derived (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 10 * MINUTE);
  g_autofree char *s1 = galley_hlc_now (fixture->hlc);
  g_autofree char *s2 = galley_hlc_now (fixture->hlc);
  g_autofree char *s3 = galley_hlc_now (fixture->hlc);

  /* Idle: the whole duration, whatever the time. */
  g_assert_false (galley_timer_is_active (timer));
  g_assert_cmpint (galley_timer_remaining_at (timer, T0), ==, 10 * MINUTE);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + DAY), ==, 10 * MINUTE);
  g_assert_false (galley_timer_is_finished_at (timer, T0 + DAY));
  g_assert_null (galley_timer_get_updated (timer));

  /* Running: counts down with the clock, rings at the deadline, and then
   * tells how long it has been ringing. */
  g_assert_true (galley_timer_start (timer, T0, s1));
  g_assert_true (galley_timer_is_active (timer));
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 10 * MINUTE);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 0);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0), ==, 10 * MINUTE);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + 3 * MINUTE + 500), ==, 7 * MINUTE - 500);
  g_assert_false (galley_timer_is_finished_at (timer, T0 + 10 * MINUTE - 1));
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + 10 * MINUTE), ==, 0);
  g_assert_true (galley_timer_is_finished_at (timer, T0 + 10 * MINUTE));
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + 11 * MINUTE), ==, -MINUTE);
  g_assert_true (galley_timer_is_finished_at (timer, T0 + 11 * MINUTE));
  g_assert_true (galley_timer_is_active (timer));

  /* Paused: frozen, whatever the time. */
  g_assert_true (galley_timer_pause (timer, T0 + 4 * MINUTE, s2));
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, 0);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 6 * MINUTE);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + 4 * MINUTE), ==, 6 * MINUTE);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + DAY), ==, 6 * MINUTE);
  g_assert_false (galley_timer_is_finished_at (timer, T0 + DAY));
  g_assert_true (galley_timer_is_active (timer));

  /* Resumed an hour later: the 6 minutes start again from then. */
  g_assert_true (galley_timer_resume (timer, T0 + HOUR, s3));
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + HOUR + 6 * MINUTE);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + HOUR + MINUTE), ==, 5 * MINUTE);

  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_add_minute (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 5 * MINUTE);
  g_autofree char *s1 = galley_hlc_now (fixture->hlc);
  g_autofree char *s2 = galley_hlc_now (fixture->hlc);
  g_autofree char *s3 = galley_hlc_now (fixture->hlc);
  g_autofree char *s4 = galley_hlc_now (fixture->hlc);
  g_autofree char *s5 = galley_hlc_now (fixture->hlc);
  gint64 rang_at = T0 + 5 * MINUTE;
  gint64 now;

  g_assert_true (galley_timer_start (timer, T0, s1));

  /* Running: a minute more on the deadline. */
  g_assert_true (galley_timer_add (timer, MINUTE, T0 + MINUTE, s2));
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 6 * MINUTE);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0 + MINUTE), ==, 5 * MINUTE);
  rang_at = T0 + 6 * MINUTE;

  /* The timer rang and nobody was there for an hour: "+1 minute" gives one
   * more minute from now, not a deadline still an hour in the past. */
  now = rang_at + HOUR;
  g_assert_true (galley_timer_is_finished_at (timer, now));
  g_assert_true (galley_timer_add (timer, MINUTE, now, s3));
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, now + 60 * SECOND);
  g_assert_false (galley_timer_is_finished_at (timer, now));
  g_assert_cmpint (galley_timer_remaining_at (timer, now), ==, 60 * SECOND);
  g_assert_false (galley_timer_is_finished_at (timer, now + 59 * SECOND));
  g_assert_true (galley_timer_is_finished_at (timer, now + 60 * SECOND));
  /* The duration is the timer's length, not changed by adding time. */
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, 5 * MINUTE);

  /* Paused: a minute more on what is left. */
  g_assert_true (galley_timer_pause (timer, now + 20 * SECOND, s4));
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 40 * SECOND);
  g_assert_true (galley_timer_add (timer, MINUTE, now + HOUR, s5));
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 100 * SECOND);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_range (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* "Roast for 40–45 minutes": the timer starts at the minimum... */
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 40 * MINUTE);
  g_autofree char *s1 = galley_hlc_now (fixture->hlc);
  g_autofree char *s2 = galley_hlc_now (fixture->hlc);
  g_autofree char *s3 = galley_hlc_now (fixture->hlc);
  g_autofree char *s4 = galley_hlc_now (fixture->hlc);
  g_autofree char *s5 = galley_hlc_now (fixture->hlc);
  g_autofree char *s6 = galley_hlc_now (fixture->hlc);

  /* ...and the user picks the maximum before starting it. */
  g_assert_true (galley_timer_set_duration (timer, 45 * MINUTE, s1));
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, 45 * MINUTE);
  g_assert_cmpint (galley_timer_remaining_at (timer, T0), ==, 45 * MINUTE);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, s1);

  /* Picking the same again is not a change. */
  g_assert_false (galley_timer_set_duration (timer, 45 * MINUTE, s2));
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, s1);

  g_assert_true (galley_timer_start (timer, T0, s3));
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 45 * MINUTE);

  /* Too late to change the length of a running timer. */
  g_assert_false (galley_timer_set_duration (timer, 40 * MINUTE, s4));
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, 45 * MINUTE);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 45 * MINUTE);

  /* Once reset it can be changed again. */
  g_assert_true (galley_timer_reset (timer, s5));
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, 45 * MINUTE);
  g_assert_true (galley_timer_set_duration (timer, 40 * MINUTE, s6));
  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, 40 * MINUTE);

  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_invalid_durations (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 7 * DAY);
  g_autofree char *s1 = galley_hlc_now (fixture->hlc);
  g_autofree char *s2 = galley_hlc_now (fixture->hlc);
  static const gint64 invalid[] = { 0, -MINUTE, 7 * DAY + 1 };

  /* A week is the longest timer. */
  g_assert_nonnull (timer);
  g_assert_true (galley_timer_set_duration (timer, MINUTE, s1));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_expect_message ("galley-timer", G_LOG_LEVEL_CRITICAL, "*is_valid_duration*");
      g_assert_null (galley_timer_new (TIMER_ID, invalid[i]));
      g_test_assert_expected_messages ();

      g_test_expect_message ("galley-timer", G_LOG_LEVEL_CRITICAL, "*is_valid_duration*");
      g_assert_false (galley_timer_set_duration (timer, invalid[i], s2));
      g_test_assert_expected_messages ();
    }

  g_assert_true (galley_timer_start (timer, T0, s2));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *stamp = galley_hlc_now (fixture->hlc);

      g_test_expect_message ("galley-timer", G_LOG_LEVEL_CRITICAL, "*is_valid_duration*");
      g_assert_false (galley_timer_add (timer, invalid[i], T0, stamp));
      g_test_assert_expected_messages ();
    }

  g_assert_cmpint (galley_timer_get_duration_ms (timer), ==, MINUTE);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + MINUTE);
  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_stale_stamp (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 10 * MINUTE);
  g_autofree char *older = galley_hlc_now (fixture->hlc);
  g_autofree char *newer = galley_hlc_now (fixture->hlc);

  g_assert_true (galley_timer_start (timer, T0, newer));

  /* A change stamped older than the state it replaces would lose against
   * that state on every other device: a bug of the caller's HLC. */
  g_test_expect_message ("galley-timer", G_LOG_LEVEL_CRITICAL, "*is_newer*");
  g_assert_false (galley_timer_pause (timer, T0 + MINUTE, older));
  g_test_assert_expected_messages ();

  g_test_expect_message ("galley-timer", G_LOG_LEVEL_CRITICAL, "*is_newer*");
  g_assert_false (galley_timer_reset (timer, newer));
  g_test_assert_expected_messages ();

  g_test_expect_message ("galley-timer", G_LOG_LEVEL_CRITICAL, "*galley_hlc_parse*");
  g_assert_false (galley_timer_reset (timer, "tomorrow"));
  g_test_assert_expected_messages ();

  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, newer);

  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_apply_state (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 10 * MINUTE);
  g_autoptr(GHashTable) counts = watch_notify (timer);
  const char *s1 = "001732500000000-0000-" DEVICE;
  const char *s2 = "001732500001000-0000-a11ce000-0000-4000-8000-000000000001";
  const char *s3 = "001732500002000-0003-" DEVICE;
  const char *s0 = "001732499999999-ffff-ffffffff-ffff-4fff-bfff-ffffffffffff";

  /* Never changed: older than any change. */
  g_assert_true (galley_timer_apply_state (timer, GALLEY_TIMER_STATUS_RUNNING, 10 * MINUTE,
                                           T0 + 10 * MINUTE, 0, s1));
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 10 * MINUTE);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, s1);
  g_assert_cmpuint (notified (counts, "status"), ==, 1);
  g_assert_cmpuint (notified (counts, "ends-at"), ==, 1);
  g_assert_cmpuint (notified (counts, "duration-ms"), ==, 0);
  g_assert_cmpuint (notified (counts, "remaining-ms"), ==, 0);
  g_assert_cmpuint (notified (counts, "updated"), ==, 1);

  /* Newer wins: another device paused it. */
  g_hash_table_remove_all (counts);
  g_assert_true (galley_timer_apply_state (timer, GALLEY_TIMER_STATUS_PAUSED, 10 * MINUTE,
                                           0, 9 * MINUTE, s2));
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, 0);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 9 * MINUTE);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, s2);
  g_assert_cmpuint (notified_total (counts), ==, 4);

  /* The same message again (a replay, a reconnect): nothing happens. */
  g_hash_table_remove_all (counts);
  g_assert_false (galley_timer_apply_state (timer, GALLEY_TIMER_STATUS_PAUSED, 10 * MINUTE,
                                            0, 9 * MINUTE, s2));
  g_assert_cmpuint (notified_total (counts), ==, 0);

  /* An older state, arriving late, is ignored. */
  g_assert_false (galley_timer_apply_state (timer, GALLEY_TIMER_STATUS_IDLE, 10 * MINUTE,
                                            0, 0, s1));
  g_assert_false (galley_timer_apply_state (timer, GALLEY_TIMER_STATUS_IDLE, 10 * MINUTE,
                                            0, 0, s0));
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, s2);
  g_assert_cmpuint (notified_total (counts), ==, 0);

  /* A newer stamp on the same state: only the stamp changes. */
  g_assert_true (galley_timer_apply_state (timer, GALLEY_TIMER_STATUS_PAUSED, 10 * MINUTE,
                                           0, 9 * MINUTE, s3));
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, s3);
  g_assert_cmpuint (notified (counts, "updated"), ==, 1);
  g_assert_cmpuint (notified_total (counts), ==, 1);

  g_signal_handlers_disconnect_by_func (timer, count_notify, counts);
  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_apply_state_ties (void)
{
  /* Two devices changed the timer in the same millisecond with the same
   * counter: the stamps still differ by device id, and every device,
   * whatever order the changes arrive in, keeps the same one. */
  const char *by_a = "001732500000123-0000-0a000000-0000-4000-8000-000000000000";
  const char *by_b = "001732500000123-0000-0b000000-0000-4000-8000-000000000000";
  gint64 physical_a, physical_b;
  guint counter_a, counter_b;
  g_autoptr(GalleyTimer) first = galley_timer_new (TIMER_ID, 10 * MINUTE);
  g_autoptr(GalleyTimer) second = galley_timer_new (TIMER_ID, 10 * MINUTE);

  g_assert_true (galley_hlc_parse (by_a, &physical_a, &counter_a, NULL));
  g_assert_true (galley_hlc_parse (by_b, &physical_b, &counter_b, NULL));
  g_assert_cmpint (physical_a, ==, physical_b);
  g_assert_cmpuint (counter_a, ==, counter_b);
  g_assert_cmpint (strcmp (by_a, by_b), <, 0);

  /* a (pause) then b (reset)... */
  g_assert_true (galley_timer_apply_state (first, GALLEY_TIMER_STATUS_PAUSED, 10 * MINUTE,
                                           0, 5 * MINUTE, by_a));
  g_assert_true (galley_timer_apply_state (first, GALLEY_TIMER_STATUS_IDLE, 10 * MINUTE,
                                           0, 0, by_b));
  /* ...or b then a. */
  g_assert_true (galley_timer_apply_state (second, GALLEY_TIMER_STATUS_IDLE, 10 * MINUTE,
                                           0, 0, by_b));
  g_assert_false (galley_timer_apply_state (second, GALLEY_TIMER_STATUS_PAUSED, 10 * MINUTE,
                                            0, 5 * MINUTE, by_a));

  g_assert_cmpint (galley_timer_get_status (first), ==, GALLEY_TIMER_STATUS_IDLE);
  g_assert_cmpint (galley_timer_get_status (second), ==, GALLEY_TIMER_STATUS_IDLE);
  g_assert_cmpint (galley_timer_get_remaining_ms (first), ==, 0);
  g_assert_cmpint (galley_timer_get_remaining_ms (second), ==, 0);
  g_assert_cmpstr (galley_timer_get_updated (first), ==, by_b);
  g_assert_cmpstr (galley_timer_get_updated (second), ==, by_b);

  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&second));
}

static void
test_apply_state_inconsistent (Fixture       *fixture,
                               gconstpointer  user_data)
{
  static const struct {
    const char *what;
    GalleyTimerStatus status;
    gint64 duration_ms;
    gint64 ends_at;
    gint64 remaining_ms;
  } cases[] = {
    { "running without a deadline", RUNNING, 10 * MINUTE, 0, 0 },
    { "running with a negative deadline", RUNNING, 10 * MINUTE, -5, 0 },
    { "running with time left too", RUNNING, 10 * MINUTE, T0, MINUTE },
    { "running past the format's end", RUNNING, 10 * MINUTE, G_MAXINT64, 0 },
    { "paused with nothing left", PAUSED, 10 * MINUTE, 0, 0 },
    { "paused with negative time left", PAUSED, 10 * MINUTE, 0, -MINUTE },
    { "paused with a deadline too", PAUSED, 10 * MINUTE, T0, MINUTE },
    { "idle with a deadline", IDLE, 10 * MINUTE, T0, 0 },
    { "idle with time left", IDLE, 10 * MINUTE, 0, MINUTE },
    { "no duration", IDLE, 0, 0, 0 },
    { "negative duration", RUNNING, -MINUTE, T0, 0 },
    { "longer than a week", RUNNING, 7 * DAY + 1, T0, 0 },
    { "unknown status", 42, 10 * MINUTE, 0, 0 },
  };
  g_autoptr(GalleyTimer) timer = timer_in_state (fixture->hlc, STATE_RUNNING);
  g_autoptr(GHashTable) counts = watch_notify (timer);
  Snapshot before;

  snapshot_take (&before, timer);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stamp = galley_hlc_now (fixture->hlc);

      g_test_message ("%s", cases[i].what);
      g_assert_false (galley_timer_apply_state (timer, cases[i].status, cases[i].duration_ms,
                                                cases[i].ends_at, cases[i].remaining_ms, stamp));
      assert_unchanged (timer, &before);
    }

  /* A consistent state with a stamp that is not one. */
  g_assert_false (galley_timer_apply_state (timer, IDLE, 10 * MINUTE, 0, 0, NULL));
  g_assert_false (galley_timer_apply_state (timer, IDLE, 10 * MINUTE, 0, 0, "zzz"));
  g_assert_false (galley_timer_apply_state (timer, IDLE, 10 * MINUTE, 0, 0,
                                            "999999999999999-FFFF-" DEVICE));
  assert_unchanged (timer, &before);
  g_assert_cmpuint (notified_total (counts), ==, 0);

  g_free (before.updated);
  g_signal_handlers_disconnect_by_func (timer, count_notify, counts);
  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_step_ids (void)
{
  static const struct {
    guint section, step, n;
    const char *expected;
  } round_trips[] = {
    { 0, 0, 0, RECIPE "/0.0.0" },
    { 0, 2, 0, RECIPE "/0.2.0" },
    { 3, 14, 2, RECIPE "/3.14.2" },
    { G_MAXUINT, G_MAXUINT, G_MAXUINT, RECIPE "/4294967295.4294967295.4294967295" },
  };
  static const char *malformed[] = {
    "",
    RECIPE,
    RECIPE "/",
    RECIPE "/1",
    RECIPE "/1.2",
    RECIPE "/1.2.",
    RECIPE "/1.2.3.4",
    RECIPE "/1..3",
    RECIPE "/.1.2",
    RECIPE "/01.2.3",
    RECIPE "/1.2.-3",
    RECIPE "/1.2.+3",
    RECIPE "/1.2.3 ",
    RECIPE "/ 1.2.3",
    RECIPE "/a.b.c",
    RECIPE "/1.2.3/4",
    RECIPE "//1.2.3",
    RECIPE "/4294967296.0.0",
    RECIPE "/99999999999999999999.0.0",
    "/1.2.3",
    "recipe/1.2.3",
    "0b7c6a8e3f1d4e2a9c5b7d8e9f0a1b2c/1.2.3",
    "0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2/1.2.3",
    "kitchen/0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c",
  };

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *id = galley_timer_id_for_step (RECIPE, round_trips[i].section,
                                                      round_trips[i].step, round_trips[i].n);
      g_autofree char *recipe_id = NULL;
      guint section = 1, step = 1, n = 1;

      g_assert_cmpstr (id, ==, round_trips[i].expected);
      g_assert_true (galley_timer_id_parse_step (id, &recipe_id, &section, &step, &n));
      g_assert_cmpstr (recipe_id, ==, RECIPE);
      g_assert_cmpuint (section, ==, round_trips[i].section);
      g_assert_cmpuint (step, ==, round_trips[i].step);
      g_assert_cmpuint (n, ==, round_trips[i].n);
      g_assert_true (galley_timer_id_parse_step (id, NULL, NULL, NULL, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      char *recipe_id = NULL;
      guint section = 7;

      g_test_message ("%s", malformed[i]);
      g_assert_false (galley_timer_id_parse_step (malformed[i], &recipe_id, &section, NULL, NULL));
      /* Nothing is returned from a failed parse. */
      g_assert_null (recipe_id);
      g_assert_cmpuint (section, ==, 7);
    }
  g_assert_false (galley_timer_id_parse_step (NULL, NULL, NULL, NULL, NULL));

  g_test_expect_message ("galley-timer", G_LOG_LEVEL_CRITICAL, "*g_uuid_string_is_valid*");
  g_assert_null (galley_timer_id_for_step ("not a recipe", 0, 0, 0));
  g_test_assert_expected_messages ();
}

static void
test_kitchen_ids (void)
{
  g_autofree char *a = galley_timer_id_for_kitchen ();
  g_autofree char *b = galley_timer_id_for_kitchen ();

  g_assert_true (g_str_has_prefix (a, "kitchen/"));
  g_assert_true (g_uuid_string_is_valid (a + strlen ("kitchen/")));
  g_assert_cmpstr (a, !=, b);
  g_assert_false (galley_timer_id_parse_step (a, NULL, NULL, NULL, NULL));

  {
    g_autoptr(GalleyTimer) timer = galley_timer_new (a, 3 * MINUTE);

    g_assert_cmpstr (galley_timer_get_id (timer), ==, a);
    g_assert_finalize_object (g_steal_pointer (&timer));
  }
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 10 * MINUTE);
  g_autoptr(GHashTable) counts = watch_notify (timer);
  g_autofree char *stamp = galley_hlc_now (fixture->hlc);
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autofree char *updated = NULL;
  GalleyTimerStatus status;
  gint64 duration_ms, ends_at, remaining_ms;

  galley_timer_set_label (timer, "Roast the vegetables");
  galley_timer_set_label (timer, "Roast the vegetables");
  g_assert_cmpuint (notified (counts, "label"), ==, 1);
  g_object_set (timer, "label", "Roast", "detail", "Step 3", NULL);
  g_object_set (timer, "detail", "Step 3", NULL);
  g_assert_cmpuint (notified (counts, "label"), ==, 2);
  g_assert_cmpuint (notified (counts, "detail"), ==, 1);
  g_assert_cmpstr (galley_timer_get_detail (timer), ==, "Step 3");
  galley_timer_set_detail (timer, NULL);
  g_assert_null (galley_timer_get_detail (timer));
  g_assert_cmpuint (notified (counts, "detail"), ==, 2);

  g_assert_true (galley_timer_start (timer, T0, stamp));
  g_object_get (timer,
                "id", &id,
                "label", &label,
                "status", &status,
                "duration-ms", &duration_ms,
                "ends-at", &ends_at,
                "remaining-ms", &remaining_ms,
                "updated", &updated,
                NULL);
  g_assert_cmpstr (id, ==, TIMER_ID);
  g_assert_cmpstr (label, ==, "Roast");
  g_assert_cmpint (status, ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (duration_ms, ==, 10 * MINUTE);
  g_assert_cmpint (ends_at, ==, T0 + 10 * MINUTE);
  g_assert_cmpint (remaining_ms, ==, 0);
  g_assert_cmpstr (updated, ==, stamp);

  /* Local bookkeeping: no property, no notification, not part of the
   * synced state. */
  g_hash_table_remove_all (counts);
  g_assert_cmpint (galley_timer_get_notified_ends_at (timer), ==, 0);
  galley_timer_set_notified_ends_at (timer, T0 + 10 * MINUTE);
  g_assert_cmpint (galley_timer_get_notified_ends_at (timer), ==, T0 + 10 * MINUTE);
  g_assert_cmpuint (notified_total (counts), ==, 0);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, stamp);

  g_signal_handlers_disconnect_by_func (timer, count_notify, counts);
  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
test_status_strings (void)
{
  static const struct {
    GalleyTimerStatus status;
    const char *text;
  } statuses[] = {
    { GALLEY_TIMER_STATUS_IDLE, "idle" },
    { GALLEY_TIMER_STATUS_RUNNING, "running" },
    { GALLEY_TIMER_STATUS_PAUSED, "paused" },
  };
  static const char *invalid[] = { "", "Running", "ringing", "idle ", "finished" };
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (GALLEY_TYPE_TIMER_STATUS);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      GalleyTimerStatus status = 99;
      GEnumValue *value;

      g_assert_cmpstr (galley_timer_status_to_string (statuses[i].status), ==, statuses[i].text);
      g_assert_true (galley_timer_status_from_string (statuses[i].text, &status));
      g_assert_cmpint (status, ==, statuses[i].status);

      /* The registered GType agrees. */
      value = g_enum_get_value (enum_class, statuses[i].status);
      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, statuses[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (galley_timer_status_from_string (invalid[i], NULL));
  g_assert_false (galley_timer_status_from_string (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define add_test(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  add_test ("/timer/transitions", test_transitions);
  add_test ("/timer/derived", test_derived);
  add_test ("/timer/add-minute", test_add_minute);
  add_test ("/timer/range", test_range);
  add_test ("/timer/invalid-durations", test_invalid_durations);
  add_test ("/timer/stale-stamp", test_stale_stamp);
  add_test ("/timer/apply-state/lww", test_apply_state);
  g_test_add_func ("/timer/apply-state/ties", test_apply_state_ties);
  add_test ("/timer/apply-state/inconsistent", test_apply_state_inconsistent);
  g_test_add_func ("/timer/ids/step", test_step_ids);
  g_test_add_func ("/timer/ids/kitchen", test_kitchen_ids);
  add_test ("/timer/properties", test_properties);
  g_test_add_func ("/timer/status-strings", test_status_strings);

#undef add_test

  return g_test_run ();
}
