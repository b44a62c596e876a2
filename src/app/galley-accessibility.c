/* galley-accessibility.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-accessibility"

#include "config.h"

#include <glib/gi18n.h>

#include "galley-accessibility.h"

/* GTK 4.8 names a button with a mnemonic label twice over for screen
 * readers: its accessible label is the raw text with the underscore
 * ("_Dismiss"), and it is also labelled by its label widget ("Dismiss"),
 * so Orca reads "underscore Dismiss Dismiss". Without the label property
 * the name is the label widget's text alone. */

/**
 * galley_mnemonic_button_fix:
 * @button: a button whose label has a mnemonic, e.g. one built from a .ui
 */
void
galley_mnemonic_button_fix (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * galley_mnemonic_button_new:
 * @mnemonic_label: the label, with an underscore before the mnemonic
 *
 * Returns: (transfer floating): a button that screen readers name once
 */
GtkWidget *
galley_mnemonic_button_new (const char *mnemonic_label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic_label);

  galley_mnemonic_button_fix (button);

  return button;
}

/**
 * galley_icon_button_new:
 * @icon_name: a symbolic icon name
 * @label: what the button does, e.g. "Next step"
 *
 * A round button with only an icon: the tooltip says what it does to the
 * eyes, the accessible name to a screen reader.
 *
 * Returns: (transfer floating): the button
 */
GtkWidget *
galley_icon_button_new (const char *icon_name,
                        const char *label)
{
  GtkWidget *button;

  g_return_val_if_fail (icon_name != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  button = gtk_button_new_from_icon_name (icon_name);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  return button;
}

/**
 * galley_name_timer_control:
 * @button: a control of one timer, e.g. its Pause button
 * @action: what the control does, e.g. "Pause"
 * @timer: which timer, e.g. "Roast the vegetables, 45 minutes"
 *
 * A screen reader user tabbing through a recipe meets several Pause
 * buttons; each says which timer it pauses.
 */
void
galley_name_timer_control (GtkWidget  *button,
                           const char *action,
                           const char *timer)
{
  /* Translators: a timer's control for screen readers, e.g.
   * "Pause: Roast the vegetables, 45 minutes" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), action, timer);

  g_return_if_fail (GTK_IS_WIDGET (button));

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
