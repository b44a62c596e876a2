/* galley-ringing-banner.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "galley-timer-manager.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_RINGING_BANNER (galley_ringing_banner_get_type ())

G_DECLARE_FINAL_TYPE (GalleyRingingBanner, galley_ringing_banner, GALLEY, RINGING_BANNER, GtkWidget)

GtkWidget *galley_ringing_banner_new (GalleyTimerManager *manager);

G_END_DECLS
