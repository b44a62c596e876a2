/* galley-json-depth.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-json-depth"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "galley-error.h"
#include "galley-json-depth.h"

/* json-glib 1.6 has three flaws that text from outside can reach, so JSON
 * is scanned here first, in constant stack, the way json-glib's scanner
 * reads it:
 *
 * - it parses recursively with no depth limit: a few hundred kilobytes of
 *   "[" overflow the stack;
 * - it also reads single-quoted strings and C comments, so a scan that only
 *   knew double quotes could be blinded by a '"' inside either and let deep
 *   nesting through;
 * - it accepts a second array or object after a complete top-level value
 *   ("{…} {…}") and leaks what it parsed. */

/**
 * galley_json_scan:
 * @json: the text about to be parsed
 * @length: its length in bytes
 * @max_depth: the deepest nesting allowed
 * @values: (nullable) (element-type GalleyJsonSpan): where the top-level
 *   arrays and objects are, appended
 * @stray: (out): whether anything but arrays, objects and white space stands
 *   at the top level
 *
 * Returns: %TRUE if @json nests no deeper than @max_depth
 */
gboolean
galley_json_scan (const char  *json,
                  gsize        length,
                  guint        max_depth,
                  GArray      *values,
                  gboolean    *stray,
                  GError     **error)
{
  enum { CODE, DOUBLE_QUOTED, SINGLE_QUOTED, COMMENT } state = CODE;
  guint depth = 0;

  g_return_val_if_fail (json != NULL || length == 0, FALSE);
  g_return_val_if_fail (stray != NULL, FALSE);

  *stray = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      switch (state)
        {
        case DOUBLE_QUOTED:
          if (c == '\\')
            i++;
          else if (c == '"')
            state = CODE;
          break;

        case SINGLE_QUOTED:
          if (c == '\'')
            state = CODE;
          break;

        case COMMENT:
          if (c == '*' && i + 1 < length && json[i + 1] == '/')
            {
              state = CODE;
              i++;
            }
          break;

        case CODE:
        default:
          if (c == '/' && i + 1 < length && json[i + 1] == '*')
            {
              state = COMMENT;
              i++;
            }
          else if (c == '[' || c == '{')
            {
              if (depth == 0 && values != NULL)
                {
                  GalleyJsonSpan span = { i, length };

                  g_array_append_val (values, span);
                }

              if (++depth > max_depth)
                {
                  g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_DEEP,
                               _("The JSON is nested deeper than %u levels"), max_depth);
                  return FALSE;
                }
            }
          else if ((c == ']' || c == '}') && depth > 0)
            {
              if (--depth == 0 && values != NULL)
                g_array_index (values, GalleyJsonSpan, values->len - 1).end = i + 1;
            }
          else
            {
              if (c == '"')
                state = DOUBLE_QUOTED;
              else if (c == '\'')
                state = SINGLE_QUOTED;

              if (depth == 0 && !g_ascii_isspace (c))
                *stray = TRUE;
            }
          break;
        }
    }

  return TRUE;
}

/**
 * galley_json_check_depth:
 * @json: the text about to be parsed
 * @length: its length in bytes
 * @max_depth: the deepest nesting allowed
 *
 * Checks that @json is at most one array or object, nested no deeper than
 * @max_depth, so json-glib can parse it safely.
 *
 * Returns: %TRUE if json-glib may be given @json
 */
gboolean
galley_json_check_depth (const char  *json,
                         gsize        length,
                         guint        max_depth,
                         GError     **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (GalleyJsonSpan));
  gboolean stray;

  if (!galley_json_scan (json, length, max_depth, values, &stray, error))
    return FALSE;

  if (values->len > 1 || (values->len == 1 && stray))
    {
      g_set_error_literal (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_INVALID,
                           _("The JSON holds more than one value"));
      return FALSE;
    }

  return TRUE;
}
