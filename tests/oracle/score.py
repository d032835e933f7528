#!/usr/bin/env python3
"""An independent re-implementation of SPEC §2 and §6–§9 scoring, used only to derive test expectations.

tests/frameworks.rs pins exact rows of the shipped example rounds; those numbers were computed with
this script, not pasted from tierscore's own output. It covers what the shipped frameworks use:
record tables (count, count_distinct, max, share; `within` windows and `where`), certificate
validity on the as-of date (inclusive at both ends), expert panels (trimmed mean of five),
linear/bands/levels/boolean rules, `missing = "zero"`, `n/a` renormalisation, tier conditions,
vetoes, `required` (incomplete), progression caps against the previous results, and competition
ranking.

    python3 tests/oracle/score.py construction construction      # examples/<cat>/round.toml inputs
    python3 tests/oracle/score.py construction construction examples/construction-self.csv

prints `rank,provider,total,tier,<dimensions>,missing,vetoed_by` like `score --format csv`.
"""
import math, csv, sys, tomllib, datetime as dt
import os
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '')
def D(s): return dt.date.fromisoformat(s) if s else None
def num(s):
    s = s.strip()
    return float(s[:-1]) if s.endswith('%') else float(s)
def boolv(s): return s.strip().lower() in ('true','yes','y','1','是','有')

def run(fw_path, ev_path, ledgers, as_of, previous=None):
    fw = tomllib.load(open(root + fw_path, 'rb'))
    inds = [(d, i) for d in fw['dimension'] for i in d['indicator']]
    tables = {t['id']: t for t in fw.get('records', [])}
    rows = {}
    for tid, path in ledgers.items():
        t = tables[tid]
        for r in csv.DictReader(open(root + path, encoding='utf-8')):
            typed = {}
            for f, ty in t['fields'].items():
                v = r[f].strip()
                typed[f] = None if v == '' else (num(v) if ty == 'number' else D(v.replace('/', '-')) if ty == 'date' else boolv(v) if ty == 'boolean' else v)
            if 'valid_until' in typed and typed['valid_until'] and typed['valid_until'] < as_of: continue
            if 'valid_from' in typed and typed['valid_from'] and typed['valid_from'] > as_of: continue
            rows.setdefault((tid, r['provider']), []).append(typed)
    ev, experts, provs = {}, {}, []
    for r in csv.DictReader(open(root + ev_path, encoding='utf-8')):
        if r['provider'] not in provs: provs.append(r['provider'])
        if r.get('expert'):
            experts.setdefault((r['provider'], r['indicator']), []).append(num(r['value']))
        else:
            ev[(r['provider'], r['indicator'])] = r['value'].strip()
    def derived(p, spec):
        rs = rows.get((spec['records'], p), [])
        w = spec.get('within')
        if w:
            y = as_of.year - w['years']
            lo = dt.date(y, as_of.month, min(as_of.day, 28) if as_of.month == 2 and as_of.day == 29 else as_of.day)
            rs = [r for r in rs if r[w['field']] and lo < r[w['field']] <= as_of]
        for c in spec.get('where', []):
            if 'equals' in c: rs = [r for r in rs if r[c['field']] == c['equals']]
            if 'at_least' in c: rs = [r for r in rs if r[c['field']] is not None and r[c['field']] >= c['at_least']]
        a, f = spec['aggregate'], spec.get('field')
        if f: rs = [r for r in rs if r[f] is not None]
        if a == 'count': return len(rs)
        if a == 'count_distinct': return len({r[f] for r in rs})
        if not rs: return None
        vals = [r[f] for r in rs]
        if a == 'max': return max(vals)
        if a == 'share': return 100.0 * sum(1 for v in vals if v) / len(vals)
        raise ValueError(a)
    def s_of(i, v):
        sc = i['score']
        if v is None: return None
        k = sc['kind']
        if k == 'linear':
            return max(0.0, min(1.0, (v - sc['floor']) / (sc['target'] - sc['floor'])))
        if k == 'bands':
            if sc.get('direction', 'higher') == 'higher':
                ok = [s for t, s in sc['bands'] if v >= t]; return ok[-1] if ok else 0.0
            ok = [s for t, s in sc['bands'] if v <= t]; return ok[0] if ok else 0.0
        if k == 'levels': return sc['levels'][v]
        if k == 'boolean': return 1.0 if v else 0.0
    out = {}
    for p in provs:
        vals, ss, missing = {}, {}, 0
        for d, i in inds:
            if 'derive' in i: v = derived(p, i['derive'])
            elif 'panel' in i:
                xs = sorted(experts.get((p, i['id']), []))
                v = sum(xs[1:-1]) / (len(xs) - 2) if len(xs) >= 5 else None
            else:
                raw = ev.get((p, i['id']), '')
                if raw == '': v = None
                elif raw.lower() in ('n/a', 'na', '不适用'): v = 'na'
                elif i['score']['kind'] == 'levels': v = raw
                elif i['score']['kind'] == 'boolean': v = boolv(raw)
                else: v = num(raw)
            vals[i['id']] = v
            if v == 'na': ss[i['id']] = 'na'
            else:
                s = s_of(i, v)
                if s is None:
                    s = 0.0
                    if i['weight'] > 0 or True: missing += 1
                ss[i['id']] = s
        dims = {}
        for d in fw['dimension']:
            num_, den = 0.0, 0.0
            for i in d['indicator']:
                if ss[i['id']] == 'na': continue
                num_ += i['weight'] * ss[i['id']]; den += i['weight']
            dims[d['id']] = 100 * num_ / den if den else None
        tw = sum(d['weight'] for d in fw['dimension'] if dims[d['id']] is not None)
        total = sum(d['weight'] * dims[d['id']] for d in fw['dimension'] if dims[d['id']] is not None) / tw
        vetoed = [v['indicator'] for v in fw.get('veto', []) if vals[v['indicator']] is True]
        def holds(c):
            if 'dimension' in c: return dims[c['dimension']] >= c['at_least'] - 1e-9
            v = vals[c['indicator']]
            ind = next(i for _, i in inds if i['id'] == c['indicator'])
            if v is None: return False
            if ind['score']['kind'] == 'levels':
                return ind['score']['levels'][v] >= ind['score']['levels'][c['at_least']] - 1e-9
            return v >= c['at_least'] - 1e-9
        tier = 'none'
        for t in fw['tier']:
            if total >= t['min_total'] - 1e-9 and all(holds(c) for c in t.get('require', [])):
                tier = t['id']; break
        req_missing = [i['id'] for _, i in inds if i.get('required') and vals[i['id']] in (None, 'na')]
        order = [t['id'] for t in fw['tier']]
        if previous is not None and tier in order and 'progression' in fw:
            pr = fw['progression']; before = previous.get(p)
            if before not in order:
                cap = pr['first_time_at_most']
                if order.index(tier) < order.index(cap): tier = cap
            else:
                best = order.index(before) - pr['step_up_at_most']
                if order.index(tier) < best: tier = order[best]
        if req_missing: tier = 'incomplete'
        if vetoed: tier = 'vetoed'
        out[p] = (total, tier, [dims[d['id']] for d in fw['dimension']], missing, vetoed)
    return out



def r2(x):
    return f"{math.floor(x * 100 + 0.5 + 1e-9) / 100:.2f}"


if __name__ == "__main__":
    cat, fwf = sys.argv[1], sys.argv[2]
    evidence = sys.argv[3] if len(sys.argv) > 3 else f"examples/{cat}-evidence.csv"
    prev = {r["provider"]: r["tier"]
            for r in csv.DictReader(open(root + f"examples/{cat}/results-2025.csv", encoding="utf-8"))}
    ledgers = {"projects": f"examples/{cat}/projects.csv", "certificates": f"examples/{cat}/certificates.csv"}
    m = run(f"indicators/{fwf}.toml", evidence, ledgers, dt.date(2026, 6, 30), prev)
    fw = tomllib.load(open(root + f"indicators/{fwf}.toml", "rb"))
    print("rank,provider,total,tier," + ",".join(d["id"] for d in fw["dimension"]) + ",missing,vetoed_by")
    order = sorted(m, key=lambda p: (-m[p][0], p))
    for p in order:
        t, tier, dims, missing, vetoed = m[p]
        rank = 1 + sum(1 for q in m if m[q][0] > t + 1e-9)
        print(f"{rank},{p},{r2(t)},{tier}," + ",".join(r2(d) for d in dims) + f",{missing},{';'.join(vetoed)}")
