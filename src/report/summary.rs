//! Renders `summary --by ATTRIBUTE` in every format.

use serde_json::{Map, Value as Json, json};

use super::grid::Grid;
use super::scores::tier_label;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_text};
use crate::framework::{Framework, Lang};
use crate::number::{fmt2, fmt2_opt};
use crate::summary::{Group, GroupSummary, Summary};
use crate::tier::Assigned;

/// Renders a summary in `format` as text (for [`Format::Xlsx`], the CSV of its
/// `summary` sheet: use [`render_bytes`]).
pub fn render(fw: &Framework, summary: &Summary, format: Format, lang: Lang) -> String {
    match format {
        Format::Csv | Format::Xlsx => csv_grid(fw, summary).to_csv(),
        Format::Json => json_text(&to_json(fw, summary)),
        Format::Table => display_grid(fw, summary, lang).to_table(),
        Format::Markdown => display_grid(fw, summary, lang).to_markdown(),
    }
}

/// Renders a summary in `format` as the bytes to write: for [`Format::Xlsx`] a
/// workbook with a `summary` and a `framework` sheet.
pub fn render_bytes(
    fw: &Framework,
    summary: &Summary,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Xlsx => xlsx::workbook(&[
            SheetSpec::new("summary", csv_grid(fw, summary)),
            SheetSpec::new("framework", framework_sheet::grid(fw, lang)),
        ]),
        _ => Ok(render(fw, summary, format, lang).into_bytes()),
    }
}

/// Every outcome in tier order: the framework's tiers, `incomplete`, `none`, `vetoed`.
fn outcomes(fw: &Framework) -> Vec<Assigned> {
    Assigned::all(fw)
}

/// The exact CSV columns:
/// `group,providers,<tier ids>,incomplete,none,vetoed,mean_total,<dimension ids>,weakest_dimension`.
pub fn csv_grid(fw: &Framework, summary: &Summary) -> Grid {
    let mut g = Grid::default();
    g.column("group", false);
    g.column("providers", true);
    outcomes(fw).iter().for_each(|a| g.column(a.id(fw), true));
    g.column("mean_total", true);
    fw.dimensions
        .iter()
        .for_each(|d| g.column(d.id.clone(), true));
    g.column("weakest_dimension", false);
    for row in &summary.groups {
        let weakest = row.weakest.map(|d| fw.dimensions[d].id.clone());
        g.rows
            .push(numbers_row(row.group.id().to_string(), row, weakest));
    }
    g
}

/// The row after the group cell: counts, means, then the weakest dimension.
fn numbers_row(group: String, row: &GroupSummary, weakest: Option<String>) -> Vec<String> {
    let mut cells = vec![group, row.providers.to_string()];
    cells.extend(row.tiers.iter().map(usize::to_string));
    cells.push(fmt2(row.mean_total));
    cells.extend(row.dimensions.iter().map(|d| fmt2_opt(*d)));
    cells.push(weakest.unwrap_or_default());
    cells
}

/// The table/Markdown view: tier and dimension names in `lang`.
pub fn display_grid(fw: &Framework, summary: &Summary, lang: Lang) -> Grid {
    let (providers, mean_total, weakest) = match lang {
        Lang::Zh => ("主体数", "平均总分", "最弱维度"),
        Lang::En => ("providers", "mean total", "weakest dimension"),
    };
    let mut g = Grid::default();
    g.column(summary.attribute.clone(), false);
    g.column(providers, true);
    outcomes(fw)
        .into_iter()
        .for_each(|a| g.column(tier_label(fw, a, lang), true));
    g.column(mean_total, true);
    fw.dimensions
        .iter()
        .for_each(|d| g.column(d.doc.display(lang), true));
    g.column(weakest, false);
    for row in &summary.groups {
        let group = match (&row.group, lang) {
            (Group::Value(v), _) => v.clone(),
            (Group::Unset, Lang::Zh) => "(未填写)".to_string(),
            (Group::All, Lang::Zh) => "全部".to_string(),
            (other, Lang::En) => other.id().to_string(),
        };
        let weakest = row
            .weakest
            .map(|d| fw.dimensions[d].doc.display(lang).to_string());
        g.rows.push(numbers_row(group, row, weakest));
    }
    g
}

/// `{"framework", "by", "groups": [...], "all": {...}}`, numbers unrounded;
/// the `(none)` group has `"group": null`.
pub fn to_json(fw: &Framework, summary: &Summary) -> Json {
    let (all, groups) = summary
        .groups
        .split_last()
        .map_or((None, &[][..]), |(a, g)| (Some(a), g));
    json!({
        "framework": super::framework_json(fw),
        "by": summary.attribute,
        "groups": groups.iter().map(|g| group_json(fw, g)).collect::<Vec<_>>(),
        "all": all.map(|a| group_json(fw, a)),
    })
}

fn group_json(fw: &Framework, row: &GroupSummary) -> Json {
    let tiers: Map<String, Json> = outcomes(fw)
        .iter()
        .zip(&row.tiers)
        .map(|(a, n)| (a.id(fw).to_string(), json!(n)))
        .collect();
    let dimensions: Map<String, Json> = fw
        .dimensions
        .iter()
        .zip(&row.dimensions)
        .map(|(d, m)| (d.id.clone(), json!(m)))
        .collect();
    let group = match &row.group {
        Group::Unset => Json::Null,
        other => json!(other.id()),
    };
    json!({
        "group": group,
        "providers": row.providers,
        "tiers": tiers,
        "mean_total": row.mean_total,
        "dimensions": dimensions,
        "weakest_dimension": row.weakest.map(|d| fw.dimensions[d].id.clone()),
    })
}
