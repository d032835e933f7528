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
//! `file.xlsx!Sheet1!C7`; a formula saved without its value (as openpyxl and
//! many generators write them) reads as empty with a warning at its cell.
//!
//! Cells are read one at a time and kept only when they hold something, so
//! memory follows the cells a sheet has, not the size it declares; the limits
//! are in [`workbook_limits`](super::workbook_limits).

use calamine::{Data, DataRef, Dimensions, Reader, Sheets, open_workbook_auto};

pub use super::sheet::{Sheet, cell_text};
use super::workbook_limits::{MAX_MERGED_RANGES, check_container, too_large};
use super::workbook_table::Table;
use crate::diag::Diagnostic;
use crate::evidence::{Builder, Evidence};
use crate::framework::Framework;

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
/// re-pointed at its cell (`file.xlsx!Sheet1!C7`). The sheet's own warnings
/// (formulas without a saved value) come first.
pub fn load_evidence(
    path: &str,
    sheet: Option<&str>,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut sheet = read_sheet(path, sheet)?;
    sheet.skip_to_header("provider");
    let mut builder = Builder::new(path, fw);
    sheet.each_record(|row, record| builder.record(row, record));
    let locate = |ds: Vec<Diagnostic>| {
        let located = ds.into_iter().map(|d| sheet.locate(d));
        sheet.warnings.iter().cloned().chain(located).collect()
    };
    match builder.finish(Vec::new()) {
        Ok((mut evidence, warnings)) => {
            if let Some(f) = evidence.panels.files.first_mut() {
                f.sheet = Some((sheet.name.clone(), sheet.first_col));
            }
            Ok((evidence, locate(warnings)))
        }
        Err(diagnostics) => Err(locate(diagnostics)),
    }
}

/// Reads worksheet `sheet` (the first one when `None`) of the workbook at `path`.
///
/// The cells are read one by one as the file lists them (never into a table
/// sized by the sheet's declared dimensions) within the limits of
/// [`workbook_limits`](super::workbook_limits); past one, the error names the
/// file and sheet. Every error cell is reported, each at its cell; a missing
/// sheet names the sheets there are.
pub fn read_sheet(path: &str, sheet: Option<&str>) -> Result<Sheet, Vec<Diagnostic>> {
    check_container(path).map_err(|d| vec![d])?;
    let mut workbook = open_workbook_auto(path).map_err(|e| {
        vec![Diagnostic::error(
            path,
            None,
            format!("cannot read the workbook: {e}"),
        )]
    })?;
    let name = pick_sheet(path, &workbook, sheet).map_err(|d| vec![d])?;
    let merged = merged_cells(&mut workbook, &name);
    if merged.len() > MAX_MERGED_RANGES {
        let what = format!(
            "{} merged ranges; at most {MAX_MERGED_RANGES} are read",
            merged.len()
        );
        return Err(vec![too_large(path, &name, None, what)]);
    }
    let mut table = Table::new(path, &name);
    let read = each_cell(path, &mut workbook, &name, |pos, cell, no_value| {
        table.add(pos, &cell, no_value)
    });
    if let Err(stop) = read {
        return Err(vec![stop]);
    }
    table.into_sheet(&merged)
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

/// Calls `f` with each cell of sheet `name` as the file lists it: its 0-based
/// (row, column), its value, and whether it is a formula with no saved value.
/// xlsx and xlsb are streamed; xls and ods are read by calamine whole (their
/// readers have no cell-by-cell interface). Stops at the first error of `f`.
fn each_cell<RS>(
    path: &str,
    workbook: &mut Sheets<RS>,
    name: &str,
    mut f: impl FnMut((u32, u32), Data, bool) -> Result<(), Diagnostic>,
) -> Result<(), Diagnostic>
where
    RS: std::io::Read + std::io::Seek,
{
    let cannot = |e: &dyn std::fmt::Display| {
        Diagnostic::error(path, None, format!("cannot read sheet `{name}`: {e}"))
    };
    match workbook {
        Sheets::Xlsx(x) => {
            let mut cells = x.worksheet_cells_reader(name).map_err(|e| cannot(&e))?;
            while let Some(c) = cells
                .next_cell_with_formula_metadata()
                .map_err(|e| cannot(&e))?
            {
                let no_value = c.formula.is_some() && c.value == DataRef::Empty;
                f(c.pos, Data::from(c.value), no_value)?;
            }
        }
        Sheets::Xlsb(x) => {
            let mut cells = x.worksheet_cells_reader(name).map_err(|e| cannot(&e))?;
            while let Some(c) = cells.next_cell().map_err(|e| cannot(&e))? {
                f(c.get_position(), Data::from(c.get_value().clone()), false)?;
            }
        }
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = workbook.worksheet_range(name).map_err(|e| cannot(&e))?;
            let (top, left) = range.start().unwrap_or_default();
            for (r, c, cell) in range.used_cells() {
                f((top + r as u32, left + c as u32), cell.clone(), false)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_workbooks_by_extension() {
        assert!(is_workbook("a/b.XLSX"));
        assert!(is_workbook("b.ods"));
        assert!(!is_workbook("b.csv"));
        assert!(!is_workbook("xlsx"));
    }
}
