//! Expert rows of long evidence (`expert` column, §8): collected as they
//! stream in, then combined into the value of each panel indicator.

use std::collections::HashMap;

use super::Evidence;
use super::table::Table;
use crate::diag::{Diagnostic, Severity};
use crate::framework::Framework;
use crate::panel::{ExpertScore, PanelScores, ScoreFile, combine};
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
                file: 0,
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

    /// Stores the scores (sorted by expert) in the evidence and combines them
    /// into the values of the panel indicators.
    pub fn finish(self, evidence: &mut Evidence, fw: &Framework) {
        let mut panels = PanelScores {
            files: vec![ScoreFile {
                name: evidence.file.clone(),
                expert_column: self.column.map_or(1, |c| c + 1),
                sheet: None,
            }],
            ..PanelScores::default()
        };
        for ((p, k), mut scores) in self.pairs {
            if fw.indicators[k].panel.is_some() && !scores.is_empty() {
                scores.sort_by(|a, b| a.expert.cmp(&b.expert));
                panels.pairs.insert((p, k), scores);
            }
        }
        evidence.panels = panels;
        aggregate(evidence, fw);
    }
}

impl Evidence {
    /// Adds the expert scores of another file read against the same framework
    /// (an expert's filled-in scoring sheet) and recombines every panel value.
    /// Returns the errors: a value that is not an expert score, and an expert
    /// who scored the same provider and indicator in both files. A provider
    /// found only in `extra` is added (it is scored).
    pub fn add_expert_scores(&mut self, extra: Evidence, fw: &Framework) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let file = self.panels.files.len();
        let extra_file = extra.panels.files.first().cloned().unwrap_or_default();
        self.panels.files.push(extra_file);
        for q in 0..extra.providers.len() {
            for (k, ind) in fw.indicators.iter().enumerate() {
                if ind.panel.is_none() && extra.store.line(q, k) > 0 {
                    let message = format!(
                        "`{}` is not scored by a panel: give its value in the evidence, not in an expert score file",
                        ind.id
                    );
                    errors.push(Diagnostic::error(
                        &extra.file,
                        extra.location(q, k),
                        message,
                    ));
                }
            }
        }
        let mut index: HashMap<String, usize> = self
            .providers
            .iter()
            .enumerate()
            .map(|(p, e)| (e.id.clone(), p))
            .collect();
        for ((q, k), scores) in extra.panels.pairs {
            let provider = &extra.providers[q];
            let p = *index.entry(provider.id.clone()).or_insert_with(|| {
                self.providers.push(provider.clone());
                self.store.push(provider.line);
                self.providers.len() - 1
            });
            for s in scores {
                let s = ExpertScore { file, ..s };
                let first = self
                    .panels
                    .scores(p, k)
                    .iter()
                    .find(|m| m.expert == s.expert);
                if let Some(first) = first {
                    let message = format!(
                        "expert `{}` scored provider `{}`, indicator `{}` twice (first at {}:{})",
                        s.expert,
                        provider.id,
                        fw.indicators[k].id,
                        self.panels.files[first.file].name,
                        first.line
                    );
                    errors.push(self.panels.at(&s, Severity::Error, message));
                    continue;
                }
                let mine = self.panels.pairs.entry((p, k)).or_default();
                mine.push(s);
                mine.sort_by(|a, b| a.expert.cmp(&b.expert));
            }
        }
        aggregate(self, fw);
        errors
    }
}

/// Sets the value of every panel indicator that has enough scores to their
/// aggregate (the others stay missing).
fn aggregate(evidence: &mut Evidence, fw: &Framework) {
    for (&(p, k), scores) in &evidence.panels.pairs {
        let Some(panel) = fw.indicators[k].panel else {
            continue;
        };
        let values: Vec<f64> = scores.iter().map(|s| s.score).collect();
        let value = (values.len() >= panel.min_experts)
            .then(|| combine(&values, panel.aggregate))
            .flatten();
        if let Some(value) = value {
            evidence.store.set(p, k, &Cell::Value(Value::Number(value)));
            let first = scores.iter().filter(|s| s.file == 0).map(|s| s.line).min();
            evidence.store.set_line(p, k, first.unwrap_or(0) as u32);
        }
    }
}

#[cfg(test)]
mod tests;
