//! CRITIC (Criteria Importance Through Intercriteria Correlation, Diakoulaki, Mavrotas and
//! Papayannakis 1995).
//!
//! For each column j: σ_j is the population standard deviation over the n rows,
//! r_jk Pearson's correlation with column k, C_j = σ_j · Σ_k (1 − r_jk) over the
//! non-constant columns k (the k = j term is 0), and w_j = C_j / Σ_k C_k.
//! In the method as published ([`Variant::MinMax`], the default, as in pymcdm and
//! pyDecision) each column is first min-max normalised, x′ = (x − min) / (max − min),
//! so σ_j is the column's spread relative to its own range; [`Variant::Scores`]
//! takes σ_j of the scores s as they are, so a column whose providers all score
//! between 0.50 and 0.58 counts as the small spread it is. Correlations are the
//! same in both (min-max is an increasing affine map).
//! A constant column has σ_j = 0, so weight 0, and is left out of the other
//! columns' sums (its correlation is undefined). When every C_j is 0 (every
//! column constant, a single informative column, or fewer than 2 rows), the
//! weights are equal over the informative columns (over all if there are none).

use super::{Derived, is_constant, normalise_or_equal};

/// Which σ_j CRITIC uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// As published: σ of each column after min-max normalisation.
    #[default]
    MinMax,
    /// σ of the scores s themselves (already on [0, 1]), not normalised.
    Scores,
}

impl Variant {
    /// The name used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::MinMax => "minmax",
            Variant::Scores => "scores",
        }
    }
}

/// CRITIC weights of the `columns` columns of `rows`.
pub fn weights(rows: &[Vec<f64>], columns: usize, variant: Variant) -> Derived {
    if rows.len() < 2 {
        return Derived {
            weights: vec![1.0 / columns as f64; columns],
            statistic: vec![0.0; columns],
        };
    }
    let informative: Vec<bool> = (0..columns).map(|j| !is_constant(rows, j)).collect();
    let centred: Vec<Vec<f64>> = (0..columns).map(|j| centre(rows, j)).collect();
    let n = rows.len() as f64;
    let sigma: Vec<f64> = centred
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let sigma = (c.iter().map(|x| x * x).sum::<f64>() / n).sqrt();
            match variant {
                Variant::Scores => sigma,
                // σ of (x − min) / range is σ / range; a constant column has σ = 0 already.
                Variant::MinMax => match range(rows, j) {
                    r if r > 0.0 => sigma / r,
                    _ => 0.0,
                },
            }
        })
        .collect();
    let statistic: Vec<f64> = (0..columns)
        .map(|j| {
            if !informative[j] {
                return 0.0;
            }
            let conflict: f64 = (0..columns)
                .filter(|&k| k != j && informative[k])
                .map(|k| 1.0 - pearson(&centred[j], &centred[k]))
                // fold from +0.0: an empty `sum()` is −0.0, which would print as "-0.0000".
                .fold(0.0, |a, x| a + x);
            sigma[j] * conflict
        })
        .collect();
    Derived {
        weights: normalise_or_equal(&statistic, &informative),
        statistic,
    }
}

/// max − min of column `j`.
fn range(rows: &[Vec<f64>], j: usize) -> f64 {
    let (lo, hi) = rows
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), r| {
            (lo.min(r[j]), hi.max(r[j]))
        });
    hi - lo
}

/// Column `j` minus its mean.
fn centre(rows: &[Vec<f64>], j: usize) -> Vec<f64> {
    let mean = rows.iter().map(|r| r[j]).sum::<f64>() / rows.len() as f64;
    rows.iter().map(|r| r[j] - mean).collect()
}

/// Pearson's r of two centred, non-constant columns, clamped to [−1, 1].
fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let aa: f64 = a.iter().map(|x| x * x).sum();
    let bb: f64 = b.iter().map(|y| y * y).sum();
    let denominator = (aa * bb).sqrt();
    // Deviations so small that their product underflows: treat as uncorrelated.
    if denominator > 0.0 {
        (dot / denominator).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(actual: &[f64], expected: &[f64]) {
        assert_eq!(actual.len(), expected.len());
        for (a, e) in actual.iter().zip(expected) {
            assert!((a - e).abs() < 5e-5, "{actual:?} ≠ {expected:?}");
        }
    }

    /// The `scores` variant, worked by hand on the same matrix as the entropy example:
    ///
    /// ```text
    ///        x1    x2    x3
    /// p1    1.0   0.2   0.0
    /// p2    0.5   0.4   0.5
    /// p3    0.5   0.4   1.0
    /// ```
    /// means (2/3, 1/3, 1/2); deviations x1: (1/3, −1/6, −1/6), x2: (−2/15, 1/15, 1/15),
    /// x3: (−1/2, 0, 1/2).
    /// σ (÷ n): σ1 = √(1/18) = 0.235702, σ2 = √(2/225) = 0.094281, σ3 = √(1/6) = 0.408248.
    /// r12 = −1 (x2 = 0.6 − 0.4·x1 exactly); r13 = (−1/6 − 1/12)·… = −√3/2 = −0.866025;
    /// r23 = +√3/2 = 0.866025.
    /// C1 = σ1·[(1 − r12) + (1 − r13)] = 0.235702 · (2 + 1.866025) = 0.911231
    /// C2 = σ2·[(1 − r12) + (1 − r23)] = 0.094281 · (2 + 0.133975) = 0.201193
    /// C3 = σ3·[(1 − r13) + (1 − r23)] = 0.408248 · 2 = 0.816497
    /// Σ C = 1.928921; w = (0.4724, 0.1043, 0.4233).
    #[test]
    fn scores_variant_matches_the_hand_computed_example() {
        let d = weights(&hand_example(), 3, Variant::Scores);
        assert_close(&d.statistic, &[0.9112, 0.2012, 0.8165]);
        assert_close(&d.weights, &[0.4724, 0.1043, 0.4233]);
    }

    fn hand_example() -> Vec<Vec<f64>> {
        vec![
            vec![1.0, 0.2, 0.0],
            vec![0.5, 0.4, 0.5],
            vec![0.5, 0.4, 1.0],
        ]
    }

    /// The published method on the same matrix. Ranges 0.5, 0.2 and 1, so the min-max σ are
    /// σ1/0.5 = 0.471405, σ2/0.2 = 0.471405, σ3/1 = 0.408248, and with the same Σ(1 − r):
    /// C1 = 0.471405 · 3.866025 = 1.822462, C2 = 0.471405 · 2.133975 = 1.005966,
    /// C3 = 0.408248 · 2 = 0.816497; Σ C = 3.644925, w = (0.5000, 0.2760, 0.2240).
    /// Independently: pymcdm 1.4.0, `pymcdm.weights.critic_weights(A)` on this A gives
    /// [0.5, 0.2759907623, 0.2240092377] (it uses σ with ddof = 1, which scales every C_j alike).
    #[test]
    fn minmax_variant_matches_the_hand_computed_example_and_pymcdm() {
        let d = weights(&hand_example(), 3, Variant::MinMax);
        assert_close(&d.statistic, &[1.8225, 1.0060, 0.8165]);
        assert_close(&d.weights, &[0.5, 0.275_990_762_3, 0.224_009_237_7]);
    }

    /// Five providers × four columns, one of them (x4) spread only over 0.50–0.58. pymcdm 1.4.0,
    /// `critic_weights(B)`: [0.2378225159, 0.2835164701, 0.2491939325, 0.2294670814]; the same
    /// formula without normalisation (numpy: σ ddof 0, corrcoef) gives
    /// [0.2537676669, 0.4033669834, 0.3102184124, 0.0326469374]: x4 counts for 0.03 on the
    /// scores and for 0.23 once stretched to its range — the 0.2 difference the variants are about.
    #[test]
    fn both_variants_match_numpy_and_pymcdm_on_a_five_by_four_matrix() {
        let rows = vec![
            vec![0.9, 0.2, 0.7, 0.50],
            vec![0.6, 0.4, 0.9, 0.55],
            vec![0.3, 0.8, 0.4, 0.52],
            vec![0.8, 0.6, 0.2, 0.58],
            vec![0.5, 1.0, 0.6, 0.51],
        ];
        let minmax = weights(&rows, 4, Variant::MinMax).weights;
        let scores = weights(&rows, 4, Variant::Scores).weights;
        let within = |a: &[f64], e: &[f64]| a.iter().zip(e).all(|(a, e)| (a - e).abs() < 1e-9);
        let pymcdm = [0.2378225159, 0.2835164701, 0.2491939325, 0.2294670814];
        let numpy = [0.2537676669, 0.4033669834, 0.3102184124, 0.0326469374];
        assert!(within(&minmax, &pymcdm), "{minmax:?}");
        assert!(within(&scores, &numpy), "{scores:?}");
    }

    #[test]
    fn constant_columns_get_no_weight_and_no_say() {
        // x2 is constant: it gets 0 and does not add 1 − r to the others.
        let rows = vec![vec![0.0, 0.3, 1.0], vec![1.0, 0.3, 0.0]];
        let d = weights(&rows, 3, Variant::Scores);
        // σ1 = σ3 = 0.5, r13 = −1: C1 = C3 = 0.5 · 2 = 1 (ranges 1, so min-max gives the same).
        assert_eq!(weights(&rows, 3, Variant::MinMax), d);
        assert_close(&d.statistic, &[1.0, 0.0, 1.0]);
        assert_close(&d.weights, &[0.5, 0.0, 0.5]);
    }

    #[test]
    fn tiny_deviations_do_not_give_nan() {
        let rows = vec![
            vec![0.0, 0.5, 1e-200],
            vec![1.0, 0.5, 0.0],
            vec![0.5, 0.6, 0.0],
        ];
        let d = weights(&rows, 3, Variant::MinMax);
        assert!(d.weights.iter().all(|w| w.is_finite()), "{d:?}");
        let d = weights(&rows, 3, Variant::Scores);
        assert!(d.weights.iter().all(|w| w.is_finite()), "{d:?}");
    }

    #[test]
    fn degenerate_inputs_give_equal_weights() {
        let one_informative = vec![vec![0.0, 0.3], vec![1.0, 0.3]];
        let constant = vec![vec![0.2, 0.3], vec![0.2, 0.3]];
        for v in [Variant::MinMax, Variant::Scores] {
            assert_eq!(weights(&one_informative, 2, v).weights, [1.0, 0.0]);
            assert_eq!(weights(&constant, 2, v).weights, [0.5, 0.5]);
            assert_eq!(weights(&constant[..1], 2, v).weights, [0.5, 0.5]);
        }
    }
}
