//! Record tables (业绩清单): ledgers of projects, certificates, staff or
//! incidents, one row per item, read from CSV or a workbook sheet.
//!
//! Every cell is checked against its field's type as it is read (a bad cell
//! is reported at `file:line:col`, or `file!sheet!cell`), text is trimmed, and
//! the rows are grouped by provider in one pass, so that deriving indicators
//! ([`mod@derive`]) visits each row once.

pub mod attach;
pub mod derive;
pub mod describe;
mod reader;
pub mod validity;

use crate::diag::{Diagnostic, cell_name};
use crate::framework::Framework;
use crate::framework::records::FieldValue;
use crate::input::Encoding;

pub use attach::{RecordsArgs, attach, is_flag_problem, needs_as_of};
pub use derive::{LeftOut, derive_all};
pub use reader::{LedgerSource, load, load_sheet, parse};

/// One row of a ledger: where it is and whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    /// The 1-based line (or worksheet row).
    line: u32,
    /// Index into [`Ledger::providers`].
    provider: u32,
}

/// A record table as read from one file: typed rows grouped by provider.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// The table (index into [`Framework::records`]).
    pub table: usize,
    /// The file as the user named it.
    pub file: String,
    /// The worksheet, when the ledger is a workbook sheet.
    pub sheet: Option<String>,
    /// Provider ids in order of first appearance.
    pub providers: Vec<String>,
    /// The 1-based worksheet column of the `provider` column (1 for CSV).
    provider_col: usize,
    rows: Vec<Row>,
    /// Row-major cells: `fields` per row, `None` for an empty cell.
    values: Vec<Option<FieldValue>>,
    fields: usize,
    /// Per provider, its rows in file order.
    by_provider: Vec<Vec<u32>>,
    /// The validity fields and the 1-based columns they were read from (0: absent).
    validity: [(Option<usize>, usize); 2],
    /// Rows outside their validity on the as-of date ([`Ledger::apply_validity`]).
    expired: rustc_hash::FxHashMap<u32, crate::evidence::validity::Lapse>,
}

impl Ledger {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the ledger has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The index of the provider with this id.
    pub fn provider_index(&self, id: &str) -> Option<usize> {
        self.providers.iter().position(|p| p == id)
    }

    /// The rows of provider `p` (index into [`Ledger::providers`]), in file order.
    pub fn rows_of(&self, p: usize) -> &[u32] {
        self.by_provider.get(p).map_or(&[], Vec::as_slice)
    }

    /// The value of field `f` in row `r`, `None` when the cell is empty.
    pub fn value(&self, r: u32, f: usize) -> Option<&FieldValue> {
        self.values
            .get(r as usize * self.fields + f)
            .and_then(Option::as_ref)
    }

    /// The line (or worksheet row) of row `r`.
    pub fn line(&self, r: u32) -> usize {
        self.rows.get(r as usize).map_or(0, |row| row.line as usize)
    }

    /// Where row `r` is, as people look it up: `projects.csv:12`, or
    /// `book.xlsx!projects!A12` in a workbook.
    pub fn place(&self, r: u32) -> String {
        let line = self.line(r);
        match &self.sheet {
            Some(sheet) => format!(
                "{}!{sheet}!{}",
                self.file,
                cell_name(line, self.provider_col)
            ),
            None => format!("{}:{line}", self.file),
        }
    }
}

/// Every ledger of a run, at most one per record table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledgers {
    /// The ledgers, in the framework's table order.
    pub ledgers: Vec<Ledger>,
}

impl Ledgers {
    /// The ledger of table `t`, when one was given.
    pub fn of_table(&self, t: usize) -> Option<&Ledger> {
        self.ledgers.iter().find(|l| l.table == t)
    }
}

/// Reads the ledgers named on the command line (`ID=FILE`, `FILE!SHEET` for a
/// worksheet) and, for the tables not named there, the sheet named after the
/// table in an xlsx evidence workbook. Every problem of every file is
/// returned; warnings come back with the ledgers.
pub fn load_all(
    fw: &Framework,
    named: &[(String, String)],
    evidence_workbook: Option<&str>,
    encoding: Encoding,
) -> Result<(Ledgers, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut ledgers = Vec::new();
    let mut diagnostics = Vec::new();
    let mut failed = false;
    let mut add = |result: Result<(Ledger, Vec<Diagnostic>), Vec<Diagnostic>>| match result {
        Ok((ledger, warnings)) => {
            ledgers.push(ledger);
            diagnostics.extend(warnings);
        }
        Err(errors) => {
            failed = true;
            diagnostics.extend(errors);
        }
    };
    for (t, table) in fw.records.iter().enumerate() {
        if let Some((_, path)) = named.iter().find(|(id, _)| *id == table.id) {
            add(load(path, fw, t, encoding));
        } else if let Some(book) = evidence_workbook
            && reader::sheet_names(book).contains(&table.id)
        {
            add(load_sheet(book, &table.id, fw, t));
        }
    }
    ledgers.sort_by_key(|l| l.table);
    if failed {
        Err(diagnostics)
    } else {
        Ok((Ledgers { ledgers }, diagnostics))
    }
}

#[cfg(test)]
mod tests;
