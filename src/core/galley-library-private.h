/* galley-library-private.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "galley-library.h"

G_BEGIN_DECLS

/* For the other stores that live in library.db (timers, and later the
 * outbox): they share the library's one connection, so they share its
 * transactions and its WAL settings. Main thread only, like the library. */
sqlite3 *galley_library_get_db (GalleyLibrary *self);

G_END_DECLS
