#!/usr/bin/env python3
"""Check that two score CSVs agree on every provider's total (to 0.01), tier and rank.

Usage: python3 bench/compare.py A.csv B.csv
"""
import csv
import sys


def load(path):
    with open(path, newline="") as f:
        return {r["provider"]: r for r in csv.DictReader(f)}


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    if a.keys() != b.keys():
        sys.exit(f"different providers: {len(a)} vs {len(b)}")
    bad = [p for p in a if abs(float(a[p]["total"]) - float(b[p]["total"])) > 0.011
           or a[p]["tier"] != b[p]["tier"] or a[p]["rank"] != b[p]["rank"]]
    if bad:
        sys.exit(f"{len(bad)} providers differ, e.g. {bad[0]}: {a[bad[0]]} vs {b[bad[0]]}")
    print(f"agree: {len(a)} providers, every total, tier and rank")


if __name__ == "__main__":
    main()
