//! Ties and ranks: the one tolerance decisions use, the one tie key, and the
//! one competition ranking (used by `score` and the sensitivity samples).

/// Decisions compare unrounded values with this tolerance.
pub const TOLERANCE: f64 = 1e-9;

/// The key that decides ties: `x` rounded to 9 decimals ([`TOLERANCE`]).
/// Rounding first makes "tie" transitive, so sorting by the key is a total order.
pub fn tie_key(x: f64) -> i64 {
    (x / TOLERANCE).round() as i64
}

/// Competition ranks (1, 2, 2, 4) of keys already sorted best first: a key
/// equal to the one before shares its rank, any other takes its position.
pub fn competition_ranks(
    sorted_keys: impl IntoIterator<Item = i64>,
) -> impl Iterator<Item = usize> {
    let mut previous: Option<(i64, usize)> = None;
    sorted_keys.into_iter().enumerate().map(move |(i, key)| {
        let rank = match previous {
            Some((k, r)) if k == key => r,
            _ => i + 1,
        };
        previous = Some((key, rank));
        rank
    })
}

/// Reorders `items` in place so that position i holds the item that was at
/// `order[i]` (following each cycle with swaps, so no second copy is needed).
pub fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        while order[current] != start {
            let next = order[current];
            items.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        // 90, 80, 80, 70 → 1, 2, 2, 4 (competition ranking, "1224").
        let ranks: Vec<usize> = competition_ranks([90, 80, 80, 70]).collect();
        assert_eq!(ranks, [1, 2, 2, 4]);
        let ranks: Vec<usize> = competition_ranks([5, 5, 5]).collect();
        assert_eq!(ranks, [1, 1, 1]);
    }

    #[test]
    fn values_within_the_tolerance_tie() {
        // 1e-9 / 1e-9 = 1 and 0.4e-9 / 1e-9 rounds to 0: 72.5 and 72.5 + 4e-10 tie.
        assert_eq!(tie_key(72.5), tie_key(72.5 + 4e-10));
        assert_ne!(tie_key(72.5), tie_key(72.5 + 2e-9));
        assert_eq!(tie_key(-0.0), 0);
    }
}
