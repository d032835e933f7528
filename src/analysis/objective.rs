//! Objective weights for a framework: entropy or CRITIC applied to the scores of a run.
//!
//! Indicator weights are derived within each dimension from the indicator
//! scores s ∈ [0, 1] (so direction and kind are already handled); dimension
//! weights from the dimension scores recomputed with those derived indicator
//! weights, so the result is one consistent set. Weight-0 items stay at 0 and
//! are not used. A provider takes part in a group only when it has a score for
//! every member (missing values under `missing = "zero"` count as s = 0;
//! missing-under-`exclude` and not-applicable values leave it out of that group).

use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::score::{self, Scores};

use super::{Derived, critic, entropy};

/// How weights are derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The entropy weight method (熵权法).
    Entropy,
    /// CRITIC, in the given variant.
    Critic(critic::Variant),
}

impl Method {
    /// The name used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Entropy => "entropy",
            Method::Critic(_) => "critic",
        }
    }

    /// The CRITIC variant, for CRITIC.
    pub fn variant(self) -> Option<critic::Variant> {
        match self {
            Method::Entropy => None,
            Method::Critic(v) => Some(v),
        }
    }

    fn derive(self, rows: &[Vec<f64>], columns: usize) -> Derived {
        match self {
            Method::Entropy => entropy::weights(rows, columns),
            Method::Critic(variant) => critic::weights(rows, columns, variant),
        }
    }
}

/// The derived weights of one group of siblings.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupWeights {
    /// Share of each sibling (sums to 1; 0 for weight-0 items).
    pub shares: Vec<f64>,
    /// The method's statistic per sibling (`None` for weight-0 items).
    pub statistic: Vec<Option<f64>>,
    /// How many providers had a score for every member.
    pub providers: usize,
}

/// Derived weights for a whole framework.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveWeights {
    /// The method used.
    pub method: Method,
    /// Dimension shares, in framework order.
    pub dimensions: GroupWeights,
    /// Indicator shares within their dimension, one group per dimension.
    pub indicators: Vec<GroupWeights>,
}

impl ObjectiveWeights {
    /// Each indicator's share of its dimension, in framework order.
    pub fn indicator_shares(&self) -> Vec<f64> {
        self.indicators
            .iter()
            .flat_map(|g| g.shares.iter().copied())
            .collect()
    }
}

/// Derives indicator and dimension weights from the scores of a run with `method`.
pub fn derive(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    method: Method,
) -> ObjectiveWeights {
    // provider × indicator: s, `None` when left out (not applicable, or missing under `exclude`).
    let matrix: Vec<Vec<Option<f64>>> = scores
        .providers
        .iter()
        .map(|p| {
            score::indicator_scores(fw, evidence, &scores.ranges, p)
                .into_iter()
                .map(|i| i.score)
                .collect()
        })
        .collect();
    let indicators: Vec<GroupWeights> = fw
        .dimensions
        .iter()
        .map(|d| {
            let r = d.indicators.clone();
            let weights: Vec<f64> = fw.indicators[r.clone()].iter().map(|i| i.weight).collect();
            let group: Vec<Vec<Option<f64>>> =
                matrix.iter().map(|row| row[r.clone()].to_vec()).collect();
            derive_group(&weights, &group, method)
        })
        .collect();
    let dimension_matrix: Vec<Vec<Option<f64>>> = matrix
        .iter()
        .map(|row| {
            fw.dimensions
                .iter()
                .zip(&indicators)
                .map(|(d, g)| weighted_mean(&g.shares, row[d.indicators.clone()].iter().copied()))
                .collect()
        })
        .collect();
    let dimension_weights: Vec<f64> = fw.dimensions.iter().map(|d| d.weight).collect();
    ObjectiveWeights {
        method,
        dimensions: derive_group(&dimension_weights, &dimension_matrix, method),
        indicators,
    }
}

/// Derives the shares of one sibling group from its framework weights and a
/// provider × sibling matrix of scores (`None`: no score).
pub fn derive_group(weights: &[f64], matrix: &[Vec<Option<f64>>], method: Method) -> GroupWeights {
    let members: Vec<usize> = (0..weights.len()).filter(|&j| weights[j] > 0.0).collect();
    let rows: Vec<Vec<f64>> = matrix
        .iter()
        .filter_map(|row| {
            members
                .iter()
                .map(|&j| row[j])
                .collect::<Option<Vec<f64>>>()
        })
        .collect();
    let derived = method.derive(&rows, members.len());
    let mut shares = vec![0.0; weights.len()];
    let mut statistic = vec![None; weights.len()];
    for (m, &j) in members.iter().enumerate() {
        shares[j] = derived.weights[m];
        statistic[j] = Some(derived.statistic[m]);
    }
    GroupWeights {
        shares,
        statistic,
        providers: rows.len(),
    }
}

/// Σ wᵢ·sᵢ / Σ wᵢ over the scored members (a fraction in [0, 1]); `None` when none counts.
fn weighted_mean(shares: &[f64], scores: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, weight) = shares
        .iter()
        .zip(scores)
        .filter_map(|(w, s)| s.map(|s| (w * s, *w)))
        .fold((0.0, 0.0), |(a, b), (ws, w)| (a + ws, b + w));
    (weight > 0.0).then(|| sum / weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_zero_items_and_incomplete_rows_are_left_out() {
        let matrix = vec![
            vec![Some(1.0), Some(0.2), Some(1.0), Some(0.0)],
            vec![Some(0.5), Some(0.4), Some(0.0), Some(0.5)],
            vec![Some(0.5), Some(0.4), None, Some(1.0)],
            vec![Some(0.9), None, Some(1.0), Some(0.3)],
        ];
        // Item 2 has weight 0; the last provider lacks item 1, so 3 rows count:
        // the hand-computed entropy example of `entropy.rs`.
        let g = derive_group(&[1.0, 2.0, 0.0, 3.0], &matrix, Method::Entropy);
        assert_eq!(g.providers, 3);
        assert_eq!(g.shares[2], 0.0);
        assert_eq!(g.statistic[2], None);
        let rounded: Vec<f64> = g.shares.iter().map(|w| (w * 1e4).round() / 1e4).collect();
        assert_eq!(rounded, [0.1043, 0.0774, 0.0, 0.8183]);
    }

    #[test]
    fn weighted_mean_renormalises_over_scored_members() {
        let s = [Some(1.0), None, Some(0.0)];
        assert_eq!(
            weighted_mean(&[0.5, 0.25, 0.25], s.into_iter()),
            Some(2.0 / 3.0)
        );
        assert_eq!(weighted_mean(&[1.0], [None].into_iter()), None);
    }
}
