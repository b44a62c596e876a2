/* test-server-http.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "galley-test-server.h"

/* The HTTP API as a client sees it: the real galley-server binary, started
 * with "serve" on a free port over a database prepared with its own admin
 * commands, and spoken to over HTTP. */

typedef struct
{
  char *db_path;
  GSubprocess *server;
  guint16 port;
  SoupSession *session;
  char *kitchen;       /* the first kitchen's id */
  char *invite;        /* its unused invite */
} Fixture;

static char *
add_kitchen (Fixture     *f,
             const char  *name,
             char       **invite)
{
  return galley_test_server_add_kitchen (f->db_path, name, invite);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* G_TEST_OPTION_ISOLATE_DIRS makes this directory the test's own. */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  f->db_path = g_build_filename (g_get_user_data_dir (), "galley-server.db", NULL);
  f->kitchen = add_kitchen (f, "Home", &f->invite);
  f->server = galley_test_server_start (f->db_path, &f->port);

  /* G_TEST_OPTION_ISOLATE_DIRS hides the GSettings schemas GIO's desktop
   * proxy resolver reads; the server is on loopback anyway. */
  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
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

typedef struct
{
  guint status;
  JsonNode *json;
  char *www_authenticate;
  char *allow;
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->json, json_node_unref);
  g_free (answer->www_authenticate);
  g_free (answer->allow);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

static Answer *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *content_type,
      const char *body,
      gssize      length)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", f->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  Answer *answer = g_new0 (Answer, 1);

  g_assert_nonnull (msg);

  if (token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", token);
      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", value);
    }

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);

  answer->status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  answer->www_authenticate = g_strdup (soup_message_headers_get_one (headers, "WWW-Authenticate"));
  answer->allow = g_strdup (soup_message_headers_get_one (headers, "Allow"));

  /* Every answer, error or not, is JSON. */
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/json");
  answer->json = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer->json);

  return answer;
}

static JsonObject *
answer_object (Answer *answer)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer->json));
  return json_node_get_object (answer->json);
}

static void
assert_error (Answer     *answer,
              guint       status,
              const char *code)
{
  JsonObject *error;

  g_assert_cmpuint (answer->status, ==, status);
  error = json_object_get_object_member (answer_object (answer), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

static void
assert_health (Fixture *f)
{
  g_autoptr(Answer) answer = call (f, "GET", "/api/v1/health", NULL, NULL, NULL, 0);
  JsonObject *object = answer_object (answer);
  gint64 now = g_get_real_time () / 1000;

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), !=, "");
  g_assert_cmpint (json_object_get_int_member (object, "server_time"), >, now - 60000);
  g_assert_cmpint (json_object_get_int_member (object, "server_time"), <, now + 60000);
}

/* Joins with @invite; returns the token and sets the device's id. */
static char *
join (Fixture     *f,
      const char  *invite,
      const char  *kitchen,
      char       **device)
{
  g_autofree char *body = g_strdup_printf ("{\"invite\":\"%s\",\"device_name\":\"Phone\"}", invite);
  g_autoptr(Answer) answer = call (f, "POST", "/api/v1/join", NULL, "application/json", body, -1);
  JsonObject *object = answer_object (answer);

  g_assert_cmpuint (answer->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (object, "kitchen"), ==, kitchen);
  g_assert_cmpstr (json_object_get_string_member (object, "kitchen_name"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (object, "token"), !=, "");
  if (device != NULL)
    *device = g_strdup (json_object_get_string_member (object, "device"));

  return g_strdup (json_object_get_string_member (object, "token"));
}

static void
test_health (Fixture       *f,
             gconstpointer  data)
{
  assert_health (f);
}

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *token = join (f, f->invite, f->kitchen, &device);
  g_autofree char *again = g_strdup_printf ("{\"invite\":\"%s\",\"device_name\":\"Tablet\"}", f->invite);
  g_autoptr(Answer) used = call (f, "POST", "/api/v1/join", NULL, "application/json", again, -1);
  g_autoptr(Answer) unknown = call (f, "POST", "/api/v1/join", NULL, "application/json",
                                    "{\"invite\":\"AAAA-BBBB-CCCC-DDDD\",\"device_name\":\"Tablet\"}", -1);
  g_autoptr(Answer) missing = call (f, "POST", "/api/v1/join", NULL, "application/json",
                                    "{\"device_name\":\"Tablet\"}", -1);
  g_autoptr(Answer) recipes = call (f, "GET", "/api/v1/recipes", token, NULL, NULL, 0);

  g_assert_cmpstr (device, !=, "");
  assert_error (used, 403, "invite_used");
  assert_error (unknown, 403, "invite_unknown");
  assert_error (missing, 400, "invalid");

  /* The token works. */
  g_assert_cmpuint (recipes->status, ==, 200);
}

static const struct
{
  const char *method;
  const char *path;
} authenticated_calls[] = {
  { "GET", "/api/v1/recipes" },
  { "POST", "/api/v1/recipes" },
  { "GET", "/api/v1/recipes/0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c" },
  { "PUT", "/api/v1/recipes/0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c" },
  { "DELETE", "/api/v1/recipes/0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c" },
  { "GET", "/api/v1/changes?since=0" },
  { "POST", "/api/v1/ops" },
};

static void
assert_all_unauthorized (Fixture    *f,
                         const char *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (authenticated_calls); i++)
    {
      const char *method = authenticated_calls[i].method;
      gboolean has_body = g_str_equal (method, "POST") || g_str_equal (method, "PUT");
      g_autoptr(Answer) answer = call (f, method, authenticated_calls[i].path, token,
                                       has_body ? "application/json" : NULL,
                                       has_body ? "{\"ops\":[]}" : NULL, -1);

      g_test_message ("%s %s", method, authenticated_calls[i].path);
      assert_error (answer, 401, "unauthorized");
      g_assert_cmpstr (answer->www_authenticate, ==, "Bearer");
    }
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *token = join (f, f->invite, f->kitchen, &device);
  g_autoptr(JsonNode) revoked = NULL;
  g_autoptr(Answer) before = call (f, "GET", "/api/v1/changes?since=0", token, NULL, NULL, 0);

  assert_all_unauthorized (f, NULL);
  assert_all_unauthorized (f, "not-a-token");
  g_assert_cmpuint (before->status, ==, 200);

  /* Revoked while the server runs: its very next call is refused. */
  revoked = galley_test_server_run_admin (f->db_path, "device", "revoke", device, NULL);
  g_assert_nonnull (revoked);
  assert_all_unauthorized (f, token);
}

static const char tea_cooklang[] =
  ">> title: Strong tea\n"
  "\n"
  "Steep the @tea bag{1} in @water{250%ml} for 4 minutes.\n"
  "\n"
  "Add the @milk{1%tbsp}.\n";

static char *
create_tea (Fixture    *f,
            const char *token)
{
  g_autoptr(Answer) answer = call (f, "POST", "/api/v1/recipes", token,
                                   "text/x-cooklang", tea_cooklang, -1);
  JsonObject *recipe = answer_object (answer);
  JsonObject *section;
  JsonObject *step;
  JsonArray *timers;

  g_assert_cmpuint (answer->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (recipe, "title"), ==, "Strong tea");
  g_assert_cmpint (json_object_get_int_member (recipe, "rev"), >, 0);

  /* The server found the timer the step's text mentions. */
  section = json_array_get_object_element (json_object_get_array_member (recipe, "sections"), 0);
  step = json_array_get_object_element (json_object_get_array_member (section, "steps"), 0);
  timers = json_object_get_array_member (step, "timers");
  g_assert_cmpuint (json_array_get_length (timers), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (timers, 0), "seconds"),
                   ==, 240);

  return g_strdup (json_object_get_string_member (recipe, "id"));
}

static void
test_recipes (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *token = join (f, f->invite, f->kitchen, NULL);
  g_autofree char *other_invite = NULL;
  g_autofree char *other_kitchen = add_kitchen (f, "Next door", &other_invite);
  g_autofree char *other_token = join (f, other_invite, other_kitchen, NULL);
  g_autofree char *id = create_tea (f, token);
  g_autofree char *path = g_strdup_printf ("/api/v1/recipes/%s", id);
  g_autofree char *edited = NULL;
  g_autoptr(Answer) list = call (f, "GET", "/api/v1/recipes", token, NULL, NULL, 0);
  g_autoptr(Answer) other_list = call (f, "GET", "/api/v1/recipes", other_token, NULL, NULL, 0);
  g_autoptr(Answer) got = call (f, "GET", path, token, NULL, NULL, 0);
  g_autoptr(Answer) put = NULL;
  g_autoptr(Answer) got_again = NULL;
  JsonArray *summaries;
  JsonObject *recipe;

  g_assert_cmpuint (list->status, ==, 200);
  summaries = json_object_get_array_member (answer_object (list), "recipes");
  g_assert_cmpuint (json_array_get_length (summaries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (summaries, 0), "id"),
                   ==, id);
  g_assert_cmpuint (other_list->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer_object (other_list),
                                                                           "recipes")), ==, 0);

  g_assert_cmpuint (got->status, ==, 200);
  recipe = answer_object (got);
  g_assert_cmpstr (json_object_get_string_member (recipe, "title"), ==, "Strong tea");

  /* Another kitchen cannot see, change or delete it. */
  {
    g_autofree char *stolen = NULL;
    g_autoptr(Answer) other_get = call (f, "GET", path, other_token, NULL, NULL, 0);
    g_autoptr(Answer) other_put = NULL;
    g_autoptr(Answer) other_delete = call (f, "DELETE", path, other_token, NULL, NULL, 0);

    json_object_set_string_member (recipe, "title", "Stolen tea");
    stolen = json_to_string (got->json, FALSE);
    other_put = call (f, "PUT", path, other_token, "application/json", stolen, -1);
    assert_error (other_get, 404, "not_found");
    assert_error (other_put, 404, "not_found");
    assert_error (other_delete, 404, "not_found");
  }

  json_object_set_string_member (recipe, "title", "Builder’s tea");
  edited = json_to_string (got->json, FALSE);
  put = call (f, "PUT", path, token, "application/json", edited, -1);
  g_assert_cmpuint (put->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (answer_object (put), "title"), ==, "Builder’s tea");

  got_again = call (f, "GET", path, token, NULL, NULL, 0);
  g_assert_cmpuint (got_again->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (answer_object (got_again), "title"),
                   ==, "Builder’s tea");
  g_assert_cmpint (json_object_get_int_member (answer_object (got_again), "rev"), >,
                   json_object_get_int_member (answer_object (got), "rev"));

  {
    g_autoptr(Answer) deleted = call (f, "DELETE", path, token, NULL, NULL, 0);
    g_autoptr(Answer) gone = call (f, "GET", path, token, NULL, NULL, 0);
    g_autoptr(Answer) deleted_again = call (f, "DELETE", path, token, NULL, NULL, 0);

    g_assert_cmpuint (deleted->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (answer_object (deleted), "recipe"), ==, id);
    assert_error (gone, 404, "not_found");
    assert_error (deleted_again, 404, "not_found");
  }
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *token = join (f, f->invite, f->kitchen, NULL);
  g_autofree char *id = create_tea (f, token);
  g_autofree char *path = g_strdup_printf ("/api/v1/recipes/%s", id);
  g_autoptr(Answer) all = call (f, "GET", "/api/v1/changes?since=0", token, NULL, NULL, 0);
  g_autoptr(Answer) none = NULL;
  g_autoptr(Answer) deleted = NULL;
  g_autoptr(Answer) after_delete = NULL;
  g_autoptr(Answer) bad = call (f, "GET", "/api/v1/changes?since=yesterday", token, NULL, NULL, 0);
  g_autofree char *since_latest = NULL;
  JsonObject *object;
  gint64 rev;

  g_assert_cmpuint (all->status, ==, 200);
  object = answer_object (all);
  rev = json_object_get_int_member (object, "rev");
  g_assert_cmpint (rev, >, 0);
  g_assert_cmpint (json_object_get_int_member (object, "server_time"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "recipes")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (object, "recipes"), 0),
                     "id"), ==, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "deleted")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "timers")), ==, 0);

  since_latest = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, rev);
  none = call (f, "GET", since_latest, token, NULL, NULL, 0);
  g_assert_cmpuint (none->status, ==, 200);
  object = answer_object (none);
  g_assert_cmpint (json_object_get_int_member (object, "rev"), ==, rev);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "recipes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "deleted")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "timers")), ==, 0);

  deleted = call (f, "DELETE", path, token, NULL, NULL, 0);
  g_assert_cmpuint (deleted->status, ==, 200);
  after_delete = call (f, "GET", since_latest, token, NULL, NULL, 0);
  object = answer_object (after_delete);
  g_assert_cmpint (json_object_get_int_member (object, "rev"), >, rev);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "recipes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "deleted")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "deleted"), 0),
                   ==, id);

  assert_error (bad, 400, "invalid");
}

static char *
make_op (const char *op_id,
         const char *timer_id,
         const char *action,
         gint64      stamp_ms,
         const char *device,
         const char *status,
         gint64      now_ms)
{
  g_autofree char *state = NULL;

  if (g_str_equal (status, "running"))
    state = g_strdup_printf ("{\"status\":\"running\",\"duration_ms\":600000,"
                             "\"ends_at\":%" G_GINT64_FORMAT ",\"remaining_ms\":null}",
                             now_ms + 600000);
  else
    state = g_strdup ("{\"status\":\"paused\",\"duration_ms\":600000,"
                      "\"ends_at\":null,\"remaining_ms\":300000}");

  return g_strdup_printf ("{\"op\":\"%s\",\"timer\":\"%s\",\"action\":\"%s\","
                          "\"updated\":\"%015" G_GINT64_FORMAT "-0000-%s\",\"state\":%s,"
                          "\"label\":\"Tea\",\"detail\":null}",
                          op_id, timer_id, action, stamp_ms, device, state);
}

static JsonObject *
single_result (Answer *answer)
{
  JsonArray *results;

  g_assert_cmpuint (answer->status, ==, 200);
  results = json_object_get_array_member (answer_object (answer), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_array_get_object_element (results, 0);
}

static void
test_ops (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *token = join (f, f->invite, f->kitchen, &device);
  g_autofree char *timer_uuid = g_uuid_string_random ();
  g_autofree char *timer_id = g_strdup_printf ("kitchen/%s", timer_uuid);
  g_autofree char *op_id = g_uuid_string_random ();
  g_autofree char *older_id = g_uuid_string_random ();
  gint64 now = g_get_real_time () / 1000;
  g_autofree char *op = make_op (op_id, timer_id, "start", now, device, "running", now);
  g_autofree char *older = make_op (older_id, timer_id, "pause", now - 5000, device, "paused", now);
  g_autofree char *body = g_strdup_printf ("{\"ops\":[%s]}", op);
  g_autofree char *older_body = g_strdup_printf ("{\"ops\":[%s]}", older);
  g_autoptr(Answer) first = call (f, "POST", "/api/v1/ops", token, "application/json", body, -1);
  g_autoptr(Answer) replay = call (f, "POST", "/api/v1/ops", token, "application/json", body, -1);
  g_autoptr(Answer) late = call (f, "POST", "/api/v1/ops", token, "application/json", older_body, -1);
  g_autoptr(Answer) changes = call (f, "GET", "/api/v1/changes?since=0", token, NULL, NULL, 0);
  g_autoptr(Answer) bad = call (f, "POST", "/api/v1/ops", token, "application/json",
                                "{\"ops\":[{\"op\":\"x\"}]}", -1);
  JsonObject *result;
  JsonObject *timer;
  JsonArray *timers;
  gint64 rev;

  result = single_result (first);
  g_assert_cmpstr (json_object_get_string_member (result, "op"), ==, op_id);
  g_assert_true (json_object_get_boolean_member (result, "applied"));
  rev = json_object_get_int_member (result, "rev");
  g_assert_cmpint (rev, >, 0);
  timer = json_object_get_object_member (result, "timer");
  g_assert_cmpstr (json_object_get_string_member (timer, "id"), ==, timer_id);
  g_assert_cmpstr (json_object_get_string_member (timer, "status"), ==, "running");

  /* The same op again: the same answer, no new change. */
  g_assert_true (json_node_equal (first->json, replay->json));

  /* An op older than the timer's state changes nothing. */
  result = single_result (late);
  g_assert_cmpstr (json_object_get_string_member (result, "op"), ==, older_id);
  g_assert_false (json_object_get_boolean_member (result, "applied"));
  g_assert_cmpint (json_object_get_int_member (result, "rev"), ==, rev);
  timer = json_object_get_object_member (result, "timer");
  g_assert_cmpstr (json_object_get_string_member (timer, "status"), ==, "running");

  g_assert_cmpuint (changes->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (answer_object (changes), "rev"), ==, rev);
  timers = json_object_get_array_member (answer_object (changes), "timers");
  g_assert_cmpuint (json_array_get_length (timers), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timers, 0), "status"),
                   ==, "running");

  assert_error (bad, 400, "invalid");
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *token = join (f, f->invite, f->kitchen, NULL);
  gsize big_size = 2 * 1024 * 1024;
  g_autofree char *big = g_malloc (big_size);
  gsize depth = 100000;
  g_autofree char *deep = g_malloc (2 * depth + 1);

  memset (big, ' ', big_size);
  big[0] = '{';
  big[big_size - 1] = '}';
  for (gsize i = 0; i < depth; i++)
    {
      deep[i] = '[';
      deep[depth + i] = ']';
    }
  deep[2 * depth] = '\0';

  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/ops", token, "application/json",
                                     big, big_size);
    assert_error (answer, 413, "too_large");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/recipes", token, "text/x-cooklang",
                                     big, big_size);
    assert_error (answer, 413, "too_large");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/ops", token, "application/json",
                                     deep, -1);
    assert_error (answer, 400, "too_deep");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/join", NULL, "application/json",
                                     deep, -1);
    assert_error (answer, 400, "too_deep");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/recipes", token, "application/json",
                                     deep, -1);
    assert_error (answer, 400, "too_deep");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/join", NULL, "application/json",
                                     "{\"invite\":\"\xff\xfe\",\"device_name\":\"x\"}", -1);
    assert_error (answer, 400, "invalid");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/recipes", token, "text/x-cooklang",
                                     "Boil the @egg{1} for 5 minutes \xc3\x28.\n", -1);
    assert_error (answer, 400, "invalid");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/ops", token, "application/json",
                                     "{\"ops\": [", -1);
    assert_error (answer, 400, "invalid");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/ops", token, "application/json",
                                     "[1, 2]", -1);
    assert_error (answer, 400, "invalid");
  }
  {
    g_autoptr(Answer) answer = call (f, "POST", "/api/v1/recipes", token, "image/png",
                                     "\x89PNG", -1);
    assert_error (answer, 415, "unsupported_media_type");
  }
  {
    g_autoptr(Answer) answer = call (f, "DELETE", "/api/v1/recipes", token, NULL, NULL, 0);
    assert_error (answer, 405, "method_not_allowed");
    g_assert_cmpstr (answer->allow, ==, "GET, POST");
  }
  {
    g_autoptr(Answer) answer = call (f, "GET", "/api/v1/join", NULL, NULL, NULL, 0);
    assert_error (answer, 405, "method_not_allowed");
    g_assert_cmpstr (answer->allow, ==, "POST");
  }
  {
    g_autoptr(Answer) answer = call (f, "GET", "/api/v1/nothing-here", token, NULL, NULL, 0);
    assert_error (answer, 404, "not_found");
  }

  /* None of that took the server down. */
  assert_health (f);
}

/* SIGTERM ends the server cleanly, having freed what it held (under
 * AddressSanitizer a leak would make the exit status non-zero). */
static void
test_sigterm (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *token = join (f, f->invite, f->kitchen, NULL);
  g_autofree char *id = create_tea (f, token);
  g_autoptr(GError) error = NULL;

  assert_health (f);
  g_subprocess_send_signal (f->server, SIGTERM);
  g_subprocess_wait (f->server, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (f->server));
  g_assert_cmpint (g_subprocess_get_exit_status (f->server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/server-http/health", Fixture, NULL, fixture_set_up, test_health, fixture_tear_down);
  g_test_add ("/server-http/join", Fixture, NULL, fixture_set_up, test_join, fixture_tear_down);
  g_test_add ("/server-http/unauthorized", Fixture, NULL,
              fixture_set_up, test_unauthorized, fixture_tear_down);
  g_test_add ("/server-http/recipes", Fixture, NULL, fixture_set_up, test_recipes, fixture_tear_down);
  g_test_add ("/server-http/changes", Fixture, NULL, fixture_set_up, test_changes, fixture_tear_down);
  g_test_add ("/server-http/ops", Fixture, NULL, fixture_set_up, test_ops, fixture_tear_down);
  g_test_add ("/server-http/bad-input", Fixture, NULL,
              fixture_set_up, test_bad_input, fixture_tear_down);

  g_test_add ("/server-http/sigterm", Fixture, NULL, fixture_set_up, test_sigterm, fixture_tear_down);

  return g_test_run ();
}
