/* main.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-server"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "galley-importer.h"
#include "galley-server-http.h"
#include "galley-server-store.h"

/* galley-server's command line: the administration of the server's
 * database (kitchens, invites, devices, imports, backups). Every command
 * works on the database file directly, so it also works while the server
 * runs: SQLite serializes the two. "serve" is the server itself.
 *
 * Exit status: 0 done, 1 failed (the message says why), 2 wrong usage (a
 * one-line reason on stderr). With --json, what a command prints on stdout
 * is one JSON value, for scripts; errors still go to stderr. */

#define EXIT_USAGE 2

typedef struct
{
  const char *command;  /* "kitchen add", for messages */
  char *db_path;
  gboolean json;
  /* the command's own options */
  int expires_days;
  char *kitchen;
  char *listen;
  char *tls_cert;
  char *tls_key;
  /* what is left after the options */
  char **args;
} Invocation;

static void
invocation_clear (Invocation *inv)
{
  g_clear_pointer (&inv->db_path, g_free);
  g_clear_pointer (&inv->kitchen, g_free);
  g_clear_pointer (&inv->listen, g_free);
  g_clear_pointer (&inv->tls_cert, g_free);
  g_clear_pointer (&inv->tls_key, g_free);
  g_clear_pointer (&inv->args, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Invocation, invocation_clear)

typedef int (*CommandFunc) (Invocation *inv);

typedef struct
{
  const char *group;       /* "kitchen", "device", or NULL for a top-level command */
  const char *name;
  const char *synopsis;    /* in the list of commands */
  const char *brief;       /* in the list of commands */
  const char *parameters;  /* after [OPTION…] in the command's usage line */
  const char *summary;     /* in the command's --help */
  guint min_args;
  guint max_args;          /* G_MAXUINT: any number */
  CommandFunc func;
} Command;

static int cmd_kitchen_add (Invocation *inv);
static int cmd_kitchen_invite (Invocation *inv);
static int cmd_kitchen_list (Invocation *inv);
static int cmd_device_list (Invocation *inv);
static int cmd_device_revoke (Invocation *inv);
static int cmd_import (Invocation *inv);
static int cmd_backup (Invocation *inv);
static int cmd_serve (Invocation *inv);

static const Command commands[] = {
  { "kitchen", "add",
    N_("kitchen add NAME"), N_("Create a kitchen and an invite code"),
    N_("NAME"),
    N_("Creates a kitchen and prints its id and an invite code for its first device."),
    1, 1, cmd_kitchen_add },
  { "kitchen", "invite",
    N_("kitchen invite KITCHEN"), N_("Make an invite code to join a kitchen"),
    N_("KITCHEN"),
    N_("Makes a single-use invite code for a device to join the kitchen."),
    1, 1, cmd_kitchen_invite },
  { "kitchen", "list",
    N_("kitchen list"), N_("List the kitchens"),
    "",
    N_("Lists the kitchens with their numbers of devices and recipes."),
    0, 0, cmd_kitchen_list },
  { "device", "list",
    N_("device list KITCHEN"), N_("List a kitchen’s devices"),
    N_("KITCHEN"),
    N_("Lists the devices that joined the kitchen, revoked ones included."),
    1, 1, cmd_device_list },
  { "device", "revoke",
    N_("device revoke DEVICE"), N_("Stop a device from connecting"),
    N_("DEVICE"),
    N_("Stops the device from connecting, at once and for good."),
    1, 1, cmd_device_revoke },
  { NULL, "import",
    N_("import --kitchen KITCHEN FILE…"), N_("Add recipe files to a kitchen"),
    N_("FILE…"),
    N_("Adds recipe files (Cooklang, JSON-LD, HTML pages with JSON-LD, recipe JSON) "
       "to a kitchen, read as the app reads them."),
    1, G_MAXUINT, cmd_import },
  { NULL, "backup",
    N_("backup PATH"), N_("Copy the database while the server runs"),
    N_("PATH"),
    N_("Copies the database to PATH while the server keeps running. "
       "An existing file at PATH is replaced once the copy is complete."),
    1, 1, cmd_backup },
  { NULL, "serve",
    N_("serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]"), N_("Run the sync server"),
    "",
    N_("Answers the sync protocol’s HTTP API until interrupted, over HTTPS with "
       "--tls-cert and --tls-key. Port 0 picks a free port; the first line on "
       "stdout says where the server listens."),
    0, 0, cmd_serve },
};

static G_GNUC_PRINTF (2, 3) int
usage_error (const char *command,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line: the reason and where to read more. */
  g_printerr (_("galley-server%s%s: %s (see --help)\n"),
              command ? " " : "", command ? command : "", message);
  return EXIT_USAGE;
}

static int
fail (GError *error)
{
  g_printerr ("galley-server: %s\n", error->message);
  return EXIT_FAILURE;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  print_json (root);
}

typedef void (*AddJsonFunc) (JsonBuilder   *builder,
                             gconstpointer  item);
typedef void (*PrintTextFunc) (gconstpointer item);

/* What a list command prints: one JSON array with --json, else each item
 * as text, or @empty_text if there is none. */
static void
print_list (Invocation    *inv,
            GPtrArray     *items,
            AddJsonFunc    add_json,
            PrintTextFunc  print_text,
            const char    *empty_text)
{
  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        add_json (builder, g_ptr_array_index (items, i));
      json_builder_end_array (builder);

      print_builder (builder);
      return;
    }

  if (items->len == 0)
    {
      g_print ("%s", empty_text);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    print_text (g_ptr_array_index (items, i));
}

/* A time for people: local, to the minute. */
static char *
format_time (gint64 unix_ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_ms / 1000);

  if (time == NULL)
    return g_strdup ("?");

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

static void
add_nullable_time (JsonBuilder *builder,
                   const char  *member,
                   gint64       unix_ms)
{
  json_builder_set_member_name (builder, member);
  if (unix_ms != 0)
    json_builder_add_int_value (builder, unix_ms);
  else
    json_builder_add_null_value (builder);
}

static GalleyServerStore *
open_store (Invocation  *inv,
            gboolean     create,
            GError     **error)
{
  if (!create && !g_file_test (inv->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("There is no database at “%s”; “galley-server kitchen add NAME” creates one"),
                   inv->db_path);
      return NULL;
    }

  return galley_server_store_open (inv->db_path, NULL, error);
}

static GalleyServerStore *
open_existing_store (Invocation  *inv,
                     GError     **error)
{
  return open_store (inv, FALSE, error);
}

/* kitchen add NAME */
static int
cmd_kitchen_add (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyServerKitchen) kitchen = NULL;
  g_autofree char *kitchen_id = NULL;
  g_autofree char *code = NULL;
  gint64 expires_at;

  if (!(store = open_store (inv, TRUE, &error)) ||
      !galley_server_store_create_kitchen (store, inv->args[0], &kitchen_id, &code,
                                           &expires_at, &error) ||
      !(kitchen = galley_server_store_get_kitchen (store, kitchen_id, &error)))
    return fail (error);

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, kitchen->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, kitchen->name);
      json_builder_set_member_name (builder, "invite");
      json_builder_add_string_value (builder, code);
      json_builder_set_member_name (builder, "invite_expires_at");
      json_builder_add_int_value (builder, expires_at);
      json_builder_end_object (builder);

      print_builder (builder);
    }
  else
    {
      g_autofree char *expires = format_time (expires_at);

      g_print (_("Created the kitchen “%s”.\n"), kitchen->name);
      g_print (_("Kitchen id:  %s\n"), kitchen->id);
      g_print (_("Invite code: %s (single use, valid until %s)\n"), code, expires);
    }

  return EXIT_SUCCESS;
}

/* kitchen invite KITCHEN [--expires DAYS] */
static int
cmd_kitchen_invite (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  gint64 expires_at;

  if (inv->expires_days < 1 || inv->expires_days > GALLEY_SERVER_INVITE_MAX_DAYS)
    return usage_error (inv->command, _("--expires takes 1 to %d days"),
                        GALLEY_SERVER_INVITE_MAX_DAYS);

  if (!(store = open_existing_store (inv, &error)) ||
      !(code = galley_server_store_create_invite (store, inv->args[0], inv->expires_days,
                                                  &expires_at, &error)))
    return fail (error);

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kitchen");
      json_builder_add_string_value (builder, inv->args[0]);
      json_builder_set_member_name (builder, "invite");
      json_builder_add_string_value (builder, code);
      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_int_value (builder, expires_at);
      json_builder_end_object (builder);

      print_builder (builder);
    }
  else
    {
      g_autofree char *expires = format_time (expires_at);

      g_print (_("Invite code: %s (single use, valid until %s)\n"), code, expires);
    }

  return EXIT_SUCCESS;
}

static void
add_kitchen_json (JsonBuilder   *builder,
                  gconstpointer  item)
{
  const GalleyServerKitchen *kitchen = item;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, kitchen->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, kitchen->name);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, kitchen->created);
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, kitchen->rev);
  json_builder_set_member_name (builder, "devices");
  json_builder_add_int_value (builder, kitchen->n_devices);
  json_builder_set_member_name (builder, "recipes");
  json_builder_add_int_value (builder, kitchen->n_recipes);
  json_builder_end_object (builder);
}

static void
print_kitchen (gconstpointer item)
{
  const GalleyServerKitchen *kitchen = item;
  g_autofree char *created = format_time (kitchen->created);

  g_print ("%s  %s\n", kitchen->id, kitchen->name);
  g_print (ngettext ("    %u device, ", "    %u devices, ", kitchen->n_devices),
           kitchen->n_devices);
  g_print (ngettext ("%u recipe, ", "%u recipes, ", kitchen->n_recipes),
           kitchen->n_recipes);
  g_print (_("created %s\n"), created);
}

/* kitchen list */
static int
cmd_kitchen_list (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kitchens = NULL;

  if (!(store = open_existing_store (inv, &error)) ||
      !(kitchens = galley_server_store_list_kitchens (store, &error)))
    return fail (error);

  print_list (inv, kitchens, add_kitchen_json, print_kitchen,
              _("No kitchens yet; “galley-server kitchen add NAME” creates one.\n"));
  return EXIT_SUCCESS;
}

static void
add_device_json (JsonBuilder   *builder,
                 gconstpointer  item)
{
  const GalleyServerDevice *device = item;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, device->id);
  json_builder_set_member_name (builder, "kitchen");
  json_builder_add_string_value (builder, device->kitchen);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, device->name);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, device->created);
  add_nullable_time (builder, "revoked_at", device->revoked_at);
  json_builder_end_object (builder);
}

static void
print_device (gconstpointer item)
{
  const GalleyServerDevice *device = item;
  g_autofree char *created = format_time (device->created);

  g_print ("%s  %s\n", device->id, device->name);
  if (device->revoked_at != 0)
    {
      g_autofree char *revoked = format_time (device->revoked_at);
      g_print (_("    joined %s, revoked %s\n"), created, revoked);
    }
  else
    g_print (_("    joined %s\n"), created);
}

/* device list KITCHEN */
static int
cmd_device_list (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;

  if (!(store = open_existing_store (inv, &error)) ||
      !(devices = galley_server_store_list_devices (store, inv->args[0], &error)))
    return fail (error);

  print_list (inv, devices, add_device_json, print_device,
              _("No device has joined this kitchen yet.\n"));
  return EXIT_SUCCESS;
}

/* device revoke DEVICE */
static int
cmd_device_revoke (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyServerDevice) device = NULL;

  if (!(store = open_existing_store (inv, &error)) ||
      !(device = galley_server_store_revoke_device (store, inv->args[0], &error)))
    return fail (error);

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_device_json (builder, device);
      print_builder (builder);
    }
  else
    g_print (_("Revoked the device “%s” (%s); it can no longer connect.\n"),
             device->name, device->id);

  return EXIT_SUCCESS;
}

/* import --kitchen KITCHEN FILE… */
static int
cmd_import (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyServerKitchen) kitchen = NULL;
  g_autoptr(JsonBuilder) imported = json_builder_new ();
  g_autoptr(JsonBuilder) failed = json_builder_new ();
  guint n_failed = 0;

  if (inv->kitchen == NULL)
    return usage_error (inv->command, _("--kitchen KITCHEN is required"));

  if (!(store = open_existing_store (inv, &error)) ||
      !(kitchen = galley_server_store_get_kitchen (store, inv->kitchen, &error)))
    return fail (error);

  json_builder_begin_array (imported);
  json_builder_begin_array (failed);

  for (guint i = 0; inv->args[i] != NULL; i++)
    {
      const char *arg = inv->args[i];
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
      g_autoptr(GalleyRecipe) recipe = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 rev = -1;

      /* Each file is its own change: one bad file does not stop the
       * others, and the summary says which failed. */
      if ((recipe = galley_import_file (file, NULL, &warnings, &local_error)))
        rev = galley_server_store_put_recipe (store, kitchen->id, recipe, &local_error);

      if (rev < 0)
        {
          n_failed++;
          json_builder_begin_object (failed);
          json_builder_set_member_name (failed, "file");
          json_builder_add_string_value (failed, arg);
          json_builder_set_member_name (failed, "error");
          json_builder_add_string_value (failed, local_error->message);
          json_builder_end_object (failed);

          g_printerr ("galley-server: %s: %s\n", arg, local_error->message);
          continue;
        }

      json_builder_begin_object (imported);
      json_builder_set_member_name (imported, "file");
      json_builder_add_string_value (imported, arg);
      json_builder_set_member_name (imported, "id");
      json_builder_add_string_value (imported, galley_recipe_get_id (recipe));
      json_builder_set_member_name (imported, "title");
      json_builder_add_string_value (imported, galley_recipe_get_title (recipe));
      json_builder_set_member_name (imported, "rev");
      json_builder_add_int_value (imported, rev);
      json_builder_set_member_name (imported, "warnings");
      json_builder_begin_array (imported);
      for (guint j = 0; warnings != NULL && j < warnings->len; j++)
        json_builder_add_string_value (imported, g_ptr_array_index (warnings, j));
      json_builder_end_array (imported);
      json_builder_end_object (imported);

      if (!inv->json)
        {
          g_print (_("Imported “%s” from %s (recipe %s)\n"),
                   galley_recipe_get_title (recipe), arg, galley_recipe_get_id (recipe));
          for (guint j = 0; warnings != NULL && j < warnings->len; j++)
            g_printerr (_("galley-server: %s: warning: %s\n"),
                        arg, (const char *)g_ptr_array_index (warnings, j));
        }
    }

  json_builder_end_array (imported);
  json_builder_end_array (failed);

  if (inv->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) root = NULL;

      json_object_set_string_member (object, "kitchen", kitchen->id);
      json_object_set_member (object, "imported", json_builder_get_root (imported));
      json_object_set_member (object, "failed", json_builder_get_root (failed));
      root = json_node_init_object (json_node_alloc (), object);
      print_json (root);
    }

  return n_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE] */
static int
cmd_serve (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GalleyServerHttp) http = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *host = NULL;
  const char *scheme;
  const char *listen = inv->listen ? inv->listen : "127.0.0.1:8423";
  guint sigint_id;
  guint sigterm_id;

  /* stdout is for the "listening on" line; the log goes to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* An address, not a name: a name can resolve to several, or none. */
  if (!(connectable = g_network_address_parse (listen, 8423, NULL)) ||
      !(inet_address = g_inet_address_new_from_string (
          g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)))))
    return usage_error (inv->command,
                        _("--listen takes an IP address and a port, such as 127.0.0.1:8423, not “%s”"),
                        listen);

  address = g_inet_socket_address_new (inet_address,
                                       g_network_address_get_port (G_NETWORK_ADDRESS (connectable)));

  if ((inv->tls_cert == NULL) != (inv->tls_key == NULL))
    return usage_error (inv->command, _("--tls-cert and --tls-key go together"));

  /* Before the database: a wrong file should not leave a new database behind. */
  if (inv->tls_cert != NULL &&
      !(certificate = g_tls_certificate_new_from_files (inv->tls_cert, inv->tls_key, &error)))
    {
      g_prefix_error (&error, _("Could not load the TLS certificate “%s” with the key “%s”: "),
                      inv->tls_cert, inv->tls_key);
      return fail (error);
    }

  if (!(store = open_store (inv, TRUE, &error)))
    return fail (error);

  http = galley_server_http_new (store);
  galley_server_http_set_tls_certificate (http, certificate);
  if (!galley_server_http_listen (http, address, &error))
    return fail (error);

  host = g_inet_address_to_string (inet_address);
  /* Not translated: scripts and tests read this line for the port. */
  scheme = certificate != NULL ? "https" : "http";
  if (g_inet_address_get_family (inet_address) == G_SOCKET_FAMILY_IPV6)
    g_print ("listening on %s://[%s]:%u\n", scheme, host, galley_server_http_get_port (http));
  else
    g_print ("listening on %s://%s:%u\n", scheme, host, galley_server_http_get_port (http));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  return EXIT_SUCCESS;
}

/* backup PATH */
static int
cmd_backup (Invocation *inv)
{
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (inv->args[0]);
  g_autofree char *path = g_file_get_path (file);
  GStatBuf info;

  if (path == NULL)
    return usage_error (inv->command, _("“%s” is not a local file"), inv->args[0]);

  if (!(store = open_existing_store (inv, &error)) ||
      !galley_server_store_backup (store, path, &error))
    return fail (error);

  if (g_stat (path, &info) != 0)
    info.st_size = 0;

  if (inv->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, inv->db_path);
      json_builder_set_member_name (builder, "backup");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, info.st_size);
      json_builder_end_object (builder);

      print_builder (builder);
    }
  else
    {
      g_autofree char *size = g_format_size (info.st_size);

      g_print (_("Backed up %s to %s (%s)\n"), inv->db_path, path, size);
    }

  return EXIT_SUCCESS;
}

static void
print_commands (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const Command *command = &commands[i];
      const char *synopsis = _(command->synopsis);
      glong width = g_utf8_strlen (synopsis, -1);

      if (group != NULL && g_strcmp0 (command->group, group) != 0)
        continue;

      /* Padded by characters, not bytes: "…" is one column. */
      g_print ("  %s%*s  %s\n", synopsis, (int) MAX (0, 30 - width), "", _(command->brief));
    }
}

static void
print_help (const char *group)
{
  if (group != NULL)
    g_print (_("Usage:\n  galley-server %s COMMAND [OPTION…]\n\n"), group);
  else
    g_print (_("Usage:\n  galley-server COMMAND [OPTION…]\n\n"
               "Administers the database of galley-server, the Galley sync server.\n\n"));

  g_print (_("Commands:\n"));
  print_commands (group);
  g_print (_("\nEvery command takes --db PATH (default: %s) and --json "
             "(machine-readable output).\n"
             "“galley-server COMMAND --help” tells more about a command.\n"),
           "$XDG_DATA_HOME/galley-server/galley.db");
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 ||
         g_strcmp0 (arg, "-?") == 0 || g_strcmp0 (arg, "help") == 0;
}

static int
run_command (const Command  *command,
             int             argc,
             char          **argv)
{
  g_auto(Invocation) inv = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *prgname = NULL;
  g_autofree char *default_db = galley_server_store_default_path ();
  g_autofree char *db_description = NULL;
  g_auto(GStrv) args = NULL;
  guint n_args;
  GOptionEntry common_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &inv.db_path,
      N_("The server’s database"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &inv.json,
      N_("Print machine-readable JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inv.args, NULL, NULL },
    { NULL }
  };
  GOptionEntry invite_entries[] = {
    { "expires", 0, 0, G_OPTION_ARG_INT, &inv.expires_days,
      N_("Days until the invite expires (default 7)"), N_("DAYS") },
    { NULL }
  };
  GOptionEntry serve_entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &inv.listen,
      N_("Where to listen (default 127.0.0.1:8423)"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &inv.tls_cert,
      N_("Serve HTTPS with this PEM certificate (chain)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &inv.tls_key,
      N_("The PEM private key of --tls-cert"), N_("FILE") },
    { NULL }
  };
  GOptionEntry import_entries[] = {
    { "kitchen", 0, 0, G_OPTION_ARG_STRING, &inv.kitchen,
      N_("The kitchen to add the recipes to (required)"), N_("KITCHEN") },
    { NULL }
  };

  name = command->group ? g_strdup_printf ("%s %s", command->group, command->name)
                        : g_strdup (command->name);
  inv.command = name;
  inv.expires_days = GALLEY_SERVER_INVITE_DEFAULT_DAYS;

  /* The usage line of --help starts with the program name. */
  prgname = g_strdup_printf ("galley-server %s", name);
  g_set_prgname (prgname);

  /* The context translates the parameters and the summary itself. */
  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  db_description = g_strdup_printf (_("The database is %s unless --db says otherwise."), default_db);
  g_option_context_set_description (context, db_description);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (command->func == cmd_kitchen_invite)
    g_option_context_add_main_entries (context, invite_entries, GETTEXT_PACKAGE);
  if (command->func == cmd_import)
    g_option_context_add_main_entries (context, import_entries, GETTEXT_PACKAGE);
  if (command->func == cmd_serve)
    g_option_context_add_main_entries (context, serve_entries, GETTEXT_PACKAGE);

  /* GOptionContext's argv[0] is the program; the command words are not
   * arguments. g_option_context_parse_strv() takes ownership of args. */
  args = g_new0 (char *, argc + 2);
  args[0] = g_strdup (prgname);
  for (int i = 0; i < argc; i++)
    args[i + 1] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (name, "%s", error->message);

  n_args = inv.args ? g_strv_length (inv.args) : 0;
  if (n_args < command->min_args)
    return usage_error (name, _("expected %s"), _(command->parameters));
  if (n_args > command->max_args)
    return usage_error (name, _("unexpected argument “%s”"), inv.args[command->max_args]);
  if (inv.args == NULL)
    inv.args = g_new0 (char *, 1);

  if (inv.db_path == NULL)
    inv.db_path = g_steal_pointer (&default_db);

  return command->func (&inv);
}

int
main (int   argc,
      char *argv[])
{
  const char *word;
  const char *group = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage_error (NULL, _("missing command"));

  word = argv[1];

  if (is_help (word))
    {
      print_help (NULL);
      return EXIT_SUCCESS;
    }

  if (g_strcmp0 (word, "--version") == 0)
    {
      g_print ("galley-server %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (commands[i].group != NULL && strcmp (commands[i].group, word) == 0)
        group = commands[i].group;
      else if (commands[i].group == NULL && strcmp (commands[i].name, word) == 0)
        return run_command (&commands[i], argc - 2, argv + 2);
    }

  if (group == NULL)
    return usage_error (NULL, _("unknown command “%s”"), word);

  if (argc < 3)
    return usage_error (group, _("missing command"));

  if (is_help (argv[2]))
    {
      print_help (group);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].group, group) == 0 && strcmp (commands[i].name, argv[2]) == 0)
        return run_command (&commands[i], argc - 3, argv + 3);
    }

  return usage_error (group, _("unknown command “%s”"), argv[2]);
}
