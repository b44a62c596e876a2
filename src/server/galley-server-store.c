/* galley-server-store.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-server-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "galley-hlc.h"
#include "galley-recipe-json.h"
#include "galley-server-store.h"
#include "galley-op.h"
#include "galley-sqlite.h"
#include "galley-timer-json.h"

/* What galley-server knows: kitchens, the devices that joined them, their
 * recipes and timers, all in one SQLite file used through one connection
 * from the server's main thread (or from one admin command). Other
 * processes (an admin command next to the running server) may open the same
 * file; SQLite's locking and busy_timeout serialize them.
 *
 * Durability: WAL with synchronous=FULL fsyncs the WAL at every commit, so
 * a change the store reported as done (and so an op the server
 * acknowledged) survives kill -9 and power loss. Every write runs in a
 * BEGIN IMMEDIATE transaction, taking the write lock up front, so two
 * writers wait for each other instead of failing to upgrade a read lock.
 *
 * Revs: each kitchen counts its changes in kitchens.rev. A change to a
 * recipe or timer takes the next number in the same transaction and stamps
 * the row with it, so "what changed after rev N" is a range scan over
 * (kitchen, rev), and a deleted recipe stays as a tombstone row (json NULL,
 * deleted = 1) with the rev of its deletion so that it can be reported.
 *
 * Secrets: device tokens and invite codes are stored only as the hex
 * SHA-256 of their text; a copy of the database (or a backup) gives no way
 * in. */

/* Each entry upgrades the schema by one version: entry N - 1 takes a
 * database from user_version N - 1 to N, in one transaction together with
 * the version bump. Append new steps; never edit a released one.
 *
 * Times are Unix milliseconds. Ids are UUIDs as text.
 *
 * kitchens  a household; rev is its latest change number (0: none yet).
 * invites   single-use codes to join a kitchen: code_hash is the SHA-256
 *           of the normalized code (see normalize_invite_code()), used_at
 *           and used_by are set when a device joined with it.
 * devices   a device that joined a kitchen; token_hash is the SHA-256 of
 *           its bearer token; revoked_at set means it may no longer
 *           connect (the row stays so that its ops keep their device).
 * recipes   recipe JSON v1 with the columns the summaries need; the key is
 *           (kitchen, id) so that two kitchens holding the same recipe id
 *           (both imported the same file) never see each other's copy.
 *           deleted = 1 rows are tombstones (json NULL).
 * timers    the shared run state of each timer, as the last op that won
 *           left it (last writer wins on the HLC in updated). ends_at is
 *           set only while running, remaining_ms only while paused.
 * ops       every op received, for idempotency: the same op id again gets
 *           the stored answer (applied, rev, resulting timer JSON) instead
 *           of a new change. Keyed by (kitchen, id) rather than by the op id
 *           alone so that a kitchen can neither read nor block another
 *           kitchen's op ids. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE kitchens ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  rev INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE devices ("
  "  id TEXT PRIMARY KEY,"
  "  kitchen TEXT NOT NULL REFERENCES kitchens (id),"
  "  name TEXT NOT NULL,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  created INTEGER NOT NULL,"
  "  revoked_at INTEGER);"
  "CREATE INDEX devices_kitchen ON devices (kitchen);"
  "CREATE TABLE invites ("
  "  code_hash TEXT PRIMARY KEY,"
  "  kitchen TEXT NOT NULL REFERENCES kitchens (id),"
  "  created INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  used_at INTEGER,"
  "  used_by TEXT REFERENCES devices (id));"
  "CREATE INDEX invites_kitchen ON invites (kitchen);"
  "CREATE TABLE recipes ("
  "  kitchen TEXT NOT NULL REFERENCES kitchens (id),"
  "  id TEXT NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  total_time_s INTEGER NOT NULL DEFAULT 0,"
  "  tags TEXT NOT NULL DEFAULT '',"
  "  json TEXT,"
  "  updated TEXT,"
  "  rev INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (kitchen, id));"
  "CREATE INDEX recipes_rev ON recipes (kitchen, rev);"
  "CREATE TABLE timers ("
  "  kitchen TEXT NOT NULL REFERENCES kitchens (id),"
  "  id TEXT NOT NULL,"
  "  label TEXT,"
  "  detail TEXT,"
  "  status TEXT NOT NULL,"
  "  duration_ms INTEGER NOT NULL,"
  "  ends_at INTEGER,"
  "  remaining_ms INTEGER,"
  "  updated TEXT NOT NULL,"
  "  rev INTEGER NOT NULL,"
  "  PRIMARY KEY (kitchen, id));"
  "CREATE INDEX timers_rev ON timers (kitchen, rev);"
  "CREATE TABLE ops ("
  "  kitchen TEXT NOT NULL REFERENCES kitchens (id),"
  "  id TEXT NOT NULL,"
  "  device TEXT NOT NULL REFERENCES devices (id),"
  "  received INTEGER NOT NULL,"
  "  applied INTEGER NOT NULL,"
  "  rev INTEGER NOT NULL,"
  "  timer TEXT NOT NULL,"
  "  PRIMARY KEY (kitchen, id));",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* Names are shown in lists and on devices; a name is a line, not a page. */
#define MAX_NAME_CHARS 100
/* Ids come from clients: a UUID, or a step timer's "<uuid>/<s>.<t>.<n>". */
#define MAX_ID_BYTES 200
#define TOKEN_BYTES 32
/* Invite codes are typed by people: 16 characters of Crockford's base32
 * (80 random bits), shown as four groups of four. An invite is single-use
 * and expires, so 80 bits are far beyond guessing. */
#define INVITE_RANDOM_BYTES 10
#define INVITE_CHARS 16
#define DAY_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

typedef enum
{
  STMT_INSERT_KITCHEN,
  STMT_GET_KITCHEN,
  STMT_LIST_KITCHENS,
  STMT_KITCHEN_REV,
  STMT_NEXT_REV,
  STMT_INSERT_INVITE,
  STMT_FIND_INVITE,
  STMT_USE_INVITE,
  STMT_INSERT_DEVICE,
  STMT_AUTHENTICATE,
  STMT_DEVICE_KITCHEN,
  STMT_LIST_DEVICES,
  STMT_REVOKE_DEVICE,
  STMT_UPSERT_RECIPE,
  STMT_GET_RECIPE,
  STMT_RECIPE_EXISTS,
  STMT_DELETE_RECIPE,
  STMT_LIST_SUMMARIES,
  STMT_CHANGED_RECIPES,
  STMT_CHANGED_TIMERS,
  STMT_GET_TIMER,
  STMT_UPSERT_TIMER,
  STMT_FIND_OP,
  STMT_INSERT_OP,
  N_STMTS
} StmtId;

#define KITCHEN_COLUMNS \
  "SELECT k.id, k.name, k.created, k.rev," \
  " (SELECT count(*) FROM devices d WHERE d.kitchen = k.id AND d.revoked_at IS NULL)," \
  " (SELECT count(*) FROM recipes r WHERE r.kitchen = k.id AND r.deleted = 0)" \
  " FROM kitchens k"
#define TIMER_COLUMNS \
  "SELECT id, label, detail, status, duration_ms, ends_at, remaining_ms, updated, rev FROM timers"

static const char * const stmt_sql[N_STMTS] = {
  [STMT_INSERT_KITCHEN] = "INSERT INTO kitchens (id, name, created) VALUES (?1, ?2, ?3)",
  [STMT_GET_KITCHEN] = KITCHEN_COLUMNS " WHERE k.id = ?1",
  [STMT_LIST_KITCHENS] = KITCHEN_COLUMNS " ORDER BY k.created, k.id",
  [STMT_KITCHEN_REV] = "SELECT rev FROM kitchens WHERE id = ?1",
  [STMT_NEXT_REV] = "UPDATE kitchens SET rev = rev + 1 WHERE id = ?1 RETURNING rev",
  [STMT_INSERT_INVITE] =
    "INSERT INTO invites (code_hash, kitchen, created, expires_at) VALUES (?1, ?2, ?3, ?4)",
  [STMT_FIND_INVITE] =
    "SELECT i.kitchen, k.name, i.expires_at, i.used_at FROM invites i"
    " JOIN kitchens k ON k.id = i.kitchen WHERE i.code_hash = ?1",
  [STMT_USE_INVITE] = "UPDATE invites SET used_at = ?2, used_by = ?3 WHERE code_hash = ?1",
  [STMT_INSERT_DEVICE] =
    "INSERT INTO devices (id, kitchen, name, token_hash, created) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_AUTHENTICATE] = "SELECT id, kitchen, token_hash, revoked_at FROM devices WHERE token_hash = ?1",
  [STMT_DEVICE_KITCHEN] = "SELECT kitchen, revoked_at FROM devices WHERE id = ?1",
  [STMT_LIST_DEVICES] =
    "SELECT id, kitchen, name, created, revoked_at FROM devices WHERE kitchen = ?1"
    " ORDER BY created, id",
  [STMT_REVOKE_DEVICE] =
    "UPDATE devices SET revoked_at = coalesce (revoked_at, ?2) WHERE id = ?1"
    " RETURNING id, kitchen, name, created, revoked_at",
  [STMT_UPSERT_RECIPE] =
    "INSERT INTO recipes (kitchen, id, title, total_time_s, tags, json, updated, rev)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (kitchen, id) DO UPDATE SET"
    " title = excluded.title, total_time_s = excluded.total_time_s,"
    " tags = excluded.tags, json = excluded.json, updated = excluded.updated,"
    " rev = excluded.rev, deleted = 0",
  [STMT_GET_RECIPE] = "SELECT json FROM recipes WHERE kitchen = ?1 AND id = ?2 AND deleted = 0",
  [STMT_RECIPE_EXISTS] = "SELECT 1 FROM recipes WHERE kitchen = ?1 AND id = ?2 AND deleted = 0",
  [STMT_DELETE_RECIPE] =
    "UPDATE recipes SET deleted = 1, json = NULL, title = '', total_time_s = 0, tags = '',"
    " updated = NULL, rev = ?3 WHERE kitchen = ?1 AND id = ?2",
  [STMT_LIST_SUMMARIES] =
    "SELECT id, title, total_time_s, tags FROM recipes WHERE kitchen = ?1 AND deleted = 0"
    " ORDER BY title COLLATE NOCASE, id",
  [STMT_CHANGED_RECIPES] =
    "SELECT id, json, deleted FROM recipes WHERE kitchen = ?1 AND rev > ?2 ORDER BY rev",
  [STMT_CHANGED_TIMERS] = TIMER_COLUMNS " WHERE kitchen = ?1 AND rev > ?2 ORDER BY rev",
  [STMT_GET_TIMER] = TIMER_COLUMNS " WHERE kitchen = ?1 AND id = ?2",
  [STMT_UPSERT_TIMER] =
    "INSERT INTO timers (kitchen, id, label, detail, status, duration_ms, ends_at,"
    " remaining_ms, updated, rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (kitchen, id) DO UPDATE SET"
    " label = excluded.label, detail = excluded.detail, status = excluded.status,"
    " duration_ms = excluded.duration_ms, ends_at = excluded.ends_at,"
    " remaining_ms = excluded.remaining_ms, updated = excluded.updated, rev = excluded.rev",
  [STMT_FIND_OP] = "SELECT applied, rev, timer FROM ops WHERE kitchen = ?1 AND id = ?2",
  [STMT_INSERT_OP] =
    "INSERT INTO ops (kitchen, id, device, received, applied, rev, timer)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

struct _GalleyServerStore
{
  GObject parent_instance;

  char *path;
  GalleyClock *clock;
  GalleyHlc *hlc;
  GalleySqlite *sql;
};

G_DEFINE_FINAL_TYPE (GalleyServerStore, galley_server_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (galley-server-store-error-quark, galley_server_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* NULL for 0: the columns that are only set in some states. */
static gboolean
bind_int64_or_null (sqlite3_stmt *stmt,
                    int           index,
                    gint64        value)
{
  if (value == 0)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  return sqlite3_bind_int64 (stmt, index, value) == SQLITE_OK;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static gint64
now_ms (GalleyServerStore *self)
{
  return galley_clock_get_wall_ms (self->clock);
}

/* Secrets and codes */

static gboolean
random_bytes (guint8  *buffer,
              gsize    length,
              GError **error)
{
  gsize done = 0;

  /* getrandom() blocks only until the kernel's pool was first seeded,
   * which is long past by the time a server runs, and never fails short of
   * that except on a signal. */
  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                       _("Could not get random bytes for a secret: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }

      done += n;
    }

  return TRUE;
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Whether two hashes are equal, taking as long whichever byte differs. */
static gboolean
equal_constant_time (const char *a,
                     const char *b)
{
  gsize length = strlen (a);
  guint8 difference = 0;

  if (length != strlen (b))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    difference |= (guint8) a[i] ^ (guint8) b[i];

  return difference == 0;
}

static char *
generate_token (GError **error)
{
  guint8 bytes[TOKEN_BYTES];
  g_autofree char *base64 = NULL;
  char *padding;
  char *token;

  if (!random_bytes (bytes, sizeof bytes, error))
    return NULL;

  base64 = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);

  /* base64url without padding (RFC 4648 §5): the token travels in an HTTP
   * header and may be pasted into a URL or a shell. */
  token = g_strdelimit (g_steal_pointer (&base64), "+", '-');
  g_strdelimit (token, "/", '_');
  if ((padding = strchr (token, '=')) != NULL)
    *padding = '\0';

  return token;
}

static char *
new_invite_code (GError **error)
{
  guint8 bytes[INVITE_RANDOM_BYTES];
  GString *code = g_string_new (NULL);
  guint64 bits = 0;
  guint n_bits = 0;

  if (!random_bytes (bytes, sizeof bytes, error))
    {
      g_string_free (code, TRUE);
      return NULL;
    }

  for (guint i = 0; i < sizeof bytes; i++)
    {
      bits = (bits << 8) | bytes[i];
      n_bits += 8;

      while (n_bits >= 5)
        {
          n_bits -= 5;
          if (code->len > 0 && code->len % 5 == 4)
            g_string_append_c (code, '-');
          g_string_append_c (code, crockford[(bits >> n_bits) & 0x1f]);
        }
    }

  memset (bytes, 0, sizeof bytes);

  return g_string_free (code, FALSE);
}

/* People retype codes: case, dashes and spaces do not matter, and the
 * letters that look like digits (O, I, L) are read as those digits, as
 * Crockford's base32 intends.
 *
 * Returns: (nullable): the canonical code, or %NULL if @text cannot be one */
static char *
normalize_invite_code (const char *text)
{
  GString *code = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';

      if (strchr (crockford, c) == NULL || code->len >= INVITE_CHARS)
        {
          g_string_free (code, TRUE);
          return NULL;
        }

      g_string_append_c (code, c);
    }

  if (code->len != INVITE_CHARS)
    {
      g_string_free (code, TRUE);
      return NULL;
    }

  return g_string_free (code, FALSE);
}

typedef enum
{
  NAME_KITCHEN,
  NAME_DEVICE,
} NameKind;

/* Names are user text, shown in lists: one line, not empty, not too long.
 *
 * Returns: (nullable): @name without surrounding spaces */
static char *
check_name (const char  *name,
            NameKind     kind,
            GError     **error)
{
  g_autofree char *stripped = NULL;
  glong n_chars = 0;
  gboolean ok;

  ok = name != NULL && g_utf8_validate (name, -1, NULL);
  if (ok)
    {
      stripped = g_strstrip (g_strdup (name));
      n_chars = g_utf8_strlen (stripped, -1);
      ok = n_chars > 0 && n_chars <= MAX_NAME_CHARS;
    }

  for (const char *p = stripped; ok && *p != '\0'; p = g_utf8_next_char (p))
    ok = !g_unichar_iscntrl (g_utf8_get_char (p));

  if (!ok)
    {
      if (kind == NAME_KITCHEN)
        g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
                     _("A kitchen name must be one line of 1 to %d characters"), MAX_NAME_CHARS);
      else
        g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
                     _("A device name must be one line of 1 to %d characters"), MAX_NAME_CHARS);
      return NULL;
    }

  return g_steal_pointer (&stripped);
}

static gboolean
is_valid_id (const char *id)
{
  gsize length;

  if (id == NULL)
    return FALSE;

  length = strlen (id);
  return length > 0 && length <= MAX_ID_BYTES && g_utf8_validate (id, length, NULL);
}

/* Lifecycle */

static void
galley_server_store_finalize (GObject *object)
{
  GalleyServerStore *self = (GalleyServerStore *)object;

  g_clear_pointer (&self->sql, galley_sqlite_free);
  g_clear_object (&self->hlc);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (galley_server_store_parent_class)->finalize (object);
}

static void
galley_server_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GalleyServerStore *self = GALLEY_SERVER_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_server_store_class_init (GalleyServerStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_server_store_finalize;
  object_class->get_property = galley_server_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * GalleyServerStore:clock:
   *
   * Gives the store its "now": creation and revocation times, invite
   * expiry, the server's HLC stamps and the limit on ops' stamps.
   */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, GALLEY_TYPE_CLOCK,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_server_store_init (GalleyServerStore *self)
{
}

/**
 * galley_server_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/galley-server/galley.db`
 */
char *
galley_server_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "galley-server", "galley.db", NULL);
}

static gboolean
check_version (const char  *path,
               int          version,
               GError     **error)
{
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer galley-server "
                     "(format %d; this version reads up to format %d). "
                     "Update galley-server to open it."),
                   path, version, SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 0)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_CORRUPT,
                   _("The database “%s” has an invalid format version (%d)"),
                   path, version);
      return FALSE;
    }

  return TRUE;
}

/* The database holds every kitchen's recipes and the hashes of its
 * secrets: only the server's user may read it. SQLite creates the WAL and
 * shared-memory files with the database file's permissions. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   _("Could not create the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);
  return TRUE;
}

static GalleySqlite *
open_database (const char  *path,
               GError     **error)
{
  const char *what = _("Could not open the server database");
  g_autofree char *journal_mode = NULL;
  g_autoptr(GalleySqlite) sql = NULL;
  sqlite3 *db = NULL;
  int version;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_private_file (path, error))
    return NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"),
                   path, db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close_v2 (db);
      return NULL;
    }

  sql = galley_sqlite_new (db, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                           N_("Could not read the server database"),
                           N_("Could not write to the server database"),
                           stmt_sql, N_STMTS);
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 5000);

  /* Before anything writes (switching to WAL rewrites the header): a file
   * from a newer galley-server is left exactly as it is. */
  if (!galley_sqlite_read_user_version (sql, &version, error) ||
      !check_version (path, version, error))
    return NULL;

  /* WAL with synchronous=FULL (see the top of this file). Without WAL,
   * readers would block the server's writes; better to say so than to
   * limp. */
  if (!(journal_mode = galley_sqlite_use_wal (sql, GALLEY_SQLITE_SYNC_FULL, what, error)))
    return NULL;

  if (g_ascii_strcasecmp (journal_mode, "wal") != 0)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: its file system does not "
                     "support write-ahead logging (journal mode “%s”)"),
                   path, journal_mode);
      return NULL;
    }

  if (!galley_sqlite_migrate (sql, path, migrations, SCHEMA_VERSION, check_version,
                              _("Could not upgrade the server database"), error))
    return NULL;

  return g_steal_pointer (&sql);
}

/**
 * galley_server_store_open:
 * @path: the database file, created (with its folder) if missing
 * @clock: (nullable): the clock giving "now", or %NULL for the system's
 *
 * Opens the server's database, upgrading its schema if an older
 * galley-server wrote it. A database from a newer galley-server is refused
 * with %GALLEY_SERVER_STORE_ERROR_TOO_NEW and left untouched.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
GalleyServerStore *
galley_server_store_open (const char   *path,
                          GalleyClock  *clock,
                          GError      **error)
{
  g_autoptr(GalleyServerStore) self = NULL;
  GalleySqlite *sql;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (clock == NULL || GALLEY_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(sql = open_database (path, error)))
    return NULL;

  self = g_object_new (GALLEY_TYPE_SERVER_STORE, NULL);
  self->sql = sql;
  self->path = g_strdup (path);
  self->clock = clock ? g_object_ref (clock) : g_object_ref (galley_clock_get_system ());
  self->hlc = galley_hlc_new (self->clock, "server");

  return g_steal_pointer (&self);
}

const char *
galley_server_store_get_path (GalleyServerStore *self)
{
  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);

  return self->path;
}

/**
 * galley_server_store_get_clock:
 *
 * Returns: (transfer none): the clock the store takes its times from
 */
GalleyClock *
galley_server_store_get_clock (GalleyServerStore *self)
{
  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);

  return self->clock;
}

/* Records */

void
galley_server_kitchen_free (GalleyServerKitchen *kitchen)
{
  if (kitchen == NULL)
    return;

  g_free (kitchen->id);
  g_free (kitchen->name);
  g_free (kitchen);
}

void
galley_server_device_free (GalleyServerDevice *device)
{
  if (device == NULL)
    return;

  g_free (device->id);
  g_free (device->kitchen);
  g_free (device->name);
  g_free (device);
}

void
galley_server_op_result_free (GalleyServerOpResult *result)
{
  if (result == NULL)
    return;

  g_free (result->op);
  g_clear_pointer (&result->timer, json_node_unref);
  g_free (result);
}

/**
 * galley_server_op_result_to_json:
 *
 * Returns: (transfer full): the result as the protocol sends it,
 *   `{"op", "applied", "rev", "timer"}`
 */
JsonNode *
galley_server_op_result_to_json (GalleyServerOpResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, result->op);
  json_builder_set_member_name (builder, "applied");
  json_builder_add_boolean_value (builder, result->applied);
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, result->rev);
  json_builder_set_member_name (builder, "timer");
  json_builder_add_value (builder, json_node_copy (result->timer));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static GalleyServerKitchen *
kitchen_from_row (sqlite3_stmt *stmt)
{
  GalleyServerKitchen *kitchen = g_new0 (GalleyServerKitchen, 1);

  kitchen->id = column_dup (stmt, 0);
  kitchen->name = column_dup (stmt, 1);
  kitchen->created = sqlite3_column_int64 (stmt, 2);
  kitchen->rev = sqlite3_column_int64 (stmt, 3);
  kitchen->n_devices = (guint) sqlite3_column_int64 (stmt, 4);
  kitchen->n_recipes = (guint) sqlite3_column_int64 (stmt, 5);

  return kitchen;
}

static GalleyServerDevice *
device_from_row (sqlite3_stmt *stmt)
{
  GalleyServerDevice *device = g_new0 (GalleyServerDevice, 1);

  device->id = column_dup (stmt, 0);
  device->kitchen = column_dup (stmt, 1);
  device->name = column_dup (stmt, 2);
  device->created = sqlite3_column_int64 (stmt, 3);
  device->revoked_at = sqlite3_column_int64 (stmt, 4);

  return device;
}

static GalleyRecipeSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  return galley_recipe_summary_new (galley_sqlite_column_text (stmt, 0),
                                    galley_sqlite_column_text (stmt, 1),
                                    MAX (0, sqlite3_column_int64 (stmt, 2)),
                                    galley_sqlite_column_text (stmt, 3));
}

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static void
set_kitchen_not_found (GError     **error,
                       const char  *kitchen_id)
{
  g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND,
               _("There is no kitchen “%s”"), kitchen_id);
}

/* Runs @stmt_id, whose only parameter is @kitchen_id, up to its first row.
 *
 * Returns: (nullable): the statement on that row, or %NULL with
 *   %GALLEY_SERVER_STORE_ERROR_NOT_FOUND (no row) or @what and SQLite's
 *   message */
static GalleySqliteStmt *
step_kitchen_row (GalleyServerStore  *self,
                  StmtId              stmt_id,
                  const char         *kitchen_id,
                  const char         *what,
                  GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, stmt_id, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_kitchen_not_found (error, kitchen_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    goto fail;

  return g_steal_pointer (&stmt);

fail:
  galley_sqlite_set_error (self->sql, error, what);
  return NULL;
}

/* The kitchen's latest rev, or -1 (with @error set) if there is no such
 * kitchen or reading failed. */
static gint64
kitchen_rev (GalleyServerStore  *self,
             const char         *kitchen_id,
             GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = step_kitchen_row (self, STMT_KITCHEN_REV, kitchen_id,
                                                       _("Could not read the kitchen"), error);

  return stmt != NULL ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* Every row @stmt_id gives for @kitchen_id (its only parameter), read in
 * one snapshot together with the check that the kitchen exists: a missing
 * kitchen is NOT_FOUND rather than an empty list.
 *
 * Returns: (transfer container) (nullable): one @from_row result per row */
static GPtrArray *
list_in_kitchen (GalleyServerStore  *self,
                 const char         *kitchen_id,
                 StmtId              stmt_id,
                 RowFunc             from_row,
                 GDestroyNotify      free_func,
                 const char         *what,
                 GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (!galley_sqlite_begin_read (self->sql, error))
    return NULL;

  if (kitchen_rev (self, kitchen_id, error) < 0 ||
      !(stmt = galley_sqlite_get_stmt (self->sql, stmt_id, error)))
    goto out;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id))
    {
      galley_sqlite_set_error (self->sql, error, what);
      goto out;
    }

  rows = g_ptr_array_new_with_free_func (free_func);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, what);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }

out:
  g_clear_pointer (&stmt, galley_sqlite_stmt_release);
  galley_sqlite_rollback (self->sql);
  return g_steal_pointer (&rows);
}

/* Takes the kitchen's next rev, inside the caller's write transaction. */
static gint64
next_rev (GalleyServerStore  *self,
          const char         *kitchen_id,
          GError            **error)
{
  const char *what = _("Could not write to the server database");
  g_autoptr(GalleySqliteStmt) stmt = step_kitchen_row (self, STMT_NEXT_REV, kitchen_id,
                                                       what, error);
  gint64 rev;

  if (stmt == NULL)
    return -1;

  rev = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, what);
      return -1;
    }

  return rev;
}

/* Kitchens, invites, devices */

static char *
insert_invite (GalleyServerStore  *self,
               const char         *kitchen_id,
               guint               days,
               gint64             *expires_at,
               GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autofree char *code = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *hash = NULL;
  gint64 now = now_ms (self);
  gint64 expires = now + days * DAY_MS;

  if (!(code = new_invite_code (error)))
    return NULL;

  normalized = normalize_invite_code (code);
  g_assert (normalized != NULL);
  hash = sha256_hex (normalized);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_INSERT_INVITE, error)))
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, hash) ||
      !galley_sqlite_bind_text (stmt, 2, kitchen_id) ||
      sqlite3_bind_int64 (stmt, 3, now) != SQLITE_OK ||
      sqlite3_bind_int64 (stmt, 4, expires) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not create the invite"));
      return NULL;
    }

  if (expires_at != NULL)
    *expires_at = expires;

  return g_steal_pointer (&code);
}

static gboolean
check_days (guint    days,
            GError **error)
{
  if (days >= 1 && days <= GALLEY_SERVER_INVITE_MAX_DAYS)
    return TRUE;

  g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
               _("An invite lasts from 1 to %d days, not %u"),
               GALLEY_SERVER_INVITE_MAX_DAYS, days);
  return FALSE;
}

/**
 * galley_server_store_create_kitchen:
 * @name: what the household calls it
 * @kitchen_id: (out) (optional) (transfer full): the new kitchen's id
 * @invite_code: (out) (optional) (transfer full): an invite for its first
 *   device, valid for %GALLEY_SERVER_INVITE_DEFAULT_DAYS days
 * @invite_expires_at: (out) (optional): when the invite expires, Unix ms
 *
 * Returns: whether the kitchen was created; %GALLEY_SERVER_STORE_ERROR_INVALID
 *   for an empty, overlong or multi-line name
 */
gboolean
galley_server_store_create_kitchen (GalleyServerStore  *self,
                                    const char         *name,
                                    char              **kitchen_id,
                                    char              **invite_code,
                                    gint64             *invite_expires_at,
                                    GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  gint64 expires = 0;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(clean_name = check_name (name, NAME_KITCHEN, error)))
    return FALSE;

  id = g_uuid_string_random ();

  if (!galley_sqlite_begin (self->sql, error))
    return FALSE;

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_INSERT_KITCHEN, error)))
    goto fail;

  if (!galley_sqlite_bind_text (stmt, 1, id) ||
      !galley_sqlite_bind_text (stmt, 2, clean_name) ||
      sqlite3_bind_int64 (stmt, 3, now_ms (self)) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not create the kitchen"));
      goto fail;
    }

  g_clear_pointer (&stmt, galley_sqlite_stmt_release);

  if (!(code = insert_invite (self, id, GALLEY_SERVER_INVITE_DEFAULT_DAYS, &expires, error)) ||
      !galley_sqlite_commit (self->sql, error))
    goto fail;

  if (kitchen_id != NULL)
    *kitchen_id = g_steal_pointer (&id);
  if (invite_code != NULL)
    *invite_code = g_steal_pointer (&code);
  if (invite_expires_at != NULL)
    *invite_expires_at = expires;

  return TRUE;

fail:
  g_clear_pointer (&stmt, galley_sqlite_stmt_release);
  galley_sqlite_rollback (self->sql);
  return FALSE;
}

/**
 * galley_server_store_create_invite:
 * @days: how long the invite lasts, 1 to %GALLEY_SERVER_INVITE_MAX_DAYS
 * @expires_at: (out) (optional): when it expires, Unix ms
 *
 * Makes a single-use invite to @kitchen_id. Only its hash is stored: the
 * code returned here is the only copy.
 *
 * Returns: (transfer full) (nullable): the code, as `XXXX-XXXX-XXXX-XXXX`
 */
char *
galley_server_store_create_invite (GalleyServerStore  *self,
                                   const char         *kitchen_id,
                                   guint               days,
                                   gint64             *expires_at,
                                   GError            **error)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (kitchen_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_days (days, error))
    return NULL;

  if (!galley_sqlite_begin (self->sql, error))
    return NULL;

  if (kitchen_rev (self, kitchen_id, error) < 0 ||
      !(code = insert_invite (self, kitchen_id, days, expires_at, error)) ||
      !galley_sqlite_commit (self->sql, error))
    {
      galley_sqlite_rollback (self->sql);
      return NULL;
    }

  return g_steal_pointer (&code);
}

/* Looks the invite up inside the caller's transaction: the kitchen it
 * opens, if it may still be used.
 *
 * Returns: (nullable): the invite's hash, its key */
static char *
find_invite (GalleyServerStore  *self,
             const char         *invite_code,
             char              **kitchen_id,
             char              **kitchen_name,
             GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autofree char *normalized = normalize_invite_code (invite_code);
  g_autofree char *hash = NULL;
  int rc;

  if (normalized == NULL)
    goto unknown;

  hash = sha256_hex (normalized);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_FIND_INVITE, error)))
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, hash))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    goto unknown;
  if (rc != SQLITE_ROW)
    goto fail;

  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      g_set_error_literal (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVITE_USED,
                           _("This invite code was already used; ask for a new one"));
      return NULL;
    }

  if (sqlite3_column_int64 (stmt, 2) <= now_ms (self))
    {
      g_set_error_literal (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVITE_EXPIRED,
                           _("This invite code has expired; ask for a new one"));
      return NULL;
    }

  *kitchen_id = column_dup (stmt, 0);
  *kitchen_name = column_dup (stmt, 1);

  return g_steal_pointer (&hash);

unknown:
  g_set_error_literal (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVITE_UNKNOWN,
                       _("This is not an invite code of this server"));
  return NULL;

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not read the invite"));
  return NULL;
}

static gboolean
mark_invite_used (GalleyServerStore  *self,
                  const char         *invite_hash,
                  const char         *device_id,
                  GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_USE_INVITE, error);

  if (stmt == NULL)
    return FALSE;

  if (!galley_sqlite_bind_text (stmt, 1, invite_hash) ||
      sqlite3_bind_int64 (stmt, 2, now_ms (self)) != SQLITE_OK ||
      !galley_sqlite_bind_text (stmt, 3, device_id) ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not use the invite"));
      return FALSE;
    }

  return TRUE;
}

/**
 * galley_server_store_join:
 * @invite_code: the code as the user typed it (case, dashes and spaces
 *   do not matter)
 * @device_name: what the device calls itself
 * @kitchen_id: (out) (transfer full): the kitchen joined
 * @kitchen_name: (out) (transfer full): its name
 * @device_id: (out) (transfer full): the new device's id
 * @token: (out) (transfer full): its bearer token; only its hash is kept,
 *   so this is the only copy
 *
 * Uses up the invite and registers a device in its kitchen.
 *
 * Returns: whether the device joined; else @error says why, with
 *   %GALLEY_SERVER_STORE_ERROR_INVITE_UNKNOWN, _INVITE_EXPIRED,
 *   _INVITE_USED or _INVALID (the device name)
 */
gboolean
galley_server_store_join (GalleyServerStore  *self,
                          const char         *invite_code,
                          const char         *device_name,
                          char              **kitchen_id,
                          char              **kitchen_name,
                          char              **device_id,
                          char              **token,
                          GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *new_kitchen_id = NULL;
  g_autofree char *new_kitchen_name = NULL;
  g_autofree char *new_device_id = NULL;
  g_autofree char *new_token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *invite_hash = NULL;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (invite_code != NULL, FALSE);
  g_return_val_if_fail (kitchen_id != NULL && kitchen_name != NULL, FALSE);
  g_return_val_if_fail (device_id != NULL && token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(clean_name = check_name (device_name, NAME_DEVICE, error)) ||
      !(new_token = generate_token (error)))
    return FALSE;

  new_device_id = g_uuid_string_random ();
  token_hash = sha256_hex (new_token);

  if (!galley_sqlite_begin (self->sql, error))
    return FALSE;

  if (!(invite_hash = find_invite (self, invite_code, &new_kitchen_id, &new_kitchen_name, error)) ||
      !(stmt = galley_sqlite_get_stmt (self->sql, STMT_INSERT_DEVICE, error)))
    goto fail;

  if (!galley_sqlite_bind_text (stmt, 1, new_device_id) ||
      !galley_sqlite_bind_text (stmt, 2, new_kitchen_id) ||
      !galley_sqlite_bind_text (stmt, 3, clean_name) ||
      !galley_sqlite_bind_text (stmt, 4, token_hash) ||
      sqlite3_bind_int64 (stmt, 5, now_ms (self)) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not register the device"));
      goto fail;
    }

  g_clear_pointer (&stmt, galley_sqlite_stmt_release);

  if (!mark_invite_used (self, invite_hash, new_device_id, error) ||
      !galley_sqlite_commit (self->sql, error))
    goto fail;

  *kitchen_id = g_steal_pointer (&new_kitchen_id);
  *kitchen_name = g_steal_pointer (&new_kitchen_name);
  *device_id = g_steal_pointer (&new_device_id);
  *token = g_steal_pointer (&new_token);

  return TRUE;

fail:
  g_clear_pointer (&stmt, galley_sqlite_stmt_release);
  galley_sqlite_rollback (self->sql);
  return FALSE;
}

/**
 * galley_server_store_authenticate:
 * @token: a bearer token from galley_server_store_join()
 * @device_id: (out) (optional) (transfer full): the device it belongs to
 * @kitchen_id: (out) (optional) (transfer full): the device's kitchen
 *
 * Returns: whether @token belongs to a device that is not revoked; else
 *   %GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED (or _FAILED if the database
 *   could not be read)
 */
gboolean
galley_server_store_authenticate (GalleyServerStore  *self,
                                  const char         *token,
                                  char              **device_id,
                                  char              **kitchen_id,
                                  GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autofree char *hash = NULL;
  int rc;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A real token is 43 characters; anything much longer is not one, and
   * need not be hashed. */
  if (token == NULL || *token == '\0' || strlen (token) > 256)
    goto unauthorized;

  hash = sha256_hex (token);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_AUTHENTICATE, error)))
    return FALSE;

  /* The row is found by the hash through an index; a lookup's timing
   * depends on the hash, which an attacker cannot steer towards a stored
   * one. Comparing the found hash again, in constant time, keeps any
   * early-exit comparison out of the path that decides. */
  if (!galley_sqlite_bind_text (stmt, 1, hash))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    goto unauthorized;
  if (rc != SQLITE_ROW)
    goto fail;

  if (!equal_constant_time (galley_sqlite_column_text (stmt, 2), hash))
    goto unauthorized;

  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      g_set_error_literal (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED,
                           _("This device was removed from its kitchen"));
      return FALSE;
    }

  if (device_id != NULL)
    *device_id = column_dup (stmt, 0);
  if (kitchen_id != NULL)
    *kitchen_id = column_dup (stmt, 1);

  return TRUE;

unauthorized:
  g_set_error_literal (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED,
                       _("Unknown access token"));
  return FALSE;

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not check the access token"));
  return FALSE;
}

/**
 * galley_server_store_list_kitchens:
 *
 * Returns: (transfer container) (element-type GalleyServerKitchen) (nullable):
 *   every kitchen, oldest first
 */
GPtrArray *
galley_server_store_list_kitchens (GalleyServerStore  *self,
                                   GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GPtrArray) kitchens = NULL;
  int rc;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_LIST_KITCHENS, error)))
    return NULL;

  kitchens = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_server_kitchen_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (kitchens, kitchen_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not list the kitchens"));
      return NULL;
    }

  return g_steal_pointer (&kitchens);
}

/**
 * galley_server_store_get_kitchen:
 *
 * Returns: (transfer full) (nullable): the kitchen, or %NULL with
 *   %GALLEY_SERVER_STORE_ERROR_NOT_FOUND
 */
GalleyServerKitchen *
galley_server_store_get_kitchen (GalleyServerStore  *self,
                                 const char         *kitchen_id,
                                 GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (kitchen_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = step_kitchen_row (self, STMT_GET_KITCHEN, kitchen_id, _("Could not read the kitchen"), error);
  return stmt != NULL ? kitchen_from_row (stmt) : NULL;
}

/**
 * galley_server_store_list_devices:
 *
 * Returns: (transfer container) (element-type GalleyServerDevice) (nullable):
 *   the kitchen's devices, revoked ones included, oldest first;
 *   %GALLEY_SERVER_STORE_ERROR_NOT_FOUND if there is no such kitchen
 */
GPtrArray *
galley_server_store_list_devices (GalleyServerStore  *self,
                                  const char         *kitchen_id,
                                  GError            **error)
{
  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (kitchen_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_in_kitchen (self, kitchen_id, STMT_LIST_DEVICES, (RowFunc) device_from_row,
                          (GDestroyNotify) galley_server_device_free,
                          _("Could not list the devices"), error);
}

/**
 * galley_server_store_revoke_device:
 *
 * Stops the device's token from authenticating, at once and for good.
 * Revoking a revoked device changes nothing.
 *
 * Returns: (transfer full) (nullable): the device as it now is, or %NULL
 *   with %GALLEY_SERVER_STORE_ERROR_NOT_FOUND
 */
GalleyServerDevice *
galley_server_store_revoke_device (GalleyServerStore  *self,
                                   const char         *device_id,
                                   GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GalleyServerDevice) device = NULL;
  int rc;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (device_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_REVOKE_DEVICE, error)))
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, device_id) ||
      sqlite3_bind_int64 (stmt, 2, now_ms (self)) != SQLITE_OK)
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND,
                   _("There is no device “%s”"), device_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    goto fail;

  device = device_from_row (stmt);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail;

  return g_steal_pointer (&device);

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not revoke the device"));
  return NULL;
}

/* Recipes */

static void
set_recipe_not_found (GError     **error,
                      const char  *recipe_id)
{
  g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_NOT_FOUND,
               _("There is no recipe “%s”"), recipe_id);
}

/**
 * galley_server_store_put_recipe:
 * @recipe: the recipe; it gets an id if it has none, and the rev and
 *   updated stamp it was stored with
 *
 * Adds or replaces the kitchen's recipe with @recipe's id (a deleted one
 * comes back), as the kitchen's next change.
 *
 * Returns: the rev of the change, or -1 with @error set
 */
gint64
galley_server_store_put_recipe (GalleyServerStore  *self,
                                const char         *kitchen_id,
                                GalleyRecipe       *recipe,
                                GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *updated = NULL;
  const char *title;
  gint64 rev;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), -1);
  g_return_val_if_fail (kitchen_id != NULL, -1);
  g_return_val_if_fail (GALLEY_IS_RECIPE (recipe), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  /* The JSON reader refuses a recipe without a title, so storing one would
   * only make it unreadable later. */
  title = galley_recipe_get_title (recipe);
  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
                           _("The recipe has no title"));
      return -1;
    }

  if (galley_recipe_get_id (recipe) == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      galley_recipe_set_id (recipe, id);
    }
  else if (!is_valid_id (galley_recipe_get_id (recipe)))
    {
      g_set_error_literal (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
                           _("The recipe’s id is empty or too long"));
      return -1;
    }

  if (!galley_sqlite_begin (self->sql, error))
    return -1;

  if ((rev = next_rev (self, kitchen_id, error)) < 0)
    goto fail;

  /* The rev and stamp are part of the stored JSON, which is what
   * "changes" sends: set them before serialising. */
  updated = galley_hlc_now (self->hlc);
  galley_recipe_set_rev (recipe, rev);
  galley_recipe_set_updated (recipe, updated);
  json = galley_recipe_to_json (recipe, FALSE);
  tags = g_strjoinv (", ", (char **)galley_recipe_get_tags (recipe));

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_UPSERT_RECIPE, error)))
    goto fail;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) ||
      !galley_sqlite_bind_text (stmt, 2, galley_recipe_get_id (recipe)) ||
      !galley_sqlite_bind_text (stmt, 3, title) ||
      sqlite3_bind_int64 (stmt, 4, galley_recipe_get_prep_time_s (recipe) +
                                   galley_recipe_get_cook_time_s (recipe)) != SQLITE_OK ||
      !galley_sqlite_bind_text (stmt, 5, tags) ||
      !galley_sqlite_bind_text (stmt, 6, json) ||
      !galley_sqlite_bind_text (stmt, 7, updated) ||
      sqlite3_bind_int64 (stmt, 8, rev) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Could not save the recipe “%s”"), title);
      galley_sqlite_set_error (self->sql, error, what);
      goto fail;
    }

  g_clear_pointer (&stmt, galley_sqlite_stmt_release);

  if (!galley_sqlite_commit (self->sql, error))
    goto fail;

  return rev;

fail:
  g_clear_pointer (&stmt, galley_sqlite_stmt_release);
  galley_sqlite_rollback (self->sql);
  return -1;
}

/**
 * galley_server_store_get_recipe:
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with
 *   %GALLEY_SERVER_STORE_ERROR_NOT_FOUND if the kitchen has no such recipe
 *   (another kitchen's recipe is not found either)
 */
GalleyRecipe *
galley_server_store_get_recipe (GalleyServerStore  *self,
                                const char         *kitchen_id,
                                const char         *recipe_id,
                                GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  GalleyRecipe *recipe;
  int rc;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (kitchen_id != NULL, NULL);
  g_return_val_if_fail (recipe_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_GET_RECIPE, error)))
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) || !galley_sqlite_bind_text (stmt, 2, recipe_id))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_recipe_not_found (error, recipe_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    goto fail;

  if (!(recipe = galley_recipe_from_json (galley_sqlite_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                          &local_error)))
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_CORRUPT,
                   _("The stored recipe “%s” is damaged: %s"), recipe_id, local_error->message);
      return NULL;
    }

  return recipe;

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not read the recipe"));
  return NULL;
}

/**
 * galley_server_store_delete_recipe:
 *
 * Deletes the kitchen's recipe as its next change, leaving a tombstone so
 * that galley_server_store_changes_since() reports the deletion.
 *
 * Returns: the rev of the deletion, or -1 with @error set
 *   (%GALLEY_SERVER_STORE_ERROR_NOT_FOUND if there is no such recipe)
 */
gint64
galley_server_store_delete_recipe (GalleyServerStore  *self,
                                   const char         *kitchen_id,
                                   const char         *recipe_id,
                                   GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  gint64 rev;
  int rc;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), -1);
  g_return_val_if_fail (kitchen_id != NULL, -1);
  g_return_val_if_fail (recipe_id != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!galley_sqlite_begin (self->sql, error))
    return -1;

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_RECIPE_EXISTS, error)))
    goto fail;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) || !galley_sqlite_bind_text (stmt, 2, recipe_id))
    goto sqlite_fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_recipe_not_found (error, recipe_id);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    goto sqlite_fail;

  g_clear_pointer (&stmt, galley_sqlite_stmt_release);

  if ((rev = next_rev (self, kitchen_id, error)) < 0 ||
      !(stmt = galley_sqlite_get_stmt (self->sql, STMT_DELETE_RECIPE, error)))
    goto fail;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) ||
      !galley_sqlite_bind_text (stmt, 2, recipe_id) ||
      sqlite3_bind_int64 (stmt, 3, rev) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    goto sqlite_fail;

  g_clear_pointer (&stmt, galley_sqlite_stmt_release);

  if (!galley_sqlite_commit (self->sql, error))
    goto fail;

  return rev;

sqlite_fail:
  galley_sqlite_set_error (self->sql, error, _("Could not delete the recipe"));
fail:
  g_clear_pointer (&stmt, galley_sqlite_stmt_release);
  galley_sqlite_rollback (self->sql);
  return -1;
}

/**
 * galley_server_store_list_recipe_summaries:
 *
 * Returns: (transfer container) (element-type GalleyRecipeSummary) (nullable):
 *   the kitchen's recipes, ordered by title;
 *   %GALLEY_SERVER_STORE_ERROR_NOT_FOUND if there is no such kitchen
 */
GPtrArray *
galley_server_store_list_recipe_summaries (GalleyServerStore  *self,
                                           const char         *kitchen_id,
                                           GError            **error)
{
  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (kitchen_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_in_kitchen (self, kitchen_id, STMT_LIST_SUMMARIES, (RowFunc) summary_from_row,
                          g_object_unref, _("Could not list the recipes"), error);
}

/* Timers */

/* A stored row back into a GalleyTimer, so that ops are merged by the same
 * rule (galley_timer_apply_state()) as on every device. */
static GalleyTimer *
timer_from_row (sqlite3_stmt  *stmt,
                gint64        *rev,
                GError       **error)
{
  g_autoptr(GalleyTimer) timer = galley_timer_new (galley_sqlite_column_text (stmt, 0), 1);
  GalleyTimerStatus status;

  if (!galley_timer_status_from_string (galley_sqlite_column_text (stmt, 3), &status) ||
      !galley_timer_apply_state (timer, status,
                                 sqlite3_column_int64 (stmt, 4),
                                 sqlite3_column_int64 (stmt, 5),
                                 sqlite3_column_int64 (stmt, 6),
                                 galley_sqlite_column_text (stmt, 7)))
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_CORRUPT,
                   _("The stored timer “%s” is damaged"), galley_sqlite_column_text (stmt, 0));
      return NULL;
    }

  galley_timer_set_label (timer, (const char *)sqlite3_column_text (stmt, 1));
  galley_timer_set_detail (timer, (const char *)sqlite3_column_text (stmt, 2));
  *rev = sqlite3_column_int64 (stmt, 8);

  return g_steal_pointer (&timer);
}

/**
 * galley_server_store_changes_since:
 * @since: the last rev the client has seen (0 for everything)
 * @rev: (out) (optional): the kitchen's current rev, the client's next
 *   cursor
 *
 * Everything that changed in the kitchen after @since, read from one
 * snapshot of the database. Each recipe and timer appears once, in its
 * latest state. A cursor ahead of the kitchen's rev can only come from
 * before the database was restored from a backup: the client then gets
 * everything, as if it had never synced.
 *
 * Returns: (transfer full) (nullable): `{"rev", "recipes": [recipe
 *   JSON…], "deleted": [id…], "timers": [timer…]}`, or %NULL with @error
 *   set (%GALLEY_SERVER_STORE_ERROR_NOT_FOUND if there is no such kitchen)
 */
JsonNode *
galley_server_store_changes_since (GalleyServerStore  *self,
                                   const char         *kitchen_id,
                                   gint64              since,
                                   gint64             *rev,
                                   GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = NULL;
  g_autoptr(JsonArray) recipes = json_array_new ();
  g_autoptr(JsonArray) deleted = json_array_new ();
  g_autoptr(JsonArray) timers = json_array_new ();
  g_autoptr(JsonObject) result = json_object_new ();
  JsonNode *node = NULL;
  gint64 current;
  int rc;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (kitchen_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!galley_sqlite_begin_read (self->sql, error))
    return NULL;

  if ((current = kitchen_rev (self, kitchen_id, error)) < 0)
    goto out;

  if (since < 0 || since > current)
    since = 0;

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_CHANGED_RECIPES, error)))
    goto out;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) || sqlite3_bind_int64 (stmt, 2, since) != SQLITE_OK)
    goto sqlite_fail;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) recipe = NULL;
      g_autoptr(GError) local_error = NULL;

      if (sqlite3_column_int (stmt, 2))
        {
          json_array_add_string_element (deleted, galley_sqlite_column_text (stmt, 0));
          continue;
        }

      if (!(recipe = json_from_string (galley_sqlite_column_text (stmt, 1), &local_error)))
        {
          g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_CORRUPT,
                       _("The stored recipe “%s” is damaged: %s"),
                       galley_sqlite_column_text (stmt, 0), local_error->message);
          goto out;
        }

      json_array_add_element (recipes, g_steal_pointer (&recipe));
    }

  if (rc != SQLITE_DONE)
    goto sqlite_fail;

  g_clear_pointer (&stmt, galley_sqlite_stmt_release);

  if (!(stmt = galley_sqlite_get_stmt (self->sql, STMT_CHANGED_TIMERS, error)))
    goto out;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) || sqlite3_bind_int64 (stmt, 2, since) != SQLITE_OK)
    goto sqlite_fail;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GalleyTimer) timer = NULL;
      gint64 timer_rev;

      if (!(timer = timer_from_row (stmt, &timer_rev, error)))
        goto out;

      json_array_add_element (timers, galley_timer_to_json_node (timer));
    }

  if (rc != SQLITE_DONE)
    goto sqlite_fail;

  json_object_set_int_member (result, "rev", current);
  json_object_set_array_member (result, "recipes", g_steal_pointer (&recipes));
  json_object_set_array_member (result, "deleted", g_steal_pointer (&deleted));
  json_object_set_array_member (result, "timers", g_steal_pointer (&timers));

  node = json_node_init_object (json_node_alloc (), result);
  if (rev != NULL)
    *rev = current;
  goto out;

sqlite_fail:
  galley_sqlite_set_error (self->sql, error, _("Could not read the changes"));
out:
  g_clear_pointer (&stmt, galley_sqlite_stmt_release);
  galley_sqlite_rollback (self->sql);
  return node;
}

/* Ops */

static gboolean
check_op_clock (GalleyServerStore  *self,
                GalleyOp           *op,
                GError            **error)
{
  gint64 physical_ms;
  gint64 now = now_ms (self);

  /* galley_op_from_json_node() checked the stamp's syntax; an op made
   * here by galley_op_new_from_timer() has a valid stamp too. */
  if (!galley_hlc_parse (galley_op_get_updated (op), &physical_ms, NULL, NULL))
    g_return_val_if_reached (FALSE);

  if (physical_ms <= now + GALLEY_SERVER_MAX_CLOCK_AHEAD_MS)
    return TRUE;

  g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
               _("Op “%s” is stamped %" G_GINT64_FORMAT " s ahead of the server’s clock; "
                 "correct the device’s clock offset first"),
               galley_op_get_id (op), (physical_ms - now) / 1000);
  return FALSE;
}

static GalleyServerOpResult *
find_op_result (GalleyServerStore  *self,
                const char         *kitchen_id,
                const char         *op_id,
                GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_FIND_OP, error);
  g_autoptr(GalleyServerOpResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) || !galley_sqlite_bind_text (stmt, 2, op_id))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    goto fail;

  result = g_new0 (GalleyServerOpResult, 1);
  result->op = g_strdup (op_id);
  result->applied = sqlite3_column_int (stmt, 0) != 0;
  result->rev = sqlite3_column_int64 (stmt, 1);

  if (!(result->timer = json_from_string (galley_sqlite_column_text (stmt, 2), &local_error)))
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_CORRUPT,
                   _("The stored result of op “%s” is damaged: %s"), op_id, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&result);

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not read the ops"));
  return NULL;
}

static GalleyTimer *
load_timer (GalleyServerStore  *self,
            const char         *kitchen_id,
            const char         *timer_id,
            gint64             *rev,
            GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_GET_TIMER, error);
  int rc;

  *rev = 0;

  if (stmt == NULL)
    return NULL;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) || !galley_sqlite_bind_text (stmt, 2, timer_id))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    goto fail;

  return timer_from_row (stmt, rev, error);

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not read the timer"));
  return NULL;
}

static gboolean
save_timer (GalleyServerStore  *self,
            const char         *kitchen_id,
            GalleyTimer        *timer,
            gint64              rev,
            GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_UPSERT_TIMER, error);
  GalleyTimerStatus status = galley_timer_get_status (timer);

  if (stmt == NULL)
    return FALSE;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) ||
      !galley_sqlite_bind_text (stmt, 2, galley_timer_get_id (timer)) ||
      !galley_sqlite_bind_text (stmt, 3, galley_timer_get_label (timer)) ||
      !galley_sqlite_bind_text (stmt, 4, galley_timer_get_detail (timer)) ||
      !galley_sqlite_bind_text (stmt, 5, galley_timer_status_to_string (status)) ||
      sqlite3_bind_int64 (stmt, 6, galley_timer_get_duration_ms (timer)) != SQLITE_OK ||
      !bind_int64_or_null (stmt, 7, status == GALLEY_TIMER_STATUS_RUNNING ?
                                    galley_timer_get_ends_at (timer) : 0) ||
      !bind_int64_or_null (stmt, 8, status == GALLEY_TIMER_STATUS_PAUSED ?
                                    galley_timer_get_remaining_ms (timer) : 0) ||
      !galley_sqlite_bind_text (stmt, 9, galley_timer_get_updated (timer)) ||
      sqlite3_bind_int64 (stmt, 10, rev) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not save the timer"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
record_op (GalleyServerStore     *self,
           const char            *kitchen_id,
           const char            *device_id,
           GalleyServerOpResult  *result,
           GError               **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_INSERT_OP, error);
  g_autofree char *timer_json = json_to_string (result->timer, FALSE);

  if (stmt == NULL)
    return FALSE;

  if (!galley_sqlite_bind_text (stmt, 1, kitchen_id) ||
      !galley_sqlite_bind_text (stmt, 2, result->op) ||
      !galley_sqlite_bind_text (stmt, 3, device_id) ||
      sqlite3_bind_int64 (stmt, 4, now_ms (self)) != SQLITE_OK ||
      sqlite3_bind_int (stmt, 5, result->applied) != SQLITE_OK ||
      sqlite3_bind_int64 (stmt, 6, result->rev) != SQLITE_OK ||
      !galley_sqlite_bind_text (stmt, 7, timer_json) ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      galley_sqlite_set_error (self->sql, error, _("Could not record the op"));
      return FALSE;
    }

  return TRUE;
}

static GalleyServerOpResult *
apply_op (GalleyServerStore  *self,
          const char         *kitchen_id,
          const char         *device_id,
          GalleyOp           *op,
          GError            **error)
{
  g_autoptr(GalleyServerOpResult) result = NULL;
  g_autoptr(GalleyTimer) stored = NULL;
  g_autoptr(GalleyTimer) timer = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 rev;

  if ((result = find_op_result (self, kitchen_id, galley_op_get_id (op), &local_error)))
    return g_steal_pointer (&result);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  stored = load_timer (self, kitchen_id, galley_op_get_timer_id (op), &rev, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  result = g_new0 (GalleyServerOpResult, 1);
  result->op = g_strdup (galley_op_get_id (op));
  result->applied = galley_op_apply (op, stored, &timer);

  if (result->applied &&
      ((rev = next_rev (self, kitchen_id, error)) < 0 ||
       !save_timer (self, kitchen_id, timer, rev, error)))
    return NULL;

  /* An op that lost to a newer state is still acknowledged, with the state
   * that won and its rev, so the device that sent it corrects itself. */
  result->rev = rev;
  result->timer = galley_timer_to_json_node (timer);

  if (!record_op (self, kitchen_id, device_id, result, error))
    return NULL;

  return g_steal_pointer (&result);
}

static gboolean
check_device (GalleyServerStore  *self,
              const char         *kitchen_id,
              const char         *device_id,
              GError            **error)
{
  g_autoptr(GalleySqliteStmt) stmt = galley_sqlite_get_stmt (self->sql, STMT_DEVICE_KITCHEN, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (!galley_sqlite_bind_text (stmt, 1, device_id))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto fail;

  if (rc == SQLITE_DONE ||
      g_strcmp0 (galley_sqlite_column_text (stmt, 0), kitchen_id) != 0 ||
      sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED,
                   _("The device “%s” may not change this kitchen"), device_id);
      return FALSE;
    }

  return TRUE;

fail:
  galley_sqlite_set_error (self->sql, error, _("Could not read the device"));
  return FALSE;
}

/**
 * galley_server_store_apply_ops:
 * @device_id: the device that sent them (authenticated), a device of
 *   @kitchen_id that is not revoked
 * @ops: (element-type GalleyOp): the ops, as galley_op_from_json_node()
 *   read them
 *
 * Applies timer ops with the protocol's merge rule, galley_op_apply(): a
 * last-writer-wins register keyed by the ops' `updated` stamps. An op seen
 * before (same op id in this kitchen) gets the same result again and
 * changes nothing; an op older than the timer's state is not applied but
 * acknowledged with the state that won. Every applied op is a change with
 * its own rev.
 *
 * All of @ops are applied in one transaction, committed (durably) before
 * this returns: either every op has its result or, with @error set,
 * nothing changed. An op stamped more than
 * %GALLEY_SERVER_MAX_CLOCK_AHEAD_MS ahead of the server's clock fails the
 * call with %GALLEY_SERVER_STORE_ERROR_INVALID.
 *
 * Returns: (transfer container) (element-type GalleyServerOpResult) (nullable):
 *   one result per op, in order
 */
GPtrArray *
galley_server_store_apply_ops (GalleyServerStore  *self,
                               const char         *kitchen_id,
                               const char         *device_id,
                               GPtrArray          *ops,
                               GError            **error)
{
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (kitchen_id != NULL, NULL);
  g_return_val_if_fail (device_id != NULL, NULL);
  g_return_val_if_fail (ops != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < ops->len; i++)
    {
      g_return_val_if_fail (GALLEY_IS_OP (g_ptr_array_index (ops, i)), NULL);

      if (!check_op_clock (self, g_ptr_array_index (ops, i), error))
        return NULL;
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_server_op_result_free);

  if (!galley_sqlite_begin (self->sql, error))
    return NULL;

  if (kitchen_rev (self, kitchen_id, error) < 0 ||
      !check_device (self, kitchen_id, device_id, error))
    goto fail;

  for (guint i = 0; i < ops->len; i++)
    {
      GalleyServerOpResult *result = apply_op (self, kitchen_id, device_id,
                                               g_ptr_array_index (ops, i), error);

      if (result == NULL)
        goto fail;

      g_ptr_array_add (results, result);
    }

  if (!galley_sqlite_commit (self->sql, error))
    goto fail;

  return g_steal_pointer (&results);

fail:
  galley_sqlite_rollback (self->sql);
  return NULL;
}

/* Backup */

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
sync_dir_of (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }

  saved_errno = errno;
  if (fd >= 0)
    g_close (fd, NULL);

  g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
               _("Could not write the backup to “%s”: %s"), dir, g_strerror (saved_errno));
  return FALSE;
}

/* The backup's own connection is not a GalleySqlite: it is opened once,
 * for one copy, with none of the store's statements or schema. */
static void
set_dest_error (sqlite3     *dest,
                const char  *what,
                GError     **error)
{
  g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
               "%s: %s", what, sqlite3_errmsg (dest));
}

/* Copies the live database into @dest_path with SQLite's online backup,
 * then makes the copy a single self-contained file (no WAL). */
static gboolean
copy_database (GalleyServerStore  *self,
               const char         *dest_path,
               GError            **error)
{
  const char *what = _("Could not back up the database");
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   "%s: %s", what, dest ? sqlite3_errmsg (dest) : g_strerror (ENOMEM));
      goto out;
    }

  sqlite3_busy_timeout (dest, 5000);

  if (!(backup = sqlite3_backup_init (dest, "main", self->sql->db, "main")))
    {
      set_dest_error (dest, what, error);
      goto out;
    }

  /* All pages in one step: the copy is one read transaction of the source,
   * a consistent snapshot however much the server writes meanwhile. Only
   * a lock held by another writer on the source can make it wait. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   "%s: %s", what, sqlite3_errstr (rc));
      goto out;
    }

  /* The copy carries the source's WAL flag; a backup is easier to move
   * and check as one file. synchronous=FULL makes the switch durable. */
  if (sqlite3_exec (dest, "PRAGMA synchronous = FULL; PRAGMA journal_mode = DELETE;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      set_dest_error (dest, what, error);
      goto out;
    }

  ok = TRUE;

out:
  /* Closing writes what is still buffered: a failure here is a failed
   * backup. */
  if (dest != NULL && sqlite3_close (dest) != SQLITE_OK)
    {
      if (ok)
        set_dest_error (dest, what, error);
      ok = FALSE;
      sqlite3_close_v2 (dest);
    }

  return ok;
}

/**
 * galley_server_store_backup:
 * @path: where to write the copy; an existing file there is replaced, but
 *   only once the copy is complete
 *
 * Copies the database while the server keeps running, with SQLite's
 * online backup API, into a single file that galley-server can open.
 *
 * Returns: whether the backup is complete and on disk
 */
gboolean
galley_server_store_backup (GalleyServerStore  *self,
                            const char         *path,
                            GError            **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (GALLEY_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (same_file (path, self->path))
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
                   _("“%s” is the database itself; choose another file for the backup"), path);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_INVALID,
                   _("The folder “%s” does not exist"), dir);
      return FALSE;
    }

  /* Written next to the target and renamed over it: a failed or
   * interrupted backup never leaves a truncated file under @path. */
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   _("Could not create the backup “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  if (!copy_database (self, tmp_path, error))
    goto fail;

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GALLEY_SERVER_STORE_ERROR, GALLEY_SERVER_STORE_ERROR_FAILED,
                   _("Could not create the backup “%s”: %s"), path, g_strerror (saved_errno));
      goto fail;
    }

  return sync_dir_of (path, error);

fail:
  g_unlink (tmp_path);
  return FALSE;
}
