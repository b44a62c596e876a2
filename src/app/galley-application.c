/* galley-application.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-application"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-application.h"
#include "galley-bundled-recipes.h"
#include "galley-window.h"

struct _GalleyApplication
{
  AdwApplication parent_instance;

  GalleyLibrary *library;
  GError *library_error;
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

static GalleyWindow *
get_window (GalleyApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (galley_window_new (self));

  return GALLEY_WINDOW (window);
}

static void
galley_application_startup (GApplication *app)
{
  GalleyApplication *self = GALLEY_APPLICATION (app);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (galley_application_parent_class)->startup (app);

  g_set_application_name (_("Galley"));
  gtk_window_set_default_icon_name (APP_ID);

  path = galley_library_default_path ();
  self->library = galley_library_open (path, &self->library_error);

  if (self->library != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Bundled recipes are a welcome, not a fixture: they are added once,
       * and a recipe the user deletes stays deleted. */
      if (!galley_bundled_recipes_seed (self->library, &error))
        g_warning ("Could not add the bundled recipes: %s", error->message);
    }
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
galley_application_dispose (GObject *object)
{
  GalleyApplication *self = (GalleyApplication *)object;

  g_clear_object (&self->library);
  g_clear_error (&self->library_error);

  G_OBJECT_CLASS (galley_application_parent_class)->dispose (object);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
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

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
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
}

static void
galley_application_init (GalleyApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
}
