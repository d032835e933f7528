//! The cap, table-driven. Tiers are best first: 0 regional, 1 city, 2 enterprise.

use super::*;
use crate::diag::Location;

fn rules(first: Option<usize>, step: Option<usize>) -> Progression {
    Progression {
        first_time_at_most: first,
        step_up_at_most: step,
        at: ("f.toml".into(), Location { line: 1, col: 1 }),
    }
}

#[test]
fn caps_apply_only_upwards_and_only_to_grades() {
    use Standing::*;
    let both = rules(Some(1), Some(1));
    type Case = (Assigned, Standing, Option<(usize, CapRule)>);
    let cases: [Case; 12] = [
        // enterprise → regional is two steps: held at city.
        (Assigned::Tier(0), Graded(2), Some((1, CapRule::StepUp))),
        // enterprise → city is one step: allowed.
        (Assigned::Tier(1), Graded(2), None),
        // Same tier, and going down, are never capped.
        (Assigned::Tier(1), Graded(1), None),
        (Assigned::Tier(2), Graded(0), None),
        // city → regional: one step.
        (Assigned::Tier(0), Graded(1), None),
        // First time (absent, or no grade before): at most city.
        (Assigned::Tier(0), Absent, Some((1, CapRule::FirstTime))),
        (Assigned::Tier(0), Ungraded, Some((1, CapRule::FirstTime))),
        (Assigned::Tier(1), Absent, None),
        (Assigned::Tier(2), Ungraded, None),
        // No grade now: nothing to cap, and a cap never replaces vetoed or none.
        (Assigned::Vetoed, Absent, None),
        (Assigned::None, Graded(2), None),
        (Assigned::Vetoed, Graded(2), None),
    ];
    for (assigned, before, expected) in cases {
        let got = cap(&both, assigned, before).map(|(t, c)| (t, c.by));
        assert_eq!(got, expected, "{assigned:?} after {before:?}");
    }
}

#[test]
fn each_rule_alone_and_wider_steps() {
    // Only step_up: a first-time provider is not capped.
    assert_eq!(
        cap(&rules(None, Some(1)), Assigned::Tier(0), Standing::Absent),
        None
    );
    // Only first_time: a graded provider may rise any number of tiers.
    assert_eq!(
        cap(
            &rules(Some(1), None),
            Assigned::Tier(0),
            Standing::Graded(2)
        ),
        None
    );
    // step_up_at_most = 2 lets enterprise reach regional; = 1 from a 4th tier (index 3) stops at 2.
    assert_eq!(
        cap(
            &rules(None, Some(2)),
            Assigned::Tier(0),
            Standing::Graded(2)
        ),
        None
    );
    let held = cap(
        &rules(None, Some(1)),
        Assigned::Tier(0),
        Standing::Graded(3),
    );
    assert_eq!(held.map(|(t, c)| (t, c.earned)), Some((2, 0)));
}
