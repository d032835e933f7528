//! Renders the effective weights of a framework and its AHP consistency.

use serde_json::{Value as Json, json};

use super::grid::Grid;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_text, lang_text};
use crate::framework::{AhpSummary, Framework, Lang};
use crate::number::fmt4;

/// Renders the weights in `format` as text. A workbook has no text form: for
/// [`Format::Xlsx`] this is the CSV of its `weights` sheet (use [`render_bytes`]).
pub fn render(fw: &Framework, format: Format, lang: Lang) -> String {
    match format {
        Format::Csv | Format::Xlsx => grid(fw, None).to_csv(),
        Format::Json => json_text(&to_json(fw)),
        Format::Table => grid(fw, Some(lang)).to_table() + &ahp_lines(fw, lang),
        Format::Markdown => grid(fw, Some(lang)).to_markdown() + &ahp_markdown(fw, lang),
    }
}

/// Renders the weights in `format` as the bytes to write: for [`Format::Xlsx`]
/// a workbook with a `weights` and a `framework` sheet.
pub fn render_bytes(fw: &Framework, format: Format, lang: Lang) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Xlsx => xlsx::workbook(&[
            SheetSpec::new("weights", grid(fw, None)),
            SheetSpec::new("framework", framework_sheet::grid(fw, lang)),
        ]),
        _ => Ok(render(fw, format, lang).into_bytes()),
    }
}

/// Column titles: (id for CSV and JSON, zh, en).
const COLUMNS: [(&str, &str, &str); 5] = [
    ("dimension", "维度", "dimension"),
    ("indicator", "指标", "indicator"),
    ("dimension_weight", "维度权重", "dimension weight"),
    ("weight_in_dimension", "维度内权重", "weight in dimension"),
    ("weight_overall", "总权重", "overall weight"),
];

/// One row per indicator. With a language, names are shown beside the ids and
/// the titles are in that language; without, titles are the CSV ids.
pub fn grid(fw: &Framework, lang: Option<Lang>) -> Grid {
    let mut g = Grid::default();
    for (k, (id, zh, en)) in COLUMNS.into_iter().enumerate() {
        let title = lang.map_or(id, |l| lang_text(l, zh, en));
        g.column(title, k >= 2);
    }
    let dim_shares = fw.dimension_shares();
    let ind_shares = fw.indicator_shares();
    for (k, ind) in fw.indicators.iter().enumerate() {
        let dim = &fw.dimensions[ind.dimension];
        let named = |id: &str, name: &str| match lang {
            Some(_) => format!("{id} {name}"),
            None => id.to_string(),
        };
        let lang = lang.unwrap_or_default();
        g.rows.push(vec![
            named(&dim.id, dim.doc.display(lang)),
            named(&ind.id, ind.doc.display(lang)),
            fmt4(dim_shares[ind.dimension]),
            fmt4(ind_shares[k]),
            fmt4(dim_shares[ind.dimension] * ind_shares[k]),
        ]);
    }
    g
}

/// Every AHP matrix of the framework: (group, summary).
pub fn ahp_groups(fw: &Framework) -> Vec<(String, &AhpSummary)> {
    let mut groups = Vec::new();
    if let Some(a) = &fw.ahp {
        groups.push(("dimensions".to_string(), a));
    }
    for d in &fw.dimensions {
        if let Some(a) = &d.ahp {
            groups.push((d.id.clone(), a));
        }
    }
    groups
}

fn ahp_lines(fw: &Framework, lang: Lang) -> String {
    let verdict = lang_text(lang, "（≤ 0.10：一致性可接受）", " (≤ 0.10: consistent)");
    ahp_groups(fw)
        .iter()
        .map(|(group, a)| {
            format!(
                "AHP {group}: λmax = {:.4}, CI = {:.4}, RI = {:.2}, CR = {:.4}{verdict}\n",
                a.lambda_max, a.ci, a.ri, a.cr
            )
        })
        .collect()
}

fn ahp_markdown(fw: &Framework, lang: Lang) -> String {
    let groups = ahp_groups(fw);
    if groups.is_empty() {
        return String::new();
    }
    let mut g = Grid::default();
    for (title, numeric) in [
        (lang_text(lang, "AHP 判断矩阵", "AHP group"), false),
        ("λmax", true),
        ("CI", true),
        ("RI", true),
        ("CR", true),
    ] {
        g.column(title, numeric);
    }
    for (group, a) in groups {
        g.rows.push(vec![
            group,
            fmt4(a.lambda_max),
            fmt4(a.ci),
            format!("{:.2}", a.ri),
            fmt4(a.cr),
        ]);
    }
    format!("\n{}", g.to_markdown())
}

/// The weights as JSON (unrounded).
pub fn to_json(fw: &Framework) -> Json {
    let dim_shares = fw.dimension_shares();
    let ind_shares = fw.indicator_shares();
    let dimensions: Vec<Json> = fw
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let indicators: Vec<Json> = dim
                .indicators
                .clone()
                .map(|k| json!({"id": fw.indicators[k].id, "weight": fw.indicators[k].weight, "weight_in_dimension": ind_shares[k], "weight_overall": dim_shares[d] * ind_shares[k]}))
                .collect();
            json!({"id": dim.id, "weight": dim.weight, "share": dim_shares[d], "ahp": dim.ahp.as_ref().map(ahp_json), "indicators": indicators})
        })
        .collect();
    json!({"framework": {"id": fw.id, "version": fw.version}, "ahp": fw.ahp.as_ref().map(ahp_json), "dimensions": dimensions})
}

fn ahp_json(a: &AhpSummary) -> Json {
    json!({"weights": a.weights, "lambda_max": a.lambda_max, "ci": a.ci, "ri": a.ri, "cr": a.cr})
}
