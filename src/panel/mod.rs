//! Expert panels (专家评审): the experts' scores of qualitative indicators and
//! what is computed from them.
//!
//! Evidence rows with an `expert` column are collected by the evidence reader
//! into [`PanelScores`]; [`combine`] turns one (provider, indicator)'s scores
//! into the indicator's value; [`review`] measures the panel as a whole
//! (Kendall's W, each expert's leniency, spread alerts) for `tierscore panel`.

pub mod chi2;
pub mod concordance;
pub mod conflicts;
pub mod explained;
pub mod review;

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Location};
use crate::framework::panel::Aggregate;

/// One expert's score of one (provider, indicator).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpertScore {
    /// The expert's id as written in the `expert` column.
    pub expert: String,
    /// The score.
    pub score: f64,
    /// The evidence line (or worksheet row) it was read from.
    pub line: usize,
}

/// Every expert score of an evidence file, by (provider, indicator) index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PanelScores {
    /// Scores of each (provider, indicator), sorted by expert id.
    pub pairs: BTreeMap<(usize, usize), Vec<ExpertScore>>,
    /// The 1-based column of the `expert` field (to locate diagnostics).
    pub expert_column: usize,
    /// When the evidence is a workbook: its worksheet and the column number of
    /// its first field, so diagnostics point at cells.
    pub sheet: Option<(String, usize)>,
}

impl PanelScores {
    /// The scores of provider `p` for indicator `k` (empty for non-panel indicators).
    pub fn scores(&self, p: usize, k: usize) -> &[ExpertScore] {
        self.pairs.get(&(p, k)).map_or(&[], Vec::as_slice)
    }

    /// A diagnostic at `line`, `col` of `file`, re-pointed at the worksheet cell
    /// when the evidence is a workbook.
    pub fn locate(&self, d: Diagnostic, line: usize, col: usize) -> Diagnostic {
        let d = Diagnostic {
            location: Some(Location { line, col }),
            ..d
        };
        match &self.sheet {
            Some((sheet, first_col)) => d.in_cell(sheet, line, first_col + col.max(1) - 1),
            None => d,
        }
    }
}

/// The aggregate of `scores` by `how`, or `None` when there are too few
/// (none at all, or fewer than 3 for a trimmed mean).
pub fn combine(scores: &[f64], how: Aggregate) -> Option<f64> {
    let mut sorted = scores.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match how {
        _ if n == 0 => None,
        Aggregate::Mean => Some(mean(&sorted)),
        Aggregate::Median if n % 2 == 1 => Some(sorted[n / 2]),
        Aggregate::Median => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
        Aggregate::TrimmedMean if n < 3 => None,
        // Exactly one lowest and one highest are dropped, even when tied.
        Aggregate::TrimmedMean => Some(mean(&sorted[1..n - 1])),
    }
}

/// Which two scores a trimmed mean drops: the positions in `scores` of one
/// lowest (among ties, the first listed) and one highest (among ties, the last
/// listed), so the two always differ. `None` below 3 scores.
pub fn trimmed(scores: &[ExpertScore]) -> Option<(usize, usize)> {
    if scores.len() < 3 {
        return None;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    // A stable sort keeps tied scores in the order listed.
    order.sort_by(|&a, &b| scores[a].score.total_cmp(&scores[b].score));
    Some((order[0], order[order.len() - 1]))
}

/// max − min of `values` (0 for none).
pub fn spread(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    if values.is_empty() { 0.0 } else { max - min }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[cfg(test)]
mod tests;
