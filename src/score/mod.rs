//! Scoring: framework + evidence → dimension scores, totals and ranks.
//!
//! Pure arithmetic, no I/O. Tiers and vetoes are decided in [`crate::tier`].
//! A run keeps one small summary per provider; the per-indicator details that
//! `--detail`, `explain` and `gap` show are recomputed on demand by
//! [`indicator_scores`], so scoring a large registry stays light.

use crate::diag::{Diagnostic, Location};
use crate::evidence::Evidence;
use crate::framework::{Framework, MissingPolicy};
use crate::rank::{competition_ranks, permute, tie_key};
use crate::rule::{Cell, Range, Rule, Value};
use rayon::prelude::*;

use crate::tier::{self, TierOutcome};

mod dimensions;
mod indicators;
pub mod kernel;
mod unchecked;
pub use dimensions::Dimensions;
pub use indicators::{IndicatorScore, cell_scores, indicator_scores};
pub use unchecked::unchecked_vetoes;

pub use crate::rank::TOLERANCE;

/// One provider's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderScore {
    /// Index of the provider in [`Evidence::providers`].
    pub index: usize,
    /// Provider id.
    pub provider: String,
    /// Attributes (`name`, `region`, …).
    pub attributes: crate::evidence::AttributeMap,
    /// Competition rank by total (1, 2, 2, 4).
    pub rank: usize,
    /// Total T ∈ [0, 100].
    pub total: f64,
    /// D per dimension in framework order; `None` when the dimension was
    /// left out. Reads as a `&[Option<f64>]` (see [`Dimensions`]).
    pub dimensions: Dimensions,
    /// Number of missing values.
    pub missing: usize,
    /// The tier decision.
    pub tier: TierOutcome,
}

impl tier::Totals for ProviderScore {
    fn total(&self) -> f64 {
        self.total
    }

    fn dimensions(&self) -> &[Option<f64>] {
        &self.dimensions
    }
}

impl ProviderScore {
    /// Share of the total per dimension after renormalisation (0 when left
    /// out). Derived from [`ProviderScore::dimensions`] by the one total
    /// arithmetic ([`kernel::total`]) rather than kept: only `explain` needs
    /// it, and a run holds one result per provider.
    pub fn dimension_shares(&self, fw: &Framework) -> Vec<f64> {
        let weights: Vec<f64> = fw.dimensions.iter().map(|d| d.weight).collect();
        let mut shares = Vec::with_capacity(weights.len());
        if kernel::total(&self.dimensions, &weights, Some(&mut shares)).is_none() {
            shares = vec![0.0; weights.len()];
        }
        shares
    }

    /// Ids of the indicators whose veto triggered.
    pub fn vetoed_by<'f>(&self, fw: &'f Framework) -> Vec<&'f str> {
        self.tier
            .vetoes
            .iter()
            .map(|&v| fw.vetoes[v].indicator_id(fw))
            .collect()
    }

    /// Ids of the `required` indicators it lacks (see [`crate::required`]).
    pub fn incomplete_by<'f>(&self, fw: &'f Framework) -> Vec<&'f str> {
        self.tier
            .incomplete_by
            .iter()
            .map(|&k| fw.indicators[k].id.as_str())
            .collect()
    }
}

/// The result of a run: providers sorted by rank, then id.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Providers in output order.
    pub providers: Vec<ProviderScore>,
    /// Min and max of each `relative` indicator in this run.
    pub ranges: Vec<Option<Range>>,
    /// Evidence index → position in `providers` (see [`Scores::of`]).
    by_index: Vec<usize>,
}

impl Scores {
    /// The result of the provider at `index` in [`Evidence::providers`] (O(1)).
    pub fn of(&self, index: usize) -> Option<&ProviderScore> {
        self.providers.get(self.position_of(index)?)
    }

    /// The position in [`Scores::providers`] of the provider at `index` in
    /// [`Evidence::providers`] (O(1)).
    pub fn position_of(&self, index: usize) -> Option<usize> {
        self.by_index.get(index).copied()
    }

    /// The result of provider `id` (O(1) once the evidence's index is built).
    pub fn find(&self, evidence: &Evidence, id: &str) -> Option<&ProviderScore> {
        self.of(evidence.position(id)?)
    }
}

/// Scores every provider. Errors: missing values under `missing = "error"`, and
/// providers with nothing to score.
pub fn score(fw: &Framework, evidence: &Evidence) -> Result<Scores, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if fw.missing == MissingPolicy::Error {
        errors.extend(missing_value_errors(fw, evidence));
    }
    let ranges = relative_ranges(fw, evidence);
    let n = evidence.providers.len();
    let mut table = dimensions::Table::new(n, fw.dimensions.len());
    // Providers are independent: score them on every core; `collect` keeps
    // their order. Each worker decodes rows into one reused buffer, writes
    // the dimension scores into the provider's row of the run's table, and
    // the results go straight into a vector of the final length (an indexed
    // collect), so no second copy of them is ever made.
    let placeholder = Dimensions::empty();
    let score_one = |row: &mut Vec<Cell>, (index, dims): (usize, &mut [Option<f64>])| {
        let p = &evidence.providers[index];
        evidence.cells_into(index, row);
        let given = (p.attributes.clone(), placeholder.clone());
        let mut s = score_cells(fw, row, &ranges, dims, given)?;
        s.index = index;
        s.provider = p.id.clone();
        Some(s)
    };
    let scored: Vec<Option<ProviderScore>> = (0..n)
        .into_par_iter()
        .zip(table.rows_mut())
        .map_init(Vec::new, score_one)
        .collect();
    let table = std::sync::Arc::new(table);
    // All or nothing; collecting an `Option` of a vector from a vector of the
    // same size reuses its memory in place.
    let complete: Option<Vec<ProviderScore>> = scored.into_iter().collect();
    let mut providers = complete.unwrap_or_default();
    for p in &mut providers {
        p.dimensions = dimensions::Table::row(&table, p.index);
    }
    if providers.len() < n {
        // Someone has nothing to score: name every such provider.
        for (index, p) in evidence.providers.iter().enumerate() {
            if score_provider(fw, &evidence.cells(index), &ranges).is_none() {
                errors.push(
                    Diagnostic::error(&evidence.file, Some(Location { line: p.line, col: 1 }), format!("provider `{}` has nothing to score: every weighted indicator is missing or not applicable", p.id))
                        .with_help("give at least one value, or remove the provider"),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    rank(&mut providers);
    let mut by_index = vec![0; providers.len()];
    for (position, p) in providers.iter().enumerate() {
        by_index[p.index] = position;
    }
    Ok(Scores {
        providers,
        ranges,
        by_index,
    })
}

fn missing_value_errors(fw: &Framework, evidence: &Evidence) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (p, provider) in evidence.providers.iter().enumerate() {
        for (k, cell) in evidence.cells(p).iter().enumerate() {
            if *cell == Cell::Missing {
                let location = evidence.location(p, k).unwrap_or(Location {
                    line: provider.line,
                    col: 1,
                });
                errors.push(
                    Diagnostic::error(&evidence.file, Some(location), format!("missing value for provider `{}`, indicator `{}`", provider.id, fw.indicators[k].id))
                        .with_help("this framework has `missing = \"error\"`: give a value, or `n/a` when it does not apply"),
                );
            }
        }
    }
    errors
}

/// Min and max of every `relative` indicator over the providers with a value.
pub fn relative_ranges(fw: &Framework, evidence: &Evidence) -> Vec<Option<Range>> {
    fw.indicators
        .iter()
        .enumerate()
        .map(|(k, ind)| {
            if !matches!(ind.rule, Rule::Relative { .. }) {
                return None;
            }
            (0..evidence.providers.len())
                .filter_map(|p| match evidence.cell(p, k) {
                    Cell::Value(Value::Number(v)) => Some(v),
                    _ => None,
                })
                .fold(None, |acc: Option<Range>, v| {
                    Some(match acc {
                        None => Range { min: v, max: v },
                        Some(r) => Range {
                            min: r.min.min(v),
                            max: r.max.max(v),
                        },
                    })
                })
        })
        .collect()
}

/// s of a given value of indicator `k` (`None` when the cell holds no value):
/// the one place a cell becomes s, for scoring, `compare` and the sensitivity model.
pub fn value_score(fw: &Framework, k: usize, cell: &Cell, ranges: &[Option<Range>]) -> Option<f64> {
    match cell {
        Cell::Value(v) => Some(fw.indicators[k].rule.score(v, ranges[k])),
        Cell::NotApplicable | Cell::Missing => None,
    }
}

/// s of one cell as it counts in its dimension: a value's s, a missing value
/// under the framework's policy (0, or left out under `exclude`); `None` when
/// it is left out.
fn cell_score(fw: &Framework, k: usize, cell: &Cell, ranges: &[Option<Range>]) -> Option<f64> {
    match cell {
        Cell::Missing => (fw.missing != MissingPolicy::Exclude).then_some(0.0),
        _ => value_score(fw, k, cell, ranges),
    }
}

/// Scores one provider's cells (index, id, attributes and rank are filled in
/// by the caller). `None` when nothing weighted is present.
pub fn score_provider(
    fw: &Framework,
    cells: &[Cell],
    ranges: &[Option<Range>],
) -> Option<ProviderScore> {
    let mut dims = vec![None; fw.dimensions.len()];
    let given = (Default::default(), Dimensions::empty());
    let mut s = score_cells(fw, cells, ranges, &mut dims, given)?;
    s.dimensions = Dimensions::from(dims);
    Some(s)
}

/// [`score_provider`] writing the dimension scores into `dims` (a row of the
/// run's table), with the provider's attributes given (shared with the
/// evidence rather than an empty map made and freed per provider); the result
/// holds `placeholder` until [`score`] points it at its row.
fn score_cells(
    fw: &Framework,
    cells: &[Cell],
    ranges: &[Option<Range>],
    dims: &mut [Option<f64>],
    (attributes, placeholder): (crate::evidence::AttributeMap, Dimensions),
) -> Option<ProviderScore> {
    let total = aggregate_into(fw, |k| cell_score(fw, k, &cells[k], ranges), dims)?;
    let tier = tier::decide(fw, &Fresh { total, dims }, cells);
    Some(ProviderScore {
        index: 0,
        provider: String::new(),
        attributes,
        rank: 0,
        total,
        dimensions: placeholder,
        missing: cells.iter().filter(|c| **c == Cell::Missing).count(),
        tier,
    })
}

/// The scores of a provider being scored, for its tier decision.
struct Fresh<'a> {
    total: f64,
    dims: &'a [Option<f64>],
}

impl tier::Totals for Fresh<'_> {
    fn total(&self) -> f64 {
        self.total
    }

    fn dimensions(&self) -> &[Option<f64>] {
        self.dims
    }
}

/// Dimension scores and the total (each dimension's share of it is
/// [`ProviderScore::dimension_shares`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// D per dimension; `None` when nothing in it is scored.
    pub dimensions: Vec<Option<f64>>,
    /// T ∈ [0, 100].
    pub total: f64,
}

/// Aggregates per-indicator scores (`score_of(k)`, `None`: left out) into
/// dimensions and a total, renormalising the weights of what is scored at each
/// level. `None` when no weighted dimension is scored. The one place this
/// arithmetic lives: `gap` uses it for its "what if" totals too.
pub fn aggregate(fw: &Framework, score_of: impl Fn(usize) -> Option<f64>) -> Option<Aggregate> {
    let mut dimensions = vec![None; fw.dimensions.len()];
    let total = aggregate_into(fw, score_of, &mut dimensions)?;
    Some(Aggregate { dimensions, total })
}

/// [`aggregate`] writing D per dimension into `dimensions` (one per
/// dimension of `fw`), returning T.
fn aggregate_into(
    fw: &Framework,
    score_of: impl Fn(usize) -> Option<f64>,
    dimensions: &mut [Option<f64>],
) -> Option<f64> {
    for (slot, d) in dimensions.iter_mut().zip(&fw.dimensions) {
        *slot = kernel::dimension(
            d.indicators
                .clone()
                .map(|k| (fw.indicators[k].weight, score_of(k))),
        );
    }
    let weights: Vec<f64> = fw.dimensions.iter().map(|d| d.weight).collect();
    kernel::total(dimensions, &weights, None)
}

/// Sorts by total descending, then id, and assigns competition ranks.
/// Totals equal when rounded to 9 decimals ([`TOLERANCE`]) are ties: rounding
/// first makes "tie" transitive, so the sort order is a total order.
pub fn rank(providers: &mut [ProviderScore]) {
    let key = |p: &ProviderScore| tie_key(p.total);
    // Sort (key, position) pairs, 16 bytes a provider, on every core, rather
    // than moving whole results around; then move each result once.
    let mut order: Vec<(i64, u32)> = providers
        .iter()
        .enumerate()
        .map(|(i, p)| (key(p), i as u32))
        .collect();
    order.par_sort_unstable_by(|&(ka, a), &(kb, b)| {
        kb.cmp(&ka).then_with(|| {
            providers[a as usize]
                .provider
                .cmp(&providers[b as usize].provider)
        })
    });
    let ranks: Vec<usize> = competition_ranks(order.iter().map(|&(k, _)| k)).collect();
    permute(
        providers,
        order.into_iter().map(|(_, i)| i as usize).collect(),
    );
    for (p, rank) in providers.iter_mut().zip(ranks) {
        p.rank = rank;
    }
}

#[cfg(test)]
mod tests;
