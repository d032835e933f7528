#!/usr/bin/env python3
"""The benchmark's scoring in pandas (same as score_polars.py).

Usage: python3 bench/score_pandas.py DATADIR OUT.csv
"""
import sys

import pandas as pd

TIERS = [("regional", 85.0), ("city", 70.0), ("enterprise", 60.0)]


def main():
    data, out = sys.argv[1], sys.argv[2]
    params = pd.read_csv(f"{data}/params.csv")
    ev = pd.read_csv(f"{data}/long.csv", dtype={"provider": str, "indicator": str, "value": float})
    dim_weight_sum = params.drop_duplicates("dimension")["dimension_weight"].sum()
    df = ev.merge(params, on="indicator")
    df["s"] = ((df["value"] - df["floor"]) / (df["target"] - df["floor"])).clip(0.0, 1.0).fillna(0.0)
    df["sw"] = df["s"] * df["weight"]
    df["missing"] = df["value"].isna().astype(int)
    g = df.groupby(["provider", "dimension"], sort=False)
    dims = g.agg(sw=("sw", "sum"), w=("weight", "sum"), dw=("dimension_weight", "first"), missing=("missing", "sum"))
    dims["score"] = 100.0 * dims["sw"] / dims["w"]
    dims["weighted"] = dims["score"] * dims["dw"]
    per = dims.groupby(level="provider").agg(weighted=("weighted", "sum"), missing=("missing", "sum"))
    per["total"] = per["weighted"] / dim_weight_sum
    wide = dims["score"].unstack("dimension")
    result = per.join(wide)
    result["tier"] = "none"
    for tid, minimum in reversed(TIERS):
        result.loc[result["total"] >= minimum - 1e-9, "tier"] = tid
    result = result.reset_index().sort_values(["total", "provider"], ascending=[False, True])
    result["rank"] = result["total"].rank(method="min", ascending=False).astype(int)
    dim_ids = sorted(params["dimension"].unique())
    result[["rank", "provider", "total", "tier", *dim_ids, "missing"]].to_csv(out, index=False, float_format="%.2f")


if __name__ == "__main__":
    main()
