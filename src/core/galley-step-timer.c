/* galley-step-timer.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-step-timer"

#include "galley-step-timer.h"

/* A duration mentioned in a step's text: where it is (offsets in Unicode
 * characters, so they survive any UTF-8 content), how long it is, and for a
 * range ("10–12 minutes") its maximum. Only the label may change after it
 * is made: importers find the span first and the label afterwards. */
struct _GalleyStepTimer
{
  GObject parent_instance;

  guint start;
  guint end;
  char *text;
  gint64 seconds;
  gint64 max_seconds;
  char *label;
};

G_DEFINE_FINAL_TYPE (GalleyStepTimer, galley_step_timer, G_TYPE_OBJECT)

static void
galley_step_timer_finalize (GObject *object)
{
  GalleyStepTimer *self = (GalleyStepTimer *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (galley_step_timer_parent_class)->finalize (object);
}

static void
galley_step_timer_class_init (GalleyStepTimerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = galley_step_timer_finalize;
}

static void
galley_step_timer_init (GalleyStepTimer *self)
{
}

/**
 * galley_step_timer_new:
 * @start: offset of the first character of the duration in the step text
 * @end: offset just past its last character
 * @text: the duration as written, e.g. "40–45 minutes"
 * @seconds: the (minimum) duration
 * @max_seconds: the maximum of a range; equal to @seconds otherwise
 * @label: (nullable): what the timer is for, e.g. "Roast the vegetables"
 *
 * Returns: (transfer full): a new step timer
 */
GalleyStepTimer *
galley_step_timer_new (guint       start,
                       guint       end,
                       const char *text,
                       gint64      seconds,
                       gint64      max_seconds,
                       const char *label)
{
  GalleyStepTimer *self;

  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (seconds > 0, NULL);

  self = g_object_new (GALLEY_TYPE_STEP_TIMER, NULL);
  self->start = start;
  self->end = end;
  self->text = g_strdup (text);
  self->seconds = seconds;
  self->max_seconds = MAX (seconds, max_seconds);
  self->label = g_strdup (label);

  return self;
}

guint
galley_step_timer_get_start (GalleyStepTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (self), 0);
  return self->start;
}

guint
galley_step_timer_get_end (GalleyStepTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (self), 0);
  return self->end;
}

const char *
galley_step_timer_get_text (GalleyStepTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (self), NULL);
  return self->text;
}

gint64
galley_step_timer_get_seconds (GalleyStepTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (self), 0);
  return self->seconds;
}

gint64
galley_step_timer_get_max_seconds (GalleyStepTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (self), 0);
  return self->max_seconds;
}

gboolean
galley_step_timer_is_range (GalleyStepTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (self), FALSE);
  return self->max_seconds > self->seconds;
}

const char *
galley_step_timer_get_label (GalleyStepTimer *self)
{
  g_return_val_if_fail (GALLEY_IS_STEP_TIMER (self), NULL);
  return self->label;
}

void
galley_step_timer_set_label (GalleyStepTimer *self,
                             const char      *label)
{
  g_return_if_fail (GALLEY_IS_STEP_TIMER (self));

  if (g_strcmp0 (self->label, label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label);
    }
}
