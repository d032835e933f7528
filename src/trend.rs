//! `trend`: providers across rounds (SPEC §9): the tier and total of every
//! provider in every round, the change over the last round and the movement
//! between the tiers of the last two rounds; and, per group of an attribute,
//! the tier counts of every round.
//!
//! Pure computation over [`RoundResults`]; rendering is in [`crate::report::trend`].

use std::collections::BTreeMap;

use crate::evidence::Attributes;
use crate::framework::Framework;
use crate::results::{ResultRow, RoundResults, UNGRADED};
use crate::summary::Group;

/// One round: its label and its results.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// The label (file stem or `--label`), used in column names.
    pub label: String,
    /// The results.
    pub results: RoundResults,
}

/// The order of the tiers, best first, that movements compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierOrder {
    /// Tier ids, best first (without `incomplete`, `none`, `vetoed`).
    pub tiers: Vec<String>,
    /// True when no framework gave the order and it was inferred from totals.
    pub inferred: bool,
}

impl TierOrder {
    /// The framework's order.
    pub fn from_framework(fw: &Framework) -> Self {
        TierOrder {
            tiers: fw.tiers.iter().map(|t| t.id.clone()).collect(),
            inferred: false,
        }
    }

    /// Without a framework: tiers ordered by the lowest total that reached
    /// them in any round, highest first (ties by id). Tiers are best first in
    /// strictly decreasing `min_total`, so this is the framework's order unless
    /// a tier was held only by providers well above its floor.
    pub fn infer(rounds: &[Round]) -> Self {
        let mut lowest: BTreeMap<&str, f64> = BTreeMap::new();
        for row in rounds.iter().flat_map(|r| r.results.providers.values()) {
            if row.graded() {
                let low = lowest.entry(&row.tier).or_insert(row.total);
                *low = low.min(row.total);
            }
        }
        let mut tiers: Vec<(&str, f64)> = lowest.into_iter().collect();
        tiers.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        TierOrder {
            tiers: tiers.into_iter().map(|(t, _)| t.to_string()).collect(),
            inferred: true,
        }
    }

    /// The rank of an outcome, 0 best: tiers in order, then `incomplete`,
    /// `none` and `vetoed` level with one another below every tier.
    pub fn rank(&self, tier: &str) -> usize {
        self.tiers
            .iter()
            .position(|t| t == tier)
            .unwrap_or(self.tiers.len())
    }

    /// Every outcome a count is kept for: the tiers best first, then
    /// `incomplete`, `none`, `vetoed`.
    pub fn outcomes(&self) -> Vec<String> {
        let mut all = self.tiers.clone();
        all.extend(UNGRADED.map(String::from));
        all
    }
}

/// How a provider moved between the last two rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// A better tier than in the round before.
    Up,
    /// A worse tier.
    Down,
    /// The same rank (two ungraded outcomes are the same rank).
    Same,
    /// In the last round but not the one before: a first entry or a return.
    New,
    /// Not in the last round (it left then, or earlier).
    Left,
}

impl Movement {
    /// The word printed: `up`, `down`, `same`, `new`, `left`.
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::Up => "up",
            Movement::Down => "down",
            Movement::Same => "same",
            Movement::New => "new",
            Movement::Left => "left",
        }
    }
}

/// A provider in one round.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its total.
    pub total: f64,
    /// Its tier (or `incomplete`, `none`, `vetoed`).
    pub tier: String,
}

/// One provider across the rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    /// The provider id.
    pub provider: String,
    /// Its result in each round, oldest first; `None` when absent.
    pub rounds: Vec<Option<Entry>>,
    /// Last total − the total of the round before, when it is in both.
    pub change: Option<f64>,
    /// Tier movement between the last two rounds.
    pub movement: Movement,
}

/// Providers across rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Round labels, oldest first.
    pub labels: Vec<String>,
    /// The tier order used.
    pub order: TierOrder,
    /// One row per provider that appears in any round, by provider id.
    pub rows: Vec<TrendRow>,
}

/// Builds the trend of `rounds` (oldest first; at least one).
pub fn trend(rounds: &[Round], order: TierOrder) -> Trend {
    use rayon::prelude::*;
    // Every result of every round, sorted by provider id: a provider's results
    // are then side by side, with no lookup by id (an id is once in a round).
    let mut all: Vec<(&str, usize, &ResultRow)> = (rounds.iter().enumerate())
        .flat_map(|(r, round)| {
            round
                .results
                .providers
                .iter()
                .map(move |(id, row)| (id.as_str(), r, row))
        })
        .collect();
    all.par_sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let mut starts: Vec<usize> = (0..all.len())
        .filter(|&i| i == 0 || all[i - 1].0 != all[i].0)
        .collect();
    starts.push(all.len());
    let rows = starts
        .par_windows(2)
        .map(|w| {
            let mut entries: Vec<Option<Entry>> = vec![None; rounds.len()];
            for &(_, r, row) in &all[w[0]..w[1]] {
                entries[r] = Some(Entry {
                    total: row.total,
                    tier: row.tier.clone(),
                });
            }
            let (change, movement) = last_step(&entries, &order);
            TrendRow {
                provider: all[w[0]].0.to_string(),
                rounds: entries,
                change,
                movement,
            }
        })
        .collect();
    Trend {
        labels: rounds.iter().map(|r| r.label.clone()).collect(),
        order,
        rows,
    }
}

/// The change and movement between the last two entries.
pub fn last_step(entries: &[Option<Entry>], order: &TierOrder) -> (Option<f64>, Movement) {
    let last = entries.last().and_then(Option::as_ref);
    let before = entries
        .len()
        .checked_sub(2)
        .and_then(|i| entries[i].as_ref());
    match (before, last) {
        (_, None) => (None, Movement::Left),
        (None, Some(_)) => (None, Movement::New),
        (Some(b), Some(l)) => {
            let movement = match order.rank(&l.tier).cmp(&order.rank(&b.tier)) {
                std::cmp::Ordering::Less => Movement::Up,
                std::cmp::Ordering::Greater => Movement::Down,
                std::cmp::Ordering::Equal => Movement::Same,
            };
            (Some(l.total - b.total), movement)
        }
    }
}

/// Tier counts of one group in every round.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTrend {
    /// The group.
    pub group: Group,
    /// Per round: the number of providers.
    pub providers: Vec<usize>,
    /// Per round: providers per outcome, in [`TierOrder::outcomes`] order.
    pub counts: Vec<Vec<usize>>,
}

/// Groups the trend by a provider attribute: one row per value (sorted), then
/// `(none)` for providers without it, then `all`. `None` when no provider has it.
pub fn by_group(
    trend: &Trend,
    attributes: &Attributes,
    attribute: &str,
) -> Option<Vec<GroupTrend>> {
    let known = trend.rows.iter().any(|r| {
        attributes
            .get(&r.provider)
            .is_some_and(|a| a.contains_key(attribute))
    });
    if !known {
        return None;
    }
    let group_of = |id: &str| match attributes.get(id).and_then(|a| a.get(attribute)) {
        Some(v) if !v.trim().is_empty() => Group::Value(v.trim().to_string()),
        _ => Group::Unset,
    };
    let outcomes = trend.order.outcomes();
    let empty = || GroupTrend {
        group: Group::All,
        providers: vec![0; trend.labels.len()],
        counts: vec![vec![0; outcomes.len()]; trend.labels.len()],
    };
    let mut groups: BTreeMap<Group, GroupTrend> = BTreeMap::new();
    for row in &trend.rows {
        for group in [group_of(&row.provider), Group::All] {
            let slot = groups.entry(group.clone()).or_insert_with(empty);
            slot.group = group;
            for (r, entry) in row.rounds.iter().enumerate() {
                if let Some(e) = entry {
                    slot.providers[r] += 1;
                    let o = outcome_index(&trend.order, &e.tier);
                    slot.counts[r][o] += 1;
                }
            }
        }
    }
    Some(groups.into_values().collect())
}

/// The index of an outcome in [`TierOrder::outcomes`].
pub fn outcome_index(order: &TierOrder, tier: &str) -> usize {
    match UNGRADED.iter().position(|u| *u == tier) {
        Some(u) => order.tiers.len() + u,
        None => order.rank(tier),
    }
}

#[cfg(test)]
mod tests;
