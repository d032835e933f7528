"""Helpers shared by the category models: SPEC §6 aggregates, certificates, credit, sources."""

import datetime as dt
import random

import geo


def window_start(as_of, years=3):
    day = min(as_of.day, 28) if as_of.month == 2 else as_of.day      # SPEC §6: calendar years
    return dt.date(as_of.year - years, as_of.month, day)


def rows_in(rows, as_of, field, years=3, **where):
    """Rows whose `field` date is in (as_of − years, as_of] and that pass every `where`.

    A where value is either an exact value or a ("at_least", x) pair, as in SPEC §6.
    """
    lo = window_start(as_of, years)
    out = []
    for r in rows:
        d = r.get(field)
        if d is None or not (lo < d <= as_of):
            continue
        ok = True
        for key, want in where.items():
            if isinstance(want, tuple):
                ok = ok and r[key] >= want[1]
            else:
                ok = ok and r[key] == want
        if ok:
            out.append(r)
    return out


def share(rows, field):
    """SPEC §6 `share`: percentage of rows whose boolean field is true; missing over no rows."""
    if not rows:
        return ""
    return fmt_share(100.0 * sum(1 for r in rows if r[field]) / len(rows))


def fmt_share(x):
    return f"{x:.1f}"


def distinct(rows, field):
    return str(len({r[field] for r in rows}))


def cert(p, scheme, level, specialty, issued, years, seq):
    """One certificate-register row, valid `years` years from `issued` (inclusive)."""
    day = min(issued.day, 28) if issued.month == 2 else issued.day   # 29 Feb + n years = 28 Feb
    until = dt.date(issued.year + years, issued.month, day) - dt.timedelta(days=1)
    prefix = "".join(ch for ch in scheme if ch.isascii() and ch.isalnum()) or "ZX"
    code = f"{prefix}-{geo.area_of(p.region)[:4]}-{issued.year}-{seq:04d}"
    rank = RANKS[scheme].index(level) + 1 if RANKS.get(scheme) else 1
    return {"provider": p.slug, "cert_no": code, "scheme": scheme, "level": level,
            "level_rank": rank, "specialty": specialty, "valid_from": issued, "valid_until": until}


# level_rank in the certificate registers: levels of one scheme, lowest first (the frameworks'
# `[[records]] certificates` description); a scheme without levels (ISO) is rank 1.
RANKS = {
    "CS": ["CS1", "CS2", "CS3", "CS4", "CS5"],
    "CMMI": ["ML1", "ML2", "ML3", "ML4", "ML5"],
    "电子与智能化": ["二级", "一级"],
    "CCRC安全集成": ["三级", "二级", "一级"],
    "CCRC安全运维": ["三级", "二级", "一级"],
    "ITSS运维": ["四级", "三级", "二级", "一级"],
    "资信": ["预评价", "乙级", "甲级"],
    "DCMM": ["1级", "2级", "3级", "4级", "5级"],
}


def issued_date(rng, as_of, years, expired):
    """An issue date such that a `years`-year certificate is valid on as_of, or has just expired."""
    if expired:
        back = rng.randint(years * 365 + 5, years * 365 + 300)
    else:
        back = rng.randint(30, years * 365 - 10)
    return as_of - dt.timedelta(days=back)


def tax_credit(rng, p):
    """纳税缴费信用级别: M for firms under two years, else mostly A/B (公告2025年第12号)."""
    if p.age < 2:
        return "M"
    return rng.choices(["A", "B", "C"], [0.58, 0.34, 0.08])[0]


def penalties(rng):
    return rng.choices([0, 1, 2], [0.86, 0.11, 0.03])[0]


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def source(p, ind, value, as_of):
    """A plausible, fictional document reference for an evidence value (generic kinds)."""
    r = random.Random(f"{p.slug}-{ind}")
    if value in ("", "n/a"):
        return ""
    if ind in ("tax_credit",):
        return f"纳税缴费信用评价结果 {as_of.year - 1}年度 {p.region}税务局"
    if ind.endswith("_share") or ind.endswith("_3y") and ind != "penalties_3y":
        return "项目业绩清单（逐项核验）"
    if ind in ("penalties_3y",) or value in ("是", "否") and ind not in ("iso27001", "iso20000"):
        return f"信用中国/国家企业信用信息公示系统查询 {as_of.isoformat()}"
    if ind == "rd_ratio":
        return f"审计报告 浙{r.choice('ABCDEFGH')}审〔{as_of.year}〕{r.randint(10, 400)}号"
    if "rating" in ind:
        return f"履约评价表 {as_of.year}-{r.randint(1, 40):02d}"
    return "证书登记（评价基准日有效）" if value != "无" else "企业自评表"


def add_days(d, days):
    return d + dt.timedelta(days=days)
