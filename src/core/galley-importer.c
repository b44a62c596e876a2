/* galley-importer.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "galley-cooklang.h"
#include "galley-duration-detector.h"
#include "galley-error.h"
#include "galley-importer.h"
#include "galley-jsonld.h"
#include "galley-recipe-json.h"

/* The one way into the library for recipes from outside: the app's file
 * chooser, drag and drop, the command line, Import from Web, and later the
 * server's POST /recipes all come through here, so every recipe gets the same
 * checks, the same timer detection and the same labels. */

static const char *
skip_whitespace (const char *data,
                 gsize       length,
                 gsize      *offset)
{
  gsize i = 0;

  /* A UTF-8 byte order mark is whitespace for this purpose. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  *offset = i;
  return data + i;
}

static gboolean
looks_like_recipe_json (const char *data,
                        gsize       length)
{
  g_autofree char *head = g_strndup (data, MIN (length, 4096));

  /* JSON-LD always names its @context or @type near the top; recipe JSON
   * v1 never does and always has sections. */
  return strstr (head, "\"@context\"") == NULL &&
         strstr (head, "\"@type\"") == NULL &&
         strstr (head, "\"@graph\"") == NULL &&
         g_strstr_len (data, length, "\"sections\"") != NULL;
}

/**
 * galley_recipe_format_guess:
 * @filename: (nullable): the file's name, for its extension
 * @content_type: (nullable): a MIME type, e.g. from HTTP
 * @data: the first bytes of the content
 * @length: how many bytes of @data there are
 *
 * Returns: the format @data is most likely in
 */
GalleyRecipeFormat
galley_recipe_format_guess (const char *filename,
                            const char *content_type,
                            const char *data,
                            gsize       length)
{
  const char *start;
  gsize offset;

  g_return_val_if_fail (data != NULL || length == 0, GALLEY_RECIPE_FORMAT_UNKNOWN);

  if (filename != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (filename, -1);

      if (g_str_has_suffix (lower, ".cook"))
        return GALLEY_RECIPE_FORMAT_COOKLANG;
      if (g_str_has_suffix (lower, ".jsonld"))
        return GALLEY_RECIPE_FORMAT_JSONLD;
      if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
        return GALLEY_RECIPE_FORMAT_HTML;
    }

  if (content_type != NULL)
    {
      if (g_str_has_prefix (content_type, "text/x-cooklang"))
        return GALLEY_RECIPE_FORMAT_COOKLANG;
      if (g_str_has_prefix (content_type, "application/ld+json"))
        return GALLEY_RECIPE_FORMAT_JSONLD;
      if (g_str_has_prefix (content_type, "text/html") ||
          g_str_has_prefix (content_type, "application/xhtml+xml"))
        return GALLEY_RECIPE_FORMAT_HTML;
    }

  start = skip_whitespace (data, length, &offset);
  if (offset == length)
    return GALLEY_RECIPE_FORMAT_UNKNOWN;

  if (*start == '<')
    return GALLEY_RECIPE_FORMAT_HTML;

  if (*start == '{' || *start == '[')
    return looks_like_recipe_json (start, length - offset)
             ? GALLEY_RECIPE_FORMAT_RECIPE_JSON
             : GALLEY_RECIPE_FORMAT_JSONLD;

  /* A .json file that is not JSON, or a file with no extension: Cooklang
   * is plain text, so plain text is read as Cooklang. */
  return GALLEY_RECIPE_FORMAT_COOKLANG;
}

/* Every step gets the timers its text mentions, beyond the explicit ones the
 * format gave, and every timer gets a label for notifications. */
static void
complete_timers (GalleyRecipe *recipe)
{
  GPtrArray *sections = galley_recipe_get_sections (recipe);

  for (guint i = 0; i < sections->len; i++)
    {
      GPtrArray *steps = galley_section_get_steps (g_ptr_array_index (sections, i));

      for (guint j = 0; j < steps->len; j++)
        {
          GalleyStep *step = g_ptr_array_index (steps, j);
          GPtrArray *timers;

          galley_step_detect_timers (step);

          timers = galley_step_get_timers (step);
          for (guint k = 0; k < timers->len; k++)
            {
              GalleyStepTimer *timer = g_ptr_array_index (timers, k);

              if (galley_step_timer_get_label (timer) == NULL)
                {
                  g_autofree char *label =
                    galley_timer_label_for (galley_step_get_text (step),
                                            galley_step_timer_get_start (timer));
                  galley_step_timer_set_label (timer, label);
                }
            }
        }
    }
}

/**
 * galley_import_recipe:
 * @data: the recipe as it came, any bytes
 * @length: the length of @data
 * @format: its format, e.g. from galley_recipe_format_guess()
 * @fallback_title: (nullable): a title for formats that may lack one
 * @warnings: (out) (optional) (element-type utf8): what could not be read
 *
 * Returns: (transfer full) (nullable): a complete recipe with an id and its
 *   timers, or %NULL with @error saying why in the user's terms
 */
GalleyRecipe *
galley_import_recipe (const char          *data,
                      gsize                length,
                      GalleyRecipeFormat   format,
                      const char          *fallback_title,
                      GPtrArray          **warnings,
                      GError             **error)
{
  g_autoptr(GPtrArray) found_warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GalleyRecipe) recipe = NULL;
  guint max_bytes;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;

  max_bytes = format == GALLEY_RECIPE_FORMAT_HTML ? GALLEY_IMPORT_MAX_HTML_BYTES : GALLEY_IMPORT_MAX_BYTES;
  if (length > max_bytes)
    {
      g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_LARGE,
                   _("The recipe is larger than %u MiB"), max_bytes / (1024 * 1024));
      return NULL;
    }

  switch (format)
    {
    case GALLEY_RECIPE_FORMAT_COOKLANG:
      {
        g_autoptr(GPtrArray) w = NULL;

        recipe = galley_cooklang_parse (data, length, fallback_title, &w, error);
        if (w != NULL)
          g_ptr_array_extend_and_steal (found_warnings, g_steal_pointer (&w));
      }
      break;

    case GALLEY_RECIPE_FORMAT_JSONLD:
    case GALLEY_RECIPE_FORMAT_HTML:
      {
        g_autoptr(GPtrArray) w = NULL;

        if (format == GALLEY_RECIPE_FORMAT_HTML)
          recipe = galley_jsonld_parse_html (data, length, &w, error);
        else
          recipe = galley_jsonld_parse (data, length, &w, error);
        if (w != NULL)
          g_ptr_array_extend_and_steal (found_warnings, g_steal_pointer (&w));
      }
      break;

    case GALLEY_RECIPE_FORMAT_RECIPE_JSON:
      recipe = galley_recipe_from_json (data, length, error);
      break;

    case GALLEY_RECIPE_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not a recipe format Galley can read"));
      return NULL;
    }

  if (recipe == NULL)
    return NULL;

  if (galley_recipe_count_steps (recipe) == 0)
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE,
                           _("The recipe has no steps"));
      return NULL;
    }

  if (galley_recipe_get_id (recipe) == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      galley_recipe_set_id (recipe, id);
    }

  complete_timers (recipe);

  if (warnings != NULL && found_warnings->len > 0)
    *warnings = g_steal_pointer (&found_warnings);

  return g_steal_pointer (&recipe);
}

/* "roast-chicken_with lemon.cook" → "Roast chicken with lemon" */
static char *
title_from_filename (const char *basename)
{
  g_autofree char *title = g_strdup (basename);
  char *dot = strrchr (title, '.');

  if (dot != NULL && dot != title)
    *dot = '\0';

  g_strdelimit (title, "-_", ' ');
  g_strstrip (title);

  if (!g_utf8_validate (title, -1, NULL) || *title == '\0')
    return NULL;

  if (g_ascii_islower (title[0]))
    title[0] = g_ascii_toupper (title[0]);

  return g_steal_pointer (&title);
}

/**
 * galley_import_file:
 * @file: a recipe file: Cooklang, JSON-LD, HTML with JSON-LD, or recipe JSON
 * @warnings: (out) (optional) (element-type utf8): what could not be read
 *
 * Reads @file (refusing one over the size limit before reading it) and
 * imports it with galley_import_recipe().
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with @error set
 */
GalleyRecipe *
galley_import_file (GFile         *file,
                    GCancellable  *cancellable,
                    GPtrArray    **warnings,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *fallback_title = NULL;
  const char *name;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  /* Refused before reading, so a huge file is never loaded into memory. */
  if (g_file_info_get_size (info) > GALLEY_IMPORT_MAX_HTML_BYTES)
    {
      g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is larger than %u MiB"),
                   g_file_info_get_display_name (info),
                   GALLEY_IMPORT_MAX_HTML_BYTES / (1024 * 1024));
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  name = g_file_info_get_display_name (info);
  fallback_title = title_from_filename (name);

  return galley_import_recipe (contents, length,
                               galley_recipe_format_guess (name, NULL, contents, length),
                               fallback_title, warnings, error);
}
