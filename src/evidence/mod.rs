//! Evidence: what providers declared, read from long or wide CSV.
//!
//! The file is streamed record by record (`builder`); every value is parsed
//! against its indicator's rule as it is read, so a bad cell is reported with
//! its file, line and column, and all of them are reported in one run. Values
//! are kept in one flat table (providers × indicators), so a registry of a
//! hundred thousand providers fits in a few dozen megabytes.

mod builder;

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::diag::{self, Diagnostic, Location};
use crate::framework::Framework;
use crate::input::{self, Encoding};
use crate::rule::Cell;

pub use builder::Builder;

/// The shape of an evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `provider,indicator,value[,source][,note]`: one row per value.
    Long,
    /// `provider,<indicator ids…>,<attributes…>`: one row per provider.
    Wide,
}

/// One provider: its id, where it first appears and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderEvidence {
    /// The provider id.
    pub id: String,
    /// The line of its first row.
    pub line: usize,
    /// Attributes such as `name` and `region`.
    pub attributes: IndexMap<String, String>,
}

/// A parsed evidence file.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The file as the user named it.
    pub file: String,
    /// Long or wide.
    pub layout: Layout,
    /// Providers in order of first appearance.
    pub providers: Vec<ProviderEvidence>,
    /// Per provider, one cell per indicator; [`Cell::Missing`] where nothing was given.
    /// (One allocation per provider: a registry grows without doubling one huge table.)
    cells: Vec<Box<[Cell]>>,
    /// Per provider, the line of each value (0: no row for it).
    lines: Vec<Box<[u32]>>,
    /// The CSV column of each indicator's value (the `value` column in long format).
    columns: Vec<u32>,
    /// Non-empty `source` cells (long format), by (provider, indicator).
    sources: HashMap<(u32, u32), Box<str>>,
}

impl Evidence {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&ProviderEvidence> {
        self.position(id).map(|p| &self.providers[p])
    }

    /// The index of the provider with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.providers.iter().position(|p| p.id == id)
    }

    /// Provider `p`'s cells, one per framework indicator.
    pub fn cells(&self, p: usize) -> &[Cell] {
        &self.cells[p]
    }

    /// Provider `p`'s cell for indicator `k`.
    pub fn cell(&self, p: usize, k: usize) -> &Cell {
        &self.cells[p][k]
    }

    /// The `source` of provider `p`'s value for indicator `k`, if given.
    pub fn source(&self, p: usize, k: usize) -> Option<&str> {
        self.sources.get(&(p as u32, k as u32)).map(|s| &**s)
    }

    /// Where provider `p`'s value for indicator `k` is (`None` when no row gives it).
    pub fn location(&self, p: usize, k: usize) -> Option<Location> {
        let line = self.lines[p][k] as usize;
        (line > 0).then(|| Location {
            line,
            col: self.columns[k] as usize,
        })
    }
}

/// Reads an evidence file (`-` for stdin): CSV, streamed, or a workbook's
/// sheet (`sheet`, else the first). Returns the evidence and its warnings, or
/// every diagnostic when any is an error.
pub fn load(
    path: &str,
    sheet: Option<&str>,
    fw: &Framework,
    encoding: Encoding,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    if crate::xlsx_in::is_workbook(path) {
        return crate::xlsx_in::load_evidence(path, sheet, fw);
    }
    match input::open_text_halves(path, encoding).map_err(|d| vec![d])? {
        input::Text::Stream(reader) => read(path, reader, fw),
        input::Text::Halves {
            first,
            second,
            lines_before_second,
        } => read_halves(path, first, second, lines_before_second, fw),
    }
}

/// Parses the two halves of a large file on two threads and joins them; the
/// result is the same as [`read`] on the whole file. The second half learns the
/// header from the first through a channel.
fn read_halves(
    file: &str,
    first: impl std::io::Read + Send,
    second: impl std::io::Read + Send,
    lines_before_second: usize,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (send_header, header) = std::sync::mpsc::channel::<(usize, csv::StringRecord)>();
    std::thread::scope(|scope| {
        let later = scope.spawn(move || {
            let mut builder = Builder::new(file, fw);
            let mut errors = Vec::new();
            // No header: the first half had none to send (it reports that).
            let (line, record) = header.recv().ok()?;
            builder.adopt_header(line, &record);
            let offset = |line: usize| line + lines_before_second;
            each_record(
                file,
                second,
                |line, record| builder.record(offset(line), record),
                &mut errors,
            );
            for d in &mut errors {
                if let Some(l) = d.location.as_mut() {
                    l.line = offset(l.line);
                }
            }
            Some((builder, errors))
        });
        let mut builder = Builder::new(file, fw);
        let mut errors = Vec::new();
        let mut sender = Some(send_header);
        each_record(
            file,
            first,
            |line, record| {
                builder.record(line, record);
                // Hand the header over once, as soon as it has been read.
                if sender.is_some()
                    && let Some(header) = builder.header()
                    && let Some(s) = sender.take()
                {
                    // The other thread only stops listening when it panicked.
                    let _ = s.send(header);
                }
            },
            &mut errors,
        );
        drop(sender);
        match later.join() {
            Ok(Some((rest, more))) => {
                builder.absorb(rest);
                errors.extend(more);
            }
            Ok(None) => {}
            Err(_) => errors.push(Diagnostic::error(
                file,
                None,
                "internal error: the second half of the file could not be read",
            )),
        }
        builder.finish(errors)
    })
}

/// Parses evidence text.
pub fn parse(
    file: &str,
    text: &str,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    read(file, text.as_bytes(), fw)
}

fn read(
    file: &str,
    reader: impl std::io::Read,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut builder = Builder::new(file, fw);
    let mut errors = Vec::new();
    each_record(
        file,
        reader,
        |line, record| builder.record(line, record),
        &mut errors,
    );
    builder.finish(errors)
}

/// Calls `f` with every CSV record and its line; unreadable records become errors.
fn each_record(
    file: &str,
    reader: impl std::io::Read,
    mut f: impl FnMut(usize, &csv::StringRecord),
    errors: &mut Vec<Diagnostic>,
) {
    let (reader, mut lines) = line_ends(reader);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let mut record = csv::StringRecord::new();
    let mut last = (0, 0, false);
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
                let broken = record
                    .get(record.len().saturating_sub(1))
                    .is_some_and(|f| f.ends_with(['\n', '\r']));
                last = (line, record.len(), broken);
                f(line, &record);
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte()));
                errors.push(Diagnostic::error(
                    file,
                    Some(Location { line, col: 1 }),
                    format!("unreadable CSV: {e}"),
                ));
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    // The csv crate ends an unclosed quoted field at the end of the file
    // without a word; the sign is an odd number of quotes and a last field
    // that swallowed the final line end.
    let (line, fields, broken) = last;
    if broken && lines.odd_quotes() {
        errors.push(
            Diagnostic::error(
                file,
                Some(Location { line, col: fields }),
                "a quoted field is not closed before the end of the file",
            )
            .with_help("close the quote, or double a quote that is part of the value (\"\")"),
        );
    }
}

/// Wraps a reader so that a record's line can be found from its byte offset.
/// (The csv crate's own line count skips blank lines and the ends of CRLF
/// lines, so it drifts on the files spreadsheets export; and a record's byte
/// offset points before the blank lines and line ends that precede it.)
fn line_ends<R: std::io::Read>(inner: R) -> (LineStarts<R>, LineCounter) {
    let shared = std::rc::Rc::new(std::cell::RefCell::new(Shared::default()));
    let counter = LineCounter {
        shared: shared.clone(),
        line: 1,
    };
    let reader = LineStarts {
        inner,
        seen: 0,
        line: 1,
        at_start: true,
        shared,
    };
    (reader, counter)
}

/// What the reader wrapper has seen, for the line counter.
#[derive(Default)]
struct Shared {
    /// (offset, line) of each line with content not yet passed.
    starts: std::collections::VecDeque<(u64, usize)>,
    /// The number of `"` so far.
    quotes: usize,
}

/// Records, as bytes pass through, where each line with content starts.
struct LineStarts<R> {
    inner: R,
    seen: u64,
    line: usize,
    at_start: bool,
    shared: std::rc::Rc<std::cell::RefCell<Shared>>,
}

impl<R: std::io::Read> std::io::Read for LineStarts<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut shared = self.shared.borrow_mut();
        shared.quotes += memchr::memchr_iter(b'"', &buf[..n]).count();
        let starts = &mut shared.starts;
        let mut line_start = 0;
        // Line ends found with memchr (SIMD); only the byte after each is looked at.
        for end in memchr::memchr_iter(b'\n', &buf[..n]).chain([n]) {
            if self.at_start && line_start < end && buf[line_start] != b'\r' {
                starts.push_back((self.seen + line_start as u64, self.line));
                self.at_start = false;
            }
            if end < n {
                self.line += 1;
                self.at_start = true;
                line_start = end + 1;
            }
        }
        self.seen += n as u64;
        Ok(n)
    }
}

/// Turns the increasing byte offsets of records into 1-based line numbers.
struct LineCounter {
    shared: std::rc::Rc<std::cell::RefCell<Shared>>,
    line: usize,
}

impl LineCounter {
    /// The line of the first content at or after `byte`.
    fn line_at(&mut self, byte: u64) -> usize {
        let starts = &mut self.shared.borrow_mut().starts;
        while starts.front().is_some_and(|&(offset, _)| offset < byte) {
            starts.pop_front();
        }
        if let Some(&(_, line)) = starts.front() {
            self.line = line;
        }
        self.line
    }

    /// True when the file has an odd number of `"`.
    fn odd_quotes(&self) -> bool {
        self.shared.borrow().quotes % 2 == 1
    }
}

/// A field as compared and stored: without surrounding spaces or stray BOMs.
fn clean(field: &str) -> &str {
    // Most fields start and end with a visible ASCII character: skip the trim.
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if visible(field.as_bytes().first()) && visible(field.as_bytes().last()) {
        return field;
    }
    field.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// Attributes per provider from a `--providers` file.
pub type Attributes = IndexMap<String, IndexMap<String, String>>;

/// Reads a `--providers` file (CSV or a workbook's first sheet): `provider`
/// plus attribute columns.
pub fn load_attributes(path: &str, encoding: Encoding) -> Result<Attributes, Vec<Diagnostic>> {
    let mut reader = AttributesReader::new(path);
    if crate::xlsx_in::is_workbook(path) {
        let mut sheet = crate::xlsx_in::read_sheet(path, None)?;
        sheet.skip_to_header("provider");
        let mut record = csv::StringRecord::new();
        for (row, cells) in &sheet.rows {
            record.clear();
            cells.iter().for_each(|c| record.push_field(c));
            reader.record(*row, &record);
        }
        return reader
            .finish(Vec::new())
            .map_err(|ds| ds.into_iter().map(|d| sheet.locate(d)).collect());
    }
    let text = input::open_text(path, encoding).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    each_record(
        path,
        text,
        |line, record| reader.record(line, record),
        &mut errors,
    );
    reader.finish(errors)
}

/// Collects provider attributes record by record.
struct AttributesReader<'f> {
    table: builder::Table<'f>,
    out: Attributes,
    first_lines: HashMap<String, usize>,
}

impl<'f> AttributesReader<'f> {
    fn new(path: &'f str) -> Self {
        AttributesReader {
            table: builder::Table::new(path),
            out: Attributes::new(),
            first_lines: HashMap::new(),
        }
    }

    fn record(&mut self, line: usize, record: &csv::StringRecord) {
        if !self.table.accept(line, record) {
            return;
        }
        let Some(p) = self.table.column("provider") else {
            return;
        };
        let Some(id) = self.table.provider_id(line, p, record) else {
            return;
        };
        if let Some(first) = self.first_lines.insert(id.to_string(), line) {
            self.table.error(
                line,
                p + 1,
                format!("duplicate row for provider `{id}` (first at line {first})"),
            );
            return;
        }
        let header = &self.table.header;
        let attrs = header
            .iter()
            .zip(record.iter())
            .enumerate()
            .filter(|(c, _)| *c != p)
            .map(|(_, (h, v))| (h.clone(), clean(v).to_string()))
            .collect();
        self.out.insert(id.to_string(), attrs);
    }

    fn finish(mut self, mut errors: Vec<Diagnostic>) -> Result<Attributes, Vec<Diagnostic>> {
        self.table.finish();
        errors.extend(self.table.diagnostics);
        diag::sort(&mut errors);
        if diag::has_errors(&errors) {
            Err(errors)
        } else {
            Ok(self.out)
        }
    }
}

/// Adds `--providers` attributes to the evidence (they win over wide-format
/// columns of the same name) and warns about providers found in only one file.
pub fn merge_attributes(
    evidence: &mut Evidence,
    attributes: &Attributes,
    providers_file: &str,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for p in &mut evidence.providers {
        match attributes.get(&p.id) {
            Some(attrs) => p
                .attributes
                .extend(attrs.iter().map(|(k, v)| (k.clone(), v.clone()))),
            None => warnings.push(Diagnostic::warning(
                &evidence.file,
                Some(Location {
                    line: p.line,
                    col: 1,
                }),
                format!("provider `{}` is not in {providers_file}", p.id),
            )),
        }
    }
    let known: std::collections::HashSet<&str> =
        evidence.providers.iter().map(|p| p.id.as_str()).collect();
    for id in attributes.keys().filter(|id| !known.contains(id.as_str())) {
        warnings.push(Diagnostic::warning(
            providers_file,
            None,
            format!("provider `{id}` has no evidence and is not scored"),
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framework() -> Framework {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/mini.toml"
        ))
        .unwrap();
        crate::framework::load_str("mini.toml", &text)
            .unwrap()
            .framework
    }

    /// Reads `text` cut after its `cut`-th line end, as a large file would be.
    fn in_halves(
        text: &str,
        cut: usize,
        fw: &Framework,
    ) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
        let at = text
            .match_indices('\n')
            .nth(cut - 1)
            .map(|(i, _)| i + 1)
            .unwrap();
        let (a, b) = text.split_at(at);
        read_halves("e.csv", a.as_bytes(), b.as_bytes(), cut, fw)
    }

    #[test]
    fn halves_read_like_the_whole_file() {
        let fw = framework();
        let long = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/mini-long.csv"
        ))
        .unwrap();
        let crlf = long.replace('\n', "\r\n");
        let wide = "provider,name,staff,cs_level\na,甲,110,CS4\nb,乙,60,CS2\n\nc,丙,200,CS3\n";
        // Cuts inside a provider's rows, between providers, and before a blank line.
        for (text, cuts) in [
            (long.as_str(), vec![1, 3, 7, 12, 20]),
            (crlf.as_str(), vec![2, 9]),
            (wide, vec![1, 2, 3, 4]),
        ] {
            for cut in cuts {
                assert_eq!(
                    in_halves(text, cut, &fw),
                    parse("e.csv", text, &fw),
                    "cut after line {cut}"
                );
            }
        }
    }

    #[test]
    fn duplicates_across_the_cut_are_found_with_both_lines() {
        let fw = framework();
        let long = "provider,indicator,value\na,staff,1\nb,staff,2\na,staff,3\n";
        let whole = parse("e.csv", long, &fw).unwrap_err();
        assert_eq!(
            whole[0].to_string().lines().next(),
            Some(
                "e.csv:4:2: error: duplicate value for provider `a`, indicator `staff` (first at line 2)"
            )
        );
        assert_eq!(in_halves(long, 2, &fw).unwrap_err(), whole);
        let wide = "provider,staff\na,1\nb,2\na,3\n";
        let whole = parse("e.csv", wide, &fw).unwrap_err();
        assert_eq!(
            whole[0].to_string(),
            "e.csv:4:1: error: duplicate row for provider `a` (first at line 2)"
        );
        assert_eq!(in_halves(wide, 2, &fw).unwrap_err(), whole);
    }

    #[test]
    fn lines_count_blank_lines_and_crlf() {
        let fw = framework();
        let cases = [
            ("provider,staff\na,1\n\n\nb,x\n", 5),
            ("provider,staff\r\na,1\r\n\r\n\r\nb,x\r\n", 5),
            // A quoted value over lines 2–4, a blank line 5, b on line 6.
            ("provider,staff\na,\"1\n\n\"\n\nb,x\n", 6),
        ];
        for (text, line) in cases {
            let errors = parse("e.csv", text, &fw).unwrap_err();
            assert_eq!(
                errors[0].location,
                Some(Location { line, col: 2 }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn errors_in_the_second_half_keep_their_lines() {
        let fw = framework();
        let long = "provider,indicator,value\na,staff,1\nb,staff,x\nc,nope,3\n";
        assert_eq!(in_halves(long, 2, &fw), parse("e.csv", long, &fw));
    }
}
