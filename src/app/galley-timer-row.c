/* galley-timer-row.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-accessibility.h"

#include "galley-duration-format.h"
#include "galley-timer-presentation.h"
#include "galley-timer-row.h"

/* One active timer in the Timers panel: what it is for and where, its
 * countdown, and every control a timer has. The buttons act through the
 * app's actions with the timer's id, the same ones the notification uses. */
struct _GalleyTimerRow
{
  AdwActionRow parent_instance;

  GalleyTimerManager *manager;
  GalleyTimer *timer;

  GtkWidget *countdown;
  GtkWidget *pause_button;
  GtkWidget *add_button;
  GtkWidget *reset_button;
  GtkWidget *dismiss_button;
  GtkWidget *show_button;
  guint shown_phase;
};

G_DEFINE_FINAL_TYPE (GalleyTimerRow, galley_timer_row, ADW_TYPE_ACTION_ROW)

static void
act (GalleyTimerRow *self,
     const char     *action)
{
  gtk_widget_activate_action (GTK_WIDGET (self), action, "s", galley_timer_get_id (self->timer));
}

static void
on_pause_clicked (GalleyTimerRow *self)
{
  act (self, galley_timer_get_status (self->timer) == GALLEY_TIMER_STATUS_PAUSED
             ? "app.resume-timer" : "app.pause-timer");
}

static void
on_add_clicked (GalleyTimerRow *self)
{
  act (self, "app.add-minute");
}

static void
on_reset_clicked (GalleyTimerRow *self)
{
  act (self, "app.reset-timer");
}

static void
on_dismiss_clicked (GalleyTimerRow *self)
{
  act (self, "app.dismiss-timer");
}

static void
on_show_clicked (GalleyTimerRow *self)
{
  act (self, "app.show-timer");
}

static GtkWidget *
add_button (GalleyTimerRow *self,
            const char     *icon_name,
            const char     *label,
            GCallback       callback)
{
  GtkWidget *button = galley_icon_button_new (icon_name, label);

  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", callback, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), button);

  return button;
}

/* What the timer is, its controls and their names: they change with the
 * timer and its state, not with every second of its countdown. */
static void
show_phase (GalleyTimerRow                *self,
            const GalleyTimerPresentation *look)
{
  g_autofree char *duration = NULL;
  g_autofree char *what = NULL;
  const char *label = galley_timer_get_label (self->timer);
  const char *pause_label = look->paused ? _("Resume") : _("Pause");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label ? label : _("Timer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), galley_timer_get_detail (self->timer));

  if (look->ringing)
    gtk_widget_add_css_class (self->countdown, "error");
  else
    gtk_widget_remove_css_class (self->countdown, "error");

  gtk_widget_set_visible (self->pause_button, look->active && !look->ringing);
  gtk_widget_set_visible (self->reset_button, look->active && !look->ringing);
  gtk_widget_set_visible (self->dismiss_button, look->ringing);

  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            look->paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->pause_button, pause_label);

  /* Each control says which timer it acts on, as in the steps. */
  duration = galley_duration_format_long (galley_timer_get_duration_ms (self->timer) / 1000, 0);
  what = g_strdup_printf ("%s, %s", label ? label : _("Timer"), duration);
  galley_name_timer_control (self->pause_button, pause_label, what);
  galley_name_timer_control (self->add_button, _("Add 1 minute"), what);
  galley_name_timer_control (self->reset_button, _("Reset"), what);
  galley_name_timer_control (self->dismiss_button, _("Dismiss"), what);
  if (self->show_button != NULL)
    galley_name_timer_control (self->show_button, _("Go to the step"), what);

  self->shown_phase = galley_timer_presentation_get_phase (look);
}

static void
update (GalleyTimerRow *self,
        gint64          now_ms,
        gboolean        force)
{
  g_auto(GalleyTimerPresentation) look;
  g_autofree char *name = NULL;
  const char *label = galley_timer_get_label (self->timer);

  galley_timer_presentation_init (&look, self->timer, now_ms,
                                  galley_timer_get_duration_ms (self->timer) / 1000, 0);

  gtk_label_set_text (GTK_LABEL (self->countdown), look.text);
  if (force || galley_timer_presentation_get_phase (&look) != self->shown_phase)
    show_phase (self, &look);

  name = g_strdup_printf ("%s, %s", label ? label : _("Timer"), look.state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/**
 * galley_timer_row_update:
 * @now_ms: the time to show, the display tick's
 *
 * Shows the timer anew, after it changed.
 */
void
galley_timer_row_update (GalleyTimerRow *self,
                         gint64          now_ms)
{
  g_return_if_fail (GALLEY_IS_TIMER_ROW (self));
  update (self, now_ms, TRUE);
}

/**
 * galley_timer_row_tick:
 * @now_ms: the time to show, the display tick's
 *
 * Moves the countdown on; the controls change only if the timer's state
 * moved on with the clock, e.g. it started ringing.
 */
void
galley_timer_row_tick (GalleyTimerRow *self,
                       gint64          now_ms)
{
  g_return_if_fail (GALLEY_IS_TIMER_ROW (self));
  update (self, now_ms, FALSE);
}

GalleyTimer *
galley_timer_row_get_timer (GalleyTimerRow *self)
{
  g_return_val_if_fail (GALLEY_IS_TIMER_ROW (self), NULL);
  return self->timer;
}

GtkWidget *
galley_timer_row_new (GalleyTimerManager *manager,
                      GalleyTimer        *timer)
{
  GalleyTimerRow *self;

  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (manager), NULL);
  g_return_val_if_fail (GALLEY_IS_TIMER (timer), NULL);

  self = g_object_new (GALLEY_TYPE_TIMER_ROW, NULL);
  self->manager = g_object_ref (manager);
  self->timer = g_object_ref (timer);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->countdown = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->countdown, "numeric");
  gtk_widget_add_css_class (self->countdown, "title-4");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->countdown);

  self->pause_button = add_button (self, "media-playback-pause-symbolic", _("Pause"), G_CALLBACK (on_pause_clicked));
  self->add_button = add_button (self, "list-add-symbolic", _("Add 1 minute"), G_CALLBACK (on_add_clicked));
  self->reset_button = add_button (self, "edit-undo-symbolic", _("Reset"), G_CALLBACK (on_reset_clicked));
  self->dismiss_button = add_button (self, "window-close-symbolic", _("Dismiss"), G_CALLBACK (on_dismiss_clicked));

  if (galley_timer_id_parse_step (galley_timer_get_id (timer), NULL, NULL, NULL, NULL))
    self->show_button = add_button (self, "go-next-symbolic", _("Go to the step"), G_CALLBACK (on_show_clicked));

  galley_timer_row_update (self, galley_clock_get_wall_ms (galley_timer_manager_get_clock (manager)));

  return GTK_WIDGET (self);
}

static void
galley_timer_row_dispose (GObject *object)
{
  GalleyTimerRow *self = (GalleyTimerRow *)object;

  g_clear_object (&self->timer);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (galley_timer_row_parent_class)->dispose (object);
}

static void
galley_timer_row_class_init (GalleyTimerRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = galley_timer_row_dispose;
}

static void
galley_timer_row_init (GalleyTimerRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}
