/* galley-recipe-summary.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GALLEY_TYPE_RECIPE_SUMMARY (galley_recipe_summary_get_type ())

G_DECLARE_FINAL_TYPE (GalleyRecipeSummary, galley_recipe_summary, GALLEY, RECIPE_SUMMARY, GObject)

GalleyRecipeSummary *galley_recipe_summary_new              (const char          *id,
                                                             const char          *title,
                                                             gint64               total_time_s,
                                                             const char          *tags);
const char          *galley_recipe_summary_get_id           (GalleyRecipeSummary *self);
const char          *galley_recipe_summary_get_title        (GalleyRecipeSummary *self);
gint64               galley_recipe_summary_get_total_time_s (GalleyRecipeSummary *self);
const char          *galley_recipe_summary_get_tags         (GalleyRecipeSummary *self);

G_END_DECLS
