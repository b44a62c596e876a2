/* galley-error.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-error.h"

G_DEFINE_QUARK (galley-import-error-quark, galley_import_error)
G_DEFINE_QUARK (galley-library-error-quark, galley_library_error)
G_DEFINE_QUARK (galley-protocol-error-quark, galley_protocol_error)
