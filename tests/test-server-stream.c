/* test-server-stream.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "galley-stream-message.h"
#include "galley-test-server.h"

/* GET /api/v1/stream as a client sees it: the real galley-server binary,
 * spoken to with libsoup's WebSocket client. Every message the server sends
 * is read with the client's own parser, so each one is also checked against
 * the protocol. */

/* Long enough for a slow sanitizer build; a hang fails instead of waiting
 * for meson's timeout. */
#define WAIT_S 20

typedef struct
{
  char *db_path;
  GSubprocess *server;
  guint16 port;
  SoupSession *session;
  char *kitchen;
  char *invite;
} Fixture;

typedef struct
{
  SoupWebsocketConnection *connection;
  GQueue messages;      /* GalleyStreamMessage */
  gboolean closed;
} Stream;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  f->db_path = g_build_filename (g_get_user_data_dir (), "galley-server.db", NULL);
  f->kitchen = galley_test_server_add_kitchen (f->db_path, "Home", &f->invite);
  f->server = galley_test_server_start (f->db_path, &f->port);
  /* No desktop proxy resolver: the isolated XDG dirs hide its settings. */
  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  /* A client that offers permessage-deflate, as browsers do. */
  if (!soup_session_has_feature (f->session, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER))
    soup_session_add_feature_by_type (f->session, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->session);
  galley_test_server_stop (f->server);
  g_clear_object (&f->server);
  g_free (f->db_path);
  g_free (f->kitchen);
  g_free (f->invite);
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@done, failing the test after WAIT_S. */
static void
wait_for (const gboolean *done)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_S, on_timeout, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Joins @invite over HTTP; returns the token and sets the device id. */
static char *
join (Fixture     *f,
      const char  *invite,
      char       **device)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/api/v1/join", f->port);
  g_autofree char *body = g_strdup_printf ("{\"invite\":\"%s\",\"device_name\":\"Phone\"}", invite);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  if (device != NULL)
    *device = g_strdup (json_object_get_string_member (object, "device"));
  return g_strdup (json_object_get_string_member (object, "token"));
}

/* Sends an HTTP request with @token; returns the answer's JSON. */
static JsonNode *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *content_type,
      const char *body,
      guint       expected_status)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", f->port, path);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, request);
    }

  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  return node;
}

static void
on_message (SoupWebsocketConnection *connection,
            gint                     type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Stream *stream = user_data;
  g_autoptr(GError) error = NULL;
  GalleyStreamMessage *message;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  message = galley_stream_message_parse_from_server (text, length, G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_queue_push_tail (&stream->messages, message);
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  Stream *stream = user_data;

  stream->closed = TRUE;
}

typedef struct
{
  SoupWebsocketConnection *connection;
  GError *error;
  gboolean done;
} Connecting;

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connecting *connecting = user_data;

  connecting->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
                                                                  &connecting->error);
  connecting->done = TRUE;
}

/* Opens a stream with @token (none if NULL); on refusal returns NULL and
 * sets @status to the handshake's HTTP status. */
static Stream *
try_connect (Fixture    *f,
             const char *token,
             guint      *status)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/api/v1/stream", f->port);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  Connecting connecting = { NULL, NULL, FALSE };
  const char *offered;
  Stream *stream;

  if (token != NULL)
    {
      g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", authorization);
    }

  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, &connecting);
  wait_for (&connecting.done);
  *status = soup_message_get_status (msg);

  if (connecting.connection == NULL)
    {
      g_assert_nonnull (connecting.error);
      g_clear_error (&connecting.error);
      return NULL;
    }

  g_assert_no_error (connecting.error);
  g_assert_cmpuint (*status, ==, SOUP_STATUS_SWITCHING_PROTOCOLS);

  /* libsoup's client offers compression; the server takes none of it. */
  offered = soup_message_headers_get_one (soup_message_get_request_headers (msg),
                                          "Sec-WebSocket-Extensions");
  g_assert_nonnull (offered);
  g_assert_nonnull (strstr (offered, "permessage-deflate"));
  g_assert_null (soup_websocket_connection_get_extensions (connecting.connection));

  stream = g_new0 (Stream, 1);
  stream->connection = connecting.connection;
  g_queue_init (&stream->messages);
  g_signal_connect (stream->connection, "message", G_CALLBACK (on_message), stream);
  g_signal_connect (stream->connection, "closed", G_CALLBACK (on_closed), stream);
  return stream;
}

static Stream *
connect_stream (Fixture    *f,
                const char *token)
{
  guint status;
  Stream *stream = try_connect (f, token, &status);

  g_assert_nonnull (stream);
  return stream;
}

static void
stream_free (Stream *stream)
{
  if (soup_websocket_connection_get_state (stream->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (stream->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  wait_for (&stream->closed);

  g_signal_handlers_disconnect_by_data (stream->connection, stream);
  g_assert_finalize_object (stream->connection);
  g_queue_clear_full (&stream->messages, (GDestroyNotify) galley_stream_message_unref);
  g_free (stream);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stream, stream_free)

static GalleyStreamMessage *
next_message (Stream                  *stream,
              GalleyStreamMessageType  type)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_S, on_timeout, &timed_out);
  GalleyStreamMessage *message;

  while (g_queue_is_empty (&stream->messages) && !stream->closed && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);

  message = g_queue_pop_head (&stream->messages);
  g_assert_nonnull (message);
  g_assert_cmpstr (galley_stream_message_type_to_string (message->type), ==,
                   galley_stream_message_type_to_string (type));
  return message;
}

static void
send_text (Stream     *stream,
           const char *text)
{
  soup_websocket_connection_send_text (stream->connection, text);
}

/* A ping answered by its pong; the server answers in order, so nothing
 * it had sent this stream before is still on its way. */
static void
assert_ping (Stream *stream)
{
  gint64 c0 = g_get_real_time () / 1000;
  g_autofree char *ping = galley_stream_message_build_ping (c0);
  g_autoptr(GalleyStreamMessage) pong = NULL;

  send_text (stream, ping);
  pong = next_message (stream, GALLEY_STREAM_MESSAGE_PONG);
  g_assert_cmpint (pong->c0, ==, c0);
  g_assert_cmpint (pong->s1, <=, pong->s2);
  g_assert_cmpint (pong->s1, >, c0 - 60000);
  g_assert_cmpint (pong->s2, <, c0 + 60000);
}

static void
assert_closed_with (Stream *stream,
                    gushort code)
{
  wait_for (&stream->closed);
  g_assert_cmpuint (soup_websocket_connection_get_close_code (stream->connection), ==, code);
}

static char *
make_start_op (const char *op_id,
               const char *timer_id,
               const char *device)
{
  gint64 now = g_get_real_time () / 1000;

  return g_strdup_printf ("{\"type\":\"op\",\"op\":\"%s\",\"timer\":\"%s\",\"action\":\"start\","
                          "\"updated\":\"%015" G_GINT64_FORMAT "-0000-%s\","
                          "\"state\":{\"status\":\"running\",\"duration_ms\":600000,"
                          "\"ends_at\":%" G_GINT64_FORMAT ",\"remaining_ms\":null},"
                          "\"label\":\"Tea\",\"detail\":null}",
                          op_id, timer_id, now, device, now + 600000);
}

static void
test_handshake (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *token = join (f, f->invite, NULL);
  guint status = 0;
  Stream *refused;
  g_autoptr(Stream) stream = NULL;
  g_autoptr(GalleyStreamMessage) changes = NULL;
  g_autofree char *hello = galley_stream_message_build_hello (0);

  refused = try_connect (f, NULL, &status);
  g_assert_null (refused);
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);

  refused = try_connect (f, "not-a-token", &status);
  g_assert_null (refused);
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);

  stream = connect_stream (f, token);
  send_text (stream, hello);
  changes = next_message (stream, GALLEY_STREAM_MESSAGE_CHANGES);
  g_assert_cmpint (changes->rev, ==, 0);
  g_assert_cmpuint (changes->recipes->len, ==, 0);
  g_assert_cmpuint (changes->timers->len, ==, 0);

  assert_ping (stream);
}

static void
test_kitchens (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *device_a = NULL;
  g_autofree char *invite_b = NULL;
  g_autofree char *other_invite = NULL;
  g_autofree char *other_kitchen = galley_test_server_add_kitchen (f->db_path, "Next door", &other_invite);
  g_autoptr(JsonNode) invite_node = galley_test_server_run_admin (f->db_path, "kitchen", "invite",
                                                                  f->kitchen, NULL);
  g_autofree char *token_a = join (f, f->invite, &device_a);
  g_autofree char *token_b = NULL;
  g_autofree char *token_c = join (f, other_invite, NULL);
  g_autofree char *timer_uuid = g_uuid_string_random ();
  g_autofree char *timer_id = g_strdup_printf ("kitchen/%s", timer_uuid);
  g_autofree char *op_id = g_uuid_string_random ();
  g_autofree char *op = make_start_op (op_id, timer_id, device_a);
  g_autofree char *hello = galley_stream_message_build_hello (0);
  g_autoptr(Stream) a = NULL;
  g_autoptr(Stream) b = NULL;
  g_autoptr(Stream) c = NULL;
  g_autoptr(Stream) late = NULL;
  g_autoptr(GalleyStreamMessage) ack = NULL;
  g_autoptr(GalleyStreamMessage) again = NULL;
  g_autoptr(GalleyStreamMessage) timer = NULL;
  g_autoptr(GalleyStreamMessage) changes = NULL;
  g_autoptr(GalleyStreamMessage) recipe_a = NULL;
  g_autoptr(GalleyStreamMessage) recipe_b = NULL;
  g_autoptr(GalleyStreamMessage) deleted_b = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) removed = NULL;
  g_autofree char *recipe_path = NULL;
  const char *recipe_id;

  g_assert_nonnull (invite_node);
  invite_b = g_strdup (json_object_get_string_member (json_node_get_object (invite_node), "invite"));
  token_b = join (f, invite_b, NULL);

  a = connect_stream (f, token_a);
  b = connect_stream (f, token_b);
  c = connect_stream (f, token_c);

  /* An op from A: A's ack, B's timer, nothing for the other kitchen. */
  send_text (a, op);
  ack = next_message (a, GALLEY_STREAM_MESSAGE_ACK);
  g_assert_cmpstr (ack->op_id, ==, op_id);
  g_assert_true (ack->applied);
  g_assert_cmpint (ack->rev, >, 0);
  g_assert_cmpstr (galley_timer_get_id (ack->timer), ==, timer_id);
  g_assert_cmpint (galley_timer_get_status (ack->timer), ==, GALLEY_TIMER_STATUS_RUNNING);

  timer = next_message (b, GALLEY_STREAM_MESSAGE_TIMER);
  g_assert_cmpint (timer->rev, ==, ack->rev);
  g_assert_cmpstr (timer->by, ==, device_a);
  g_assert_cmpstr (galley_timer_get_id (timer->timer), ==, timer_id);
  assert_ping (b);
  assert_ping (c);
  assert_ping (a);

  /* The same op again: the same answer, and no news for anyone. */
  send_text (a, op);
  again = next_message (a, GALLEY_STREAM_MESSAGE_ACK);
  g_assert_cmpstr (again->op_id, ==, op_id);
  g_assert_cmpint (again->applied, ==, ack->applied);
  g_assert_cmpint (again->rev, ==, ack->rev);
  assert_ping (b);
  assert_ping (c);

  /* A device that comes later catches up with hello. */
  late = connect_stream (f, token_b);
  send_text (late, hello);
  changes = next_message (late, GALLEY_STREAM_MESSAGE_CHANGES);
  g_assert_cmpint (changes->rev, ==, ack->rev);
  g_assert_cmpuint (changes->timers->len, ==, 1);
  g_assert_cmpstr (galley_timer_get_id (g_ptr_array_index (changes->timers, 0)), ==, timer_id);
  g_assert_cmpint (changes->server_time, >, 0);

  /* Recipe changes over HTTP reach every stream of the kitchen. */
  created = call (f, "POST", "/api/v1/recipes", token_b, "text/x-cooklang",
                  ">> title: Strong tea\n\nSteep the @tea bag{1} for 4 minutes.\n", 201);
  recipe_id = json_object_get_string_member (json_node_get_object (created), "id");
  recipe_a = next_message (a, GALLEY_STREAM_MESSAGE_RECIPE);
  recipe_b = next_message (b, GALLEY_STREAM_MESSAGE_RECIPE);
  g_assert_cmpstr (galley_recipe_get_id (recipe_a->recipe), ==, recipe_id);
  g_assert_cmpstr (galley_recipe_get_title (recipe_b->recipe), ==, "Strong tea");
  g_assert_cmpint (recipe_a->rev, >, ack->rev);

  recipe_path = g_strdup_printf ("/api/v1/recipes/%s", recipe_id);
  removed = call (f, "DELETE", recipe_path, token_a, NULL, NULL, 200);
  deleted_b = next_message (b, GALLEY_STREAM_MESSAGE_DELETED);
  g_assert_cmpstr (deleted_b->recipe_id, ==, recipe_id);
  g_assert_cmpint (deleted_b->rev, >, recipe_a->rev);
  assert_ping (c);

  g_assert_cmpstr (other_kitchen, !=, f->kitchen);
}

static void
test_bad_messages (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = join (f, f->invite, NULL);
  g_autoptr(Stream) stream = connect_stream (f, token);
  g_autoptr(Stream) binary = connect_stream (f, token);
  g_autoptr(Stream) large = connect_stream (f, token);
  g_autoptr(Stream) fresh = NULL;
  g_autoptr(GalleyStreamMessage) error = NULL;
  g_autoptr(GalleyStreamMessage) unknown = NULL;
  g_autoptr(GalleyStreamMessage) padded = NULL;
  g_autofree char *big = NULL;
  gsize big_size = 100 * 1024;

  send_text (stream, "{\"type\":\"hello\",");
  error = next_message (stream, GALLEY_STREAM_MESSAGE_ERROR);
  g_assert_cmpstr (error->code, ==, "invalid");
  g_assert_cmpstr (error->message, !=, "");
  send_text (stream, "{\"type\":\"subscribe\"}");
  unknown = next_message (stream, GALLEY_STREAM_MESSAGE_ERROR);
  g_assert_cmpstr (unknown->code, ==, "unknown_type");
  assert_ping (stream);

  soup_websocket_connection_send_binary (binary->connection, "{}", 2);
  assert_closed_with (binary, SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA);

  /* A JSON string just over the limit. */
  big = g_malloc (big_size + 1);
  memset (big, ' ', big_size);
  memcpy (big, "{\"type\":\"ping\",\"c0\":1}", strlen ("{\"type\":\"ping\",\"c0\":1}"));
  big[big_size] = '\0';
  send_text (large, big);
  wait_for (&large->closed);
  g_assert_true (g_queue_is_empty (&large->messages));
  /* libsoup 3.2 drops such a connection at once: no close frame with
   * 1009 reaches the client, whose connection just ends (code 0). A
   * libsoup that sends the frame gives 1009. */
  g_assert_true (soup_websocket_connection_get_close_code (large->connection) == 0 ||
                 soup_websocket_connection_get_close_code (large->connection) == SOUP_WEBSOCKET_CLOSE_TOO_BIG);

  /* The same ping, padded to just the limit, is answered. */
  big[GALLEY_STREAM_MAX_MESSAGE_SIZE] = '\0';
  send_text (stream, big);
  padded = next_message (stream, GALLEY_STREAM_MESSAGE_PONG);
  g_assert_cmpint (padded->c0, ==, 1);

  /* The others' trouble did not end this stream or the server. */
  assert_ping (stream);
  fresh = connect_stream (f, token);
  assert_ping (fresh);
}

static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *token = join (f, f->invite, &device);
  g_autoptr(Stream) stream = connect_stream (f, token);
  g_autoptr(JsonNode) revoked = NULL;
  g_autofree char *ping = galley_stream_message_build_ping (1);
  guint status = 0;

  assert_ping (stream);

  /* The CLI is another process: the stream learns it at the next message. */
  revoked = galley_test_server_run_admin (f->db_path, "device", "revoke", device, NULL);
  g_assert_nonnull (revoked);
  send_text (stream, ping);
  assert_closed_with (stream, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_assert_true (g_queue_is_empty (&stream->messages));

  g_assert_null (try_connect (f, token, &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
}

static void
test_shutdown (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token = join (f, f->invite, NULL);
  g_autoptr(Stream) stream = connect_stream (f, token);
  g_autoptr(GError) error = NULL;

  assert_ping (stream);

  /* A server stopped with open streams ends them and exits cleanly (in
   * a sanitizer build, without leaks). */
  g_subprocess_send_signal (f->server, SIGTERM);
  g_subprocess_wait (f->server, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (f->server));
  g_assert_cmpint (g_subprocess_get_exit_status (f->server), ==, 0);
  wait_for (&stream->closed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/server-stream/handshake", Fixture, NULL,
              fixture_set_up, test_handshake, fixture_tear_down);
  g_test_add ("/server-stream/kitchens", Fixture, NULL,
              fixture_set_up, test_kitchens, fixture_tear_down);
  g_test_add ("/server-stream/bad-messages", Fixture, NULL,
              fixture_set_up, test_bad_messages, fixture_tear_down);
  g_test_add ("/server-stream/revoked", Fixture, NULL,
              fixture_set_up, test_revoked, fixture_tear_down);
  g_test_add ("/server-stream/shutdown", Fixture, NULL,
              fixture_set_up, test_shutdown, fixture_tear_down);

  return g_test_run ();
}
