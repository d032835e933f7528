//! Renders what an `incomplete` provider must supply (SPEC §7): the rows of
//! `gap`'s CSV, its JSON entries, and the notes of the text, Markdown and HTML
//! outputs.

use serde_json::{Value as Json, json};

use super::grid::Grid;
use super::html::escape;
use crate::framework::{Framework, Lang};
use crate::required::{Lacking, to_supply};

/// The `kind` of a required item's row in `gap --format csv`.
pub const KIND: &str = "required";

/// One `gap` CSV row per lacking item, after the three lead cells (provider,
/// current tier, target tier): `kind` = `required`, `item` the indicator id,
/// `current` why it does not count, `required` what to supply.
pub fn csv_rows(fw: &Framework, lead: &[String], lacking: &[Lacking]) -> Vec<Vec<String>> {
    lacking
        .iter()
        .map(|l| {
            let mut row = lead.to_vec();
            row.extend([
                KIND.to_string(),
                fw.indicators[l.indicator].id.clone(),
                l.lack.as_str().to_string(),
                to_supply(fw, l.indicator, Lang::Zh),
                String::new(),
                String::new(),
                String::new(),
            ]);
            row
        })
        .collect()
}

/// `[{"indicator", "reason", "supply"}]` in framework order.
pub fn to_json(fw: &Framework, lacking: &[Lacking]) -> Json {
    let items: Vec<Json> = lacking
        .iter()
        .map(|l| {
            json!({
                "indicator": fw.indicators[l.indicator].id,
                "reason": l.lack.as_str(),
                "supply": to_supply(fw, l.indicator, Lang::Zh),
            })
        })
        .collect();
    Json::Array(items)
}

/// The sentence that introduces the list of items to supply.
pub fn heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "待补正：以下必填项缺失、不适用或已过期，补齐前不予定级：",
        Lang::En => {
            "Incomplete — evidence to supply: no tier until every required item has a present, applicable, unexpired value:"
        }
    }
}

/// A table of the items to supply: indicator, why it does not count, what to supply.
pub fn grid(fw: &Framework, lacking: &[Lacking], lang: Lang) -> Grid {
    let titles = match lang {
        Lang::Zh => ["必填项", "原因", "需提供"],
        Lang::En => ["required item", "reason", "to supply"],
    };
    let mut g = Grid::default();
    for t in titles {
        g.column(t, false);
    }
    for l in lacking {
        let ind = &fw.indicators[l.indicator];
        g.rows.push(vec![
            format!("{} {}", ind.id, ind.doc.display(lang)),
            l.lack.words(lang).to_string(),
            to_supply(fw, l.indicator, lang),
        ]);
    }
    g
}

/// The text or Markdown note: the heading and the table (ending in a line
/// break), empty when nothing lacks.
pub fn note(fw: &Framework, lacking: &[Lacking], lang: Lang, markdown: bool) -> String {
    if lacking.is_empty() {
        return String::new();
    }
    let table = grid(fw, lacking, lang);
    if markdown {
        format!("{}\n\n{}", heading(lang), table.to_markdown())
    } else {
        format!("{}\n{}", heading(lang), table.to_table())
    }
}

/// The HTML note of a provider's section: the heading and a table, empty when
/// nothing lacks.
pub fn html(fw: &Framework, lacking: &[Lacking], lang: Lang) -> String {
    if lacking.is_empty() {
        return String::new();
    }
    let g = grid(fw, lacking, lang);
    let head: String = g
        .header
        .iter()
        .map(|t| format!("<th>{}</th>", escape(t)))
        .collect();
    let mut out = format!(
        "<p class=\"warn\">{}</p>\n<div class=\"table-wrap\"><table class=\"required\"><thead><tr>{head}</tr></thead><tbody>\n",
        escape(heading(lang))
    );
    for row in &g.rows {
        let cells: String = row
            .iter()
            .map(|c| format!("<td>{}</td>", escape(c)))
            .collect();
        out.push_str(&format!("<tr>{cells}</tr>\n"));
    }
    out.push_str("</tbody></table></div>\n");
    out
}
