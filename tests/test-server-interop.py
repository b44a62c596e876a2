#!/usr/bin/python3
# test-server-interop.py
#
# Copyright 2026 The Galley developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Talks to the real galley-server with clients nobody here wrote (aiohttp
for HTTP, websockets for the stream), following only docs/protocol.md: two
devices join a kitchen, one imports a Cooklang recipe, drives its step timer
through start, pause and dismiss over its stream while the other device
watches the broadcasts on its own. If a stranger's client cannot do this from
the document, either the server or the document is wrong. Prints TAP.

Usage: test-server-interop.py [PATH-TO-galley-server]
(default: $GALLEY_SERVER)"""

import asyncio
import json
import os
import re
import signal
import sys
import tempfile
import time
import traceback
import uuid

import aiohttp
import websockets

SERVER = sys.argv[1] if len(sys.argv) > 1 else os.environ["GALLEY_SERVER"]
TIMEOUT = 10

RECIPE = """>> title: Strong tea
Steep the @tea bag{1} in @water{250%ml} for 4 minutes.
"""
TEA_MS = 4 * 60 * 1000

results = []


def check(name, condition, detail=""):
    results.append(condition)
    line = f"{'ok' if condition else 'not ok'} - {name}"
    print(line, flush=True)
    if not condition and detail:
        for text in str(detail).splitlines():
            print(f"# {text}", flush=True)
    return condition


def within(awaitable):
    return asyncio.wait_for(awaitable, TIMEOUT)


def now_ms():
    return int(time.time() * 1000)


class Hlc:
    """A device's change stamps as the protocol spells them:
    <physical ms, 15 digits>-<counter, 4 lowercase hex>-<device id>. The
    server runs on this machine, so the local clock is the server's."""

    def __init__(self, device):
        self.device = device
        self.physical = 0
        self.counter = 0

    def next(self):
        now = now_ms()
        if now > self.physical:
            self.physical, self.counter = now, 0
        else:
            self.counter += 1
        return f"{self.physical:015d}-{self.counter:04x}-{self.device}"


async def cli_json(*args, db):
    process = await asyncio.create_subprocess_exec(
        SERVER, *args, "--json", "--db", db,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await within(process.communicate())
    assert process.returncode == 0, f"{args}: exit {process.returncode}: {err.decode()}"
    return json.loads(out)


async def recv_json(ws):
    return json.loads(await within(ws.recv()))


async def send_json(ws, message):
    await within(ws.send(json.dumps(message)))


async def join(http, base, invite, name):
    async with await within(http.post(f"{base}/api/v1/join",
                                      json={"invite": invite, "device_name": name})) as response:
        body = await within(response.json())
        assert response.status == 201, f"join: {response.status} {body}"
        return body


def connect_stream(ws_base, token):
    return websockets.connect(f"{ws_base}/api/v1/stream",
                              extra_headers={"Authorization": f"Bearer {token}"},
                              open_timeout=TIMEOUT, close_timeout=TIMEOUT)


def make_op(hlc, timer_id, action, state, label):
    return {"type": "op", "op": str(uuid.uuid4()), "timer": timer_id, "action": action,
            "updated": hlc.next(), "state": state, "label": label, "detail": None}


async def scenario(kitchen, second, server_stdout):
    line = (await within(server_stdout.readline())).decode()
    match = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+))\n", line)
    if not check("serve says where it listens", match is not None and match.group(2) != "0", repr(line)):
        return
    base = match.group(1)
    ws_base = "ws" + base[len("http"):]

    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        async with await within(http.get(f"{base}/api/v1/health")) as response:
            health = await within(response.json())
            check("health answers without a token", response.status == 200 and health.get("status") == "ok",
                  (response.status, health))

        device_a = await join(http, base, kitchen["invite"], "Tablet")
        device_b = await join(http, base, second["invite"], "Phone")
        check("two devices join the same kitchen",
              device_a["kitchen"] == device_b["kitchen"] == kitchen["id"]
              and device_a["kitchen_name"] == "Home"
              and device_a["device"] != device_b["device"] and device_a["token"] != device_b["token"],
              (device_a["kitchen"], device_b["kitchen"]))

        async with await within(http.post(f"{base}/api/v1/join",
                                          json={"invite": kitchen["invite"], "device_name": "Again"})) as response:
            body = await within(response.json())
            check("an invite is used up", response.status == 403
                  and body.get("error", {}).get("code") == "invite_used", (response.status, body))

        auth_a = {"Authorization": f"Bearer {device_a['token']}"}
        async with await within(http.post(f"{base}/api/v1/recipes", data=RECIPE.encode(),
                                          headers={**auth_a, "Content-Type": "text/x-cooklang"})) as response:
            recipe = await within(response.json())
            location = response.headers.get("Location")
            status = response.status
        timers = [t for section in recipe.get("sections", []) for step in section["steps"] for t in step["timers"]]
        check("a Cooklang recipe is imported", status == 201 and recipe.get("title") == "Strong tea"
              and location == f"/api/v1/recipes/{recipe.get('id')}", (status, location, recipe))
        check("the imported recipe has its step timer",
              len(timers) == 1 and timers[0]["seconds"] == 240 and timers[0]["text"] == "4 minutes",
              timers)
        timer_id = f"{recipe['id']}/0.0.0"
        label = timers[0]["label"]

        # Asked with aiohttp: websockets, refused, waits for the server to
        # drop the kept-alive connection for up to its close_timeout.
        upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                   "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
        async with await within(http.get(f"{base}/api/v1/stream", headers=upgrade)) as response:
            body = await within(response.json())
            check("the stream refuses an upgrade without a token", response.status == 401
                  and body.get("error", {}).get("code") == "unauthorized", (response.status, body))

        async with connect_stream(ws_base, device_b["token"]) as stream_b, \
                   connect_stream(ws_base, device_a["token"]) as stream_a:
            check("the stream takes no extension although websockets offers permessage-deflate",
                  not stream_b.extensions, stream_b.extensions)

            await send_json(stream_b, {"type": "hello", "since": 0})
            changes = await recv_json(stream_b)
            check("hello since 0 gets changes with the recipe",
                  changes.get("type") == "changes" and isinstance(changes.get("rev"), int)
                  and [r["id"] for r in changes.get("recipes", [])] == [recipe["id"]]
                  and changes.get("deleted") == [] and changes.get("timers") == [], changes)

            await send_json(stream_a, {"type": "hello", "since": changes["rev"]})
            caught_up = await recv_json(stream_a)
            check("hello since the last rev gets empty changes",
                  caught_up.get("type") == "changes" and caught_up.get("rev") == changes["rev"]
                  and caught_up.get("recipes") == [] and caught_up.get("timers") == [], caught_up)

            hlc = Hlc(device_a["device"])
            ends_at = now_ms() + TEA_MS
            start = make_op(hlc, timer_id, "start",
                            {"status": "running", "duration_ms": TEA_MS, "ends_at": ends_at, "remaining_ms": None},
                            label)
            pause = make_op(hlc, timer_id, "pause",
                            {"status": "paused", "duration_ms": TEA_MS, "ends_at": None,
                             "remaining_ms": ends_at - now_ms()}, label)
            dismiss = make_op(hlc, timer_id, "dismiss",
                              {"status": "idle", "duration_ms": TEA_MS, "ends_at": None, "remaining_ms": None},
                              label)

            last_rev = changes["rev"]
            last_timer = None
            acks = []
            for op in (start, pause, dismiss):
                action = op["action"]
                await send_json(stream_a, op)
                ack = await recv_json(stream_a)
                acks.append(ack)
                timer = ack.get("timer", {})
                check(f"{action}: the sender gets an ack that applied it",
                      ack.get("type") == "ack" and ack.get("op") == op["op"] and ack.get("applied") is True
                      and isinstance(ack.get("rev"), int) and ack["rev"] > last_rev
                      and timer.get("id") == timer_id and timer.get("updated") == op["updated"]
                      and timer.get("status") == op["state"]["status"], ack)
                seen = await recv_json(stream_b)
                timer = seen.get("timer", {})
                check(f"{action}: the other device gets the timer, {op['state']['status']}",
                      seen.get("type") == "timer" and seen.get("rev") == ack.get("rev")
                      and seen.get("by") == device_a["device"] and timer.get("id") == timer_id
                      and timer.get("label") == label
                      and all(timer.get(key) == value for key, value in op["state"].items())
                      and timer.get("updated") == op["updated"], seen)
                last_rev = ack.get("rev", last_rev)
                last_timer = timer

            # The sender gets no broadcast of its own ops: the pong is the
            # next thing it reads.
            c0 = now_ms()
            await send_json(stream_a, {"type": "ping", "c0": c0})
            pong = await recv_json(stream_a)
            check("a ping gets a pong", pong.get("type") == "pong" and pong.get("c0") == c0
                  and isinstance(pong.get("s1"), int) and isinstance(pong.get("s2"), int)
                  and c0 - 1000 <= pong["s1"] <= pong["s2"] <= now_ms() + 1000, pong)

            # Neither an op sent again nor an op older than the timer's state
            # changes anything, so neither reaches the other device: its pong
            # comes first.
            await send_json(stream_a, start)
            again = await recv_json(stream_a)
            check("an op sent again gets the same ack as the first time", again == acks[0], (again, acks[0]))

            stale = make_op(hlc, timer_id, "resume",
                            {"status": "running", "duration_ms": TEA_MS, "ends_at": ends_at, "remaining_ms": None},
                            label)
            stale["updated"] = start["updated"]
            await send_json(stream_a, stale)
            refused = await recv_json(stream_a)
            check("an op older than the timer's state is not applied",
                  refused.get("type") == "ack" and refused.get("op") == stale["op"] and refused.get("applied") is False
                  and refused.get("timer") == last_timer, refused)

            c0 = now_ms()
            await send_json(stream_b, {"type": "ping", "c0": c0})
            pong = await recv_json(stream_b)
            check("the other device gets no broadcast of ops that changed nothing",
                  pong.get("type") == "pong" and pong.get("c0") == c0, pong)

        auth_b = {"Authorization": f"Bearer {device_b['token']}"}
        async with await within(http.get(f"{base}/api/v1/changes", params={"since": "0"},
                                         headers=auth_b)) as response:
            final = await within(response.json())
            status = response.status
        check("changes since 0 over HTTP show the timer dismissed",
              status == 200 and final.get("rev") == last_rev and final.get("timers") == [last_timer]
              and [r["id"] for r in final.get("recipes", [])] == [recipe["id"]], (status, final))


async def main():
    tmp = tempfile.TemporaryDirectory(prefix="galley-server-interop-")
    db = os.path.join(tmp.name, "galley.db")
    stderr = open(os.path.join(tmp.name, "serve.log"), "w+")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp.name, "data"), LC_ALL="C.UTF-8")

    server = None
    try:
        kitchen = await cli_json("kitchen", "add", "Home", db=db)
        second = await cli_json("kitchen", "invite", kitchen["id"], db=db)
        check("the command line makes two invites", kitchen["invite"] != second["invite"], (kitchen, second))

        server = await asyncio.create_subprocess_exec(
            SERVER, "serve", "--db", db, "--listen", "127.0.0.1:0",
            stdout=asyncio.subprocess.PIPE, stderr=stderr, env=env)
        await scenario(kitchen, second, server.stdout)
    except Exception:
        check("the scenario runs to its end", False, traceback.format_exc())
    finally:
        if server is not None and server.returncode is None:
            server.send_signal(signal.SIGTERM)
            try:
                code = await within(server.wait())
                check("serve stops cleanly on SIGTERM", code == 0, f"exit {code}")
            except asyncio.TimeoutError:
                server.kill()
                await server.wait()
                check("serve stops cleanly on SIGTERM", False, "still running after SIGTERM")
        stderr.seek(0)
        log = stderr.read()
        if log and not all(results):
            print("# serve's stderr:", flush=True)
            for text in log.splitlines():
                print(f"#   {text}", flush=True)
        stderr.close()
        tmp.cleanup()

    print(f"1..{len(results)}", flush=True)
    return 0 if results and all(results) else 1


sys.exit(asyncio.run(main()))
