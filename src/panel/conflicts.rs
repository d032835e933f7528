//! Recusal (回避): `--conflicts FILE` lists the experts who may not score a
//! provider, and a score from one of them is an error at its evidence line.

use std::collections::HashMap;

use crate::diag::{self, Diagnostic, Location, Severity};
use crate::evidence::table::Table;
use crate::evidence::workbook::{is_workbook, read_sheet};
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

/// Reads a conflicts file: CSV, or a workbook (`.xlsx`, `.ods`, …: its first
/// worksheet, title rows above the header skipped), with `expert` and
/// `provider` columns and an optional `reason`; other columns are ignored.
/// Errors point at file:line:col, or at file!sheet!cell in a workbook.
pub fn load(path: &str, encoding: Encoding) -> Result<Conflicts, Vec<Diagnostic>> {
    let mut reader = Reader {
        table: Table::new(path),
        conflicts: Conflicts {
            file: path.to_string(),
            recusals: HashMap::new(),
        },
        header_checked: false,
    };
    let mut errors = Vec::new();
    if is_workbook(path) {
        let mut sheet = read_sheet(path, None)?;
        sheet.skip_to_header("expert");
        sheet.each_record(|row, record| reader.row(row, record));
        reader.table.finish();
        errors.extend(sheet.warnings.iter().cloned());
        let located = reader.table.diagnostics.drain(..).map(|d| sheet.locate(d));
        errors.extend(located);
    } else {
        let text = input::open_text(path, encoding).map_err(|d| vec![d])?;
        each_record(
            path,
            text,
            |line, record| reader.row(line, record),
            &mut errors,
        );
        reader.table.finish();
        errors.append(&mut reader.table.diagnostics);
    }
    diag::sort(&mut errors);
    if diag::has_errors(&errors) {
        Err(errors)
    } else {
        Ok(reader.conflicts)
    }
}

/// The state of reading one conflicts file.
struct Reader<'a> {
    table: Table<'a>,
    conflicts: Conflicts,
    header_checked: bool,
}

impl Reader<'_> {
    /// Takes one record (the header, or a recusal) at `line`.
    fn row(&mut self, line: usize, record: &crate::evidence::Record) {
        let table = &mut self.table;
        let is_row = table.accept(line, record);
        if !self.header_checked && !table.header.is_empty() {
            self.header_checked = true;
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
        self.conflicts
            .recusals
            .entry((expert.to_string(), provider.to_string()))
            .or_insert(Recusal { line, reason });
    }
}

/// An error for every score or `n/a` mark in `evidence` by an expert recused
/// for its provider.
pub fn check(evidence: &Evidence, conflicts: &Conflicts) -> Vec<Diagnostic> {
    let panels = &evidence.panels;
    let mut errors = Vec::new();
    let scored = panels
        .pairs
        .iter()
        .flat_map(|(&(p, _), scores)| scores.iter().map(move |s| (p, &s.expert, s.file, s.line)));
    let marked = panels
        .not_applicable
        .iter()
        .flat_map(|(&(p, _), marks)| marks.iter().map(move |m| (p, &m.expert, m.file, m.line)));
    for (p, expert, file, line) in scored.chain(marked) {
        let provider = &evidence.providers[p].id;
        let key = (expert.clone(), provider.clone());
        let Some(recusal) = conflicts.recusals.get(&key) else {
            continue;
        };
        let why = recusal
            .reason
            .as_deref()
            .map_or(String::new(), |r| format!(": {r}"));
        let message = format!(
            "expert `{}` is recused for provider `{provider}` ({}:{}{why}) and may not score it",
            expert, conflicts.file, recusal.line
        );
        let d = panels.at_row(file, line, Severity::Error, message).with_help(
            "remove this score: a recused expert takes no part in this provider's review (回避)",
        );
        errors.push(d);
    }
    errors.sort_by_key(|d| d.location.unwrap_or(Location { line: 0, col: 0 }));
    errors
}
