"""运营运维: what an O&M or city-operations firm records, holds and declares (used by market.py)."""

import common as c

SUFFIXES = ["运维服务有限公司", "数字运营有限公司", "信息服务有限公司", "云数据服务有限公司"]
FACTS = ["om_years"]          # provider attributes a certificate rests on
MAX_ROWS = 40
RATE = 0.06
LEVELS = {"企业": 0.3, "县级": 0.3, "市级": 0.34, "省级": 0.06}
# `confirmed`: the last service report the client confirmed (the window date of an O&M contract)
LEDGER_FIELDS = ["contract_no", "city", "province", "county", "level", "level_rank", "role",
                 "amount", "theme", "signed", "confirmed", "renewed"]
CERTS = {
    "itss_om_level": ("ITSS运维", None, ["四级", "三级", "二级", "一级"]),
    "iso20000": ("ISO20000", None, []),
    "iso27001": ("ISO27001", None, []),
    "ccrc_ops": ("CCRC安全运维", None, ["三级", "二级", "一级"]),
    "dcmm_level": ("DCMM", None, ["1级", "2级", "3级", "4级", "5级"]),
}
PANEL = {"aiops_review": lambda p: 45 + 45 * p.q * min(1.2, 0.6 + 0.4 * p.inn)}
SIZE_FACTOR = {"micro": 0.3, "small": 0.7, "medium": 1.6, "large": 3.0}


def theme(rng, p):
    w = {"平台运维": 0.45, "城市运营": 0.2, "热线与工单": 0.12, "数据运营": 0.1 * p.inn, "机房运维": 0.13}
    return rng.choices(list(w), list(w.values()))[0]


def outcome(rng, p, row, signed, as_of):
    factor = {"企业": 0.5, "县级": 0.8, "市级": 1.5, "省级": 2.5}[row["level"]]
    end = c.add_days(signed, 365)
    confirmed = end if end <= as_of else c.add_days(as_of, -rng.randint(5, 80))
    return {"amount": round(rng.lognormvariate(4.6, 0.6) * factor * SIZE_FACTOR[p.size]),
            "signed": signed, "confirmed": confirmed,
            "renewed": rng.random() < 0.3 + 0.6 * p.q}


def traits(rng, p):
    p.facts["om_years"] = max(1, p.age - rng.randint(0, 2))
    p.facts["resident_facing"] = rng.random() < 0.45
    p.facts["data_ops"] = rng.random() < 0.6


def special(rng, providers):
    ranked = sorted(providers, key=lambda p: -p.q)
    ranked[6].overrides["tax_credit"] = "D"
    ranked[3].veto.add("data_security_penalty")
    ranked[-6].veto.add("abnormal_operations")
    ranked[-3].overrides["mttr_hours"] = ""          # not declared: missing, scored 0
    # one firm's ITSS 三级 lapsed (it still holds 四级): the regional gate is lost
    next(p for p in ranked if p.staff >= 40 and p.facts["om_years"] >= 2).facts["itss_expired"] = True


def certificates(rng, p, rows, as_of):
    out, seq, f = [], rng.randint(1, 9000), p.facts
    itss = None
    if p.size == "large" and f["om_years"] >= 8 and p.q > 0.6:
        itss = "一级"
    elif p.staff >= 100 and f["om_years"] >= 4:
        itss = "二级"
    elif p.staff >= 40 and f["om_years"] >= 2:
        itss = "三级"
    elif f["om_years"] >= 1 and p.staff >= 15:
        itss = "四级"
    if f.get("itss_expired"):
        out.append(c.cert(p, "ITSS运维", "三级", "", c.issued_date(rng, as_of, 3, True), 3, seq))
        out.append(c.cert(p, "ITSS运维", "四级", "", c.issued_date(rng, as_of, 3, False), 3, seq + 9))
    elif itss and rng.random() < 0.82:
        out.append(c.cert(p, "ITSS运维", itss, "", c.issued_date(rng, as_of, 3, rng.random() < 0.08), 3, seq))
    if p.staff >= 40 and rng.random() < 0.5:
        out.append(c.cert(p, "ISO20000", "", "", c.issued_date(rng, as_of, 3, rng.random() < 0.1), 3, seq + 1))
    if rng.random() < {"micro": 0.25, "small": 0.5, "medium": 0.8, "large": 0.95}[p.size]:
        out.append(c.cert(p, "ISO27001", "", "", c.issued_date(rng, as_of, 3, rng.random() < 0.1), 3, seq + 2))
    if p.staff >= 50 and rng.random() < 0.45:
        level = "一级" if p.size == "large" and rng.random() < 0.4 else rng.choice(["三级", "二级"])
        out.append(c.cert(p, "CCRC安全运维", level, "", c.issued_date(rng, as_of, 3, False), 3, seq + 3))
    if f["data_ops"] and p.staff >= 40 and rng.random() < 0.5:
        level = "3级" if p.staff >= 150 and p.q > 0.7 else "2级"
        out.append(c.cert(p, "DCMM", level, "", c.issued_date(rng, as_of, 3, rng.random() < 0.1), 3, seq + 4))
    return out


def derived(rows, as_of):
    served = c.rows_in(rows, as_of, "confirmed")
    lead = c.rows_in(rows, as_of, "confirmed", role="lead")
    return {
        "city_platforms_operated": str(len(c.rows_in(rows, as_of, "confirmed", role="lead",
                                                     level_rank=("at_least", 3)))),
        "lead_cities_3y": c.distinct(lead, "city"),
        "county_sites_3y": str(len(c.rows_in(rows, as_of, "confirmed", level="县级"))),
        "renewal_share": c.share(served, "renewed"),
        "om_contracts_3y": str(len(served)),
    }


def declared(rng, p):
    f, q = p.facts, p.q
    resident = f["resident_facing"]
    values = {
        "certified_staff_ratio": f"{c.clamp(25 + 55 * q + rng.gauss(0, 6), 10, 95):.1f}",
        "post_backup_rate": f"{c.clamp(0.06 + 0.28 * q + rng.gauss(0, 0.03), 0.02, 0.5):.2f}",
        "availability": f"{c.clamp(99.35 + 0.64 * q + rng.gauss(0, 0.04), 98.9, 99.999):.2f}",
        "ontime_response_rate": f"{c.clamp(86 + 14 * q + rng.gauss(0, 1.5), 75, 100):.1f}",
        "mttr_hours": f"{c.clamp(10 - 9 * q + rng.gauss(0, 0.8), 0.5, 24):.1f}",
        "p1_outages_12m": str(min(5, int(rng.expovariate(1) * (1.1 - q) * 2.5))),
        "dr_drills_12m": str(rng.choices([0, 1, 2, 3], [max(0.05, 0.6 - q), 0.4, 0.35 * q, 0.15 * q])[0]),
        "hotline_closure_rate": f"{c.clamp(78 + 22 * q + rng.gauss(0, 2), 60, 100):.1f}" if resident else "n/a",
        "good_review_rate": f"{c.clamp(89 + 10.5 * q + rng.gauss(0, 0.8), 80, 99.9):.1f}" if resident else "n/a",
        "data_products_operated": str(min(5, int(rng.expovariate(1) * p.inn * 1.2))) if f["data_ops"] else "0",
        "security_incidents_3y": str(rng.choices([0, 1, 2], [0.85, 0.12, 0.03])[0]),
        "tax_credit": c.tax_credit(rng, p),
        "penalties_3y": str(c.penalties(rng)),
    }
    if not f["data_ops"]:
        values["dcmm_level"] = "n/a"
    return values


def source(p, ind, value, as_of):
    if ind == "aiops_review" and value:
        return "专家评审（5 人，去掉最高分和最低分）"
    if ind in ("availability", "ontime_response_rate", "mttr_hours", "p1_outages_12m"):
        return "运维服务报告（建设单位确认，近12个月）"
    if ind in ("hotline_closure_rate", "good_review_rate"):
        return "12345/好差评系统导出（近12个月）"
    return c.source(p, ind, value, as_of)
