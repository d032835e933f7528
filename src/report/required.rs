//! Renders what an `incomplete` provider must supply (SPEC §7): the rows of
//! `gap`'s CSV, its JSON entries, and the notes of the text, Markdown and HTML
//! outputs.

use serde_json::{Value as Json, json};

use super::grid::Grid;
use super::html::escape;
use crate::framework::{Framework, Lang};
use crate::gap::Expiring;
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

/// `[{"indicator", "reason", "date"?, "supply"}]` in framework order; `date`
/// (the `valid_until`, or the `valid_from` not yet reached) only for `expired`.
pub fn to_json(fw: &Framework, lacking: &[Lacking]) -> Json {
    let items: Vec<Json> = lacking
        .iter()
        .map(|l| {
            let mut m = serde_json::Map::new();
            m.insert("indicator".into(), json!(fw.indicators[l.indicator].id));
            m.insert("reason".into(), json!(l.lack.as_str()));
            if let Some(d) = l.lack.date() {
                m.insert("date".into(), json!(d.to_string()));
            }
            m.insert("supply".into(), json!(to_supply(fw, l.indicator, Lang::Zh)));
            Json::Object(m)
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

/// The `kind` of an expiring value's row in `gap --format csv`.
pub const EXPIRING: &str = "expiring";

/// One `gap` CSV row per value expiring soon: `kind` = `expiring`, `item` the
/// indicator id, `current` its last valid day, `required` the days left.
pub fn expiring_rows(fw: &Framework, lead: &[String], soon: &[Expiring]) -> Vec<Vec<String>> {
    soon.iter()
        .map(|e| {
            let mut row = lead.to_vec();
            row.extend([
                EXPIRING.to_string(),
                fw.indicators[e.indicator].id.clone(),
                e.until.to_string(),
                e.days_left.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            row
        })
        .collect()
}

/// `[{"indicator", "valid_until", "days_left"}]`.
pub fn expiring_json(fw: &Framework, soon: &[Expiring]) -> Json {
    let items: Vec<Json> = soon
        .iter()
        .map(|e| {
            let mut j = json!({
                "indicator": fw.indicators[e.indicator].id,
                "valid_until": e.until.to_string(),
                "days_left": e.days_left,
            });
            if let (Some(record), Some(m)) = (&e.record, j.as_object_mut()) {
                m.insert("record".into(), json!(record));
            }
            j
        })
        .collect();
    Json::Array(items)
}

/// The text or Markdown lines: "cs_level expires 2027-03-01: renew before the
/// next round", one per value; empty when none.
pub fn expiring_note(fw: &Framework, soon: &[Expiring], lang: Lang) -> String {
    if soon.is_empty() {
        return String::new();
    }
    let mut out = match lang {
        Lang::Zh => "即将到期（风险）：\n".to_string(),
        Lang::En => "Expiring soon (risks):\n".to_string(),
    };
    for e in soon {
        let ind = &fw.indicators[e.indicator];
        let at = e
            .record
            .as_deref()
            .map_or(String::new(), |r| format!(" — {r}"));
        out.push_str(&match lang {
            Lang::Zh => format!(
                "- {} {} 将于 {} 到期（剩 {} 天）：请在下一轮评价前续期{at}\n",
                ind.id,
                ind.doc.display(lang),
                e.until,
                e.days_left
            ),
            Lang::En => format!(
                "- {} expires {} ({} days left): renew before the next round{at}\n",
                ind.id, e.until, e.days_left
            ),
        });
    }
    out
}
