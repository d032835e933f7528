//! `-r ROUND`: a flag given on the command line wins over the round file, for
//! each of `as_of`, `framework` and `evidence`, and the file fills what the
//! flags leave out.
//!
//! The round names tests/fixtures/diff/old.toml (version 1, tech:credit =
//! 50:50), its evidence (6 providers; `a` has staff 100, rating 60) and
//! as_of 2020-01-01. Under old.toml `a` totals (100 + 60) / 2 = 80; under
//! new.toml (version 2, 75:25) .75 × 100 + .25 × 60 = 90.

mod common;

use common::{temp_file, tierscore};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diff");

/// A round file naming old.toml, the diff evidence and 2020-01-01.
fn round() -> (tempfile::TempDir, String) {
    let text = format!(
        "[round]\nas_of = \"2020-01-01\"\nframework = \"{DIR}/old.toml\"\nevidence = \"{DIR}/evidence.csv\"\n"
    );
    temp_file("round.toml", text.as_bytes())
}

/// `score -r ROUND --format json` with `extra` flags.
fn score(round: &str, extra: &[&str]) -> serde_json::Value {
    let out = tierscore()
        .args(["score", "-r", round, "--format", "json"])
        .args(extra)
        .output()
        .expect("run tierscore");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// (framework version, as_of, provider ids, total of the first provider).
fn facts(v: &serde_json::Value) -> (String, String, Vec<String>, f64) {
    let providers = v["providers"].as_array().expect("providers");
    let ids = providers
        .iter()
        .map(|p| p["provider"].as_str().unwrap_or("").to_string())
        .collect();
    (
        v["framework"]["version"].as_str().unwrap_or("").to_string(),
        v["framework"]["as_of"].as_str().unwrap_or("").to_string(),
        ids,
        providers[0]["total"].as_f64().unwrap_or(f64::NAN),
    )
}

#[test]
fn the_round_file_alone_supplies_every_input() {
    let (_dir, round) = round();
    let (version, as_of, ids, total) = facts(&score(&round, &[]));
    assert_eq!((version.as_str(), as_of.as_str()), ("1", "2020-01-01"));
    assert_eq!(ids.len(), 6);
    assert_eq!((ids[0].as_str(), total), ("a", 80.0));
}

#[test]
fn as_of_on_the_command_line_wins() {
    let (_dir, round) = round();
    let (version, as_of, ids, _) = facts(&score(&round, &["--as-of", "2026-06-30"]));
    assert_eq!((version.as_str(), as_of.as_str()), ("1", "2026-06-30"));
    assert_eq!(ids.len(), 6);
}

#[test]
fn framework_on_the_command_line_wins() {
    let (_dir, round) = round();
    let new = format!("{DIR}/new.toml");
    let (version, as_of, ids, total) = facts(&score(&round, &["-f", &new]));
    assert_eq!((version.as_str(), as_of.as_str()), ("2", "2020-01-01"));
    assert_eq!((ids[0].as_str(), total), ("a", 90.0));
}

#[test]
fn evidence_on_the_command_line_wins() {
    let (_dir, round) = round();
    // One provider z: staff 40, rating 20 → (40 + 20) / 2 = 30 under old.toml.
    let (_e, evidence) = temp_file("e.csv", b"provider,name,staff,rating\nz,Z,40,20\n");
    let (version, as_of, ids, total) = facts(&score(&round, &["-e", &evidence]));
    assert_eq!((version.as_str(), as_of.as_str()), ("1", "2020-01-01"));
    assert_eq!(ids, ["z"]);
    assert_eq!(total, 30.0);
}
