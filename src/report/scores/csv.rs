//! The CSV of `score`: its exact columns, one row per provider, streamed.

use rayon::prelude::*;

use super::super::grid::{CsvText, Grid};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::number::{fmt2, fmt2_opt};
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
                let mut text = CsvText::new();
                chunk
                    .iter()
                    .for_each(|p| text.row(&csv_row(fw, evidence, scores, p, detail)));
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
    let mut row = vec![
        p.rank.to_string(),
        p.provider.clone(),
        fmt2(p.total),
        p.tier.assigned.id(fw).to_string(),
    ];
    row.extend(p.dimensions.iter().map(|d| fmt2_opt(*d)));
    row.push(p.missing.to_string());
    row.push(p.vetoed_by(fw).join(";"));
    if detail {
        let details = indicator_scores(fw, evidence, &scores.ranges, p);
        row.extend(details.iter().map(|i| fmt2_opt(i.score.map(|s| s * 100.0))));
    }
    row
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
