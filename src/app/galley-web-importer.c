/* galley-web-importer.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-web-importer"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-error.h"
#include "galley-importer.h"
#include "galley-web-importer.h"

/* "Import from Web…": fetch a recipe page and import the schema.org Recipe
 * that recipe sites embed as JSON-LD. The download is read in chunks and cut
 * off at the HTML limit, so a hostile or broken server cannot make Galley
 * buffer without end. */

#define READ_CHUNK (64 * 1024)

typedef struct
{
  char *url;
  char *content_type;
  GByteArray *body;
  GPtrArray *warnings;
} WebImport;

static void
web_import_free (WebImport *import)
{
  g_free (import->url);
  g_free (import->content_type);
  g_byte_array_unref (import->body);
  g_clear_pointer (&import->warnings, g_ptr_array_unref);
  g_free (import);
}

/**
 * galley_web_import_normalize_url:
 * @text: what the user typed, e.g. "example.org/soup"
 *
 * Returns: (transfer full) (nullable): an http(s) URL, or %NULL with @error
 *   saying why @text is not one
 */
char *
galley_web_import_normalize_url (const char  *text,
                                 GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (*stripped == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the address of a recipe page"));
      return NULL;
    }

  /* People paste "example.org/soup" as often as the full address. */
  if (g_uri_peek_scheme (stripped) == NULL)
    candidate = g_strconcat ("https://", stripped, NULL);
  else
    candidate = g_strdup (stripped);

  uri = g_uri_parse (candidate, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address"), stripped);
      return NULL;
    }

  return g_uri_to_string (uri);
}

static void
finish_import (GTask *task)
{
  WebImport *import = g_task_get_task_data (task);
  g_autoptr(GalleyRecipe) recipe = NULL;
  GError *error = NULL;

  recipe = galley_import_recipe ((const char *)import->body->data, import->body->len,
                                 galley_recipe_format_guess (NULL, import->content_type,
                                                             (const char *)import->body->data,
                                                             import->body->len),
                                 NULL, &import->warnings, &error);
  if (recipe == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (galley_recipe_get_source_url (recipe) == NULL)
    galley_recipe_set_source_url (recipe, import->url);

  g_task_return_pointer (task, g_steal_pointer (&recipe), g_object_unref);
}

static void read_ready (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
read_next_chunk (GInputStream *stream,
                 GTask        *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   cancellable, read_ready, task);
}

static void
read_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GTask) task = user_data;
  WebImport *import = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (stream, result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_import (task);
      return;
    }

  g_byte_array_append (import->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (import->body->len > GALLEY_IMPORT_MAX_HTML_BYTES)
    {
      g_task_return_new_error (task, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_LARGE,
                               _("The page is larger than %u MiB"),
                               GALLEY_IMPORT_MAX_HTML_BYTES / (1024 * 1024));
      return;
    }

  read_next_chunk (stream, g_steal_pointer (&task));
}

static void
send_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  WebImport *import = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  SoupMessage *message;
  GError *error = NULL;

  stream = soup_session_send_finish (session, result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  message = soup_session_get_async_result_message (session, result);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               /* Translators: %u is an HTTP status code, %s its reason, e.g. "404 Not Found" */
                               _("The page could not be loaded (%u %s)"),
                               soup_message_get_status (message),
                               soup_message_get_reason_phrase (message));
      return;
    }

  import->content_type =
    g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL));

  read_next_chunk (stream, g_steal_pointer (&task));
}

/**
 * galley_web_import_async:
 * @session: the session to fetch with
 * @url: an http(s) URL, e.g. from galley_web_import_normalize_url()
 *
 * Fetches @url and imports the recipe on it.
 */
void
galley_web_import_async (SoupSession         *session,
                         const char          *url,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  WebImport *import;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, galley_web_import_async);

  import = g_new0 (WebImport, 1);
  import->url = g_strdup (url);
  import->body = g_byte_array_new ();
  g_task_set_task_data (task, import, (GDestroyNotify) web_import_free);

  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a web address"), url);
      return;
    }

  soup_message_headers_append (soup_message_get_request_headers (message),
                               "Accept", "text/html, application/ld+json;q=0.9, */*;q=0.5");

  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                           send_ready, g_steal_pointer (&task));
}

/**
 * galley_web_import_finish:
 * @warnings: (out) (optional) (element-type utf8): what could not be read
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with @error set
 */
GalleyRecipe *
galley_web_import_finish (GAsyncResult  *result,
                          GPtrArray    **warnings,
                          GError       **error)
{
  WebImport *import;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  import = g_task_get_task_data (G_TASK (result));
  if (warnings != NULL)
    *warnings = import->warnings ? g_ptr_array_ref (import->warnings) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}
