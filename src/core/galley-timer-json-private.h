/* galley-timer-json-private.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-timer-json.h"

G_BEGIN_DECLS

/* Readers of one member of a protocol object, shared by the timer, op and
 * stream message parsers so that every field gets the same strict checks
 * and the same errors (GALLEY_PROTOCOL_ERROR_INVALID, naming the field as
 * @prefix followed by @member, e.g. "state.status"). */
typedef enum
{
  GALLEY_JSON_REQUIRED, /* present and not null */
  GALLEY_JSON_NULLABLE, /* present, may be null */
  GALLEY_JSON_OPTIONAL, /* may be absent or null */
} GalleyJsonPresence;

gboolean galley_json_read_string       (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        GalleyJsonPresence   presence,
                                        const char         **value,
                                        GError             **error);
gboolean galley_json_read_int          (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        GalleyJsonPresence   presence,
                                        gint64               min,
                                        gint64               max,
                                        gboolean            *is_null,
                                        gint64              *value,
                                        GError             **error);
gboolean galley_json_read_boolean      (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        gboolean            *value,
                                        GError             **error);
JsonNode *galley_json_read_object      (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        GError             **error);
JsonArray *galley_json_read_array      (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        GError             **error);
gboolean galley_json_read_uuid         (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        GalleyJsonPresence   presence,
                                        const char         **value,
                                        GError             **error);
gboolean galley_json_read_hlc          (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        const char         **value,
                                        GError             **error);
gboolean galley_json_read_timer_id     (JsonObject          *object,
                                        const char          *prefix,
                                        const char          *member,
                                        const char         **value,
                                        GError             **error);

void     galley_json_add_nullable_string (JsonBuilder   *builder,
                                          const char    *member,
                                          const char    *value);

/* The run state, as timers write it at their top level and ops inside
 * "state": status, duration_ms, ends_at (null unless running) and
 * remaining_ms (null unless paused). */
void     galley_timer_state_to_json    (JsonBuilder         *builder,
                                        GalleyTimerStatus    status,
                                        gint64               duration_ms,
                                        gint64               ends_at,
                                        gint64               remaining_ms);
gboolean galley_timer_state_from_json  (JsonObject          *object,
                                        const char          *prefix,
                                        GalleyTimerStatus   *status,
                                        gint64              *duration_ms,
                                        gint64              *ends_at,
                                        gint64              *remaining_ms,
                                        GError             **error);

G_END_DECLS
