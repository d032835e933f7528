//! Tiers and vetoes: which service grade a scored provider reaches.

use crate::framework::{Comparison, Condition, Framework, Subject, Tier, Veto};
use crate::rank::TOLERANCE;
use crate::rule::{Cell, Value};

/// What tier conditions read from a scored provider: its total and dimension
/// scores. (`score::ProviderScore` implements it, so this module needs
/// nothing from `score`.)
pub trait Totals {
    /// T ∈ [0, 100].
    fn total(&self) -> f64;
    /// D per dimension in framework order; `None` when left out.
    fn dimensions(&self) -> &[Option<f64>];
}

/// The grade a provider ends up with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Assigned {
    /// A framework tier (index into [`Framework::tiers`]).
    Tier(usize),
    /// A `required` indicator has no present, applicable, unexpired value
    /// (待补正): scores are shown, no grade is given.
    Incomplete,
    /// No tier's conditions all hold.
    #[default]
    None,
    /// A veto triggered.
    Vetoed,
}

impl Assigned {
    /// The id printed in outputs: the tier id, `incomplete`, `none` or `vetoed`.
    pub fn id<'f>(&self, fw: &'f Framework) -> &'f str {
        match self {
            Assigned::Tier(t) => &fw.tiers[*t].id,
            Assigned::Incomplete => "incomplete",
            Assigned::None => "none",
            Assigned::Vetoed => "vetoed",
        }
    }

    /// Position in the order best → worst: tiers, then `incomplete`, `none`, `vetoed`.
    pub fn order(&self, fw: &Framework) -> usize {
        match self {
            Assigned::Tier(t) => *t,
            Assigned::Incomplete => fw.tiers.len(),
            Assigned::None => fw.tiers.len() + 1,
            Assigned::Vetoed => fw.tiers.len() + 2,
        }
    }

    /// Every outcome in [`Assigned::order`]: the tiers best first, then
    /// `incomplete`, `none` and `vetoed` (the columns of `summary`).
    pub fn all(fw: &Framework) -> Vec<Assigned> {
        (0..fw.tiers.len())
            .map(Assigned::Tier)
            .chain([Assigned::Incomplete, Assigned::None, Assigned::Vetoed])
            .collect()
    }

    /// Parses a tier id, `incomplete`, `none` or `vetoed`.
    pub fn parse(fw: &Framework, id: &str) -> Option<Assigned> {
        match id {
            "incomplete" => Some(Assigned::Incomplete),
            "none" => Some(Assigned::None),
            "vetoed" => Some(Assigned::Vetoed),
            _ => fw.tier_index(id).map(Assigned::Tier),
        }
    }
}

/// The tier decision for one provider.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TierOutcome {
    /// The grade.
    pub assigned: Assigned,
    /// Indices of the vetoes that triggered (a boxed slice, not a `Vec`: a
    /// run keeps one outcome per provider, and these lists never grow).
    pub vetoes: Box<[usize]>,
    /// Indices of the `required` indicators without a present, applicable,
    /// unexpired value (filled whatever the grade, so a vetoed provider's gap
    /// still lists them).
    pub incomplete_by: Box<[usize]>,
    /// Set when a progression rule held the grade below what the scores reach
    /// (applied after this decision by [`crate::progression::apply`]).
    pub capped: Option<Capped>,
}

/// A grade held down by a `[progression]` rule (SPEC §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capped {
    /// Which rule.
    pub by: CapRule,
    /// The tier (index) the scores reach.
    pub earned: usize,
}

/// The `[progression]` rule that capped a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapRule {
    /// `first_time_at_most`: no grade in the previous round.
    FirstTime,
    /// `step_up_at_most`: rose more tiers than allowed.
    StepUp,
}

impl CapRule {
    /// The id printed in JSON: `first_time` or `step_up`.
    pub fn as_str(self) -> &'static str {
        match self {
            CapRule::FirstTime => "first_time",
            CapRule::StepUp => "step_up",
        }
    }
}

/// Whether a condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It holds.
    Held,
    /// It does not hold (a missing value fails).
    Failed,
    /// It does not apply (not-applicable value, or a dimension left out).
    Skipped,
}

/// Which condition of a tier a [`Check`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    /// `min_total`.
    Total,
    /// `min_each_dimension` for one dimension.
    EachDimension(usize),
    /// A `[[tier.require]]`, by index.
    Require(usize),
}

/// One tier condition, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Which condition.
    pub kind: CheckKind,
    /// The outcome.
    pub status: Status,
    /// The value compared (a number, or for labels their text), `None` when missing.
    pub current: Option<Value>,
}

/// Decides a provider's tier and vetoes from its scores.
/// `cells` are the provider's evidence cells (see [`crate::evidence::Evidence::cells`];
/// an expired value is already [`Cell::Missing`] there).
/// Precedence: `vetoed` > `incomplete` > the tiers.
pub fn decide(fw: &Framework, s: &impl Totals, cells: &[Cell]) -> TierOutcome {
    let vetoes: Box<[usize]> = fw
        .vetoes
        .iter()
        .enumerate()
        .filter(|(_, v)| evaluate(fw, &v.condition, s, cells).0 == Status::Held)
        .map(|(i, _)| i)
        .collect();
    let incomplete_by = crate::required::lacking(fw, cells).into_boxed_slice();
    let assigned = if !vetoes.is_empty() {
        Assigned::Vetoed
    } else if !incomplete_by.is_empty() {
        Assigned::Incomplete
    } else {
        unvetoed(fw, s, cells).map_or(Assigned::None, Assigned::Tier)
    };
    TierOutcome {
        assigned,
        vetoes,
        incomplete_by,
        capped: None,
    }
}

/// The best tier whose conditions hold, vetoes aside: the one tier decision
/// (`decide` adds vetoes; `gap` asks what a vetoed provider would reach).
pub fn unvetoed(fw: &Framework, s: &impl Totals, cells: &[Cell]) -> Option<usize> {
    (0..fw.tiers.len()).find(|&t| reaches(fw, s, cells, t))
}

/// Every condition of tier `t`, evaluated for a provider (for showing; the
/// decision is [`reaches`], and a test keeps the two in agreement).
pub fn checks(fw: &Framework, s: &impl Totals, cells: &[Cell], t: usize) -> Vec<Check> {
    each_check(fw, s, cells, t).collect()
}

/// True when no condition of tier `t` fails: its `require`s on indicator
/// values, and [`holds_on_scores`].
pub fn reaches(fw: &Framework, s: &impl Totals, cells: &[Cell], t: usize) -> bool {
    let tier = &fw.tiers[t];
    indicator_requires_hold(fw, tier, cells)
        && holds_on_scores(tier, s.total(), s.dimensions(), |d| {
            left_out(fw, d, cells) == Status::Failed
        })
}

/// True when no `require` of `tier` on an indicator's value fails. Weights do
/// not change these, so the sensitivity model evaluates them once.
pub fn indicator_requires_hold(fw: &Framework, tier: &Tier, cells: &[Cell]) -> bool {
    tier.require.iter().all(|c| match c.subject {
        Subject::Indicator(k) => evaluate_indicator(fw, c, k, cells).0 != Status::Failed,
        Subject::Dimension(_) => true,
    })
}

/// True when `tier`'s conditions on the total and the dimension scores hold:
/// `min_total`, `min_each_dimension` and `require`s on dimensions. A dimension
/// left out (`None`) fails a condition when `left_out_fails(d)` (its values are
/// missing) and is skipped otherwise. The one place these are decided: scoring
/// and the sensitivity samples both call it.
pub fn holds_on_scores(
    tier: &Tier,
    total: f64,
    dimensions: &[Option<f64>],
    left_out_fails: impl Fn(usize) -> bool,
) -> bool {
    let on = |d: usize, ok: &dyn Fn(f64) -> bool| match dimensions[d] {
        Some(v) => ok(v),
        None => !left_out_fails(d),
    };
    total >= tier.min_total - TOLERANCE
        && tier
            .min_each_dimension
            .is_none_or(|min| (0..dimensions.len()).all(|d| on(d, &|v| v >= min - TOLERANCE)))
        && tier.require.iter().all(|c| match c.subject {
            Subject::Dimension(d) => on(d, &|v| compare(&c.comparison, v, None)),
            Subject::Indicator(_) => true,
        })
}

/// The conditions of tier `t`, evaluated lazily: total, each dimension, requires.
fn each_check<'a>(
    fw: &'a Framework,
    s: &'a impl Totals,
    cells: &'a [Cell],
    t: usize,
) -> impl Iterator<Item = Check> + 'a {
    let tier = &fw.tiers[t];
    let total = std::iter::once_with(move || Check {
        kind: CheckKind::Total,
        status: held(s.total() >= tier.min_total - TOLERANCE),
        current: Some(Value::Number(s.total())),
    });
    let floors = tier.min_each_dimension.into_iter().flat_map(move |min| {
        s.dimensions()
            .iter()
            .enumerate()
            .map(move |(d, score)| Check {
                kind: CheckKind::EachDimension(d),
                status: match score {
                    Some(v) => held(*v >= min - TOLERANCE),
                    None => left_out(fw, d, cells),
                },
                current: score.map(Value::Number),
            })
    });
    let requires = tier.require.iter().enumerate().map(move |(i, c)| {
        let (status, current) = evaluate(fw, c, s, cells);
        Check {
            kind: CheckKind::Require(i),
            status,
            current,
        }
    });
    total.chain(floors).chain(requires)
}

fn held(ok: bool) -> Status {
    if ok { Status::Held } else { Status::Failed }
}

/// Evaluates a condition, returning its status and the value it compared.
pub fn evaluate(
    fw: &Framework,
    c: &Condition,
    s: &impl Totals,
    cells: &[Cell],
) -> (Status, Option<Value>) {
    match c.subject {
        Subject::Dimension(d) => match s.dimensions()[d] {
            Some(v) => (
                held(compare(&c.comparison, v, None)),
                Some(Value::Number(v)),
            ),
            None => (left_out(fw, d, cells), None),
        },
        Subject::Indicator(k) => evaluate_indicator(fw, c, k, cells),
    }
}

/// A condition on indicator `k`'s value: a missing value fails, `n/a` skips.
fn evaluate_indicator(
    fw: &Framework,
    c: &Condition,
    k: usize,
    cells: &[Cell],
) -> (Status, Option<Value>) {
    match &cells[k] {
        Cell::Missing => (Status::Failed, None),
        Cell::NotApplicable => (Status::Skipped, None),
        Cell::Value(value) => {
            let rule = &fw.indicators[k].rule;
            let ok = match rule.comparable(value) {
                Some(n) => compare(&c.comparison, n, Some(value)),
                None => compare_equal(&c.comparison, value),
            };
            (held(ok), Some(value.clone()))
        }
    }
}

/// A condition on a dimension that was left out of the total: it fails when
/// values are missing (leaving a weak dimension blank must not pass a floor),
/// and is skipped when the dimension does not apply.
fn left_out(fw: &Framework, d: usize, cells: &[Cell]) -> Status {
    if cells[fw.dimensions[d].indicators.clone()].contains(&Cell::Missing) {
        Status::Failed
    } else {
        Status::Skipped
    }
}

fn compare(comparison: &Comparison, n: f64, value: Option<&Value>) -> bool {
    match comparison {
        Comparison::AtLeast(bound) => n >= bound - TOLERANCE,
        Comparison::AtMost(bound) => n <= bound + TOLERANCE,
        Comparison::Equals(_) => value.is_some_and(|v| compare_equal(comparison, v)),
    }
}

fn compare_equal(comparison: &Comparison, value: &Value) -> bool {
    match (comparison, value) {
        (Comparison::Equals(Value::Number(a)), Value::Number(b)) => (a - b).abs() <= TOLERANCE,
        (Comparison::Equals(expected), v) => expected == v,
        _ => false,
    }
}

impl Veto {
    /// The id of the indicator this veto looks at.
    pub fn indicator_id<'f>(&self, fw: &'f Framework) -> &'f str {
        fw.subject_id(&self.condition.subject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decision ([`reaches`]) and the listing ([`checks`]) agree: a tier is
    /// reached exactly when none of its listed conditions fails. Checked on
    /// every provider × tier of the mini fixture, with its evidence as given and
    /// with every value blanked (dimensions left out, floors failed by missing
    /// values) or marked `n/a` (dimensions left out and skipped).
    #[test]
    fn the_decision_and_the_listed_checks_agree() {
        let fw = crate::framework::fixture::mini();
        let csv = include_str!("../tests/fixtures/mini-long.csv");
        let (evidence, _) =
            crate::evidence::parse("mini-long.csv", csv, &fw).unwrap_or_else(|d| panic!("{d:?}"));
        let scores = crate::score::score(&fw, &evidence).unwrap_or_else(|d| panic!("{d:?}"));
        let mut cases = 0;
        for p in &scores.providers {
            let given = evidence.cells(p.index).to_vec();
            let blank = vec![Cell::Missing; given.len()];
            let na = vec![Cell::NotApplicable; given.len()];
            let left_out = crate::score::ProviderScore {
                dimensions: vec![None; fw.dimensions.len()].into(),
                ..p.clone()
            };
            for (s, cells) in [(p, &given), (&left_out, &blank), (&left_out, &na)] {
                for t in 0..fw.tiers.len() {
                    let listed = checks(&fw, s, cells, t)
                        .iter()
                        .all(|c| c.status != Status::Failed);
                    assert_eq!(reaches(&fw, s, cells, t), listed, "{} tier {t}", p.provider);
                    cases += 1;
                }
            }
        }
        // 4 providers × 3 variants × 2 tiers.
        assert_eq!(cases, 24);
    }
}
