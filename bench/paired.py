#!/usr/bin/env python3
"""Paired timing: run several commands in turn, ROUNDS times, and report each one's median
wall time, peak memory and its ratio to the first command (median of the per-round ratios).

Usage: python3 bench/paired.py [--markdown] ROUNDS NAME=COMMAND [NAME=COMMAND ...]
(--markdown: print the table in Markdown, ready to paste into the docs)

On a shared or loaded machine absolute times drift with the load; commands run back to back
in the same round see about the same load, so the per-round ratio is the steadier figure.
Peak memory (max RSS) does not depend on the load.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(command):
    """Wall time (s) and peak memory (MiB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed ({status}): {command}")
    return wall, usage.ru_maxrss / 1024


def main():
    args = sys.argv[1:]
    markdown = args[:1] == ["--markdown"]
    if markdown:
        args = args[1:]
    rounds = int(args[0])
    named = [arg.split("=", 1) for arg in args[1:]]
    walls = {name: [] for name, _ in named}
    peaks = {name: 0.0 for name, _ in named}
    for _ in range(rounds):
        for name, command in named:
            wall, rss = run(command)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], rss)
    first = named[0][0]
    rows = []
    for name, _ in named:
        ratios = [w / f for w, f in zip(walls[name], walls[first])]
        rows.append((name, f"{statistics.median(walls[name]):.2f} s", f"{peaks[name]:.0f} MiB",
                     f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"))
    head = ("tool", f"wall time (median of {rounds})", "peak memory", f"time ÷ {first}'s (range)")
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("| --- | ---: | ---: | ---: |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in [head, *rows]:
            print(f"{row[0]:<22} {row[1]:>24} {row[2]:>12} {row[3]:>28}")


if __name__ == "__main__":
    main()
