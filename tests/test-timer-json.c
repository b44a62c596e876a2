/* test-timer-json.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "galley-error.h"
#include "galley-timer-json.h"

#define T0 G_GINT64_CONSTANT (1732500000000)
#define MINUTE G_GINT64_CONSTANT (60000)
#define DAY (24 * 60 * MINUTE)
#define RECIPE "0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c"
#define STEP_ID RECIPE "/0.2.0"
#define KITCHEN_ID "kitchen/9d3f8a62-2c4b-4e1f-8a7d-5b6c7d8e9f01"
#define STAMP "001732500000123-0000-5f0c2a9e"
#define LATER "001732500000456-0001-5f0c2a9e"

static char *
to_text (GalleyTimer *timer)
{
  g_autoptr(JsonNode) node = galley_timer_to_json_node (timer);

  return json_to_string (node, FALSE);
}

static JsonNode *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static GalleyTimer *
timer_from_text (const char  *text,
                 GError     **error)
{
  g_autoptr(JsonNode) node = parse_text (text);

  return galley_timer_from_json_node (node, error);
}

static GalleyTimer *
make_timer (const char        *id,
            const char        *label,
            const char        *detail,
            GalleyTimerStatus  status,
            gint64             duration_ms,
            gint64             ends_at,
            gint64             remaining_ms,
            const char        *updated)
{
  GalleyTimer *timer = galley_timer_new (id, duration_ms);

  galley_timer_set_label (timer, label);
  galley_timer_set_detail (timer, detail);
  g_assert_true (galley_timer_apply_state (timer, status, duration_ms, ends_at,
                                           remaining_ms, updated));
  return timer;
}

static void
assert_same_timer (GalleyTimer *a,
                   GalleyTimer *b)
{
  g_assert_cmpstr (galley_timer_get_id (a), ==, galley_timer_get_id (b));
  g_assert_cmpstr (galley_timer_get_label (a), ==, galley_timer_get_label (b));
  g_assert_cmpstr (galley_timer_get_detail (a), ==, galley_timer_get_detail (b));
  g_assert_cmpint (galley_timer_get_status (a), ==, galley_timer_get_status (b));
  g_assert_cmpint (galley_timer_get_duration_ms (a), ==, galley_timer_get_duration_ms (b));
  g_assert_cmpint (galley_timer_get_ends_at (a), ==, galley_timer_get_ends_at (b));
  g_assert_cmpint (galley_timer_get_remaining_ms (a), ==, galley_timer_get_remaining_ms (b));
  g_assert_cmpstr (galley_timer_get_updated (a), ==, galley_timer_get_updated (b));
}

/* The exact objects of docs/protocol.md, one per status. */
static void
test_exact_json (void)
{
  static const struct
  {
    const char *id;
    const char *label;
    const char *detail;
    GalleyTimerStatus status;
    gint64 ends_at;
    gint64 remaining_ms;
    const char *json;
  } cases[] = {
    { STEP_ID, "Roast the vegetables", "Roast for 40–45 minutes", GALLEY_TIMER_STATUS_RUNNING,
      T0 + 45 * MINUTE, 0,
      "{\"id\":\"" STEP_ID "\",\"label\":\"Roast the vegetables\","
      "\"detail\":\"Roast for 40–45 minutes\",\"status\":\"running\","
      "\"duration_ms\":2700000,\"ends_at\":1732502700000,\"remaining_ms\":null,"
      "\"updated\":\"" STAMP "\"}" },
    { STEP_ID, NULL, NULL, GALLEY_TIMER_STATUS_PAUSED, 0, 1843000,
      "{\"id\":\"" STEP_ID "\",\"label\":null,\"detail\":null,\"status\":\"paused\","
      "\"duration_ms\":2700000,\"ends_at\":null,\"remaining_ms\":1843000,"
      "\"updated\":\"" STAMP "\"}" },
    { KITCHEN_ID, "Tea", NULL, GALLEY_TIMER_STATUS_IDLE, 0, 0,
      "{\"id\":\"" KITCHEN_ID "\",\"label\":\"Tea\",\"detail\":null,\"status\":\"idle\","
      "\"duration_ms\":2700000,\"ends_at\":null,\"remaining_ms\":null,"
      "\"updated\":\"" STAMP "\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GalleyTimer) timer = make_timer (cases[i].id, cases[i].label, cases[i].detail,
                                                 cases[i].status, 45 * MINUTE,
                                                 cases[i].ends_at, cases[i].remaining_ms, STAMP);
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyTimer) parsed = NULL;
      g_autofree char *text = to_text (timer);
      g_autofree char *again = NULL;

      g_assert_cmpstr (text, ==, cases[i].json);

      parsed = timer_from_text (text, &error);
      g_assert_no_error (error);
      assert_same_timer (parsed, timer);

      again = to_text (parsed);
      g_assert_cmpstr (again, ==, text);

      g_assert_finalize_object (g_steal_pointer (&parsed));
      g_assert_finalize_object (g_steal_pointer (&timer));
    }
}

/* Every field takes every kind of value it may have and comes back. */
static void
test_round_trip_random (void)
{
  static const char *labels[] = { NULL, "", "Pasta", "Œufs à la coque 🥚", "\"quoted\"\n\\" };

  for (guint i = 0; i < 500; i++)
    {
      GalleyTimerStatus status = g_test_rand_int_range (0, 3);
      gint64 duration_ms = g_test_rand_int_range (1, 1000) * (gint64)g_test_rand_int_range (1, 604801);
      gint64 ends_at = status == GALLEY_TIMER_STATUS_RUNNING
                       ? (gint64)g_test_rand_int_range (1, G_MAXINT32) * g_test_rand_int_range (1, 465661)
                       : 0;
      gint64 remaining_ms = status == GALLEY_TIMER_STATUS_PAUSED
                            ? (gint64)g_test_rand_int_range (1, G_MAXINT32) * g_test_rand_int_range (1, 1000)
                            : 0;
      g_autofree char *id = NULL;
      g_autofree char *stamp = NULL;
      g_autoptr(GalleyTimer) timer = NULL;
      g_autoptr(GalleyTimer) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *again = NULL;

      if (g_test_rand_bit ())
        id = galley_timer_id_for_kitchen ();
      else
        id = galley_timer_id_for_step (RECIPE, g_test_rand_int_range (0, 100),
                                       g_test_rand_int_range (0, 100),
                                       g_test_rand_int_range (0, 100));

      stamp = g_strdup_printf ("%015" G_GINT64_FORMAT "-%04x-device-%d",
                               (gint64)g_test_rand_int_range (0, G_MAXINT32) * 1000,
                               (guint)g_test_rand_int_range (0, 0x10000),
                               g_test_rand_int_range (0, 10));

      timer = make_timer (id,
                          labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))],
                          labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))],
                          status, duration_ms, ends_at, remaining_ms, stamp);
      text = to_text (timer);
      parsed = timer_from_text (text, &error);
      g_assert_no_error (error);
      assert_same_timer (parsed, timer);
      again = to_text (parsed);
      g_assert_cmpstr (again, ==, text);
    }
}

static void
test_unknown_members_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyTimer) timer = NULL;

  timer = timer_from_text ("{\"id\":\"" KITCHEN_ID "\",\"label\":\"Eggs\",\"detail\":null,"
                           "\"status\":\"paused\",\"duration_ms\":360000,\"ends_at\":null,"
                           "\"remaining_ms\":120000,\"updated\":\"" LATER "\","
                           "\"colour\":\"red\",\"sound\":{\"name\":\"bell\"}}",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_timer_get_label (timer), ==, "Eggs");
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 120000);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, LATER);
}

/* A valid running timer with one member replaced (or removed, when the
 * replacement is NULL). */
static char *
with_member (const char *member,
             const char *value)
{
  static const char *members[][2] = {
    { "id", "\"" STEP_ID "\"" },
    { "label", "\"Simmer\"" },
    { "detail", "null" },
    { "status", "\"running\"" },
    { "duration_ms", "600000" },
    { "ends_at", "1732500600000" },
    { "remaining_ms", "null" },
    { "updated", "\"" STAMP "\"" },
  };
  GString *text = g_string_new ("{");
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *v = members[i][1];

      if (strcmp (members[i][0], member) == 0)
        {
          found = TRUE;
          v = value;
        }

      if (v == NULL)
        continue;

      if (text->len > 1)
        g_string_append_c (text, ',');
      g_string_append_printf (text, "\"%s\":%s", members[i][0], v);
    }

  g_assert_true (found);
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
test_malformed (void)
{
  static const struct
  {
    const char *member;
    const char *value;     /* NULL: removed */
    const char *status;    /* NULL: "running" */
    const char *mentions;  /* what the message must name */
  } cases[] = {
    /* Missing or ill-typed */
    { "id", NULL, NULL, "“id” is missing" },
    { "id", "42", NULL, "“id”" },
    { "id", "null", NULL, "“id”" },
    { "label", NULL, NULL, "“label” is missing" },
    { "label", "42", NULL, "“label”" },
    { "label", "\"\\ud800Simmer\"", NULL, "“label”" },
    { "detail", "[\"a\"]", NULL, "“detail”" },
    { "detail", NULL, NULL, "“detail” is missing" },
    { "status", NULL, NULL, "“status” is missing" },
    { "status", "1", NULL, "“status”" },
    { "duration_ms", NULL, NULL, "“duration_ms” is missing" },
    { "duration_ms", "\"600000\"", NULL, "“duration_ms”" },
    { "duration_ms", "600000.0", NULL, "“duration_ms”" },
    { "duration_ms", "null", NULL, "“duration_ms”" },
    { "duration_ms", "true", NULL, "“duration_ms”" },
    { "ends_at", NULL, NULL, "“ends_at” is missing" },
    { "ends_at", "{}", NULL, "“ends_at”" },
    { "remaining_ms", NULL, NULL, "“remaining_ms” is missing" },
    { "updated", NULL, NULL, "“updated” is missing" },
    { "updated", "null", NULL, "“updated”" },
    { "updated", "1732500000123", NULL, "“updated”" },
    /* Statuses */
    { "status", "\"ringing\"", NULL, "“status”" },
    { "status", "\"Running\"", NULL, "“status”" },
    { "status", "\"\"", NULL, "“status”" },
    /* Durations */
    { "duration_ms", "0", NULL, "“duration_ms”" },
    { "duration_ms", "-60000", NULL, "“duration_ms”" },
    { "duration_ms", "604800001", NULL, "“duration_ms”" },
    /* Inconsistent states */
    { "ends_at", "null", NULL, "“ends_at”" },
    { "ends_at", "0", NULL, "“ends_at”" },
    { "ends_at", "-1732500600000", NULL, "“ends_at”" },
    { "ends_at", "1000000000000000", NULL, "“ends_at”" },
    { "remaining_ms", "1000", NULL, "“remaining_ms”" },
    { "ends_at", "1732500600000", "idle", "“ends_at”" },
    { "ends_at", "1732500600000", "paused", "“ends_at”" },
    { "remaining_ms", "0", "paused", "“remaining_ms”" },
    { "remaining_ms", "null", "paused", "“remaining_ms”" },
    /* Bad stamps */
    { "updated", "\"yesterday\"", NULL, "“updated”" },
    { "updated", "\"001732500000123-000A-5f0c\"", NULL, "“updated”" },
    { "updated", "\"1732500000123-0000-5f0c\"", NULL, "“updated”" },
    { "updated", "\"001732500000123-0000-\"", NULL, "“updated”" },
    { "updated", "\"001732500000123-0000-dev ice\"", NULL, "“updated”" },
    /* Bad ids */
    { "id", "\"roast\"", NULL, "“id”" },
    { "id", "\"\"", NULL, "“id”" },
    { "id", "\"kitchen/\"", NULL, "“id”" },
    { "id", "\"kitchen/tea\"", NULL, "“id”" },
    { "id", "\"" RECIPE "/0.2\"", NULL, "“id”" },
    { "id", "\"" RECIPE "/0.02.0\"", NULL, "“id”" },
    { "id", "\"" RECIPE "/0.2.0/\"", NULL, "“id”" },
    { "id", "\"not-a-uuid/0.2.0\"", NULL, "“id”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyTimer) timer = NULL;

      text = with_member (cases[i].member, cases[i].value);
      if (cases[i].status != NULL)
        {
          g_autofree char *status = g_strdup_printf ("\"status\":\"%s\"", cases[i].status);
          g_autofree char *replaced = NULL;
          char *p = strstr (text, "\"status\":\"running\"");

          g_assert_nonnull (p);
          replaced = g_strdup_printf ("%.*s%s%s", (int)(p - text), text, status,
                                      p + strlen ("\"status\":\"running\""));
          g_free (text);
          text = g_steal_pointer (&replaced);

          /* A paused timer needs a remaining time, and "ends_at" must go
           * for the case to be about the one thing it tests. */
          if (strcmp (cases[i].status, "paused") == 0 && strcmp (cases[i].member, "remaining_ms") == 0)
            {
              char *ends = strstr (text, "\"ends_at\":1732500600000");

              g_assert_nonnull (ends);
              memcpy (ends, "\"ends_at\":null         ", strlen ("\"ends_at\":1732500600000"));
            }
        }

      g_test_message ("%s", text);
      timer = timer_from_text (text, &error);
      g_assert_null (timer);
      g_assert_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID);
      if (strstr (error->message, cases[i].mentions) == NULL)
        g_error ("“%s” gave “%s”, which does not mention %s", text, error->message, cases[i].mentions);
    }
}

static void
test_not_an_object (void)
{
  static const char *texts[] = { "[]", "42", "\"timer\"", "null", "[{\"id\":\"" KITCHEN_ID "\"}]" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyTimer) timer = timer_from_text (texts[i], &error);

      g_assert_null (timer);
      g_assert_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID);
    }
}

/* The limits are the timer model's: a timer that reads can be applied. */
static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyTimer) week = NULL;
  g_autoptr(GalleyTimer) far = NULL;
  g_autofree char *week_text = with_member ("duration_ms", "604800000");
  g_autofree char *far_text = with_member ("ends_at", "999999999999999");

  week = timer_from_text (week_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_duration_ms (week), ==, 7 * DAY);

  far = timer_from_text (far_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_ends_at (far), ==, GALLEY_TIMER_MAX_TIME_MS);
}

static void
test_ids (void)
{
  g_autofree char *kitchen = galley_timer_id_for_kitchen ();
  g_autofree char *step = galley_timer_id_for_step (RECIPE, 3, 14, 1);

  g_assert_true (galley_timer_id_is_valid (kitchen));
  g_assert_true (galley_timer_id_is_valid (step));
  g_assert_true (galley_timer_id_is_valid (STEP_ID));
  g_assert_false (galley_timer_id_is_valid (NULL));
  g_assert_false (galley_timer_id_is_valid (""));
  g_assert_false (galley_timer_id_is_valid ("kitchen/"));
  g_assert_false (galley_timer_id_is_valid ("kitchen/" RECIPE "/0.1.2"));
  g_assert_false (galley_timer_id_is_valid (RECIPE));
  g_assert_false (galley_timer_id_is_valid ("KITCHEN/" RECIPE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timer-json/exact", test_exact_json);
  g_test_add_func ("/timer-json/round-trip-random", test_round_trip_random);
  g_test_add_func ("/timer-json/unknown-members", test_unknown_members_ignored);
  g_test_add_func ("/timer-json/malformed", test_malformed);
  g_test_add_func ("/timer-json/not-an-object", test_not_an_object);
  g_test_add_func ("/timer-json/limits", test_limits);
  g_test_add_func ("/timer-json/ids", test_ids);

  return g_test_run ();
}
