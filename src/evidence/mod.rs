//! Evidence: what providers declared, read from long or wide CSV.
//!
//! The file is streamed record by record (`builder`); every value is parsed
//! against its indicator's rule as it is read, so a bad cell is reported with
//! its file, line and column, and all of them are reported in one run. Values
//! are kept in one flat table (providers × indicators), so a registry of a
//! hundred thousand providers fits in a few dozen megabytes.

mod amendment;
mod attributes;
mod builder;
mod expert;
mod fullwidth;
mod index;
mod lookalike;
mod records;
mod sheet;
mod store;
pub(crate) mod table;
pub mod validity;
pub use attributes::AttributeMap;
pub mod workbook;
pub mod workbook_limits;
mod workbook_table;

pub use amendment::{Amended, Amendment};
pub use records::{OwnedRecord, Record, each_plain_record, each_record};
pub use table::{NO_DATA_ROWS, Table};

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
    pub attributes: AttributeMap,
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
    /// Per provider, one cell per indicator ([`Cell::Missing`] where nothing
    /// was given) and the line of each value, packed (see `store`).
    store: store::Store,
    /// The CSV column of each indicator's value (the `value` column in long format).
    columns: Vec<u32>,
    /// Non-empty `source` cells (long format), by (provider, indicator).
    sources: HashMap<(u32, u32), Box<str>>,
    /// Provider id → index, built on first use.
    index: index::ProviderIndex,
    /// `valid_from` / `valid_until` of long-format values, and what expired.
    validity: validity::Validity,
    /// Every expert's score of a panel indicator (§8).
    pub panels: crate::panel::PanelScores,
    /// The values `--amend` replaced (§9), with their old values and reasons.
    pub amendments: Amended,
}

impl Evidence {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&ProviderEvidence> {
        self.position(id).map(|p| &self.providers[p])
    }

    /// The index of the provider with this id (O(1): a hash index built on first use).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(&self.providers, id)
    }

    /// Whether `other` lists the same providers in the same order (a file
    /// made from a copy of this one): then a provider's position here is its
    /// position there, with no lookup by id.
    pub fn same_providers(&self, other: &Evidence) -> bool {
        self.providers.len() == other.providers.len()
            && (self.providers.iter().zip(&other.providers))
                .all(|(a, b)| index::same_id(&a.id, &b.id))
    }

    /// Provider `p`'s cells, one per framework indicator.
    pub fn cells(&self, p: usize) -> Vec<Cell> {
        self.store.row(p).collect()
    }

    /// Writes provider `p`'s cells into `out` (cleared first), so that a loop
    /// over every provider reuses one buffer.
    pub fn cells_into(&self, p: usize, out: &mut Vec<Cell>) {
        self.store.row_into(p, out);
    }

    /// Provider `p`'s cell for indicator `k`.
    pub fn cell(&self, p: usize, k: usize) -> Cell {
        self.store.get(p, k)
    }

    /// True when provider `p`'s cell for indicator `k` here is surely the
    /// cell of provider `q` of `other` (same number as written, same yes/no,
    /// both missing or both not applicable), told from the packed cells
    /// without decoding them; false says nothing (compare the cells).
    pub fn surely_same_cell(&self, p: usize, other: &Evidence, q: usize, k: usize) -> bool {
        self.store.surely_same(p, &other.store, q, k)
    }

    /// True when provider `p` gave a value for indicator `k` (not missing,
    /// not "not applicable"); cheaper than [`Evidence::cell`].
    pub fn has_value(&self, p: usize, k: usize) -> bool {
        self.store.is_value(p, k)
    }

    /// The `source` of provider `p`'s value for indicator `k`, if given.
    pub fn source(&self, p: usize, k: usize) -> Option<&str> {
        self.sources.get(&(p as u32, k as u32)).map(|s| &**s)
    }

    /// Sets provider `p`'s value for indicator `k` from a ledger (a derived
    /// indicator): no evidence row gives it, so it has no location.
    pub fn set_derived(&mut self, p: usize, k: usize, cell: Cell) {
        self.store.set(p, k, &cell);
        self.store.set_line(p, k, 0);
    }

    /// Replaces provider `p`'s value for indicator `k` by an amendment's (§9);
    /// the value keeps its evidence location.
    pub fn amend(&mut self, p: usize, k: usize, amendment: Amendment) {
        self.store.set(p, k, &amendment.new);
        self.amendments.insert((p, k), amendment);
    }

    /// Adds a provider that appears only in a ledger, with every value missing.
    pub fn add_provider(&mut self, id: &str) {
        self.providers.push(ProviderEvidence {
            id: id.to_string(),
            line: 0,
            attributes: AttributeMap::default(),
        });
        self.store.push(0);
    }

    /// Where provider `p`'s value for indicator `k` is (`None` when no row gives it).
    pub fn location(&self, p: usize, k: usize) -> Option<Location> {
        let line = self.store.line(p, k) as usize;
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
    load_with(path, sheet, fw, encoding, true)
}

/// [`load`], reading a large file in halves on two threads only when
/// `halves` says so: a file read beside another of about its size
/// (`compare`) leaves the halves nothing to gain but their joins.
pub fn load_with(
    path: &str,
    sheet: Option<&str>,
    fw: &Framework,
    encoding: Encoding,
    halves: bool,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    if workbook::is_workbook(path) {
        return workbook::load_evidence(path, sheet, fw);
    }
    if !halves {
        return read(
            path,
            input::open_text(path, encoding).map_err(|d| vec![d])?,
            fw,
        );
    }
    match input::open_text_halves(path, encoding).map_err(|d| vec![d])? {
        input::Text::Stream(reader) => read(path, reader, fw),
        input::Text::Halves {
            first,
            second,
            before_second,
        } => match read_halves(path, first, second, before_second, fw) {
            Some(read) => read,
            // Not plain text: read it whole, as any other file.
            None => read(
                path,
                input::open_text(path, encoding).map_err(|d| vec![d])?,
                fw,
            ),
        },
    }
}

/// Evidence and its warnings, or every diagnostic when any is an error.
type Loaded = Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses the two halves of a large file on two threads and joins them; the
/// result is the same as [`read`] on the whole file. The second thread first
/// counts the lines before its half, then learns the header from the first
/// through a channel. `None` when either half is not plain text (UTF-8
/// without quotes: a quoted field might span the cut), which both halves
/// check as they go; the first to find it stops the other.
fn read_halves(
    file: &str,
    first: impl std::io::Read + Send,
    second: impl std::io::Read + Send,
    before_second: impl std::io::Read + Send,
    fw: &Framework,
) -> Option<Loaded> {
    let (send_header, header) = std::sync::mpsc::channel::<(usize, OwnedRecord)>();
    let plain = std::sync::atomic::AtomicBool::new(true);
    let go_on = || plain.load(std::sync::atomic::Ordering::Relaxed);
    let stop = || plain.store(false, std::sync::atomic::Ordering::Relaxed);
    std::thread::scope(|scope| {
        let later = scope.spawn(move || {
            let mut builder = Builder::new(file, fw);
            let mut errors = Vec::new();
            let Ok(lines_before) = count_lines(before_second) else {
                stop();
                return None;
            };
            // No header: the first half had none to send (it reports that).
            let (line, record) = header.recv().ok()?;
            builder.adopt_header(line, &record.as_record());
            let read = |line, record: &Record| builder.record(line, record);
            if !each_plain_record(file, second, lines_before + 1, read, go_on, &mut errors) {
                stop();
            }
            Some((builder, errors))
        });
        let mut builder = Builder::new(file, fw);
        let mut errors = Vec::new();
        let mut sender = Some(send_header);
        let read = |line, record: &Record| {
            builder.record(line, record);
            // Hand the header over once, as soon as it has been read.
            if sender.is_some()
                && let Some(header) = builder.header()
                && let Some(s) = sender.take()
            {
                // The other thread only stops listening when it panicked.
                let _ = s.send(header);
            }
        };
        if !each_plain_record(file, first, 1, read, go_on, &mut errors) {
            stop();
        }
        drop(sender);
        let later = later.join();
        if !go_on() {
            return None;
        }
        match later {
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
        Some(builder.finish(errors))
    })
}

/// The number of line ends in a stream.
fn count_lines(mut reader: impl std::io::Read) -> std::io::Result<usize> {
    let mut buf = vec![0u8; 1 << 16];
    let mut lines = 0;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(lines),
            Ok(n) => lines += memchr::memchr_iter(b'\n', &buf[..n]).count(),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Parses evidence text; large text in two halves on two threads, as [`load`]
/// reads a large file (the same result as one pass).
pub fn parse(
    file: &str,
    text: &str,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let bytes = text.as_bytes();
    if bytes.len() as u64 >= input::HALVES_MIN_BYTES {
        // Just after the first line end past the middle (see `input::open_text_halves`).
        let from = bytes.len() / 2 + bytes.len() / 64;
        if let Some(end) = memchr::memchr(b'\n', &bytes[from..]) {
            let cut = from + end + 1;
            let (first, second) = bytes.split_at(cut);
            if let Some(read) = read_halves(file, first, second, first, fw) {
                return read;
            }
        }
    }
    read(file, bytes, fw)
}

/// Whether evidence reads the same under both frameworks: the same
/// indicators, in the same order, with the same rules and panels (all that
/// reading looks at), so one parse serves both (`diff` of a reweighting).
pub fn reads_alike(a: &Framework, b: &Framework) -> bool {
    a.indicators.len() == b.indicators.len()
        && (a.indicators.iter().zip(&b.indicators))
            .all(|(x, y)| x.id == y.id && x.rule == y.rule && x.panel == y.panel)
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

/// A field as compared and stored: without surrounding spaces or stray BOMs.
pub(crate) fn clean(field: &str) -> &str {
    // Most fields start and end with a visible ASCII character: skip the trim.
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if visible(field.as_bytes().first()) && visible(field.as_bytes().last()) {
        return field;
    }
    field.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// Attributes per provider from a `--providers` file.
pub type Attributes = IndexMap<String, AttributeMap, rustc_hash::FxBuildHasher>;

/// Reads a `--providers` file (CSV or a workbook's first sheet): `provider`
/// plus attribute columns.
pub fn load_attributes(path: &str, encoding: Encoding) -> Result<Attributes, Vec<Diagnostic>> {
    let mut reader = AttributesReader::new(path);
    if workbook::is_workbook(path) {
        let mut sheet = workbook::read_sheet(path, None)?;
        sheet.skip_to_header("provider");
        sheet.each_record(|row, record| reader.record(row, record));
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
    table: table::Table<'f>,
    out: Attributes,
    /// The line of each provider in `out`, by its index there.
    lines: Vec<usize>,
}

impl<'f> AttributesReader<'f> {
    fn new(path: &'f str) -> Self {
        AttributesReader {
            table: table::Table::new(path),
            out: Attributes::default(),
            lines: Vec::new(),
        }
    }

    fn record(&mut self, line: usize, record: &Record) {
        if !self.table.accept(line, record) {
            return;
        }
        let Some(p) = self.table.column("provider") else {
            return;
        };
        let Some(id) = self.table.provider_id(line, p, record) else {
            return;
        };
        if let Some(at) = self.out.get_index_of(id) {
            let first = self.lines[at];
            self.table.error(
                line,
                p + 1,
                format!("duplicate row for provider `{id}` (first at line {first})"),
            );
            return;
        }
        let names = &self.table.names;
        let attrs = names
            .iter()
            .zip(record.iter())
            .enumerate()
            .filter(|(c, _)| *c != p)
            .map(|(_, (h, v))| (h.clone(), clean(v).to_string()))
            .collect();
        self.out.insert(id.to_string(), std::sync::Arc::new(attrs));
        self.lines.push(line);
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
            Some(attrs) => attributes::merge(&mut p.attributes, attrs),
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
    let known: rustc_hash::FxHashSet<&str> =
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
mod tests;
