//! What a weight-sensitivity run precomputes once, and the per-sample arithmetic.
//!
//! Weights affect neither an indicator's score s, nor which values are missing or
//! not applicable, nor vetoes, nor `require` conditions on raw indicator values.
//! Those are taken from the nominal [`Scores`] once; a sample only recomputes
//! the weighted sums (in exactly the engine's order of operations, so weights
//! multiplied by 1 reproduce the engine's totals bit for bit), the tier checks
//! on totals and dimension scores, and the ranks.

use std::ops::Range as Span;

use crate::evidence::Evidence;
use crate::framework::{Framework, MissingPolicy, Tier};
use crate::rule::{Cell, Range};
use crate::score::{self, ProviderScore, Scores, kernel};
use crate::tier;

/// Which values count in a sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The framework's own `missing` policy.
    Nominal,
    /// `missing = "exclude"`: missing values are left out and weights renormalised.
    Exclude,
}

/// Which scored values are present under one policy.
#[derive(Debug, Clone, Default)]
struct Presence {
    /// provider × indicator: the value counts.
    present: Vec<bool>,
}

/// Sample weights: raw weights times the sample's factors.
#[derive(Debug, Clone, Default)]
pub struct SampleWeights {
    /// Indicator weights.
    pub indicator: Vec<f64>,
    /// Dimension weights.
    pub dimension: Vec<f64>,
}

/// The precomputed run.
#[derive(Debug, Clone)]
pub struct Model {
    indicators: usize,
    dimension_ranges: Vec<Span<usize>>,
    /// The framework's indicator weights.
    pub indicator_weights: Vec<f64>,
    /// The framework's dimension weights.
    pub dimension_weights: Vec<f64>,
    providers: usize,
    /// provider × indicator: s, 0 when absent.
    scores: Vec<f64>,
    nominal: Presence,
    exclude: Presence,
    /// provider × dimension: some indicator of the dimension is missing.
    any_missing: Vec<bool>,
    vetoed: Vec<bool>,
    /// A required indicator lacks a value: weights never change that.
    incomplete: Vec<bool>,
    tiers: Vec<Tier>,
    /// provider × tier: no `require` on a raw indicator value fails.
    indicator_requires_hold: Vec<bool>,
}

impl Model {
    /// Precomputes everything weights do not change, from the evidence and its nominal scores.
    pub fn new(fw: &Framework, evidence: &Evidence, scores: &Scores) -> Model {
        let (nk, nd, n) = (
            fw.indicators.len(),
            fw.dimensions.len(),
            scores.providers.len(),
        );
        let mut m = Model {
            indicators: nk,
            dimension_ranges: fw.dimensions.iter().map(|d| d.indicators.clone()).collect(),
            indicator_weights: fw.indicators.iter().map(|i| i.weight).collect(),
            dimension_weights: fw.dimensions.iter().map(|d| d.weight).collect(),
            providers: n,
            scores: Vec::with_capacity(n * nk),
            nominal: Presence::default(),
            exclude: Presence::default(),
            any_missing: Vec::with_capacity(n * nd),
            vetoed: Vec::with_capacity(n),
            incomplete: Vec::with_capacity(n),
            tiers: fw.tiers.clone(),
            indicator_requires_hold: Vec::with_capacity(n * fw.tiers.len()),
        };
        for p in &scores.providers {
            m.add_provider(fw, p, &evidence.cells(p.index), &scores.ranges);
        }
        m
    }

    fn add_provider(
        &mut self,
        fw: &Framework,
        p: &ProviderScore,
        cells: &[Cell],
        ranges: &[Option<Range>],
    ) {
        let zero_missing = fw.missing != MissingPolicy::Exclude;
        for (k, cell) in cells.iter().enumerate() {
            // s as the engine computes it; weights do not change it.
            let s = score::value_score(fw, k, cell, ranges).unwrap_or(0.0);
            self.scores.push(s);
            let has_value = matches!(cell, Cell::Value(_));
            let missing = *cell == Cell::Missing;
            self.nominal
                .present
                .push(has_value || (missing && zero_missing));
            self.exclude.present.push(has_value);
        }
        for r in &self.dimension_ranges {
            self.any_missing
                .push(cells[r.clone()].contains(&Cell::Missing));
        }
        self.vetoed.push(!p.tier.vetoes.is_empty());
        self.incomplete.push(!p.tier.incomplete_by.is_empty());
        for t in &fw.tiers {
            self.indicator_requires_hold
                .push(tier::indicator_requires_hold(fw, t, cells));
        }
    }

    /// Number of providers.
    pub fn providers(&self) -> usize {
        self.providers
    }

    /// Number of dimensions.
    pub fn dimensions(&self) -> usize {
        self.dimension_ranges.len()
    }

    /// Number of tiers (not counting `none` and `vetoed`).
    pub fn tiers(&self) -> usize {
        self.tiers.len()
    }

    /// Sample weights from factors (one per dimension, one per indicator).
    pub fn sample_weights(
        &self,
        dimension_factors: &[f64],
        indicator_factors: &[f64],
        out: &mut SampleWeights,
    ) {
        out.dimension.clear();
        out.dimension.extend(
            self.dimension_weights
                .iter()
                .zip(dimension_factors)
                .map(|(w, f)| w * f),
        );
        out.indicator.clear();
        out.indicator.extend(
            self.indicator_weights
                .iter()
                .zip(indicator_factors)
                .map(|(w, f)| w * f),
        );
    }

    /// Provider `p`'s total under `w`, with its dimension scores written to `dims`;
    /// `None` when nothing counts (possible only under [`Policy::Exclude`]).
    pub fn total(
        &self,
        p: usize,
        policy: Policy,
        w: &SampleWeights,
        dims: &mut [Option<f64>],
    ) -> Option<f64> {
        let presence = match policy {
            Policy::Nominal => &self.nominal,
            Policy::Exclude => &self.exclude,
        };
        let row = p * self.indicators;
        let s = &self.scores[row..row + self.indicators];
        let present = &presence.present[row..row + self.indicators];
        // The engine's arithmetic (score::kernel), on the sample's weights.
        for (d, r) in self.dimension_ranges.iter().enumerate() {
            let items = r
                .clone()
                .map(|k| (w.indicator[k], present[k].then_some(s[k])));
            dims[d] = kernel::dimension(items);
        }
        kernel::total(dims, &w.dimension, None)
    }

    /// The tier (as an order index: tiers, then `incomplete`, `none`, `vetoed`) of provider `p`.
    pub fn tier(&self, p: usize, total: f64, dims: &[Option<f64>]) -> u8 {
        let nt = self.tiers.len();
        if self.vetoed[p] {
            return (nt + 2) as u8;
        }
        if self.incomplete[p] {
            return nt as u8;
        }
        let holds = &self.indicator_requires_hold[p * nt..(p + 1) * nt];
        let any_missing = &self.any_missing[p * dims.len()..(p + 1) * dims.len()];
        // The engine's decision (tier::holds_on_scores) on the sample's scores;
        // the `require`s on indicator values were evaluated once.
        let found = (0..nt).find(|&t| {
            holds[t] && tier::holds_on_scores(&self.tiers[t], total, dims, |d| any_missing[d])
        });
        found.unwrap_or(nt + 1) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence;
    use crate::framework::load_str;
    use crate::score::score;

    fn scored(fw_text: &str, csv: &str, missing: MissingPolicy) -> (Framework, Evidence, Scores) {
        let mut fw = load_str("t.toml", fw_text)
            .map(|l| l.framework)
            .unwrap_or_else(|d| panic!("{d:?}"));
        fw.missing = missing;
        let (e, _) = evidence::parse("e.csv", csv, &fw).unwrap_or_else(|d| panic!("{d:?}"));
        let s = score(&fw, &e).unwrap_or_else(|d| panic!("{d:?}"));
        (fw, e, s)
    }

    /// Unit factors reproduce the engine's totals bit for bit, and its tiers, under both policies.
    fn assert_unit_factors_reproduce_the_engine(fw_text: &str, csv: &str) {
        let (fw, evidence, nominal) = scored(fw_text, csv, MissingPolicy::Zero);
        let (_, _, excluded) = scored(fw_text, csv, MissingPolicy::Exclude);
        let model = Model::new(&fw, &evidence, &nominal);
        let mut w = SampleWeights::default();
        let ones = vec![1.0; fw.indicators.len()];
        model.sample_weights(&ones[..fw.dimensions.len()], &ones, &mut w);
        let mut dims = vec![None; fw.dimensions.len()];
        for (policy, expected) in [(Policy::Nominal, &nominal), (Policy::Exclude, &excluded)] {
            for (p, engine) in nominal.providers.iter().enumerate() {
                let want = expected
                    .providers
                    .iter()
                    .find(|q| q.provider == engine.provider);
                let want = want.unwrap_or_else(|| panic!("{}", engine.provider));
                let total = model.total(p, policy, &w, &mut dims);
                assert_eq!(total, Some(want.total), "{} {policy:?}", want.provider);
                assert_eq!(dims, want.dimensions[..]);
                let tier = model.tier(p, want.total, &dims) as usize;
                assert_eq!(
                    tier,
                    want.tier.assigned.order(&fw),
                    "{} {policy:?}",
                    want.provider
                );
            }
        }
    }

    #[test]
    fn unit_factors_reproduce_the_engine_on_the_mini_fixture() {
        assert_unit_factors_reproduce_the_engine(
            include_str!("../../tests/fixtures/mini.toml"),
            include_str!("../../tests/fixtures/mini-long.csv"),
        );
    }

    /// Under `exclude`, a dimension left out because its value is missing fails
    /// `min_each_dimension` and a `require` on it; one that is not applicable is skipped.
    #[test]
    fn unit_factors_reproduce_left_out_dimensions() {
        let fw = crate::framework::fixture::text(
            r#"[[dimension]]
id = "d1"
name = "d1"
weight = 3
[[dimension.indicator]]
id = "a"
name = "a"
weight = 1
score = { kind = "linear", floor = 0, target = 100 }
[[dimension]]
id = "d2"
name = "d2"
weight = 1
[[dimension.indicator]]
id = "b"
name = "b"
weight = 1
score = { kind = "linear", floor = 0, target = 100 }
[[tier]]
id = "top"
name = "top"
min_total = 50
min_each_dimension = 10
[[tier]]
id = "mid"
name = "mid"
min_total = 20
[[tier.require]]
dimension = "d2"
at_least = 5
"#,
        );
        let csv = "provider,a,b
full,80,60
missing,90,
na,90,n/a
low,30,4
";
        assert_unit_factors_reproduce_the_engine(&fw, csv);
    }
}
