/* galley-application.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "galley-display-tick.h"
#include "galley-library.h"
#include "galley-timer-manager.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_APPLICATION (galley_application_get_type ())

G_DECLARE_FINAL_TYPE (GalleyApplication, galley_application, GALLEY, APPLICATION, AdwApplication)

GalleyApplication *galley_application_new         (void);
GalleyLibrary     *galley_application_get_library (GalleyApplication *self);
const GError      *galley_application_get_library_error (GalleyApplication *self);
GalleyTimerManager *galley_application_get_timers   (GalleyApplication *self);
GalleyDisplayTick  *galley_application_get_display_tick (GalleyApplication *self);
void               galley_application_set_cooking   (GalleyApplication *self,
                                                     gboolean           cooking);

G_END_DECLS
