#!/usr/bin/env python3
"""Paired timing: run several commands in turn, ROUNDS times, and report each one's median
wall time, peak memory and its ratio to the first command (median of the per-round ratios).

Usage: python3 bench/paired.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]

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
    rounds = int(sys.argv[1])
    named = [arg.split("=", 1) for arg in sys.argv[2:]]
    walls = {name: [] for name, _ in named}
    peaks = {name: 0.0 for name, _ in named}
    for _ in range(rounds):
        for name, command in named:
            wall, rss = run(command)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], rss)
    first = named[0][0]
    print(f"{'command':<22} {'median wall':>12} {'peak memory':>12} {'ratio to ' + first:>22}")
    for name, _ in named:
        ratios = [w / f for w, f in zip(walls[name], walls[first])]
        print(f"{name:<22} {statistics.median(walls[name]):>10.2f} s {peaks[name]:>8.0f} MiB "
              f"{statistics.median(ratios):>12.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")


if __name__ == "__main__":
    main()
