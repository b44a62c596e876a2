/* galley-ringing-banner.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-ringing-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-accessibility.h"
#include "galley-ringing-banner.h"

/* A bar across the top of the window while a timer rings: which one, and
 * its two answers, Dismiss and +1 minute. When the window has the focus it
 * takes the place of a desktop notification. */
struct _GalleyRingingBanner
{
  GtkWidget parent_instance;

  GalleyTimerManager *manager;
  char *timer_id;

  GtkWidget *revealer;
  GtkWidget *title;
};

G_DEFINE_FINAL_TYPE (GalleyRingingBanner, galley_ringing_banner, GTK_TYPE_WIDGET)

static GalleyTimer *
find_ringing (GalleyRingingBanner *self)
{
  GListModel *active = galley_timer_manager_get_active (self->manager);
  gint64 now = galley_clock_get_wall_ms (galley_timer_manager_get_clock (self->manager));

  /* The manager lists ringing timers first, the one ringing longest first. */
  for (guint i = 0; i < g_list_model_get_n_items (active); i++)
    {
      g_autoptr(GalleyTimer) timer = g_list_model_get_item (active, i);

      if (galley_timer_is_finished_at (timer, now))
        return timer;
    }

  return NULL;
}

static void
update (GalleyRingingBanner *self)
{
  GalleyTimer *timer = find_ringing (self);
  guint ringing = galley_timer_manager_count_ringing (self->manager);

  g_clear_pointer (&self->timer_id, g_free);

  if (timer != NULL)
    {
      const char *label = galley_timer_get_label (timer);
      g_autofree char *title = NULL;

      self->timer_id = g_strdup (galley_timer_get_id (timer));
      if (ringing > 1)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s is done, and %u more timer",
                                              "%s is done, and %u more timers", ringing - 1),
                                 label ? label : _("A timer"), ringing - 1);
      else
        title = g_strdup_printf (_("%s is done"), label ? label : _("A timer"));
      gtk_label_set_text (GTK_LABEL (self->title), title);
    }

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), timer != NULL);
}

static void
on_dismiss_clicked (GalleyRingingBanner *self)
{
  if (self->timer_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.dismiss-timer", "s", self->timer_id);
}

static void
on_add_clicked (GalleyRingingBanner *self)
{
  if (self->timer_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.add-minute", "s", self->timer_id);
}

GtkWidget *
galley_ringing_banner_new (GalleyTimerManager *manager)
{
  GalleyRingingBanner *self;
  GtkWidget *box, *icon, *add, *dismiss;

  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (manager), NULL);

  self = g_object_new (GALLEY_TYPE_RINGING_BANNER, NULL);
  self->manager = g_object_ref (manager);

  self->revealer = gtk_revealer_new ();
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "ringing-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timer done"), -1);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);

  icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  gtk_box_append (GTK_BOX (box), icon);

  self->title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (box), self->title);

  add = galley_mnemonic_button_new (_("_+1 Minute"));
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked), self);
  gtk_box_append (GTK_BOX (box), add);

  dismiss = galley_mnemonic_button_new (_("_Dismiss"));
  gtk_widget_add_css_class (dismiss, "suggested-action");
  g_signal_connect_swapped (dismiss, "clicked", G_CALLBACK (on_dismiss_clicked), self);
  gtk_box_append (GTK_BOX (box), dismiss);

  g_signal_connect_object (manager, "timer-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "timer-finished", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

static void
galley_ringing_banner_dispose (GObject *object)
{
  GalleyRingingBanner *self = (GalleyRingingBanner *)object;

  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->timer_id, g_free);

  G_OBJECT_CLASS (galley_ringing_banner_parent_class)->dispose (object);
}

static void
galley_ringing_banner_class_init (GalleyRingingBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = galley_ringing_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ringingbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
galley_ringing_banner_init (GalleyRingingBanner *self)
{
}
