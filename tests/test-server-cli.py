#!/usr/bin/python3
# test-server-cli.py
#
# Copyright 2026 The Galley developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the real galley-server binary as an admin would: every command,
with --json, checking what it prints and its exit status (0 done, 1
failed, 2 wrong usage). Prints TAP.

Usage: test-server-cli.py PATH-TO-galley-server"""

import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import uuid

SERVER = sys.argv[1]
DATA = pathlib.Path(__file__).resolve().parent / "data"
DAY_MS = 24 * 60 * 60 * 1000

tmp = tempfile.TemporaryDirectory(prefix="galley-server-cli-")
ENV = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp.name, "data"), LC_ALL="C.UTF-8")
DB = os.path.join(tmp.name, "admin", "galley.db")


def run(*args, db=DB, env=ENV):
    command = [SERVER, *args]
    if db is not None:
        command += ["--db", db]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def run_json(*args, db=DB):
    result = run(*args, "--json", db=db)
    assert result.returncode == 0, f"{args}: exit {result.returncode}: {result.stderr}"
    return json.loads(result.stdout)


def assert_usage_error(*args, db=DB):
    result = run(*args, db=db)
    assert result.returncode == 2, f"{args}: exit {result.returncode}, expected 2"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("galley-server"), f"{args}: stderr {result.stderr!r}"
    assert result.stdout == "", f"{args}: stdout {result.stdout!r}"


def assert_failure(result, words):
    assert result.returncode == 1, f"exit {result.returncode}, expected 1: {result.stderr}"
    assert words in result.stderr, f"{words!r} not in {result.stderr!r}"


def now_ms():
    return int(time.time() * 1000)


def new_kitchen(name):
    return run_json("kitchen", "add", name)


# A device that joined through the HTTP API, which is not part of the
# command line: the same row the store writes.
def add_device(kitchen_id, name):
    device_id = str(uuid.uuid4())
    with sqlite3.connect(DB) as db:
        db.execute("INSERT INTO devices (id, kitchen, name, token_hash, created) VALUES (?, ?, ?, ?, ?)",
                   (device_id, kitchen_id, name, uuid.uuid4().hex, now_ms()))
    db.close()
    return device_id


def test_help():
    result = run("--help", db=None)
    assert result.returncode == 0, result.stderr
    for words in ("kitchen add NAME", "kitchen invite KITCHEN", "kitchen list", "device list KITCHEN",
                  "device revoke DEVICE", "import --kitchen KITCHEN FILE", "backup PATH", "--db", "--json"):
        assert words in result.stdout, f"{words!r} not in --help"

    for command in (["kitchen", "add"], ["kitchen", "invite"], ["kitchen", "list"], ["device", "list"],
                    ["device", "revoke"], ["import"], ["backup"]):
        result = run(*command, "--help", db=None)
        assert result.returncode == 0, f"{command}: {result.stderr}"
        assert f"galley-server {' '.join(command)}" in result.stdout, result.stdout
        assert "--db=PATH" in result.stdout and "--json" in result.stdout, result.stdout
    assert "--expires=DAYS" in run("kitchen", "invite", "--help", db=None).stdout
    assert "--kitchen=KITCHEN" in run("import", "--help", db=None).stdout

    for group in ("kitchen", "device"):
        result = run(group, "--help", db=None)
        assert result.returncode == 0 and f"{group} list" in result.stdout, result


def test_usage_errors():
    assert_usage_error(db=None)
    assert_usage_error("frobnicate")
    assert_usage_error("kitchen")
    assert_usage_error("kitchen", "frobnicate")
    assert_usage_error("kitchen", "add")
    assert_usage_error("kitchen", "add", "One", "Two")
    assert_usage_error("kitchen", "add", "--bogus", "One")
    assert_usage_error("kitchen", "invite")
    assert_usage_error("kitchen", "invite", "some-id", "--expires", "0")
    assert_usage_error("kitchen", "invite", "some-id", "--expires", "many")
    assert_usage_error("kitchen", "list", "extra")
    assert_usage_error("device", "list")
    assert_usage_error("device", "revoke")
    assert_usage_error("import", str(DATA / "cooklang-full.cook"))
    assert_usage_error("import", "--kitchen", "some-id")
    assert_usage_error("backup")
    # Nothing was created by any of them.
    assert not os.path.exists(DB)


def test_no_database():
    missing = os.path.join(tmp.name, "nowhere", "galley.db")
    for command in (["kitchen", "list"], ["kitchen", "invite", "k"], ["device", "list", "k"],
                    ["device", "revoke", "d"], ["backup", os.path.join(tmp.name, "b.db")]):
        assert_failure(run(*command, "--json", db=missing), "There is no database")
    assert not os.path.exists(missing)


def test_kitchen_add_and_list():
    before = now_ms()
    kitchen = new_kitchen("Our kitchen")
    assert uuid.UUID(kitchen["id"])
    assert kitchen["name"] == "Our kitchen"
    code = kitchen["invite"]
    assert len(code) == 19 and code.count("-") == 3, code
    assert before + 7 * DAY_MS <= kitchen["invite_expires_at"] <= now_ms() + 7 * DAY_MS
    assert os.stat(DB).st_mode & 0o777 == 0o600

    # The text form says the same for people.
    result = run("kitchen", "add", "Second kitchen")
    assert result.returncode == 0, result.stderr
    assert "Second kitchen" in result.stdout and "Invite code:" in result.stdout, result.stdout

    kitchens = run_json("kitchen", "list")
    by_name = {k["name"]: k for k in kitchens}
    assert set(by_name) >= {"Our kitchen", "Second kitchen"}, kitchens
    ours = by_name["Our kitchen"]
    assert ours["id"] == kitchen["id"]
    assert (ours["devices"], ours["recipes"], ours["rev"]) == (0, 0, 0), ours

    assert_failure(run("kitchen", "add", "   "), "kitchen name")


def test_default_database():
    kitchen = run_json("kitchen", "add", "Default place", db=None)
    default = os.path.join(ENV["XDG_DATA_HOME"], "galley-server", "galley.db")
    assert os.path.exists(default)
    assert [k["id"] for k in run_json("kitchen", "list", db=None)] == [kitchen["id"]]


def test_kitchen_invite():
    kitchen = new_kitchen("Invites")
    before = now_ms()
    invite = run_json("kitchen", "invite", kitchen["id"], "--expires", "3")
    assert invite["kitchen"] == kitchen["id"]
    assert invite["invite"] != kitchen["invite"]
    assert before + 3 * DAY_MS <= invite["expires_at"] <= now_ms() + 3 * DAY_MS

    default = run_json("kitchen", "invite", kitchen["id"])
    assert default["expires_at"] >= before + 7 * DAY_MS

    # Only the hash is stored.
    with sqlite3.connect(DB) as db:
        stored = [row[0] for row in db.execute("SELECT code_hash FROM invites")]
    db.close()
    assert invite["invite"] not in stored and len(stored) >= 3

    assert_failure(run("kitchen", "invite", str(uuid.uuid4()), "--json"), "no kitchen")


def test_devices():
    kitchen = new_kitchen("Devices")
    other = new_kitchen("Other devices")
    assert run_json("device", "list", kitchen["id"]) == []

    laptop = add_device(kitchen["id"], "Laptop")
    phone = add_device(kitchen["id"], "Phone")
    add_device(other["id"], "Someone else's phone")

    devices = run_json("device", "list", kitchen["id"])
    assert sorted(d["name"] for d in devices) == ["Laptop", "Phone"], devices
    assert all(d["revoked_at"] is None and d["kitchen"] == kitchen["id"] for d in devices), devices

    before = now_ms()
    revoked = run_json("device", "revoke", phone)
    assert revoked["id"] == phone and revoked["name"] == "Phone"
    assert before <= revoked["revoked_at"] <= now_ms()

    devices = {d["id"]: d for d in run_json("device", "list", kitchen["id"])}
    assert devices[phone]["revoked_at"] == revoked["revoked_at"]
    assert devices[laptop]["revoked_at"] is None
    listed = {k["id"]: k for k in run_json("kitchen", "list")}
    assert listed[kitchen["id"]]["devices"] == 1

    assert_failure(run("device", "revoke", str(uuid.uuid4()), "--json"), "no device")
    assert_failure(run("device", "list", str(uuid.uuid4()), "--json"), "no kitchen")


def test_import():
    kitchen = new_kitchen("Imports")
    other = new_kitchen("Not this one")
    cooklang = str(DATA / "cooklang-full.cook")
    jsonld = str(DATA / "jsonld-plain.json")

    result = run_json("import", "--kitchen", kitchen["id"], cooklang, jsonld)
    assert result["kitchen"] == kitchen["id"]
    assert result["failed"] == [], result
    titles = {os.path.basename(r["file"]): r["title"] for r in result["imported"]}
    assert titles == {"cooklang-full.cook": "Shakshuka for Friends",
                      "jsonld-plain.json": "Grandma's Apple & Pear Crumble"}, titles
    assert sorted(r["rev"] for r in result["imported"]) == [1, 2]
    assert all(uuid.UUID(r["id"]) for r in result["imported"])

    listed = {k["id"]: k for k in run_json("kitchen", "list")}
    assert (listed[kitchen["id"]]["recipes"], listed[kitchen["id"]]["rev"]) == (2, 2)
    assert listed[other["id"]]["recipes"] == 0

    # Stored as recipe JSON in that kitchen, with what the files said.
    with sqlite3.connect(DB) as db:
        rows = db.execute("SELECT json FROM recipes WHERE kitchen = ?", (kitchen["id"],)).fetchall()
    db.close()
    recipes = {r["title"]: r for r in (json.loads(row[0]) for row in rows)}
    shakshuka = recipes["Shakshuka for Friends"]
    assert shakshuka["servings"] == 4 and "breakfast" in shakshuka["tags"], shakshuka
    assert any(step["timers"] for section in shakshuka["sections"] for step in section["steps"])
    assert recipes["Grandma's Apple & Pear Crumble"]["cook_time_s"] == 45 * 60

    # A file that is no recipe fails alone; the others are imported.
    junk = os.path.join(tmp.name, "broken.json")
    pathlib.Path(junk).write_text('{"@type": "Recipe", "name": ')
    result = run("import", "--kitchen", kitchen["id"], "--json", junk, cooklang)
    assert result.returncode == 1, result
    report = json.loads(result.stdout)
    assert [f["file"] for f in report["failed"]] == [junk] and report["failed"][0]["error"], report
    assert [r["title"] for r in report["imported"]] == ["Shakshuka for Friends"], report
    assert "broken.json" in result.stderr

    assert_failure(run("import", "--kitchen", str(uuid.uuid4()), cooklang), "no kitchen")


def test_backup():
    kitchen = new_kitchen("Backed up")
    run_json("import", "--kitchen", kitchen["id"], str(DATA / "cooklang-full.cook"))
    path = os.path.join(tmp.name, "backups", "galley-backup.db")
    os.makedirs(os.path.dirname(path))

    result = run_json("backup", path)
    assert result["backup"] == path and result["bytes"] == os.path.getsize(path) > 0, result

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {row[0] for row in db.execute("SELECT name FROM kitchens")}
        recipes = db.execute("SELECT count(*) FROM recipes WHERE kitchen = ?", (kitchen["id"],)).fetchone()[0]
    db.close()
    assert "Backed up" in names and recipes == 1

    # The backup is a database the command line (and the server) can use.
    assert kitchen["id"] in {k["id"] for k in run_json("kitchen", "list", db=path)}

    assert_failure(run("backup", DB), "database itself")
    assert_failure(run("backup", os.path.join(tmp.name, "no", "such", "dir", "b.db")), "does not exist")


TESTS = [
    test_help,
    test_usage_errors,
    test_no_database,
    test_kitchen_add_and_list,
    test_default_database,
    test_kitchen_invite,
    test_devices,
    test_import,
    test_backup,
]


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, test in enumerate(TESTS, 1):
        try:
            test()
        except Exception:
            failed += 1
            print(f"not ok {number} {test.__name__}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
        else:
            print(f"ok {number} {test.__name__}")
    tmp.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
