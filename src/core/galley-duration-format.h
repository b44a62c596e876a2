/* galley-duration-format.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *galley_duration_format_short (gint64 seconds,
                                    gint64 max_seconds);
char *galley_duration_format_long  (gint64 seconds,
                                    gint64 max_seconds);
char *galley_duration_format_countdown (gint64 remaining_ms);

G_END_DECLS
