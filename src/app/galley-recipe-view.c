/* galley-recipe-view.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-recipe-view"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-duration-format.h"
#include "galley-quantity.h"
#include "galley-recipe-view.h"
#include "galley-step-row.h"

/* One recipe, top to bottom as a cook reads it: what it is and how long it
 * takes, the ingredients (scaled to the servings chosen), then the steps. */
struct _GalleyRecipeView
{
  AdwBin parent_instance;

  GtkLabel *title_label;
  GtkLabel *times_label;
  GtkLabel *tags_label;
  AdwPreferencesGroup *ingredients_group;
  GtkWidget *servings_box;
  GtkSpinButton *servings_spin;
  GtkBox *steps_box;
  GtkLinkButton *source_button;

  GalleyDisplayTick *tick;
  GalleyRecipe *recipe;
  GPtrArray *ingredient_rows;
};

G_DEFINE_FINAL_TYPE (GalleyRecipeView, galley_recipe_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECIPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_amount (GalleyIngredient *ingredient,
               double            factor)
{
  g_autofree char *quantity = galley_quantity_scale (galley_ingredient_get_quantity (ingredient), factor);
  const char *unit = galley_ingredient_get_unit (ingredient);

  if (quantity == NULL || *quantity == '\0')
    return g_strdup (unit);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&quantity);
  return g_strdup_printf ("%s %s", quantity, unit);
}

static void
clear_ingredients (GalleyRecipeView *self)
{
  for (guint i = 0; i < self->ingredient_rows->len; i++)
    adw_preferences_group_remove (self->ingredients_group, g_ptr_array_index (self->ingredient_rows, i));
  g_ptr_array_set_size (self->ingredient_rows, 0);
}

static void
fill_ingredients (GalleyRecipeView *self,
                  double            factor)
{
  GPtrArray *ingredients = galley_recipe_get_ingredients (self->recipe);

  clear_ingredients (self);

  for (guint i = 0; i < ingredients->len; i++)
    {
      GalleyIngredient *ingredient = g_ptr_array_index (ingredients, i);
      g_autofree char *amount = format_amount (ingredient, factor);
      GtkWidget *row = adw_action_row_new ();

      /* Read, not acted on: keyboard focus goes on to the steps' timers. */
      gtk_widget_set_focusable (row, FALSE);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), galley_ingredient_get_name (ingredient));
      if (galley_ingredient_get_note (ingredient) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), galley_ingredient_get_note (ingredient));

      if (amount != NULL)
        {
          GtkWidget *label = gtk_label_new (amount);

          gtk_widget_add_css_class (label, "numeric");
          gtk_widget_add_css_class (label, "ingredient-amount");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }

      adw_preferences_group_add (self->ingredients_group, row);
      g_ptr_array_add (self->ingredient_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->ingredients_group), ingredients->len > 0);
}

static void
on_servings_changed (GalleyRecipeView *self)
{
  guint servings;

  if (self->recipe == NULL || (servings = galley_recipe_get_servings (self->recipe)) == 0)
    return;

  /* Quantities scale with the servings; step timers do not: a cake for
   * twelve bakes no longer than a cake for six in two tins. */
  fill_ingredients (self, gtk_spin_button_get_value (self->servings_spin) / servings);
}

static char *
format_times (GalleyRecipe *recipe)
{
  gint64 prep = galley_recipe_get_prep_time_s (recipe);
  gint64 cook = galley_recipe_get_cook_time_s (recipe);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (prep > 0)
    {
      g_autofree char *d = galley_duration_format_short (prep, 0);
      /* Translators: preparation time, e.g. "Prep 15 min" */
      g_ptr_array_add (parts, g_strdup_printf (_("Prep %s"), d));
    }
  if (cook > 0)
    {
      g_autofree char *d = galley_duration_format_short (cook, 0);
      /* Translators: cooking time, e.g. "Cook 45 min" */
      g_ptr_array_add (parts, g_strdup_printf (_("Cook %s"), d));
    }
  if (prep > 0 && cook > 0)
    {
      g_autofree char *d = galley_duration_format_short (prep + cook, 0);
      /* Translators: total time, e.g. "Total 1 h" */
      g_ptr_array_add (parts, g_strdup_printf (_("Total %s"), d));
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static void
fill_steps (GalleyRecipeView *self)
{
  GPtrArray *sections = galley_recipe_get_sections (self->recipe);
  guint number = 1;

  for (guint i = 0; i < sections->len; i++)
    {
      GalleySection *section = g_ptr_array_index (sections, i);
      GPtrArray *steps = galley_section_get_steps (section);
      GtkWidget *heading;

      heading = gtk_label_new (galley_section_get_name (section) ? galley_section_get_name (section)
                               : sections->len > 1 ? "" : _("Steps"));
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_widget_set_visible (heading, *gtk_label_get_text (GTK_LABEL (heading)) != '\0');
      gtk_box_append (self->steps_box, heading);

      for (guint j = 0; j < steps->len; j++)
        gtk_box_append (self->steps_box,
                        galley_step_row_new (self->tick, self->recipe, i, j, number++));
    }
}

static void
clear_steps (GalleyRecipeView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box))))
    gtk_box_remove (self->steps_box, child);
}

/**
 * galley_recipe_view_new:
 * @tick: the display tick the steps' countdowns share
 */
GtkWidget *
galley_recipe_view_new (GalleyDisplayTick *tick)
{
  GalleyRecipeView *self;

  g_return_val_if_fail (GALLEY_IS_DISPLAY_TICK (tick), NULL);

  self = g_object_new (GALLEY_TYPE_RECIPE_VIEW, NULL);
  self->tick = g_object_ref (tick);

  return GTK_WIDGET (self);
}

/**
 * galley_recipe_view_scroll_to_step:
 *
 * Moves the keyboard focus to a step, which scrolls it into view, e.g.
 * when a notification of one of its timers is clicked.
 *
 * Returns: %TRUE if the recipe has that step
 */
gboolean
galley_recipe_view_scroll_to_step (GalleyRecipeView *self,
                                   guint             section_index,
                                   guint             step_index)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE_VIEW (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GALLEY_IS_STEP_ROW (child) &&
          galley_step_row_get_section_index (GALLEY_STEP_ROW (child)) == section_index &&
          galley_step_row_get_step_index (GALLEY_STEP_ROW (child)) == step_index)
        return gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
    }

  return FALSE;
}

GalleyRecipe *
galley_recipe_view_get_recipe (GalleyRecipeView *self)
{
  g_return_val_if_fail (GALLEY_IS_RECIPE_VIEW (self), NULL);
  return self->recipe;
}

/**
 * galley_recipe_view_set_recipe:
 * @recipe: (nullable): the recipe to show
 */
void
galley_recipe_view_set_recipe (GalleyRecipeView *self,
                               GalleyRecipe     *recipe)
{
  g_autofree char *times = NULL;
  g_autofree char *tags = NULL;
  const char *source;
  guint servings;

  g_return_if_fail (GALLEY_IS_RECIPE_VIEW (self));
  g_return_if_fail (recipe == NULL || GALLEY_IS_RECIPE (recipe));

  if (!g_set_object (&self->recipe, recipe))
    return;

  clear_steps (self);
  clear_ingredients (self);

  if (recipe == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPE]);
      return;
    }

  gtk_label_set_text (self->title_label, galley_recipe_get_title (recipe));

  times = format_times (recipe);
  gtk_label_set_text (self->times_label, times);
  gtk_widget_set_visible (GTK_WIDGET (self->times_label), *times != '\0');

  tags = g_strjoinv (" · ", (char **)galley_recipe_get_tags (recipe));
  gtk_label_set_text (self->tags_label, tags);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_label), *tags != '\0');

  /* Without a yield there is nothing to scale from. */
  servings = galley_recipe_get_servings (recipe);
  gtk_widget_set_visible (self->servings_box, servings > 0);
  g_signal_handlers_block_by_func (self->servings_spin, on_servings_changed, self);
  gtk_spin_button_set_value (self->servings_spin, MAX (servings, 1));
  g_signal_handlers_unblock_by_func (self->servings_spin, on_servings_changed, self);

  fill_ingredients (self, 1.0);
  fill_steps (self);

  source = galley_recipe_get_source_url (recipe);
  gtk_widget_set_visible (GTK_WIDGET (self->source_button), source != NULL);
  if (source != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (source, G_URI_FLAGS_NONE, NULL);
      g_autofree char *label = g_strdup_printf (_("Source: %s"),
                                                uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : source);

      gtk_link_button_set_uri (self->source_button, source);
      gtk_button_set_label (GTK_BUTTON (self->source_button), label);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPE]);
}

static void
galley_recipe_view_dispose (GObject *object)
{
  GalleyRecipeView *self = (GalleyRecipeView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GALLEY_TYPE_RECIPE_VIEW);
  g_clear_object (&self->recipe);
  g_clear_object (&self->tick);
  g_clear_pointer (&self->ingredient_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (galley_recipe_view_parent_class)->dispose (object);
}

static void
galley_recipe_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GalleyRecipeView *self = GALLEY_RECIPE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RECIPE:
      g_value_set_object (value, self->recipe);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_recipe_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GalleyRecipeView *self = GALLEY_RECIPE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RECIPE:
      galley_recipe_view_set_recipe (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
galley_recipe_view_class_init (GalleyRecipeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = galley_recipe_view_dispose;
  object_class->get_property = galley_recipe_view_get_property;
  object_class->set_property = galley_recipe_view_set_property;

  properties[PROP_RECIPE] =
    g_param_spec_object ("recipe", NULL, NULL, GALLEY_TYPE_RECIPE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/galleykitchen/Galley/galley-recipe-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, times_label);
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, tags_label);
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, ingredients_group);
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, servings_box);
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, servings_spin);
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, steps_box);
  gtk_widget_class_bind_template_child (widget_class, GalleyRecipeView, source_button);
  gtk_widget_class_bind_template_callback (widget_class, on_servings_changed);
}

static void
galley_recipe_view_init (GalleyRecipeView *self)
{
  self->ingredient_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
