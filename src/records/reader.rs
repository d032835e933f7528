//! Reading one ledger, record by record, from CSV or a worksheet.

use rustc_hash::FxHashMap;

use super::{Ledger, Row};
use crate::date::{DATE_HELP, Date};
use crate::diag::{self, Diagnostic};
use crate::evidence::workbook as xlsx_in;
use crate::evidence::{Table, each_record};
use crate::framework::Framework;
use crate::framework::records::{FieldType, FieldValue, RecordTable};
use crate::input::{self, Encoding};
use crate::rule::{parse_bool, parse_number};

/// Where a ledger comes from: a CSV file, or a sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerSource<'p> {
    /// A CSV file (or `-` for stdin).
    Csv(&'p str),
    /// A worksheet: the workbook and the sheet (the first when `None`).
    Sheet(&'p str, Option<&'p str>),
}

impl<'p> LedgerSource<'p> {
    /// The file read (the workbook for a sheet).
    pub fn file(&self) -> &'p str {
        match self {
            LedgerSource::Csv(f) | LedgerSource::Sheet(f, _) => f,
        }
    }

    /// Reads `FILE` or `FILE!SHEET` (a workbook and one of its sheets).
    pub fn parse(path: &'p str) -> LedgerSource<'p> {
        if let Some((book, sheet)) = path.rsplit_once('!')
            && xlsx_in::is_workbook(book)
        {
            return LedgerSource::Sheet(book, Some(sheet));
        }
        match xlsx_in::is_workbook(path) {
            true => LedgerSource::Sheet(path, None),
            false => LedgerSource::Csv(path),
        }
    }
}

/// Reads the ledger of table `t` from `path` (CSV, a workbook's first sheet,
/// or `FILE!SHEET`). Returns the ledger and its warnings, or every diagnostic
/// when any is an error.
pub fn load(
    path: &str,
    fw: &Framework,
    t: usize,
    encoding: Encoding,
) -> Result<(Ledger, Vec<Diagnostic>), Vec<Diagnostic>> {
    match LedgerSource::parse(path) {
        LedgerSource::Sheet(book, sheet) => read_sheet(book, sheet, fw, t),
        LedgerSource::Csv(file) => {
            let text = input::open_text(file, encoding).map_err(|d| vec![d])?;
            let mut reader = LedgerReader::new(file, fw, t, false);
            let mut errors = Vec::new();
            each_record(file, text, |line, r| reader.record(line, r), &mut errors);
            reader.finish(errors)
        }
    }
}

/// Reads the ledger of table `t` from CSV text (`file` names it in messages).
pub fn parse(
    file: &str,
    text: &str,
    fw: &Framework,
    t: usize,
) -> Result<(Ledger, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut reader = LedgerReader::new(file, fw, t, false);
    let mut errors = Vec::new();
    let bytes = text.as_bytes();
    each_record(file, bytes, |line, r| reader.record(line, r), &mut errors);
    reader.finish(errors)
}

/// Reads the ledger of table `t` from the sheet named `sheet` of `book`.
pub fn load_sheet(
    book: &str,
    sheet: &str,
    fw: &Framework,
    t: usize,
) -> Result<(Ledger, Vec<Diagnostic>), Vec<Diagnostic>> {
    read_sheet(book, Some(sheet), fw, t)
}

fn read_sheet(
    book: &str,
    sheet: Option<&str>,
    fw: &Framework,
    t: usize,
) -> Result<(Ledger, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut sheet = xlsx_in::read_sheet(book, sheet)?;
    sheet.skip_to_header("provider");
    let mut reader = LedgerReader::new(book, fw, t, true);
    sheet.each_record(|row, record| reader.record(row, record));
    reader.ledger.sheet = Some(sheet.name.clone());
    reader.ledger.provider_col += sheet.first_col - 1;
    for v in &mut reader.ledger.validity {
        if v.1 > 0 {
            v.1 += sheet.first_col - 1;
        }
    }
    let locate = |ds: Vec<Diagnostic>| ds.into_iter().map(|d| sheet.locate(d)).collect();
    match reader.finish(Vec::new()) {
        Ok((ledger, warnings)) => Ok((ledger, locate(warnings))),
        Err(errors) => Err(locate(errors)),
    }
}

/// The names of a workbook's sheets (none when it cannot be opened).
pub(super) fn sheet_names(book: &str) -> Vec<String> {
    use calamine::Reader;
    calamine::open_workbook_auto(book)
        .map(|w| w.sheet_names())
        .unwrap_or_default()
}

/// Builds a [`Ledger`] from records as they stream in.
struct LedgerReader<'f> {
    table: Table<'f>,
    spec: &'f RecordTable,
    /// The CSV column of the provider and of each field, once the header is read.
    columns: Option<(usize, Vec<usize>)>,
    /// True when the header lacks a declared field (rows are then not read).
    broken: bool,
    /// Workbook cells: a date cell may carry a time of day.
    workbook: bool,
    ledger: Ledger,
    providers: FxHashMap<String, u32>,
}

impl<'f> LedgerReader<'f> {
    fn new(file: &'f str, fw: &'f Framework, t: usize, workbook: bool) -> Self {
        let spec = &fw.records[t];
        LedgerReader {
            table: Table::new(file),
            spec,
            columns: None,
            broken: false,
            workbook,
            ledger: Ledger {
                table: t,
                file: file.to_string(),
                sheet: None,
                providers: Vec::new(),
                provider_col: 1,
                rows: Vec::new(),
                values: Vec::new(),
                fields: spec.fields.len(),
                by_provider: Vec::new(),
                validity: spec.validity.map(|f| (f, 0)),
                expired: FxHashMap::default(),
            },
            providers: FxHashMap::default(),
        }
    }

    fn record(&mut self, line: usize, record: &crate::evidence::Record) {
        if !self.table.accept(line, record) {
            if self.columns.is_none() && !self.table.header.is_empty() {
                self.read_header(line);
            }
            return;
        }
        if self.broken {
            return;
        }
        // Taken out for the row and put back: no copy of the column list per row.
        let Some((p, cols)) = self.columns.take() else {
            return;
        };
        self.row(line, record, p, &cols);
        self.columns = Some((p, cols));
    }

    /// One data row, its columns known.
    fn row(&mut self, line: usize, record: &crate::evidence::Record, p: usize, cols: &[usize]) {
        let Some(id) = self.table.provider_id(line, p, record) else {
            return;
        };
        let provider = self.provider(id);
        let start = self.ledger.values.len();
        let mut ok = true;
        for (f, &c) in cols.iter().enumerate() {
            let text = record.get(c).unwrap_or("").trim();
            match self.parse(f, text) {
                Ok(value) => self.ledger.values.push(value),
                Err((message, help)) => {
                    self.table.error(line, c + 1, message).help = Some(help);
                    ok = false;
                }
            }
        }
        if ok && let Some(k) = self.spec.key {
            ok = self.check_key(line, cols[k] + 1, k, start);
        }
        if ok && let Some(message) = self.ledger.validity_error(start) {
            let col = self.ledger.validity[1].1;
            self.table.error(line, col, message).help =
                Some("a record is valid from its first day to its last: swap them?".into());
            ok = false;
        }
        if !ok {
            self.ledger.values.truncate(start);
            return;
        }
        let r = self.ledger.rows.len() as u32;
        self.ledger.rows.push(Row {
            line: line as u32,
            provider,
        });
        self.ledger.by_provider[provider as usize].push(r);
    }

    fn read_header(&mut self, line: usize) {
        let header = self.table.header.clone();
        let Some(p) = header.iter().position(|h| h == "provider") else {
            self.broken = true; // reported by the table
            return;
        };
        self.ledger.provider_col = p + 1;
        let mut cols = Vec::with_capacity(self.spec.fields.len());
        for (name, ty) in &self.spec.fields {
            match header.iter().position(|h| h == name) {
                Some(c) => cols.push(c),
                None => {
                    let message = format!(
                        "the ledger has no column `{name}` (a {} field of `{}`)",
                        ty.as_str(),
                        self.spec.id
                    );
                    let all: Vec<&str> = self.spec.fields.keys().map(String::as_str).collect();
                    self.table.error(line, 1, message).help =
                        Some(format!("the columns are: provider, {}", all.join(", ")));
                    self.broken = true;
                }
            }
        }
        for (c, h) in header.iter().enumerate() {
            if c != p && !self.spec.fields.contains_key(h) && !h.is_empty() {
                let message = format!(
                    "column `{h}` is not a field of `{}` and is ignored",
                    self.spec.id
                );
                self.table.warning(line, c + 1, message);
            }
        }
        for v in &mut self.ledger.validity {
            if let Some(f) = v.0 {
                v.1 = cols.get(f).map_or(0, |c| c + 1);
            }
        }
        self.columns = Some((p, cols));
    }

    fn provider(&mut self, id: &str) -> u32 {
        if let Some(&p) = self.providers.get(id) {
            return p;
        }
        let p = self.ledger.providers.len() as u32;
        self.providers.insert(id.to_string(), p);
        self.ledger.providers.push(id.to_string());
        self.ledger.by_provider.push(Vec::new());
        p
    }

    /// The typed value of field `f` from its (trimmed) text, or the error and its help.
    fn parse(&self, f: usize, text: &str) -> Result<Option<FieldValue>, (String, String)> {
        if text.is_empty() {
            return Ok(None);
        }
        let name = self.spec.field_name(f);
        let bad = |what: &str, help: &str| {
            Err((
                format!("`{text}` is not {what} (field `{name}`)"),
                help.to_string(),
            ))
        };
        Ok(Some(match self.spec.field_type(f) {
            FieldType::Text => FieldValue::Text(text.to_string()),
            FieldType::Number => match parse_number(text) {
                Some(n) => FieldValue::Number(n),
                None => return bad("a number", "write a number such as 1200 or 85%"),
            },
            FieldType::Boolean => match parse_bool(text) {
                Some(b) => FieldValue::Bool(b),
                None => {
                    return bad(
                        "a yes/no answer",
                        "write true/false, yes/no, 1/0, 是/否 or 有/无",
                    );
                }
            },
            FieldType::Date => {
                let parsed = match self.workbook {
                    true => Date::parse_cell(text),
                    false => Date::parse(text),
                };
                match parsed {
                    Ok(d) => FieldValue::Date(d),
                    Err(e) => return Err((format!("{e} (field `{name}`)"), DATE_HELP.to_string())),
                }
            }
        }))
    }

    /// Checks that the key of the row starting at `start` is given (that it is
    /// new for its provider is checked once every row is in: [`Self::duplicate_keys`]).
    fn check_key(&mut self, line: usize, col: usize, k: usize, start: usize) -> bool {
        if self.ledger.values[start + k].is_some() {
            return true;
        }
        let name = self.spec.field_name(k);
        self.table
            .error(line, col, format!("the key `{name}` is empty"))
            .help = Some(format!(
            "every row of `{}` needs its own `{name}`",
            self.spec.id
        ));
        false
    }

    /// Reports every row whose key its provider has already used, naming the
    /// line of the first. Each provider's rows are sorted by key, so no key
    /// is copied or hashed (with a map of every key, scoring from a
    /// million-row ledger took 3.3 s instead of 1.9 s).
    fn duplicate_keys(&mut self) {
        let (Some(k), Some((_, cols))) = (self.spec.key, &self.columns) else {
            return;
        };
        let (ledger, col, name) = (&self.ledger, cols[k] + 1, self.spec.field_name(k));
        let key = |r: u32| ledger.values[r as usize * ledger.fields + k].as_ref();
        let mut rows = Vec::new();
        for (p, of_p) in ledger.by_provider.iter().enumerate() {
            rows.clear();
            rows.extend(of_p.iter().filter_map(|&r| Some((key(r)?, ledger.line(r)))));
            rows.sort_by(|a, b| compare_keys(a.0, b.0).then(a.1.cmp(&b.1)));
            let mut first = 0;
            for i in 1..rows.len() {
                if compare_keys(rows[i].0, rows[first].0).is_ne() {
                    first = i;
                    continue;
                }
                let (id, (value, line)) = (&ledger.providers[p], rows[i]);
                let message = format!(
                    "duplicate `{name}` `{value}` for provider `{id}` (first at line {})",
                    rows[first].1
                );
                self.table.error(line, col, message).help = Some(
                    "a provider lists each item once; remove or correct one of the two rows".into(),
                );
            }
        }
    }

    fn finish(
        mut self,
        errors: Vec<Diagnostic>,
    ) -> Result<(Ledger, Vec<Diagnostic>), Vec<Diagnostic>> {
        self.duplicate_keys();
        self.table.finish();
        let mut diagnostics = self.table.diagnostics;
        // A ledger may be empty (nobody has a project yet): worth a warning only.
        for d in &mut diagnostics {
            if d.message == crate::evidence::NO_DATA_ROWS {
                *d =
                    Diagnostic::warning(&d.file, d.location, "the ledger has a header but no rows");
            }
        }
        diagnostics.extend(errors);
        diag::sort(&mut diagnostics);
        if diag::has_errors(&diagnostics) {
            Err(diagnostics)
        } else {
            Ok((self.ledger, diagnostics))
        }
    }
}

/// The order of two key values of one field (so of one type): numbers by
/// value, text and dates as written, `false` before `true`.
fn compare_keys(a: &FieldValue, b: &FieldValue) -> std::cmp::Ordering {
    use FieldValue::{Bool, Date, Number, Text};
    match (a, b) {
        (Number(x), Number(y)) => x.total_cmp(y),
        (Text(x), Text(y)) => x.cmp(y),
        (Date(x), Date(y)) => x.cmp(y),
        (Bool(x), Bool(y)) => x.cmp(y),
        // One field has one type; across types, by the text people read.
        _ => a.to_string().cmp(&b.to_string()),
    }
}
