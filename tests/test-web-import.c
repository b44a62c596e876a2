/* test-web-import.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "galley-error.h"
#include "galley-importer.h"
#include "galley-web-importer.h"

/* Import from Web against a real HTTP server on 127.0.0.1: the page,
 * the status codes and the sizes a user's browser would meet. */

typedef struct
{
  SoupServer *server;
  SoupSession *session;
  char *base;
  char *page;
} Fixture;

/* G_TEST_OPTION_ISOLATE_DIRS hides the system's GSettings schemas, which
 * GIO's desktop proxy resolver reads; the server is on loopback anyway. */
static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static void
serve (SoupServer        *server,
       SoupServerMessage *message,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Fixture *fixture = user_data;

  /* Each request on its own connection, closed by the server when it has
   * answered, so no connection outlives the test that made it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");

  if (g_str_equal (path, "/soup.html"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                        fixture->page, strlen (fixture->page));
    }
  else if (g_str_equal (path, "/no-recipe.html"))
    {
      const char *html = "<html><head><title>About us</title></head><body>Hello</body></html>";

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
    }
  else if (g_str_equal (path, "/huge.html"))
    {
      /* Twice the limit, so the importer must stop reading on its own. */
      gsize size = 2 * GALLEY_IMPORT_MAX_HTML_BYTES;
      char *html = g_malloc (size);

      memset (html, ' ', size);
      memcpy (html, "<html>", 6);
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_TAKE, html, size);
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "web-soup.html", NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSList *listeners;

  g_file_get_contents (path, &fixture->page, NULL, &error);
  g_assert_no_error (error);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, serve, fixture, NULL);
  soup_server_listen (fixture->server, address, 0, &error);
  g_assert_no_error (error);

  /* The port the kernel chose, read off the listening socket:
   * soup_server_get_uris() leaks an address in libsoup 3.2. */
  listeners = soup_server_get_listeners (fixture->server);
  bound = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%u/",
                                   g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_slist_free (listeners);

  fixture->session = new_session ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  soup_server_disconnect (fixture->server);

  /* Closing connections finishes in idle callbacks that hold the last
   * references; run them so nothing is left for the leak checker. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_finalize_object (fixture->server);
  g_free (fixture->base);
  g_free (fixture->page);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GalleyRecipe *
import (Fixture     *fixture,
        const char  *path,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = g_strconcat (fixture->base, path + 1, NULL);

  galley_web_import_async (fixture->session, url, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return galley_web_import_finish (result, NULL, error);
}

static void
test_imports_page (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = import (fixture, "/soup.html", &error);
  g_autofree char *url = g_strconcat (fixture->base, "soup.html", NULL);
  GalleySection *section;
  GalleyStep *simmer;
  GalleyStepTimer *timer;

  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Weeknight Lentil Soup");
  g_assert_cmpuint (galley_recipe_get_servings (recipe), ==, 4);
  g_assert_cmpint (galley_recipe_get_cook_time_s (recipe), ==, 35 * 60);
  g_assert_cmpuint (galley_recipe_get_ingredients (recipe)->len, ==, 5);
  g_assert_nonnull (galley_recipe_get_id (recipe));

  /* The page names no URL of its own, so the address it came from is kept. */
  g_assert_cmpstr (galley_recipe_get_source_url (recipe), ==, url);

  /* The importer ran the duration detector over the steps. */
  section = g_ptr_array_index (galley_recipe_get_sections (recipe), 0);
  simmer = g_ptr_array_index (galley_section_get_steps (section), 2);
  g_assert_cmpuint (galley_step_get_timers (simmer)->len, ==, 1);
  timer = g_ptr_array_index (galley_step_get_timers (simmer), 0);
  g_assert_cmpint (galley_step_timer_get_seconds (timer), ==, 25 * 60);
  g_assert_cmpint (galley_step_timer_get_max_seconds (timer), ==, 30 * 60);
  g_assert_nonnull (galley_step_timer_get_label (timer));
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = import (fixture, "/missing.html", &error);

  g_assert_null (recipe);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "404"));
}

static void
test_page_without_recipe (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = import (fixture, "/no-recipe.html", &error);

  g_assert_null (recipe);
  g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE);
}

static void
test_huge_page (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = import (fixture, "/huge.html", &error);

  g_assert_null (recipe);
  g_assert_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_LARGE);
}

static void
test_nobody_listening (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and is closed now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/soup.html", port);

  galley_web_import_async (session, url, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  recipe = galley_web_import_finish (result, NULL, &error);
  g_assert_null (recipe);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_normalize_url (void)
{
  static const struct {
    const char *text;
    const char *url;
  } cases[] = {
    { "https://example.org/soup", "https://example.org/soup" },
    { "  http://example.org/a?b=c  ", "http://example.org/a?b=c" },
    { "example.org/soup", "https://example.org/soup" },
    { "", NULL },
    { "   ", NULL },
    { "ftp://example.org/soup", NULL },
    { "file:///etc/passwd", NULL },
    { "javascript:alert(1)", NULL },
    { "https://", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = galley_web_import_normalize_url (cases[i].text, &error);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpstr (url, ==, cases[i].url);
      if (cases[i].url == NULL)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/web-import/imports-page", Fixture, NULL, fixture_set_up, test_imports_page, fixture_tear_down);
  g_test_add ("/web-import/not-found", Fixture, NULL, fixture_set_up, test_not_found, fixture_tear_down);
  g_test_add ("/web-import/page-without-recipe", Fixture, NULL, fixture_set_up, test_page_without_recipe, fixture_tear_down);
  g_test_add ("/web-import/huge-page", Fixture, NULL, fixture_set_up, test_huge_page, fixture_tear_down);
  g_test_add_func ("/web-import/nobody-listening", test_nobody_listening);
  g_test_add_func ("/web-import/normalize-url", test_normalize_url);

  return g_test_run ();
}
