//! Analyses on top of scoring: objective weights and weight sensitivity.
//!
//! Pure computation, no I/O: [`entropy`] and [`critic`] derive weights from a
//! matrix of scores, [`objective`] applies them to a framework's dimensions and
//! indicators, and [`sensitivity`] runs a seeded Monte Carlo on the weights
//! (with [`rng`] for reproducible draws and [`model`] for what is precomputed).

pub mod critic;
pub mod entropy;
pub mod model;
pub mod objective;
pub mod rng;
pub mod sensitivity;

/// Weights derived from a data matrix, one per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// Non-negative weights summing to 1.
    pub weights: Vec<f64>,
    /// The method's per-column statistic: the entropy e_j, or CRITIC's information C_j.
    pub statistic: Vec<f64>,
}

/// True when every value of column `j` is the same (such a column carries no information).
pub(crate) fn is_constant(rows: &[Vec<f64>], j: usize) -> bool {
    rows.windows(2).all(|w| w[0][j] == w[1][j])
}

/// `raw` normalised to sum 1; when it sums to 0, equal weights over the
/// informative (non-constant) columns, or over every column if none is.
pub(crate) fn normalise_or_equal(raw: &[f64], informative: &[bool]) -> Vec<f64> {
    let sum: f64 = raw.iter().sum();
    if sum > 0.0 {
        return raw.iter().map(|r| r / sum).collect();
    }
    let count = informative.iter().filter(|&&i| i).count();
    if count == 0 {
        return vec![1.0 / raw.len() as f64; raw.len()];
    }
    informative
        .iter()
        .map(|&i| if i { 1.0 / count as f64 } else { 0.0 })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_or_falls_back_to_equal_weights() {
        assert_eq!(normalise_or_equal(&[1.0, 3.0], &[true, true]), [0.25, 0.75]);
        assert_eq!(normalise_or_equal(&[0.0, 0.0], &[true, false]), [1.0, 0.0]);
        assert_eq!(normalise_or_equal(&[0.0, 0.0], &[false, false]), [0.5, 0.5]);
    }

    #[test]
    fn detects_constant_columns() {
        let rows = vec![vec![1.0, 0.5], vec![1.0, 0.7]];
        assert!(is_constant(&rows, 0));
        assert!(!is_constant(&rows, 1));
        assert!(is_constant(&rows[..1], 1));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::{critic, entropy};

    fn matrix() -> impl Strategy<Value = Vec<Vec<f64>>> {
        (1usize..6, 1usize..8).prop_flat_map(|(m, n)| {
            proptest::collection::vec(proptest::collection::vec(0.0f64..=1.0, m), n)
        })
    }

    proptest! {
        /// Both methods give non-negative weights that sum to 1, whatever the data.
        #[test]
        fn weights_are_a_distribution(rows in matrix()) {
            let m = rows[0].len();
            for d in [
                entropy::weights(&rows, m),
                critic::weights(&rows, m, critic::Variant::MinMax),
                critic::weights(&rows, m, critic::Variant::Scores),
            ] {
                prop_assert_eq!(d.weights.len(), m);
                prop_assert!(d.weights.iter().all(|w| *w >= 0.0 && w.is_finite()));
                prop_assert!((d.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            }
        }

        /// Reordering the providers does not change the weights.
        #[test]
        fn provider_order_does_not_matter(rows in matrix()) {
            let m = rows[0].len();
            let mut reversed = rows.clone();
            reversed.reverse();
            for (a, b) in [
                (entropy::weights(&rows, m), entropy::weights(&reversed, m)),
                (
                    critic::weights(&rows, m, critic::Variant::MinMax),
                    critic::weights(&reversed, m, critic::Variant::MinMax),
                ),
            ] {
                for (x, y) in a.weights.iter().zip(&b.weights) {
                    prop_assert!((x - y).abs() < 1e-9);
                }
            }
        }
    }
}
