//! Progression rules across rounds (SPEC §9): the framework's `[progression]`
//! caps applied against the previous round's results.
//!
//! A provider is **first-time** when it is absent from the previous results or
//! had no grade there (`none`, `incomplete`, `vetoed`): it gets at most
//! `first_time_at_most`. A provider that had a grade rises at most
//! `step_up_at_most` tiers (counting tiers as steps). Going down is never
//! capped, and `vetoed`, `incomplete` and `none` are never replaced by a cap.
//! A capped provider keeps its scores; only its tier changes, and
//! [`crate::tier::TierOutcome::capped`] records the rule and the tier earned.

use crate::diag::{Diagnostic, printable};
use crate::framework::Framework;
use crate::framework::progression::Progression;
use crate::results::RoundResults;
use crate::score::Scores;
use crate::tier::{Assigned, CapRule, Capped};

/// Where a provider stood in the previous round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not in the previous results.
    Absent,
    /// In them without a grade (`none`, `incomplete`, `vetoed`).
    Ungraded,
    /// Graded with this tier (index into the framework's tiers).
    Graded(usize),
}

/// A provider's standing in `previous` (tiers were checked against `fw` when read).
pub fn standing(fw: &Framework, previous: &RoundResults, provider: &str) -> Standing {
    match previous.get(provider) {
        None => Standing::Absent,
        Some(row) => fw
            .tier_index(&row.tier)
            .map_or(Standing::Ungraded, Standing::Graded),
    }
}

/// The tier a provider gets under the rules, and the cap when one applied:
/// `assigned` is the tier decided from its scores.
pub fn cap(rules: &Progression, assigned: Assigned, before: Standing) -> Option<(usize, Capped)> {
    let Assigned::Tier(earned) = assigned else {
        return None;
    };
    let (limit, by) = match before {
        Standing::Absent | Standing::Ungraded => (rules.first_time_at_most?, CapRule::FirstTime),
        // Tiers are best first: rising n steps from tier q reaches q − n.
        Standing::Graded(q) => (q.saturating_sub(rules.step_up_at_most?), CapRule::StepUp),
    };
    (earned < limit).then_some((limit, Capped { by, earned }))
}

/// Applies the framework's `[progression]` to every provider of `scores`.
/// Returns warnings: providers of the previous round that are not in this one.
pub fn apply(fw: &Framework, scores: &mut Scores, previous: &RoundResults) -> Vec<Diagnostic> {
    if let Some(rules) = &fw.progression {
        for p in &mut scores.providers {
            let before = standing(fw, previous, &p.provider);
            if let Some((limit, capped)) = cap(rules, p.tier.assigned, before) {
                p.tier.assigned = Assigned::Tier(limit);
                p.tier.capped = Some(capped);
            }
        }
    }
    leavers(scores, previous)
}

/// One warning naming the providers of the previous round that left.
fn leavers(scores: &Scores, previous: &RoundResults) -> Vec<Diagnostic> {
    let here: std::collections::HashSet<&str> = scores
        .providers
        .iter()
        .map(|p| p.provider.as_str())
        .collect();
    let left: Vec<String> = previous
        .providers
        .keys()
        .filter(|id| !here.contains(id.as_str()))
        .map(|id| printable(id).into_owned())
        .collect();
    if left.is_empty() {
        return Vec::new();
    }
    let message = format!(
        "{} provider(s) of the previous round are not in this one (left): {}",
        left.len(),
        left.join(", ")
    );
    vec![Diagnostic::warning(&previous.file, None, message)]
}

/// The warning a scoring command gives when the framework has progression
/// rules and no `--previous` was given.
pub fn not_applied(rules: &Progression) -> Diagnostic {
    let (file, at) = &rules.at;
    Diagnostic::warning(
        file,
        Some(*at),
        "the [progression] rules are not applied: no previous round given",
    )
    .with_help("give --previous RESULTS (the previous round's `score --format json` or csv)")
}

#[cfg(test)]
mod tests;
