/* galley-accessibility.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *galley_mnemonic_button_new (const char *mnemonic_label);
void       galley_mnemonic_button_fix (GtkWidget  *button);
GtkWidget *galley_icon_button_new     (const char *icon_name,
                                       const char *label);
void       galley_name_timer_control  (GtkWidget  *button,
                                       const char *action,
                                       const char *timer);

G_END_DECLS
