/* galley-server-store.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "galley-clock.h"
#include "galley-op.h"
#include "galley-recipe.h"
#include "galley-recipe-summary.h"

G_BEGIN_DECLS

#define GALLEY_SERVER_STORE_ERROR (galley_server_store_error_quark ())

/* Why the store refused. The HTTP layer maps them to status codes:
 * INVALID → 400, UNAUTHORIZED → 401, NOT_FOUND → 404, the invite errors →
 * 403 (or 410 for EXPIRED), FAILED, TOO_NEW and CORRUPT → 500. */
typedef enum
{
  GALLEY_SERVER_STORE_ERROR_FAILED,         /* SQLite said no; the message says why */
  GALLEY_SERVER_STORE_ERROR_TOO_NEW,        /* written by a newer galley-server */
  GALLEY_SERVER_STORE_ERROR_CORRUPT,        /* stored data no longer reads */
  GALLEY_SERVER_STORE_ERROR_INVALID,        /* bad input: nothing was changed */
  GALLEY_SERVER_STORE_ERROR_NOT_FOUND,      /* no such kitchen, device or recipe (in this kitchen) */
  GALLEY_SERVER_STORE_ERROR_UNAUTHORIZED,   /* unknown or revoked token */
  GALLEY_SERVER_STORE_ERROR_INVITE_UNKNOWN,
  GALLEY_SERVER_STORE_ERROR_INVITE_EXPIRED,
  GALLEY_SERVER_STORE_ERROR_INVITE_USED,
} GalleyServerStoreError;

/* Invites last a week unless the admin says otherwise, a year at most. */
#define GALLEY_SERVER_INVITE_DEFAULT_DAYS 7
#define GALLEY_SERVER_INVITE_MAX_DAYS 365

/* How far ahead of the server's clock an op's HLC may be: clients correct
 * their clocks against the server's, so more than this is a broken clock
 * whose stamps would win every last-writer-wins comparison for as long. */
#define GALLEY_SERVER_MAX_CLOCK_AHEAD_MS (60 * 1000)

typedef struct
{
  char   *id;
  char   *name;
  gint64  created;      /* Unix ms */
  gint64  rev;          /* the kitchen's latest change */
  guint   n_devices;    /* not revoked */
  guint   n_recipes;    /* not deleted */
} GalleyServerKitchen;

typedef struct
{
  char   *id;
  char   *kitchen;
  char   *name;
  gint64  created;      /* Unix ms */
  gint64  revoked_at;   /* Unix ms, 0 while the device may connect */
} GalleyServerDevice;

typedef struct
{
  char     *op;
  gboolean  applied;    /* FALSE: the timer already had a newer state */
  gint64    rev;        /* the change that holds the timer's state */
  JsonNode *timer;      /* the timer's state after the op */
} GalleyServerOpResult;

void      galley_server_kitchen_free      (GalleyServerKitchen  *kitchen);
void      galley_server_device_free       (GalleyServerDevice   *device);
void      galley_server_op_result_free    (GalleyServerOpResult *result);
JsonNode *galley_server_op_result_to_json (GalleyServerOpResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyServerKitchen, galley_server_kitchen_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyServerDevice, galley_server_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyServerOpResult, galley_server_op_result_free)

#define GALLEY_TYPE_SERVER_STORE (galley_server_store_get_type ())

G_DECLARE_FINAL_TYPE (GalleyServerStore, galley_server_store, GALLEY, SERVER_STORE, GObject)

GQuark             galley_server_store_error_quark          (void);
char              *galley_server_store_default_path         (void);
GalleyServerStore *galley_server_store_open                 (const char         *path,
                                                             GalleyClock        *clock,
                                                             GError            **error);
const char        *galley_server_store_get_path             (GalleyServerStore  *self);
GalleyClock       *galley_server_store_get_clock            (GalleyServerStore  *self);

/* Kitchens, invites and devices */
gboolean           galley_server_store_create_kitchen       (GalleyServerStore  *self,
                                                             const char         *name,
                                                             char              **kitchen_id,
                                                             char              **invite_code,
                                                             gint64             *invite_expires_at,
                                                             GError            **error);
char              *galley_server_store_create_invite        (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             guint               days,
                                                             gint64             *expires_at,
                                                             GError            **error);
gboolean           galley_server_store_join                 (GalleyServerStore  *self,
                                                             const char         *invite_code,
                                                             const char         *device_name,
                                                             char              **kitchen_id,
                                                             char              **kitchen_name,
                                                             char              **device_id,
                                                             char              **token,
                                                             GError            **error);
gboolean           galley_server_store_authenticate         (GalleyServerStore  *self,
                                                             const char         *token,
                                                             char              **device_id,
                                                             char              **kitchen_id,
                                                             GError            **error);
GPtrArray         *galley_server_store_list_kitchens        (GalleyServerStore  *self,
                                                             GError            **error);
GalleyServerKitchen *galley_server_store_get_kitchen        (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             GError            **error);
GPtrArray         *galley_server_store_list_devices         (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             GError            **error);
GalleyServerDevice *galley_server_store_revoke_device       (GalleyServerStore  *self,
                                                             const char         *device_id,
                                                             GError            **error);

/* Recipes */
gint64             galley_server_store_put_recipe           (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             GalleyRecipe       *recipe,
                                                             GError            **error);
GalleyRecipe      *galley_server_store_get_recipe           (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             const char         *recipe_id,
                                                             GError            **error);
gint64             galley_server_store_delete_recipe        (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             const char         *recipe_id,
                                                             GError            **error);
GPtrArray         *galley_server_store_list_recipe_summaries (GalleyServerStore *self,
                                                              const char        *kitchen_id,
                                                              GError           **error);

/* Sync */
JsonNode          *galley_server_store_changes_since        (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             gint64              since,
                                                             gint64             *rev,
                                                             GError            **error);
GPtrArray         *galley_server_store_apply_ops            (GalleyServerStore  *self,
                                                             const char         *kitchen_id,
                                                             const char         *device_id,
                                                             GPtrArray          *ops,
                                                             GError            **error);

/* Administration */
gboolean           galley_server_store_backup               (GalleyServerStore  *self,
                                                             const char         *path,
                                                             GError            **error);

G_END_DECLS
