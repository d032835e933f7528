"""建设实施: what a system integrator or builder records, holds and declares (used by market.py)."""

import common as c

SUFFIXES = ["信息技术有限公司", "系统集成有限公司", "智能科技有限公司", "软件股份有限公司"]
FACTS = ["net_assets", "class1_constructors"]          # provider attributes a certificate rests on
MAX_ROWS = 50
RATE = 0.085
LEVELS = {"企业": 0.22, "县级": 0.3, "市级": 0.38, "省级": 0.08, "国家级": 0.02}
LEDGER_FIELDS = ["contract_no", "city", "province", "county", "level", "level_rank", "role",
                 "amount", "theme", "signed", "accepted", "first_pass", "on_time", "on_budget"]
CERTS = {
    "cs_level": ("CS", None, ["CS1", "CS2", "CS3", "CS4", "CS5"]),
    "ei_qualification": ("电子与智能化", None, ["二级", "一级"]),
    "cmmi_level": ("CMMI", None, ["ML2", "ML3", "ML4", "ML5"]),
    "iso27001": ("ISO27001", None, []),
    "ccrc_integration": ("CCRC安全集成", None, ["三级", "二级", "一级"]),
}
PANEL = {"architecture_review": lambda p: 50 + 45 * p.q * min(1.2, 0.6 + 0.4 * p.inn)}
SIZE_FACTOR = {"micro": 0.3, "small": 0.7, "medium": 1.6, "large": 3.0}


def theme(rng, p):
    w = {"数据融通": 0.14 * p.inn, "人工智能": 0.12 * p.inn, "产城融合": 0.09, "平台": 0.35,
         "感知设施": 0.18, "机房": 0.12}
    return rng.choices(list(w), list(w.values()))[0]


def outcome(rng, p, row, signed, as_of):
    factor = {"企业": 0.5, "县级": 0.8, "市级": 1.4, "省级": 2.5, "国家级": 4}[row["level"]]
    done = c.add_days(signed, rng.randint(120, 540))
    accepted = done if done <= as_of and rng.random() > 0.03 else None
    return {"amount": round(rng.lognormvariate(5.5, 0.7) * factor * SIZE_FACTOR[p.size]),
            "signed": signed, "accepted": accepted,
            "first_pass": rng.random() < 0.7 + 0.3 * p.q,
            "on_time": rng.random() < 0.5 + 0.5 * p.q,
            "on_budget": rng.random() < 0.65 + 0.35 * p.q}


def traits(rng, p):
    p.facts["software_only"] = rng.random() < 0.4
    tech = max(6, round(p.staff * 0.8))
    p.facts["tech_staff"] = tech
    p.facts["pms"] = max(0, round(tech * c.clamp(0.02 + 0.08 * p.q + rng.gauss(0, 0.015), 0, 0.2)))
    assets = {"micro": (80, 400), "small": (200, 2500), "medium": (1500, 9000), "large": (6000, 60000)}
    lo, hi = assets[p.size]
    p.facts["net_assets"] = round(rng.uniform(lo, hi) / 10) * 10
    build = {"micro": (0, 1), "small": (1, 5), "medium": (3, 12), "large": (6, 30)}[p.size]
    p.facts["class1_constructors"] = 0 if p.facts["software_only"] else rng.randint(*build)


def special(rng, providers):
    ranked = sorted(providers, key=lambda p: -p.q)
    ranked[4].overrides["tax_credit"] = "D"
    ranked[9].veto.add("major_safety_accident")
    ranked[-5].veto.add("illegal_subcontracting")
    ranked[-3].overrides["client_rating"] = ""       # not declared: missing, scored 0
    ranked[15].overrides["xinchuang_certs"] = ""
    # one firm's CS3 lapsed before the as-of date: the city gate needs CS2, regional CS3
    next(p for p in ranked if p.staff >= 150 and p.age >= 5).facts["cs_expired"] = True


def certificates(rng, p, rows, as_of):
    out, seq, f = [], rng.randint(1, 9000), p.facts
    cs = None
    if p.staff >= 300 and p.age >= 8 and p.q > 0.55:
        cs = "CS4"
    elif p.staff >= 150 and p.age >= 5:
        cs = "CS3"
    elif p.staff >= 50 and p.age >= 2:
        cs = "CS2"
    elif p.staff >= 15:
        cs = "CS1"
    if f.get("cs_expired"):
        out.append(c.cert(p, "CS", cs, "", c.issued_date(rng, as_of, 4, True), 4, seq))
    elif cs and rng.random() < 0.8:
        out.append(c.cert(p, "CS", cs, "", c.issued_date(rng, as_of, 4, rng.random() < 0.08), 4, seq))
    if not f["software_only"]:
        ei = None
        if f["class1_constructors"] >= 6 and f["net_assets"] >= 2000:
            ei = "一级"
        elif f["class1_constructors"] >= 2 and f["net_assets"] >= 800:
            ei = "二级"
        if ei and rng.random() < 0.9:
            out.append(c.cert(p, "电子与智能化", ei, "", c.issued_date(rng, as_of, 5, False), 5, seq + 1))
    cmmi = None
    if cs in ("CS4", "CS5") and rng.random() < 0.3:
        cmmi = "ML5"
    elif p.staff >= 100 and rng.random() < 0.5:
        cmmi = "ML3"
    elif p.staff >= 30 and rng.random() < 0.15:
        cmmi = rng.choice(["ML2", "ML3"])
    if cmmi:
        out.append(c.cert(p, "CMMI", cmmi, "", c.issued_date(rng, as_of, 3, rng.random() < 0.1), 3, seq + 2))
    if rng.random() < {"micro": 0.25, "small": 0.5, "medium": 0.8, "large": 0.95}[p.size]:
        out.append(c.cert(p, "ISO27001", "", "", c.issued_date(rng, as_of, 3, rng.random() < 0.1), 3, seq + 3))
    if p.staff >= 60 and rng.random() < 0.45:
        level = "一级" if p.size == "large" and rng.random() < 0.4 else rng.choice(["三级", "二级"])
        out.append(c.cert(p, "CCRC安全集成", level, "", c.issued_date(rng, as_of, 3, False), 3, seq + 4))
    return out


def derived(rows, as_of):
    done = c.rows_in(rows, as_of, "accepted")
    lead = c.rows_in(rows, as_of, "accepted", role="lead")
    count = lambda **w: str(len(c.rows_in(rows, as_of, "accepted", **w)))  # noqa: E731
    return {
        "first_pass_acceptance_share": c.share(done, "first_pass"),
        "on_time_share": c.share(done, "on_time"),
        "on_budget_share": c.share(done, "on_budget"),
        "ai_bigdata_projects_3y": count(theme="人工智能"),
        "data_circulation_projects_3y": count(theme="数据融通"),
        "lead_cities_3y": c.distinct(lead, "city"),
        "lead_provinces_3y": c.distinct(lead, "province"),
        "large_projects_3y": count(role="lead", amount=("at_least", 1500)),
        "county_projects_3y": count(level="县级"),
        "industry_city_projects_3y": count(theme="产城融合"),
        "city_level_projects_led_3y": count(role="lead", level_rank=("at_least", 3)),
        "accepted_projects_3y": str(len(done)),
    }


def declared(rng, p):
    f = p.facts
    values = {
        "certified_pm_share": f"{100 * f['pms'] / f['tech_staff']:.1f}",
        "client_rating": f"{c.clamp(78 + 18 * p.q + rng.gauss(0, 2), 70, 99):.1f}",
        "rd_ratio": f"{c.clamp(1.5 + 7 * p.inn * rng.uniform(0.4, 1.0) * p.q, 0.5, 15):.1f}",
        "xinchuang_certs": str(min(8, int(rng.expovariate(1) * {"micro": 0.5, "small": 1.2,
                                                              "medium": 2.5, "large": 4}[p.size]))),
        "tax_credit": c.tax_credit(rng, p),
        "minor_accidents_3y": str(0 if f["software_only"] else rng.choices([0, 1], [0.92, 0.08])[0]),
        "major_complaints_3y": str(rng.choices([0, 1], [0.95, 0.05])[0]),
    }
    if f["software_only"]:
        values["ei_qualification"] = "n/a"
    return values


def source(p, ind, value, as_of):
    if ind == "architecture_review" and value:
        return "专家评审（5 人，去掉最高分和最低分）"
    return c.source(p, ind, value, as_of)
