/* galley-recipe-json.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-recipe-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "galley-error.h"
#include "galley-json-depth.h"
#include "galley-recipe-json.h"

/* Recipe JSON v1, the format of the library, the server and the wire. The
 * reader is strict about types (a wrong type is an error that names the
 * field) and lenient about absence (a missing optional field is null), so a
 * recipe from a newer Galley with extra fields still reads. */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_nullable_int (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_timer (JsonBuilder     *builder,
           GalleyStepTimer *timer)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, galley_step_timer_get_start (timer));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, galley_step_timer_get_end (timer));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, galley_step_timer_get_text (timer));
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_int_value (builder, galley_step_timer_get_seconds (timer));
  json_builder_set_member_name (builder, "max_seconds");
  json_builder_add_int_value (builder, galley_step_timer_get_max_seconds (timer));
  add_nullable_string (builder, "label", galley_step_timer_get_label (timer));
  json_builder_end_object (builder);
}

static void
add_section (JsonBuilder   *builder,
             GalleySection *section)
{
  GPtrArray *steps = galley_section_get_steps (section);

  json_builder_begin_object (builder);
  add_nullable_string (builder, "name", galley_section_get_name (section));
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < steps->len; i++)
    {
      GalleyStep *step = g_ptr_array_index (steps, i);
      GPtrArray *timers = galley_step_get_timers (step);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, galley_step_get_text (step));
      json_builder_set_member_name (builder, "timers");
      json_builder_begin_array (builder);
      for (guint j = 0; j < timers->len; j++)
        add_timer (builder, g_ptr_array_index (timers, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/**
 * galley_recipe_to_json_node:
 *
 * Returns: (transfer full): @recipe as a recipe JSON v1 object
 */
JsonNode *
galley_recipe_to_json_node (GalleyRecipe *recipe)
{
  g_autoptr(JsonBuilder) builder = NULL;
  const char * const *tags;
  GPtrArray *ingredients;
  GPtrArray *sections;

  g_return_val_if_fail (GALLEY_IS_RECIPE (recipe), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_nullable_string (builder, "id", galley_recipe_get_id (recipe));
  add_nullable_string (builder, "title", galley_recipe_get_title (recipe));
  add_nullable_int (builder, "servings", galley_recipe_get_servings (recipe));
  add_nullable_string (builder, "source_url", galley_recipe_get_source_url (recipe));

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  tags = galley_recipe_get_tags (recipe);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);

  add_nullable_int (builder, "prep_time_s", galley_recipe_get_prep_time_s (recipe));
  add_nullable_int (builder, "cook_time_s", galley_recipe_get_cook_time_s (recipe));
  add_nullable_string (builder, "image", galley_recipe_get_image (recipe));

  json_builder_set_member_name (builder, "ingredients");
  json_builder_begin_array (builder);
  ingredients = galley_recipe_get_ingredients (recipe);
  for (guint i = 0; i < ingredients->len; i++)
    {
      GalleyIngredient *ingredient = g_ptr_array_index (ingredients, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "name", galley_ingredient_get_name (ingredient));
      add_nullable_string (builder, "quantity", galley_ingredient_get_quantity (ingredient));
      add_nullable_string (builder, "unit", galley_ingredient_get_unit (ingredient));
      add_nullable_string (builder, "note", galley_ingredient_get_note (ingredient));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  sections = galley_recipe_get_sections (recipe);
  for (guint i = 0; i < sections->len; i++)
    add_section (builder, g_ptr_array_index (sections, i));
  json_builder_end_array (builder);

  add_nullable_string (builder, "updated", galley_recipe_get_updated (recipe));
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, galley_recipe_get_rev (recipe));

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * galley_recipe_to_json:
 * @pretty: indent the output for people to read
 *
 * Returns: (transfer full): @recipe as recipe JSON v1 text
 */
char *
galley_recipe_to_json (GalleyRecipe *recipe,
                       gboolean      pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (GALLEY_IS_RECIPE (recipe), NULL);

  node = galley_recipe_to_json_node (recipe);
  return json_to_string (node, pretty);
}

static gboolean
set_type_error (GError     **error,
                const char  *where,
                const char  *expected)
{
  g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
               /* Translators: the first %s is a JSON field, e.g. “sections[2].steps”,
                * the second a JSON type, e.g. “an array” */
               _("In the recipe, “%s” should be %s"), where, expected);
  return FALSE;
}

/* Reads an optional string member: absent and null give NULL, any other
 * type is an error. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *where,
             const char **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = NULL;

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *value = json_node_get_string (node);
      return TRUE;
    }

  path = where ? g_strdup_printf ("%s.%s", where, member) : g_strdup (member);
  return set_type_error (error, path, _("a text"));
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          const char  *where,
          gint64       max,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = NULL;

  *value = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      if (*value >= 0 && *value <= max)
        return TRUE;
    }

  path = where ? g_strdup_printf ("%s.%s", where, member) : g_strdup (member);
  return set_type_error (error, path, _("a whole number in range"));
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *member,
            const char  *where,
            GError     **error)
{
  static JsonArray *empty;
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, json_array_new ());
      return empty;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  path = where ? g_strdup_printf ("%s.%s", where, member) : g_strdup (member);
  set_type_error (error, path, _("a list"));
  return NULL;
}

static JsonObject *
element_object (JsonArray   *array,
                guint        index,
                const char  *where,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  {
    g_autofree char *path = g_strdup_printf ("%s[%u]", where, index);
    set_type_error (error, path, _("an object"));
  }
  return NULL;
}

/* A day is the longest time a step can ask for in a recipe's own terms;
 * a week leaves room for curing and fermenting. */
#define MAX_TIMER_SECONDS (7 * 24 * 3600)

static gboolean
read_timer (GalleyStep  *step,
            JsonObject  *object,
            const char  *where,
            GError     **error)
{
  g_autoptr(GalleyStepTimer) timer = NULL;
  const char *text, *label;
  gint64 start, end, seconds, max_seconds;

  if (!read_int (object, "start", where, G_MAXINT32, &start, error) ||
      !read_int (object, "end", where, G_MAXINT32, &end, error) ||
      !read_string (object, "text", where, &text, error) ||
      !read_int (object, "seconds", where, MAX_TIMER_SECONDS, &seconds, error) ||
      !read_int (object, "max_seconds", where, MAX_TIMER_SECONDS, &max_seconds, error) ||
      !read_string (object, "label", where, &label, error))
    return FALSE;

  if (text == NULL || seconds == 0 || start >= end)
    return set_type_error (error, where, _("a timer with a text, a span and a duration"));

  timer = galley_step_timer_new (start, end, text, seconds, max_seconds, label);
  if (!galley_step_add_timer (step, timer))
    {
      g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                   _("In the recipe, the timer “%s” at %s is outside its step or overlaps another"),
                   text, where);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_section (GalleyRecipe  *recipe,
              JsonObject    *object,
              const char    *where,
              GError       **error)
{
  g_autoptr(GalleySection) section = NULL;
  g_autofree char *steps_where = g_strdup_printf ("%s.steps", where);
  const char *name;
  JsonArray *steps;

  if (!read_string (object, "name", where, &name, error) ||
      !(steps = read_array (object, "steps", where, error)))
    return FALSE;

  section = galley_section_new (name);

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      g_autofree char *step_where = g_strdup_printf ("%s[%u]", steps_where, i);
      g_autofree char *timers_where = g_strdup_printf ("%s.timers", step_where);
      g_autoptr(GalleyStep) step = NULL;
      JsonObject *step_object;
      JsonArray *timers;
      const char *text;

      if (!(step_object = element_object (steps, i, steps_where, error)) ||
          !read_string (step_object, "text", step_where, &text, error) ||
          !(timers = read_array (step_object, "timers", step_where, error)))
        return FALSE;

      if (text == NULL)
        return set_type_error (error, step_where, _("a step with a text"));

      step = galley_step_new (text);

      for (guint j = 0; j < json_array_get_length (timers); j++)
        {
          g_autofree char *timer_where = g_strdup_printf ("%s[%u]", timers_where, j);
          JsonObject *timer_object;

          if (!(timer_object = element_object (timers, j, timers_where, error)) ||
              !read_timer (step, timer_object, timer_where, error))
            return FALSE;
        }

      galley_section_add_step (section, step);
    }

  galley_recipe_add_section (recipe, section);
  return TRUE;
}

/**
 * galley_recipe_from_json_node:
 * @node: a recipe JSON v1 object
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with @error set
 *   naming the first field that is wrong
 */
GalleyRecipe *
galley_recipe_from_json_node (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autoptr(GStrvBuilder) tag_builder = NULL;
  g_auto(GStrv) tag_strv = NULL;
  const char *id, *title, *source_url, *image, *updated;
  gint64 servings, prep, cook, rev;
  JsonArray *tags, *ingredients, *sections;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_type_error (error, _("the whole recipe"), _("an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!read_string (object, "id", NULL, &id, error) ||
      !read_string (object, "title", NULL, &title, error) ||
      !read_int (object, "servings", NULL, G_MAXUINT16, &servings, error) ||
      !read_string (object, "source_url", NULL, &source_url, error) ||
      !read_int (object, "prep_time_s", NULL, G_MAXINT32, &prep, error) ||
      !read_int (object, "cook_time_s", NULL, G_MAXINT32, &cook, error) ||
      !read_string (object, "image", NULL, &image, error) ||
      !read_string (object, "updated", NULL, &updated, error) ||
      !read_int (object, "rev", NULL, G_MAXINT64, &rev, error) ||
      !(tags = read_array (object, "tags", NULL, error)) ||
      !(ingredients = read_array (object, "ingredients", NULL, error)) ||
      !(sections = read_array (object, "sections", NULL, error)))
    return NULL;

  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                           _("The recipe has no title"));
      return NULL;
    }

  recipe = galley_recipe_new ();
  galley_recipe_set_id (recipe, id);
  galley_recipe_set_title (recipe, title);
  galley_recipe_set_servings (recipe, servings);
  galley_recipe_set_source_url (recipe, source_url);
  galley_recipe_set_prep_time_s (recipe, prep);
  galley_recipe_set_cook_time_s (recipe, cook);
  galley_recipe_set_image (recipe, image);
  galley_recipe_set_updated (recipe, updated);
  galley_recipe_set_rev (recipe, rev);

  tag_builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonNode *tag = json_array_get_element (tags, i);

      if (!JSON_NODE_HOLDS_VALUE (tag) || json_node_get_value_type (tag) != G_TYPE_STRING)
        {
          g_autofree char *where = g_strdup_printf ("tags[%u]", i);
          set_type_error (error, where, _("a text"));
          return NULL;
        }
      g_strv_builder_add (tag_builder, json_node_get_string (tag));
    }
  tag_strv = g_strv_builder_end (tag_builder);
  galley_recipe_set_tags (recipe, (const char * const *)tag_strv);

  for (guint i = 0; i < json_array_get_length (ingredients); i++)
    {
      g_autofree char *where = g_strdup_printf ("ingredients[%u]", i);
      g_autoptr(GalleyIngredient) ingredient = NULL;
      const char *name, *quantity, *unit, *note;
      JsonObject *ingredient_object;

      if (!(ingredient_object = element_object (ingredients, i, "ingredients", error)) ||
          !read_string (ingredient_object, "name", where, &name, error) ||
          !read_string (ingredient_object, "quantity", where, &quantity, error) ||
          !read_string (ingredient_object, "unit", where, &unit, error) ||
          !read_string (ingredient_object, "note", where, &note, error))
        return NULL;

      if (name == NULL)
        {
          set_type_error (error, where, _("an ingredient with a name"));
          return NULL;
        }

      ingredient = galley_ingredient_new (name, quantity, unit, note);
      galley_recipe_add_ingredient (recipe, ingredient);
    }

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      g_autofree char *where = g_strdup_printf ("sections[%u]", i);
      JsonObject *section_object;

      if (!(section_object = element_object (sections, i, "sections", error)) ||
          !read_section (recipe, section_object, where, error))
        return NULL;
    }

  return g_steal_pointer (&recipe);
}

/**
 * galley_recipe_from_json:
 * @json: recipe JSON v1 text, from anywhere (it is checked)
 * @length: the length of @json in bytes, or -1 if it is nul-terminated
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with @error set
 */
GalleyRecipe *
galley_recipe_from_json (const char  *json,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

  if (!g_utf8_validate (json, length, NULL))
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                           _("The recipe is not valid UTF-8 text"));
      return NULL;
    }

  if (!galley_json_check_depth (json, length, GALLEY_JSON_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                   _("The recipe is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                           _("The recipe is empty"));
      return NULL;
    }

  return galley_recipe_from_json_node (json_parser_get_root (parser), error);
}
