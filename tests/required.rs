//! `required = true` and the `incomplete` tier (SPEC §7) through the real binary,
//! on tests/fixtures/mini.toml, where `cs_level` (the gold gate) and `dishonest`
//! (the veto) are required.

mod common;

use common::{fixture, temp_file, tierscore};

/// Provider `a` of mini-long.csv (97.30, gold: tech 95.5, credit 100, CS4), with
/// `cs_level` and `dishonest` replaced.
fn evidence(cs_level: &str, dishonest: &str) -> String {
    format!(
        "provider,staff,cs_level,iso27001,p1_response,revenue,dishonest\n\
         a,110,{cs_level},yes,10,300,{dishonest}\n"
    )
}

fn run(args: &[&str], evidence: &str) -> String {
    let (_dir, path) = temp_file("e.csv", evidence.as_bytes());
    let out = tierscore()
        .args([args[0], "-f", &fixture("mini.toml"), "-e", &path])
        .args(&args[1..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_blank_required_veto_gives_incomplete_not_a_grade() {
    // Everything else is gold's (97.30 as in score_cli's hand computation); the
    // blank veto flag would pass as "not vetoed" without `required`.
    let csv = run(&["score", "--format", "csv"], &evidence("CS4", ""));
    assert_eq!(
        csv,
        "rank,provider,total,tier,tech,credit,missing,vetoed_by\n\
         1,a,97.30,incomplete,95.50,100.00,1,\n"
    );
}

#[test]
fn incomplete_by_names_each_lacking_item_in_json() {
    // cs_level n/a is left out: tech = 100 × (0.5×1 + 0.2×1)/0.7 = 100, total
    // 0.6×100 + 0.4×100 = 100 — the raise that `required` stops from grading.
    let json = run(&["score", "--format", "json"], &evidence("n/a", ""));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let p = &doc["providers"][0];
    assert_eq!(p["tier"], "incomplete");
    assert_eq!(p["total"], 100.0);
    assert_eq!(
        p["incomplete_by"],
        serde_json::json!(["cs_level", "dishonest"])
    );
    assert_eq!(p["vetoed_by"], serde_json::json!([]));
}

#[test]
fn vetoed_wins_over_incomplete() {
    let json = run(&["score", "--format", "json"], &evidence("", "yes"));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let p = &doc["providers"][0];
    assert_eq!(p["tier"], "vetoed");
    assert_eq!(p["incomplete_by"], serde_json::json!(["cs_level"]));
}

#[test]
fn gap_lists_what_to_supply_before_the_tier_conditions() {
    // With both supplied, a is gold (the top): the only gap rows are the two items.
    let csv = run(&["gap", "--format", "csv"], &evidence("n/a", ""));
    assert_eq!(
        csv,
        "provider,current_tier,target_tier,kind,item,current,required,shortfall,points_available,value_needed\n\
         a,incomplete,gold,required,cs_level,not_applicable,CS等级,,,\n\
         a,incomplete,gold,required,dishonest,missing,严重失信,,,\n"
    );
    let json = run(&["gap", "--format", "json"], &evidence("n/a", "no"));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["providers"][0]["incomplete"],
        serde_json::json!([{"indicator": "cs_level", "reason": "not_applicable", "supply": "CS等级"}])
    );
}

#[test]
fn gap_and_explain_text_say_what_is_missing() {
    let text = run(&["gap", "--lang", "en"], &evidence("CS4", ""));
    assert!(
        text.contains(
            "Incomplete — evidence to supply: no tier until every required item has a present, applicable, unexpired value:\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("│ dishonest 严重失信 ┆ missing ┆ 严重失信  │"),
        "{text}"
    );
    let text = run(&["explain", "a"], &evidence("n/a", "no"));
    assert!(text.contains("等级: 待补正"), "{text}");
    assert!(
        text.contains("待补正：以下必填项缺失、不适用或已过期，补齐前不予定级：\n"),
        "{text}"
    );
    assert!(
        text.contains("│ cs_level CS等级 ┆ 填报为不适用 ┆ CS等级 │"),
        "{text}"
    );
}

#[test]
fn require_tier_counts_incomplete_as_below_every_tier() {
    let (_dir, path) = temp_file("e.csv", evidence("CS4", "").as_bytes());
    tierscore()
        .args(["score", "-f", &fixture("mini.toml"), "-e", &path])
        .args(["--require-tier", "silver"])
        .assert()
        .code(1);
}

/// Long evidence of mini-long.csv's provider `a` with a validity window on
/// `cs_level` (the required gold gate) ending on `until`.
fn with_validity(until: &str) -> String {
    format!(
        "provider,indicator,value,valid_from,valid_until\n\
         a,staff,110,,\n\
         a,cs_level,CS4,2022-07-01,{until}\n\
         a,iso27001,yes,,\n\
         a,p1_response,10,,\n\
         a,revenue,300,,\n\
         a,dishonest,no,,\n"
    )
}

#[test]
fn validity_is_judged_on_the_as_of_date_inclusive() {
    // Valid until the as-of date itself: the certificate counts, gold at 97.30.
    let csv = run(
        &["score", "--format", "csv", "--as-of", "2026-06-30"],
        &with_validity("2026-06-30"),
    );
    assert_eq!(
        csv,
        "rank,provider,total,tier,tech,credit,missing,vetoed_by\n\
         1,a,97.30,gold,95.50,100.00,0,\n"
    );
    // Expired the day before: treated as missing, and required, so incomplete.
    let csv = run(
        &["score", "--format", "json", "--as-of", "2026-06-30"],
        &with_validity("2026-06-29"),
    );
    let compact: String = csv.split_whitespace().collect();
    assert!(compact.contains(r#""tier":"incomplete""#), "{csv}");
    assert!(compact.contains(r#""incomplete_by":["cs_level"]"#), "{csv}");
}

#[test]
fn validity_without_as_of_is_a_usage_error_with_the_hint() {
    let (_dir, path) = temp_file("e.csv", with_validity("2026-06-30").as_bytes());
    let out = tierscore()
        .args(["score", "-f", &fixture("mini.toml"), "-e", &path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--as-of 2026-06-30"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn gap_lists_values_expiring_within_the_window() {
    // CS4 valid until 2026-09-01: 63 days after 2026-06-30 (July 31 + August 31
    // + 1 day of September).
    let text = run(
        &["gap", "--as-of", "2026-06-30", "--format", "json"],
        &with_validity("2026-09-01"),
    );
    assert!(text.contains("2026-09-01"), "{text}");
    assert!(text.contains("63"), "{text}");
    let text = run(
        &[
            "gap",
            "--as-of",
            "2026-06-30",
            "--format",
            "json",
            "--expiring-within",
            "62",
        ],
        &with_validity("2026-09-01"),
    );
    assert!(!text.contains("2026-09-01"), "{text}");
}
