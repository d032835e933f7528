#!/usr/bin/env python3
"""Make a self-declared side for `compare` from a long evidence file: one value in five raised 10%.

Usage: python3 bench/declared.py VERIFIED.csv DECLARED.csv   (deterministic, fixed seed)
Then: tierscore compare -f framework.toml --self DECLARED.csv --verified VERIFIED.csv
"""
import random
import sys


def main():
    rng = random.Random(7)
    with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(next(src))
        for line in src:
            provider, indicator, value = line.rstrip("\n").split(",")
            if value and rng.random() < 0.2:
                value = str(round(float(value) * 1.1, 2))
            out.write(f"{provider},{indicator},{value}\n")


if __name__ == "__main__":
    main()
