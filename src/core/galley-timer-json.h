/* galley-timer-json.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "galley-timer.h"

G_BEGIN_DECLS

/* The longest timer the protocol carries, as galley_timer_new() has it. */
#define GALLEY_TIMER_MAX_DURATION_MS (G_GINT64_CONSTANT (7) * 24 * 60 * 60 * 1000)

/* The latest time the protocol carries: 15 digits of Unix ms, as in an
 * HLC stamp (the year 33658). */
#define GALLEY_TIMER_MAX_TIME_MS G_GINT64_CONSTANT (999999999999999)

gboolean     galley_timer_id_is_valid    (const char   *id);
JsonNode    *galley_timer_to_json_node   (GalleyTimer  *timer);
GalleyTimer *galley_timer_from_json_node (JsonNode     *node,
                                          GError      **error);

G_END_DECLS
