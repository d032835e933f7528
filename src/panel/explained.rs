//! What `explain` shows of a panel indicator: each expert's score, which two a
//! trimmed mean dropped, and the aggregate.

use super::{ExpertScore, Mark, trimmed};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::framework::panel::Aggregate;
use crate::number::trim;
use crate::rule::{Cell, Value};

/// One panel indicator of one provider.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelPart {
    /// Index into [`Framework::indicators`].
    pub indicator: usize,
    /// Every expert's score, by expert id.
    pub scores: Vec<ExpertScore>,
    /// For a trimmed mean: the positions in `scores` of the dropped lowest and highest.
    pub trimmed: Option<(usize, usize)>,
    /// The experts who wrote `n/a` (the indicator does not apply), by expert id.
    pub marks: Vec<Mark>,
    /// The aggregate (the indicator's value), or `None` when too few scored.
    pub aggregate: Option<f64>,
    /// True when the panel marked the indicator `n/a` for this provider.
    pub not_applicable: bool,
}

/// The panel indicators of provider `p` that have at least one score or `n/a` mark.
pub fn parts(fw: &Framework, evidence: &Evidence, p: usize) -> Vec<PanelPart> {
    fw.indicators
        .iter()
        .enumerate()
        .filter_map(|(k, ind)| {
            let panel = ind.panel?;
            let scores = evidence.panels.scores(p, k);
            let marks = evidence.panels.marks(p, k);
            if scores.is_empty() && marks.is_empty() {
                return None;
            }
            let aggregate = match evidence.cell(p, k) {
                Cell::Value(Value::Number(v)) => Some(v),
                _ => None,
            };
            Some(PanelPart {
                indicator: k,
                scores: scores.to_vec(),
                trimmed: (panel.aggregate == Aggregate::TrimmedMean && aggregate.is_some())
                    .then(|| trimmed(scores))
                    .flatten(),
                marks: marks.to_vec(),
                aggregate,
                not_applicable: evidence.cell(p, k) == Cell::NotApplicable,
            })
        })
        .collect()
}

impl PanelPart {
    /// True when the score at position `i` was dropped by the trimmed mean.
    pub fn is_trimmed(&self, i: usize) -> bool {
        self.trimmed.is_some_and(|(lo, hi)| i == lo || i == hi)
    }

    /// `zhang 80, li 90 (dropped), wang 60 (dropped) → trimmed_mean 80`;
    /// `li n/a, zhang n/a → mean n/a` when the panel marked it not applicable.
    pub fn text(&self, fw: &Framework, dropped: &str, missing: &str) -> String {
        let ind = &fw.indicators[self.indicator];
        let scores: Vec<String> = self
            .scores
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mark = if self.is_trimmed(i) {
                    format!(" ({dropped})")
                } else {
                    String::new()
                };
                format!("{} {}{mark}", s.expert, trim(s.score))
            })
            .chain(self.marks.iter().map(|m| format!("{} n/a", m.expert)))
            .collect();
        let how = ind.panel.map_or("", |p| p.aggregate.as_str());
        let result = match self.aggregate {
            Some(v) => trim(v),
            None if self.not_applicable => "n/a".to_string(),
            None => missing.to_string(),
        };
        format!("{}: {} → {how} {result}", ind.id, scores.join(", "))
    }
}
