//! CRITIC (Criteria Importance Through Intercriteria Correlation).
//!
//! For each column j: σ_j is the population standard deviation over the n rows,
//! r_jk Pearson's correlation with column k, C_j = σ_j · Σ_k (1 − r_jk) over the
//! non-constant columns k (the k = j term is 0), and w_j = C_j / Σ_k C_k.
//! A constant column has σ_j = 0, so weight 0, and is left out of the other
//! columns' sums (its correlation is undefined). When every C_j is 0 (every
//! column constant, a single informative column, or fewer than 2 rows), the
//! weights are equal over the informative columns (over all if there are none).

use super::{Derived, is_constant, normalise_or_equal};

/// CRITIC weights of the `columns` columns of `rows`.
pub fn weights(rows: &[Vec<f64>], columns: usize) -> Derived {
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
        .map(|c| (c.iter().map(|x| x * x).sum::<f64>() / n).sqrt())
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

    /// Worked by hand on the same matrix as the entropy example:
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
    fn matches_the_hand_computed_example() {
        let rows = vec![
            vec![1.0, 0.2, 0.0],
            vec![0.5, 0.4, 0.5],
            vec![0.5, 0.4, 1.0],
        ];
        let d = weights(&rows, 3);
        assert_close(&d.statistic, &[0.9112, 0.2012, 0.8165]);
        assert_close(&d.weights, &[0.4724, 0.1043, 0.4233]);
    }

    #[test]
    fn constant_columns_get_no_weight_and_no_say() {
        // x2 is constant: it gets 0 and does not add 1 − r to the others.
        let rows = vec![vec![0.0, 0.3, 1.0], vec![1.0, 0.3, 0.0]];
        let d = weights(&rows, 3);
        // σ1 = σ3 = 0.5, r13 = −1: C1 = C3 = 0.5 · 2 = 1.
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
        let d = weights(&rows, 3);
        assert!(d.weights.iter().all(|w| w.is_finite()), "{d:?}");
    }

    #[test]
    fn degenerate_inputs_give_equal_weights() {
        let one_informative = vec![vec![0.0, 0.3], vec![1.0, 0.3]];
        assert_eq!(weights(&one_informative, 2).weights, [1.0, 0.0]);
        let constant = vec![vec![0.2, 0.3], vec![0.2, 0.3]];
        assert_eq!(weights(&constant, 2).weights, [0.5, 0.5]);
        assert_eq!(weights(&constant[..1], 2).weights, [0.5, 0.5]);
    }
}
