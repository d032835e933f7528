//! Round files: paths, dates and located errors.

use super::*;

fn first_error(text: &str) -> String {
    match parse("rounds/2026/round.toml", text) {
        Ok(_) => "ok".to_string(),
        Err(d) => d[0].to_string().lines().next().unwrap_or("").to_string(),
    }
}

const FULL: &str = r#"[round]
name = "2026 年度评价"
as_of = "2026-06-30"
framework = "../../indicators/construction.toml"
evidence = "evidence.csv"
providers = "providers.csv"
previous = "../2025/results.csv"
expert_scores = ["review/zhang.xlsx", "/data/li.xlsx"]
conflicts = "conflicts.csv"
[round.records]
projects = "projects.csv"
certificates = "/data/certificates.csv"
"#;

#[test]
fn paths_are_relative_to_the_round_file() {
    let r = parse("rounds/2026/round.toml", FULL).unwrap();
    assert_eq!(r.name.as_deref(), Some("2026 年度评价"));
    assert_eq!(r.as_of, Date::new(2026, 6, 30));
    assert_eq!(
        r.framework.as_deref(),
        Some("rounds/2026/../../indicators/construction.toml")
    );
    assert_eq!(r.evidence.as_deref(), Some("rounds/2026/evidence.csv"));
    assert_eq!(r.providers.as_deref(), Some("rounds/2026/providers.csv"));
    assert_eq!(
        r.previous.as_deref(),
        Some("rounds/2026/../2025/results.csv")
    );
    assert_eq!(
        r.records,
        [
            (
                "projects".to_string(),
                "rounds/2026/projects.csv".to_string()
            ),
            // absolute paths are kept
            (
                "certificates".to_string(),
                "/data/certificates.csv".to_string()
            ),
        ]
    );
    assert_eq!(
        r.expert_scores,
        ["rounds/2026/review/zhang.xlsx", "/data/li.xlsx"]
    );
    assert_eq!(r.conflicts.as_deref(), Some("rounds/2026/conflicts.csv"));
    // A round file in the working directory: paths stay as written.
    let r = parse("round.toml", "[round]\nevidence = \"e.csv\"\n").unwrap();
    assert_eq!(r.evidence.as_deref(), Some("e.csv"));
}

#[test]
fn every_problem_is_located() {
    assert_eq!(
        first_error("[round]\nevidnce = \"e.csv\"\n"),
        "rounds/2026/round.toml:2:1: error: unknown key `evidnce` in [round]"
    );
    assert_eq!(
        first_error("[round]\nas_of = \"2026-02-30\"\n"),
        "rounds/2026/round.toml:2:9: error: `as_of`: `2026-02-30` is not a date: February 2026 has 28 days"
    );
    assert_eq!(
        first_error("[round]\nframework = 3\n"),
        "rounds/2026/round.toml:2:13: error: `framework` must be a string, found integer"
    );
    assert_eq!(
        first_error("[round]\n[round.records]\nprojects = 1\n"),
        "rounds/2026/round.toml:3:12: error: the ledger of `projects` must be a string, found integer"
    );
    assert_eq!(
        first_error("name = \"x\"\n"),
        "rounds/2026/round.toml:1:1: error: the round file has no [round] table"
    );
    assert_eq!(
        first_error("[round]\nname = \"x\"\n[extra]\n"),
        "rounds/2026/round.toml:3:2: error: unknown key `extra` in the top level"
    );
    assert_eq!(
        first_error("[round\n"),
        "rounds/2026/round.toml:1:7: error: TOML syntax: unclosed table, expected `]`"
    );
}

#[test]
fn every_problem_in_one_run() {
    let d = parse(
        "r.toml",
        "[round]\nas_of = \"soon\"\nevidence = 1\ncolour = \"red\"\n",
    )
    .unwrap_err();
    assert_eq!(d.len(), 3, "{d:?}");
}

#[test]
fn expert_scores_is_an_array_of_files() {
    assert_eq!(
        first_error("[round]\nexpert_scores = \"zhang.xlsx\"\n"),
        "rounds/2026/round.toml:2:17: error: `expert_scores` must be an array, found string"
    );
    assert_eq!(
        first_error("[round]\nexpert_scores = [\"a.xlsx\", 3]\n"),
        "rounds/2026/round.toml:2:28: error: an expert score file must be a string, found integer"
    );
}
