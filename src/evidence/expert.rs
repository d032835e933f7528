//! Expert rows of long evidence (`expert` column, §8): collected as they
//! stream in, then combined into the value of each panel indicator.

use std::collections::HashMap;

use super::Evidence;
use super::table::Table;
use crate::diag::{Diagnostic, Severity};
use crate::framework::Framework;
use crate::panel::{ExpertScore, Mark, PanelScores, ScoreFile, combine};
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
    /// `n/a` marks by (provider, indicator), in file order.
    marks: HashMap<(usize, usize), Vec<Mark>>,
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
        record: &crate::evidence::Record,
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
        if let Some(first) = self.first_line(p, k, expert) {
            table.error(line, col, format!("expert `{expert}` scored provider `{provider}`, indicator `{}` twice (first at line {first})", indicator.id)).help =
                Some("each expert scores each provider and indicator once".into());
            return true;
        }
        let raw = record.get(self.value).unwrap_or("");
        let expert = expert.to_string();
        match indicator.rule.parse_cell(super::clean(raw)) {
            Ok(Cell::Value(Value::Number(score))) => {
                let s = ExpertScore {
                    expert,
                    score,
                    line,
                    file: 0,
                };
                self.pairs.entry((p, k)).or_default().push(s);
            }
            // The expert judges that the indicator does not apply (§8, n/a).
            Ok(Cell::NotApplicable) => {
                let m = Mark {
                    expert,
                    line,
                    file: 0,
                };
                self.marks.entry((p, k)).or_default().push(m);
            }
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
                    .help = Some("leave the cell empty when the expert did not score it, or write n/a when the indicator does not apply".into());
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

    /// The line where `expert` already scored or marked (p, k), if any.
    fn first_line(&self, p: usize, k: usize, expert: &str) -> Option<usize> {
        let scored = self.pairs.get(&(p, k)).into_iter().flatten();
        let scored = scored.filter(|s| s.expert == expert).map(|s| s.line);
        let marked = self.marks.get(&(p, k)).into_iter().flatten();
        let marked = marked.filter(|m| m.expert == expert).map(|m| m.line);
        scored.chain(marked).min()
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
        let mut rows = Vec::new();
        for (pk, scores) in other.pairs {
            rows.extend(
                scores
                    .into_iter()
                    .map(|s| (pk, (s.expert, Some(s.score), s.line))),
            );
        }
        for (pk, marks) in other.marks {
            rows.extend(marks.into_iter().map(|m| (pk, (m.expert, None, m.line))));
        }
        rows.sort_by_key(|&((q, k), (_, _, line))| (q, k, line));
        for ((q, k), (expert, score, line)) in rows {
            let Some(&p) = target.get(q) else { continue };
            if let Some(first) = self.first_line(p, k, &expert) {
                table.error(line, col, format!("expert `{expert}` scored provider `{}`, indicator `{}` twice (first at line {first})", providers[p].id, fw.indicators[k].id));
                continue;
            }
            match score {
                Some(score) => self.pairs.entry((p, k)).or_default().push(ExpertScore {
                    expert,
                    score,
                    line,
                    file: 0,
                }),
                None => self.marks.entry((p, k)).or_default().push(Mark {
                    expert,
                    line,
                    file: 0,
                }),
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
        for ((p, k), mut marks) in self.marks {
            marks.sort_by(|a, b| a.expert.cmp(&b.expert));
            panels.not_applicable.insert((p, k), marks);
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
        let mut rows = Vec::new();
        for (pk, scores) in extra.panels.pairs {
            rows.extend(
                scores
                    .into_iter()
                    .map(|s| (pk, (s.expert, Some(s.score), s.line))),
            );
        }
        for (pk, marks) in extra.panels.not_applicable {
            rows.extend(marks.into_iter().map(|m| (pk, (m.expert, None, m.line))));
        }
        rows.sort_by_key(|&((q, k), (_, _, line))| (q, k, line));
        for ((q, k), (expert, score, line)) in rows {
            let provider = &extra.providers[q];
            let p = *index.entry(provider.id.clone()).or_insert_with(|| {
                self.providers.push(provider.clone());
                self.store.push(provider.line);
                self.providers.len() - 1
            });
            if let Some((f, first)) = self.panels.first_row(p, k, &expert) {
                let message = format!(
                    "expert `{expert}` scored provider `{}`, indicator `{}` twice (first at {}:{first})",
                    provider.id, fw.indicators[k].id, self.panels.files[f].name,
                );
                errors.push(self.panels.at_row(file, line, Severity::Error, message));
                continue;
            }
            match score {
                Some(score) => {
                    let mine = self.panels.pairs.entry((p, k)).or_default();
                    mine.push(ExpertScore {
                        expert,
                        score,
                        line,
                        file,
                    });
                    mine.sort_by(|a, b| a.expert.cmp(&b.expert));
                }
                None => {
                    let mine = self.panels.not_applicable.entry((p, k)).or_default();
                    mine.push(Mark { expert, line, file });
                    mine.sort_by(|a, b| a.expert.cmp(&b.expert));
                }
            }
        }
        aggregate(self, fw);
        errors
    }
}

/// Sets the value of every panel indicator that has enough scores to their
/// aggregate, and to `n/a` where at least `min_experts` experts marked it so
/// and none scored it (the others stay missing; a mix of scores and marks is
/// an error of [`crate::panel::applicability`]).
fn aggregate(evidence: &mut Evidence, fw: &Framework) {
    let panels = &evidence.panels;
    let keys: std::collections::BTreeSet<_> = panels
        .pairs
        .keys()
        .chain(panels.not_applicable.keys())
        .copied()
        .collect();
    for (p, k) in keys {
        let Some(panel) = fw.indicators[k].panel else {
            continue;
        };
        let (scores, marks) = (panels.scores(p, k), panels.marks(p, k));
        let values: Vec<f64> = scores.iter().map(|s| s.score).collect();
        let cell = if values.is_empty() {
            (marks.len() >= panel.min_experts).then_some(Cell::NotApplicable)
        } else {
            (values.len() >= panel.min_experts)
                .then(|| combine(&values, panel.aggregate))
                .flatten()
                .map(|v| Cell::Value(Value::Number(v)))
        };
        if let Some(cell) = cell {
            evidence.store.set(p, k, &cell);
            let lines = scores.iter().map(|s| (s.file, s.line));
            let lines = lines.chain(marks.iter().map(|m| (m.file, m.line)));
            let first = lines.filter(|&(f, _)| f == 0).map(|(_, l)| l).min();
            evidence.store.set_line(p, k, first.unwrap_or(0) as u32);
        }
    }
}

#[cfg(test)]
mod tests;
