/* galley-server-stream.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "galley-server-store.h"

G_BEGIN_DECLS

/* A stream with neither a message nor a pong for this long is closed. */
#define GALLEY_SERVER_STREAM_IDLE_TIMEOUT_S 120
/* How often the server pings each stream, and looks for idle ones. */
#define GALLEY_SERVER_STREAM_KEEPALIVE_S 30

#define GALLEY_TYPE_SERVER_STREAM (galley_server_stream_get_type ())

G_DECLARE_FINAL_TYPE (GalleyServerStream, galley_server_stream, GALLEY, SERVER_STREAM, GObject)

GalleyServerStream *galley_server_stream_new             (GalleyServerStore       *store);
void                galley_server_stream_add             (GalleyServerStream      *self,
                                                          SoupWebsocketConnection *connection,
                                                          const char              *kitchen_id,
                                                          const char              *device_id);
void                galley_server_stream_push_recipe     (GalleyServerStream      *self,
                                                          const char              *kitchen_id,
                                                          gint64                   rev,
                                                          GalleyRecipe            *recipe);
void                galley_server_stream_push_deleted    (GalleyServerStream      *self,
                                                          const char              *kitchen_id,
                                                          gint64                   rev,
                                                          const char              *recipe_id);
void                galley_server_stream_close_all       (GalleyServerStream      *self);

G_END_DECLS
