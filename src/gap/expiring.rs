//! Values that expire soon after the as-of date (`gap --expiring-within
//! DAYS`): valid for this round, a risk for the next.

use super::Gap;
use crate::date::Date;
use crate::evidence::Evidence;
use crate::score::Scores;

/// A value valid on the as-of date whose validity ends soon: a risk for the
/// next round (`gap --expiring-within DAYS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiring {
    /// Index into [`Framework::indicators`](crate::framework::Framework::indicators).
    pub indicator: usize,
    /// Its last valid day.
    pub until: Date,
    /// Days from the as-of date to `until`.
    pub days_left: i64,
    /// For a ledger row (a certificate register entry): where it is.
    pub record: Option<String>,
}

/// Fills each gap's `expiring` list: the values of its provider valid on
/// `as_of` that expire within `days` after it, in framework order. Leaves
/// them `None` when the evidence has no validity columns.
pub fn fill_expiring(
    gaps: &mut [Gap],
    scores: &Scores,
    evidence: &Evidence,
    as_of: Date,
    days: u32,
) {
    if !evidence.has_validity() {
        return;
    }
    // Sorted by provider, then indicator: each provider's run is found by bisection.
    let soon = evidence.expiring(as_of, days);
    for g in gaps {
        let p = scores.providers[g.provider].index;
        let start = soon.partition_point(|&(q, ..)| q < p);
        let end = soon.partition_point(|&(q, ..)| q <= p);
        let list = soon[start..end]
            .iter()
            .map(|&(_, k, until)| Expiring {
                indicator: k,
                until,
                days_left: as_of.days_until(until),
                record: None,
            })
            .collect();
        g.expiring = Some(list);
    }
}
