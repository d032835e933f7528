//! Amendments after review (异议复核, SPEC §9): `--amend FILE` corrects
//! evidence values after an objection, each with a mandatory reason.
//!
//! ```text
//! provider,indicator,value,reason
//! hx,I11,CS4,复核：2026-05-10 取得 CS4 证书（异议编号 2026-03）
//! ```
//!
//! The file is read once ([`load`]) and checked against each evidence file
//! ([`apply`]) after the evidence's own values, the values derived from the
//! ledgers and the panels' aggregates are in, and before scoring: an
//! amendment replaces the **final** value of its indicator, whatever it came
//! from. Every amended value keeps its old value, reason and line
//! ([`Amendment`]), so `explain`, JSON and the report's change log (变更记录)
//! can show it (rendered by [`crate::report::amended`]). There is no `expert`
//! column: a panel indicator is amended at its aggregate; a wrong expert score
//! is corrected in the expert's sheet.

mod apply;

pub use crate::evidence::{Amended, Amendment};
pub use apply::apply;

use std::collections::HashMap;

use crate::diag::{self, Diagnostic};
use crate::evidence::table::Table;
use crate::evidence::{Evidence, clean, each_record};
use crate::input::{self, Encoding};

/// The columns an amendment file must have.
pub const COLUMNS: [&str; 4] = ["provider", "indicator", "value", "reason"];

/// One row of an amendment file, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its line.
    pub line: usize,
    /// The provider id.
    pub provider: String,
    /// The indicator id.
    pub indicator: String,
    /// The corrected value, as text (parsed against the indicator's rule by [`apply`]).
    pub value: String,
    /// Why the value changed.
    pub reason: String,
}

/// An amendment file, read and checked on its own (columns, empty cells,
/// duplicates); what it names is checked against the evidence by [`apply`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AmendFile {
    /// The file as the user named it.
    pub file: String,
    /// The 1-based column of `provider`, `indicator`, `value` and `reason`.
    pub columns: [usize; 4],
    /// The rows, in file order.
    pub rows: Vec<Row>,
}

/// Reads an amendment file (CSV, long format): every problem at its line and column.
pub fn load(path: &str, encoding: Encoding) -> Result<AmendFile, Vec<Diagnostic>> {
    let text = input::open_text(path, encoding).map_err(|d| vec![d])?;
    let mut reader = Reader {
        table: Table::new(path),
        out: AmendFile {
            file: path.to_string(),
            ..AmendFile::default()
        },
        header_checked: false,
        usable: false,
        first: HashMap::new(),
    };
    let mut errors = Vec::new();
    each_record(path, text, |line, r| reader.record(line, r), &mut errors);
    reader.table.finish();
    errors.extend(reader.table.diagnostics);
    diag::sort(&mut errors);
    if diag::has_errors(&errors) {
        Err(errors)
    } else {
        Ok(reader.out)
    }
}

/// Collects the rows of an amendment file record by record.
struct Reader<'f> {
    table: Table<'f>,
    out: AmendFile,
    header_checked: bool,
    /// True when the header has every column.
    usable: bool,
    /// (provider, indicator) → the line of its first amendment.
    first: HashMap<(String, String), usize>,
}

impl Reader<'_> {
    fn record(&mut self, line: usize, record: &crate::evidence::Record) {
        let is_row = self.table.accept(line, record);
        if !self.header_checked && !self.table.header.is_empty() {
            self.header_checked = true;
            self.check_header(line);
        }
        if is_row && self.usable {
            self.row(line, record);
        }
    }

    fn check_header(&mut self, line: usize) {
        let mut usable = true;
        for (i, name) in COLUMNS.iter().enumerate() {
            match self.table.column(name) {
                Some(c) => self.out.columns[i] = c + 1,
                None => {
                    usable = false;
                    // `provider` is reported by the table's own header check.
                    if *name != "provider" {
                        self.table
                            .error(line, 1, format!("the header has no `{name}` column"))
                            .help = Some(
                            "an amendment file has the columns provider,indicator,value,reason"
                                .into(),
                        );
                    }
                }
            }
        }
        if let Some(c) = self.table.column("expert") {
            usable = false;
            self.table
                .error(line, c + 1, "an amendment file has no `expert` column")
                .help = Some(
                "a panel indicator is amended at its final (aggregated) value: drop the column; \
                 to correct one expert's score, correct that expert's scoring sheet"
                    .into(),
            );
        }
        self.usable = usable;
    }

    fn row(&mut self, line: usize, record: &crate::evidence::Record) {
        let [p, i, v, r] = self.out.columns.map(|c| c - 1);
        let field = |c: usize| clean(record.get(c).unwrap_or("")).to_string();
        let Some(provider) = self.table.provider_id(line, p, record).map(str::to_string) else {
            return;
        };
        let (indicator, value, reason) = (field(i), field(v), field(r));
        let mut ok = true;
        if indicator.is_empty() {
            self.table.error(line, i + 1, "empty indicator id");
            ok = false;
        }
        if value.is_empty() {
            self.table.error(line, v + 1, "empty value").help = Some(
                "give the corrected value (`n/a` when the indicator does not apply); \
                 an amendment cannot remove a value"
                    .into(),
            );
            ok = false;
        }
        if reason.is_empty() {
            let message = format!("the amendment of `{indicator}` for `{provider}` has no reason");
            self.table.error(line, r + 1, message).help = Some(
                "every amendment says why the value changed (e.g. 复核：证书已更新); \
                 the reason is published in the report's change log (变更记录)"
                    .into(),
            );
            ok = false;
        }
        if !indicator.is_empty() {
            let key = (provider.clone(), indicator.clone());
            if let Some(first) = self.first.get(&key) {
                let message = format!(
                    "indicator `{indicator}` of provider `{provider}` is amended twice (first at line {first})"
                );
                self.table.error(line, i + 1, message).help =
                    Some("keep one amendment per provider and indicator: the final value".into());
                return;
            }
            self.first.insert(key, line);
        }
        if ok {
            self.out.rows.push(Row {
                line,
                provider,
                indicator,
                value,
                reason,
            });
        }
    }
}

/// One change-log entry: a provider's amended indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Change<'a> {
    /// The provider id.
    pub provider: &'a str,
    /// The provider's `name` attribute, if any.
    pub name: Option<&'a str>,
    /// The indicator's index in the framework.
    pub indicator: usize,
    /// The amendment.
    pub amendment: &'a Amendment,
}

/// Every amendment of the run, in amendment-file order (the change log).
pub fn changes(evidence: &Evidence) -> Vec<Change<'_>> {
    let mut out: Vec<Change> = evidence
        .amendments
        .iter()
        .map(|(&(p, k), a)| {
            let provider = &evidence.providers[p];
            Change {
                provider: &provider.id,
                name: provider.attributes.get("name").map(String::as_str),
                indicator: k,
                amendment: a,
            }
        })
        .collect();
    out.sort_by_key(|c| c.amendment.line);
    out
}

#[cfg(test)]
mod tests;
