//! The panel as a whole, for `tierscore panel`: per panel indicator its
//! experts, their concordance (Kendall's W), each expert's leniency and every
//! spread alert.

use std::collections::{BTreeMap, BTreeSet};

use super::concordance::{Concordance, kendall_w};
use super::spread;
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::rule::{Cell, Value};

/// The review of every panel indicator, in framework order.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// One entry per panel indicator.
    pub indicators: Vec<IndicatorReview>,
}

/// One panel indicator's review.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorReview {
    /// Index into [`Framework::indicators`].
    pub indicator: usize,
    /// Every expert who scored it, by id.
    pub experts: Vec<Rater>,
    /// The providers with at least one score.
    pub providers: usize,
    /// Kendall's W over the providers every expert scored (`None` when it is
    /// undefined: fewer than 2 experts or 2 such providers, or no variation).
    pub concordance: Option<Concordance>,
    /// Every (provider, indicator) whose spread exceeds `spread_alert`.
    pub alerts: Vec<Alert>,
}

/// One expert's scoring of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Rater {
    /// The expert's id.
    pub expert: String,
    /// How many providers the expert scored.
    pub scored: usize,
    /// Mean of (own score − panel aggregate) over the providers the expert
    /// scored that have an aggregate: above 0 a lenient rater, below a strict one.
    pub mean_deviation: Option<f64>,
}

/// A spread over the indicator's `spread_alert`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Index into [`Evidence::providers`].
    pub provider: usize,
    /// max − min of the scores.
    pub spread: f64,
    /// Every expert's score, by expert id.
    pub scores: Vec<(String, f64)>,
}

/// Reviews every panel indicator of `fw` over `evidence`.
pub fn review(fw: &Framework, evidence: &Evidence) -> Review {
    let indicators = fw
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(k, ind)| ind.panel.map(|panel| (k, panel)))
        .map(|(k, panel)| review_one(evidence, k, panel.spread_alert))
        .collect();
    Review { indicators }
}

fn review_one(evidence: &Evidence, k: usize, alert: Option<f64>) -> IndicatorReview {
    // provider → (expert → score), both in a fixed order.
    let mut by_provider: BTreeMap<usize, BTreeMap<&str, f64>> = BTreeMap::new();
    for (&(p, kk), scores) in &evidence.panels.pairs {
        if kk == k {
            let entry = by_provider.entry(p).or_default();
            for s in scores {
                entry.insert(s.expert.as_str(), s.score);
            }
        }
    }
    let experts: BTreeSet<&str> = by_provider
        .values()
        .flat_map(|m| m.keys().copied())
        .collect();
    let mut deviations: BTreeMap<&str, (usize, f64, usize)> = BTreeMap::new();
    let mut alerts = Vec::new();
    for (&p, scores) in &by_provider {
        let aggregate = match evidence.cell(p, k) {
            Cell::Value(Value::Number(v)) => Some(v),
            _ => None,
        };
        for (&expert, &score) in scores {
            let d = deviations.entry(expert).or_default();
            d.0 += 1;
            if let Some(a) = aggregate {
                d.1 += score - a;
                d.2 += 1;
            }
        }
        let values: Vec<f64> = scores.values().copied().collect();
        let s = spread(&values);
        if alert.is_some_and(|limit| s > limit) {
            alerts.push(Alert {
                provider: p,
                spread: s,
                scores: scores.iter().map(|(e, v)| (e.to_string(), *v)).collect(),
            });
        }
    }
    // Kendall's W over the providers that every expert scored.
    let complete: Vec<&BTreeMap<&str, f64>> = by_provider
        .values()
        .filter(|m| m.len() == experts.len())
        .collect();
    let matrix: Vec<Vec<f64>> = experts
        .iter()
        .map(|e| {
            complete
                .iter()
                .map(|m| m.get(e).copied().unwrap_or(0.0))
                .collect()
        })
        .collect();
    IndicatorReview {
        indicator: k,
        experts: deviations
            .into_iter()
            .map(|(expert, (scored, sum, n))| Rater {
                expert: expert.to_string(),
                scored,
                mean_deviation: (n > 0).then(|| sum / n as f64),
            })
            .collect(),
        providers: by_provider.len(),
        concordance: kendall_w(&matrix),
        alerts,
    }
}
