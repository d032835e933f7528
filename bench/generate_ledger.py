#!/usr/bin/env python3
"""Generate a project ledger and its evidence, as tests/records_scale.rs does in memory.

Usage: python3 bench/generate_ledger.py ROWS PROVIDERS OUTDIR   (e.g. 1000000 10000)
Writes OUTDIR/projects.csv (ROWS rows spread evenly over PROVIDERS providers, 50 cities, dates
over six years, a third of the rows role = member, a quarter not on time) and OUTDIR/evidence.csv
(certified_staff per provider), for tests/fixtures/records/ledger.toml:

    tierscore score -f tests/fixtures/records/ledger.toml -e OUTDIR/evidence.csv \\
        --records projects=OUTDIR/projects.csv --as-of 2026-06-30 --format csv > /dev/null
"""
import os
import sys


def main():
    rows, providers, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "projects.csv"), "w", encoding="utf-8") as f:
        f.write("provider,contract_no,city,amount,role,accepted,on_time\n")
        for i in range(rows):
            role = "member" if i % 3 == 0 else "lead"
            date = f"{2021 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            on_time = "否" if i % 4 == 0 else "是"
            f.write(f"p{i % providers},K{i},city{i % 50},{(i * 37) % 3000},{role},{date},{on_time}\n")
    with open(os.path.join(out, "evidence.csv"), "w", encoding="utf-8") as f:
        f.write("provider,certified_staff\n")
        f.writelines(f"p{p},{p % 100}\n" for p in range(providers))


if __name__ == "__main__":
    main()
