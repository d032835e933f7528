//! Aggregation, missing policies, tiers, vetoes and ranks, by hand.

use super::*;
use crate::evidence;
use crate::framework::fixture;

/// Two dimensions (weights 3:1); `a` (weight 1) and `b` (weight 3) in the first.
fn framework(missing: &str) -> Framework {
    let body = format!(
        r#"missing = "{missing}"
[[dimension]]
id = "d1"
name = "d1"
weight = 3
[[dimension.indicator]]
id = "a"
name = "a"
weight = 1
score = {{ kind = "linear", floor = 0, target = 100 }}
[[dimension.indicator]]
id = "b"
name = "b"
weight = 3
score = {{ kind = "linear", floor = 0, target = 100 }}
[[dimension]]
id = "d2"
name = "d2"
weight = 1
[[dimension.indicator]]
id = "c"
name = "c"
weight = 1
score = {{ kind = "boolean" }}
[[tier]]
id = "top"
name = "top"
min_total = 50
[[tier.require]]
indicator = "a"
at_most = 90
[[veto]]
indicator = "c"
equals = false
"#
    );
    // `missing` continues the head's [framework] table.
    fixture::framework(&body)
}

fn run(missing: &str, a: &str, b: &str, c: &str) -> Result<ProviderScore, Vec<Diagnostic>> {
    let fw = framework(missing);
    let csv = format!("provider,a,b,c\np,{a},{b},{c}\n");
    let (e, _) = evidence::parse("e.csv", &csv, &fw)?;
    score(&fw, &e).map(|s| s.providers[0].clone())
}

#[test]
fn aggregation_under_each_missing_policy() {
    // (policy, a, b, c, total, d1, d2, missing)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        f64,
        Option<f64>,
        Option<f64>,
        usize,
    );
    let cases: &[Case] = &[
        // d1 = 100×(1×0.4 + 3×0.8)/4 = 70; d2 = 100; T = (3×70 + 100)/4 = 77.5
        ("zero", "40", "80", "yes", 77.5, Some(70.0), Some(100.0), 0),
        // a missing → 0: d1 = 100×(3×0.8)/4 = 60; T = (180 + 100)/4 = 70
        ("zero", "", "80", "yes", 70.0, Some(60.0), Some(100.0), 1),
        // a missing, left out: d1 = 80; T = (240 + 100)/4 = 85
        ("exclude", "", "80", "yes", 85.0, Some(80.0), Some(100.0), 1),
        // c missing, d2 dropped: T = d1 = 70
        ("exclude", "40", "80", "", 70.0, Some(70.0), None, 1),
        // a not applicable under zero: left out like exclude → d1 = 80, T = 85, not missing
        ("zero", "n/a", "80", "yes", 85.0, Some(80.0), Some(100.0), 0),
        // c not applicable: d2 left out of the total
        ("zero", "40", "80", "n/a", 70.0, Some(70.0), None, 0),
    ];
    for &(policy, a, b, c, total, d1, d2, missing) in cases {
        let p = run(policy, a, b, c).unwrap();
        assert!(
            (p.total - total).abs() < 1e-9,
            "{policy} {a},{b},{c}: total {}",
            p.total
        );
        let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            (x, y) => x == y,
        };
        assert!(
            close(p.dimensions[0], d1) && close(p.dimensions[1], d2),
            "{policy} {a},{b},{c}: {:?}",
            p.dimensions
        );
        assert_eq!(p.missing, missing, "{policy} {a},{b},{c}");
    }
}

#[test]
fn error_policy_and_nothing_to_score() {
    let errors = run("error", "", "80", "yes").unwrap_err();
    assert_eq!(
        errors[0].message,
        "missing value for provider `p`, indicator `a`"
    );
    let errors = run("exclude", "", "", "").unwrap_err();
    assert!(
        errors[0]
            .message
            .starts_with("provider `p` has nothing to score")
    );
}

#[test]
fn tiers_and_vetoes() {
    use crate::tier::Assigned;
    // (a, b, c, tier): top needs T ≥ 50 and a ≤ 90; c = false vetoes; a missing fails `at_most`.
    let cases = [
        ("40", "80", "yes", Assigned::Tier(0)),
        ("90", "80", "yes", Assigned::Tier(0)),
        ("90.5", "80", "yes", Assigned::None),
        ("", "100", "yes", Assigned::None),
        ("n/a", "100", "yes", Assigned::Tier(0)),
        ("40", "80", "no", Assigned::Vetoed),
        // a missing veto input never vetoes: c scores 0, T = (3×70 + 0)/4 = 52.5 ≥ 50
        ("40", "80", "", Assigned::Tier(0)),
        // T = (3×0 + 100)/4 = 25 < 50
        ("0", "0", "yes", Assigned::None),
    ];
    for (a, b, c, want) in cases {
        assert_eq!(
            run("zero", a, b, c).unwrap().tier.assigned,
            want,
            "{a},{b},{c}"
        );
    }
}

#[test]
fn permutes_in_place() {
    let mut items = vec!['a', 'b', 'c', 'd', 'e'];
    permute(&mut items, vec![3, 0, 4, 1, 2]);
    assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c']);
}

#[test]
fn a_blank_dimension_does_not_pass_min_each_dimension() {
    use crate::tier::Assigned;
    let body = "missing = \"exclude\"\n\
        [[dimension]]\nid = \"a\"\nname = \"a\"\nweight = 1\n[[dimension.indicator]]\nid = \"i1\"\nname = \"i1\"\nweight = 1\nscore = { kind = \"linear\", floor = 0, target = 10 }\n\
        [[dimension]]\nid = \"b\"\nname = \"b\"\nweight = 1\n[[dimension.indicator]]\nid = \"i2\"\nname = \"i2\"\nweight = 1\nscore = { kind = \"linear\", floor = 0, target = 10 }\n\
        [[tier]]\nid = \"t\"\nname = \"t\"\nmin_total = 50\nmin_each_dimension = 60\n";
    let fw = fixture::framework(body);
    let tier_of = |csv: &str| {
        let (e, _) = evidence::parse("e.csv", csv, &fw).unwrap();
        score(&fw, &e).unwrap().providers[0].tier.assigned
    };
    // i2 blank: b is left out of the total (T = 100) but its floor fails.
    assert_eq!(tier_of("provider,i1,i2\np,10,\n"), Assigned::None);
    // i2 not applicable: b does not apply, so its floor is skipped.
    assert_eq!(tier_of("provider,i1,i2\np,10,n/a\n"), Assigned::Tier(0));
}

#[test]
fn competition_ranks_with_ties_and_id_order() {
    let mk = |id: &str, total: f64| ProviderScore {
        index: 0,
        provider: id.into(),
        attributes: Default::default(),
        rank: 0,
        total,
        dimensions: Default::default(),
        missing: 0,
        tier: TierOutcome::default(),
    };
    let mut ps = vec![
        mk("d", 50.0),
        mk("b", 80.0),
        mk("c", 80.0 + 1e-12),
        mk("a", 90.0),
    ];
    rank(&mut ps);
    let got: Vec<(&str, usize)> = ps.iter().map(|p| (p.provider.as_str(), p.rank)).collect();
    assert_eq!(got, [("a", 1), ("b", 2), ("c", 2), ("d", 4)]);
}
