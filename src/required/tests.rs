//! `required = true` and the `incomplete` tier, by hand.

use super::*;
use crate::evidence;
use crate::framework::fixture;
use crate::score::{ProviderScore, score};
use crate::tier::Assigned;

/// One dimension: `staff` (linear 0–100, weight 3), `cs_level` (levels, weight 1,
/// required, gate of `top`), `accident` (boolean, weight 0, required veto).
/// `top` needs T ≥ 50 and cs_level ≥ 0.5.
fn framework(required: bool) -> Framework {
    let r = if required { "required = true\n" } else { "" };
    let body = format!(
        r#"{}[[dimension.indicator]]
id = "staff"
name = "staff"
weight = 3
score = {{ kind = "linear", floor = 0, target = 100 }}
[[dimension.indicator]]
id = "cs_level"
name = "CS level"
evidence = "CS certificate"
weight = 1
{r}score = {{ kind = "levels", levels = {{ CS1 = 1.0, CS2 = 0.5, CS3 = 0.25 }} }}
[[dimension.indicator]]
id = "accident"
name = "major accident"
weight = 0
{r}score = {{ kind = "boolean" }}
[[tier]]
id = "top"
name = "top"
min_total = 50
[[tier.require]]
indicator = "cs_level"
at_least = 0.5
[[veto]]
indicator = "accident"
equals = true
"#,
        fixture::ONE_DIMENSION
    );
    fixture::framework(&body)
}

fn scored(required: bool, staff: &str, cs: &str, accident: &str) -> ProviderScore {
    let fw = framework(required);
    let csv = format!("provider,staff,cs_level,accident\np,{staff},{cs},{accident}\n");
    let (e, _) = evidence::parse("e.csv", &csv, &fw).unwrap();
    score(&fw, &e).unwrap().providers.remove(0)
}

#[test]
fn a_missing_or_na_required_value_makes_the_provider_incomplete() {
    // (staff, cs_level, accident, tier, incomplete_by)
    let cases: [(&str, &str, &str, Assigned, &[usize]); 6] = [
        // complete: T = (3×0.8 + 1×1)/4 × 100 = 85 ≥ 50, cs 1 ≥ 0.5
        ("80", "CS1", "no", Assigned::Tier(0), &[]),
        // cs_level blank: incomplete by cs_level (index 1)
        ("80", "", "no", Assigned::Incomplete, &[1]),
        // cs_level n/a: incomplete, not graded on the renormalised total
        ("80", "n/a", "no", Assigned::Incomplete, &[1]),
        // the veto item blank: incomplete, not a grade
        ("80", "CS1", "", Assigned::Incomplete, &[2]),
        // both lacking: both listed, framework order
        ("80", "n/a", "", Assigned::Incomplete, &[1, 2]),
        // vetoed beats incomplete; incomplete_by is still filled
        ("80", "", "yes", Assigned::Vetoed, &[1]),
    ];
    for (staff, cs, accident, tier, by) in cases {
        let p = scored(true, staff, cs, accident);
        assert_eq!(p.tier.assigned, tier, "{staff},{cs},{accident}");
        assert_eq!(*p.tier.incomplete_by, *by, "{staff},{cs},{accident}");
    }
}

#[test]
fn without_required_the_same_evidence_is_graded() {
    // The behaviour `required` exists to stop: a blank veto item passes,
    // and `n/a` on the gate skips it (T = 100 × 3×0.8/3 = 80 after renormalising).
    let p = scored(false, "80", "CS1", "");
    assert_eq!(p.tier.assigned, Assigned::Tier(0));
    let p = scored(false, "80", "n/a", "no");
    assert_eq!(p.tier.assigned, Assigned::Tier(0));
    assert!((p.total - 80.0).abs() < 1e-9);
    assert!(p.tier.incomplete_by.is_empty());
}

#[test]
fn scores_are_still_computed_for_an_incomplete_provider() {
    // cs_level n/a is left out: T = 100 × 3×0.8 / 3 = 80; missing counts only blanks.
    let p = scored(true, "80", "n/a", "no");
    assert!((p.total - 80.0).abs() < 1e-9, "{}", p.total);
    assert_eq!(p.missing, 0);
    // cs_level blank scores 0 under `zero`: T = 100 × (3×0.8 + 0)/4 = 60.
    let p = scored(true, "80", "", "no");
    assert!((p.total - 60.0).abs() < 1e-9, "{}", p.total);
    assert_eq!(p.missing, 1);
}

#[test]
fn reasons_name_missing_and_not_applicable() {
    let fw = framework(true);
    let csv = "provider,staff,cs_level,accident\np,80,n/a,\n";
    let (e, _) = evidence::parse("e.csv", csv, &fw).unwrap();
    let s = score(&fw, &e).unwrap();
    let p = &s.providers[0];
    let got = reasons(&e, p.index, &p.tier.incomplete_by);
    assert_eq!(
        got,
        vec![
            Lacking {
                indicator: 1,
                lack: Lack::NotApplicable
            },
            Lacking {
                indicator: 2,
                lack: Lack::Missing
            },
        ]
    );
    assert_eq!(to_supply(&fw, 1, Lang::En), "CS certificate");
    assert_eq!(to_supply(&fw, 2, Lang::En), "major accident");
}

#[test]
fn the_order_puts_incomplete_between_the_tiers_and_none() {
    let fw = framework(true);
    let ids: Vec<&str> = Assigned::all(&fw).iter().map(|a| a.id(&fw)).collect();
    assert_eq!(ids, ["top", "incomplete", "none", "vetoed"]);
    for (i, a) in Assigned::all(&fw).iter().enumerate() {
        assert_eq!(a.order(&fw), i);
        assert_eq!(Assigned::parse(&fw, a.id(&fw)), Some(*a));
    }
}
