/* galley-cooking-view.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-cooking-view"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-accessibility.h"
#include "galley-cooking-view.h"
#include "galley-step-row.h"
#include "galley-timer-button.h"

/* Cooking mode: one step at a time, in text large enough to read from the
 * stove, with its timers. The arrow keys move between steps, Space starts
 * or pauses the step's first timer, Escape leaves (the window's
 * win.stop-cooking action). */
struct _GalleyCookingView
{
  AdwBin parent_instance;

  GalleyDisplayTick *tick;
  GalleyRecipe *recipe;
  guint n_steps;
  guint step_number;

  GtkWidget *title;
  GtkWidget *position;
  GtkWidget *section;
  GtkWidget *text;
  GtkWidget *timers;
  GtkWidget *previous;
  GtkWidget *next;
};

G_DEFINE_FINAL_TYPE (GalleyCookingView, galley_cooking_view, ADW_TYPE_BIN)

/* Finds step @number (from 1) across the sections. */
static GalleyStep *
find_step (GalleyCookingView *self,
           guint              number,
           guint             *section_index,
           guint             *step_index)
{
  GPtrArray *sections = galley_recipe_get_sections (self->recipe);
  guint counted = 0;

  for (guint i = 0; i < sections->len; i++)
    {
      GPtrArray *steps = galley_section_get_steps (g_ptr_array_index (sections, i));

      if (number <= counted + steps->len)
        {
          *section_index = i;
          *step_index = number - counted - 1;
          return g_ptr_array_index (steps, *step_index);
        }
      counted += steps->len;
    }

  return NULL;
}

static void
show_step (GalleyCookingView *self)
{
  guint section_index = 0, step_index = 0;
  GalleyStep *step = find_step (self, self->step_number, &section_index, &step_index);
  GalleySection *section;
  g_autofree char *markup = NULL;
  g_autofree char *position = NULL;
  GtkWidget *child;

  if (step == NULL)
    return;

  section = g_ptr_array_index (galley_recipe_get_sections (self->recipe), section_index);
  gtk_label_set_text (GTK_LABEL (self->section), galley_section_get_name (section));
  gtk_widget_set_visible (self->section, galley_section_get_name (section) != NULL);

  /* Translators: e.g. "Step 3 of 9" */
  position = g_strdup_printf (_("Step %u of %u"), self->step_number, self->n_steps);
  gtk_label_set_text (GTK_LABEL (self->position), position);

  markup = galley_step_markup (step);
  gtk_label_set_markup (GTK_LABEL (self->text), markup);

  while ((child = gtk_widget_get_first_child (self->timers)))
    gtk_box_remove (GTK_BOX (self->timers), child);

  for (guint i = 0; i < galley_step_get_timers (step)->len; i++)
    gtk_box_append (GTK_BOX (self->timers),
                    galley_timer_button_new_for_step (galley_display_tick_get_manager (self->tick),
                                                      self->tick, self->recipe,
                                                      section_index, step_index, i,
                                                      self->step_number));
  gtk_widget_set_visible (self->timers, galley_step_get_timers (step)->len > 0);

  gtk_widget_set_sensitive (self->previous, self->step_number > 1);
  gtk_widget_set_sensitive (self->next, self->step_number < self->n_steps);
}

guint
galley_cooking_view_get_step (GalleyCookingView *self)
{
  g_return_val_if_fail (GALLEY_IS_COOKING_VIEW (self), 0);
  return self->step_number;
}

/**
 * galley_cooking_view_set_step:
 * @step_number: the step to show, from 1; clamped to the recipe's steps
 */
void
galley_cooking_view_set_step (GalleyCookingView *self,
                              guint              step_number)
{
  g_return_if_fail (GALLEY_IS_COOKING_VIEW (self));

  step_number = CLAMP (step_number, 1, MAX (self->n_steps, 1));
  if (step_number == self->step_number)
    return;

  self->step_number = step_number;
  show_step (self);
}

static void
on_previous (GalleyCookingView *self)
{
  galley_cooking_view_set_step (self, self->step_number - 1);
}

static void
on_next (GalleyCookingView *self)
{
  galley_cooking_view_set_step (self, self->step_number + 1);
}

static void
toggle_first_timer (GalleyCookingView *self)
{
  GtkWidget *first = gtk_widget_get_first_child (self->timers);

  if (first != NULL && GALLEY_IS_TIMER_BUTTON (first))
    galley_timer_button_toggle (GALLEY_TIMER_BUTTON (first));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GalleyCookingView     *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
      on_previous (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
      on_next (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_space:
      toggle_first_timer (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.stop-cooking", NULL);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static GtkWidget *
create_nav_button (const char *icon_name,
                   const char *label)
{
  GtkWidget *button = galley_icon_button_new (icon_name, label);

  gtk_widget_add_css_class (button, "cooking-nav");
  /* The keys move between steps; buttons that took the focus would
   * swallow Space. */
  gtk_widget_set_focus_on_click (button, FALSE);

  return button;
}

/**
 * galley_cooking_view_new:
 * @recipe: the recipe to cook
 * @step_number: the step to start at, from 1
 */
GtkWidget *
galley_cooking_view_new (GalleyDisplayTick *tick,
                         GalleyRecipe      *recipe,
                         guint              step_number)
{
  GalleyCookingView *self;
  GtkWidget *toolbar, *header, *exit, *body, *row, *clamp, *scroller;
  GtkEventController *keys;

  g_return_val_if_fail (GALLEY_IS_DISPLAY_TICK (tick), NULL);
  g_return_val_if_fail (GALLEY_IS_RECIPE (recipe), NULL);

  self = g_object_new (GALLEY_TYPE_COOKING_VIEW, NULL);
  self->tick = g_object_ref (tick);
  self->recipe = g_object_ref (recipe);
  self->n_steps = galley_recipe_count_steps (recipe);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_bin_set_child (ADW_BIN (self), toolbar);

  header = adw_header_bar_new ();
  self->title = adw_window_title_new (galley_recipe_get_title (recipe), _("Cooking"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->title);
  exit = galley_mnemonic_button_new (_("_Done Cooking"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (exit), "win.stop-cooking");
  gtk_widget_set_tooltip_text (exit, _("Leave cooking mode (Escape)"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), exit);
  gtk_box_append (GTK_BOX (toolbar), header);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_vexpand (row, TRUE);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_box_append (GTK_BOX (toolbar), row);

  self->previous = create_nav_button ("go-previous-symbolic", _("Previous step"));
  g_signal_connect_swapped (self->previous, "clicked", G_CALLBACK (on_previous), self);
  gtk_box_append (GTK_BOX (row), self->previous);

  body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_valign (body, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (body, 24);
  gtk_widget_set_margin_bottom (body, 24);

  self->position = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->position, "dim-label");
  gtk_box_append (GTK_BOX (body), self->position);

  self->section = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->section, "title-3");
  gtk_box_append (GTK_BOX (body), self->section);

  self->text = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (self->text), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->text, "cooking-step");
  gtk_box_append (GTK_BOX (body), self->text);

  self->timers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (self->timers, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->timers, "cooking-timers");
  gtk_box_append (GTK_BOX (body), self->timers);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (row), scroller);

  self->next = create_nav_button ("go-next-symbolic", _("Next step"));
  g_signal_connect_swapped (self->next, "clicked", G_CALLBACK (on_next), self);
  gtk_box_append (GTK_BOX (row), self->next);

  /* In the capture phase, so the keys work wherever the focus is. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->step_number = 0;
  galley_cooking_view_set_step (self, step_number);

  return GTK_WIDGET (self);
}

static void
galley_cooking_view_dispose (GObject *object)
{
  GalleyCookingView *self = (GalleyCookingView *)object;

  g_clear_object (&self->recipe);
  g_clear_object (&self->tick);

  G_OBJECT_CLASS (galley_cooking_view_parent_class)->dispose (object);
}

static void
galley_cooking_view_class_init (GalleyCookingViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = galley_cooking_view_dispose;
}

static void
galley_cooking_view_init (GalleyCookingView *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}
