//! Opportunities: which single indicator lifts the total most, and to what value.

use super::{Case, Opportunity};
use crate::framework::Framework;
use crate::rank::{TOLERANCE, tie_key};
use crate::rule::{Cell, Direction, Range, Rule, Value};
use crate::score::kernel;

/// Every weighted indicator with s < 1 (or missing), most points first.
pub(super) fn find_opportunities(
    case: &Case,
    min_total: f64,
    order: &mut Order,
) -> Vec<Opportunity> {
    let fw = case.run.fw;
    let base = case.totals.total();
    let short = case.p.total < min_total - TOLERANCE;
    // Most points first (ties at 1e-9), then by id: one integer per
    // opportunity orders it ([`sort_key`]: its points in billionths, their
    // tie key, reversed above the indicator's place in the run's id order),
    // so the sort compares integers; each opportunity is then made once, in
    // its place.
    let id_order = &case.run.id_order;
    order.keys.clear();
    order.keys.reserve(fw.indicators.len());
    order.tops.resize(fw.indicators.len(), 0.0);
    let totals = case.totals;
    totals.each_at_one(
        fw,
        &case.run.weights,
        |k| improvable(case, k),
        |k, top| {
            order.tops[k] = top;
            let points = billionths((top - base).max(0.0));
            order.keys.push(sort_key(points, id_order[k]));
        },
    );
    order.keys.sort_unstable();
    let mut out: Vec<Opportunity> = Vec::with_capacity(order.keys.len());
    out.extend(order.keys.iter().map(|key| {
        let k = case.run.by_id[(key & ID_MASK) as usize];
        let top = order.tops[k];
        let reachable = top >= min_total - TOLERANCE;
        // snap((top - base).max(0.0)), from its billionths in the key.
        let points = key_billionths(*key);
        let points_available = from_billionths(points);
        debug_assert_eq!(points_available, snap((top - base).max(0.0)));
        debug_assert_eq!(tie_key(points_available) as f64, points);
        Opportunity {
            indicator: k,
            value: case.value_owned(k),
            score: case.score(k),
            points_available,
            value_needed: (short && reachable)
                .then(|| value_needed(case, k, min_total, top))
                .flatten(),
        }
    }));
    out
}

/// The buffers [`find_opportunities`] orders a provider's opportunities in.
#[derive(Debug)]
pub(super) struct Order {
    /// Per opportunity, its sort key (points reversed, then place by id).
    keys: Vec<u64>,
    /// Per indicator, the total with it at s = 1 (set for the opportunities).
    tops: Vec<f64>,
}

impl Order {
    pub(super) const fn new() -> Self {
        Order {
            keys: Vec::new(),
            tops: Vec::new(),
        }
    }
}

/// The low bits of a sort key, which hold the indicator's place by id: a
/// framework has at most 1,000 indicators (checked when it is read).
const ID_MASK: u64 = (1 << 16) - 1;

/// The sort key of an opportunity: its points, a whole number n of
/// billionths (from [`billionths`]; n is `tie_key` of the snapped points, as
/// the nearest double to n / 10^9 divided by 1e-9 is within 10^-4 of n), most
/// first, then its place by id. Points are the difference of two totals in
/// [0, 100], so n ≤ 10^11 < 2^37: as a double, n has at most 37 significant
/// bits, and the last 16 of its 52 mantissa bits are 0. Those bits take the
/// place; the bits of a double ≥ 0 order as its value, so their complement
/// puts the most points first. (No conversion to an integer and back: on
/// x86-64 each costs several instructions.)
fn sort_key(billionths: f64, place: u32) -> u64 {
    // abs: a -0 (no points) is 0.
    let bits = billionths.abs().to_bits();
    debug_assert_eq!(bits & ID_MASK, 0, "{billionths}");
    !bits & !ID_MASK | u64::from(place)
}

/// The billionths of points in a [`sort_key`].
fn key_billionths(key: u64) -> f64 {
    f64::from_bits(!(key | ID_MASK))
}

/// Weighted, applicable, and either below s = 1 or missing. Told from s
/// first: a value always has one, a missing value has 0 (or none, under
/// `exclude`), and a cell left out is missing or not applicable.
fn improvable(case: &Case, k: usize) -> bool {
    case.run.weights.counts[k]
        && match case.score(k) {
            Some(s) => s < 1.0 - TOLERANCE,
            None => matches!(case.cells[k], Cell::Missing),
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
    /// Per indicator, the end of its dimension's indicators.
    dimension_end: Vec<usize>,
    /// Per dimension, its weight.
    dimensions: Vec<f64>,
    /// Per indicator, whether it and its dimension weigh anything.
    counts: Vec<bool>,
}

impl Weights {
    pub(super) fn new(fw: &Framework) -> Self {
        let dimension_of: Vec<usize> = fw.indicators.iter().map(|i| i.dimension).collect();
        Weights {
            indicators: fw.indicators.iter().map(|i| i.weight).collect(),
            dimension_end: dimension_of
                .iter()
                .map(|&d| fw.dimensions[d].indicators.end)
                .collect(),
            counts: fw
                .indicators
                .iter()
                .map(|i| i.weight > 0.0 && fw.dimensions[i.dimension].weight > 0.0)
                .collect(),
            dimension_of,
            dimensions: fw.dimensions.iter().map(|d| d.weight).collect(),
        }
    }
}

/// The totals of one provider with one indicator's s changed: the same
/// numbers as [`total_with`], by the same kernel steps, but the work before
/// the change is kept from the start. The changed dimension's sums start
/// from those of the indicators before the changed one; when the dimensions
/// scored stay the same, so does the weight they share: T starts from its
/// running value before the changed dimension and adds the kept parts of the
/// dimensions after it ([`kernel::part`]). Every addition made is one
/// [`crate::score::aggregate`] makes, in its order, so the totals are its
/// totals bit for bit. Nothing is allocated per call, and the buffers are
/// refilled from provider to provider ([`Totals::fill`]).
#[derive(Debug)]
pub(super) struct Totals {
    /// s per indicator (`None`: left out).
    scores: Vec<Option<f64>>,
    /// Per indicator, the sums of its dimension's indicators before it.
    before: Vec<kernel::DimensionSums>,
    /// Per dimension, what T needs of it.
    dimensions: Vec<DimensionTotal>,
    /// The weight of the dimensions scored.
    weight_sum: f64,
    /// The parts of T ([`kernel::part`]) of the dimensions scored, in order.
    parts: Vec<f64>,
    /// T as it is.
    total: f64,
}

/// What the what-if totals need of one dimension, side by side.
#[derive(Debug, Clone, Copy)]
struct DimensionTotal {
    /// D (`None`: left out).
    score: Option<f64>,
    /// Its weight.
    weight: f64,
    /// T (unclamped) over the dimensions before it.
    before: f64,
    /// Where in [`Totals::parts`] those of the dimensions after it start.
    parts_after: usize,
}

impl Totals {
    /// Totals of nothing yet, to be [`Totals::fill`]ed.
    pub(super) const fn new_empty() -> Self {
        Totals {
            scores: Vec::new(),
            before: Vec::new(),
            dimensions: Vec::new(),
            weight_sum: 0.0,
            parts: Vec::new(),
            total: 0.0,
        }
    }

    /// The totals around `scores` (s per indicator).
    #[cfg(test)]
    pub(super) fn new(fw: &Framework, weights: &Weights, scores: Vec<Option<f64>>) -> Self {
        let mut totals = Totals::new_empty();
        totals.fill(fw, weights, scores.into_iter());
        totals
    }

    /// Makes these the totals around `scores` (s per indicator), in the
    /// buffers of the totals before.
    pub(super) fn fill(
        &mut self,
        fw: &Framework,
        weights: &Weights,
        scores: impl Iterator<Item = Option<f64>>,
    ) {
        self.scores.clear();
        self.scores.extend(scores);
        self.before.clear();
        self.before
            .resize(self.scores.len(), kernel::DimensionSums::default());
        self.dimensions.clear();
        for (dimension, &weight) in fw.dimensions.iter().zip(&weights.dimensions) {
            let mut sums = kernel::DimensionSums::default();
            for k in dimension.indicators.clone() {
                self.before[k] = sums;
                sums.add(weights.indicators[k], self.scores[k]);
            }
            self.dimensions.push(DimensionTotal {
                score: sums.score(),
                weight,
                before: 0.0,
                parts_after: 0,
            });
        }
        let weight_sum = kernel::weight_sum(self.dimensions.iter().map(|d| (d.score, d.weight)));
        self.weight_sum = weight_sum;
        self.parts.clear();
        let mut total = 0.0;
        for dimension in &mut self.dimensions {
            dimension.before = total;
            let part = dimension
                .score
                .map(|d| kernel::part(d, dimension.weight, weight_sum));
            self.parts.extend(part);
            dimension.parts_after = self.parts.len();
            total = kernel::add_part(total, part);
        }
        // T as `kernel::total` ends it (0 when no weight counts).
        self.total = kernel::finish_total(total, weight_sum).unwrap_or(0.0);
    }

    /// T as it is (the total with nothing changed).
    pub(super) fn total(&self) -> f64 {
        self.total
    }

    /// s of indicator `k` (`None`: left out).
    pub(super) fn score(&self, k: usize) -> Option<f64> {
        self.scores[k]
    }

    /// The total with indicator `k` at s (`None`: as it is).
    #[inline]
    pub(super) fn with(&self, weights: &Weights, change: Option<(usize, f64)>) -> f64 {
        let Some((k, s)) = change else {
            return self.total;
        };
        let d = weights.dimension_of[k];
        let changed = self.changed(weights, k, s, weights.dimension_end[k]);
        self.total_after(d, changed)
    }

    /// For each indicator `k` of the framework's order that is `wanted`, the
    /// total with it at s = 1 ([`Totals::with`], dimension by dimension).
    pub(super) fn each_at_one(
        &self,
        fw: &Framework,
        weights: &Weights,
        wanted: impl Fn(usize) -> bool,
        mut each: impl FnMut(usize, f64),
    ) {
        for (d, dimension) in fw.dimensions.iter().enumerate() {
            let end = dimension.indicators.end;
            for k in dimension.indicators.clone().filter(|&k| wanted(k)) {
                let changed = self.changed(weights, k, 1.0, end);
                each(k, self.total_after(d, changed));
            }
        }
    }

    /// D of the dimension of indicator `k` (whose indicators end at `end`)
    /// with `k` at s: from the sums before k, k at s, then the rest.
    #[inline]
    fn changed(&self, weights: &Weights, k: usize, s: f64, end: usize) -> Option<f64> {
        let mut sums = self.before[k];
        sums.add(weights.indicators[k], Some(s));
        let rest = weights.indicators[k + 1..end].iter();
        for (&w, &score) in rest.zip(&self.scores[k + 1..end]) {
            sums.add(w, score);
        }
        sums.score()
    }

    /// T with dimension `d` at `changed` and the others as they are.
    #[inline]
    fn total_after(&self, d: usize, changed: Option<f64>) -> f64 {
        let dimension = &self.dimensions[d];
        if changed.is_some() != dimension.score.is_some() {
            return self.total_anew(d, changed);
        }
        let start =
            kernel::add_dimension(dimension.before, changed, dimension.weight, self.weight_sum);
        // The dimensions scored after d add the parts they add to T now.
        let after = self.parts[dimension.parts_after..].iter();
        let total = after.fold(start, |total, &part| kernel::add_part(total, Some(part)));
        kernel::finish_total(total, self.weight_sum).unwrap_or(0.0)
    }

    /// [`Totals::total_after`] when the dimensions scored change, and the
    /// weight they share: T anew (rare: a dimension whose every indicator is
    /// left out, or one that loses its only score).
    #[cold]
    #[inline(never)]
    fn total_anew(&self, d: usize, changed: Option<f64>) -> f64 {
        let items = self.dimensions.iter().enumerate().map(|(j, dimension)| {
            let score = if j == d { changed } else { dimension.score };
            (score, dimension.weight)
        });
        kernel::total_of(items).unwrap_or(0.0)
    }
}

/// The least-change value of indicator `k` alone that brings the total to
/// `min_total`, or `None` when no value does.
/// `high` is the total with `k` at s = 1. Out of line: only a provider short
/// of the target's total asks, so the loop that makes every opportunity stays
/// small.
#[inline(never)]
fn value_needed(case: &Case, k: usize, min_total: f64, high: f64) -> Option<Value> {
    let rule = &case.run.fw.indicators[k].rule;
    let enough = |s: f64| case.total_with(Some((k, s))) >= min_total - TOLERANCE;
    let low = case.total_with(Some((k, 0.0)));
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
    from_billionths(billionths(x))
}

/// A whole number of billionths as the nearest double (never -0).
fn from_billionths(billionths: f64) -> f64 {
    let snapped = billionths / 1e9;
    if snapped == 0.0 { 0.0 } else { snapped }
}

/// `x` in whole billionths, rounded half away from zero: the number [`snap`]
/// divides by 10^9.
fn billionths(x: f64) -> f64 {
    crate::number::round_half_away(x * 1e9)
}

/// Min and max of `relative` indicator `k` over every provider of the run but
/// this one: a value is solved against them, so the range moving with the
/// provider's own value is accounted for.
fn others_range(case: &Case, k: usize) -> Option<Range> {
    case.run.extremes[k].as_ref()?.without(case.p.index)
}
