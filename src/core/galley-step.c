/* galley-step.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-step"

#include "galley-step.h"

/* One numbered instruction and the timers found in its text, kept sorted by
 * position and never overlapping, so the UI can highlight them in one pass. */
struct _GalleyStep
{
  GObject parent_instance;

  char *text;
  GPtrArray *timers;
};

G_DEFINE_FINAL_TYPE (GalleyStep, galley_step, G_TYPE_OBJECT)

static void
galley_step_finalize (GObject *object)
{
  GalleyStep *self = (GalleyStep *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->timers, g_ptr_array_unref);

  G_OBJECT_CLASS (galley_step_parent_class)->finalize (object);
}

static void
galley_step_class_init (GalleyStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = galley_step_finalize;
}

static void
galley_step_init (GalleyStep *self)
{
  self->timers = g_ptr_array_new_with_free_func (g_object_unref);
}

GalleyStep *
galley_step_new (const char *text)
{
  GalleyStep *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (GALLEY_TYPE_STEP, NULL);
  self->text = g_strdup (text);

  return self;
}

const char *
galley_step_get_text (GalleyStep *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP (self), NULL);
  return self->text;
}

/**
 * galley_step_get_timers:
 *
 * Returns: (transfer none) (element-type GalleyStepTimer): the timers, by position
 */
GPtrArray *
galley_step_get_timers (GalleyStep *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP (self), NULL);
  return self->timers;
}

/**
 * galley_step_is_covered:
 *
 * Returns: %TRUE if a timer of the step overlaps the characters [@start, @end)
 */
gboolean
galley_step_is_covered (GalleyStep *self,
                        guint       start,
                        guint       end)
{
  g_return_val_if_fail (GALLEY_IS_STEP (self), FALSE);

  for (guint i = 0; i < self->timers->len; i++)
    {
      GalleyStepTimer *timer = g_ptr_array_index (self->timers, i);

      if (start < galley_step_timer_get_end (timer) &&
          galley_step_timer_get_start (timer) < end)
        return TRUE;
    }

  return FALSE;
}

/**
 * galley_step_add_timer:
 * @timer: a timer whose span lies within the step's text
 *
 * Adds @timer in position order. A timer outside the text or overlapping one
 * the step already has is refused, so a step's timers never contradict
 * each other.
 *
 * Returns: %TRUE if @timer was added
 */
gboolean
galley_step_add_timer (GalleyStep      *self,
                       GalleyStepTimer *timer)
{
  guint start, end, i;

  g_return_val_if_fail (GALLEY_IS_STEP (self), FALSE);
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (timer), FALSE);

  start = galley_step_timer_get_start (timer);
  end = galley_step_timer_get_end (timer);

  if (end > g_utf8_strlen (self->text, -1) || galley_step_is_covered (self, start, end))
    return FALSE;

  for (i = 0; i < self->timers->len; i++)
    if (galley_step_timer_get_start (g_ptr_array_index (self->timers, i)) > start)
      break;

  g_ptr_array_insert (self->timers, i, g_object_ref (timer));

  return TRUE;
}
