//! Gaps (找短板、找差距): what a scored provider lacks for its target tier, and
//! which single indicators would lift its total the most.
//!
//! Pure computation on a scored [`Run`], no I/O. Totals are recomputed from the
//! indicator scores with one score changed, by the same arithmetic as
//! [`crate::score`], so every "what if" is exact under every missing policy.

use crate::evidence::Evidence;
use crate::framework::{Comparison, Condition, Framework, Subject};
use crate::required::{self, Lacking};
use crate::rule::{Cell, Range, Rule, Value};
use crate::score::{self, ProviderScore, Scores};
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
    /// For a vetoed or incomplete provider, the tier its current scores reach
    /// when vetoes and missing required items are not counted against it.
    pub unvetoed: Option<usize>,
    /// The `required` indicators it lacks and why: what to supply (§7).
    pub incomplete: Vec<Lacking>,
    /// Values valid now that expire soon (`gap --expiring-within`): `None`
    /// when the evidence has no validity columns.
    pub expiring: Option<Vec<Expiring>>,
    /// Its total now.
    pub total: f64,
    /// Vetoes first, then the target's conditions that do not hold.
    pub unmet: Vec<Unmet>,
    /// Indicators with s < 1, most points first (empty when there is no target).
    pub opportunities: Vec<Opportunity>,
    /// Derived shortfalls in rows: (index into `unmet`, words), filled by [`rows::word_rows`].
    pub rows: Vec<(usize, String)>,
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
    /// The framework's weights, laid out for the what-if totals.
    weights: opportunity::Weights,
    /// Per indicator, its place among the indicators ordered by id (ties of
    /// points are listed by id, compared once here rather than per provider).
    id_order: Vec<u32>,
    /// The indicators ordered by id: at each place of `id_order`, its indicator.
    by_id: Vec<usize>,
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
        // A stable sort: equal ids (if any) keep the framework's order.
        let mut by_id: Vec<usize> = (0..fw.indicators.len()).collect();
        by_id.sort_by(|&a, &b| fw.indicators[a].id.cmp(&fw.indicators[b].id));
        let mut id_order = vec![0; by_id.len()];
        for (place, &k) in by_id.iter().enumerate() {
            id_order[k] = u32::try_from(place).unwrap_or(u32::MAX);
        }
        Run {
            fw,
            evidence,
            scores,
            extremes,
            weights: opportunity::Weights::new(fw),
            id_order,
            by_id,
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
                keep_two(&mut e.low, (v, j), |a, b| a < b);
                keep_two(&mut e.high, (v, j), |a, b| a > b);
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

/// One provider of a run with a target tier: its cells and, through
/// [`opportunity::Totals`], their scores (only what the what-ifs need: no
/// sources, shares or lapses), both in buffers of the thread's [`Scratch`].
struct Case<'r, 'a> {
    run: &'r Run<'a>,
    p: &'a ProviderScore,
    cells: &'r [Cell],
    totals: &'r opportunity::Totals,
}

impl<'r, 'a> Case<'r, 'a> {
    /// Scores the cells of `p` (decoded into `cells`) into `totals`.
    fn new(
        run: &'r Run<'a>,
        p: &'a ProviderScore,
        cells: &'r [Cell],
        totals: &'r mut opportunity::Totals,
    ) -> Self {
        let scores = score::cell_scores(run.fw, cells, &run.scores.ranges);
        totals.fill(run.fw, &run.weights, scores);
        Case {
            run,
            p,
            cells,
            totals,
        }
    }

    /// The value of indicator `k`, when one was given.
    fn value(&self, k: usize) -> Option<&Value> {
        match &self.cells[k] {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value of indicator `k` as an opportunity keeps it: a number (nearly
    /// always) is copied as one, not through the clone of any value.
    fn value_owned(&self, k: usize) -> Option<Value> {
        match &self.cells[k] {
            Cell::Value(Value::Number(n)) => Some(Value::Number(*n)),
            Cell::Value(v) => Some(v.clone()),
            _ => None,
        }
    }

    /// s of indicator `k` (`None`: left out).
    fn score(&self, k: usize) -> Option<f64> {
        self.totals.score(k)
    }

    /// The total with indicator `k` at s (`None`: as it is).
    #[inline]
    fn total_with(&self, change: Option<(usize, f64)>) -> f64 {
        self.totals.with(&self.run.weights, change)
    }
}

/// The buffers [`gap`] works in, kept by each thread from one provider to the
/// next (a provider's cells, its scores and sums, the order of its
/// opportunities), so that a gap allocates only what it returns.
struct Scratch {
    cells: Vec<Cell>,
    totals: opportunity::Totals,
    order: opportunity::Order,
}

impl Scratch {
    /// Empty buffers: `const`, for the `thread_local!` initialiser.
    const fn new() -> Self {
        Scratch {
            cells: Vec::new(),
            totals: opportunity::Totals::new_empty(),
            order: opportunity::Order::new(),
        }
    }
}

thread_local! {
    /// This thread's [`Scratch`]: borrowed in place by [`gap`] (not moved out
    /// and back, a copy of every buffer's handle each way); a nested call
    /// would find it borrowed and work in buffers of its own.
    static SCRATCH: std::cell::RefCell<Scratch> = const { std::cell::RefCell::new(Scratch::new()) };
}

/// The gaps of every provider of the run, in score order. `target` overrides
/// each provider's target tier.
pub fn gaps(run: &Run, target: Option<usize>) -> Vec<Gap> {
    use rayon::prelude::*;
    // Providers are independent: their gaps are worked out on every core.
    (0..run.scores.providers.len())
        .into_par_iter()
        .map(|i| gap(run, i, target))
        .collect()
}

/// The gap of provider `i` of the run's scores.
pub fn gap(run: &Run, i: usize, target: Option<usize>) -> Gap {
    SCRATCH.with(|kept| match kept.try_borrow_mut() {
        Ok(mut scratch) => gap_in(run, i, target, &mut scratch),
        Err(_) => gap_in(run, i, target, &mut Scratch::new()),
    })
}

/// [`gap`] in the buffers of `scratch`.
fn gap_in(run: &Run, i: usize, target: Option<usize>, scratch: &mut Scratch) -> Gap {
    let fw = run.fw;
    let Scratch {
        cells,
        totals,
        order,
    } = scratch;
    let p = &run.scores.providers[i];
    run.evidence.cells_into(p.index, cells);
    let cells: &[Cell] = cells;
    let unvetoed = match p.tier.assigned {
        Assigned::Vetoed | Assigned::Incomplete => unvetoed_tier(fw, p, cells),
        _ => None,
    };
    let target = target.or_else(|| default_target(fw, p, unvetoed));
    let mut unmet: Vec<Unmet> = p
        .tier
        .vetoes
        .iter()
        .map(|&v| veto_entry(fw, p, cells, v))
        .collect();
    let mut opportunities = Vec::new();
    if let Some(t) = target {
        unmet.extend(unmet_conditions(fw, p, cells, t));
        // Only a provider with a target has opportunities: its cells are
        // scored for them here, and not at the top tier.
        let case = Case::new(run, p, cells, totals);
        opportunities = find_opportunities(&case, fw.tiers[t].min_total, order);
    }
    Gap {
        provider: i,
        current: p.tier.assigned,
        target,
        unvetoed,
        incomplete: required::reasons(run.evidence, p.index, &p.tier.incomplete_by),
        expiring: None,
        total: p.total,
        unmet,
        opportunities,
        rows: Vec::new(),
    }
}

/// The next tier up; for a vetoed provider, the tier its scores reach without
/// the veto (`unvetoed`), or the lowest tier when they reach none; `None` at the top.
pub fn default_target(fw: &Framework, p: &ProviderScore, unvetoed: Option<usize>) -> Option<usize> {
    let lowest = fw.tiers.len().checked_sub(1);
    match p.tier.assigned {
        Assigned::Tier(t) => t.checked_sub(1),
        Assigned::None => lowest,
        Assigned::Vetoed | Assigned::Incomplete => unvetoed.or(lowest),
    }
}

/// The tier a provider's scores reach when vetoes are ignored.
pub fn unvetoed_tier(fw: &Framework, p: &ProviderScore, cells: &[Cell]) -> Option<usize> {
    tier::unvetoed(fw, p, cells)
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

/// Every condition of tier `t` that fails for `p`, in the tier's order (an
/// iterator: the gap's list of unmet conditions takes them as they come).
fn unmet_conditions<'a>(
    fw: &'a Framework,
    p: &ProviderScore,
    cells: &[Cell],
    t: usize,
) -> impl Iterator<Item = Unmet> + 'a {
    let tier = &fw.tiers[t];
    tier::checks(fw, p, cells, t)
        .into_iter()
        .filter(|c| c.status == Status::Failed)
        .map(move |c| match c.kind {
            CheckKind::Total => number_gap(c.current, tier.min_total),
            CheckKind::EachDimension(d) => Unmet {
                kind: UnmetKind::EachDimension,
                item: Item::Dimension(d),
                ..number_gap(c.current, tier.min_each_dimension.unwrap_or(0.0))
            },
            CheckKind::Require(r) => require_entry(fw, &tier.require[r], c.current),
        })
}

/// An unmet floor on a number (`min_total`, or `min_each_dimension` once its
/// kind and item are set): the number now, the bound, and how far below it is.
fn number_gap(current: Option<Value>, bound: f64) -> Unmet {
    let shortfall = match current {
        Some(Value::Number(n)) => Some(snap(bound - n)),
        _ => None,
    };
    Unmet {
        kind: UnmetKind::Total,
        item: Item::Total,
        comparison: None,
        current,
        required: Some(Value::Number(bound)),
        shortfall,
        veto: None,
    }
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

mod expiring;
mod opportunity;
pub mod rows;
#[cfg(test)]
mod tests;

pub use expiring::{Expiries, Expiring};
use opportunity::find_opportunities;
pub use opportunity::{snap, total_with};
