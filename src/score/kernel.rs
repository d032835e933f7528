//! The one dimension/total arithmetic: scoring ([`super::aggregate`]), gap's
//! what-if totals and the sensitivity samples (`analysis::model`) all call
//! these two functions, so a change to how scores combine is made once.
//!
//! The order of operations is part of the contract: the sensitivity model with
//! every weight multiplied by 1 must reproduce the engine's totals bit for bit
//! (tested in `analysis::model`).

/// D of one dimension: 100 × Σ wᵢ·sᵢ / Σ wᵢ over the indicators that count
/// (`(weight, Some(s))`; `None` is left out and its weight renormalised away),
/// clamped to [0, 100]. `None` when no weight counts.
#[inline]
pub fn dimension(items: impl Iterator<Item = (f64, Option<f64>)>) -> Option<f64> {
    let mut sums = DimensionSums::default();
    for (w, s) in items {
        sums.add(w, s);
    }
    sums.score()
}

/// The running sums of [`dimension`] (Σ wᵢ·sᵢ and Σ wᵢ over the items so
/// far): kept part way, they let a caller that changes one item start from
/// the sums before it, by the very additions [`dimension`] makes.
#[derive(Debug, Clone, Copy, Default)]
pub struct DimensionSums {
    sum: f64,
    weights: f64,
}

impl DimensionSums {
    /// Adds one item: `(weight, Some(s))` counts, `None` is left out.
    #[inline]
    pub fn add(&mut self, w: f64, s: Option<f64>) {
        if let Some(s) = s {
            self.sum += w * s;
            self.weights += w;
        }
    }

    /// D from the items added.
    #[inline]
    pub fn score(self) -> Option<f64> {
        (self.weights > 0.0).then(|| (100.0 * self.sum / self.weights).clamp(0.0, 100.0))
    }
}

/// T: the dimension scores weighted by `weights`, renormalised over the
/// dimensions scored, clamped to [0, 100]; each dimension's share is written to
/// `shares` when given (0 when left out). `None` when no weight counts.
#[inline]
pub fn total(
    dimensions: &[Option<f64>],
    weights: &[f64],
    shares: Option<&mut Vec<f64>>,
) -> Option<f64> {
    let items = dimensions.iter().copied().zip(weights.iter().copied());
    let weight_sum = weight_sum(items.clone());
    let total = weighted(items, weight_sum)?;
    if let Some(shares) = shares {
        shares.clear();
        shares.extend(
            dimensions
                .iter()
                .zip(weights)
                .map(|(d, w)| if d.is_some() { w / weight_sum } else { 0.0 }),
        );
    }
    Some(total)
}

/// [`total`] of `(D, weight)` pairs given one by one (twice: the iterator is
/// cloned), for a caller that changes one dimension without copying the rest.
#[inline]
pub fn total_of(items: impl Iterator<Item = (Option<f64>, f64)> + Clone) -> Option<f64> {
    weighted(items.clone(), weight_sum(items))
}

/// The weight of the dimensions scored (`(D, weight)` pairs).
#[inline]
pub fn weight_sum(items: impl Iterator<Item = (Option<f64>, f64)>) -> f64 {
    items.filter(|(d, _)| d.is_some()).map(|(_, w)| w).sum()
}

/// One step of T before clamping: `total` plus D × (w / `weight_sum`), or
/// `total` itself when the dimension is left out. [`total`] is these steps
/// over the dimensions in order, then [`clamp_total`].
#[inline]
pub fn add_dimension(total: f64, d: Option<f64>, w: f64, weight_sum: f64) -> f64 {
    add_part(total, d.map(|d| part(d, w, weight_sum)))
}

/// A scored dimension's part of T: D × (w / `weight_sum`). A caller that adds
/// the same parts again and again (gap's what-if totals) keeps them, and adds
/// each by [`add_part`]: the very step of [`add_dimension`].
#[inline]
pub fn part(d: f64, w: f64, weight_sum: f64) -> f64 {
    d * (w / weight_sum)
}

/// `total` plus a dimension's [`part`], or `total` itself when the dimension
/// is left out (`None`).
#[inline]
pub fn add_part(total: f64, part: Option<f64>) -> f64 {
    match part {
        Some(part) => total + part,
        None => total,
    }
}

/// The last step of T: clamped to [0, 100].
#[inline]
pub fn clamp_total(total: f64) -> f64 {
    total.clamp(0.0, 100.0)
}

/// T from its running sum: [`clamp_total`], or `None` when no weight counts
/// (`weight_sum` ≤ 0; the sum then means nothing).
#[inline]
pub fn finish_total(total: f64, weight_sum: f64) -> Option<f64> {
    (weight_sum > 0.0).then(|| clamp_total(total))
}

/// Σ D × (w / `weight_sum`) over the dimensions scored, clamped; `None` when
/// no weight counts.
#[inline]
fn weighted(items: impl Iterator<Item = (Option<f64>, f64)>, weight_sum: f64) -> Option<f64> {
    if weight_sum <= 0.0 {
        return None;
    }
    let total = items.fold(0.0, |total, (d, w)| add_dimension(total, d, w, weight_sum));
    finish_total(total, weight_sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dimension_renormalises_over_what_counts() {
        // 100 × (50 × 1 + 30 × 0.85) / (50 + 30) = 100 × 75.5 / 80 = 94.375;
        // the third indicator (weight 20) is left out.
        let d = dimension([(50.0, Some(1.0)), (30.0, Some(0.85)), (20.0, None)].into_iter());
        assert!((d.unwrap() - 94.375).abs() < 1e-12, "{d:?}");
        assert_eq!(dimension([(50.0, None)].into_iter()), None);
        // Weight 0 counts for nothing: no weight, no score.
        assert_eq!(dimension([(0.0, Some(1.0))].into_iter()), None);
    }

    #[test]
    fn a_total_renormalises_over_the_dimensions_scored() {
        // 80 × 0.6 + 50 × 0.4 = 48 + 20 = 68.
        let mut shares = Vec::new();
        let t = total(&[Some(80.0), Some(50.0)], &[60.0, 40.0], Some(&mut shares));
        assert!((t.unwrap() - 68.0).abs() < 1e-12, "{t:?}");
        assert_eq!(shares, [0.6, 0.4]);
        // The second dimension left out: the first carries the whole weight.
        let t = total(&[Some(80.0), None], &[60.0, 40.0], Some(&mut shares));
        assert_eq!(t, Some(80.0));
        assert_eq!(shares, [1.0, 0.0]);
        assert_eq!(total(&[None, None], &[60.0, 40.0], None), None);
    }
}
