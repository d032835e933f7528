//! The table of a sheet, gathered cell by cell within the limits of
//! [`workbook_limits`](super::workbook_limits).
//!
//! Only cells with text are kept, by row, so a sheet costs what it holds: one
//! value at XFD1048576 is one entry, not a grid of 17 billion. The table read
//! spans the columns from the leftmost to the rightmost kept cell, and its
//! rows are the rows with a kept cell.

use std::collections::BTreeMap;

use calamine::{Data, Dimensions};

use super::sheet::{Sheet, cell_text};
use super::workbook_limits::{MAX_CELLS, MAX_COLUMNS, too_large};
use crate::diag::{Diagnostic, cell_name};

/// The most error cells reported one by one; the rest are counted.
const MAX_ERROR_CELLS: usize = 1_000;

/// The kept cells of one sheet, by 0-based row, each row's cells by column.
pub struct Table<'a> {
    path: &'a str,
    sheet: &'a str,
    rows: BTreeMap<u32, Vec<(u32, String)>>,
    kept: u64,
    /// The leftmost and rightmost columns with a kept cell.
    columns: Option<(u32, u32)>,
    errors: Vec<Diagnostic>,
    more_errors: usize,
    warnings: Vec<Diagnostic>,
}

impl<'a> Table<'a> {
    /// An empty table for sheet `sheet` of the workbook at `path`.
    pub fn new(path: &'a str, sheet: &'a str) -> Self {
        Table {
            path,
            sheet,
            rows: BTreeMap::new(),
            kept: 0,
            columns: None,
            errors: Vec::new(),
            more_errors: 0,
            warnings: Vec::new(),
        }
    }

    fn at(&self, d: Diagnostic, (row, col): (u32, u32)) -> Diagnostic {
        d.in_cell(self.sheet, row as usize + 1, col as usize + 1)
    }

    /// Adds the cell at 0-based `pos`; `no_value` marks a formula saved
    /// without its value. An error stops the reading: a limit is passed.
    pub fn add(&mut self, pos: (u32, u32), cell: &Data, no_value: bool) -> Result<(), Diagnostic> {
        if no_value {
            let d = Diagnostic::warning(
                self.path,
                None,
                "this formula has no saved value, so the cell is read as empty",
            )
            .with_help(
                "open the workbook in Excel or LibreOffice and save it, which stores the values",
            );
            self.warnings.push(self.at(d, pos));
        }
        let text = match cell_text(cell) {
            Ok(text) if text.trim().is_empty() => return Ok(()),
            Ok(text) => text,
            Err(message) => {
                if self.errors.len() < MAX_ERROR_CELLS {
                    let d = Diagnostic::error(self.path, None, message);
                    self.errors.push(self.at(d, pos));
                } else {
                    self.more_errors += 1;
                }
                return Ok(());
            }
        };
        self.kept += 1;
        if self.kept > MAX_CELLS {
            let what =
                format!("more than {MAX_CELLS} cells hold values; at most {MAX_CELLS} are read");
            return Err(too_large(self.path, self.sheet, Some(pos), what));
        }
        let (left, right) = self.columns.unwrap_or((pos.1, pos.1));
        let (left, right) = (left.min(pos.1), right.max(pos.1));
        if right - left >= MAX_COLUMNS {
            let what = format!(
                "this cell is {} columns from column {}, where other cells are; a sheet is read across at most {MAX_COLUMNS} columns",
                right - left,
                column_name(if pos.1 == right { left } else { right }),
            );
            return Err(too_large(self.path, self.sheet, Some(pos), what));
        }
        self.columns = Some((left, right));
        self.rows.entry(pos.0).or_default().push((pos.1, text));
        Ok(())
    }

    /// The sheet: each merged range's top value copied down its first column
    /// into the rows below that hold something, every row widened to the
    /// table's columns. Errors when a cell held an error or a limit is passed.
    pub fn into_sheet(mut self, merged: &[Dimensions]) -> Result<Sheet, Vec<Diagnostic>> {
        if !self.errors.is_empty() {
            if self.more_errors > 0 {
                let d = Diagnostic::error(
                    self.path,
                    None,
                    format!(
                        "sheet `{}`: {} more cells hold errors",
                        self.sheet, self.more_errors
                    ),
                );
                self.errors.push(d);
            }
            return Err(self.errors);
        }
        let Some((left, right)) = self.columns else {
            return Ok(Sheet {
                name: self.sheet.to_string(),
                first_col: 1,
                rows: Vec::new(),
                warnings: self.warnings,
            });
        };
        let width = u64::from(right - left + 1);
        let cells = width.saturating_mul(self.rows.len() as u64);
        if cells > MAX_CELLS {
            let what = format!(
                "the cells span {} rows × {width} columns = {cells} cells; at most {MAX_CELLS} are read",
                self.rows.len()
            );
            return Err(vec![too_large(self.path, self.sheet, None, what)]);
        }
        self.fill_down(merged).map_err(|d| vec![d])?;
        let rows = std::mem::take(&mut self.rows)
            .into_iter()
            .map(|(row, cells)| {
                let mut texts = vec![String::new(); width as usize];
                for (col, text) in cells {
                    texts[(col - left) as usize] = text;
                }
                (row as usize + 1, texts)
            })
            .collect();
        Ok(Sheet {
            name: self.sheet.to_string(),
            first_col: left as usize + 1,
            rows,
            warnings: self.warnings,
        })
    }

    /// Copies each merged range's top-left value into the cells below it in its
    /// first column, in rows that hold something and have no value there; at
    /// most [`MAX_CELLS`] steps in all, however the ranges overlap.
    fn fill_down(&mut self, merged: &[Dimensions]) -> Result<(), Diagnostic> {
        let mut steps: u64 = 0;
        for cells in self.rows.values_mut() {
            cells.sort_by_key(|(col, _)| *col);
        }
        for m in merged {
            let (top, col) = m.start;
            // A range within one row (or written upside down) fills nothing.
            if m.end.0 <= top {
                continue;
            }
            let value = self.rows.get(&top).and_then(|cells| {
                let at = cells.binary_search_by_key(&col, |(c, _)| *c).ok()?;
                Some(cells[at].1.clone())
            });
            let Some(value) = value else {
                continue;
            };
            for (_, cells) in self.rows.range_mut(top.saturating_add(1)..=m.end.0) {
                steps += 1;
                if steps > MAX_CELLS {
                    let what = format!(
                        "its merged ranges cover more than {MAX_CELLS} cells; at most {MAX_CELLS} are read"
                    );
                    return Err(too_large(self.path, self.sheet, None, what));
                }
                if let Err(at) = cells.binary_search_by_key(&col, |(c, _)| *c) {
                    cells.insert(at, (col, value.clone()));
                }
            }
        }
        Ok(())
    }
}

/// The letters of a 0-based column: 0 → `A`, 16383 → `XFD`.
fn column_name(col: u32) -> String {
    cell_name(1, col as usize + 1)
        .trim_end_matches('1')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(start: (u32, u32), end: (u32, u32)) -> Dimensions {
        Dimensions { start, end }
    }

    /// A1 merged down A1:A4 fills A2 and A4 (rows that hold something) but
    /// not A3 (a row with nothing of its own); a merge within one row, one
    /// written upside down and one whose top is empty fill nothing.
    #[test]
    fn merged_ranges_fill_down_into_rows_that_hold_something() {
        let mut table = Table::new("e.xlsx", "S");
        let text = |t: &str| Data::String(t.to_string());
        table.add((0, 0), &text("a"), false).unwrap();
        table.add((0, 1), &text("x"), false).unwrap();
        table.add((1, 1), &text("y"), false).unwrap();
        table.add((3, 1), &text("z"), false).unwrap();
        let merges = [
            merge((0, 0), (3, 0)),
            merge((0, 1), (0, 2)),
            merge((3, 1), (1, 1)),
            merge((1, 0), (3, 0)),
        ];
        let sheet = table.into_sheet(&merges).unwrap();
        let row = |n: usize, cells: &[&str]| (n, cells.iter().map(|c| c.to_string()).collect());
        assert_eq!(
            sheet.rows,
            vec![
                row(1, &["a", "x"]),
                row(2, &["a", "y"]),
                row(4, &["a", "z"])
            ]
        );
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
    }
}
