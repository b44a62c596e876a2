/* galley-stream-message.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-stream-message"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "galley-error.h"
#include "galley-json-depth.h"
#include "galley-recipe-json.h"
#include "galley-stream-message.h"
#include "galley-timer-json-private.h"

/* The JSON text messages of the sync stream (GET /api/v1/stream), read
 * and written in one place so that the server and the client cannot
 * disagree about them.
 *
 * Parsing is the server's first contact with text from any device on the
 * network, so it is ordered cheapest and most dangerous first: the size
 * before anything is read, UTF-8 before json-glib sees the text (json-glib
 * 1.6 trusts its input), nesting before parsing (json-glib recurses without
 * limit and overflows the stack), and only then the fields, each checked
 * for presence, type and range. Every refusal is a GError, never a warning
 * or a crash: a client cannot take the server down, nor the server a
 * client. */

G_DEFINE_BOXED_TYPE (GalleyStreamMessage, galley_stream_message,
                     galley_stream_message_ref, galley_stream_message_unref)

typedef gboolean (*ParseFunc) (JsonNode             *root,
                               GalleyStreamMessage  *message,
                               GError              **error);

static gboolean parse_hello   (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_ping    (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_op      (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_changes (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_timer   (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_recipe  (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_deleted (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_pong    (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_ack     (JsonNode *root, GalleyStreamMessage *message, GError **error);
static gboolean parse_error   (JsonNode *root, GalleyStreamMessage *message, GError **error);

/* In the order of GalleyStreamMessageType. */
static const struct
{
  const char *name;
  gboolean from_server;
  ParseFunc parse;
} types[] = {
  { "hello",   FALSE, parse_hello },
  { "ping",    FALSE, parse_ping },
  { "op",      FALSE, parse_op },
  { "changes", TRUE,  parse_changes },
  { "timer",   TRUE,  parse_timer },
  { "recipe",  TRUE,  parse_recipe },
  { "deleted", TRUE,  parse_deleted },
  { "pong",    TRUE,  parse_pong },
  { "ack",     TRUE,  parse_ack },
  { "error",   TRUE,  parse_error },
};

G_STATIC_ASSERT (G_N_ELEMENTS (types) == GALLEY_STREAM_MESSAGE_ERROR + 1);

/* Longest part of an unknown "type" quoted back in the error, so that a
 * 64 KiB type name does not come back as a 64 KiB error. */
#define MAX_QUOTED_CHARS 40

static void
clear_message (gpointer data)
{
  GalleyStreamMessage *message = data;

  g_clear_pointer (&message->op_id, g_free);
  g_clear_pointer (&message->recipe_id, g_free);
  g_clear_pointer (&message->by, g_free);
  g_clear_pointer (&message->code, g_free);
  g_clear_pointer (&message->message, g_free);
  g_clear_object (&message->op);
  g_clear_object (&message->timer);
  g_clear_object (&message->recipe);
  g_clear_pointer (&message->recipes, g_ptr_array_unref);
  g_clear_pointer (&message->deleted, g_strfreev);
  g_clear_pointer (&message->timers, g_ptr_array_unref);
}

GalleyStreamMessage *
galley_stream_message_ref (GalleyStreamMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  return g_atomic_rc_box_acquire (message);
}

void
galley_stream_message_unref (GalleyStreamMessage *message)
{
  g_return_if_fail (message != NULL);

  g_atomic_rc_box_release_full (message, clear_message);
}

/**
 * galley_stream_message_type_to_string:
 *
 * Returns: the message's "type" as it is written
 */
const char *
galley_stream_message_type_to_string (GalleyStreamMessageType type)
{
  g_return_val_if_fail ((guint)type < G_N_ELEMENTS (types), NULL);

  return types[type].name;
}

/* Device ids appear in HLC stamps, where galley_hlc_parse() allows these
 * characters only. */
static gboolean
is_valid_device_id (const char *device_id)
{
  if (device_id == NULL || *device_id == '\0')
    return FALSE;

  for (const char *p = device_id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_valid_time (gint64 ms)
{
  return ms >= 0 && ms <= GALLEY_TIMER_MAX_TIME_MS;
}

static gboolean
is_valid_recipe (GalleyRecipe *recipe)
{
  return GALLEY_IS_RECIPE (recipe) &&
         galley_recipe_get_id (recipe) != NULL &&
         g_uuid_string_is_valid (galley_recipe_get_id (recipe));
}

static gboolean
is_valid_timer (GalleyTimer *timer)
{
  return GALLEY_IS_TIMER (timer) &&
         galley_timer_id_is_valid (galley_timer_get_id (timer)) &&
         galley_timer_get_updated (timer) != NULL;
}

static gboolean
read_rev (JsonObject  *object,
          const char  *member,
          gint64      *value,
          GError     **error)
{
  return galley_json_read_int (object, NULL, member, GALLEY_JSON_REQUIRED,
                               0, G_MAXINT64, NULL, value, error);
}

static gboolean
read_time (JsonObject  *object,
           const char  *member,
           gint64      *value,
           GError     **error)
{
  return galley_json_read_int (object, NULL, member, GALLEY_JSON_REQUIRED,
                               0, GALLEY_TIMER_MAX_TIME_MS, NULL, value, error);
}

static gboolean
read_recipe (JsonNode      *node,
             const char    *where,
             GalleyRecipe **recipe,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *recipe = galley_recipe_from_json_node (node, &local_error);

  /* The recipe reader's errors are import errors; here they are the
   * message's, with the place in the message in front. */
  if (*recipe == NULL)
    {
      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                   /* Translators: the first %s is a place in the message,
                    * e.g. “recipes[2]”, the second what is wrong there */
                   _("In “%s”: %s"), where, local_error->message);
      return FALSE;
    }

  if (!is_valid_recipe (*recipe))
    {
      g_clear_object (recipe);
      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                   /* Translators: %s is a place in the message, e.g. “recipes[2]” */
                   _("In “%s”: “id” should be a UUID"), where);
      return FALSE;
    }

  return TRUE;
}

static GalleyTimer *
read_timer (JsonNode    *node,
            const char  *where,
            GError     **error)
{
  GalleyTimer *timer = galley_timer_from_json_node (node, error);

  if (timer == NULL)
    g_prefix_error (error, _("In “%s”: "), where);

  return timer;
}

static GalleyTimer *
read_timer_member (JsonObject  *object,
                   const char  *member,
                   GError     **error)
{
  JsonNode *node = galley_json_read_object (object, NULL, member, error);

  return node != NULL ? read_timer (node, member, error) : NULL;
}

static gboolean
parse_hello (JsonNode             *root,
             GalleyStreamMessage  *message,
             GError              **error)
{
  return read_rev (json_node_get_object (root), "since", &message->since, error);
}

static gboolean
parse_ping (JsonNode             *root,
            GalleyStreamMessage  *message,
            GError              **error)
{
  return read_time (json_node_get_object (root), "c0", &message->c0, error);
}

static gboolean
parse_op (JsonNode             *root,
          GalleyStreamMessage  *message,
          GError              **error)
{
  message->op = galley_op_from_json_node (root, error);

  return message->op != NULL;
}

static gboolean
parse_changes (JsonNode             *root,
               GalleyStreamMessage  *message,
               GError              **error)
{
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GStrvBuilder) deleted = g_strv_builder_new ();
  JsonArray *recipes_array, *deleted_array, *timers_array;

  if (!read_rev (object, "rev", &message->rev, error) ||
      !read_time (object, "server_time", &message->server_time, error) ||
      !(recipes_array = galley_json_read_array (object, NULL, "recipes", error)) ||
      !(deleted_array = galley_json_read_array (object, NULL, "deleted", error)) ||
      !(timers_array = galley_json_read_array (object, NULL, "timers", error)))
    return FALSE;

  message->recipes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (recipes_array); i++)
    {
      g_autofree char *where = g_strdup_printf ("recipes[%u]", i);
      GalleyRecipe *recipe;

      if (!read_recipe (json_array_get_element (recipes_array, i), where, &recipe, error))
        return FALSE;
      g_ptr_array_add (message->recipes, recipe);
    }

  for (guint i = 0; i < json_array_get_length (deleted_array); i++)
    {
      JsonNode *node = json_array_get_element (deleted_array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_uuid_string_is_valid (json_node_get_string (node)))
        {
          g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                       /* Translators: %u is a position in a list, from 0 */
                       _("“deleted[%u]” should be a recipe id (a UUID)"), i);
          return FALSE;
        }
      g_strv_builder_add (deleted, json_node_get_string (node));
    }
  message->deleted = g_strv_builder_end (deleted);

  message->timers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (timers_array); i++)
    {
      g_autofree char *where = g_strdup_printf ("timers[%u]", i);
      GalleyTimer *timer = read_timer (json_array_get_element (timers_array, i), where, error);

      if (timer == NULL)
        return FALSE;
      g_ptr_array_add (message->timers, timer);
    }

  return TRUE;
}

static gboolean
parse_timer (JsonNode             *root,
             GalleyStreamMessage  *message,
             GError              **error)
{
  JsonObject *object = json_node_get_object (root);
  const char *by;

  if (!read_rev (object, "rev", &message->rev, error) ||
      !(message->timer = read_timer_member (object, "timer", error)) ||
      !galley_json_read_string (object, NULL, "by", GALLEY_JSON_REQUIRED, &by, error))
    return FALSE;

  if (!is_valid_device_id (by))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("“by” should be a device id: letters, digits and dashes"));
      return FALSE;
    }

  message->by = g_strdup (by);
  return TRUE;
}

static gboolean
parse_recipe (JsonNode             *root,
              GalleyStreamMessage  *message,
              GError              **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *recipe;

  return read_rev (object, "rev", &message->rev, error) &&
         (recipe = galley_json_read_object (object, NULL, "recipe", error)) &&
         read_recipe (recipe, "recipe", &message->recipe, error);
}

static gboolean
parse_deleted (JsonNode             *root,
               GalleyStreamMessage  *message,
               GError              **error)
{
  JsonObject *object = json_node_get_object (root);
  const char *recipe_id;

  if (!read_rev (object, "rev", &message->rev, error) ||
      !galley_json_read_uuid (object, NULL, "recipe", GALLEY_JSON_REQUIRED, &recipe_id, error))
    return FALSE;

  message->recipe_id = g_strdup (recipe_id);
  return TRUE;
}

static gboolean
parse_pong (JsonNode             *root,
            GalleyStreamMessage  *message,
            GError              **error)
{
  JsonObject *object = json_node_get_object (root);

  return read_time (object, "c0", &message->c0, error) &&
         read_time (object, "s1", &message->s1, error) &&
         read_time (object, "s2", &message->s2, error);
}

static gboolean
parse_ack (JsonNode             *root,
           GalleyStreamMessage  *message,
           GError              **error)
{
  JsonObject *object = json_node_get_object (root);
  const char *op_id;

  if (!galley_json_read_uuid (object, NULL, "op", GALLEY_JSON_REQUIRED, &op_id, error) ||
      !galley_json_read_boolean (object, NULL, "applied", &message->applied, error) ||
      !read_rev (object, "rev", &message->rev, error) ||
      !(message->timer = read_timer_member (object, "timer", error)))
    return FALSE;

  message->op_id = g_strdup (op_id);
  return TRUE;
}

static gboolean
parse_error (JsonNode             *root,
             GalleyStreamMessage  *message,
             GError              **error)
{
  JsonObject *object = json_node_get_object (root);
  const char *code, *text, *op_id;

  if (!galley_json_read_string (object, NULL, "code", GALLEY_JSON_REQUIRED, &code, error) ||
      !galley_json_read_string (object, NULL, "message", GALLEY_JSON_REQUIRED, &text, error) ||
      !galley_json_read_uuid (object, NULL, "op", GALLEY_JSON_OPTIONAL, &op_id, error))
    return FALSE;

  if (*code == '\0')
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("“code” should not be empty"));
      return FALSE;
    }

  message->code = g_strdup (code);
  message->message = g_strdup (text);
  message->op_id = g_strdup (op_id);
  return TRUE;
}

static void
set_unknown_type_error (GError     **error,
                        const char  *type_name)
{
  g_autofree char *quoted = NULL;

  if (g_utf8_strlen (type_name, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *start = g_utf8_substring (type_name, 0, MAX_QUOTED_CHARS);

      quoted = g_strconcat (start, "…", NULL);
    }
  else
    quoted = g_strdup (type_name);

  g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE,
               /* Translators: %s is the message's "type", as it was sent */
               _("Unknown message type “%s”"), quoted);
}

/* json-glib 1.6 turns a lone "\ud800" followed by another character into
 * bytes that are not UTF-8 (and drops the character), so valid text can
 * still give invalid strings; none may reach a label, a database or the
 * next message. The recursion is bounded by the depth check. */
static gboolean
strings_are_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        for (const GList *l = members; l != NULL; l = l->next)
          {
            if (!g_utf8_validate (l->data, -1, NULL) ||
                !strings_are_valid (json_object_get_member (object, l->data)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!strings_are_valid (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static GalleyStreamMessage *
parse (const char  *text,
       gsize        length,
       gsize        max_size,
       gboolean     from_server,
       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GalleyStreamMessage) message = NULL;
  const char *type_name;
  JsonNode *root;
  guint type;

  if (length > max_size || length > G_MAXSSIZE)
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_size);

      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_TOO_LARGE,
                   /* Translators: %s is a number of bytes */
                   _("The message is larger than the limit of %s bytes"), limit);
      return NULL;
    }

  /* Also refuses NUL bytes, which would cut the text short for json-glib. */
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("The message is not valid UTF-8 text"));
      return NULL;
    }

  if (!galley_json_check_depth (text, length, GALLEY_JSON_MAX_DEPTH, &local_error))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR,
                           g_error_matches (local_error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_DEEP)
                             ? GALLEY_PROTOCOL_ERROR_TOO_DEEP
                             : GALLEY_PROTOCOL_ERROR_INVALID,
                           local_error->message);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, length > 0 ? text : "", length, &local_error))
    {
      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                   /* Translators: %s is the JSON parser's own message */
                   _("The message is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("The message should be a JSON object"));
      return NULL;
    }

  if (!strings_are_valid (root))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("The message has a string that is not valid UTF-8 (a broken “\\u” escape)"));
      return NULL;
    }

  if (!galley_json_read_string (json_node_get_object (root), NULL, "type",
                                GALLEY_JSON_REQUIRED, &type_name, error))
    return NULL;

  for (type = 0; type < G_N_ELEMENTS (types); type++)
    {
      if (strcmp (type_name, types[type].name) == 0)
        break;
    }

  if (type == G_N_ELEMENTS (types))
    {
      set_unknown_type_error (error, type_name);
      return NULL;
    }

  if (types[type].from_server != from_server)
    {
      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE,
                   from_server
                     /* Translators: %s is a message type, e.g. “hello” */
                     ? _("“%s” messages go from clients to the server, not to clients")
                     /* Translators: %s is a message type, e.g. “pong” */
                     : _("“%s” messages go from the server to clients, not to the server"),
                   types[type].name);
      return NULL;
    }

  message = g_atomic_rc_box_new0 (GalleyStreamMessage);
  message->type = type;

  if (!types[type].parse (root, message, error))
    return NULL;

  return g_steal_pointer (&message);
}

/**
 * galley_stream_message_parse_from_client:
 * @text: (array length=length): a text message as it came from the network
 * @length: its length in bytes
 * @max_size: the largest message taken, usually
 *   %GALLEY_STREAM_MAX_MESSAGE_SIZE
 *
 * Reads a message that a client sent: "hello", "ping" or "op".
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with @error
 *   set in %GALLEY_PROTOCOL_ERROR: %GALLEY_PROTOCOL_ERROR_TOO_LARGE over
 *   @max_size, %GALLEY_PROTOCOL_ERROR_TOO_DEEP nested deeper than
 *   %GALLEY_JSON_MAX_DEPTH, %GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE for a
 *   "type" that is not a client's, %GALLEY_PROTOCOL_ERROR_INVALID for
 *   anything else (not UTF-8, not one JSON object, a field missing, of the
 *   wrong type or out of range)
 */
GalleyStreamMessage *
galley_stream_message_parse_from_client (const char  *text,
                                         gsize        length,
                                         gsize        max_size,
                                         GError     **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse (text, length, max_size, FALSE, error);
}

/**
 * galley_stream_message_parse_from_server:
 * @text: (array length=length): a text message as it came from the network
 * @length: its length in bytes
 * @max_size: the largest message taken
 *
 * Reads a message that the server sent: "changes", "timer", "recipe",
 * "deleted", "pong", "ack" or "error".
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with @error
 *   set as galley_stream_message_parse_from_client() does
 */
GalleyStreamMessage *
galley_stream_message_parse_from_server (const char  *text,
                                         gsize        length,
                                         gsize        max_size,
                                         GError     **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse (text, length, max_size, TRUE, error);
}

/* Starts a message object with its "type". */
static JsonBuilder *
begin_message (GalleyStreamMessageType type)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, types[type].name);

  return builder;
}

static char *
end_message (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* Takes @value. */
static void
add_node (JsonBuilder *builder,
          const char  *member,
          JsonNode    *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/**
 * galley_stream_message_build_hello:
 * @since: the last rev the client has seen, 0 for none
 *
 * Returns: (transfer full): `{"type":"hello","since":REV}`
 */
char *
galley_stream_message_build_hello (gint64 since)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (since >= 0, NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_HELLO);
  add_int (builder, "since", since);
  return end_message (builder);
}

/**
 * galley_stream_message_build_ping:
 * @c0: the client's clock as it sends the ping, ms
 *
 * Returns: (transfer full): `{"type":"ping","c0":MS}`
 */
char *
galley_stream_message_build_ping (gint64 c0)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (is_valid_time (c0), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_PING);
  add_int (builder, "c0", c0);
  return end_message (builder);
}

/**
 * galley_stream_message_build_op:
 *
 * Returns: (transfer full): `{"type":"op", …}` followed by the members of
 *   galley_op_to_json_node()
 */
char *
galley_stream_message_build_op (GalleyOp *op)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_return_val_if_fail (GALLEY_IS_OP (op), NULL);

  node = galley_op_to_json_node (op);
  object = json_node_get_object (node);
  members = json_object_get_members (object);

  builder = begin_message (GALLEY_STREAM_MESSAGE_OP);
  for (const GList *l = members; l != NULL; l = l->next)
    add_node (builder, l->data, json_node_copy (json_object_get_member (object, l->data)));
  return end_message (builder);
}

/**
 * galley_stream_message_build_changes:
 * @rev: the kitchen's rev that the changes bring the client to
 * @server_time: the server's clock, Unix ms
 * @recipes: (nullable) (element-type GalleyRecipe): new and changed
 *   recipes, each with a UUID id
 * @deleted: (nullable) (array zero-terminated=1): ids of deleted recipes
 * @timers: (nullable) (element-type GalleyTimer): changed timers
 *
 * Returns: (transfer full): `{"type":"changes","rev","server_time",
 *   "recipes":[…],"deleted":[…],"timers":[…]}`
 */
char *
galley_stream_message_build_changes (gint64              rev,
                                     gint64              server_time,
                                     GPtrArray          *recipes,
                                     const char * const *deleted,
                                     GPtrArray          *timers)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (rev >= 0, NULL);
  g_return_val_if_fail (is_valid_time (server_time), NULL);
  for (guint i = 0; recipes != NULL && i < recipes->len; i++)
    g_return_val_if_fail (is_valid_recipe (g_ptr_array_index (recipes, i)), NULL);
  for (guint i = 0; deleted != NULL && deleted[i] != NULL; i++)
    g_return_val_if_fail (g_uuid_string_is_valid (deleted[i]), NULL);
  for (guint i = 0; timers != NULL && i < timers->len; i++)
    g_return_val_if_fail (is_valid_timer (g_ptr_array_index (timers, i)), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_CHANGES);
  add_int (builder, "rev", rev);
  add_int (builder, "server_time", server_time);

  json_builder_set_member_name (builder, "recipes");
  json_builder_begin_array (builder);
  for (guint i = 0; recipes != NULL && i < recipes->len; i++)
    json_builder_add_value (builder, galley_recipe_to_json_node (g_ptr_array_index (recipes, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deleted");
  json_builder_begin_array (builder);
  for (guint i = 0; deleted != NULL && deleted[i] != NULL; i++)
    json_builder_add_string_value (builder, deleted[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "timers");
  json_builder_begin_array (builder);
  for (guint i = 0; timers != NULL && i < timers->len; i++)
    json_builder_add_value (builder, galley_timer_to_json_node (g_ptr_array_index (timers, i)));
  json_builder_end_array (builder);

  return end_message (builder);
}

/**
 * galley_stream_message_build_timer:
 * @rev: the kitchen's rev of the change
 * @timer: the timer after the change
 * @by: the id of the device that made the change
 *
 * Returns: (transfer full): `{"type":"timer","rev","timer":{…},"by"}`
 */
char *
galley_stream_message_build_timer (gint64       rev,
                                   GalleyTimer *timer,
                                   const char  *by)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (rev >= 0, NULL);
  g_return_val_if_fail (is_valid_timer (timer), NULL);
  g_return_val_if_fail (is_valid_device_id (by), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_TIMER);
  add_int (builder, "rev", rev);
  add_node (builder, "timer", galley_timer_to_json_node (timer));
  add_string (builder, "by", by);
  return end_message (builder);
}

/**
 * galley_stream_message_build_recipe:
 * @rev: the kitchen's rev of the change
 * @recipe: the new or changed recipe, with a UUID id
 *
 * Returns: (transfer full): `{"type":"recipe","rev","recipe":{…}}`
 */
char *
galley_stream_message_build_recipe (gint64        rev,
                                    GalleyRecipe *recipe)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (rev >= 0, NULL);
  g_return_val_if_fail (is_valid_recipe (recipe), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_RECIPE);
  add_int (builder, "rev", rev);
  add_node (builder, "recipe", galley_recipe_to_json_node (recipe));
  return end_message (builder);
}

/**
 * galley_stream_message_build_deleted:
 * @rev: the kitchen's rev of the change
 * @recipe_id: the deleted recipe's id
 *
 * Returns: (transfer full): `{"type":"deleted","rev","recipe":ID}`
 */
char *
galley_stream_message_build_deleted (gint64      rev,
                                     const char *recipe_id)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (rev >= 0, NULL);
  g_return_val_if_fail (recipe_id != NULL && g_uuid_string_is_valid (recipe_id), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_DELETED);
  add_int (builder, "rev", rev);
  add_string (builder, "recipe", recipe_id);
  return end_message (builder);
}

/**
 * galley_stream_message_build_pong:
 * @c0: the ping's c0, returned as it came
 * @s1: the server's clock when the ping arrived, Unix ms
 * @s2: the server's clock as the pong leaves, Unix ms
 *
 * Returns: (transfer full): `{"type":"pong","c0","s1","s2"}`
 */
char *
galley_stream_message_build_pong (gint64 c0,
                                  gint64 s1,
                                  gint64 s2)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (is_valid_time (c0), NULL);
  g_return_val_if_fail (is_valid_time (s1), NULL);
  g_return_val_if_fail (is_valid_time (s2), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_PONG);
  add_int (builder, "c0", c0);
  add_int (builder, "s1", s1);
  add_int (builder, "s2", s2);
  return end_message (builder);
}

/**
 * galley_stream_message_build_ack:
 * @op_id: the op's id
 * @applied: whether the op was newer than the server's timer
 * @rev: the kitchen's rev after the op
 * @timer: the timer as the server has it after the op
 *
 * Returns: (transfer full): `{"type":"ack","op","applied","rev","timer":{…}}`
 */
char *
galley_stream_message_build_ack (const char  *op_id,
                                 gboolean     applied,
                                 gint64       rev,
                                 GalleyTimer *timer)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (op_id != NULL && g_uuid_string_is_valid (op_id), NULL);
  g_return_val_if_fail (rev >= 0, NULL);
  g_return_val_if_fail (is_valid_timer (timer), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_ACK);
  add_string (builder, "op", op_id);
  json_builder_set_member_name (builder, "applied");
  json_builder_add_boolean_value (builder, applied);
  add_int (builder, "rev", rev);
  add_node (builder, "timer", galley_timer_to_json_node (timer));
  return end_message (builder);
}

/**
 * galley_stream_message_build_error:
 * @code: a machine-readable code, see galley_stream_error_code()
 * @message: what is wrong, for people
 * @op_id: (nullable): the op the error is about
 *
 * Returns: (transfer full): `{"type":"error","code","message"}`, with
 *   `"op"` after them when @op_id is given
 */
char *
galley_stream_message_build_error (const char *code,
                                   const char *message,
                                   const char *op_id)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (code != NULL && *code != '\0', NULL);
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (op_id == NULL || g_uuid_string_is_valid (op_id), NULL);

  builder = begin_message (GALLEY_STREAM_MESSAGE_ERROR);
  add_string (builder, "code", code);
  add_string (builder, "message", message);
  if (op_id != NULL)
    add_string (builder, "op", op_id);
  return end_message (builder);
}

/**
 * galley_stream_error_code:
 * @error: why a message was refused
 *
 * Returns: the "code" of the error message that answers it: "invalid",
 *   "too_large", "too_deep" or "unknown_type" for the
 *   %GALLEY_PROTOCOL_ERROR codes, "invalid" for a recipe that does not
 *   read (%GALLEY_IMPORT_ERROR), "failed" for anything else
 */
const char *
galley_stream_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == GALLEY_PROTOCOL_ERROR)
    {
      switch ((GalleyProtocolError)error->code)
        {
        case GALLEY_PROTOCOL_ERROR_TOO_LARGE:
          return "too_large";
        case GALLEY_PROTOCOL_ERROR_TOO_DEEP:
          return "too_deep";
        case GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE:
          return "unknown_type";
        case GALLEY_PROTOCOL_ERROR_INVALID:
        default:
          return "invalid";
        }
    }

  if (error->domain == GALLEY_IMPORT_ERROR)
    return "invalid";

  return "failed";
}
