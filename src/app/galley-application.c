/* galley-application.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-application"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-alarm.h"
#include "galley-application.h"
#include "galley-bundled-recipes.h"
#include "galley-window.h"

struct _GalleyApplication
{
  AdwApplication parent_instance;

  GalleyLibrary *library;
  GError *library_error;
  GSettings *settings;
  GalleyTimerManager *timers;
  GalleyDisplayTick *tick;
  GalleyAlarm *alarm;

  /* Kept alive (and the window hidden rather than closed) while a timer
   * runs or rings, so closing the window never silences a timer. */
  gboolean holding;
  /* The screen stays on and the machine awake while cooking or while a
   * timer runs. */
  guint inhibit_cookie;
  gboolean cooking;
};

G_DEFINE_FINAL_TYPE (GalleyApplication, galley_application, ADW_TYPE_APPLICATION)

GalleyApplication *
galley_application_new (void)
{
  return g_object_new (GALLEY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/galleykitchen/Galley",
                       NULL);
}

/**
 * galley_application_get_library:
 *
 * Returns: (transfer none) (nullable): the recipe library, or %NULL if it
 *   could not be opened (see galley_application_get_library_error())
 */
GalleyLibrary *
galley_application_get_library (GalleyApplication *self)
{
  g_return_val_if_fail (GALLEY_IS_APPLICATION (self), NULL);
  return self->library;
}

const GError *
galley_application_get_library_error (GalleyApplication *self)
{
  g_return_val_if_fail (GALLEY_IS_APPLICATION (self), NULL);
  return self->library_error;
}

/**
 * galley_application_get_timers:
 *
 * Returns: (transfer none) (nullable): the timers, or %NULL when the
 *   library could not be opened
 */
GalleyTimerManager *
galley_application_get_timers (GalleyApplication *self)
{
  g_return_val_if_fail (GALLEY_IS_APPLICATION (self), NULL);
  return self->timers;
}

/**
 * galley_application_get_display_tick:
 *
 * Returns: (transfer none) (nullable): the tick every countdown on screen
 *   shares
 */
GalleyDisplayTick *
galley_application_get_display_tick (GalleyApplication *self)
{
  g_return_val_if_fail (GALLEY_IS_APPLICATION (self), NULL);
  return self->tick;
}

static GalleyWindow *
get_window (GalleyApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (GALLEY_IS_WINDOW (l->data))
      return l->data;

  return galley_window_new (self);
}

static void
update_inhibit (GalleyApplication *self)
{
  gboolean want = self->cooking ||
                  (self->timers != NULL && galley_timer_manager_count_running (self->timers) > 0);

  if (want && self->inhibit_cookie == 0)
    self->inhibit_cookie =
      gtk_application_inhibit (GTK_APPLICATION (self),
                               gtk_application_get_active_window (GTK_APPLICATION (self)),
                               GTK_APPLICATION_INHIBIT_SUSPEND | GTK_APPLICATION_INHIBIT_IDLE,
                               self->cooking ? _("Cooking") : _("Timers are running"));
  else if (!want && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (GTK_APPLICATION (self), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

void
galley_application_set_cooking (GalleyApplication *self,
                                gboolean           cooking)
{
  g_return_if_fail (GALLEY_IS_APPLICATION (self));

  self->cooking = !!cooking;
  update_inhibit (self);
}

static void
update_hold (GalleyApplication *self)
{
  gboolean want = galley_timer_manager_count_running (self->timers) > 0 ||
                  galley_timer_manager_count_ringing (self->timers) > 0;
  GList *windows;

  if (want == self->holding)
    return;

  self->holding = want;

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_set_hide_on_close (l->data, want);

  if (want)
    {
      g_application_hold (G_APPLICATION (self));
      return;
    }

  /* The last timer is done: a window the user closed while it ran was only
   * hidden; now it really closes, and Galley with it. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (!gtk_widget_get_visible (l->data))
      gtk_window_destroy (l->data);
  g_list_free (windows);

  g_application_release (G_APPLICATION (self));
}

static void
on_timers_changed (GalleyApplication *self)
{
  update_hold (self);
  update_inhibit (self);
}

static gboolean
on_ring_in_window (GalleyApplication *self,
                   GalleyTimer       *timer)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL || !GALLEY_IS_WINDOW (window))
    return FALSE;

  return galley_window_show_ringing (GALLEY_WINDOW (window), timer);
}

static void
galley_application_startup (GApplication *app)
{
  GalleyApplication *self = GALLEY_APPLICATION (app);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (galley_application_parent_class)->startup (app);

  g_set_application_name (_("Galley"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  {
    g_autoptr(GAction) play_sound = g_settings_create_action (self->settings, "play-sound");
    g_action_map_add_action (G_ACTION_MAP (self), play_sound);
  }

  path = galley_library_default_path ();
  self->library = galley_library_open (path, &self->library_error);
  if (self->library == NULL)
    return;

  /* Bundled recipes are a welcome, not a fixture: they are added once,
   * and a recipe the user deletes stays deleted. */
  if (!galley_bundled_recipes_seed (self->library, &error))
    g_warning ("Could not add the bundled recipes: %s", error->message);

  self->timers = galley_timer_manager_new (self->library, galley_clock_get_system (), &self->library_error);
  if (self->timers == NULL)
    {
      g_clear_object (&self->library);
      return;
    }

  self->tick = galley_display_tick_new (self->timers);
  self->alarm = galley_alarm_new (app, self->timers, self->settings);
  g_signal_connect_object (self->alarm, "ring-in-window", G_CALLBACK (on_ring_in_window), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timers, "timer-changed", G_CALLBACK (on_timers_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timers, "timer-finished", G_CALLBACK (on_timers_changed), self, G_CONNECT_SWAPPED);

  /* Timers that finished while Galley was closed ring now, once. */
  galley_timer_manager_run (self->timers);
  on_timers_changed (self);
}

static void
galley_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (GALLEY_APPLICATION (app))));
}

static void
galley_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  GalleyWindow *window = get_window (GALLEY_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  galley_window_import_files (window, files, n_files);
}

static void
galley_application_shutdown (GApplication *app)
{
  GalleyApplication *self = GALLEY_APPLICATION (app);

  if (self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (GTK_APPLICATION (self), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }

  G_APPLICATION_CLASS (galley_application_parent_class)->shutdown (app);
}

static void
galley_application_dispose (GObject *object)
{
  GalleyApplication *self = (GalleyApplication *)object;

  g_clear_object (&self->alarm);
  g_clear_object (&self->tick);
  g_clear_object (&self->timers);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_error (&self->library_error);

  G_OBJECT_CLASS (galley_application_parent_class)->dispose (object);
}

static void
quit_response (AdwMessageDialog *dialog,
               const char       *response,
               gpointer          user_data)
{
  if (g_strcmp0 (response, "quit") == 0)
    g_application_quit (G_APPLICATION (user_data));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GalleyApplication *self = user_data;
  GtkWindow *window = GTK_WINDOW (get_window (self));
  guint running;
  GtkWidget *dialog;

  running = self->timers ? galley_timer_manager_count_running (self->timers) +
                           galley_timer_manager_count_ringing (self->timers) : 0;
  if (running == 0)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  /* Running timers survive a restart, but a closed Galley cannot ring. */
  gtk_window_present (window);
  dialog = adw_message_dialog_new (window,
                                   g_dngettext (GETTEXT_PACKAGE, "Quit With a Timer Running?",
                                                "Quit With Timers Running?", running),
                                   _("Galley keeps your timers, but cannot ring while it is closed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "quit", _("_Quit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (quit_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GalleyApplication *self = user_data;
  const char *developers[] = { _("The Galley developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Galley"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Galley developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/galleykitchen/galley",
                        "issue-url", "https://github.com/galleykitchen/galley/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Galley developers",
                        /* Translators: credit yourself here, one name per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The notification's buttons: they work with no window open, since D-Bus
 * activation starts Galley just to run them. */
static void
timer_action_failed (GalleyApplication *self,
                     GError            *error)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  if (windows != NULL && GALLEY_IS_WINDOW (windows->data))
    galley_window_show_error (GALLEY_WINDOW (windows->data), error->message);
  else
    g_debug ("Timer action: %s", error->message);
}

typedef gboolean (*TimerAction) (GalleyTimerManager  *manager,
                                 const char          *id,
                                 GError             **error);

static void
run_timer_action (GalleyApplication *self,
                  TimerAction        action,
                  GVariant          *parameter)
{
  g_autoptr(GError) error = NULL;

  if (self->timers != NULL && !action (self->timers, g_variant_get_string (parameter, NULL), &error))
    timer_action_failed (self, error);
}

static void
dismiss_timer_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  run_timer_action (user_data, galley_timer_manager_dismiss, parameter);
}

static void
pause_timer_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  run_timer_action (user_data, galley_timer_manager_pause, parameter);
}

static void
resume_timer_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  run_timer_action (user_data, galley_timer_manager_resume, parameter);
}

static void
reset_timer_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  run_timer_action (user_data, galley_timer_manager_reset, parameter);
}

static void
add_minute_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GalleyApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->timers != NULL &&
      !galley_timer_manager_add (self->timers, g_variant_get_string (parameter, NULL), 60 * 1000, &error))
    timer_action_failed (self, error);
}

static void
show_timer_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GalleyApplication *self = user_data;
  GalleyWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  galley_window_show_timer (window, g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "dismiss-timer", .activate = dismiss_timer_activated, .parameter_type = "s" },
  { .name = "pause-timer", .activate = pause_timer_activated, .parameter_type = "s" },
  { .name = "resume-timer", .activate = resume_timer_activated, .parameter_type = "s" },
  { .name = "reset-timer", .activate = reset_timer_activated, .parameter_type = "s" },
  { .name = "add-minute", .activate = add_minute_activated, .parameter_type = "s" },
  { .name = "show-timer", .activate = show_timer_activated, .parameter_type = "s" },
};

static void
galley_application_class_init (GalleyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = galley_application_dispose;

  app_class->startup = galley_application_startup;
  app_class->activate = galley_application_activate;
  app_class->open = galley_application_open;
  app_class->shutdown = galley_application_shutdown;
}

static void
galley_application_init (GalleyApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *timers_accels[] = { "<Control>t", NULL };
  static const char *kitchen_timer_accels[] = { "<Control>n", NULL };
  static const char *cook_accels[] = { "<Control>Return", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-timers", timers_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-kitchen-timer", kitchen_timer_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.cook", cook_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}
