/* galley-recipe.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-recipe"

#include "galley-recipe.h"

/* The one recipe model shared by the app, the sync client and the server.
 * Serialised as recipe JSON v1 by galley-recipe-json.c. Times are seconds,
 * 0 meaning "not given"; servings 0 means "not given" too. */
struct _GalleyRecipe
{
  GObject parent_instance;

  char *id;
  char *title;
  guint servings;
  char *source_url;
  char **tags;
  gint64 prep_time_s;
  gint64 cook_time_s;
  char *image;
  char *updated;
  gint64 rev;

  GPtrArray *ingredients;
  GPtrArray *sections;
};

G_DEFINE_FINAL_TYPE (GalleyRecipe, galley_recipe, G_TYPE_OBJECT)

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SERVINGS,
  PROP_SOURCE_URL,
  PROP_TAGS,
  PROP_PREP_TIME_S,
  PROP_COOK_TIME_S,
  PROP_IMAGE,
  PROP_UPDATED,
  PROP_REV,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
galley_recipe_finalize (GObject *object)
{
  GalleyRecipe *self = (GalleyRecipe *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->image, g_free);
  g_clear_pointer (&self->updated, g_free);
  g_clear_pointer (&self->ingredients, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (galley_recipe_parent_class)->finalize (object);
}

static void
galley_recipe_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GalleyRecipe *self = GALLEY_RECIPE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SERVINGS:
      g_value_set_uint (value, self->servings);
      break;
    case PROP_SOURCE_URL:
      g_value_set_string (value, self->source_url);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_PREP_TIME_S:
      g_value_set_int64 (value, self->prep_time_s);
      break;
    case PROP_COOK_TIME_S:
      g_value_set_int64 (value, self->cook_time_s);
      break;
    case PROP_IMAGE:
      g_value_set_string (value, self->image);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    case PROP_REV:
      g_value_set_int64 (value, self->rev);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_recipe_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GalleyRecipe *self = GALLEY_RECIPE (object);

  switch (prop_id)
    {
    case PROP_ID:
      galley_recipe_set_id (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      galley_recipe_set_title (self, g_value_get_string (value));
      break;
    case PROP_SERVINGS:
      galley_recipe_set_servings (self, g_value_get_uint (value));
      break;
    case PROP_SOURCE_URL:
      galley_recipe_set_source_url (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      galley_recipe_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_PREP_TIME_S:
      galley_recipe_set_prep_time_s (self, g_value_get_int64 (value));
      break;
    case PROP_COOK_TIME_S:
      galley_recipe_set_cook_time_s (self, g_value_get_int64 (value));
      break;
    case PROP_IMAGE:
      galley_recipe_set_image (self, g_value_get_string (value));
      break;
    case PROP_UPDATED:
      galley_recipe_set_updated (self, g_value_get_string (value));
      break;
    case PROP_REV:
      galley_recipe_set_rev (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_recipe_class_init (GalleyRecipeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_recipe_finalize;
  object_class->get_property = galley_recipe_get_property;
  object_class->set_property = galley_recipe_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SERVINGS] =
    g_param_spec_uint ("servings", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE_URL] =
    g_param_spec_string ("source-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PREP_TIME_S] =
    g_param_spec_int64 ("prep-time-s", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COOK_TIME_S] =
    g_param_spec_int64 ("cook-time-s", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMAGE] =
    g_param_spec_string ("image", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REV] =
    g_param_spec_int64 ("rev", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_recipe_init (GalleyRecipe *self)
{
  self->tags = g_new0 (char *, 1);
  self->ingredients = g_ptr_array_new_with_free_func (g_object_unref);
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
}

GalleyRecipe *
galley_recipe_new (void)
{
  return g_object_new (GALLEY_TYPE_RECIPE, NULL);
}

const char *
galley_recipe_get_id (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return self->id;
}

void
galley_recipe_set_id (GalleyRecipe *self,
                      const char   *id)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
galley_recipe_get_title (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return self->title;
}

void
galley_recipe_set_title (GalleyRecipe *self,
                         const char   *title)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

guint
galley_recipe_get_servings (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), 0);
  return self->servings;
}

void
galley_recipe_set_servings (GalleyRecipe *self,
                            guint        servings)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (self->servings != servings)
    {
      self->servings = servings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVINGS]);
    }
}

const char *
galley_recipe_get_source_url (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return self->source_url;
}

void
galley_recipe_set_source_url (GalleyRecipe *self,
                              const char   *source_url)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (set_string (&self->source_url, source_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_URL]);
}

gint64
galley_recipe_get_prep_time_s (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), 0);
  return self->prep_time_s;
}

void
galley_recipe_set_prep_time_s (GalleyRecipe *self,
                               gint64       prep_time_s)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (self->prep_time_s != prep_time_s)
    {
      self->prep_time_s = prep_time_s;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREP_TIME_S]);
    }
}

gint64
galley_recipe_get_cook_time_s (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), 0);
  return self->cook_time_s;
}

void
galley_recipe_set_cook_time_s (GalleyRecipe *self,
                               gint64       cook_time_s)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (self->cook_time_s != cook_time_s)
    {
      self->cook_time_s = cook_time_s;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COOK_TIME_S]);
    }
}

const char *
galley_recipe_get_image (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return self->image;
}

void
galley_recipe_set_image (GalleyRecipe *self,
                         const char   *image)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (set_string (&self->image, image))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

const char *
galley_recipe_get_updated (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return self->updated;
}

void
galley_recipe_set_updated (GalleyRecipe *self,
                           const char   *updated)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (set_string (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

gint64
galley_recipe_get_rev (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), 0);
  return self->rev;
}

void
galley_recipe_set_rev (GalleyRecipe *self,
                       gint64       rev)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (self->rev != rev)
    {
      self->rev = rev;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REV]);
    }
}

/**
 * galley_recipe_get_tags:
 *
 * Returns: (transfer none): the tags, never %NULL
 */
const char * const *
galley_recipe_get_tags (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return (const char * const *)self->tags;
}

void
galley_recipe_set_tags (GalleyRecipe       *self,
                        const char * const *tags)
{
  static const char * const no_tags[] = { NULL };

  g_return_if_fail (GALLEY_IS_RECIPE (self));

  if (tags == NULL)
    tags = no_tags;

  if (g_strv_equal ((const char * const *)self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **)tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * galley_recipe_add_tag:
 *
 * Adds @tag unless the recipe has it already (compared case-insensitively).
 */
void
galley_recipe_add_tag (GalleyRecipe *self,
                       const char   *tag)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) tags = NULL;

  g_return_if_fail (GALLEY_IS_RECIPE (self));
  g_return_if_fail (tag != NULL);

  for (guint i = 0; self->tags[i]; i++)
    if (g_ascii_strcasecmp (self->tags[i], tag) == 0)
      return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **)self->tags);
  g_strv_builder_add (builder, tag);
  tags = g_strv_builder_end (builder);
  galley_recipe_set_tags (self, (const char * const *)tags);
}

/**
 * galley_recipe_get_ingredients:
 *
 * Returns: (transfer none) (element-type GalleyIngredient): the ingredients
 */
GPtrArray *
galley_recipe_get_ingredients (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return self->ingredients;
}

void
galley_recipe_add_ingredient (GalleyRecipe     *self,
                              GalleyIngredient *ingredient)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));
  g_return_if_fail (GALLEY_IS_INGREDIENT (ingredient));

  g_ptr_array_add (self->ingredients, g_object_ref (ingredient));
}

/**
 * galley_recipe_get_sections:
 *
 * Returns: (transfer none) (element-type GalleySection): the sections in order
 */
GPtrArray *
galley_recipe_get_sections (GalleyRecipe *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE (self), NULL);
  return self->sections;
}

void
galley_recipe_add_section (GalleyRecipe  *self,
                           GalleySection *section)
{
  g_return_if_fail (GALLEY_IS_RECIPE (self));
  g_return_if_fail (GALLEY_IS_SECTION (section));

  g_ptr_array_add (self->sections, g_object_ref (section));
}

guint
galley_recipe_count_steps (GalleyRecipe *self)
{
  guint n = 0;

  g_return_val_if_fail (GALLEY_IS_RECIPE (self), 0);

  for (guint i = 0; i < self->sections->len; i++)
    n += galley_section_get_steps (g_ptr_array_index (self->sections, i))->len;

  return n;
}
