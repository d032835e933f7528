#!/usr/bin/env python3
"""Generate the example evidence for the frameworks in indicators/.

Deterministic (fixed seed, Python 3.11+ standard library only). Run from the repository root:

    python3 examples/generate.py

Every provider below is fictional. Each has a profile: a `strength` (the score, 0..1, that its
ordinary indicators aim at, with a little seeded noise), a credit profile, its years in business,
its key certificate, and explicit overrides, not-applicable (`n/a`) and missing (empty) cells;
each region shifts the strength of one or two dimensions, so regions differ in their weak spots.
Raw values are derived from each indicator's scoring rule in the TOML file, so the examples follow
the frameworks when thresholds are tuned. The profiles are hand-tuned so that every category has
providers in every tier (regional, city, enterprise, none, vetoed) and some near misses (a high
total held back by credit, years in business or the key certificate).

Files written (all UTF-8, LF):
  <cat>-evidence.csv   long format: provider,indicator,value,source
  <cat>-providers.csv  provider,name,region,category
  operations-wide.csv  the operations evidence in wide format (provider,name,region,<indicators>)
  construction-self.csv / construction-verified.csv   a self-declared / assessor-verified pair
"""

import csv
import random
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples"
SEED = 20261125

AREA = {  # administrative area codes used in fictional licence and certificate numbers
    "杭州": "330100", "宁波": "330200", "温州": "330300", "嘉兴": "330400", "湖州": "330500",
    "绍兴": "330600", "金华": "330700", "台州": "331000", "上海": "310100", "苏州": "320500",
    "南京": "320100", "合肥": "340100",
}
PROVINCE = {"33": "浙", "31": "沪", "32": "苏", "34": "皖"}
AGENCIES = ["东方金诚", "联合资信", "大公国际", "中诚信", "浙江普华"]
UNIT_DECIMALS = {"人": 0, "项": 0, "个": 0, "次": 0, "年": 0, "万元": 0, "%": 1, "比例": 2, "分钟": 0}

# Credit presets per category: values of the scored credit indicators.
# Planning/operations credit = tax 40 + rating 30 + penalties 30; construction = 35/20/25/20.
CREDIT = {
    "pc": {
        "top": {"tax_credit": "A", "credit_rating": "AAA", "penalties_3y": 0},   # 100
        "good": {"tax_credit": "A", "credit_rating": "AA", "penalties_3y": 0},   # 95.5
        "ok": {"tax_credit": "B", "credit_rating": "A", "penalties_3y": 0},      # 83
        "mid": {"tax_credit": "B", "credit_rating": "AA", "penalties_3y": 1},    # 72.5
        "new": {"tax_credit": "M", "credit_rating": "无", "penalties_3y": 0},    # 70
        "poor": {"tax_credit": "C", "credit_rating": "无", "penalties_3y": 1},   # 43
    },
    "cn": {
        "top": {"tax_credit": "A", "credit_rating": "AAA", "minor_accidents_3y": 0, "major_complaints_3y": 0},
        "good": {"tax_credit": "A", "credit_rating": "AA", "minor_accidents_3y": 0, "major_complaints_3y": 0},
        "ok": {"tax_credit": "B", "credit_rating": "A", "minor_accidents_3y": 0, "major_complaints_3y": 0},
        "mid": {"tax_credit": "B", "credit_rating": "A", "minor_accidents_3y": 1, "major_complaints_3y": 0},
        "new": {"tax_credit": "M", "credit_rating": "无", "minor_accidents_3y": 0, "major_complaints_3y": 0},
        "poor": {"tax_credit": "C", "credit_rating": "BBB", "minor_accidents_3y": 1, "major_complaints_3y": 1},
    },
}
CREDIT["op"] = CREDIT["pc"]


def P(slug, name, region, strength, credit, years, key, **kw):
    """One provider profile."""
    return dict(slug=slug, name=name, region=region, s=strength, credit=credit, years=years,
                key=key, veto=kw.get("veto", []), na=kw.get("na", []), missing=kw.get("missing", []),
                over=kw.get("over", {}))


# ---------------------------------------------------------------------------------------------
# 规划咨询 (key certificate: ec_credit_grade)
PLANNING = [
    P("zhicheng", "杭州智城规划设计研究院有限公司", "杭州", 0.95, "top", 15, "甲级"),
    P("shuzhi", "上海数智城市规划咨询有限公司", "上海", 0.93, "good", 11, "甲级"),
    P("jingwei", "宁波经纬工程咨询有限公司", "宁波", 0.91, "good", 18, "甲级"),
    P("huanyu", "绍兴寰宇数字科技咨询有限公司", "绍兴", 0.92, "ok", 9, "甲级"),
    P("boyuan", "温州博远信息咨询有限公司", "温州", 0.92, "mid", 12, "甲级"),      # credit holds it at city
    P("xinghe", "嘉兴星河数字规划研究院有限公司", "嘉兴", 0.93, "good", 4, "乙级"),  # 4 years, 乙级 -> city
    P("lanhai", "杭州蓝海智库研究院有限公司", "杭州", 0.91, "good", 7, "乙级"),     # 乙级 holds it at city
    P("hongtu", "宁波宏图城市发展咨询有限公司", "宁波", 0.80, "good", 8, "乙级"),
    P("mingda", "温州明达工程咨询有限公司", "温州", 0.77, "ok", 6, "乙级",
      na=["dcmm_level"]),
    P("yunfan", "上海云帆信息咨询有限公司", "上海", 0.78, "good", 5, "乙级",
      missing=["ontime_delivery_rate"]),
    P("ruixin", "绍兴睿信咨询有限公司", "绍兴", 0.75, "new", 3, "乙级"),
    P("tianyi", "嘉兴天翼数字咨询有限公司", "嘉兴", 0.80, "poor", 10, "乙级"),    # credit < 70 -> enterprise
    P("kaiyuan", "杭州开元数字咨询有限公司", "杭州", 0.79, "good", 2, "预评价"),    # 2 years -> enterprise
    P("jiahe", "宁波嘉禾信息咨询有限公司", "宁波", 0.62, "good", 6, "乙级"),
    P("tongda", "温州通达规划咨询有限公司", "温州", 0.64, "ok", 4, "预评价",
      na=["standards_authored"]),
    P("shengjing", "上海盛景数字咨询有限公司", "上海", 0.62, "mid", 3, "预评价",
      missing=["research_outputs_3y", "client_satisfaction"]),
    P("ruiheng", "绍兴睿恒工程咨询有限公司", "绍兴", 0.73, "new", 2, "无"),
    P("qinghe", "嘉兴清禾咨询有限公司", "嘉兴", 0.52, "ok", 5, "预评价"),
    P("yaxin", "杭州雅信数字咨询有限公司", "杭州", 0.42, "mid", 3, "无"),
    P("chengyun", "宁波城云咨询有限公司", "宁波", 0.36, "new", 1, "无",
      missing=["serious_dishonesty"]),
    P("huaxing", "温州华兴规划设计有限公司", "温州", 0.55, "poor", 8, "预评价"),
    P("jinhong", "上海金虹咨询有限公司", "上海", 0.92, "good", 10, "甲级",
      veto=["consulting_blacklist"]),
    P("dingsheng", "绍兴鼎盛工程咨询有限公司", "绍兴", 0.74, "ok", 6, "乙级", veto=["false_material"]),
    P("fengyuan", "嘉兴丰源信息咨询有限公司", "嘉兴", 0.58, "poor", 4, "预评价",
      veto=["serious_dishonesty", "major_illegal_record"]),
]

# ---------------------------------------------------------------------------------------------
# 建设实施 (key certificate: cs_level)
SOFTWARE_ONLY = ["ei_qualification", "class1_constructors"]
CONSTRUCTION = [
    P("huaxin", "杭州华信数字技术股份有限公司", "杭州", 0.95, "top", 20, "CS4"),
    P("tianchuang", "苏州天创信息技术股份有限公司", "苏州", 0.93, "good", 16, "CS4"),
    P("hengtong", "宁波恒通系统集成有限公司", "宁波", 0.92, "good", 12, "CS3"),
    P("ruizhi", "南京睿智软件股份有限公司", "南京", 0.93, "ok", 9, "CS3", na=SOFTWARE_ONLY),
    P("haoyun", "温州浩云智能科技有限公司", "温州", 0.92, "mid", 14, "CS3"),        # credit -> city
    P("lingyun", "杭州凌云网络工程有限公司", "杭州", 0.93, "good", 4, "CS3"),         # 4 years -> city
    P("zhongyi", "宁波众易信息技术有限公司", "宁波", 0.92, "good", 8, "CS2"),         # CS2 -> city
    P("yixun", "苏州易迅系统集成有限公司", "苏州", 0.80, "good", 10, "CS3"),
    P("xunjie", "温州迅捷智能科技有限公司", "温州", 0.78, "ok", 6, "CS2"),
    P("botong", "南京博通软件有限公司", "南京", 0.79, "good", 5, "CS2", na=SOFTWARE_ONLY,
      missing=["xinchuang_certs"]),
    P("jiyuan", "杭州极元信息技术有限公司", "杭州", 0.76, "new", 3, "CS2"),
    P("zhuoyue", "宁波卓越网络工程有限公司", "宁波", 0.80, "poor", 9, "CS3"),          # credit -> enterprise
    P("xinda", "苏州鑫达智能科技有限公司", "苏州", 0.80, "good", 7, "CS1"),            # CS1 -> enterprise
    P("anke", "温州安可系统集成有限公司", "温州", 0.66, "good", 6, "CS2"),
    P("shuohe", "南京硕和软件有限公司", "南京", 0.64, "ok", 4, "CS1", na=SOFTWARE_ONLY),
    P("tengyue", "杭州腾跃信息技术有限公司", "杭州", 0.65, "mid", 2, "CS1",
      missing=["ip_count_3y", "acceptance_pass_rate"]),
    P("jinsheng", "宁波金晟智能科技有限公司", "宁波", 0.67, "new", 3, "无"),
    P("runze", "苏州润泽网络工程有限公司", "苏州", 0.52, "ok", 5, "CS1"),
    P("kangda", "温州康达信息技术有限公司", "温州", 0.43, "mid", 3, "无"),
    P("weilan", "南京蔚蓝软件有限公司", "南京", 0.35, "new", 1, "无", na=SOFTWARE_ONLY,
      missing=["data_security_penalty"]),
    P("lihua", "杭州立华系统集成有限公司", "杭州", 0.92, "good", 13, "CS4",
      veto=["major_safety_accident"]),
    P("dexin", "宁波德信智能科技有限公司", "宁波", 0.76, "ok", 8, "CS3", veto=["data_security_penalty"]),
    P("qianyuan", "苏州乾元信息技术有限公司", "苏州", 0.62, "poor", 6, "CS2",
      veto=["illegal_subcontracting", "false_material"]),
    P("shengtai", "温州盛泰网络工程有限公司", "温州", 0.70, "ok", 7, "CS2", veto=["serious_dishonesty"]),
]

# ---------------------------------------------------------------------------------------------
# 运营运维 (key certificate: itss_om_level)
OPERATIONS = [
    P("yunwei", "杭州云维数字运营有限公司", "杭州", 0.95, "top", 14, "二级"),
    P("shuheng", "宁波数恒信息服务有限公司", "宁波", 0.93, "good", 11, "三级"),
    P("anxin", "上海安信运维服务有限公司", "上海", 0.92, "good", 17, "一级"),
    P("zhiyun", "合肥智云数据服务有限公司", "合肥", 0.93, "ok", 9, "三级"),
    P("tonglian", "温州通联信息服务有限公司", "温州", 0.92, "mid", 10, "三级"),       # credit -> city
    P("xinyuan", "杭州信源运营服务有限公司", "杭州", 0.93, "good", 4, "三级"),       # 4 years -> city
    P("jiexun", "宁波捷讯运维服务有限公司", "宁波", 0.92, "good", 8, "四级"),         # ITSS 四级 -> city
    P("hongyun", "上海鸿运云数据服务有限公司", "上海", 0.80, "good", 9, "三级"),
    P("ruian", "合肥瑞安网络安全运营有限公司", "合肥", 0.78, "ok", 6, "四级",
      na=["dcmm_level"]),
    P("lianchuang", "温州联创信息服务有限公司", "温州", 0.79, "good", 5, "四级",
      missing=["renewal_rate"]),
    P("huiteng", "杭州汇腾数字运营有限公司", "杭州", 0.76, "new", 3, "四级"),
    P("jingan", "宁波靖安运维服务有限公司", "宁波", 0.80, "poor", 8, "三级"),          # credit -> enterprise
    P("shuyuan", "上海数元信息服务有限公司", "上海", 0.80, "good", 6, "无"),           # no ITSS -> enterprise
    P("zhonghe", "合肥中和运维服务有限公司", "合肥", 0.66, "good", 6, "四级"),
    P("yuheng", "温州宇衡信息服务有限公司", "温州", 0.64, "ok", 4, "四级", na=["dcmm_level"]),
    P("jiarun", "杭州嘉润运维服务有限公司", "杭州", 0.65, "mid", 2, "无",
      missing=["availability", "p1_response_min"]),
    P("xinheng", "宁波鑫恒信息服务有限公司", "宁波", 0.63, "new", 3, "无"),
    P("mingtai", "上海明泰运维服务有限公司", "上海", 0.52, "ok", 5, "四级"),
    P("kaida", "合肥凯达信息服务有限公司", "合肥", 0.43, "mid", 3, "无"),
    P("qingyun", "温州青云数字运营有限公司", "温州", 0.35, "new", 1, "无",
      missing=["major_cyber_incident"]),
    P("huarui", "杭州华瑞云数据服务有限公司", "杭州", 0.92, "good", 12, "二级",
      veto=["data_security_penalty"]),
    P("baoshun", "宁波宝顺运维服务有限公司", "宁波", 0.76, "ok", 7, "三级", veto=["major_cyber_incident"]),
    P("fuxing", "上海富兴信息服务有限公司", "上海", 0.62, "poor", 6, "四级",
      veto=["serious_dishonesty", "false_material"]),
    P("changsheng", "合肥长盛网络安全运营有限公司", "合肥", 0.70, "ok", 8, "四级",
      veto=["major_illegal_record"]),
]

# Regional profiles: each region's providers lean weaker or stronger on some dimensions, so that the
# regional view (`tierscore summary --by region`) shows different weak spots (找短板) per region.
PLANNING_BIAS = {
    "温州": {"innovation": -0.2, "professional": 0.05},
    "嘉兴": {"data_security": -0.2, "professional": 0.05},
    "上海": {"innovation": 0.1, "data_security": 0.05},
    "绍兴": {"quality": -0.2, "professional": 0.05},
}
CONSTRUCTION_BIAS = {
    "宁波": {"innovation": -0.2, "capability": 0.08},
    "温州": {"track_record": -0.2, "capability": 0.08},
    "苏州": {"security": -0.2, "capability": 0.08},
    "南京": {"innovation": 0.1},
}
OPERATIONS_BIAS = {
    "宁波": {"innovation": -0.25, "capability": 0.05},
    "温州": {"track_record": -0.2, "capability": 0.05},
    "合肥": {"security": -0.2, "capability": 0.05},
    "上海": {"service_level": -0.15, "capability": 0.1},
}

CATEGORIES = [
    ("planning", "pc", "planning-consulting.toml", "规划咨询", PLANNING, "ec_credit_grade", PLANNING_BIAS),
    ("construction", "cn", "construction.toml", "建设实施", CONSTRUCTION, "cs_level", CONSTRUCTION_BIAS),
    ("operations", "op", "operations.toml", "运营运维", OPERATIONS, "itss_om_level", OPERATIONS_BIAS),
]


# ---------------------------------------------------------------------------------------------
def indicators(framework):
    """(id, indicator table) in file order."""
    return [(i["id"], i) for d in framework["dimension"] for i in d["indicator"]]


def dimension_of(framework):
    """indicator id -> dimension id."""
    return {i["id"]: d["id"] for d in framework["dimension"] for i in d["indicator"]}


def fmt(x, decimals):
    return str(int(round(x))) if decimals == 0 else f"{x:.{decimals}f}"


def value_for(ind, u, rng):
    """A plausible raw value whose score under `ind`'s rule is about u (0..1)."""
    rule, unit = ind["score"], ind.get("unit", "")
    kind = rule["kind"]
    if kind == "boolean":
        return "是" if u >= 0.45 else "否"
    if kind == "levels":
        best = min(rule["levels"].items(), key=lambda kv: (abs(kv[1] - u), -kv[1]))
        return best[0]
    if kind == "linear":
        f, t = rule["floor"], rule["target"]
        if u >= 0.97:
            u += rng.uniform(0, 0.25)
        v = f + u * (t - f)
        if unit == "%" and t <= 100:
            v = min(v, 100.0 if t < 99.9 else 99.999)
        decimals = 2 if (unit == "%" and f > 99) else UNIT_DECIMALS.get(unit, 1)
        if unit == "万元":
            v = round(v / 10) * 10
        return fmt(max(v, 0), decimals)
    if kind == "bands":
        bands = rule["bands"]
        lower = rule.get("direction", "higher") == "lower"
        if not lower:
            idx = max((k for k, (_, sc) in enumerate(bands) if sc <= u + 0.08), default=-1)
            lo = 0 if idx < 0 else bands[idx][0]
            hi = bands[idx + 1][0] - 1 if idx + 1 < len(bands) else bands[-1][0] * 1.4
            return fmt(rng.uniform(lo, max(lo, hi)), 0)
        idx = min((k for k, (_, sc) in enumerate(bands) if sc <= u + 0.08), default=len(bands))
        lo = bands[idx - 1][0] + 1 if idx > 0 else max(bands[0][0] // 3, 0)
        hi = bands[idx][0] if idx < len(bands) else bands[-1][0] * 2
        return fmt(rng.uniform(lo, max(lo, hi)), 0)
    raise ValueError(kind)


NAMED_SOURCES = {  # where the generic rules below would name the document badly
    "consulting_blacklist": "全国投资项目在线审批监管平台信用查询",
    "false_material": "评估机构材料核查记录",
    "cities_served_3y": "合同清单（按城市统计）",
    "city_toplevel_designs_3y": "顶层设计委托合同及批复",
    "xinchuang_certs": "信创兼容性互认证明",
    "security_incidents_3y": "运维安全事件台账",
    "om_contract_value_3y": "运维服务合同及发票汇总",
    "major_safety_accident": "应急管理部门事故查询",
}


class Sources:
    """Plausible, fictional document numbers for the `source` column."""

    def __init__(self, rng):
        self.rng = rng

    def uscc(self, p):
        r = random.Random(p["slug"])
        body = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
        return f"91{AREA[p['region']]}{body}X"[:18]

    def __call__(self, p, ind_id, ind, value):
        r, area, year = self.rng, AREA[p["region"]], 2025
        prov = PROVINCE[area[:2]]
        seq = r.randint(1, 9999)
        if value in ("n/a", ""):
            return ""
        if ind_id == "years_in_business":
            return f"营业执照 {self.uscc(p)}"
        if ind_id in NAMED_SOURCES:
            return f"{NAMED_SOURCES[ind_id]} {prov}-{year}-{seq:04d}"
        if ind["score"]["kind"] == "boolean" and ind["weight"] == 0:
            return f"信用中国查询记录 {year}-11-{r.randint(1, 20):02d}"
        if value in ("无", "否"):
            return "企业自评表"
        if ind_id == "ec_credit_grade":
            return f"工程咨询单位资信证书 {value}{area[:4]}{r.randint(2023, 2025)}{seq:04d}"
        if ind_id == "cs_level":
            return f"CS证书 {value}-{area[:4]}-{r.randint(2022, 2025)}-{seq:04d}"
        if ind_id == "itss_om_level":
            return f"ITSS证书 ITSS-YW-{'一二三四'.index(value[0]) + 1}-{area[:4]}{r.randint(2022, 2025)}{seq:04d}"
        if ind_id == "cmmi_level":
            return f"CMMI评估 Appraisal {r.randint(50000, 69999)}"
        if ind_id == "dcmm_level":
            return f"DCMM证书 DCMM{r.randint(2022, 2025)}{area[:4]}{seq:04d}"
        if ind_id.startswith("ccrc"):
            return f"CCRC证书 CCRC-{r.randint(2022, 2025)}-ISV-{'SI' if 'integ' in ind_id else 'SO'}-{seq:04d}"
        if ind_id == "ei_qualification":
            return f"建筑业企业资质证书 D2{area[:4]}{r.randint(1000000, 9999999)}"
        if ind_id.startswith("iso"):
            return f"{ind['name_en'].split(' certified')[0]} 证书 {r.randint(10, 99)}{year % 100}Q{seq:05d}R0M"
        if ind_id == "tax_credit":
            return f"纳税信用评价结果 2024年度 国家税务总局{p['region']}市税务局"
        if ind_id == "credit_rating":
            return f"信用评级报告 {r.choice(AGENCIES)}评〔{year}〕{r.randint(100, 999)}号"
        if ind.get("unit") in ("万元",) or ind_id == "rd_ratio":
            return f"审计报告 {prov}{r.choice('ABCDEFGH')}{r.choice('JKLMNP')}审〔{year}〕{r.randint(10, 400)}号"
        if ind.get("unit") == "人" or ind_id == "certified_staff_ratio":
            return f"社保缴纳证明 {year}年10月 {p['region']}"
        if "satisf" in ind_id:
            return f"满意度调查报告 {year}-{r.randint(1, 40):02d}"
        if ind.get("unit") == "次":
            return f"信用中国查询记录 {year}-11-{r.randint(1, 20):02d}"
        return f"{first_phrase(ind['evidence'])} 附件{r.randint(1, 12)}"


def first_phrase(text):
    """The first document named in an indicator's `evidence` text."""
    for sep in ("、", "（", "及", "或", "，", "与"):
        text = text.split(sep)[0]
    return text


def evidence_rows(credit_key, framework, profiles, key_id, bias, seed):
    rng = random.Random(seed)
    src = Sources(rng)
    dim = dimension_of(framework)
    rows = []
    for p in profiles:
        prng = random.Random(f"{seed}-{p['slug']}")
        fixed = dict(CREDIT[credit_key][p["credit"]])
        fixed["years_in_business"] = p["years"]
        fixed[key_id] = p["key"]
        for flag in [v["indicator"] for v in framework["veto"]]:
            fixed[flag] = "是" if flag in p["veto"] else "否"
        if "om_years" in dict(indicators(framework)):
            fixed["om_years"] = max(1, p["years"] - prng.randint(0, 2))
        fixed.update(p["over"])
        for ind_id, ind in indicators(framework):
            if ind_id in p["na"]:
                value = "n/a"
            elif ind_id in p["missing"]:
                value = ""
            elif ind_id in fixed:
                value = str(fixed[ind_id])
            else:
                shift = bias.get(p["region"], {}).get(dim[ind_id], 0.0)
                u = min(1.0, max(0.0, p["s"] + shift + prng.gauss(0, 0.08)))
                value = value_for(ind, u, prng)
            rows.append([p["slug"], ind_id, value, src(p, ind_id, ind, value)])
    return rows


def write(name, header, rows):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    for n, (prefix, credit_key, toml_name, category, profiles, key_id, bias) in enumerate(CATEGORIES):
        framework = tomllib.loads((ROOT / "indicators" / toml_name).read_text(encoding="utf-8"))
        rows = evidence_rows(credit_key, framework, profiles, key_id, bias, SEED + n)
        write(f"{prefix}-evidence.csv", ["provider", "indicator", "value", "source"], rows)
        write(f"{prefix}-providers.csv", ["provider", "name", "region", "category"],
              [[p["slug"], p["name"], p["region"], category] for p in profiles])
        if prefix == "operations":
            ids = [i for i, _ in indicators(framework)]
            table = {}
            for slug, ind_id, value, _ in rows:
                table.setdefault(slug, {})[ind_id] = value
            write("operations-wide.csv", ["provider", "name", "region"] + ids,
                  [[p["slug"], p["name"], p["region"]] + [table[p["slug"]][i] for i in ids]
                   for p in profiles])
        if prefix == "construction":
            write_self_verified(rows)


# The self/verified pair: ten construction providers. The verified file is what the assessor
# confirmed (the evidence above, minus claims that could not be verified); the self file is what
# the providers declared, with over-claims for some of them.
PAIR = ["huaxin", "hengtong", "lingyun", "yixun", "xunjie", "jiyuan", "zhuoyue", "anke", "runze", "kangda"]
OVERCLAIMS = {  # a string replaces the verified value; a number multiplies it
    "lingyun": {"years_in_business": "6", "net_assets": 2.0},          # would reach regional
    "xunjie": {"cs_level": "CS3", "certified_pms": 1.6, "it_revenue_3y": 1.3},
    "anke": {"cs_level": "CS3", "net_assets": 2.2, "acceptance_pass_rate": "99.5"},
    "runze": {"net_assets": 2.6, "cs_level": "CS2"},
    "kangda": {"cs_level": "CS2", "tax_credit": "A"},
}
UNVERIFIED = {  # declared, but the assessor found no proof: absent from the verified file
    "jiyuan": ["xinchuang_certs", "security_staff"],
    "runze": ["ip_count_3y"],
    "kangda": ["client_satisfaction"],
}


def write_self_verified(rows):
    mine = [r for r in rows if r[0] in PAIR]
    self_rows = []
    for slug, ind_id, value, source in mine:
        claimed = OVERCLAIMS.get(slug, {}).get(ind_id)
        if isinstance(claimed, float):
            claimed = fmt(float(value) * claimed, 0)
        self_rows.append([slug, ind_id, claimed if claimed is not None else value,
                          "企业自评表" if claimed is not None else source])
    verified = [[s, i, v, src] for s, i, v, src in mine if i not in UNVERIFIED.get(s, [])]
    write("construction-self.csv", ["provider", "indicator", "value", "source"], self_rows)
    write("construction-verified.csv", ["provider", "indicator", "value", "source"], verified)


if __name__ == "__main__":
    main()
