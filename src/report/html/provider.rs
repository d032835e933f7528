//! One provider's section: radar chart, dimension scores, unmet conditions and
//! the top opportunities from [`crate::gap`].

use super::radar::{Frame, Radar, radar};
use super::words::Words;
use super::{anchor, escape, provider_name, tier_badge};
use crate::framework::{Comparison, Framework, Lang, Subject, Tier};
use crate::gap::{Gap, Item, UnmetKind};
use crate::number::{fmt2, trim};
use crate::report::gap::{item_label, kind_label, required_label, value_cell};
use crate::rule::Value;
use crate::score::{ProviderScore, Scores, TOLERANCE};
use crate::tier::Assigned;

/// How many opportunities a section lists.
pub const TOP_OPPORTUNITIES: usize = 5;

/// The tier whose floor a provider's radar shows: its target, else (at the top)
/// its own tier; with whether it is the target.
pub fn ring_tier(g: &Gap) -> Option<(usize, bool)> {
    match (g.target, g.current) {
        (Some(t), _) => Some((t, true)),
        (None, Assigned::Tier(t)) => Some((t, false)),
        (None, _) => None,
    }
}

/// The floor a tier sets for each dimension: `min_each_dimension`, else `min_total`.
pub fn ring_value(tier: &Tier) -> f64 {
    tier.min_each_dimension.unwrap_or(tier.min_total)
}

/// What every provider's section is drawn with.
pub struct Context<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The scored run.
    pub scores: &'a Scores,
    /// Language of names and labels.
    pub lang: Lang,
    /// The labels in that language.
    pub words: &'a Words,
    /// The radar frame of the framework's dimensions, in that language.
    pub frame: Frame,
    /// The opening of every unmet-conditions table, up to its rows.
    unmet_head: String,
    /// The opening of every opportunities table, up to its rows.
    opportunity_head: String,
}

impl<'a> Context<'a> {
    /// The context of a report on `scores`, with its radar frame.
    pub fn new(fw: &'a Framework, scores: &'a Scores, lang: Lang, words: &'a Words) -> Self {
        let frame = Frame::new(&radar_labels(fw, lang));
        let unmet_head = format!(
            "<div class=\"table-wrap\"><table class=\"unmet\">{}<tbody>\n",
            header(&words.unmet_header, 2)
        );
        let opportunity_head = format!(
            "<div class=\"table-wrap\"><table class=\"opportunities\">{}<tbody>\n",
            header(&words.opportunity_header[..5], 1).replace(
                "</tr></thead>",
                &format!("<th>{}</th></tr></thead>", words.opportunity_header[5])
            )
        );
        Context {
            fw,
            scores,
            lang,
            words,
            frame,
            unmet_head,
            opportunity_head,
        }
    }
}

/// The `<section>` of one provider.
pub fn section(cx: &Context, g: &Gap) -> String {
    let (fw, lang, w) = (cx.fw, cx.lang, cx.words);
    let p = &cx.scores.providers[g.provider];
    let mut out = format!(
        "<section class=\"provider\" id=\"{}\">\n<div class=\"provider-head\">",
        anchor(p)
    );
    out.push_str(&format!(
        "<span class=\"rank\">#{}</span><h3>{}{}</h3>{}<span class=\"total\">{}</span>",
        p.rank,
        escape(&p.provider),
        provider_name(p)
            .map(|n| format!(" · {}", escape(n)))
            .unwrap_or_default(),
        tier_badge(fw, p.tier.assigned, lang),
        fmt2(p.total)
    ));
    if let Some(region) = p.attributes.get("region").filter(|r| !r.is_empty()) {
        out.push_str(&format!("<span class=\"note\">{}</span>", escape(region)));
    }
    out.push_str("</div>\n<div class=\"provider-body\">\n<div>\n");
    out.push_str(&radar_block(cx, p, g));
    out.push_str("</div>\n<div>\n");
    out.push_str(&dimension_table(fw, cx.scores, g, lang, w));
    out.push_str("</div>\n</div>\n");
    out.push_str(&gap_block(cx, g));
    out.push_str("</section>\n");
    out
}

/// The dimension labels of the radar, in `lang`.
fn radar_labels(fw: &Framework, lang: Lang) -> Vec<&str> {
    fw.dimensions.iter().map(|d| d.doc.display(lang)).collect()
}

fn radar_block(cx: &Context, p: &ProviderScore, g: &Gap) -> String {
    let (fw, lang, w) = (cx.fw, cx.lang, cx.words);
    let ring = ring_tier(g);
    let chart = Radar {
        labels: radar_labels(fw, lang),
        scores: p.dimensions.to_vec(),
        ring: ring.map(|(t, _)| ring_value(&fw.tiers[t])),
    };
    let mut out = radar(&cx.frame, &chart, &p.provider);
    out.push_str(&format!(
        "<p class=\"legend\"><span class=\"swatch\"></span>{}",
        w.score_polygon
    ));
    if let Some((t, is_target)) = ring {
        let tier = &fw.tiers[t];
        let kind = if tier.min_each_dimension.is_some() {
            w.ring_each
        } else {
            w.ring_total
        };
        out.push_str(&format!(
            "<br><span class=\"swatch ring\"></span>{}{}{}{}{kind} {}",
            if is_target { w.ring } else { w.ring_own },
            w.open,
            escape(tier.doc.display(lang)),
            w.close,
            fmt2(ring_value(tier))
        ));
    }
    out.push_str("</p>\n");
    out
}

/// What tier `t` asks of dimension `d`: the larger of `min_each_dimension` and
/// any `at_least` require on it.
fn dimension_floor(fw: &Framework, t: usize, d: usize) -> Option<f64> {
    let tier = &fw.tiers[t];
    let requires = tier
        .require
        .iter()
        .filter_map(|c| match (&c.subject, &c.comparison) {
            (Subject::Dimension(x), Comparison::AtLeast(b)) if *x == d => Some(*b),
            _ => None,
        });
    requires.chain(tier.min_each_dimension).reduce(f64::max)
}

/// Dimension, score and what the ring tier asks of it.
fn dimension_table(fw: &Framework, scores: &Scores, g: &Gap, lang: Lang, w: &Words) -> String {
    let p = &scores.providers[g.provider];
    let ring = ring_tier(g).map(|(t, _)| t);
    let mut out = format!(
        "<table class=\"dimensions\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>\n",
        w.dimension_score_header[0], w.dimension_score_header[1], w.dimension_score_header[2]
    );
    let required = |floor: Option<f64>| floor.map(|f| format!("≥ {}", fmt2(f))).unwrap_or_default();
    for (d, (dim, score)) in fw.dimensions.iter().zip(&p.dimensions).enumerate() {
        let floor = ring.and_then(|t| dimension_floor(fw, t, d));
        let below = matches!((score, floor), (Some(s), Some(f)) if *s < f - TOLERANCE);
        let class = if below { "num warn" } else { "num" };
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"{class}\">{}</td><td class=\"num\">{}</td></tr>\n",
            escape(dim.doc.display(lang)),
            score.map_or("—".to_string(), fmt2),
            required(floor)
        ));
    }
    let floor = ring.map(|t| fw.tiers[t].min_total);
    let below = floor.is_some_and(|f| p.total < f - TOLERANCE);
    out.push_str(&format!(
        "<tr><th>{}</th><th class=\"{}\">{}</th><th class=\"num\">{}</th></tr>\n",
        w.total,
        if below { "num warn" } else { "num" },
        fmt2(p.total),
        required(floor)
    ));
    out.push_str("</tbody></table>\n");
    out
}

/// The target, the unmet conditions and the top opportunities.
fn gap_block(cx: &Context, g: &Gap) -> String {
    let (fw, lang, w) = (cx.fw, cx.lang, cx.words);
    let mut out = String::new();
    if g.current == Assigned::Vetoed {
        out.push_str(&format!("<p class=\"warn\">{}</p>\n", w.vetoed_note));
    }
    out.push_str(&crate::report::required::html(fw, &g.incomplete, lang));
    let Some(t) = g.target else {
        out.push_str(&format!("<p class=\"ok\">{}</p>\n", w.top));
        return out;
    };
    out.push_str(&format!(
        "<h4>{} — {}: {}</h4>\n",
        w.unmet,
        w.target,
        escape(fw.tiers[t].doc.display(lang))
    ));
    if g.unmet.is_empty() {
        out.push_str(&format!("<p class=\"ok\">{}</p>\n", w.all_met));
    } else {
        out.push_str(&unmet_table(cx, g));
    }
    out.push_str(&format!("<h4>{}</h4>\n", w.opportunities));
    if g.opportunities.is_empty() {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", w.no_opportunities));
    } else {
        out.push_str(&opportunity_table(cx, g));
        let short = g.unmet.iter().any(|u| u.kind == UnmetKind::Total);
        if short && g.opportunities.iter().all(|o| o.value_needed.is_none()) {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", w.no_single));
        }
    }
    out
}

fn header(titles: &[&str], numeric_from: usize) -> String {
    let cells: String = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let class = if i >= numeric_from {
                " class=\"num\""
            } else {
                ""
            };
            format!("<th{class}>{t}</th>")
        })
        .collect();
    format!("<thead><tr>{cells}</tr></thead>")
}

fn unmet_table(cx: &Context, g: &Gap) -> String {
    let (fw, lang) = (cx.fw, cx.lang);
    let mut out = cx.unmet_head.clone();
    for u in &g.unmet {
        let item = match u.veto.and_then(|v| fw.vetoes[v].display_reason(lang)) {
            Some(reason) => format!("{} {reason}", u.item.id(fw)),
            None => item_label(fw, u.item, lang),
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            kind_label(u.kind, lang),
            escape(&item),
            escape(&value_cell(u.current.as_ref())),
            escape(&required_label(u)),
            u.shortfall.map(fmt2).unwrap_or_default()
        ));
    }
    out.push_str("</tbody></table></div>\n");
    out
}

fn opportunity_table(cx: &Context, g: &Gap) -> String {
    let (fw, lang, w) = (cx.fw, cx.lang, cx.words);
    let mut out = cx.opportunity_head.clone();
    for o in g.opportunities.iter().take(TOP_OPPORTUNITIES) {
        let ind = &fw.indicators[o.indicator];
        let with_unit = |v: Option<&Value>| match (v, &ind.unit) {
            (Some(Value::Number(n)), Some(u)) => format!("{} {u}", trim(*n)),
            (None, _) => "—".to_string(),
            (Some(v), _) => v.to_string(),
        };
        let value = match &o.value {
            None => w.missing_value.to_string(),
            Some(v) => with_unit(Some(v)),
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
            escape(&item_label(fw, Item::Indicator(o.indicator), lang)),
            escape(&value),
            o.score.map(fmt2).unwrap_or_default(),
            fmt2(o.points_available),
            escape(&with_unit(o.value_needed.as_ref())),
            escape(ind.advice.as_deref().unwrap_or_default())
        ));
    }
    out.push_str("</tbody></table></div>\n");
    out
}
