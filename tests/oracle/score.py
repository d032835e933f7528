#!/usr/bin/env python3
"""An independent re-implementation of SPEC §2 scoring, used only to derive test expectations.

tests/frameworks.rs pins exact rows of the shipped examples; those numbers were computed with this
script, not pasted from tierscore's own output. It covers what the shipped frameworks use: linear,
bands, levels and boolean rules, expert panels (§8), `missing = "zero"`, `n/a` renormalisation, tier conditions on
dimensions and indicators (levels compared by score), vetoes, and competition ranking.

    python3 tests/oracle/score.py indicators/construction.toml examples/construction-evidence.csv

prints `rank,provider,total,tier,<dimensions>,missing,vetoed_by` like `score --format csv`.
"""

import csv
import sys
import tomllib

TRUE = {"true", "yes", "y", "1", "是", "有"}
FALSE = {"false", "no", "n", "0", "否", "无"}
NA = {"n/a", "na", "不适用"}


def rule_score(rule, raw):
    kind = rule["kind"]
    if kind == "boolean":
        return 1.0 if raw.lower() in TRUE else 0.0
    if kind == "levels":
        return float(rule["levels"][raw])
    v = float(raw.rstrip("%"))
    if kind == "linear":
        f, t = rule["floor"], rule["target"]
        return min(1.0, max(0.0, (v - f) / (t - f)))
    if kind == "bands":
        bands = rule["bands"]
        if rule.get("direction", "higher") == "lower":
            return next((s for th, s in bands if v <= th + 1e-9), 0.0)
        return max((s for th, s in bands if v >= th - 1e-9), default=0.0)
    raise ValueError(kind)


def comparable(rule, raw):
    if rule["kind"] == "levels":
        return float(rule["levels"][raw])
    if rule["kind"] == "boolean":
        return 1.0 if raw.lower() in TRUE else 0.0
    return float(raw.rstrip("%"))


def panel_value(panel, scores):
    """SPEC §8: mean, median or trimmed mean (drop one highest and one lowest) of the experts'
    scores; fewer than min_experts leave the value missing."""
    if len(scores) < panel.get("min_experts", 1):
        return ""
    xs = sorted(scores)
    how = panel.get("aggregate", "mean")
    if how == "trimmed_mean":
        xs = xs[1:-1]
    elif how == "median":
        mid = len(xs) // 2
        xs = xs[mid:mid + 1] if len(xs) % 2 else xs[mid - 1:mid + 1]
    return repr(sum(xs) / len(xs))


def read_evidence(path, fw):
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    panels = {i["id"]: i["panel"] for d in fw["dimension"] for i in d["indicator"] if "panel" in i}
    values, experts = {}, {}
    if rows and "indicator" in rows[0]:
        for r in rows:
            if (r.get("expert") or "").strip():
                experts.setdefault((r["provider"], r["indicator"]), []).append(float(r["value"]))
            else:
                values.setdefault(r["provider"], {})[r["indicator"]] = r["value"].strip()
        for (p, ind), scores in experts.items():
            values.setdefault(p, {})[ind] = panel_value(panels[ind], scores)
    else:
        for r in rows:
            values[r["provider"]] = {k: (v or "").strip() for k, v in r.items() if k != "provider"}
    return values


def score(fw, vals):
    inds = {i["id"]: i for d in fw["dimension"] for i in d["indicator"]}
    dims, missing = {}, 0
    for d in fw["dimension"]:
        num = den = 0.0
        for i in d["indicator"]:
            raw = vals.get(i["id"], "")
            if raw.lower() in NA:
                continue
            if raw == "":
                missing += 1
                s = 0.0
            else:
                s = rule_score(i["score"], raw)
            num += i["weight"] * s
            den += i["weight"]
        dims[d["id"]] = None if den == 0 else 100 * num / den
    present = [(d["weight"], dims[d["id"]]) for d in fw["dimension"] if dims[d["id"]] is not None]
    total = sum(w * x for w, x in present) / sum(w for w, _ in present)

    def holds(c):
        op = next(k for k in ("at_least", "at_most", "equals") if k in c)
        if "dimension" in c:
            cur = dims[c["dimension"]]
            if cur is None:
                return True
            want = c[op]
        else:
            ind = inds[c["indicator"]]
            raw = vals.get(c["indicator"], "")
            if raw.lower() in NA:
                return True
            if raw == "":
                return False
            if op == "equals":
                if ind["score"]["kind"] == "boolean":
                    return (raw.lower() in TRUE) == c[op]
                return raw == str(c[op])
            cur = comparable(ind["score"], raw)
            want = comparable(ind["score"], c[op]) if isinstance(c[op], str) else c[op]
        if op == "at_least":
            return cur >= want - 1e-9
        if op == "at_most":
            return cur <= want + 1e-9
        return abs(cur - want) <= 1e-9

    vetoed = [v["indicator"] for v in fw.get("veto", [])
              if vals.get(v["indicator"], "") not in ("",) and vals[v["indicator"]].lower() not in NA
              and holds(v)]
    tier = "none"
    for t in fw["tier"]:
        if total >= t["min_total"] - 1e-9 and all(
                x is None or x >= t.get("min_each_dimension", 0) - 1e-9 for x in dims.values()) \
                and all(holds(c) for c in t.get("require", [])):
            tier = t["id"]
            break
    if vetoed:
        tier = "vetoed"
    return total, tier, dims, missing, vetoed


def fmt(x):
    """Two decimals, half away from zero on the value rounded to 9 decimals (SPEC: ties at 1e-9)."""
    from decimal import ROUND_HALF_UP, Decimal
    return str(Decimal(repr(round(x, 9))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def main():
    fw = tomllib.load(open(sys.argv[1], "rb"))
    evidence = read_evidence(sys.argv[2], fw)
    results = [(p,) + score(fw, v) for p, v in evidence.items()]
    results.sort(key=lambda r: (-round(r[1], 9), r[0]))
    print("rank,provider,total,tier," + ",".join(d["id"] for d in fw["dimension"]) + ",missing,vetoed_by")
    rank = 0
    for k, (p, total, tier, dims, missing, vetoed) in enumerate(results):
        if k == 0 or round(total, 9) != round(results[k - 1][1], 9):
            rank = k + 1
        cells = ["" if dims[d["id"]] is None else fmt(dims[d["id"]]) for d in fw["dimension"]]
        print(f"{rank},{p},{fmt(total)},{tier}," + ",".join(cells) + f",{missing}," + ";".join(vetoed))


if __name__ == "__main__":
    main()
