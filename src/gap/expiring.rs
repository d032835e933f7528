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

/// The values of a run valid on the as-of date that expire within some days
/// after it, found once for the whole run and handed out a batch of gaps at
/// a time ([`Expiries::fill`]).
#[derive(Debug, Clone)]
pub struct Expiries {
    as_of: Date,
    /// (provider, indicator, last valid day), sorted by provider then
    /// indicator; `None` when the evidence has no validity columns.
    soon: Option<Vec<(usize, usize, Date)>>,
}

impl Expiries {
    /// The values of `evidence` valid on `as_of` that expire within `days` after it.
    pub fn new(evidence: &Evidence, as_of: Date, days: u32) -> Self {
        let soon = evidence
            .has_validity()
            .then(|| evidence.expiring(as_of, days));
        Expiries { as_of, soon }
    }

    /// Fills each gap's `expiring` list with its provider's values, in
    /// framework order. Leaves them `None` when the evidence has no validity
    /// columns.
    pub fn fill(&self, gaps: &mut [Gap], scores: &Scores) {
        let Some(soon) = &self.soon else {
            return;
        };
        for g in gaps {
            let p = scores.providers[g.provider].index;
            // Each provider's run is found by bisection.
            let start = soon.partition_point(|&(q, ..)| q < p);
            let end = soon.partition_point(|&(q, ..)| q <= p);
            let list = soon[start..end]
                .iter()
                .map(|&(_, k, until)| Expiring {
                    indicator: k,
                    until,
                    days_left: self.as_of.days_until(until),
                    record: None,
                })
                .collect();
            g.expiring = Some(list);
        }
    }
}
