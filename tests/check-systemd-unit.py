#!/usr/bin/python3
# check-systemd-unit.py
#
# Copyright 2026 The Galley developers
# SPDX-License-Identifier: GPL-3.0-or-later

"""Checks galley-server's systemd unit: "systemd-analyze verify" finds
nothing to say about it (it exits 0 even for unknown keys or bad values, so
any output fails), and the hardening docs/server.md promises is there.

Usage: check-systemd-unit.py SYSTEMD-ANALYZE UNIT"""

import subprocess
import sys

systemd_analyze, unit = sys.argv[1:]

REQUIRED = {
    "ExecStart": None,
    "DynamicUser": "yes",
    "StateDirectory": "galley-server",
    "Restart": "on-failure",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "NoNewPrivileges": "yes",
    "ProtectKernelTunables": "yes",
    "ProtectKernelModules": "yes",
    "ProtectKernelLogs": "yes",
    "ProtectControlGroups": "yes",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "RestrictNamespaces": "yes",
    "LockPersonality": "yes",
    "MemoryDenyWriteExecute": "yes",
    "SystemCallArchitectures": "native",
    "CapabilityBoundingSet": "",
    "UMask": "0077",
}

result = subprocess.run([systemd_analyze, "verify", "--man=no", unit],
                        capture_output=True, text=True)
output = (result.stdout + result.stderr).strip()
if result.returncode != 0 or output:
    sys.exit(f"systemd-analyze verify {unit} (exit {result.returncode}):\n{output}")

service = {}
section = None
with open(unit, encoding="utf-8") as file:
    for line in file:
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]":
            key, _, value = line.partition("=")
            service[key.strip()] = value.strip()

for key, value in REQUIRED.items():
    if key not in service:
        sys.exit(f"{unit}: [Service] has no {key}=")
    if value is not None and service[key] != value:
        sys.exit(f"{unit}: {key}={service[key]}, expected {key}={value}")

exec_start = service["ExecStart"].split()
if exec_start[1:] != ["serve", "--db", "/var/lib/galley-server/galley.db", "--listen", "0.0.0.0:8423"]:
    sys.exit(f"{unit}: unexpected ExecStart={service['ExecStart']}")

print(f"{unit}: OK")
