/* galley-alarm.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "galley-timer-manager.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_ALARM (galley_alarm_get_type ())

G_DECLARE_FINAL_TYPE (GalleyAlarm, galley_alarm, GALLEY, ALARM, GObject)

GalleyAlarm *galley_alarm_new              (GApplication       *application,
                                            GalleyTimerManager *manager,
                                            GSettings          *settings);
char        *galley_alarm_notification_id  (const char         *timer_id);
gboolean     galley_alarm_is_sounding      (GalleyAlarm        *self);

G_END_DECLS
