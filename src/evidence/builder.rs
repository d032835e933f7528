//! Builds [`Evidence`] from CSV records as they stream in.

use std::collections::HashMap;

use rayon::prelude::*;

use super::index::same_id;
use super::table::Table;
use super::{Evidence, Layout, ProviderEvidence, clean, validity};
use crate::diag::{self, Diagnostic, Location};
use crate::framework::Framework;

/// The columns that matter, once the header is known.
enum Columns {
    /// Not known yet, or unusable (no `provider` column).
    Unknown,
    /// Long format.
    Long {
        provider: usize,
        indicator: usize,
        value: usize,
        source: Option<usize>,
        validity: validity::Columns,
    },
    /// Wide format: (column, indicator) pairs and the attribute columns.
    Wide {
        provider: usize,
        indicators: Vec<(usize, usize)>,
        attributes: Vec<usize>,
    },
}

/// Streams records into an [`Evidence`].
pub struct Builder<'f> {
    fw: &'f Framework,
    table: Table<'f>,
    columns: Columns,
    evidence: Evidence,
    /// Provider id → index (positions only: the ids are in the evidence's providers).
    index: super::index::IdTable,
    /// The attributes of a provider without any: one empty map, shared.
    no_attributes: super::AttributeMap,
    last_provider: usize,
    /// The provider field of the last long row whose id was accepted, as written.
    last_raw_id: String,
    /// Whether that id needed no cleaning (no surrounding spaces).
    last_raw_clean: bool,
    last_indicator: usize,
    /// The header record and its line, once read.
    header: Option<(usize, super::OwnedRecord)>,
    /// For each indicator, the one that followed it in the previous rows.
    next_indicator: Vec<usize>,
    /// Expert panel rows (§8).
    experts: super::expert::Experts,
}

impl<'f> Builder<'f> {
    /// Starts reading `file` against `fw`.
    pub fn new(file: &'f str, fw: &'f Framework) -> Self {
        let evidence = Evidence {
            file: file.to_string(),
            layout: Layout::Long,
            providers: Vec::new(),
            store: super::store::Store::new(fw.indicators.len()),
            columns: vec![0; fw.indicators.len()],
            sources: HashMap::new(),
            index: Default::default(),
            validity: Default::default(),
            panels: Default::default(),
            amendments: Default::default(),
        };
        Builder {
            fw,
            table: Table::new(file),
            columns: Columns::Unknown,
            evidence,
            index: Default::default(),
            no_attributes: Default::default(),
            last_provider: usize::MAX,
            last_raw_id: String::new(),
            last_raw_clean: false,
            last_indicator: 0,
            header: None,
            next_indicator: vec![0; fw.indicators.len()],
            experts: Default::default(),
        }
    }

    /// Takes one CSV record.
    pub fn record(&mut self, line: usize, record: &super::Record) {
        let had_header = !self.table.header.is_empty();
        let is_row = self.table.accept(line, record);
        if !had_header && !self.table.header.is_empty() {
            self.header = Some((line, record.to_owned_record()));
            self.read_header(line);
        }
        if is_row {
            match &self.columns {
                // A few words, copied: the hot path of long files.
                &Columns::Long {
                    provider,
                    indicator,
                    value,
                    source,
                    validity,
                } => {
                    let columns = (provider, indicator, value, source, validity);
                    self.long_row(line, record, columns);
                }
                Columns::Wide { .. } => {
                    // Set once from the header; lent out for the row.
                    let columns = std::mem::replace(&mut self.columns, Columns::Unknown);
                    self.wide_row(line, record, &columns);
                    self.columns = columns;
                }
                Columns::Unknown => {}
            }
        }
    }

    fn read_header(&mut self, line: usize) {
        let t = &self.table;
        let Some(provider) = t.column("provider") else {
            return;
        };
        if let (Some(indicator), Some(value)) = (t.column("indicator"), t.column("value")) {
            let source = t.column("source");
            let expert = t.column("expert");
            let unused: Vec<(usize, String)> = t
                .header
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    !matches!(
                        h.as_str(),
                        "provider" | "indicator" | "value" | "source" | "note" | "expert"
                    ) && !validity::NAMES.contains(&h.as_str())
                })
                .map(|(i, h)| (i, h.clone()))
                .collect();
            for (i, name) in unused {
                self.table.warning(
                    line,
                    i + 1,
                    format!("column `{name}` is not used in long format and is ignored"),
                );
            }
            self.evidence
                .columns
                .iter_mut()
                .for_each(|c| *c = value as u32 + 1);
            let validity = validity::Columns::find(&self.table);
            self.evidence.validity.set_columns(validity);
            self.experts.set_columns(expert, value);
            self.columns = Columns::Long {
                provider,
                indicator,
                value,
                source,
                validity,
            };
            return;
        }
        let mut indicators = Vec::new();
        let mut attributes = Vec::new();
        for (c, name) in t.header.iter().enumerate().filter(|(c, _)| *c != provider) {
            match self.fw.indicator_index(name) {
                Some(k) => indicators.push((c, k)),
                None => attributes.push(c),
            }
        }
        for (c, message) in
            super::lookalike::lookalike_columns(self.fw, &t.header, &attributes, &indicators)
        {
            self.table.warning(line, c + 1, message);
        }
        if indicators.is_empty() {
            self.table.error(line, 1, "no column of the header is an indicator of this framework").help =
                Some("long format needs `indicator` and `value` columns; wide format names indicator ids in the header".into());
        }
        for &(c, k) in &indicators {
            self.evidence.columns[k] = c as u32 + 1;
        }
        self.evidence.layout = Layout::Wide;
        self.columns = Columns::Wide {
            provider,
            indicators,
            attributes,
        };
    }

    /// The index of provider `id`, adding it when new.
    fn provider(&mut self, id: &str, line: usize) -> (usize, bool) {
        if let Some(p) = self
            .evidence
            .providers
            .get(self.last_provider)
            .filter(|p| p.id == id)
            .map(|_| self.last_provider)
        {
            return (p, false);
        }
        let (p, new) = match self.index.get(&self.evidence.providers, id) {
            Some(p) => (p, false),
            None => {
                let p = self.evidence.providers.len();
                self.evidence.providers.push(ProviderEvidence {
                    id: id.to_string(),
                    line,
                    attributes: self.no_attributes.clone(),
                });
                self.index.insert(&self.evidence.providers, p);
                self.evidence.store.push(line);
                (p, true)
            }
        };
        self.last_provider = p;
        (p, new)
    }

    /// The index of indicator `id`. Long files repeat the same order of
    /// indicators for every provider, so the one that followed the previous
    /// indicator last time is tried before the hash map.
    /// (`field` as read: an id has no surrounding spaces, so a field equal
    /// to the guess needs no cleaning.)
    fn indicator(&mut self, field: &str) -> Option<usize> {
        let guess = self
            .next_indicator
            .get(self.last_indicator)
            .copied()
            .unwrap_or(0);
        let k = match self.fw.indicators.get(guess) {
            Some(ind) if same_id(&ind.id, field) => Some(guess),
            _ => self.fw.indicator_index(clean(field)),
        };
        if let Some(k) = k {
            if let Some(next) = self.next_indicator.get_mut(self.last_indicator) {
                *next = k;
            }
            self.last_indicator = k;
        }
        k
    }

    /// One row of a long file, given its (provider, indicator, value,
    /// source, validity) columns.
    fn long_row(
        &mut self,
        line: usize,
        record: &super::Record,
        columns: (usize, usize, usize, Option<usize>, validity::Columns),
    ) {
        let (provider, indicator, value, source, validity) = columns;
        // A provider's rows usually follow one another: the same id as the
        // row before was checked then.
        let raw = record.get(provider).unwrap_or("");
        let (p, id) = if !raw.is_empty() && same_id(raw, &self.last_raw_id) {
            let id = if self.last_raw_clean { raw } else { clean(raw) };
            (self.last_provider, id)
        } else {
            let Some(id) = self.table.provider_id(line, provider, record) else {
                return;
            };
            self.last_raw_id.clear();
            self.last_raw_id.push_str(raw);
            self.last_raw_clean = id.len() == raw.len();
            (self.provider(id, line).0, id)
        };
        let name = record.get(indicator).unwrap_or("");
        let Some(k) = self.indicator(name) else {
            let name = clean(name);
            self.table.warning(
                line,
                indicator + 1,
                format!("unknown indicator `{name}`; the row is ignored"),
            );
            return;
        };
        if self
            .experts
            .row(&mut self.table, self.fw, (line, p, k), id, record)
        {
            return;
        }
        if let Err(first) = self.evidence.store.set_first_line(p, k, line as u32) {
            self.duplicate_value(line, indicator + 1, id, k, first);
            return;
        }
        self.set_cell(
            p,
            k,
            clean(record.get(value).unwrap_or("")),
            Location {
                line,
                col: value + 1,
            },
        );
        if let Some(s) = source
            .and_then(|c| record.get(c))
            .map(clean)
            .filter(|s| !s.is_empty())
        {
            self.evidence.sources.insert((p as u32, k as u32), s.into());
        }
        let v = &mut self.evidence.validity;
        validity::read_row(&mut self.table, v, validity, (p, k), line, record);
    }

    fn wide_row(&mut self, line: usize, record: &super::Record, columns: &Columns) {
        let Columns::Wide {
            provider,
            indicators,
            attributes,
        } = columns
        else {
            return;
        };
        let provider = *provider;
        let Some(id) = self.table.provider_id(line, provider, record) else {
            return;
        };
        let (p, new) = self.provider(id, line);
        if !new {
            let first = self.evidence.providers[p].line;
            self.table.error(
                line,
                provider + 1,
                format!("duplicate row for provider `{id}` (first at line {first})"),
            );
            return;
        }
        for &(c, k) in indicators {
            self.evidence.store.set_line(p, k, line as u32);
            self.set_cell(
                p,
                k,
                clean(record.get(c).unwrap_or("")),
                Location { line, col: c + 1 },
            );
        }
        let attrs = std::sync::Arc::make_mut(&mut self.evidence.providers[p].attributes);
        for &c in attributes {
            attrs.insert(
                self.table.names[c].clone(),
                clean(record.get(c).unwrap_or("")).to_string(),
            );
        }
    }

    fn set_cell(&mut self, p: usize, k: usize, raw: &str, at: Location) {
        let indicator = &self.fw.indicators[k];
        if indicator.panel.is_some() && !raw.is_empty() {
            let message = format!(
                "indicator `{}` is scored by a panel: give each expert's score in long format with an `expert` column",
                indicator.id
            );
            self.table.error(at.line, at.col, message);
            return;
        }
        // Nearly every value is a plain number: packed from its digits.
        if indicator.rule.is_numeric()
            && let Some(d) = crate::rule::decimal(raw)
            && self.evidence.store.set_decimal(p, k, d)
        {
            return;
        }
        match super::fullwidth::parse_cell(&indicator.rule, raw) {
            Ok((cell, warning)) => {
                self.evidence.store.set(p, k, &cell);
                if let Some(warning) = warning {
                    let message = format!("{warning} (indicator `{}`)", indicator.id);
                    self.table.warning(at.line, at.col, message);
                }
            }
            Err(message) => {
                let help = format!(
                    "`{}` is scored as `{}`",
                    indicator.id,
                    indicator.rule.kind()
                );
                self.table
                    .error(
                        at.line,
                        at.col,
                        format!("{message} (indicator `{}`)", indicator.id),
                    )
                    .help = Some(help);
            }
        }
    }

    /// The header record and its line, once the header has been read.
    pub fn header(&self) -> Option<(usize, super::OwnedRecord)> {
        self.header.clone()
    }

    /// Takes the header of a file whose later part this builder reads; what
    /// the header itself is wrong with is reported by the builder of the start.
    pub fn adopt_header(&mut self, line: usize, record: &super::Record) {
        let reported = self.table.diagnostics.len();
        self.record(line, record);
        self.table.diagnostics.truncate(reported);
    }

    /// Joins what a builder of the later part of the same file found: new
    /// providers are appended, values for known providers are merged, and a
    /// value (or, in wide format, a row) given in both parts is a duplicate.
    pub fn absorb(&mut self, other: Builder) {
        self.table.absorb(other.table);
        let other_experts = other.experts;
        let Evidence {
            providers,
            store,
            mut sources,
            validity: mut windows,
            ..
        } = other.evidence;
        // Where each provider of the later part went, when it was moved in whole.
        let mut moved: Vec<Option<usize>> = vec![None; providers.len()];
        let mut target = Vec::with_capacity(providers.len());
        // Which of them the earlier part has: looked up on every core (each
        // lookup is a miss in a large table), then joined in order.
        let known: Vec<Option<usize>> = {
            let (index, mine) = (&self.index, &self.evidence.providers);
            let lookup = |provider: &ProviderEvidence| index.get(mine, &provider.id);
            providers.par_iter().map(lookup).collect()
        };
        self.evidence.providers.reserve(providers.len());
        self.evidence.store.reserve(providers.len());
        for ((q, provider), known) in providers.into_iter().enumerate().zip(known) {
            let Some(p) = known else {
                // A provider first seen in the later part: move its row in whole.
                // (No index entry: ids are unique within a part, and nothing
                // is looked up after the parts are joined.)
                let p = self.evidence.providers.len();
                target.push(p);
                self.evidence.store.push_from(&store, q, provider.line);
                self.evidence.providers.push(provider);
                moved[q] = Some(p);
                continue;
            };
            target.push(p);
            let given = |k: usize| self.evidence.store.line(p, k) != 0;
            if let Columns::Wide {
                provider: column, ..
            } = self.columns
                && (0..self.fw.indicators.len()).any(given)
            {
                let first = self.evidence.providers[p].line;
                let message = format!(
                    "duplicate row for provider `{}` (first at line {first})",
                    provider.id
                );
                self.table.error(provider.line, column + 1, message);
                continue;
            }
            for k in 0..self.fw.indicators.len() {
                let line = store.line(q, k);
                if line == 0 {
                    continue;
                }
                let first = self.evidence.store.line(p, k);
                if first != 0 {
                    let column = match self.columns {
                        Columns::Long { indicator, .. } => indicator + 1,
                        _ => 1,
                    };
                    self.duplicate_value(line as usize, column, &provider.id, k, first);
                    continue;
                }
                self.evidence.store.set(p, k, &store.get(q, k));
                self.evidence.store.set_line(p, k, line);
                if let Some(source) = sources.remove(&(q as u32, k as u32)) {
                    self.evidence.sources.insert((p as u32, k as u32), source);
                }
                self.evidence.validity.absorb(&mut windows, q, p, k);
            }
        }
        for ((q, k), source) in sources {
            if let Some(p) = moved[q as usize] {
                self.evidence.sources.insert((p as u32, k), source);
            }
        }
        self.evidence.validity.absorb_moved(windows, &moved);
        let providers = &self.evidence.providers;
        (self.experts).absorb(other_experts, &target, self.fw, &mut self.table, providers);
    }

    fn duplicate_value(&mut self, line: usize, column: usize, id: &str, k: usize, first: u32) {
        let name = &self.fw.indicators[k].id;
        let message = format!(
            "duplicate value for provider `{id}`, indicator `{name}` (first at line {first})"
        );
        self.table.error(line, column, message).help =
            Some("keep one row per provider and indicator".into());
    }

    /// The evidence and its warnings, or every diagnostic when any is an error.
    pub fn finish(
        mut self,
        errors: Vec<Diagnostic>,
    ) -> Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>> {
        self.table.finish();
        let mut diagnostics = self.table.diagnostics;
        self.experts.finish(&mut self.evidence, self.fw);
        diagnostics.extend(errors);
        diag::sort(&mut diagnostics);
        if diag::has_errors(&diagnostics) {
            Err(diagnostics)
        } else {
            Ok((self.evidence, diagnostics))
        }
    }
}
