/* galley-timer.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GALLEY_TIMER_STATUS_IDLE,
  GALLEY_TIMER_STATUS_RUNNING,
  GALLEY_TIMER_STATUS_PAUSED,
} GalleyTimerStatus;

#define GALLEY_TYPE_TIMER_STATUS (galley_timer_status_get_type ())
#define GALLEY_TYPE_TIMER (galley_timer_get_type ())

GType galley_timer_status_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (GalleyTimer, galley_timer, GALLEY, TIMER, GObject)

/* Identity and description */
GalleyTimer       *galley_timer_new                  (const char        *id,
                                                      gint64             duration_ms);
char              *galley_timer_id_for_step          (const char        *recipe_id,
                                                      guint              section,
                                                      guint              step,
                                                      guint              n);
char              *galley_timer_id_for_kitchen       (void);
gboolean           galley_timer_id_parse_step        (const char        *id,
                                                      char             **recipe_id,
                                                      guint             *section,
                                                      guint             *step,
                                                      guint             *n);
const char        *galley_timer_get_id               (GalleyTimer       *self);
const char        *galley_timer_get_label            (GalleyTimer       *self);
void               galley_timer_set_label            (GalleyTimer       *self,
                                                      const char        *label);
const char        *galley_timer_get_detail           (GalleyTimer       *self);
void               galley_timer_set_detail           (GalleyTimer       *self,
                                                      const char        *detail);

/* Run state, as the design card's timer model has it */
GalleyTimerStatus  galley_timer_get_status           (GalleyTimer       *self);
gint64             galley_timer_get_duration_ms      (GalleyTimer       *self);
gint64             galley_timer_get_ends_at          (GalleyTimer       *self);
gint64             galley_timer_get_remaining_ms     (GalleyTimer       *self);
const char        *galley_timer_get_updated          (GalleyTimer       *self);

/* Derived from the run state and a time */
gint64             galley_timer_remaining_at         (GalleyTimer       *self,
                                                      gint64             now_ms);
gboolean           galley_timer_is_finished_at       (GalleyTimer       *self,
                                                      gint64             now_ms);
gboolean           galley_timer_is_active            (GalleyTimer       *self);

/* Actions: each returns TRUE if it changed the state, and then stamps it
 * with @updated (a hybrid logical clock value). */
gboolean           galley_timer_start                (GalleyTimer       *self,
                                                      gint64             now_ms,
                                                      const char        *updated);
gboolean           galley_timer_pause                (GalleyTimer       *self,
                                                      gint64             now_ms,
                                                      const char        *updated);
gboolean           galley_timer_resume               (GalleyTimer       *self,
                                                      gint64             now_ms,
                                                      const char        *updated);
gboolean           galley_timer_reset                (GalleyTimer       *self,
                                                      const char        *updated);
gboolean           galley_timer_add                  (GalleyTimer       *self,
                                                      gint64             ms,
                                                      gint64             now_ms,
                                                      const char        *updated);
gboolean           galley_timer_dismiss              (GalleyTimer       *self,
                                                      gint64             now_ms,
                                                      const char        *updated);
gboolean           galley_timer_set_duration         (GalleyTimer       *self,
                                                      gint64             duration_ms,
                                                      const char        *updated);

/* The last-writer-wins register of the sync protocol */
gboolean           galley_timer_apply_state          (GalleyTimer       *self,
                                                      GalleyTimerStatus  status,
                                                      gint64             duration_ms,
                                                      gint64             ends_at,
                                                      gint64             remaining_ms,
                                                      const char        *updated);

/* Local bookkeeping, never synced: the deadline already announced, so a
 * finished timer rings once per deadline, also across restarts. */
gint64             galley_timer_get_notified_ends_at (GalleyTimer       *self);
void               galley_timer_set_notified_ends_at (GalleyTimer       *self,
                                                      gint64             ends_at);

const char        *galley_timer_status_to_string     (GalleyTimerStatus  status);
gboolean           galley_timer_status_from_string   (const char        *text,
                                                      GalleyTimerStatus *status);

G_END_DECLS
