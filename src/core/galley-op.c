/* galley-op.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-op"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "galley-error.h"
#include "galley-op.h"
#include "galley-timer-json-private.h"

/* An op is one change to a timer, sent by the device that made it. It
 * carries the whole run state after the change rather than the change
 * itself ("pause" alone would mean something different on a device that
 * has not seen the last "+1 minute"), so applying it is a last-writer-wins
 * register keyed by its HLC stamp: ops applied in any order, any number of
 * times, leave every device with the state of the newest one. The label
 * and detail travel with the state and are part of the same register, so
 * a kitchen timer started on one device has its words on the others.
 *
 * The action says what the user did; the state is what counts. An op is
 * immutable once made, so the server, the outbox and the stream can share
 * it. */
struct _GalleyOp
{
  GObject parent_instance;

  char *id;
  char *timer_id;
  const char *action; /* one of actions[] */
  char *updated;

  GalleyTimerStatus status;
  gint64 duration_ms;
  gint64 ends_at;
  gint64 remaining_ms;

  char *label;
  char *detail;
};

G_DEFINE_FINAL_TYPE (GalleyOp, galley_op, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TIMER_ID,
  PROP_ACTION,
  PROP_UPDATED,
  PROP_STATUS,
  PROP_DURATION_MS,
  PROP_ENDS_AT,
  PROP_REMAINING_MS,
  PROP_LABEL,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each action and the statuses it can leave a timer in: "add" gives a
 * running or a paused timer more time; the others have one outcome. */
static const struct
{
  const char *name;
  gboolean leaves[3];
} actions[] = {
  /*                   idle   running paused */
  { "start",         { FALSE, TRUE,   FALSE } },
  { "pause",         { FALSE, FALSE,  TRUE  } },
  { "resume",        { FALSE, TRUE,   FALSE } },
  { "reset",         { TRUE,  FALSE,  FALSE } },
  { "add",           { FALSE, TRUE,   TRUE  } },
  { "dismiss",       { TRUE,  FALSE,  FALSE } },
};

G_STATIC_ASSERT (GALLEY_TIMER_STATUS_IDLE == 0);
G_STATIC_ASSERT (GALLEY_TIMER_STATUS_RUNNING == 1);
G_STATIC_ASSERT (GALLEY_TIMER_STATUS_PAUSED == 2);

/* Returns the action's entry in actions[], or -1. */
static int
find_action (const char *action)
{
  if (action == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (strcmp (action, actions[i].name) == 0)
        return i;
    }

  return -1;
}

static gboolean
action_leaves (int               action,
               GalleyTimerStatus status)
{
  return action >= 0 && (guint)status < G_N_ELEMENTS (actions[action].leaves) &&
         actions[action].leaves[status];
}

static void
galley_op_finalize (GObject *object)
{
  GalleyOp *self = (GalleyOp *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->timer_id, g_free);
  g_clear_pointer (&self->updated, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (galley_op_parent_class)->finalize (object);
}

static void
galley_op_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GalleyOp *self = GALLEY_OP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TIMER_ID:
      g_value_set_string (value, self->timer_id);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DURATION_MS:
      g_value_set_int64 (value, self->duration_ms);
      break;
    case PROP_ENDS_AT:
      g_value_set_int64 (value, self->ends_at);
      break;
    case PROP_REMAINING_MS:
      g_value_set_int64 (value, self->remaining_ms);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_op_class_init (GalleyOpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_op_finalize;
  object_class->get_property = galley_op_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMER_ID] =
    g_param_spec_string ("timer-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       GALLEY_TYPE_TIMER_STATUS, GALLEY_TIMER_STATUS_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DURATION_MS] =
    g_param_spec_int64 ("duration-ms", NULL, NULL, 0, GALLEY_TIMER_MAX_DURATION_MS, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENDS_AT] =
    g_param_spec_int64 ("ends-at", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REMAINING_MS] =
    g_param_spec_int64 ("remaining-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_op_init (GalleyOp *self)
{
  self->status = GALLEY_TIMER_STATUS_IDLE;
}

/**
 * galley_op_action_is_valid:
 * @action: (nullable): an action name
 *
 * Returns: whether @action is one of "start", "pause", "resume", "reset",
 *   "add" and "dismiss"
 */
gboolean
galley_op_action_is_valid (const char *action)
{
  return find_action (action) >= 0;
}

/* Both ways of making an op end here, with arguments already checked. */
static GalleyOp *
op_new (const char        *id,
        const char        *timer_id,
        int                action_index,
        const char        *updated,
        GalleyTimerStatus  status,
        gint64             duration_ms,
        gint64             ends_at,
        gint64             remaining_ms,
        const char        *label,
        const char        *detail)
{
  GalleyOp *self = g_object_new (GALLEY_TYPE_OP, NULL);

  self->id = g_strdup (id);
  self->timer_id = g_strdup (timer_id);
  self->action = actions[action_index].name;
  self->updated = g_strdup (updated);
  self->status = status;
  self->duration_ms = duration_ms;
  self->ends_at = ends_at;
  self->remaining_ms = remaining_ms;
  self->label = g_strdup (label);
  self->detail = g_strdup (detail);

  return self;
}

/**
 * galley_op_new_from_timer:
 * @op_id: a new UUID for the op, which makes it idempotent
 * @action: what was done, one of "start", "pause", "resume", "reset",
 *   "add" and "dismiss"
 * @timer: the timer, after the action changed it and stamped it
 *
 * Makes the op that tells the other devices about a change made here: it
 * copies the timer's whole state, stamp, label and detail.
 *
 * Returns: (transfer full): the op
 */
GalleyOp *
galley_op_new_from_timer (const char  *op_id,
                          const char  *action,
                          GalleyTimer *timer)
{
  int index;

  g_return_val_if_fail (op_id != NULL && g_uuid_string_is_valid (op_id), NULL);
  g_return_val_if_fail (GALLEY_IS_TIMER (timer), NULL);
  g_return_val_if_fail (galley_timer_id_is_valid (galley_timer_get_id (timer)), NULL);
  g_return_val_if_fail (galley_timer_get_updated (timer) != NULL, NULL);

  index = find_action (action);
  g_return_val_if_fail (index >= 0, NULL);
  g_return_val_if_fail (action_leaves (index, galley_timer_get_status (timer)), NULL);

  return op_new (op_id, galley_timer_get_id (timer), index,
                 galley_timer_get_updated (timer),
                 galley_timer_get_status (timer),
                 galley_timer_get_duration_ms (timer),
                 galley_timer_get_ends_at (timer),
                 galley_timer_get_remaining_ms (timer),
                 galley_timer_get_label (timer),
                 galley_timer_get_detail (timer));
}

/**
 * galley_op_from_json_node:
 * @node: an op object: `{"op", "timer", "action", "updated", "state":
 *   {"status", "duration_ms", "ends_at", "remaining_ms"}, "label",
 *   "detail"}`
 *
 * Strict: "op" must be a UUID, "timer" a timer id, "action" one of the
 * actions, "updated" a valid HLC stamp and "state" consistent for its
 * status and for the action (a "pause" leaves a timer paused). "label" and
 * "detail" may be absent or null. Other members, such as the stream's
 * "type", are ignored.
 *
 * Returns: (transfer full) (nullable): the op, or %NULL with @error set
 *   (%GALLEY_PROTOCOL_ERROR_INVALID, naming the field)
 */
GalleyOp *
galley_op_from_json_node (JsonNode  *node,
                          GError   **error)
{
  const char *id, *timer_id, *action, *updated, *label, *detail;
  GalleyTimerStatus status;
  gint64 duration_ms, ends_at, remaining_ms;
  JsonObject *object;
  JsonNode *state;
  int index;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("An op should be an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!galley_json_read_uuid (object, NULL, "op", GALLEY_JSON_REQUIRED, &id, error) ||
      !galley_json_read_timer_id (object, NULL, "timer", &timer_id, error) ||
      !galley_json_read_string (object, NULL, "action", GALLEY_JSON_REQUIRED, &action, error))
    return NULL;

  index = find_action (action);
  if (index < 0)
    {
      g_set_error_literal (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                           _("“action” should be “start”, “pause”, “resume”, “reset”, “add” or “dismiss”"));
      return NULL;
    }

  if (!galley_json_read_hlc (object, NULL, "updated", &updated, error) ||
      !(state = galley_json_read_object (object, NULL, "state", error)) ||
      !galley_timer_state_from_json (json_node_get_object (state), "state.",
                                     &status, &duration_ms, &ends_at, &remaining_ms, error) ||
      !galley_json_read_string (object, NULL, "label", GALLEY_JSON_OPTIONAL, &label, error) ||
      !galley_json_read_string (object, NULL, "detail", GALLEY_JSON_OPTIONAL, &detail, error))
    return NULL;

  if (!action_leaves (index, status))
    {
      g_set_error (error, GALLEY_PROTOCOL_ERROR, GALLEY_PROTOCOL_ERROR_INVALID,
                   /* Translators: the first %s is an action, e.g. “pause”,
                    * the second a timer status, e.g. “running” */
                   _("A “%s” op cannot leave the timer “%s”"),
                   actions[index].name, galley_timer_status_to_string (status));
      return NULL;
    }

  return op_new (id, timer_id, index, updated, status,
                 duration_ms, ends_at, remaining_ms, label, detail);
}

/**
 * galley_op_to_json_node:
 *
 * Returns: (transfer full): the op as galley_op_from_json_node() reads it,
 *   "label" and "detail" written as null when unset
 */
JsonNode *
galley_op_to_json_node (GalleyOp *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (GALLEY_IS_OP (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "timer");
  json_builder_add_string_value (builder, self->timer_id);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, self->action);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, self->updated);

  json_builder_set_member_name (builder, "state");
  json_builder_begin_object (builder);
  galley_timer_state_to_json (builder, self->status, self->duration_ms,
                              self->ends_at, self->remaining_ms);
  json_builder_end_object (builder);

  galley_json_add_nullable_string (builder, "label", self->label);
  galley_json_add_nullable_string (builder, "detail", self->detail);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * galley_op_get_id:
 *
 * Returns: the op's own id, a UUID: applying or storing an op twice is
 *   recognised by it
 */
const char *
galley_op_get_id (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), NULL);

  return self->id;
}

const char *
galley_op_get_timer_id (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), NULL);

  return self->timer_id;
}

const char *
galley_op_get_action (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), NULL);

  return self->action;
}

/**
 * galley_op_get_updated:
 *
 * Returns: the HLC stamp of the state the op carries
 */
const char *
galley_op_get_updated (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), NULL);

  return self->updated;
}

GalleyTimerStatus
galley_op_get_status (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), GALLEY_TIMER_STATUS_IDLE);

  return self->status;
}

gint64
galley_op_get_duration_ms (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), 0);

  return self->duration_ms;
}

/**
 * galley_op_get_ends_at:
 *
 * Returns: the deadline in server-clock Unix ms if the op leaves the timer
 *   running, else 0
 */
gint64
galley_op_get_ends_at (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), 0);

  return self->ends_at;
}

/**
 * galley_op_get_remaining_ms:
 *
 * Returns: what is left if the op leaves the timer paused, else 0
 */
gint64
galley_op_get_remaining_ms (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), 0);

  return self->remaining_ms;
}

const char *
galley_op_get_label (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), NULL);

  return self->label;
}

const char *
galley_op_get_detail (GalleyOp *self)
{
  g_return_val_if_fail (GALLEY_IS_OP (self), NULL);

  return self->detail;
}

/**
 * galley_op_apply:
 * @timer: (nullable): the op's timer as this side knows it, or %NULL if it
 *   knows no timer with that id
 * @out_timer: (out) (optional) (transfer full): @timer, or the timer
 *   created for an unknown id, whether or not the op was applied
 *
 * The merge rule of the sync protocol: the op's state, label and detail
 * replace the timer's if the op's stamp is newer than the timer's (last
 * writer wins, through galley_timer_apply_state()); an older op, an op
 * with the same stamp and the same op applied again change nothing. So
 * every device that has seen the same ops, in whatever order, holds the
 * same timer.
 *
 * Returns: whether the op was applied (it was newer)
 */
gboolean
galley_op_apply (GalleyOp     *self,
                 GalleyTimer  *timer,
                 GalleyTimer **out_timer)
{
  g_autoptr(GalleyTimer) target = NULL;
  gboolean applied;

  g_return_val_if_fail (GALLEY_IS_OP (self), FALSE);
  g_return_val_if_fail (timer == NULL || GALLEY_IS_TIMER (timer), FALSE);
  g_return_val_if_fail (timer == NULL ||
                        g_strcmp0 (galley_timer_get_id (timer), self->timer_id) == 0, FALSE);
  g_return_val_if_fail (out_timer == NULL || *out_timer == NULL, FALSE);

  if (timer != NULL)
    target = g_object_ref (timer);
  else
    target = galley_timer_new (self->timer_id, self->duration_ms);

  /* The words change with the state, and a handler of "notify" sees
   * both. */
  g_object_freeze_notify (G_OBJECT (target));

  applied = galley_timer_apply_state (target, self->status, self->duration_ms,
                                      self->ends_at, self->remaining_ms, self->updated);
  if (applied)
    {
      galley_timer_set_label (target, self->label);
      galley_timer_set_detail (target, self->detail);
    }

  g_object_thaw_notify (G_OBJECT (target));

  if (out_timer != NULL)
    *out_timer = g_steal_pointer (&target);

  return applied;
}
