#!/usr/bin/python3
"""End to end: timers in the real galley binary, as a user and a screen
reader meet them. A seconds-long step timer counts down, finishes and sends
one desktop notification with the right words and buttons; "+1 minute" from
the notification starts it again and withdraws the notification; a timer
dismissed in the app withdraws its notification; a 45-minute timer is still
running, with the right time left, after Galley is closed and started again."""

import os
import re
import shutil
import sys
import tempfile
import time

import pyatspi

from galley_session import GalleySession, start_accessibility_bus, wait_for
from notification_daemon import NotificationDaemon

STEEP = "Timer: Steep the tea bag, 3 seconds"
WARM = "Timer: Warm the milk, 2 seconds"
COOL = "Timer: Leave the pot to cool, 45 minutes"


def timer_button(galley, prefix):
    return galley.wait_for_node(f"the button “{prefix}…”", role=pyatspi.ROLE_PUSH_BUTTON,
                                predicate=lambda n: n.name.startswith(prefix + ","))


def state_of(galley, prefix):
    return timer_button(galley, prefix).name[len(prefix) + 2:]


def press(node):
    node.queryAction().doAction(0)


def main(binary, schema_dir, recipe):
    bus = start_accessibility_bus()
    daemon = NotificationDaemon().start()
    home = tempfile.mkdtemp(prefix="galley-e2e-")
    env = {"GNOTIFICATION_BACKEND": "freedesktop"}
    try:
        with GalleySession(binary, schema_dir, data_home=home, args=[recipe], extra_env=env) as galley:
            assert state_of(galley, STEEP) == "not started", state_of(galley, STEEP)

            # Start it: the countdown runs.
            galley.key("Escape")  # gives the window the focus
            press(timer_button(galley, STEEP))
            first = wait_for("the timer to run", lambda: re.fullmatch(
                r"running, \d seconds? left", state_of(galley, STEEP)) and state_of(galley, STEEP))
            wait_for("the countdown to change", lambda: state_of(galley, STEEP) not in (first, "not started"))
            print(f"ok - a step timer starts and counts down ({first})")

            # With the window in front, a banner says it rings, not a notification.
            wait_for("the timer to ring", lambda: state_of(galley, STEEP) == "done, ringing", timeout=15)
            galley.wait_for_label("the ringing banner", "Steep the tea bag is done")
            time.sleep(1)
            assert daemon.notifications() == [], daemon.notifications()
            press(galley.wait_for_node("the banner's Dismiss button", role=pyatspi.ROLE_PUSH_BUTTON,
                                       name="Dismiss"))
            wait_for("the timer to stop ringing", lambda: state_of(galley, STEEP) == "not started")
            print("ok - with the window focused, a ringing timer shows a banner and no notification")

            # Two timers, and the window closed while they run: Galley stays
            # and each timer sends one notification.
            press(timer_button(galley, STEEP))
            press(timer_button(galley, WARM))
            wait_for("both timers to run", lambda: state_of(galley, STEEP).startswith("running")
                     and state_of(galley, WARM).startswith("running"))
            galley.key("ctrl+w")
            notes = wait_for("two notifications", lambda: len(daemon.notifications()) >= 2
                             and daemon.notifications(), timeout=15)
            time.sleep(1.5)
            notes = daemon.notifications()
            assert galley.process.poll() is None, "Galley quit with timers running"
            assert len(notes) == 2, notes
            by_summary = {n["summary"]: (i + 1, n) for i, n in enumerate(notes)}
            steep_id, steep = by_summary["Steep the tea bag is done"]
            warm_id, warm = by_summary["Warm the milk is done"]
            assert steep["body"] == "Quick Test Tea · step 1", steep
            assert warm["body"] == "Quick Test Tea · step 2", warm
            assert sorted(steep["actions"]) == ["+1 minute", "Dismiss"], steep
            assert steep["has_default"], steep
            print("ok - closing the window keeps Galley ringing; each finished timer sends exactly one "
                  "notification with its title, body and buttons")

            # "+1 minute" on the notification, with the window still closed: a
            # minute more, and the notification is gone.
            daemon.invoke_action(steep_id, steep["actions"]["+1 minute"])
            wait_for("its notification to be withdrawn", lambda: steep_id in daemon.closed_ids())

            # Starting Galley again shows its window again, with both timers.
            galley.activate_again()
            state = wait_for("the steeping timer, running again", lambda: re.fullmatch(
                r"running, (1 minute|\d\d seconds) left", state_of(galley, STEEP)) and state_of(galley, STEEP))
            print(f"ok - +1 minute from the notification restarts the timer ({state}) "
                  "and withdraws the notification")

            # Dismissing the other timer in the app withdraws its notification.
            assert warm_id not in daemon.closed_ids()
            press(timer_button(galley, WARM))
            wait_for("the milk timer to stop", lambda: state_of(galley, WARM) == "not started")
            wait_for("its notification to be withdrawn", lambda: warm_id in daemon.closed_ids())
            print("ok - dismissing a ringing timer in the app withdraws its notification")

            press(galley.wait_for_node("the steeping timer's Reset button", role=pyatspi.ROLE_PUSH_BUTTON,
                                       name="Reset: Steep the tea bag, 3 seconds"))
            wait_for("the reset", lambda: state_of(galley, STEEP) == "not started")

            # A click on the notification itself, with the window closed and
            # another recipe open, shows the timer's recipe again.
            press(timer_button(galley, WARM))
            wait_for("the milk timer to run", lambda: state_of(galley, WARM).startswith("running"))
            before = len(daemon.notifications())
            galley.key("ctrl+f")
            galley.type("banana")
            galley.key("Return")
            wait_for("another recipe in the window", lambda: not galley.find_all(
                role=pyatspi.ROLE_PUSH_BUTTON, predicate=lambda n: n.name.startswith(WARM)))
            galley.key("ctrl+w")
            wait_for("the milk timer's notification", lambda: len(daemon.notifications()) > before)
            daemon.invoke_action(before + 1, "default")
            wait_for("the timer's recipe, open again", lambda: state_of(galley, WARM) == "done, ringing")
            press(timer_button(galley, WARM))
            wait_for("the milk timer to stop", lambda: state_of(galley, WARM) == "not started")
            print("ok - a click on the notification shows the timer's recipe again")

            # A long timer, then Galley is closed.
            press(timer_button(galley, COOL))
            wait_for("the long timer to run", lambda: state_of(galley, COOL).startswith("running"))
            time.sleep(1)

        with GalleySession(binary, schema_dir, data_home=home, extra_env=env) as galley:
            galley.key("ctrl+f")
            galley.type("quick test")
            galley.key("Return")
            state = wait_for("the long timer after the restart", lambda: state_of(galley, COOL))
            assert re.fullmatch(r"running, 4[45] minutes left", state), state
            indicator = galley.wait_for_node("the header's timers indicator", role=pyatspi.ROLE_PUSH_BUTTON,
                                             predicate=lambda n: n.name.startswith("Timers: 1 running"))
            print(f"ok - a running timer survives a restart ({state}; “{indicator.name}”)")
    finally:
        daemon.stop()
        bus.terminate()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3]))
