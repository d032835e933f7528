//! Malformed record-table frameworks and ledgers (tests/bad_inputs/records/),
//! each run through the real binary: the exact first diagnostic line and the
//! exit code. Frameworks are scored with examples/ledger's evidence and
//! ledger; ledgers with examples/ledger's framework and evidence.

mod common;

use common::tierscore;

const DIR: &str = "tests/bad_inputs/records";
const FRAMEWORK: &str = "examples/ledger/ledger.toml";
const EVIDENCE: &str = "examples/ledger/evidence.csv";
const LEDGER: &str = "examples/ledger/projects.csv";

/// (file, extra flags, exit code, first stderr line with the path as `F`).
type Row = (&'static str, &'static [&'static str], i32, &'static str);

const FRAMEWORKS: &[Row] = &[
    (
        "derive-count-with-field.toml",
        &[],
        1,
        "F:47:9: error: `count` counts rows and takes no `field`",
    ),
    (
        "derive-share-on-text.toml",
        &[],
        1,
        "F:99:9: error: `share` needs a boolean field; `role` is text",
    ),
    (
        "derive-sum-on-text.toml",
        &[],
        1,
        "F:58:9: error: `sum` needs a number field; `city` is text",
    ),
    (
        "derive-unknown-table.toml",
        &[],
        1,
        "F:33:11: error: unknown record table `project`",
    ),
    (
        "derive-where-wrong-type.toml",
        &[],
        1,
        "F:48:78: error: `amount` is a number field; found string",
    ),
    (
        "derive-window-on-text.toml",
        &[],
        1,
        "F:36:20: error: the window field `city` is text, not a date",
    ),
    (
        "records-key-not-a-field.toml",
        &[],
        1,
        "F:13:7: error: the key `contract` is not a declared field",
    ),
    (
        "records-unknown-key.toml",
        &[],
        1,
        "F:14:1: error: unknown key `unique` in [[records]] `projects`",
    ),
    (
        "records-unknown-type.toml",
        &[],
        1,
        "F:20:11: error: unknown field type `bool`",
    ),
    (
        "records-validity-not-a-date.toml",
        &[],
        1,
        "F:20:1: error: `valid_until` is a record's validity and must be a date field, not text",
    ),
];

const LEDGERS: &[Row] = &[
    (
        "bad-boolean.csv",
        &[],
        1,
        "F:2:7: error: `maybe` is not a yes/no answer (field `on_time`)",
    ),
    (
        "bad-date.csv",
        &[],
        1,
        "F:2:6: error: `2025-02-29` is not a date: February 2025 has 28 days (field `accepted`)",
    ),
    (
        "bad-number.csv",
        &[],
        1,
        "F:2:4: error: `1,200` is not a number (field `amount`)",
    ),
    ("crlf-and-bom.csv", &[], 0, ""),
    (
        "duplicate-key.csv",
        &[],
        1,
        "F:3:2: error: duplicate `contract_no` `HT-01` for provider `xm_digital` (first at line 2)",
    ),
    (
        "empty-key.csv",
        &[],
        1,
        "F:2:2: error: the key `contract_no` is empty",
    ),
    (
        "missing-column.csv",
        &[],
        1,
        "F:1:1: error: the ledger has no column `on_time` (a boolean field of `projects`)",
    ),
    (
        "no-provider-column.csv",
        &[],
        1,
        "F:1:1: error: the header has no `provider` column",
    ),
    (
        "ragged.csv",
        &[],
        1,
        "F:2:4: error: this row has 3 fields but the header has 7",
    ),
    (
        "undeclared-column.csv",
        &[],
        0,
        "F:1:8: warning: column `note` is not a field of `projects` and is ignored",
    ),
    (
        "undeclared-column.csv",
        &["--strict"],
        1,
        "F:1:8: error: column `note` is not a field of `projects` and is ignored",
    ),
];

fn run(framework: &str, ledger: &str, extra: &[&str], path: &str) -> (i32, String) {
    let records = format!("projects={ledger}");
    let o = tierscore()
        .args([
            "score",
            "-f",
            framework,
            "-e",
            EVIDENCE,
            "--records",
            &records,
        ])
        .args(["--as-of", "2026-06-30"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    let first = stderr.lines().next().unwrap_or("").replacen(path, "F", 1);
    (o.status.code().unwrap(), first)
}

#[test]
fn every_bad_record_framework_and_ledger() {
    let mut failures = Vec::new();
    for &(file, extra, code, first) in FRAMEWORKS {
        let path = format!("{DIR}/framework/{file}");
        let got = run(&path, LEDGER, extra, &path);
        if got != (code, first.to_string()) {
            failures.push(format!("{file}: expected ({code}, {first:?}), got {got:?}"));
        }
    }
    for &(file, extra, code, first) in LEDGERS {
        let path = format!("{DIR}/ledger/{file}");
        let got = run(FRAMEWORK, &path, extra, &path);
        if got != (code, first.to_string()) {
            failures.push(format!(
                "{file} {extra:?}: expected ({code}, {first:?}), got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every file in the corpus has a row.
#[test]
fn the_tables_cover_the_corpus() {
    for (sub, rows) in [("framework", FRAMEWORKS), ("ledger", LEDGERS)] {
        let mut on_disk: Vec<String> = std::fs::read_dir(format!("{DIR}/{sub}"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
        listed.sort();
        listed.dedup();
        assert_eq!(listed, on_disk, "{sub}");
    }
}

/// Certificate registers of the shipped construction round with bad validity
/// dates (tests/bad_inputs/records/certificates/): (file, first stderr line).
const CERTIFICATES: &[(&str, &str)] = &[
    (
        "reversed-validity.csv",
        "F:2:8: error: `valid_until` 2023-01-23 is before `valid_from` 2027-01-24",
    ),
    (
        "validity-not-a-date.csv",
        "F:2:8: error: `2027-13-01` is not a date: there is no month 13 (field `valid_until`)",
    ),
];

#[test]
fn every_bad_certificate_register() {
    let dir = format!("{DIR}/certificates");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = CERTIFICATES.iter().map(|r| r.0).collect();
    assert_eq!(on_disk, listed);
    for &(file, first) in CERTIFICATES {
        let path = format!("{dir}/{file}");
        let o = tierscore()
            .args(["score", "-q", "-r", "examples/construction/round.toml"])
            .args(["--records", "projects=examples/construction/projects.csv"])
            .args(["--records", &format!("certificates={path}")])
            .output()
            .unwrap();
        let stderr = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(1), "{file}: {stderr}");
        assert!(o.stdout.is_empty(), "{file}: nothing is written");
        let got = stderr.lines().next().unwrap_or("").replacen(&path, "F", 1);
        assert_eq!(got, first, "{file}");
    }
}
