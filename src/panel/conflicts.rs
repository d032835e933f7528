//! Recusal (回避): `--conflicts FILE` lists the experts who may not score a
//! provider, and a score from one of them is an error at its evidence line.

use std::collections::HashMap;

use crate::diag::{self, Diagnostic, Location, Severity};
use crate::evidence::table::Table;
use crate::evidence::{Evidence, clean, each_record};
use crate::input::{self, Encoding};

/// One recusal: where it is written and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Recusal {
    /// The line of the conflicts file.
    pub line: usize,
    /// The `reason` cell, when given and not empty.
    pub reason: Option<String>,
}

/// The recusals of a conflicts file, by (expert, provider).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conflicts {
    /// The file as the user named it.
    pub file: String,
    /// (expert, provider) → the first row that names the pair.
    pub recusals: HashMap<(String, String), Recusal>,
}

/// Reads a conflicts file: CSV with `expert` and `provider` columns and an
/// optional `reason`; other columns are ignored.
pub fn load(path: &str, encoding: Encoding) -> Result<Conflicts, Vec<Diagnostic>> {
    let text = input::open_text(path, encoding).map_err(|d| vec![d])?;
    let mut table = Table::new(path);
    let mut conflicts = Conflicts {
        file: path.to_string(),
        recusals: HashMap::new(),
    };
    let mut errors = Vec::new();
    let mut header_checked = false;
    each_record(
        path,
        text,
        |line, record| {
            let is_row = table.accept(line, record);
            if !header_checked && !table.header.is_empty() {
                header_checked = true;
                if table.column("expert").is_none() {
                    table
                        .error(line, 1, "the header has no `expert` column")
                        .help =
                        Some("a conflicts file has the columns expert,provider[,reason]".into());
                }
            }
            let (Some(e), Some(p)) = (table.column("expert"), table.column("provider")) else {
                return;
            };
            if !is_row {
                return;
            }
            let expert = clean(record.get(e).unwrap_or(""));
            if expert.is_empty() {
                table.error(line, e + 1, "empty expert id");
                return;
            }
            let Some(provider) = table.provider_id(line, p, record) else {
                return;
            };
            let reason = table
                .column("reason")
                .and_then(|r| record.get(r))
                .map(clean)
                .filter(|r| !r.is_empty())
                .map(str::to_string);
            conflicts
                .recusals
                .entry((expert.to_string(), provider.to_string()))
                .or_insert(Recusal { line, reason });
        },
        &mut errors,
    );
    table.finish();
    errors.extend(table.diagnostics);
    diag::sort(&mut errors);
    if diag::has_errors(&errors) {
        Err(errors)
    } else {
        Ok(conflicts)
    }
}

/// An error for every score in `evidence` by an expert recused for its provider.
pub fn check(evidence: &Evidence, conflicts: &Conflicts) -> Vec<Diagnostic> {
    let panels = &evidence.panels;
    let mut errors = Vec::new();
    for (&(p, _), scores) in &panels.pairs {
        let provider = &evidence.providers[p].id;
        for s in scores {
            let key = (s.expert.clone(), provider.clone());
            let Some(recusal) = conflicts.recusals.get(&key) else {
                continue;
            };
            let why = recusal
                .reason
                .as_deref()
                .map_or(String::new(), |r| format!(": {r}"));
            let message = format!(
                "expert `{}` is recused for provider `{provider}` ({}:{}{why}) and may not score it",
                s.expert, conflicts.file, recusal.line
            );
            let d = panels.at(s, Severity::Error, message).with_help(
                "remove this score: a recused expert takes no part in this provider's review (回避)",
            );
            errors.push(d);
        }
    }
    errors.sort_by_key(|d| d.location.unwrap_or(Location { line: 0, col: 0 }));
    errors
}
