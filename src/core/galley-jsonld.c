/* galley-jsonld.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-jsonld"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "galley-error.h"
#include "galley-json-depth.h"
#include "galley-jsonld.h"

/* Reads the schema.org Recipe that recipe sites embed as JSON-LD. What
 * sites publish is only loosely schema.org: strings hold HTML and entities,
 * most properties are a string, an array or an object depending on the
 * plugin that wrote them. Whatever cannot be used is skipped with a
 * warning the user can read, never a failure, as long as a Recipe is there. */

/* More would be a typo or an attempt to make the app allocate silly amounts. */
#define MAX_SERVINGS 10000
/* A hundred years: longer "durations" are garbage, and this keeps the
 * arithmetic far from overflowing. */
#define MAX_DURATION_S (100.0 * 366 * 24 * 3600)
/* How much of a rejected value a warning quotes. */
#define WARNING_QUOTE_CHARS 60
/* Pages list hundreds of keywords to please search engines. */
#define MAX_TAGS 50
/* A heading, even a nested one, is short; this also keeps nested section
 * names from multiplying the size of the input. */
#define MAX_SECTION_NAME_CHARS 200

typedef enum
{
  TIME_PREP,
  TIME_COOK,
  TIME_TOTAL,
} TimeKind;

typedef struct
{
  GalleyRecipe  *recipe;
  GPtrArray     *warnings;
  /* Every node of the document with an @id, for {"@id": …} references. */
  GHashTable    *nodes_by_id;
  /* The section steps are being added to, owned by the recipe. */
  GalleySection *section;
  gboolean       dropped_tags;
} Import;

static void add_warning (GPtrArray  *warnings,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
add_warning (GPtrArray  *warnings,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Warnings quote what was skipped, but a page can put anything there. */
static char *
shorten_for_warning (const char *text)
{
  g_autofree char *flat = g_strdelimit (g_utf8_make_valid (text, -1), "\t\r\n", ' ');
  g_autofree char *start = NULL;

  if (g_utf8_strlen (flat, -1) <= WARNING_QUOTE_CHARS)
    return g_steal_pointer (&flat);

  start = g_utf8_substring (flat, 0, WARNING_QUOTE_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

static char *
node_to_warning_text (JsonNode *node)
{
  g_autofree char *json = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return shorten_for_warning (json_node_get_string (node));

  json = json_to_string (node, FALSE);
  return shorten_for_warning (json);
}

/* JSON-LD text is a string or a value object ({"@value": "…"}, how
 * language-tagged strings are written); where one is expected, sites also
 * give an array of them. */
static const char *
node_get_text (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_ARRAY (element))
            {
              const char *text = node_get_text (element);

              if (text != NULL)
                return text;
            }
        }

      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      node = json_object_get_member (json_node_get_object (node), "@value");
      if (node == NULL)
        return NULL;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

static JsonNode *
object_get (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

/* "Recipe", "schema:Recipe", "http://schema.org/Recipe": compare the part
 * after the vocabulary. */
static gboolean
type_name_is (const char *type,
              const char *wanted)
{
  const char *name = type;

  for (const char *p = type; *p != '\0'; p++)
    if (*p == '/' || *p == ':' || *p == '#')
      name = p + 1;

  return g_ascii_strcasecmp (name, wanted) == 0;
}

static gboolean
object_has_type (JsonObject *object,
                 const char *wanted)
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              type_name_is (json_node_get_string (element), wanted))
            return TRUE;
        }

      return FALSE;
    }

  return JSON_NODE_HOLDS_VALUE (type) &&
         json_node_get_value_type (type) == G_TYPE_STRING &&
         type_name_is (json_node_get_string (type), wanted);
}

/* Depth-first, in document order, so "the first Recipe" is the one a
 * reader of the JSON would point at. Recursion is bounded by the depth
 * check done before parsing. */
static JsonObject *
find_recipe (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *found = find_recipe (json_array_get_element (array, i));

          if (found != NULL)
            return found;
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *found;

      if (object_has_type (object, "Recipe"))
        return object;

      if ((found = find_recipe (json_object_get_member (object, "@graph"))))
        return found;

      /* A WebPage node whose main entity is the recipe. */
      if ((found = find_recipe (json_object_get_member (object, "mainEntity"))))
        return found;
    }

  return NULL;
}

static void
collect_ids (JsonNode   *node,
             GHashTable *nodes_by_id)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_ids (json_array_get_element (array, i), nodes_by_id);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *id = json_object_get_member (object, "@id");
      g_autoptr(GList) members = json_object_get_members (object);

      /* A bare {"@id": …} is itself a reference, not the node. */
      if (id != NULL &&
          JSON_NODE_HOLDS_VALUE (id) &&
          json_node_get_value_type (id) == G_TYPE_STRING &&
          json_object_get_size (object) > 1 &&
          !g_hash_table_contains (nodes_by_id, json_node_get_string (id)))
        g_hash_table_insert (nodes_by_id, (gpointer)json_node_get_string (id), object);

      for (const GList *l = members; l != NULL; l = l->next)
        collect_ids (json_object_get_member (object, l->data), nodes_by_id);
    }
}

/* Text cleaning: sites put HTML, entities (sometimes encoded twice) and
 * odd whitespace in their JSON-LD strings. */

/* HTML 4's Latin-1 entities, U+00A0 to U+00FF in order. */
static const char * const latin1_entities[] = {
  "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
  "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
  "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
  "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
  "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
  "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
  "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
  "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
  "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
  "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
  "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
  "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
};

static const struct
{
  const char *name;
  gunichar    c;
} other_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 },
  { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "minus", 0x2212 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
  { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E },
  { "lsaquo", 0x2039 }, { "rsaquo", 0x203A },
  { "bull", 0x2022 }, { "hellip", 0x2026 }, { "prime", 0x2032 }, { "Prime", 0x2033 },
  { "half", 0x00BD }, { "frac13", 0x2153 }, { "frac23", 0x2154 }, { "frac15", 0x2155 },
  { "frac16", 0x2159 }, { "frac18", 0x215B }, { "frac38", 0x215C }, { "frac58", 0x215D },
  { "frac78", 0x215E }, { "euro", 0x20AC }, { "trade", 0x2122 },
  { "OElig", 0x0152 }, { "oelig", 0x0153 }, { "Scaron", 0x0160 }, { "scaron", 0x0161 },
  { "Yuml", 0x0178 }, { "fnof", 0x0192 }, { "circ", 0x02C6 }, { "tilde", 0x02DC },
  { "dagger", 0x2020 }, { "Dagger", 0x2021 }, { "permil", 0x2030 },
};

/* What browsers make of &#128;–&#159;: the Windows-1252 characters old
 * pages meant, such as &#146; for ’. */
static const gunichar cp1252_c1[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static gunichar
lookup_entity (const char *name,
               gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (latin1_entities); i++)
    if (strlen (latin1_entities[i]) == length &&
        strncmp (latin1_entities[i], name, length) == 0)
      return 0xA0 + i;

  for (guint i = 0; i < G_N_ELEMENTS (other_entities); i++)
    if (strlen (other_entities[i].name) == length &&
        strncmp (other_entities[i].name, name, length) == 0)
      return other_entities[i].c;

  return 0;
}

static void
append_code_point (GString  *out,
                   gunichar  c)
{
  if (c >= 0x80 && c <= 0x9F)
    c = cp1252_c1[c - 0x80];

  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;

  g_string_append_unichar (out, c);
}

static char *
decode_entities (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      const char *amp = strchr (p, '&');

      if (amp == NULL)
        {
          g_string_append (out, p);
          break;
        }

      g_string_append_len (out, p, amp - p);
      p = amp + 1;

      if (*p == '#')
        {
          const char *q = p + 1;
          gboolean hex = (*q == 'x' || *q == 'X');
          guint32 value = 0;
          guint n_digits = 0;

          if (hex)
            q++;

          while (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q))
            {
              /* Past the last code point the value only has to stay invalid. */
              if (value <= 0x10FFFF)
                value = value * (hex ? 16 : 10) +
                        (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
              n_digits++;
              q++;
            }

          if (n_digits > 0)
            {
              if (*q == ';')
                q++;
              append_code_point (out, value);
              p = q;
              continue;
            }
        }
      else
        {
          const char *q = p;
          gunichar c;

          while (g_ascii_isalnum (*q) && q - p < 8)
            q++;

          if (*q == ';' && q > p && (c = lookup_entity (p, q - p)) != 0)
            {
              append_code_point (out, c);
              p = q + 1;
              continue;
            }
        }

      g_string_append_c (out, '&');
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_block_tag (const char *name,
              gsize       length)
{
  static const char * const block_tags[] = {
    "p", "br", "li", "div", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
    "h4", "h5", "h6", "tr", "td", "th", "table", "section", "article",
    "blockquote", "hr", "header", "footer", "pre", "figure", "figcaption",
  };

  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    if (strlen (block_tags[i]) == length &&
        g_ascii_strncasecmp (block_tags[i], name, length) == 0)
      return TRUE;

  return FALSE;
}

/* The '>' closing the tag that starts before @p, or %NULL if a '<' or the
 * end comes first. Quotes are not honoured: stopping at the next '<' is
 * what keeps stripping linear in the length of the text. */
static const char *
find_tag_end (const char *p)
{
  for (; *p != '\0' && *p != '<'; p++)
    if (*p == '>')
      return p;

  return NULL;
}

/* The "-->" closing a comment, found with strchr() rather than strstr():
 * sanitizers' strstr() measures the whole rest of the text on every call. */
static const char *
find_comment_end (const char *p)
{
  while ((p = strchr (p, '-')) != NULL)
    {
      if (p[1] == '-' && p[2] == '>')
        return p;
      p++;
    }

  return NULL;
}

/* Removes tags; block-level ones become line breaks. A '<' that does not
 * start a complete tag is text ("bake at < 200 °C"). */
static char *
strip_tags (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *q = p + 1;

          if (strncmp (q, "!--", 3) == 0)
            {
              const char *close = find_comment_end (q + 3);

              p = close != NULL ? close + 3 : q + strlen (q);
              continue;
            }

          if (*q == '!' || *q == '?')
            {
              const char *close = find_tag_end (q);

              if (close != NULL)
                {
                  p = close + 1;
                  continue;
                }
            }
          else
            {
              const char *name;
              const char *close;

              if (*q == '/')
                q++;
              name = q;

              if (g_ascii_isalpha (*q))
                {
                  while (g_ascii_isalnum (*q))
                    q++;

                  if ((close = find_tag_end (q)) != NULL)
                    {
                      if (is_block_tag (name, q - name))
                        g_string_append_c (out, '\n');
                      p = close + 1;
                      continue;
                    }
                }
            }
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x2028 || c == 0x2029;
}

/* Collapses runs of white space to one space (or one line break, when
 * @keep_lines and the run held one), trims, and drops invisible characters. */
static char *
normalize_whitespace (const char *text,
                      gboolean    keep_lines)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean pending_space = FALSE;
  gboolean pending_break = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c))
        {
          if (keep_lines)
            pending_break = TRUE;
          else
            pending_space = TRUE;
          continue;
        }

      if (g_unichar_isspace (c) || c == 0xA0)
        {
          pending_space = TRUE;
          continue;
        }

      if (c == 0x200B || c == 0xFEFF || c == 0xAD ||
          g_unichar_type (c) == G_UNICODE_CONTROL)
        continue;

      if (out->len > 0)
        {
          if (pending_break)
            g_string_append_c (out, '\n');
          else if (pending_space)
            g_string_append_c (out, ' ');
        }

      pending_space = pending_break = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Plain text from a JSON-LD string: entities decoded, tags removed, white
 * space collapsed. With @keep_lines, line breaks and block tags survive as
 * '\n' so the caller can split; otherwise everything is one line. */
static char *
clean_text (const char *raw,
            gboolean    keep_lines)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  g_autofree char *decoded = decode_entities (valid);
  g_autofree char *stripped = NULL;

  /* "Mom&amp;#39;s": a CMS escaped text that was escaped already. */
  if (strchr (decoded, '&') != NULL && strcmp (decoded, valid) != 0)
    {
      char *twice = decode_entities (decoded);

      g_free (decoded);
      decoded = twice;
    }

  stripped = strip_tags (decoded);
  return normalize_whitespace (stripped, keep_lines);
}

/* g_strsplit() on one character, without the strstr() that sanitizers'
 * interceptors make quadratic on long strings. */
static GStrv
split_at (const char *text,
          char        separator)
{
  GPtrArray *parts = g_ptr_array_new ();
  const char *p = text;
  const char *next;

  while ((next = strchr (p, separator)) != NULL)
    {
      g_ptr_array_add (parts, g_strndup (p, next - p));
      p = next + 1;
    }

  g_ptr_array_add (parts, g_strdup (p));
  g_ptr_array_add (parts, NULL);

  return (GStrv)g_ptr_array_free (parts, FALSE);
}

/* URLs */

static gboolean
has_prefix_ascii_case (const char *text,
                       const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

/* An absolute http(s) URL made from @text, or %NULL. Spaces, which some
 * sites leave in image file names, are escaped; a scheme-relative
 * "//host/path" is taken as https. */
static char *
web_address (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) url = g_string_new (NULL);
  g_autoptr(GUri) uri = NULL;
  const char *p = g_strstrip (valid);
  const char *host;

  if (g_str_has_prefix (p, "//"))
    g_string_append (url, "https:");

  for (; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append (url, "%20");
      else if ((guchar)*p < 0x20 || *p == 0x7F)
        return NULL;
      else
        g_string_append_c (url, *p);
    }

  if (!has_prefix_ascii_case (url->str, "http://") &&
      !has_prefix_ascii_case (url->str, "https://"))
    return NULL;

  /* Schemes are case-insensitive; stored in lower case, "https:" is
   * simple to recognise for the code that shows the image. */
  for (char *c = url->str; *c != ':'; c++)
    *c = g_ascii_tolower (*c);

  uri = g_uri_parse (url->str, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' || strpbrk (host, " \t") != NULL)
    return NULL;

  return g_strdup (url->str);
}

/* Importing the properties */

static void
import_title (Import     *import,
              JsonObject *object)
{
  const char *name = node_get_text (object_get (object, "name"));
  g_autofree char *title = NULL;

  if (name == NULL)
    name = node_get_text (object_get (object, "headline"));
  if (name == NULL)
    return;

  title = clean_text (name, FALSE);
  if (*title != '\0')
    galley_recipe_set_title (import->recipe, title);
}

static guint
servings_from_text (const char *text)
{
  const char *p = text;
  guint64 servings = 0;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;

  for (; g_ascii_isdigit (*p); p++)
    {
      servings = servings * 10 + g_ascii_digit_value (*p);
      if (servings > MAX_SERVINGS)
        return 0;
    }

  return servings;
}

/* recipeYield is "4 servings", "Serves 4-6", 4, or several of those, of
 * which the first that gives a number wins. */
static guint
servings_from_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint servings = servings_from_node (json_array_get_element (array, i));

          if (servings > 0)
            return servings;
        }

      return 0;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      /* A QuantitativeValue, or a value object. */
      JsonObject *object = json_node_get_object (node);
      JsonNode *value = json_object_get_member (object, "value");

      if (value == NULL)
        value = json_object_get_member (object, "@value");

      return value != NULL ? servings_from_node (value) : 0;
    }

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        {
          gint64 value = json_node_get_int (node);

          return value > 0 && value <= MAX_SERVINGS ? (guint)value : 0;
        }

      if (type == G_TYPE_DOUBLE)
        {
          double value = json_node_get_double (node);

          return value >= 0.5 && value <= MAX_SERVINGS ? (guint)(value + 0.5) : 0;
        }

      if (type == G_TYPE_STRING)
        {
          g_autofree char *text = clean_text (json_node_get_string (node), FALSE);

          return servings_from_text (text);
        }
    }

  return 0;
}

static gboolean
node_is_empty (JsonNode *node)
{
  const char *text;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      text = json_node_get_string (node);

      for (; *text != '\0'; text++)
        if (!g_ascii_isspace (*text))
          return FALSE;

      return TRUE;
    }

  return FALSE;
}

static void
import_servings (Import     *import,
                 JsonObject *object)
{
  JsonNode *node = object_get (object, "recipeYield");
  guint servings;

  if (node == NULL)
    node = object_get (object, "yield");
  if (node == NULL || node_is_empty (node))
    return;

  servings = servings_from_node (node);

  if (servings > 0)
    galley_recipe_set_servings (import->recipe, servings);
  else
    {
      g_autofree char *quoted = node_to_warning_text (node);

      add_warning (import->warnings,
                   _("Ignored the yield “%s”: it gives no number of servings"),
                   quoted);
    }
}

static void
add_tags_from_node (Import   *import,
                    JsonNode *node)
{
  const char *text;
  g_auto(GStrv) parts = NULL;

  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_tags_from_node (import, json_array_get_element (array, i));

      return;
    }

  if ((text = node_get_text (node)) == NULL)
    return;

  /* Keywords come as one comma-separated string as often as as a list. */
  parts = split_at (text, ',');

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = clean_text (parts[i], FALSE);

      if (*tag == '\0')
        continue;

      if (g_strv_length ((char **)galley_recipe_get_tags (import->recipe)) >= MAX_TAGS)
        {
          if (!import->dropped_tags)
            add_warning (import->warnings, _("Kept only the first %u tags"), MAX_TAGS);
          import->dropped_tags = TRUE;
          return;
        }

      galley_recipe_add_tag (import->recipe, tag);
    }
}

static void
import_tags (Import     *import,
             JsonObject *object)
{
  add_tags_from_node (import, object_get (object, "keywords"));
  add_tags_from_node (import, object_get (object, "recipeCategory"));
  add_tags_from_node (import, object_get (object, "recipeCuisine"));
}

static void
import_source_url (Import     *import,
                   JsonObject *object)
{
  const char *text = node_get_text (object_get (object, "url"));
  g_autofree char *url = NULL;

  if (text != NULL)
    url = web_address (text);

  /* A node id is often the page's address plus "#recipe"; the fragment
   * names the node, not a place in the page. */
  if (url == NULL && (text = node_get_text (object_get (object, "@id"))) != NULL)
    {
      g_autofree char *id = g_strdup (text);
      char *fragment = strchr (id, '#');

      if (fragment != NULL)
        *fragment = '\0';

      url = web_address (id);
    }

  if (url != NULL)
    galley_recipe_set_source_url (import->recipe, url);
}

static gint64
import_duration (Import     *import,
                 JsonObject *object,
                 const char *member,
                 TimeKind    kind)
{
  JsonNode *node = object_get (object, member);
  const char *text;
  g_autofree char *quoted = NULL;
  gint64 seconds = 0;

  if (node == NULL || node_is_empty (node))
    return 0;

  text = node_get_text (node);
  if (text != NULL && galley_iso8601_duration_parse (text, &seconds))
    return seconds;

  quoted = node_to_warning_text (node);

  switch (kind)
    {
    case TIME_PREP:
      add_warning (import->warnings,
                   _("Ignored the preparation time “%s”: it is not an ISO 8601 duration"),
                   quoted);
      break;
    case TIME_COOK:
      add_warning (import->warnings,
                   _("Ignored the cooking time “%s”: it is not an ISO 8601 duration"),
                   quoted);
      break;
    case TIME_TOTAL:
      add_warning (import->warnings,
                   _("Ignored the total time “%s”: it is not an ISO 8601 duration"),
                   quoted);
      break;
    default:
      g_assert_not_reached ();
    }

  return 0;
}

static void
import_times (Import     *import,
              JsonObject *object)
{
  gint64 prep = import_duration (import, object, "prepTime", TIME_PREP);
  gint64 cook = import_duration (import, object, "cookTime", TIME_COOK);
  gint64 total = import_duration (import, object, "totalTime", TIME_TOTAL);

  /* Galley keeps preparation and cooking time; whatever of the total is
   * not preparation is the time the dish spends cooking (or resting). */
  if (cook == 0 && total > prep)
    cook = total - prep;

  galley_recipe_set_prep_time_s (import->recipe, prep);
  galley_recipe_set_cook_time_s (import->recipe, cook);
}

static char *image_from_node (Import     *import,
                              JsonNode   *node,
                              GHashTable *visited);

static char *
image_from_object (Import     *import,
                   JsonObject *object,
                   GHashTable *visited)
{
  const char *id;
  JsonObject *target;
  char *image;

  if ((image = image_from_node (import, object_get (object, "url"), visited)) ||
      (image = image_from_node (import, object_get (object, "contentUrl"), visited)))
    return image;

  /* {"@id": "…#primaryimage"}: an ImageObject elsewhere in the graph. Each
   * is looked at once, or references that point back and forth would be
   * followed for ever, or exponentially often. */
  id = node_get_text (object_get (object, "@id"));
  if (id != NULL &&
      (target = g_hash_table_lookup (import->nodes_by_id, id)) != NULL &&
      g_hash_table_add (visited, target))
    return image_from_object (import, target, visited);

  return NULL;
}

static char *
image_from_node (Import     *import,
                 JsonNode   *node,
                 GHashTable *visited)
{
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char *image = image_from_node (import, json_array_get_element (array, i), visited);

          if (image != NULL)
            return image;
        }

      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    return image_from_object (import, json_node_get_object (node), visited);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return web_address (json_node_get_string (node));

  return NULL;
}

static void
import_image (Import     *import,
              JsonObject *object)
{
  JsonNode *node = object_get (object, "image");
  g_autoptr(GHashTable) visited = NULL;
  g_autofree char *image = NULL;

  if (node == NULL || node_is_empty (node))
    return;

  visited = g_hash_table_new (NULL, NULL);
  g_hash_table_add (visited, object);
  image = image_from_node (import, node, visited);

  if (image != NULL)
    galley_recipe_set_image (import->recipe, image);
  else
    add_warning (import->warnings, _("Ignored the image: it has no web address"));
}

/* Ingredients */

/* Units an ingredient line can start with, after its quantity. Only words
 * that cannot be the ingredient itself: "2 large eggs" keeps "large". */
static const char * const unit_words[] = {
  "g", "gr", "gram", "grams", "gramme", "grammes", "kg", "kgs", "kilo",
  "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes", "mg",
  "milligram", "milligrams",
  "ml", "millilitre", "millilitres", "milliliter", "milliliters", "cl",
  "dl", "l", "litre", "litres", "liter", "liters",
  "cup", "cups", "tbsp", "tbsps", "tbs", "tbl", "tbls", "tablespoon",
  "tablespoons", "tsp", "tsps", "teaspoon", "teaspoons", "dsp",
  "oz", "ounce", "ounces", "lb", "lbs", "pound", "pounds",
  "pint", "pints", "pt", "quart", "quarts", "qt", "gallon", "gallons", "gal",
  "clove", "cloves", "pinch", "pinches", "dash", "dashes", "drop", "drops",
  "can", "cans", "tin", "tins", "jar", "jars", "bottle", "bottles",
  "package", "packages", "packet", "packets", "pkg", "pkgs", "bag", "bags",
  "box", "boxes", "envelope", "envelopes", "stick", "sticks", "slice",
  "slices", "bunch", "bunches", "sprig", "sprigs", "handful", "handfuls",
  "piece", "pieces", "head", "heads", "stalk", "stalks", "sheet", "sheets",
  "knob", "knobs",
};

static gboolean
is_unit_word (const char *word,
              gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_words); i++)
    if (strlen (unit_words[i]) == length &&
        g_ascii_strncasecmp (unit_words[i], word, length) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_vulgar_fraction (gunichar c)
{
  return (c >= 0xBC && c <= 0xBE) || (c >= 0x2150 && c <= 0x215E);
}

/* "/2" or "⁄2" (U+2044 FRACTION SLASH): the length, or 0. */
static gsize
scan_fraction_tail (const char *p)
{
  const char *q;

  if (*p == '/')
    q = p + 1;
  else if (strncmp (p, "\xe2\x81\x84", 3) == 0)
    q = p + 3;
  else
    return 0;

  if (!g_ascii_isdigit (*q))
    return 0;

  while (g_ascii_isdigit (*q))
    q++;

  return q - p;
}

/* One amount at @p: "2", "1.5", "0,5", "1/2", "2 1/2", "½", "1½", "1 ½".
 * Returns its length in bytes, 0 if @p does not start with one. */
static gsize
scan_amount (const char *p)
{
  const char *q = p;
  gsize n;

  if (is_vulgar_fraction (g_utf8_get_char (q)))
    return g_utf8_next_char (q) - p;

  if (!g_ascii_isdigit (*q))
    return 0;

  while (g_ascii_isdigit (*q))
    q++;

  if ((*q == '.' || *q == ',') && g_ascii_isdigit (q[1]))
    {
      q++;
      while (g_ascii_isdigit (*q))
        q++;
      return q - p;
    }

  if ((n = scan_fraction_tail (q)) > 0)
    return q + n - p;

  if (is_vulgar_fraction (g_utf8_get_char (q)))
    return g_utf8_next_char (q) - p;

  if (*q == ' ')
    {
      const char *r = q + 1;

      if (is_vulgar_fraction (g_utf8_get_char (r)))
        return g_utf8_next_char (r) - p;

      if (g_ascii_isdigit (*r))
        {
          while (g_ascii_isdigit (*r))
            r++;
          if ((n = scan_fraction_tail (r)) > 0)
            return r + n - p;
        }
    }

  return q - p;
}

/* An amount or a range of two ("1-2", "1 – 2", "2 to 3"). */
static gsize
scan_quantity (const char *p)
{
  gsize n = scan_amount (p);
  const char *q;
  gsize separator = 0;

  if (n == 0)
    return 0;

  q = p + n;
  while (*q == ' ')
    q++;

  if (*q == '-')
    separator = 1;
  else if (strncmp (q, "–", strlen ("–")) == 0)
    separator = strlen ("–");
  else if (strncmp (q, "—", strlen ("—")) == 0)
    separator = strlen ("—");
  else if (q > p + n && g_ascii_strncasecmp (q, "to ", 3) == 0)
    separator = 2;

  if (separator > 0)
    {
      const char *r = q + separator;
      gsize m;

      while (*r == ' ')
        r++;

      if ((m = scan_amount (r)) > 0)
        return r + m - p;
    }

  return n;
}

static gsize
scan_ascii_word (const char *p)
{
  const char *q = p;

  while (g_ascii_isalpha (*q))
    q++;

  return q - p;
}

/* The unit at @p, as its length in bytes (a trailing period included, as
 * in "tbsp."); 0 if @p does not start with a unit word. */
static gsize
scan_unit (const char *p,
           gsize      *unit_length)
{
  gsize n = scan_ascii_word (p);
  const char *q = p + n;

  if (n == 0)
    return 0;

  /* "fl oz", "fl. oz.", "fluid ounces" */
  if ((n == 2 && g_ascii_strncasecmp (p, "fl", 2) == 0) ||
      (n == 5 && g_ascii_strncasecmp (p, "fluid", 5) == 0))
    {
      const char *r = q;
      gsize m;

      if (*r == '.')
        r++;
      while (*r == ' ')
        r++;

      m = scan_ascii_word (r);
      if ((m == 2 && g_ascii_strncasecmp (r, "oz", 2) == 0) ||
          (m == 5 && g_ascii_strncasecmp (r, "ounce", 5) == 0) ||
          (m == 6 && g_ascii_strncasecmp (r, "ounces", 6) == 0))
        {
          q = r + m;
          n = q - p;
        }
      else
        return 0;
    }
  else if (!is_unit_word (p, n))
    return 0;

  *unit_length = n;

  if (*q == '.')
    q++;

  if (*q != '\0' && *q != ' ')
    return 0;

  return q - p;
}

/* Runs of spaces become one; none at either end. */
static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_c (out, *p);
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static void
append_note (GString    *notes,
             const char *note)
{
  g_autofree char *clean = collapse_spaces (note);

  if (*clean == '\0')
    return;

  if (notes->len > 0)
    g_string_append (notes, ", ");
  g_string_append (notes, clean);
}

/* Splits "2 1/2 cups flour, sifted" into quantity, unit, name and note.
 * Notes are what follows the first comma and what is in parentheses.
 * Whatever does not fit that shape is kept whole as the name. */
static GalleyIngredient *
ingredient_from_line (const char *line)
{
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GString) paren = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *main_part = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *unit = NULL;
  const char *tail = NULL;
  const char *rest;
  guint depth = 0;
  gsize n;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '(')
        {
          if (depth++ == 0)
            {
              g_string_truncate (paren, 0);
              g_string_append_c (head, ' ');
              continue;
            }
        }
      else if (*p == ')' && depth > 0)
        {
          if (--depth == 0)
            {
              append_note (notes, paren->str);
              g_string_append_c (head, ' ');
              continue;
            }
        }
      else if (*p == ',' && depth == 0 &&
               !(p > line && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])))
        {
          tail = p + 1;
          break;
        }

      g_string_append_c (depth > 0 ? paren : head, *p);
    }

  if (depth > 0)
    return galley_ingredient_new (line, NULL, NULL, NULL);

  if (tail != NULL)
    append_note (notes, tail);

  main_part = collapse_spaces (head->str);
  rest = main_part;

  if ((n = scan_quantity (rest)) > 0)
    {
      gsize unit_length = 0;

      quantity = g_strndup (rest, n);
      rest += n;

      if (g_ascii_isalpha (*rest))
        {
          /* Only a unit may be glued to the number, as in "200g". */
          if ((n = scan_unit (rest, &unit_length)) == 0)
            return galley_ingredient_new (line, NULL, NULL, NULL);
        }
      else
        {
          while (*rest == ' ')
            rest++;
          n = scan_unit (rest, &unit_length);
        }

      if (n > 0)
        {
          unit = g_strndup (rest, unit_length);
          rest += n;
          while (*rest == ' ')
            rest++;
          if (g_ascii_strncasecmp (rest, "of ", 3) == 0)
            rest += 3;
        }

      while (*rest == ' ')
        rest++;

      /* "2 x 400 g tins", "2-inch piece": not a shape this reads. */
      if (*rest == '\0' ||
          !g_unichar_isalpha (g_utf8_get_char (rest)) ||
          ((rest[0] == 'x' || rest[0] == 'X') && (rest[1] == ' ' || rest[1] == '\0')))
        return galley_ingredient_new (line, NULL, NULL, NULL);
    }

  if (*rest == '\0')
    return galley_ingredient_new (line, NULL, NULL, NULL);

  return galley_ingredient_new (rest, quantity, unit,
                                notes->len > 0 ? notes->str : NULL);
}

static void
add_ingredients_from_node (Import   *import,
                           JsonNode *node)
{
  const char *text;
  g_autofree char *clean = NULL;
  g_auto(GStrv) lines = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_ingredients_from_node (import, json_array_get_element (array, i));

      return;
    }

  if ((text = node_get_text (node)) == NULL)
    {
      g_autofree char *quoted = node_to_warning_text (node);

      add_warning (import->warnings,
                   _("Skipped the ingredient “%s”: it is not text"), quoted);
      return;
    }

  /* One string may hold the whole list, a line per ingredient. */
  clean = clean_text (text, TRUE);
  lines = split_at (clean, '\n');

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GalleyIngredient) ingredient = NULL;

      if (*lines[i] == '\0')
        continue;

      ingredient = ingredient_from_line (lines[i]);
      galley_recipe_add_ingredient (import->recipe, ingredient);
    }
}

static void
import_ingredients (Import     *import,
                    JsonObject *object)
{
  JsonNode *node = object_get (object, "recipeIngredient");

  if (node == NULL)
    node = object_get (object, "ingredients");

  add_ingredients_from_node (import, node);
}

/* Instructions */

static void
add_step (Import     *import,
          const char *section_name,
          const char *text)
{
  g_autoptr(GalleyStep) step = galley_step_new (text);

  /* Consecutive steps of one section share it; steps outside any section
   * share an unnamed one. */
  if (import->section == NULL ||
      g_strcmp0 (galley_section_get_name (import->section), section_name) != 0)
    {
      g_autoptr(GalleySection) section = galley_section_new (section_name);

      galley_recipe_add_section (import->recipe, section);
      import->section = section;
    }

  galley_section_add_step (import->section, step);
}

/* "1. ", "2) ", "Step 3: ": Galley numbers steps itself. */
static const char *
skip_step_number (const char *line)
{
  const char *p = line;
  const char *digits;
  gboolean word = FALSE;

  if (g_ascii_strncasecmp (p, "step", 4) == 0)
    {
      p += 4;
      word = TRUE;
      while (*p == ' ')
        p++;
    }

  digits = p;
  while (g_ascii_isdigit (*p) && p - digits < 3)
    p++;

  if (p == digits || g_ascii_isdigit (*p))
    return line;

  if (*p == '.' || *p == ')' || *p == ':')
    p++;
  else if (!word)
    return line;

  if (*p != ' ')
    return line;

  while (*p == ' ')
    p++;

  return *p != '\0' ? p : line;
}

/* A plain string is a step, or several: sites put the whole method in one
 * string, a paragraph or a line per step. */
static void
add_text_steps (Import     *import,
                const char *section_name,
                const char *text)
{
  g_autofree char *clean = clean_text (text, TRUE);
  g_auto(GStrv) lines = split_at (clean, '\n');

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      add_step (import, section_name, skip_step_number (lines[i]));
}

static void
shorten_section_name (char **name)
{
  g_autofree char *start = NULL;
  const char *end;

  /* Only the length up to the limit is looked at: names can be huge. */
  if (g_utf8_strlen (*name, MAX_SECTION_NAME_CHARS * 4 + 4) <= MAX_SECTION_NAME_CHARS)
    return;

  end = g_utf8_offset_to_pointer (*name, MAX_SECTION_NAME_CHARS - 1);
  start = g_strndup (*name, end - *name);
  g_free (*name);
  *name = g_strconcat (start, "…", NULL);
}

static void import_instruction_node (Import     *import,
                                     JsonNode   *node,
                                     const char *section_name);

static void
import_instruction_object (Import     *import,
                           JsonObject *object,
                           const char *section_name)
{
  JsonNode *items = object_get (object, "itemListElement");
  JsonNode *text_node = object_get (object, "text");
  const char *name = node_get_text (object_get (object, "name"));

  if (object_has_type (object, "HowToSection") ||
      (items != NULL && name != NULL && text_node == NULL &&
       !object_has_type (object, "HowToStep")))
    {
      g_autofree char *clean_name = name != NULL ? clean_text (name, FALSE) : NULL;
      g_autofree char *full_name = NULL;

      /* Galley's sections do not nest: an inner section becomes a section
       * of its own named after both, "Filling – Sauce". */
      if (clean_name != NULL)
        shorten_section_name (&clean_name);

      if (clean_name == NULL || *clean_name == '\0')
        full_name = g_strdup (section_name);
      else if (section_name != NULL)
        full_name = g_strdup_printf ("%s – %s", section_name, clean_name);
      else
        full_name = g_steal_pointer (&clean_name);

      if (full_name != NULL)
        shorten_section_name (&full_name);

      import_instruction_node (import, items, full_name);
      return;
    }

  if (text_node != NULL)
    {
      const char *text = node_get_text (text_node);

      if (text != NULL && !JSON_NODE_HOLDS_ARRAY (text_node))
        {
          /* A HowToStep is one step, whatever line breaks its text has. */
          g_autofree char *clean = clean_text (text, FALSE);

          if (*clean != '\0')
            add_step (import, section_name, skip_step_number (clean));
        }
      else
        import_instruction_node (import, text_node, section_name);
    }
  else if (items == NULL && name != NULL)
    {
      g_autofree char *clean = clean_text (name, FALSE);

      if (*clean != '\0')
        add_step (import, section_name, skip_step_number (clean));
    }
  else if (items == NULL)
    add_warning (import->warnings, _("Skipped an instruction with no text"));

  /* HowToDirection and HowToTip items inside a HowToStep. */
  if (items != NULL)
    import_instruction_node (import, items, section_name);
}

static void
import_instruction_node (Import     *import,
                         JsonNode   *node,
                         const char *section_name)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        import_instruction_node (import, json_array_get_element (array, i), section_name);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    import_instruction_object (import, json_node_get_object (node), section_name);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    add_text_steps (import, section_name, json_node_get_string (node));
  else
    {
      g_autofree char *quoted = node_to_warning_text (node);

      add_warning (import->warnings,
                   _("Skipped the instruction “%s”: it is not text"), quoted);
    }
}

static void
import_instructions (Import     *import,
                     JsonObject *object)
{
  import_instruction_node (import, object_get (object, "recipeInstructions"), NULL);
}

static GalleyRecipe *
recipe_from_object (JsonNode   *root,
                    JsonObject *object,
                    GPtrArray  *warnings)
{
  g_autoptr(GalleyRecipe) recipe = galley_recipe_new ();
  g_autoptr(GHashTable) nodes_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *id = g_uuid_string_random ();
  Import import = { recipe, warnings, nodes_by_id, NULL, FALSE };

  collect_ids (root, nodes_by_id);

  galley_recipe_set_id (recipe, id);
  import_title (&import, object);
  import_servings (&import, object);
  import_tags (&import, object);
  import_source_url (&import, object);
  import_times (&import, object);
  import_image (&import, object);
  import_ingredients (&import, object);
  import_instructions (&import, object);

  return g_steal_pointer (&recipe);
}

static JsonNode *
parse_value (const char  *json,
             gsize        length,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  /* json-glib's scanner is only ever given a terminated string. */
  g_autofree char *copy = g_strndup (json, length);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, copy, length, &local_error))
    {
      /* json-glib quotes the text it choked on, which after a lone
       * surrogate escape is not UTF-8. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                   _("The recipe is not valid JSON: %s"), message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                         _("The recipe is empty"));

  return root;
}

/**
 * galley_jsonld_parse:
 * @json: JSON-LD text, UTF-8; need not be nul-terminated
 * @length: its length in bytes
 * @warnings: (out) (optional) (transfer container) (element-type utf8):
 *   on success, notes on what was skipped, for the user
 * @error: return location for a #GALLEY_IMPORT_ERROR
 *
 * Reads the first schema.org Recipe in @json: the top-level object, an
 * element of a top-level array, or a node of an @graph. Several top-level
 * objects one after the other are read as an array of them. The recipe
 * gets a new random id. Step timers are not detected here.
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with @error set
 */
GalleyRecipe *
galley_jsonld_parse (const char  *json,
                     gsize        length,
                     GPtrArray  **warnings,
                     GError     **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (GalleyJsonSpan));
  g_autoptr(GPtrArray) collected = NULL;
  g_autoptr(JsonNode) root = NULL;
  GalleyRecipe *recipe;
  JsonObject *object;
  gboolean stray;

  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;

  if (json == NULL)
    json = "";

  /* Nul bytes count as invalid too: json-glib would stop reading there. */
  if (!g_utf8_validate_len (json, length, NULL))
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                           _("The recipe is not valid UTF-8 text"));
      return NULL;
    }

  if (length >= 3 && memcmp (json, "\xef\xbb\xbf", 3) == 0)
    {
      json += 3;
      length -= 3;
    }

  /* Several top-level objects one after the other ("{Org} {Recipe}", as
   * some pages write) are parsed one at a time and read as an array:
   * json-glib would leak all but the last. */
  if (!galley_json_scan (json, length, GALLEY_JSON_MAX_DEPTH, values, &stray, error))
    return NULL;

  if (values->len > 0 && stray)
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                           _("The recipe is not valid JSON: there is text outside its value"));
      return NULL;
    }

  if (values->len <= 1)
    {
      if ((root = parse_value (json, length, error)) == NULL)
        return NULL;
    }
  else
    {
      g_autoptr(JsonArray) array = json_array_sized_new (values->len);

      for (guint i = 0; i < values->len; i++)
        {
          const GalleyJsonSpan *span = &g_array_index (values, GalleyJsonSpan, i);
          JsonNode *value = parse_value (json + span->start, span->end - span->start, error);

          if (value == NULL)
            return NULL;

          json_array_add_element (array, value);
        }

      root = json_node_init_array (json_node_alloc (), array);
    }

  object = find_recipe (root);
  if (object == NULL)
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE,
                           _("No recipe found in this page"));
      return NULL;
    }

  collected = g_ptr_array_new_with_free_func (g_free);
  recipe = recipe_from_object (root, object, collected);

  if (warnings != NULL)
    *warnings = g_steal_pointer (&collected);

  return recipe;
}

/* HTML scanning. The page is untrusted bytes of any encoding: only ASCII
 * is compared, and every read is checked against @end. */

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
starts_with_ascii_case (const char *p,
                        const char *end,
                        const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* The first @needle (ASCII case-insensitive) in [p, end), or %NULL. Its
 * first character must not be a letter, so memchr() can find candidates. */
static const char *
find_ascii_case (const char *p,
                 const char *end,
                 const char *needle)
{
  while (p < end)
    {
      const char *candidate = memchr (p, needle[0], end - p);

      if (candidate == NULL)
        return NULL;

      if (starts_with_ascii_case (candidate, end, needle))
        return candidate;

      p = candidate + 1;
    }

  return NULL;
}

/* Where the script that starts at @p ends: "</script" followed by space,
 * '/' or '>', as browsers read it; @end if the page stops first. */
static const char *
find_script_end (const char *p,
                 const char *end)
{
  while ((p = find_ascii_case (p, end, "</script")) != NULL)
    {
      const char *after = p + strlen ("</script");

      if (after == end || is_html_space (*after) || *after == '/' || *after == '>')
        return p;

      p = after;
    }

  return end;
}

/* Reads the attributes of a start tag from @p (just after its name) up to
 * and including the '>'. Returns the position after the tag, or %NULL if
 * the page ends first. *@is_jsonld says whether it had
 * type="application/ld+json" (parameters such as charset allowed). */
static const char *
scan_script_attributes (const char *p,
                        const char *end,
                        gboolean   *is_jsonld)
{
  gboolean seen_type = FALSE;

  *is_jsonld = FALSE;

  for (;;)
    {
      const char *name;
      gsize name_length;
      const char *value = NULL;
      const char *value_end = NULL;

      while (p < end && (is_html_space (*p) || *p == '/'))
        p++;

      if (p >= end)
        return NULL;

      if (*p == '>')
        return p + 1;

      name = p;
      while (p < end && !is_html_space (*p) && *p != '/' && *p != '>' && *p != '=')
        p++;
      name_length = p - name;

      while (p < end && is_html_space (*p))
        p++;

      if (p < end && *p == '=')
        {
          p++;
          while (p < end && is_html_space (*p))
            p++;

          if (p >= end)
            return NULL;

          if (*p == '"' || *p == '\'')
            {
              value = p + 1;
              value_end = memchr (value, *p, end - value);
              if (value_end == NULL)
                return NULL;
              p = value_end + 1;
            }
          else
            {
              value = p;
              while (p < end && !is_html_space (*p) && *p != '>')
                p++;
              value_end = p;
            }
        }

      /* Browsers use the first of repeated attributes. */
      if (!seen_type && name_length == 4 && g_ascii_strncasecmp (name, "type", 4) == 0)
        {
          const char *semicolon;

          seen_type = TRUE;

          if (value == NULL)
            continue;

          semicolon = memchr (value, ';', value_end - value);
          if (semicolon != NULL)
            value_end = semicolon;

          while (value < value_end && is_html_space (*value))
            value++;
          while (value_end > value && is_html_space (value_end[-1]))
            value_end--;

          *is_jsonld = starts_with_ascii_case (value, value_end, "application/ld+json") &&
                       value_end - value == strlen ("application/ld+json");
        }
    }
}

static gboolean
strip_prefix (const char **start,
              const char  *end,
              const char  *prefix)
{
  if (!starts_with_ascii_case (*start, end, prefix))
    return FALSE;

  *start += strlen (prefix);
  return TRUE;
}

static gboolean
strip_suffix (const char  *start,
              const char **end,
              const char  *suffix)
{
  gsize n = strlen (suffix);

  if ((gsize)(*end - start) < n || memcmp (*end - n, suffix, n) != 0)
    return FALSE;

  *end -= n;
  return TRUE;
}

/* Old templates hide script contents from ancient browsers in an HTML
 * comment or a (commented) CDATA section. */
static void
unwrap_script (const char **start,
               const char **end)
{
  gboolean changed = TRUE;

  while (changed)
    {
      while (*start < *end && is_html_space (**start))
        (*start)++;
      while (*end > *start && is_html_space ((*end)[-1]))
        (*end)--;

      changed = FALSE;
      changed |= strip_prefix (start, *end, "<!--");
      changed |= strip_suffix (*start, end, "-->");
      changed |= strip_prefix (start, *end, "/*<![CDATA[*/");
      changed |= strip_suffix (*start, end, "/*]]>*/");
      changed |= strip_prefix (start, *end, "//<![CDATA[");
      changed |= strip_prefix (start, *end, "<![CDATA[");
      if (strip_suffix (*start, end, "]]>"))
        {
          changed = TRUE;
          strip_suffix (*start, end, "//");
        }
    }
}

/**
 * galley_jsonld_parse_html:
 * @html: a web page, as bytes
 * @length: its length in bytes
 * @warnings: (out) (optional) (transfer container) (element-type utf8):
 *   on success, notes on what was skipped, for the user
 * @error: return location for a #GALLEY_IMPORT_ERROR
 *
 * Reads the first schema.org Recipe found in the page's
 * `<script type="application/ld+json">` elements, trying them in order.
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL with @error set
 */
GalleyRecipe *
galley_jsonld_parse_html (const char  *html,
                          gsize        length,
                          GPtrArray  **warnings,
                          GError     **error)
{
  g_autoptr(GError) first_error = NULL;
  const char *end;
  const char *p;
  guint n_valid_blocks = 0;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;

  if (html == NULL)
    html = "";

  p = html;
  end = html + length;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      const char *content;
      const char *content_end;
      gboolean is_jsonld;

      /* A commented-out script is not one. */
      if (starts_with_ascii_case (p, end, "<!--"))
        {
          const char *close = find_ascii_case (p + 4, end, "-->");

          p = close != NULL ? close + 3 : end;
          continue;
        }

      if (!starts_with_ascii_case (p, end, "<script") ||
          (p + 7 < end && !is_html_space (p[7]) && p[7] != '>' && p[7] != '/'))
        {
          p++;
          continue;
        }

      content = scan_script_attributes (p + 7, end, &is_jsonld);
      if (content == NULL)
        break;

      /* Skipping every script's body also keeps markup that JavaScript
       * writes out from being read as the page's. */
      content_end = find_script_end (content, end);
      p = content_end;

      if (is_jsonld)
        {
          g_autoptr(GError) block_error = NULL;
          GalleyRecipe *recipe;

          unwrap_script (&content, &content_end);
          if (content == content_end)
            continue;

          recipe = galley_jsonld_parse (content, content_end - content, warnings, &block_error);

          if (recipe != NULL)
            return recipe;

          if (g_error_matches (block_error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE))
            n_valid_blocks++;
          else if (first_error == NULL)
            first_error = g_steal_pointer (&block_error);
        }
    }

  /* A broken block only explains the failure when no block was readable:
   * otherwise the page simply has no recipe. */
  if (first_error != NULL && n_valid_blocks == 0)
    g_propagate_error (error, g_steal_pointer (&first_error));
  else
    g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE,
                         _("No recipe found in this page"));

  return NULL;
}

/**
 * galley_iso8601_duration_parse:
 * @text: an ISO 8601 duration, such as "PT1H30M" or "P0DT0H45M"
 * @seconds: (out) (optional): the duration in seconds, rounded
 *
 * Reads the durations recipes use: years (365 days), months (30 days),
 * weeks, days, hours, minutes and seconds, each at most once and in that
 * order, the last one possibly a decimal ("PT0.5H"). Designators are read
 * in either case and surrounding white space is ignored.
 *
 * Returns: %TRUE if @text is such a duration; @seconds is unchanged if not
 */
gboolean
galley_iso8601_duration_parse (const char *text,
                               gint64     *seconds)
{
  static const struct
  {
    char     designator;
    gboolean time;
    double   seconds;
  } units[] = {
    { 'Y', FALSE, 365.0 * 86400 },
    { 'M', FALSE, 30.0 * 86400 },
    { 'W', FALSE, 7.0 * 86400 },
    { 'D', FALSE, 86400 },
    { 'H', TRUE, 3600 },
    { 'M', TRUE, 60 },
    { 'S', TRUE, 1 },
  };
  const char *p = text;
  gboolean in_time = FALSE;
  gboolean any_component = FALSE;
  gboolean any_time_component = FALSE;
  gboolean had_fraction = FALSE;
  guint next_unit = 0;
  double total = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  while (g_ascii_isspace (*p))
    p++;

  if (g_ascii_toupper (*p) != 'P')
    return FALSE;
  p++;

  while (*p != '\0' && !g_ascii_isspace (*p))
    {
      double value = 0;
      guint n_digits = 0;
      guint unit;
      char designator;

      if (g_ascii_toupper (*p) == 'T')
        {
          if (in_time)
            return FALSE;
          in_time = TRUE;
          p++;
          continue;
        }

      /* Only the smallest component may have a fraction. */
      if (had_fraction || !g_ascii_isdigit (*p))
        return FALSE;

      for (; g_ascii_isdigit (*p); p++)
        {
          if (++n_digits > 12)
            return FALSE;
          value = value * 10 + g_ascii_digit_value (*p);
        }

      if (*p == '.' || *p == ',')
        {
          double scale = 0.1;

          p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;

          for (; g_ascii_isdigit (*p); p++)
            {
              value += g_ascii_digit_value (*p) * scale;
              scale /= 10;
            }

          had_fraction = TRUE;
        }

      designator = g_ascii_toupper (*p);
      for (unit = next_unit; unit < G_N_ELEMENTS (units); unit++)
        if (units[unit].designator == designator && units[unit].time == in_time)
          break;

      if (unit == G_N_ELEMENTS (units))
        return FALSE;

      total += value * units[unit].seconds;
      next_unit = unit + 1;
      any_component = TRUE;
      any_time_component |= in_time;
      p++;
    }

  while (g_ascii_isspace (*p))
    p++;

  if (*p != '\0' || !any_component || (in_time && !any_time_component))
    return FALSE;

  if (total > MAX_DURATION_S)
    return FALSE;

  if (seconds != NULL)
    *seconds = (gint64)(total + 0.5);

  return TRUE;
}
