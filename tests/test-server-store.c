/* test-server-store.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "galley-op.h"
#include "galley-recipe-json.h"
#include "galley-server-store.h"
#include "galley-test-clock.h"
#include "galley-timer-json.h"

#define T0 G_GINT64_CONSTANT (1732500000000)
#define SECOND G_GINT64_CONSTANT (1000)
#define MINUTE (60 * SECOND)
#define DAY (24 * 60 * MINUTE)
#define HLC_DEVICE "5f0c2a9e-1b7d-4c3e-9a8f-0123456789ab"

typedef struct
{
  GalleyTestClock *clock;
  GalleyServerStore *store;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->clock = galley_test_clock_new (T0);
  f->path = galley_server_store_default_path ();
  f->store = galley_server_store_open (f->path, GALLEY_CLOCK (f->clock), &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->clock);
  g_free (f->path);
}

/* A second connection, as another process (or the sqlite3 tool) would see
 * the file. */
static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  g_autofree char *text = raw_query_text (db, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static char *
create_kitchen (GalleyServerStore  *store,
                const char         *name,
                char              **invite)
{
  g_autoptr(GError) error = NULL;
  char *kitchen_id = NULL;

  g_assert_true (galley_server_store_create_kitchen (store, name, &kitchen_id, invite, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (kitchen_id));

  return kitchen_id;
}

typedef struct
{
  char *kitchen_id;
  char *device_id;
  char *token;
} Member;

static void
member_clear (Member *m)
{
  g_clear_pointer (&m->kitchen_id, g_free);
  g_clear_pointer (&m->device_id, g_free);
  g_clear_pointer (&m->token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Member, member_clear)

/* A kitchen with one device that joined it. */
static void
create_member (GalleyServerStore *store,
               const char        *kitchen_name,
               Member            *m)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *invite = NULL;
  g_autofree char *kitchen_id = create_kitchen (store, kitchen_name, &invite);
  g_autofree char *joined_name = NULL;

  g_assert_true (galley_server_store_join (store, invite, "Kitchen laptop",
                                           &m->kitchen_id, &joined_name,
                                           &m->device_id, &m->token, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (m->kitchen_id, ==, kitchen_id);
  g_assert_cmpstr (joined_name, ==, kitchen_name);
}

static GalleyRecipe *
make_recipe (const char *id,
             const char *title)
{
  GalleyRecipe *recipe = galley_recipe_new ();
  g_autoptr(GalleySection) section = galley_section_new (NULL);
  g_autoptr(GalleyStep) step = galley_step_new ("Simmer for 10 minutes.");

  galley_recipe_set_id (recipe, id);
  galley_recipe_set_title (recipe, title);
  galley_recipe_set_cook_time_s (recipe, 600);
  galley_section_add_step (section, step);
  galley_recipe_add_section (recipe, section);

  return recipe;
}

static gint64
put_recipe (GalleyServerStore *store,
            const char        *kitchen_id,
            const char        *recipe_id,
            const char        *title)
{
  g_autoptr(GalleyRecipe) recipe = make_recipe (recipe_id, title);
  g_autoptr(GError) error = NULL;
  gint64 rev;

  rev = galley_server_store_put_recipe (store, kitchen_id, recipe, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rev, >, 0);
  g_assert_cmpint (galley_recipe_get_rev (recipe), ==, rev);

  return rev;
}

static char *
stamp (gint64 ms)
{
  return g_strdup_printf ("%015" G_GINT64_FORMAT "-0000-%s", ms, HLC_DEVICE);
}

/* An op as a device sends it: starting (running), pausing (paused) or
 * resetting (idle) a 10-minute timer. */
static GalleyOp *
make_op (const char        *op_id,
         const char        *timer_id,
         GalleyTimerStatus  status,
         gint64             stamp_ms,
         const char        *label)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *updated = stamp (stamp_ms);
  GalleyOp *op;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, op_id);
  json_builder_set_member_name (builder, "timer");
  json_builder_add_string_value (builder, timer_id);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder,
                                 status == GALLEY_TIMER_STATUS_RUNNING ? "start" :
                                 status == GALLEY_TIMER_STATUS_PAUSED ? "pause" : "reset");
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, updated);
  if (label != NULL)
    {
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
    }
  json_builder_set_member_name (builder, "state");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, galley_timer_status_to_string (status));
  json_builder_set_member_name (builder, "duration_ms");
  json_builder_add_int_value (builder, 10 * MINUTE);
  json_builder_set_member_name (builder, "ends_at");
  if (status == GALLEY_TIMER_STATUS_RUNNING)
    json_builder_add_int_value (builder, stamp_ms + 10 * MINUTE);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "remaining_ms");
  if (status == GALLEY_TIMER_STATUS_PAUSED)
    json_builder_add_int_value (builder, 7 * MINUTE);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  op = galley_op_from_json_node (node, &error);
  g_assert_no_error (error);

  return op;
}

static GPtrArray *
apply_one (GalleyServerStore  *store,
           Member             *m,
           GalleyOp           *op,
           GError            **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new ();

  g_ptr_array_add (ops, op);
  return galley_server_store_apply_ops (store, m->kitchen_id, m->device_id, ops, error);
}

static gint64
kitchen_rev (GalleyServerStore *store,
             const char        *kitchen_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyServerKitchen) kitchen = galley_server_store_get_kitchen (store, kitchen_id, &error);

  g_assert_no_error (error);
  return kitchen->rev;
}

static JsonObject *
changes (GalleyServerStore *store,
         const char        *kitchen_id,
         gint64             since)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 rev = -1;

  node = galley_server_store_changes_since (store, kitchen_id, since, &rev, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "rev"), ==, rev);

  return json_object_ref (json_node_get_object (node));
}

/* The ids in a "changes" list, joined with spaces, in order. */
static char *
list_ids (JsonObject *object,
          const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (ids, (char *)json_object_get_string_member (json_node_get_object (element), "id"));
      else
        g_ptr_array_add (ids, (char *)json_node_get_string (element));
    }
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **)ids->pdata);
}

static void
test_fresh_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_server_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "galley-server", "galley.db", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(GalleyServerStore) store = NULL;
  GStatBuf info;
  sqlite3 *db;

  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = galley_server_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_server_store_get_path (store), ==, path);

  /* Only the server's user may read other people's recipes and secrets. */
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  db = open_raw (path);
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, 1);
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (raw_query_int (db,
                                  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                                  " ('kitchens', 'invites', 'devices', 'recipes', 'timers', 'ops')"),
                   ==, 6);
  /* The schema's foreign keys hold. */
  raw_exec (db, "PRAGMA foreign_keys = ON");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO devices (id, kitchen, name, token_hash, created)"
                                     " VALUES ('d', 'no such kitchen', 'x', 'h', 0)", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  g_assert_finalize_object (g_steal_pointer (&store));

  /* Opening again keeps the schema and the data. */
  store = galley_server_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_newer_version_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = galley_server_store_default_path ();
  g_autoptr(GalleyServerStore) store = galley_server_store_open (path, NULL, &error);
  g_autofree char *journal_mode = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  db = open_raw (path);
  raw_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
  sqlite3_close (db);

  store = galley_server_store_open (path, NULL, &error);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "99"));

  /* Left exactly as it was: not switched to WAL, not migrated. */
  db = open_raw (path);
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, 99);
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "delete");
  sqlite3_close (db);
}

static void
test_kitchen_names (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) kitchens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (101, 'x');
  const char *bad[] = { "", "   ", "two\nlines", long_name };
  g_autofree char *id = create_kitchen (f->store, "  The Smiths  ", NULL);
  GalleyServerKitchen *kitchen;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (galley_server_store_create_kitchen (f->store, bad[i], NULL, NULL, NULL, &error));
      g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  kitchens = galley_server_store_list_kitchens (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kitchens->len, ==, 1);
  kitchen = g_ptr_array_index (kitchens, 0);
  g_assert_cmpstr (kitchen->id, ==, id);
  g_assert_cmpstr (kitchen->name, ==, "The Smiths");
  g_assert_cmpint (kitchen->created, ==, T0);
  g_assert_cmpint (kitchen->rev, ==, 0);
  g_assert_cmpuint (kitchen->n_devices, ==, 0);
  g_assert_cmpuint (kitchen->n_recipes, ==, 0);
}

static void
test_kitchens_isolated (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Member) a = { 0 };
  g_auto(Member) b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonObject) b_changes = NULL;
  g_autoptr(GalleyOp) op = NULL;
  g_autofree char *device = NULL;
  g_autofree char *kitchen = NULL;
  g_autofree char *timer_id = galley_timer_id_for_kitchen ();
  const char *shared_id = "0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c";

  create_member (f->store, "Kitchen A", &a);
  create_member (f->store, "Kitchen B", &b);
  g_assert_cmpstr (a.kitchen_id, !=, b.kitchen_id);

  /* Each device's token says which kitchen it belongs to. */
  g_assert_true (galley_server_store_authenticate (f->store, a.token, &device, &kitchen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kitchen, ==, a.kitchen_id);

  put_recipe (f->store, a.kitchen_id, shared_id, "A's soup");
  put_recipe (f->store, a.kitchen_id, "1b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c", "A's bread");

  /* B sees none of A's recipes: not by id, not in its list, not in its
   * changes. */
  recipe = galley_server_store_get_recipe (f->store, b.kitchen_id, shared_id, &error);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_assert_null (recipe);
  g_clear_error (&error);

  summaries = galley_server_store_list_recipe_summaries (f->store, b.kitchen_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 0);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  b_changes = changes (f->store, b.kitchen_id, 0);
  g_assert_cmpint (json_object_get_int_member (b_changes, "rev"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b_changes, "recipes")), ==, 0);

  /* B deleting A's recipe id deletes nothing of A's. */
  g_assert_cmpint (galley_server_store_delete_recipe (f->store, b.kitchen_id, shared_id, &error), ==, -1);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The same recipe id in B is B's own recipe. */
  put_recipe (f->store, b.kitchen_id, shared_id, "B's soup");
  recipe = galley_server_store_get_recipe (f->store, a.kitchen_id, shared_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "A's soup");
  g_clear_object (&recipe);
  recipe = galley_server_store_get_recipe (f->store, b.kitchen_id, shared_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "B's soup");

  summaries = galley_server_store_list_recipe_summaries (f->store, a.kitchen_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpstr (galley_recipe_summary_get_title (g_ptr_array_index (summaries, 0)), ==, "A's bread");
  g_assert_cmpstr (galley_recipe_summary_get_title (g_ptr_array_index (summaries, 1)), ==, "A's soup");

  /* A device of A cannot change B's timers. */
  op = make_op ("3c1e5d7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f", timer_id, GALLEY_TIMER_STATUS_RUNNING, T0, NULL);
  {
    g_autoptr(GPtrArray) ops = g_ptr_array_new ();

    g_ptr_array_add (ops, op);
    results = galley_server_store_apply_ops (f->store, b.kitchen_id, a.device_id, ops, &error);
    g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED);
    g_assert_null (results);
    g_clear_error (&error);
  }
  g_assert_cmpint (kitchen_rev (f->store, b.kitchen_id), ==, 1);

  /* The same op id in two kitchens is two ops. */
  results = apply_one (f->store, &a, op, &error);
  g_assert_no_error (error);
  g_assert_true (((GalleyServerOpResult *) g_ptr_array_index (results, 0))->applied);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = apply_one (f->store, &b, op, &error);
  g_assert_no_error (error);
  g_assert_true (((GalleyServerOpResult *) g_ptr_array_index (results, 0))->applied);
  g_assert_cmpint (((GalleyServerOpResult *) g_ptr_array_index (results, 0))->rev, ==, 2);
}

static void
test_invites (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *kitchen_id = create_kitchen (f->store, "Home", &first);
  g_autofree char *week = NULL;
  g_autofree char *day = NULL;
  g_autofree char *typed = NULL;
  char *k = NULL, *name = NULL, *device = NULL, *token = NULL;
  gint64 expires_at = 0;

  /* XXXX-XXXX-XXXX-XXXX */
  g_assert_cmpuint (strlen (first), ==, 19);
  g_assert_true (first[4] == '-' && first[9] == '-' && first[14] == '-');

  week = galley_server_store_create_invite (f->store, kitchen_id, 7, &expires_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expires_at, ==, T0 + 7 * DAY);
  day = galley_server_store_create_invite (f->store, kitchen_id, 1, &expires_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expires_at, ==, T0 + DAY);
  g_assert_cmpstr (week, !=, day);

  g_assert_null (galley_server_store_create_invite (f->store, kitchen_id, 0, NULL, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (galley_server_store_create_invite (f->store, "no-such-kitchen", 7, NULL, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A day later the one-day invite has expired; the week's still works. */
  galley_test_clock_advance (f->clock, DAY);

  g_assert_false (galley_server_store_join (f->store, day, "Phone", &k, &name, &device, &token, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVITE_EXPIRED);
  g_assert_null (token);
  g_clear_error (&error);

  /* Typed by a person: lower case, no dashes, spaces. */
  typed = g_ascii_strdown (week, -1);
  g_strdelimit (typed, "-", ' ');
  g_assert_true (galley_server_store_join (f->store, typed, "Phone", &k, &name, &device, &token, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (k, ==, kitchen_id);
  g_assert_cmpstr (name, ==, "Home");
  g_clear_pointer (&k, g_free);
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&device, g_free);
  g_clear_pointer (&token, g_free);

  /* Single use. */
  g_assert_false (galley_server_store_join (f->store, week, "Tablet", &k, &name, &device, &token, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVITE_USED);
  g_clear_error (&error);

  g_assert_false (galley_server_store_join (f->store, "AAAA-BBBB-CCCC-DDDD", "Tablet",
                                            &k, &name, &device, &token, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVITE_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (galley_server_store_join (f->store, "not a code", "Tablet",
                                            &k, &name, &device, &token, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVITE_UNKNOWN);
  g_clear_error (&error);

  /* The kitchen's first invite lasts a week: it expires at exactly
   * creation + 7 days. */
  galley_test_clock_advance (f->clock, 6 * DAY - 1);
  g_assert_true (galley_server_store_join (f->store, first, "Tablet", &k, &name, &device, &token, &error));
  g_assert_no_error (error);
  g_clear_pointer (&k, g_free);
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&device, g_free);
  g_clear_pointer (&token, g_free);

  /* A failed join with a bad device name leaves the invite unused. */
  g_clear_pointer (&week, g_free);
  week = galley_server_store_create_invite (f->store, kitchen_id, 7, NULL, &error);
  g_assert_false (galley_server_store_join (f->store, week, "", &k, &name, &device, &token, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (galley_server_store_join (f->store, week, "Fridge", &k, &name, &device, &token, &error));
  g_assert_no_error (error);
  g_free (k);
  g_free (name);
  g_free (device);
  g_free (token);
}

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Member) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GalleyServerDevice) revoked = NULL;
  g_autofree char *device = NULL;
  g_autofree char *kitchen = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *leak_query = NULL;
  g_autofree char *timer_id = galley_timer_id_for_kitchen ();
  g_autoptr(GalleyOp) op = NULL;
  sqlite3 *db;

  create_member (f->store, "Home", &m);

  /* 256 random bits, base64url without padding. */
  g_assert_cmpuint (strlen (m.token), ==, 43);
  g_assert_true (strspn (m.token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43);

  g_assert_true (galley_server_store_authenticate (f->store, m.token, &device, &kitchen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (device, ==, m.device_id);
  g_assert_cmpstr (kitchen, ==, m.kitchen_id);

  /* The database has the hash, not the token. */
  db = open_raw (f->path);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, m.token, -1);
  stored = raw_query_text (db, "SELECT token_hash FROM devices");
  g_assert_cmpstr (stored, ==, hash);
  leak_query = g_strdup_printf ("SELECT count(*) FROM devices WHERE instr (id || name || token_hash, '%s')",
                                m.token);
  g_assert_cmpint (raw_query_int (db, leak_query), ==, 0);
  sqlite3_close (db);

  /* One character off is another token. */
  wrong = g_strdup (m.token);
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  g_assert_false (galley_server_store_authenticate (f->store, wrong, NULL, NULL, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_false (galley_server_store_authenticate (f->store, "", NULL, NULL, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  galley_test_clock_advance (f->clock, MINUTE);
  revoked = galley_server_store_revoke_device (f->store, m.device_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revoked->revoked_at, ==, T0 + MINUTE);
  g_clear_pointer (&revoked, galley_server_device_free);

  g_assert_false (galley_server_store_authenticate (f->store, m.token, NULL, NULL, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* An op that was on its way when the device was revoked is refused. */
  op = make_op ("3c1e5d7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f", timer_id, GALLEY_TIMER_STATUS_RUNNING, T0, NULL);
  g_assert_null (apply_one (f->store, &m, op, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (kitchen_rev (f->store, m.kitchen_id), ==, 0);

  /* Revoking again keeps the first time. */
  galley_test_clock_advance (f->clock, MINUTE);
  revoked = galley_server_store_revoke_device (f->store, m.device_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revoked->revoked_at, ==, T0 + MINUTE);

  devices = galley_server_store_list_devices (f->store, m.kitchen_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 1);
  g_assert_cmpstr (((GalleyServerDevice *) g_ptr_array_index (devices, 0))->name, ==, "Kitchen laptop");
  g_assert_cmpint (((GalleyServerDevice *) g_ptr_array_index (devices, 0))->created, ==, T0);
  g_assert_cmpint (((GalleyServerDevice *) g_ptr_array_index (devices, 0))->revoked_at, ==, T0 + MINUTE);

  g_assert_null (galley_server_store_revoke_device (f->store, "no-such-device", &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (galley_server_store_list_devices (f->store, "no-such-kitchen", &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
}

static void
test_revs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = create_kitchen (f->store, "A", NULL);
  g_autofree char *b = create_kitchen (f->store, "B", NULL);
  g_autoptr(GalleyRecipe) recipe = make_recipe (NULL, "Stew");
  g_autoptr(GalleyRecipe) loaded = NULL;
  const char *soup = "0b7c6a8e-3f1d-4e2a-9c5b-7d8e9f0a1b2c";

  g_assert_cmpint (put_recipe (f->store, a, soup, "Soup"), ==, 1);

  /* A recipe without an id gets one. */
  g_assert_cmpint (galley_server_store_put_recipe (f->store, a, recipe, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (galley_recipe_get_id (recipe)));
  g_assert_nonnull (galley_recipe_get_updated (recipe));

  /* Another kitchen counts on its own. */
  g_assert_cmpint (put_recipe (f->store, b, soup, "Soup"), ==, 1);

  g_assert_cmpint (put_recipe (f->store, a, soup, "Better soup"), ==, 3);
  g_assert_cmpint (galley_server_store_delete_recipe (f->store, a, soup, &error), ==, 4);
  g_assert_no_error (error);

  /* Nothing to delete is no change. */
  g_assert_cmpint (galley_server_store_delete_recipe (f->store, a, soup, &error), ==, -1);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (galley_server_store_get_recipe (f->store, a, soup, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A recipe without a title is refused and takes no rev. */
  g_clear_object (&recipe);
  recipe = make_recipe (NULL, NULL);
  g_assert_cmpint (galley_server_store_put_recipe (f->store, a, recipe, &error), ==, -1);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&recipe);
  recipe = make_recipe (soup, "Soup again");
  g_assert_cmpint (galley_server_store_put_recipe (f->store, "no-such-kitchen", recipe, &error), ==, -1);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (kitchen_rev (f->store, a), ==, 4);
  g_assert_cmpint (kitchen_rev (f->store, b), ==, 1);

  /* A deleted recipe can come back, as the next change. */
  g_assert_cmpint (put_recipe (f->store, a, soup, "Soup again"), ==, 5);
  loaded = galley_server_store_get_recipe (f->store, a, soup, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (loaded), ==, "Soup again");
  g_assert_cmpint (galley_recipe_get_rev (loaded), ==, 5);
}

static GalleyServerOpResult *
result_at (GPtrArray *results,
           guint      i)
{
  return g_ptr_array_index (results, i);
}

static char *
node_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
test_ops_idempotent (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Member) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GalleyOp) op = NULL;
  g_autoptr(GalleyTimer) timer = NULL;
  g_autofree char *timer_id = galley_timer_id_for_kitchen ();
  g_autofree char *first_text = NULL;
  g_autofree char *again_text = NULL;
  g_autoptr(JsonNode) wire = NULL;
  sqlite3 *db;

  create_member (f->store, "Home", &m);
  op = make_op ("3c1e5d7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f", timer_id, GALLEY_TIMER_STATUS_RUNNING,
                T0, "Boil the eggs");

  first = apply_one (f->store, &m, op, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpstr (result_at (first, 0)->op, ==, galley_op_get_id (op));
  g_assert_true (result_at (first, 0)->applied);
  g_assert_cmpint (result_at (first, 0)->rev, ==, 1);

  /* The result carries the timer as the protocol writes it. */
  timer = galley_timer_from_json_node (result_at (first, 0)->timer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_timer_get_id (timer), ==, timer_id);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_RUNNING);
  g_assert_cmpint (galley_timer_get_ends_at (timer), ==, T0 + 10 * MINUTE);
  g_assert_cmpstr (galley_timer_get_label (timer), ==, "Boil the eggs");

  /* Committed before the call returned: another connection sees it. */
  db = open_raw (f->path);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM ops"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT rev FROM timers"), ==, 1);
  sqlite3_close (db);

  /* A retry (the ack was lost) gets the same answer and makes no change. */
  galley_test_clock_advance (f->clock, SECOND);
  again = apply_one (f->store, &m, op, &error);
  g_assert_no_error (error);
  g_assert_true (result_at (again, 0)->applied);
  g_assert_cmpint (result_at (again, 0)->rev, ==, 1);
  first_text = node_text (result_at (first, 0)->timer);
  again_text = node_text (result_at (again, 0)->timer);
  g_assert_cmpstr (again_text, ==, first_text);
  g_assert_cmpint (kitchen_rev (f->store, m.kitchen_id), ==, 1);

  wire = galley_server_op_result_to_json (result_at (again, 0));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (wire), "applied"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (wire), "rev"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (wire), "op"), ==,
                   galley_op_get_id (op));
}

static void
test_ops_last_writer_wins (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Member) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GalleyOp) start = NULL;
  g_autoptr(GalleyOp) pause = NULL;
  g_autoptr(GalleyOp) late = NULL;
  g_autoptr(GalleyTimer) timer = NULL;
  g_autoptr(JsonObject) all = NULL;
  g_autofree char *timer_id = galley_timer_id_for_kitchen ();

  create_member (f->store, "Home", &m);
  start = make_op ("00000000-0000-4000-8000-000000000001", timer_id, GALLEY_TIMER_STATUS_RUNNING,
                   T0 - 2 * SECOND, NULL);
  pause = make_op ("00000000-0000-4000-8000-000000000002", timer_id, GALLEY_TIMER_STATUS_PAUSED,
                   T0 - SECOND, NULL);
  /* Made before the pause, arriving after it (a device was offline). */
  late = make_op ("00000000-0000-4000-8000-000000000003", timer_id, GALLEY_TIMER_STATUS_IDLE,
                  T0 - SECOND - 1, NULL);

  results = apply_one (f->store, &m, start, &error);
  g_assert_no_error (error);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = apply_one (f->store, &m, pause, &error);
  g_assert_no_error (error);
  g_assert_true (result_at (results, 0)->applied);
  g_assert_cmpint (result_at (results, 0)->rev, ==, 2);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Acknowledged, not applied, with the state that won and its rev. */
  results = apply_one (f->store, &m, late, &error);
  g_assert_no_error (error);
  g_assert_false (result_at (results, 0)->applied);
  g_assert_cmpint (result_at (results, 0)->rev, ==, 2);
  timer = galley_timer_from_json_node (result_at (results, 0)->timer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
  g_assert_cmpint (galley_timer_get_remaining_ms (timer), ==, 7 * MINUTE);
  g_assert_cmpstr (galley_timer_get_updated (timer), ==, galley_op_get_updated (pause));
  g_assert_cmpint (kitchen_rev (f->store, m.kitchen_id), ==, 2);

  all = changes (f->store, m.kitchen_id, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (all, "timers")), ==, 1);
  g_clear_object (&timer);
  timer = galley_timer_from_json_node (json_array_get_element (json_object_get_array_member (all, "timers"), 0),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (galley_timer_get_status (timer), ==, GALLEY_TIMER_STATUS_PAUSED);
}

static void
test_ops_batch_atomic (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Member) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *timer_a = galley_timer_id_for_kitchen ();
  g_autofree char *timer_b = galley_timer_id_for_kitchen ();
  g_autofree char *trigger = NULL;
  sqlite3 *db;

  create_member (f->store, "Home", &m);

  g_ptr_array_add (ops, make_op ("00000000-0000-4000-8000-000000000001", timer_a,
                                 GALLEY_TIMER_STATUS_RUNNING, T0, NULL));
  g_ptr_array_add (ops, make_op ("00000000-0000-4000-8000-000000000002", timer_b,
                                 GALLEY_TIMER_STATUS_RUNNING, T0, NULL));

  /* The second op's write fails (as a full disk would) after the first
   * op's was done: neither stays. */
  db = open_raw (f->path);
  trigger = g_strdup_printf ("CREATE TRIGGER fail_b BEFORE INSERT ON timers WHEN NEW.id = '%s'"
                             " BEGIN SELECT RAISE (ABORT, 'disk full'); END", timer_b);
  raw_exec (db, trigger);

  results = galley_server_store_apply_ops (f->store, m.kitchen_id, m.device_id, ops, &error);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "disk full"));
  g_assert_null (results);
  g_clear_error (&error);

  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM timers"), ==, 0);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM ops"), ==, 0);
  g_assert_cmpint (kitchen_rev (f->store, m.kitchen_id), ==, 0);

  /* Sent again once the disk has room, both apply, one rev each. */
  raw_exec (db, "DROP TRIGGER fail_b");
  results = galley_server_store_apply_ops (f->store, m.kitchen_id, m.device_id, ops, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (result_at (results, 0)->applied);
  g_assert_cmpint (result_at (results, 0)->rev, ==, 1);
  g_assert_true (result_at (results, 1)->applied);
  g_assert_cmpint (result_at (results, 1)->rev, ==, 2);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM timers"), ==, 2);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* An op stamped far ahead of the server's clock fails the whole batch
   * before anything is written. */
  g_ptr_array_add (ops, make_op ("00000000-0000-4000-8000-000000000003", timer_a,
                                 GALLEY_TIMER_STATUS_PAUSED, T0 + SECOND, NULL));
  g_ptr_array_add (ops, make_op ("00000000-0000-4000-8000-000000000004", timer_b,
                                 GALLEY_TIMER_STATUS_PAUSED,
                                 T0 + GALLEY_SERVER_MAX_CLOCK_AHEAD_MS + SECOND, NULL));
  results = galley_server_store_apply_ops (f->store, m.kitchen_id, m.device_id, ops, &error);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID);
  g_assert_null (results);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM ops"), ==, 2);
  g_assert_cmpint (kitchen_rev (f->store, m.kitchen_id), ==, 2);

  sqlite3_close (db);
}

/* An op the store reported as applied is in the file, even if the server
 * is killed the instant after (kill -9: no destructor, no checkpoint, no
 * close). */
static void
test_ops_survive_kill (void)
{
  g_auto(Member) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GalleyServerStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GalleyOp) op = NULL;
  g_autoptr(JsonObject) c = NULL;
  g_autofree char *path = galley_server_store_default_path ();
  g_autofree char *timer_id = galley_timer_id_for_kitchen ();
  g_autofree char *ids = NULL;
  int status;
  pid_t pid;

  store = galley_server_store_open (path, NULL, &error);
  g_assert_no_error (error);
  create_member (store, "Home", &m);
  g_assert_finalize_object (g_steal_pointer (&store));

  op = make_op ("3c1e5d7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f", timer_id, GALLEY_TIMER_STATUS_RUNNING,
                g_get_real_time () / 1000, NULL);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* The server: applies the op, acknowledges it, dies. */
      GalleyServerStore *server = galley_server_store_open (path, NULL, NULL);
      GPtrArray *acked = server ? apply_one (server, &m, op, NULL) : NULL;

      if (acked != NULL && acked->len == 1)
        kill (getpid (), SIGKILL);
      _exit (1);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  store = galley_server_store_open (path, NULL, &error);
  g_assert_no_error (error);
  c = changes (store, m.kitchen_id, 0);
  g_assert_cmpint (json_object_get_int_member (c, "rev"), ==, 1);
  ids = list_ids (c, "timers");
  g_assert_cmpstr (ids, ==, timer_id);

  /* And the op is remembered: sent again, it is the same change. */
  results = apply_one (store, &m, op, &error);
  g_assert_no_error (error);
  g_assert_true (result_at (results, 0)->applied);
  g_assert_cmpint (result_at (results, 0)->rev, ==, 1);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_changes_since (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Member) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GalleyOp) op = NULL;
  g_autoptr(JsonObject) c = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *timer_id = galley_timer_id_for_kitchen ();
  g_autofree char *ids = NULL;
  const char *r1 = "10000000-0000-4000-8000-000000000000";
  const char *r2 = "20000000-0000-4000-8000-000000000000";
  JsonObject *recipe;

  create_member (f->store, "Home", &m);
  g_assert_cmpint (put_recipe (f->store, m.kitchen_id, r1, "One"), ==, 1);
  g_assert_cmpint (put_recipe (f->store, m.kitchen_id, r2, "Two"), ==, 2);
  op = make_op ("00000000-0000-4000-8000-000000000001", timer_id, GALLEY_TIMER_STATUS_RUNNING, T0, NULL);
  results = apply_one (f->store, &m, op, &error);
  g_assert_no_error (error);
  g_assert_cmpint (galley_server_store_delete_recipe (f->store, m.kitchen_id, r1, &error), ==, 4);
  g_assert_cmpint (put_recipe (f->store, m.kitchen_id, r2, "Two, improved"), ==, 5);

  /* From the start: each thing once, in its latest state. */
  c = changes (f->store, m.kitchen_id, 0);
  g_assert_cmpint (json_object_get_int_member (c, "rev"), ==, 5);
  ids = list_ids (c, "recipes");
  g_assert_cmpstr (ids, ==, r2);
  recipe = json_node_get_object (json_array_get_element (json_object_get_array_member (c, "recipes"), 0));
  g_assert_cmpstr (json_object_get_string_member (recipe, "title"), ==, "Two, improved");
  g_assert_cmpint (json_object_get_int_member (recipe, "rev"), ==, 5);
  g_clear_pointer (&ids, g_free);
  ids = list_ids (c, "deleted");
  g_assert_cmpstr (ids, ==, r1);
  g_clear_pointer (&ids, g_free);
  ids = list_ids (c, "timers");
  g_assert_cmpstr (ids, ==, timer_id);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&c, json_object_unref);

  /* After rev 3: the deletion and the update, not the timer. */
  c = changes (f->store, m.kitchen_id, 3);
  ids = list_ids (c, "recipes");
  g_assert_cmpstr (ids, ==, r2);
  g_clear_pointer (&ids, g_free);
  ids = list_ids (c, "deleted");
  g_assert_cmpstr (ids, ==, r1);
  g_clear_pointer (&ids, g_free);
  ids = list_ids (c, "timers");
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&c, json_object_unref);

  /* After rev 4: only the update. */
  c = changes (f->store, m.kitchen_id, 4);
  ids = list_ids (c, "deleted");
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);
  ids = list_ids (c, "recipes");
  g_assert_cmpstr (ids, ==, r2);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&c, json_object_unref);

  /* Up to date: nothing. */
  c = changes (f->store, m.kitchen_id, 5);
  g_assert_cmpint (json_object_get_int_member (c, "rev"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "recipes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "deleted")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "timers")), ==, 0);
  g_clear_pointer (&c, json_object_unref);

  /* The deleted recipe comes back: no longer reported as deleted. */
  g_assert_cmpint (put_recipe (f->store, m.kitchen_id, r1, "One again"), ==, 6);
  c = changes (f->store, m.kitchen_id, 0);
  ids = list_ids (c, "recipes");
  g_assert_cmpstr (ids, ==, "20000000-0000-4000-8000-000000000000 10000000-0000-4000-8000-000000000000");
  g_clear_pointer (&ids, g_free);
  ids = list_ids (c, "deleted");
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&c, json_object_unref);

  /* A cursor from the future (the server was restored from a backup)
   * gets everything. */
  c = changes (f->store, m.kitchen_id, 100);
  g_assert_cmpint (json_object_get_int_member (c, "rev"), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "recipes")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "timers")), ==, 1);

  node = galley_server_store_changes_since (f->store, "no-such-kitchen", 0, NULL, &error);
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND);
  g_assert_null (node);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Member) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GalleyOp) op = NULL;
  g_autoptr(GalleyServerStore) copy = NULL;
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autofree char *timer_id = galley_timer_id_for_kitchen ();
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "backups", NULL);
  g_autofree char *path = g_build_filename (dir, "galley-backup.db", NULL);
  g_autofree char *integrity = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *kitchen = NULL;
  const char *r1 = "10000000-0000-4000-8000-000000000000";
  sqlite3 *db;

  create_member (f->store, "Home", &m);
  put_recipe (f->store, m.kitchen_id, r1, "Soup");
  op = make_op ("00000000-0000-4000-8000-000000000001", timer_id, GALLEY_TIMER_STATUS_RUNNING, T0, NULL);
  results = apply_one (f->store, &m, op, &error);
  g_assert_no_error (error);

  g_assert_false (galley_server_store_backup (f->store, path, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* An old file there is replaced. */
  g_assert_true (g_file_set_contents (path, "old backup", -1, NULL));

  g_assert_true (galley_server_store_backup (f->store, path, &error));
  g_assert_no_error (error);

  /* The database itself is not a place for its backup. */
  g_assert_false (galley_server_store_backup (f->store, f->path, &error));
  g_assert_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* One self-contained, sound file with everything. */
  db = open_raw (path);
  integrity = raw_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "delete");
  kitchen = raw_query_text (db, "SELECT name FROM kitchens");
  g_assert_cmpstr (kitchen, ==, "Home");
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM devices"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM timers"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM ops"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, 1);
  sqlite3_close (db);

  /* The server can run from it: the device's token still works. */
  copy = galley_server_store_open (path, NULL, &error);
  g_assert_no_error (error);
  recipe = galley_server_store_get_recipe (copy, m.kitchen_id, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (galley_recipe_get_title (recipe), ==, "Soup");
  g_assert_true (galley_server_store_authenticate (copy, m.token, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&copy));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server-store/fresh-database", test_fresh_database);
  g_test_add_func ("/server-store/newer-version-refused", test_newer_version_refused);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server-store/kitchen-names", test_kitchen_names);
  ADD ("/server-store/kitchens-isolated", test_kitchens_isolated);
  ADD ("/server-store/invites", test_invites);
  ADD ("/server-store/tokens", test_tokens);
  ADD ("/server-store/revs", test_revs);
  ADD ("/server-store/ops/idempotent", test_ops_idempotent);
  ADD ("/server-store/ops/last-writer-wins", test_ops_last_writer_wins);
  ADD ("/server-store/ops/batch-atomic", test_ops_batch_atomic);
  ADD ("/server-store/changes-since", test_changes_since);
  g_test_add_func ("/server-store/ops/survive-kill", test_ops_survive_kill);
  ADD ("/server-store/backup", test_backup);
#undef ADD

  return g_test_run ();
}
