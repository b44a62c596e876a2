/* galley-step-row.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-step-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "galley-step-row.h"
#include "galley-timer-button.h"

/* A numbered step: its text with every duration highlighted, and one timer
 * button per duration under it. */
struct _GalleyStepRow
{
  GtkWidget parent_instance;

  guint section_index;
  guint step_index;
  GtkWidget *number_label;
  GtkWidget *content;
  GtkWidget *text_label;
  GtkWidget *timers_box;
};

G_DEFINE_FINAL_TYPE (GalleyStepRow, galley_step_row, GTK_TYPE_WIDGET)

/**
 * galley_step_markup:
 *
 * Returns: (transfer full): the step's text as Pango markup, durations
 *   highlighted and everything else escaped
 */
char *
galley_step_markup (GalleyStep *step)
{
  const char *text = galley_step_get_text (step);
  GPtrArray *timers = galley_step_get_timers (step);
  GString *markup = g_string_new (NULL);
  guint position = 0;

  for (guint i = 0; i <= timers->len; i++)
    {
      GalleyStepTimer *timer = i < timers->len ? g_ptr_array_index (timers, i) : NULL;
      const char *from = g_utf8_offset_to_pointer (text, position);
      const char *to = timer ? g_utf8_offset_to_pointer (text, galley_step_timer_get_start (timer))
                             : from + strlen (from);
      g_autofree char *plain = g_markup_escape_text (from, to - from);

      g_string_append (markup, plain);

      if (timer != NULL)
        {
          const char *end = g_utf8_offset_to_pointer (text, galley_step_timer_get_end (timer));
          g_autofree char *span = g_markup_escape_text (to, end - to);

          g_string_append_printf (markup, "<span weight=\"bold\" underline=\"single\">%s</span>", span);
          position = galley_step_timer_get_end (timer);
        }
    }

  return g_string_free (markup, FALSE);
}

/**
 * galley_step_row_new:
 * @tick: the display tick the step's countdowns share
 * @recipe: the recipe
 * @section_index: the index of the step's section
 * @step_index: the step's index in that section
 * @number: its number in the recipe, from 1
 */
GtkWidget *
galley_step_row_new (GalleyDisplayTick *tick,
                     GalleyRecipe      *recipe,
                     guint              section_index,
                     guint              step_index,
                     guint              number)
{
  GalleyStepRow *self;
  GalleyStep *step;
  g_autofree char *markup = NULL;
  g_autofree char *number_text = NULL;
  g_autofree char *accessible = NULL;
  GPtrArray *timers;

  g_return_val_if_fail (GALLEY_IS_DISPLAY_TICK (tick), NULL);
  g_return_val_if_fail (GALLEY_IS_RECIPE (recipe), NULL);

  step = g_ptr_array_index (galley_section_get_steps (g_ptr_array_index (galley_recipe_get_sections (recipe),
                                                                         section_index)),
                            step_index);
  self = g_object_new (GALLEY_TYPE_STEP_ROW, NULL);
  self->section_index = section_index;
  self->step_index = step_index;

  number_text = g_strdup_printf ("%u", number);
  gtk_label_set_text (GTK_LABEL (self->number_label), number_text);
  accessible = g_strdup_printf (_("Step %u"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->number_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  markup = galley_step_markup (step);
  gtk_label_set_markup (GTK_LABEL (self->text_label), markup);

  timers = galley_step_get_timers (step);
  for (guint i = 0; i < timers->len; i++)
    gtk_box_append (GTK_BOX (self->timers_box),
                    galley_timer_button_new_for_step (galley_display_tick_get_manager (tick), tick, recipe,
                                                      section_index, step_index, i, number));
  gtk_widget_set_visible (self->timers_box, timers->len > 0);

  return GTK_WIDGET (self);
}

guint
galley_step_row_get_section_index (GalleyStepRow *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_ROW (self), 0);
  return self->section_index;
}

guint
galley_step_row_get_step_index (GalleyStepRow *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_ROW (self), 0);
  return self->step_index;
}

static void
galley_step_row_dispose (GObject *object)
{
  GalleyStepRow *self = (GalleyStepRow *)object;

  g_clear_pointer (&self->number_label, gtk_widget_unparent);
  g_clear_pointer (&self->content, gtk_widget_unparent);

  G_OBJECT_CLASS (galley_step_row_parent_class)->dispose (object);
}

static void
galley_step_row_class_init (GalleyStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = galley_step_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "steprow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
galley_step_row_init (GalleyStepRow *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_spacing (layout, 12);

  self->number_label = gtk_label_new (NULL);
  gtk_widget_set_valign (self->number_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->number_label, "step-number");
  gtk_widget_add_css_class (self->number_label, "numeric");
  gtk_widget_set_parent (self->number_label, GTK_WIDGET (self));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_hexpand (self->content, TRUE);
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));

  self->text_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->text_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->text_label), 0);
  gtk_widget_add_css_class (self->text_label, "step-text");
  gtk_box_append (GTK_BOX (self->content), self->text_label);

  /* Steps mention one to three times; a running timer's controls take
   * more room than a duration, so the timers stack. */
  self->timers_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (self->timers_box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->content), self->timers_box);
}
