//! The entropy weight method (熵权法).
//!
//! For n rows (providers) and a column j of non-negative values x_ij:
//! p_ij = x_ij / Σ_i x_ij, e_j = −(1/ln n) Σ_i p_ij ln p_ij (with 0 ln 0 = 0),
//! d_j = 1 − e_j and w_j = d_j / Σ_k d_k. A constant column (including an
//! all-zero one) has e_j = 1 and weight 0; when every column is constant, or
//! there are fewer than 2 rows, the weights are equal.

use super::{Derived, is_constant, normalise_or_equal};

/// Entropy weights of the `columns` columns of `rows` (every row has that many values, all ≥ 0).
pub fn weights(rows: &[Vec<f64>], columns: usize) -> Derived {
    let n = rows.len();
    if n < 2 {
        return Derived {
            weights: vec![1.0 / columns as f64; columns],
            statistic: vec![1.0; columns],
        };
    }
    let informative: Vec<bool> = (0..columns).map(|j| !is_constant(rows, j)).collect();
    let statistic: Vec<f64> = (0..columns)
        .map(|j| {
            if informative[j] {
                entropy(rows, j)
            } else {
                1.0
            }
        })
        .collect();
    // Rounding can leave e_j a hair above 1; the divergence is never negative.
    let divergence: Vec<f64> = statistic.iter().map(|e| (1.0 - e).max(0.0)).collect();
    Derived {
        weights: normalise_or_equal(&divergence, &informative),
        statistic,
    }
}

/// e_j of one non-constant column.
fn entropy(rows: &[Vec<f64>], j: usize) -> f64 {
    let sum: f64 = rows.iter().map(|r| r[j]).sum();
    let h: f64 = rows
        .iter()
        .map(|r| r[j] / sum)
        .filter(|&p| p > 0.0)
        .map(|p| p * p.ln())
        .sum();
    -h / (rows.len() as f64).ln()
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

    /// Worked by hand (3 providers × 3 indicators, values are scores s):
    ///
    /// ```text
    ///        x1    x2    x3
    /// p1    1.0   0.2   0.0
    /// p2    0.5   0.4   0.5
    /// p3    0.5   0.4   1.0
    /// ```
    /// ln 3 = 1.098612.
    /// x1: Σ = 2.0, p = (0.5, 0.25, 0.25), Σ p ln p = 0.5·(−0.693147) + 2·0.25·(−1.386294)
    ///     = −1.039721, e1 = 1.039721 / 1.098612 = 0.946395, d1 = 0.053605
    /// x2: Σ = 1.0, p = (0.2, 0.4, 0.4), Σ p ln p = 0.2·(−1.609438) + 2·0.4·(−0.916291)
    ///     = −1.054920, e2 = 0.960230, d2 = 0.039770
    /// x3: Σ = 1.5, p = (0, 1/3, 2/3), Σ p ln p = 0 + (1/3)(−1.098612) + (2/3)(−0.405465)
    ///     = −0.636514, e3 = 0.579380, d3 = 0.420620
    /// Σ d = 0.513995; w = (0.053605, 0.039770, 0.420620) / 0.513995 = (0.1043, 0.0774, 0.8183).
    #[test]
    fn matches_the_hand_computed_example() {
        let rows = vec![
            vec![1.0, 0.2, 0.0],
            vec![0.5, 0.4, 0.5],
            vec![0.5, 0.4, 1.0],
        ];
        let d = weights(&rows, 3);
        assert_close(&d.statistic, &[0.9464, 0.9602, 0.5794]);
        assert_close(&d.weights, &[0.1043, 0.0774, 0.8183]);
    }

    #[test]
    fn constant_columns_get_no_weight() {
        let rows = vec![vec![0.7, 0.0, 0.2], vec![0.7, 0.0, 0.8]];
        let d = weights(&rows, 3);
        assert_eq!(d.weights, [0.0, 0.0, 1.0]);
        assert_eq!(d.statistic[..2], [1.0, 1.0]);
    }

    #[test]
    fn all_constant_or_too_few_rows_give_equal_weights() {
        let rows = vec![vec![0.5, 1.0], vec![0.5, 1.0]];
        assert_eq!(weights(&rows, 2).weights, [0.5, 0.5]);
        assert_eq!(weights(&rows[..1], 2).weights, [0.5, 0.5]);
        assert_eq!(weights(&[], 2).weights, [0.5, 0.5]);
    }
}
