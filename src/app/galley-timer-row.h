/* galley-timer-row.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "galley-timer-manager.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_TIMER_ROW (galley_timer_row_get_type ())

G_DECLARE_FINAL_TYPE (GalleyTimerRow, galley_timer_row, GALLEY, TIMER_ROW, AdwActionRow)

GtkWidget   *galley_timer_row_new       (GalleyTimerManager *manager,
                                         GalleyTimer        *timer);
GalleyTimer *galley_timer_row_get_timer (GalleyTimerRow     *self);
void         galley_timer_row_update    (GalleyTimerRow     *self,
                                         gint64              now_ms);
void         galley_timer_row_tick      (GalleyTimerRow     *self,
                                         gint64              now_ms);

G_END_DECLS
