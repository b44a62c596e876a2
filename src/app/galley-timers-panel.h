/* galley-timers-panel.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "galley-display-tick.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_TIMERS_PANEL (galley_timers_panel_get_type ())

G_DECLARE_FINAL_TYPE (GalleyTimersPanel, galley_timers_panel, GALLEY, TIMERS_PANEL, AdwBin)

GtkWidget *galley_timers_panel_new (GalleyDisplayTick *tick);

G_END_DECLS
