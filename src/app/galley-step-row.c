/* galley-step-row.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-step-row"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "galley-duration-format.h"
#include "galley-step-row.h"

/* A numbered step: its text with every duration highlighted, and one button
 * per timer under it. The button's target names the timer as the design
 * card's timer ids do ("<section>.<step>.<n>"), so the timers code can act
 * on it without knowing about widgets. */
struct _GalleyStepRow
{
  GtkWidget parent_instance;

  GalleyStep *step;
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

static GtkWidget *
create_timer_button (GalleyStepTimer *timer,
                     guint            section_index,
                     guint            step_index,
                     guint            timer_index)
{
  g_autofree char *short_text = galley_duration_format_short (galley_step_timer_get_seconds (timer),
                                                              galley_step_timer_get_max_seconds (timer));
  g_autofree char *long_text = galley_duration_format_long (galley_step_timer_get_seconds (timer),
                                                            galley_step_timer_get_max_seconds (timer));
  g_autofree char *accessible = NULL;
  g_autofree char *target = g_strdup_printf ("%u.%u.%u", section_index, step_index, timer_index);
  const char *label = galley_step_timer_get_label (timer);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("alarm-symbolic"));
  gtk_box_append (GTK_BOX (content), gtk_label_new (short_text));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "timer-button");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");

  /* Screen readers hear what the timer is for and how long, not "40–45 min". */
  accessible = label ? g_strdup_printf (_("Timer: %s, %s"), label, long_text)
                     : g_strdup_printf (_("Timer: %s"), long_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "recipe.start-timer");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);

  return button;
}

/**
 * galley_step_row_new:
 * @step: the step to show
 * @number: its number in the recipe, from 1
 * @section_index: the index of its section
 * @step_index: its index in that section
 */
GtkWidget *
galley_step_row_new (GalleyStep *step,
                     guint       number,
                     guint       section_index,
                     guint       step_index)
{
  GalleyStepRow *self;
  g_autofree char *markup = NULL;
  g_autofree char *number_text = NULL;
  g_autofree char *accessible = NULL;
  GPtrArray *timers;

  g_return_val_if_fail (GALLEY_IS_STEP (step), NULL);

  self = g_object_new (GALLEY_TYPE_STEP_ROW, NULL);
  self->step = g_object_ref (step);

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
                    create_timer_button (g_ptr_array_index (timers, i), section_index, step_index, i));
  gtk_widget_set_visible (self->timers_box, timers->len > 0);

  return GTK_WIDGET (self);
}

GalleyStep *
galley_step_row_get_step (GalleyStepRow *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_ROW (self), NULL);
  return self->step;
}

static void
galley_step_row_dispose (GObject *object)
{
  GalleyStepRow *self = (GalleyStepRow *)object;

  g_clear_pointer (&self->number_label, gtk_widget_unparent);
  g_clear_pointer (&self->content, gtk_widget_unparent);
  g_clear_object (&self->step);

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

  /* Steps mention one to three times; three short buttons fit in a
   * 360 px wide window, so a plain row is enough. */
  self->timers_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->timers_box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->content), self->timers_box);
}
