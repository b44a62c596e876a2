/* galley-error.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GALLEY_IMPORT_ERROR (galley_import_error_quark ())
#define GALLEY_LIBRARY_ERROR (galley_library_error_quark ())
#define GALLEY_PROTOCOL_ERROR (galley_protocol_error_quark ())

/* Why a recipe could not be read. Messages are translated and shown to the
 * user as they are, so they say what is wrong in the user's terms. */
typedef enum
{
  GALLEY_IMPORT_ERROR_INVALID,        /* not valid JSON, not UTF-8, wrong types */
  GALLEY_IMPORT_ERROR_UNKNOWN_FORMAT, /* none of the formats Galley reads */
  GALLEY_IMPORT_ERROR_NO_RECIPE,      /* valid, but holds no recipe */
  GALLEY_IMPORT_ERROR_TOO_LARGE,      /* over the size limit */
  GALLEY_IMPORT_ERROR_TOO_DEEP,       /* JSON nested deeper than the limit */
} GalleyImportError;

typedef enum
{
  GALLEY_LIBRARY_ERROR_FAILED,       /* SQLite said no; the message says why */
  GALLEY_LIBRARY_ERROR_NOT_FOUND,
  GALLEY_LIBRARY_ERROR_TOO_NEW,      /* written by a newer Galley */
  GALLEY_LIBRARY_ERROR_CORRUPT,      /* a stored recipe no longer parses */
} GalleyLibraryError;

/* Why a sync protocol message, op or timer was refused. The server answers
 * with the code (see galley_stream_error_code()) and the message. */
typedef enum
{
  GALLEY_PROTOCOL_ERROR_INVALID,      /* not UTF-8, not JSON, wrong fields */
  GALLEY_PROTOCOL_ERROR_TOO_LARGE,    /* over the size limit */
  GALLEY_PROTOCOL_ERROR_TOO_DEEP,     /* JSON nested deeper than the limit */
  GALLEY_PROTOCOL_ERROR_UNKNOWN_TYPE, /* a "type" the receiver does not take */
} GalleyProtocolError;

GQuark galley_import_error_quark  (void);
GQuark galley_library_error_quark (void);
GQuark galley_protocol_error_quark (void);

G_END_DECLS
