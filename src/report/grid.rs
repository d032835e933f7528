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
pub struct CsvText {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvText {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvText {
    /// An empty document with `\n` line ends.
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// An empty document with room for about `bytes` of text, so that a
    /// large chunk of rows is not copied as it grows.
    pub fn with_capacity(bytes: usize) -> Self {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::with_capacity(bytes));
        CsvText { writer }
    }

    /// Appends a row, guarding every cell against formula injection.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        // Writing to a Vec cannot fail.
        let _ = self
            .writer
            .write_record(cells.iter().map(|c| Guarded(guard_formula(c.as_ref()))));
    }

    /// The text.
    pub fn finish(self) -> String {
        String::from_utf8(self.writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// A guarded cell as the CSV writer takes it (bytes), without copying.
struct Guarded<'a>(std::borrow::Cow<'a, str>);

impl AsRef<[u8]> for Guarded<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Prefixes `'` to a cell that a spreadsheet would run as a formula
/// (starts with `=`, `+`, `-`, `@`, tab or CR and is not a number).
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
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
