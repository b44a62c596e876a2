/* galley-step-row.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "galley-display-tick.h"
#include "galley-recipe.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_STEP_ROW (galley_step_row_get_type ())

G_DECLARE_FINAL_TYPE (GalleyStepRow, galley_step_row, GALLEY, STEP_ROW, GtkWidget)

GtkWidget  *galley_step_row_new      (GalleyDisplayTick *tick,
                                      GalleyRecipe      *recipe,
                                      guint              section_index,
                                      guint              step_index,
                                      guint              number);
guint       galley_step_row_get_section_index (GalleyStepRow *self);
guint       galley_step_row_get_step_index    (GalleyStepRow *self);
char       *galley_step_markup       (GalleyStep    *step);

G_END_DECLS
