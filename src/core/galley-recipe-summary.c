/* galley-recipe-summary.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-recipe-summary"

#include "galley-recipe-summary.h"

/* What the recipe list shows for one recipe, read straight from the
 * library's columns so listing thousands of recipes never parses their JSON.
 * Immutable: a changed recipe gets a new summary, so list rows can bind to
 * the properties without ever being notified. */
struct _GalleyRecipeSummary
{
  GObject parent_instance;

  char *id;
  char *title;
  gint64 total_time_s;
  char *tags;
};

G_DEFINE_FINAL_TYPE (GalleyRecipeSummary, galley_recipe_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_TOTAL_TIME_S,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
galley_recipe_summary_finalize (GObject *object)
{
  GalleyRecipeSummary *self = (GalleyRecipeSummary *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->tags, g_free);

  G_OBJECT_CLASS (galley_recipe_summary_parent_class)->finalize (object);
}

static void
galley_recipe_summary_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GalleyRecipeSummary *self = GALLEY_RECIPE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TOTAL_TIME_S:
      g_value_set_int64 (value, self->total_time_s);
      break;
    case PROP_TAGS:
      g_value_set_string (value, self->tags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_recipe_summary_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GalleyRecipeSummary *self = GALLEY_RECIPE_SUMMARY (object);

  /* Construct-only: each is set exactly once, before anyone can see it. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_TOTAL_TIME_S:
      self->total_time_s = g_value_get_int64 (value);
      break;
    case PROP_TAGS:
      self->tags = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_recipe_summary_class_init (GalleyRecipeSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_recipe_summary_finalize;
  object_class->get_property = galley_recipe_summary_get_property;
  object_class->set_property = galley_recipe_summary_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL_TIME_S] =
    g_param_spec_int64 ("total-time-s", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TAGS] =
    g_param_spec_string ("tags", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_recipe_summary_init (GalleyRecipeSummary *self)
{
}

/**
 * galley_recipe_summary_new:
 * @id: the recipe id
 * @title: the recipe title
 * @total_time_s: preparation plus cooking time in seconds, 0 if not known
 * @tags: (nullable): the tags joined with ", " as the list shows them
 *
 * Returns: (transfer full): a new summary
 */
GalleyRecipeSummary *
galley_recipe_summary_new (const char *id,
                           const char *title,
                           gint64      total_time_s,
                           const char *tags)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (total_time_s >= 0, NULL);

  return g_object_new (GALLEY_TYPE_RECIPE_SUMMARY,
                       "id", id,
                       "title", title,
                       "total-time-s", total_time_s,
                       "tags", tags ? tags : "",
                       NULL);
}

const char *
galley_recipe_summary_get_id (GalleyRecipeSummary *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE_SUMMARY (self), NULL);
  return self->id;
}

const char *
galley_recipe_summary_get_title (GalleyRecipeSummary *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE_SUMMARY (self), NULL);
  return self->title;
}

gint64
galley_recipe_summary_get_total_time_s (GalleyRecipeSummary *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE_SUMMARY (self), 0);
  return self->total_time_s;
}

/**
 * galley_recipe_summary_get_tags:
 *
 * Returns: the tags joined with ", ", the empty string when there are none
 */
const char *
galley_recipe_summary_get_tags (GalleyRecipeSummary *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE_SUMMARY (self), NULL);
  return self->tags ? self->tags : "";
}
