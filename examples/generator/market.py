"""The fictional provincial market behind the examples: providers, ledgers, registers, panels.

See generate.py for what is modelled and why. Each category's specifics (what a provider declares,
which certificates it can hold) live in its own module: planning.py, construction.py, operations.py.
"""

import datetime as dt
import math
import random
import tomllib
from pathlib import Path

import construction
import geo
import operations
import planning

ROOT = Path(__file__).resolve().parents[2]

CATEGORIES = [
    {"prefix": "planning", "toml": "planning-consulting.toml", "label": "规划咨询", "count": 30,
     "model": planning},
    {"prefix": "construction", "toml": "construction.toml", "label": "建设实施", "count": 42,
     "model": construction},
    {"prefix": "operations", "toml": "operations.toml", "label": "运营运维", "count": 34,
     "model": operations},
]

SIZES = [  # (class, share of firms, staff range)
    ("micro", 0.20, (8, 19)),
    ("small", 0.46, (20, 99)),
    ("medium", 0.25, (100, 299)),
    ("large", 0.09, (300, 1200)),
]
LEVEL_RANK = {"企业": 1, "县级": 2, "市级": 3, "省级": 4, "国家级": 5}
WINDOW_START = dt.date(2021, 7, 1)


class Provider:
    """One fictional firm: who it is and the traits its records are drawn from."""

    def __init__(self, rng, slug, stem, suffix, as_of, founding_year):
        self.slug = slug
        self.region = geo.home_city(rng)
        self.name = f"{self.region}{stem}{suffix}"
        self.size = rng.choices([s[0] for s in SIZES], [s[1] for s in SIZES])[0]
        lo, hi = dict((s[0], s[2]) for s in SIZES)[self.size]
        self.staff = int(round(math.exp(rng.uniform(math.log(lo), math.log(hi + 1)))))
        young = {"micro": 6, "small": 10, "medium": 16, "large": 22}[self.size]
        self.age = max(1, min(28, int(rng.triangular(1, young + 6, young))))
        self.founded = founding_year - self.age     # the same firm in every round
        self.q = rng.betavariate(5, 2)            # delivery quality, independent of size
        self.inn = rng.uniform(0.3, 1.5)          # leaning towards data / AI work
        base = {"micro": 0.08, "small": 0.25, "medium": 0.55, "large": 0.85}[self.size]
        self.reach = min(1.0, base * min(1.0, self.age / 6) + rng.uniform(0, 0.15))
        self.facts = {}                           # category-specific attributes
        self.values = {}                          # declared evidence values
        self.veto = set()
        self.overrides = {}


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, min(d.day, 28))


def in_window(date, as_of, years=3):
    """SPEC §6 window: as_of − years < date ≤ as_of (an empty date is outside)."""
    if date is None:
        return False
    start = dt.date(as_of.year - years, as_of.month, min(as_of.day, 28 if as_of.month == 2 else 31))
    return start < date <= as_of


class Market:
    """One category's market on one as-of date."""

    def __init__(self, category, as_of, seed, founding_year=2026):
        self.category = category
        self.model = category["model"]
        self.as_of = as_of
        self.rng = random.Random(seed)
        self.framework = tomllib.loads((ROOT / "indicators" / category["toml"]).read_text("utf-8"))
        stems = geo.names(self.rng, category["count"], self.model.SUFFIXES)
        self.providers = [Provider(self.rng, s, st, suf, as_of, founding_year) for s, st, suf in stems]
        # a firm founded after the as-of year was not there to be evaluated
        self.providers = [p for p in self.providers if p.founded < as_of.year]
        self.providers.sort(key=lambda p: p.slug)
        self.ledger, self.register, self.panel = [], [], []
        for p in self.providers:
            self.model.traits(self.rng, p)
            self.ledger += self.projects(p)
        self.model.special(self.rng, self.providers)
        for p in self.providers:
            mine = [r for r in self.ledger if r["provider"] == p.slug]
            self.register += self.model.certificates(self.rng, p, mine, as_of)
            p.values.update(self.model.derived(mine, as_of))
            p.values.update(self.certificate_values(p))
            p.values.update(self.model.declared(self.rng, p))
            for ind, truth in self.model.PANEL.items():
                p.values[ind] = self.expert_panel(p, ind, truth(p))
            p.values.update(p.overrides)

    # --- ledgers ------------------------------------------------------------------------------
    def projects(self, p):
        rng, m = self.rng, self.model
        start = max(WINDOW_START, dt.date(p.founded, 1, 1))
        years = max(0.5, (self.as_of - start).days / 365.25)
        count = min(m.MAX_ROWS, max(1, round(rng.gauss(1, 0.15) * m.RATE * p.staff ** 0.85 * years)))
        lead_p = {"micro": 0.55, "small": 0.7, "medium": 0.8, "large": 0.85}[p.size]
        rows = []
        for k in range(count):
            city = p.region if rng.random() > 0.8 * p.reach else geo.other_city(rng, p.region, p.reach)
            level = rng.choices(list(m.LEVELS), list(m.LEVELS.values()))[0]
            if level in ("省级", "国家级") and p.size in ("micro", "small"):
                level = "市级"
            county = ""
            if level == "县级":
                options = geo.counties_of(city)
                county = rng.choice(options) if options else ""
                level = "县级" if county else "市级"
            signed = start + dt.timedelta(days=rng.randrange(max(1, (self.as_of - start).days)))
            row = {
                "provider": p.slug,
                "contract_no": f"{geo.area_of(city)[:4]}-{signed.year}-{p.slug[:3].upper()}{k + 1:03d}",
                "city": city, "province": geo.province_of(city), "county": county,
                "level": level, "level_rank": LEVEL_RANK[level],
                "role": "lead" if rng.random() < lead_p else "member",
                "theme": m.theme(rng, p),
            }
            row.update(m.outcome(rng, p, row, signed, self.as_of))
            rows.append(row)
        rows.sort(key=lambda r: r["contract_no"])
        return rows

    def ledger_header(self):
        return ["provider"] + self.model.LEDGER_FIELDS

    def ledger_rows(self):
        return [[cell(r.get(f)) for f in self.ledger_header()] for r in self.ledger]

    def register_header(self):
        return ["provider", "cert_no", "scheme", "level", "level_rank", "specialty", "valid_from",
                "valid_until"]

    def register_rows(self):
        return [[cell(r[f]) for f in self.register_header()] for r in self.register]

    def certificate_values(self, p):
        """The best valid certificate per scheme on the as-of date ("无" / "否" when none is)."""
        out = {}
        for ind, (scheme, specialty, order) in self.model.CERTS.items():
            valid = [r for r in self.register if r["provider"] == p.slug and r["scheme"] == scheme
                     and (specialty is None or r["specialty"] == specialty)
                     and r["valid_from"] <= self.as_of <= r["valid_until"]]
            if not order:                          # a certificate without levels
                out[ind] = "是" if valid else "否"
                continue
            best = max((order.index(r["level"]) for r in valid), default=None)
            out[ind] = "无" if best is None else order[best]
        return out

    # --- expert panel -------------------------------------------------------------------------
    def expert_panel(self, p, ind, truth):
        """Five experts score around the truth; the value is the trimmed mean (drop max and min)."""
        experts = self.rng.sample([f"E{k:02d}" for k in range(1, 10)], 5)
        scores = []
        for e in sorted(experts):
            leniency = (int(e[1:]) - 5) * 0.8          # E01 strict … E09 lenient
            s = max(0, min(100, round(truth + leniency + self.rng.gauss(0, 5))))
            scores.append(s)
            self.panel.append([p.slug, ind, str(s), e])
        kept = sorted(scores)[1:-1]
        return f"{sum(kept) / len(kept):.2f}"

    def panel_rows(self):
        return self.panel

    # --- evidence -----------------------------------------------------------------------------
    def indicator_ids(self):
        return [i["id"] for d in self.framework["dimension"] for i in d["indicator"]]

    def derived_ids(self):
        """Indicators the framework derives from the ledgers (`derive`, SPEC §6): not in the evidence."""
        return [i["id"] for d in self.framework["dimension"] for i in d["indicator"] if "derive" in i]

    def panel_ids(self):
        """Indicators the framework scores by an expert panel (`panel = {…}`, SPEC §8)."""
        return [i["id"] for d in self.framework["dimension"] for i in d["indicator"] if "panel" in i]

    def evidence_header(self):
        extra = ["expert"] if self.panel_ids() else []
        return ["provider", "indicator", "value", "source"] + extra

    def evidence_rows(self):
        """Long rows; a panel indicator gets one row per expert (with the `expert` column)."""
        rows = []
        vetoes = [v["indicator"] for v in self.framework["veto"]]
        panels = self.panel_ids()
        derived = set(self.derived_ids())
        pad = [""] if panels else []
        for p in self.providers:
            for ind in self.indicator_ids():
                if ind in derived:
                    continue
                if ind in panels:
                    for slug, pind, score, expert in self.panel:
                        if slug == p.slug and pind == ind:
                            rows.append([slug, ind, score, "专家评分表", expert])
                    continue
                if ind in vetoes:
                    value = "是" if ind in p.veto else "否"
                    value = p.overrides.get(ind, value)
                else:
                    value = p.values.get(ind, "")
                rows.append([p.slug, ind, value, self.model.source(p, ind, value, self.as_of)] + pad)
        return rows

    def provider_header(self):
        return ["provider", "name", "region", "category", "size", "staff", "founded"] + self.model.FACTS

    def provider_rows(self):
        return [[p.slug, p.name, p.region, self.category["label"], p.size, p.staff, p.founded]
                + [p.facts[f] for f in self.model.FACTS] for p in self.providers]


def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)
