//! AHP (层次分析法): weights from a pairwise comparison matrix.
//!
//! Weights are the normalised principal eigenvector (power iteration, which
//! converges for the positive matrices AHP allows); consistency is Saaty's
//! CR = CI / RI with CI = (λmax − n)/(n − 1).

use super::AhpSummary;

/// The largest CR a framework may use.
pub const MAX_CR: f64 = 0.10;

/// Saaty's random consistency index for n = 1..=15.
const RANDOM_INDEX: [f64; 15] = [
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/// The largest matrix AHP is defined for here (Saaty's table stops at 15).
pub const MAX_SIZE: usize = RANDOM_INDEX.len();

/// Saaty's random index for an n × n matrix.
pub fn random_index(n: usize) -> Option<f64> {
    n.checked_sub(1).and_then(|i| RANDOM_INDEX.get(i)).copied()
}

/// Weights and consistency of a square positive matrix with n ≤ [`MAX_SIZE`].
/// The caller has checked shape, positivity and reciprocity.
pub fn analyse(matrix: &[Vec<f64>]) -> AhpSummary {
    let n = matrix.len();
    let weights = principal_eigenvector(matrix);
    let lambda_max = (0..n)
        .map(|i| row_dot(&matrix[i], &weights) / weights[i])
        .sum::<f64>()
        / n as f64;
    let ri = random_index(n).unwrap_or(0.0);
    let ci = if n > 2 {
        (lambda_max - n as f64) / (n as f64 - 1.0)
    } else {
        0.0
    };
    let cr = if ri > 0.0 { (ci / ri).max(0.0) } else { 0.0 };
    AhpSummary {
        weights,
        lambda_max,
        ci,
        ri,
        cr,
    }
}

fn row_dot(row: &[f64], v: &[f64]) -> f64 {
    row.iter().zip(v).map(|(a, b)| a * b).sum()
}

fn principal_eigenvector(matrix: &[Vec<f64>]) -> Vec<f64> {
    let n = matrix.len();
    let mut w = vec![1.0 / n as f64; n];
    for _ in 0..10_000 {
        let mut next: Vec<f64> = matrix.iter().map(|row| row_dot(row, &w)).collect();
        let sum: f64 = next.iter().sum();
        next.iter_mut().for_each(|x| *x /= sum);
        let change = next
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        if change < 1e-15 {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round4(x: f64) -> f64 {
        (x * 1e4).round() / 1e4
    }

    #[test]
    fn saaty_three_by_three() {
        let m = vec![
            vec![1.0, 3.0, 5.0],
            vec![1.0 / 3.0, 1.0, 2.0],
            vec![1.0 / 5.0, 1.0 / 2.0, 1.0],
        ];
        let a = analyse(&m);
        let w: Vec<f64> = a.weights.iter().map(|x| round4(*x)).collect();
        assert_eq!(w, vec![0.6483, 0.2297, 0.1220]);
        assert_eq!(a.ri, 0.58);
        assert_eq!(round4(a.cr), 0.0032);
        assert_eq!(round4(a.lambda_max), 3.0037);
    }

    #[test]
    fn consistent_matrix_has_zero_cr() {
        let m = vec![
            vec![1.0, 2.0, 4.0],
            vec![0.5, 1.0, 2.0],
            vec![0.25, 0.5, 1.0],
        ];
        let a = analyse(&m);
        assert!(a.cr.abs() < 1e-12);
        assert_eq!(round4(a.weights[0]), round4(4.0 / 7.0));
    }

    #[test]
    fn inconsistent_matrix_has_high_cr() {
        let m = vec![
            vec![1.0, 9.0, 1.0 / 9.0],
            vec![1.0 / 9.0, 1.0, 9.0],
            vec![9.0, 1.0 / 9.0, 1.0],
        ];
        assert!(analyse(&m).cr > MAX_CR);
    }

    #[test]
    fn two_by_two_is_always_consistent() {
        let a = analyse(&[vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]]);
        assert_eq!(a.cr, 0.0);
        assert_eq!(a.weights, vec![0.75, 0.25]);
    }
}
