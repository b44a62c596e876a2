/* galley-ingredient.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-ingredient"

#include "galley-ingredient.h"

/* One line of a recipe's ingredient list. The quantity stays text ("1/2",
 * "2-3", "a pinch") because that is what recipes say; scaling parses it. */
struct _GalleyIngredient
{
  GObject parent_instance;

  char *name;
  char *quantity;
  char *unit;
  char *note;
};

G_DEFINE_FINAL_TYPE (GalleyIngredient, galley_ingredient, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_QUANTITY,
  PROP_UNIT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
galley_ingredient_finalize (GObject *object)
{
  GalleyIngredient *self = (GalleyIngredient *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->quantity, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (galley_ingredient_parent_class)->finalize (object);
}

static void
galley_ingredient_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GalleyIngredient *self = GALLEY_INGREDIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_QUANTITY:
      g_value_set_string (value, self->quantity);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_ingredient_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GalleyIngredient *self = GALLEY_INGREDIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_QUANTITY:
      self->quantity = g_value_dup_string (value);
      break;
    case PROP_UNIT:
      self->unit = g_value_dup_string (value);
      break;
    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_ingredient_class_init (GalleyIngredientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = galley_ingredient_finalize;
  object_class->get_property = galley_ingredient_get_property;
  object_class->set_property = galley_ingredient_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_QUANTITY] =
    g_param_spec_string ("quantity", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
galley_ingredient_init (GalleyIngredient *self)
{
}

/**
 * galley_ingredient_new:
 * @name: what to use, e.g. "carrots"
 * @quantity: (nullable): how much, as written ("4", "1/2", "2-3")
 * @unit: (nullable): the unit of @quantity ("g", "tbsp")
 * @note: (nullable): preparation, e.g. "cut in sticks"
 *
 * Returns: (transfer full): a new ingredient
 */
GalleyIngredient *
galley_ingredient_new (const char *name,
                       const char *quantity,
                       const char *unit,
                       const char *note)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (GALLEY_TYPE_INGREDIENT,
                       "name", name,
                       "quantity", quantity,
                       "unit", unit,
                       "note", note,
                       NULL);
}

const char *
galley_ingredient_get_name (GalleyIngredient *self)
{
  g_return_val_if_fail (GALLEY_IS_INGREDIENT (self), NULL);
  return self->name;
}

const char *
galley_ingredient_get_quantity (GalleyIngredient *self)
{
  g_return_val_if_fail (GALLEY_IS_INGREDIENT (self), NULL);
  return self->quantity;
}

const char *
galley_ingredient_get_unit (GalleyIngredient *self)
{
  g_return_val_if_fail (GALLEY_IS_INGREDIENT (self), NULL);
  return self->unit;
}

const char *
galley_ingredient_get_note (GalleyIngredient *self)
{
  g_return_val_if_fail (GALLEY_IS_INGREDIENT (self), NULL);
  return self->note;
}
