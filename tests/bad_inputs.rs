//! Malformed frameworks and evidence (tests/bad_inputs/), each run through the
//! real binary: the exact first diagnostic line, the exit code, and no output
//! file when the run fails. CRLF, a leading BOM, GBK and formula-looking
//! provider names must work.

mod common;

use std::path::Path;

use common::tierscore;

/// (file, exit code, first stderr line); `F`/`E` stand for the file's path.
type Row = (&'static str, i32, &'static str);

/// Frameworks, scored against tests/bad_inputs/framework-evidence.csv.
const FRAMEWORKS: &[Row] = &[
    (
        "ahp-and-weight.toml",
        1,
        "F:14:10: error: dimensions get their weights from AHP; remove this `weight`",
    ),
    (
        "ahp-inconsistent.toml",
        1,
        "F:4:10: error: the AHP matrix of dimensions is inconsistent: CR = 6.1303 > 0.10",
    ),
    (
        "ahp-not-square.toml",
        1,
        "F:4:10: error: the AHP matrix must be 2 × 2, one row and column per `order` entry",
    ),
    (
        "bands-not-ascending.toml",
        1,
        "F:17:47: error: band threshold 5 is not above the previous one (10)",
    ),
    ("bom-at-start.toml", 0, ""),
    (
        "condition-two-tests.toml",
        1,
        "F:48:10: error: use exactly one of `at_least`, `at_most` or `equals`",
    ),
    ("crlf.toml", 0, ""),
    (
        "dangling-ahp-order.toml",
        1,
        "F:2:1: error: the AHP order does not list `credit`",
    ),
    (
        "dangling-tier-require.toml",
        1,
        "F:46:13: error: unknown dimension `finance`",
    ),
    (
        "dangling-veto.toml",
        1,
        "F:47:13: error: unknown indicator `blacklist`",
    ),
    (
        "dimension-without-indicators.toml",
        1,
        "F:8:1: error: dimension `tech` has no [[dimension.indicator]]",
    ),
    (
        "duplicate-id-across-kinds.toml",
        1,
        "F:42:6: error: duplicate id `tech` (first defined at line 9)",
    ),
    (
        "duplicate-indicator-id.toml",
        1,
        "F:25:6: error: duplicate id `staff` (first defined at line 14)",
    ),
    (
        "empty.toml",
        1,
        "F:1:1: error: the top level has no `[framework]`",
    ),
    (
        "floor-1e300.toml",
        1,
        "F:17:36: error: `floor` must be a finite number below 1e15",
    ),
    (
        "framework-missing.toml",
        1,
        "F:1:1: error: the top level has no `[framework]`",
    ),
    (
        "framework-no-name.toml",
        1,
        "F:3:1: error: [framework] has no `name`",
    ),
    (
        "framework-not-a-table.toml",
        1,
        "F:3:13: error: [framework] must be a table, found string",
    ),
    (
        "invalid-id-cyrillic.toml",
        1,
        "F:14:6: error: invalid id `ѕtaff`: it contains Cyrillic ѕ (U+0455) where Latin s is expected",
    ),
    ("invalid-id.toml", 1, "F:14:6: error: invalid id `Staff-1`"),
    (
        "junk-100-syntax-errors.toml",
        1,
        "F:3:13: error: TOML syntax: invalid basic string, expected `\"`",
    ),
    ("levels-empty.toml", 1, "F:28:37: error: `levels` is empty"),
    (
        "levels-score-above-one.toml",
        1,
        "F:28:54: error: score 50 is outside [0, 1]",
    ),
    (
        "linear-floor-equals-target.toml",
        1,
        "F:17:48: error: `floor` and `target` must differ",
    ),
    (
        "lint-ahp-off-scale.toml",
        0,
        "F:10:15: warning: AHP judgement 12 is outside Saaty's scale (1/9 to 9)",
    ),
    (
        "lint-level-not-applicable.toml",
        0,
        "F:28:59: warning: level `不适用` of `rating` reads as not applicable: evidence `不适用` is taken as not applicable, never as this level",
    ),
    (
        "lint-levels-case.toml",
        0,
        "F:28:59: warning: levels `A` and `ａ` of `rating` differ only by case, full-width forms or lookalike letters",
    ),
    (
        "lint-unreachable-tier.toml",
        0,
        "F:41:1: warning: tier `top` requires `blacklisted` equal to true, which the veto on `blacklisted` (equal to true) punishes: no provider can reach this tier",
    ),
    (
        "min-total-1e300.toml",
        1,
        "F:39:13: error: `min_total` must be a finite number below 1e15",
    ),
    (
        "no-dimensions.toml",
        1,
        "F:1:1: error: the framework has no [[dimension]]",
    ),
    (
        "not-utf8-gbk.toml",
        1,
        "F:5:9: error: the file is not valid UTF-8",
    ),
    (
        "reserved-tier-id.toml",
        1,
        "F:42:6: error: `none` is a reserved tier id",
    ),
    (
        "reserved-tier-incomplete.toml",
        1,
        "F:42:6: error: `incomplete` is a reserved tier id",
    ),
    (
        "required-not-boolean.toml",
        1,
        "F:34:12: error: `required` must be true or false, found string",
    ),
    (
        "schema-missing.toml",
        1,
        "F:1:1: error: the top level has no `schema`",
    ),
    (
        "schema-string.toml",
        1,
        "F:1:10: error: `schema` must be a number, found string",
    ),
    (
        "schema-unsupported.toml",
        1,
        "F:1:10: error: unsupported schema 2; this tierscore reads schema 1",
    ),
    (
        "syntax-bad-table-header.toml",
        1,
        "F:36:8: error: TOML syntax: unclosed array table, expected `]`",
    ),
    (
        "syntax-bom-in-the-middle.toml",
        1,
        "F:19:1: error: a byte-order mark (U+FEFF) in the middle of the file",
    ),
    (
        "syntax-deep-nesting.toml",
        1,
        "F:7:85: error: TOML syntax: cannot recurse further; max recursion depth met",
    ),
    (
        "syntax-deep-inline-tables.toml",
        1,
        "F:7:405: error: TOML syntax: cannot recurse further; max recursion depth met",
    ),
    (
        "syntax-dotted-key-20000-parts.toml",
        1,
        "F:7:161: error: TOML syntax: a dotted key of more than 80 parts (tables nested too deeply)",
    ),
    (
        "syntax-dotted-table-20000-parts.toml",
        1,
        "F:8:162: error: TOML syntax: a dotted key of more than 80 parts (tables nested too deeply)",
    ),
    (
        "syntax-duplicate-key.toml",
        1,
        "F:7:1: error: TOML syntax: duplicate key",
    ),
    (
        "syntax-integer-overflow.toml",
        1,
        "F:11:10: error: `weight` must be a finite number below 1e15",
    ),
    (
        "syntax-missing-value.toml",
        1,
        "F:6:10: error: TOML syntax: string values must be quoted, expected literal string",
    ),
    (
        "syntax-nul-byte.toml",
        1,
        "F:15:10: error: TOML syntax: invalid basic string, expected non-double-quote visible characters, `\\`",
    ),
    (
        "syntax-unclosed-string.toml",
        1,
        "F:5:12: error: TOML syntax: invalid basic string, expected `\"`",
    ),
    (
        "target-negative-inf.toml",
        1,
        "F:17:48: error: `target` must be a finite number below 1e15",
    ),
    (
        "tiers-not-decreasing.toml",
        1,
        "F:44:13: error: min_total 90 is not below the previous tier `top` (80)",
    ),
    (
        "unknown-key-in-score.toml",
        1,
        "F:17:52: error: unknown key `cap` in a `linear` score",
    ),
    (
        "unknown-key-top.toml",
        1,
        "F:2:1: error: unknown key `colour` in the top level",
    ),
    (
        "unknown-key-typo.toml",
        1,
        "F:13:1: error: `staff` has no `weight`",
    ),
    (
        "unknown-score-kind.toml",
        1,
        "F:17:18: error: unknown scoring kind `sigmoid`",
    ),
    (
        "utf16.toml",
        1,
        "F:1:1: error: the file is UTF-16, which is not supported",
    ),
    (
        "veto-not-required.toml",
        0,
        "F:31:6: warning: indicator `blacklisted` is read by a veto but is not `required`",
    ),
    (
        "veto-on-dimension.toml",
        1,
        "F:46:1: error: a veto needs `indicator = \"…\"`",
    ),
    (
        "weight-1e300.toml",
        1,
        "F:11:10: error: `weight` must be a finite number below 1e15",
    ),
    (
        "weight-inf.toml",
        1,
        "F:11:10: error: `weight` must be a finite number below 1e15",
    ),
    (
        "weight-nan.toml",
        1,
        "F:11:10: error: `weight` must be a finite number below 1e15",
    ),
    (
        "weight-negative.toml",
        1,
        "F:11:10: error: negative weight -60",
    ),
    (
        "weights-sum-zero.toml",
        1,
        "F:11:10: error: the weights of dimensions sum to 0",
    ),
    (
        "whitespace-only.toml",
        1,
        "F:1:1: error: the top level has no `[framework]`",
    ),
    (
        "wrong-type-dimension-string.toml",
        1,
        "F:2:13: error: `dimension` must be an array, found string",
    ),
    (
        "wrong-type-name-number.toml",
        1,
        "F:10:8: error: `name` must be a string, found integer",
    ),
    (
        "wrong-type-score-string.toml",
        1,
        "F:34:9: error: `score` must be a table, found string",
    ),
    (
        "wrong-type-weight-string.toml",
        1,
        "F:11:10: error: `weight` must be a number, found string",
    ),
];

/// Evidence, scored against tests/fixtures/mini.toml.
const EVIDENCE: &[Row] = &[
    (
        "bad-boolean.csv",
        1,
        "E:2:4: error: `maybe` is not a yes/no value; use true/false, yes/no, y/n, 1/0, 是/否 or 有/无 (indicator `iso27001`)",
    ),
    (
        "blank-lines-only.csv",
        1,
        "E:1:1: error: the file is empty; expected a header row",
    ),
    (
        "bom-in-the-middle.csv",
        1,
        "E:3:2: error: `staff` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "bom-only.csv",
        1,
        "E:1:1: error: the file is empty; expected a header row",
    ),
    ("cr-only.csv", 0, ""),
    ("crlf.csv", 0, ""),
    (
        "double-percent.csv",
        1,
        "E:2:2: error: `85%%` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "duplicate-columns.csv",
        1,
        "E:1:3: error: duplicate column `staff` (also column 2)",
    ),
    (
        "duplicate-pair-long.csv",
        1,
        "E:4:2: error: duplicate value for provider `a`, indicator `staff` (first at line 2)",
    ),
    (
        "duplicate-provider-wide.csv",
        1,
        "E:3:1: error: duplicate row for provider `a` (first at line 2)",
    ),
    (
        "empty-column-name.csv",
        1,
        "E:1:2: error: empty column name in the header",
    ),
    (
        "empty-provider-id.csv",
        1,
        "E:3:1: error: empty provider id",
    ),
    (
        "fullwidth-digits.csv",
        0,
        "E:2:2: warning: `５０` is written in full-width characters; read as 50 (indicator `staff`)",
    ),
    (
        "every-row-bad.csv",
        1,
        "E:2:2: error: `1人` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "empty.csv",
        1,
        "E:1:1: error: the file is empty; expected a header row",
    ),
    (
        "escape-sequence-in-value.csv",
        1,
        "E:2:2: error: `\\u{1b}[2J\\u{1b}]0;owned\\u{7}` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "exponent-1e300.csv",
        1,
        "E:2:2: error: `1e300` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    ("formula-provider-names.csv", 0, ""),
    ("gbk.csv", 0, ""),
    (
        "header-in-the-middle.csv",
        1,
        "E:3:2: error: `staff` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "header-only-long.csv",
        1,
        "E:1:1: error: the file has a header but no data rows",
    ),
    (
        "header-only-wide.csv",
        1,
        "E:1:1: error: the file has a header but no data rows",
    ),
    (
        "huge-digits-overflow.csv",
        1,
        "E:2:2: error: `100000000000000000000000000000000000000000000000000000000000… (401 characters)` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "inf-value.csv",
        1,
        "E:2:6: error: `inf` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `revenue`)",
    ),
    (
        "nan-value.csv",
        1,
        "E:2:2: error: `NaN` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "lookalike-cyrillic-column.csv",
        0,
        "E:1:2: warning: column `ѕtaff` is read as an attribute, but looks like indicator `staff` (it is spelled with Cyrillic ѕ (U+0455)), which has no column",
    ),
    (
        "lookalike-typo-column.csv",
        0,
        "E:1:3: warning: column `cs_levl` is read as an attribute, but looks like indicator `cs_level` (1 edit(s) away), which has no column",
    ),
    (
        "no-indicator-columns.csv",
        1,
        "E:1:1: error: no column of the header is an indicator of this framework",
    ),
    (
        "no-provider-column.csv",
        1,
        "E:1:1: error: the header has no `provider` column",
    ),
    (
        "not-a-number.csv",
        1,
        "E:2:2: error: `twelve` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "nothing-to-score.csv",
        1,
        "E: warning: veto indicator `dishonest` has no value for 1 provider(s), who were not checked: a",
    ),
    (
        "nul-bytes.csv",
        1,
        "E:2:2: error: `1\\u{0}2` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "provider-bidi-long.csv",
        1,
        "E:3:1: error: provider id `\\u{202e}b` contains U+202E, an invisible or text-direction character",
    ),
    (
        "provider-nul.csv",
        1,
        "E:3:1: error: provider id `b\\u{0}` contains U+0000, a control character",
    ),
    (
        "provider-zero-width.csv",
        1,
        "E:3:1: error: provider id `\\u{200b}\\u{200b}` contains U+200B, an invisible or text-direction character",
    ),
    (
        "quoted-newline-then-error.csv",
        1,
        "E:4:2: error: `x` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "ragged-long-row.csv",
        1,
        "E:3:9: error: this row has 9 fields but the header has 8",
    ),
    (
        "ragged-short-row.csv",
        1,
        "E:3:4: error: this row has 3 fields but the header has 8",
    ),
    (
        "thousands-separator.csv",
        1,
        "E:2:2: error: `1,000` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
    ),
    (
        "unclosed-quote-mid-file.csv",
        1,
        "E:3:3: error: a quoted field is not closed before the end of the file",
    ),
    (
        "unknown-indicator-long.csv",
        0,
        "E:3:2: warning: unknown indicator `stafff`; the row is ignored",
    ),
    (
        "unknown-level.csv",
        1,
        "E:2:3: error: `CS5` is not a level of this indicator; expected one of: 无, CS2, CS3, CS4 (indicator `cs_level`)",
    ),
    (
        "utf16.csv",
        1,
        "E:1:1: error: the file is UTF-16, which is not supported",
    ),
];

/// Evidence in neither encoding, or in both line by line: the error points at
/// the first line in the encoding of fewer lines (at its first byte that is not
/// UTF-8), never at the first GB18030 decoding error, and a file that would
/// read as GB18030 with UTF-8 lines turned to mojibake is refused.
const INPUT_RS_BUGS: &[Row] = &[
    (
        "invalid-bytes.csv",
        1,
        "E:3:22: error: this line is not UTF-8, but 1 other line of the file is UTF-8",
    ),
    (
        "mixed-encodings.csv",
        1,
        "E:3:22: error: this line is not UTF-8, but 1 other line of the file is UTF-8",
    ),
    (
        "mixed-gbk-line-in-utf8.csv",
        1,
        // Line 4 `c,200,CS3,yes,20,200,yes,华东`: 华 is the 26th character.
        "E:4:26: error: this line is not UTF-8, but 2 other lines of the file are UTF-8",
    ),
    (
        "mixed-utf8-line-in-gbk.csv",
        1,
        // Lines 1, 2 and 4 are GBK (1 has no Chinese: it counts for neither).
        "E:3:1: error: this line is UTF-8, but 2 other lines of the file are not (GB18030)",
    ),
];

/// Evidence that the evidence reader (src/evidence/) accepts although it is truncated.
const EVIDENCE_RS_BUGS: &[Row] = &[(
    "unclosed-quote-at-end.csv",
    1,
    "E:3:8: error: a quoted field is not closed before the end of the file",
)];

/// Hostile workbooks (made by scripts/bad_workbooks.py), scored against
/// tests/fixtures/mini.toml: each refused naming file and sheet, or read in
/// bounded memory, never trusted for the sizes it declares.
const WORKBOOKS: &[Row] = &[
    (
        "cells-span-too-many.xlsx",
        1,
        // 2,500 one-cell rows at A10:A2509, the 4 rows of the table and one row
        // with a cell in column 2048: 2,505 rows × 2,048 columns.
        "E: error: sheet `Sheet1`: the cells span 2505 rows × 2048 columns = 5130240 cells; at most 5000000 are read",
    ),
    ("dimension-lies.xlsx", 0, ""),
    (
        "far-cell-xfd1048576.xlsx",
        1,
        // XFD is column 16,384, A column 1: 16,383 columns apart.
        "E!Sheet1!XFD1048576: error: this cell is 16383 columns from column A, where other cells are; a sheet is read across at most 2048 columns",
    ),
    (
        "formula-no-cached-value.xlsx",
        0,
        "E!Sheet1!B3: warning: this formula has no saved value, so the cell is read as empty",
    ),
    ("merged-2000-whole-columns.xlsx", 0, ""),
    (
        "merged-too-many.xlsx",
        1,
        // A10:A11, A12:A13, … A20010:A20011: (20010 − 10) / 2 + 1 ranges.
        "E: error: sheet `Sheet1`: 10001 merged ranges; at most 10000 are read",
    ),
    (
        "shared-strings-malformed-sst.xlsx",
        1,
        "E: error: the workbook declares 4000000000 shared strings (uniqueCount); at most 2000000 are read",
    ),
    (
        "shared-strings-4e9.xlsx",
        1,
        "E: error: the workbook declares 4000000000 shared strings (uniqueCount); at most 2000000 are read",
    ),
];

const FRAMEWORK_DIR: &str = "tests/bad_inputs/framework";
const EVIDENCE_DIR: &str = "tests/bad_inputs/evidence";
const WORKBOOK_DIR: &str = "tests/bad_inputs/workbook";
const FRAMEWORK_EVIDENCE: &str = "tests/bad_inputs/framework-evidence.csv";
const MINI: &str = "tests/fixtures/mini.toml";

/// Runs `score -f framework -e evidence [extra] -o TMP/out.csv`; checks the exit
/// code and that the output exists exactly when the run succeeds.
/// Returns the first stderr line with `path` replaced by `alias`.
fn run(framework: &str, evidence: &str, extra: &[&str], path: &str, alias: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let o = tierscore()
        .args(["score", "-f", framework, "-e", evidence])
        .args(extra)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let code = o.status.code().unwrap();
    assert_eq!(
        out.exists(),
        code == 0,
        "{path}: output file exists: {}",
        out.exists()
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count() - usize::from(out.exists());
    assert_eq!(leftovers, 0, "{path}: temporary files left behind");
    let stderr = String::from_utf8(o.stderr).unwrap();
    let first = stderr.lines().next().unwrap_or("").replacen(path, alias, 1);
    if code == 1 {
        assert!(
            stderr.ends_with("error(s); nothing was written\n"),
            "{path}: {stderr}"
        );
    }
    (code, first)
}

fn check(rows: &[Row], dir: &str, alias: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for &(file, code, first) in rows {
        let path = format!("{dir}/{file}");
        let got = if alias == "F" {
            run(&path, FRAMEWORK_EVIDENCE, &[], &path, alias)
        } else {
            run(MINI, &path, &[], &path, alias)
        };
        if got != (code, first.to_string()) {
            failures.push(format!("{file}: expected ({code}, {first:?}), got {got:?}"));
        }
    }
    failures
}

#[test]
fn every_bad_framework() {
    let failures = check(FRAMEWORKS, FRAMEWORK_DIR, "F");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_evidence_file() {
    let failures = check(EVIDENCE, EVIDENCE_DIR, "E");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_hostile_workbook() {
    let failures = check(WORKBOOKS, WORKBOOK_DIR, "E");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A formula without a saved value is an error under `--strict`; the merged
/// ranges over whole columns leave the values as they are (b's staff is 60).
#[test]
fn hostile_workbooks_strict_and_values() {
    let path = format!("{WORKBOOK_DIR}/formula-no-cached-value.xlsx");
    assert_eq!(
        run(MINI, &path, &["--strict"], &path, "E"),
        (
            1,
            "E!Sheet1!B3: error: this formula has no saved value, so the cell is read as empty"
                .to_string()
        )
    );
    let merged = format!("{WORKBOOK_DIR}/merged-2000-whole-columns.xlsx");
    let score = |evidence: &str| {
        let o = tierscore()
            .args(["score", "-f", MINI, "-e", evidence, "--format", "csv"])
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(score(&merged), score("tests/fixtures/mini-wide.csv"));
}

#[test]
fn neither_utf8_nor_gb18030_is_located_at_the_first_bad_byte() {
    let failures = check(INPUT_RS_BUGS, EVIDENCE_DIR, "E");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]

fn a_quote_left_open_at_the_end_is_an_error() {
    let failures = check(EVIDENCE_RS_BUGS, EVIDENCE_DIR, "E");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every file in the corpus has a row, and there are at least 40 of each.
#[test]
fn the_tables_cover_the_corpus() {
    let listed = |rows: &[&[Row]]| -> Vec<String> {
        let mut names: Vec<String> = rows
            .iter()
            .flat_map(|r| r.iter())
            .map(|r| r.0.to_string())
            .collect();
        names.sort();
        names
    };
    let on_disk = |dir: &str| -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with("providers-") && !n.starts_with('.'))
                .collect();
        names.sort();
        names
    };
    assert_eq!(listed(&[FRAMEWORKS]), on_disk(FRAMEWORK_DIR));
    assert_eq!(
        listed(&[EVIDENCE, INPUT_RS_BUGS, EVIDENCE_RS_BUGS]),
        on_disk(EVIDENCE_DIR)
    );
    assert_eq!(listed(&[WORKBOOKS]), on_disk(WORKBOOK_DIR));
    assert!(FRAMEWORKS.len() >= 40 && EVIDENCE.len() >= 30);
}

#[test]
fn strict_and_providers_files() {
    let unknown = format!("{EVIDENCE_DIR}/unknown-indicator-long.csv");
    assert_eq!(
        run(MINI, &unknown, &["--strict"], &unknown, "E"),
        (
            1,
            "E:3:2: error: unknown indicator `stafff`; the row is ignored".to_string()
        )
    );
    let cases = [
        (
            "providers-duplicate.csv",
            "P:3:1: error: duplicate row for provider `a` (first at line 2)",
        ),
        (
            "providers-no-provider-column.csv",
            "P:1:1: error: the header has no `provider` column",
        ),
    ];
    for (file, first) in cases {
        let path = format!("{EVIDENCE_DIR}/{file}");
        let got = run(
            MINI,
            "tests/bad_inputs/evidence/crlf.csv",
            &["--providers", &path],
            &path,
            "P",
        );
        assert_eq!(got, (1, first.to_string()), "{file}");
    }
}

/// The hint for a framework that is not UTF-8 is about the framework, not `--encoding`.
#[test]
fn a_framework_that_is_not_utf8_gets_a_framework_hint() {
    for file in ["not-utf8-gbk.toml", "utf16.toml"] {
        let o = tierscore()
            .args(["validate", &format!("{FRAMEWORK_DIR}/{file}")])
            .output()
            .unwrap();
        let stderr = String::from_utf8(o.stderr).unwrap();
        assert_eq!(
            stderr.lines().nth(1),
            Some("  = help: save the framework as UTF-8; TOML files are always UTF-8"),
            "{file}"
        );
    }
}

/// An endless framework is refused after 10 MiB, not read to the 1 GiB input limit.
#[test]
fn an_endless_framework_is_refused_early() {
    let o = tierscore()
        .args(["validate", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(
        stderr.lines().next(),
        Some("/dev/zero: error: the framework file is larger than 10 MiB")
    );
}

/// A warning means the same in every command: the lookalike column is a
/// warning (exit 0) without `--strict` and an error (exit 1) with it, in
/// `score`, `gap`, `compare`, `diff` and `validate -e` alike.
#[test]
fn strict_means_the_same_in_every_command() {
    let lookalike = format!("{EVIDENCE_DIR}/lookalike-typo-column.csv");
    let wide = "tests/fixtures/mini-wide.csv";
    let commands: Vec<Vec<&str>> = vec![
        vec!["score", "-f", MINI, "-e", &lookalike],
        vec!["gap", "-f", MINI, "-e", &lookalike],
        vec![
            "compare",
            "-f",
            MINI,
            "--self",
            &lookalike,
            "--verified",
            wide,
        ],
        vec![
            "compare",
            "-f",
            MINI,
            "--self",
            wide,
            "--verified",
            &lookalike,
        ],
        vec!["diff", MINI, MINI, "-e", &lookalike],
        vec!["validate", MINI, "-e", &lookalike],
    ];
    let line = |severity: &str| {
        format!(
            "{lookalike}:1:3: {severity}: column `cs_levl` is read as an attribute, but looks like indicator `cs_level` (1 edit(s) away), which has no column"
        )
    };
    for args in commands {
        for (strict, code, severity) in [(false, 0, "warning"), (true, 1, "error")] {
            let o = tierscore()
                .args(&args)
                .args(strict.then_some("--strict"))
                .output()
                .unwrap();
            let stderr = String::from_utf8(o.stderr).unwrap();
            assert_eq!(
                o.status.code(),
                Some(code),
                "{args:?} strict={strict}: {stderr}"
            );
            assert!(
                stderr.lines().any(|l| l == line(severity)),
                "{args:?} strict={strict}: {stderr}"
            );
        }
    }
}

/// Files too large to commit, made at test time.
#[test]
fn generated_huge_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    // A framework over 10 MiB is refused before it is read.
    let mini = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(MINI)).unwrap();
    let big = format!("{mini}#{}\n", "x".repeat(10 << 20));
    std::fs::write(path("big.toml"), big).unwrap();
    let got = run(
        &path("big.toml"),
        "tests/fixtures/mini-long.csv",
        &[],
        &path("big.toml"),
        "F",
    );
    assert_eq!(
        got,
        (
            1,
            "F: error: the framework file is larger than 10 MiB".to_string()
        )
    );
    // More than 1,000 indicators.
    let many: String = (0..1000)
        .map(|i| format!("[[dimension.indicator]]\nid = \"x{i}\"\nname = \"x\"\nweight = 1\nscore = {{ kind = \"boolean\" }}\n"))
        .collect();
    let text = mini.replacen(
        "[[dimension]]\nid = \"credit\"",
        &format!("{many}[[dimension]]\nid = \"credit\""),
        1,
    );
    let line = text[..text.find("id = \"x997\"").unwrap()].lines().count();
    std::fs::write(path("many.toml"), text).unwrap();
    let got = run(
        &path("many.toml"),
        "tests/fixtures/mini-long.csv",
        &[],
        &path("many.toml"),
        "F",
    );
    assert_eq!(
        got,
        (
            1,
            format!(
                "F:{line}:1: error: too many indicators: 1006 (a framework may have at most 1000)"
            )
        )
    );
    // A 100 MB cell is refused wherever it is, at its cell, before it costs memory.
    let cell = "x".repeat(100 << 20);
    std::fs::write(
        path("big-name.csv"),
        format!("provider,staff,dishonest,name\na,12,否,{cell}\n"),
    )
    .unwrap();
    let got = run(MINI, &path("big-name.csv"), &[], &path("big-name.csv"), "E");
    assert_eq!(
        got,
        (
            1,
            format!(
                "E:2:4: error: this cell is {} bytes long; a cell may hold at most 1024 KiB",
                100 << 20
            )
        )
    );
    std::fs::write(
        path("big-value.csv"),
        format!("provider,staff,name\na,{cell},n\n"),
    )
    .unwrap();
    let got = run(
        MINI,
        &path("big-value.csv"),
        &[],
        &path("big-value.csv"),
        "E",
    );
    assert_eq!(
        got,
        (
            1,
            format!(
                "E:2:2: error: this cell is {} bytes long; a cell may hold at most 1024 KiB",
                100 << 20
            )
        )
    );
}
