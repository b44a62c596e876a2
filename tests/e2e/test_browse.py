#!/usr/bin/python3
"""End to end: a new user starts Galley, finds the bundled recipes, searches,
opens one and reads the timer buttons of its steps."""

import sys

import pyatspi

from galley_session import GalleySession, start_accessibility_bus, wait_for


def main(binary, schema_dir):
    bus = start_accessibility_bus()
    try:
        with GalleySession(binary, schema_dir) as galley:
            # The bundled recipes are there on first run, in title order.
            galley.wait_for_label("the bundled recipes in the list", "Apple and Blackberry Crumble")
            assert "Banana Bread" in galley.label_texts()
            print("ok - the bundled recipes are listed")

            # Ctrl+F, then type: the list narrows to the matches.
            galley.key("ctrl+f")
            galley.wait_for_node("the search entry to take the focus", role=pyatspi.ROLE_ENTRY,
                                 predicate=lambda n: n.getState().contains(pyatspi.STATE_FOCUSED))
            galley.type("focac")
            wait_for("the list to show only the focaccia",
                     lambda: "Rosemary Focaccia" in galley.label_texts()
                     and "Banana Bread" not in galley.label_texts())
            print("ok - searching narrows the list")

            # Enter opens the first match.
            galley.key("Return")
            heading = galley.wait_for_node("the recipe's steps",
                                           role=pyatspi.ROLE_PUSH_BUTTON,
                                           predicate=lambda n: n.name.startswith("Timer:"))
            assert heading is not None
            names = [n.name for n in galley.find_all(role=pyatspi.ROLE_PUSH_BUTTON)
                     if n.name.startswith("Timer:")]
            print("# timer buttons: " + "; ".join(names))
            assert "Timer: Cover and leave to rise, 1 hour 30 minutes, not started" in names, names
            assert any("45 minutes to 1 hour, not started" in n for n in names), names
            assert any("20 minutes to 25 minutes, not started" in n for n in names), names
            print("ok - the open recipe's steps have timer buttons naming their durations")

            # Escape clears the search and shows every recipe again.
            galley.key("ctrl+f")
            galley.key("Escape")
            wait_for("the whole list again", lambda: "Banana Bread" in galley.label_texts())
            print("ok - Escape clears the search")
    finally:
        bus.terminate()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
