/* galley-library-timers.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-library.h"
#include "galley-timer.h"

G_BEGIN_DECLS

gboolean   galley_library_save_timer     (GalleyLibrary  *self,
                                          GalleyTimer    *timer,
                                          GError        **error);
GPtrArray *galley_library_load_timers    (GalleyLibrary  *self,
                                          GError        **error);
gboolean   galley_library_delete_timer   (GalleyLibrary  *self,
                                          const char     *id,
                                          GError        **error);
char      *galley_library_get_device_id  (GalleyLibrary  *self,
                                          GError        **error);

G_END_DECLS
