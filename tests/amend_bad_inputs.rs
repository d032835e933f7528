//! Malformed amendment files (tests/bad_inputs/amend/), each run through the
//! real binary with `score --amend` against tests/fixtures/amend/evidence.csv:
//! the exact first diagnostic line and its help, exit 1, nothing written.
//! Laid out like tests/bad_inputs.rs.

mod common;

use std::path::Path;

use common::tierscore;

/// (file, first stderr line, help line); `A` stands for the file's path.
type Row = (&'static str, &'static str, &'static str);

const CASES: &[Row] = &[
    (
        "duplicate.csv",
        "A:3:2: error: indicator `staff` of provider `b` is amended twice (first at line 2)",
        "keep one amendment per provider and indicator: the final value",
    ),
    (
        "empty-reason.csv",
        "A:2:4: error: the amendment of `staff` for `b` has no reason",
        "every amendment says why the value changed (e.g. 复核：证书已更新); the reason is published in the report's change log (变更记录)",
    ),
    (
        "empty-value.csv",
        "A:2:3: error: empty value",
        "give the corrected value (`n/a` when the indicator does not apply); an amendment cannot remove a value",
    ),
    (
        "expert-column.csv",
        "A:1:5: error: an amendment file has no `expert` column",
        "a panel indicator is amended at its final (aggregated) value: drop the column; to correct one expert's score, correct that expert's scoring sheet",
    ),
    (
        "header-only.csv",
        "A:1:1: error: the file has a header but no data rows",
        "",
    ),
    (
        "no-reason-column.csv",
        "A:1:1: error: the header has no `reason` column",
        "an amendment file has the columns provider,indicator,value,reason",
    ),
    (
        "no-value-to-amend.csv",
        "A:2:2: error: provider `c` has no value for `iso27001` in tests/fixtures/amend/evidence.csv: there is nothing to amend",
        "an amendment corrects a value the evidence gives; add a missing value to the evidence (or to the ledger or expert sheet it comes from)",
    ),
    (
        "unknown-indicator.csv",
        "A:2:2: error: unknown indicator `staf` (not in framework `mini`)",
        "did you mean `staff`?",
    ),
    (
        "unknown-provider.csv",
        "A:2:1: error: provider `z` is not in the evidence (tests/fixtures/amend/evidence.csv)",
        "write the provider id exactly as the run has it (ids are case-sensitive)",
    ),
    (
        "value-not-a-level.csv",
        "A:2:3: error: `CS9` is not a level of this indicator; expected one of: 无, CS2, CS3, CS4 (indicator `cs_level`)",
        "the corrected value must be what the indicator's rule accepts, as in the evidence",
    ),
    (
        "value-not-a-number.csv",
        "A:2:3: error: `many` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
        "the corrected value must be what the indicator's rule accepts, as in the evidence",
    ),
];

const DIR: &str = "tests/bad_inputs/amend";

#[test]
fn every_bad_amendment_file() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|&(file, expected, help)| {
            let path = format!("{DIR}/{file}");
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out.csv");
            let o = tierscore()
                .args(["score", "-f", "tests/fixtures/mini.toml"])
                .args(["-e", "tests/fixtures/amend/evidence.csv", "--amend", &path])
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            let stderr = String::from_utf8(o.stderr).unwrap();
            let mut lines = stderr.lines();
            let first = lines.next().unwrap_or("").replacen(&path, "A", 1);
            let got_help = lines
                .next()
                .and_then(|l| l.strip_prefix("  = help: "))
                .unwrap_or("");
            let ok = o.status.code() == Some(1)
                && !out.exists()
                && first == expected
                && got_help == help
                && stderr.ends_with("error(s); nothing was written\n");
            (!ok).then(|| format!("{file}: expected {expected:?} / {help:?}, got {stderr:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every file in the corpus has a row.
#[test]
fn the_table_covers_the_corpus() {
    let mut listed: Vec<&str> = CASES.iter().map(|r| r.0).collect();
    listed.sort_unstable();
    let mut on_disk: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk);
}
