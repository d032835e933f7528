//! Monte Carlo on the weights: how stable is each provider's rank and tier?
//!
//! In each sample every dimension weight and every indicator weight is
//! multiplied by a factor drawn uniformly from [1 − jitter, 1 + jitter] (siblings
//! are renormalised by the scoring itself), the providers are re-scored, ranked
//! and tiered. With `alt_missing`, odd-numbered samples (1, 3, 5, …) also score
//! with `missing = "exclude"`. Each sample draws from its own generator seeded
//! by (seed, sample index) — dimension factors first, then indicator factors,
//! in framework order — so results do not depend on threads.

use rayon::prelude::*;

use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::score::{Scores, TOLERANCE};

use super::model::{Model, Policy, SampleWeights};
use super::rng::SplitMix64;

/// What to simulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Number of samples (≥ 1).
    pub samples: usize,
    /// Half-width X of the factor interval [1 − X, 1 + X], 0 ≤ X < 1.
    pub jitter: f64,
    /// Seed of the random draws.
    pub seed: u64,
    /// Also score odd-numbered samples with `missing = "exclude"`.
    pub alt_missing: bool,
}

/// One provider's distribution over the samples.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderSensitivity {
    /// Median rank (nearest-rank: the ⌈0.5·N⌉-th smallest of the N sampled ranks).
    pub median_rank: u32,
    /// 5th percentile rank (the ⌈0.05·N⌉-th smallest).
    pub rank_p05: u32,
    /// 95th percentile rank (the ⌈0.95·N⌉-th smallest).
    pub rank_p95: u32,
    /// Samples per outcome, best first: each tier, then `incomplete`, `none`, `vetoed`.
    pub tier_counts: Vec<usize>,
    /// True when the provider's tier in every sample is its nominal tier.
    pub stable: bool,
}

impl ProviderSensitivity {
    /// The share of samples with each outcome (sums to 1).
    pub fn tier_probabilities(&self) -> Vec<f64> {
        let n: usize = self.tier_counts.iter().sum();
        self.tier_counts
            .iter()
            .map(|&c| c as f64 / n as f64)
            .collect()
    }
}

/// The result of a run, one entry per provider in the order of the nominal scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// What was simulated.
    pub settings: Settings,
    /// Per provider, in the order of [`Scores::providers`].
    pub providers: Vec<ProviderSensitivity>,
}

impl Sensitivity {
    /// The share of providers whose tier never changes.
    pub fn stable_share(&self) -> f64 {
        let stable = self.providers.iter().filter(|p| p.stable).count();
        stable as f64 / self.providers.len().max(1) as f64
    }
}

/// The ranks and tiers of one sample, per provider.
struct Outcome {
    ranks: Vec<u32>,
    tiers: Vec<u8>,
}

/// Per-thread buffers.
#[derive(Default)]
struct Scratch {
    dimension_factors: Vec<f64>,
    indicator_factors: Vec<f64>,
    weights: SampleWeights,
    dims: Vec<Option<f64>>,
    order: Vec<(i64, u32)>,
}

/// Runs the simulation. `progress` is called once per finished sample.
pub fn run(
    fw: &Framework,
    evidence: &Evidence,
    scores: &Scores,
    settings: Settings,
    progress: &(dyn Fn() + Sync),
) -> Sensitivity {
    let model = Model::new(fw, evidence, scores);
    let outcomes: Vec<Outcome> = (0..settings.samples)
        .into_par_iter()
        .map_init(Scratch::default, |scratch, i| {
            let outcome = sample(&model, settings, i, scratch);
            progress();
            outcome
        })
        .collect();
    let nominal: Vec<u8> = scores
        .providers
        .iter()
        .map(|p| p.tier.assigned.order(fw) as u8)
        .collect();
    let outcomes_per_tier = model.tiers() + 3;
    let providers = (0..model.providers())
        .into_par_iter()
        .map(|p| summarise(&outcomes, p, nominal[p], outcomes_per_tier))
        .collect();
    Sensitivity {
        settings,
        providers,
    }
}

fn sample(model: &Model, settings: Settings, index: usize, s: &mut Scratch) -> Outcome {
    let mut rng = SplitMix64::for_sample(settings.seed, index as u64);
    let (low, high) = (1.0 - settings.jitter, 1.0 + settings.jitter);
    s.dimension_factors.clear();
    s.dimension_factors
        .extend((0..model.dimensions()).map(|_| rng.uniform(low, high)));
    s.indicator_factors.clear();
    s.indicator_factors
        .extend((0..model.indicator_weights.len()).map(|_| rng.uniform(low, high)));
    model.sample_weights(&s.dimension_factors, &s.indicator_factors, &mut s.weights);
    let policy = if settings.alt_missing && index % 2 == 1 {
        Policy::Exclude
    } else {
        Policy::Nominal
    };
    let n = model.providers();
    s.dims.resize(model.dimensions(), None);
    s.order.clear();
    let mut tiers = Vec::with_capacity(n);
    for p in 0..n {
        // A provider with nothing left under `exclude` counts as total 0.
        let total = model.total(p, policy, &s.weights, &mut s.dims);
        tiers.push(model.tier(p, total.unwrap_or(0.0), &s.dims));
        let key = (total.unwrap_or(0.0) / TOLERANCE).round() as i64;
        s.order.push((key, p as u32));
    }
    Outcome {
        ranks: competition_ranks(&mut s.order, n),
        tiers,
    }
}

/// Competition ranks (1, 2, 2, 4) by key descending, indexed by provider.
fn competition_ranks(order: &mut [(i64, u32)], n: usize) -> Vec<u32> {
    order.sort_unstable_by_key(|&(key, _)| std::cmp::Reverse(key));
    let mut ranks = vec![0; n];
    let mut previous: Option<(i64, u32)> = None;
    for (i, &(key, p)) in order.iter().enumerate() {
        let rank = match previous {
            Some((k, r)) if k == key => r,
            _ => i as u32 + 1,
        };
        ranks[p as usize] = rank;
        previous = Some((key, rank));
    }
    ranks
}

fn summarise(outcomes: &[Outcome], p: usize, nominal: u8, kinds: usize) -> ProviderSensitivity {
    let mut ranks: Vec<u32> = outcomes.iter().map(|o| o.ranks[p]).collect();
    ranks.sort_unstable();
    let mut tier_counts = vec![0; kinds];
    for o in outcomes {
        tier_counts[o.tiers[p] as usize] += 1;
    }
    ProviderSensitivity {
        median_rank: nearest_rank(&ranks, 50),
        rank_p05: nearest_rank(&ranks, 5),
        rank_p95: nearest_rank(&ranks, 95),
        stable: tier_counts[nominal as usize] == outcomes.len(),
        tier_counts,
    }
}

/// The nearest-rank percentile of sorted values: the ⌈pct/100 · N⌉-th smallest (at least the first).
pub fn nearest_rank(sorted: &[u32], pct: usize) -> u32 {
    let ordinal = (pct * sorted.len()).div_ceil(100).max(1);
    sorted[ordinal - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u32> = (1..=20).collect();
        assert_eq!(nearest_rank(&v, 5), 1);
        assert_eq!(nearest_rank(&v, 50), 10);
        assert_eq!(nearest_rank(&v, 95), 19);
        assert_eq!(nearest_rank(&[7], 5), 7);
        assert_eq!(nearest_rank(&[3, 9], 50), 3);
    }

    #[test]
    fn competition_ranking_shares_ties() {
        let mut order = vec![(5, 0), (9, 1), (5, 2), (1, 3)];
        assert_eq!(competition_ranks(&mut order, 4), [2, 1, 2, 4]);
    }
}
