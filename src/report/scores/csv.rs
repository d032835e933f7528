//! The CSV of `score`: its exact columns, one row per provider, streamed.

use rayon::prelude::*;

use super::super::grid::{Cells, CsvText, Grid};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::score::{ProviderScore, Scores, indicator_scores};

/// The CSV text (see [`write_csv`]).
pub(super) fn csv_text(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    detail: bool,
) -> String {
    let mut text = Vec::new();
    // Writing to a Vec cannot fail, and the CSV writer only writes UTF-8.
    let _ = write_csv(fw, evidence, scores, detail, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// Writes the CSV to `out` as it is formatted, so that the whole text never
/// exists in memory: rows are formatted in chunks on every core, a few
/// chunks per core at a time, and written in order.
pub fn write_csv(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    detail: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_csv_in_chunks(fw, evidence, scores, detail, out, 1024)
}

fn write_csv_in_chunks(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    detail: bool,
    out: &mut dyn std::io::Write,
    chunk_rows: usize,
) -> std::io::Result<()> {
    let mut header = CsvText::new();
    header.row(&csv_header(fw, detail));
    out.write_all(header.finish().as_bytes())?;
    let batch = chunk_rows * 4 * rayon::current_num_threads();
    for providers in scores.providers.chunks(batch) {
        let chunks: Vec<String> = providers
            .par_chunks(chunk_rows)
            .map(|chunk| {
                let mut text = CsvText::with_capacity(chunk.len() * 64);
                for p in chunk {
                    csv_row_into(fw, evidence, scores, p, detail, &mut text);
                    text.end_row();
                }
                text.finish()
            })
            .collect();
        for chunk in chunks {
            out.write_all(chunk.as_bytes())?;
        }
    }
    Ok(())
}

/// The exact CSV columns: `rank,provider,total,tier,<dims>,missing,vetoed_by[,<indicators>]`.
pub fn csv_grid(fw: &Framework, evidence: &Evidence, scores: &Scores, detail: bool) -> Grid {
    let mut g = Grid::default();
    for (i, title) in csv_header(fw, detail).into_iter().enumerate() {
        // Only `provider`, `tier` and `vetoed_by` hold text.
        let text = i == 1 || i == 3 || i == fw.dimensions.len() + 5;
        g.column(title, !text);
    }
    g.rows = scores
        .providers
        .iter()
        .map(|p| csv_row(fw, evidence, scores, p, detail))
        .collect();
    g
}

/// The CSV header.
pub fn csv_header(fw: &Framework, detail: bool) -> Vec<String> {
    let mut header: Vec<String> = ["rank", "provider", "total", "tier"]
        .map(String::from)
        .to_vec();
    header.extend(fw.dimensions.iter().map(|d| d.id.clone()));
    header.extend(["missing", "vetoed_by"].map(String::from));
    if detail {
        header.extend(fw.indicators.iter().map(|i| i.id.clone()));
    }
    header
}

/// One provider's CSV row.
pub fn csv_row(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    p: &ProviderScore,
    detail: bool,
) -> Vec<String> {
    let mut row = Vec::new();
    csv_row_into(fw, evidence, scores, p, detail, &mut row);
    row
}

/// [`csv_row`] into any [`Cells`]: the streamed CSV writes a whole chunk
/// of rows into one text, without a string per cell.
fn csv_row_into(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    p: &ProviderScore,
    detail: bool,
    row: &mut impl Cells,
) {
    row.count(p.rank);
    row.cell(&p.provider);
    row.fmt2(p.total);
    row.cell(p.tier.assigned.id(fw));
    for d in p.dimensions.iter() {
        match d {
            Some(d) => row.fmt2(*d),
            None => row.empty(),
        }
    }
    row.count(p.missing);
    if p.tier.vetoes.is_empty() {
        row.empty();
    } else {
        row.cell(&p.vetoed_by(fw).join(";"));
    }
    if detail {
        let details = indicator_scores(fw, evidence, &scores.ranges, p);
        for i in &details {
            match i.score {
                Some(s) => row.fmt2(s * 100.0),
                None => row.empty(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_csv_is_the_grid_whatever_the_chunks() {
        // Chunks of 1 to 5 rows cut the 4 providers of the fixture at every
        // place (and batches of 4 chunks per core around them); the text must
        // be the rows of the whole grid, in rank order, each once.
        let fw = crate::framework::fixture::mini();
        let csv = include_str!("../../../tests/fixtures/mini-long.csv");
        let (evidence, _) =
            crate::evidence::parse("mini-long.csv", csv, &fw).unwrap_or_else(|d| panic!("{d:?}"));
        let scores = crate::score::score(&fw, &evidence).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(scores.providers.len(), 4);
        for detail in [false, true] {
            let whole = csv_grid(&fw, &evidence, &scores, detail).to_csv();
            assert_eq!(whole.lines().count(), 5);
            for rows in 1..=5 {
                let mut out = Vec::new();
                write_csv_in_chunks(&fw, &evidence, &scores, detail, &mut out, rows).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    whole,
                    "{rows} rows a chunk"
                );
            }
        }
    }
}
