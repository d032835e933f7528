//! `tierscore diff OLD NEW -e EVIDENCE` on a six-provider fixture.
//!
//! tests/fixtures/diff: total = w·staff + (1 − w)·rating (linear 0 → 100, so s × 100 is the
//! value); OLD w = 50/100, NEW w = 75/100 (tech 50 → 75, credit 50 → 25); tiers gold ≥ 80,
//! silver ≥ 60 in both.
//!
//! | provider | staff | rating | OLD total | NEW total | change | OLD tier → NEW tier |
//! | a | 100 | 60 | 80 | 75 + 15 = 90 | +10 | gold → gold |
//! | b | 60 | 100 | 80 | 45 + 25 = 70 | −10 | gold → silver (down) |
//! | c | 80 | 80 | 80 | 80 | 0 | gold → gold |
//! | d | 70 | 50 | 60 | 52.5 + 12.5 = 65 | +5 | silver → silver |
//! | e | 40 | 60 | 50 | 30 + 15 = 45 | −5 | none → none |
//! | f | 90 | 20 | 55 | 67.5 + 5 = 72.5 | +17.5 | none → silver (up) |
//!
//! Competition ranks: OLD a b c 1, d 4, f 5, e 6; NEW a 1, c 2, f 3, b 4, d 5, e 6.

use assert_cmd::Command;

const DIR: &str = "tests/fixtures/diff";

fn diff(new: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("tierscore")
        .unwrap()
        .args([
            "diff",
            &format!("{DIR}/old.toml"),
            &format!("{DIR}/{new}"),
            "-e",
            &format!("{DIR}/evidence.csv"),
        ])
        .args(args)
        .assert()
}

#[test]
fn csv_sorted_by_size_of_change() {
    // |change| descending, then id: f 17.5; a 10, b 10; d 5, e 5; c 0.
    diff("new.toml", &["--format", "csv"])
        .success()
        .stdout(
            "provider,old_total,new_total,change,old_rank,new_rank,old_tier,new_tier,tier_change\n\
             f,55.00,72.50,17.50,5,3,none,silver,up\n\
             a,80.00,90.00,10.00,1,1,gold,gold,\n\
             b,80.00,70.00,-10.00,1,4,gold,silver,down\n\
             d,60.00,65.00,5.00,4,5,silver,silver,\n\
             e,50.00,45.00,-5.00,6,6,none,none,\n\
             c,80.00,80.00,0.00,1,2,gold,gold,\n",
        )
        .stderr("");
}

/// Spearman's ρ by hand, with average ranks for OLD's three-way tie at 80:
/// OLD ranks x = (a 2, b 2, c 2, d 4, e 6, f 5), NEW ranks y = (a 1, b 4, c 2, d 5, e 6, f 3);
/// both means 3.5. Deviations x − 3.5 = (−1.5, −1.5, −1.5, 0.5, 2.5, 1.5),
/// y − 3.5 = (−2.5, 0.5, −1.5, 1.5, 2.5, −0.5).
/// Σ products = 3.75 − 0.75 + 2.25 + 0.75 + 6.25 − 0.75 = 11.5;
/// Σ x-dev² = 3 × 2.25 + 0.25 + 6.25 + 2.25 = 15.5; Σ y-dev² = 6.25 + 0.25 + 2.25 + 2.25 + 6.25 + 0.25 = 17.5.
/// ρ = 11.5 / √(15.5 × 17.5) = 11.5 / √271.25 = 0.69825…
const RHO: f64 = 0.698_253_251_826_753_7;

#[test]
fn json_summary_counts_tier_changes_and_spearman() {
    assert!((RHO - 11.5 / 271.25f64.sqrt()).abs() < 1e-15);
    let out = diff("new.toml", &["--format", "json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["old"]["version"], "1");
    assert_eq!(json["new"]["version"], "2");
    let s = &json["summary"];
    // b down, f up.
    assert_eq!(s["providers"], 6);
    assert_eq!(s["tier_changed"], 2);
    assert_eq!(s["up"], 1);
    assert_eq!(s["down"], 1);
    assert!((s["spearman"].as_f64().unwrap() - RHO).abs() < 1e-12, "{s}");
    assert_eq!(
        json["providers"][2],
        serde_json::json!({"provider": "b", "old_total": 80.0, "new_total": 70.0, "change": -10.0,
            "old_rank": 1, "new_rank": 4, "old_tier": "gold", "new_tier": "silver",
            "tier_change": "down"})
    );
    assert_eq!(json["providers"][1]["tier_change"], serde_json::Value::Null);
}

#[test]
fn table_ends_with_the_summary() {
    let out = diff("new.toml", &["--lang", "en"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.ends_with(
            "6 providers; 2 changed tier (1 up, 1 down); Spearman's rank correlation ρ = 0.6983\n"
        ),
        "{text}"
    );
    assert!(text.contains("+17.50"), "{text}");
}

#[test]
fn fail_on_tier_change_exits_1_after_writing_the_output() {
    diff("new.toml", &["--format", "csv", "--fail-on-tier-change"])
        .code(1)
        .stdout(predicates::str::starts_with("provider,old_total,"))
        .stderr(
            "error: 2 provider(s) changed tier: f (none → silver, up), b (gold → silver, down)\n",
        );
}

#[test]
fn no_change_exits_0_even_with_the_gate() {
    // OLD against itself: every change 0 (sorted by id), ranks equal; ρ = 1.
    diff("old.toml", &["--format", "csv", "--fail-on-tier-change"])
        .success()
        .stdout(
            "provider,old_total,new_total,change,old_rank,new_rank,old_tier,new_tier,tier_change\n\
             a,80.00,80.00,0.00,1,1,gold,gold,\n\
             b,80.00,80.00,0.00,1,1,gold,gold,\n\
             c,80.00,80.00,0.00,1,1,gold,gold,\n\
             d,60.00,60.00,0.00,4,4,silver,silver,\n\
             e,50.00,50.00,0.00,6,6,none,none,\n\
             f,55.00,55.00,0.00,5,5,none,none,\n",
        );
}

#[test]
fn evidence_from_stdin_is_read_once_for_both_frameworks() {
    let evidence = std::fs::read(format!("{DIR}/evidence.csv")).unwrap();
    Command::cargo_bin("tierscore")
        .unwrap()
        .args([
            "diff",
            &format!("{DIR}/old.toml"),
            &format!("{DIR}/new.toml"),
            "-e",
            "-",
            "--format",
            "csv",
        ])
        .write_stdin(evidence)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "b,80.00,70.00,-10.00,1,4,gold,silver,down\n",
        ));
}
