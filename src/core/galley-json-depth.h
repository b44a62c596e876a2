/* galley-json-depth.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects accepted from outside. */
#define GALLEY_JSON_MAX_DEPTH 64

/* Where one top-level array or object is, in bytes. */
typedef struct
{
  gsize start;
  gsize end;
} GalleyJsonSpan;

gboolean galley_json_scan        (const char  *json,
                                  gsize        length,
                                  guint        max_depth,
                                  GArray      *values,
                                  gboolean    *stray,
                                  GError     **error);
gboolean galley_json_check_depth (const char  *json,
                                  gsize        length,
                                  guint        max_depth,
                                  GError     **error);

G_END_DECLS
