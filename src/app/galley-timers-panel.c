/* galley-timers-panel.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-timers-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-accessibility.h"
#include "galley-timer-row.h"
#include "galley-timers-panel.h"

/* Every active timer, from every recipe and the kitchen timers, soonest
 * first (the timer manager keeps them in that order), and the way to start
 * a kitchen timer. */
struct _GalleyTimersPanel
{
  AdwBin parent_instance;

  GalleyDisplayTick *tick;
  GalleyTimerManager *manager;
  GtkWidget *stack;
  GtkWidget *list;
  gboolean holding_tick;
};

G_DEFINE_FINAL_TYPE (GalleyTimersPanel, galley_timers_panel, ADW_TYPE_BIN)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GalleyTimersPanel *self = user_data;

  return galley_timer_row_new (self->manager, item);
}

static void
foreach_row (GalleyTimersPanel *self,
             void             (*func) (GalleyTimerRow *row,
                                       gint64          now_ms))
{
  gint64 now = galley_clock_get_wall_ms (galley_timer_manager_get_clock (self->manager));

  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GALLEY_IS_TIMER_ROW (row))
      func (GALLEY_TIMER_ROW (row), now);
}

static void
update_rows (GalleyTimersPanel *self)
{
  foreach_row (self, galley_timer_row_update);
}

static void
on_tick (GalleyTimersPanel *self)
{
  foreach_row (self, galley_timer_row_tick);
}

static void
update (GalleyTimersPanel *self)
{
  GListModel *active = galley_timer_manager_get_active (self->manager);
  gboolean any = g_list_model_get_n_items (active) > 0;
  gboolean want_tick = any && gtk_widget_get_mapped (GTK_WIDGET (self));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), any ? "list" : "empty");
  update_rows (self);

  galley_display_tick_set_held (self->tick, &self->holding_tick, want_tick);
}

static void
galley_timers_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (galley_timers_panel_parent_class)->map (widget);
  update (GALLEY_TIMERS_PANEL (widget));
}

static void
galley_timers_panel_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (galley_timers_panel_parent_class)->unmap (widget);
  update (GALLEY_TIMERS_PANEL (widget));
}

static GtkWidget *
create_new_timer_button (void)
{
  GtkWidget *button = galley_mnemonic_button_new (_("_New Kitchen Timer…"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.new-kitchen-timer");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");

  return button;
}

GtkWidget *
galley_timers_panel_new (GalleyDisplayTick *tick)
{
  GalleyTimersPanel *self;
  GtkWidget *box, *scroller, *empty;

  g_return_val_if_fail (GALLEY_IS_DISPLAY_TICK (tick), NULL);

  self = g_object_new (GALLEY_TYPE_TIMERS_PANEL, NULL);
  self->tick = g_object_ref (tick);
  self->manager = g_object_ref (galley_display_tick_get_manager (tick));

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), FALSE);
  adw_bin_set_child (ADW_BIN (self), self->stack);

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "alarm-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Timers Running"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Start one from a recipe’s step, or a kitchen timer for anything else"));
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), create_new_timer_button ());
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active timers"), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), galley_timer_manager_get_active (self->manager),
                           create_row, self, NULL);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), create_new_timer_button ());
  gtk_stack_add_named (GTK_STACK (self->stack), box, "list");

  g_signal_connect_object (galley_timer_manager_get_active (self->manager), "items-changed",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->manager, "timer-changed", G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->manager, "timer-finished", G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tick, "tick", G_CALLBACK (on_tick), self, G_CONNECT_SWAPPED);

  update (self);

  return GTK_WIDGET (self);
}

static void
galley_timers_panel_dispose (GObject *object)
{
  GalleyTimersPanel *self = (GalleyTimersPanel *)object;

  if (self->tick != NULL)
    galley_display_tick_set_held (self->tick, &self->holding_tick, FALSE);

  g_clear_object (&self->manager);
  g_clear_object (&self->tick);

  G_OBJECT_CLASS (galley_timers_panel_parent_class)->dispose (object);
}

static void
galley_timers_panel_class_init (GalleyTimersPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = galley_timers_panel_dispose;
  widget_class->map = galley_timers_panel_map;
  widget_class->unmap = galley_timers_panel_unmap;
}

static void
galley_timers_panel_init (GalleyTimersPanel *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 440, -1);
}
