/* test-quantity.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-quantity.h"

static void
test_scale (void)
{
  static const struct {
    const char *quantity;
    double factor;
    const char *expected;
  } cases[] = {
    { "2", 2, "4" },
    { "4", 0.5, "2" },
    { "1", 0.5, "½" },
    { "1/2", 2, "1" },
    { "1/2", 3, "1½" },
    { "1 1/2", 2, "3" },
    { "1 1/2", 0.5, "¾" },
    { "½", 0.5, "¼" },
    { "1½", 2, "3" },
    { "1 ½", 1, "1½" },
    { "1.5", 3, "4½" },
    { "1,5", 2, "3" },
    { "3", 1.0 / 3, "1" },
    { "1", 1.0 / 3, "⅓" },
    { "2", 1.0 / 3, "⅔" },
    { "500", 1.5, "750" },
    { "250", 0.3, "75" },
    { "1", 0.3, "0.3" },
    { "2.5", 0.37, "0.93" },
    { "2-3", 2, "4–6" },
    { "2 – 3", 0.5, "1–1½" },
    /* Text that is not a number stays as written. */
    { "a pinch", 2, "a pinch" },
    { "2 large", 2, "2 large" },
    { "to taste", 3, "to taste" },
    { "1/0", 2, "1/0" },
    { "", 2, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *scaled = galley_quantity_scale (cases[i].quantity, cases[i].factor);

      g_test_message ("%s × %g", cases[i].quantity, cases[i].factor);
      g_assert_cmpstr (scaled, ==, cases[i].expected);
    }

  g_assert_null (galley_quantity_scale (NULL, 2));
}

static void
test_parse (void)
{
  double value = -1;

  g_assert_true (galley_quantity_parse ("1 1/2", &value));
  g_assert_cmpfloat_with_epsilon (value, 1.5, 1e-9);
  g_assert_true (galley_quantity_parse ("¾", &value));
  g_assert_cmpfloat_with_epsilon (value, 0.75, 1e-9);
  g_assert_true (galley_quantity_parse ("10-12", &value));
  g_assert_cmpfloat_with_epsilon (value, 10, 1e-9);
  g_assert_false (galley_quantity_parse ("some", &value));
  g_assert_false (galley_quantity_parse ("\xff", &value));
  g_assert_false (galley_quantity_parse (NULL, &value));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/quantity/scale", test_scale);
  g_test_add_func ("/quantity/parse", test_parse);

  return g_test_run ();
}
