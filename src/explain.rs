//! Explanations: every number behind one provider's result.
//!
//! Pure: takes a scored provider and lays out the arithmetic of
//! [`crate::score`] and the decisions of [`crate::tier`] item by item, so that
//! the points of the indicators add up to the dimension scores and the total.

use crate::evidence::Evidence;
use crate::framework::{Comparison, Condition, Framework, Subject};
use crate::rule::{Direction, Range, Rule, Value};
use crate::score::{self, IndicatorScore, ProviderScore, Scores};
use crate::tier::{self, Check, Status};

/// One indicator's part of the result.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorPart {
    /// Effective weight within its dimension, after renormalisation (0 when left out).
    pub weight_in_dimension: f64,
    /// Effective weight in the total: within the dimension × the dimension's share.
    pub weight_overall: f64,
    /// Points contributed to the total: 100 × weight_overall × s.
    pub points: f64,
}

/// One dimension's part of the result.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionPart {
    /// Share of the total after renormalisation (0 when left out).
    pub share: f64,
    /// Points contributed to the total: D × share.
    pub points: f64,
}

/// One tier, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct TierPart {
    /// Every condition with its status.
    pub checks: Vec<Check>,
    /// True when no condition failed.
    pub reached: bool,
}

/// What a veto did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VetoStatus {
    /// The condition holds: the provider is vetoed.
    Triggered,
    /// The condition does not hold.
    Clear,
    /// No value: a missing value never triggers a veto, but it is reported.
    Missing,
    /// Not applicable to this provider.
    Skipped,
}

impl VetoStatus {
    /// The name printed in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            VetoStatus::Triggered => "triggered",
            VetoStatus::Clear => "clear",
            VetoStatus::Missing => "missing",
            VetoStatus::Skipped => "skipped",
        }
    }
}

/// One veto, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct VetoPart {
    /// The outcome.
    pub status: VetoStatus,
    /// The value compared.
    pub current: Option<Value>,
}

/// Every number behind one provider's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Per indicator, in framework order: value, source, s and share.
    pub details: Vec<IndicatorScore>,
    /// Per indicator, in framework order: effective weights and points.
    pub indicators: Vec<IndicatorPart>,
    /// Per dimension, in framework order.
    pub dimensions: Vec<DimensionPart>,
    /// Per tier, best first.
    pub tiers: Vec<TierPart>,
    /// Per veto, in framework order.
    pub vetoes: Vec<VetoPart>,
    /// Per panel indicator with scores: each expert's score and the aggregate.
    pub panels: Vec<crate::panel::explained::PanelPart>,
}

/// Explains provider `p` of a run (`scores` made from `evidence`).
pub fn explain(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    p: &ProviderScore,
) -> Explanation {
    let details = score::indicator_scores(fw, evidence, &scores.ranges, p);
    let cells = evidence.cells(p.index);
    let dimension_shares = p.dimension_shares(fw);
    let indicators = fw
        .indicators
        .iter()
        .zip(&details)
        .map(|(ind, s)| {
            let weight_overall = s.share_of_dimension * dimension_shares[ind.dimension];
            IndicatorPart {
                weight_in_dimension: s.share_of_dimension,
                weight_overall,
                points: 100.0 * weight_overall * s.score.unwrap_or(0.0),
            }
        })
        .collect();
    let dimensions = p
        .dimensions
        .iter()
        .zip(&dimension_shares)
        .map(|(score, share)| DimensionPart {
            share: *share,
            points: score.unwrap_or(0.0) * share,
        })
        .collect();
    let tiers = (0..fw.tiers.len())
        .map(|t| {
            let checks = tier::checks(fw, p, &cells, t);
            let reached = checks.iter().all(|c| c.status != Status::Failed);
            TierPart { checks, reached }
        })
        .collect();
    let vetoes = fw
        .vetoes
        .iter()
        .map(|v| {
            let (status, current) = tier::evaluate(fw, &v.condition, p, &cells);
            let status = match (status, &current) {
                (Status::Held, _) => VetoStatus::Triggered,
                (Status::Skipped, _) => VetoStatus::Skipped,
                (Status::Failed, None) => VetoStatus::Missing,
                (Status::Failed, Some(_)) => VetoStatus::Clear,
            };
            VetoPart { status, current }
        })
        .collect();
    Explanation {
        details,
        indicators,
        dimensions,
        tiers,
        vetoes,
        panels: crate::panel::explained::parts(fw, evidence, p.index),
    }
}

/// A number as short as it can be written.
fn short(x: f64) -> String {
    crate::number::trim(x)
}

/// A scoring rule in a readable, language-neutral form, e.g.
/// `linear: 10 → 0, 110 → 1` or `bands (higher): ≥ 2 → 0.25, ≥ 5 → 0.5 (else 0)`.
/// `range` is the run's min and max, shown for `relative`.
pub fn rule_text(rule: &Rule, range: Option<Range>) -> String {
    match rule {
        Rule::Linear { floor, target } => {
            format!("linear: {} → 0, {} → 1", short(*floor), short(*target))
        }
        Rule::Bands { bands, direction } => {
            let (name, op) = match direction {
                Direction::Higher => ("higher", "≥"),
                Direction::Lower => ("lower", "≤"),
            };
            let steps: Vec<String> = bands
                .iter()
                .map(|(t, s)| format!("{op} {} → {}", short(*t), short(*s)))
                .collect();
            format!("bands ({name}): {} (else 0)", steps.join(", "))
        }
        Rule::Boolean => "boolean: true → 1, false → 0".to_string(),
        Rule::Levels { levels } => {
            let steps: Vec<String> = levels
                .iter()
                .map(|(l, s)| format!("{l} → {}", short(*s)))
                .collect();
            format!("levels: {}", steps.join(", "))
        }
        Rule::Relative { direction } => {
            let (name, low, high) = match direction {
                Direction::Higher => ("higher", 0, 1),
                Direction::Lower => ("lower", 1, 0),
            };
            match range {
                Some(r) => format!(
                    "relative ({name}): run min {} → {low}, run max {} → {high}",
                    short(r.min),
                    short(r.max)
                ),
                None => format!("relative ({name})"),
            }
        }
    }
}

/// A condition in a readable form: `cs_level ≥ CS3`, `response ≤ 30`, `dishonest = true`.
pub fn condition_text(fw: &Framework, c: &Condition) -> String {
    let subject = match c.subject {
        Subject::Indicator(k) => &fw.indicators[k].id,
        Subject::Dimension(d) => &fw.dimensions[d].id,
    };
    let op = match c.comparison {
        Comparison::AtLeast(_) => "≥",
        Comparison::AtMost(_) => "≤",
        Comparison::Equals(_) => "=",
    };
    format!("{subject} {op} {}", c.written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence;
    use crate::framework::load_str;
    use crate::score;

    #[test]
    fn points_add_up_to_dimension_scores_and_the_total() {
        let fw = load_str("f.toml", include_str!("../tests/fixtures/gap/gap.toml"))
            .unwrap()
            .framework;
        let csv = include_str!("../tests/fixtures/gap/evidence.csv");
        let (e, _) = evidence::parse("e.csv", csv, &fw).unwrap();
        let scores = score::score(&fw, &e).unwrap();
        for p in &scores.providers {
            let x = explain(&fw, &e, &scores, p);
            let sum: f64 = x.indicators.iter().map(|i| i.points).sum();
            assert!((sum - p.total).abs() < 1e-9, "{}", p.provider);
            let dims: f64 = x.dimensions.iter().map(|d| d.points).sum();
            assert!((dims - p.total).abs() < 1e-9, "{}", p.provider);
        }
    }

    #[test]
    fn rules_read_as_text() {
        let bands = Rule::Bands {
            bands: vec![(15.0, 1.0), (30.0, 0.8)],
            direction: Direction::Lower,
        };
        assert_eq!(
            rule_text(&bands, None),
            "bands (lower): ≤ 15 → 1, ≤ 30 → 0.8 (else 0)"
        );
        let relative = Rule::Relative {
            direction: Direction::Higher,
        };
        let range = Some(Range {
            min: 100.0,
            max: 500.0,
        });
        assert_eq!(
            rule_text(&relative, range),
            "relative (higher): run min 100 → 0, run max 500 → 1"
        );
    }
}
