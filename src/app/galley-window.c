/* galley-window.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "galley-duration-format.h"
#include "galley-accessibility.h"
#include "galley-cooking-view.h"
#include "galley-importer.h"
#include "galley-recipe-view.h"
#include "galley-ringing-banner.h"
#include "galley-timers-indicator.h"
#include "galley-web-importer.h"
#include "galley-window.h"

struct _GalleyWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkBox *main_box;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  AdwBin *sidebar_timers;
  AdwBin *content_timers;
  GtkWidget *cook_button;
  GtkWidget *banner;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack *sidebar_stack;
  GtkListView *recipe_list;
  AdwWindowTitle *content_title;
  GtkMenuButton *recipe_menu_button;
  GtkStack *content_stack;

  /* Built the first time they are needed: a window that starts with a
   * long list shows its first frame sooner without them. */
  GtkScrolledWindow *recipe_scroller;
  GalleyRecipeView *recipe_view;

  GalleyLibrary *library;
  GalleyDisplayTick *tick;
  GtkWidget *cooking_view;
  GSettings *settings;
  SoupSession *soup_session;
  GCancellable *cancellable;

  /* The list: every recipe's summary, filtered by the search's matches. */
  GListStore *recipes;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GHashTable *matches;
  guint load_rest_id;
  gboolean rest_pending;

  GalleyRecipe *recipe;
};

G_DEFINE_FINAL_TYPE (GalleyWindow, galley_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_toast (GalleyWindow *self,
            const char   *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
create_status_page (const char *icon_name,
                    const char *title,
                    const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  gtk_widget_add_css_class (page, "compact");

  return page;
}

static void
show_sidebar_page (GalleyWindow *self,
                   const char   *name)
{
  GtkWidget *page;

  if (gtk_stack_get_child_by_name (self->sidebar_stack, name) == NULL)
    {
      if (g_str_equal (name, "no-results"))
        page = create_status_page ("system-search-symbolic", _("No Results Found"), _("Try a different search"));
      else if (g_str_equal (name, "empty"))
        {
          GtkWidget *button = galley_mnemonic_button_new (_("_Import Recipe…"));

          page = create_status_page ("document-open-symbolic", _("No Recipes"),
                                     _("Import a recipe file or a page from the web"));
          gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
          gtk_widget_add_css_class (button, "pill");
          gtk_widget_add_css_class (button, "suggested-action");
          adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
        }
      else
        {
          GalleyApplication *app = GALLEY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
          const GError *error = app ? galley_application_get_library_error (app) : NULL;

          page = create_status_page ("dialog-error-symbolic", _("Could Not Open Your Recipes"),
                                     error ? error->message : NULL);
        }

      gtk_stack_add_named (self->sidebar_stack, page, name);
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, name);
}

static void
update_sidebar_page (GalleyWindow *self)
{
  if (self->library == NULL)
    show_sidebar_page (self, "error");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->recipes)) == 0)
    show_sidebar_page (self, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    show_sidebar_page (self, "no-results");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
}

static void
ensure_recipe_page (GalleyWindow *self)
{
  GtkWidget *clamp;

  if (self->recipe_view != NULL)
    return;

  self->recipe_view = GALLEY_RECIPE_VIEW (galley_recipe_view_new (self->tick));
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->recipe_view));

  self->recipe_scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->recipe_scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->recipe_scroller, clamp);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->recipe_scroller), "recipe");
}

static void select_recipe_in_list (GalleyWindow *self,
                                   const char   *id);

static void
reload_recipes (GalleyWindow *self)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  if (self->library == NULL)
    return;

  g_clear_handle_id (&self->load_rest_id, g_source_remove);
  self->rest_pending = FALSE;

  summaries = galley_library_list_summaries (self->library, &error);
  if (summaries == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  g_list_store_splice (self->recipes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->recipes)),
                       summaries->pdata, summaries->len);
  update_sidebar_page (self);
}

static gboolean
load_rest (gpointer user_data)
{
  GalleyWindow *self = user_data;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GError) error = NULL;
  guint loaded = g_list_model_get_n_items (G_LIST_MODEL (self->recipes));

  self->load_rest_id = 0;

  rest = galley_library_list_summaries_range (self->library, loaded, -1, &error);
  if (rest == NULL)
    {
      show_toast (self, error->message);
      return G_SOURCE_REMOVE;
    }

  g_list_store_splice (self->recipes, loaded, 0, rest->pdata, rest->len);
  if (self->recipe != NULL)
    select_recipe_in_list (self, galley_recipe_get_id (self->recipe));

  return G_SOURCE_REMOVE;
}

/* About a screenful at a laptop's window height; the rest is read once the
 * window is on screen, a moment later. Every row built before the first
 * frame is text to measure and draw before anything shows. */
#define FIRST_PAGE 16

static void
load_first_page (GalleyWindow *self)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;

  if (self->library == NULL)
    return;

  first = galley_library_list_summaries_range (self->library, 0, FIRST_PAGE, &error);
  if (first == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  g_list_store_splice (self->recipes, 0, 0, first->pdata, first->len);
  update_sidebar_page (self);

  self->rest_pending = first->len == FIRST_PAGE;
}

static void
load_rest_after_paint (GdkFrameClock *clock,
                       GalleyWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, load_rest_after_paint, self);

  if (self->rest_pending)
    {
      self->rest_pending = FALSE;
      self->load_rest_id = g_idle_add_full (G_PRIORITY_LOW, load_rest, self, NULL);
    }
}

static void
galley_window_map (GtkWidget *widget)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);

  GTK_WIDGET_CLASS (galley_window_parent_class)->map (widget);

  /* The rest of a long list is read once the first frame is on screen. */
  if (self->rest_pending)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (load_rest_after_paint), self, 0);
}

static gboolean
recipe_matches (gpointer item,
                gpointer user_data)
{
  GalleyWindow *self = user_data;

  return self->matches == NULL ||
         g_hash_table_contains (self->matches, galley_recipe_summary_get_id (item));
}

static void
select_recipe_in_list (GalleyWindow *self,
                       const char   *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GalleyRecipeSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (g_strcmp0 (galley_recipe_summary_get_id (summary), id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
show_recipe (GalleyWindow *self,
             GalleyRecipe *recipe)
{
  g_set_object (&self->recipe, recipe);

  if (recipe == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      gtk_widget_set_visible (GTK_WIDGET (self->recipe_menu_button), FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      if (self->recipe_view != NULL)
        galley_recipe_view_set_recipe (self->recipe_view, NULL);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      return;
    }

  ensure_recipe_page (self);
  galley_recipe_view_set_recipe (self->recipe_view, recipe);
  adw_window_title_set_title (self->content_title, galley_recipe_get_title (recipe));
  gtk_widget_set_visible (GTK_WIDGET (self->recipe_menu_button), TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "recipe");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->recipe_scroller), 0);
  g_settings_set_string (self->settings, "last-recipe", galley_recipe_get_id (recipe));
}

/**
 * galley_window_open_recipe:
 * @id: a recipe's id
 *
 * Shows the recipe and, when only one pane fits, navigates to it.
 *
 * Returns: %TRUE if the recipe exists and is shown
 */
gboolean
galley_window_open_recipe (GalleyWindow *self,
                           const char   *id)
{
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GALLEY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->library == NULL)
    return FALSE;

  recipe = galley_library_load_recipe (self->library, id, &error);
  if (recipe == NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }

  show_recipe (self, recipe);
  select_recipe_in_list (self, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  return TRUE;
}

static void
on_recipe_activated (GalleyWindow *self,
                     guint         position)
{
  g_autoptr(GalleyRecipeSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (summary != NULL)
    galley_window_open_recipe (self, galley_recipe_summary_get_id (summary));
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
on_search_changed (GalleyWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->matches, g_hash_table_unref);

  if (self->library != NULL && !is_blank (text))
    {
      ids = galley_library_search (self->library, text, &error);
      if (ids == NULL)
        show_toast (self, error->message);
      else
        {
          self->matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < ids->len; i++)
            g_hash_table_add (self->matches, g_strdup (g_ptr_array_index (ids, i)));
        }
    }

  /* No filter at all while not searching: a custom filter makes the model
   * look at every recipe, which a long list does not need. */
  if (self->matches == NULL)
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  else if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  update_sidebar_page (self);
}

static void
on_search_activate (GalleyWindow *self)
{
  /* The entry reports changes after a short delay; whoever types and
   * presses Enter at once means the recipe matching what they typed. */
  on_search_changed (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    on_recipe_activated (self, 0);
}

static void
on_stop_search (GalleyWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_back_clicked (GalleyWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* One label of two lines per row, the second smaller and dimmer: a list
 * row is built for every one of the first two hundred recipes when the
 * window opens, so each widget less counts. */
static void
list_item_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
list_item_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GalleyRecipeSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *markup = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;
  gint64 total = galley_recipe_summary_get_total_time_s (summary);
  const char *tags = galley_recipe_summary_get_tags (summary);

  if (total > 0)
    {
      g_autofree char *duration = galley_duration_format_short (total, 0);
      g_string_append (subtitle, duration);
    }
  if (tags != NULL && *tags != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", tags);

  escaped_title = g_markup_escape_text (galley_recipe_summary_get_title (summary), -1);
  if (subtitle->len == 0)
    {
      gtk_label_set_markup (GTK_LABEL (label), escaped_title);
      return;
    }

  escaped_subtitle = g_markup_escape_text (subtitle->str, -1);
  markup = g_strdup_printf ("%s\n<span size=\"small\" alpha=\"55%%\">%s</span>",
                            escaped_title, escaped_subtitle);
  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static void
import_one (GalleyWindow *self,
            GFile        *file,
            char        **imported_id)
{
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  recipe = galley_import_file (file, NULL, &warnings, &error);
  if (recipe == NULL || !galley_library_save_recipe (self->library, recipe, &error))
    {
      /* Translators: %s is a file name, then the reason */
      message = g_strdup_printf (_("Could not import “%s”: %s"), name, error->message);
      show_toast (self, message);
      return;
    }

  if (warnings != NULL)
    message = g_strdup_printf (ngettext ("Imported “%s”; %u part could not be read",
                                         "Imported “%s”; %u parts could not be read",
                                         warnings->len),
                               galley_recipe_get_title (recipe), warnings->len);
  else
    message = g_strdup_printf (_("Imported “%s”"), galley_recipe_get_title (recipe));

  show_toast (self, message);
  g_free (*imported_id);
  *imported_id = g_strdup (galley_recipe_get_id (recipe));
}

/**
 * galley_window_import_files:
 * @files: (array length=n_files): recipe files
 *
 * Imports each file into the library, says in a toast what happened to it,
 * and shows the last recipe imported.
 */
void
galley_window_import_files (GalleyWindow  *self,
                            GFile        **files,
                            guint          n_files)
{
  g_autofree char *last_id = NULL;

  g_return_if_fail (GALLEY_IS_WINDOW (self));

  if (self->library == NULL)
    return;

  for (guint i = 0; i < n_files; i++)
    import_one (self, files[i], &last_id);

  if (last_id != NULL)
    {
      reload_recipes (self);
      galley_window_open_recipe (self, last_id);
    }
}

static void
file_chooser_response (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  GalleyWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));

      galley_window_import_files (self, (GFile **)files->pdata, files->len);
    }

  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Recipes"));
  gtk_file_filter_add_pattern (filter, "*.cook");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.jsonld");
  gtk_file_filter_add_pattern (filter, "*.html");
  gtk_file_filter_add_pattern (filter, "*.htm");
  gtk_file_filter_add_mime_type (filter, "text/x-cooklang");
  gtk_file_filter_add_mime_type (filter, "application/ld+json");
  gtk_file_filter_add_mime_type (filter, "text/html");

  chooser = gtk_file_chooser_native_new (_("Import Recipe"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  GalleyWindow *window;
  AdwToast *progress;
} WebImportRequest;

static void
web_import_ready (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WebImportRequest *request = user_data;
  g_autoptr(GalleyWindow) self = request->window;
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  adw_toast_dismiss (request->progress);
  g_object_unref (request->progress);
  g_free (request);

  recipe = galley_web_import_finish (result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (recipe == NULL || !galley_library_save_recipe (self->library, recipe, &error))
    {
      message = g_strdup_printf (_("Could not import the page: %s"), error->message);
      show_toast (self, message);
      return;
    }

  message = g_strdup_printf (_("Imported “%s”"), galley_recipe_get_title (recipe));
  show_toast (self, message);
  reload_recipes (self);
  galley_window_open_recipe (self, galley_recipe_get_id (recipe));
}

static void
web_dialog_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  GalleyWindow *self = user_data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  WebImportRequest *request;

  if (g_strcmp0 (response, "import") != 0 || self->library == NULL)
    return;

  url = galley_web_import_normalize_url (gtk_editable_get_text (entry), &error);
  if (url == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  request = g_new0 (WebImportRequest, 1);
  request->window = g_object_ref (self);
  request->progress = g_object_ref (adw_toast_new (_("Importing from the web…")));
  adw_toast_set_timeout (request->progress, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (request->progress));

  if (self->soup_session == NULL)
    self->soup_session = soup_session_new_with_options ("user-agent", "Galley/" PACKAGE_VERSION, NULL);

  galley_web_import_async (self->soup_session, url, self->cancellable,
                           web_import_ready, request);
}

static void
import_web_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import from Web"),
                                   _("Galley reads the recipe that the page describes for search engines"));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recipe page address"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (web_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* GtkApplicationWindow would build gtk/help-overlay.ui with every window
 * it opens; built on demand, it costs nothing until Ctrl+? is pressed. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/galleykitchen/Galley/galley-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

typedef struct
{
  GalleyWindow *window;
  GalleyRecipe *recipe;
} DeletedRecipe;

static void
deleted_recipe_free (gpointer  data,
                     GClosure *closure)
{
  DeletedRecipe *deleted = data;

  g_object_unref (deleted->window);
  g_object_unref (deleted->recipe);
  g_free (deleted);
}

static void
undo_delete (AdwToast *toast,
             gpointer  user_data)
{
  DeletedRecipe *deleted = user_data;
  GalleyWindow *self = deleted->window;
  g_autoptr(GError) error = NULL;

  if (!galley_library_save_recipe (self->library, deleted->recipe, &error))
    {
      show_toast (self, error->message);
      return;
    }

  reload_recipes (self);
  galley_window_open_recipe (self, galley_recipe_get_id (deleted->recipe));
}

static void
delete_recipe_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  DeletedRecipe *deleted;
  AdwToast *toast;

  if (self->recipe == NULL || self->library == NULL)
    return;

  /* The recipe leaves the library at once, so a crash cannot bring it
   * back; undo writes the copy kept here. */
  if (!galley_library_delete_recipe (self->library, galley_recipe_get_id (self->recipe), &error))
    {
      show_toast (self, error->message);
      return;
    }

  deleted = g_new0 (DeletedRecipe, 1);
  deleted->window = g_object_ref (self);
  deleted->recipe = g_object_ref (self->recipe);

  title = g_strdup_printf (_("“%s” deleted"), galley_recipe_get_title (self->recipe));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete),
                         deleted, deleted_recipe_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  g_settings_set_string (self->settings, "last-recipe", "");
  show_recipe (self, NULL);
  reload_recipes (self);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  GalleyWindow *self = user_data;
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  galley_window_import_files (self, (GFile **)files->pdata, files->len);

  return files->len > 0;
}

/**
 * galley_window_show_error:
 * @message: what went wrong, in the user's terms
 */
void
galley_window_show_error (GalleyWindow *self,
                          const char   *message)
{
  g_return_if_fail (GALLEY_IS_WINDOW (self));
  show_toast (self, message);
}

static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_toast (GALLEY_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/**
 * galley_window_show_ringing:
 * @timer: a timer that just finished
 *
 * The ringing banner shows every ringing timer; when the window has the
 * focus, that is enough and no notification is needed.
 *
 * Returns: %TRUE if the user sees the window, so the banner does
 */
gboolean
galley_window_show_ringing (GalleyWindow *self,
                            GalleyTimer  *timer)
{
  g_return_val_if_fail (GALLEY_IS_WINDOW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self)) && gtk_window_is_active (GTK_WINDOW (self));
}

static GtkWidget *
visible_timers_indicator (GalleyWindow *self)
{
  /* The sidebar's indicator shows only when the panes are folded and the
   * list is the pane on screen. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") != 0)
    return adw_bin_get_child (self->sidebar_timers);

  return adw_bin_get_child (self->content_timers);
}

static void
show_timers_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);
  GtkWidget *indicator;

  if (self->cooking_view != NULL)
    gtk_widget_activate_action (widget, "win.stop-cooking", NULL);

  indicator = visible_timers_indicator (self);
  if (indicator != NULL)
    galley_timers_indicator_popup (GALLEY_TIMERS_INDICATOR (indicator));
}

/**
 * galley_window_show_timer:
 * @timer_id: a timer's id
 *
 * Shows where a timer belongs: its step in its recipe, or the Timers panel
 * for a kitchen timer (or a step timer whose recipe was deleted).
 */
void
galley_window_show_timer (GalleyWindow *self,
                          const char   *timer_id)
{
  g_autofree char *recipe_id = NULL;
  guint section, step;

  g_return_if_fail (GALLEY_IS_WINDOW (self));
  g_return_if_fail (timer_id != NULL);

  if (galley_timer_id_parse_step (timer_id, &recipe_id, &section, &step, NULL) &&
      galley_window_open_recipe (self, recipe_id))
    {
      if (self->cooking_view != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.stop-cooking", NULL);
      galley_recipe_view_scroll_to_step (self->recipe_view, section, step);
      return;
    }

  show_timers_action (GTK_WIDGET (self), NULL, NULL);
}

static void
cook_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);
  GalleyApplication *app = GALLEY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (self->recipe == NULL || self->tick == NULL || self->cooking_view != NULL ||
      galley_recipe_count_steps (self->recipe) == 0)
    return;

  self->cooking_view = galley_cooking_view_new (self->tick, self->recipe, 1);
  gtk_stack_add_named (self->main_stack, self->cooking_view, "cooking");
  gtk_stack_set_visible_child (self->main_stack, self->cooking_view);
  gtk_widget_grab_focus (self->cooking_view);
  galley_application_set_cooking (app, TRUE);
}

static void
stop_cooking_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);
  GalleyApplication *app = GALLEY_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (self->cooking_view == NULL)
    return;

  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  gtk_stack_remove (self->main_stack, self->cooking_view);
  self->cooking_view = NULL;
  galley_application_set_cooking (app, FALSE);
}

typedef struct
{
  GtkWidget *name;
  GtkWidget *minutes;
  GtkWidget *seconds;
} KitchenTimerEntries;

static void
kitchen_timer_response (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  GalleyWindow *self = user_data;
  KitchenTimerEntries *entries = g_object_get_data (G_OBJECT (dialog), "entries");
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 seconds;

  if (g_strcmp0 (response, "start") != 0 || self->tick == NULL)
    return;

  seconds = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (entries->minutes)) * 60 +
            gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (entries->seconds));
  if (seconds <= 0)
    {
      show_toast (self, _("A timer needs a duration"));
      return;
    }

  name = gtk_editable_get_text (GTK_EDITABLE (entries->name));
  id = galley_timer_id_for_kitchen ();
  if (!galley_timer_manager_start (galley_display_tick_get_manager (self->tick), id,
                                   *name != '\0' ? name : _("Kitchen timer"), _("Kitchen timer"),
                                   seconds * 1000, &error))
    show_toast (self, error->message);
}

static GtkWidget *
create_spin (const char *label,
             double      upper,
             double      value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return spin;
}

static void
new_kitchen_timer_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GalleyWindow *self = GALLEY_WINDOW (widget);
  KitchenTimerEntries *entries = g_new0 (KitchenTimerEntries, 1);
  GtkWidget *dialog, *grid, *label;

  if (self->tick == NULL)
    {
      g_free (entries);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Kitchen Timer"),
                                   _("A timer for anything that is not in a recipe"));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  entries->name = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entries->name), _("e.g. Tea"));
  gtk_entry_set_activates_default (GTK_ENTRY (entries->name), TRUE);
  gtk_widget_set_hexpand (entries->name, TRUE);
  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entries->name);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), entries->name, 1, 0, 1, 1);

  entries->minutes = create_spin (_("Minutes"), 24 * 60, 5);
  label = gtk_label_new_with_mnemonic (_("_Minutes"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entries->minutes);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), entries->minutes, 1, 1, 1, 1);

  entries->seconds = create_spin (_("Seconds"), 59, 0);
  label = gtk_label_new_with_mnemonic (_("_Seconds"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entries->seconds);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), entries->seconds, 1, 2, 1, 1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "entries", entries, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (kitchen_timer_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entries->name);
}

/* The start-up benchmark (tests/bench/) sets GALLEY_BENCH_FIRST_FRAME: the
 * app reports when its first frame is painted, and how much memory it holds
 * then, and quits. */
static void
report_first_frame (GdkFrameClock *clock,
                    GtkWidget     *widget)
{
  g_autofree char *status = NULL;
  const char *rss = NULL;

  g_signal_handlers_disconnect_by_func (clock, report_first_frame, widget);

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    rss = strstr (status, "VmRSS:");

  g_print ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("rss-kb %" G_GINT64_FORMAT "\n", rss ? g_ascii_strtoll (rss + strlen ("VmRSS:"), NULL, 10) : 0);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget))));
}

static void
on_map_for_benchmark (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (report_first_frame), widget);
}

static gboolean
galley_window_close_request (GtkWindow *window)
{
  GalleyWindow *self = GALLEY_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (galley_window_parent_class)->close_request (window);
}

/* The banner and the sidebar's timers indicator are built when first
 * needed, when a timer rings and when the panes fold: most starts need
 * neither before the first frame. */
static void
ensure_ringing_banner (GalleyWindow *self)
{
  GalleyTimerManager *manager = galley_display_tick_get_manager (self->tick);

  if (self->banner != NULL)
    return;

  if (galley_timer_manager_count_ringing (manager) == 0)
    {
      g_signal_connect_object (manager, "timer-finished", G_CALLBACK (ensure_ringing_banner),
                               self, G_CONNECT_SWAPPED);
      return;
    }

  g_signal_handlers_disconnect_by_func (manager, ensure_ringing_banner, self);
  self->banner = galley_ringing_banner_new (manager);
  gtk_box_prepend (self->main_box, self->banner);
}

static void
ensure_sidebar_timers (GalleyWindow *self)
{
  if (adw_bin_get_child (self->sidebar_timers) != NULL)
    return;

  if (!adw_leaflet_get_folded (self->leaflet))
    {
      g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (ensure_sidebar_timers),
                               self, G_CONNECT_SWAPPED);
      return;
    }

  g_signal_handlers_disconnect_by_func (self->leaflet, ensure_sidebar_timers, self);
  adw_bin_set_child (self->sidebar_timers, galley_timers_indicator_new (self->tick));
}

/* Called once the window belongs to the application: "application" is not
 * a construct property, so it is not set yet in constructed(). */
static void
load_library (GalleyWindow      *self,
              GalleyApplication *app)
{
  g_autofree char *last = NULL;

  self->library = galley_application_get_library (app);
  if (self->library != NULL)
    {
      g_object_ref (self->library);
      self->tick = g_object_ref (galley_application_get_display_tick (app));

      adw_bin_set_child (self->content_timers, galley_timers_indicator_new (self->tick));
      ensure_sidebar_timers (self);
      ensure_ringing_banner (self);
    }

  load_first_page (self);
  update_sidebar_page (self);

  last = g_settings_get_string (self->settings, "last-recipe");
  if (*last != '\0' && self->library != NULL)
    {
      g_autoptr(GalleyRecipe) recipe = galley_library_load_recipe (self->library, last, NULL);

      /* Back where the user left off, without jumping away from the list
       * when only one pane fits. */
      if (recipe != NULL)
        {
          show_recipe (self, recipe);
          select_recipe_in_list (self, last);
        }
    }
}

static void
galley_window_dispose (GObject *object)
{
  GalleyWindow *self = (GalleyWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->load_rest_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GALLEY_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->soup_session);
  g_clear_object (&self->recipe);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->library);
  g_clear_object (&self->tick);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  G_OBJECT_CLASS (galley_window_parent_class)->dispose (object);
}

static void
galley_window_class_init (GalleyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = galley_window_dispose;
  window_class->close_request = galley_window_close_request;
  widget_class->map = galley_window_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/galleykitchen/Galley/galley-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, sidebar_timers);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, content_timers);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, cook_button);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, recipe_list);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, recipe_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GalleyWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_recipe_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-web", NULL, import_web_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.delete-recipe", NULL, delete_recipe_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s", show_error_action);
  gtk_widget_class_install_action (widget_class, "win.show-timers", NULL, show_timers_action);
  gtk_widget_class_install_action (widget_class, "win.new-kitchen-timer", NULL, new_kitchen_timer_action);
  gtk_widget_class_install_action (widget_class, "win.cook", NULL, cook_action);
  gtk_widget_class_install_action (widget_class, "win.stop-cooking", NULL, stop_cooking_action);
}

static void
galley_window_init (GalleyWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  galley_mnemonic_button_fix (self->cook_button);

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->recipes = g_list_store_new (GALLEY_TYPE_RECIPE_SUMMARY);
  self->filter = gtk_custom_filter_new (recipe_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->recipes), NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (list_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (list_item_bind), NULL);
  gtk_list_view_set_factory (self->recipe_list, factory);
  gtk_list_view_set_model (self->recipe_list, GTK_SELECTION_MODEL (self->selection));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  if (g_getenv ("GALLEY_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (self, "map", G_CALLBACK (on_map_for_benchmark), NULL);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GalleyWindow *
galley_window_new (GalleyApplication *application)
{
  GalleyWindow *self;

  g_return_val_if_fail (GALLEY_IS_APPLICATION (application), NULL);

  self = g_object_new (GALLEY_TYPE_WINDOW, "application", application, NULL);
  load_library (self, application);

  return self;
}
