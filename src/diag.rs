//! Diagnostics: every problem found in an input file, with the place it points at.
//!
//! Loading never stops at the first problem: each stage collects [`Diagnostic`]s
//! and the CLI prints them all, as `path:line:col: error: message`.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input can be used, but probably not as meant. `--strict` turns these into errors.
    Warning,
}

impl Severity {
    /// The lower-case word printed in diagnostics.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A 1-based line and column (columns count characters in TOML, fields in CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number.
    pub col: usize,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// The file as the user named it.
    pub file: String,
    /// Where in the file, when it is known.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// A spreadsheet cell (`Sheet1!C7`) when the file is a workbook; then the
    /// position reads `file.xlsx!Sheet1!C7` instead of `file:line:col`.
    /// (Boxed to keep `Result<_, Diagnostic>` small.)
    pub cell: Option<Box<str>>,
}

impl Diagnostic {
    /// An error at `location` in `file`.
    pub fn error(file: &str, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            location,
            message: message.into(),
            help: None,
            cell: None,
        }
    }

    /// A warning at `location` in `file`.
    pub fn warning(file: &str, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, location, message)
        }
    }

    /// Adds a hint saying what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points the diagnostic at a spreadsheet cell: 1-based `row` and `col` of
    /// `sheet`. The location keeps the row and column for JSON and annotations.
    pub fn in_cell(mut self, sheet: &str, row: usize, col: usize) -> Self {
        self.location = Some(Location { line: row, col });
        self.cell = Some(format!("{}!{}", sheet_ref(sheet), cell_name(row, col)).into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:col` prefix (or just `path` when there is no location).
    pub fn position(&self) -> String {
        match (&self.cell, self.location) {
            (Some(cell), _) => format!("{}!{cell}", self.file),
            (None, Some(loc)) => format!("{}:{}:{}", self.file, loc.line, loc.col),
            (None, None) => self.file.clone(),
        }
    }

    /// The diagnostic as printed, with the severity coloured when `color` is set
    /// (red `error`, yellow `warning`); without colour it equals `to_string()`.
    pub fn render(&self, color: bool) -> String {
        if !color {
            return self.to_string();
        }
        let mut text = format!(
            "{}: {}: {}",
            printable(&self.position()),
            paint(self.severity),
            printable(&self.message)
        );
        if let Some(help) = &self.help {
            text.push_str(&format!("\n  = \x1b[1;36mhelp\x1b[0m: {}", printable(help)));
        }
        text
    }

    /// A GitHub Actions workflow command (`::error file=…,line=…,col=…::message`).
    pub fn to_github(&self) -> String {
        let mut props = format!("file={}", escape_github_property(&printable(&self.file)));
        if let Some(loc) = self.location {
            props.push_str(&format!(",line={},col={}", loc.line, loc.col));
        }
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str(&format!(" (help: {help})"));
        }
        format!(
            "::{} {}::{}",
            self.severity.as_str(),
            props,
            escape_github_data(&printable(&message))
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            printable(&self.position()),
            self.severity.as_str(),
            printable(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {}", printable(help))?;
        }
        Ok(())
    }
}

/// A control character, a bidirectional override or mark, or an invisible
/// character (zero-width space and joiners, word joiner, soft hyphen, BOM,
/// line and paragraph separators), which [`printable`] escapes: two texts that
/// look the same on screen must not print the same when they differ.
pub fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{2029}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FEFF}'
        )
}

/// Text safe to print on a terminal: control characters (ESC, NUL, CR, …) and
/// the bidirectional overrides are shown as escapes like `\u{1b}`, so that a
/// value quoted from an input file cannot move the cursor, recolour or hide text.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unprintable(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The severity word in ANSI colour (bold red `error`, bold yellow `warning`).
pub fn paint(severity: Severity) -> String {
    let code = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    format!("\x1b[{code}m{}\x1b[0m", severity.as_str())
}

/// The spreadsheet name of a 1-based cell: (7, 3) → `C7`.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col.max(1);
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// A sheet name as a cell reference writes it: quoted when it is not a plain word.
fn sheet_ref(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// Sorts diagnostics by file order and position so that output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.location, a.severity, &a.message).cmp(&(b.location, b.severity, &b.message))
    });
}

/// Turns every warning into an error (`--strict`).
pub fn make_strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = Severity::Error;
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(s: &str) -> String {
    escape_github_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Maps byte offsets in a text to 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineMap {
    line_starts: Vec<usize>,
}

impl LineMap {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineMap { line_starts }
    }

    /// The location of byte `offset` in `text` (the text this map was built from).
    pub fn locate(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Location { line, col: col + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let text = "a = 1\n名称 = x\n";
        let map = LineMap::new(text);
        assert_eq!(map.locate(text, 0), Location { line: 1, col: 1 });
        assert_eq!(map.locate(text, 4), Location { line: 1, col: 5 });
        let x = text.find('x').unwrap();
        assert_eq!(map.locate(text, x), Location { line: 2, col: 6 });
    }

    #[test]
    fn control_characters_are_escaped_on_the_terminal() {
        let d = Diagnostic::error(
            "f.csv",
            Some(Location { line: 2, col: 3 }),
            "`\u{1b}[31mred\u{0}\r` is not a number",
        )
        .with_help("\u{202E}txt.exe");
        assert_eq!(
            d.to_string(),
            "f.csv:2:3: error: `\\u{1b}[31mred\\u{0}\\r` is not a number\n  = help: \\u{202e}txt.exe"
        );
        assert_eq!(
            d.to_github(),
            "::error file=f.csv,line=2,col=3::`\\u{1b}[31mred\\u{0}\\r` is not a number (help: \\u{202e}txt.exe)"
        );
        assert_eq!(printable("名称 = x"), "名称 = x");
        let coloured = d.render(true);
        assert!(coloured.contains("`\\u{1b}[31mred\\u{0}\\r` is not a number"));
        assert_eq!(coloured.matches('\u{1b}').count(), 4, "only our colours");
    }

    #[test]
    fn renders_text_and_github() {
        let d = Diagnostic::error("f.toml", Some(Location { line: 3, col: 7 }), "bad, 100%")
            .with_help("fix it");
        assert_eq!(
            d.to_string(),
            "f.toml:3:7: error: bad, 100%\n  = help: fix it"
        );
        assert_eq!(
            d.to_github(),
            "::error file=f.toml,line=3,col=7::bad, 100%25 (help: fix it)"
        );
    }

    #[test]
    fn names_spreadsheet_cells() {
        for (row, col, name) in [
            (7, 3, "C7"),
            (1, 1, "A1"),
            (2, 26, "Z2"),
            (3, 27, "AA3"),
            (9, 703, "AAA9"),
        ] {
            assert_eq!(cell_name(row, col), name);
        }
        let d = Diagnostic::error("e.xlsx", None, "#DIV/0!").in_cell("Sheet1", 7, 3);
        assert_eq!(d.to_string(), "e.xlsx!Sheet1!C7: error: #DIV/0!");
        assert_eq!(d.to_github(), "::error file=e.xlsx,line=7,col=3::#DIV/0!");
        let d = Diagnostic::warning("e.xlsx", None, "x").in_cell("证据 表", 2, 1);
        assert_eq!(d.position(), "e.xlsx!'证据 表'!A2");
    }

    #[test]
    fn colours_only_the_severity() {
        let d = Diagnostic::warning("f.csv", Some(Location { line: 2, col: 1 }), "odd");
        assert_eq!(d.render(false), d.to_string());
        assert_eq!(d.render(true), "f.csv:2:1: \x1b[1;33mwarning\x1b[0m: odd");
    }
}
