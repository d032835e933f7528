//! `--previous` and `[progression]` (SPEC §9), run through the real binary on a
//! hand-built previous round (tests/fixtures/rounds/previous.{json,csv}).
//!
//! The framework has one indicator, `points`, linear 0 → 100 and the only
//! weight, so each total is its points; tiers regional ≥ 85, city ≥ 70,
//! enterprise ≥ 55; `first_time_at_most = "city"`, `step_up_at_most = 1`.

mod common;

use common::tierscore;

const FW: &str = "tests/fixtures/rounds/progression.toml";
const EVIDENCE: &str = "tests/fixtures/rounds/evidence.csv";
const PREVIOUS_JSON: &str = "tests/fixtures/rounds/previous.json";
const PREVIOUS_CSV: &str = "tests/fixtures/rounds/previous.csv";

fn run(args: &[&str]) -> (i32, String, String) {
    let o = tierscore().args(args).output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// Derived by hand, provider by provider (previous tier → earned → given):
/// newcomer   absent      → 95 regional → city (first time);
/// vetoed_now enterprise  → 95 but vetoed → vetoed (never replaced by a cap);
/// none_before none       → 90 regional → city (first time: no grade before);
/// two_up     enterprise  → 90 regional (two steps) → city (step up);
/// one_up     enterprise  → 75 city (one step) → city;
/// vetoed_before vetoed   → 72 city → city (first time, at the cap already);
/// down       regional    → 60 enterprise → enterprise (going down is never capped);
/// new_low    absent      → 60 enterprise → enterprise.
const CAPPED_CSV: &str = "\
rank,provider,total,tier,capability,missing,vetoed_by
1,newcomer,95.00,city,95.00,0,
1,vetoed_now,95.00,vetoed,95.00,0,dishonest
3,none_before,90.00,city,90.00,0,
3,two_up,90.00,city,90.00,0,
5,one_up,75.00,city,75.00,0,
6,vetoed_before,72.00,city,72.00,0,
7,down,60.00,enterprise,60.00,0,
7,new_low,60.00,enterprise,60.00,0,
";

#[test]
fn caps_with_a_json_or_a_csv_previous_round() {
    for previous in [PREVIOUS_JSON, PREVIOUS_CSV] {
        let (code, out, err) = run(&[
            "score",
            "-f",
            FW,
            "-e",
            EVIDENCE,
            "--previous",
            previous,
            "--format",
            "csv",
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, CAPPED_CSV, "{previous}");
        assert_eq!(
            err,
            format!(
                "{previous}: warning: 1 provider(s) of the previous round are not in this one (left): gone\n"
            )
        );
    }
}

#[test]
fn without_previous_the_rules_are_not_applied_and_a_warning_says_so() {
    let (code, out, err) = run(&["score", "-f", FW, "-e", EVIDENCE, "--format", "csv"]);
    assert_eq!(code, 0);
    // Tiers from the scores alone: 95 and 90 are regional.
    assert!(out.contains("\n1,newcomer,95.00,regional,"), "{out}");
    assert!(out.contains("\n3,two_up,90.00,regional,"), "{out}");
    assert_eq!(
        err.lines().next().unwrap(),
        "tests/fixtures/rounds/progression.toml:47:1: warning: the [progression] rules are not applied: no previous round given"
    );
}

#[test]
fn json_names_the_rule_and_the_tier_earned() {
    let (code, out, _) = run(&[
        "score",
        "-f",
        FW,
        "-e",
        EVIDENCE,
        "--previous",
        PREVIOUS_JSON,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let find = |id: &str| {
        v["providers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["provider"] == id)
            .unwrap()
            .clone()
    };
    let two_up = find("two_up");
    assert_eq!(
        (
            &two_up["tier"],
            &two_up["capped_by"],
            &two_up["earned_tier"]
        ),
        (&"city".into(), &"step_up".into(), &"regional".into())
    );
    // A capped provider keeps its scores.
    assert_eq!(two_up["total"], 90.0);
    assert_eq!(find("newcomer")["capped_by"], "first_time");
    assert!(find("one_up").get("capped_by").is_none());
    assert!(find("vetoed_now").get("capped_by").is_none());
}

#[test]
fn table_explain_and_gap_say_a_cap_holds_the_provider() {
    let base = [
        "-f",
        FW,
        "-e",
        EVIDENCE,
        "--previous",
        PREVIOUS_JSON,
        "--lang",
        "en",
    ];
    let (_, out, _) = run(&[&["score"][..], &base].concat());
    assert!(
        out.contains("城市服务级 (capped: step up; scores reach 区域服务级)"),
        "{out}"
    );
    let (_, out, _) = run(&[&["explain"][..], &base, &["newcomer"]].concat());
    assert!(
        out.contains("城市服务级 (capped: first time; scores reach 区域服务级)"),
        "{out}"
    );
    let (_, out, _) = run(&[&["gap"][..], &base, &["--provider", "two_up"]].concat());
    assert!(out.contains("a cap, not a score, holds it back"), "{out}");
    let (_, out, _) = run(&[
        &["gap"][..],
        &base,
        &["--provider", "two_up", "--format", "json"],
    ]
    .concat());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["providers"][0]["capped_by"], "step_up");
}

#[test]
fn a_previous_round_of_another_framework_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let o = tierscore()
        .args(["score", "-f", FW, "-e", EVIDENCE, "--previous"])
        .arg("tests/bad_inputs/results/other-framework.json")
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(
        err.lines().next().unwrap(),
        "tests/bad_inputs/results/other-framework.json:2:23: error: these results are of framework `construction`, not `rounds`"
    );
}
