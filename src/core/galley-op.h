/* galley-op.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "galley-timer.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_OP (galley_op_get_type ())

G_DECLARE_FINAL_TYPE (GalleyOp, galley_op, GALLEY, OP, GObject)

GalleyOp          *galley_op_new_from_timer   (const char   *op_id,
                                               const char   *action,
                                               GalleyTimer  *timer);
GalleyOp          *galley_op_from_json_node   (JsonNode     *node,
                                               GError      **error);
JsonNode          *galley_op_to_json_node     (GalleyOp     *self);

const char        *galley_op_get_id           (GalleyOp     *self);
const char        *galley_op_get_timer_id     (GalleyOp     *self);
const char        *galley_op_get_action       (GalleyOp     *self);
const char        *galley_op_get_updated      (GalleyOp     *self);
GalleyTimerStatus  galley_op_get_status       (GalleyOp     *self);
gint64             galley_op_get_duration_ms  (GalleyOp     *self);
gint64             galley_op_get_ends_at      (GalleyOp     *self);
gint64             galley_op_get_remaining_ms (GalleyOp     *self);
const char        *galley_op_get_label        (GalleyOp     *self);
const char        *galley_op_get_detail       (GalleyOp     *self);

gboolean           galley_op_action_is_valid  (const char   *action);

/* The merge rule of the sync protocol, on the server and on every client */
gboolean           galley_op_apply            (GalleyOp     *self,
                                               GalleyTimer  *timer,
                                               GalleyTimer **out_timer);

G_END_DECLS
