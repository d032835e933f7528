//! Expert panels (专家评审): the experts' scores of qualitative indicators and
//! what is computed from them.
//!
//! Evidence rows with an `expert` column are collected by the evidence reader
//! into [`PanelScores`]; [`combine`] turns one (provider, indicator)'s scores
//! into the indicator's value; [`review`] measures the panel as a whole
//! (Kendall's W, each expert's leniency, spread alerts) for `tierscore panel`.

pub mod alerts;
pub mod applicability;
pub mod chi2;
pub mod concordance;
pub mod conflicts;
pub mod explained;
pub mod review;
pub mod sheets;

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Location, Severity};
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
    /// Which of [`PanelScores::files`] it was read from (0: the evidence file).
    pub file: usize,
}

/// An expert's judgement that a panel indicator does not apply to a provider
/// (`n/a` in the score cell): no score, but a row of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The expert's id as written in the `expert` column.
    pub expert: String,
    /// The evidence line (or worksheet row) it was read from.
    pub line: usize,
    /// Which of [`PanelScores::files`] it was read from (0: the evidence file).
    pub file: usize,
}

/// A file expert scores were read from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoreFile {
    /// The file as the user named it.
    pub name: String,
    /// The 1-based column of its `expert` field (to locate diagnostics).
    pub expert_column: usize,
    /// When it is a workbook: its worksheet and the column number of its
    /// first field, so diagnostics point at cells.
    pub sheet: Option<(String, usize)>,
}

/// Every expert score of an evidence file, by (provider, indicator) index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PanelScores {
    /// Scores of each (provider, indicator), sorted by expert id.
    pub pairs: BTreeMap<(usize, usize), Vec<ExpertScore>>,
    /// The `n/a` marks of each (provider, indicator), sorted by expert id.
    pub not_applicable: BTreeMap<(usize, usize), Vec<Mark>>,
    /// The files the scores come from: the evidence, then any `--expert-scores`.
    pub files: Vec<ScoreFile>,
}

impl PanelScores {
    /// The scores of provider `p` for indicator `k` (empty for non-panel indicators).
    pub fn scores(&self, p: usize, k: usize) -> &[ExpertScore] {
        self.pairs.get(&(p, k)).map_or(&[], Vec::as_slice)
    }

    /// A diagnostic of `severity` at the `expert` cell of score `s`, in the
    /// file it was read from (a worksheet cell when that file is a workbook).
    pub fn at(&self, s: &ExpertScore, severity: Severity, message: String) -> Diagnostic {
        self.at_row(s.file, s.line, severity, message)
    }

    /// The (file, line) where `expert` already scored or marked (p, k), if any.
    pub fn first_row(&self, p: usize, k: usize, expert: &str) -> Option<(usize, usize)> {
        let scored = self.scores(p, k).iter().filter(|s| s.expert == expert);
        let scored = scored.map(|s| (s.file, s.line));
        let marked = self.marks(p, k).iter().filter(|m| m.expert == expert);
        scored.chain(marked.map(|m| (m.file, m.line))).min()
    }

    /// The `n/a` marks of provider `p` for indicator `k`.
    pub fn marks(&self, p: usize, k: usize) -> &[Mark] {
        self.not_applicable.get(&(p, k)).map_or(&[], Vec::as_slice)
    }

    /// A diagnostic of `severity` at the `expert` cell of row `line` of file
    /// `file` (one of [`PanelScores::files`]).
    pub fn at_row(
        &self,
        file: usize,
        line: usize,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let default = ScoreFile::default();
        let f = self.files.get(file).unwrap_or(&default);
        let location = Some(Location {
            line,
            col: f.expert_column,
        });
        let d = match severity {
            Severity::Error => Diagnostic::error(&f.name, location, message),
            Severity::Warning => Diagnostic::warning(&f.name, location, message),
        };
        match &f.sheet {
            Some((sheet, first_col)) => d.in_cell(sheet, line, first_col + f.expert_column - 1),
            None => d,
        }
    }
}

/// The scale an expert scores `ind` on, when its rule has one (linear).
pub fn scale_of(ind: &crate::framework::Indicator) -> Option<(f64, f64)> {
    crate::framework::panel::scale(&ind.rule)
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
