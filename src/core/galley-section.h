/* galley-section.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-step.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_SECTION (galley_section_get_type ())

G_DECLARE_FINAL_TYPE (GalleySection, galley_section, GALLEY, SECTION, GObject)

GalleySection *galley_section_new       (const char    *name);
const char    *galley_section_get_name  (GalleySection *self);
GPtrArray     *galley_section_get_steps (GalleySection *self);
void           galley_section_add_step  (GalleySection *self,
                                         GalleyStep    *step);

G_END_DECLS
