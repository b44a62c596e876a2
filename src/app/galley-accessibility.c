/* galley-accessibility.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-accessibility"

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
