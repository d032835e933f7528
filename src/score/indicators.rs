//! Per-indicator details of one provider's result, recomputed on demand
//! (`--detail`, `explain`, `gap`) rather than kept for every provider.

use super::{ProviderScore, cell_score};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::rule::{Cell, Range, Value};

/// How one indicator came out for one provider.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// What the provider declared ([`Cell::Missing`] when nothing).
    pub cell: Cell,
    /// The evidence `source` of the value, if given.
    pub source: Option<String>,
    /// s ∈ [0, 1]; `None` when left out (not applicable, or missing under `exclude`).
    pub score: Option<f64>,
    /// True when no value was given.
    pub missing: bool,
    /// Share of the dimension score after renormalisation (0 when left out).
    pub share_of_dimension: f64,
    /// Why a value given was taken out as not valid on the as-of date (§7).
    pub expired: Option<crate::evidence::validity::Lapse>,
    /// The amendment that set the value (`--amend`, §9), if any.
    pub amended: Option<crate::evidence::Amendment>,
}

impl IndicatorScore {
    /// The parsed cell.
    pub fn cell(&self) -> &Cell {
        &self.cell
    }

    /// The value, when one was given.
    pub fn value(&self) -> Option<&Value> {
        match &self.cell {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }

    /// True when marked not applicable.
    pub fn not_applicable(&self) -> bool {
        matches!(self.cell, Cell::NotApplicable)
    }
}

/// s of each of one provider's cells (`None`: left out), as
/// [`indicator_scores`] gives them, for callers that need nothing else (the
/// what-if totals of `gap`).
pub fn cell_scores<'c>(
    fw: &'c Framework,
    cells: &'c [Cell],
    ranges: &'c [Option<Range>],
) -> impl Iterator<Item = Option<f64>> + 'c {
    cells
        .iter()
        .enumerate()
        .map(move |(k, cell)| cell_score(fw, k, cell, ranges))
}

/// Every indicator's score, share and evidence for one provider of a run.
pub fn indicator_scores(
    fw: &Framework,
    evidence: &Evidence,
    ranges: &[Option<Range>],
    p: &ProviderScore,
) -> Vec<IndicatorScore> {
    let cells = evidence.cells(p.index);
    let mut out: Vec<IndicatorScore> = cells
        .iter()
        .enumerate()
        .map(|(k, cell)| IndicatorScore {
            cell: cell.clone(),
            source: evidence.source(p.index, k).map(str::to_string),
            score: cell_score(fw, k, cell, ranges),
            missing: *cell == Cell::Missing,
            share_of_dimension: 0.0,
            expired: evidence.expired(p.index, k),
            amended: evidence.amendments.get(&(p.index, k)).cloned(),
        })
        .collect();
    for d in &fw.dimensions {
        let group = &mut out[d.indicators.clone()];
        let weights: f64 = group
            .iter()
            .zip(&fw.indicators[d.indicators.clone()])
            .filter(|(s, _)| s.score.is_some())
            .map(|(_, i)| i.weight)
            .sum();
        for (s, ind) in group.iter_mut().zip(&fw.indicators[d.indicators.clone()]) {
            if s.score.is_some() && weights > 0.0 {
                s.share_of_dimension = ind.weight / weights;
            }
        }
    }
    out
}
