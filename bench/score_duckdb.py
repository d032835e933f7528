#!/usr/bin/env python3
"""The benchmark's scoring in DuckDB SQL over read_csv (same as score_polars.py).

Usage: python3 bench/score_duckdb.py DATADIR OUT.csv
Reads DATADIR/long.csv and DATADIR/params.csv (from bench/generate.py); missing values score 0.
Writes rank,provider,total,tier,<dimensions>,missing like `tierscore score --format csv`.
"""
import sys

import duckdb

TIERS = [("regional", 85.0), ("city", 70.0), ("enterprise", 60.0)]


def main():
    data, out = sys.argv[1], sys.argv[2]
    con = duckdb.connect()
    params = con.execute(f"SELECT DISTINCT dimension FROM read_csv('{data}/params.csv') ORDER BY 1").fetchall()
    dims = [d for (d,) in params]
    tier = "'none'"
    for tid, minimum in reversed(TIERS):
        tier = f"CASE WHEN total >= {minimum} - 1e-9 THEN '{tid}' ELSE {tier} END"
    pivot = ", ".join(f"max(score) FILTER (WHERE dimension = '{d}') AS {d}" for d in dims)
    printed = ", ".join(f"printf('%.2f', {d}) AS {d}" for d in dims)
    con.execute(f"""
    COPY (
      WITH p AS (SELECT * FROM read_csv('{data}/params.csv')),
      ev AS (SELECT * FROM read_csv('{data}/long.csv',
                   columns = {{'provider': 'VARCHAR', 'indicator': 'VARCHAR', 'value': 'DOUBLE'}},
                   header = true)),
      s AS (
        SELECT ev.provider, p.dimension, p.weight, p.dimension_weight,
               -- greatest/least skip NULLs in DuckDB, so a missing value is tested first
               CASE WHEN ev.value IS NULL THEN 0.0
                    ELSE greatest(least((ev.value - p.floor) / (p.target - p.floor), 1.0), 0.0) END AS s,
               CASE WHEN ev.value IS NULL THEN 1 ELSE 0 END AS miss
        FROM ev JOIN p USING (indicator)),
      d AS (
        SELECT provider, dimension, 100.0 * sum(s * weight) / sum(weight) AS score,
               first(dimension_weight) AS dw, sum(miss) AS missing
        FROM s GROUP BY provider, dimension),
      t AS (
        SELECT provider,
               sum(score * dw) / (SELECT sum(dimension_weight) FROM (SELECT DISTINCT dimension, dimension_weight FROM p)) AS total,
               sum(missing) AS missing, {pivot}
        FROM d GROUP BY provider)
      SELECT rank() OVER (ORDER BY total DESC) AS rank, provider, printf('%.2f', total) AS total,
             {tier} AS tier, {printed}, missing
      FROM t ORDER BY total DESC, provider
    ) TO '{out}' (HEADER, DELIMITER ',')
    """)


if __name__ == "__main__":
    main()
