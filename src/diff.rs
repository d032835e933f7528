//! What a framework change does (`diff OLD NEW`): every provider's total, rank
//! and tier under both frameworks, how many tiers moved, and Spearman's rank
//! correlation between the two rankings.
//!
//! Pure computation over two [`Scores`] of the same evidence; rendering is in
//! [`crate::report::diff`].

use crate::framework::Framework;
use crate::rank::tie_key;
use crate::score::{ProviderScore, Scores};
use crate::tier::Assigned;

/// How a provider's tier moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierChange {
    /// To a better tier.
    Up,
    /// To a worse tier.
    Down,
    /// To a tier with another id that is neither better nor worse (a renamed tier
    /// with the same `min_total`).
    Changed,
}

impl TierChange {
    /// The id printed in outputs.
    pub fn id(self) -> &'static str {
        match self {
            TierChange::Up => "up",
            TierChange::Down => "down",
            TierChange::Changed => "changed",
        }
    }
}

/// One provider under both frameworks.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderDiff {
    /// Provider id.
    pub provider: String,
    /// Attributes (`name`, …).
    pub attributes: crate::evidence::AttributeMap,
    /// Total under OLD.
    pub old_total: f64,
    /// Total under NEW.
    pub new_total: f64,
    /// Competition rank under OLD.
    pub old_rank: usize,
    /// Competition rank under NEW.
    pub new_rank: usize,
    /// Tier under OLD (index into OLD's tiers).
    pub old_tier: Assigned,
    /// Tier under NEW (index into NEW's tiers).
    pub new_tier: Assigned,
    /// How the tier moved, `None` when its id is the same.
    pub tier_change: Option<TierChange>,
}

impl ProviderDiff {
    /// NEW total − OLD total.
    pub fn change(&self) -> f64 {
        self.new_total - self.old_total
    }
}

/// The counts and the rank correlation.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffSummary {
    /// Number of providers.
    pub providers: usize,
    /// Providers whose tier id changed.
    pub tier_changed: usize,
    /// Of those, moved up.
    pub up: usize,
    /// Of those, moved down.
    pub down: usize,
    /// Spearman's ρ between the OLD and NEW rankings; `None` with fewer than two
    /// providers or when either ranking is one big tie.
    pub spearman: Option<f64>,
}

/// The whole diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// Providers sorted by |change| descending, then id.
    pub providers: Vec<ProviderDiff>,
    /// The summary.
    pub summary: DiffSummary,
}

/// Compares the scores of the same evidence under OLD and NEW.
pub fn diff(old_fw: &Framework, old: &Scores, new_fw: &Framework, new: &Scores) -> Diff {
    // Id → result under NEW, so that pairing is O(1) per provider.
    let by_id: rustc_hash::FxHashMap<&str, &ProviderScore> = new
        .providers
        .iter()
        .map(|n| (n.provider.as_str(), n))
        .collect();
    let mut providers: Vec<ProviderDiff> = old
        .providers
        .iter()
        .filter_map(|o| {
            let n = *by_id.get(o.provider.as_str())?;
            Some(provider_diff(old_fw, o, new_fw, n))
        })
        .collect();
    let old_totals: Vec<f64> = providers.iter().map(|p| p.old_total).collect();
    let new_totals: Vec<f64> = providers.iter().map(|p| p.new_total).collect();
    let spearman = spearman(&old_totals, &new_totals);
    let count = |c| {
        providers
            .iter()
            .filter(|p| p.tier_change == Some(c))
            .count()
    };
    let summary = DiffSummary {
        providers: providers.len(),
        tier_changed: providers.iter().filter(|p| p.tier_change.is_some()).count(),
        up: count(TierChange::Up),
        down: count(TierChange::Down),
        spearman,
    };
    // Each key worked out once (a tie key rounds), then the order applied.
    let keys: Vec<i64> = providers
        .iter()
        .map(|p| tie_key(p.change().abs()))
        .collect();
    let mut order: Vec<usize> = (0..providers.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        keys[b]
            .cmp(&keys[a])
            .then_with(|| providers[a].provider.cmp(&providers[b].provider))
    });
    crate::rank::permute(&mut providers, order);
    Diff { providers, summary }
}

fn provider_diff(
    old_fw: &Framework,
    o: &ProviderScore,
    new_fw: &Framework,
    n: &ProviderScore,
) -> ProviderDiff {
    ProviderDiff {
        provider: o.provider.clone(),
        attributes: n.attributes.clone(),
        old_total: o.total,
        new_total: n.total,
        old_rank: o.rank,
        new_rank: n.rank,
        old_tier: o.tier.assigned,
        new_tier: n.tier.assigned,
        tier_change: tier_change(old_fw, o.tier.assigned, new_fw, n.tier.assigned),
    }
}

/// How a tier moved between two frameworks. Tiers are matched by id: the same id
/// is no change. Otherwise the order (tiers best first, then `incomplete`, `none`, `vetoed`)
/// of NEW decides when it has both ids, else the order of OLD when it has both,
/// else the tiers' `min_total` (a tier only in OLD against one only in NEW).
pub fn tier_change(
    old_fw: &Framework,
    old: Assigned,
    new_fw: &Framework,
    new: Assigned,
) -> Option<TierChange> {
    let (old_id, new_id) = (old.id(old_fw), new.id(new_fw));
    if old_id == new_id {
        return None;
    }
    let position = |fw: &Framework, id: &str| Assigned::parse(fw, id).map(|a| a.order(fw));
    let in_order = |fw: &Framework| Some((position(fw, old_id)?, position(fw, new_id)?));
    let better = match in_order(new_fw).or_else(|| in_order(old_fw)) {
        // A smaller position is a better tier.
        Some((o, n)) => n.cmp(&o).reverse(),
        None => min_total(new_fw, new).total_cmp(&min_total(old_fw, old)),
    };
    Some(match better {
        std::cmp::Ordering::Greater => TierChange::Up,
        std::cmp::Ordering::Less => TierChange::Down,
        std::cmp::Ordering::Equal => TierChange::Changed,
    })
}

fn min_total(fw: &Framework, a: Assigned) -> f64 {
    match a {
        Assigned::Tier(t) => fw.tiers[t].min_total,
        Assigned::Incomplete | Assigned::None | Assigned::Vetoed => f64::NEG_INFINITY,
    }
}

/// Ranks by value descending (rank 1 = highest), ties (within [`TOLERANCE`](crate::rank::TOLERANCE))
/// sharing the average of the ranks they span: [90, 80, 80, 70] → [1, 2.5, 2.5, 4].
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let key = tie_key;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(key(values[i])));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let k = key(values[order[start]]);
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| key(values[i]) == k)
                .count();
        // Positions start..end hold ranks start+1 ..= end; their mean:
        let average = (start + 1 + end) as f64 / 2.0;
        order[start..end].iter().for_each(|&i| ranks[i] = average);
        start = end;
    }
    ranks
}

/// Spearman's ρ: Pearson's correlation of the average ranks of `a` and `b`
/// (paired by index). `None` with fewer than two pairs or a constant ranking.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 2 {
        return None;
    }
    pearson(&average_ranks(a), &average_ranks(b))
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_ranks_share_ties() {
        let cases: [(&[f64], &[f64]); 4] = [
            (&[90.0, 80.0, 80.0, 70.0], &[1.0, 2.5, 2.5, 4.0]),
            (&[70.0, 80.0, 90.0], &[3.0, 2.0, 1.0]),
            (&[5.0, 5.0, 5.0], &[2.0, 2.0, 2.0]),
            (&[60.0, 60.0 + 1e-12, 50.0], &[1.5, 1.5, 3.0]),
        ];
        for (values, want) in cases {
            assert_eq!(average_ranks(values), want, "{values:?}");
        }
    }

    #[test]
    fn spearman_by_hand() {
        // No ties: ranks [1,2,3,4] vs [2,1,3,4]: Σd² = 2, ρ = 1 − 6·2/(4·15) = 0.8.
        let a = [90.0, 80.0, 70.0, 60.0];
        let b = [80.0, 90.0, 70.0, 60.0];
        assert!((spearman(&a, &b).unwrap() - 0.8).abs() < 1e-12);
        // Identical and reversed orders.
        assert!((spearman(&a, &a).unwrap() - 1.0).abs() < 1e-12);
        let r = [60.0, 70.0, 80.0, 90.0];
        assert!((spearman(&a, &r).unwrap() + 1.0).abs() < 1e-12);
        // Ties: x ranks [1, 2.5, 2.5, 4], y ranks [1, 2, 3, 4]; means 2.5;
        // deviations x (−1.5, 0, 0, 1.5), y (−1.5, −0.5, 0.5, 1.5);
        // Σxy = 2.25 + 2.25 = 4.5, Σx² = 4.5, Σy² = 5 → ρ = 4.5/√22.5 = 0.9487.
        let x = [90.0, 80.0, 80.0, 70.0];
        let y = [90.0, 85.0, 80.0, 70.0];
        assert!((spearman(&x, &y).unwrap() - 4.5 / 22.5f64.sqrt()).abs() < 1e-12);
        // Undefined: one pair, or a constant ranking.
        assert_eq!(spearman(&[1.0], &[2.0]), None);
        assert_eq!(spearman(&[5.0, 5.0], &[1.0, 2.0]), None);
    }

    /// A framework with one dimension and the given tiers `(id, min_total)`, best first.
    fn framework(tiers: &[(&str, f64)]) -> Framework {
        use crate::framework::fixture;
        let mut body = String::from(fixture::ONE_DIMENSION);
        body.push_str(
            "[[dimension.indicator]]\nid = \"i\"\nname = \"i\"\nweight = 1\n\
             score = { kind = \"boolean\" }\n",
        );
        for (id, min) in tiers {
            body.push_str(&format!(
                "[[tier]]\nid = \"{id}\"\nname = \"{id}\"\nmin_total = {min}\n"
            ));
        }
        fixture::framework(&body)
    }

    #[test]
    fn tier_changes_are_matched_by_id() {
        let old = framework(&[("gold", 80.0), ("silver", 60.0), ("bronze", 40.0)]);
        let new = framework(&[
            ("platinum", 90.0),
            ("gold", 80.0),
            ("silver", 60.0),
            ("copper", 40.0),
        ]);
        let tier = |fw: &Framework, id: &str| Assigned::parse(fw, id).unwrap();
        use TierChange::*;
        let cases = [
            ("gold", "gold", None),         // same id, though its position moved
            ("gold", "platinum", Some(Up)), // NEW's order
            ("silver", "gold", Some(Up)),
            ("gold", "silver", Some(Down)),
            ("none", "silver", Some(Up)),
            ("silver", "none", Some(Down)),
            ("none", "vetoed", Some(Down)),
            ("bronze", "silver", Some(Up)), // bronze only in OLD: OLD's order
            ("bronze", "none", Some(Down)),
            ("bronze", "copper", Some(Changed)), // in neither together: min_total 40 = 40
            ("silver", "copper", Some(Down)),    // NEW has both
        ];
        for (o, n, want) in cases {
            let got = tier_change(&old, tier(&old, o), &new, tier(&new, n));
            assert_eq!(got, want, "{o} → {n}");
        }
    }
}
