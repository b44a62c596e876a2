/* galley-cooklang.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-cooklang"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "galley-cooklang.h"
#include "galley-error.h"

/* Reads Cooklang (https://cooklang.org/docs/spec/) into the recipe model.
 *
 * The importer never gives up on odd input: whatever it cannot read stays in
 * the step as plain text and is reported as a warning with its line number.
 * Only text that is not UTF-8 and a file without a single step are errors.
 *
 * Choices where the spec leaves room, kept simple so users can predict them:
 *
 *  - A step is a paragraph; its lines are joined with one space and runs of
 *    white space collapse into one.
 *  - "@", "#" and "~" start markup only when they do not follow a letter or
 *    digit, so "me@example.com" and "C#" stay text.
 *  - A "~" that is not followed by braces ("~5 minutes", "about ~20") is the
 *    usual "approximately" sign and stays text without a warning.
 *  - Ingredient list: every mention with a quantity is a line of its own, in
 *    order. A mention without a quantity adds a line only if no mention of
 *    that name (ignoring case) has a quantity and it was not listed already.
 *  - A cookware note ("#pan{}(large)") stays in the step as "pan (large)",
 *    because cookware has no list of its own to keep it.
 *  - Notes ("> Do not let the garlic burn") become steps of their own so
 *    their advice is not lost; markup in them is read as in any step.
 *  - A known metadata key with a value that cannot be read ("servings: lots")
 *    is a warning; unknown keys are ignored silently. When several lines set
 *    the same key the last one wins; tags add up. A bare number as a time is
 *    minutes. When only a total time is given it becomes the cook time (minus
 *    the prep time when that is known).
 *  - "source" is the source link only when it looks like one; "source.url"
 *    and "url" always are.
 *
 * Free-text durations ("bake for 20 minutes") are not looked for here: the
 * importer facade runs the duration detector over the steps afterwards, and
 * it leaves the spans of the explicit timers made here alone. */

#define MAX_WARNINGS        50
#define MAX_TIMERS_PER_STEP 100
#define MAX_SERVINGS        10000
#define MAX_SECONDS         (G_GINT64_CONSTANT (366) * 24 * 60 * 60)
#define SNIPPET_CHARS       40
#define TITLE_WORDS         6
#define TITLE_CHARS         80

typedef struct
{
  gsize start;   /* bytes into the step text */
  gsize end;
  gint64 seconds;
  gint64 max_seconds;
  char *label;
} PendingTimer;

typedef struct
{
  GPtrArray *warnings;
  guint n_unlisted_warnings;

  char *title;
  guint servings;
  char *source_url;
  char *source_link;   /* from "source", used when there is no source.url */
  gint64 prep_s;
  gint64 cook_s;
  gint64 total_s;
  GPtrArray *tags;
  GHashTable *tag_keys;

  GPtrArray *sections;
  gboolean section_pending;   /* the next step opens a section */
  char *section_name;

  GString *step;
  GArray *step_timers;
  gboolean pending_space;
  gboolean step_is_note;
  gboolean step_timers_capped;

  GPtrArray *mentions;   /* every ingredient mention, in order */

  /* While inside a block comment: where its "-]" is. */
  const char *comment_end;
  /* No "-]" at or after this point, so later "[-" need not look again. */
  const char *no_comment_end_from;
  /* The same for ")" in the line being read. */
  const char *no_paren_from;
} Parser;

static void
pending_timer_clear (gpointer data)
{
  PendingTimer *timer = data;

  g_clear_pointer (&timer->label, g_free);
}

static void
parser_init (Parser *self)
{
  memset (self, 0, sizeof *self);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->tag_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
  self->section_pending = TRUE;
  self->step = g_string_new (NULL);
  self->step_timers = g_array_new (FALSE, FALSE, sizeof (PendingTimer));
  g_array_set_clear_func (self->step_timers, pending_timer_clear);
  self->mentions = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
parser_clear (Parser *self)
{
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->source_link, g_free);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->tag_keys, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->section_name, g_free);
  if (self->step != NULL)
    g_string_free (g_steal_pointer (&self->step), TRUE);
  g_clear_pointer (&self->step_timers, g_array_unref);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
}

G_GNUC_PRINTF (2, 3)
static void
add_warning (Parser     *self,
             const char *format,
             ...)
{
  va_list args;

  /* Garbage input could otherwise produce a warning per byte. */
  if (self->warnings->len >= MAX_WARNINGS)
    {
      self->n_unlisted_warnings++;
      return;
    }

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

/* The construct a warning is about, short enough to read in a dialog; a
 * %NULL @end means up to the end of the string. Only the characters kept
 * are looked at: a warning about a construct that runs to the end of a long
 * line must not cost the whole line. */
static char *
make_snippet (const char *start,
              const char *end)
{
  const char *p;
  const char *cut = NULL;
  guint n = 0;

  while ((end == NULL || start < end) && is_blank (*start))
    start++;

  for (p = start; (end == NULL || p < end) && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (n == SNIPPET_CHARS - 1)
        cut = p;
      if (n == SNIPPET_CHARS)
        {
          g_autofree char *head = g_strndup (start, cut - start);

          return g_strconcat (head, "…", NULL);
        }
      n++;
    }

  end = p;
  while (end > start && is_blank (end[-1]))
    end--;

  return g_strndup (start, end - start);
}

/* Copies @start..@end without leading and trailing white space and with
 * inner runs of it collapsed into one space. */
static char *
squeeze (const char *start,
         const char *end)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (is_blank (*p))
        {
          space = TRUE;
          continue;
        }

      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
squeeze_or_null (const char *start,
                 const char *end)
{
  char *text = squeeze (start, end);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Cooklang's "word": anything but white space and punctuation. Underscores
 * are allowed too, as in "@olive_oil". */
static gboolean
is_word_char_at (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  if (c == '_')
    return TRUE;

  return c != 0 &&
         !g_unichar_isspace (c) &&
         !g_unichar_ispunct (c) &&
         !g_unichar_iscntrl (c);
}

static gboolean
follows_word_char (const char *line,
                   const char *p)
{
  const char *prev;

  if (p == line)
    return FALSE;

  prev = g_utf8_find_prev_char (line, p);
  return prev != NULL && is_word_char_at (prev);
}

/* Numbers: "2", "1.5", "1,5", "1/2", "1 1/2", "½", "1½". */
static gboolean
read_number (const char **cursor,
             double      *value)
{
  static const struct {
    gunichar c;
    double value;
  } vulgar[] = {
    { 0x00BC, 1.0 / 4 }, { 0x00BD, 1.0 / 2 }, { 0x00BE, 3.0 / 4 },
    { 0x2153, 1.0 / 3 }, { 0x2154, 2.0 / 3 }, { 0x2155, 1.0 / 5 },
    { 0x2156, 2.0 / 5 }, { 0x2157, 3.0 / 5 }, { 0x2158, 4.0 / 5 },
    { 0x2159, 1.0 / 6 }, { 0x215A, 5.0 / 6 }, { 0x215B, 1.0 / 8 },
    { 0x215C, 3.0 / 8 }, { 0x215D, 5.0 / 8 }, { 0x215E, 7.0 / 8 },
  };
  const char *p = *cursor;
  double v = 0;
  gboolean digits = FALSE;
  gunichar c;

  while (g_ascii_isdigit (*p))
    {
      /* Long enough to be nonsense; also keeps the double exact. */
      if (v > 1e12)
        return FALSE;
      v = v * 10 + (*p - '0');
      digits = TRUE;
      p++;
    }

  if (digits && (*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    {
      double scale = 0.1;

      for (p++; g_ascii_isdigit (*p); p++)
        {
          v += (*p - '0') * scale;
          scale /= 10;
        }
    }
  else if (digits && *p == '/' && g_ascii_isdigit (p[1]))
    {
      double den = 0;

      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (den > 1e12)
            return FALSE;
          den = den * 10 + (*p - '0');
        }

      if (den == 0)
        return FALSE;
      v /= den;
    }
  else if (digits && (*p == ' ' || *p == '\t'))
    {
      /* A mixed number, "1 1/2"; anything else after the space is not ours. */
      const char *q = skip_blanks (p);
      double num = 0, den = 0;

      if (g_ascii_isdigit (*q))
        {
          const char *r = q;

          for (; g_ascii_isdigit (*r) && num <= 1e12; r++)
            num = num * 10 + (*r - '0');
          if (*r == '/' && g_ascii_isdigit (r[1]))
            {
              for (r++; g_ascii_isdigit (*r) && den <= 1e12; r++)
                den = den * 10 + (*r - '0');
              if (den > 0 && !g_ascii_isdigit (*r) && num < den)
                {
                  v += num / den;
                  p = r;
                }
            }
        }
    }

  c = g_utf8_get_char (p);
  for (guint i = 0; i < G_N_ELEMENTS (vulgar); i++)
    if (vulgar[i].c == c)
      {
        v += vulgar[i].value;
        p = g_utf8_next_char (p);
        digits = TRUE;
        break;
      }

  if (!digits)
    return FALSE;

  *cursor = p;
  *value = v;
  return TRUE;
}

/* "-", "–", "—" or "to" between the two ends of a range. */
static gboolean
skip_range_separator (const char **cursor)
{
  const char *p = skip_blanks (*cursor);

  if (*p == '-')
    p++;
  else if (g_str_has_prefix (p, "–") || g_str_has_prefix (p, "—"))
    p += strlen ("–");
  else if (g_ascii_strncasecmp (p, "to", 2) == 0 && (p[2] == ' ' || p[2] == '\t'))
    p += 2;
  else
    return FALSE;

  *cursor = skip_blanks (p);
  return TRUE;
}

/* Seconds in one @unit (@length bytes), or 0 if it is not a time unit. */
static gint64
unit_seconds (const char *unit,
              gsize       length)
{
  static const struct {
    const char *name;
    gint64 seconds;
  } units[] = {
    { "s", 1 }, { "sec", 1 }, { "secs", 1 }, { "second", 1 }, { "seconds", 1 },
    { "m", 60 }, { "min", 60 }, { "mins", 60 }, { "minute", 60 }, { "minutes", 60 },
    { "h", 3600 }, { "hr", 3600 }, { "hrs", 3600 }, { "hour", 3600 }, { "hours", 3600 },
    { "d", 86400 }, { "day", 86400 }, { "days", 86400 },
  };

  /* "min." and "hrs." are common abbreviations. */
  if (length > 1 && unit[length - 1] == '.')
    length--;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strlen (units[i].name) == length &&
        g_ascii_strncasecmp (units[i].name, unit, length) == 0)
      return units[i].seconds;

  return 0;
}

static gboolean
to_seconds (double  value,
            gint64  unit,
            gint64 *seconds)
{
  double total = value * (double) unit;

  /* Written this way round so a NaN fails too. */
  if (!(total >= 0.5 && total <= (double) MAX_SECONDS))
    return FALSE;

  *seconds = (gint64) (total + 0.5);
  return TRUE;
}

/* A timer's quantity: a number or a range of two. */
static gboolean
parse_timer_quantity (const char *text,
                      double     *min,
                      double     *max)
{
  const char *p = skip_blanks (text);

  if (!read_number (&p, min))
    return FALSE;

  *max = *min;

  if (skip_range_separator (&p))
    {
      if (!read_number (&p, max))
        return FALSE;
    }

  p = skip_blanks (p);
  if (*p != '\0')
    return FALSE;

  if (*max < *min)
    {
      double tmp = *min;

      *min = *max;
      *max = tmp;
    }

  return TRUE;
}

/* ISO 8601 durations as used by schema.org: "PT1H30M", "P1DT2H". */
static gboolean
parse_iso_duration (const char *text,
                    gint64     *seconds)
{
  const char *p = text + 1;
  gboolean in_time = FALSE;
  gboolean any = FALSE;
  double total = 0;

  while (*p != '\0')
    {
      double value;
      gint64 unit;

      if (*p == 'T' || *p == 't')
        {
          in_time = TRUE;
          p++;
          continue;
        }

      if (!read_number (&p, &value))
        return FALSE;

      switch (g_ascii_toupper (*p))
        {
        case 'W': unit = in_time ? 0 : 7 * 86400; break;
        case 'D': unit = in_time ? 0 : 86400; break;
        case 'H': unit = in_time ? 3600 : 0; break;
        case 'M': unit = in_time ? 60 : 0; break;   /* months are not a cooking time */
        case 'S': unit = in_time ? 1 : 0; break;
        default: unit = 0; break;
        }

      if (unit == 0)
        return FALSE;

      total += value * (double) unit;
      any = TRUE;
      p++;
    }

  return any && to_seconds (total, 1, seconds);
}

/* Metadata times: "1 hour 30 minutes", "90 min", "1h 30m", "1h30",
 * "1 1/2 hours", "1:30", "PT1H", and a bare number of minutes. Of a range
 * ("20-30 minutes") the start counts. */
static gboolean
parse_duration (const char *text,
                gint64     *seconds)
{
  const char *p = skip_blanks (text);
  double total = 0;
  gint64 last_unit = 0;
  guint n_parts = 0;

  if ((*p == 'P' || *p == 'p') && (p[1] == 'T' || p[1] == 't' || g_ascii_isdigit (p[1])))
    {
      g_autofree char *iso = g_strstrip (g_strdup (p));

      return parse_iso_duration (iso, seconds);
    }

  if (g_ascii_isdigit (p[0]))
    {
      const char *q = p;
      guint64 hours = 0;

      while (g_ascii_isdigit (*q) && hours < 1000)
        hours = hours * 10 + (guint64) (*q++ - '0');

      if (*q == ':' && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) &&
          *skip_blanks (q + 3) == '\0')
        return to_seconds ((double) hours * 3600 + ((q[1] - '0') * 10 + (q[2] - '0')) * 60,
                           1, seconds);
    }

  for (;;)
    {
      const char *unit_start;
      double value, ignored;
      gint64 unit;

      while (*p == ' ' || *p == '\t' || *p == ',' || *p == '+' || *p == '&')
        p++;
      if (g_ascii_strncasecmp (p, "and", 3) == 0 && (p[3] == ' ' || p[3] == '\t'))
        {
          p += 3;
          continue;
        }
      if (*p == '\0')
        break;

      if (!read_number (&p, &value))
        return FALSE;
      if (skip_range_separator (&p) && !read_number (&p, &ignored))
        return FALSE;

      p = skip_blanks (p);
      unit_start = p;
      while (g_ascii_isalpha (*p))
        p++;
      if (*p == '.' && p > unit_start)
        p++;

      if (p == unit_start)
        {
          /* "1h30" means minutes, "1m30" seconds, a lone "45" minutes. */
          if (last_unit == 3600 || (n_parts == 0 && *skip_blanks (p) == '\0'))
            unit = 60;
          else if (last_unit == 60)
            unit = 1;
          else
            return FALSE;
        }
      else
        {
          unit = unit_seconds (unit_start, p - unit_start);
          if (unit == 0)
            return FALSE;
        }

      total += value * (double) unit;
      last_unit = unit;
      n_parts++;
    }

  return n_parts > 0 && to_seconds (total, 1, seconds);
}

static char *
unquote (const char *value)
{
  gsize len = strlen (value);

  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    {
      GString *out = g_string_new (NULL);

      for (gsize i = 1; i < len - 1; i++)
        {
          if (value[i] == '\\' && i + 1 < len - 1)
            i++;
          g_string_append_c (out, value[i]);
        }

      return g_string_free (out, FALSE);
    }

  if (len >= 2 && value[0] == '\'' && value[len - 1] == '\'')
    {
      GString *out = g_string_new (NULL);

      for (gsize i = 1; i < len - 1; i++)
        {
          if (value[i] == '\'' && i + 1 < len - 1 && value[i + 1] == '\'')
            i++;
          g_string_append_c (out, value[i]);
        }

      return g_string_free (out, FALSE);
    }

  return g_strdup (value);
}

/* "Prep_Time" → "prep time", so the spellings people use all match. */
static char *
normalize_key (const char *key)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);

  for (char *p = lower; *p != '\0'; p++)
    if (*p == '_' || *p == '-')
      *p = ' ';

  return squeeze (lower, lower + strlen (lower));
}

static gboolean
key_is (const char         *key,
        const char * const *names)
{
  return g_strv_contains (names, key);
}

static const char * const title_keys[] = { "title", NULL };
static const char * const servings_keys[] = { "servings", "serves", "yield", NULL };
static const char * const tags_keys[] = { "tags", "tag", "keywords", NULL };
static const char * const url_keys[] = { "source.url", "source url", "url", NULL };
static const char * const source_keys[] = { "source", NULL };
static const char * const total_keys[] = { "time", "total time", "time required", "duration", "totaltime", NULL };
static const char * const prep_keys[] = { "prep time", "time.prep", "prep", "preparation time", "preptime", NULL };
static const char * const cook_keys[] = { "cook time", "time.cook", "cook", "cooking time", "cooktime", NULL };

static void
add_tag (Parser     *self,
         const char *raw)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (raw));
  g_autofree char *tag = unquote (trimmed);
  g_autofree char *clean = squeeze (tag, tag + strlen (tag));
  char *key;

  if (*clean == '\0')
    return;

  key = g_utf8_casefold (clean, -1);
  if (!g_hash_table_add (self->tag_keys, key))
    return;

  g_ptr_array_add (self->tags, g_steal_pointer (&clean));
}

/* "[a, b]" or "a, b". */
static void
add_tag_list (Parser     *self,
              const char *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));
  g_auto(GStrv) parts = NULL;
  char *list = copy;
  gsize len = strlen (list);

  if (len >= 2 && list[0] == '[' && list[len - 1] == ']')
    {
      list[len - 1] = '\0';
      list++;
    }

  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    add_tag (self, parts[i]);
}

static void
apply_time (Parser     *self,
            gint64     *field,
            const char *value,
            guint       line)
{
  gint64 seconds;

  if (parse_duration (value, &seconds))
    *field = seconds;
  else
    {
      g_autofree char *snippet = make_snippet (value, NULL);

      add_warning (self, _("Line %u: cannot read the time “%s”"), line, snippet);
    }
}

/* One "key: value" from the front matter or a ">>" line. @list_item is set
 * for the items of a YAML list, which are one tag each. */
static void
apply_metadata (Parser     *self,
                const char *raw_key,
                const char *raw_value,
                gboolean    list_item,
                guint       line)
{
  g_autofree char *key = normalize_key (raw_key);
  g_autofree char *trimmed = g_strstrip (g_strdup (raw_value));
  g_autofree char *value = unquote (trimmed);

  g_strstrip (value);
  if (*value == '\0')
    return;

  if (key_is (key, tags_keys))
    {
      if (list_item)
        add_tag (self, value);
      else
        add_tag_list (self, value);
    }
  else if (key_is (key, title_keys))
    {
      g_free (self->title);
      self->title = squeeze (value, value + strlen (value));
    }
  else if (key_is (key, servings_keys))
    {
      const char *p = value;
      guint64 n = 0;

      while (*p != '\0' && !g_ascii_isdigit (*p))
        p++;
      while (g_ascii_isdigit (*p) && n <= MAX_SERVINGS)
        n = n * 10 + (guint64) (*p++ - '0');

      if (n > 0 && n <= MAX_SERVINGS)
        self->servings = (guint) n;
      else
        {
          g_autofree char *snippet = make_snippet (value, NULL);

          add_warning (self, _("Line %u: cannot read the number of servings “%s”"), line, snippet);
        }
    }
  else if (key_is (key, url_keys))
    {
      g_free (self->source_url);
      self->source_url = g_steal_pointer (&value);
    }
  else if (key_is (key, source_keys))
    {
      /* Often a book or a person's name, which is no link. */
      if (strstr (value, "://") != NULL || g_str_has_prefix (value, "www."))
        {
          g_free (self->source_link);
          self->source_link = g_steal_pointer (&value);
        }
    }
  else if (key_is (key, total_keys))
    apply_time (self, &self->total_s, value, line);
  else if (key_is (key, prep_keys))
    apply_time (self, &self->prep_s, value, line);
  else if (key_is (key, cook_keys))
    apply_time (self, &self->cook_s, value, line);
}

/* "key: value" → the key's end; the colon must be followed by a space or
 * end the line, so "https://…" in a value does not split there. */
static char *
find_key_colon (char *line)
{
  for (char *p = line; *p != '\0'; p++)
    if (*p == ':' && (p[1] == '\0' || p[1] == ' ' || p[1] == '\t'))
      return p;

  return NULL;
}

/* A ">>" line; @text is what follows the ">>", NUL-terminated. */
static void
read_metadata_line (Parser     *self,
                    const char *text,
                    guint       line)
{
  const char *colon = strchr (text, ':');
  g_autofree char *key = NULL;

  if (colon != NULL)
    key = g_strstrip (g_strndup (text, colon - text));

  if (key == NULL || *key == '\0')
    {
      g_autofree char *snippet = make_snippet (text, NULL);

      add_warning (self, _("Line %u: cannot read the metadata “%s”"), line, snippet);
      return;
    }

  apply_metadata (self, key, colon + 1, FALSE, line);
}

/* A YAML comment starts at " #" outside quotes. */
static void
strip_yaml_comment (char *value)
{
  if (value[0] == '\0' || value[0] == '"' || value[0] == '\'')
    return;

  if (value[0] == '#')
    {
      value[0] = '\0';
      return;
    }

  for (char *p = value + 1; *p != '\0'; p++)
    if (*p == '#' && (p[-1] == ' ' || p[-1] == '\t'))
      {
        *p = '\0';
        break;
      }

  g_strchomp (value);
}

/* "|", ">", "|-", ">+2": a YAML block scalar follows on indented lines. */
static gboolean
is_block_indicator (const char *value)
{
  if (value[0] != '|' && value[0] != '>')
    return FALSE;

  for (const char *p = value + 1; *p != '\0'; p++)
    if (*p != '-' && *p != '+' && !g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

typedef struct
{
  char *parent;        /* last top-level key, for "source:\n  url: …" */
  char *list_key;      /* key whose "- item" lines follow */
  char *block_key;     /* key of a block scalar being read */
  int block_indent;
  GString *block;
  guint block_line;
} FrontMatter;

static void
front_matter_finish_block (Parser      *self,
                           FrontMatter *fm)
{
  if (fm->block_key == NULL)
    return;

  apply_metadata (self, fm->block_key, fm->block->str, FALSE, fm->block_line);
  g_clear_pointer (&fm->block_key, g_free);
  g_string_truncate (fm->block, 0);
}

/* The simple YAML people write in recipe front matter: "key: value",
 * "key: [a, b]", "key:" followed by "- item" lines, one level of nesting
 * ("source:" then "  url: …" is "source.url") and block scalars. */
static void
read_front_matter_line (Parser      *self,
                        FrontMatter *fm,
                        const char  *start,
                        const char  *end,
                        guint        line)
{
  g_autofree char *text = g_strndup (start, end - start);
  g_autofree char *key = NULL;
  g_autofree char *full_key = NULL;
  char *colon;
  char *value;
  char *t;
  int indent = 0;

  for (t = text; *t == ' ' || *t == '\t'; t++)
    indent++;
  g_strchomp (t);

  if (fm->block_key != NULL)
    {
      if (*t == '\0' || indent > fm->block_indent)
        {
          if (*t != '\0')
            {
              if (fm->block->len > 0)
                g_string_append_c (fm->block, ' ');
              g_string_append (fm->block, t);
            }
          return;
        }

      front_matter_finish_block (self, fm);
    }

  if (*t == '\0' || *t == '#')
    return;

  if (t[0] == '-' && (t[1] == '\0' || t[1] == ' ' || t[1] == '\t'))
    {
      char *item = g_strstrip (t + 1);

      strip_yaml_comment (item);

      if (fm->list_key != NULL)
        apply_metadata (self, fm->list_key, item, TRUE, line);
      else
        {
          g_autofree char *snippet = make_snippet (start, end);

          add_warning (self, _("Line %u: cannot read “%s” in the front matter"), line, snippet);
        }
      return;
    }

  colon = find_key_colon (t);
  if (colon == NULL || colon == t)
    {
      g_autofree char *snippet = make_snippet (start, end);

      add_warning (self, _("Line %u: cannot read “%s” in the front matter"), line, snippet);
      return;
    }

  {
    g_autofree char *raw_key = g_strstrip (g_strndup (t, colon - t));

    key = unquote (raw_key);
  }
  value = g_strstrip (colon + 1);
  strip_yaml_comment (value);

  if (indent == 0)
    {
      g_free (fm->parent);
      fm->parent = g_strdup (key);
      full_key = g_strdup (key);
    }
  else if (fm->parent != NULL)
    full_key = g_strconcat (fm->parent, ".", key, NULL);
  else
    full_key = g_strdup (key);

  g_clear_pointer (&fm->list_key, g_free);

  if (*value == '\0')
    {
      fm->list_key = g_steal_pointer (&full_key);
      return;
    }

  if (is_block_indicator (value))
    {
      fm->block_key = g_steal_pointer (&full_key);
      fm->block_indent = indent;
      fm->block_line = line;
      return;
    }

  if (value[0] == '[')
    {
      gsize len = strlen (value);
      g_auto(GStrv) items = NULL;

      if (value[len - 1] == ']')
        value[len - 1] = '\0';
      items = g_strsplit (value + 1, ",", -1);
      for (guint i = 0; items[i] != NULL; i++)
        apply_metadata (self, full_key, items[i], TRUE, line);
      return;
    }

  apply_metadata (self, full_key, value, FALSE, line);
}

/* Splits at "\n", "\r\n" or a lone "\r". */
static gboolean
next_line (const char **cursor,
           const char  *end,
           const char **line_start,
           const char **line_end)
{
  const char *p = *cursor;

  if (p >= end)
    return FALSE;

  *line_start = p;
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  *line_end = p;

  if (p < end)
    {
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p += 2;
      else
        p++;
    }

  *cursor = p;
  return TRUE;
}

static gboolean
is_blank_range (const char *start,
                const char *end)
{
  for (const char *p = start; p < end; p++)
    if (!is_blank (*p))
      return FALSE;

  return TRUE;
}

static gboolean
is_front_matter_fence (const char *start,
                       const char *end)
{
  while (end > start && is_blank (end[-1]))
    end--;

  return end - start == 3 && memcmp (start, "---", 3) == 0;
}

/* Reads the front matter if the text starts with one. Returns where the
 * steps begin and, in @first_line, their line number. */
static const char *
read_front_matter (Parser     *self,
                   const char *text,
                   const char *end,
                   guint      *first_line)
{
  const char *cursor = text;
  const char *ls, *le;
  const char *content;
  const char *fence = NULL;
  guint line = 0;
  guint open_line;
  FrontMatter fm = { 0 };

  *first_line = 1;

  do
    {
      if (!next_line (&cursor, end, &ls, &le))
        return text;
      line++;
    }
  while (is_blank_range (ls, le));

  if (!is_front_matter_fence (ls, le))
    return text;

  open_line = line;
  content = cursor;

  while (next_line (&cursor, end, &ls, &le))
    {
      line++;
      if (is_front_matter_fence (ls, le))
        {
          fence = ls;
          break;
        }
    }

  if (fence == NULL)
    {
      add_warning (self,
                   _("Line %u: the front matter is not closed with “---”, read as steps instead"),
                   open_line);
      return text;
    }

  *first_line = line + 1;

  fm.block = g_string_new (NULL);
  line = open_line;
  for (const char *p = content; p < fence && next_line (&p, fence, &ls, &le); )
    read_front_matter_line (self, &fm, ls, le, ++line);
  front_matter_finish_block (self, &fm);

  g_clear_pointer (&fm.parent, g_free);
  g_clear_pointer (&fm.list_key, g_free);
  g_string_free (fm.block, TRUE);

  return cursor;
}

/* Appends text to the current step, collapsing white space (and control
 * characters) into single spaces. Returns the byte offset of the first
 * character appended, or -1 if there was none. */
static gssize
step_append (Parser     *self,
             const char *text,
             gsize       length)
{
  gssize first = -1;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];

      if (c <= 0x20 || c == 0x7f)
        {
          self->pending_space = TRUE;
          continue;
        }

      if (self->pending_space && self->step->len > 0)
        g_string_append_c (self->step, ' ');
      self->pending_space = FALSE;

      if (first < 0)
        first = (gssize) self->step->len;
      g_string_append_c (self->step, (char) c);
    }

  return first;
}

static void
step_append_str (Parser     *self,
                 const char *text)
{
  step_append (self, text, strlen (text));
}

static void
end_step (Parser *self)
{
  g_autoptr(GalleyStep) step = NULL;
  const char *text = self->step->str;
  gsize byte = 0;
  glong chars = 0;

  if (self->step->len == 0)
    goto reset;

  step = galley_step_new (text);

  /* Timers were recorded in order, so one pass converts all offsets. */
  for (guint i = 0; i < self->step_timers->len; i++)
    {
      PendingTimer *pending = &g_array_index (self->step_timers, PendingTimer, i);
      g_autoptr(GalleyStepTimer) timer = NULL;
      g_autofree char *timer_text = NULL;
      glong start, end;

      chars += g_utf8_strlen (text + byte, pending->start - byte);
      start = chars;
      chars += g_utf8_strlen (text + pending->start, pending->end - pending->start);
      end = chars;
      byte = pending->end;

      timer_text = g_strndup (text + pending->start, pending->end - pending->start);
      timer = galley_step_timer_new ((guint) start, (guint) end, timer_text,
                                     pending->seconds, pending->max_seconds,
                                     pending->label);
      galley_step_add_timer (step, timer);
    }

  if (self->section_pending)
    {
      g_ptr_array_add (self->sections, galley_section_new (self->section_name));
      g_clear_pointer (&self->section_name, g_free);
      self->section_pending = FALSE;
    }

  galley_section_add_step (g_ptr_array_index (self->sections, self->sections->len - 1), step);

reset:
  g_string_truncate (self->step, 0);
  g_array_set_size (self->step_timers, 0);
  self->pending_space = FALSE;
  self->step_is_note = FALSE;
  self->step_timers_capped = FALSE;
}

static void
add_ingredient (Parser     *self,
                const char *name,
                const char *quantity,
                const char *unit,
                const char *note)
{
  g_ptr_array_add (self->mentions, galley_ingredient_new (name, quantity, unit, note));
}

static char *
capitalize (const char *text)
{
  gunichar first;
  char buf[6];
  int len;

  if (text == NULL || *text == '\0')
    return NULL;

  first = g_unichar_totitle (g_utf8_get_char (text));
  len = g_unichar_to_utf8 (first, buf);

  return g_strdup_printf ("%.*s%s", len, buf, g_utf8_next_char (text));
}

/* An explicit timer, "~{25%minutes}" or "~eggs{3%minutes}". @start..@after
 * is the whole construct, for the warnings. */
static void
add_timer (Parser     *self,
           const char *start,
           const char *after,
           const char *name,
           const char *quantity,
           const char *unit,
           guint       line)
{
  g_autofree char *rendered = NULL;
  g_autofree char *snippet = NULL;
  double min, max;
  gint64 unit_s, seconds, max_seconds;
  gssize first;
  PendingTimer pending;

  if (quantity == NULL || unit == NULL)
    {
      snippet = make_snippet (start, after);
      if (quantity == NULL)
        add_warning (self, _("Line %u: the timer “%s” has no duration, kept as text"), line, snippet);
      else
        add_warning (self, _("Line %u: the timer “%s” has no time unit, kept as text"), line, snippet);
      step_append (self, start, after - start);
      return;
    }

  rendered = g_strconcat (quantity, " ", unit, NULL);

  if (!parse_timer_quantity (quantity, &min, &max))
    {
      snippet = make_snippet (start, after);
      add_warning (self, _("Line %u: cannot read the duration in “%s”"), line, snippet);
      step_append_str (self, rendered);
      return;
    }

  unit_s = unit_seconds (unit, strlen (unit));
  if (unit_s == 0)
    {
      snippet = make_snippet (start, after);
      add_warning (self, _("Line %u: cannot read the time unit in “%s”"), line, snippet);
      step_append_str (self, rendered);
      return;
    }

  if (!to_seconds (min, unit_s, &seconds) || !to_seconds (max, unit_s, &max_seconds))
    {
      snippet = make_snippet (start, after);
      add_warning (self, _("Line %u: the timer “%s” is too short or too long for a timer"), line, snippet);
      step_append_str (self, rendered);
      return;
    }

  if (self->step_timers->len >= MAX_TIMERS_PER_STEP)
    {
      if (!self->step_timers_capped)
        add_warning (self, _("Line %u: too many timers in one step, only the first %u are kept"),
                     line, (guint) MAX_TIMERS_PER_STEP);
      self->step_timers_capped = TRUE;
      step_append_str (self, rendered);
      return;
    }

  first = step_append (self, rendered, strlen (rendered));
  g_assert (first >= 0);

  pending.start = (gsize) first;
  pending.end = self->step->len;
  pending.seconds = seconds;
  pending.max_seconds = max_seconds;
  pending.label = capitalize (name);
  g_array_append_val (self->step_timers, pending);
}

/* Reads the component whose sigil ("@", "#" or "~") is at @p. Returns where
 * the text continues, or %NULL if the sigil is plain text after all. */
static const char *
read_component (Parser     *self,
                const char *p,
                guint       line)
{
  const char sigil = *p;
  const char *name_start = p + 1;
  const char *name_end;
  const char *brace;
  const char *close;
  const char *after;
  const char *percent;
  const char *note_start = NULL, *note_end = NULL;
  g_autofree char *name = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *note = NULL;

  if (sigil == '~' && *name_start == '{')
    {
      brace = name_start;
      name_end = name_start;
    }
  else if (!is_word_char_at (name_start))
    {
      if (sigil == '@')
        add_warning (self, _("Line %u: “@” is not followed by an ingredient name, kept as text"), line);
      else if (sigil == '#')
        add_warning (self, _("Line %u: “#” is not followed by a cookware name, kept as text"), line);
      return NULL;
    }
  else
    {
      const char *word_end = name_start;
      const char *m;

      while (is_word_char_at (word_end))
        word_end = g_utf8_next_char (word_end);

      /* A name of several words runs up to its braces; the spec lets it
       * hold any text, but stopping at the next markup keeps
       * "@salt and #pan{}" from becoming one ingredient. */
      for (m = word_end; *m != '\0' && strchr ("{}@#~", *m) == NULL; m++)
        ;

      if (*m == '{')
        {
          brace = m;
          name_end = m;
        }
      else if (sigil == '~')
        return NULL;
      else
        {
          name = g_strndup (name_start, word_end - name_start);
          if (sigil == '@')
            add_ingredient (self, name, NULL, NULL, NULL);
          step_append_str (self, name);
          return word_end;
        }
    }

  for (close = brace + 1; *close != '\0' && *close != '}' && *close != '{'; close++)
    ;

  if (*close != '}')
    {
      g_autofree char *snippet = make_snippet (p, close);

      add_warning (self, _("Line %u: unclosed “{” in “%s”, kept as text"), line, snippet);
      step_append (self, p, brace + 1 - p);
      return brace + 1;
    }

  after = close + 1;

  if (sigil != '~' && *after == '(')
    {
      const char *paren = NULL;

      if (self->no_paren_from == NULL || after < self->no_paren_from)
        paren = strchr (after + 1, ')');
      if (paren == NULL)
        self->no_paren_from = after;

      if (paren != NULL)
        {
          note_start = after + 1;
          note_end = paren;
          after = paren + 1;
        }
      else
        {
          g_autofree char *snippet = make_snippet (p, NULL);

          add_warning (self, _("Line %u: unclosed “(” in “%s”, kept as text"), line, snippet);
        }
    }

  name = squeeze (name_start, name_end);
  percent = memchr (brace + 1, '%', close - (brace + 1));
  if (percent != NULL)
    {
      quantity = squeeze_or_null (brace + 1, percent);
      unit = squeeze_or_null (percent + 1, close);
    }
  else
    quantity = squeeze_or_null (brace + 1, close);
  if (note_start != NULL)
    note = squeeze_or_null (note_start, note_end);

  switch (sigil)
    {
    case '@':
      add_ingredient (self, name, quantity, unit, note);
      step_append_str (self, name);
      break;

    case '#':
      step_append_str (self, name);
      if (note != NULL)
        {
          step_append_str (self, " (");
          step_append_str (self, note);
          step_append_str (self, ")");
        }
      break;

    case '~':
      add_timer (self, p, after, *name != '\0' ? name : NULL, quantity, unit, line);
      break;

    default:
      g_assert_not_reached ();
    }

  return after;
}

/* Renders one line of a step (comments already gone) into the current step. */
static void
read_step_text (Parser     *self,
                const char *text,
                guint       line)
{
  const char *plain = text;
  const char *p = text;
  guint depth = 0;

  if (self->step->len > 0)
    self->pending_space = TRUE;
  self->no_paren_from = NULL;

  while (*p != '\0')
    {
      if ((*p == '@' || *p == '#' || *p == '~') && !follows_word_char (text, p))
        {
          const char *next;

          step_append (self, plain, p - plain);
          plain = p;

          next = read_component (self, p, line);
          if (next != NULL)
            {
              p = plain = next;
              continue;
            }
        }
      else if (*p == '{')
        depth++;
      else if (*p == '}')
        {
          if (depth > 0)
            depth--;
          else
            add_warning (self, _("Line %u: stray “}”, kept as text"), line);
        }

      p++;
    }

  step_append (self, plain, p - plain);
}

static const char *
find_comment_end (Parser     *self,
                  const char *from)
{
  const char *found;

  if (self->no_comment_end_from != NULL && from >= self->no_comment_end_from)
    return NULL;

  found = strstr (from, "-]");
  if (found == NULL)
    self->no_comment_end_from = from;

  return found;
}

/* Copies the line without its comments: "-- to the end of the line" and
 * "[- blocks -]", which may span lines. */
static void
strip_comments (Parser     *self,
                const char *start,
                const char *end,
                guint       line,
                GString    *out)
{
  const char *p = start;

  if (self->comment_end != NULL)
    {
      if (self->comment_end >= end)
        return;

      p = self->comment_end + 2;
      self->comment_end = NULL;
    }

  while (p < end)
    {
      if (p[0] == '-' && p + 1 < end && p[1] == '-')
        break;

      if (p[0] == '[' && p + 1 < end && p[1] == '-')
        {
          const char *close = find_comment_end (self, p + 2);

          if (close == NULL)
            {
              add_warning (self, _("Line %u: unclosed comment “[-”, kept as text"), line);
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }

          if (close < end)
            {
              p = close + 2;
              continue;
            }

          self->comment_end = close;
          return;
        }

      g_string_append_c (out, *p);
      p++;
    }
}

static void
read_body (Parser     *self,
           const char *body,
           const char *end,
           guint       line)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *cursor = body;
  const char *ls, *le;

  for (; next_line (&cursor, end, &ls, &le); line++)
    {
      gboolean in_comment = self->comment_end != NULL;
      const char *t;

      if (!in_comment)
        {
          const char *lead = ls;

          while (lead < le && is_blank (*lead))
            lead++;

          if (lead == le)
            {
              end_step (self);
              continue;
            }

          /* Metadata values are taken as written: a URL may hold "--". */
          if (le - lead >= 2 && lead[0] == '>' && lead[1] == '>')
            {
              g_autofree char *meta = g_strndup (lead + 2, le - lead - 2);

              read_metadata_line (self, meta, line);
              continue;
            }
        }

      g_string_truncate (clean, 0);
      strip_comments (self, ls, le, line, clean);
      t = skip_blanks (clean->str);

      if (*t == '\0')
        continue;

      if (t[0] == '>' && t[1] == '>')
        read_metadata_line (self, t + 2, line);
      else if (t[0] == '=')
        {
          const char *name_end = t + strlen (t);

          end_step (self);

          while (*t == '=')
            t++;
          while (name_end > t && (name_end[-1] == '=' || is_blank (name_end[-1])))
            name_end--;

          g_free (self->section_name);
          self->section_name = squeeze_or_null (t, name_end);
          self->section_pending = TRUE;
        }
      else if (t[0] == '>')
        {
          if (!self->step_is_note)
            end_step (self);
          self->step_is_note = TRUE;
          read_step_text (self, t + 1, line);
        }
      else
        {
          if (self->step_is_note)
            end_step (self);
          read_step_text (self, t, line);
        }
    }

  end_step (self);
}

/* The first words of the first sentence: "Boil the eggs for 3 minutes,
 * then peel them." → "Boil the eggs for 3 minutes". */
static char *
title_from_step (const char *text)
{
  g_autofree char *sentence = g_strdup (text);
  g_auto(GStrv) words = NULL;
  g_autofree char *joined = NULL;
  char *end;

  for (char *p = sentence; *p != '\0'; p++)
    if (strchr (".!?;", *p) != NULL && p[1] == ' ')
      {
        p[1] = '\0';
        break;
      }

  words = g_strsplit (sentence, " ", TITLE_WORDS + 1);

  if (g_strv_length (words) > TITLE_WORDS)
    g_clear_pointer (&words[TITLE_WORDS], g_free);

  joined = g_strjoinv (" ", words);

  end = joined + strlen (joined);
  while (end > joined)
    {
      char *prev = g_utf8_find_prev_char (joined, end);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isspace (c) &&
          (!g_unichar_ispunct (c) || c == ')' || c == ']' || c == '%'))
        break;
      end = prev;
    }
  if (end > joined)
    *end = '\0';

  if (g_utf8_strlen (joined, -1) > TITLE_CHARS)
    {
      g_autofree char *head = g_utf8_substring (joined, 0, TITLE_CHARS - 1);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&joined);
}

/* The ingredient list rule described at the top of the file. */
static void
add_ingredients (Parser       *self,
                 GalleyRecipe *recipe)
{
  g_autoptr(GHashTable) with_quantity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->mentions->len; i++)
    {
      GalleyIngredient *ingredient = g_ptr_array_index (self->mentions, i);
      char *key = g_utf8_casefold (galley_ingredient_get_name (ingredient), -1);

      if (galley_ingredient_get_quantity (ingredient) != NULL)
        g_hash_table_add (with_quantity, g_strdup (key));
      g_ptr_array_add (keys, key);
    }

  for (guint i = 0; i < self->mentions->len; i++)
    {
      GalleyIngredient *ingredient = g_ptr_array_index (self->mentions, i);
      const char *key = g_ptr_array_index (keys, i);

      if (galley_ingredient_get_quantity (ingredient) == NULL)
        {
          if (g_hash_table_contains (with_quantity, key) ||
              !g_hash_table_add (listed, g_strdup (key)))
            continue;
        }

      galley_recipe_add_ingredient (recipe, ingredient);
    }
}

static GalleyRecipe *
build_recipe (Parser      *self,
              const char  *fallback_title,
              GError     **error)
{
  g_autoptr(GalleyRecipe) recipe = NULL;
  g_autofree char *id = NULL;
  g_autofree char *fallback = NULL;
  gint64 cook_s = self->cook_s;

  if (self->sections->len == 0)
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_NO_RECIPE,
                           _("The Cooklang file has no steps"));
      return NULL;
    }

  recipe = galley_recipe_new ();
  id = g_uuid_string_random ();
  galley_recipe_set_id (recipe, id);

  if (fallback_title != NULL)
    fallback = squeeze (fallback_title, fallback_title + strlen (fallback_title));

  if (self->title != NULL && *self->title != '\0')
    galley_recipe_set_title (recipe, self->title);
  else if (fallback != NULL && *fallback != '\0')
    galley_recipe_set_title (recipe, fallback);
  else
    {
      GalleySection *first = g_ptr_array_index (self->sections, 0);
      GalleyStep *step = g_ptr_array_index (galley_section_get_steps (first), 0);
      g_autofree char *title = title_from_step (galley_step_get_text (step));

      galley_recipe_set_title (recipe, title);
    }

  galley_recipe_set_servings (recipe, self->servings);
  galley_recipe_set_source_url (recipe, self->source_url != NULL ? self->source_url : self->source_link);

  g_ptr_array_add (self->tags, NULL);
  galley_recipe_set_tags (recipe, (const char * const *) self->tags->pdata);

  if (cook_s == 0 && self->total_s > 0)
    {
      if (self->prep_s == 0)
        cook_s = self->total_s;
      else if (self->prep_s < self->total_s)
        cook_s = self->total_s - self->prep_s;
    }
  galley_recipe_set_prep_time_s (recipe, self->prep_s);
  galley_recipe_set_cook_time_s (recipe, cook_s);

  add_ingredients (self, recipe);

  for (guint i = 0; i < self->sections->len; i++)
    galley_recipe_add_section (recipe, g_ptr_array_index (self->sections, i));

  return g_steal_pointer (&recipe);
}

/**
 * galley_cooklang_parse:
 * @text: the Cooklang text
 * @length: its length in bytes, or `(gsize) -1` if it is NUL-terminated
 * @fallback_title: (nullable): the title when the file has none, e.g. from
 *   its file name
 * @warnings: (out) (optional) (transfer full) (element-type utf8): what could
 *   not be read, one translated sentence each, with its line number; set to
 *   %NULL on error
 * @error: return location for a #GALLEY_IMPORT_ERROR
 *
 * Reads a Cooklang recipe. Markup that cannot be read stays in the steps as
 * text and is listed in @warnings; see the top of galley-cooklang.c for the
 * choices made where the spec leaves room.
 *
 * Returns: (transfer full) (nullable): the recipe, or %NULL if @text is not
 *   UTF-8 (%GALLEY_IMPORT_ERROR_INVALID) or has no steps
 *   (%GALLEY_IMPORT_ERROR_NO_RECIPE)
 */
GalleyRecipe *
galley_cooklang_parse (const char  *text,
                       gsize        length,
                       const char  *fallback_title,
                       GPtrArray  **warnings,
                       GError     **error)
{
  g_autofree char *buffer = NULL;
  GalleyRecipe *recipe;
  const char *invalid;
  const char *body;
  guint first_line;
  Parser parser;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;

  if (text == NULL)
    text = "";
  if (length == (gsize) -1)
    length = strlen (text);

  if (!g_utf8_validate_len (text, length, &invalid))
    {
      guint line = 1;

      for (const char *p = text; p < invalid; p++)
        if (*p == '\n')
          line++;

      g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                   _("Line %u is not valid UTF-8 text; the file may use another encoding"),
                   line);
      return NULL;
    }

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  buffer = g_strndup (text, length);

  parser_init (&parser);
  body = read_front_matter (&parser, buffer, buffer + length, &first_line);
  read_body (&parser, body, buffer + length, first_line);
  recipe = build_recipe (&parser, fallback_title, error);

  if (recipe != NULL && warnings != NULL)
    {
      if (parser.n_unlisted_warnings > 0)
        g_ptr_array_add (parser.warnings,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%u more problem was not listed",
                                                       "%u more problems were not listed",
                                                       parser.n_unlisted_warnings),
                                          parser.n_unlisted_warnings));
      *warnings = g_steal_pointer (&parser.warnings);
    }

  parser_clear (&parser);

  return recipe;
}
