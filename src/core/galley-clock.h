/* galley-clock.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GALLEY_TYPE_CLOCK (galley_clock_get_type ())

G_DECLARE_DERIVABLE_TYPE (GalleyClock, galley_clock, GALLEY, CLOCK, GObject)

struct _GalleyClockClass
{
  GObjectClass parent_class;

  gint64 (*get_wall_ms)      (GalleyClock *self);
  gint64 (*get_monotonic_us) (GalleyClock *self);
};

GalleyClock *galley_clock_get_system       (void);
gint64       galley_clock_get_wall_ms      (GalleyClock *self);
gint64       galley_clock_get_monotonic_us (GalleyClock *self);
void         galley_clock_changed          (GalleyClock *self);

G_END_DECLS
