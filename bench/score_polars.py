#!/usr/bin/env python3
"""The benchmark's scoring in polars: linear indicators, dimension and total, tiers, ranks.

Usage: python3 bench/score_polars.py DATADIR OUT.csv
Reads DATADIR/long.csv and DATADIR/params.csv (from bench/generate.py); missing values score 0.
Writes rank,provider,total,tier,<dimensions>,missing like `tierscore score --format csv`.
"""
import sys

import polars as pl

TIERS = [("regional", 85.0), ("city", 70.0), ("enterprise", 60.0)]


def main():
    data, out = sys.argv[1], sys.argv[2]
    params = pl.read_csv(f"{data}/params.csv")
    ev = pl.read_csv(f"{data}/long.csv", schema_overrides={"value": pl.Float64})
    dim_weight_sum = params.unique("dimension")["dimension_weight"].sum()
    s = ((pl.col("value") - pl.col("floor")) / (pl.col("target") - pl.col("floor"))).clip(0.0, 1.0).fill_null(0.0)
    scored = ev.join(params, on="indicator").with_columns(s.alias("s"))
    dims = (
        scored.group_by("provider", "dimension")
        .agg(
            (100.0 * (pl.col("s") * pl.col("weight")).sum() / pl.col("weight").sum()).alias("score"),
            pl.col("dimension_weight").first(),
            pl.col("value").null_count().alias("missing"),
        )
    )
    totals = dims.group_by("provider").agg(
        ((pl.col("score") * pl.col("dimension_weight")).sum() / dim_weight_sum).alias("total"),
        pl.col("missing").sum(),
    )
    wide = dims.pivot(on="dimension", index="provider", values="score")
    tier = pl.lit("none")
    for tid, minimum in reversed(TIERS):
        tier = pl.when(pl.col("total") >= minimum - 1e-9).then(pl.lit(tid)).otherwise(tier)
    result = (
        totals.join(wide, on="provider")
        .with_columns(tier.alias("tier"))
        .sort(["total", "provider"], descending=[True, False])
        .with_columns(pl.col("total").rank("min", descending=True).cast(pl.Int64).alias("rank"))
    )
    dim_ids = sorted(params["dimension"].unique().to_list())
    result.select(["rank", "provider", "total", "tier", *dim_ids, "missing"]).write_csv(out, float_precision=2)


if __name__ == "__main__":
    main()
