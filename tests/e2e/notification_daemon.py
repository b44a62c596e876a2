"""A notification daemon on the session bus that records what it is asked:
python3-dbusmock's notification_daemon template, read back with GetCalls."""

import json
import subprocess
import time

from gi.repository import Gio, GLib

BUS_NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class NotificationDaemon:
    def __init__(self):
        self.process = None
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def start(self):
        parameters = json.dumps({"capabilities": "body actions persistence"})
        self.process = subprocess.Popen(
            ["/usr/bin/python3", "-m", "dbusmock", "--template", "notification_daemon",
             "-p", parameters],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self._has_owner():
                return self
            time.sleep(0.1)
        raise AssertionError("the mock notification daemon did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)

    def _has_owner(self):
        reply = self.bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                   "org.freedesktop.DBus", "NameHasOwner",
                                   GLib.Variant("(s)", (BUS_NAME,)), None,
                                   Gio.DBusCallFlags.NONE, -1, None)
        return reply.unpack()[0]

    def calls(self, method=None):
        """(method, args) of every call the daemon received, oldest first."""
        reply = self.bus.call_sync(BUS_NAME, PATH, "org.freedesktop.DBus.Mock", "GetCalls",
                                   None, None, Gio.DBusCallFlags.NONE, -1, None)
        calls = [(name, args) for _, name, args in reply.unpack()[0]]
        return [c for c in calls if method is None or c[0] == method]

    def notifications(self):
        """Every Notify call as a dict, oldest first."""
        result = []
        for _, args in self.calls("Notify"):
            app_name, replaces_id, icon, summary, body, actions, hints, timeout = args
            # Actions come as [key, label, key, label, ...]; "default" is
            # the click on the notification itself, not a button.
            buttons = {label: key for key, label in zip(actions[0::2], actions[1::2])
                       if key != "default"}
            result.append({"summary": summary, "body": body, "replaces_id": replaces_id,
                           "actions": buttons, "has_default": "default" in actions[0::2]})
        return result

    def closed_ids(self):
        return [args[0] for _, args in self.calls("CloseNotification")]

    def invoke_action(self, notification_id, action_key):
        """What a click on a notification's button does: the daemon emits
        ActionInvoked."""
        self.bus.call_sync(BUS_NAME, PATH, "org.freedesktop.DBus.Mock", "EmitSignal",
                           GLib.Variant("(sssav)", (
                               "org.freedesktop.Notifications", "ActionInvoked", "us",
                               [GLib.Variant("u", notification_id), GLib.Variant("s", action_key)])),
                           None, Gio.DBusCallFlags.NONE, -1, None)
