/* galley-test-server.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The real galley-server binary for the tests that speak to it: its admin
 * commands, and "serve" on a free port of loopback. */

JsonNode    *galley_test_server_run_admin   (const char  *db_path,
                                             const char  *first_arg,
                                             ...) G_GNUC_NULL_TERMINATED;
char        *galley_test_server_add_kitchen (const char  *db_path,
                                             const char  *name,
                                             char       **invite);
GSubprocess *galley_test_server_start       (const char  *db_path,
                                             guint16     *port);
GSubprocess *galley_test_server_start_full  (const char  *db_path,
                                             const char  *scheme,
                                             const char * const *extra_args,
                                             guint16     *port);
void         galley_test_server_stop        (GSubprocess *server);

G_END_DECLS
