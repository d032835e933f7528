//! Evidence: what providers declared, read from long or wide CSV.
//!
//! Every value is parsed against its indicator's rule while reading, so a bad
//! cell is reported with its file, line and column, and all of them are
//! reported in one run.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::diag::{self, Diagnostic, Location};
use crate::framework::Framework;
use crate::input::{self, Encoding};
use crate::rule::Cell;

/// The shape of an evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `provider,indicator,value[,source][,note]`: one row per value.
    Long,
    /// `provider,<indicator ids…>,<attributes…>`: one row per provider.
    Wide,
}

/// One value a provider declared.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The parsed cell.
    pub cell: Cell,
    /// The cell as written (trimmed).
    pub raw: String,
    /// The `source` column (long format), e.g. a document number.
    pub source: Option<String>,
    /// Where the value is.
    pub location: Location,
}

/// Everything known about one provider.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderEvidence {
    /// The provider id.
    pub id: String,
    /// The line of its first row.
    pub line: usize,
    /// Attributes such as `name` and `region`.
    pub attributes: IndexMap<String, String>,
    /// One slot per framework indicator (`None`: no row for it).
    pub entries: Vec<Option<Entry>>,
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
}

impl Evidence {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&ProviderEvidence> {
        self.providers.iter().find(|p| p.id == id)
    }
}

/// Reads an evidence file (`-` for stdin). Returns the evidence and its warnings,
/// or every diagnostic when any is an error.
pub fn load(
    path: &str,
    fw: &Framework,
    encoding: Encoding,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let bytes = input::read_bytes(path).map_err(|d| vec![d])?;
    let text = input::decode(path, &bytes, encoding).map_err(|d| vec![d])?;
    parse(path, &text, fw)
}

/// Parses evidence text.
pub fn parse(
    file: &str,
    text: &str,
    fw: &Framework,
) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut reader = Reader::new(file);
    let table = reader.table(text);
    let evidence = table.and_then(|t| reader.evidence(t, fw));
    let mut diagnostics = reader.diagnostics;
    diag::sort(&mut diagnostics);
    match evidence {
        Some(e) if !diag::has_errors(&diagnostics) => Ok((e, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// A CSV file as a header and rows of trimmed fields, each with its line.
struct Table {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

struct Reader<'f> {
    file: &'f str,
    diagnostics: Vec<Diagnostic>,
}

impl<'f> Reader<'f> {
    fn new(file: &'f str) -> Self {
        Reader {
            file,
            diagnostics: Vec::new(),
        }
    }

    fn error(&mut self, line: usize, col: usize, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(self.file, Some(Location { line, col }), message);
        self.diagnostics.push(d);
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    fn warning(&mut self, line: usize, col: usize, message: impl Into<String>) {
        let d = Diagnostic::warning(self.file, Some(Location { line, col }), message);
        self.diagnostics.push(d);
    }

    /// Splits the text into a checked header and rows; ragged rows are errors.
    fn table(&mut self, text: &str) -> Option<Table> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for result in csv.records() {
            let record = match result {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    self.error(line, 1, format!("unreadable CSV: {e}"));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as usize);
            let fields: Vec<String> = record
                .iter()
                .map(|f| {
                    f.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
                        .to_string()
                })
                .collect();
            if fields.iter().all(String::is_empty) {
                continue;
            }
            match &header {
                None => header = Some(self.check_header(line, fields)),
                Some(h) if fields.len() != h.len() => {
                    let col = fields.len().min(h.len()) + 1;
                    self.error(line, col, format!("this row has {} fields but the header has {}", fields.len(), h.len()))
                        .help = Some("every row needs one field per header column; quote fields that contain commas".into());
                }
                Some(_) => rows.push((line, fields)),
            }
        }
        let Some(header) = header else {
            self.error(1, 1, "the file is empty; expected a header row").help =
                Some("long format: provider,indicator,value[,source]; wide format: provider,<indicator ids>".into());
            return None;
        };
        if rows.is_empty() && !diag::has_errors(&self.diagnostics) {
            self.error(1, 1, "the file has a header but no data rows");
        }
        Some(Table { header, rows })
    }

    fn check_header(&mut self, line: usize, header: Vec<String>) -> Vec<String> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            if name.is_empty() {
                self.error(line, i + 1, "empty column name in the header");
            } else if let Some(first) = seen.insert(name, i) {
                self.error(
                    line,
                    i + 1,
                    format!("duplicate column `{name}` (also column {})", first + 1),
                );
            }
        }
        if !header.iter().any(|h| h == "provider") {
            self.error(line, 1, "the header has no `provider` column")
                .help = Some("name the provider-id column exactly `provider`".into());
        }
        header
    }

    fn evidence(&mut self, table: Table, fw: &Framework) -> Option<Evidence> {
        table.column("provider")?;
        let long = table.column("indicator").is_some() && table.column("value").is_some();
        let providers = if long {
            self.long(&table, fw)
        } else {
            self.wide(&table, fw)
        };
        Some(Evidence {
            file: self.file.to_string(),
            layout: if long { Layout::Long } else { Layout::Wide },
            providers,
        })
    }

    /// The provider id of a row, or an error when it is empty.
    fn provider_id<'r>(&mut self, line: usize, col: usize, row: &'r [String]) -> Option<&'r str> {
        let id = row[col].as_str();
        if id.is_empty() {
            self.error(line, col + 1, "empty provider id");
            return None;
        }
        Some(id)
    }

    fn long(&mut self, table: &Table, fw: &Framework) -> Vec<ProviderEvidence> {
        let col = |name| table.column(name);
        let (p_col, i_col, v_col) = (
            col("provider").unwrap_or(0),
            col("indicator").unwrap_or(0),
            col("value").unwrap_or(0),
        );
        let s_col = col("source");
        for (i, name) in table.header.iter().enumerate() {
            if !matches!(
                name.as_str(),
                "provider" | "indicator" | "value" | "source" | "note"
            ) {
                self.warning(
                    1,
                    i + 1,
                    format!("column `{name}` is not used in long format and is ignored"),
                );
            }
        }
        let mut providers: IndexMap<String, ProviderEvidence> = IndexMap::new();
        for (line, row) in &table.rows {
            let line = *line;
            let Some(id) = self.provider_id(line, p_col, row) else {
                continue;
            };
            let provider = providers
                .entry(id.to_string())
                .or_insert_with(|| new_provider(id, line, fw));
            let indicator = row[i_col].as_str();
            let Some(k) = fw.indicator_index(indicator) else {
                let message = format!("unknown indicator `{indicator}`; the row is ignored");
                self.warning(line, i_col + 1, message);
                continue;
            };
            if let Some(previous) = &provider.entries[k] {
                let first = previous.location.line;
                self.error(line, i_col + 1, format!("duplicate value for provider `{id}`, indicator `{indicator}` (first at line {first})"))
                    .help = Some("keep one row per provider and indicator".into());
                continue;
            }
            let source = s_col.map(|c| row[c].clone()).filter(|s| !s.is_empty());
            let location = Location {
                line,
                col: v_col + 1,
            };
            provider.entries[k] = self.entry(&row[v_col], fw, k, location, source);
        }
        providers.into_values().collect()
    }

    fn wide(&mut self, table: &Table, fw: &Framework) -> Vec<ProviderEvidence> {
        let p_col = table.column("provider").unwrap_or(0);
        let indicator_cols: Vec<(usize, usize)> = table
            .header
            .iter()
            .enumerate()
            .filter_map(|(c, name)| fw.indicator_index(name).map(|k| (c, k)))
            .collect();
        if indicator_cols.is_empty() {
            self.error(1, 1, "no column of the header is an indicator of this framework").help =
                Some("long format needs `indicator` and `value` columns; wide format names indicator ids in the header".into());
        }
        let mut providers: IndexMap<String, ProviderEvidence> = IndexMap::new();
        for (line, row) in &table.rows {
            let line = *line;
            let Some(id) = self.provider_id(line, p_col, row) else {
                continue;
            };
            if let Some(first) = providers.get(id) {
                let first = first.line;
                self.error(
                    line,
                    p_col + 1,
                    format!("duplicate row for provider `{id}` (first at line {first})"),
                );
                continue;
            }
            let mut provider = new_provider(id, line, fw);
            for &(c, k) in &indicator_cols {
                provider.entries[k] =
                    self.entry(&row[c], fw, k, Location { line, col: c + 1 }, None);
            }
            for (c, name) in table.header.iter().enumerate() {
                if c != p_col && fw.indicator_index(name).is_none() {
                    provider.attributes.insert(name.clone(), row[c].clone());
                }
            }
            providers.insert(id.to_string(), provider);
        }
        providers.into_values().collect()
    }

    fn entry(
        &mut self,
        raw: &str,
        fw: &Framework,
        k: usize,
        location: Location,
        source: Option<String>,
    ) -> Option<Entry> {
        let indicator = &fw.indicators[k];
        match indicator.rule.parse_cell(raw) {
            Ok(cell) => Some(Entry {
                cell,
                raw: raw.to_string(),
                source,
                location,
            }),
            Err(message) => {
                let d = self.error(
                    location.line,
                    location.col,
                    format!("{message} (indicator `{}`)", indicator.id),
                );
                d.help = Some(format!(
                    "`{}` is scored as `{}`",
                    indicator.id,
                    indicator.rule.kind()
                ));
                None
            }
        }
    }
}

fn new_provider(id: &str, line: usize, fw: &Framework) -> ProviderEvidence {
    ProviderEvidence {
        id: id.to_string(),
        line,
        attributes: IndexMap::new(),
        entries: vec![None; fw.indicators.len()],
    }
}

/// Attributes per provider from a `--providers` file.
pub type Attributes = IndexMap<String, IndexMap<String, String>>;

/// Reads a `--providers` file: `provider` plus attribute columns.
pub fn load_attributes(path: &str, encoding: Encoding) -> Result<Attributes, Vec<Diagnostic>> {
    let bytes = input::read_bytes(path).map_err(|d| vec![d])?;
    let text = input::decode(path, &bytes, encoding).map_err(|d| vec![d])?;
    let mut reader = Reader::new(path);
    let mut out = Attributes::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    if let Some(table) = reader.table(&text) {
        let p_col = table.column("provider");
        for (line, row) in table.rows.iter().filter(|_| p_col.is_some()) {
            let p = p_col.unwrap_or(0);
            let Some(id) = reader.provider_id(*line, p, row) else {
                continue;
            };
            if let Some(first) = lines.insert(id.to_string(), *line) {
                reader.error(
                    *line,
                    p + 1,
                    format!("duplicate row for provider `{id}` (first at line {first})"),
                );
                continue;
            }
            let attrs = table
                .header
                .iter()
                .zip(row)
                .enumerate()
                .filter(|(c, _)| *c != p)
                .map(|(_, (h, v))| (h.clone(), v.clone()))
                .collect();
            out.insert(id.to_string(), attrs);
        }
    }
    let mut diagnostics = reader.diagnostics;
    diag::sort(&mut diagnostics);
    if diag::has_errors(&diagnostics) {
        Err(diagnostics)
    } else {
        Ok(out)
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
    for id in attributes
        .keys()
        .filter(|id| evidence.provider(id).is_none())
    {
        warnings.push(Diagnostic::warning(
            providers_file,
            None,
            format!("provider `{id}` has no evidence and is not scored"),
        ));
    }
    warnings
}
