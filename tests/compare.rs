//! `tierscore compare --self A --verified B` on a six-provider fixture.
//!
//! tests/fixtures/compare: total = (tech + credit) / 2; tech = 100 × (staff/100 + level) / 2
//! with level C 0, B 0.5, A 1; credit = 100 × iso (yes 1, no 0); `dishonest` (weight 0) is a veto;
//! `missing = "zero"`; tiers gold ≥ 80, silver ≥ 50. Every provider claims 4 indicators.
//!
//! | provider | self | verified |
//! | p1 | 80, A, 是, 否 → tech 90, credit 100 → 95 gold | the same |
//! | p2 | 100, A, 是, 否 → 100 gold | 60, B, 是, 否 → tech 55 → 77.5 silver |
//! | p3 | 50, B, 是, 否 → tech 50 → 75 silver | 50, A, (no iso row), 否 → tech 75, credit 0 → 37.5 none |
//! | p4 | 100, A, 是, 否 → 100 gold | 100, A, 是, 是 → 100 vetoed |
//! | p5 | 10, C, 否, 否 → tech 5, credit 0 → 2.5 none | (absent) |
//! | p6 | (absent) | 30, B, 是, 否 → tech 40 → 70 silver |

use assert_cmd::Command;

const DIR: &str = "tests/fixtures/compare";

fn compare(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("tierscore")
        .unwrap()
        .args([
            "compare",
            "-f",
            &format!("{DIR}/framework.toml"),
            "--self",
            &format!("{DIR}/self.csv"),
            "--verified",
            &format!("{DIR}/verified.csv"),
        ])
        .args(args)
        .assert()
}

const HEADER: &str =
    "provider,self_total,verified_total,self_tier,verified_tier,overclaims,unverified,integrity";

#[test]
fn csv_per_provider() {
    // p2: staff s 1.0 > 0.6 and level 1.0 > 0.5: 2 over-claims of 4 claims → 1 − 2/4 = 0.50;
    //     the verified total 77.5 drops the tier gold → silver.
    // p3: iso claimed, no row in B: unverified 1; no over-claim (level B < A is an under-claim)
    //     → integrity 1; tier silver → none.
    // p4: dishonest 否 vs 是 hides a veto: 1 over-claim → 1 − 1/4 = 0.75; gold → vetoed.
    // p5: only in A: every claim unverified (4), nothing over-claimed → 1.00; B cells empty.
    // p6: only in B: nothing claimed → integrity 1 by definition; A cells empty.
    compare(&["--format", "csv"])
        .success()
        .stdout(format!(
            "{HEADER}\n\
             p1,95.00,95.00,gold,gold,0,0,1.00\n\
             p2,100.00,77.50,gold,silver,2,0,0.50\n\
             p3,75.00,37.50,silver,none,0,1,1.00\n\
             p4,100.00,100.00,gold,vetoed,1,0,0.75\n\
             p5,2.50,,none,,0,4,1.00\n\
             p6,,70.00,,silver,0,0,1.00\n"
        ))
        .stderr(
            "tests/fixtures/compare/verified.csv: warning: provider `p5` is not in this file: every claim counts as unverified\n\
             tests/fixtures/compare/self.csv: warning: provider `p6` is not in this file: compared with no claims\n",
        );
}

#[test]
fn csv_detail_adds_a_row_per_difference() {
    // Scores in the detail are s × 100; difference = self − verified.
    // p2 staff 100/100 − 60/100 = 40 points; level 1 − 0.5 = 50 points.
    // p3 level 0.5 − 1 = −50 (under-claim); iso 是 claimed, no value in B.
    // p4 dishonest 否 (s 0) vs 是 (s 1): −100 points, yet an over-claim since it hides the veto.
    let d = ",,,,,,,";
    compare(&["--format", "csv", "--detail"])
        .success()
        .stdout(format!(
            "{HEADER},indicator,self_value,verified_value,self_score,verified_score,difference,flag\n\
             p1,95.00,95.00,gold,gold,0,0,1.00,,,,,,,\n\
             p2,100.00,77.50,gold,silver,2,0,0.50,,,,,,,\n\
             p2{d},staff,100,60,100.00,60.00,40.00,overclaim\n\
             p2{d},level,A,B,100.00,50.00,50.00,overclaim\n\
             p3,75.00,37.50,silver,none,0,1,1.00,,,,,,,\n\
             p3{d},level,B,A,50.00,100.00,-50.00,underclaim\n\
             p3{d},iso,true,,100.00,,,unverified\n\
             p4,100.00,100.00,gold,vetoed,1,0,0.75,,,,,,,\n\
             p4{d},dishonest,false,true,0.00,100.00,-100.00,overclaim\n\
             p5,2.50,,none,,0,4,1.00,,,,,,,\n\
             p5{d},staff,10,,10.00,,,unverified\n\
             p5{d},level,C,,0.00,,,unverified\n\
             p5{d},iso,false,,0.00,,,unverified\n\
             p5{d},dishonest,false,,0.00,,,unverified\n\
             p6,,70.00,,silver,0,0,1.00,,,,,,,\n\
             p6{d},staff,,30,,30.00,,unclaimed\n\
             p6{d},level,,B,,50.00,,unclaimed\n\
             p6{d},iso,,true,,100.00,,unclaimed\n\
             p6{d},dishonest,,false,,0.00,,unclaimed\n"
        ));
}

#[test]
fn tolerance_is_in_score_units() {
    // --tolerance 0.45: p2's staff gap 0.4 ≤ 0.45 is within tolerance, level's 0.5 is not:
    // 1 over-claim of 4 → 0.75.
    let out = compare(&["--format", "csv", "--tolerance", "0.45"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.lines().nth(2),
        Some("p2,100.00,77.50,gold,silver,1,0,0.75")
    );
}

#[test]
fn json_has_tier_change_and_differences() {
    let out = compare(&["--format", "json", "--detail"])
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["tolerance"], 0.0);
    let p2 = &json["providers"][1];
    assert_eq!(p2["provider"], "p2");
    assert_eq!(p2["self_total"], 100.0);
    assert_eq!(p2["verified_total"], 77.5);
    assert_eq!(p2["tier_change"], "down");
    assert_eq!(p2["claimed"], 4);
    assert_eq!(p2["integrity"], 0.5);
    // JSON scores are s, unrounded; values typed.
    assert_eq!(
        p2["differences"][0],
        serde_json::json!({"indicator": "staff", "self_value": 100, "verified_value": 60,
            "self_score": 1.0, "verified_score": 0.6, "difference": 0.4, "flag": "overclaim"})
    );
    let p6 = &json["providers"][5];
    assert_eq!(p6["self_total"], serde_json::Value::Null);
    assert_eq!(p6["tier_change"], serde_json::Value::Null);
}

#[test]
fn table_flags_overclaims_and_dropped_tiers() {
    let out = compare(&["--lang", "en"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let row = |p: &str| {
        text.lines()
            .find(|l| l.contains(&format!(" {p} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("p2").contains("⚠ overclaims 2; tier down"), "{text}");
    assert!(row("p3").contains("unverified 1; tier down"), "{text}");
    assert!(
        row("p1").ends_with("1.00 ┆                                    │"),
        "{text}"
    );
}

#[test]
fn negative_tolerance_is_a_usage_error() {
    compare(&["--tolerance=-0.1"])
        .code(2)
        .stdout("")
        .stderr("error: --tolerance must be a number ≥ 0 (in score units, 0–1), not -0.1\n");
}
