/* galley-hlc.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-clock.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_HLC (galley_hlc_get_type ())

G_DECLARE_FINAL_TYPE (GalleyHlc, galley_hlc, GALLEY, HLC, GObject)

GalleyHlc  *galley_hlc_new           (GalleyClock  *clock,
                                      const char   *device_id);
const char *galley_hlc_get_device_id (GalleyHlc    *self);
gint64      galley_hlc_get_offset_ms (GalleyHlc    *self);
void        galley_hlc_set_offset_ms (GalleyHlc    *self,
                                      gint64        offset_ms);
char       *galley_hlc_now           (GalleyHlc    *self);
gboolean    galley_hlc_observe       (GalleyHlc    *self,
                                      const char   *remote);
gboolean    galley_hlc_parse         (const char   *text,
                                      gint64       *physical_ms,
                                      guint        *counter,
                                      const char  **device_id);

G_END_DECLS
