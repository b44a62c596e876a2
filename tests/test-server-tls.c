/* test-server-tls.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "galley-test-server.h"

/* "galley-server serve --tls-cert FILE --tls-key FILE" as a client sees
 * it: the API over HTTPS and the stream over WSS, with a self-signed
 * certificate the client trusts because it is the one in the file. */

typedef struct
{
  char *dir;
  char *db_path;
  char *cert_path;
  char *key_path;
  GTlsCertificate *certificate;  /* what the server should present */
  GSubprocess *server;
  guint16 port;
  SoupSession *session;
  char *invite;
  guint n_accepted;
} Fixture;

/* The client takes the server's certificate only if it is the one made for
 * the test: no CA signed it, and its CN is not a subjectAltName. */
static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *peer,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Fixture *f = user_data;

  if (!g_tls_certificate_is_same (peer, f->certificate))
    return FALSE;

  f->n_accepted++;
  return TRUE;
}

static gboolean
make_certificate (Fixture *f)
{
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl_path = g_find_program_in_path ("openssl");

  if (openssl_path == NULL)
    return FALSE;

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error,
                              openssl_path, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-days", "1", "-subj", "/CN=127.0.0.1",
                              "-keyout", f->key_path, "-out", f->cert_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (openssl, NULL, &error);
  g_assert_no_error (error);

  f->certificate = g_tls_certificate_new_from_file (f->cert_path, &error);
  g_assert_no_error (error);
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) kitchen = NULL;
  const char *tls_args[5] = { "--tls-cert", NULL, "--tls-key", NULL, NULL };

  /* G_TEST_OPTION_ISOLATE_DIRS makes this directory the test's own. */
  f->dir = g_strdup (g_get_user_data_dir ());
  g_mkdir_with_parents (f->dir, 0700);
  f->db_path = g_build_filename (f->dir, "galley-server.db", NULL);
  f->cert_path = g_build_filename (f->dir, "cert.pem", NULL);
  f->key_path = g_build_filename (f->dir, "key.pem", NULL);

  if (!make_certificate (f))
    return;

  kitchen = galley_test_server_run_admin (f->db_path, "kitchen", "add", "Home", NULL);
  g_assert_nonnull (kitchen);
  f->invite = g_strdup (json_object_get_string_member (json_node_get_object (kitchen), "invite"));

  tls_args[1] = f->cert_path;
  tls_args[3] = f->key_path;
  f->server = galley_test_server_start_full (f->db_path, "https", tls_args, &f->port);

  /* G_TEST_OPTION_ISOLATE_DIRS hides the GSettings schemas GIO's desktop
   * proxy resolver reads; the server is on loopback anyway. */
  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->session != NULL)
    g_assert_finalize_object (f->session);
  if (f->server != NULL)
    {
      galley_test_server_stop (f->server);
      g_clear_object (&f->server);
    }
  g_clear_object (&f->certificate);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->cert_path);
  g_free (f->key_path);
  g_free (f->invite);
}

static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *scheme,
             const char *path)
{
  g_autofree char *uri = g_strdup_printf ("%s://127.0.0.1:%u%s", scheme, f->port, path);
  SoupMessage *msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), f);
  return msg;
}

static void
assert_https_health (Fixture *f)
{
  g_autoptr(SoupMessage) msg = new_message (f, "GET", "https", "/api/v1/health");
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  g_assert_true (g_tls_certificate_is_same (soup_message_get_tls_peer_certificate (msg),
                                            f->certificate));

  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "ok");
}

static void
test_https (Fixture       *f,
            gconstpointer  data)
{
  if (f->server == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  assert_https_health (f);
  g_assert_cmpuint (f->n_accepted, ==, 1);
}

static void
test_plain_http_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SoupSession) plain = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (f->server == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  plain = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  msg = new_message (f, "GET", "http", "/api/v1/health");
  reply = soup_session_send_and_read (plain, msg, NULL, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);
  g_assert_cmpuint (soup_message_get_status (msg), !=, SOUP_STATUS_OK);

  /* The server keeps answering HTTPS after the stray plain request. */
  assert_https_health (f);
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

static void
test_wss_stream (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(SoupMessage) join = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  Connecting connecting = { NULL, NULL, FALSE };

  if (f->server == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  body = g_strdup_printf ("{\"invite\":\"%s\",\"device_name\":\"Phone\"}", f->invite);
  request = g_bytes_new (body, strlen (body));
  join = new_message (f, "POST", "https", "/api/v1/join");
  soup_message_set_request_body_from_bytes (join, "application/json", request);
  reply = soup_session_send_and_read (f->session, join, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (join), ==, SOUP_STATUS_CREATED);
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);

  authorization = g_strdup_printf ("Bearer %s",
                                   json_object_get_string_member (json_node_get_object (node),
                                                                  "token"));
  msg = new_message (f, "GET", "wss", "/api/v1/stream");
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", authorization);
  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, &connecting);
  while (!connecting.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (connecting.error);
  g_assert_nonnull (connecting.connection);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_SWITCHING_PROTOCOLS);
  g_assert_cmpint (soup_websocket_connection_get_state (connecting.connection), ==,
                   SOUP_WEBSOCKET_STATE_OPEN);

  soup_websocket_connection_close (connecting.connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  while (soup_websocket_connection_get_state (connecting.connection) != SOUP_WEBSOCKET_STATE_CLOSED)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (connecting.connection);
}

/* Runs "galley-server serve" with @args; returns its exit status and sets
 * its stderr. */
static int
run_serve (const char  *db_path,
           const char  *first_arg,
           char       **err,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("GALLEY_SERVER"));
  g_ptr_array_add (argv, (char *) "serve");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  g_ptr_array_add (argv, (char *) "--listen");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  va_start (args, err);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_usage (void)
{
  g_autofree char *dir = g_strdup (g_get_user_data_dir ());
  g_autofree char *db_path = g_build_filename (dir, "galley-server.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pem", NULL);
  g_autofree char *err = NULL;

  g_mkdir_with_parents (dir, 0700);

  /* One of the two is a usage error, said in one line. */
  g_assert_cmpint (run_serve (db_path, "--tls-cert", &err, missing, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--tls-key"));
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_serve (db_path, "--tls-key", &err, missing, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--tls-cert"));
  g_clear_pointer (&err, g_free);

  /* A certificate that cannot be read fails before the server starts. */
  g_assert_cmpint (run_serve (db_path, "--tls-cert", &err, missing, "--tls-key", missing, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "missing.pem"));
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/server-tls/https", Fixture, NULL, fixture_set_up, test_https, fixture_tear_down);
  g_test_add ("/server-tls/plain-http-refused", Fixture, NULL,
              fixture_set_up, test_plain_http_refused, fixture_tear_down);
  g_test_add ("/server-tls/wss-stream", Fixture, NULL,
              fixture_set_up, test_wss_stream, fixture_tear_down);
  g_test_add_func ("/server-tls/usage", test_usage);

  return g_test_run ();
}
