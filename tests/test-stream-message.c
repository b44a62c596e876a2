/* test-stream-message.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "galley-error.h"
#include "galley-json-depth.h"
#include "galley-recipe-json.h"
#include "galley-stream-message.h"
#include "galley-timer-json.h"

#define T0 G_GINT64_CONSTANT (1732500000000)
#define MINUTE G_GINT64_CONSTANT (60000)
#define RECIPE "0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c"
#define RECIPE_2 "6e5d4c3b-2a19-4807-b6a5-948372615049"
#define TIMER_ID RECIPE "/0.0.0"
#define KITCHEN_ID "kitchen/9d3f8a62-2c4b-4e1f-8a7d-5b6c7d8e9f01"
#define OP_ID "3c1e5d7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f"
#define DEVICE "5f0c2a9e-1b7d-4c3e-9a8f-0123456789ab"
#define STAMP "001732500000100-0000-" DEVICE
#define LIMIT GALLEY_STREAM_MAX_MESSAGE_SIZE

#define RECIPE_JSON \
  "{\"id\":\"" RECIPE "\",\"title\":\"Roasted vegetables\",\"servings\":4," \
  "\"source_url\":null,\"tags\":[\"vegetarian\"],\"prep_time_s\":900,\"cook_time_s\":2700," \
  "\"image\":null,\"ingredients\":[{\"name\":\"carrots\",\"quantity\":\"4\",\"unit\":null," \
  "\"note\":\"cut in sticks\"}],\"sections\":[{\"name\":null,\"steps\":[" \
  "{\"text\":\"Roast the vegetables for 40–45 minutes, turning once.\"," \
  "\"timers\":[{\"start\":25,\"end\":38,\"text\":\"40–45 minutes\"," \
  "\"seconds\":2400,\"max_seconds\":2700,\"label\":\"Roast the vegetables\"}]}]}]," \
  "\"updated\":\"" STAMP "\",\"rev\":17}"

#define TIMER_JSON \
  "{\"id\":\"" TIMER_ID "\",\"label\":\"Roast\",\"detail\":null,\"status\":\"running\"," \
  "\"duration_ms\":2400000,\"ends_at\":1732502400000,\"remaining_ms\":null,\"updated\":\"" STAMP "\"}"

#define OP_JSON \
  "\"op\":\"" OP_ID "\",\"timer\":\"" TIMER_ID "\",\"action\":\"start\",\"updated\":\"" STAMP "\"," \
  "\"state\":{\"status\":\"running\",\"duration_ms\":2400000,\"ends_at\":1732502400000," \
  "\"remaining_ms\":null},\"label\":\"Roast\",\"detail\":null"

static GalleyStreamMessage *
from_client (const char  *text,
             GError     **error)
{
  return galley_stream_message_parse_from_client (text, strlen (text), LIMIT, error);
}

static GalleyStreamMessage *
from_server (const char  *text,
             GError     **error)
{
  return galley_stream_message_parse_from_server (text, strlen (text), G_MAXSIZE, error);
}

static GalleyRecipe *
make_recipe (const char *id,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = galley_recipe_from_json (RECIPE_JSON, -1, &error);

  g_assert_no_error (error);
  galley_recipe_set_id (recipe, id);
  galley_recipe_set_title (recipe, title);
  return g_steal_pointer (&recipe);
}

static GalleyTimer *
make_timer (const char        *id,
            GalleyTimerStatus  status,
            const char        *label)
{
  GalleyTimer *timer = galley_timer_new (id, 40 * MINUTE);

  galley_timer_set_label (timer, label);
  g_assert_true (galley_timer_apply_state (timer, status, 40 * MINUTE,
                                           status == GALLEY_TIMER_STATUS_RUNNING ? T0 + 40 * MINUTE : 0,
                                           status == GALLEY_TIMER_STATUS_PAUSED ? 13 * MINUTE : 0,
                                           STAMP));
  return timer;
}

static char *
recipe_text (GalleyRecipe *recipe)
{
  return galley_recipe_to_json (recipe, FALSE);
}

static char *
timer_text (GalleyTimer *timer)
{
  g_autoptr(JsonNode) node = galley_timer_to_json_node (timer);

  return json_to_string (node, FALSE);
}

static void
assert_same_recipe (GalleyRecipe *a,
                    GalleyRecipe *b)
{
  g_autofree char *a_text = recipe_text (a);
  g_autofree char *b_text = recipe_text (b);

  g_assert_cmpstr (a_text, ==, b_text);
}

static void
assert_same_timer (GalleyTimer *a,
                   GalleyTimer *b)
{
  g_autofree char *a_text = timer_text (a);
  g_autofree char *b_text = timer_text (b);

  g_assert_cmpstr (a_text, ==, b_text);
}

/* Writes a parsed message again from its fields. */
static char *
build_from (GalleyStreamMessage *message)
{
  switch (message->type)
    {
    case GALLEY_STREAM_MESSAGE_HELLO:
      return galley_stream_message_build_hello (message->since);
    case GALLEY_STREAM_MESSAGE_PING:
      return galley_stream_message_build_ping (message->c0);
    case GALLEY_STREAM_MESSAGE_OP:
      return galley_stream_message_build_op (message->op);
    case GALLEY_STREAM_MESSAGE_CHANGES:
      return galley_stream_message_build_changes (message->rev, message->server_time, message->recipes,
                                                  (const char * const *)message->deleted, message->timers);
    case GALLEY_STREAM_MESSAGE_TIMER:
      return galley_stream_message_build_timer (message->rev, message->timer, message->by);
    case GALLEY_STREAM_MESSAGE_RECIPE:
      return galley_stream_message_build_recipe (message->rev, message->recipe);
    case GALLEY_STREAM_MESSAGE_DELETED:
      return galley_stream_message_build_deleted (message->rev, message->recipe_id);
    case GALLEY_STREAM_MESSAGE_PONG:
      return galley_stream_message_build_pong (message->c0, message->s1, message->s2);
    case GALLEY_STREAM_MESSAGE_ACK:
      return galley_stream_message_build_ack (message->op_id, message->applied, message->rev, message->timer);
    case GALLEY_STREAM_MESSAGE_ERROR:
      return galley_stream_message_build_error (message->code, message->message, message->op_id);
    default:
      g_assert_not_reached ();
    }
}

/* The client's messages, exactly as the design card writes them, and back. */
static void
test_client_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyStreamMessage) hello = NULL;
  g_autoptr(GalleyStreamMessage) ping = NULL;
  g_autoptr(GalleyStreamMessage) op_message = NULL;
  g_autoptr(GalleyTimer) timer = make_timer (TIMER_ID, GALLEY_TIMER_STATUS_RUNNING, "Roast");
  g_autoptr(GalleyOp) op = galley_op_new_from_timer (OP_ID, "start", timer);
  g_autofree char *hello_text = galley_stream_message_build_hello (42);
  g_autofree char *hello_zero = galley_stream_message_build_hello (0);
  g_autofree char *ping_text = galley_stream_message_build_ping (T0 + 7);
  g_autofree char *op_text = galley_stream_message_build_op (op);
  g_autofree char *op_again = NULL;

  g_assert_cmpstr (hello_text, ==, "{\"type\":\"hello\",\"since\":42}");
  g_assert_cmpstr (hello_zero, ==, "{\"type\":\"hello\",\"since\":0}");
  g_assert_cmpstr (ping_text, ==, "{\"type\":\"ping\",\"c0\":1732500000007}");
  g_assert_cmpstr (op_text, ==, "{\"type\":\"op\"," OP_JSON "}");

  hello = from_client (hello_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hello->type, ==, GALLEY_STREAM_MESSAGE_HELLO);
  g_assert_cmpint (hello->since, ==, 42);

  ping = from_client (ping_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ping->type, ==, GALLEY_STREAM_MESSAGE_PING);
  g_assert_cmpint (ping->c0, ==, T0 + 7);

  op_message = from_client (op_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (op_message->type, ==, GALLEY_STREAM_MESSAGE_OP);
  g_assert_cmpstr (galley_op_get_id (op_message->op), ==, OP_ID);
  g_assert_cmpstr (galley_op_get_timer_id (op_message->op), ==, TIMER_ID);
  g_assert_cmpstr (galley_op_get_action (op_message->op), ==, "start");
  g_assert_cmpstr (galley_op_get_updated (op_message->op), ==, STAMP);
  g_assert_cmpint (galley_op_get_status (op_message->op), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_op_get_duration_ms (op_message->op), ==, 40 * MINUTE);
  g_assert_cmpint (galley_op_get_ends_at (op_message->op), ==, T0 + 40 * MINUTE);
  g_assert_cmpint (galley_op_get_remaining_ms (op_message->op), ==, 0);
  g_assert_cmpstr (galley_op_get_label (op_message->op), ==, "Roast");
  g_assert_null (galley_op_get_detail (op_message->op));
  op_again = galley_stream_message_build_op (op_message->op);
  g_assert_cmpstr (op_again, ==, op_text);

  /* The fields of other types stay empty. */
  g_assert_null (hello->op);
  g_assert_null (hello->timer);
  g_assert_null (hello->recipes);
  g_assert_cmpint (hello->rev, ==, 0);
  g_assert_cmpint (op_message->since, ==, 0);
}

static void
test_changes (void)
{
  g_autoptr(GPtrArray) recipes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) timers = g_ptr_array_new_with_free_func (g_object_unref);
  const char *deleted[] = { RECIPE_2, "11111111-2222-4333-8444-555555555555", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyStreamMessage) message = NULL;
  g_autoptr(GalleyStreamMessage) empty_message = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty = NULL;

  g_ptr_array_add (recipes, make_recipe (RECIPE, "Roasted vegetables"));
  g_ptr_array_add (recipes, make_recipe ("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "Soupe à l’oignon"));
  g_ptr_array_add (timers, make_timer (TIMER_ID, GALLEY_TIMER_STATUS_RUNNING, "Roast"));
  g_ptr_array_add (timers, make_timer (KITCHEN_ID, GALLEY_TIMER_STATUS_PAUSED, NULL));
  g_ptr_array_add (timers, make_timer (RECIPE "/1.3.0", GALLEY_TIMER_STATUS_IDLE, "Rest"));

  text = galley_stream_message_build_changes (18, T0, recipes, deleted, timers);
  g_assert_true (g_str_has_prefix (text, "{\"type\":\"changes\",\"rev\":18,\"server_time\":1732500000000,"
                                         "\"recipes\":[" RECIPE_JSON ","));
  g_assert_nonnull (strstr (text, "]}]}]," "\"updated\":\"" STAMP "\",\"rev\":17}],"
                                 "\"deleted\":[\"" RECIPE_2 "\",\"11111111-2222-4333-8444-555555555555\"],"
                                 "\"timers\":[" TIMER_JSON ","));
  g_assert_true (g_str_has_suffix (text, "]}"));

  message = from_server (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (message->type, ==, GALLEY_STREAM_MESSAGE_CHANGES);
  g_assert_cmpint (message->rev, ==, 18);
  g_assert_cmpint (message->server_time, ==, T0);
  g_assert_cmpuint (message->recipes->len, ==, 2);
  for (guint i = 0; i < recipes->len; i++)
    assert_same_recipe (g_ptr_array_index (message->recipes, i), g_ptr_array_index (recipes, i));
  g_assert_cmpstrv (message->deleted, deleted);
  g_assert_cmpuint (message->timers->len, ==, 3);
  for (guint i = 0; i < timers->len; i++)
    assert_same_timer (g_ptr_array_index (message->timers, i), g_ptr_array_index (timers, i));

  again = galley_stream_message_build_changes (message->rev, message->server_time, message->recipes,
                                               (const char * const *)message->deleted, message->timers);
  g_assert_cmpstr (again, ==, text);

  /* Nothing new: three empty lists, never missing ones. */
  empty = galley_stream_message_build_changes (0, T0, NULL, NULL, NULL);
  g_assert_cmpstr (empty, ==, "{\"type\":\"changes\",\"rev\":0,\"server_time\":1732500000000,"
                              "\"recipes\":[],\"deleted\":[],\"timers\":[]}");
  empty_message = from_server (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty_message->recipes->len, ==, 0);
  g_assert_cmpuint (empty_message->timers->len, ==, 0);
  g_assert_nonnull (empty_message->deleted);
  g_assert_null (empty_message->deleted[0]);
}

static void
test_server_messages (void)
{
  g_autoptr(GalleyTimer) timer = make_timer (TIMER_ID, GALLEY_TIMER_STATUS_RUNNING, "Roast");
  g_autoptr(GalleyTimer) paused = make_timer (KITCHEN_ID, GALLEY_TIMER_STATUS_PAUSED, "Tea");
  g_autoptr(GalleyRecipe) recipe = make_recipe (RECIPE, "Roasted vegetables");
  g_autoptr(GError) error = NULL;
  struct
  {
    char *text;
    const char *expected;
    GalleyStreamMessageType type;
  } cases[] = {
    { galley_stream_message_build_timer (19, timer, DEVICE),
      "{\"type\":\"timer\",\"rev\":19,\"timer\":" TIMER_JSON ",\"by\":\"" DEVICE "\"}",
      GALLEY_STREAM_MESSAGE_TIMER },
    { galley_stream_message_build_recipe (20, recipe),
      "{\"type\":\"recipe\",\"rev\":20,\"recipe\":" RECIPE_JSON "}",
      GALLEY_STREAM_MESSAGE_RECIPE },
    { galley_stream_message_build_deleted (21, RECIPE_2),
      "{\"type\":\"deleted\",\"rev\":21,\"recipe\":\"" RECIPE_2 "\"}",
      GALLEY_STREAM_MESSAGE_DELETED },
    { galley_stream_message_build_pong (T0 + 1, T0 + 500, T0 + 502),
      "{\"type\":\"pong\",\"c0\":1732500000001,\"s1\":1732500000500,\"s2\":1732500000502}",
      GALLEY_STREAM_MESSAGE_PONG },
    { galley_stream_message_build_ack (OP_ID, TRUE, 22, timer),
      "{\"type\":\"ack\",\"op\":\"" OP_ID "\",\"applied\":true,\"rev\":22,\"timer\":" TIMER_JSON "}",
      GALLEY_STREAM_MESSAGE_ACK },
    { galley_stream_message_build_ack (OP_ID, FALSE, 23, paused), NULL, GALLEY_STREAM_MESSAGE_ACK },
    { galley_stream_message_build_error ("invalid", "“since” is missing", NULL),
      "{\"type\":\"error\",\"code\":\"invalid\",\"message\":\"“since” is missing\"}",
      GALLEY_STREAM_MESSAGE_ERROR },
    { galley_stream_message_build_error ("too_old", "", OP_ID),
      "{\"type\":\"error\",\"code\":\"too_old\",\"message\":\"\",\"op\":\"" OP_ID "\"}",
      GALLEY_STREAM_MESSAGE_ERROR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GalleyStreamMessage) message = NULL;
      g_autofree char *again = NULL;

      if (cases[i].expected != NULL)
        g_assert_cmpstr (cases[i].text, ==, cases[i].expected);

      message = from_server (cases[i].text, &error);
      g_assert_no_error (error);
      g_assert_cmpint (message->type, ==, cases[i].type);
      g_assert_cmpstr (galley_stream_message_type_to_string (message->type), ==,
                       galley_stream_message_type_to_string (cases[i].type));

      /* Every field read back, proven by writing the same text from them. */
      switch (message->type)
        {
        case GALLEY_STREAM_MESSAGE_TIMER:
          assert_same_timer (message->timer, timer);
          g_assert_cmpstr (message->by, ==, DEVICE);
          g_assert_cmpint (message->rev, ==, 19);
          again = galley_stream_message_build_timer (message->rev, message->timer, message->by);
          break;
        case GALLEY_STREAM_MESSAGE_RECIPE:
          assert_same_recipe (message->recipe, recipe);
          g_assert_cmpint (message->rev, ==, 20);
          again = galley_stream_message_build_recipe (message->rev, message->recipe);
          break;
        case GALLEY_STREAM_MESSAGE_DELETED:
          g_assert_cmpstr (message->recipe_id, ==, RECIPE_2);
          g_assert_cmpint (message->rev, ==, 21);
          again = galley_stream_message_build_deleted (message->rev, message->recipe_id);
          break;
        case GALLEY_STREAM_MESSAGE_PONG:
          g_assert_cmpint (message->c0, ==, T0 + 1);
          g_assert_cmpint (message->s1, ==, T0 + 500);
          g_assert_cmpint (message->s2, ==, T0 + 502);
          again = galley_stream_message_build_pong (message->c0, message->s1, message->s2);
          break;
        case GALLEY_STREAM_MESSAGE_ACK:
          g_assert_cmpstr (message->op_id, ==, OP_ID);
          assert_same_timer (message->timer, message->applied ? timer : paused);
          g_assert_cmpint (message->rev, ==, message->applied ? 22 : 23);
          again = galley_stream_message_build_ack (message->op_id, message->applied,
                                                   message->rev, message->timer);
          break;
        case GALLEY_STREAM_MESSAGE_ERROR:
          g_assert_nonnull (message->code);
          g_assert_nonnull (message->message);
          again = galley_stream_message_build_error (message->code, message->message, message->op_id);
          break;
        case GALLEY_STREAM_MESSAGE_HELLO:
        case GALLEY_STREAM_MESSAGE_PING:
        case GALLEY_STREAM_MESSAGE_OP:
        case GALLEY_STREAM_MESSAGE_CHANGES:
        default:
          g_assert_not_reached ();
        }

      g_assert_cmpstr (again, ==, cases[i].text);
      g_free (cases[i].text);
    }
}

/* A message meant for the other side is refused like an unknown one, so
 * that the server answers it with an error. */
static void
test_direction (void)
{
  static const char *to_server_only[] = {
    "{\"type\":\"hello\",\"since\":1}",
    "{\"type\":\"ping\",\"c0\":1}",
    "{\"type\":\"op\"," OP_JSON "}",
  };
  static const char *to_client_only[] = {
    "{\"type\":\"pong\",\"c0\":1,\"s1\":2,\"s2\":3}",
    "{\"type\":\"deleted\",\"rev\":1,\"recipe\":\"" RECIPE "\"}",
    "{\"type\":\"error\",\"code\":\"x\",\"message\":\"y\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (to_server_only); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyStreamMessage) ok = from_client (to_server_only[i], &error);
      g_autoptr(GalleyStreamMessage) refused = NULL;

      g_assert_no_error (error);
      refused = from_server (to_server_only[i], &error);
      g_assert_null (refused);
      g_assert_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (to_client_only); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyStreamMessage) ok = from_server (to_client_only[i], &error);
      g_autoptr(GalleyStreamMessage) refused = NULL;

      g_assert_no_error (error);
      refused = from_client (to_client_only[i], &error);
      g_assert_null (refused);
      g_assert_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE);
    }
}

static char *
nested (guint depth)
{
  GString *text = g_string_new ("{\"type\":\"hello\",\"since\":1,\"x\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

static void
test_malformed (void)
{
  g_autofree char *deep = NULL;
  g_autofree char *deep_65 = nested (GALLEY_JSON_MAX_DEPTH);
  g_autofree char *deep_64 = nested (GALLEY_JSON_MAX_DEPTH - 1);
  g_autofree char *large = NULL;
  g_autofree char *long_type = NULL;
  struct
  {
    gboolean to_server;
    const char *text;
    gsize length;          /* 0: strlen (text) */
    gsize max_size;        /* 0: the stream's limit */
    GalleyProtocolError code;
    const char *mentions;  /* NULL: only the code is checked */
  } cases[] = {
    /* Not one JSON object */
    { TRUE, "", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "object" },
    { TRUE, "   \n", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "object" },
    { TRUE, "[]", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "object" },
    { TRUE, "[{\"type\":\"hello\",\"since\":1}]", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "object" },
    { TRUE, "42", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "object" },
    { TRUE, "\"hello\"", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "object" },
    { TRUE, "null", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "object" },
    { TRUE, "{} {}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "more than one" },
    { TRUE, "{\"type\":\"hello\",\"since\":1}{\"type\":\"hello\",\"since\":2}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "more than one" },
    { TRUE, "{\"type\":\"hello\",\"since\":1} 5", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "more than one" },
    { TRUE, "{\"type\":\"hello\",\"since\":1,}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "JSON" },
    { TRUE, "{\"type\":\"hello\",\"since\":1", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "JSON" },
    { TRUE, "{type:\"hello\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "JSON" },
    /* Too deep, too large, not text */
    { TRUE, NULL /* deep */, 0, G_MAXSIZE, GALLEY_PROTOCOL_ERROR_TOO_DEEP, "64" },
    { TRUE, deep_65, 0, 0, GALLEY_PROTOCOL_ERROR_TOO_DEEP, "64" },
    { TRUE, NULL /* large */, 0, 0, GALLEY_PROTOCOL_ERROR_TOO_LARGE, "65536" },
    { TRUE, "{\"type\":\"hel\xfflo\",\"since\":1}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    { TRUE, "{\"type\":\"hello\",\"since\":1,\"x\":\"\xc3\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    { TRUE, "{\"type\":\"hello\",\"since\":1,\"x\":\"\xed\xa0\x80\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    { TRUE, "{\"type\":\"hello\",\"since\":1}\0{\"x\":[[[[", 35, 0, GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    { TRUE, "{\"type\":\"hello\",\"since\":1,\"x\":\"\\ud800\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "JSON" },
    /* json-glib 1.6 makes invalid UTF-8 of a lone surrogate before another
     * character: the strings are checked after parsing too. */
    { TRUE, "{\"type\":\"hello\",\"since\":1,\"x\":\"\\ud800X\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    { TRUE, "{\"\\udbffx\":1,\"type\":\"hello\",\"since\":1}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"label\":\"\\ud83dRoast\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    { FALSE, "{\"type\":\"recipe\",\"rev\":1,\"recipe\":{\"id\":\"" RECIPE "\",\"title\":\"So\\ud800up\"}}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "UTF-8" },
    /* The type */
    { TRUE, "{\"since\":1}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“type” is missing" },
    { TRUE, "{\"type\":5,\"since\":1}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“type”" },
    { TRUE, "{\"type\":null}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“type”" },
    { TRUE, "{\"type\":[\"hello\"]}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“type”" },
    { TRUE, "{\"type\":\"goodbye\"}", 0, 0, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, "“goodbye”" },
    { TRUE, "{\"type\":\"HELLO\",\"since\":1}", 0, 0, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, "“HELLO”" },
    { TRUE, "{\"type\":\"\"}", 0, 0, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, NULL },
    { TRUE, NULL /* long_type */, 0, 0, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, "…" },
    { TRUE, "{\"type\":\"pong\",\"c0\":1,\"s1\":2,\"s2\":3}", 0, 0, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, "“pong”" },
    /* hello and ping */
    { TRUE, "{\"type\":\"hello\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“since” is missing" },
    { TRUE, "{\"type\":\"hello\",\"since\":-1}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“since”" },
    { TRUE, "{\"type\":\"hello\",\"since\":\"17\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“since”" },
    { TRUE, "{\"type\":\"hello\",\"since\":1.5}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“since”" },
    { TRUE, "{\"type\":\"hello\",\"since\":null}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“since”" },
    { TRUE, "{\"type\":\"ping\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“c0” is missing" },
    { TRUE, "{\"type\":\"ping\",\"c0\":-5}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“c0”" },
    { TRUE, "{\"type\":\"ping\",\"c0\":1e3}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“c0”" },
    /* op */
    { TRUE, "{\"type\":\"op\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“op” is missing" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"op\":\"1\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“op”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"updated\":\"001732500000100-0000\"}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“updated”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"updated\":\"001732500000100-00G0-dev\"}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“updated”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"timer\":\"kitchen/tea\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“timer”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"timer\":\"" RECIPE "/0.0\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“timer”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"action\":\"pause\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“pause”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"state\":{\"status\":\"running\",\"duration_ms\":2400000,"
            "\"ends_at\":null,\"remaining_ms\":null}}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“state.ends_at”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"state\":{\"status\":\"running\",\"duration_ms\":0,"
            "\"ends_at\":1,\"remaining_ms\":null}}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“state.duration_ms”" },
    { TRUE, "{\"type\":\"op\"," OP_JSON ",\"state\":[]}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“state”" },
    /* From the server */
    { FALSE, "{\"type\":\"hello\",\"since\":1}", 0, 0, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, "“hello”" },
    { FALSE, "{\"type\":\"changes\",\"rev\":-1,\"server_time\":1,\"recipes\":[],\"deleted\":[],\"timers\":[]}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“rev”" },
    { FALSE, "{\"type\":\"changes\",\"rev\":1,\"recipes\":[],\"deleted\":[],\"timers\":[]}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“server_time” is missing" },
    { FALSE, "{\"type\":\"changes\",\"rev\":1,\"server_time\":1,\"recipes\":[],\"deleted\":[]}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“timers” is missing" },
    { FALSE, "{\"type\":\"changes\",\"rev\":1,\"server_time\":1,\"recipes\":{},\"deleted\":[],\"timers\":[]}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“recipes”" },
    { FALSE, "{\"type\":\"changes\",\"rev\":1,\"server_time\":1,\"recipes\":[],\"deleted\":[42],\"timers\":[]}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“deleted[0]”" },
    { FALSE, "{\"type\":\"changes\",\"rev\":1,\"server_time\":1,\"recipes\":[{\"id\":\"" RECIPE "\"}],"
             "\"deleted\":[],\"timers\":[]}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“recipes[0]”" },
    { FALSE, "{\"type\":\"changes\",\"rev\":1,\"server_time\":1,\"recipes\":[{\"title\":\"Soup\"}],"
             "\"deleted\":[],\"timers\":[]}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“id”" },
    { FALSE, "{\"type\":\"changes\",\"rev\":1,\"server_time\":1,\"recipes\":[],\"deleted\":[],"
             "\"timers\":[" TIMER_JSON ",{\"id\":\"" KITCHEN_ID "\"}]}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“timers[1]”" },
    { FALSE, "{\"type\":\"timer\",\"rev\":1,\"timer\":" TIMER_JSON ",\"by\":\"dev ice\"}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“by”" },
    { FALSE, "{\"type\":\"timer\",\"rev\":1,\"timer\":{\"id\":\"" TIMER_ID "\",\"label\":null,\"detail\":null,"
             "\"status\":\"ringing\",\"duration_ms\":1,\"ends_at\":null,\"remaining_ms\":null,"
             "\"updated\":\"" STAMP "\"},\"by\":\"d\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“status”" },
    { FALSE, "{\"type\":\"timer\",\"rev\":1,\"timer\":\"" TIMER_ID "\",\"by\":\"d\"}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“timer”" },
    { FALSE, "{\"type\":\"recipe\",\"rev\":1,\"recipe\":{\"id\":null,\"title\":\"Soup\"}}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“id”" },
    { FALSE, "{\"type\":\"deleted\",\"rev\":1,\"recipe\":\"soup\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“recipe”" },
    { FALSE, "{\"type\":\"pong\",\"c0\":1,\"s1\":\"2\",\"s2\":3}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“s1”" },
    { FALSE, "{\"type\":\"ack\",\"op\":\"" OP_ID "\",\"applied\":\"yes\",\"rev\":1,\"timer\":" TIMER_JSON "}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“applied”" },
    { FALSE, "{\"type\":\"ack\",\"op\":\"" OP_ID "\",\"applied\":true,\"rev\":1}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“timer” is missing" },
    { FALSE, "{\"type\":\"error\",\"code\":\"\",\"message\":\"x\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“code”" },
    { FALSE, "{\"type\":\"error\",\"code\":\"invalid\"}", 0, 0, GALLEY_PROTOCOL_ERROR_INVALID, "“message” is missing" },
    { FALSE, "{\"type\":\"error\",\"code\":\"invalid\",\"message\":\"x\",\"op\":\"x\"}", 0, 0,
      GALLEY_PROTOCOL_ERROR_INVALID, "“op”" },
  };

  /* 100,000 levels: json-glib alone would overflow the stack. */
  {
    GString *text = g_string_new ("{\"type\":\"hello\",\"since\":1,\"x\":");

    for (guint i = 0; i < 100000; i++)
      g_string_append (text, "[{\"a\":");
    deep = g_string_free (text, FALSE);
  }

  {
    GString *text = g_string_new ("{\"type\":\"hello\",\"since\":1,\"x\":\"");

    while (text->len <= LIMIT)
      g_string_append (text, "padding ");
    g_string_append (text, "\"}");
    large = g_string_free (text, FALSE);
  }

  {
    GString *text = g_string_new ("{\"type\":\"");

    for (guint i = 0; i < 10000; i++)
      g_string_append (text, "é");
    g_string_append (text, "\"}");
    long_type = g_string_free (text, FALSE);
  }

  /* The cases that are too long to write out. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (cases[i].text != NULL)
        continue;

      switch (cases[i].code)
        {
        case GALLEY_PROTOCOL_ERROR_TOO_DEEP:
          cases[i].text = deep;
          break;
        case GALLEY_PROTOCOL_ERROR_TOO_LARGE:
          cases[i].text = large;
          break;
        case GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE:
          cases[i].text = long_type;
          break;
        case GALLEY_PROTOCOL_ERROR_INVALID:
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 25);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);
      gsize max_size = cases[i].max_size ? cases[i].max_size : LIMIT;
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyStreamMessage) message = NULL;

      g_assert_nonnull (cases[i].text);
      if (cases[i].to_server)
        message = galley_stream_message_parse_from_client (cases[i].text, length, max_size, &error);
      else
        message = galley_stream_message_parse_from_server (cases[i].text, length, max_size, &error);

      if (message != NULL || error == NULL || error->domain != GALLEY_PROTOCOL_ERROR ||
          error->code != (int)cases[i].code ||
          (cases[i].mentions != NULL && strstr (error->message, cases[i].mentions) == NULL))
        g_error ("case %u, “%.200s”: expected error %d mentioning %s, got %s",
                 i, cases[i].text, cases[i].code, cases[i].mentions,
                 error != NULL ? error->message : "no error");

      /* The long type name is not sent back whole. */
      g_assert_cmpuint (strlen (error->message), <, 1000);
    }

  /* Just inside the limits is fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GalleyStreamMessage) message = from_client (deep_64, &error);

    g_assert_no_error (error);
    g_assert_cmpint (message->since, ==, 1);
  }
}

static void
test_size_limit (void)
{
  GString *text = g_string_new ("{\"type\":\"ping\",\"c0\":1,\"pad\":\"");
  g_autofree char *exact = NULL;

  while (text->len < LIMIT - 2)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"}");
  g_assert_cmpuint (text->len, ==, LIMIT);
  exact = g_string_free (text, FALSE);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GalleyStreamMessage) message =
      galley_stream_message_parse_from_client (exact, LIMIT, LIMIT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (message->c0, ==, 1);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GalleyStreamMessage) message =
      galley_stream_message_parse_from_client (exact, LIMIT, LIMIT - 1, &error);

    g_assert_null (message);
    g_assert_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_TOO_LARGE);
  }

  /* The length is the message: what follows it is not read. */
  {
    const char *text_with_tail = "{\"type\":\"hello\",\"since\":3}garbage";
    g_autoptr(GError) error = NULL;
    g_autoptr(GalleyStreamMessage) message =
      galley_stream_message_parse_from_client (text_with_tail, strlen ("{\"type\":\"hello\",\"since\":3}"), LIMIT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (message->since, ==, 3);
  }
}

static void
test_error_codes (void)
{
  static const struct
  {
    GQuark domain;
    int code;
    const char *expected;
  } cases[] = {
    { 0, GALLEY_PROTOCOL_ERROR_INVALID, "invalid" },
    { 0, GALLEY_PROTOCOL_ERROR_TOO_LARGE, "too_large" },
    { 0, GALLEY_PROTOCOL_ERROR_TOO_DEEP, "too_deep" },
    { 0, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, "unknown_type" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (GALLEY_PROTOCOL_ERROR, cases[i].code, "x");

      g_assert_cmpstr (galley_stream_error_code (error), ==, cases[i].expected);
    }

  {
    g_autoptr(GError) import = g_error_new_literal (GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID, "x");
    g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

    g_assert_cmpstr (galley_stream_error_code (import), ==, "invalid");
    g_assert_cmpstr (galley_stream_error_code (io), ==, "failed");
  }

  /* What the server will do with a refused message: answer it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GalleyStreamMessage) refused = from_client ("{\"type\":\"subscribe\"}", &error);
    g_autofree char *answer = NULL;
    g_autoptr(GalleyStreamMessage) answer_message = NULL;

    g_assert_null (refused);
    answer = galley_stream_message_build_error (galley_stream_error_code (error), error->message, NULL);
    g_clear_error (&error);
    answer_message = from_server (answer, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (answer_message->code, ==, "unknown_type");
    g_assert_nonnull (strstr (answer_message->message, "subscribe"));
    g_assert_null (answer_message->op_id);
  }
}

static void
test_ref_counting (void)
{
  g_autoptr(GError) error = NULL;
  GalleyStreamMessage *message = from_server ("{\"type\":\"ack\",\"op\":\"" OP_ID "\",\"applied\":true,"
                                              "\"rev\":1,\"timer\":" TIMER_JSON "}", &error);
  GalleyTimer *timer;
  GValue value = G_VALUE_INIT;

  g_assert_no_error (error);
  timer = g_object_ref (message->timer);

  g_value_init (&value, GALLEY_TYPE_STREAM_MESSAGE);
  g_value_set_boxed (&value, message);
  galley_stream_message_unref (message);
  g_assert_true (((GalleyStreamMessage *)g_value_get_boxed (&value))->timer == timer);
  g_value_unset (&value);

  g_assert_finalize_object (timer);
}

/* Ways a message goes wrong on the wire or in a buggy writer. */
static char *
mutate (const char *valid,
        gsize      *length)
{
  static const char *insertions[] = {
    "[", "{", "]", "}", "\"", "'", "\\", ",", ":", "/*", "*/", "null", "-1", "0", "1e999",
    "99999999999999999999", "-9223372036854775809", "\\u0000", "\\ud800", "\xff", "\xc3",
    "\xed\xa0\x80", "\xf4\x90\x80\x80", "é", "true", "\"type\":\"hello\"", " ", "\n", "\0",
  };
  GString *text = g_string_new (valid);
  guint n = g_test_rand_int_range (1, 5);

  for (guint k = 0; k < n; k++)
    {
      guint at = text->len > 0 ? g_test_rand_int_range (0, text->len) : 0;
      guint len = text->len > at ? g_test_rand_int_range (1, MIN (text->len - at, 16) + 1) : 0;

      switch (g_test_rand_int_range (0, 6))
        {
        case 0: /* a byte flipped */
          if (text->len > 0)
            text->str[at] ^= 1 << g_test_rand_int_range (0, 8);
          break;
        case 1: /* a piece lost */
          g_string_erase (text, at, len);
          break;
        case 2: /* something inserted */
          {
            const char *insertion = insertions[g_test_rand_int_range (0, G_N_ELEMENTS (insertions))];

            g_string_insert_len (text, at, insertion, *insertion ? (gssize)strlen (insertion) : 1);
          }
          break;
        case 3: /* cut short */
          g_string_truncate (text, at);
          break;
        case 4: /* a piece repeated */
          {
            g_autofree char *piece = g_strndup (text->str + at, len);

            g_string_insert_len (text, at, piece, len);
          }
          break;
        case 5: /* a random byte */
        default:
          if (text->len > 0)
            text->str[at] = (char)g_test_rand_int_range (0, 256);
          break;
        }
    }

  *length = text->len;
  return g_string_free (text, FALSE);
}

static void
collect_objects (JsonNode  *node,
                 GPtrArray *objects)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_ptr_array_add (objects, object);
      for (const GList *l = members; l != NULL; l = l->next)
        collect_objects (json_object_get_member (object, l->data), objects);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_objects (json_array_get_element (array, i), objects);
    }
}

/* Ways a writer gets the fields wrong while still writing JSON: a member
 * dropped, or given a value of another type or out of range. */
static char *
mutate_fields (const char *valid,
               gsize      *length)
{
  static const char *values[] = {
    "null", "true", "0", "-1", "1", "1.5", "-9223372036854775808", "9223372036854775807",
    "999999999999999", "1000000000000000", "604800001", "\"\"", "\"x\"", "\"idle\"",
    "\"running\"", "\"paused\"", "\"hello\"", "\"op\"", "\"ack\"", "[]", "{}", "[null]",
    "\"001732500000100-0000-x\"", "\"" OP_ID "\"", "\"" TIMER_ID "\"", "\"kitchen/x\"",
  };
  g_autoptr(JsonNode) root = json_from_string (valid, NULL);
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  guint n = g_test_rand_int_range (1, 4);
  char *text;

  g_assert_nonnull (root);

  for (guint k = 0; k < n; k++)
    {
      JsonObject *object;
      g_autoptr(GList) members = NULL;
      const char *member;

      g_ptr_array_set_size (objects, 0);
      collect_objects (root, objects);
      object = g_ptr_array_index (objects, g_test_rand_int_range (0, objects->len));
      members = json_object_get_members (object);
      if (members == NULL)
        continue;
      member = g_list_nth_data (members, g_test_rand_int_range (0, g_list_length (members)));

      if (g_test_rand_int_range (0, 4) == 0)
        json_object_remove_member (object, member);
      else
        json_object_set_member (object, member,
                                json_from_string (values[g_test_rand_int_range (0, G_N_ELEMENTS (values))], NULL));
    }

  text = json_to_string (root, FALSE);
  *length = strlen (text);
  return text;
}

static void
test_fuzz (void)
{
  g_autoptr(GalleyTimer) timer = make_timer (TIMER_ID, GALLEY_TIMER_STATUS_PAUSED, "Roast");
  g_autoptr(GalleyRecipe) recipe = make_recipe (RECIPE, "Roasted vegetables");
  g_autoptr(GPtrArray) recipes = g_ptr_array_new ();
  g_autoptr(GPtrArray) timers = g_ptr_array_new ();
  g_autoptr(GalleyOp) op = NULL;
  const char *deleted[] = { RECIPE_2, NULL };
  char *valid_client[3];
  char *valid_server[8];
  guint parsed = 0;
  guint refused = 0;

  g_ptr_array_add (recipes, recipe);
  g_ptr_array_add (timers, timer);
  op = galley_op_new_from_timer (OP_ID, "pause", timer);

  valid_client[0] = galley_stream_message_build_hello (12);
  valid_client[1] = galley_stream_message_build_ping (T0);
  valid_client[2] = galley_stream_message_build_op (op);
  valid_server[0] = galley_stream_message_build_changes (3, T0, recipes, deleted, timers);
  valid_server[1] = galley_stream_message_build_timer (4, timer, DEVICE);
  valid_server[2] = galley_stream_message_build_recipe (5, recipe);
  valid_server[3] = galley_stream_message_build_deleted (6, RECIPE_2);
  valid_server[4] = galley_stream_message_build_pong (T0, T0 + 1, T0 + 2);
  valid_server[5] = galley_stream_message_build_ack (OP_ID, TRUE, 7, timer);
  valid_server[6] = galley_stream_message_build_error ("invalid", "Nope", OP_ID);
  valid_server[7] = galley_stream_message_build_error ("invalid", "Nope", NULL);

  for (guint i = 0; i < 2000; i++)
    {
      gboolean to_server = g_test_rand_bit ();
      const char *valid = to_server
                          ? valid_client[g_test_rand_int_range (0, G_N_ELEMENTS (valid_client))]
                          : valid_server[g_test_rand_int_range (0, G_N_ELEMENTS (valid_server))];
      gsize length;
      g_autofree char *text = g_test_rand_bit () ? mutate (valid, &length) : mutate_fields (valid, &length);
      g_autoptr(GError) error = NULL;
      g_autoptr(GalleyStreamMessage) message = NULL;

      if (to_server)
        message = galley_stream_message_parse_from_client (text, length, LIMIT, &error);
      else
        message = galley_stream_message_parse_from_server (text, length, LIMIT, &error);

      /* Either a message or an error of the protocol, never both or
       * neither (and no warning, which fails the test by itself). */
      g_assert_true ((message == NULL) != (error == NULL));
      if (message != NULL)
        {
          g_autofree char *rebuilt = NULL;
          g_autofree char *rebuilt_again = NULL;
          g_autoptr(GalleyStreamMessage) reparsed = NULL;

          parsed++;
          g_assert_cmpint (message->type, <=, GALLEY_STREAM_MESSAGE_ERROR);
          g_assert_cmpint ((message->type <= GALLEY_STREAM_MESSAGE_OP), ==, to_server);

          /* Whatever the parser takes, the builders write (they refuse, with
           * a critical, only what the parser would), and it reads back. */
          rebuilt = build_from (message);
          g_assert_nonnull (rebuilt);
          if (to_server)
            reparsed = galley_stream_message_parse_from_client (rebuilt, strlen (rebuilt), G_MAXSIZE, &error);
          else
            reparsed = galley_stream_message_parse_from_server (rebuilt, strlen (rebuilt), G_MAXSIZE, &error);
          g_assert_no_error (error);
          rebuilt_again = build_from (reparsed);
          g_assert_cmpstr (rebuilt_again, ==, rebuilt);
        }
      else
        {
          refused++;
          g_assert_true (error->domain == GALLEY_PROTOCOL_ERROR);
          g_assert_nonnull (galley_stream_error_code (error));
        }
    }

  g_test_message ("%u mutations parsed, %u refused", parsed, refused);
  /* The mutations hit both paths. */
  g_assert_cmpuint (parsed, >, 0);
  g_assert_cmpuint (refused, >, 500);

  for (guint i = 0; i < G_N_ELEMENTS (valid_client); i++)
    g_free (valid_client[i]);
  for (guint i = 0; i < G_N_ELEMENTS (valid_server); i++)
    g_free (valid_server[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stream-message/client", test_client_messages);
  g_test_add_func ("/stream-message/changes", test_changes);
  g_test_add_func ("/stream-message/server", test_server_messages);
  g_test_add_func ("/stream-message/direction", test_direction);
  g_test_add_func ("/stream-message/malformed", test_malformed);
  g_test_add_func ("/stream-message/size-limit", test_size_limit);
  g_test_add_func ("/stream-message/error-codes", test_error_codes);
  g_test_add_func ("/stream-message/ref-counting", test_ref_counting);
  g_test_add_func ("/stream-message/fuzz", test_fuzz);

  return g_test_run ();
}
