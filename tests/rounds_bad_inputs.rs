//! Malformed result files (tests/bad_inputs/results/), read as an earlier
//! round by `trend -f` and by `score --previous`, and malformed `[progression]`
//! tables (tests/bad_inputs/progression/): the exact first diagnostic line,
//! exit 1, nothing written. Laid out like tests/bad_inputs.rs.

mod common;

use std::path::Path;

use common::tierscore;

/// (file, first stderr line); `P` stands for the file's path.
type Row = (&'static str, &'static str);

const RESULTS: &[Row] = &[
    (
        "duplicate-provider.csv",
        "P:4:2: error: duplicate result for provider `a` (first at line 2)",
    ),
    (
        "empty.csv",
        "P:1:1: error: the file is empty; expected a header row",
    ),
    (
        "header-only.csv",
        "P:1:1: error: the file has a header but no data rows",
    ),
    (
        "json-no-providers.json",
        "P:3:1: error: not a score result: missing field `providers`",
    ),
    (
        "json-unknown-tier.json",
        "P:5:46: error: unknown tier `bronze`; framework `mini` has: gold, silver",
    ),
    (
        "no-total-column.csv",
        "P:1:1: error: the header has no `total` column",
    ),
    (
        "not-a-tier-id.csv",
        "P:2:4: error: `Gold!` is not a tier id",
    ),
    (
        "other-framework.json",
        "P:2:23: error: these results are of framework `construction`, not `mini`",
    ),
    (
        "ragged-row.csv",
        "P:2:4: error: this row has 3 fields but the header has 4",
    ),
    (
        "total-above-100.csv",
        "P:2:3: error: total `185.00` is outside [0, 100]",
    ),
    (
        "total-as-text.json",
        "P:4:35: error: not a score result: invalid type: string \"85\", expected f64",
    ),
    ("total-empty.csv", "P:2:3: error: the total is empty"),
    (
        "total-not-a-number.csv",
        "P:3:3: error: total `abc` is not a number",
    ),
    (
        "trailing-comma.json",
        "P:5:3: error: not a score result: trailing comma",
    ),
    (
        "unknown-tier.csv",
        "P:2:4: error: unknown tier `platinum`; framework `mini` has: gold, silver",
    ),
];

/// Frameworks whose `[progression]` is wrong (`F` stands for the file's path).
const PROGRESSION: &[Row] = &[
    (
        "step-fraction.toml",
        "F:48:19: error: `step_up_at_most` must be a whole number ≥ 1, found 1.5",
    ),
    (
        "step-zero.toml",
        "F:49:19: error: `step_up_at_most` must be a whole number ≥ 1, found 0",
    ),
    (
        "tier-not-a-string.toml",
        "F:48:22: error: `first_time_at_most` must be a string, found integer",
    ),
    (
        "unknown-key.toml",
        "F:49:1: error: unknown key `step_up` in [progression]",
    ),
    (
        "unknown-tier.toml",
        "F:48:22: error: `first_time_at_most` names unknown tier `platinum`",
    ),
];

const DIR: &str = "tests/bad_inputs/results";
const PROGRESSION_DIR: &str = "tests/bad_inputs/progression";
const ROUNDS_EVIDENCE: &str = "tests/fixtures/rounds/evidence.csv";
const MINI: &str = "tests/fixtures/mini.toml";
const GOOD: &str = "tests/fixtures/rounds/r2.csv";

/// Runs `args -o TMP/out.csv`: exit 1, no output file, and the first stderr
/// line with `path` replaced by `alias`.
fn first_line(args: &[&str], path: &str, alias: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let o = tierscore().args(args).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{path}");
    assert!(!out.exists(), "{path}: output written");
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.ends_with("error(s); nothing was written\n"),
        "{path}: {stderr}"
    );
    stderr.lines().next().unwrap_or("").replacen(path, alias, 1)
}

#[test]
fn every_bad_result_file() {
    let failures: Vec<String> = RESULTS
        .iter()
        .flat_map(|&(file, expected)| {
            let path = format!("{DIR}/{file}");
            let trend = ["trend", "-f", MINI, &path, GOOD];
            let score = [
                "score",
                "-f",
                MINI,
                "-e",
                "tests/fixtures/mini-wide.csv",
                "--previous",
                &path,
            ];
            [
                first_line(&trend, &path, "P"),
                first_line(&score, &path, "P"),
            ]
            .into_iter()
            .filter(|got| got != expected)
            .map(|got| format!("{file}: expected {expected:?}, got {got:?}"))
            .collect::<Vec<_>>()
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_progression_table() {
    let failures: Vec<String> = PROGRESSION
        .iter()
        .filter_map(|&(file, expected)| {
            let path = format!("{PROGRESSION_DIR}/{file}");
            let got = first_line(&["score", "-f", &path, "-e", ROUNDS_EVIDENCE], &path, "F");
            (got != expected).then(|| format!("{file}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every file in the corpus has a row.
#[test]
fn the_tables_cover_the_corpus() {
    for (rows, dir) in [(RESULTS, DIR), (PROGRESSION, PROGRESSION_DIR)] {
        let mut listed: Vec<&str> = rows.iter().map(|r| r.0).collect();
        listed.sort_unstable();
        let mut on_disk: Vec<String> =
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        on_disk.sort();
        assert_eq!(listed, on_disk, "{dir}");
    }
}
