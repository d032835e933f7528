//! The CSV of `gap` (SPEC §5): one row per unmet condition and opportunity.
//!
//! The row order is written once ([`rows`]) for two sinks: the [`Grid`] of a
//! workbook sheet, and the CSV text, which is the hot path of `gap --format
//! csv` (about 30 rows a provider). There each cell is written straight into
//! the chunk's text: numbers formatted in place, the provider's three lead
//! cells encoded once per provider, and only text that could need it (a
//! formula's first character, a comma, a quote, a line end) goes through the
//! formula guard and the csv crate — the same bytes as [`CsvText::row`].

use crate::framework::Framework;
use crate::gap::{Gap, UnmetKind};
use crate::number::{fmt2, fmt2_into};
use crate::report::grid::{CsvText, Grid};
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
    match v {
        None => String::new(),
        Some(Value::Number(n)) => fmt2(*n),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Label(l)) => l.to_string(),
    }
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
/// items, chunks formatted on every core and written in order, a batch at a
/// time.
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
    in_order::write(out, items, |_, chunk| {
        let mut sink = TextRows::default();
        gaps_of(chunk, &mut |gaps| {
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
        sink.text
    })
}

/// A cell of a row after the provider's three lead cells.
enum Cell<'a> {
    /// Text as it is (guarded and quoted as needed in CSV).
    Text(&'a str),
    /// A value (numbers with 2 decimals), empty when there is none.
    Value(Option<&'a Value>),
    /// A number with 2 decimals, empty when there is none.
    Number(Option<f64>),
}

/// Where the rows of [`rows`] go.
trait Sink {
    /// The provider, its tier and its target tier, before its rows.
    fn lead(&mut self, lead: [&str; 3]);
    /// One row of the provider: the seven cells after the lead.
    fn row(&mut self, cells: &[Cell]);
}

/// Hands `sink` the rows of one provider's gap, in the order of [`csv_grid`].
fn rows(fw: &Framework, scores: &Scores, gap: &Gap, sink: &mut dyn Sink) {
    let target = gap.target.map_or("", |t| fw.tiers[t].id.as_str());
    let lead = [
        scores.providers[gap.provider].provider.as_str(),
        gap.current.id(fw),
        target,
    ];
    sink.lead(lead);
    let lead_owned = || lead.map(str::to_string);
    let vetoes = gap
        .unmet
        .iter()
        .take_while(|u| u.kind == UnmetKind::Veto)
        .count();
    let required_rows = |sink: &mut dyn Sink| {
        if !gap.incomplete.is_empty() {
            owned_rows(required::csv_rows(fw, &lead_owned(), &gap.incomplete), sink);
        }
    };
    for (i, u) in gap.unmet.iter().enumerate() {
        if i == vetoes {
            required_rows(sink);
        }
        sink.row(&[
            Cell::Text(u.kind.as_str()),
            Cell::Text(u.item.id(fw)),
            Cell::Value(u.current.as_ref()),
            Cell::Value(u.required.as_ref()),
            Cell::Number(u.shortfall),
            Cell::Text(""),
            Cell::Text(""),
        ]);
    }
    if vetoes == gap.unmet.len() {
        required_rows(sink);
    }
    if let Some(soon) = &gap.expiring {
        owned_rows(required::expiring_rows(fw, &lead_owned(), soon), sink);
    }
    for o in &gap.opportunities {
        sink.row(&[
            Cell::Text("opportunity"),
            Cell::Text(&fw.indicators[o.indicator].id),
            Cell::Value(o.value.as_ref()),
            Cell::Text(""),
            Cell::Text(""),
            Cell::Number(Some(o.points_available)),
            Cell::Value(o.value_needed.as_ref()),
        ]);
    }
}

/// Hands on the rarer rows (required items, expiring values), which come
/// owned with their lead cells.
fn owned_rows(rows: Vec<Vec<String>>, sink: &mut dyn Sink) {
    for row in rows {
        let cells: Vec<Cell> = row.iter().skip(3).map(|c| Cell::Text(c)).collect();
        sink.row(&cells);
    }
}

/// Rows into a [`Grid`], every cell a string.
#[derive(Default)]
struct GridRows {
    grid: Grid,
    lead: Vec<String>,
}

impl Sink for GridRows {
    fn lead(&mut self, lead: [&str; 3]) {
        self.lead = lead.map(str::to_string).to_vec();
    }

    fn row(&mut self, cells: &[Cell]) {
        let mut row = self.lead.clone();
        row.extend(cells.iter().map(|c| match c {
            Cell::Text(t) => t.to_string(),
            Cell::Value(v) => value_cell(*v),
            Cell::Number(n) => n.map(fmt2).unwrap_or_default(),
        }));
        self.grid.rows.push(row);
    }
}

/// Rows as CSV text, written cell by cell into one buffer.
#[derive(Default)]
struct TextRows {
    text: String,
    /// The provider's three lead cells encoded, and the comma after them.
    lead: String,
}

impl Sink for TextRows {
    fn lead(&mut self, lead: [&str; 3]) {
        self.lead.clear();
        for cell in lead {
            put_text(&mut self.lead, cell);
            self.lead.push(',');
        }
    }

    fn row(&mut self, cells: &[Cell]) {
        let out = &mut self.text;
        out.push_str(&self.lead);
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match cell {
                Cell::Text(t) => put_text(out, t),
                Cell::Value(None) | Cell::Number(None) => {}
                Cell::Value(Some(Value::Number(n))) | Cell::Number(Some(n)) => put_number(out, *n),
                Cell::Value(Some(Value::Bool(b))) => {
                    out.push_str(if *b { "true" } else { "false" })
                }
                Cell::Value(Some(Value::Label(l))) => put_text(out, l),
            }
        }
        out.push('\n');
    }
}

/// Appends a number with 2 decimals (as [`fmt2`]): digits, a point and maybe a
/// minus, which neither the formula guard nor CSV quoting touches.
fn put_number(out: &mut String, n: f64) {
    if n.is_finite() {
        fmt2_into(n, out);
    } else {
        put_text(out, &fmt2(n));
    }
}

/// Appends a text cell as [`CsvText::row`] writes it: as it is when it has
/// nothing a spreadsheet or a CSV reader would take specially (the common
/// case: ids, tier names, kinds), else guarded and quoted by the csv crate.
fn put_text(out: &mut String, cell: &str) {
    let risky_start = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = || {
        cell.bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    };
    if !risky_start && !needs_quotes() {
        out.push_str(cell);
        return;
    }
    let mut one = CsvText::new();
    one.row(&[cell]);
    let text = one.finish();
    out.push_str(text.strip_suffix('\n').unwrap_or(&text));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSV text of one row of `cells`, by the csv crate.
    fn by_csv_crate(cells: &[&str]) -> String {
        let mut text = CsvText::new();
        text.row(cells);
        text.finish()
    }

    /// Cells of every kind the fast path must tell apart: plain, formula
    /// starts, numbers with a minus, commas, quotes, line ends, tabs, empty.
    #[test]
    fn text_cells_are_written_as_the_csv_crate_writes_them() {
        let cells = [
            "p01",
            "",
            "=1+2",
            "+x",
            "-3.50",
            "-x",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "城市级",
            "'quoted",
            " lead",
        ];
        for cell in cells {
            let mut out = String::new();
            put_text(&mut out, cell);
            out.push('\n');
            // A row of one empty cell is `""` in the csv crate; in a gap row it is empty.
            let expected = if cell.is_empty() {
                "\n".to_string()
            } else {
                by_csv_crate(&[cell])
            };
            assert_eq!(out, expected, "{cell:?}");
        }
    }

    /// Numbers as `fmt2` writes them, including the ones it prints as words.
    #[test]
    fn numbers_are_written_as_fmt2_and_the_guard_would() {
        for n in [
            0.0,
            -0.001,
            -3.5,
            12.345,
            1e16,
            -1e16,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            let mut out = String::new();
            put_number(&mut out, n);
            out.push('\n');
            assert_eq!(out, by_csv_crate(&[&fmt2(n)]), "{n}");
        }
    }
}
