//! Kendall's coefficient of concordance W, with the correction for ties.
//!
//! Each of m experts ranks the n providers by score (tied scores share the
//! mean of their ranks). With Rᵢ the sum of provider i's ranks and
//! S = Σ (Rᵢ − R̄)², W = 12 S / (m² (n³ − n) − m Σⱼ Tⱼ), where Tⱼ = Σ (t³ − t)
//! over expert j's groups of t tied scores. W runs from 0 (no agreement) to 1
//! (every expert orders the providers the same way). Under the hypothesis of
//! no agreement χ² = m (n − 1) W is approximately χ² with n − 1 degrees of
//! freedom, which gives the p-value.

use super::chi2;

/// Kendall's W of one panel and its significance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Concordance {
    /// m: the number of experts.
    pub experts: usize,
    /// n: the number of providers every one of them scored.
    pub providers: usize,
    /// W ∈ [0, 1].
    pub w: f64,
    /// χ² = m (n − 1) W.
    pub chi_square: f64,
    /// Degrees of freedom, n − 1.
    pub df: usize,
    /// P(χ²(df) > chi_square): small means the agreement is unlikely to be chance.
    pub p_value: f64,
}

/// W over `scores[j][i]`, expert j's score of provider i (every row the same
/// length). `None` with fewer than 2 experts or 2 providers, or when every
/// expert gave every provider the same score (W is then undefined).
pub fn kendall_w(scores: &[Vec<f64>]) -> Option<Concordance> {
    let m = scores.len();
    let n = scores.first()?.len();
    if m < 2 || n < 2 || scores.iter().any(|row| row.len() != n) {
        return None;
    }
    let mut totals = vec![0.0; n];
    let mut ties = 0.0;
    for row in scores {
        let (ranks, t) = ranks(row);
        ties += t;
        for (total, r) in totals.iter_mut().zip(ranks) {
            *total += r;
        }
    }
    let (mf, nf) = (m as f64, n as f64);
    let mean = mf * (nf + 1.0) / 2.0;
    let s: f64 = totals.iter().map(|r| (r - mean).powi(2)).sum();
    let denominator = mf * mf * (nf.powi(3) - nf) - mf * ties;
    if denominator <= 0.0 {
        return None;
    }
    let w = (12.0 * s / denominator).clamp(0.0, 1.0);
    let chi_square = mf * (nf - 1.0) * w;
    let p_value = chi2::survival(chi_square, nf - 1.0)?;
    Some(Concordance {
        experts: m,
        providers: n,
        w,
        chi_square,
        df: n - 1,
        p_value,
    })
}

/// Ranks 1..=n of `values` (ties get the mean of their ranks) and Σ (t³ − t)
/// over the groups of t tied values.
pub fn ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut ties = 0.0;
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1..=end; their mean:
        let shared = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = shared;
        }
        let t = (end - start) as f64;
        ties += t.powi(3) - t;
        start = end;
    }
    (ranks, ties)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary
    /// Example 1": 4 judges rank 3 competitors X, Y, Z as (1,3,2), (1,2,3),
    /// (2,3,1), (3,1,2); rank sums 7, 9, 8; S = 2; W = 12·2/(16·3·8) = 1/16.
    #[test]
    fn proofwiki_example() {
        let judges = vec![
            vec![1.0, 3.0, 2.0],
            vec![1.0, 2.0, 3.0],
            vec![2.0, 3.0, 1.0],
            vec![3.0, 1.0, 2.0],
        ];
        let c = kendall_w(&judges).unwrap();
        assert!((c.w - 1.0 / 16.0).abs() < 1e-15, "{}", c.w);
        // χ² = m (n − 1) W = 4 · 2 / 16 = 0.5 on 2 df: p = e^{−0.25}.
        assert!((c.chi_square - 0.5).abs() < 1e-15);
        assert_eq!(c.df, 2);
        assert!((c.p_value - (-0.25f64).exp()).abs() < 1e-14);
    }

    /// With ties: the example of Sheskin, *Handbook of Parametric and
    /// Nonparametric Statistical Procedures* (W with the tie correction), as
    /// worked at stats.stackexchange.com/q/261206: judges x = [12, 2, 1, 12, 2]
    /// and y = [1, 4, 7, 1, 0] over 5 objects; ranks [4.5, 2.5, 1, 4.5, 2.5] and
    /// [2.5, 4, 5, 2.5, 1]; Σ(t³ − t) = 12 + 6 = 18; stated W = 0.22973
    /// (= 102 / 444).
    #[test]
    fn sheskin_example_with_ties() {
        let judges = vec![
            vec![12.0, 2.0, 1.0, 12.0, 2.0],
            vec![1.0, 4.0, 7.0, 1.0, 0.0],
        ];
        assert_eq!(ranks(&judges[0]), (vec![4.5, 2.5, 1.0, 4.5, 2.5], 12.0));
        let c = kendall_w(&judges).unwrap();
        assert!((c.w - 102.0 / 444.0).abs() < 1e-15, "{}", c.w);
        assert!((c.w - 0.22973).abs() < 5e-6);
    }

    #[test]
    fn identical_rankings_give_exactly_one() {
        let expert = vec![70.0, 95.0, 60.0, 88.0];
        let c = kendall_w(&[expert.clone(), expert.clone(), expert]).unwrap();
        assert_eq!(c.w, 1.0);
        // χ² = 3 · 3 · 1 = 9 on 3 df.
        assert_eq!(c.chi_square, 9.0);
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(kendall_w(&[vec![1.0, 2.0]]), None);
        assert_eq!(kendall_w(&[vec![1.0], vec![2.0]]), None);
        assert_eq!(kendall_w(&[vec![5.0, 5.0], vec![3.0, 3.0]]), None);
        assert_eq!(kendall_w(&[]), None);
    }
}
