/* galley-quantity.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-quantity"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "galley-quantity.h"

/* Ingredient quantities stay text in the model, as recipes write them
 * ("1 1/2", "½", "2-3", "a pinch"). Scaling for another number of servings
 * reads the number, multiplies it, and writes it back the way a cook would
 * ("¾", "1½", "2.25"); text it cannot read is left alone. */

static const struct {
  gunichar glyph;
  double value;
} vulgar_fractions[] = {
  { 0x00BC, 1.0 / 4 }, { 0x00BD, 1.0 / 2 }, { 0x00BE, 3.0 / 4 },
  { 0x2153, 1.0 / 3 }, { 0x2154, 2.0 / 3 }, { 0x2155, 1.0 / 5 },
  { 0x2156, 2.0 / 5 }, { 0x2157, 3.0 / 5 }, { 0x2158, 4.0 / 5 },
  { 0x2159, 1.0 / 6 }, { 0x215A, 5.0 / 6 }, { 0x215B, 1.0 / 8 },
  { 0x215C, 3.0 / 8 }, { 0x215D, 5.0 / 8 }, { 0x215E, 7.0 / 8 },
};

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static gboolean
read_vulgar_fraction (const char **p,
                      double      *value)
{
  gunichar c = g_utf8_get_char_validated (*p, -1);

  for (guint i = 0; i < G_N_ELEMENTS (vulgar_fractions); i++)
    if (vulgar_fractions[i].glyph == c)
      {
        *value = vulgar_fractions[i].value;
        *p = g_utf8_next_char (*p);
        return TRUE;
      }

  return FALSE;
}

static gboolean
read_unsigned (const char **p,
               guint64     *value)
{
  const char *start = *p;
  char *end = NULL;

  if (!g_ascii_isdigit (**p))
    return FALSE;

  *value = g_ascii_strtoull (start, &end, 10);
  *p = end;
  return end != start && *value < G_MAXUINT32;
}

/* One number: "2", "1.5", "1,5", "1/2", "1 1/2", "½", "1½", "1 ½". */
static gboolean
read_number (const char **p,
             double      *value)
{
  const char *s = skip_spaces (*p);
  guint64 whole, numerator, denominator;
  double fraction;

  if (read_vulgar_fraction (&s, value))
    {
      *p = s;
      return TRUE;
    }

  if (!read_unsigned (&s, &whole))
    return FALSE;

  if ((*s == '.' || *s == ',') && g_ascii_isdigit (s[1]))
    {
      const char *digits = s + 1;
      guint64 part;
      const char *after = digits;

      read_unsigned (&after, &part);
      *value = whole + part / pow (10, after - digits);
      *p = after;
      return TRUE;
    }

  if (*s == '/')
    {
      const char *d = s + 1;

      if (!read_unsigned (&d, &denominator) || denominator == 0)
        return FALSE;
      *value = (double)whole / denominator;
      *p = d;
      return TRUE;
    }

  /* A mixed number: the whole part, a space, then a fraction. */
  {
    const char *f = skip_spaces (s);

    if (f != s || g_utf8_get_char_validated (f, -1) > 0x7F)
      {
        if (read_vulgar_fraction (&f, &fraction))
          {
            *value = whole + fraction;
            *p = f;
            return TRUE;
          }
        if (read_unsigned (&f, &numerator) && *f == '/')
          {
            f++;
            if (read_unsigned (&f, &denominator) && denominator != 0 && numerator < denominator)
              {
                *value = whole + (double)numerator / denominator;
                *p = f;
                return TRUE;
              }
          }
      }
  }

  *value = whole;
  *p = s;
  return TRUE;
}

/* A quantity is one number or a range of two ("2-3", "2 – 3"); anything
 * else ("a pinch", "2 large") is not read. */
static gboolean
read_quantity (const char *quantity,
               double     *low,
               double     *high,
               gboolean   *is_range)
{
  const char *p = quantity;

  if (!g_utf8_validate (quantity, -1, NULL) || !read_number (&p, low))
    return FALSE;

  *is_range = FALSE;
  *high = *low;
  p = skip_spaces (p);
  if (*p == '\0')
    return TRUE;

  if (*p == '-')
    p++;
  else if (g_str_has_prefix (p, "–"))
    p += strlen ("–");
  else
    return FALSE;

  *is_range = TRUE;
  return read_number (&p, high) && *skip_spaces (p) == '\0';
}

/**
 * galley_quantity_parse:
 * @quantity: (nullable): a quantity as written
 * @value: (out): its value (the lower end of a range)
 *
 * Returns: %TRUE if @quantity is a number or a range of numbers
 */
gboolean
galley_quantity_parse (const char *quantity,
                       double     *value)
{
  double high;
  gboolean is_range;

  g_return_val_if_fail (value != NULL, FALSE);

  return quantity != NULL && read_quantity (quantity, value, &high, &is_range);
}

static char *
format_number (double value)
{
  double whole = floor (value);
  double rest = value - whole;

  /* Cooks measure in halves, thirds and quarters: say so when the value is
   * one of them (within rounding), and fall back to decimals otherwise. */
  for (guint i = 0; i < G_N_ELEMENTS (vulgar_fractions); i++)
    {
      double v = vulgar_fractions[i].value;
      char glyph[7] = { 0 };

      if (v != 1.0 / 2 && v != 1.0 / 3 && v != 2.0 / 3 && v != 1.0 / 4 && v != 3.0 / 4 && v != 1.0 / 8)
        continue;
      if (fabs (rest - v) > 0.005)
        continue;

      g_unichar_to_utf8 (vulgar_fractions[i].glyph, glyph);
      if (whole == 0)
        return g_strdup (glyph);
      return g_strdup_printf ("%.0f%s", whole, glyph);
    }

  if (rest > 0.995)
    return g_strdup_printf ("%.0f", whole + 1);
  if (rest < 0.005)
    return g_strdup_printf ("%.0f", whole);

  {
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
    char *end = text + strlen (text) - 1;

    while (*end == '0')
      *end-- = '\0';
    return text;
  }
}

/**
 * galley_quantity_scale:
 * @quantity: (nullable): a quantity as written
 * @factor: how much to multiply it by, e.g. 6 servings / 4 servings
 *
 * Returns: (transfer full) (nullable): the scaled quantity, or a copy of
 *   @quantity when it is not a number Galley can read
 */
char *
galley_quantity_scale (const char *quantity,
                       double      factor)
{
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;
  double low, high;
  gboolean is_range;

  if (quantity == NULL || factor <= 0 || !read_quantity (quantity, &low, &high, &is_range))
    return g_strdup (quantity);

  low_text = format_number (low * factor);
  if (!is_range)
    return g_steal_pointer (&low_text);

  high_text = format_number (high * factor);
  return g_strdup_printf ("%s–%s", low_text, high_text);
}
