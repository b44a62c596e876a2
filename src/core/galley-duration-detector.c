/* galley-duration-detector.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-duration-detector"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "galley-duration-detector.h"

/* Finds the durations a cook would want a timer for in free recipe text
 * ("Roast for 40–45 minutes"), and nothing else: a unit of time must follow
 * the number, so temperatures, weights, pan sizes, counts and step numbers
 * never match.
 *
 * The text is decoded to UCS-4 once so that every offset is a character
 * offset, then split into tokens (digit runs, letter runs, vulgar fractions,
 * single punctuation characters). A small recursive-descent grammar is tried
 * at each token; every attempt looks ahead a bounded number of tokens, so the
 * whole scan is linear in the length of the text. */

/* Nothing in a kitchen needs a timer longer than a week; larger values are
 * misreadings ("the 2024 days") rather than durations. */
#define MAX_TIMER_SECONDS (7 * 24 * 60 * 60)

#define LABEL_MAX_WORDS 6

/* A label only looks at the sentence around its timer; bounding the look
 * keeps labelling linear even for a huge text without any full stop. */
#define LABEL_WINDOW 400

typedef enum
{
  TOKEN_INT,
  TOKEN_FRACTION,
  TOKEN_WORD,
  TOKEN_PUNCT,
} TokenType;

typedef struct
{
  TokenType type;
  guint     start;
  guint     end;
  guint     space_before : 1;
  guint     newline_before : 1;
  gunichar  ch;
  double    value;
  double    decimals; /* the digits read after a decimal point: "5" -> 0.5 */
} Token;

typedef struct
{
  const gunichar *chars;
  GArray         *tokens;
} Scanner;

typedef enum
{
  RANK_SECOND,
  RANK_MINUTE,
  RANK_HOUR,
  RANK_DAY,
} Rank;

typedef struct
{
  const char *name;
  guint       seconds;
  Rank        rank;
  gboolean    glued_only; /* "30s", "1h30m": alone, "s" and "m" mean other things */
} Unit;

static const Unit units[] = {
  { "s", 1, RANK_SECOND, TRUE },
  { "sec", 1, RANK_SECOND, FALSE },
  { "secs", 1, RANK_SECOND, FALSE },
  { "second", 1, RANK_SECOND, FALSE },
  { "seconds", 1, RANK_SECOND, FALSE },
  { "m", 60, RANK_MINUTE, TRUE },
  { "min", 60, RANK_MINUTE, FALSE },
  { "mins", 60, RANK_MINUTE, FALSE },
  { "minute", 60, RANK_MINUTE, FALSE },
  { "minutes", 60, RANK_MINUTE, FALSE },
  { "h", 3600, RANK_HOUR, FALSE },
  { "hr", 3600, RANK_HOUR, FALSE },
  { "hrs", 3600, RANK_HOUR, FALSE },
  { "hour", 3600, RANK_HOUR, FALSE },
  { "hours", 3600, RANK_HOUR, FALSE },
  { "day", 86400, RANK_DAY, FALSE },
  { "days", 86400, RANK_DAY, FALSE },
};

static const struct
{
  gunichar ch;
  double   value;
} vulgar_fractions[] = {
  { 0x00BC, 1.0 / 4 }, { 0x00BD, 1.0 / 2 }, { 0x00BE, 3.0 / 4 },
  { 0x2150, 1.0 / 7 }, { 0x2151, 1.0 / 9 }, { 0x2152, 1.0 / 10 },
  { 0x2153, 1.0 / 3 }, { 0x2154, 2.0 / 3 }, { 0x2155, 1.0 / 5 },
  { 0x2156, 2.0 / 5 }, { 0x2157, 3.0 / 5 }, { 0x2158, 4.0 / 5 },
  { 0x2159, 1.0 / 6 }, { 0x215A, 5.0 / 6 }, { 0x215B, 1.0 / 8 },
  { 0x215C, 3.0 / 8 }, { 0x215D, 5.0 / 8 }, { 0x215E, 7.0 / 8 },
};

static const char * const ones_words[] = {
  NULL, "one", "two", "three", "four", "five", "six", "seven", "eight",
  "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
  "sixteen", "seventeen", "eighteen", "nineteen",
};

static const char * const tens_words[] = {
  NULL, NULL, "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
  "eighty", "ninety",
};

typedef enum
{
  QUANTITY_DIGITS,      /* "10", "1.5", "1 1/2", "½" */
  QUANTITY_NUMBER_WORD, /* "ten", "twenty-five" */
  QUANTITY_ARTICLE,     /* "a", "an" */
  QUANTITY_PHRASE,      /* "half an", "a couple of", "three quarters of an" */
} QuantityKind;

typedef struct
{
  QuantityKind kind;
  double       value;
  gboolean     integral;
  guint        next;
} Quantity;

typedef struct
{
  double seconds;
  double unit_seconds; /* of the first part: "10-12 minutes" reads 10 in it */
  guint  next;
} Duration;

typedef struct
{
  guint  first;
  guint  next;
  double min;
  double max;
} Match;

typedef enum
{
  MATCH_NONE,
  MATCH_FOUND,
  MATCH_ABSURD, /* reads as a duration, but not one anybody would time */
} MatchResult;

typedef struct
{
  guint  start;
  guint  end;
  gint64 seconds;
  gint64 max_seconds;
} Span;

/* Tokens */

static gboolean
is_ascii_digit (gunichar ch)
{
  return ch >= '0' && ch <= '9';
}

static gboolean
is_word_char (gunichar ch)
{
  return g_unichar_isalpha (ch) ||
         g_unichar_ismark (ch) ||
         (g_unichar_isdigit (ch) && !is_ascii_digit (ch));
}

static gboolean
is_newline (gunichar ch)
{
  return ch == '\n' || ch == '\r' || ch == 0x2028 || ch == 0x2029 ||
         ch == 0x0085 || ch == '\v' || ch == '\f';
}

static gboolean
is_dash (gunichar ch)
{
  return ch == '-' || ch == 0x2010 || ch == 0x2011 || ch == 0x2012 ||
         ch == 0x2013 || ch == 0x2212;
}

static gboolean
lookup_vulgar_fraction (gunichar  ch,
                        double   *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (vulgar_fractions); i++)
    {
      if (vulgar_fractions[i].ch == ch)
        {
          *value = vulgar_fractions[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

static GArray *
tokenize (const gunichar *chars,
          glong           n_chars)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  gboolean space = FALSE;
  gboolean newline = FALSE;
  glong i = 0;

  while (i < n_chars)
    {
      gunichar ch = chars[i];
      Token token = { 0 };

      if (g_unichar_isspace (ch) || is_newline (ch))
        {
          space = TRUE;
          newline |= is_newline (ch);
          i++;
          continue;
        }

      token.start = i;
      token.space_before = space;
      token.newline_before = newline;
      space = newline = FALSE;

      if (is_ascii_digit (ch))
        {
          double scale = 0.1;

          token.type = TOKEN_INT;
          /* Doubles overflow to infinity on absurdly long digit runs, which
           * the range check on the result rejects. */
          for (; i < n_chars && is_ascii_digit (chars[i]); i++)
            {
              int digit = chars[i] - '0';

              token.value = token.value * 10 + digit;
              token.decimals += digit * scale;
              scale /= 10;
            }
        }
      else if (lookup_vulgar_fraction (ch, &token.value))
        {
          token.type = TOKEN_FRACTION;
          i++;
        }
      else if (is_word_char (ch))
        {
          token.type = TOKEN_WORD;
          while (i < n_chars && is_word_char (chars[i]))
            i++;
        }
      else
        {
          token.type = TOKEN_PUNCT;
          token.ch = ch;
          i++;
        }

      token.end = i;
      g_array_append_val (tokens, token);
    }

  return tokens;
}

static const Token *
token_at (const Scanner *sc,
          guint          i)
{
  if (i >= sc->tokens->len)
    return NULL;

  return &g_array_index (sc->tokens, Token, i);
}

/* Directly attached to the token before it: "30s", "1-1/2". */
static gboolean
token_glued (const Scanner *sc,
             guint          i)
{
  const Token *token = token_at (sc, i);

  return token != NULL && !token->space_before;
}

/* On the same line as the token before it: a duration never spans lines. */
static gboolean
token_joined (const Scanner *sc,
              guint          i)
{
  const Token *token = token_at (sc, i);

  return token != NULL && !token->newline_before;
}

static gboolean
token_is_type (const Scanner *sc,
               guint          i,
               TokenType      type)
{
  const Token *token = token_at (sc, i);

  return token != NULL && token->type == type;
}

static gboolean
token_is_punct (const Scanner *sc,
                guint          i,
                gunichar       ch)
{
  const Token *token = token_at (sc, i);

  return token != NULL && token->type == TOKEN_PUNCT && token->ch == ch;
}

static gboolean
token_is_dash (const Scanner *sc,
               guint          i)
{
  const Token *token = token_at (sc, i);

  return token != NULL && token->type == TOKEN_PUNCT && is_dash (token->ch);
}

static gboolean
chars_equal_ascii (const gunichar *chars,
                   guint           start,
                   guint           end,
                   const char     *word)
{
  gsize len = strlen (word);

  if (end - start != len)
    return FALSE;

  for (gsize k = 0; k < len; k++)
    {
      gunichar ch = chars[start + k];

      /* Only ASCII folds: "K" (Kelvin sign) must not read as "k". */
      if (ch >= 128 || g_ascii_tolower ((char) ch) != word[k])
        return FALSE;
    }

  return TRUE;
}

static gboolean
token_is_word (const Scanner *sc,
               guint          i,
               const char    *word)
{
  const Token *token = token_at (sc, i);

  return token != NULL &&
         token->type == TOKEN_WORD &&
         chars_equal_ascii (sc->chars, token->start, token->end, word);
}

/* A word on the same line, as in "half an hour". */
static gboolean
token_is_joined_word (const Scanner *sc,
                      guint          i,
                      const char    *word)
{
  return token_joined (sc, i) && token_is_word (sc, i, word);
}

static guint
skip_word (const Scanner *sc,
           guint          i,
           const char    *word)
{
  return token_is_joined_word (sc, i, word) ? i + 1 : i;
}

static guint
skip_article (const Scanner *sc,
              guint          i)
{
  return skip_word (sc, skip_word (sc, i, "a"), "an");
}

/* Grammar */

static guint
lookup_ones (const Scanner *sc,
             guint          i,
             guint          max)
{
  for (guint k = 1; k <= max && k < G_N_ELEMENTS (ones_words); k++)
    {
      if (token_is_word (sc, i, ones_words[k]))
        return k;
    }

  return 0;
}

/* "one" … "ninety-nine", also "twenty five". Returns 0 if there is none. */
static guint
parse_number_word (const Scanner *sc,
                   guint          i,
                   guint         *next)
{
  guint value;

  if ((value = lookup_ones (sc, i, 19)) > 0)
    {
      *next = i + 1;
      return value;
    }

  for (guint k = 2; k < G_N_ELEMENTS (tens_words); k++)
    {
      guint unit;

      if (!token_is_word (sc, i, tens_words[k]))
        continue;

      value = k * 10;
      *next = i + 1;

      if (token_is_dash (sc, i + 1) && token_glued (sc, i + 1) &&
          token_glued (sc, i + 2) && (unit = lookup_ones (sc, i + 2, 9)) > 0)
        {
          value += unit;
          *next = i + 3;
        }
      else if (token_joined (sc, i + 1) && (unit = lookup_ones (sc, i + 1, 9)) > 0)
        {
          value += unit;
          *next = i + 2;
        }

      return value;
    }

  return 0;
}

/* "1/2" as three glued tokens starting at @i. */
static gboolean
parse_slash_fraction (const Scanner *sc,
                      guint          i,
                      double        *value)
{
  const Token *numerator = token_at (sc, i);
  const Token *slash = token_at (sc, i + 1);
  const Token *denominator = token_at (sc, i + 2);

  if (numerator == NULL || numerator->type != TOKEN_INT ||
      slash == NULL || slash->space_before || slash->type != TOKEN_PUNCT ||
      (slash->ch != '/' && slash->ch != 0x2044) ||
      denominator == NULL || denominator->space_before ||
      denominator->type != TOKEN_INT || denominator->value == 0)
    return FALSE;

  *value = numerator->value / denominator->value;
  return TRUE;
}

/* "… and a half", and before a unit also "… and ½", "… and 1/2";
 * @i is the position of "and". */
static gboolean
parse_and_fraction (const Scanner *sc,
                    guint          i,
                    gboolean       words_only,
                    double        *value,
                    guint         *next)
{
  const Token *token;

  if (!token_is_joined_word (sc, i, "and") || !token_joined (sc, i + 1))
    return FALSE;

  if (token_is_word (sc, i + 1, "a") && token_is_joined_word (sc, i + 2, "half"))
    {
      *value = 0.5;
      *next = i + 3;
      return TRUE;
    }

  if (token_is_word (sc, i + 1, "a") && token_is_joined_word (sc, i + 2, "quarter"))
    {
      *value = 0.25;
      *next = i + 3;
      return TRUE;
    }

  if (words_only)
    return FALSE;

  token = token_at (sc, i + 1);
  if (token->type == TOKEN_FRACTION)
    {
      *value = token->value;
      *next = i + 2;
      return TRUE;
    }

  if (parse_slash_fraction (sc, i + 1, value) && *value < 1)
    {
      *next = i + 4;
      return TRUE;
    }

  return FALSE;
}

static gboolean
parse_word_quantity (const Scanner *sc,
                     guint          i,
                     Quantity      *q)
{
  guint j = i + 1;
  guint n;

  q->kind = QUANTITY_PHRASE;
  q->integral = FALSE;

  if (token_is_word (sc, i, "a") || token_is_word (sc, i, "an"))
    {
      if (token_is_joined_word (sc, j, "couple"))
        {
          q->value = 2;
          j = skip_word (sc, j + 1, "of");
        }
      else if (token_is_joined_word (sc, j, "half"))
        {
          q->value = 0.5;
          j++;
        }
      else if (token_is_joined_word (sc, j, "quarter"))
        {
          q->value = 0.25;
          j = skip_article (sc, skip_word (sc, j + 1, "of"));
        }
      else
        {
          q->kind = QUANTITY_ARTICLE;
          q->value = 1;
          q->integral = TRUE;
        }
    }
  else if (token_is_word (sc, i, "couple"))
    {
      q->value = 2;
      j = skip_word (sc, j, "of");
    }
  else if (token_is_word (sc, i, "half"))
    {
      q->value = 0.5;
      j = skip_article (sc, skip_word (sc, j, "of"));
    }
  else if (token_is_word (sc, i, "quarter"))
    {
      q->value = 0.25;
      j = skip_article (sc, skip_word (sc, j, "of"));
    }
  else if ((n = parse_number_word (sc, i, &j)) > 0)
    {
      q->kind = QUANTITY_NUMBER_WORD;
      q->value = n;
      q->integral = TRUE;

      /* "three quarters of an hour", "three-quarters of an hour" */
      if (token_is_joined_word (sc, j, "quarters") ||
          (token_is_dash (sc, j) && token_glued (sc, j) &&
           token_glued (sc, j + 1) && token_is_word (sc, j + 1, "quarters")))
        {
          j += token_is_dash (sc, j) ? 2 : 1;
          q->kind = QUANTITY_PHRASE;
          q->value = n * 0.25;
          q->integral = FALSE;
          j = skip_article (sc, skip_word (sc, j, "of"));
        }
    }
  else
    {
      return FALSE;
    }

  q->next = j;
  return TRUE;
}

/* A number that may precede a unit: digits, decimals, fractions, mixed
 * numbers, vulgar fractions and number words. */
static gboolean
parse_quantity (const Scanner *sc,
                guint          i,
                Quantity      *q)
{
  const Token *token = token_at (sc, i);
  const Token *after;
  double extra;
  guint next;

  if (token == NULL)
    return FALSE;

  q->integral = FALSE;

  switch (token->type)
    {
    case TOKEN_INT:
      after = token_at (sc, i + 1);
      q->kind = QUANTITY_DIGITS;
      q->value = token->value;

      if (token_is_punct (sc, i + 1, '.') && token_glued (sc, i + 1) &&
          token_glued (sc, i + 2) && token_is_type (sc, i + 2, TOKEN_INT))
        {
          q->value += token_at (sc, i + 2)->decimals;
          q->next = i + 3;
        }
      else if (token_is_punct (sc, i + 1, ',') && token_glued (sc, i + 1) &&
               token_glued (sc, i + 2) && token_is_type (sc, i + 2, TOKEN_INT) &&
               token_at (sc, i + 2)->end - token_at (sc, i + 2)->start <= 2)
        {
          /* "1,5 hours" is a decimal; "1,000" (thousands) is not. */
          q->value += token_at (sc, i + 2)->decimals;
          q->next = i + 3;
        }
      else if (parse_slash_fraction (sc, i, &q->value))
        {
          q->next = i + 3;
        }
      else if (after != NULL && after->type == TOKEN_FRACTION && !after->newline_before)
        {
          /* "1½", "1 ½" */
          q->value += after->value;
          q->next = i + 2;
        }
      else if (after != NULL && after->type == TOKEN_INT && after->space_before &&
               !after->newline_before &&
               parse_slash_fraction (sc, i + 1, &extra) && extra < 1)
        {
          /* "1 1/2" */
          q->value += extra;
          q->next = i + 4;
        }
      else if (token_is_punct (sc, i + 1, '-') && token_glued (sc, i + 1) &&
               token_glued (sc, i + 2) &&
               parse_slash_fraction (sc, i + 2, &extra) && extra < 1)
        {
          /* "1-1/2" is how American recipes write one and a half, never a
           * range (it would run backwards). */
          q->value += extra;
          q->next = i + 5;
        }
      else
        {
          q->integral = TRUE;
          q->next = i + 1;
        }
      break;

    case TOKEN_FRACTION:
      q->kind = QUANTITY_DIGITS;
      q->value = token->value;
      q->next = i + 1;
      break;

    case TOKEN_WORD:
      if (!parse_word_quantity (sc, i, q))
        return FALSE;
      break;

    case TOKEN_PUNCT:
    default:
      return FALSE;
    }

  /* "one and a half hours", "1 and 1/2 hours" */
  if (q->integral &&
      (q->kind == QUANTITY_DIGITS || q->kind == QUANTITY_NUMBER_WORD) &&
      parse_and_fraction (sc, q->next, FALSE, &extra, &next))
    {
      q->value += extra;
      q->next = next;
      q->integral = FALSE;
    }

  return TRUE;
}

/* A plain count, the only kind that can open a range: "10-12", "two to three". */
static gboolean
quantity_is_count (const Quantity *q)
{
  return q->kind == QUANTITY_DIGITS || q->kind == QUANTITY_NUMBER_WORD;
}

static const Unit *
parse_unit (const Scanner  *sc,
            const Quantity *q,
            guint          *next)
{
  const Token *token;
  const Unit *unit = NULL;
  gboolean hyphen = FALSE;
  guint j = q->next;

  /* "a 10-minute rest" */
  token = token_at (sc, j);
  if (token != NULL && token->type == TOKEN_PUNCT && !token->space_before &&
      (token->ch == '-' || token->ch == 0x2010 || token->ch == 0x2011) &&
      token_glued (sc, j + 1) && token_is_type (sc, j + 1, TOKEN_WORD))
    {
      hyphen = TRUE;
      j++;
    }
  else if (quantity_is_count (q) && token_joined (sc, j + 1) &&
           (token_is_joined_word (sc, j, "more") || token_is_joined_word (sc, j, "extra") ||
            token_is_joined_word (sc, j, "further") || token_is_joined_word (sc, j, "additional")))
    {
      /* "cook 1 more minute", "2 extra minutes" */
      j++;
    }

  token = token_at (sc, j);
  if (token == NULL || token->type != TOKEN_WORD || token->newline_before)
    return NULL;

  for (guint k = 0; k < G_N_ELEMENTS (units); k++)
    {
      if (chars_equal_ascii (sc->chars, token->start, token->end, units[k].name))
        {
          unit = &units[k];
          break;
        }
    }

  if (unit == NULL)
    return NULL;

  /* "2 m of twine" is a length; "30s"/"1h30m" are written glued. */
  if (unit->glued_only && (token->space_before || hyphen || q->kind != QUANTITY_DIGITS))
    return NULL;

  /* "wait a second" and "a day ahead" are figures of speech, never timers. */
  if (q->kind == QUANTITY_ARTICLE &&
      (hyphen || unit->rank == RANK_SECOND || unit->rank == RANK_DAY))
    return NULL;

  /* "2 day-old loaves", "a 3 hour-long braise" describe things. */
  if (token_is_punct (sc, j + 1, '-') && token_glued (sc, j + 1) &&
      token_glued (sc, j + 2) && token_is_type (sc, j + 2, TOKEN_WORD))
    return NULL;

  /* "the 1970s" is a decade. */
  if (unit->glued_only && unit->rank == RANK_SECOND && !(q->value < 1000))
    return NULL;

  *next = j + 1;
  return unit;
}

/* After "2 hours 30", is "30" really the end of the duration (and not
 * "30 g" or the start of something else)? */
static gboolean
bare_minutes_end (const Scanner *sc,
                  guint          i)
{
  const Token *token = token_at (sc, i);

  if (token == NULL || token->newline_before)
    return TRUE;

  if (!token->space_before)
    {
      if (token->type != TOKEN_PUNCT)
        return FALSE;

      switch (token->ch)
        {
        case '.':
          return !(token_glued (sc, i + 1) && token_is_type (sc, i + 1, TOKEN_INT));
        case ',':
        case ';':
        case ':':
        case '!':
        case '?':
        case ')':
          return TRUE;
        default:
          return FALSE;
        }
    }

  if (token->type == TOKEN_INT || token->type == TOKEN_FRACTION)
    return FALSE;

  if (token->type == TOKEN_PUNCT)
    return !is_dash (token->ch) && token->ch != '/' && token->ch != 0x00B0;

  return !token_is_word (sc, i, "to") &&
         !token_is_word (sc, i, "and") &&
         !token_is_word (sc, i, "or");
}

/* One duration: a quantity and a unit, followed by smaller parts
 * ("1 hour 15 minutes", "1h30m", "1 hour and 15 minutes", "2 hours 30",
 * "an hour and a half"). */
static gboolean
parse_duration (const Scanner *sc,
                guint          i,
                Duration      *d)
{
  const Unit *unit;
  Quantity q;
  double extra;
  guint next;
  Rank rank;

  if (!parse_quantity (sc, i, &q) || (unit = parse_unit (sc, &q, &next)) == NULL)
    return FALSE;

  d->seconds = q.value * unit->seconds;
  d->unit_seconds = unit->seconds;
  d->next = next;

  if (q.integral && parse_and_fraction (sc, next, TRUE, &extra, &next))
    {
      d->seconds += extra * unit->seconds;
      d->next = next;
      return TRUE;
    }

  rank = unit->rank;
  while (rank > RANK_SECOND)
    {
      const Token *token;
      const Unit *part_unit;
      gboolean with_and = FALSE;
      Quantity part;
      guint j = d->next;

      if (token_is_joined_word (sc, j, "and") && token_at (sc, j)->space_before)
        {
          with_and = TRUE;
          j++;
        }

      token = token_at (sc, j);
      if (token == NULL || token->newline_before)
        break;

      if (parse_quantity (sc, j, &part) && quantity_is_count (&part) &&
          (part_unit = parse_unit (sc, &part, &next)) != NULL &&
          part_unit->rank < rank)
        {
          d->seconds += part.value * part_unit->seconds;
          d->next = next;
          rank = part_unit->rank;
          continue;
        }

      if (!with_and && rank == RANK_HOUR && token->type == TOKEN_INT &&
          token->value >= 1 && token->value <= 59 && bare_minutes_end (sc, j + 1))
        {
          d->seconds += token->value * 60;
          d->next = j + 1;
        }

      break;
    }

  return TRUE;
}

/* "-", "–" or "to" between the two ends of a range. */
static gboolean
range_separator (const Scanner *sc,
                 guint          i)
{
  const Token *token = token_at (sc, i);

  if (token == NULL || token->newline_before || !token_joined (sc, i + 1))
    return FALSE;

  if (token_is_dash (sc, i))
    return TRUE;

  return token_is_word (sc, i, "to") && token->space_before &&
         token_at (sc, i + 1)->space_before;
}

static MatchResult
finish_match (Match  *m,
              double  min,
              double  max,
              guint   next)
{
  m->next = next;
  m->min = min;
  m->max = max;

  /* Written so that NaN (from "inf/inf") fails every test. */
  if (!(max < MAX_TIMER_SECONDS + 0.5) || !(min >= 0.5) || !(min <= max))
    return MATCH_ABSURD;

  return MATCH_FOUND;
}

static MatchResult
match_at (const Scanner *sc,
          guint          i,
          Match         *m)
{
  Duration d1, d2;
  Quantity q1;

  m->first = i;

  if (token_is_word (sc, i, "between"))
    {
      guint j = i + 1;

      if (!token_joined (sc, j))
        return MATCH_NONE;

      /* "between 10 and 12 minutes" */
      if (parse_quantity (sc, j, &q1) && quantity_is_count (&q1) &&
          token_is_joined_word (sc, q1.next, "and") && token_joined (sc, q1.next + 1) &&
          parse_duration (sc, q1.next + 1, &d2))
        return finish_match (m, q1.value * d2.unit_seconds, d2.seconds, d2.next);

      /* "between 45 minutes and 1 hour" */
      if (parse_duration (sc, j, &d1) &&
          token_is_joined_word (sc, d1.next, "and") && token_joined (sc, d1.next + 1) &&
          parse_duration (sc, d1.next + 1, &d2))
        return finish_match (m, d1.seconds, d2.seconds, d2.next);

      return MATCH_NONE;
    }

  if (!parse_quantity (sc, i, &q1))
    return MATCH_NONE;

  /* "10-12 minutes", "3 to 4 hours", "1-1½ hours" */
  if (quantity_is_count (&q1) && range_separator (sc, q1.next) &&
      parse_duration (sc, q1.next + 1, &d2))
    return finish_match (m, q1.value * d2.unit_seconds, d2.seconds, d2.next);

  if (!parse_duration (sc, i, &d1))
    return MATCH_NONE;

  /* "45 minutes to 1 hour"; backwards it is two separate durations. */
  if (range_separator (sc, d1.next) &&
      parse_duration (sc, d1.next + 1, &d2) &&
      d2.seconds >= d1.seconds)
    return finish_match (m, d1.seconds, d2.seconds, d2.next);

  return finish_match (m, d1.seconds, d1.seconds, d1.next);
}

/* Whether a duration may begin at token @i: not inside another number or
 * word ("9x13", "1.5", "6:30", "A1"), not a step number. */
static gboolean
can_start (const Scanner *sc,
           guint          i)
{
  const Token *token = token_at (sc, i);
  const Token *prev;

  if (i == 0)
    return TRUE;

  if (token_is_word (sc, i - 1, "step") || token_is_word (sc, i - 1, "steps"))
    return FALSE;

  if (token->space_before)
    return TRUE;

  prev = token_at (sc, i - 1);
  if (prev->type != TOKEN_PUNCT)
    return FALSE;

  return !(prev->ch == '.' || prev->ch == ',' || prev->ch == '/' ||
           prev->ch == 0x2044 || prev->ch == ':' || is_dash (prev->ch) ||
           prev->ch == 0x00B0 || prev->ch == 0x00D7 || prev->ch == '^' ||
           prev->ch == '#');
}

static gint64
round_seconds (double seconds)
{
  return (gint64) (seconds + 0.5);
}

static GArray *
find_spans (const gunichar *chars,
            glong           n_chars)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  Scanner sc;
  guint i = 0;

  sc.chars = chars;
  sc.tokens = tokenize (chars, n_chars);

  while (i < sc.tokens->len)
    {
      MatchResult result = MATCH_NONE;
      Match m;

      if (can_start (&sc, i))
        result = match_at (&sc, i, &m);

      if (result == MATCH_NONE)
        {
          i++;
          continue;
        }

      if (result == MATCH_FOUND)
        {
          Span span;

          span.start = token_at (&sc, m.first)->start;
          span.end = token_at (&sc, m.next - 1)->end;
          span.seconds = round_seconds (m.min);
          span.max_seconds = round_seconds (m.max);
          g_array_append_val (spans, span);
        }

      /* An absurd match is skipped whole, so that "8 days 2 hours" does not
       * turn into a "2 hours" timer. */
      i = MAX (m.next, i + 1);
    }

  g_array_unref (sc.tokens);

  return spans;
}

/* Labels */

typedef struct
{
  guint start;
  guint end;
} Word;

static const char * const trailing_stop_words[] = {
  "for", "about", "around", "approximately", "approx", "roughly", "some",
  "another", "further", "additional", "extra", "more", "until", "after",
  "in", "within", "at", "least", "over", "of", "to", "up", "from", "or",
  "by", "and", "a", "an", "the", "only", "just", "nearly", "almost", "then",
  "than", "during", "circa", "ca", "total", "maybe", "between", "is", "are",
  "per", "every", "plus", "x", NULL
};

static const char * const leading_fillers[] = {
  "and", "then", "now", "next", "finally", "meanwhile", "afterwards",
  "also", "or", "so", "just", "lastly", NULL
};

/* Clauses that set the scene rather than say what to do. */
static const char * const subordinate_openers[] = {
  "if", "when", "once", "while", "whilst", "as", "until", "after", "before",
  "in", "on", "at", "with", "without", "over", "under", "using", "into",
  "onto", "from", "covered", "uncovered", "undisturbed", "or", NULL
};

static const char * const then_words[] = { "then", NULL };
static const char * const and_words[] = { "and", NULL };

/* Verbs that end like participles. */
static const char * const ing_verbs[] = {
  "bring", "string", "sing", "ring", "wring", "swing", "fling", "sling",
  "spring", "sting", NULL
};

/* What follows a leading time rather than an instruction:
 * "10 minutes later", "5 minutes before serving". */
static const char * const after_skip_openers[] = {
  "before", "after", "later", "more", "longer", "or", "until", "in", "of",
  "per", "each", "at", "on", "to", "from", "total", "altogether", "and",
  "max", "maximum", "tops", NULL
};

static void
word_core (const gunichar *chars,
           const Word     *word,
           guint          *start,
           guint          *end)
{
  *start = word->start;
  *end = word->end;

  while (*start < *end && !g_unichar_isalnum (chars[*start]))
    (*start)++;
  while (*end > *start && !g_unichar_isalnum (chars[*end - 1]))
    (*end)--;
}

static gboolean
word_in (const gunichar     *chars,
         const Word         *word,
         const char * const *list)
{
  guint start, end;

  word_core (chars, word, &start, &end);

  for (guint k = 0; list[k] != NULL; k++)
    {
      if (chars_equal_ascii (chars, start, end, list[k]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
word_is_participle (const gunichar *chars,
                    const Word     *word)
{
  guint start, end;

  word_core (chars, word, &start, &end);

  return end - start >= 5 &&
         chars[end - 3] < 128 && g_ascii_tolower ((char) chars[end - 3]) == 'i' &&
         chars[end - 2] < 128 && g_ascii_tolower ((char) chars[end - 2]) == 'n' &&
         chars[end - 1] < 128 && g_ascii_tolower ((char) chars[end - 1]) == 'g' &&
         !word_in (chars, word, ing_verbs);
}

static gboolean
word_has_digit (const gunichar *chars,
                const Word     *word)
{
  for (guint p = word->start; p < word->end; p++)
    {
      double fraction;

      if (g_unichar_isdigit (chars[p]) || lookup_vulgar_fraction (chars[p], &fraction))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_clause_break (gunichar ch)
{
  return ch == ',' || ch == ';' || ch == '(' || ch == ')' || ch == '[' ||
         ch == ']' || ch == 0x2014 || ch == 0x3001 || ch == 0xFF0C;
}

static gboolean
is_sentence_end (const gunichar *chars,
                 glong           n_chars,
                 glong           i)
{
  gunichar ch = chars[i];

  if (is_newline (ch))
    return TRUE;

  if (ch == '.' || ch == '!' || ch == '?' || ch == ':' || ch == 0x2026 ||
      ch == 0x3002)
    return i + 1 >= n_chars || g_unichar_isspace (chars[i + 1]);

  return FALSE;
}

/* First span whose end lies after @pos. */
static guint
first_span_after (GArray *spans,
                  guint   pos)
{
  guint lo = 0, hi = spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (spans, Span, mid).end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Splits [@from, @to) into clauses (arrays of Word) at commas, brackets,
 * "then", and the other timers: "Bake 10 minutes, then 5 minutes more" must
 * not label the second timer "Bake 10 minutes". */
static GPtrArray *
split_clauses (const gunichar *chars,
               guint           from,
               guint           to,
               GArray         *spans)
{
  GPtrArray *clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *clause = g_array_new (FALSE, FALSE, sizeof (Word));
  guint k = first_span_after (spans, from);
  guint word_start = G_MAXUINT;
  guint p = from;

  g_ptr_array_add (clauses, clause);

  while (p <= to)
    {
      gboolean in_span = FALSE;
      gboolean at_break;

      while (k < spans->len && g_array_index (spans, Span, k).end <= p)
        k++;
      if (p < to && k < spans->len && g_array_index (spans, Span, k).start <= p)
        in_span = TRUE;

      at_break = p == to || in_span || is_clause_break (chars[p]);

      if (word_start != G_MAXUINT && (at_break || g_unichar_isspace (chars[p])))
        {
          Word word = { word_start, p };

          word_start = G_MAXUINT;

          if (word_in (chars, &word, then_words))
            at_break = TRUE;
          else
            g_array_append_val (clause, word);
        }

      if (p == to)
        break;

      if (at_break)
        {
          if (clause->len > 0)
            {
              clause = g_array_new (FALSE, FALSE, sizeof (Word));
              g_ptr_array_add (clauses, clause);
            }

          p = in_span ? g_array_index (spans, Span, k).end : p + 1;
          continue;
        }

      if (!g_unichar_isspace (chars[p]) && word_start == G_MAXUINT)
        word_start = p;

      p++;
    }

  return clauses;
}

/* Narrows [*lo, *hi) of @clause by dropping leading fillers and trailing
 * prepositions ("Roast the vegetables for" -> "Roast the vegetables"). */
static void
trim_clause (const gunichar *chars,
             GArray         *clause,
             guint          *lo,
             guint          *hi)
{
  while (*lo < *hi && word_in (chars, &g_array_index (clause, Word, *lo), leading_fillers))
    (*lo)++;

  while (*hi > *lo)
    {
      const Word *last = &g_array_index (clause, Word, *hi - 1);
      guint start, end;

      /* Also drop what the timer's own sentence says about temperature or
       * weight: "Bake at 180°C for" -> "Bake". */
      word_core (chars, last, &start, &end);
      if (start < end && !word_in (chars, last, trailing_stop_words) && !word_has_digit (chars, last))
        break;

      (*hi)--;
    }
}

static char *
build_label (const gunichar *chars,
             GArray         *clause,
             guint           lo,
             guint           hi)
{
  g_autoptr(GArray) label = NULL;
  gboolean has_letter = FALSE;
  guint first, last;

  /* A long instruction: the timer belongs to its last action, as in
   * "Heat the oil and fry the garlic for 2 minutes". */
  if (hi - lo > LABEL_MAX_WORDS)
    {
      for (guint k = hi - 1; k > lo + 1; k--)
        {
          if (word_in (chars, &g_array_index (clause, Word, k - 1), and_words))
            {
              lo = k;
              break;
            }
        }
    }

  if (hi - lo > LABEL_MAX_WORDS)
    {
      hi = lo + LABEL_MAX_WORDS;
      trim_clause (chars, clause, &lo, &hi);
    }

  if (lo >= hi)
    return NULL;

  label = g_array_new (TRUE, FALSE, sizeof (gunichar));
  for (guint k = lo; k < hi; k++)
    {
      const Word *word = &g_array_index (clause, Word, k);
      gunichar space = ' ';

      if (label->len > 0)
        g_array_append_val (label, space);
      g_array_append_vals (label, chars + word->start, word->end - word->start);
    }

  first = 0;
  last = label->len;
  while (first < last &&
         (g_unichar_ispunct (g_array_index (label, gunichar, first)) ||
          g_unichar_isspace (g_array_index (label, gunichar, first))))
    first++;
  while (last > first &&
         (g_unichar_ispunct (g_array_index (label, gunichar, last - 1)) ||
          g_unichar_isspace (g_array_index (label, gunichar, last - 1))))
    last--;

  for (guint k = first; k < last; k++)
    has_letter |= g_unichar_isalpha (g_array_index (label, gunichar, k));

  if (!has_letter)
    return NULL;

  g_array_index (label, gunichar, first) = g_unichar_toupper (g_array_index (label, gunichar, first));

  return g_ucs4_to_utf8 ((gunichar *)label->data + first, last - first, NULL, NULL, NULL);
}

/* The instruction before the timer: "Roast the vegetables for 40 minutes".
 * Of several clauses the last one that gives an instruction wins ("In a
 * large pan, fry the onions"); if none does, the first one ("Simmer,
 * covered, for 10 minutes"). */
static char *
label_from_before (const gunichar *chars,
                   guint           from,
                   guint           to,
                   GArray         *spans)
{
  g_autoptr(GPtrArray) clauses = split_clauses (chars, from, to, spans);
  GArray *first = NULL, *instruction = NULL;
  guint first_lo = 0, first_hi = 0, instruction_lo = 0, instruction_hi = 0;

  for (guint c = 0; c < clauses->len; c++)
    {
      GArray *clause = g_ptr_array_index (clauses, c);
      guint lo = 0, hi = clause->len;
      const Word *opener;

      trim_clause (chars, clause, &lo, &hi);
      if (lo >= hi)
        continue;

      if (first == NULL)
        {
          first = clause;
          first_lo = lo;
          first_hi = hi;
        }

      opener = &g_array_index (clause, Word, lo);
      if (!word_in (chars, opener, subordinate_openers) && !word_is_participle (chars, opener))
        {
          instruction = clause;
          instruction_lo = lo;
          instruction_hi = hi;
        }
    }

  if (instruction != NULL)
    return build_label (chars, instruction, instruction_lo, instruction_hi);

  if (first != NULL)
    return build_label (chars, first, first_lo, first_hi);

  return NULL;
}

/* The instruction after a leading time: "After 5 minutes, flip." */
static char *
label_from_after (const gunichar *chars,
                  guint           from,
                  guint           to,
                  GArray         *spans)
{
  g_autoptr(GPtrArray) clauses = split_clauses (chars, from, to, spans);

  for (guint c = 0; c < clauses->len; c++)
    {
      GArray *clause = g_ptr_array_index (clauses, c);
      guint lo = 0, hi = clause->len;
      char *label;

      while (lo < hi && word_in (chars, &g_array_index (clause, Word, lo), leading_fillers))
        lo++;
      if (lo >= hi || word_in (chars, &g_array_index (clause, Word, lo), after_skip_openers))
        continue;

      if (hi - lo > LABEL_MAX_WORDS)
        hi = lo + LABEL_MAX_WORDS;
      trim_clause (chars, clause, &lo, &hi);

      if ((label = build_label (chars, clause, lo, hi)) != NULL)
        return label;
    }

  return NULL;
}

static char *
compute_label (const gunichar *chars,
               glong           n_chars,
               GArray         *spans,
               guint           start,
               guint           end)
{
  glong lower = MAX (0, (glong) start - LABEL_WINDOW);
  glong upper = MIN (n_chars, (glong) end + LABEL_WINDOW);
  glong sentence_start = start;
  glong sentence_end = end;
  char *label;

  while (sentence_start > lower && !is_sentence_end (chars, n_chars, sentence_start - 1))
    sentence_start--;
  while (sentence_end < upper && !is_sentence_end (chars, n_chars, sentence_end))
    sentence_end++;

  if ((label = label_from_before (chars, sentence_start, start, spans)) != NULL)
    return label;

  return label_from_after (chars, end, sentence_end, spans);
}

/* Public API */

/**
 * galley_detect_durations:
 * @text: free text, e.g. a step of a recipe
 *
 * Finds the durations mentioned in @text: "10 minutes", "40–45 minutes",
 * "an hour and a half", "1h30m", "between 10 and 12 minutes" … each with a
 * label saying what it times. Temperatures, quantities, sizes, counts and
 * step numbers are not durations. Text that is not valid UTF-8 has none.
 *
 * Returns: (transfer full) (element-type GalleyStepTimer): the durations,
 *   sorted by position and not overlapping
 */
GPtrArray *
galley_detect_durations (const char *text)
{
  g_autoptr(GPtrArray) timers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) spans = NULL;
  g_autofree gunichar *chars = NULL;
  glong n_chars;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&timers);

  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  spans = find_spans (chars, n_chars);

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      g_autofree char *matched = g_ucs4_to_utf8 (chars + span->start, span->end - span->start,
                                                 NULL, NULL, NULL);
      g_autofree char *label = compute_label (chars, n_chars, spans, span->start, span->end);

      g_ptr_array_add (timers,
                       galley_step_timer_new (span->start, span->end, matched,
                                              span->seconds, span->max_seconds,
                                              label != NULL ? label : matched));
    }

  return g_steal_pointer (&timers);
}

/**
 * galley_step_detect_timers:
 * @step: a step
 *
 * Adds to @step every duration found in its text that does not overlap a
 * timer the step already has: explicit timers (Cooklang `~{25%minutes}`)
 * win over detected ones.
 *
 * Returns: how many timers were added
 */
guint
galley_step_detect_timers (GalleyStep *step)
{
  g_autoptr(GPtrArray) found = NULL;
  guint added = 0;

  g_return_val_if_fail (GALLEY_IS_STEP (step), 0);

  found = galley_detect_durations (galley_step_get_text (step));

  for (guint i = 0; i < found->len; i++)
    {
      if (galley_step_add_timer (step, g_ptr_array_index (found, i)))
        added++;
    }

  return added;
}

/**
 * galley_timer_label_for:
 * @text: the text the timer is in
 * @start: the character offset where the timer starts
 *
 * Derives a short label for the timer at @start from the sentence around
 * it: "Roast the vegetables for 40–45 minutes" gives "Roast the vegetables",
 * "After 5 minutes, flip." gives "Flip". Falls back to the duration as
 * written.
 *
 * Returns: (transfer full): a label, never empty
 */
char *
galley_timer_label_for (const char *text,
                        guint       start)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree gunichar *chars = NULL;
  char *label = NULL;
  glong n_chars;
  guint end;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (_("Timer"));

  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  spans = find_spans (chars, n_chars);
  start = MIN (start, (guint) n_chars);
  end = start;

  for (guint i = first_span_after (spans, start); i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->start <= start)
        {
          start = span->start;
          end = span->end;
        }
      break;
    }

  label = compute_label (chars, n_chars, spans, start, end);
  if (label == NULL && end > start)
    label = g_ucs4_to_utf8 (chars + start, end - start, NULL, NULL, NULL);
  if (label == NULL)
    label = g_strdup (_("Timer"));

  return label;
}
