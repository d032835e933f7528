//! Reading a worksheet (xlsx, xlsm, xls, xlsb, ods) as rows of strings.
//!
//! Evidence is parsed from text, so each cell becomes the text a person would
//! have typed into a CSV file: numbers as their value (`12`, `0.85`, never
//! `12.0`), booleans as `true`/`false`, dates as `YYYY-MM-DD`, formulas by the
//! value Excel cached when the file was last saved. The cells down a merged
//! range read the value of its top cell, so a provider id merged down a block
//! of rows applies to each of them (a range merged across columns keeps its
//! value in its first column only, where a person reading the table sees it).
//! Error cells (`#DIV/0!`, `#N/A`, …) are reported as errors that point at
//! `file.xlsx!Sheet1!C7`.

use std::collections::HashMap;

use calamine::{Data, Dimensions, Range, Reader, Sheets, open_workbook_auto};

use crate::diag::Diagnostic;
use crate::evidence::{Builder, Evidence};
use crate::framework::Framework;
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

/// True when `path` names a workbook that [`read_sheet`] can read
/// (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`, any case).
pub fn is_workbook(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "xlsx" | "xlsm" | "xlsb" | "xls" | "ods"
            )
        })
}

/// Reads evidence (long or wide, as in CSV) from worksheet `sheet` (the first
/// when `None`) of the workbook at `path`: title rows above the `provider`
/// header are dropped, each row goes through the same [`Builder`] as a CSV
/// record (its row number standing for the line), and every diagnostic is
/// re-pointed at its cell (`file.xlsx!Sheet1!C7`).
pub fn load_evidence(
    path: &str,
    sheet: Option<&str>,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut sheet = read_sheet(path, sheet)?;
    sheet.skip_to_header("provider");
    let mut builder = Builder::new(path, fw);
    let mut record = csv::StringRecord::new();
    for (row, cells) in &sheet.rows {
        record.clear();
        cells.iter().for_each(|c| record.push_field(c));
        builder.record(*row, &record);
    }
    let locate = |ds: Vec<Diagnostic>| ds.into_iter().map(|d| sheet.locate(d)).collect();
    match builder.finish(Vec::new()) {
        Ok((mut evidence, warnings)) => {
            evidence.panels.sheet = Some((sheet.name.clone(), sheet.first_col));
            Ok((evidence, locate(warnings)))
        }
        Err(diagnostics) => Err(locate(diagnostics)),
    }
}

/// The most a workbook may unpack to. A sheet's XML is many times the size of
/// its cells, and reading it takes several times more memory again, so a small
/// zip that inflates to gigabytes (a "zip bomb") must be refused before it is read.
pub const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// Refuses a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) whose entries
/// declare more than [`MAX_UNPACKED_BYTES`] in all; other files pass through.
fn check_unpacked_size(path: &str) -> Result<(), Diagnostic> {
    // Not readable or not a zip (.xls is not): calamine says what is wrong.
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(Diagnostic::error(
            path,
            None,
            format!(
                "the workbook unpacks to {} MiB; at most {} MiB is read",
                total >> 20,
                MAX_UNPACKED_BYTES >> 20
            ),
        )
        .with_help("save the evidence as CSV (UTF-8), which is streamed, or split the workbook"));
    }
    Ok(())
}

/// Reads worksheet `sheet` (the first one when `None`) of the workbook at `path`.
///
/// Every error cell is reported, each at its cell; a missing sheet names the
/// sheets there are.
pub fn read_sheet(path: &str, sheet: Option<&str>) -> Result<Sheet, Vec<Diagnostic>> {
    check_unpacked_size(path).map_err(|d| vec![d])?;
    let mut workbook = open_workbook_auto(path).map_err(|e| {
        vec![Diagnostic::error(
            path,
            None,
            format!("cannot read the workbook: {e}"),
        )]
    })?;
    let name = pick_sheet(path, &workbook, sheet).map_err(|d| vec![d])?;
    let range = workbook.worksheet_range(&name).map_err(|e| {
        vec![Diagnostic::error(
            path,
            None,
            format!("cannot read sheet `{name}`: {e}"),
        )]
    })?;
    let merged = merged_cells(&mut workbook, &name);
    to_sheet(path, name, &range, &merged)
}

fn pick_sheet<RS>(
    path: &str,
    workbook: &Sheets<RS>,
    wanted: Option<&str>,
) -> Result<String, Diagnostic>
where
    RS: std::io::Read + std::io::Seek,
{
    let names = workbook.sheet_names();
    match wanted {
        Some(w) => names.iter().find(|n| *n == w).cloned().ok_or_else(|| {
            Diagnostic::error(path, None, format!("no sheet named `{w}`"))
                .with_help(format!("the sheets are: {}", names.join(", ")))
        }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Diagnostic::error(path, None, "the workbook has no sheets")),
    }
}

/// The merged ranges of a sheet, where the format records them (xlsx, xls).
fn merged_cells<RS>(workbook: &mut Sheets<RS>, name: &str) -> Vec<Dimensions>
where
    RS: std::io::Read + std::io::Seek,
{
    // A sheet whose merge list cannot be read is still read cell by cell.
    match workbook {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn to_sheet(
    path: &str,
    name: String,
    range: &Range<Data>,
    merged: &[Dimensions],
) -> Result<Sheet, Vec<Diagnostic>> {
    let Some((top, left)) = range.start() else {
        return Ok(Sheet {
            name,
            first_col: 1,
            rows: Vec::new(),
        });
    };
    let fill_down = fill_down(merged);
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let row = top + i as u32;
        let texts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(j, cell)| {
                let col = left + j as u32;
                let cell = fill_down
                    .get(&(row, col))
                    .and_then(|top| range.get_value(*top))
                    .unwrap_or(cell);
                cell_text(cell).unwrap_or_else(|message| {
                    errors.push(Diagnostic::error(path, None, message).in_cell(
                        &name,
                        row as usize + 1,
                        col as usize + 1,
                    ));
                    String::new()
                })
            })
            .collect();
        if texts.iter().any(|t| !t.trim().is_empty()) {
            rows.push((row as usize + 1, texts));
        }
    }
    if errors.is_empty() {
        Ok(Sheet {
            name,
            first_col: left as usize + 1,
            rows,
        })
    } else {
        Err(errors)
    }
}

/// For every cell below the top of a merged range, in its first column: the
/// range's top-left cell, whose value it shows.
fn fill_down(merged: &[Dimensions]) -> HashMap<(u32, u32), (u32, u32)> {
    merged
        .iter()
        .flat_map(|m| (m.start.0 + 1..=m.end.0).map(move |r| ((r, m.start.1), m.start)))
        .collect()
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
    fn recognises_workbooks_by_extension() {
        assert!(is_workbook("a/b.XLSX"));
        assert!(is_workbook("b.ods"));
        assert!(!is_workbook("b.csv"));
        assert!(!is_workbook("xlsx"));
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
        };
        let d = Diagnostic::error(
            "e.xlsx",
            Some(crate::diag::Location { line: 7, col: 2 }),
            "x",
        );
        assert_eq!(sheet.locate(d).position(), "e.xlsx!证据!C7");
    }
}
