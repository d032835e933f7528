//! Gaps (找短板、找差距): what a scored provider lacks for its target tier, and
//! which single indicators would lift its total the most.
//!
//! Pure computation on a scored [`Run`], no I/O. Totals are recomputed from the
//! indicator scores with one score changed, by the same arithmetic as
//! [`crate::score`], so every "what if" is exact under every missing policy.

use crate::evidence::Evidence;
use crate::framework::{Comparison, Condition, Framework, Subject};
use crate::rule::{Cell, Direction, Range, Rule, Value};
use crate::score::{self, IndicatorScore, ProviderScore, Scores, TOLERANCE};
use crate::tier::{self, Assigned, CheckKind, Status};

/// One provider's gap to its target tier.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Index into [`Scores::providers`].
    pub provider: usize,
    /// The tier it has now.
    pub current: Assigned,
    /// The tier it aims for (index into [`Framework::tiers`]); `None` at the top.
    pub target: Option<usize>,
    /// For a vetoed provider, the tier its scores reach when vetoes are ignored.
    pub unvetoed: Option<usize>,
    /// Its total now.
    pub total: f64,
    /// Vetoes first, then the target's conditions that do not hold.
    pub unmet: Vec<Unmet>,
    /// Indicators with s < 1, most points first (empty when there is no target).
    pub opportunities: Vec<Opportunity>,
}

/// The kind of an unmet condition (the `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnmetKind {
    /// `min_total`.
    Total,
    /// `min_each_dimension`, for one dimension.
    EachDimension,
    /// A `[[tier.require]]` on a dimension score.
    Dimension,
    /// A `[[tier.require]]` on an indicator's raw value.
    Indicator,
    /// A triggered 一票否决.
    Veto,
}

impl UnmetKind {
    /// The name printed in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            UnmetKind::Total => "total",
            UnmetKind::EachDimension => "each_dimension",
            UnmetKind::Dimension => "dimension",
            UnmetKind::Indicator => "indicator",
            UnmetKind::Veto => "veto",
        }
    }
}

/// What an unmet condition is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The total.
    Total,
    /// A dimension (index into [`Framework::dimensions`]).
    Dimension(usize),
    /// An indicator (index into [`Framework::indicators`]).
    Indicator(usize),
}

impl Item {
    /// The id printed in outputs: `total`, or the dimension or indicator id.
    pub fn id<'f>(&self, fw: &'f Framework) -> &'f str {
        match self {
            Item::Total => "total",
            Item::Dimension(d) => &fw.dimensions[*d].id,
            Item::Indicator(k) => &fw.indicators[*k].id,
        }
    }
}

/// A condition of the target tier that does not hold, or a triggered veto.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmet {
    /// Which kind of condition.
    pub kind: UnmetKind,
    /// What it is about.
    pub item: Item,
    /// The comparison, for `dimension`, `indicator` and `veto` entries.
    pub comparison: Option<Comparison>,
    /// The value now (`None` when missing or left out).
    pub current: Option<Value>,
    /// The value the condition asks for (`None` for vetoes).
    pub required: Option<Value>,
    /// required − current (`at_least`) or current − required (`at_most`), in the
    /// compared unit (levels: the levels' scores); `None` for `equals`, vetoes and
    /// missing values.
    pub shortfall: Option<f64>,
    /// The veto (index into [`Framework::vetoes`]) for `veto` entries.
    pub veto: Option<usize>,
}

/// An indicator whose s < 1: how much it could add to the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    /// Index into [`Framework::indicators`].
    pub indicator: usize,
    /// The value now (`None` when missing).
    pub value: Option<Value>,
    /// s now (`None` when missing under `exclude`).
    pub score: Option<f64>,
    /// How much the total rises if this indicator alone reaches s = 1.
    pub points_available: f64,
    /// The least-change value of this indicator alone that lifts the total to the
    /// target's `min_total`; `None` when it cannot, or when the total is enough.
    pub value_needed: Option<Value>,
}

/// A scored run: the framework, the evidence and the scores made from them.
#[derive(Debug, Clone)]
pub struct Run<'a> {
    fw: &'a Framework,
    evidence: &'a Evidence,
    scores: &'a Scores,
    /// Per `relative` indicator, its two smallest and two largest values.
    extremes: Vec<Option<Extremes>>,
}

impl<'a> Run<'a> {
    /// Prepares a run for gap analysis (one pass over the evidence).
    pub fn new(fw: &'a Framework, evidence: &'a Evidence, scores: &'a Scores) -> Self {
        let extremes = fw
            .indicators
            .iter()
            .enumerate()
            .map(|(k, ind)| {
                matches!(ind.rule, Rule::Relative { .. }).then(|| Extremes::of(evidence, k))
            })
            .collect();
        Run {
            fw,
            evidence,
            scores,
            extremes,
        }
    }
}

/// The two smallest and two largest values of one indicator over a run, with
/// the providers holding them, so that "the range without provider p" costs
/// nothing per provider.
#[derive(Debug, Clone, Default)]
struct Extremes {
    low: Vec<(f64, usize)>,
    high: Vec<(f64, usize)>,
}

impl Extremes {
    fn of(evidence: &Evidence, k: usize) -> Self {
        let mut e = Extremes::default();
        for j in 0..evidence.providers.len() {
            if let Cell::Value(Value::Number(v)) = evidence.cell(j, k) {
                keep_two(&mut e.low, (*v, j), |a, b| a < b);
                keep_two(&mut e.high, (*v, j), |a, b| a > b);
            }
        }
        e
    }

    /// Min and max over every provider but `p`.
    fn without(&self, p: usize) -> Option<Range> {
        let pick = |side: &[(f64, usize)]| side.iter().find(|(_, j)| *j != p).map(|(v, _)| *v);
        Some(Range {
            min: pick(&self.low)?,
            max: pick(&self.high)?,
        })
    }
}

/// Keeps the two best entries of `side` by `better`.
fn keep_two(side: &mut Vec<(f64, usize)>, entry: (f64, usize), better: fn(f64, f64) -> bool) {
    let at = side.iter().position(|e| better(entry.0, e.0));
    match at {
        Some(i) => side.insert(i, entry),
        None => side.push(entry),
    }
    side.truncate(2);
}

/// One provider of a run, with its per-indicator details.
struct Case<'r, 'a> {
    run: &'r Run<'a>,
    p: &'a ProviderScore,
    cells: &'a [Cell],
    indicators: Vec<IndicatorScore>,
    base: Vec<Option<f64>>,
}

impl<'r, 'a> Case<'r, 'a> {
    fn new(run: &'r Run<'a>, i: usize) -> Self {
        let p = &run.scores.providers[i];
        let indicators = score::indicator_scores(run.fw, run.evidence, &run.scores.ranges, p);
        Case {
            run,
            p,
            cells: run.evidence.cells(p.index),
            base: indicators.iter().map(|s| s.score).collect(),
            indicators,
        }
    }

    /// The total with indicator `k` at s (`None`: as it is).
    fn total_with(&self, change: Option<(usize, f64)>) -> f64 {
        total_with(self.run.fw, &self.base, change)
    }
}

/// The gaps of every provider of the run, in score order. `target` overrides
/// each provider's target tier.
pub fn gaps(run: &Run, target: Option<usize>) -> Vec<Gap> {
    (0..run.scores.providers.len())
        .map(|i| gap(run, i, target))
        .collect()
}

/// The gap of provider `i` of the run's scores.
pub fn gap(run: &Run, i: usize, target: Option<usize>) -> Gap {
    let fw = run.fw;
    let case = Case::new(run, i);
    let p = case.p;
    let unvetoed = match p.tier.assigned {
        Assigned::Vetoed => unvetoed_tier(fw, p, case.cells),
        _ => None,
    };
    let target = target.or_else(|| default_target(fw, p, unvetoed));
    let mut unmet: Vec<Unmet> = p
        .tier
        .vetoes
        .iter()
        .map(|&v| veto_entry(fw, p, case.cells, v))
        .collect();
    let mut opportunities = Vec::new();
    if let Some(t) = target {
        unmet.extend(unmet_conditions(fw, p, case.cells, t));
        opportunities = find_opportunities(&case, fw.tiers[t].min_total);
    }
    Gap {
        provider: i,
        current: p.tier.assigned,
        target,
        unvetoed,
        total: p.total,
        unmet,
        opportunities,
    }
}

/// The next tier up; for a vetoed provider, the tier its scores reach without
/// the veto (`unvetoed`), or the lowest tier when they reach none; `None` at the top.
pub fn default_target(fw: &Framework, p: &ProviderScore, unvetoed: Option<usize>) -> Option<usize> {
    let lowest = fw.tiers.len().checked_sub(1);
    match p.tier.assigned {
        Assigned::Tier(t) => t.checked_sub(1),
        Assigned::None => lowest,
        Assigned::Vetoed => unvetoed.or(lowest),
    }
}

/// The tier a provider's scores reach when vetoes are ignored.
pub fn unvetoed_tier(fw: &Framework, p: &ProviderScore, cells: &[Cell]) -> Option<usize> {
    (0..fw.tiers.len()).find(|&t| {
        tier::checks(fw, p, cells, t)
            .iter()
            .all(|c| c.status != Status::Failed)
    })
}

fn veto_entry(fw: &Framework, p: &ProviderScore, cells: &[Cell], v: usize) -> Unmet {
    let condition = &fw.vetoes[v].condition;
    Unmet {
        kind: UnmetKind::Veto,
        item: subject_item(&condition.subject),
        comparison: Some(condition.comparison.clone()),
        current: tier::evaluate(fw, condition, p, cells).1,
        required: None,
        shortfall: None,
        veto: Some(v),
    }
}

fn subject_item(subject: &Subject) -> Item {
    match subject {
        Subject::Indicator(k) => Item::Indicator(*k),
        Subject::Dimension(d) => Item::Dimension(*d),
    }
}

/// Every condition of tier `t` that fails for `p`, in the tier's order.
pub fn unmet_conditions(fw: &Framework, p: &ProviderScore, cells: &[Cell], t: usize) -> Vec<Unmet> {
    let tier = &fw.tiers[t];
    let number_gap = |current: Option<&Value>, bound: f64| Unmet {
        kind: UnmetKind::Total,
        item: Item::Total,
        comparison: None,
        current: current.cloned(),
        required: Some(Value::Number(bound)),
        shortfall: match current {
            Some(Value::Number(n)) => Some(snap(bound - n)),
            _ => None,
        },
        veto: None,
    };
    tier::checks(fw, p, cells, t)
        .into_iter()
        .filter(|c| c.status == Status::Failed)
        .map(|c| match c.kind {
            CheckKind::Total => number_gap(c.current.as_ref(), tier.min_total),
            CheckKind::EachDimension(d) => Unmet {
                kind: UnmetKind::EachDimension,
                item: Item::Dimension(d),
                ..number_gap(c.current.as_ref(), tier.min_each_dimension.unwrap_or(0.0))
            },
            CheckKind::Require(r) => require_entry(fw, &tier.require[r], c.current),
        })
        .collect()
}

fn require_entry(fw: &Framework, c: &Condition, current: Option<Value>) -> Unmet {
    let (kind, rule) = match c.subject {
        Subject::Indicator(k) => (UnmetKind::Indicator, Some(&fw.indicators[k].rule)),
        Subject::Dimension(_) => (UnmetKind::Dimension, None),
    };
    let compared = current.as_ref().and_then(|v| match rule {
        Some(r) => r.comparable(v),
        None => match v {
            Value::Number(n) => Some(*n),
            _ => None,
        },
    });
    let shortfall = match (&c.comparison, compared) {
        (Comparison::AtLeast(bound), Some(n)) => Some(snap(bound - n)),
        (Comparison::AtMost(bound), Some(n)) => Some(snap(n - bound)),
        _ => None,
    };
    Unmet {
        kind,
        item: subject_item(&c.subject),
        comparison: Some(c.comparison.clone()),
        current,
        required: Some(required_value(rule, c)),
        shortfall,
        veto: None,
    }
}

/// The threshold of a condition as a value: a level's label when it was written
/// as one, else the number or the expected value.
fn required_value(rule: Option<&Rule>, c: &Condition) -> Value {
    match (&c.comparison, rule) {
        (Comparison::Equals(v), _) => v.clone(),
        (Comparison::AtLeast(_) | Comparison::AtMost(_), Some(Rule::Levels { levels }))
            if levels.contains_key(&c.written) =>
        {
            Value::Label(c.written.clone().into())
        }
        (Comparison::AtLeast(b) | Comparison::AtMost(b), _) => Value::Number(*b),
    }
}

/// Every weighted indicator with s < 1 (or missing), most points first.
fn find_opportunities(case: &Case, min_total: f64) -> Vec<Opportunity> {
    let fw = case.run.fw;
    let base = case.total_with(None);
    let short = case.p.total < min_total - TOLERANCE;
    let mut out: Vec<Opportunity> = (0..fw.indicators.len())
        .filter(|&k| improvable(fw, &case.indicators[k], k))
        .map(|k| {
            let top = case.total_with(Some((k, 1.0)));
            let reachable = top >= min_total - TOLERANCE;
            Opportunity {
                indicator: k,
                value: case.indicators[k].value().cloned(),
                score: case.indicators[k].score,
                points_available: snap((top - base).max(0.0)),
                value_needed: (short && reachable)
                    .then(|| value_needed(case, k, min_total))
                    .flatten(),
            }
        })
        .collect();
    let key = |o: &Opportunity| (o.points_available / TOLERANCE).round() as i64;
    out.sort_by(|a, b| {
        key(b).cmp(&key(a)).then_with(|| {
            fw.indicators[a.indicator]
                .id
                .cmp(&fw.indicators[b.indicator].id)
        })
    });
    out
}

/// Weighted, applicable, and either below s = 1 or missing.
fn improvable(fw: &Framework, s: &IndicatorScore, k: usize) -> bool {
    let ind = &fw.indicators[k];
    ind.weight > 0.0
        && fw.dimensions[ind.dimension].weight > 0.0
        && !s.not_applicable()
        && (s.missing || s.score.is_some_and(|v| v < 1.0 - TOLERANCE))
}

/// The total from per-indicator scores (`None`: left out), with indicator `k`
/// at s instead when `change` says so. The arithmetic of [`crate::score`], in
/// the same order of operations: weights renormalised over what is scored, at
/// each level.
pub fn total_with(fw: &Framework, scores: &[Option<f64>], change: Option<(usize, f64)>) -> f64 {
    let score_of = |k: usize| match change {
        Some((c, s)) if c == k => Some(s),
        _ => scores[k],
    };
    let dimensions: Vec<Option<f64>> = fw
        .dimensions
        .iter()
        .map(|d| {
            let (mut sum, mut weights) = (0.0, 0.0);
            for k in d.indicators.clone() {
                if let Some(s) = score_of(k) {
                    sum += fw.indicators[k].weight * s;
                    weights += fw.indicators[k].weight;
                }
            }
            (weights > 0.0).then(|| (100.0 * sum / weights).clamp(0.0, 100.0))
        })
        .collect();
    let weight_sum: f64 = fw
        .dimensions
        .iter()
        .zip(&dimensions)
        .filter(|(_, s)| s.is_some())
        .map(|(d, _)| d.weight)
        .sum();
    if weight_sum <= 0.0 {
        return 0.0;
    }
    fw.dimensions
        .iter()
        .zip(&dimensions)
        .filter_map(|(d, s)| s.map(|s| s * (d.weight / weight_sum)))
        .sum::<f64>()
        .clamp(0.0, 100.0)
}

/// The least-change value of indicator `k` alone that brings the total to
/// `min_total`, or `None` when no value does.
fn value_needed(case: &Case, k: usize, min_total: f64) -> Option<Value> {
    let rule = &case.run.fw.indicators[k].rule;
    let enough = |s: f64| case.total_with(Some((k, s))) >= min_total - TOLERANCE;
    let low = case.total_with(Some((k, 0.0)));
    let high = case.total_with(Some((k, 1.0)));
    // The total is affine in s between these two ends.
    let s_needed = if high - low > 0.0 {
        ((min_total - low) / (high - low)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let others = others_range(case, k);
    let value = match rule {
        Rule::Linear { floor, target } => Some(Value::Number(floor + s_needed * (target - floor))),
        Rule::Bands { bands, direction } => {
            let sufficient = |b: &&(f64, f64)| enough(b.1);
            match direction {
                Direction::Higher => bands.iter().find(sufficient),
                Direction::Lower => bands.iter().rev().find(sufficient),
            }
            .map(|b| Value::Number(b.0))
        }
        Rule::Boolean => enough(1.0).then_some(Value::Bool(true)),
        Rule::Levels { levels } => {
            let mut labels: Vec<(&String, f64)> = levels.iter().map(|(l, s)| (l, *s)).collect();
            labels.sort_by(|a, b| a.1.total_cmp(&b.1));
            labels
                .into_iter()
                .find(|(_, s)| enough(*s))
                .map(|(l, _)| Value::Label(l.clone().into()))
        }
        Rule::Relative { direction } => others.map(|r| {
            Value::Number(match direction {
                Direction::Higher => r.min + s_needed * (r.max - r.min),
                Direction::Lower => r.max - s_needed * (r.max - r.min),
            })
        }),
    };
    // Check the value as the engine would score it: for `relative`, in the
    // range the run would have with this value in place of the provider's own.
    let works = |v: &Value| {
        let range = match v {
            Value::Number(n) => Some(others.map_or(Range { min: *n, max: *n }, |r| Range {
                min: r.min.min(*n),
                max: r.max.max(*n),
            })),
            _ => None,
        };
        enough(rule.score(v, range))
    };
    match value? {
        Value::Number(n) => [snap(n), n]
            .into_iter()
            .map(Value::Number)
            .find(|v| works(v)),
        other => works(&other).then_some(other),
    }
}

/// Rounds to the 1e-9 precision decisions use, so that 50 − 43.7 reads 6.3
/// rather than 6.299999999999997.
pub fn snap(x: f64) -> f64 {
    // Dividing a whole number by 1e9 (exact in binary) gives the nearest double.
    let snapped = (x * 1e9).round() / 1e9;
    if snapped == 0.0 { 0.0 } else { snapped }
}

/// Min and max of `relative` indicator `k` over every provider of the run but
/// this one: a value is solved against them, so the range moving with the
/// provider's own value is accounted for.
fn others_range(case: &Case, k: usize) -> Option<Range> {
    case.run.extremes[k].as_ref()?.without(case.p.index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence;
    use crate::framework::load_str;
    use crate::score;

    const FIXTURE: &str = include_str!("../tests/fixtures/gap/gap.toml");
    const EVIDENCE: &str = include_str!("../tests/fixtures/gap/evidence.csv");

    struct Fixture {
        fw: Framework,
        evidence: Evidence,
        scores: Scores,
    }

    impl Fixture {
        fn run(&self) -> Run<'_> {
            Run::new(&self.fw, &self.evidence, &self.scores)
        }
    }

    fn scored(toml: &str, csv: &str) -> Fixture {
        let fw = load_str("f.toml", toml).map(|l| l.framework).unwrap();
        let (evidence, _) = evidence::parse("e.csv", csv, &fw).unwrap();
        let scores = score::score(&fw, &evidence).unwrap();
        Fixture {
            fw,
            evidence,
            scores,
        }
    }

    fn gap_of(f: &Fixture, id: &str) -> Gap {
        let i = f
            .scores
            .providers
            .iter()
            .position(|p| p.provider == id)
            .unwrap();
        gap(&f.run(), i, None)
    }

    /// (indicator id, points_available, value_needed) of every opportunity, in order.
    fn summary(fw: &Framework, g: &Gap) -> Vec<(String, f64, Option<Value>)> {
        g.opportunities
            .iter()
            .map(|o| {
                let id = fw.indicators[o.indicator].id.clone();
                (id, o.points_available, o.value_needed.clone())
            })
            .collect()
    }

    fn num(v: f64) -> Option<Value> {
        Some(Value::Number(v))
    }

    #[test]
    fn recomputed_totals_equal_the_scored_ones_exactly() {
        let f = scored(FIXTURE, EVIDENCE);
        let fw = &f.fw;
        for p in &f.scores.providers {
            let details = score::indicator_scores(fw, &f.evidence, &f.scores.ranges, p);
            let s: Vec<Option<f64>> = details.iter().map(|i| i.score).collect();
            assert_eq!(total_with(fw, &s, None), p.total, "{}", p.provider);
        }
    }

    #[test]
    fn points_and_value_needed_for_every_rule_kind() {
        // charlie: total 43.70, tier none → target silver (min_total 50), shortfall 6.30.
        // Overall weights: staff .30, cs_level .18, iso27001 .12, response .20,
        // projects .10, revenue .10.
        //   iso27001 false s=0:    points 12 × 1   = 12;   +12 ≥ 6.3 → true
        //   staff 70 s=.6 (10→110): points 30 × .4  = 12;   s ≥ .6 + 6.3/30 = .81 → 10 + 81 = 91
        //   cs_level CS2 s=.4:     points 18 × .6  = 10.8; CS3 adds 4.5 < 6.3, CS4 adds 8.1 → CS4
        //   revenue 100 s=0 (relative): points 10; others' range 200..500 (alpha 500, bravo 300,
        //     delta 200, echo 400), s ≥ .63 → 200 + .63 × 300 = 389
        //   projects 2 s=.25 (bands higher): points 10 × .75 = 7.5; s ≥ .88 → threshold 10
        //   response 20 s=.8 (bands lower): points 20 × .2 = 4 < 6.3 → none
        // iso27001 and staff tie at 12: ordered by id.
        let f = scored(FIXTURE, EVIDENCE);
        let fw = &f.fw;
        let g = gap_of(&f, "charlie");
        assert_eq!(g.current, Assigned::None);
        assert_eq!(g.target, Some(1));
        let want = vec![
            ("iso27001".to_string(), 12.0, Some(Value::Bool(true))),
            ("staff".to_string(), 12.0, num(91.0)),
            (
                "cs_level".to_string(),
                10.8,
                Some(Value::Label(Box::new("CS4".to_string()))),
            ),
            ("revenue".to_string(), 10.0, num(389.0)),
            ("projects".to_string(), 7.5, num(10.0)),
            ("response".to_string(), 4.0, None),
        ];
        assert_eq!(summary(fw, &g), want);
        assert_eq!(g.unmet.len(), 1);
        assert_eq!(g.unmet[0].kind, UnmetKind::Total);
        assert_eq!(g.unmet[0].shortfall, Some(6.3));
    }

    #[test]
    fn missing_value_under_zero_and_an_at_most_condition() {
        // echo: staff missing → s = 0; total 54.80, silver → target gold (min_total 80).
        //   staff: points 30 × 1 = 30; s ≥ 25.2/30 = .84 → 10 + 84 = 94
        //   unmet: total 80 − 54.8 = 25.2; tech 60 − 45.5 = 14.5;
        //   response at_most 30 with 40 → shortfall 40 − 30 = 10
        let f = scored(FIXTURE, EVIDENCE);
        let fw = &f.fw;
        let g = gap_of(&f, "echo");
        let staff = &g.opportunities[0];
        assert_eq!(fw.indicators[staff.indicator].id, "staff");
        assert_eq!((staff.value.clone(), staff.score), (None, Some(0.0)));
        assert_eq!(staff.points_available, 30.0);
        assert_eq!(staff.value_needed, num(94.0));
        let rows: Vec<(&str, &str, Option<f64>)> = g
            .unmet
            .iter()
            .map(|u| (u.kind.as_str(), u.item.id(fw), u.shortfall))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("total", "total", Some(25.2)),
                ("each_dimension", "tech", Some(14.5)),
                ("indicator", "response", Some(10.0)),
            ]
        );
        assert_eq!(g.unmet[2].current, num(40.0));
        assert_eq!(g.unmet[2].required, num(30.0));
    }

    #[test]
    fn levels_condition_keeps_its_label_and_shortfall_in_level_scores() {
        // bravo: cs_level CS2 (0.40) against at_least "CS3" (0.65): shortfall 0.25.
        // No single indicator closes 80 − 54.2 = 25.8 (the most is staff's 15).
        // projects and revenue tie at 10 × .5 = 5: ordered by id.
        let f = scored(FIXTURE, EVIDENCE);
        let fw = &f.fw;
        let g = gap_of(&f, "bravo");
        let cs = g
            .unmet
            .iter()
            .find(|u| u.item.id(fw) == "cs_level")
            .unwrap();
        assert_eq!(cs.current, Some(Value::Label(Box::new("CS2".to_string()))));
        assert_eq!(cs.required, Some(Value::Label(Box::new("CS3".to_string()))));
        assert_eq!(cs.shortfall, Some(0.25));
        let want = vec![
            ("staff".to_string(), 15.0, None),
            ("cs_level".to_string(), 10.8, None),
            ("response".to_string(), 10.0, None),
            ("projects".to_string(), 5.0, None),
            ("revenue".to_string(), 5.0, None),
        ];
        assert_eq!(summary(fw, &g), want);
    }

    #[test]
    fn vetoed_provider_targets_the_tier_its_scores_reach() {
        // delta: 86.20 would be gold (every gold condition holds), but dishonest = yes.
        // Unmet: only the veto. No total shortfall → no value_needed.
        //   revenue 200 s=.25: 10 × .75 = 7.5; cs_level CS3 s=.65: 18 × .35 = 6.3
        let f = scored(FIXTURE, EVIDENCE);
        let fw = &f.fw;
        let g = gap_of(&f, "delta");
        assert_eq!(g.current, Assigned::Vetoed);
        assert_eq!(g.target, Some(0));
        assert_eq!(g.unmet.len(), 1);
        assert_eq!(g.unmet[0].kind, UnmetKind::Veto);
        assert_eq!(g.unmet[0].item.id(fw), "dishonest");
        assert_eq!(g.unmet[0].current, Some(Value::Bool(true)));
        let want = vec![
            ("revenue".to_string(), 7.5, None),
            ("cs_level".to_string(), 6.3, None),
        ];
        assert_eq!(summary(fw, &g), want);
    }

    #[test]
    fn top_tier_has_no_gap_unless_a_target_is_given() {
        // alpha: gold (the top). With --target silver it still holds: nothing unmet,
        // and cs_level CS4 (18 × .15 = 2.7) is its only s < 1.
        let f = scored(FIXTURE, EVIDENCE);
        let fw = &f.fw;
        let g = gap_of(&f, "alpha");
        assert_eq!(
            (g.target, g.unmet.len(), g.opportunities.len()),
            (None, 0, 0)
        );
        let g = gap(&f.run(), 0, Some(1));
        assert_eq!(g.unmet, vec![]);
        assert_eq!(summary(fw, &g), vec![("cs_level".to_string(), 2.7, None)]);
    }

    const SMALL: &str = r#"
schema = 1
[framework]
id = "small"
name = "small"
version = "1"
missing = "MISSING"
[[dimension]]
id = "d"
name = "d"
weight = 1
[[dimension.indicator]]
id = "a"
name = "a"
weight = 1
score = { kind = "linear", floor = 0, target = 10 }
[[dimension.indicator]]
id = "b"
name = "b"
weight = 1
score = { kind = "bands", direction = "lower", bands = [[15, 1.0], [30, 0.8], [60, 0.5]] }
[[tier]]
id = "t"
name = "t"
min_total = 60
"#;

    #[test]
    fn missing_value_under_exclude_reenters_the_weights() {
        // a = 4 (s .4), b missing and excluded: total = 100 × .4 = 40; shortfall 20.
        //   a: alone in d, s = 1 → 100: points 60; s ≥ .6 → 6
        //   b: re-enters with half the weight: s = 1 → (0.4 + 1)/2 = 70: points 30;
        //      (0.4 + s)/2 ≥ .6 → s ≥ .8 → the largest threshold scoring ≥ .8 is 30
        let f = scored(&SMALL.replace("MISSING", "exclude"), "provider,a,b\nx,4,\n");
        let fw = &f.fw;
        let g = gap_of(&f, "x");
        assert_eq!(g.total, 40.0);
        assert_eq!(g.opportunities[1].score, None);
        let want = vec![
            ("a".to_string(), 60.0, num(6.0)),
            ("b".to_string(), 30.0, num(30.0)),
        ];
        assert_eq!(summary(fw, &g), want);
    }

    #[test]
    fn lower_is_better_bands_take_the_largest_sufficient_threshold() {
        // a = 5 (s .5), b = 45 (s .5, threshold 60): total 50; shortfall 10.
        //   b: (.5 + s)/2 ≥ .6 → s ≥ .7: 30 (.8) and 15 (1.0) suffice → 30; points 25
        //   a: s ≥ .7 → 7; points 25. Tie → a before b.
        let f = scored(&SMALL.replace("MISSING", "zero"), "provider,a,b\nx,5,45\n");
        let fw = &f.fw;
        let g = gap_of(&f, "x");
        let want = vec![
            ("a".to_string(), 25.0, num(7.0)),
            ("b".to_string(), 25.0, num(30.0)),
        ];
        assert_eq!(summary(fw, &g), want);
    }

    #[test]
    fn not_applicable_indicators_are_no_opportunity() {
        // b = n/a: left out, a alone makes the total: a = 5 → 50; shortfall 10.
        //   a: points 100 − 50 = 50; s ≥ .6 → 6. b is not listed.
        let f = scored(&SMALL.replace("MISSING", "zero"), "provider,a,b\nx,5,n/a\n");
        let fw = &f.fw;
        let g = gap_of(&f, "x");
        assert_eq!(summary(fw, &g), vec![("a".to_string(), 50.0, num(6.0))]);
    }

    #[test]
    fn extremes_without_one_provider() {
        // Values 5 (p0), 5 (p1), 9 (p2): without p0 the range is still 5..9 (p1 holds 5);
        // without p2 it is 5..5.
        let mut e = Extremes::default();
        for (v, j) in [(5.0, 0), (5.0, 1), (9.0, 2)] {
            keep_two(&mut e.low, (v, j), |a, b| a < b);
            keep_two(&mut e.high, (v, j), |a, b| a > b);
        }
        assert_eq!(e.without(0), Some(Range { min: 5.0, max: 9.0 }));
        assert_eq!(e.without(2), Some(Range { min: 5.0, max: 5.0 }));
    }

    #[test]
    fn snaps_to_decision_precision() {
        assert_eq!(snap(50.0 - 43.7), 6.3);
        assert_eq!(snap(11.999999999999993), 12.0);
        assert_eq!(snap(-1e-12), 0.0);
    }
}
