/* galley-timer-button.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timer-button"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-accessibility.h"

#include "galley-duration-format.h"
#include "galley-timer-button.h"
#include "galley-timer-presentation.h"

/* The timer of one duration in a step. Idle, it shows the duration and
 * starts the timer (a range offers its shortest or longest end); running,
 * it shows the countdown and its progress, pauses and resumes, and resets;
 * ringing, it dismisses or adds a minute. It holds no state of its own: it
 * shows what the timer manager says, so a timer started elsewhere (the
 * Timers panel, a notification, later another device) shows here too. */
struct _GalleyTimerButton
{
  GtkWidget parent_instance;

  GalleyTimerManager *manager;
  GalleyDisplayTick *tick;
  char *timer_id;
  char *label;
  char *detail;
  char *duration;   /* "12 minutes", or a range */
  char *what;       /* which timer a control acts on, for screen readers */
  guint shown_phase;
  gint64 seconds;
  gint64 max_seconds;
  gboolean holding_tick;

  GtkWidget *main_button;
  GtkWidget *icon;
  GtkWidget *text;
  GtkWidget *range_button;
  GtkWidget *pause_button;
  GtkWidget *add_button;
  GtkWidget *reset_button;
  GtkWidget *progress;
};

G_DEFINE_FINAL_TYPE (GalleyTimerButton, galley_timer_button, GTK_TYPE_WIDGET)

static void
report_error (GalleyTimerButton *self,
              GError            *error)
{
  /* The window shows it as a toast. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
}

static void
start_timer (GalleyTimerButton *self,
             gint64             seconds)
{
  g_autoptr(GError) error = NULL;

  if (!galley_timer_manager_start (self->manager, self->timer_id, self->label, self->detail,
                                   seconds * 1000, &error))
    report_error (self, error);
}

/**
 * galley_timer_button_toggle:
 *
 * What a click on the timer does: start it, pause or resume it, or silence
 * it when it rings. Cooking mode's Space key does the same.
 */
void
galley_timer_button_toggle (GalleyTimerButton *self)
{
  GalleyTimer *timer;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gint64 now;

  g_return_if_fail (GALLEY_IS_TIMER_BUTTON (self));

  timer = galley_timer_manager_lookup (self->manager, self->timer_id);
  now = galley_clock_get_wall_ms (galley_timer_manager_get_clock (self->manager));

  if (timer == NULL || !galley_timer_is_active (timer))
    start_timer (self, self->seconds);
  else if (galley_timer_is_finished_at (timer, now))
    ok = galley_timer_manager_dismiss (self->manager, self->timer_id, &error);
  else if (galley_timer_get_status (timer) == GALLEY_TIMER_STATUS_RUNNING)
    ok = galley_timer_manager_pause (self->manager, self->timer_id, &error);
  else
    ok = galley_timer_manager_resume (self->manager, self->timer_id, &error);

  if (!ok)
    report_error (self, error);
}

static void
on_main_clicked (GalleyTimerButton *self)
{
  galley_timer_button_toggle (self);
}

static void
on_pause_clicked (GalleyTimerButton *self)
{
  galley_timer_button_toggle (self);
}

static void
on_add_clicked (GalleyTimerButton *self)
{
  g_autoptr(GError) error = NULL;

  if (!galley_timer_manager_add (self->manager, self->timer_id, 60 * 1000, &error))
    report_error (self, error);
}

static void
on_reset_clicked (GalleyTimerButton *self)
{
  g_autoptr(GError) error = NULL;

  if (!galley_timer_manager_reset (self->manager, self->timer_id, &error))
    report_error (self, error);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_timer (GALLEY_TIMER_BUTTON (widget), g_variant_get_int64 (parameter));
}

/* The controls, their names and colours: they change with the timer's
 * state, not with every second of its countdown. */
static void
show_phase (GalleyTimerButton             *self,
            const GalleyTimerPresentation *look)
{
  const char *pause_label = look->paused ? _("Resume") : _("Pause");

  gtk_widget_set_visible (self->progress, look->active && !look->ringing);
  gtk_widget_set_visible (self->range_button, !look->active && self->max_seconds > self->seconds);
  gtk_widget_set_visible (self->pause_button, look->active && !look->ringing);
  gtk_widget_set_visible (self->add_button, look->ringing);
  gtk_widget_set_visible (self->reset_button, look->active && !look->ringing);

  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            look->paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->pause_button, pause_label);
  galley_name_timer_control (self->pause_button, pause_label, self->what);

  if (look->ringing)
    gtk_widget_add_css_class (self->main_button, "destructive-action");
  else
    gtk_widget_remove_css_class (self->main_button, "destructive-action");
  if (look->active && !look->ringing)
    gtk_widget_add_css_class (self->main_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->main_button, "suggested-action");

  self->shown_phase = galley_timer_presentation_get_phase (look);
}

/* @force: redo the controls too, e.g. when the timer changed; otherwise
 * only the countdown, and the controls when the state moved on with the
 * clock (a timer that starts ringing). */
static void
update (GalleyTimerButton *self,
        gboolean           force)
{
  GalleyTimer *timer = galley_timer_manager_lookup (self->manager, self->timer_id);
  gint64 now = galley_clock_get_wall_ms (galley_timer_manager_get_clock (self->manager));
  g_auto(GalleyTimerPresentation) look;
  g_autofree char *name = NULL;

  galley_timer_presentation_init (&look, timer, now, self->seconds, self->max_seconds);

  gtk_label_set_text (GTK_LABEL (self->text), look.text);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), look.icon);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), look.fraction);

  if (force || galley_timer_presentation_get_phase (&look) != self->shown_phase)
    show_phase (self, &look);

  /* What a screen reader says: what the timer is for, how long, and its
   * state; the countdown on the button is for the eyes. */
  name = self->label ? g_strdup_printf (_("Timer: %s, %s, %s"), self->label, self->duration, look.state)
                     : g_strdup_printf (_("Timer: %s, %s"), self->duration, look.state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->main_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_tooltip_text (self->main_button, name);
}

static void
update_tick_hold (GalleyTimerButton *self)
{
  GalleyTimer *timer = galley_timer_manager_lookup (self->manager, self->timer_id);
  gboolean want = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                  timer != NULL && galley_timer_is_active (timer);

  galley_display_tick_set_held (self->tick, &self->holding_tick, want);
}

static void
on_timer_changed (GalleyTimerButton *self,
                  GalleyTimer       *timer)
{
  if (g_strcmp0 (galley_timer_get_id (timer), self->timer_id) != 0)
    return;

  update (self, TRUE);
  update_tick_hold (self);
}

static void
on_tick (GalleyTimerButton *self,
         gint64             now_ms)
{
  if (self->holding_tick)
    update (self, FALSE);
}

static void
galley_timer_button_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (galley_timer_button_parent_class)->map (widget);
  /* Changes came in while unmapped; only the countdown went stale. */
  update (GALLEY_TIMER_BUTTON (widget), FALSE);
  update_tick_hold (GALLEY_TIMER_BUTTON (widget));
}

static void
galley_timer_button_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (galley_timer_button_parent_class)->unmap (widget);
  update_tick_hold (GALLEY_TIMER_BUTTON (widget));
}

static GMenuModel *
create_range_menu (GalleyTimerButton *self)
{
  GMenu *menu = g_menu_new ();
  g_autofree char *low = galley_duration_format_short (self->seconds, 0);
  g_autofree char *high = galley_duration_format_short (self->max_seconds, 0);
  g_autofree char *low_label = g_strdup_printf (_("Start with %s"), low);
  g_autofree char *high_label = g_strdup_printf (_("Start with %s"), high);
  g_autoptr(GMenuItem) low_item = g_menu_item_new (low_label, NULL);
  g_autoptr(GMenuItem) high_item = g_menu_item_new (high_label, NULL);

  g_menu_item_set_action_and_target_value (low_item, "timer.start", g_variant_new_int64 (self->seconds));
  g_menu_item_set_action_and_target_value (high_item, "timer.start", g_variant_new_int64 (self->max_seconds));
  g_menu_append_item (menu, low_item);
  g_menu_append_item (menu, high_item);

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_icon_button (const char *icon_name,
                    const char *label)
{
  GtkWidget *button = galley_icon_button_new (icon_name, label);

  gtk_widget_add_css_class (button, "flat");

  return button;
}

/**
 * galley_timer_button_new:
 * @timer_id: the timer's id, e.g. from galley_timer_id_for_step()
 * @label: (nullable): what the timer is for
 * @detail: (nullable): where it is, e.g. "Focaccia · step 3"
 * @seconds: its duration, or the shortest end of a range
 * @max_seconds: the longest end of a range, or @seconds
 */
GtkWidget *
galley_timer_button_new (GalleyTimerManager *manager,
                         GalleyDisplayTick  *tick,
                         const char         *timer_id,
                         const char         *label,
                         const char         *detail,
                         gint64              seconds,
                         gint64              max_seconds)
{
  GalleyTimerButton *self;
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *range_label = NULL;
  GtkWidget *row, *content;

  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (manager), NULL);
  g_return_val_if_fail (GALLEY_IS_DISPLAY_TICK (tick), NULL);
  g_return_val_if_fail (timer_id != NULL, NULL);
  g_return_val_if_fail (seconds > 0, NULL);

  self = g_object_new (GALLEY_TYPE_TIMER_BUTTON, NULL);
  self->manager = g_object_ref (manager);
  self->tick = g_object_ref (tick);
  self->timer_id = g_strdup (timer_id);
  self->label = g_strdup (label);
  self->detail = g_strdup (detail);
  self->seconds = seconds;
  self->max_seconds = MAX (seconds, max_seconds);
  self->duration = galley_duration_format_long (self->seconds, self->max_seconds);
  /* Each control says which timer it acts on: a screen reader user tabbing
   * through a recipe meets several Pause buttons. */
  self->what = label ? g_strdup_printf ("%s, %s", label, self->duration) : g_strdup (self->duration);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_set_parent (row, GTK_WIDGET (self));

  /* The visible content is not read out: the button's accessible name
   * says all of it and more. */
  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  self->text = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->text, "numeric");
  gtk_box_append (GTK_BOX (content), self->icon);
  gtk_box_append (GTK_BOX (content), self->text);

  self->main_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->main_button), content);
  gtk_widget_add_css_class (self->main_button, "timer-button");
  gtk_widget_add_css_class (self->main_button, "pill");
  gtk_widget_add_css_class (self->main_button, "small");
  g_signal_connect_swapped (self->main_button, "clicked", G_CALLBACK (on_main_clicked), self);
  gtk_box_append (GTK_BOX (row), self->main_button);

  menu = create_range_menu (self);
  self->range_button = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->range_button), menu);
  gtk_widget_add_css_class (self->range_button, "flat");
  gtk_widget_add_css_class (self->range_button, "circular");
  gtk_widget_set_valign (self->range_button, GTK_ALIGN_CENTER);
  range_label = g_strdup_printf (_("Choose how long: %s"), self->duration);
  gtk_widget_set_tooltip_text (self->range_button, range_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->range_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, range_label, -1);
  gtk_box_append (GTK_BOX (row), self->range_button);

  self->pause_button = create_icon_button ("media-playback-pause-symbolic", _("Pause"));
  g_signal_connect_swapped (self->pause_button, "clicked", G_CALLBACK (on_pause_clicked), self);
  gtk_box_append (GTK_BOX (row), self->pause_button);

  self->add_button = create_icon_button ("list-add-symbolic", _("Add 1 minute"));
  galley_name_timer_control (self->add_button, _("Add 1 minute"), self->what);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  gtk_box_append (GTK_BOX (row), self->add_button);

  self->reset_button = create_icon_button ("edit-undo-symbolic", _("Reset"));
  galley_name_timer_control (self->reset_button, _("Reset"), self->what);
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (on_reset_clicked), self);
  gtk_box_append (GTK_BOX (row), self->reset_button);

  self->progress = gtk_progress_bar_new ();
  gtk_widget_add_css_class (self->progress, "timer-progress");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->progress, GTK_WIDGET (self));

  g_signal_connect_object (manager, "timer-changed", G_CALLBACK (on_timer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tick, "tick", G_CALLBACK (on_tick), self, G_CONNECT_SWAPPED);

  update (self, TRUE);

  return GTK_WIDGET (self);
}

/**
 * galley_timer_button_new_for_step:
 * @recipe: the recipe the step belongs to
 * @section_index: the index of the step's section
 * @step_index: the step's index in that section
 * @timer_index: the timer's index in the step
 * @step_number: the step's number as the recipe shows it, from 1
 *
 * The button for one of a step's timers, with the timer id of the design
 * card ("<recipe id>/<section>.<step>.<n>") and the words a notification
 * uses: the timer's label and "<recipe> · step N".
 */
GtkWidget *
galley_timer_button_new_for_step (GalleyTimerManager *manager,
                                  GalleyDisplayTick  *tick,
                                  GalleyRecipe       *recipe,
                                  guint               section_index,
                                  guint               step_index,
                                  guint               timer_index,
                                  guint               step_number)
{
  GalleySection *section;
  GalleyStep *step;
  GalleyStepTimer *timer;
  g_autofree char *id = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (GALLEY_IS_RECIPE (recipe), NULL);

  section = g_ptr_array_index (galley_recipe_get_sections (recipe), section_index);
  step = g_ptr_array_index (galley_section_get_steps (section), step_index);
  timer = g_ptr_array_index (galley_step_get_timers (step), timer_index);

  id = galley_timer_id_for_step (galley_recipe_get_id (recipe), section_index, step_index, timer_index);
  /* Translators: where a timer is, e.g. "Rosemary Focaccia · step 3" */
  detail = g_strdup_printf (_("%s · step %u"), galley_recipe_get_title (recipe), step_number);

  return galley_timer_button_new (manager, tick, id, galley_step_timer_get_label (timer), detail,
                                  galley_step_timer_get_seconds (timer),
                                  galley_step_timer_get_max_seconds (timer));
}

const char *
galley_timer_button_get_timer_id (GalleyTimerButton *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_BUTTON (self), NULL);
  return self->timer_id;
}

static void
galley_timer_button_dispose (GObject *object)
{
  GalleyTimerButton *self = (GalleyTimerButton *)object;
  GtkWidget *child;

  if (self->tick != NULL)
    galley_display_tick_set_held (self->tick, &self->holding_tick, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->manager);
  g_clear_object (&self->tick);

  G_OBJECT_CLASS (galley_timer_button_parent_class)->dispose (object);
}

static void
galley_timer_button_finalize (GObject *object)
{
  GalleyTimerButton *self = (GalleyTimerButton *)object;

  g_free (self->timer_id);
  g_free (self->label);
  g_free (self->detail);
  g_free (self->duration);
  g_free (self->what);

  G_OBJECT_CLASS (galley_timer_button_parent_class)->finalize (object);
}

static void
galley_timer_button_class_init (GalleyTimerButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = galley_timer_button_dispose;
  object_class->finalize = galley_timer_button_finalize;
  widget_class->map = galley_timer_button_map;
  widget_class->unmap = galley_timer_button_unmap;

  gtk_widget_class_install_action (widget_class, "timer.start", "x", start_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timerbutton");
}

static void
galley_timer_button_init (GalleyTimerButton *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
}
