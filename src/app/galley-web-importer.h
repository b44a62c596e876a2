/* galley-web-importer.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "galley-recipe.h"

G_BEGIN_DECLS

char         *galley_web_import_normalize_url (const char           *text,
                                               GError              **error);
void          galley_web_import_async         (SoupSession          *session,
                                               const char           *url,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GalleyRecipe *galley_web_import_finish        (GAsyncResult         *result,
                                               GPtrArray           **warnings,
                                               GError              **error);

G_END_DECLS
