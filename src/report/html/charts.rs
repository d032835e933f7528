//! Inline SVG bar charts: the tier distribution and the regional stacked bars,
//! and the text measuring the charts share. No scripts, no external files.

use super::{escape, tier_class};
use crate::framework::{Framework, Lang};
use crate::report::scores::tier_label;
use crate::score::Scores;
use crate::summary::{Group, Summary};
use crate::tier::Assigned;

use super::words::Words;

/// Every outcome best first: the tiers, `incomplete`, `none`, `vetoed`.
pub fn outcomes(fw: &Framework) -> Vec<Assigned> {
    Assigned::all(fw)
}

pub const LABEL_WIDTH: f64 = 150.0;
pub const BAR_AREA: f64 = 440.0;
pub const ROW: f64 = 34.0;
/// How much text fits left of the bars (see [`units`]).
pub const LABEL_UNITS: usize = 20;

/// One horizontal bar (`<rect>`) per outcome, best first, even when its count is 0.
pub fn tier_chart(fw: &Framework, scores: &Scores, lang: Lang, w: &Words) -> String {
    let kinds = outcomes(fw);
    let mut counts = vec![0usize; kinds.len()];
    for p in &scores.providers {
        counts[p.tier.assigned.order(fw)] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let height = ROW * kinds.len() as f64 + 10.0;
    let width = LABEL_WIDTH + BAR_AREA + 50.0;
    let mut svg = format!(
        "<svg class=\"tier-chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">\n",
        w.tier_chart
    );
    svg.push_str(&format!(
        "<line class=\"axis\" x1=\"{LABEL_WIDTH}\" y1=\"0\" x2=\"{LABEL_WIDTH}\" y2=\"{height}\"/>\n"
    ));
    for (i, (kind, n)) in kinds.iter().zip(&counts).enumerate() {
        let y = 5.0 + ROW * i as f64;
        let bar = (BAR_AREA * *n as f64 / max).round();
        let full = tier_label(fw, *kind, lang);
        let label = escape(&full);
        svg.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            LABEL_WIDTH - 8.0,
            y + 18.0,
            escape(&clip(&full, LABEL_UNITS))
        ));
        svg.push_str(&format!(
            "<rect class=\"bar fill-{}\" x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{bar}\" height=\"24\"><title>{label}: {n}</title></rect>\n",
            tier_class(*kind),
            y + 1.0
        ));
        svg.push_str(&format!(
            "<text class=\"count\" x=\"{}\" y=\"{}\">{n}</text>\n",
            LABEL_WIDTH + bar + 6.0,
            y + 18.0
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// One stacked bar per region (not the `all` row); a segment per non-empty outcome,
/// with a legend of every outcome.
pub fn region_chart(fw: &Framework, summary: &Summary, lang: Lang, w: &Words) -> String {
    let groups: Vec<_> = summary
        .groups
        .iter()
        .filter(|g| g.group != Group::All)
        .collect();
    let max = groups.iter().map(|g| g.providers).max().unwrap_or(0).max(1) as f64;
    let kinds = outcomes(fw);
    let legend_rows = 1.0;
    let height = ROW * (groups.len() as f64 + legend_rows) + 10.0;
    let width = LABEL_WIDTH + BAR_AREA + 50.0;
    let mut svg = format!(
        "<svg class=\"region-chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">\n",
        w.region_chart
    );
    for (i, g) in groups.iter().enumerate() {
        let y = 5.0 + ROW * i as f64;
        let name = match (&g.group, lang) {
            (Group::Value(v), _) => v.as_str(),
            (_, Lang::Zh) => "(未填写)",
            (_, Lang::En) => "(none)",
        };
        svg.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>\n",
            LABEL_WIDTH - 8.0,
            y + 18.0,
            escape(name),
            escape(&clip(name, LABEL_UNITS))
        ));
        let mut x = LABEL_WIDTH;
        for (kind, n) in kinds.iter().zip(&g.tiers).filter(|(_, n)| **n > 0) {
            let width = (BAR_AREA * *n as f64 / max * 100.0).round() / 100.0;
            svg.push_str(&format!(
                "<rect class=\"segment fill-{}\" x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"24\"><title>{}: {n}</title></rect>\n",
                tier_class(*kind),
                y + 1.0,
                escape(&tier_label(fw, *kind, lang))
            ));
            x += width;
        }
        svg.push_str(&format!(
            "<text class=\"count\" x=\"{}\" y=\"{}\">{}</text>\n",
            x + 6.0,
            y + 18.0,
            g.providers
        ));
    }
    let y = 5.0 + ROW * groups.len() as f64 + 14.0;
    let mut x = LABEL_WIDTH;
    for kind in &kinds {
        let label = escape(&tier_label(fw, *kind, lang));
        svg.push_str(&format!(
            "<circle class=\"fill-{}\" cx=\"{}\" cy=\"{}\" r=\"6\"/><text class=\"small\" x=\"{}\" y=\"{}\">{label}</text>\n",
            tier_class(*kind),
            x + 6.0,
            y - 4.0,
            x + 16.0,
            y
        ));
        x += 30.0 + 12.0 * label.chars().count().min(12) as f64;
    }
    svg.push_str("</svg>\n");
    svg
}

/// The width of text in units: a CJK (non-ASCII) character is 2, others 1.
pub fn units(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The text cut to at most `width` units, with `…` when cut.
pub fn clip(text: &str, width: usize) -> String {
    if units(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if units(&out) + units(c.encode_utf8(&mut [0; 4])) + units("…") > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Splits text into lines of at most `width` units (a CJK character is 2 units,
/// other characters 1), breaking at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let units = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_inclusive(' ') {
        if !line.is_empty() && units(&line) + units(word.trim_end()) > width {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        for c in word.chars() {
            if units(&line) + units(c.encode_utf8(&mut [0; 4])) > width && !c.is_whitespace() {
                lines.push(line.trim_end().to_string());
                line.clear();
            }
            line.push(c);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_cjk() {
        assert_eq!(
            wrap("Technical & professional capability", 18),
            vec!["Technical &", "professional", "capability"]
        );
        assert_eq!(wrap("技术与专业能力", 18), vec!["技术与专业能力"]);
        assert_eq!(
            wrap("一二三四五六七八九十", 18),
            vec!["一二三四五六七八九", "十"]
        );
    }

    #[test]
    fn clips_long_labels() {
        assert_eq!(clip("杭州", 20), "杭州");
        assert_eq!(
            clip("宁波\" onmouseover=\"alert(2)", 20),
            "宁波\" onmouseover=…"
        );
        assert_eq!(clip("一二三四五六七八九十十一", 20), "一二三四五六七八九…");
    }
}
