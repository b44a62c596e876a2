/* galley-window.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "galley-application.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_WINDOW (galley_window_get_type ())

G_DECLARE_FINAL_TYPE (GalleyWindow, galley_window, GALLEY, WINDOW, AdwApplicationWindow)

GalleyWindow *galley_window_new          (GalleyApplication  *application);
void          galley_window_import_files (GalleyWindow       *self,
                                          GFile             **files,
                                          guint               n_files);
gboolean      galley_window_open_recipe  (GalleyWindow       *self,
                                          const char         *id);
gboolean      galley_window_show_ringing (GalleyWindow       *self,
                                          GalleyTimer        *timer);
void          galley_window_show_timer   (GalleyWindow       *self,
                                          const char         *timer_id);
void          galley_window_show_error   (GalleyWindow       *self,
                                          const char         *message);

G_END_DECLS
