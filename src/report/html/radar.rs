//! The radar of one provider's dimension scores against its tier's floor
//! (inline SVG), or bars when there are fewer than three dimensions.
//!
//! What every radar of a page shares is drawn once, in an invisible
//! `<svg class="radar-defs">` before the first provider ([`Frame::defs`]): the
//! grid rings, the spokes and the dimension names (`#radar-frame`), that frame
//! with each tier's floor as a dashed ring (`#radar-ring-T`, T the tier's
//! position) and the dot marked on each vertex of a score polygon
//! (`#radar-dot`, a `<marker>`). A provider's chart is one `<use>` of its
//! frame, its score polygon and its scores: a few hundred bytes instead of two
//! kilobytes, and what the reader sees is the same.

use super::charts::{LABEL_UNITS, LABEL_WIDTH, ROW, clip, wrap};
use super::escape_into;
use crate::number::{fmt2_into, push_digits};

const SIZE_W: f64 = 440.0;
const SIZE_H: f64 = 330.0;
const CX: f64 = 220.0;
const CY: f64 = 165.0;
const RADIUS: f64 = 105.0;
/// The radius of the dot on each vertex.
const DOT: f64 = 3.0;

/// The direction (cosine, sine) of spoke `i` of `n`, the first straight up.
fn direction(i: usize, n: usize) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    (angle.cos(), angle.sin())
}

/// The point at `value` (0–100) on the spoke of direction `(cos, sin)`.
fn at((cos, sin): (f64, f64), value: f64) -> (f64, f64) {
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    (CX + r * cos, CY + r * sin)
}

/// The point at `value` (0–100) on spoke `i` of `n`.
fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    at(direction(i, n), value)
}

/// A coordinate with one decimal, as `{:.1}` writes it (the nearest tenth of
/// the number's exact value, ties to even), without the formatting machinery:
/// a report writes a polygon per provider.
fn coordinate(x: f64, out: &mut String) {
    if x.is_sign_negative() {
        out.push('-');
    }
    let x = x.abs();
    let y = x * 10.0;
    // Truncation and the exact remainder rather than a rounding call (a
    // software routine on the baseline target).
    let whole = y as u64;
    let rest = y - whole as f64;
    let tenths = if rest > 0.5 {
        whole + 1
    } else if rest < 0.5 {
        whole
    } else {
        // A tie after the product's rounding may not be one in x's exact
        // value: the product's error (exact by a fused multiply-add) decides.
        let error = x.mul_add(10.0, -y);
        if error > 0.0 {
            whole + 1
        } else if error < 0.0 {
            whole
        } else {
            whole + (whole & 1)
        }
    };
    push_digits(tenths / 10, out);
    out.push('.');
    out.push(char::from(b'0' + (tenths % 10) as u8));
}

/// The `points` of a polygon through `value(i)` on each spoke (of these directions).
fn points(spokes: &[(f64, f64)], value: impl Fn(usize) -> f64, out: &mut String) {
    for (i, &spoke) in spokes.iter().enumerate() {
        let (x, y) = at(spoke, value(i));
        if i > 0 {
            out.push(' ');
        }
        coordinate(x, out);
        out.push(',');
        coordinate(y, out);
    }
}

/// The radar parts a page draws once, and what each chart needs to place its
/// own values (see the module).
pub struct Frame {
    /// The `<svg class="radar-defs">` every chart uses; empty for bars.
    defs: String,
    /// Per dimension, the opening `<text …>` of its score below its name.
    values: Vec<String>,
    /// The dimension names (for bars).
    labels: Vec<String>,
    /// Each tier's floor (for bars).
    rings: Vec<f64>,
    /// The direction of each spoke (sines and cosines once per report).
    spokes: Vec<(f64, f64)>,
    /// Per tier, the `<use>` of the frame with its ring.
    uses: Vec<String>,
    /// The rest of a chart's opening tag, after its label.
    open_end: String,
}

impl Frame {
    /// The frame of radars with these dimension labels and these floors, one per tier.
    pub fn new(labels: &[&str], rings: &[f64]) -> Self {
        let n = labels.len();
        let mut frame = Frame {
            defs: String::new(),
            values: Vec::new(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            rings: rings.to_vec(),
            spokes: (0..n).map(|i| direction(i, n)).collect(),
            uses: (0..rings.len())
                .map(|t| format!("<use href=\"#radar-ring-{t}\"/>\n"))
                .collect(),
            open_end: format!(
                "\" viewBox=\"0 0 {SIZE_W} {SIZE_H}\" width=\"{SIZE_W}\" height=\"{SIZE_H}\">\n"
            ),
        };
        if n < 3 {
            return frame;
        }
        let defs = &mut frame.defs;
        defs.push_str(
            "<svg class=\"radar-defs\" aria-hidden=\"true\" width=\"0\" height=\"0\"><defs>\n",
        );
        defs.push_str(&format!(
            "<marker id=\"radar-dot\" viewBox=\"-{DOT} -{DOT} {0} {0}\" markerWidth=\"{0}\" markerHeight=\"{0}\" markerUnits=\"userSpaceOnUse\"><circle class=\"dot\" r=\"{DOT}\"/></marker>\n",
            2.0 * DOT
        ));
        defs.push_str("<g id=\"radar-frame\">\n");
        for level in [25.0, 50.0, 75.0, 100.0] {
            defs.push_str("<polygon class=\"radar-grid\" points=\"");
            points(&frame.spokes, |_| level, defs);
            defs.push_str("\"/>\n");
        }
        for i in 0..n {
            let (x, y) = point(i, n, 100.0);
            defs.push_str(&format!(
                "<line class=\"radar-spoke\" x1=\"{CX}\" y1=\"{CY}\" x2=\"{x:.1}\" y2=\"{y:.1}\"/>\n"
            ));
        }
        for (i, label) in labels.iter().enumerate() {
            let (name, value) = label_text(i, n, label);
            defs.push_str(&name);
            frame.values.push(value);
        }
        defs.push_str("</g>\n");
        for (t, ring) in rings.iter().enumerate() {
            defs.push_str(&format!(
                "<g id=\"radar-ring-{t}\"><use href=\"#radar-frame\"/><polygon class=\"radar-ring\" points=\""
            ));
            points(&frame.spokes, |_| *ring, defs);
            defs.push_str("\"/></g>\n");
        }
        defs.push_str("</defs></svg>\n");
        frame
    }

    /// The shared parts, to write once before the first chart (empty when
    /// the charts are bars, which share nothing).
    pub fn defs(&self) -> &str {
        &self.defs
    }
}

/// Appends to `out` the radar of `scores` (one per dimension, `None` drawn at 0
/// and shown as —) with the floor of tier `ring` as a dashed ring, labelled
/// `aria` for screen readers. The frame comes from [`Frame::defs`]; the chart
/// adds exactly one `radar-score` polygon, its dots marked on its vertices.
/// With fewer than three dimensions a radar is a line, so bars are drawn instead.
pub fn radar(
    frame: &Frame,
    scores: &[Option<f64>],
    ring: Option<usize>,
    aria: &str,
    out: &mut String,
) {
    let n = frame.labels.len();
    if n < 3 {
        return bars(frame, scores, ring.map(|t| frame.rings[t]), aria, out);
    }
    out.push_str("<svg class=\"radar\" role=\"img\" aria-label=\"");
    escape_into(aria, out);
    out.push_str(&frame.open_end);
    match ring.and_then(|t| frame.uses.get(t)) {
        Some(with_ring) => out.push_str(with_ring),
        None => out.push_str("<use href=\"#radar-frame\"/>\n"),
    }
    let value = |i: usize| scores.get(i).copied().flatten();
    out.push_str("<polygon class=\"radar-score\" points=\"");
    points(&frame.spokes, |i| value(i).unwrap_or(0.0), out);
    out.push_str("\"/>\n");
    for (i, open) in frame.values.iter().enumerate() {
        out.push_str(open);
        match value(i) {
            Some(v) => fmt2_into(v, out),
            None => out.push('—'),
        }
        out.push_str("</text>\n");
    }
    out.push_str("</svg>\n");
}

/// One horizontal bar per dimension (0–100) with the ring as a dashed line.
fn bars(frame: &Frame, scores: &[Option<f64>], ring: Option<f64>, aria: &str, out: &mut String) {
    // Room on the right for the score text.
    let scale = (SIZE_W - LABEL_WIDTH - 60.0) / 100.0;
    let height = ROW * frame.labels.len() as f64 + 24.0;
    out.push_str("<svg class=\"dimension-bars\" role=\"img\" aria-label=\"");
    escape_into(aria, out);
    out.push_str(&format!(
        "\" viewBox=\"0 0 {SIZE_W} {height}\" width=\"{SIZE_W}\" height=\"{height}\">\n"
    ));
    for (i, label) in frame.labels.iter().enumerate() {
        let y = 5.0 + ROW * i as f64;
        let score = scores.get(i).copied().flatten();
        let width = score.map_or(0.0, |s| {
            (s.clamp(0.0, 100.0) * scale * 100.0).round() / 100.0
        });
        out.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">",
            LABEL_WIDTH - 8.0,
            y + 18.0,
        ));
        escape_into(&clip(label, LABEL_UNITS), out);
        out.push_str(&format!(
            "</text>\n<rect class=\"bar-score\" x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{width}\" height=\"24\"/>\n",
            y + 1.0
        ));
        out.push_str(&format!(
            "<text class=\"count\" x=\"{}\" y=\"{}\">",
            LABEL_WIDTH + width + 6.0,
            y + 18.0,
        ));
        match score {
            Some(v) => fmt2_into(v, out),
            None => out.push('—'),
        }
        out.push_str("</text>\n");
    }
    if let Some(ring) = ring {
        let x = LABEL_WIDTH + ring.clamp(0.0, 100.0) * scale;
        out.push_str(&format!(
            "<line class=\"ring-line\" x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"{}\"/>\n",
            height - 20.0
        ));
    }
    out.push_str("</svg>\n");
}

/// A spoke's label outside the outer ring: the dimension's name wrapped onto
/// short lines (for the frame), and the opening `<text …>` of the score on the
/// line below it (for each chart).
fn label_text(i: usize, n: usize, label: &str) -> (String, String) {
    let (x, y) = point(i, n, 100.0);
    let (dx, dy) = (x - CX, y - CY);
    let anchor = if dx.abs() < 1.0 {
        " text-anchor=\"middle\""
    } else if dx > 0.0 {
        ""
    } else {
        " text-anchor=\"end\""
    };
    let names = wrap(label, 20);
    // The score is the last line.
    let lines = names.len() as f64 + 1.0;
    let lx = x + dx.signum() * if dx.abs() < 1.0 { 0.0 } else { 8.0 };
    let top = if dy < -1.0 {
        y - 8.0 - 14.0 * (lines - 1.0)
    } else if dy > 1.0 {
        y + 18.0
    } else {
        y - 7.0 * (lines - 1.0) + 4.0
    };
    let mut name = format!("<text class=\"radar-name\" x=\"{lx:.1}\" y=\"{top:.1}\"{anchor}>");
    for (k, line) in names.iter().enumerate() {
        let dy = if k == 0 { 0.0 } else { 14.0 };
        name.push_str(&format!("<tspan x=\"{lx:.1}\" dy=\"{dy}\">"));
        escape_into(line, &mut name);
        name.push_str("</tspan>");
    }
    name.push_str("</text>\n");
    let value = format!(
        "<text class=\"count\" x=\"{lx:.1}\" y=\"{:.1}\"{anchor}>",
        top + 14.0 * names.len() as f64
    );
    (name, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(frame: &Frame, scores: &[Option<f64>], ring: Option<usize>) -> String {
        let mut out = String::new();
        radar(frame, scores, ring, "x", &mut out);
        out
    }

    #[test]
    fn fewer_than_three_dimensions_draw_bars() {
        let frame = Frame::new(&["a", "b"], &[60.0]);
        assert_eq!(frame.defs(), "");
        let svg = chart(&frame, &[Some(50.0), None], Some(0));
        assert!(svg.starts_with("<svg class=\"dimension-bars\""));
        assert_eq!(svg.matches("<polygon").count(), 0);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("class=\"ring-line\"").count(), 1);
    }

    #[test]
    fn the_frame_is_drawn_once_and_each_chart_uses_it() {
        let frame = Frame::new(&["a", "b", "<c>"], &[80.0, 60.0]);
        let defs = frame.defs();
        // Four grid rings, one ring per tier; the names, escaped, only here.
        assert_eq!(defs.matches("<polygon class=\"radar-grid\"").count(), 4);
        assert_eq!(defs.matches("<polygon class=\"radar-ring\"").count(), 2);
        assert!(defs.contains("&lt;c&gt;") && !defs.contains("<c>"));
        assert!(defs.contains("<g id=\"radar-ring-1\"><use href=\"#radar-frame\"/>"));
        let svg = chart(&frame, &[Some(50.0), None, Some(100.0)], Some(1));
        assert_eq!(svg.matches("<use").count(), 1);
        assert!(svg.contains("<use href=\"#radar-ring-1\"/>"));
        assert_eq!(svg.matches("<polygon").count(), 1);
        assert_eq!(svg.matches("radar-score").count(), 1);
        assert!(!svg.contains("&lt;c&gt;"));
        // Spoke 0 points up: 50 is half the radius (105) above the centre
        // (220, 165); spoke 1 at 0 is the centre; spoke 2 at 100 is the outer
        // ring, 120° from spoke 0: (220 + 105 sin 240°, 165 − 105 cos 240°).
        assert!(svg.contains("points=\"220.0,112.5 220.0,165.0 129.1,217.5\""));
        assert!(svg.contains(">50.00</text>") && svg.contains(">—</text>"));
        assert!(chart(&frame, &[None; 3], None).contains("<use href=\"#radar-frame\"/>"));
    }

    /// The same text as the standard formatter's `{:.1}`, on exact ties
    /// (128.25), numbers just off one (0.15 is 0.1499…), hundredths and
    /// pseudo-random reals over a chart's range.
    #[test]
    fn coordinates_are_written_as_the_formatter_does() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut random = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let hundredths = (0..50_000).map(|c| c as f64 / 100.0);
        let reals: Vec<f64> = (0..50_000).map(|_| random() * 460.0 - 10.0).collect();
        let fixed = [
            0.0,
            -0.0,
            0.15,
            0.25,
            0.35,
            128.25,
            191.25,
            2.675,
            1e6 + 0.05,
        ];
        for x in hundredths.chain(reals).chain(fixed) {
            let mut out = String::new();
            coordinate(x, &mut out);
            assert_eq!(out, format!("{x:.1}"), "{x:?}");
        }
        let mut out = String::new();
        coordinate(128.25, &mut out);
        assert_eq!(out, "128.2");
    }
}
