//! Opportunities: which single indicator lifts the total most, and to what value.

use super::{Case, Opportunity};
use crate::framework::Framework;
use crate::rank::{TOLERANCE, permute, tie_key};
use crate::rule::{Cell, Direction, Range, Rule, Value};
use crate::score::kernel;

/// Every weighted indicator with s < 1 (or missing), most points first.
pub(super) fn find_opportunities(case: &Case, min_total: f64) -> Vec<Opportunity> {
    let fw = case.run.fw;
    let base = case.total_with(None);
    let short = case.p.total < min_total - TOLERANCE;
    let mut out: Vec<Opportunity> = Vec::with_capacity(fw.indicators.len());
    out.extend(
        (0..fw.indicators.len())
            .filter(|&k| improvable(case, k))
            .map(|k| {
                let top = case.total_with(Some((k, 1.0)));
                let reachable = top >= min_total - TOLERANCE;
                Opportunity {
                    indicator: k,
                    value: case.value(k).cloned(),
                    score: case.score(k),
                    points_available: snap((top - base).max(0.0)),
                    value_needed: (short && reachable)
                        .then(|| value_needed(case, k, min_total))
                        .flatten(),
                }
            }),
    );
    // Most points first (ties at 1e-9), then by id: one integer per
    // opportunity orders it, the tie key reversed (as unsigned) above the
    // id's place in the run's id order above its position here (both < 2^32),
    // so the sort compares integers, and a permutation moves each once.
    let id_order = &case.run.id_order;
    let mut keys: Vec<u128> = out
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let points = !(tie_key(o.points_available) as u64 ^ 1 << 63);
            u128::from(points) << 64 | u128::from(id_order[o.indicator]) << 32 | i as u128
        })
        .collect();
    keys.sort_unstable();
    permute(
        &mut out,
        keys.iter().map(|key| *key as u32 as usize).collect(),
    );
    out
}

/// Weighted, applicable, and either below s = 1 or missing.
fn improvable(case: &Case, k: usize) -> bool {
    let weights = &case.run.weights;
    weights.indicators[k] > 0.0
        && weights.dimensions[weights.dimension_of[k]] > 0.0
        && match case.cells[k] {
            Cell::NotApplicable => false,
            Cell::Missing => true,
            Cell::Value(_) => case.score(k).is_some_and(|v| v < 1.0 - TOLERANCE),
        }
}

/// The total from per-indicator scores (`None`: left out), with indicator `k`
/// at s instead when `change` says so, by [`crate::score::aggregate`] (the
/// engine's own arithmetic, so every "what if" is exact).
pub fn total_with(fw: &Framework, scores: &[Option<f64>], change: Option<(usize, f64)>) -> f64 {
    let score_of = |k: usize| match change {
        Some((c, s)) if c == k => Some(s),
        _ => scores[k],
    };
    crate::score::aggregate(fw, score_of).map_or(0.0, |a| a.total)
}

/// A framework's weights laid out for [`Totals`]: side by side rather than
/// spread over the indicators' and dimensions' records.
#[derive(Debug, Clone)]
pub(super) struct Weights {
    /// Per indicator, its weight within its dimension.
    indicators: Vec<f64>,
    /// Per indicator, its dimension.
    dimension_of: Vec<usize>,
    /// Per dimension, its weight.
    dimensions: Vec<f64>,
}

impl Weights {
    pub(super) fn new(fw: &Framework) -> Self {
        Weights {
            indicators: fw.indicators.iter().map(|i| i.weight).collect(),
            dimension_of: fw.indicators.iter().map(|i| i.dimension).collect(),
            dimensions: fw.dimensions.iter().map(|d| d.weight).collect(),
        }
    }
}

/// The totals of one provider with one indicator's s changed: the same
/// numbers as [`total_with`], by the same kernel calls, but only the changed
/// indicator's dimension is scored again (the others are kept from the start),
/// and nothing is allocated per call.
pub(super) struct Totals {
    /// s per indicator (`None`: left out).
    scores: Vec<Option<f64>>,
    /// D per dimension from `scores`.
    dimensions: Vec<Option<f64>>,
}

impl Totals {
    /// The totals around `scores` (s per indicator).
    pub(super) fn new(fw: &Framework, weights: &Weights, scores: Vec<Option<f64>>) -> Self {
        let dimensions: Vec<Option<f64>> = (0..fw.dimensions.len())
            .map(|d| dimension_with(fw, weights, &scores, d, None))
            .collect();
        Totals { scores, dimensions }
    }

    /// s of indicator `k` (`None`: left out).
    pub(super) fn score(&self, k: usize) -> Option<f64> {
        self.scores[k]
    }

    /// The total with indicator `k` at s (`None`: as it is).
    pub(super) fn with(
        &self,
        fw: &Framework,
        weights: &Weights,
        change: Option<(usize, f64)>,
    ) -> f64 {
        let Some((k, _)) = change else {
            return kernel::total(&self.dimensions, &weights.dimensions, None).unwrap_or(0.0);
        };
        let d = weights.dimension_of[k];
        let changed = dimension_with(fw, weights, &self.scores, d, change);
        let dimensions = self.dimensions.iter().enumerate();
        let items = dimensions.map(|(j, &dim)| if j == d { changed } else { dim });
        kernel::total_of(items.zip(weights.dimensions.iter().copied())).unwrap_or(0.0)
    }
}

/// D of dimension `d` from `scores`, with `change` applied, as
/// [`crate::score::aggregate`] computes it.
fn dimension_with(
    fw: &Framework,
    weights: &Weights,
    scores: &[Option<f64>],
    d: usize,
    change: Option<(usize, f64)>,
) -> Option<f64> {
    let items = fw.dimensions[d].indicators.clone();
    let (w, s) = (&weights.indicators[items.clone()], &scores[items.clone()]);
    kernel::dimension(
        w.iter()
            .zip(s)
            .zip(items)
            .map(|((&w, &s), k)| match change {
                Some((c, changed)) if c == k => (w, Some(changed)),
                _ => (w, s),
            }),
    )
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
        // A count of rows is a whole number: the nearer of the two whole
        // numbers around the solution that works (never "0.42 projects").
        Value::Number(n) if counts_rows(case, k) => {
            let current = match case.value(k) {
                Some(Value::Number(c)) => *c,
                _ => 0.0,
            };
            let n = snap(n);
            let mut whole = [n.floor(), n.ceil()];
            whole.sort_by(|a, b| (a - current).abs().total_cmp(&(b - current).abs()));
            whole.into_iter().map(Value::Number).find(|v| works(v))
        }
        Value::Number(n) => [snap(n), n]
            .into_iter()
            .map(Value::Number)
            .find(|v| works(v)),
        other => works(&other).then_some(other),
    }
}

/// True when indicator `k` is derived as a count of record rows (`count` or
/// `count_distinct`), so its values are whole numbers.
fn counts_rows(case: &Case, k: usize) -> bool {
    use crate::framework::records::Aggregate;
    let derive = case.run.fw.indicators[k].derive.as_ref();
    derive.is_some_and(|d| matches!(d.aggregate, Aggregate::Count | Aggregate::CountDistinct))
}

/// Rounds to the 1e-9 precision decisions use, so that 50 − 43.7 reads 6.3
/// rather than 6.299999999999997.
pub fn snap(x: f64) -> f64 {
    // Dividing a whole number by 1e9 (exact in binary) gives the nearest double.
    let snapped = crate::number::round_half_away(x * 1e9) / 1e9;
    if snapped == 0.0 { 0.0 } else { snapped }
}

/// Min and max of `relative` indicator `k` over every provider of the run but
/// this one: a value is solved against them, so the range moving with the
/// provider's own value is accounted for.
fn others_range(case: &Case, k: usize) -> Option<Range> {
    case.run.extremes[k].as_ref()?.without(case.p.index)
}
