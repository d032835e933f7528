//! Movements and tier order.

use super::*;
use crate::results::parse;

fn round(label: &str, csv: &str) -> Round {
    Round {
        label: label.into(),
        results: parse(label, &format!("provider,total,tier\n{csv}")).unwrap(),
    }
}

fn order() -> TierOrder {
    TierOrder {
        tiers: vec!["regional".into(), "city".into(), "enterprise".into()],
        inferred: false,
    }
}

#[test]
fn movements_compare_the_last_two_rounds() {
    let rounds = [
        round(
            "r1",
            "up,60,enterprise\ndown,90,regional\nback,70,city\nold,50,none\n",
        ),
        round(
            "r2",
            "up,62,enterprise\ndown,88,regional\nveto,80,city\nflat,40,none\n",
        ),
        round(
            "r3",
            "up,80,city\ndown,70,city\nveto,81,vetoed\nflat,41,incomplete\nback,72,city\n",
        ),
    ];
    let t = trend(&rounds, order());
    let got: Vec<(&str, Option<String>, &str)> = t
        .rows
        .iter()
        .map(|r| {
            (
                r.provider.as_str(),
                r.change.map(crate::number::fmt2),
                r.movement.as_str(),
            )
        })
        .collect();
    // change = r3 total − r2 total; movement by rank: regional 0, city 1, enterprise 2, ungraded 3.
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        [
            ("back", None, "new"),         // r1 city, absent r2, returns in r3
            ("down", s("-18.00"), "down"), // 70 − 88; regional → city
            ("flat", s("1.00"), "same"),   // 41 − 40; none → incomplete: level
            ("old", None, "left"),         // only in r1: left before the last round
            ("up", s("18.00"), "up"),      // 80 − 62; enterprise → city
            ("veto", s("1.00"), "down"),   // 81 − 80; city → vetoed
        ]
    );
}

#[test]
fn ungraded_outcomes_rank_level_below_every_tier() {
    let o = order();
    assert_eq!(o.rank("enterprise"), 2);
    assert_eq!(
        [o.rank("none"), o.rank("incomplete"), o.rank("vetoed")],
        [3, 3, 3]
    );
    assert_eq!(
        o.outcomes(),
        [
            "regional",
            "city",
            "enterprise",
            "incomplete",
            "none",
            "vetoed"
        ]
    );
    assert_eq!(outcome_index(&o, "none"), 4);
}

#[test]
fn inferred_order_follows_the_lowest_total_of_each_tier() {
    // Lowest totals: city 70, regional 86, enterprise 61 → regional > city > enterprise.
    let rounds = [
        round("r1", "a,90,regional\nb,70,city\nc,61,enterprise\n"),
        round("r2", "a,86,regional\nb,75,city\nd,40,none\n"),
    ];
    let o = TierOrder::infer(&rounds);
    assert!(o.inferred);
    assert_eq!(o.tiers, ["regional", "city", "enterprise"]);
}

#[test]
fn groups_count_tiers_per_round() {
    let rounds = [
        round("r1", "a,90,regional\nb,70,city\nc,40,none\n"),
        round("r2", "a,75,city\nb,72,city\n"),
    ];
    let t = trend(&rounds, order());
    let mut attrs = crate::evidence::Attributes::default();
    for (id, region) in [("a", "east"), ("b", "west")] {
        attrs.insert(
            id.into(),
            std::sync::Arc::new([("region".into(), region.to_string())].into()),
        );
    }
    let groups = by_group(&t, &attrs, "region").unwrap();
    type Row<'a> = (&'a str, Vec<usize>, Vec<Vec<usize>>);
    let got: Vec<Row> = groups
        .iter()
        .map(|g| (g.group.id(), g.providers.clone(), g.counts.clone()))
        .collect();
    // Outcome columns: regional, city, enterprise, incomplete, none, vetoed.
    assert_eq!(
        got,
        [
            (
                "east",
                vec![1, 1],
                vec![vec![1, 0, 0, 0, 0, 0], vec![0, 1, 0, 0, 0, 0]]
            ),
            (
                "west",
                vec![1, 1],
                vec![vec![0, 1, 0, 0, 0, 0], vec![0, 1, 0, 0, 0, 0]]
            ),
            (
                "(none)",
                vec![1, 0],
                vec![vec![0, 0, 0, 0, 1, 0], vec![0; 6]]
            ),
            (
                "all",
                vec![3, 2],
                vec![vec![1, 1, 0, 0, 1, 0], vec![0, 2, 0, 0, 0, 0]]
            ),
        ]
    );
    assert!(by_group(&t, &attrs, "city").is_none());
}
