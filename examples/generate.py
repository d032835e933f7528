#!/usr/bin/env python3
"""Generate the example evaluation rounds for the frameworks in indicators/.

Deterministic (fixed seed, Python 3.11+ standard library only). Run from the repository root:

    python3 examples/generate.py

A fictional provincial market (浙江 and neighbours) per category, evaluated on the as-of date
2026-06-30. Mostly SMEs: staff sizes follow a skewed distribution (a quarter micro firms under 20
staff, half small firms of 20–99, a fifth medium, a few large). Quality is drawn independently of size,
so small excellent firms exist; reach (other cities and provinces) grows with size and age.

Everything a framework reads about track record comes from a **project ledger** (one row per
contract, `examples/<category>/projects.csv`) and everything about certificates from a
**certificate register** (`examples/<category>/certificates.csv`, with validity dates; some have
expired on the as-of date and do not count). The frameworks derive track record, scope and
certificate levels from these two tables (`[[records]]` + `derive`, SPEC §6), so the evidence
file carries only the declared values. Qualitative items are scored by a five-expert panel: their
rows are in the evidence with an `expert` column (and on their own in `<category>/panel.csv`); the
framework's `panel` takes the mean after dropping the highest and the lowest score. The round
file `examples/<category>/round.toml` names all of these, the as-of date and the previous round.

Certificates follow the schemes they claim: 资信 甲级 only with ≥12 consulting engineers, an
8-year tech lead, 5 years in business and 30 accepted deliverables; EI 一级 only with ≥6 class-1
constructors and net assets ≥2000 万元; CS3+ only after CS2 and with 150+ staff; ITSS 三级 only
with 2+ years of O&M; CMMI ML4–5 and DCMM 4–5 are rare. Vetoes hit a few percent.

Files written (UTF-8, LF):
  <cat>-evidence.csv        long format: provider,indicator,value,source
  <cat>-providers.csv       provider,name,region,category,size,staff,founded and the facts a
                            certificate rests on (consulting engineers; net assets and class-1
                            constructors; years of O&M), so that every grade can be checked
  <cat>/projects.csv        the project ledger (operations: contracts)
  <cat>/certificates.csv    the certificate register
  <cat>/panel.csv           expert-panel scores: provider,indicator,value,expert
  operations-wide.csv       the operations evidence in wide format
  construction-self.csv / construction-verified.csv   a self-declared / assessor-verified pair
                            (the whole round; scored with the same ledgers)
  <cat>/evidence-2025.csv, projects-2025.csv, certificates-2025.csv, results-2025.csv
                            the previous round (as of 2025-06-30) and its `score --format csv`
                            results, for `--previous` and `tierscore trend`
  construction-reweighted.toml   the shipped construction framework with two dimension weights
                            changed (the NEW side of the `diff` example in docs/commands/diff.md)
"""

import csv
import subprocess
import sys

import datetime as dt
from pathlib import Path

sys.dont_write_bytecode = True  # keep examples/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent / "generator"))
from market import CATEGORIES, Market  # noqa: E402  (the model lives in examples/generator/)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples"
AS_OF = dt.date(2026, 6, 30)
PREVIOUS = dt.date(2025, 6, 30)   # the previous round (SPEC §9): its evidence and its results


def write(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    for n, category in enumerate(CATEGORIES):
        market = Market(category, AS_OF, seed=20260630 + n)
        prefix = category["prefix"]
        write(OUT / f"{prefix}-evidence.csv", market.evidence_header(), market.evidence_rows())
        write(OUT / f"{prefix}-providers.csv", market.provider_header(), market.provider_rows())
        write(OUT / prefix / "projects.csv", market.ledger_header(), market.ledger_rows())
        write(OUT / prefix / "certificates.csv", market.register_header(), market.register_rows())
        # the expert scores on their own (they are in the evidence too, with its `expert` column)
        write(OUT / prefix / "panel.csv", ["provider", "indicator", "value", "expert"],
              market.panel_rows())
        write_previous_round(category, n)
        if prefix == "operations":
            # a wide file holds one value per cell: a panel indicator's expert scores cannot be
            # given there, so its column is left out (tests/frameworks.rs compares accordingly)
            # derived indicators come from the ledgers, not from the evidence
            skip = set(market.panel_ids()) | set(market.derived_ids())
            ids = [i for i in market.indicator_ids() if i not in skip]
            table = {}
            for row in market.evidence_rows():
                table.setdefault(row[0], {})[row[1]] = row[2]
            write(OUT / "operations-wide.csv", ["provider", "name", "region"] + ids,
                  [[p.slug, p.name, p.region] + [table[p.slug][i] for i in ids]
                   for p in market.providers])
        if prefix == "construction":
            write_self_verified(market)
            write_reweighted()


# The self/verified pair: the whole construction round. The verified file is what the assessor
# confirmed (the evidence above, minus claims that could not be proved); the self file is what the
# providers declared. Both are scored with the same ledgers (track record and certificates are
# verified row by row), so over-claims are in the declared values: a tax grade from an older year,
# a client rating rounded up, a PM share counting staff without certificates, R&D spending that
# includes ordinary salaries.
def write_self_verified(market):
    rows = market.evidence_rows()
    by_q = sorted(market.providers, key=lambda p: -p.q)
    tax_d = next(p for p in by_q if p.overrides.get("tax_credit") == "D")
    middle = [p for p in by_q[len(by_q) // 3:] if p is not tax_d]
    claims = {
        tax_d.slug: {"tax_credit": "A"},
        middle[0].slug: {"certified_pm_share": "10.0", "client_rating": "95.0"},
        middle[2].slug: {"client_rating": "95.0"},
        middle[4].slug: {"rd_ratio": "6.0", "certified_pm_share": "10.0"},
    }
    unproved = {middle[6].slug: ["xinchuang_certs", "rd_ratio"], middle[8].slug: ["client_rating"]}
    mine = rows      # every provider: the ledgers cover the whole round
    declared = []
    for slug, ind, value, source, *rest in mine:
        claim = claims.get(slug, {}).get(ind)
        declared.append([slug, ind, claim if claim is not None else value,
                         "企业自评表" if claim is not None else source] + rest)
    verified = [r for r in mine if r[1] not in unproved.get(r[0], [])]
    header = market.evidence_header()
    write(OUT / "construction-self.csv", header, declared)
    write(OUT / "construction-verified.csv", header, verified)


def write_previous_round(category, n):
    """The 2025 round of the same market: the same firms (those founded by 2024) with a ledger and
    a register as of 2025-06-30, scored by tierscore itself into `<cat>/results-2025.csv`, the
    result file that `--previous` and `tierscore trend` read. Needs a built binary
    (`cargo build`)."""
    market = Market(category, PREVIOUS, seed=20260630 + n)
    prefix = category["prefix"]
    evidence = OUT / prefix / "evidence-2025.csv"
    write(evidence, market.evidence_header(), market.evidence_rows())
    projects = OUT / prefix / "projects-2025.csv"
    certificates = OUT / prefix / "certificates-2025.csv"
    write(projects, market.ledger_header(), market.ledger_rows())
    write(certificates, market.register_header(), market.register_rows())
    binary = ROOT / "target" / "debug" / "tierscore"
    if not binary.exists():
        raise SystemExit("build tierscore first (cargo build): the 2025 results are scored by it")
    framework = ROOT / "indicators" / category["toml"]
    subprocess.run([str(binary), "--quiet", "score", "-f", str(framework), "-e", str(evidence),
                    "--records", f"projects={projects}", "--records", f"certificates={certificates}",
                    "--as-of", PREVIOUS.isoformat(),
                    "--format", "csv", "-o", str(OUT / prefix / "results-2025.csv")], check=True)


def write_reweighted():
    """The NEW side of the `tierscore diff` example in docs/commands/diff.md: the shipped
    construction framework with two dimension weights changed."""
    text = (ROOT / "indicators" / "construction.toml").read_text(encoding="utf-8")
    for dim, old, new in REWEIGHT:
        head = f'[[dimension]]\nid = "{dim}"\n'
        start = text.index(head)
        at = text.index(f"weight = {old}\n", start)
        text = text[:at] + f"weight = {new}  # construction.toml: {old}\n" + text[at + len(f"weight = {old}\n"):]
    note = ("# The shipped construction framework (indicators/construction.toml) with two dimension weights\n"
            "# changed, " + " and ".join(f"{d} {o} → {n}" for d, o, n in REWEIGHT)
            + ": the NEW side of the `tierscore diff`\n# example in docs/commands/diff.md. Written by"
            " examples/generate.py.\n")
    (OUT / "construction-reweighted.toml").write_text(note + text, encoding="utf-8")


REWEIGHT = [("capability", 20, 15), ("scope", 15, 20)]


if __name__ == "__main__":
    main()
