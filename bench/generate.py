#!/usr/bin/env python3
"""Generate a benchmark framework and evidence: N providers x M linear indicators.

Usage: python3 bench/generate.py N M OUTDIR
Writes OUTDIR/framework.toml, OUTDIR/long.csv, OUTDIR/wide.csv and OUTDIR/params.csv
(the indicator parameters, read by the polars and pandas versions). Deterministic (fixed seed).
About 1% of values are empty (missing, scored 0 under missing = "zero").
"""
import os
import random
import sys

DIMENSIONS = 5


def main():
    n, m, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261125)
    indicators = []
    for k in range(m):
        dim = k % DIMENSIONS
        floor = rng.choice([0, 5, 10, 20])
        target = floor + rng.choice([50, 80, 100])
        if k % 7 == 3:  # some lower-is-better indicators
            floor, target = target, floor
        indicators.append((f"ind{k:02d}", f"d{dim}", floor, target, rng.randint(1, 9)))
    dim_weights = [rng.randint(10, 30) for _ in range(DIMENSIONS)]
    write_framework(out, indicators, dim_weights)
    with open(os.path.join(out, "params.csv"), "w") as f:
        f.write("indicator,dimension,floor,target,weight,dimension_weight\n")
        for ind, dim, floor, target, w in indicators:
            f.write(f"{ind},{dim},{floor},{target},{w},{dim_weights[int(dim[1:])]}\n")
    # One provider at a time, both files at once: memory stays flat at any size
    # (the random sequence, and so the data, is the same as generating all first).
    with open(os.path.join(out, "long.csv"), "w") as long, open(os.path.join(out, "wide.csv"), "w") as wide:
        long.write("provider,indicator,value\n")
        wide.write("provider," + ",".join(i[0] for i in indicators) + "\n")
        for p in range(n):
            values = [value(rng, ind) for ind in indicators]
            pid = f"p{p:06d}"
            long.writelines(f"{pid},{ind[0]},{v}\n" for ind, v in zip(indicators, values))
            wide.write(f"{pid}," + ",".join(values) + "\n")


def value(rng, ind):
    if rng.random() < 0.01:
        return ""
    lo, hi = sorted((ind[2], ind[3]))
    return f"{rng.uniform(lo - 10, hi + 10):.1f}"


def write_framework(out, indicators, dim_weights):
    lines = ['schema = 1', '[framework]', 'id = "bench"', 'name = "bench"', 'version = "1"', '']
    for d, w in enumerate(dim_weights):
        lines += ['[[dimension]]', f'id = "d{d}"', f'name = "d{d}"', f'weight = {w}', '']
        for ind, dim, floor, target, iw in indicators:
            if dim == f"d{d}":
                lines += ['[[dimension.indicator]]', f'id = "{ind}"', f'name = "{ind}"', f'weight = {iw}',
                          f'score = {{ kind = "linear", floor = {floor}, target = {target} }}', '']
    for tid, total in (("regional", 85), ("city", 70), ("enterprise", 60)):
        lines += ['[[tier]]', f'id = "{tid}"', f'name = "{tid}"', f'min_total = {total}', '']
    with open(os.path.join(out, "framework.toml"), "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
