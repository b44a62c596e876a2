/* galley-server-stream.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-server-stream"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "galley-error.h"
#include "galley-server-stream.h"
#include "galley-stream-message.h"
#include "galley-timer-json.h"

/* The open streams of GET /api/v1/stream (docs/protocol.md), by kitchen.
 * Like the HTTP handlers, everything runs on the main loop and the store is
 * synchronous: an op is committed before its ack leaves, and the broadcasts
 * leave in the order of the revs the store gave out.
 *
 * "galley-server device revoke" is another process, so it cannot close a
 * revoked device's open stream: the stream looks the device up again on each
 * message it gets and closes with 1008 once the device is revoked. A revoked
 * device that stays silent keeps receiving until the keepalive or idle
 * timeout ends its stream or it sends something. */

typedef struct
{
  GalleyServerStream *self;     /* not a reference: the streams die with it */
  SoupWebsocketConnection *connection;
  char *kitchen_id;
  char *device_id;
  gint64 last_seen_us;          /* monotonic */
} Client;

struct _GalleyServerStream
{
  GObject parent_instance;

  GalleyServerStore *store;
  GHashTable *kitchens;         /* kitchen id → GPtrArray of Client */
  guint sweep_id;               /* one timer for the idle check of every stream */
};

G_DEFINE_FINAL_TYPE (GalleyServerStream, galley_server_stream, G_TYPE_OBJECT)

static gint64
now_ms (GalleyServerStream *self)
{
  return galley_clock_get_wall_ms (galley_server_store_get_clock (self->store));
}

static void
client_free (Client *client)
{
  g_signal_handlers_disconnect_by_data (client->connection, client);
  g_clear_object (&client->connection);
  g_free (client->kitchen_id);
  g_free (client->device_id);
  g_free (client);
}

static void
client_close (Client     *client,
              gushort     code,
              const char *reason)
{
  if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->connection, code, reason);
}

static void
client_send (Client     *client,
             const char *text)
{
  if (text != NULL &&
      soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (client->connection, text);
}

static const char *
error_code (const GError *error)
{
  if (error->domain == GALLEY_SERVER_STORE_ERROR)
    {
      switch ((GalleyServerStoreError) error->code)
        {
        case GALLEY_SERVER_STORE_ERROR_INVALID:
          return "invalid";
        case GALLEY_SERVER_STORE_ERROR_NOT_FOUND:
          return "not_found";
        case GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED:
          return "unauthorized";
        case GALLEY_SERVER_STORE_ERROR_FAILED:
        case GALLEY_SERVER_STORE_ERROR_TOO_NEW:
        case GALLEY_SERVER_STORE_ERROR_CORRUPT:
        case GALLEY_SERVER_STORE_ERROR_INVITE_UNKNOWN:
        case GALLEY_SERVER_STORE_ERROR_INVITE_EXPIRED:
        case GALLEY_SERVER_STORE_ERROR_INVITE_USED:
        default:
          return "failed";
        }
    }

  return galley_stream_error_code (error);
}

static void
client_send_error (Client       *client,
                   const GError *error,
                   const char   *op_id)
{
  const char *code = error_code (error);
  g_autofree char *text = NULL;

  if (g_str_equal (code, "failed"))
    {
      /* The details are for the admin's log, not for the client. */
      g_warning ("Stream of device %s failed: %s", client->device_id, error->message);
      text = galley_stream_message_build_error (code, _("The server failed to answer; its log says why"),
                                                op_id);
    }
  else
    text = galley_stream_message_build_error (code, error->message, op_id);

  client_send (client, text);
}

static GPtrArray *
get_kitchen_clients (GalleyServerStream *self,
                     const char         *kitchen_id)
{
  return g_hash_table_lookup (self->kitchens, kitchen_id);
}

/* Sends @text to every open stream of @kitchen_id but @except's. */
static void
broadcast (GalleyServerStream *self,
           const char         *kitchen_id,
           Client             *except,
           const char         *text)
{
  GPtrArray *clients = get_kitchen_clients (self, kitchen_id);

  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      Client *client = g_ptr_array_index (clients, i);

      if (client != except)
        client_send (client, text);
    }
}

/* Whether the device behind @client may still use the stream. */
static gboolean
check_device (Client *client)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;

  if (!(devices = galley_server_store_list_devices (client->self->store, client->kitchen_id, &error)))
    {
      g_warning ("Could not check device %s: %s", client->device_id, error->message);
      client_close (client, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, NULL);
      return FALSE;
    }

  for (guint i = 0; i < devices->len; i++)
    {
      GalleyServerDevice *device = g_ptr_array_index (devices, i);

      if (g_strcmp0 (device->id, client->device_id) == 0 && device->revoked_at == 0)
        return TRUE;
    }

  client_close (client, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "device revoked");
  return FALSE;
}

static void
handle_hello (Client              *client,
              GalleyStreamMessage *message)
{
  GalleyServerStream *self = client->self;
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  if (!(changes = galley_server_store_changes_since (self->store, client->kitchen_id,
                                                     message->since, NULL, &error)))
    {
      client_send_error (client, error, NULL);
      return;
    }

  /* Built here rather than by galley_stream_message_build_changes(): the
   * store has the recipes and timers as JSON already. */
  object = json_node_get_object (changes);
  answer = json_object_new ();
  json_object_set_string_member (answer, "type", "changes");
  json_object_set_int_member (answer, "rev", json_object_get_int_member (object, "rev"));
  json_object_set_int_member (answer, "server_time", now_ms (self));
  json_object_set_member (answer, "recipes", json_object_dup_member (object, "recipes"));
  json_object_set_member (answer, "deleted", json_object_dup_member (object, "deleted"));
  json_object_set_member (answer, "timers", json_object_dup_member (object, "timers"));

  node = json_node_init_object (json_node_alloc (), answer);
  text = json_to_string (node, FALSE);
  client_send (client, text);
}

static void
handle_op (Client              *client,
           GalleyStreamMessage *message)
{
  GalleyServerStream *self = client->self;
  g_autoptr(GalleyServerKitchen) kitchen = NULL;
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GalleyTimer) timer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ack = NULL;
  GalleyServerOpResult *result;
  const char *op_id = galley_op_get_id (message->op);

  /* An op seen before gets its first result again, "applied" included;
   * only a new rev is news for the other streams. */
  if (!(kitchen = galley_server_store_get_kitchen (self->store, client->kitchen_id, &error)))
    {
      client_send_error (client, error, op_id);
      return;
    }

  g_ptr_array_add (ops, g_object_ref (message->op));
  if (!(results = galley_server_store_apply_ops (self->store, client->kitchen_id,
                                                 client->device_id, ops, &error)) ||
      !(timer = galley_timer_from_json_node (((GalleyServerOpResult *) g_ptr_array_index (results, 0))->timer,
                                             &error)))
    {
      client_send_error (client, error, op_id);
      return;
    }

  result = g_ptr_array_index (results, 0);
  ack = galley_stream_message_build_ack (result->op, result->applied, result->rev, timer);
  client_send (client, ack);

  if (result->applied && result->rev > kitchen->rev)
    {
      g_autofree char *text = galley_stream_message_build_timer (result->rev, timer, client->device_id);

      broadcast (self, client->kitchen_id, client, text);
    }
}

static void
on_message (SoupWebsocketConnection *connection,
            gint                     type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Client *client = user_data;
  GalleyServerStream *self = client->self;
  g_autoptr(GalleyStreamMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gint64 received = now_ms (self);
  const char *data;
  gsize length;

  client->last_seen_us = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      client_close (client, SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA, "JSON text messages only");
      return;
    }

  if (!check_device (client))
    return;

  data = g_bytes_get_data (bytes, &length);
  if (!(message = galley_stream_message_parse_from_client (data ? data : "", length,
                                                           GALLEY_STREAM_MAX_MESSAGE_SIZE, &error)))
    {
      client_send_error (client, error, NULL);
      return;
    }

  switch (message->type)
    {
    case GALLEY_STREAM_MESSAGE_HELLO:
      handle_hello (client, message);
      break;
    case GALLEY_STREAM_MESSAGE_PING:
      {
        g_autofree char *pong = NULL;

        pong = galley_stream_message_build_pong (message->c0, received, MAX (received, now_ms (self)));
        client_send (client, pong);
      }
      break;
    case GALLEY_STREAM_MESSAGE_OP:
      handle_op (client, message);
      break;
    case GALLEY_STREAM_MESSAGE_CHANGES:
    case GALLEY_STREAM_MESSAGE_TIMER:
    case GALLEY_STREAM_MESSAGE_RECIPE:
    case GALLEY_STREAM_MESSAGE_DELETED:
    case GALLEY_STREAM_MESSAGE_PONG:
    case GALLEY_STREAM_MESSAGE_ACK:
    case GALLEY_STREAM_MESSAGE_ERROR:
    default:
      /* parse_from_client() takes only the client's types. */
      g_assert_not_reached ();
    }
}

static void
on_pong (SoupWebsocketConnection *connection,
         GBytes                  *bytes,
         gpointer                 user_data)
{
  Client *client = user_data;

  client->last_seen_us = g_get_monotonic_time ();
}

/* libsoup 3.2 drops a connection whose message is over the limit without
 * sending a close frame: this is the only trace of why. */
static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          gpointer                 user_data)
{
  Client *client = user_data;

  g_debug ("Stream of device %s: %s", client->device_id, error->message);
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  Client *client = user_data;
  GalleyServerStream *self = client->self;
  GPtrArray *clients = get_kitchen_clients (self, client->kitchen_id);

  g_debug ("Stream of device %s closed (%u)", client->device_id,
           soup_websocket_connection_get_close_code (connection));

  if (clients != NULL)
    {
      g_ptr_array_remove (clients, client);
      if (clients->len == 0)
        g_hash_table_remove (self->kitchens, client->kitchen_id);
    }

  client_free (client);
}

/* libsoup 3.2 pings but has no pong timeout: one sweep for all streams. */
static gboolean
sweep_idle (gpointer user_data)
{
  GalleyServerStream *self = user_data;
  gint64 oldest = g_get_monotonic_time () - GALLEY_SERVER_STREAM_IDLE_TIMEOUT_S * G_USEC_PER_SEC;
  GHashTableIter iter;
  GPtrArray *clients;

  g_hash_table_iter_init (&iter, self->kitchens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &clients))
    {
      for (guint i = 0; i < clients->len; i++)
        {
          Client *client = g_ptr_array_index (clients, i);

          /* Closing emits "closed" later, from the main loop. */
          if (client->last_seen_us < oldest)
            client_close (client, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "idle");
        }
    }

  return G_SOURCE_CONTINUE;
}

static void
galley_server_stream_dispose (GObject *object)
{
  GalleyServerStream *self = GALLEY_SERVER_STREAM (object);

  galley_server_stream_close_all (self);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (galley_server_stream_parent_class)->dispose (object);
}

static void
galley_server_stream_finalize (GObject *object)
{
  GalleyServerStream *self = GALLEY_SERVER_STREAM (object);

  g_clear_pointer (&self->kitchens, g_hash_table_unref);

  G_OBJECT_CLASS (galley_server_stream_parent_class)->finalize (object);
}

static void
galley_server_stream_class_init (GalleyServerStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = galley_server_stream_dispose;
  object_class->finalize = galley_server_stream_finalize;
}

static void
galley_server_stream_init (GalleyServerStream *self)
{
  self->kitchens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
}

/**
 * galley_server_stream_new:
 * @store: the store the streams serve
 *
 * Returns: (transfer full): a set of streams, empty for now
 */
GalleyServerStream *
galley_server_stream_new (GalleyServerStore *store)
{
  GalleyServerStream *self;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (store), NULL);

  self = g_object_new (GALLEY_TYPE_SERVER_STREAM, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * galley_server_stream_add:
 * @self: a #GalleyServerStream
 * @connection: a connection just upgraded to a WebSocket
 * @kitchen_id: the kitchen of the authenticated device
 * @device_id: the authenticated device
 *
 * Takes a reference on @connection and answers its messages until it
 * closes.
 */
void
galley_server_stream_add (GalleyServerStream      *self,
                          SoupWebsocketConnection *connection,
                          const char              *kitchen_id,
                          const char              *device_id)
{
  Client *client;
  GPtrArray *clients;

  g_return_if_fail (GALLEY_IS_SERVER_STREAM (self));
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection));
  g_return_if_fail (kitchen_id != NULL);
  g_return_if_fail (device_id != NULL);

  client = g_new0 (Client, 1);
  client->self = self;
  client->connection = g_object_ref (connection);
  client->kitchen_id = g_strdup (kitchen_id);
  client->device_id = g_strdup (device_id);
  client->last_seen_us = g_get_monotonic_time ();

  soup_websocket_connection_set_max_incoming_payload_size (connection, GALLEY_STREAM_MAX_MESSAGE_SIZE);
  soup_websocket_connection_set_keepalive_interval (connection, GALLEY_SERVER_STREAM_KEEPALIVE_S);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), client);
  g_signal_connect (connection, "pong", G_CALLBACK (on_pong), client);
  g_signal_connect (connection, "error", G_CALLBACK (on_error), client);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), client);

  if (!(clients = get_kitchen_clients (self, kitchen_id)))
    {
      clients = g_ptr_array_new ();
      g_hash_table_insert (self->kitchens, g_strdup (kitchen_id), clients);
    }
  g_ptr_array_add (clients, client);

  if (self->sweep_id == 0)
    self->sweep_id = g_timeout_add_seconds (GALLEY_SERVER_STREAM_KEEPALIVE_S, sweep_idle, self);
}

/**
 * galley_server_stream_push_recipe:
 * @self: a #GalleyServerStream
 * @kitchen_id: the kitchen whose recipe changed
 * @rev: the rev of the change
 * @recipe: the recipe as stored, with its id
 *
 * Sends a `recipe` message to every open stream of @kitchen_id.
 */
void
galley_server_stream_push_recipe (GalleyServerStream *self,
                                  const char         *kitchen_id,
                                  gint64              rev,
                                  GalleyRecipe       *recipe)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GALLEY_IS_SERVER_STREAM (self));
  g_return_if_fail (kitchen_id != NULL);
  g_return_if_fail (GALLEY_IS_RECIPE (recipe));

  if (get_kitchen_clients (self, kitchen_id) == NULL)
    return;

  text = galley_stream_message_build_recipe (rev, recipe);
  broadcast (self, kitchen_id, NULL, text);
}

/**
 * galley_server_stream_push_deleted:
 * @self: a #GalleyServerStream
 * @kitchen_id: the kitchen whose recipe was deleted
 * @rev: the rev of the change
 * @recipe_id: the deleted recipe's id
 *
 * Sends a `deleted` message to every open stream of @kitchen_id.
 */
void
galley_server_stream_push_deleted (GalleyServerStream *self,
                                   const char         *kitchen_id,
                                   gint64              rev,
                                   const char         *recipe_id)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GALLEY_IS_SERVER_STREAM (self));
  g_return_if_fail (kitchen_id != NULL);
  g_return_if_fail (recipe_id != NULL);

  if (get_kitchen_clients (self, kitchen_id) == NULL)
    return;

  text = galley_stream_message_build_deleted (rev, recipe_id);
  broadcast (self, kitchen_id, NULL, text);
}

/**
 * galley_server_stream_close_all:
 * @self: a #GalleyServerStream
 *
 * Closes every open stream with 1001 (going away) and forgets them.
 */
void
galley_server_stream_close_all (GalleyServerStream *self)
{
  GHashTableIter iter;
  GPtrArray *clients;

  g_return_if_fail (GALLEY_IS_SERVER_STREAM (self));

  g_hash_table_iter_init (&iter, self->kitchens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &clients))
    {
      for (guint i = 0; i < clients->len; i++)
        {
          Client *client = g_ptr_array_index (clients, i);

          client_close (client, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server shutting down");
          client_free (client);
        }
      g_hash_table_iter_remove (&iter);
    }
}
