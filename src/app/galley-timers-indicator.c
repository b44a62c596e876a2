/* galley-timers-indicator.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timers-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-duration-format.h"
#include "galley-timers-indicator.h"
#include "galley-timers-panel.h"

/* The header bar's view of the timers: how many run and the soonest
 * countdown, or that one rings; it opens the Timers panel. */
struct _GalleyTimersIndicator
{
  GtkWidget parent_instance;

  GalleyDisplayTick *tick;
  GalleyTimerManager *manager;
  gboolean holding_tick;

  GtkWidget *button;
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (GalleyTimersIndicator, galley_timers_indicator, GTK_TYPE_WIDGET)

static void
update (GalleyTimersIndicator *self)
{
  guint running = galley_timer_manager_count_running (self->manager);
  guint ringing = galley_timer_manager_count_ringing (self->manager);
  GalleyTimer *soonest = galley_timer_manager_get_soonest (self->manager);
  gint64 now = galley_clock_get_wall_ms (galley_timer_manager_get_clock (self->manager));
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  gboolean want_tick;

  if (ringing > 0)
    {
      text = g_strdup (_("Done"));
      name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Timers: %u timer is done",
                                           "Timers: %u timers are done", ringing), ringing);
    }
  else if (running > 0 && soonest != NULL)
    {
      g_autofree char *countdown = galley_duration_format_countdown (galley_timer_remaining_at (soonest, now));

      /* "2 · 12:34": two timers run, the next is done in 12:34. */
      text = running > 1 ? g_strdup_printf ("%u · %s", running, countdown) : g_steal_pointer (&countdown);
      name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Timers: %u running, the next one done in %s",
                                           "Timers: %u running, the next one done in %s", running),
                              running, text);
    }
  else
    name = g_strdup (_("Timers"));

  gtk_label_set_text (GTK_LABEL (self->label), text ? text : "");
  gtk_widget_set_visible (self->label, text != NULL);
  if (ringing > 0)
    gtk_widget_add_css_class (self->button, "error");
  else
    gtk_widget_remove_css_class (self->button, "error");

  gtk_widget_set_tooltip_text (self->button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  want_tick = running > 0 && gtk_widget_get_mapped (GTK_WIDGET (self));
  galley_display_tick_set_held (self->tick, &self->holding_tick, want_tick);
}

/* The panel is built the first time it opens, not with the window: a
 * window that starts with two indicators would otherwise build two panels
 * nobody has looked at yet before its first frame. */
static void
create_panel (GtkMenuButton *button,
              gpointer       user_data)
{
  GalleyTimersIndicator *self = user_data;
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  if (gtk_popover_get_child (popover) == NULL)
    gtk_popover_set_child (popover, galley_timers_panel_new (self->tick));
}

/**
 * galley_timers_indicator_popup:
 *
 * Opens the Timers panel.
 */
void
galley_timers_indicator_popup (GalleyTimersIndicator *self)
{
  g_return_if_fail (GALLEY_IS_TIMERS_INDICATOR (self));
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

static void
galley_timers_indicator_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (galley_timers_indicator_parent_class)->map (widget);
  update (GALLEY_TIMERS_INDICATOR (widget));
}

static void
galley_timers_indicator_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (galley_timers_indicator_parent_class)->unmap (widget);
  update (GALLEY_TIMERS_INDICATOR (widget));
}

GtkWidget *
galley_timers_indicator_new (GalleyDisplayTick *tick)
{
  GalleyTimersIndicator *self;
  GtkWidget *content, *popover;

  g_return_val_if_fail (GALLEY_IS_DISPLAY_TICK (tick), NULL);

  self = g_object_new (GALLEY_TYPE_TIMERS_INDICATOR, NULL);
  self->tick = g_object_ref (tick);
  self->manager = g_object_ref (galley_display_tick_get_manager (tick));

  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("alarm-symbolic"));
  self->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_box_append (GTK_BOX (content), self->label);

  popover = gtk_popover_new ();

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->button), create_panel, self, NULL);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  g_signal_connect_object (self->manager, "timer-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->manager, "timer-finished", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tick, "tick", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

static void
galley_timers_indicator_dispose (GObject *object)
{
  GalleyTimersIndicator *self = (GalleyTimersIndicator *)object;

  if (self->tick != NULL)
    galley_display_tick_set_held (self->tick, &self->holding_tick, FALSE);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->manager);
  g_clear_object (&self->tick);

  G_OBJECT_CLASS (galley_timers_indicator_parent_class)->dispose (object);
}

static void
galley_timers_indicator_class_init (GalleyTimersIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = galley_timers_indicator_dispose;
  widget_class->map = galley_timers_indicator_map;
  widget_class->unmap = galley_timers_indicator_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
galley_timers_indicator_init (GalleyTimersIndicator *self)
{
}
