//! One provider's section: radar chart, dimension scores, unmet conditions and
//! the top opportunities from [`crate::gap`].
//!
//! A large report is mostly these sections, so each is written straight into
//! the buffer of its chunk (no string per cell), with what is the same in
//! every section (table heads, escaped names, the radar frame) made once in
//! [`Context`]. Numeric columns are right-aligned by the stylesheet, per table
//! and column, not by a class on every cell.

use super::radar::{Frame, radar};
use super::words::Words;
use super::{anchor_into, escape, escape_into, provider_name, tier_badges};
use crate::framework::{Comparison, Framework, Lang, Subject, Tier};
use crate::gap::{Gap, Item, UnmetKind};
use crate::number::{fmt2_into, push_digits, trim_into};
use crate::report::gap::{
    item_label, item_label_into, kind_label, required_label_into, value_into,
};
use crate::rule::Value;
use crate::score::{Scores, TOLERANCE};
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
    /// Per dimension, its escaped name.
    dimensions: Vec<String>,
    /// The badge of each outcome, in [`Assigned::order`].
    badges: Vec<String>,
    /// Per indicator, its escaped `id name` and advice.
    indicators: Vec<(String, String)>,
    /// The opening of every dimension table, up to its rows.
    dimension_head: String,
    /// The opening of every unmet-conditions table, up to its rows.
    unmet_head: String,
    /// The opening of every opportunities table, up to its rows.
    opportunity_head: String,
}

impl<'a> Context<'a> {
    /// The context of a report on `scores`, with its radar frame.
    pub fn new(fw: &'a Framework, scores: &'a Scores, lang: Lang, words: &'a Words) -> Self {
        let labels: Vec<&str> = fw.dimensions.iter().map(|d| d.doc.display(lang)).collect();
        let rings: Vec<f64> = fw.tiers.iter().map(ring_value).collect();
        let table = |class: &str, titles: &[&str]| {
            let cells: String = titles.iter().map(|t| format!("<th>{t}</th>")).collect();
            format!("<table class=\"{class}\"><thead><tr>{cells}</tr></thead><tbody>\n")
        };
        let wrapped = |head: String| format!("<div class=\"table-wrap\">{head}");
        Context {
            fw,
            scores,
            lang,
            words,
            frame: Frame::new(&labels, &rings),
            dimensions: labels.iter().map(|l| escape(l)).collect(),
            badges: tier_badges(fw, lang),
            indicators: (0..fw.indicators.len())
                .map(|k| {
                    let ind = &fw.indicators[k];
                    (
                        escape(&item_label(fw, Item::Indicator(k), lang)),
                        escape(ind.advice.as_deref().unwrap_or_default()),
                    )
                })
                .collect(),
            dimension_head: table("dimensions", &words.dimension_score_header),
            unmet_head: wrapped(table("unmet", &words.unmet_header)),
            opportunity_head: wrapped(table("opportunities", &words.opportunity_header)),
        }
    }
}

/// Appends the `<section>` of provider `g.provider` to `out`.
pub fn section(cx: &Context, g: &Gap, out: &mut String) {
    let fw = cx.fw;
    let p = &cx.scores.providers[g.provider];
    out.push_str("<section class=\"provider\" id=\"");
    anchor_into(p, out);
    out.push_str("\">\n<div class=\"provider-head\"><span class=\"rank\">#");
    push_digits(p.rank as u64, out);
    out.push_str("</span><h3>");
    escape_into(&p.provider, out);
    if let Some(name) = provider_name(p) {
        out.push_str(" · ");
        escape_into(name, out);
    }
    out.push_str("</h3>");
    if let Some(badge) = cx.badges.get(p.tier.assigned.order(fw)) {
        out.push_str(badge);
    }
    out.push_str("<span class=\"total\">");
    fmt2_into(p.total, out);
    out.push_str("</span>");
    if let Some(region) = p.attributes.get("region").filter(|r| !r.is_empty()) {
        out.push_str("<span class=\"note\">");
        escape_into(region, out);
        out.push_str("</span>");
    }
    out.push_str("</div>\n<div class=\"provider-body\">\n<div>\n");
    radar(
        &cx.frame,
        &p.dimensions,
        ring_tier(g).map(|(t, _)| t),
        &p.provider,
        out,
    );
    legend(cx, g, out);
    out.push_str("</div>\n<div>\n");
    dimension_table(cx, g, out);
    out.push_str("</div>\n</div>\n");
    gap_block(cx, g, out);
    out.push_str("</section>\n");
}

/// What the radar's lines are: the scores, and the ring's tier and floor.
fn legend(cx: &Context, g: &Gap, out: &mut String) {
    let w = cx.words;
    out.push_str("<p class=\"legend\"><span class=\"swatch\"></span>");
    out.push_str(w.score_polygon);
    if let Some((t, is_target)) = ring_tier(g) {
        let tier = &cx.fw.tiers[t];
        out.push_str("<br><span class=\"swatch ring\"></span>");
        out.push_str(if is_target { w.ring } else { w.ring_own });
        out.push_str(w.open);
        escape_into(tier.doc.display(cx.lang), out);
        out.push_str(w.close);
        out.push_str(if tier.min_each_dimension.is_some() {
            w.ring_each
        } else {
            w.ring_total
        });
        out.push(' ');
        fmt2_into(ring_value(tier), out);
    }
    out.push_str("</p>\n");
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

/// The tags between the cells of a row of `<td>` or of `<th>` cells.
struct CellTags {
    /// Closes a cell and opens the next.
    next: &'static str,
    /// Closes a cell and opens the next, marked as below its floor.
    next_warn: &'static str,
    /// Closes the last cell and the row.
    end: &'static str,
}

/// The tags of a row of `<td>` cells.
const TD: CellTags = CellTags {
    next: "</td><td>",
    next_warn: "</td><td class=\"warn\">",
    end: "</td></tr>\n",
};

/// The tags of a row of `<th>` cells.
const TH: CellTags = CellTags {
    next: "</th><th>",
    next_warn: "</th><th class=\"warn\">",
    end: "</th></tr>\n",
};

/// Dimension, score and what the ring tier asks of it.
fn dimension_table(cx: &Context, g: &Gap, out: &mut String) {
    let fw = cx.fw;
    let p = &cx.scores.providers[g.provider];
    let ring = ring_tier(g).map(|(t, _)| t);
    out.push_str(&cx.dimension_head);
    // The rest of a row: a score, marked when below its floor, and the
    // floor; `tags` are the row's cell tags ([`TD`] or [`TH`]).
    let row = |out: &mut String, tags: &CellTags, score: Option<f64>, floor: Option<f64>| {
        let below = matches!((score, floor), (Some(s), Some(f)) if s < f - TOLERANCE);
        out.push_str(if below { tags.next_warn } else { tags.next });
        match score {
            Some(s) => fmt2_into(s, out),
            None => out.push('—'),
        }
        out.push_str(tags.next);
        if let Some(f) = floor {
            out.push_str("≥ ");
            fmt2_into(f, out);
        }
        out.push_str(tags.end);
    };
    for (d, score) in p.dimensions.iter().enumerate() {
        out.push_str("<tr><td>");
        out.push_str(&cx.dimensions[d]);
        row(
            out,
            &TD,
            *score,
            ring.and_then(|t| dimension_floor(fw, t, d)),
        );
    }
    out.push_str("<tr><th>");
    out.push_str(cx.words.total);
    row(out, &TH, Some(p.total), ring.map(|t| fw.tiers[t].min_total));
    out.push_str("</tbody></table>\n");
}

/// The target, the unmet conditions and the top opportunities.
fn gap_block(cx: &Context, g: &Gap, out: &mut String) {
    let (fw, lang, w) = (cx.fw, cx.lang, cx.words);
    let paragraph = |out: &mut String, class: &str, text: &str| {
        out.push_str("<p class=\"");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(text);
        out.push_str("</p>\n");
    };
    if g.current == Assigned::Vetoed {
        paragraph(out, "warn", w.vetoed_note);
    }
    out.push_str(&crate::report::required::html(fw, &g.incomplete, lang));
    let Some(t) = g.target else {
        paragraph(out, "ok", w.top);
        return;
    };
    for part in ["<h4>", w.unmet, " — ", w.target, ": "] {
        out.push_str(part);
    }
    escape_into(fw.tiers[t].doc.display(lang), out);
    out.push_str("</h4>\n");
    if g.unmet.is_empty() {
        paragraph(out, "ok", w.all_met);
    } else {
        unmet_table(cx, g, out);
    }
    for part in ["<h4>", w.opportunities, "</h4>\n"] {
        out.push_str(part);
    }
    if g.opportunities.is_empty() {
        paragraph(out, "note", w.no_opportunities);
    } else {
        opportunity_table(cx, g, out);
        let short = g.unmet.iter().any(|u| u.kind == UnmetKind::Total);
        if short && g.opportunities.iter().all(|o| o.value_needed.is_none()) {
            paragraph(out, "note", w.no_single);
        }
    }
}

/// Appends `<td>text</td>`, escaped.
fn cell(text: &str, out: &mut String) {
    out.push_str("<td>");
    escape_into(text, out);
    out.push_str("</td>");
}

fn unmet_table(cx: &Context, g: &Gap, out: &mut String) {
    let (fw, lang) = (cx.fw, cx.lang);
    out.push_str(&cx.unmet_head);
    // Each label is made here, then escaped into its cell.
    let mut label = String::new();
    let mut labelled = |out: &mut String, make: &dyn Fn(&mut String)| {
        label.clear();
        make(&mut label);
        cell(&label, out);
    };
    for u in &g.unmet {
        out.push_str("<tr>");
        cell(kind_label(u.kind, lang), out);
        labelled(
            out,
            &|label| match u.veto.and_then(|v| fw.vetoes[v].display_reason(lang)) {
                Some(reason) => {
                    label.push_str(u.item.id(fw));
                    label.push(' ');
                    label.push_str(reason);
                }
                None => item_label_into(fw, u.item, lang, label),
            },
        );
        labelled(out, &|label| value_into(u.current.as_ref(), label));
        labelled(out, &|label| required_label_into(u, label));
        out.push_str("<td>");
        if let Some(s) = u.shortfall {
            fmt2_into(s, out);
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// A value as the evidence gives it, numbers as short as they can be written,
/// with the indicator's unit; `—` for none.
fn value_with_unit(v: Option<&Value>, unit: Option<&str>, out: &mut String) {
    match v {
        None => out.push('—'),
        Some(Value::Number(n)) => {
            trim_into(*n, out);
            if let Some(u) = unit {
                out.push(' ');
                escape_into(u, out);
            }
        }
        Some(v) => escape_into(&v.to_string(), out),
    }
}

fn opportunity_table(cx: &Context, g: &Gap, out: &mut String) {
    let (fw, w) = (cx.fw, cx.words);
    out.push_str(&cx.opportunity_head);
    for o in g.opportunities.iter().take(TOP_OPPORTUNITIES) {
        let unit = fw.indicators[o.indicator].unit.as_deref();
        let (label, advice) = &cx.indicators[o.indicator];
        out.push_str("<tr><td>");
        out.push_str(label);
        out.push_str("</td><td>");
        match &o.value {
            None => out.push_str(w.missing_value),
            Some(v) => value_with_unit(Some(v), unit, out),
        }
        out.push_str("</td><td>");
        if let Some(s) = o.score {
            fmt2_into(s, out);
        }
        out.push_str("</td><td>");
        fmt2_into(o.points_available, out);
        out.push_str("</td><td>");
        value_with_unit(o.value_needed.as_ref(), unit, out);
        out.push_str("</td><td>");
        out.push_str(advice);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}
