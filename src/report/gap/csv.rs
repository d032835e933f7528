//! The CSV of `gap` (SPEC §5): one row per unmet condition and opportunity.
//!
//! The row order is written once ([`rows`]) for two sinks: the [`Grid`] of a
//! workbook sheet, and the CSV text, which is the hot path of `gap --format
//! csv` (about 30 rows a provider): there each cell goes straight into the
//! chunk's text through [`Cells`], numbers formatted in place, with no string
//! per cell.

use crate::framework::Framework;
use crate::gap::{Gap, Opportunity, UnmetKind};
use crate::report::grid::{Cells, CsvText, Grid, WholeRow};
use crate::report::html::stream::write_chunks_in_order;
use crate::report::{in_order, required};
use crate::rule::Value;
use crate::score::Scores;

/// The exact CSV columns of SPEC §5.
pub const CSV_COLUMNS: [&str; 10] = [
    "provider",
    "current_tier",
    "target_tier",
    "kind",
    "item",
    "current",
    "required",
    "shortfall",
    "points_available",
    "value_needed",
];

/// A value in a CSV or table cell: numbers with 2 decimals.
pub fn value_cell(v: Option<&Value>) -> String {
    let mut cell = String::new();
    value(&mut cell, v);
    cell
}

/// [`value_cell`] appended to `out`.
pub fn value_into(v: Option<&Value>, out: &mut String) {
    value(out, v);
}

/// One row per unmet condition (vetoes, then the required items to supply,
/// then the target's conditions), then one per opportunity, provider by provider.
pub fn csv_grid(fw: &Framework, scores: &Scores, gaps: &[Gap]) -> Grid {
    let mut sink = GridRows::default();
    for (i, title) in CSV_COLUMNS.iter().enumerate() {
        sink.grid.column(*title, i >= 5);
    }
    for gap in gaps {
        rows(fw, scores, gap, &mut sink);
    }
    sink.grid
}

/// Writes the CSV of the gaps of `items` to `out`: the header, then the rows
/// of the gaps that `gaps_of(chunk, take)` hands to `take` for each chunk of
/// items, chunks formatted on every core a batch at a time and written in
/// order, each batch while the next is made.
pub fn write<T: Sync>(
    fw: &Framework,
    scores: &Scores,
    items: &[T],
    gaps_of: &(impl Fn(&[T], &mut dyn FnMut(&[Gap])) + Sync),
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut header = CsvText::new();
    header.row(&CSV_COLUMNS);
    out.write_all(header.finish().as_bytes())?;
    let opportunities: Vec<String> = fw
        .indicators
        .iter()
        .map(|i| format!(",{},", encoded(&["opportunity", &i.id])))
        .collect();
    let render = |buffer: &mut String, chunk: std::ops::Range<usize>| {
        let mut sink = TextRows {
            text: CsvText::new(),
            lead: CsvText::new(),
            opportunities: &opportunities,
        };
        gaps_of(&items[chunk], &mut |gaps| {
            // About 56 bytes a row (a provider's rows are its conditions and opportunities).
            let rows_about: usize = gaps
                .iter()
                .map(|g| g.unmet.len() + g.opportunities.len() + 1)
                .sum();
            sink.text.reserve(rows_about * 64);
            for gap in gaps {
                rows(fw, scores, gap, &mut sink);
            }
        });
        *buffer = sink.text.finish();
    };
    write_chunks_in_order(out, items.len(), in_order::CHUNK, render)
}

/// Where the rows of [`rows`] go.
trait Rows {
    /// Where a row's cells are written.
    type Row: Cells;
    /// Starts a provider: `lead` (its id, tier and target tier) opens each of its rows.
    fn provider(&mut self, lead: [&str; 3]);
    /// Starts a row: the lead cells, `kind` and `item`.
    fn start(&mut self, kind: &str, item: &str) -> &mut Self::Row;
    /// Writes the row of opportunity `o` (whose indicator's id is `id`):
    /// its value, two empty cells, the points available, the value needed.
    fn opportunity(&mut self, o: &Opportunity, id: &str) {
        let row = self.start("opportunity", id);
        value(row, o.value.as_ref());
        row.empty();
        row.empty();
        row.fmt2(o.points_available);
        value(row, o.value_needed.as_ref());
        self.end();
    }
    /// Ends the row.
    fn end(&mut self);
}

/// Rows as CSV text: the cells that open many rows (a provider's lead, an
/// opportunity's kind and indicator) are encoded once, then copied.
struct TextRows<'f> {
    text: CsvText,
    /// The provider's lead cells as CSV (one buffer for every provider).
    lead: CsvText,
    /// Per indicator, `,opportunity,<id>,` as CSV: what follows the lead
    /// in its opportunity rows, up to the value.
    opportunities: &'f [String],
}

/// `cells` as CSV, without a row end.
fn encoded(cells: &[&str]) -> String {
    let mut text = CsvText::new();
    cells.iter().for_each(|c| text.cell(c));
    text.finish()
}

impl Rows for TextRows<'_> {
    type Row = CsvText;
    fn provider(&mut self, lead: [&str; 3]) {
        self.lead.clear();
        lead.iter().for_each(|c| self.lead.cell(c));
    }
    fn start(&mut self, kind: &str, item: &str) -> &mut CsvText {
        self.text.encoded(self.lead.as_str(), 3);
        self.text.cell(kind);
        self.text.cell(item);
        &mut self.text
    }
    /// The hot row of `gap --format csv` (20 to 30 a provider), written
    /// whole: the lead and `,opportunity,<id>,` copied, the commas of the
    /// empty cells with them, no cell counted.
    fn opportunity(&mut self, o: &Opportunity, _id: &str) {
        let (lead, opportunity) = (self.lead.as_str(), &self.opportunities[o.indicator]);
        self.text.whole_row(|row| {
            row.raw(lead);
            row.raw(opportunity);
            value_text(row, o.value.as_ref());
            row.raw(",,,");
            row.fmt2(o.points_available);
            row.raw(",");
            value_text(row, o.value_needed.as_ref());
        });
    }
    fn end(&mut self) {
        self.text.end_row();
    }
}

/// Rows into a [`Grid`], every cell a string.
#[derive(Default)]
struct GridRows {
    grid: Grid,
    lead: Vec<String>,
    row: Vec<String>,
}

impl Rows for GridRows {
    type Row = Vec<String>;
    fn provider(&mut self, lead: [&str; 3]) {
        self.lead = lead.map(str::to_string).to_vec();
    }
    fn start(&mut self, kind: &str, item: &str) -> &mut Vec<String> {
        self.row.clone_from(&self.lead);
        self.row.extend([kind.to_string(), item.to_string()]);
        &mut self.row
    }
    fn end(&mut self) {
        self.grid.rows.push(std::mem::take(&mut self.row));
    }
}

/// Writes the rows of one provider's gap, in the order of [`csv_grid`].
fn rows<R: Rows>(fw: &Framework, scores: &Scores, gap: &Gap, out: &mut R) {
    let target = gap.target.map_or("", |t| fw.tiers[t].id.as_str());
    let lead = [
        scores.providers[gap.provider].provider.as_str(),
        gap.current.id(fw),
        target,
    ];
    out.provider(lead);
    // The rarer rows (required items, expiring values) come owned, with the lead cells.
    let owned_rows = |out: &mut R, rows: Vec<Vec<String>>| {
        for cells in rows {
            let Some([kind, item, rest @ ..]) = cells.get(lead.len()..) else {
                continue;
            };
            let row = out.start(kind, item);
            rest.iter().for_each(|c| row.cell(c));
            out.end();
        }
    };
    let lead_owned = || lead.map(str::to_string);
    let vetoes = gap
        .unmet
        .iter()
        .take_while(|u| u.kind == UnmetKind::Veto)
        .count();
    let required_rows = |out: &mut R| {
        if !gap.incomplete.is_empty() {
            owned_rows(out, required::csv_rows(fw, &lead_owned(), &gap.incomplete));
        }
    };
    for (i, u) in gap.unmet.iter().enumerate() {
        if i == vetoes {
            required_rows(out);
        }
        let row = out.start(u.kind.as_str(), u.item.id(fw));
        value(row, u.current.as_ref());
        value(row, u.required.as_ref());
        match u.shortfall {
            Some(n) => row.fmt2(n),
            None => row.empty(),
        }
        row.empty();
        row.empty();
        out.end();
    }
    if vetoes == gap.unmet.len() {
        required_rows(out);
    }
    if let Some(soon) = &gap.expiring {
        owned_rows(out, required::expiring_rows(fw, &lead_owned(), soon));
    }
    for o in &gap.opportunities {
        out.opportunity(o, &fw.indicators[o.indicator].id);
    }
}

/// A value cell as [`value_cell`] writes it.
fn value(row: &mut impl Cells, v: Option<&Value>) {
    match v {
        None => row.empty(),
        Some(Value::Number(n)) => row.fmt2(*n),
        Some(Value::Bool(b)) => row.cell(if *b { "true" } else { "false" }),
        Some(Value::Label(l)) => row.cell(l),
    }
}

/// A value cell's text as [`value`] writes it, onto a row written whole.
fn value_text(row: &mut WholeRow, v: Option<&Value>) {
    match v {
        None => {}
        Some(Value::Number(n)) => row.fmt2(*n),
        Some(Value::Bool(b)) => row.raw(if *b { "true" } else { "false" }),
        Some(Value::Label(l)) => row.cell(l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::load_str;
    use crate::gap::{Run, gaps};

    /// The streamed text and the grid of a workbook sheet are the same rows
    /// (one order, two sinks), for every provider of the gap fixture
    /// (vetoes, labels, booleans, missing values, the top tier).
    #[test]
    fn the_text_and_the_grid_have_the_same_rows() {
        let toml = include_str!("../../../tests/fixtures/gap/gap.toml");
        let csv = include_str!("../../../tests/fixtures/gap/evidence.csv");
        let fw = load_str("f.toml", toml).unwrap().framework;
        let (evidence, _) = crate::evidence::parse("e.csv", csv, &fw).unwrap();
        let scores = crate::score::score(&fw, &evidence).unwrap();
        let gaps = gaps(&Run::new(&fw, &evidence, &scores), None);
        let mut text = Vec::new();
        write(&fw, &scores, &gaps, &|chunk, take| take(chunk), &mut text).unwrap();
        let grid = csv_grid(&fw, &scores, &gaps);
        assert!(grid.rows.len() > gaps.len(), "{} rows", grid.rows.len());
        assert_eq!(String::from_utf8(text).unwrap(), grid.to_csv());
    }
}
