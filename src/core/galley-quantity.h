/* galley-quantity.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  galley_quantity_parse (const char *quantity,
                                 double     *value);
char     *galley_quantity_scale (const char *quantity,
                                 double      factor);

G_END_DECLS
