//! The framework itself: dimensions and weights, indicators with their rules,
//! tier rules and vetoes, each with the `basis` of its numbers.

use super::words::Words;
use super::{escape, tier_badge};
use crate::explain::{condition_text, rule_text};
use crate::framework::{Doc, Framework, Lang};
use crate::number::{fmt2, trim};
use crate::score::Scores;
use crate::tier::Assigned;

/// The whole framework section.
pub fn render(fw: &Framework, scores: &Scores, lang: Lang, w: &Words) -> String {
    let mut out = String::new();
    if let Some(basis) = &fw.doc.basis {
        out.push_str(&format!(
            "<p class=\"basis\">{}: {}</p>\n",
            w.basis,
            escape(basis)
        ));
    }
    out.push_str(&format!(
        "<p class=\"note\">{}: {}</p>\n",
        w.missing_policy,
        fw.missing.as_str()
    ));
    out.push_str(&dimensions(fw, lang, w));
    for (d, dim) in fw.dimensions.iter().enumerate() {
        out.push_str(&format!(
            "<h4>{} <span class=\"note\">{}</span></h4>\n",
            escape(dim.doc.display(lang)),
            escape(&dim.id)
        ));
        out.push_str(&indicators(fw, scores, d, lang, w));
    }
    out.push_str(&tiers(fw, lang, w));
    out.push_str(&vetoes(fw, lang, w));
    out
}

fn head(class: &str, titles: &[&str], numeric: &[usize]) -> String {
    let cells: String = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let class = if numeric.contains(&i) {
                " class=\"num\""
            } else {
                ""
            };
            format!("<th{class}>{t}</th>")
        })
        .collect();
    format!(
        "<div class=\"table-wrap\"><table class=\"{class}\"><thead><tr>{cells}</tr></thead><tbody>\n"
    )
}

const TAIL: &str = "</tbody></table></div>\n";

/// A name with its description under it.
fn named(doc: &Doc, lang: Lang) -> String {
    match &doc.description {
        Some(d) => format!(
            "{}<br><span class=\"note\">{}</span>",
            escape(doc.display(lang)),
            escape(d)
        ),
        None => escape(doc.display(lang)),
    }
}

fn basis(doc: &Doc) -> String {
    escape(doc.basis.as_deref().unwrap_or_default())
}

fn percent(share: f64) -> String {
    format!("{}%", fmt2(share * 100.0))
}

fn dimensions(fw: &Framework, lang: Lang, w: &Words) -> String {
    let mut out = format!("<h3>{}</h3>\n", w.dimensions);
    out.push_str(&head("framework-dimensions", &w.dimension_header, &[2, 3]));
    for (dim, share) in fw.dimensions.iter().zip(fw.dimension_shares()) {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"basis\">{}</td></tr>\n",
            escape(&dim.id),
            named(&dim.doc, lang),
            trim(dim.weight),
            percent(share),
            basis(&dim.doc)
        ));
    }
    out.push_str(TAIL);
    out
}

fn indicators(fw: &Framework, scores: &Scores, d: usize, lang: Lang, w: &Words) -> String {
    let shares = fw.indicator_shares();
    let mut out = head("framework-indicators", &w.indicator_header, &[3]);
    for k in fw.dimensions[d].indicators.clone() {
        let ind = &fw.indicators[k];
        let range = scores.ranges.get(k).copied().flatten();
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"rule\">{}</td><td>{}</td><td class=\"basis\">{}</td></tr>\n",
            escape(&ind.id),
            named(&ind.doc, lang),
            escape(ind.unit.as_deref().unwrap_or_default()),
            percent(shares[k]),
            escape(&rule_text(&ind.rule, range)),
            escape(ind.evidence.as_deref().unwrap_or_default()),
            basis(&ind.doc)
        ));
    }
    out.push_str(TAIL);
    out
}

fn tiers(fw: &Framework, lang: Lang, w: &Words) -> String {
    let mut out = format!("<h3>{}</h3>\n", w.tiers);
    out.push_str(&head("framework-tiers", &w.tier_header, &[1, 2]));
    for (t, tier) in fw.tiers.iter().enumerate() {
        let conditions: Vec<String> = tier
            .require
            .iter()
            .map(|c| {
                let basis = c
                    .basis
                    .as_ref()
                    .map(|b| format!(" <span class=\"basis\">({})</span>", escape(b)))
                    .unwrap_or_default();
                format!(
                    "<span class=\"rule\">{}</span>{basis}",
                    escape(&condition_text(fw, c))
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr><td>{} <span class=\"note\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"basis\">{}</td></tr>\n",
            tier_badge(fw, Assigned::Tier(t), lang),
            escape(&tier.id),
            trim(tier.min_total),
            tier.min_each_dimension.map_or("—".to_string(), trim),
            conditions.join("<br>"),
            basis(&tier.doc)
        ));
    }
    out.push_str(TAIL);
    out
}

fn vetoes(fw: &Framework, lang: Lang, w: &Words) -> String {
    let mut out = format!("<h3>{}</h3>\n", w.vetoes);
    if fw.vetoes.is_empty() {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", w.no_vetoes));
        return out;
    }
    out.push_str(&head("framework-vetoes", &w.veto_header, &[]));
    for v in &fw.vetoes {
        out.push_str(&format!(
            "<tr><td class=\"rule\">{}</td><td>{}</td><td class=\"basis\">{}</td></tr>\n",
            escape(&condition_text(fw, &v.condition)),
            escape(v.display_reason(lang).unwrap_or_default()),
            escape(v.condition.basis.as_deref().unwrap_or_default())
        ));
    }
    out.push_str(TAIL);
    out
}
