#!/usr/bin/python3
"""End to end: `galley recipe.cook` imports the file into the library, says
so, and shows the recipe; a second start finds it still there, once."""

import os
import shutil
import sys
import tempfile

import pyatspi

from galley_session import GalleySession, start_accessibility_bus, wait_for

TITLE = "Importer untitled stew"


def main(binary, schema_dir, recipe):
    bus = start_accessibility_bus()
    home = tempfile.mkdtemp(prefix="galley-e2e-")
    try:
        with GalleySession(binary, schema_dir, data_home=home, args=[recipe]) as galley:
            galley.wait_for_node("the toast saying the file was imported",
                                 role=pyatspi.ROLE_LABEL, name=f"Imported “{TITLE}”")
            # Its timers were found by the detector: "simmer gently for 2 hours".
            galley.wait_for_node("the imported recipe's timer button",
                                 role=pyatspi.ROLE_PUSH_BUTTON,
                                 predicate=lambda n: n.name.endswith("2 hours, not started"))
            print("ok - a file given on the command line is imported and shown")

        with GalleySession(binary, schema_dir, data_home=home) as galley:
            galley.wait_for_label("the bundled recipes", "Banana Bread")
            galley.key("ctrl+f")
            galley.type("untitled")
            titles = wait_for("the imported recipe in the search results",
                              lambda: [t for t in galley.label_texts() if t == TITLE])
            assert len(titles) == 1, titles
            print("ok - the imported recipe is kept, once, across a restart")
    finally:
        bus.terminate()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3]))
