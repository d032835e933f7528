//! A small reader over the spanned TOML tree that collects every problem.
//!
//! serde stops at the first wrong type or unknown key; a framework author wants
//! to see all of them at once, each at its own line and column. So tables are
//! read key by key, and whatever was not asked for is reported as unknown.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, LineMap, Location};

/// The file being read and the diagnostics found so far.
pub struct Source<'s> {
    /// The file name as the user gave it.
    pub file: &'s str,
    /// The file's text.
    pub text: &'s str,
    lines: LineMap,
    /// Problems found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'s> Source<'s> {
    /// Starts reading `text` from `file`.
    pub fn new(file: &'s str, text: &'s str) -> Self {
        Source {
            file,
            text,
            lines: LineMap::new(text),
            diagnostics: Vec::new(),
        }
    }

    /// The location of a span's start.
    pub fn locate(&self, span: &Range<usize>) -> Location {
        self.lines.locate(self.text, span.start)
    }

    /// Records an error at `span`.
    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(self.file, Some(self.locate(span)), message);
        self.push(d)
    }

    /// Records a warning at `span`.
    pub fn warning(&mut self, span: &Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.file, Some(self.locate(span)), message);
        self.push(d)
    }

    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.diagnostics.push(d);
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

/// Sets the help text of a diagnostic just recorded.
pub fn help(d: &mut Diagnostic, text: impl Into<String>) {
    d.help = Some(text.into());
}

/// A number read from TOML, with its span.
pub type Num = Spanned<f64>;
/// A string read from TOML, with its span.
pub type Str = Spanned<String>;

/// Reads one TOML table; [`TableReader::finish`] reports the keys nobody asked for.
pub struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    /// The span of the whole table (used for "missing key" errors).
    pub span: Range<usize>,
    /// What the table is, for messages (e.g. "`[[dimension]]`").
    pub what: String,
    taken: Vec<&'static str>,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Wraps a table.
    pub fn new(table: &'a DeTable<'i>, span: Range<usize>, what: impl Into<String>) -> Self {
        TableReader {
            table,
            span,
            what: what.into(),
            taken: Vec::new(),
        }
    }

    /// Reads a table value as a table, or reports that it is not one.
    pub fn from_value(
        src: &mut Source,
        value: &'a Spanned<DeValue<'i>>,
        what: impl Into<String>,
    ) -> Option<Self> {
        let what = what.into();
        match value.get_ref() {
            DeValue::Table(t) => Some(TableReader::new(t, value.span(), what)),
            other => {
                src.error(
                    &value.span(),
                    format!("{what} must be a table, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// The value of `key`, marking it as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.taken.push(key);
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// True when the table has `key` (without marking it).
    pub fn has(&self, key: &str) -> bool {
        self.table.iter().any(|(k, _)| k.get_ref().as_ref() == key)
    }

    /// The span of `key`'s value, if present.
    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v.span())
    }

    /// Reports that a required key is absent.
    pub fn missing(&self, src: &mut Source, key: &str) {
        let span = self.span.clone();
        let what = self.what.clone();
        src.error(&span, format!("{what} has no `{key}`"));
    }

    /// A string value.
    pub fn string(&mut self, src: &mut Source, key: &'static str, required: bool) -> Option<Str> {
        let value = self.get(key);
        let Some(value) = value else {
            if required {
                self.missing(src, key);
            }
            return None;
        };
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            other => {
                src.error(
                    &value.span(),
                    format!("`{key}` must be a string, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// A boolean value.
    pub fn boolean(&mut self, src: &mut Source, key: &'static str) -> Option<Spanned<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(value.span(), *b)),
            other => {
                src.error(
                    &value.span(),
                    format!("`{key}` must be true or false, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// A finite number (integer or float).
    pub fn number(&mut self, src: &mut Source, key: &'static str, required: bool) -> Option<Num> {
        let value = self.get(key);
        let Some(value) = value else {
            if required {
                self.missing(src, key);
            }
            return None;
        };
        number_value(src, value, &format!("`{key}`"))
    }

    /// An array of tables or of values (a missing key gives an empty slice).
    pub fn array(&mut self, src: &mut Source, key: &'static str) -> &'a [Spanned<DeValue<'i>>] {
        match self.get(key) {
            None => &[],
            Some(value) => match value.get_ref() {
                DeValue::Array(a) => a,
                other => {
                    src.error(
                        &value.span(),
                        format!("`{key}` must be an array, found {}", other.type_str()),
                    );
                    &[]
                }
            },
        }
    }

    /// Every entry, in file order, for a table whose keys are data (such as
    /// the table ids of `[round.records]`), not a fixed set.
    pub fn entries(
        &self,
    ) -> impl Iterator<Item = (&'a str, &'a Spanned<DeValue<'i>>)> + use<'a, 'i> {
        self.table.iter().map(|(k, v)| (k.get_ref().as_ref(), v))
    }

    /// Reports every key that was not read, with a suggestion for near misses.
    pub fn finish(self, src: &mut Source) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if self.taken.contains(&name) {
                continue;
            }
            let message = format!("unknown key `{name}` in {}", self.what);
            let suggestion = self
                .taken
                .iter()
                .filter(|known| strsim::jaro_winkler(known, name) > 0.8)
                .max_by(|a, b| {
                    strsim::jaro_winkler(a, name).total_cmp(&strsim::jaro_winkler(b, name))
                });
            let expected = self.taken.join(", ");
            let d = src.error(&key.span(), message);
            match suggestion {
                Some(s) => help(d, format!("did you mean `{s}`?")),
                None => help(d, format!("the keys allowed here are: {expected}")),
            }
        }
    }
}

/// A finite number from any TOML value, or an error naming `what`.
pub fn number_value(src: &mut Source, value: &Spanned<DeValue>, what: &str) -> Option<Num> {
    let span = value.span();
    let parsed = match value.get_ref() {
        DeValue::Integer(i) => parse_integer(i.as_str(), i.radix()),
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
        other => {
            src.error(
                &span,
                format!("{what} must be a number, found {}", other.type_str()),
            );
            return None;
        }
    };
    match parsed {
        Some(v) if v.is_finite() && v.abs() < 1e15 => Some(Spanned::new(span, v)),
        _ => {
            let d = src.error(&span, format!("{what} must be a finite number below 1e15"));
            help(d, "inf, nan and huge numbers cannot be scored");
            None
        }
    }
}

fn parse_integer(text: &str, radix: u32) -> Option<f64> {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0o"))
        .or_else(|| digits.strip_prefix("0b"))
        .unwrap_or(&digits);
    i64::from_str_radix(digits, radix).ok().map(|v| v as f64)
}

/// A string from any TOML value, or an error naming `what`.
pub fn string_value(src: &mut Source, value: &Spanned<DeValue>, what: &str) -> Option<Str> {
    match value.get_ref() {
        DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
        other => {
            src.error(
                &value.span(),
                format!("{what} must be a string, found {}", other.type_str()),
            );
            None
        }
    }
}
