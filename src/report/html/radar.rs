//! The radar of one provider's dimension scores against its tier's floor
//! (inline SVG), or bars when there are fewer than three dimensions.

use super::charts::{LABEL_UNITS, LABEL_WIDTH, ROW, clip, wrap};
use super::escape;
use crate::number::fmt2;

/// What a radar shows: scores per dimension (0–100) and the ring to compare with.
pub struct Radar<'a> {
    /// Dimension labels, already in the report's language.
    pub labels: Vec<&'a str>,
    /// Scores per dimension; `None` (left out) is drawn at 0.
    pub scores: Vec<Option<f64>>,
    /// The floor to draw as a ring, if any.
    pub ring: Option<f64>,
}

const SIZE_W: f64 = 440.0;
const SIZE_H: f64 = 330.0;
const CX: f64 = 220.0;
const CY: f64 = 165.0;
const RADIUS: f64 = 105.0;

/// The point at `value` (0–100) on spoke `i` of `n`, first spoke straight up.
fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    (CX + r * angle.cos(), CY + r * angle.sin())
}

fn points(n: usize, value: impl Fn(usize) -> f64) -> String {
    (0..n)
        .map(|i| {
            let (x, y) = point(i, n, value(i));
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The parts of a radar that are the same for every provider with the same
/// dimensions: the grid rings, the spokes and each label up to its score.
/// Built once per report, so that each provider's chart only places its own
/// points.
pub struct Frame {
    /// The grid polygons and the spokes.
    grid: String,
    /// Per dimension, its label's text up to where the score goes.
    labels: Vec<String>,
}

/// What closes a label after its score (see [`label_text`]).
const LABEL_END: &str = "</tspan></text>\n";

impl Frame {
    /// The frame of a radar with these dimension labels.
    pub fn new(labels: &[&str]) -> Self {
        let n = labels.len();
        let mut grid = String::new();
        for level in [25.0, 50.0, 75.0, 100.0] {
            grid.push_str(&format!(
                "<polygon class=\"grid\" points=\"{}\"/>\n",
                points(n, |_| level)
            ));
        }
        for i in 0..n {
            let (x, y) = point(i, n, 100.0);
            grid.push_str(&format!(
                "<line class=\"spoke\" x1=\"{CX}\" y1=\"{CY}\" x2=\"{x:.1}\" y2=\"{y:.1}\"/>\n"
            ));
        }
        let labels = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let mut text = label_text(i, n, label, "");
                text.truncate(text.len() - LABEL_END.len());
                text
            })
            .collect();
        Frame { grid, labels }
    }
}

/// Grid rings at 25/50/75/100, spokes, the tier ring (dashed) and the score polygon,
/// on `frame`, built for the same labels.
/// Polygons: four `grid`, at most one `radar-ring`, exactly one `radar-score`.
/// With fewer than three dimensions a radar is a line, so bars are drawn instead.
pub fn radar(frame: &Frame, r: &Radar, aria: &str) -> String {
    if r.labels.len() < 3 {
        return bars(r, aria);
    }
    let n = r.labels.len();
    let mut svg = format!(
        "<svg class=\"radar\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {SIZE_W} {SIZE_H}\" width=\"{SIZE_W}\" height=\"{SIZE_H}\">\n",
        escape(aria)
    );
    svg.push_str(&frame.grid);
    if let Some(ring) = r.ring {
        svg.push_str(&format!(
            "<polygon class=\"radar-ring\" points=\"{}\"/>\n",
            points(n, |_| ring)
        ));
    }
    let value = |i: usize| r.scores.get(i).copied().flatten().unwrap_or(0.0);
    // Each point is written once and used by the polygon and its dot.
    let at: Vec<(String, String)> = (0..n)
        .map(|i| {
            let (x, y) = point(i, n, value(i));
            (format!("{x:.1}"), format!("{y:.1}"))
        })
        .collect();
    let polygon: Vec<String> = at.iter().map(|(x, y)| format!("{x},{y}")).collect();
    svg.push_str(&format!(
        "<polygon class=\"radar-score\" points=\"{}\"/>\n",
        polygon.join(" ")
    ));
    for (x, y) in &at {
        svg.push_str(&format!(
            "<circle class=\"dot\" cx=\"{x}\" cy=\"{y}\" r=\"3\"/>\n"
        ));
    }
    for (i, label) in frame.labels.iter().enumerate() {
        let score = r
            .scores
            .get(i)
            .copied()
            .flatten()
            .map_or("—".to_string(), fmt2);
        svg.push_str(label);
        svg.push_str(&escape(&score));
        svg.push_str(LABEL_END);
    }
    svg.push_str("</svg>\n");
    svg
}

/// One horizontal bar per dimension (0–100) with the ring as a dashed line.
fn bars(r: &Radar, aria: &str) -> String {
    // Room on the right for the score text.
    let scale = (SIZE_W - LABEL_WIDTH - 60.0) / 100.0;
    let height = ROW * r.labels.len() as f64 + 24.0;
    let mut svg = format!(
        "<svg class=\"dimension-bars\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {SIZE_W} {height}\" width=\"{SIZE_W}\" height=\"{height}\">\n",
        escape(aria)
    );
    for (i, label) in r.labels.iter().enumerate() {
        let y = 5.0 + ROW * i as f64;
        let score = r.scores.get(i).copied().flatten();
        let width = score.map_or(0.0, |s| {
            (s.clamp(0.0, 100.0) * scale * 100.0).round() / 100.0
        });
        svg.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            LABEL_WIDTH - 8.0,
            y + 18.0,
            escape(&clip(label, LABEL_UNITS))
        ));
        svg.push_str(&format!(
            "<rect class=\"bar-score\" x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{width}\" height=\"24\"/>\n",
            y + 1.0
        ));
        svg.push_str(&format!(
            "<text class=\"count\" x=\"{}\" y=\"{}\">{}</text>\n",
            LABEL_WIDTH + width + 6.0,
            y + 18.0,
            score.map_or("—".to_string(), fmt2)
        ));
    }
    if let Some(ring) = r.ring {
        let x = LABEL_WIDTH + ring.clamp(0.0, 100.0) * scale;
        svg.push_str(&format!(
            "<line class=\"ring-line\" x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"{}\"/>\n",
            height - 20.0
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// A spoke's label outside the outer ring, wrapped onto short lines, with the score.
fn label_text(i: usize, n: usize, label: &str, score: &str) -> String {
    let (x, y) = point(i, n, 100.0);
    let (dx, dy) = (x - CX, y - CY);
    let anchor = if dx.abs() < 1.0 {
        "middle"
    } else if dx > 0.0 {
        "start"
    } else {
        "end"
    };
    let mut lines = wrap(label, 20);
    lines.push(score.to_string());
    let lx = x + dx.signum() * if dx.abs() < 1.0 { 0.0 } else { 8.0 };
    let top = if dy < -1.0 {
        y - 8.0 - 14.0 * (lines.len() as f64 - 1.0)
    } else if dy > 1.0 {
        y + 18.0
    } else {
        y - 7.0 * (lines.len() as f64 - 1.0) + 4.0
    };
    let mut out =
        format!("<text class=\"label\" x=\"{lx:.1}\" y=\"{top:.1}\" text-anchor=\"{anchor}\">");
    for (k, line) in lines.iter().enumerate() {
        let class = if k + 1 == lines.len() {
            " class=\"count\""
        } else {
            ""
        };
        let dy = if k == 0 { 0.0 } else { 14.0 };
        out.push_str(&format!(
            "<tspan{class} x=\"{lx:.1}\" dy=\"{dy}\">{}</tspan>",
            escape(line)
        ));
    }
    out.push_str("</text>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_than_three_dimensions_draw_bars() {
        let r = Radar {
            labels: vec!["a", "b"],
            scores: vec![Some(50.0), None],
            ring: Some(60.0),
        };
        let svg = radar(&Frame::new(&r.labels), &r, "x");
        assert!(svg.starts_with("<svg class=\"dimension-bars\""));
        assert_eq!(svg.matches("<polygon").count(), 0);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("class=\"ring-line\"").count(), 1);
    }

    #[test]
    fn radar_has_one_score_polygon_and_one_ring() {
        let r = Radar {
            labels: vec!["a", "b", "<c>"],
            scores: vec![Some(50.0), None, Some(100.0)],
            ring: Some(60.0),
        };
        let svg = radar(&Frame::new(&r.labels), &r, "x");
        assert_eq!(svg.matches("<polygon").count(), 6);
        assert_eq!(svg.matches("radar-score").count(), 1);
        assert!(svg.contains("&lt;c&gt;") && !svg.contains("<c>"));
    }
}
