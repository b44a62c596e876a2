/* galley-server-http.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "galley-server-store.h"

G_BEGIN_DECLS

/* The largest request body the server reads, as the protocol has it. */
#define GALLEY_SERVER_HTTP_MAX_BODY_SIZE (1024 * 1024)

#define GALLEY_TYPE_SERVER_HTTP (galley_server_http_get_type ())

G_DECLARE_FINAL_TYPE (GalleyServerHttp, galley_server_http, GALLEY, SERVER_HTTP, GObject)

GalleyServerHttp  *galley_server_http_new       (GalleyServerStore  *store);
GalleyServerStore *galley_server_http_get_store (GalleyServerHttp   *self);
void               galley_server_http_set_tls_certificate
                                                (GalleyServerHttp   *self,
                                                 GTlsCertificate    *certificate);
gboolean           galley_server_http_listen    (GalleyServerHttp   *self,
                                                 GSocketAddress     *address,
                                                 GError            **error);
guint16            galley_server_http_get_port  (GalleyServerHttp   *self);

G_END_DECLS
