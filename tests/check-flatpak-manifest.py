#!/usr/bin/python3
# check-flatpak-manifest.py
#
# Copyright 2026 The Galley developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID
#
# Guards the promises the Flatpak manifest makes: it builds this checkout (not
# some tarball), it runs the right command, and the sandbox only gets what the
# app uses. Files come in through the file chooser portal, so any static
# filesystem access is a regression.

import json
import os
import sys

BROAD_FILESYSTEMS = ("host", "host-os", "host-etc", "home")


def fail(message):
    print("not ok - " + message)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        print("usage: check-flatpak-manifest.py MANIFEST APP_ID", file=sys.stderr)
        sys.exit(2)

    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    app = manifest.get("id", manifest.get("app-id"))
    if app != app_id:
        fail(f"id is {app!r}, expected {app_id!r}")
    if manifest.get("command") != "galley":
        fail(f"command is {manifest.get('command')!r}, expected 'galley'")
    if manifest.get("runtime") != "org.gnome.Platform":
        fail(f"runtime is {manifest.get('runtime')!r}, expected org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        fail(f"sdk is {manifest.get('sdk')!r}, expected org.gnome.Sdk")

    modules = manifest.get("modules") or []
    if not modules:
        fail("the manifest has no modules")
    last = modules[-1]
    if not isinstance(last, dict):
        fail("the last module must be written inline, not included from a file")
    if last.get("buildsystem") != "meson":
        fail(f"the last module builds with {last.get('buildsystem')!r}, expected meson")

    # The app module must build the checkout the manifest lives in.
    manifest_dir = os.path.dirname(os.path.abspath(path))
    repo_root = os.path.dirname(manifest_dir)
    dirs = [s for s in last.get("sources", [])
            if isinstance(s, dict) and s.get("type") == "dir"]
    if not any(os.path.realpath(os.path.join(manifest_dir, s.get("path", "")))
               == os.path.realpath(repo_root) for s in dirs):
        fail("the last module does not build this repository (a 'dir' source pointing at '..')")
    if not os.path.isfile(os.path.join(repo_root, "meson.build")):
        fail(f"{repo_root} has no meson.build")

    args = manifest.get("finish-args") or []
    if "--share=network" not in args:
        fail("finish-args lacks --share=network (sync and web import need it)")
    for arg in args:
        if arg.startswith("--filesystem="):
            target = arg.split("=", 1)[1].split(":", 1)[0]
            if target in BROAD_FILESYSTEMS or target.startswith("~") or target.startswith("/"):
                fail(f"finish-args grants {arg}; files must come through the portal")
    for arg in ("--socket=wayland", "--socket=fallback-x11", "--share=ipc"):
        if arg not in args:
            fail(f"finish-args lacks {arg}")
    if "--socket=x11" in args:
        fail("--socket=x11 defeats --socket=fallback-x11 on Wayland")

    print("ok - flatpak manifest " + path)


if __name__ == "__main__":
    main()
