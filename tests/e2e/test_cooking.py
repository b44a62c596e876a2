#!/usr/bin/python3
"""End to end: cooking mode, from the keyboard: Ctrl+Enter opens it at the
first step, the arrow keys move between steps, Space starts the step's
timer, Escape goes back to the recipe."""

import os
import sys

import pyatspi

from galley_session import GalleySession, start_accessibility_bus, wait_for


def main(binary, schema_dir, recipe):
    bus = start_accessibility_bus()
    try:
        with GalleySession(binary, schema_dir, args=[recipe]) as galley:
            galley.wait_for_node("the recipe", role=pyatspi.ROLE_PUSH_BUTTON,
                                 predicate=lambda n: n.name.startswith("Timer: Warm the milk"))
            galley.key("ctrl+Return")
            galley.wait_for_label("cooking mode at the first step", "Step 1 of 3")

            galley.key("Right")
            galley.wait_for_label("the second step", "Step 2 of 3")
            galley.key("Right")
            galley.key("Left")
            galley.wait_for_label("back at the second step", "Step 2 of 3")
            print("ok - cooking mode opens at the first step and the arrow keys move between steps")

            galley.key("space")
            wait_for("the step's timer to run", lambda: galley.find_all(
                role=pyatspi.ROLE_PUSH_BUTTON,
                predicate=lambda n: n.name.startswith("Timer: Warm the milk, 2 seconds, running")))
            print("ok - Space starts the step's timer")

            galley.key("Escape")
            wait_for("the recipe page again", lambda: not galley.find_all(
                role=pyatspi.ROLE_LABEL, predicate=lambda n: n.name.startswith("Step 2 of 3")))
            galley.wait_for_node("the Cook button", role=pyatspi.ROLE_PUSH_BUTTON, name="Cook")
            print("ok - Escape leaves cooking mode")
    finally:
        bus.terminate()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3]))
