/* galley-section.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-section"

#include "galley-section.h"

/* A named group of steps ("Dough", "Filling"). Most recipes have a single
 * section without a name. */
struct _GalleySection
{
  GObject parent_instance;

  char *name;
  GPtrArray *steps;
};

G_DEFINE_FINAL_TYPE (GalleySection, galley_section, G_TYPE_OBJECT)

static void
galley_section_finalize (GObject *object)
{
  GalleySection *self = (GalleySection *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

  G_OBJECT_CLASS (galley_section_parent_class)->finalize (object);
}

static void
galley_section_class_init (GalleySectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = galley_section_finalize;
}

static void
galley_section_init (GalleySection *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * galley_section_new:
 * @name: (nullable): the section's heading, or %NULL for an unnamed one
 */
GalleySection *
galley_section_new (const char *name)
{
  GalleySection *self = g_object_new (GALLEY_TYPE_SECTION, NULL);

  self->name = g_strdup (name);

  return self;
}

const char *
galley_section_get_name (GalleySection *self)
{
  g_return_val_if_fail (GALLEY_IS_SECTION (self), NULL);
  return self->name;
}

/**
 * galley_section_get_steps:
 *
 * Returns: (transfer none) (element-type GalleyStep): the steps in order
 */
GPtrArray *
galley_section_get_steps (GalleySection *self)
{
  g_return_val_if_fail (GALLEY_IS_SECTION (self), NULL);
  return self->steps;
}

void
galley_section_add_step (GalleySection *self,
                         GalleyStep    *step)
{
  g_return_if_fail (GALLEY_IS_SECTION (self));
  g_return_if_fail (GALLEY_IS_STEP (step));

  g_ptr_array_add (self->steps, g_object_ref (step));
}
