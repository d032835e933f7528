//! Renders `score` results in every format.

use serde_json::Value as Json;

use super::grid::Grid;

mod csv;
pub use super::json_value::{amendment_json, cell_json, number_json, value_json};
use super::score_json::ProviderJson;
pub use super::tier_label;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_stream};
use crate::evidence::Evidence;
use crate::framework::{Framework, Lang};
use crate::number::{fmt2, fmt2_opt};
use crate::score::{Scores, indicator_scores};
use csv::csv_text;
pub use csv::{csv_grid, csv_header, csv_row, write_csv};

/// What to show besides the fixed columns.
#[derive(Debug, Clone, Copy, Default)]
pub struct View {
    /// Add one column per indicator (s × 100).
    pub detail: bool,
    /// Language of names.
    pub lang: Lang,
}

/// Renders scores in `format` as text. A workbook has no text form: for
/// [`Format::Xlsx`] this is the CSV of its `scores` sheet (use [`render_bytes`]).
pub fn render(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    format: Format,
    view: View,
) -> String {
    match format {
        Format::Csv | Format::Xlsx => csv_text(fw, evidence, scores, view.detail),
        Format::Json => {
            let mut text = Vec::new();
            // Writing to a Vec cannot fail; the text is UTF-8.
            let _ = write_json(fw, evidence, scores, &mut text);
            String::from_utf8(text).unwrap_or_default()
        }
        Format::Table => display_grid(fw, evidence, scores, view).to_table(),
        Format::Markdown => markdown(fw, evidence, scores, view),
    }
}

/// The JSON document of SPEC §4 (numbers unrounded) written to `out`
/// provider by provider, one line per provider (see [`json_stream`]).
pub fn write_json(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let json = ProviderJson::new(fw);
    json_stream::write_object_with_array(
        out,
        &json_head(fw),
        "providers",
        &scores.providers,
        |chunk, elements| {
            for p in chunk {
                let details = indicator_scores(fw, evidence, &scores.ranges, p);
                elements.put_line(|line| json.write(line, p, &details))
            }
        },
    )
}

/// Markdown for publication: a title with the framework's name and version,
/// the table, and what each tier requires.
pub fn markdown(fw: &Framework, evidence: &Evidence, scores: &Scores, view: View) -> String {
    let lang = view.lang;
    let mut title = match lang {
        Lang::Zh => format!("## {}（{}）评分结果", fw.doc.display(lang), fw.version),
        Lang::En => format!(
            "## {} (version {}): scores",
            fw.doc.display(lang),
            fw.version
        ),
    };
    if let Some(as_of) = fw.as_of {
        title.push_str(&format!(
            "\n\n{}{as_of}",
            super::lang_text(lang, "评价基准日：", "As of: ")
        ));
    }
    format!(
        "{title}

{}
{}
",
        display_grid(fw, evidence, scores, view).to_markdown(),
        tier_legend(fw, lang)
    )
}

/// One line naming every outcome and what a tier requires, in `lang`.
pub fn tier_legend(fw: &Framework, lang: Lang) -> String {
    let trim = crate::number::trim;
    let mut parts: Vec<String> = fw
        .tiers
        .iter()
        .map(|t| {
            let name = t.doc.display(lang);
            let each = t.min_each_dimension.map(trim);
            let more = t.require.len();
            match lang {
                Lang::Zh => format!(
                    "{name}（{}）总分 ≥ {}{}{}",
                    t.id,
                    trim(t.min_total),
                    each.map(|e| format!("、各维度 ≥ {e}")).unwrap_or_default(),
                    if more > 0 {
                        format!("，另有 {more} 项条件")
                    } else {
                        String::new()
                    }
                ),
                Lang::En => format!(
                    "{name} (`{}`): total ≥ {}{}{}",
                    t.id,
                    trim(t.min_total),
                    each.map(|e| format!(", each dimension ≥ {e}"))
                        .unwrap_or_default(),
                    if more > 0 {
                        format!(", plus {more} condition(s)")
                    } else {
                        String::new()
                    }
                ),
            }
        })
        .collect();
    let rest = match lang {
        Lang::Zh => ["未定级：未达到任何等级", "一票否决：触发否决项（仍计分）"],
        Lang::En => [
            "none: no tier reached",
            "vetoed: a veto triggered (scores still shown)",
        ],
    };
    if crate::required::any(fw) {
        parts.push(
            match lang {
                Lang::Zh => "待补正：必填项缺失、不适用或已过期（仍计分）",
                Lang::En => {
                    "incomplete: a required item is missing, n/a or expired (scores still shown)"
                }
            }
            .to_string(),
        );
    }
    parts.extend(rest.map(String::from));
    match lang {
        Lang::Zh => format!("等级：{}。", parts.join("；")),
        Lang::En => format!("Tiers: {}.", parts.join("; ")),
    }
}

/// Renders scores in `format` as the bytes to write (a workbook for [`Format::Xlsx`]).
pub fn render_bytes(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    format: Format,
    view: View,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Xlsx => xlsx::workbook(&xlsx_sheets(fw, evidence, scores, view)),
        _ => Ok(render(fw, evidence, scores, format, view).into_bytes()),
    }
}

/// The sheets of a score workbook: `scores` (the CSV columns, tier cells
/// coloured) and `framework` (what every column means).
pub fn xlsx_sheets(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    view: View,
) -> Vec<SheetSpec> {
    let tiers: Vec<String> = fw.tiers.iter().map(|t| t.id.clone()).collect();
    let mut grid = csv_grid(fw, evidence, scores, view.detail);
    super::progression::add_column(&mut grid, scores);
    let tier_column = grid.header.iter().position(|h| h == "tier");
    vec![
        SheetSpec {
            name: "scores".into(),
            grid,
            fills: xlsx::tier_fills(&tiers, "none", "vetoed"),
            fill_columns: tier_column.into_iter().collect(),
            choices: Vec::new(),
        },
        SheetSpec::new("framework", framework_sheet::grid(fw, view.lang)),
    ]
}

/// Column titles for people, in `lang`.
pub struct Titles {
    /// rank, provider, name, total, tier, missing, vetoed_by.
    pub fixed: [&'static str; 7],
}

impl Titles {
    /// The titles in `lang`.
    pub fn new(lang: Lang) -> Self {
        let fixed = match lang {
            Lang::Zh => ["排名", "主体", "名称", "总分", "等级", "缺失", "否决项"],
            Lang::En => [
                "rank",
                "provider",
                "name",
                "total",
                "tier",
                "missing",
                "vetoed by",
            ],
        };
        Titles { fixed }
    }
}

/// The table/Markdown view: names instead of ids, a `name` column when known.
pub fn display_grid(fw: &Framework, evidence: &Evidence, scores: &Scores, view: View) -> Grid {
    let t = Titles::new(view.lang).fixed;
    let with_name = scores
        .providers
        .iter()
        .any(|p| p.attributes.contains_key("name"));
    let mut g = Grid::default();
    g.column(t[0], true);
    g.column(t[1], false);
    if with_name {
        g.column(t[2], false);
    }
    g.column(t[3], true);
    g.column(t[4], false);
    fw.dimensions
        .iter()
        .for_each(|d| g.column(d.doc.display(view.lang), true));
    g.column(t[5], true);
    g.column(t[6], false);
    if view.detail {
        fw.indicators
            .iter()
            .for_each(|i| g.column(i.doc.display(view.lang), true));
    }
    for p in &scores.providers {
        let mut row = vec![p.rank.to_string(), p.provider.clone()];
        if with_name {
            row.push(p.attributes.get("name").cloned().unwrap_or_default());
        }
        row.push(fmt2(p.total));
        row.push(super::progression::tier_cell(fw, p, view.lang));
        row.extend(p.dimensions.iter().map(|d| fmt2_opt(*d)));
        row.push(p.missing.to_string());
        row.push(p.vetoed_by(fw).join(";"));
        if view.detail {
            row.extend(
                indicator_scores(fw, evidence, &scores.ranges, p)
                    .iter()
                    .map(|i| fmt2_opt(i.score.map(|s| s * 100.0))),
            );
        }
        g.rows.push(row);
    }
    g
}

/// The keys of the JSON document before `providers`.
fn json_head(fw: &Framework) -> [(&'static str, Json); 1] {
    [("framework", super::framework_json(fw))]
}
