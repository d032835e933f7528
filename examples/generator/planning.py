"""规划咨询: what a planning & consulting firm records, holds and declares (used by market.py)."""

import common as c

SUFFIXES = ["数字规划咨询有限公司", "工程咨询有限公司", "城市发展研究院有限公司", "信息咨询有限公司"]
FACTS = ["consulting_engineers", "tech_staff"]          # provider attributes a certificate rests on
MAX_ROWS = 60
RATE = 0.22                      # projects per year ≈ RATE × staff^0.85
LEVELS = {"企业": 0.17, "县级": 0.28, "市级": 0.45, "省级": 0.08, "国家级": 0.02}
LEDGER_FIELDS = ["contract_no", "city", "province", "county", "level", "level_rank", "role",
                 "amount", "theme", "signed", "accepted", "first_pass", "on_time"]
IT = "电子、信息工程（含通信、广电、信息化）"
CERTS = {  # indicator -> (scheme, specialty or None, levels lowest first)
    "ec_grade_it": ("资信", IT, ["预评价", "乙级", "甲级"]),
    "dcmm_level": ("DCMM", None, ["1级", "2级", "3级", "4级", "5级"]),
    "iso27001": ("ISO27001", None, []),
}
PANEL = {"solution_quality": lambda p: 52 + 42 * p.q}


def theme(rng, p):
    w = {"数据融通": 0.16 * p.inn, "人工智能": 0.1 * p.inn, "顶层设计": 0.3, "专项规划": 0.28, "可研": 0.16}
    return rng.choices(list(w), list(w.values()))[0]


def outcome(rng, p, row, signed, as_of):
    factor = {"企业": 0.6, "县级": 0.8, "市级": 1.5, "省级": 3, "国家级": 5}[row["level"]]
    done = c.add_days(signed, rng.randint(60, 300))
    accepted = done if done <= as_of and rng.random() > 0.03 else None
    return {"amount": round(rng.lognormvariate(3.9, 0.5) * factor),
            "signed": signed, "accepted": accepted,
            "first_pass": rng.random() < 0.7 + 0.3 * p.q,
            "on_time": rng.random() < 0.55 + 0.45 * p.q}


def traits(rng, p):
    tech = max(5, round(p.staff * 0.85))
    p.facts["tech_staff"] = tech
    p.facts["consulting_engineers"] = max(0, round(tech * c.clamp(0.06 + 0.3 * p.q + rng.gauss(0, 0.05), 0, 0.5)))
    p.facts["senior"] = max(0, round(tech * c.clamp(0.05 + 0.3 * p.q + rng.gauss(0, 0.05), 0, 0.5)))
    p.facts["lead_years"] = min(30, rng.randint(3, 9) + p.age // 2)


def special(rng, providers):
    """A few firms the examples need: tax D, a veto or two, a 甲级 held only in another 专业."""
    ranked = sorted(providers, key=lambda p: -p.q)
    ranked[3].overrides["tax_credit"] = "D"
    ranked[5].veto.add("consulting_blacklist")
    ranked[-4].veto.add("abnormal_operations")
    ranked[8].facts["other_specialty_only"] = True
    ranked[-2].overrides["rd_ratio"] = ""           # not declared: missing, scored 0


def certificates(rng, p, rows, as_of):
    out, seq = [], rng.randint(1, 9000)
    deliverables = len(c.rows_in(rows, as_of, "accepted"))
    f = p.facts
    grade = None
    if f["consulting_engineers"] >= 12 and f["lead_years"] >= 8 and p.age >= 5 and deliverables >= 30:
        grade = "甲级"
    elif f["consulting_engineers"] >= 6 and f["lead_years"] >= 6 and p.age >= 3 and deliverables >= 15:
        grade = "乙级"
    elif f["consulting_engineers"] >= 4:
        grade = "预评价"
    if grade and rng.random() < 0.85 and not f.get("other_specialty_only"):
        expired = rng.random() < 0.12
        out.append(c.cert(p, "资信", grade, IT, c.issued_date(rng, as_of, 3, expired), 3, seq))
    if f.get("other_specialty_only") or (grade and rng.random() < 0.2):
        out.append(c.cert(p, "资信", "甲级", rng.choice(["水利水电", "公路", "市政公用工程"]),
                          c.issued_date(rng, as_of, 3, False), 3, seq + 1))
    dcmm = None
    if p.staff >= 40 and rng.random() < 0.35 + 0.3 * p.q:
        dcmm = "3级" if p.staff >= 120 and p.q > 0.7 else "2级"
    if dcmm:
        out.append(c.cert(p, "DCMM", dcmm, "", c.issued_date(rng, as_of, 3, rng.random() < 0.1), 3, seq + 2))
    if rng.random() < {"micro": 0.2, "small": 0.45, "medium": 0.75, "large": 0.9}[p.size]:
        out.append(c.cert(p, "ISO27001", "", "", c.issued_date(rng, as_of, 3, rng.random() < 0.1), 3, seq + 3))
    return out


def derived(rows, as_of):
    done = c.rows_in(rows, as_of, "accepted")
    lead = c.rows_in(rows, as_of, "accepted", role="lead")
    return {
        "first_pass_review_share": c.share(done, "first_pass"),
        "ontime_delivery_share": c.share(done, "on_time"),
        "data_circulation_projects_3y": str(len(c.rows_in(rows, as_of, "accepted", theme="数据融通"))),
        "ai_bigdata_projects_3y": str(len(c.rows_in(rows, as_of, "accepted", theme="人工智能"))),
        "lead_cities_3y": c.distinct(lead, "city"),
        "city_level_plans_led_3y": str(len(c.rows_in(rows, as_of, "accepted", role="lead",
                                                     level_rank=("at_least", 3)))),
        "county_projects_3y": str(len(c.rows_in(rows, as_of, "accepted", level="县级"))),
        "deliverables_3y": str(len(done)),
    }


def declared(rng, p):
    f = p.facts
    return {
        "consulting_engineer_share": f"{100 * f['consulting_engineers'] / f['tech_staff']:.1f}",
        "senior_title_share": f"{100 * f['senior'] / f['tech_staff']:.1f}",
        "tech_lead_years": str(f["lead_years"]),
        "client_rating": f"{c.clamp(78 + 18 * p.q + rng.gauss(0, 2), 70, 99):.1f}",
        "rd_ratio": f"{c.clamp(0.5 + 4.5 * p.inn * rng.uniform(0.4, 1.1) * p.q, 0.2, 9):.1f}",
        "standards_authored": str(min(5, int(rng.expovariate(1) * {"micro": 0.2, "small": 0.6,
                                                                  "medium": 1.5, "large": 2.5}[p.size]))),
        "confidentiality_agreements": "是" if rng.random() < 0.55 + 0.4 * p.q else "否",
        "tax_credit": c.tax_credit(rng, p),
        "penalties_3y": str(c.penalties(rng)),
    }


def source(p, ind, value, as_of):
    if ind == "solution_quality" and value:
        return "专家评审（5 人，去掉最高分和最低分）"
    if ind == "ec_grade_it" and value != "无":
        return f"工程咨询单位资信证书（{IT}）"
    return c.source(p, ind, value, as_of)
