#!/usr/bin/python3
"""Fails when a source file has translatable strings that po/POTFILES.in
does not list (they would never reach translators), or when POTFILES.in
lists a file that does not exist."""

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = {line.strip() for line in (root / "po" / "POTFILES.in").read_text().splitlines()
          if line.strip() and not line.startswith("#")}

marker = re.compile(r'\b_\(|\bngettext\s*\(|\bN_\(|\bC_\(|translatable="yes"')
needed = set()
for pattern in ("src/**/*.c", "src/**/*.ui"):
    for path in root.glob(pattern):
        if marker.search(path.read_text(encoding="utf-8")):
            needed.add(str(path.relative_to(root)))

missing = sorted(needed - listed)
stale = sorted(name for name in listed if not (root / name).exists())
for name in missing:
    print(f"not in po/POTFILES.in: {name}")
for name in stale:
    print(f"in po/POTFILES.in but missing: {name}")
sys.exit(1 if missing or stale else 0)
