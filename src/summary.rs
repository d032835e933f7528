//! Group view (`summary --by ATTRIBUTE`): providers per tier, mean scores and
//! the weakest dimension of every value of a provider attribute (e.g. region).
//!
//! Pure computation over [`Scores`]; rendering is in [`crate::report::summary`].

use std::collections::BTreeMap;

use crate::framework::Framework;
use crate::score::{ProviderScore, Scores, TOLERANCE};
use crate::tier::Assigned;

/// Which providers a row covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Providers whose attribute has this (non-empty) value.
    Value(String),
    /// Providers without the attribute, or with an empty value: `(none)`.
    Unset,
    /// Every provider: the final row.
    All,
}

impl Group {
    /// The id printed in CSV: the value, `(none)` or `all`.
    pub fn id(&self) -> &str {
        match self {
            Group::Value(v) => v,
            Group::Unset => "(none)",
            Group::All => "all",
        }
    }
}

/// One row of the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// The group.
    pub group: Group,
    /// Number of providers in the group.
    pub providers: usize,
    /// Providers per outcome, in [`crate::tier::Assigned::order`]: tiers best first, `incomplete`, `none`, `vetoed`.
    pub tiers: Vec<usize>,
    /// Mean total.
    pub mean_total: f64,
    /// Mean score per dimension (framework order) over the providers that have one;
    /// `None` when no provider of the group has that dimension.
    pub dimensions: Vec<Option<f64>>,
    /// Index of the dimension with the lowest mean (ties: framework order).
    pub weakest: Option<usize>,
}

/// The whole summary: one row per value (sorted), then `(none)`, then `all`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The attribute grouped by.
    pub attribute: String,
    /// The rows; the last is [`Group::All`].
    pub groups: Vec<GroupSummary>,
}

/// Why a summary cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownAttribute {
    /// The attribute asked for.
    pub attribute: String,
    /// The attributes some provider has, in order of first appearance.
    pub known: Vec<String>,
}

/// Groups the scored providers by `attribute`. Values are compared as text
/// (Unicode code point order); providers without the attribute form the `(none)` group.
pub fn summarise(
    fw: &Framework,
    scores: &Scores,
    attribute: &str,
) -> Result<Summary, UnknownAttribute> {
    if !scores
        .providers
        .iter()
        .any(|p| p.attributes.contains_key(attribute))
    {
        return Err(UnknownAttribute {
            attribute: attribute.to_string(),
            known: known_attributes(scores),
        });
    }
    let mut values: BTreeMap<&str, Vec<&ProviderScore>> = BTreeMap::new();
    let mut unset = Vec::new();
    for p in &scores.providers {
        match p.attributes.get(attribute).map(|v| v.trim()) {
            Some(v) if !v.is_empty() => values.entry(v).or_default().push(p),
            _ => unset.push(p),
        }
    }
    let all: Vec<&ProviderScore> = scores.providers.iter().collect();
    let values = values
        .into_iter()
        .map(|(v, ps)| (Group::Value(v.into()), ps));
    let unset = Some((Group::Unset, unset)).filter(|(_, ps)| !ps.is_empty());
    let groups = (values.chain(unset).chain([(Group::All, all)]))
        .map(|(group, ps)| summarise_group(fw, group, &ps))
        .collect();
    Ok(Summary {
        attribute: attribute.to_string(),
        groups,
    })
}

/// Every attribute name some provider has, in order of first appearance.
pub fn known_attributes(scores: &Scores) -> Vec<String> {
    // A set: 20,000 columns × their providers made a linear search quadratic.
    let known: indexmap::IndexSet<&str> = scores
        .providers
        .iter()
        .flat_map(|p| p.attributes.keys().map(|k| &**k))
        .collect();
    known.into_iter().map(str::to_string).collect()
}

fn summarise_group(fw: &Framework, group: Group, providers: &[&ProviderScore]) -> GroupSummary {
    let mut tiers = vec![0; Assigned::all(fw).len()];
    for p in providers {
        tiers[p.tier.assigned.order(fw)] += 1;
    }
    let totals: Vec<f64> = providers.iter().map(|p| p.total).collect();
    let dimensions: Vec<Option<f64>> = (0..fw.dimensions.len())
        .map(|d| mean(providers.iter().filter_map(|p| p.dimensions[d])))
        .collect();
    GroupSummary {
        group,
        providers: providers.len(),
        tiers,
        mean_total: mean(totals.into_iter()).unwrap_or(0.0),
        weakest: weakest(&dimensions),
        dimensions,
    }
}

/// The arithmetic mean, `None` over no values.
pub fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The index of the lowest mean; a later dimension must be lower by more than
/// [`TOLERANCE`] to win, so ties go to framework order.
pub fn weakest(means: &[Option<f64>]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (d, m) in means.iter().enumerate() {
        if let Some(m) = *m
            && best.is_none_or(|(_, b)| m < b - TOLERANCE)
        {
            best = Some((d, m));
        }
    }
    best.map(|(d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_leave_out_nothing_but_absent_values() {
        let cases: [(&[f64], Option<f64>); 3] = [
            (&[], None),
            (&[80.0], Some(80.0)),
            (&[70.0, 80.0, 96.0], Some(82.0)),
        ];
        for (values, want) in cases {
            assert_eq!(mean(values.iter().copied()), want, "{values:?}");
        }
    }

    #[test]
    fn weakest_breaks_ties_by_framework_order_and_skips_absent_means() {
        let cases: [(&[Option<f64>], Option<usize>); 5] = [
            (&[], None),
            (&[None, None], None),
            (&[Some(70.0), Some(60.0), Some(65.0)], Some(1)),
            (&[Some(60.0), Some(60.0 + 1e-12), Some(60.0)], Some(0)),
            (&[None, Some(90.0), Some(50.0), None], Some(2)),
        ];
        for (means, want) in cases {
            assert_eq!(weakest(means), want, "{means:?}");
        }
    }

    #[test]
    fn group_ids() {
        assert_eq!(Group::Value("杭州".into()).id(), "杭州");
        assert_eq!(Group::Unset.id(), "(none)");
        assert_eq!(Group::All.id(), "all");
        // BTreeMap order: values (code point order), then (none), then all.
        let mut g = [
            Group::All,
            Group::Unset,
            Group::Value("b".into()),
            Group::Value("a".into()),
        ];
        g.sort();
        assert_eq!(g[0], Group::Value("a".into()));
        assert_eq!(g[3], Group::All);
    }
}
