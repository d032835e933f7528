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
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let guard_row = |row: &[String]| {
            row.iter()
                .map(|c| guard_formula(c).into_owned())
                .collect::<Vec<_>>()
        };
        // Writing to a Vec cannot fail; a failure would only lose the row.
        let _ = writer.write_record(guard_row(&self.header));
        for row in &self.rows {
            let _ = writer.write_record(guard_row(row));
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
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

fn escape_markdown(cell: &str) -> String {
    printable(&cell.replace(['\n', '\r'], " "))
        .replace('\\', "\\\\")
        .replace('|', "\\|")
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
}
