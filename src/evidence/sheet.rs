//! One worksheet as text ([`Sheet`]) and the text of one cell ([`cell_text`]):
//! what [`workbook`](super::workbook) reads and the evidence builder parses.

use calamine::Data;

use crate::diag::Diagnostic;
use crate::number::trim;

/// One worksheet as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The worksheet's name.
    pub name: String,
    /// The 1-based column number of the first field of every row (2 when
    /// column A is empty throughout, and so on).
    pub first_col: usize,
    /// Non-empty rows: (1-based row number, cells from `first_col` on). Every
    /// row has the same number of cells; rows whose cells are all empty are left out.
    pub rows: Vec<(usize, Vec<String>)>,
    /// Warnings about cells read as empty (formulas without a saved value).
    pub warnings: Vec<Diagnostic>,
}

impl Sheet {
    /// Drops the rows above the header — title rows such as a merged
    /// “XX评估证据表” — taking as the header the first row with a cell equal to
    /// `header_cell` (trimmed, any case), e.g. `provider`. Without such a row
    /// nothing is dropped, so the caller reports the missing column.
    pub fn skip_to_header(&mut self, header_cell: &str) {
        let is_header = |cells: &Vec<String>| {
            cells
                .iter()
                .any(|c| c.trim().eq_ignore_ascii_case(header_cell))
        };
        if let Some(at) = self.rows.iter().position(|(_, cells)| is_header(cells)) {
            self.rows.drain(..at);
        }
    }

    /// Calls `f` with each row as a CSV record and its 1-based row number
    /// (which stands for the line in diagnostics; [`Sheet::locate`] maps it to
    /// the cell), so a workbook goes through the same reader as a CSV file.
    pub fn each_record(&self, mut f: impl FnMut(usize, &super::Record)) {
        let mut record = super::OwnedRecord::default();
        for (row, cells) in &self.rows {
            record.clear();
            cells.iter().for_each(|c| record.push_field(c));
            f(*row, &record.as_record());
        }
    }

    /// Re-points a diagnostic whose location is (row, field) — a 1-based row
    /// number and a 1-based field of that row, as a CSV parser reports it — at
    /// the worksheet cell, so that it prints as `file.xlsx!Sheet1!C7`.
    pub fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        match diagnostic.location {
            Some(loc) => {
                let col = self.first_col + loc.col.max(1) - 1;
                diagnostic.in_cell(&self.name, loc.line, col)
            }
            None => diagnostic,
        }
    }
}

/// The text of one cell, or why it has none.
pub fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => trim(as_excel_shows(*f)),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(d) => trim(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("the cell holds the error {e}")),
    })
}

/// A number rounded to the 15 significant digits Excel shows, so that a
/// formula's binary noise (`=0.1+0.2` → 0.30000000000000004) reads as `0.3`.
fn as_excel_shows(x: f64) -> f64 {
    format!("{x:.14e}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_read_as_typed_text() {
        let date = ExcelDateTime::new(45943.0, ExcelDateTimeType::DateTime, false);
        let stamp = ExcelDateTime::new(45943.5, ExcelDateTimeType::DateTime, false);
        for (cell, text) in [
            (Data::Float(12.0), "12"),
            (Data::Float(-3.5), "-3.5"),
            (Data::Float(0.1 + 0.2), "0.3"),
            (Data::Float(85.00000000000001), "85"),
            (Data::Float(1234567.891), "1234567.891"),
            (Data::Float(1e-7), "0.0000001"),
            (Data::Float(0.85), "0.85"),
            (Data::Int(7), "7"),
            (Data::Bool(true), "true"),
            (Data::String(" CS3 ".into()), " CS3 "),
            (Data::DateTime(date), "2025-10-13"),
            (Data::DateTime(stamp), "2025-10-13T12:00:00"),
            (Data::Empty, ""),
        ] {
            assert_eq!(cell_text(&cell).as_deref(), Ok(text), "{cell:?}");
        }
        assert_eq!(
            cell_text(&Data::Error(CellErrorType::Div0)),
            Err("the cell holds the error #DIV/0!".to_string())
        );
    }

    #[test]
    fn title_rows_above_the_header_are_dropped() {
        let row = |n: usize, cells: &[&str]| (n, cells.iter().map(|c| c.to_string()).collect());
        let mut sheet = Sheet {
            name: "s".into(),
            first_col: 1,
            rows: vec![
                row(1, &["证据表", ""]),
                row(3, &[" Provider ", "indicator"]),
                row(4, &["a", "x"]),
            ],
            warnings: Vec::new(),
        };
        sheet.skip_to_header("provider");
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].0, 3);
        sheet.skip_to_header("nothing");
        assert_eq!(sheet.rows.len(), 2);
    }

    #[test]
    fn locates_fields_at_cells() {
        let sheet = Sheet {
            name: "证据".into(),
            first_col: 2,
            rows: Vec::new(),
            warnings: Vec::new(),
        };
        let d = Diagnostic::error(
            "e.xlsx",
            Some(crate::diag::Location { line: 7, col: 2 }),
            "x",
        );
        assert_eq!(sheet.locate(d).position(), "e.xlsx!证据!C7");
    }
}
