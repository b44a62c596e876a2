/* test-op.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "galley-error.h"
#include "galley-hlc.h"
#include "galley-op.h"
#include "galley-test-clock.h"
#include "galley-timer-json.h"

#define T0 G_GINT64_CONSTANT (1732500000000)
#define SECOND G_GINT64_CONSTANT (1000)
#define MINUTE (60 * SECOND)
#define RECIPE "0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c"
#define TIMER_ID RECIPE "/0.2.0"
#define KITCHEN_ID "kitchen/9d3f8a62-2c4b-4e1f-8a7d-5b6c7d8e9f01"
#define OP_ID "3c1e5d7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f"
#define DEVICE_A "5f0c2a9e-1b7d-4c3e-9a8f-0123456789ab"
#define DEVICE_B "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
#define STAMP_1 "001732500000100-0000-" DEVICE_A
#define STAMP_2 "001732500000200-0000-" DEVICE_A
#define STAMP_3 "001732500000300-0000-" DEVICE_B

static char *
timer_text (GalleyTimer *timer)
{
  g_autoptr(JsonNode) node = galley_timer_to_json_node (timer);

  return json_to_string (node, FALSE);
}

static char *
op_text (GalleyOp *op)
{
  g_autoptr(JsonNode) node = galley_op_to_json_node (op);

  return json_to_string (node, FALSE);
}

static GalleyOp *
op_from_text (const char  *text,
              GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &parse_error);

  g_assert_no_error (parse_error);
  return galley_op_from_json_node (node, error);
}

static void
assert_same_op (GalleyOp *a,
                GalleyOp *b)
{
  g_assert_cmpstr (galley_op_get_id (a), ==, galley_op_get_id (b));
  g_assert_cmpstr (galley_op_get_timer_id (a), ==, galley_op_get_timer_id (b));
  g_assert_cmpstr (galley_op_get_action (a), ==, galley_op_get_action (b));
  g_assert_cmpstr (galley_op_get_updated (a), ==, galley_op_get_updated (b));
  g_assert_cmpint (galley_op_get_status (a), ==, galley_op_get_status (b));
  g_assert_cmpint (galley_op_get_duration_ms (a), ==, galley_op_get_duration_ms (b));
  g_assert_cmpint (galley_op_get_ends_at (a), ==, galley_op_get_ends_at (b));
  g_assert_cmpint (galley_op_get_remaining_ms (a), ==, galley_op_get_remaining_ms (b));
  g_assert_cmpstr (galley_op_get_label (a), ==, galley_op_get_label (b));
  g_assert_cmpstr (galley_op_get_detail (a), ==, galley_op_get_detail (b));
}

/* The op of the design card, exactly: a pause with 1843 s left. */
static void
test_exact_json (void)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (TIMER_ID, 45 * MINUTE);
  g_autoptr(GalleyOp) op = NULL;
  g_autoptr(GalleyOp) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  galley_timer_set_label (timer, "Roast the vegetables");
  g_assert_true (galley_timer_start (timer, T0, STAMP_1));
  g_assert_true (galley_timer_pause (timer, T0 + 45 * MINUTE - 1843 * SECOND, STAMP_2));

  op = galley_op_new_from_timer (OP_ID, "pause", timer);
  text = op_text (op);
  g_assert_cmpstr (text, ==,
                   "{\"op\":\"" OP_ID "\",\"timer\":\"" TIMER_ID "\",\"action\":\"pause\","
                   "\"updated\":\"" STAMP_2 "\","
                   "\"state\":{\"status\":\"paused\",\"duration_ms\":2700000,\"ends_at\":null,"
                   "\"remaining_ms\":1843000},"
                   "\"label\":\"Roast the vegetables\",\"detail\":null}");

  parsed = op_from_text (text, &error);
  g_assert_no_error (error);
  assert_same_op (parsed, op);
  again = op_text (parsed);
  g_assert_cmpstr (again, ==, text);

  g_assert_finalize_object (g_steal_pointer (&parsed));
  g_assert_finalize_object (g_steal_pointer (&op));
  g_assert_finalize_object (g_steal_pointer (&timer));
}

/* Each action makes the op of its outcome, which reads back the same. */
static void
test_round_trip_actions (void)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (KITCHEN_ID, 5 * MINUTE);
  g_autoptr(GalleyTestClock) clock = galley_test_clock_new (T0);
  g_autoptr(GalleyHlc) hlc = galley_hlc_new (GALLEY_CLOCK (clock), DEVICE_A);
  const char *seen[6] = { NULL, };
  guint n_seen = 0;

  galley_timer_set_label (timer, "Tea");
  galley_timer_set_detail (timer, "Green tea, 80 °C");

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *stamp = galley_hlc_now (hlc);
      g_autofree char *op_id = g_uuid_string_random ();
      g_autoptr(GalleyOp) op = NULL;
      g_autoptr(GalleyOp) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gint64 now = T0 + i * MINUTE;
      const char *action = NULL;

      switch (i)
        {
        case 0:
          g_assert_true (galley_timer_start (timer, now, stamp));
          action = "start";
          break;
        case 1:
          g_assert_true (galley_timer_pause (timer, now, stamp));
          action = "pause";
          break;
        case 2:
          g_assert_true (galley_timer_add (timer, MINUTE, now, stamp));
          action = "add";
          break;
        case 3:
          g_assert_true (galley_timer_resume (timer, now, stamp));
          action = "resume";
          break;
        case 4:
          g_assert_true (galley_timer_dismiss (timer, now + 10 * MINUTE, stamp));
          action = "dismiss";
          break;
        case 5:
          g_assert_true (galley_timer_start (timer, now, stamp));
          g_clear_pointer (&stamp, g_free);
          stamp = galley_hlc_now (hlc);
          g_assert_true (galley_timer_reset (timer, stamp));
          action = "reset";
          break;
        default:
          g_assert_not_reached ();
        }

      op = galley_op_new_from_timer (op_id, action, timer);
      g_assert_cmpstr (galley_op_get_id (op), ==, op_id);
      g_assert_cmpstr (galley_op_get_timer_id (op), ==, KITCHEN_ID);
      g_assert_cmpstr (galley_op_get_action (op), ==, action);
      g_assert_cmpstr (galley_op_get_updated (op), ==, galley_timer_get_updated (timer));
      g_assert_cmpint (galley_op_get_status (op), ==, galley_timer_get_status (timer));
      g_assert_cmpint (galley_op_get_duration_ms (op), ==, galley_timer_get_duration_ms (timer));
      g_assert_cmpint (galley_op_get_ends_at (op), ==, galley_timer_get_ends_at (timer));
      g_assert_cmpint (galley_op_get_remaining_ms (op), ==, galley_timer_get_remaining_ms (timer));
      g_assert_cmpstr (galley_op_get_label (op), ==, "Tea");
      g_assert_cmpstr (galley_op_get_detail (op), ==, "Green tea, 80 °C");

      text = op_text (op);
      parsed = op_from_text (text, &error);
      g_assert_no_error (error);
      assert_same_op (parsed, op);

      seen[n_seen++] = galley_op_get_action (parsed);
    }

  g_assert_cmpstr (seen[0], ==, "start");
  g_assert_cmpstr (seen[5], ==, "reset");
}

/* The stream's op message is an op with a "type"; label and detail may be
 * left out by a writer that has none. */
static void
test_optional_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyOp) op = NULL;

  op = op_from_text ("{\"type\":\"op\",\"op\":\"" OP_ID "\",\"timer\":\"" KITCHEN_ID "\","
                     "\"action\":\"start\",\"updated\":\"" STAMP_1 "\",\"state\":{"
                     "\"status\":\"running\",\"duration_ms\":180000,\"ends_at\":1732500180000,"
                     "\"remaining_ms\":null},\"extra\":[1,2,3]}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_op_get_action (op), ==, "start");
  g_assert_cmpint (galley_op_get_ends_at (op), ==, T0 + 180000);
  g_assert_null (galley_op_get_label (op));
  g_assert_null (galley_op_get_detail (op));
}

static char *
op_json (const char *op,
         const char *timer,
         const char *action,
         const char *updated,
         const char *state,
         const char *extra)
{
  GString *text = g_string_new ("{");

#define ADD(name, value) \
  G_STMT_START { \
    if ((value) != NULL) \
      g_string_append_printf (text, "%s\"%s\":%s", text->len > 1 ? "," : "", name, value); \
  } G_STMT_END

  ADD ("op", op);
  ADD ("timer", timer);
  ADD ("action", action);
  ADD ("updated", updated);
  ADD ("state", state);
#undef ADD

  if (extra != NULL)
    g_string_append_printf (text, ",%s", extra);
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

#define Q(s) "\"" s "\""
#define GOOD_OP Q (OP_ID)
#define GOOD_TIMER Q (TIMER_ID)
#define GOOD_STAMP Q (STAMP_1)
#define PAUSED "{\"status\":\"paused\",\"duration_ms\":600000,\"ends_at\":null,\"remaining_ms\":30000}"
#define RUNNING "{\"status\":\"running\",\"duration_ms\":600000,\"ends_at\":1732500600000,\"remaining_ms\":null}"
#define IDLE "{\"status\":\"idle\",\"duration_ms\":600000,\"ends_at\":null,\"remaining_ms\":null}"

static void
test_malformed (void)
{
  static const struct
  {
    const char *op;
    const char *timer;
    const char *action;
    const char *updated;
    const char *state;
    const char *extra;
    const char *mentions;
  } cases[] = {
    { NULL, GOOD_TIMER, Q ("pause"), GOOD_STAMP, PAUSED, NULL, "“op” is missing" },
    { "7", GOOD_TIMER, Q ("pause"), GOOD_STAMP, PAUSED, NULL, "“op”" },
    { Q ("op-1"), GOOD_TIMER, Q ("pause"), GOOD_STAMP, PAUSED, NULL, "“op”" },
    { GOOD_OP, NULL, Q ("pause"), GOOD_STAMP, PAUSED, NULL, "“timer” is missing" },
    { GOOD_OP, Q ("roast"), Q ("pause"), GOOD_STAMP, PAUSED, NULL, "“timer”" },
    { GOOD_OP, Q ("kitchen/1"), Q ("pause"), GOOD_STAMP, PAUSED, NULL, "“timer”" },
    { GOOD_OP, "[]", Q ("pause"), GOOD_STAMP, PAUSED, NULL, "“timer”" },
    { GOOD_OP, GOOD_TIMER, NULL, GOOD_STAMP, PAUSED, NULL, "“action” is missing" },
    { GOOD_OP, GOOD_TIMER, Q ("stop"), GOOD_STAMP, PAUSED, NULL, "“action”" },
    { GOOD_OP, GOOD_TIMER, Q ("PAUSE"), GOOD_STAMP, PAUSED, NULL, "“action”" },
    { GOOD_OP, GOOD_TIMER, "true", GOOD_STAMP, PAUSED, NULL, "“action”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), NULL, PAUSED, NULL, "“updated” is missing" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), Q ("now"), PAUSED, NULL, "“updated”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), Q ("001732500000100-0000"), PAUSED, NULL, "“updated”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), "1732500000100", PAUSED, NULL, "“updated”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, NULL, NULL, "“state” is missing" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, "\"paused\"", NULL, "“state”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, "null", NULL, "“state”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, "{}", NULL, "“state.status” is missing" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP,
      "{\"status\":\"stopped\",\"duration_ms\":600000,\"ends_at\":null,\"remaining_ms\":null}", NULL,
      "“state.status”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP,
      "{\"status\":\"paused\",\"duration_ms\":0,\"ends_at\":null,\"remaining_ms\":30000}", NULL,
      "“state.duration_ms”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP,
      "{\"status\":\"paused\",\"duration_ms\":600000,\"ends_at\":null,\"remaining_ms\":0}", NULL,
      "“state.remaining_ms”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP,
      "{\"status\":\"paused\",\"duration_ms\":600000,\"ends_at\":1732500600000,\"remaining_ms\":30000}", NULL,
      "“state.ends_at”" },
    { GOOD_OP, GOOD_TIMER, Q ("start"), GOOD_STAMP,
      "{\"status\":\"running\",\"duration_ms\":600000,\"ends_at\":-5,\"remaining_ms\":null}", NULL,
      "“state.ends_at”" },
    { GOOD_OP, GOOD_TIMER, Q ("start"), GOOD_STAMP,
      "{\"status\":\"running\",\"duration_ms\":600000,\"remaining_ms\":null}", NULL,
      "“state.ends_at” is missing" },
    /* States that contradict the action */
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, RUNNING, NULL, "“pause”" },
    { GOOD_OP, GOOD_TIMER, Q ("start"), GOOD_STAMP, IDLE, NULL, "“start”" },
    { GOOD_OP, GOOD_TIMER, Q ("resume"), GOOD_STAMP, PAUSED, NULL, "“resume”" },
    { GOOD_OP, GOOD_TIMER, Q ("reset"), GOOD_STAMP, RUNNING, NULL, "“reset”" },
    { GOOD_OP, GOOD_TIMER, Q ("add"), GOOD_STAMP, IDLE, NULL, "“add”" },
    { GOOD_OP, GOOD_TIMER, Q ("dismiss"), GOOD_STAMP, PAUSED, NULL, "“dismiss”" },
    /* Words */
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, PAUSED, "\"label\":5", "“label”" },
    { GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, PAUSED, "\"detail\":{\"text\":\"x\"}", "“detail”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = op_json (cases[i].op, cases[i].timer, cases[i].action,
                                       cases[i].updated, cases[i].state, cases[i].extra);
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyOp) op = op_from_text (text, &error);

      g_assert_null (op);
      g_assert_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID);
      if (strstr (error->message, cases[i].mentions) == NULL)
        g_error ("“%s” gave “%s”, which does not mention %s", text, error->message, cases[i].mentions);
    }

  /* The same objects with the right member are fine: each case above fails
   * for the one reason it is about. */
  {
    g_autofree char *text = op_json (GOOD_OP, GOOD_TIMER, Q ("pause"), GOOD_STAMP, PAUSED, "\"label\":null");
    g_autoptr(GError) error = NULL;
    g_autoptr(GalleyOp) op = op_from_text (text, &error);

    g_assert_no_error (error);
    g_assert_nonnull (op);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GalleyOp) op = op_from_text ("[" GOOD_OP "]", &error);

    g_assert_null (op);
    g_assert_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID);
  }
}

/* @op_id: NULL for a new one */
static GalleyOp *
make_op (const char        *op_id,
         const char        *timer_id,
         const char        *action,
         GalleyTimerStatus  status,
         gint64             duration_ms,
         gint64             ends_at,
         gint64             remaining_ms,
         const char        *label,
         const char        *updated)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (timer_id, duration_ms);
  g_autofree char *random_id = op_id == NULL ? g_uuid_string_random () : NULL;

  galley_timer_set_label (timer, label);
  g_assert_true (galley_timer_apply_state (timer, status, duration_ms, ends_at, remaining_ms, updated));
  return galley_op_new_from_timer (op_id != NULL ? op_id : random_id, action, timer);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_apply_newer_wins (void)
{
  g_autoptr(GalleyOp) start = make_op (NULL, TIMER_ID, "start",
                                       GALLEY_TIMER_STATUS_RUNNING, 10 * MINUTE, T0 + 10 * MINUTE, 0,
                                       "Simmer", STAMP_1);
  g_autoptr(GalleyOp) pause = make_op (OP_ID, TIMER_ID, "pause",
                                       GALLEY_TIMER_STATUS_PAUSED, 10 * MINUTE, 0, 4 * MINUTE,
                                       "Simmer the sauce", STAMP_3);
  g_autoptr(GalleyTimer) timer = NULL;
  g_autoptr(GalleyTimer) same = NULL;
  guint notifications = 0;

  /* Unknown timer: created, with the op's words. */
  g_assert_true (galley_op_apply (start, NULL, &timer));
  g_assert_nonnull (timer);
  g_assert_cmpstr (galley_timer_get_id (timer), ==, TIMER_ID);
  g_assert_cmpstr (galley_timer_get_label (timer), ==, "Simmer");
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 10 * MINUTE);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, STAMP_1);

  /* Newer: applied to the same object. */
  g_signal_connect (timer, "notify", G_CALLBACK (count_notify), &notifications);
  g_assert_true (galley_op_apply (pause, timer, &same));
  g_assert_true (same == timer);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 4 * MINUTE);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, 0);
  g_assert_cmpstr (galley_timer_get_label (timer), ==, "Simmer the sauce");
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, STAMP_3);
  g_assert_cmpuint (notifications, >, 0);
  g_clear_object (&same);
}

static void
test_apply_older_and_equal_ignored (void)
{
  g_autoptr(GalleyOp) newest = make_op (OP_ID, TIMER_ID, "pause",
                                        GALLEY_TIMER_STATUS_PAUSED, 10 * MINUTE, 0, 4 * MINUTE,
                                        "Simmer", STAMP_2);
  g_autoptr(GalleyOp) older = make_op (NULL, TIMER_ID, "start",
                                       GALLEY_TIMER_STATUS_RUNNING, 10 * MINUTE, T0 + 10 * MINUTE, 0,
                                       "Other words", STAMP_1);
  /* Same stamp, other state: a device never makes two, but if one came
   * the timer keeps what it has rather than flip with arrival order. */
  g_autoptr(GalleyOp) equal = make_op (NULL, TIMER_ID, "reset",
                                       GALLEY_TIMER_STATUS_IDLE, 10 * MINUTE, 0, 0,
                                       "Equal", STAMP_2);
  g_autoptr(GalleyTimer) timer = NULL;
  g_autoptr(GalleyTimer) out = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_older = NULL;
  g_autofree char *after_equal = NULL;
  g_autofree char *after_again = NULL;
  guint notifications = 0;

  g_assert_true (galley_op_apply (newest, NULL, &timer));
  before = timer_text (timer);
  g_signal_connect (timer, "notify", G_CALLBACK (count_notify), &notifications);

  g_assert_false (galley_op_apply (older, timer, &out));
  g_assert_true (out == timer);
  g_clear_object (&out);
  after_older = timer_text (timer);
  g_assert_cmpstr (after_older, ==, before);

  g_assert_false (galley_op_apply (equal, timer, NULL));
  after_equal = timer_text (timer);
  g_assert_cmpstr (after_equal, ==, before);

  /* The same op again: nothing changes, nobody is told anything. */
  g_assert_false (galley_op_apply (newest, timer, NULL));
  after_again = timer_text (timer);
  g_assert_cmpstr (after_again, ==, before);

  g_assert_cmpuint (notifications, ==, 0);
}

/* The words are part of the register: an op without them clears them, so
 * that the result does not depend on which op came first. */
static void
test_apply_words (void)
{
  g_autoptr(GalleyOp) named = make_op (NULL, KITCHEN_ID, "start",
                                       GALLEY_TIMER_STATUS_RUNNING, MINUTE, T0 + MINUTE, 0,
                                       "Eggs", STAMP_1);
  g_autoptr(GalleyOp) unnamed = make_op (NULL, KITCHEN_ID, "pause",
                                         GALLEY_TIMER_STATUS_PAUSED, MINUTE, 0, 30 * SECOND,
                                         NULL, STAMP_2);
  g_autoptr(GalleyTimer) first = NULL;
  g_autoptr(GalleyTimer) second = NULL;

  g_assert_true (galley_op_apply (named, NULL, &first));
  g_assert_true (galley_op_apply (unnamed, first, NULL));
  g_assert_true (galley_op_apply (unnamed, NULL, &second));
  g_assert_false (galley_op_apply (named, second, NULL));

  g_assert_null (galley_timer_get_label (first));
  g_assert_null (galley_timer_get_label (second));
}

/* A device in the property test: its clock, its HLC and its copy of the
 * timer. */
typedef struct
{
  GalleyTestClock *clock;
  GalleyHlc *hlc;
  GalleyTimer *timer;
} Device;

static void
device_init (Device     *device,
             const char *device_id,
             gint64      duration_ms)
{
  device->clock = galley_test_clock_new (T0 + g_test_rand_int_range (-5000, 5000));
  device->hlc = galley_hlc_new (GALLEY_CLOCK (device->clock), device_id);
  device->timer = galley_timer_new (TIMER_ID, duration_ms);
}

static void
device_clear (Device *device)
{
  g_clear_object (&device->timer);
  g_clear_object (&device->hlc);
  g_clear_object (&device->clock);
}

/* What a device does when an op arrives, as the sync client will. */
static void
device_receive (Device   *device,
                GalleyOp *op)
{
  galley_hlc_observe (device->hlc, galley_op_get_updated (op));
  galley_op_apply (op, device->timer, NULL);
}

/* One random user action on the device's copy; the op if it changed
 * anything. */
static GalleyOp *
device_act (Device *device)
{
  static const char *labels[] = { NULL, "Pasta", "Pasta water", "Pâtes 🍝" };
  static const char *actions[] = { "start", "pause", "resume", "reset", "add", "dismiss" };
  g_autofree char *stamp = NULL;
  g_autofree char *op_id = NULL;
  const char *action = actions[g_test_rand_int_range (0, G_N_ELEMENTS (actions))];
  GalleyTimer *timer = device->timer;
  gint64 now;
  gboolean changed;

  galley_test_clock_advance (GALLEY_TEST_CLOCK (device->clock), g_test_rand_int_range (0, 3 * 60 * 1000));
  now = galley_clock_get_wall_ms (GALLEY_CLOCK (device->clock));
  stamp = galley_hlc_now (device->hlc);

  /* Local, unstamped: the op carries whatever the device shows. */
  if (g_test_rand_int_range (0, 4) == 0)
    galley_timer_set_label (timer, labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))]);

  if (strcmp (action, "start") == 0)
    changed = galley_timer_start (timer, now, stamp);
  else if (strcmp (action, "pause") == 0)
    changed = galley_timer_pause (timer, now, stamp);
  else if (strcmp (action, "resume") == 0)
    changed = galley_timer_resume (timer, now, stamp);
  else if (strcmp (action, "reset") == 0)
    changed = galley_timer_reset (timer, stamp);
  else if (strcmp (action, "add") == 0)
    changed = galley_timer_add (timer, g_test_rand_int_range (1, 10) * MINUTE, now, stamp);
  else
    changed = galley_timer_dismiss (timer, now, stamp);

  if (!changed)
    return NULL;

  op_id = g_uuid_string_random ();
  return galley_op_new_from_timer (op_id, action, timer);
}

static void
shuffle (GPtrArray *array)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = g_test_rand_int_range (0, i);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

/* Replays @ops on a device that has seen none of them, through JSON as
 * they would travel. */
static char *
replay (GPtrArray *ops)
{
  g_autoptr(GalleyTimer) timer = NULL;

  for (guint i = 0; i < ops->len; i++)
    {
      g_autofree char *text = op_text (g_ptr_array_index (ops, i));
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyOp) received = op_from_text (text, &error);
      g_autoptr(GalleyTimer) out = NULL;

      g_assert_no_error (error);
      galley_op_apply (received, timer, &out);
      g_set_object (&timer, out);
    }

  return timer_text (timer);
}

/* Two (or three) devices act on one timer while their messages cross:
 * each sometimes hears about the other's ops, late and out of order. Every
 * order of delivering the same ops, with repeats, ends in the same timer,
 * and that is the newest op's state. */
static void
test_convergence (void)
{
  static const char *device_ids[] = { DEVICE_A, DEVICE_B, "c0ffee00-0000-4000-8000-000000000003" };
  guint rounds = g_test_quick () ? 300 : 3000;
  guint n_concurrent = 0;
  guint n_ops = 0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) order_a = NULL;
      g_autoptr(GPtrArray) order_b = NULL;
      g_autofree char *final_a = NULL;
      g_autofree char *final_b = NULL;
      g_autoptr(GalleyTimer) expected = NULL;
      g_autofree char *expected_text = NULL;
      guint n_devices = g_test_rand_int_range (2, 4);
      gint64 duration_ms = g_test_rand_int_range (1, 120) * MINUTE;
      Device devices[3];
      GalleyOp *newest = NULL;
      guint n_steps = g_test_rand_int_range (1, 40);
      gboolean concurrent = FALSE;

      for (guint d = 0; d < n_devices; d++)
        device_init (&devices[d], device_ids[d], duration_ms);

      for (guint step = 0; step < n_steps; step++)
        {
          Device *device = &devices[g_test_rand_int_range (0, n_devices)];
          GalleyOp *op = device_act (device);

          if (op != NULL)
            g_ptr_array_add (ops, op);

          /* Some ops reach some devices; others are still on the way. */
          if (ops->len > 0 && g_test_rand_bit ())
            device_receive (&devices[g_test_rand_int_range (0, n_devices)],
                            g_ptr_array_index (ops, g_test_rand_int_range (0, ops->len)));
        }

      for (guint d = 0; d < n_devices; d++)
        device_clear (&devices[d]);

      if (ops->len == 0)
        continue;

      for (guint i = 0; i < ops->len; i++)
        {
          GalleyOp *op = g_ptr_array_index (ops, i);

          if (i > 0 && strcmp (galley_op_get_updated (op),
                               galley_op_get_updated (g_ptr_array_index (ops, i - 1))) < 0)
            concurrent = TRUE;

          if (newest == NULL || strcmp (galley_op_get_updated (op), galley_op_get_updated (newest)) > 0)
            newest = op;
        }

      /* Two delivery orders, each with some ops delivered twice. */
      order_a = g_ptr_array_new ();
      order_b = g_ptr_array_new ();
      for (guint i = 0; i < ops->len; i++)
        {
          g_ptr_array_add (order_a, g_ptr_array_index (ops, i));
          g_ptr_array_add (order_b, g_ptr_array_index (ops, i));
          if (g_test_rand_int_range (0, 4) == 0)
            g_ptr_array_add (order_a, g_ptr_array_index (ops, i));
          if (g_test_rand_int_range (0, 4) == 0)
            g_ptr_array_add (order_b, g_ptr_array_index (ops, i));
        }
      shuffle (order_a);
      shuffle (order_b);

      final_a = replay (order_a);
      final_b = replay (order_b);
      g_assert_cmpstr (final_a, ==, final_b);

      g_assert_true (galley_op_apply (newest, NULL, &expected));
      expected_text = timer_text (expected);
      g_assert_cmpstr (final_a, ==, expected_text);

      n_ops += ops->len;
      if (concurrent)
        n_concurrent++;
    }

  /* Not a test of one device's ops in order: in many rounds, ops were made
   * later than ops with newer stamps. */
  g_test_message ("%u ops, %u of %u rounds with concurrent ops", n_ops, n_concurrent, rounds);
  g_assert_cmpuint (n_concurrent, >, rounds / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/op/exact", test_exact_json);
  g_test_add_func ("/op/round-trip-actions", test_round_trip_actions);
  g_test_add_func ("/op/optional-members", test_optional_members);
  g_test_add_func ("/op/malformed", test_malformed);
  g_test_add_func ("/op/apply/newer-wins", test_apply_newer_wins);
  g_test_add_func ("/op/apply/older-and-equal-ignored", test_apply_older_and_equal_ignored);
  g_test_add_func ("/op/apply/words", test_apply_words);
  g_test_add_func ("/op/apply/convergence", test_convergence);

  return g_test_run ();
}
