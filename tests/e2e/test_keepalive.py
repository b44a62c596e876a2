#!/usr/bin/python3
"""End to end: closing the window while a timer runs keeps Galley alive,
ringing; dismissing the last timer from its notification, with no window
open, lets Galley quit."""

import os
import sys

import pyatspi

from galley_session import GalleySession, start_accessibility_bus, wait_for
from notification_daemon import NotificationDaemon

WARM = "Timer: Warm the milk, 2 seconds"


def main(binary, schema_dir, recipe):
    bus = start_accessibility_bus()
    daemon = NotificationDaemon().start()
    try:
        with GalleySession(binary, schema_dir, args=[recipe],
                           extra_env={"GNOTIFICATION_BACKEND": "freedesktop"}) as galley:
            def warm():
                return galley.wait_for_node("the milk timer", role=pyatspi.ROLE_PUSH_BUTTON,
                                            predicate=lambda n: n.name.startswith(WARM))

            warm().queryAction().doAction(0)
            wait_for("the timer to run", lambda: ", running" in warm().name)
            galley.key("ctrl+w")

            notes = wait_for("the notification", daemon.notifications, timeout=15)
            assert galley.process.poll() is None, "Galley quit with a timer ringing"
            print("ok - with the window closed, Galley stays to ring")

            daemon.invoke_action(1, notes[0]["actions"]["Dismiss"])
            wait_for("Galley to quit", lambda: galley.process.poll() is not None, timeout=15)
            assert galley.process.returncode == 0, galley.process.returncode
            print("ok - dismissing the last timer from its notification lets Galley quit")
    finally:
        daemon.stop()
        bus.terminate()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3]))
