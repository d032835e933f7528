//! Expert rows of long evidence (`expert` column, §8): collected as they
//! stream in, then combined into the value of each panel indicator.

use std::collections::HashMap;

use super::Evidence;
use super::table::Table;
use crate::diag::{Diagnostic, Location};
use crate::framework::Framework;
use crate::panel::{ExpertScore, PanelScores, combine};
use crate::rule::{Cell, Value};

/// Collects the experts' scores of one evidence file.
#[derive(Default)]
pub struct Experts {
    /// The `expert` column, when the header has one (0-based).
    column: Option<usize>,
    /// The `value` column (0-based).
    value: usize,
    /// Scores by (provider, indicator), in file order.
    pairs: HashMap<(usize, usize), Vec<ExpertScore>>,
}

impl Experts {
    /// Takes the long-format header's `expert` and `value` columns.
    pub fn set_columns(&mut self, expert: Option<usize>, value: usize) {
        self.column = expert;
        self.value = value;
    }

    /// Handles a long row for indicator `k` of provider `p` when it is an
    /// expert's row or a panel indicator's; false when it is an ordinary value.
    pub fn row(
        &mut self,
        table: &mut Table,
        fw: &Framework,
        at: (usize, usize, usize),
        provider: &str,
        record: &csv::StringRecord,
    ) -> bool {
        let (line, p, k) = at;
        let indicator = &fw.indicators[k];
        let expert = self
            .column
            .map(|c| super::clean(record.get(c).unwrap_or("")));
        let col = self.column.map_or(1, |c| c + 1);
        let (Some(_), Some(expert)) = (&indicator.panel, expert.filter(|e| !e.is_empty())) else {
            if indicator.panel.is_some() {
                table.error(line, col, format!("indicator `{}` is scored by a panel: this row names no expert", indicator.id)).help =
                    Some("give each expert's score on its own row, with the expert's id in the `expert` column".into());
                return true;
            }
            if let Some(expert) = expert.filter(|e| !e.is_empty()) {
                let message = format!(
                    "this row names expert `{expert}`, but indicator `{}` has no panel",
                    indicator.id
                );
                table.error(line, col, message).help = Some(
                    "leave `expert` empty, or give the indicator a `panel` in the framework".into(),
                );
                return true;
            }
            return false;
        };
        let scores = self.pairs.entry((p, k)).or_default();
        if let Some(first) = scores.iter().find(|s| s.expert == expert) {
            table.error(line, col, format!("expert `{expert}` scored provider `{provider}`, indicator `{}` twice (first at line {})", indicator.id, first.line)).help =
                Some("each expert scores each provider and indicator once".into());
            return true;
        }
        let raw = record.get(self.value).unwrap_or("");
        match indicator.rule.parse_cell(super::clean(raw)) {
            Ok(Cell::Value(Value::Number(score))) => scores.push(ExpertScore {
                expert: expert.to_string(),
                score,
                line,
            }),
            // An empty cell: this expert has not scored it (yet).
            Ok(Cell::Missing) => {}
            Ok(_) => {
                table
                    .error(
                        line,
                        self.value + 1,
                        format!(
                            "an expert's score must be a number (indicator `{}`)",
                            indicator.id
                        ),
                    )
                    .help = Some("leave the cell empty when the expert did not score it".into());
            }
            Err(message) => {
                table.error(
                    line,
                    self.value + 1,
                    format!("{message} (indicator `{}`)", indicator.id),
                );
            }
        }
        true
    }

    /// Takes the scores a builder of the later part of the same file found;
    /// `target[q]` is where that part's provider `q` went. An expert who scored
    /// the same pair in both parts is a duplicate.
    pub fn absorb(
        &mut self,
        other: Experts,
        target: &[usize],
        fw: &Framework,
        table: &mut Table,
        providers: &[super::ProviderEvidence],
    ) {
        let col = self.column.map_or(1, |c| c + 1);
        let mut later: Vec<_> = other.pairs.into_iter().collect();
        later.sort_by_key(|&((q, k), _)| (q, k));
        for ((q, k), scores) in later {
            let Some(&p) = target.get(q) else { continue };
            let mine = self.pairs.entry((p, k)).or_default();
            for s in scores {
                if let Some(first) = mine.iter().find(|m| m.expert == s.expert) {
                    table.error(s.line, col, format!("expert `{}` scored provider `{}`, indicator `{}` twice (first at line {})", s.expert, providers[p].id, fw.indicators[k].id, first.line));
                    continue;
                }
                mine.push(s);
            }
        }
    }

    /// Combines the scores into the values of the panel indicators, warns
    /// about too few experts and about spreads over the alert, and stores the
    /// scores (sorted by expert) in the evidence.
    pub fn finish(self, evidence: &mut Evidence, fw: &Framework, warnings: &mut Vec<Diagnostic>) {
        let mut panels = PanelScores {
            expert_column: self.column.map_or(1, |c| c + 1),
            ..PanelScores::default()
        };
        let mut pairs: Vec<_> = self.pairs.into_iter().collect();
        pairs.sort_by_key(|&(pk, _)| pk);
        for ((p, k), mut scores) in pairs {
            let Some(panel) = fw.indicators[k].panel else {
                continue;
            };
            if scores.is_empty() {
                continue;
            }
            scores.sort_by(|a, b| a.expert.cmp(&b.expert));
            let first_line = scores.iter().map(|s| s.line).min().unwrap_or(0);
            let values: Vec<f64> = scores.iter().map(|s| s.score).collect();
            let provider = &evidence.providers[p].id;
            let id = &fw.indicators[k].id;
            let at = Some(Location {
                line: first_line,
                col: panels.expert_column,
            });
            if scores.len() < panel.min_experts {
                let message = format!(
                    "provider `{provider}`, indicator `{id}`: {} expert score(s), fewer than the {} required; the value is missing",
                    scores.len(),
                    panel.min_experts
                );
                warnings.push(Diagnostic::warning(&evidence.file, at, message));
            } else if let Some(value) = combine(&values, panel.aggregate) {
                evidence.cells[p][k] = Cell::Value(Value::Number(value));
                evidence.lines[p][k] = first_line as u32;
            }
            if let Some(limit) = panel.spread_alert {
                let spread = crate::panel::spread(&values);
                if spread > limit {
                    let list: Vec<String> = scores
                        .iter()
                        .map(|s| format!("{} {}", s.expert, crate::number::trim(s.score)))
                        .collect();
                    let message = format!(
                        "experts disagree on provider `{provider}`, indicator `{id}`: spread {} > {} ({})",
                        crate::number::trim(spread),
                        crate::number::trim(limit),
                        list.join(", ")
                    );
                    warnings.push(
                        Diagnostic::warning(&evidence.file, at, message)
                            .with_help("the panel chair may call a re-discussion"),
                    );
                }
            }
            panels.pairs.insert((p, k), scores);
        }
        evidence.panels = panels;
    }
}

#[cfg(test)]
mod tests;
