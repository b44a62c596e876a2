/* galley-server-http.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-server-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "galley-error.h"
#include "galley-importer.h"
#include "galley-json-depth.h"
#include "galley-op.h"
#include "galley-recipe-json.h"
#include "galley-server-http.h"
#include "galley-server-stream.h"

/* The HTTP API of sync protocol v1 (docs/protocol.md): routing, and one
 * handler per endpoint on top of GalleyServerStore. Every handler runs to
 * completion on the main loop; the store is synchronous SQLite, and one
 * request at a time keeps each change's rev order the commit order. */

struct _GalleyServerHttp
{
  GObject parent_instance;

  GalleyServerStore *store;
  SoupServer *server;
  GalleyServerStream *stream;
};

G_DEFINE_FINAL_TYPE (GalleyServerHttp, galley_server_http, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the server remembers about a request while it runs. */
typedef struct
{
  gint64 started_us;
  gsize received;
} RequestInfo;

#define REQUEST_INFO_KEY "galley-server-http-request"

#define API_PREFIX "/api/v1/"
#define STREAM_PATH API_PREFIX "stream"
#define STREAM_DEVICE_KEY "galley-server-http-stream-device"
#define STREAM_KITCHEN_KEY "galley-server-http-stream-kitchen"

typedef enum
{
  METHOD_GET    = 1 << 0,
  METHOD_POST   = 1 << 1,
  METHOD_PUT    = 1 << 2,
  METHOD_DELETE = 1 << 3,
} Method;

static Method
method_from_string (const char *method)
{
  if (g_strcmp0 (method, SOUP_METHOD_GET) == 0)
    return METHOD_GET;
  if (g_strcmp0 (method, SOUP_METHOD_POST) == 0)
    return METHOD_POST;
  if (g_strcmp0 (method, SOUP_METHOD_PUT) == 0)
    return METHOD_PUT;
  if (g_strcmp0 (method, SOUP_METHOD_DELETE) == 0)
    return METHOD_DELETE;
  return 0;
}

static char *
allowed_methods (Method allowed)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const struct { Method method; const char *name; } names[] = {
    { METHOD_GET, "GET" }, { METHOD_POST, "POST" },
    { METHOD_PUT, "PUT" }, { METHOD_DELETE, "DELETE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (!(allowed & names[i].method))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, names[i].name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
now_ms (GalleyServerHttp *self)
{
  return galley_clock_get_wall_ms (galley_server_store_get_clock (self->store));
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  respond_json (msg, status, node);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  json_object_set_object_member (object, "error", error);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer");

  respond_object (msg, status, object);
}

/* The status and code of the answer to a request that failed with @error. */
static void
respond_gerror (SoupServerMessage *msg,
                const GError      *error)
{
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  const char *code = "internal";

  if (error->domain == GALLEY_SERVER_STORE_ERROR)
    {
      switch ((GalleyServerStoreError) error->code)
        {
        case GALLEY_SERVER_STORE_ERROR_INVALID:
          status = SOUP_STATUS_BAD_REQUEST, code = "invalid";
          break;
        case GALLEY_SERVER_STORE_ERROR_NOT_FOUND:
          status = SOUP_STATUS_NOT_FOUND, code = "not_found";
          break;
        case GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED:
          status = SOUP_STATUS_UNAUTHORIZED, code = "unauthorized";
          break;
        case GALLEY_SERVER_STORE_ERROR_INVITE_UNKNOWN:
          status = SOUP_STATUS_FORBIDDEN, code = "invite_unknown";
          break;
        case GALLEY_SERVER_STORE_ERROR_INVITE_USED:
          status = SOUP_STATUS_FORBIDDEN, code = "invite_used";
          break;
        case GALLEY_SERVER_STORE_ERROR_INVITE_EXPIRED:
          status = SOUP_STATUS_GONE, code = "invite_expired";
          break;
        case GALLEY_SERVER_STORE_ERROR_FAILED:
        case GALLEY_SERVER_STORE_ERROR_TOO_NEW:
        case GALLEY_SERVER_STORE_ERROR_CORRUPT:
        default:
          break;
        }
    }
  else if (error->domain == GALLEY_IMPORT_ERROR)
    {
      if (error->code == GALLEY_IMPORT_ERROR_TOO_LARGE)
        status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, code = "too_large";
      else if (error->code == GALLEY_IMPORT_ERROR_TOO_DEEP)
        status = SOUP_STATUS_BAD_REQUEST, code = "too_deep";
      else
        status = SOUP_STATUS_BAD_REQUEST, code = "invalid";
    }
  else if (error->domain == GALLEY_PROTOCOL_ERROR)
    {
      if (error->code == GALLEY_PROTOCOL_ERROR_TOO_LARGE)
        status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, code = "too_large";
      else if (error->code == GALLEY_PROTOCOL_ERROR_TOO_DEEP)
        status = SOUP_STATUS_BAD_REQUEST, code = "too_deep";
      else
        status = SOUP_STATUS_BAD_REQUEST, code = "invalid";
    }
  else if (error->domain == JSON_PARSER_ERROR)
    {
      status = SOUP_STATUS_BAD_REQUEST, code = "invalid";
    }

  if (status >= 500)
    {
      /* The details are for the admin's log, not for the client. */
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                        "GALLEY_HTTP_PATH", g_uri_get_path (soup_server_message_get_uri (msg)),
                        "MESSAGE", "%s %s failed: %s",
                        soup_server_message_get_method (msg),
                        g_uri_get_path (soup_server_message_get_uri (msg)),
                        error->message);
      respond_error (msg, status, code, _("The server failed to answer; its log says why"));
      return;
    }

  respond_error (msg, status, code, error->message);
}

static RequestInfo *
get_request_info (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), REQUEST_INFO_KEY);
}

static void
refuse_too_large (SoupServerMessage *msg)
{
  g_autofree char *message = NULL;

  /* Read what is sent without keeping it: the client gets its answer once
   * it has finished sending, instead of a broken connection. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  message = g_strdup_printf (_("The request body is larger than the limit of %d bytes"),
                             GALLEY_SERVER_HTTP_MAX_BODY_SIZE);
  respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", message);
}

/* A chunked body announces no length: count it as it comes. */
static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  RequestInfo *info = get_request_info (msg);

  if (info == NULL)
    return;

  info->received += g_bytes_get_size (chunk);
  if (info->received > GALLEY_SERVER_HTTP_MAX_BODY_SIZE &&
      soup_server_message_get_status (msg) == 0)
    refuse_too_large (msg);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  RequestInfo *info = g_new0 (RequestInfo, 1);

  info->started_us = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), REQUEST_INFO_KEY, info, g_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), NULL);
}

static void
log_request (SoupServerMessage *msg,
             const char        *outcome)
{
  RequestInfo *info = get_request_info (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  /* Only the path: a query could carry something secret one day. */
  const char *path = uri ? g_uri_get_path (uri) : "?";
  const char *method = soup_server_message_get_method (msg);
  double latency_ms = 0;
  g_autofree char *status = g_strdup_printf ("%u", soup_server_message_get_status (msg));

  if (info != NULL)
    latency_ms = (g_get_monotonic_time () - info->started_us) / 1000.0;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,
                    "GALLEY_HTTP_METHOD", method ? method : "?",
                    "GALLEY_HTTP_PATH", path,
                    "GALLEY_HTTP_STATUS", status,
                    "MESSAGE", "%s %s %s %.1f ms%s",
                    method ? method : "?", path, status, latency_ms, outcome);
}

static void
on_request_finished (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  log_request (msg, "");
}

static void
on_request_aborted (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  log_request (msg, " (aborted)");
}

/* Runs once the headers are in, before the body is read. */
static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > GALLEY_SERVER_HTTP_MAX_BODY_SIZE)
    refuse_too_large (msg);
}

/* The body of @msg as text: at most the limit, UTF-8 without NUL. */
static GBytes *
get_text_body (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (length > GALLEY_SERVER_HTTP_MAX_BODY_SIZE)
    {
      refuse_too_large (msg);
      return NULL;
    }

  if (length > 0 && !g_utf8_validate (data, length, NULL))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     _("The request body is not valid UTF-8 text"));
      return NULL;
    }

  return g_steal_pointer (&body);
}

/* Whether the body's media type is one of @types (a NULL-terminated
 * list); a body without a type counts as the first. */
static gboolean
check_content_type (SoupServerMessage  *msg,
                    const char * const *types,
                    const char        **out_type)
{
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  g_autofree char *message = NULL;

  if (type == NULL)
    {
      *out_type = types[0];
      return TRUE;
    }

  for (guint i = 0; types[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (type, types[i]) == 0)
        {
          *out_type = types[i];
          return TRUE;
        }
    }

  message = g_strdup_printf (_("Unsupported content type “%s”"), type);
  respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message);
  return FALSE;
}

static JsonNode *
parse_json (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  /* json-glib 1.6 recurses once per level and has no limit of its own. */
  if (!galley_json_check_depth (data, length, GALLEY_JSON_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The request body is empty"));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/* The body of @msg as a JSON object, or NULL with the answer set. */
static JsonObject *
get_json_object_body (SoupServerMessage *msg)
{
  static const char * const json_types[] = { "application/json", NULL };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;
  const char *data;
  gsize length;

  if (!check_content_type (msg, json_types, &type) ||
      !(body = get_text_body (msg)))
    return NULL;

  data = g_bytes_get_data (body, &length);
  if (!(root = parse_json (data ? data : "", length, &error)))
    {
      respond_gerror (msg, error);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     _("The request body should be a JSON object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* A member that must be a string of UTF-8 text (json-glib 1.6 decodes a
 * lone surrogate escape to bytes that are not). */
static const char *
get_string_member (SoupServerMessage *msg,
                   JsonObject        *object,
                   const char        *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;
  g_autofree char *message = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING &&
      g_utf8_validate (value = json_node_get_string (node), -1, NULL))
    return value;

  message = g_strdup_printf (_("“%s” should be a string"), member);
  respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", message);
  return NULL;
}

/* The device a request comes from, by its bearer token. */
static gboolean
authenticate (GalleyServerHttp   *self,
              SoupServerMessage  *msg,
              char              **device_id,
              char              **kitchen_id)
{
  const char *header;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    {
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                     _("This call needs “Authorization: Bearer TOKEN”"));
      return FALSE;
    }

  token = g_strstrip (g_strdup (header + 7));
  if (!galley_server_store_authenticate (self->store, token, device_id, kitchen_id, &error))
    {
      respond_gerror (msg, error);
      return FALSE;
    }

  return TRUE;
}

/* GET /api/v1/health */
static void
handle_health (GalleyServerHttp  *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "status", "ok");
  json_object_set_string_member (object, "version", PACKAGE_VERSION);
  json_object_set_int_member (object, "server_time", now_ms (self));
  respond_object (msg, SOUP_STATUS_OK, object);
}

/* POST /api/v1/join */
static void
handle_join (GalleyServerHttp  *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kitchen_id = NULL;
  g_autofree char *kitchen_name = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *token = NULL;
  const char *invite;
  const char *device_name;

  if (!(request = get_json_object_body (msg)) ||
      !(invite = get_string_member (msg, request, "invite")) ||
      !(device_name = get_string_member (msg, request, "device_name")))
    return;

  if (!galley_server_store_join (self->store, invite, device_name,
                                 &kitchen_id, &kitchen_name, &device_id, &token, &error))
    {
      respond_gerror (msg, error);
      return;
    }

  answer = json_object_new ();
  json_object_set_string_member (answer, "kitchen", kitchen_id);
  json_object_set_string_member (answer, "kitchen_name", kitchen_name);
  json_object_set_string_member (answer, "device", device_id);
  json_object_set_string_member (answer, "token", token);
  respond_object (msg, SOUP_STATUS_CREATED, answer);
}

/* GET /api/v1/recipes */
static void
handle_list_recipes (GalleyServerHttp  *self,
                     SoupServerMessage *msg,
                     const char        *kitchen_id)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonArray *recipes;

  if (!(summaries = galley_server_store_list_recipe_summaries (self->store, kitchen_id, &error)))
    {
      respond_gerror (msg, error);
      return;
    }

  recipes = json_array_sized_new (summaries->len);
  for (guint i = 0; i < summaries->len; i++)
    {
      GalleyRecipeSummary *summary = g_ptr_array_index (summaries, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", galley_recipe_summary_get_id (summary));
      json_object_set_string_member (object, "title", galley_recipe_summary_get_title (summary));
      json_object_set_int_member (object, "total_time_s",
                                  galley_recipe_summary_get_total_time_s (summary));
      json_object_set_string_member (object, "tags", galley_recipe_summary_get_tags (summary));
      json_array_add_object_element (recipes, object);
    }

  json_object_set_array_member (answer, "recipes", recipes);
  respond_object (msg, SOUP_STATUS_OK, answer);
}

/* A recipe from the body, in any format the importer reads. */
static GalleyRecipe *
get_recipe_body (SoupServerMessage *msg)
{
  static const char * const recipe_types[] = {
    "application/json", "application/ld+json", "text/x-cooklang", "text/html", NULL
  };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  GalleyRecipeFormat format;
  const char *type;
  const char *data;
  gsize length;

  if (!check_content_type (msg, recipe_types, &type) ||
      !(body = get_text_body (msg)))
    return NULL;

  data = g_bytes_get_data (body, &length);
  if (data == NULL)
    data = "";

  /* Plain JSON is either of the two JSON formats; the content tells. */
  if (g_str_equal (type, "application/json"))
    format = galley_recipe_format_guess (NULL, NULL, data, length);
  else
    format = galley_recipe_format_guess (NULL, type, data, length);

  if (g_str_equal (type, "application/json") &&
      format != GALLEY_RECIPE_FORMAT_RECIPE_JSON && format != GALLEY_RECIPE_FORMAT_JSONLD)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     _("The request body is not a recipe in JSON"));
      return NULL;
    }

  if ((format == GALLEY_RECIPE_FORMAT_RECIPE_JSON || format == GALLEY_RECIPE_FORMAT_JSONLD) &&
      !galley_json_check_depth (data, length, GALLEY_JSON_MAX_DEPTH, &error))
    {
      respond_gerror (msg, error);
      return NULL;
    }

  if (!(recipe = galley_import_recipe (data, length, format, NULL, NULL, &error)))
    {
      respond_gerror (msg, error);
      return NULL;
    }

  return g_steal_pointer (&recipe);
}

static void
respond_recipe (SoupServerMessage *msg,
                guint              status,
                GalleyRecipe      *recipe)
{
  g_autoptr(JsonNode) node = galley_recipe_to_json_node (recipe);

  respond_json (msg, status, node);
}

/* POST /api/v1/recipes */
static void
handle_create_recipe (GalleyServerHttp  *self,
                      SoupServerMessage *msg,
                      const char        *kitchen_id)
{
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  gint64 rev;

  if (!(recipe = get_recipe_body (msg)))
    return;

  if ((rev = galley_server_store_put_recipe (self->store, kitchen_id, recipe, &error)) < 0)
    {
      respond_gerror (msg, error);
      return;
    }

  galley_server_stream_push_recipe (self->stream, kitchen_id, rev, recipe);
  location = g_strconcat (API_PREFIX "recipes/", galley_recipe_get_id (recipe), NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
  respond_recipe (msg, SOUP_STATUS_CREATED, recipe);
}

/* GET|PUT|DELETE /api/v1/recipes/{id} */
static void
handle_recipe (GalleyServerHttp  *self,
               SoupServerMessage *msg,
               Method             method,
               const char        *kitchen_id,
               const char        *recipe_id)
{
  g_autoptr(GalleyRecipe) stored = NULL;
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rev;

  if (method == METHOD_DELETE)
    {
      g_autoptr(JsonObject) answer = NULL;

      if ((rev = galley_server_store_delete_recipe (self->store, kitchen_id, recipe_id, &error)) < 0)
        {
          respond_gerror (msg, error);
          return;
        }

      galley_server_stream_push_deleted (self->stream, kitchen_id, rev, recipe_id);
      answer = json_object_new ();
      json_object_set_string_member (answer, "recipe", recipe_id);
      json_object_set_int_member (answer, "rev", rev);
      respond_object (msg, SOUP_STATUS_OK, answer);
      return;
    }

  /* PUT replaces a recipe of this kitchen; POST is what adds one. */
  if (!(stored = galley_server_store_get_recipe (self->store, kitchen_id, recipe_id, &error)))
    {
      respond_gerror (msg, error);
      return;
    }

  if (method == METHOD_GET)
    {
      respond_recipe (msg, SOUP_STATUS_OK, stored);
      return;
    }

  if (!(recipe = get_recipe_body (msg)))
    return;

  if (galley_recipe_get_id (recipe) != NULL &&
      g_strcmp0 (galley_recipe_get_id (recipe), recipe_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The recipe’s id “%s” is not the one in the address"),
                         galley_recipe_get_id (recipe));
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", message);
      return;
    }

  galley_recipe_set_id (recipe, recipe_id);
  if ((rev = galley_server_store_put_recipe (self->store, kitchen_id, recipe, &error)) < 0)
    {
      respond_gerror (msg, error);
      return;
    }

  galley_server_stream_push_recipe (self->stream, kitchen_id, rev, recipe);

  respond_recipe (msg, SOUP_STATUS_OK, recipe);
}

/* GET /api/v1/changes?since=REV */
static void
handle_changes (GalleyServerHttp  *self,
                SoupServerMessage *msg,
                GHashTable        *query,
                const char        *kitchen_id)
{
  const char *since_text = query ? g_hash_table_lookup (query, "since") : NULL;
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  guint64 since = 0;

  if (since_text != NULL &&
      !g_ascii_string_to_unsigned (since_text, 10, 0, G_MAXINT64, &since, NULL))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     _("“since” should be a whole number from 0 to 9223372036854775807"));
      return;
    }

  if (!(changes = galley_server_store_changes_since (self->store, kitchen_id, (gint64) since,
                                                     NULL, &error)))
    {
      respond_gerror (msg, error);
      return;
    }

  /* Members in the protocol's order, with the server's clock added. */
  object = json_node_get_object (changes);
  answer = json_object_new ();
  json_object_set_int_member (answer, "rev", json_object_get_int_member (object, "rev"));
  json_object_set_int_member (answer, "server_time", now_ms (self));
  json_object_set_member (answer, "recipes", json_object_dup_member (object, "recipes"));
  json_object_set_member (answer, "deleted", json_object_dup_member (object, "deleted"));
  json_object_set_member (answer, "timers", json_object_dup_member (object, "timers"));
  respond_object (msg, SOUP_STATUS_OK, answer);
}

/* POST /api/v1/ops */
static void
handle_ops (GalleyServerHttp  *self,
            SoupServerMessage *msg,
            const char        *device_id,
            const char        *kitchen_id)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *ops_node;
  JsonArray *ops_array;
  JsonArray *results_array;

  if (!(request = get_json_object_body (msg)))
    return;

  ops_node = json_object_get_member (request, "ops");
  if (ops_node == NULL || !JSON_NODE_HOLDS_ARRAY (ops_node))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", _("“ops” should be an array"));
      return;
    }

  ops_array = json_node_get_array (ops_node);
  ops = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (ops_array); i++)
    {
      GalleyOp *op = galley_op_from_json_node (json_array_get_element (ops_array, i), &error);

      if (op == NULL)
        {
          g_prefix_error (&error, _("Op %u: "), i);
          respond_gerror (msg, error);
          return;
        }

      g_ptr_array_add (ops, op);
    }

  if (!(results = galley_server_store_apply_ops (self->store, kitchen_id, device_id, ops, &error)))
    {
      respond_gerror (msg, error);
      return;
    }

  results_array = json_array_sized_new (results->len);
  for (guint i = 0; i < results->len; i++)
    json_array_add_element (results_array,
                            galley_server_op_result_to_json (g_ptr_array_index (results, i)));

  answer = json_object_new ();
  json_object_set_array_member (answer, "results", results_array);
  respond_object (msg, SOUP_STATUS_OK, answer);
}

typedef enum
{
  ROUTE_NONE,
  ROUTE_HEALTH,
  ROUTE_JOIN,
  ROUTE_RECIPES,
  ROUTE_RECIPE,
  ROUTE_CHANGES,
  ROUTE_OPS,
} Route;

static Route
route_for_path (const char  *path,
                const char **recipe_id,
                Method      *allowed)
{
  const char *rest;

  *recipe_id = NULL;

  if (!g_str_has_prefix (path, API_PREFIX))
    return ROUTE_NONE;

  rest = path + strlen (API_PREFIX);

  if (g_str_equal (rest, "health"))
    return *allowed = METHOD_GET, ROUTE_HEALTH;
  if (g_str_equal (rest, "join"))
    return *allowed = METHOD_POST, ROUTE_JOIN;
  if (g_str_equal (rest, "recipes"))
    return *allowed = METHOD_GET | METHOD_POST, ROUTE_RECIPES;
  if (g_str_equal (rest, "changes"))
    return *allowed = METHOD_GET, ROUTE_CHANGES;
  if (g_str_equal (rest, "ops"))
    return *allowed = METHOD_POST, ROUTE_OPS;

  if (g_str_has_prefix (rest, "recipes/"))
    {
      rest += strlen ("recipes/");
      if (*rest != '\0' && strchr (rest, '/') == NULL)
        {
          *recipe_id = rest;
          return *allowed = METHOD_GET | METHOD_PUT | METHOD_DELETE, ROUTE_RECIPE;
        }
    }

  return ROUTE_NONE;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  GalleyServerHttp *self = GALLEY_SERVER_HTTP (user_data);
  g_autofree char *device_id = NULL;
  g_autofree char *kitchen_id = NULL;
  const char *recipe_id;
  Method allowed = 0;
  Method method;
  Route route;

  route = route_for_path (path, &recipe_id, &allowed);
  if (route == ROUTE_NONE)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", _("No such API call"));
      return;
    }

  method = method_from_string (soup_server_message_get_method (msg));
  if (!(method & allowed))
    {
      g_autofree char *allow = allowed_methods (allowed);
      g_autofree char *message =
        g_strdup_printf (_("Method %s is not allowed here; allowed: %s"),
                         soup_server_message_get_method (msg), allow);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", allow);
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", message);
      return;
    }

  if (route == ROUTE_HEALTH)
    {
      handle_health (self, msg);
      return;
    }

  if (route == ROUTE_JOIN)
    {
      handle_join (self, msg);
      return;
    }

  if (!authenticate (self, msg, &device_id, &kitchen_id))
    return;

  switch (route)
    {
    case ROUTE_RECIPES:
      if (method == METHOD_GET)
        handle_list_recipes (self, msg, kitchen_id);
      else
        handle_create_recipe (self, msg, kitchen_id);
      break;
    case ROUTE_RECIPE:
      handle_recipe (self, msg, method, kitchen_id, recipe_id);
      break;
    case ROUTE_CHANGES:
      handle_changes (self, msg, query, kitchen_id);
      break;
    case ROUTE_OPS:
      handle_ops (self, msg, device_id, kitchen_id);
      break;
    case ROUTE_NONE:
    case ROUTE_HEALTH:
    case ROUTE_JOIN:
    default:
      g_assert_not_reached ();
    }
}

/* GET /api/v1/stream, before the upgrade: a handler that answers ends the
 * request there, so a device without a valid token gets its 401 instead of
 * a WebSocket. */
static void
handle_stream_request (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  GalleyServerHttp *self = GALLEY_SERVER_HTTP (user_data);
  char *device_id = NULL;
  char *kitchen_id = NULL;

  /* libsoup routes by prefix: /api/v1/stream/… is no API call. */
  if (!g_str_equal (path, STREAM_PATH))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", _("No such API call"));
      return;
    }

  if (!authenticate (self, msg, &device_id, &kitchen_id))
    {
      /* A refused upgrade ends the connection too: WebSocket clients wait
       * for the server to close it, and would otherwise report a timeout
       * instead of the 401. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      return;
    }

  g_object_set_data_full (G_OBJECT (msg), STREAM_DEVICE_KEY, device_id, g_free);
  g_object_set_data_full (G_OBJECT (msg), STREAM_KITCHEN_KEY, kitchen_id, g_free);
}

static void
handle_stream (SoupServer              *server,
               SoupServerMessage       *msg,
               const char              *path,
               SoupWebsocketConnection *connection,
               gpointer                 user_data)
{
  GalleyServerHttp *self = GALLEY_SERVER_HTTP (user_data);
  const char *device_id = g_object_get_data (G_OBJECT (msg), STREAM_DEVICE_KEY);
  const char *kitchen_id = g_object_get_data (G_OBJECT (msg), STREAM_KITCHEN_KEY);

  /* handle_stream_request() let only an authenticated device through. */
  g_assert (device_id != NULL && kitchen_id != NULL);

  galley_server_stream_add (self->stream, connection, kitchen_id, device_id);
}

static void
galley_server_http_constructed (GObject *object)
{
  GalleyServerHttp *self = GALLEY_SERVER_HTTP (object);

  G_OBJECT_CLASS (galley_server_http_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  self->server = soup_server_new ("server-header", "galley-server/" PACKAGE_VERSION, NULL);
  soup_server_add_early_handler (self->server, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);

  /* In libsoup 3.2 a compressed message escapes the size limit. */
  soup_server_remove_websocket_extension (self->server, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  self->stream = galley_server_stream_new (self->store);
  soup_server_add_handler (self->server, STREAM_PATH, handle_stream_request, self, NULL);
  soup_server_add_websocket_handler (self->server, STREAM_PATH, NULL, NULL,
                                     handle_stream, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (on_request_finished), self);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (on_request_aborted), self);
}

static void
galley_server_http_dispose (GObject *object)
{
  GalleyServerHttp *self = GALLEY_SERVER_HTTP (object);

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_signal_handlers_disconnect_by_data (self->server, self);
      g_clear_object (&self->server);
    }

  if (self->stream != NULL)
    {
      galley_server_stream_close_all (self->stream);
      g_clear_object (&self->stream);
    }

  g_clear_object (&self->store);

  G_OBJECT_CLASS (galley_server_http_parent_class)->dispose (object);
}

static void
galley_server_http_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GalleyServerHttp *self = GALLEY_SERVER_HTTP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_server_http_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GalleyServerHttp *self = GALLEY_SERVER_HTTP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_server_http_class_init (GalleyServerHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = galley_server_http_constructed;
  object_class->dispose = galley_server_http_dispose;
  object_class->get_property = galley_server_http_get_property;
  object_class->set_property = galley_server_http_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GALLEY_TYPE_SERVER_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_server_http_init (GalleyServerHttp *self)
{
}

/**
 * galley_server_http_new:
 * @store: the store the API serves
 *
 * Returns: (transfer full): a server that listens nowhere yet
 */
GalleyServerHttp *
galley_server_http_new (GalleyServerStore *store)
{
  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (store), NULL);

  return g_object_new (GALLEY_TYPE_SERVER_HTTP, "store", store, NULL);
}

GalleyServerStore *
galley_server_http_get_store (GalleyServerHttp *self)
{
  g_return_val_if_fail (GALLEY_IS_SERVER_HTTP (self), NULL);

  return self->store;
}

/**
 * galley_server_http_set_tls_certificate:
 * @self: a #GalleyServerHttp
 * @certificate: (nullable): the certificate, with its private key, or %NULL
 *
 * With a certificate, galley_server_http_listen() answers HTTPS (and the
 * stream WSS) instead of plain HTTP. Set it before listening.
 */
void
galley_server_http_set_tls_certificate (GalleyServerHttp *self,
                                        GTlsCertificate  *certificate)
{
  g_return_if_fail (GALLEY_IS_SERVER_HTTP (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_object_set (self->server, "tls-certificate", certificate, NULL);
}

/**
 * galley_server_http_listen:
 * @self: a #GalleyServerHttp
 * @address: where to listen; port 0 picks a free port
 * @error: return location for a #GError
 *
 * Starts answering on @address, from the thread-default main context:
 * HTTPS if a TLS certificate is set, plain HTTP otherwise.
 *
 * Returns: whether the server listens
 */
gboolean
galley_server_http_listen (GalleyServerHttp  *self,
                           GSocketAddress    *address,
                           GError           **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  SoupServerListenOptions options = 0;

  g_return_val_if_fail (GALLEY_IS_SERVER_HTTP (self), FALSE);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_object_get (self->server, "tls-certificate", &certificate, NULL);
  if (certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;

  return soup_server_listen (self->server, address, options, error);
}

/**
 * galley_server_http_get_port:
 * @self: a #GalleyServerHttp
 *
 * Returns: the port the server listens on, 0 if it does not listen
 */
guint16
galley_server_http_get_port (GalleyServerHttp *self)
{
  GSList *listeners;
  guint16 port = 0;

  g_return_val_if_fail (GALLEY_IS_SERVER_HTTP (self), 0);

  /* Not soup_server_get_uris(): libsoup 3.2 leaks the addresses it reads. */
  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) address = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (address))
        port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
    }
  g_slist_free (listeners);

  return port;
}
