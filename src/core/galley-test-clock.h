/* galley-test-clock.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "galley-clock.h"

G_BEGIN_DECLS

#define GALLEY_TYPE_TEST_CLOCK (galley_test_clock_get_type ())

G_DECLARE_FINAL_TYPE (GalleyTestClock, galley_test_clock, GALLEY, TEST_CLOCK, GalleyClock)

GalleyTestClock *galley_test_clock_new       (gint64           wall_ms);
void             galley_test_clock_advance   (GalleyTestClock *self,
                                              gint64           ms);
void             galley_test_clock_jump_wall (GalleyTestClock *self,
                                              gint64           ms);
void             galley_test_clock_suspend   (GalleyTestClock *self,
                                              gint64           ms);

G_END_DECLS
