/* galley-test-server.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "galley-test-server.h"

static const char *
server_binary (void)
{
  const char *path = g_getenv ("GALLEY_SERVER");

  g_assert_nonnull (path);
  return path;
}

/* Runs an admin command of galley-server on @db_path; returns its JSON. */
JsonNode *
galley_test_server_run_admin (const char *db_path,
                              const char *first_arg,
                              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) server_binary ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  g_ptr_array_add (argv, (char *) "--json");
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return json_from_string (out, NULL);
}

/* A new kitchen; returns its id and sets its invite. */
char *
galley_test_server_add_kitchen (const char  *db_path,
                                const char  *name,
                                char       **invite)
{
  g_autoptr(JsonNode) node = galley_test_server_run_admin (db_path, "kitchen", "add", name, NULL);
  JsonObject *object;

  g_assert_nonnull (node);
  object = json_node_get_object (node);
  *invite = g_strdup (json_object_get_string_member (object, "invite"));
  return g_strdup (json_object_get_string_member (object, "id"));
}

/* A test that fails leaves no server behind to hold the test's output. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts "galley-server serve" on @db_path and a free port of loopback,
 * with @extra_args (NULL-terminated, or NULL) after the others; the server
 * must say it listens on a @scheme ("http" or "https") URI. */
GSubprocess *
galley_test_server_start_full (const char         *db_path,
                               const char         *scheme,
                               const char * const *extra_args,
                               guint16            *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *line = NULL;
  g_autofree char *prefix = g_strdup_printf ("listening on %s://127.0.0.1:", scheme);
  guint64 number;

  g_ptr_array_add (argv, (char *) server_binary ());
  g_ptr_array_add (argv, (char *) "serve");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  g_ptr_array_add (argv, (char *) "--listen");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, prefix));
  g_assert_true (g_ascii_string_to_unsigned (line + strlen (prefix), 10, 1, G_MAXUINT16,
                                             &number, &error));
  g_assert_no_error (error);
  *port = (guint16) number;

  return g_steal_pointer (&server);
}

/* Starts "galley-server serve" on @db_path and a free port of loopback. */
GSubprocess *
galley_test_server_start (const char *db_path,
                          guint16    *port)
{
  return galley_test_server_start_full (db_path, "http", NULL, port);
}

/* Kills @server and waits for it. */
void
galley_test_server_stop (GSubprocess *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);
}
