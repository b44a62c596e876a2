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

/**
 * galley_json_check_depth:
 * @json: the text about to be parsed
 * @length: its length in bytes
 * @max_depth: the deepest nesting allowed
 *
 * json-glib 1.6 parses recursively with no depth limit, so a document of a
 * few hundred kilobytes of "[" overflows the stack. This scan runs first, in
 * constant stack, and only counts brackets outside strings.
 *
 * Returns: %TRUE if @json nests no deeper than @max_depth
 */
gboolean
galley_json_check_depth (const char *json,
                         gsize       length,
                         guint       max_depth,
                         GError    **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (json != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, GALLEY_IMPORT_ERROR, GALLEY_IMPORT_ERROR_TOO_DEEP,
                           _("The JSON is nested deeper than %u levels"), max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}
