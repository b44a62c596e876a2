#!/usr/bin/python3
# bench-startup.py
#
# Copyright 2026 The Galley developers
# SPDX-License-Identifier: GPL-3.0-or-later

"""Start-up benchmark: Galley with a 10,000-recipe library against an empty
AdwApplicationWindow (tests/bench/empty-window.c), measured in the same run.

Start-up is the time from just before the program is spawned to its first
painted frame, which both programs report (GALLEY_BENCH_FIRST_FRAME=1) as
g_get_monotonic_time(), the same clock as time.CLOCK_MONOTONIC here. They
also report their resident memory at that frame.

Needs a display and a session bus, both started outside the measurement:

    xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \\
        /usr/bin/python3 tests/bench/bench-startup.py --build-dir _build-bench

Prints Markdown for docs/benchmarks.md. tests/bench/run-benchmarks does all
of this.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RATIO_TARGET = 1.3
RSS_TARGET_MB = 40.0
RUN_TIMEOUT_S = 120


def monotonic_us():
    return time.clock_gettime(time.CLOCK_MONOTONIC) * 1e6


class Program:
    def __init__(self, name, argv, data_home):
        self.name = name
        self.argv = argv
        self.data_home = data_home
        self.startup_ms = []
        self.rss_kb = []


def run_once(program, base_env, scratch):
    """Runs @program until its first frame; returns (start-up ms, RSS kB)."""
    run_dir = tempfile.mkdtemp(prefix="run-", dir=scratch)
    env = dict(base_env)
    env["XDG_DATA_HOME"] = program.data_home
    env["XDG_CONFIG_HOME"] = os.path.join(run_dir, "config")
    env["XDG_CACHE_HOME"] = os.path.join(run_dir, "cache")
    os.mkdir(env["XDG_CONFIG_HOME"])
    os.mkdir(env["XDG_CACHE_HOME"])

    try:
        spawn_us = monotonic_us()
        proc = subprocess.Popen(program.argv, env=env, stdout=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, text=True)
        try:
            out, _ = proc.communicate(timeout=RUN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            sys.exit(f"{program.name} showed no frame within {RUN_TIMEOUT_S} s")
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)

    values = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in ("first-frame-monotonic-us", "rss-kb"):
            values[key] = int(value)
    if proc.returncode != 0 or len(values) != 2:
        sys.exit(f"{program.name} exited with status {proc.returncode} "
                 f"without reporting its first frame; its output:\n{out}")

    return (values["first-frame-monotonic-us"] - spawn_us) / 1000.0, values["rss-kb"]


def count_instructions(program, base_env, scratch):
    """Instructions executed up to the first frame, counted by callgrind:
    the same count whatever else the machine is doing, so the ratio of two
    counts does not move with the load the way times do."""
    out_file = os.path.join(scratch, "callgrind.out")
    run_dir = tempfile.mkdtemp(prefix="cg-", dir=scratch)
    env = dict(base_env)
    env["XDG_DATA_HOME"] = program.data_home
    env["XDG_CONFIG_HOME"] = os.path.join(run_dir, "config")
    env["XDG_CACHE_HOME"] = os.path.join(run_dir, "cache")
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}"]
                            + program.argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, timeout=10 * RUN_TIMEOUT_S)
    shutil.rmtree(run_dir, ignore_errors=True)
    for line in result.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1])
    sys.exit(f"callgrind counted nothing for {program.name}:\n{result.stderr}")


def fill_library(bench_library, data_home, n_recipes):
    galley_dir = os.path.join(data_home, "galley")
    os.makedirs(galley_dir)
    result = subprocess.run([bench_library, "--fill-library",
                             os.path.join(galley_dir, "library.db"),
                             "--recipes", str(n_recipes)],
                            stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("bench-library --fill-library failed")
    return result.stdout.strip()


def mb(kb):
    """kB as reported by /proc (KiB) to MB (10^6 bytes)."""
    return kb * 1024 / 1e6


def main():
    source_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default=os.path.join(source_root, "_build-bench"),
                        help="a configured and built (release) build directory")
    parser.add_argument("--rounds", type=int, default=15,
                        help="timed runs of each program (default 15)")
    parser.add_argument("--recipes", type=int, default=10000,
                        help="recipes in Galley's library (default 10000)")
    parser.add_argument("--no-instructions", action="store_true",
                        help="skip counting instructions with callgrind")
    args = parser.parse_args()

    if args.rounds < 1 or args.recipes < 1:
        parser.error("--rounds and --recipes must be at least 1")
    if "DISPLAY" not in os.environ and "WAYLAND_DISPLAY" not in os.environ:
        sys.exit("No display: run under xvfb-run (see tests/bench/run-benchmarks)")
    if "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        sys.exit("No session bus: run under dbus-run-session (see tests/bench/run-benchmarks)")

    build_dir = os.path.abspath(args.build_dir)
    galley = os.path.join(build_dir, "src", "app", "galley")
    baseline = os.path.join(build_dir, "tests", "bench", "empty-window")
    bench_library = os.path.join(build_dir, "tests", "bench", "bench-library")
    for path in (galley, baseline, bench_library):
        if not os.access(path, os.X_OK):
            sys.exit(f"{path} is missing: build {build_dir} first")

    base_env = dict(os.environ)
    base_env.update({
        "GALLEY_BENCH_FIRST_FRAME": "1",
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(build_dir, "data"),
        "GSK_RENDERER": "cairo",
    })

    with tempfile.TemporaryDirectory(prefix="galley-bench-startup-") as scratch:
        galley_data = os.path.join(scratch, "galley-data")
        baseline_data = os.path.join(scratch, "baseline-data")
        os.mkdir(baseline_data)
        print(fill_library(bench_library, galley_data, args.recipes), file=sys.stderr)

        programs = [
            Program("Empty AdwApplicationWindow (baseline)", [baseline], baseline_data),
            Program(f"Galley, {args.recipes:,} recipes", [galley], galley_data),
        ]

        # Untimed: brings both programs and their libraries into the page
        # cache, and lets Galley add its bundled recipes to the library,
        # which it does only on its first start.
        for program in programs:
            run_once(program, base_env, scratch)

        # Alternate which program goes first, so that neither always runs
        # right after the other (or always first in a round).
        for round_ in range(args.rounds):
            order = programs if round_ % 2 == 0 else programs[::-1]
            for program in order:
                startup_ms, rss_kb = run_once(program, base_env, scratch)
                program.startup_ms.append(startup_ms)
                program.rss_kb.append(rss_kb)

        instructions = None
        if not args.no_instructions and shutil.which("valgrind"):
            instructions = [count_instructions(program, base_env, scratch) for program in programs]

    base, app = programs
    ratio = statistics.median(app.startup_ms) / statistics.median(base.startup_ms)
    paired = statistics.median(a / b for a, b in zip(app.startup_ms, base.startup_ms))
    rss_diff = mb(statistics.median(app.rss_kb) - statistics.median(base.rss_kb))

    print("## Start-up benchmark\n")
    print(f"Time from spawning the program to its first painted frame (GdkFrameClock "
          f"\"after-paint\"): {args.rounds} rounds, each running both programs, which "
          f"one goes first alternating, after one untimed warm-up run of each. "
          f"GSK_RENDERER=cairo, GSettings memory backend, a fresh XDG_CONFIG_HOME and "
          f"XDG_CACHE_HOME for every run. Galley's library: {args.recipes:,} generated "
          f"recipes (`bench-library --fill-library`) plus the bundled recipes. RSS is "
          f"VmRSS at the first frame, in MB (10^6 bytes).\n")
    print("| program | runs | median (ms) | min (ms) | max (ms) | median RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for program in programs:
        print(f"| {program.name} | {len(program.startup_ms)} "
              f"| {statistics.median(program.startup_ms):.1f} "
              f"| {min(program.startup_ms):.1f} | {max(program.startup_ms):.1f} "
              f"| {mb(statistics.median(program.rss_kb)):.1f} |")
    print()
    print(f"Start-up, ratio of the medians Galley / baseline: **{ratio:.2f}** "
          f"(target ≤ {RATIO_TARGET}: {'met' if ratio <= RATIO_TARGET else 'MISSED'}); "
          f"median of the per-round ratios: {paired:.2f}.  ")
    print(f"Resident memory, Galley − baseline: **{rss_diff:+.1f} MB** "
          f"(target ≤ {RSS_TARGET_MB:.0f} MB: {'met' if rss_diff <= RSS_TARGET_MB else 'MISSED'}).")
    if instructions:
        print()
        print(f"Instructions to the first frame (valgrind callgrind, one run each): "
              f"baseline {instructions[0]:,}, Galley {instructions[1]:,}; "
              f"ratio **{instructions[1] / instructions[0]:.2f}**.")


if __name__ == "__main__":
    main()
