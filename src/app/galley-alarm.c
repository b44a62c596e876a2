/* galley-alarm.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "galley-alarm"

#include "config.h"

#include <glib/gi18n.h>
#include <gsound.h>

#include "galley-alarm.h"

/* What a finished timer does to get noticed from the next room: a desktop
 * notification (one per timer, replaced rather than repeated, withdrawn as
 * soon as the timer stops ringing, wherever it was stopped) and a sound
 * that repeats until every ringing timer is dealt with.
 *
 * When the window has the focus, the window shows a banner instead of a
 * notification: it asks for that with the "ring-in-window" signal, whose
 * handler returns TRUE when it showed one. */
struct _GalleyAlarm
{
  GObject parent_instance;

  GApplication *application;
  GalleyTimerManager *manager;
  GSettings *settings;

  GSoundContext *sound;
  GCancellable *sound_cancellable;
  guint repeat_id;
};

G_DEFINE_FINAL_TYPE (GalleyAlarm, galley_alarm, G_TYPE_OBJECT)

enum {
  RING_IN_WINDOW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A pause between rings, so the alarm is a pattern and not a drone. */
#define SOUND_REPEAT_SECONDS 2

char *
galley_alarm_notification_id (const char *timer_id)
{
  return g_strconcat ("timer:", timer_id, NULL);
}

gboolean
galley_alarm_is_sounding (GalleyAlarm *self)
{
  g_return_val_if_fail (GALLEY_IS_ALARM (self), FALSE);
  return self->sound_cancellable != NULL;
}

static void play_sound (GalleyAlarm *self);

static gboolean
repeat_sound (gpointer user_data)
{
  GalleyAlarm *self = user_data;

  self->repeat_id = 0;
  play_sound (self);

  return G_SOURCE_REMOVE;
}

static void
sound_played (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GalleyAlarm) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gsound_context_play_full_finish (GSOUND_CONTEXT (object), result, &error))
    {
      /* No sound server (a headless session) is not worth a warning: the
       * notification still shows. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not play the alarm: %s", error->message);
      return;
    }

  if (self->sound_cancellable != NULL && self->repeat_id == 0)
    self->repeat_id = g_timeout_add_seconds (SOUND_REPEAT_SECONDS, repeat_sound, self);
}

static void
play_sound (GalleyAlarm *self)
{
  if (self->sound == NULL || self->sound_cancellable == NULL)
    return;

  gsound_context_play_full (self->sound, self->sound_cancellable, sound_played, g_object_ref (self),
                            GSOUND_ATTR_EVENT_ID, "alarm-clock-elapsed",
                            GSOUND_ATTR_EVENT_DESCRIPTION, _("Timer done"),
                            GSOUND_ATTR_MEDIA_ROLE, "alarm",
                            NULL);
}

static void
start_sound (GalleyAlarm *self)
{
  if (self->sound_cancellable != NULL || !g_settings_get_boolean (self->settings, "play-sound"))
    return;

  /* Made when first needed: opening the sound system takes long enough to
   * be felt at start-up, and most starts ring nothing. */
  if (self->sound == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->sound = gsound_context_new (NULL, &error);
      if (self->sound == NULL)
        g_debug ("No sound for alarms: %s", error->message);
    }

  self->sound_cancellable = g_cancellable_new ();
  play_sound (self);
}

static void
stop_sound (GalleyAlarm *self)
{
  g_clear_handle_id (&self->repeat_id, g_source_remove);

  if (self->sound_cancellable != NULL)
    {
      g_cancellable_cancel (self->sound_cancellable);
      g_clear_object (&self->sound_cancellable);
    }
}

static void
send_notification (GalleyAlarm *self,
                   GalleyTimer *timer,
                   gint64       late_ms)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = galley_alarm_notification_id (galley_timer_get_id (timer));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  const char *label = galley_timer_get_label (timer);
  const char *detail = galley_timer_get_detail (timer);
  GVariant *target = g_variant_ref_sink (g_variant_new_string (galley_timer_get_id (timer)));

  /* Translators: %s is what the timer is for, e.g. "Roast the vegetables" */
  title = g_strdup_printf (_("%s is done"), label ? label : _("Timer"));

  /* A timer that rang while Galley was closed says how long ago. */
  if (late_ms >= 60 * 1000)
    {
      guint minutes = late_ms / 60000;
      g_autofree char *ago = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "finished %u minute ago",
                                                           "finished %u minutes ago", minutes),
                                              minutes);
      body = detail ? g_strdup_printf ("%s · %s", detail, ago) : g_strdup (ago);
    }
  else
    body = g_strdup (detail);

  notification = g_notification_new (title);
  if (body != NULL)
    g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_notification_set_category (notification, "x-gnome.timer");
  g_notification_set_default_action_and_target_value (notification, "app.show-timer", target);
  g_notification_add_button_with_target_value (notification, _("Dismiss"), "app.dismiss-timer", target);
  g_notification_add_button_with_target_value (notification, _("+1 minute"), "app.add-minute", target);
  g_variant_unref (target);

  g_application_send_notification (self->application, id, notification);
}

static void
on_timer_finished (GalleyAlarm *self,
                   GalleyTimer *timer,
                   gint64       late_ms)
{
  gboolean shown = FALSE;

  g_signal_emit (self, signals[RING_IN_WINDOW], 0, timer, &shown);
  if (!shown)
    send_notification (self, timer, late_ms);

  start_sound (self);
}

static void
on_timer_changed (GalleyAlarm *self,
                  GalleyTimer *timer)
{
  gint64 now = galley_clock_get_wall_ms (galley_timer_manager_get_clock (self->manager));

  if (!galley_timer_is_finished_at (timer, now))
    {
      g_autofree char *id = galley_alarm_notification_id (galley_timer_get_id (timer));
      g_application_withdraw_notification (self->application, id);
    }

  if (galley_timer_manager_count_ringing (self->manager) == 0)
    stop_sound (self);
}

static void
on_play_sound_changed (GalleyAlarm *self)
{
  if (!g_settings_get_boolean (self->settings, "play-sound"))
    stop_sound (self);
  else if (galley_timer_manager_count_ringing (self->manager) > 0)
    start_sound (self);
}

static void
galley_alarm_dispose (GObject *object)
{
  GalleyAlarm *self = (GalleyAlarm *)object;

  stop_sound (self);
  g_clear_object (&self->sound);
  g_clear_object (&self->settings);
  g_clear_object (&self->manager);
  self->application = NULL;

  G_OBJECT_CLASS (galley_alarm_parent_class)->dispose (object);
}

static void
galley_alarm_class_init (GalleyAlarmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = galley_alarm_dispose;

  /**
   * GalleyAlarm::ring-in-window:
   * @timer: the timer that finished
   *
   * Returns: %TRUE if the window showed the timer ringing itself, so no
   *   notification is needed
   */
  signals[RING_IN_WINDOW] =
    g_signal_new ("ring-in-window",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1, GALLEY_TYPE_TIMER);
}

static void
galley_alarm_init (GalleyAlarm *self)
{
}

/**
 * galley_alarm_new:
 * @application: the application the notifications belong to
 * @settings: the app's settings, for "play-sound"
 */
GalleyAlarm *
galley_alarm_new (GApplication       *application,
                  GalleyTimerManager *manager,
                  GSettings          *settings)
{
  GalleyAlarm *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GALLEY_IS_TIMER_MANAGER (manager), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GALLEY_TYPE_ALARM, NULL);
  self->application = application;
  self->manager = g_object_ref (manager);
  self->settings = g_object_ref (settings);

  g_signal_connect_object (manager, "timer-finished", G_CALLBACK (on_timer_finished), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "timer-changed", G_CALLBACK (on_timer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::play-sound", G_CALLBACK (on_play_sound_changed), self, G_CONNECT_SWAPPED);

  return self;
}
