//! A table of strings drawn as a terminal table, CSV or Markdown.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use crate::diag::printable;

/// Rows of cells under a header; `numeric` columns are right-aligned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// Column titles.
    pub header: Vec<String>,
    /// Which columns hold numbers.
    pub numeric: Vec<bool>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// Adds a column title.
    pub fn column(&mut self, title: impl Into<String>, numeric: bool) {
        self.header.push(title.into());
        self.numeric.push(numeric);
    }

    /// A terminal table. Wrapping is off so output does not depend on the terminal.
    pub fn to_table(&self) -> String {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Disabled);
        let shown = |cells: &[String]| -> Vec<String> {
            cells.iter().map(|c| printable(c).into_owned()).collect()
        };
        table.set_header(shown(&self.header));
        for row in &self.rows {
            table.add_row(shown(row));
        }
        for (i, numeric) in self.numeric.iter().enumerate() {
            if let Some(column) = table.column_mut(i) {
                column.set_cell_alignment(if *numeric {
                    CellAlignment::Right
                } else {
                    CellAlignment::Left
                });
            }
        }
        let mut text = table.to_string();
        text.push('\n');
        text
    }

    /// CSV, with every text cell guarded against formula injection.
    pub fn to_csv(&self) -> String {
        let mut out = CsvText::new();
        out.row(&self.header);
        self.rows.iter().for_each(|row| out.row(row));
        out.finish()
    }

    /// A GitHub-flavoured Markdown table.
    pub fn to_markdown(&self) -> String {
        let line = |cells: &[String]| {
            format!(
                "| {} |\n",
                cells
                    .iter()
                    .map(|c| escape_markdown(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )
        };
        let mut out = line(&self.header);
        let rule: Vec<String> = self
            .numeric
            .iter()
            .map(|n| {
                if *n {
                    "---:".to_string()
                } else {
                    "---".to_string()
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

/// CSV text written row by row, so a large result never exists as a [`Grid`].
///
/// The same text as the `csv` crate writes with `\n` line ends (a cell is
/// quoted when it holds a comma, a quote, CR or LF; a quote is doubled; a
/// row of one empty cell is `""`), written straight into one string: the
/// outputs of thousands of providers go through here, and the crate's own
/// buffer cost a copy of every byte (a test checks both give the same text).
#[derive(Debug, Default)]
pub struct CsvText {
    text: String,
    /// Where the current row starts in `text`.
    row_start: usize,
    /// Cells written in the current row.
    cells: usize,
}

impl CsvText {
    /// An empty document with `\n` line ends.
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// An empty document with room for about `bytes` of text, so that a
    /// large chunk of rows is not copied as it grows.
    pub fn with_capacity(bytes: usize) -> Self {
        CsvText {
            text: String::with_capacity(bytes),
            ..CsvText::default()
        }
    }

    /// Makes room for about `bytes` more of text.
    pub fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }

    /// Appends a row, guarding every cell against formula injection.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        cells.iter().for_each(|c| self.cell(c.as_ref()));
        self.end_row();
    }

    /// Appends a text cell to the current row, guarded against formula
    /// injection and quoted when it needs to be.
    pub fn cell(&mut self, cell: &str) {
        self.separate();
        self.cell_text(cell);
    }

    /// The text of a cell as [`CsvText::cell`] writes it, without the comma
    /// before it.
    fn cell_text(&mut self, cell: &str) {
        let cell = guard_formula(cell);
        if cell
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            self.text.push('"');
            for (i, part) in cell.split('"').enumerate() {
                if i > 0 {
                    self.text.push_str("\"\"");
                }
                self.text.push_str(part);
            }
            self.text.push('"');
        } else {
            self.text.push_str(&cell);
        }
    }

    /// Appends `cells` cells already written as CSV by another `CsvText`
    /// (what its [`CsvText::finish`] gives before any row end): cells that
    /// open many rows are guarded and quoted once.
    pub fn encoded(&mut self, text: &str, cells: usize) {
        self.separate();
        self.text.push_str(text);
        self.cells += cells.saturating_sub(1);
    }

    /// Appends a number with 2 decimals ([`crate::number::fmt2_into`]); a
    /// finite number needs neither guard nor quotes, so it is written in
    /// place (inline: `gap --format csv` writes two a row).
    #[inline]
    pub fn fmt2(&mut self, x: f64) {
        self.separate();
        self.fmt2_text(x);
    }

    /// The text of a number cell as [`CsvText::fmt2`] writes it, without
    /// the comma before it.
    #[inline]
    fn fmt2_text(&mut self, x: f64) {
        if x.is_finite() {
            crate::number::fmt2_into(x, &mut self.text);
        } else {
            self.odd_number(x);
        }
    }

    /// A number that is not finite, guarded as text ("'-inf").
    #[cold]
    fn odd_number(&mut self, x: f64) {
        let mut cell = String::new();
        crate::number::fmt2_into(x, &mut cell);
        self.cell_text(&cell);
    }

    /// Appends a row written whole by `write` onto a [`WholeRow`]: the
    /// caller writes every comma, so no cell is counted (for the rows of a
    /// hot loop whose layout is fixed). The row must not be one empty cell.
    #[inline]
    pub fn whole_row(&mut self, write: impl FnOnce(&mut WholeRow)) {
        write(&mut WholeRow(self));
        self.end_row();
    }

    /// Appends a whole number.
    pub fn count(&mut self, n: usize) {
        self.separate();
        crate::number::push_digits(n as u64, &mut self.text);
    }

    /// Appends an empty cell.
    pub fn empty(&mut self) {
        self.separate();
    }

    /// Ends the current row.
    pub fn end_row(&mut self) {
        if self.text.len() == self.row_start {
            // A row of one empty cell would read as a blank line.
            self.text.push_str("\"\"");
        }
        self.text.push('\n');
        self.row_start = self.text.len();
        self.cells = 0;
    }

    fn separate(&mut self) {
        if self.cells > 0 {
            self.text.push(',');
        }
        self.cells += 1;
    }

    /// The text.
    pub fn finish(self) -> String {
        self.text
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Empties the document, keeping its buffer for the next one.
    pub fn clear(&mut self) {
        self.text.clear();
        self.row_start = 0;
        self.cells = 0;
    }
}

/// A row of a [`CsvText`] written piece by piece, commas included
/// ([`CsvText::whole_row`]).
pub struct WholeRow<'t>(&'t mut CsvText);

impl WholeRow<'_> {
    /// Appends text already written as CSV: cells encoded once, and commas.
    #[inline]
    pub fn raw(&mut self, text: &str) {
        self.0.text.push_str(text);
    }

    /// Appends a text cell's text as [`CsvText::cell`] writes it.
    pub fn cell(&mut self, cell: &str) {
        self.0.cell_text(cell);
    }

    /// Appends a number with 2 decimals as [`CsvText::fmt2`] writes it.
    #[inline]
    pub fn fmt2(&mut self, x: f64) {
        self.0.fmt2_text(x);
    }
}

/// Where a row's cells go, one at a time: a streamed [`CsvText`] or a row
/// of a [`Grid`] (`Vec<String>`), so that each output's row is written once
/// for both.
pub trait Cells {
    /// A text cell.
    fn cell(&mut self, cell: &str);
    /// A number with 2 decimals.
    fn fmt2(&mut self, x: f64);
    /// A whole number.
    fn count(&mut self, n: usize);
    /// An empty cell.
    fn empty(&mut self);
}

impl Cells for CsvText {
    fn cell(&mut self, cell: &str) {
        CsvText::cell(self, cell);
    }
    fn fmt2(&mut self, x: f64) {
        CsvText::fmt2(self, x);
    }
    fn count(&mut self, n: usize) {
        CsvText::count(self, n);
    }
    fn empty(&mut self) {
        CsvText::empty(self);
    }
}

impl Cells for Vec<String> {
    fn cell(&mut self, cell: &str) {
        self.push(cell.to_string());
    }
    fn fmt2(&mut self, x: f64) {
        self.push(crate::number::fmt2(x));
    }
    fn count(&mut self, n: usize) {
        self.push(n.to_string());
    }
    fn empty(&mut self) {
        self.push(String::new());
    }
}

/// One cell's text, appended to a `String` (a label made without a string
/// of its own): a number as [`crate::number::fmt2_into`] writes it, an
/// empty cell as nothing.
impl Cells for String {
    fn cell(&mut self, cell: &str) {
        self.push_str(cell);
    }
    fn fmt2(&mut self, x: f64) {
        crate::number::fmt2_into(x, self);
    }
    fn count(&mut self, n: usize) {
        crate::number::push_digits(n as u64, self);
    }
    fn empty(&mut self) {}
}

/// Prefixes `'` to a cell that a spreadsheet would run as a formula
/// (starts with `=`, `+`, `-`, `@`, tab or CR and is not a number).
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    // All six are ASCII: the first byte tells.
    let risky = matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if risky && crate::rule::parse_number(cell).is_none() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Escapes what Markdown would read as table syntax or raw HTML (`<script>`
/// in a provider's name must stay text when the Markdown is published).
fn escape_markdown(cell: &str) -> String {
    printable(&cell.replace(['\n', '\r'], " "))
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_formulas_but_not_numbers() {
        assert_eq!(guard_formula("=1+2"), "'=1+2");
        assert_eq!(guard_formula("+cmd"), "'+cmd");
        assert_eq!(guard_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard_formula("\tx"), "'\tx");
        assert_eq!(guard_formula("-3.5"), "-3.5");
        assert_eq!(guard_formula("p01"), "p01");
    }

    #[test]
    fn csv_text_is_what_the_csv_crate_writes() {
        // The csv crate, configured as CsvText used to be, is the
        // independent reference for quoting, doubled quotes and the row of
        // one empty cell.
        let rows: Vec<Vec<&str>> = vec![
            vec!["a", "b,c", "say \"hi\"", "two\nlines", "cr\rhere", ""],
            vec![""],
            vec!["", ""],
            vec!["=1+2", "-3.5", "@x", "\"", ",", "p01", "中文,名"],
            vec!["x"],
        ];
        let mut reference = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let mut ours = CsvText::new();
        for row in &rows {
            reference
                .write_record(row.iter().map(|c| guard_formula(c).into_owned()))
                .unwrap();
            ours.row(row);
        }
        let reference = String::from_utf8(reference.into_inner().unwrap()).unwrap();
        assert_eq!(ours.finish(), reference);
    }

    #[test]
    fn csv_numbers_are_written_in_place_and_odd_ones_guarded() {
        let mut t = CsvText::new();
        t.count(12);
        t.fmt2(-3.456);
        t.fmt2(f64::NEG_INFINITY);
        t.empty();
        t.cell("p,1");
        t.end_row();
        // -3.456 rounds half away from zero to -3.46; "-inf" is not a
        // number a spreadsheet reads, so it is guarded like any text.
        assert_eq!(t.finish(), "12,-3.46,'-inf,,\"p,1\"\n");
    }

    #[test]
    fn table_and_markdown_escape_control_characters() {
        let mut g = Grid::default();
        g.column("provider", false);
        g.rows.push(vec!["\u{1b}]0;owned\u{7}x".into()]);
        assert!(g.to_table().contains("\\u{1b}]0;owned\\u{7}x"));
        assert!(!g.to_table().contains('\u{1b}'));
        assert!(g.to_markdown().contains("\\\\u{1b}]0;owned\\\\u{7}x"));
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut g = Grid::default();
        g.column("a|b", false);
        g.column("n", true);
        g.rows.push(vec!["x".into(), "1.00".into()]);
        assert_eq!(
            g.to_markdown(),
            "| a\\|b | n |\n| --- | ---: |\n| x | 1.00 |\n"
        );
    }

    #[test]
    fn markdown_keeps_markup_as_text() {
        let mut g = Grid::default();
        g.column("name", false);
        g.rows.push(vec!["<script>alert(1)</script>".into()]);
        assert_eq!(
            g.to_markdown(),
            "| name |\n| --- |\n| &lt;script&gt;alert(1)&lt;/script&gt; |\n"
        );
    }
}
