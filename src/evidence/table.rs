//! The checks every CSV input shares: header, blank and ragged rows, cell size.

use std::collections::HashMap;
use std::sync::Arc;

use super::clean;
use crate::diag::{self, Diagnostic, Location};

/// The longest cell (and row) accepted: no value, id or name comes near it, and a
/// bound keeps a broken export from filling memory with one giant field.
pub const MAX_CELL_BYTES: usize = 1 << 20;

/// The error for a file with a header and nothing under it.
pub const NO_DATA_ROWS: &str = "the file has a header but no data rows";

/// The header and the checks every CSV input shares: blank rows, ragged rows,
/// duplicate and empty column names, a `provider` column, empty files.
pub struct Table<'f> {
    file: &'f str,
    /// Column names (empty until the header is read).
    pub header: Vec<String>,
    /// The same names, shared by every provider's attributes (one copy of a
    /// column's name however many providers there are).
    pub names: Vec<Arc<str>>,
    has_header: bool,
    data_rows: usize,
    /// Problems found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'f> Table<'f> {
    /// Starts reading `file`.
    pub fn new(file: &'f str) -> Self {
        Table {
            file,
            header: Vec::new(),
            names: Vec::new(),
            has_header: false,
            data_rows: 0,
            diagnostics: Vec::new(),
        }
    }

    /// Records an error.
    pub fn error(
        &mut self,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(
            self.file,
            Some(Location { line, col }),
            message,
        ));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Records a warning.
    pub fn warning(&mut self, line: usize, col: usize, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(
            self.file,
            Some(Location { line, col }),
            message,
        ));
    }

    /// The index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Takes one record. The first non-blank one is the header; returns true
    /// for a usable data row (not blank, as many fields as the header).
    pub fn accept(&mut self, line: usize, record: &super::Record) -> bool {
        // Nearly every row: after the header, as wide as it, not long, and
        // its first field starts with a visible character (so it is not blank).
        let visible = record.get(0).and_then(|f| f.as_bytes().first());
        if self.has_header
            && visible.is_some_and(u8::is_ascii_graphic)
            && record.len() == self.header.len()
            && record.text_len() <= MAX_CELL_BYTES
        {
            self.data_rows += 1;
            return true;
        }
        let blank = |r: &super::Record| r.iter().all(|f| clean(f).is_empty());
        if record.get(0).is_none_or(|f| clean(f).is_empty()) && blank(record) {
            return false;
        }
        if record.text_len() > MAX_CELL_BYTES && record.field_bytes() > MAX_CELL_BYTES {
            self.too_long(line, record);
            return false;
        }
        if !self.has_header {
            self.has_header = true;
            self.header = record.iter().map(|f| clean(f).to_string()).collect();
            self.names = self.header.iter().map(|h| Arc::from(h.as_str())).collect();
            self.check_header(line);
            return false;
        }
        self.data_rows += 1;
        if record.len() != self.header.len() {
            let col = record.len().min(self.header.len()) + 1;
            let message = format!(
                "this row has {} fields but the header has {}",
                record.len(),
                self.header.len()
            );
            self.error(line, col, message).help = Some(
                "every row needs one field per header column; quote fields that contain commas"
                    .into(),
            );
            return false;
        }
        true
    }

    fn too_long(&mut self, line: usize, record: &super::Record) {
        for (i, field) in record
            .iter()
            .enumerate()
            .filter(|(_, f)| f.len() > MAX_CELL_BYTES)
        {
            let message = format!(
                "this cell is {} bytes long; a cell may hold at most {} KiB",
                field.len(),
                MAX_CELL_BYTES >> 10
            );
            self.error(line, i + 1, message).help = Some("a value, id or name is never this long: check the export (an unclosed quote swallows the rest of the file)".into());
        }
        if record.iter().all(|f| f.len() <= MAX_CELL_BYTES) {
            let message = format!(
                "this row is {} bytes long; a row may hold at most {} KiB",
                record.field_bytes(),
                MAX_CELL_BYTES >> 10
            );
            self.error(line, 1, message);
        }
    }

    fn check_header(&mut self, line: usize) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, name) in self.header.clone().iter().enumerate() {
            if name.is_empty() {
                self.error(line, i + 1, "empty column name in the header");
            } else if let Some(first) = seen.insert(name.clone(), i) {
                self.error(
                    line,
                    i + 1,
                    format!("duplicate column `{name}` (also column {})", first + 1),
                );
            }
        }
        if self.column("provider").is_none() {
            self.error(line, 1, "the header has no `provider` column")
                .help = Some("name the provider-id column exactly `provider`".into());
        }
    }

    /// The provider id in column `col`, or an error when it is empty.
    pub fn provider_id<'r>(
        &mut self,
        line: usize,
        col: usize,
        record: &super::Record<'r>,
    ) -> Option<&'r str> {
        let id = clean(record.get(col).unwrap_or(""));
        if id.is_empty() {
            self.error(line, col + 1, "empty provider id");
            return None;
        }
        // Printable ASCII (nearly every id) has none of those characters:
        // a byte test spares decoding each character.
        let ascii = id.bytes().all(|b| (b' '..=b'~').contains(&b));
        let unprintable = (!ascii)
            .then(|| id.chars().find(|c| diag::is_unprintable(*c)))
            .flatten();
        if let Some(c) = unprintable {
            let kind = if c.is_control() {
                "a control character"
            } else {
                "an invisible or text-direction character"
            };
            self.error(
                line,
                col + 1,
                format!("provider id `{id}` contains U+{:04X}, {kind}", c as u32),
            )
            .help = Some(
                "retype the id: control, invisible and text-direction characters would make ids that look alike differ"
                    .into(),
            );
            return None;
        }
        Some(id)
    }

    /// Adds what another part of the same file found.
    pub(super) fn absorb(&mut self, other: Table) {
        self.data_rows += other.data_rows;
        self.diagnostics.extend(other.diagnostics);
    }

    /// Reports an empty file or one without data rows.
    pub fn finish(&mut self) {
        if !self.has_header {
            self.error(1, 1, "the file is empty; expected a header row").help =
                Some("long format: provider,indicator,value[,source]; wide format: provider,<indicator ids>".into());
        } else if self.data_rows == 0 && !diag::has_errors(&self.diagnostics) {
            self.error(1, 1, NO_DATA_ROWS);
        }
    }
}
