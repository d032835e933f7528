//! `--amend FILE` (SPEC §9): amendments after review, run through the real
//! binary on hand-built fixtures (tests/fixtures/amend/).
//!
//! Framework tests/fixtures/mini.toml: tech (weight 60) = staff 50 (linear
//! 10 → 110), cs_level 30 (levels CS2 0.4, CS3 0.65, CS4 0.85), iso27001 20
//! (boolean); credit (weight 40) = p1_response 50 (bands, lower: ≤ 15 → 1,
//! ≤ 30 → 0.8, ≤ 60 → 0.5), revenue 50 (relative over the run: 100 → 0,
//! 300 → 1). gold: total ≥ 80, every dimension ≥ 60, cs_level ≥ CS3;
//! silver: total ≥ 50, credit ≥ 40.

mod common;

use common::tierscore;

const FW: &str = "tests/fixtures/mini.toml";
const EVIDENCE: &str = "tests/fixtures/amend/evidence.csv";
const AMEND: &str = "tests/fixtures/amend/amend.csv";

fn run(args: &[&str]) -> (i32, String, String) {
    let o = tierscore().args(args).output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn score_csv(extra: &[&str]) -> String {
    let mut args = vec!["score", "-f", FW, "-e", EVIDENCE, "--format", "csv"];
    args.extend(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

/// Without amendments, by hand:
/// a: tech = 0.5·1 (110) + 0.3·0.85 (CS4) + 0.2·1 = 0.955 → 95.50;
///    credit = 0.5·1 (10 min) + 0.5·1 (300, the max) → 100; total = 57.30 + 40 = 97.30, gold.
/// b: tech = 0.5·0.5 (60) + 0.3·0.4 (CS2) + 0 = 0.37 → 37.00;
///    credit = 0.5·0.5 (45 min) + 0.5·0 (100, the min) → 25; total = 22.20 + 10 = 32.20, none.
/// c: tech = 0.5·0.3 (40) + 0.3·0.65 (CS3) + 0 (missing) = 0.345 → 34.50;
///    credit = 0.5·0.8 (20) + 0.5·0.5 (200) → 65; total = 20.70 + 26 = 46.70, none.
const BEFORE: &str = "\
rank,provider,total,tier,tech,credit,missing,vetoed_by
1,a,97.30,gold,95.50,100.00,0,
2,c,46.70,none,34.50,65.00,1,
3,b,32.20,none,37.00,25.00,0,
";

/// With tests/fixtures/amend/amend.csv:
/// a: iso27001 true → false: tech = 0.5 + 0.255 + 0 = 0.755 → 75.50; total = 45.30 + 40
///    = 85.30: still gold (≥ 80, 75.50 and 100 ≥ 60, CS4): an amendment that keeps the tier.
/// b: staff 60 → 110 and p1_response 45 → 10: tech = 0.5 + 0.12 = 0.62 → 62.00;
///    credit = 0.5·1 + 0 → 50; total = 37.20 + 20 = 57.20: silver (≥ 50, credit 50 ≥ 40),
///    up from none: amendments that change the tier.
/// c: not amended, unchanged (revenue, the relative indicator, is not amended: same range).
const AFTER: &str = "\
rank,provider,total,tier,tech,credit,missing,vetoed_by
1,a,85.30,gold,75.50,100.00,0,
2,b,57.20,silver,62.00,50.00,0,
3,c,46.70,none,34.50,65.00,1,
";

#[test]
fn amendments_that_change_a_tier_and_one_that_does_not() {
    assert_eq!(score_csv(&[]), BEFORE);
    assert_eq!(score_csv(&["--amend", AMEND]), AFTER);
}

#[test]
fn a_round_file_names_the_amendments_and_a_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let round = dir.path().join("round.toml");
    std::fs::write(
        &round,
        format!(
            "[round]\nframework = \"{root}/{FW}\"\nevidence = \"{root}/{EVIDENCE}\"\namend = \"{root}/{AMEND}\"\n"
        ),
    )
    .unwrap();
    let round = round.to_str().unwrap();
    let (code, out, err) = run(&["score", "-r", round, "--format", "csv"]);
    assert_eq!((code, out.as_str()), (0, AFTER), "{err}");
    // A flag wins over the file: an amendment file of a's change only.
    let only_a = dir.path().join("only-a.csv");
    std::fs::write(
        &only_a,
        "provider,indicator,value,reason\na,iso27001,no,撤销\n",
    )
    .unwrap();
    let (code, out, _) = run(&[
        "score",
        "-r",
        round,
        "--amend",
        only_a.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("\n1,a,85.30,gold,75.50,100.00,0,\n"), "{out}");
    assert!(out.contains("\n3,b,32.20,none,37.00,25.00,0,\n"), "{out}");
}

#[test]
fn explain_shows_the_amended_values_with_old_new_reason_and_line() {
    let (code, out, err) = run(&[
        "explain", "-f", FW, "-e", EVIDENCE, "--amend", AMEND, "--lang", "en", "b",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("110 人 (amended)"), "{out}");
    assert!(out.contains("\namended after review:\n"), "{out}");
    assert!(
        out.contains(
            "  staff Certified staff: 60 → 110   reason: 复核：社保缴纳记录补充 50 名持证人员   (tests/fixtures/amend/amend.csv:2)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("p1_response 一级故障响应时长: 45 → 10"),
        "{out}"
    );
    // a's amendment is not b's.
    assert!(!out.contains("iso27001 ISO 27001: true"), "{out}");
}

#[test]
fn json_carries_the_old_value_reason_and_place() {
    for command in ["score", "explain"] {
        let mut args = vec![command, "-f", FW, "-e", EVIDENCE, "--amend", AMEND];
        args.extend(["--format", "json"]);
        if command == "explain" {
            args.push("a");
        }
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let iso = if command == "score" {
            v["providers"][0]["indicators"]["iso27001"].clone()
        } else {
            let ind = &v["dimensions"][0]["indicators"];
            ind.as_array().unwrap()[2].clone()
        };
        assert_eq!(iso["value"], false, "{command}");
        assert_eq!(
            iso["amended"],
            serde_json::json!({"old": true, "reason": "复核：ISO 27001 证书已于评价前撤销",
                               "file": AMEND, "line": 3}),
            "{command}"
        );
        let staff = if command == "score" {
            v["providers"][0]["indicators"]["staff"].clone()
        } else {
            v["dimensions"][0]["indicators"][0].clone()
        };
        assert!(staff.get("amended").is_none(), "{command}: {staff}");
    }
}

/// A panel indicator is amended at its aggregate: b's `solution` is the
/// trimmed mean of 70, 65 and 95 (drop 65 and 95) = 70 before; 80 after.
#[test]
fn a_panel_indicator_is_amended_at_its_aggregate() {
    let dir = tempfile::tempdir().unwrap();
    let amend = dir.path().join("amend.csv");
    std::fs::write(
        &amend,
        "provider,indicator,value,reason\nb,solution,80,复核：专家组复议\n",
    )
    .unwrap();
    let (code, out, err) = run(&[
        "score",
        "-f",
        "tests/fixtures/panel/panel.toml",
        "-e",
        "tests/fixtures/panel/evidence.csv",
        "--amend",
        amend.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let b = v["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["provider"] == "b")
        .unwrap();
    assert_eq!(b["indicators"]["solution"]["value"], 80);
    assert_eq!(b["indicators"]["solution"]["amended"]["old"], 70);
}

/// A derived indicator is amended at its derived value: sm_new has one lead
/// project (三明, 2026-02-02, within 3 years of 2026-06-30), so
/// `cities_served_3y` = 1 before; 2 after.
#[test]
fn a_derived_indicator_is_amended_at_its_derived_value() {
    let dir = tempfile::tempdir().unwrap();
    let amend = dir.path().join("amend.csv");
    std::fs::write(
        &amend,
        "provider,indicator,value,reason\nsm_new,cities_served_3y,2,复核：补录合同 S-2\n",
    )
    .unwrap();
    let (code, out, err) = run(&[
        "score",
        "-f",
        "tests/fixtures/records/ledger.toml",
        "-e",
        "tests/fixtures/records/evidence.csv",
        "--records",
        "projects=tests/fixtures/records/projects.csv",
        "--as-of",
        "2026-06-30",
        "--amend",
        amend.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let p = v["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["provider"] == "sm_new")
        .unwrap();
    assert_eq!(p["indicators"]["cities_served_3y"]["value"], 2);
    assert_eq!(p["indicators"]["cities_served_3y"]["amended"]["old"], 1);
}

#[test]
fn an_amendment_that_changes_nothing_is_a_warning_and_an_error_under_strict() {
    let dir = tempfile::tempdir().unwrap();
    let amend = dir.path().join("same.csv");
    std::fs::write(
        &amend,
        "provider,indicator,value,reason\na,staff,110.0,复核\n",
    )
    .unwrap();
    let amend = amend.to_str().unwrap();
    let (code, out, err) = run(&[
        "score", "-f", FW, "-e", EVIDENCE, "--amend", amend, "--format", "csv",
    ]);
    assert_eq!((code, out.as_str()), (0, BEFORE), "{err}");
    assert_eq!(
        err.lines().next().unwrap(),
        format!(
            "{amend}:2:3: warning: the amendment of `staff` for `a` does not change its value (110)"
        )
    );
    let (code, _, _) = run(&[
        "score", "--strict", "-f", FW, "-e", EVIDENCE, "--amend", amend,
    ]);
    assert_eq!(code, 1);
}
