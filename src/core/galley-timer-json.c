/* galley-timer-json.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timer-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "galley-error.h"
#include "galley-hlc.h"
#include "galley-timer-json-private.h"

/* Timers as the sync protocol carries them. Unlike recipe JSON, whose
 * reader is lenient about absence so that old and new Galleys share a
 * library, these objects come from other devices through a server and are
 * applied to the run state of a countdown someone is cooking by: every
 * field must be there with its type, and the state must make sense for its
 * status. Unknown members are ignored, so a newer writer can add some. */

#define KITCHEN_PREFIX "kitchen/"

static char *
field_name (const char *prefix,
            const char *member)
{
  return g_strconcat (prefix ? prefix : "", member, NULL);
}

static gboolean
set_field_error (GError     **error,
                 const char  *prefix,
                 const char  *member,
                 const char  *expected)
{
  g_autofree char *field = field_name (prefix, member);

  g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
               /* Translators: the first %s is a JSON field, e.g. “state.status”,
                * the second what it should be, e.g. “a whole number” */
               _("“%s” should be %s"), field, expected);
  return FALSE;
}

static gboolean
set_missing_error (GError     **error,
                   const char  *prefix,
                   const char  *member)
{
  g_autofree char *field = field_name (prefix, member);

  g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
               /* Translators: %s is a JSON field, e.g. “duration_ms” */
               _("“%s” is missing"), field);
  return FALSE;
}

static gboolean
set_range_error (GError     **error,
                 const char  *prefix,
                 const char  *member,
                 gint64       min,
                 gint64       max)
{
  g_autofree char *field = field_name (prefix, member);
  g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

  g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
               /* Translators: %s is a JSON field, e.g. “duration_ms”, then two numbers */
               _("“%s” should be a whole number from %s to %s"),
               field, min_text, max_text);
  return FALSE;
}

/* Looks a member up and checks its presence; *node is NULL for an allowed
 * absent or null member. */
static gboolean
get_member (JsonObject          *object,
            const char          *prefix,
            const char          *member,
            GalleyJsonPresence   presence,
            const char          *expected,
            JsonNode           **node,
            GError             **error)
{
  JsonNode *found = json_object_get_member (object, member);

  *node = NULL;

  if (found == NULL)
    {
      if (presence == GALLEY_JSON_OPTIONAL)
        return TRUE;
      return set_missing_error (error, prefix, member);
    }

  if (JSON_NODE_HOLDS_NULL (found))
    {
      if (presence != GALLEY_JSON_REQUIRED)
        return TRUE;
      return set_field_error (error, prefix, member, expected);
    }

  *node = found;
  return TRUE;
}

gboolean
galley_json_read_string (JsonObject          *object,
                         const char          *prefix,
                         const char          *member,
                         GalleyJsonPresence   presence,
                         const char         **value,
                         GError             **error)
{
  const char *expected = presence == GALLEY_JSON_REQUIRED ? _("a string") : _("a string or null");
  JsonNode *node;

  *value = NULL;

  if (!get_member (object, prefix, member, presence, expected, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  /* json-glib refuses broken surrogates, but everything read here may end
   * up in a label on screen, so it is checked rather than trusted. */
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_utf8_validate (json_node_get_string (node), -1, NULL))
    return set_field_error (error, prefix, member, expected);

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
galley_json_read_int (JsonObject          *object,
                      const char          *prefix,
                      const char          *member,
                      GalleyJsonPresence   presence,
                      gint64               min,
                      gint64               max,
                      gboolean            *is_null,
                      gint64              *value,
                      GError             **error)
{
  const char *expected = presence == GALLEY_JSON_REQUIRED ? _("a whole number") : _("a whole number or null");
  JsonNode *node;
  gint64 v;

  *value = 0;
  if (is_null != NULL)
    *is_null = TRUE;

  if (!get_member (object, prefix, member, presence, expected, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  /* 1.0 is a double to json-glib: a count of milliseconds is written
   * without a fraction, and anything else is a confused writer. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return set_field_error (error, prefix, member, expected);

  v = json_node_get_int (node);
  if (v < min || v > max)
    return set_range_error (error, prefix, member, min, max);

  *value = v;
  if (is_null != NULL)
    *is_null = FALSE;
  return TRUE;
}

gboolean
galley_json_read_boolean (JsonObject  *object,
                          const char  *prefix,
                          const char  *member,
                          gboolean    *value,
                          GError     **error)
{
  const char *expected = _("true or false");
  JsonNode *node;

  *value = FALSE;

  if (!get_member (object, prefix, member, GALLEY_JSON_REQUIRED, expected, &node, error))
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return set_field_error (error, prefix, member, expected);

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* A required member that must be a JSON object or array: the two differ
 * only in the node type and in how the type is named to the user. */
static JsonNode *
read_container (JsonObject    *object,
                const char    *prefix,
                const char    *member,
                JsonNodeType   type,
                const char    *expected,
                GError       **error)
{
  JsonNode *node;

  if (!get_member (object, prefix, member, GALLEY_JSON_REQUIRED, expected, &node, error))
    return NULL;

  if (JSON_NODE_TYPE (node) != type)
    {
      set_field_error (error, prefix, member, expected);
      return NULL;
    }

  return node;
}

JsonNode *
galley_json_read_object (JsonObject  *object,
                         const char  *prefix,
                         const char  *member,
                         GError     **error)
{
  return read_container (object, prefix, member, JSON_NODE_OBJECT, _("an object"), error);
}

JsonArray *
galley_json_read_array (JsonObject  *object,
                        const char  *prefix,
                        const char  *member,
                        GError     **error)
{
  JsonNode *node = read_container (object, prefix, member, JSON_NODE_ARRAY, _("a list"), error);

  return node != NULL ? json_node_get_array (node) : NULL;
}

gboolean
galley_json_read_uuid (JsonObject          *object,
                       const char          *prefix,
                       const char          *member,
                       GalleyJsonPresence   presence,
                       const char         **value,
                       GError             **error)
{
  if (!galley_json_read_string (object, prefix, member, presence, value, error))
    return FALSE;

  if (*value != NULL && !g_uuid_string_is_valid (*value))
    {
      *value = NULL;
      return set_field_error (error, prefix, member, _("a UUID"));
    }

  return TRUE;
}

gboolean
galley_json_read_hlc (JsonObject  *object,
                      const char  *prefix,
                      const char  *member,
                      const char **value,
                      GError     **error)
{
  if (!galley_json_read_string (object, prefix, member, GALLEY_JSON_REQUIRED, value, error))
    return FALSE;

  if (!galley_hlc_parse (*value, NULL, NULL, NULL))
    {
      *value = NULL;
      return set_field_error (error, prefix, member,
                              _("a change stamp, “<15 digits>-<4 hex digits>-<device id>”"));
    }

  return TRUE;
}

gboolean
galley_json_read_timer_id (JsonObject  *object,
                           const char  *prefix,
                           const char  *member,
                           const char **value,
                           GError     **error)
{
  if (!galley_json_read_string (object, prefix, member, GALLEY_JSON_REQUIRED, value, error))
    return FALSE;

  if (!galley_timer_id_is_valid (*value))
    {
      *value = NULL;
      return set_field_error (error, prefix, member,
                              _("a timer id, “<recipe id>/<section>.<step>.<n>” or “kitchen/<uuid>”"));
    }

  return TRUE;
}

/**
 * galley_timer_id_is_valid:
 * @id: (nullable): a timer id from outside
 *
 * Returns: whether @id is a step timer's id (see
 *   galley_timer_id_parse_step()) or a kitchen timer's, `kitchen/<uuid>`
 */
gboolean
galley_timer_id_is_valid (const char *id)
{
  if (id == NULL)
    return FALSE;

  if (g_str_has_prefix (id, KITCHEN_PREFIX))
    return g_uuid_string_is_valid (id + strlen (KITCHEN_PREFIX));

  return galley_timer_id_parse_step (id, NULL, NULL, NULL, NULL);
}

void
galley_json_add_nullable_string (JsonBuilder *builder,
                                 const char  *member,
                                 const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
galley_timer_state_to_json (JsonBuilder       *builder,
                            GalleyTimerStatus  status,
                            gint64             duration_ms,
                            gint64             ends_at,
                            gint64             remaining_ms)
{
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, galley_timer_status_to_string (status));
  json_builder_set_member_name (builder, "duration_ms");
  json_builder_add_int_value (builder, duration_ms);

  json_builder_set_member_name (builder, "ends_at");
  if (status == GALLEY_TIMER_STATUS_RUNNING)
    json_builder_add_int_value (builder, ends_at);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "remaining_ms");
  if (status == GALLEY_TIMER_STATUS_PAUSED)
    json_builder_add_int_value (builder, remaining_ms);
  else
    json_builder_add_null_value (builder);
}

/* A deadline or a time left belongs to one status only: a value where the
 * status has none means the writer's idea of the state differs from ours,
 * so the whole state is refused rather than half applied. */
static gboolean
read_state_time (JsonObject  *object,
                 const char  *prefix,
                 const char  *member,
                 gboolean     wanted,
                 const char  *while_status,
                 gint64      *value,
                 GError     **error)
{
  g_autofree char *field = field_name (prefix, member);
  gboolean is_null;

  if (!galley_json_read_int (object, prefix, member, GALLEY_JSON_NULLABLE,
                             G_MININT64, G_MAXINT64, &is_null, value, error))
    return FALSE;

  if (!wanted && !is_null)
    {
      *value = 0;
      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                   /* Translators: the first %s is a JSON field, e.g. “ends_at”,
                    * the second a timer status, “running” or “paused” */
                   _("“%s” should be null unless the timer is “%s”"),
                   field, while_status);
      return FALSE;
    }

  if (wanted && (is_null || *value <= 0))
    {
      *value = 0;
      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                   /* Translators: the first %s is a JSON field, e.g. “ends_at”,
                    * the second a timer status, “running” or “paused” */
                   _("“%s” should be more than 0 while the timer is “%s”"),
                   field, while_status);
      return FALSE;
    }

  if (wanted && *value > GALLEY_TIMER_MAX_TIME_MS)
    {
      *value = 0;
      return set_range_error (error, prefix, member, 1, GALLEY_TIMER_MAX_TIME_MS);
    }

  return TRUE;
}

gboolean
galley_timer_state_from_json (JsonObject         *object,
                              const char         *prefix,
                              GalleyTimerStatus  *status,
                              gint64             *duration_ms,
                              gint64             *ends_at,
                              gint64             *remaining_ms,
                              GError            **error)
{
  const char *status_text;

  *status = GALLEY_TIMER_STATUS_IDLE;
  *duration_ms = *ends_at = *remaining_ms = 0;

  if (!galley_json_read_string (object, prefix, "status", GALLEY_JSON_REQUIRED, &status_text, error))
    return FALSE;

  if (!galley_timer_status_from_string (status_text, status))
    return set_field_error (error, prefix, "status", _("“idle”, “running” or “paused”"));

  return galley_json_read_int (object, prefix, "duration_ms", GALLEY_JSON_REQUIRED,
                               1, GALLEY_TIMER_MAX_DURATION_MS, NULL, duration_ms, error) &&
         read_state_time (object, prefix, "ends_at",
                          *status == GALLEY_TIMER_STATUS_RUNNING, "running",
                          ends_at, error) &&
         read_state_time (object, prefix, "remaining_ms",
                          *status == GALLEY_TIMER_STATUS_PAUSED, "paused",
                          remaining_ms, error);
}

/**
 * galley_timer_to_json_node:
 * @timer: a timer that has been changed at least once (its updated stamp
 *   is set), as every timer the protocol carries has
 *
 * Returns: (transfer full): @timer as the protocol's timer object:
 *   `{"id", "label", "detail", "status", "duration_ms", "ends_at",
 *   "remaining_ms", "updated"}`
 */
JsonNode *
galley_timer_to_json_node (GalleyTimer *timer)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (GALLEY_IS_TIMER (timer), NULL);
  g_return_val_if_fail (galley_timer_get_updated (timer) != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, galley_timer_get_id (timer));
  galley_json_add_nullable_string (builder, "label", galley_timer_get_label (timer));
  galley_json_add_nullable_string (builder, "detail", galley_timer_get_detail (timer));
  galley_timer_state_to_json (builder,
                              galley_timer_get_status (timer),
                              galley_timer_get_duration_ms (timer),
                              galley_timer_get_ends_at (timer),
                              galley_timer_get_remaining_ms (timer));
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, galley_timer_get_updated (timer));

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * galley_timer_from_json_node:
 * @node: a timer object, as galley_timer_to_json_node() writes it
 *
 * Strict: every field must be present with its type ("label" and "detail"
 * may be null), the id a step or kitchen timer id, the state consistent
 * for its status and "updated" a valid HLC stamp.
 *
 * Returns: (transfer full) (nullable): the timer, or %NULL with @error set
 *   (%GALLEY_PROTOCOL_ERROR_INVALID, naming the field)
 */
GalleyTimer *
galley_timer_from_json_node (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(GalleyTimer) timer = NULL;
  const char *id, *label, *detail, *updated;
  GalleyTimerStatus status;
  gint64 duration_ms, ends_at, remaining_ms;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("A timer should be an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!galley_json_read_timer_id (object, NULL, "id", &id, error) ||
      !galley_json_read_string (object, NULL, "label", GALLEY_JSON_NULLABLE, &label, error) ||
      !galley_json_read_string (object, NULL, "detail", GALLEY_JSON_NULLABLE, &detail, error) ||
      !galley_timer_state_from_json (object, NULL, &status, &duration_ms, &ends_at, &remaining_ms, error) ||
      !galley_json_read_hlc (object, NULL, "updated", &updated, error))
    return NULL;

  timer = galley_timer_new (id, duration_ms);
  galley_timer_set_label (timer, label);
  galley_timer_set_detail (timer, detail);

  /* Everything apply_state checks was checked above, with errors that
   * name the field, so this refusal is only a safety net should the two
   * ever disagree: input must not reach the model unchecked. */
  if (!galley_timer_apply_state (timer, status, duration_ms, ends_at, remaining_ms, updated))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("The timer's state is not consistent"));
      return NULL;
    }

  return g_steal_pointer (&timer);
}
