/* galley-timer-manager.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "galley-clock.h"
#include "galley-hlc.h"
#include "galley-library.h"
#include "galley-timer.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_TIMER_MANAGER (galley_timer_manager_get_type ())

G_DECLARE_FINAL_TYPE (GalleyTimerManager, galley_timer_manager, GALLEY, TIMER_MANAGER, GObject)

GalleyTimerManager *galley_timer_manager_new            (GalleyLibrary       *library,
                                                         GalleyClock         *clock,
                                                         GError             **error);
GalleyClock        *galley_timer_manager_get_clock      (GalleyTimerManager  *self);
GalleyHlc          *galley_timer_manager_get_hlc        (GalleyTimerManager  *self);
gint64              galley_timer_manager_get_now_ms     (GalleyTimerManager  *self);
void                galley_timer_manager_run            (GalleyTimerManager  *self);
GalleyTimer        *galley_timer_manager_lookup         (GalleyTimerManager  *self,
                                                         const char          *id);
GListModel         *galley_timer_manager_get_active     (GalleyTimerManager  *self);
guint               galley_timer_manager_count_running  (GalleyTimerManager  *self);
guint               galley_timer_manager_count_ringing  (GalleyTimerManager  *self);
GalleyTimer        *galley_timer_manager_get_soonest    (GalleyTimerManager  *self);

gboolean            galley_timer_manager_start          (GalleyTimerManager  *self,
                                                         const char          *id,
                                                         const char          *label,
                                                         const char          *detail,
                                                         gint64               duration_ms,
                                                         GError             **error);
gboolean            galley_timer_manager_pause          (GalleyTimerManager  *self,
                                                         const char          *id,
                                                         GError             **error);
gboolean            galley_timer_manager_resume         (GalleyTimerManager  *self,
                                                         const char          *id,
                                                         GError             **error);
gboolean            galley_timer_manager_reset          (GalleyTimerManager  *self,
                                                         const char          *id,
                                                         GError             **error);
gboolean            galley_timer_manager_add            (GalleyTimerManager  *self,
                                                         const char          *id,
                                                         gint64               ms,
                                                         GError             **error);
gboolean            galley_timer_manager_dismiss        (GalleyTimerManager  *self,
                                                         const char          *id,
                                                         GError             **error);

G_END_DECLS
