//! Excel workbooks: one worksheet per [`Grid`], rendered to bytes.
//!
//! Each sheet has a frozen bold header, numbers stored as numbers (shown with
//! the decimals their text has: `87.13` with 2, `3` with none), text stored as
//! text — never as a formula, and with the same `'` guard as CSV — and column
//! widths that fit Chinese text (a CJK character counts as two). Cells of the
//! chosen columns can be filled with a colour picked by their text (tiers).

use indexmap::IndexMap;
use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use super::grid::{Grid, guard_formula};

/// Widest a column gets, in character widths.
const MAX_WIDTH: usize = 60;

/// One worksheet to write.
#[derive(Debug, Clone, Default)]
pub struct SheetSpec {
    /// Worksheet name (at most 31 characters, no `[]:*?/\`).
    pub name: String,
    /// The table.
    pub grid: Grid,
    /// Background colours by cell text, applied to the columns in `fill_columns`.
    pub fills: IndexMap<String, u32>,
    /// Columns (0-based) whose cells are coloured by `fills`.
    pub fill_columns: Vec<usize>,
    /// Drop-down lists: (row index in `grid.rows`, column, allowed texts).
    pub choices: Vec<(usize, usize, Vec<String>)>,
}

impl SheetSpec {
    /// A sheet with no colours.
    pub fn new(name: impl Into<String>, grid: Grid) -> Self {
        SheetSpec {
            name: name.into(),
            grid,
            ..SheetSpec::default()
        }
    }
}

/// Why a workbook could not be built.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build the workbook: {}", self.0)
    }
}

impl From<XlsxError> for RenderError {
    fn from(e: XlsxError) -> Self {
        RenderError(e.to_string())
    }
}

/// Background colours for tier outcomes: best tier green, then blue, yellow,
/// orange; `incomplete` lilac; `none` grey; `vetoed` red. Keys are the texts
/// shown in the cells.
pub fn tier_fills(tiers: &[String], none: &str, vetoed: &str) -> IndexMap<String, u32> {
    const LADDER: [u32; 4] = [0xC6EFCE, 0xDDEBF7, 0xFFEB9C, 0xFCE4D6];
    let mut fills: IndexMap<String, u32> = tiers
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), LADDER[i.min(LADDER.len() - 1)]))
        .collect();
    fills.insert("incomplete".to_string(), 0xE4DFEC);
    fills.insert(none.to_string(), 0xEDEDED);
    fills.insert(vetoed.to_string(), 0xFFC7CE);
    fills
}

/// A new workbook whose document properties carry a fixed creation time
/// (1980-01-01, the ZIP epoch) instead of the clock's, so that the same input
/// writes byte-identical files.
pub fn new_workbook() -> Result<Workbook, RenderError> {
    let mut wb = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    Ok(wb)
}

/// Writes every sheet into one workbook and returns the file's bytes.
pub fn workbook(sheets: &[SheetSpec]) -> Result<Vec<u8>, RenderError> {
    let mut wb = new_workbook()?;
    for spec in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&spec.name)?;
        write_sheet(ws, spec)?;
    }
    Ok(wb.save_to_buffer()?)
}

fn write_sheet(ws: &mut Worksheet, spec: &SheetSpec) -> Result<(), RenderError> {
    let bold = Format::new().set_bold();
    for (c, title) in spec.grid.header.iter().enumerate() {
        ws.write_string_with_format(0, col(c)?, guard_formula(title), &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let widths = column_widths(&spec.grid);
    for (r, cells) in spec.grid.rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            let style = CellStyle {
                numeric: spec.grid.numeric.get(c).copied().unwrap_or(false),
                fill: spec
                    .fill_columns
                    .contains(&c)
                    .then(|| spec.fills.get(text).copied())
                    .flatten(),
                // Text wider than the widest column wraps instead of being cut off.
                wrap: widths.get(c).is_some_and(|w| *w >= MAX_WIDTH),
            };
            write_cell(ws, row(r)?, col(c)?, text, style)?;
        }
    }
    for (r, c, allowed) in &spec.choices {
        // A list Excel cannot hold (over 255 characters) is left out: the cell
        // still takes any text, and tierscore checks the value when it reads it.
        if let Ok(list) = DataValidation::new().allow_list_strings(allowed) {
            ws.add_data_validation(row(*r)?, col(*c)?, row(*r)?, col(*c)?, &list)?;
        }
    }
    for (c, width) in widths.into_iter().enumerate() {
        ws.set_column_width(col(c)?, width as f64)?;
    }
    Ok(())
}

/// The worksheet row of grid row `r` (the header is row 0).
fn row(r: usize) -> Result<u32, RenderError> {
    u32::try_from(r + 1).map_err(|_| RenderError("too many rows".into()))
}

fn col(c: usize) -> Result<u16, RenderError> {
    u16::try_from(c).map_err(|_| RenderError("too many columns".into()))
}

/// How one cell is written.
#[derive(Debug, Clone, Copy)]
struct CellStyle {
    numeric: bool,
    fill: Option<u32>,
    wrap: bool,
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    style: CellStyle,
) -> Result<(), RenderError> {
    let mut format = Format::new();
    if let Some(rgb) = style.fill {
        format = format.set_background_color(Color::RGB(rgb));
    }
    if style.wrap {
        format = format.set_text_wrap();
    }
    match style.numeric.then(|| number_format(text)).flatten() {
        Some((value, pattern)) => {
            ws.write_number_with_format(row, col, value, &format.set_num_format(pattern))?;
        }
        None if text.is_empty() && style.fill.is_none() => {}
        None => {
            ws.write_string_with_format(row, col, guard_formula(text), &format)?;
        }
    }
    Ok(())
}

/// A number cell's value and display pattern, from its text (`87.13` → 0.00).
fn number_format(text: &str) -> Option<(f64, &'static str)> {
    let value: f64 = text.trim().parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    let pattern = match decimals {
        0 => "0",
        1 => "0.0",
        2 => "0.00",
        3 => "0.000",
        _ => "0.0000",
    };
    Some((value, pattern))
}

/// Each column's width: its widest cell (header included) plus a margin.
fn column_widths(grid: &Grid) -> Vec<usize> {
    let mut widths: Vec<usize> = grid.header.iter().map(|h| display_width(h)).collect();
    for row in &grid.rows {
        for (c, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(display_width(cell));
            }
        }
    }
    widths.into_iter().map(|w| (w + 2).min(MAX_WIDTH)).collect()
}

/// Width of text in a spreadsheet or terminal: CJK and full-width characters count two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cjk_as_two() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("区域服务级"), 10);
        assert_eq!(display_width("CS证书（4）"), 11);
    }

    #[test]
    fn number_patterns_follow_the_text() {
        assert_eq!(number_format("87.13"), Some((87.13, "0.00")));
        assert_eq!(number_format("3"), Some((3.0, "0")));
        assert_eq!(number_format("0.1250"), Some((0.125, "0.0000")));
        assert_eq!(number_format(""), None);
        assert_eq!(number_format("n/a"), None);
        assert_eq!(number_format("inf"), None);
    }

    #[test]
    fn widths_fit_the_widest_cell_within_a_cap() {
        let mut g = Grid::default();
        g.column("tier", false);
        g.column("x", false);
        g.rows.push(vec!["区域服务级".into(), "y".repeat(100)]);
        assert_eq!(column_widths(&g), vec![12, MAX_WIDTH]);
    }

    #[test]
    fn tier_colours_go_down_a_ladder() {
        let fills = tier_fills(&["a".into(), "b".into()], "none", "vetoed");
        assert_eq!(fills.get("a"), Some(&0xC6EFCE));
        assert_eq!(fills.get("none"), Some(&0xEDEDED));
        assert_eq!(fills.get("vetoed"), Some(&0xFFC7CE));
    }
}
