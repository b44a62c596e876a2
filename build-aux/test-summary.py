#!/usr/bin/python3
"""Prints "N passed, N failed, N skipped" for the meson test logs given.

A log that is missing counts as one failure: the run that should have
written it did not get as far as its tests (a failed install or build)."""

import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        log = open(path, encoding="utf-8")
    except FileNotFoundError:
        failed += 1
        continue
    with log:
        for line in log:
            result = json.loads(line)["result"]
            if result in PASSED:
                passed += 1
            elif result in SKIPPED:
                skipped += 1
            else:
                failed += 1

print(f"{passed} passed, {failed} failed, {skipped} skipped")
