//! One test per error message: the exact text, line and column.

mod common;

use common::{fixture, temp_file, tierscore};

/// A valid framework to break one line at a time.
const BASE: &str = r#"schema = 1
[framework]
id = "t"
name = "测试"
version = "1"

[[dimension]]
id = "tech"
name = "技术"
weight = 100

[[dimension.indicator]]
id = "staff"
name = "人员"
weight = 100
score = { kind = "linear", floor = 0, target = 10 }

[[tier]]
id = "top"
name = "顶级"
min_total = 80
"#;

/// Validates `text` and returns the diagnostics on stderr (with the temp path replaced by `F`).
fn validate(text: &str) -> (i32, String) {
    let (_dir, path) = temp_file("f.toml", text.as_bytes());
    let out = tierscore().args(["validate", &path]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap().replace(&path, "F");
    (out.status.code().unwrap(), stderr)
}

fn first_line(stderr: &str) -> &str {
    stderr.lines().next().unwrap_or("")
}

#[test]
fn the_base_framework_is_valid() {
    assert_eq!(validate(BASE), (0, String::new()));
}

#[test]
fn framework_errors_point_at_their_line_and_column() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "schema = 1",
            "schema = 3",
            "F:1:10: error: unsupported schema 3; this tierscore reads schema 1",
        ),
        (
            "id = \"t\"",
            "id = \"T-1\"",
            "F:3:6: error: invalid id `T-1`",
        ),
        (
            "version = \"1\"",
            "version = \"1\"\nmissing = \"skip\"",
            "F:6:11: error: unknown missing policy `skip`",
        ),
        (
            "version = \"1\"",
            "version = \"1\"\ncolour = \"red\"",
            "F:6:1: error: unknown key `colour` in [framework]",
        ),
        (
            "weight = 100\n\n[[dimension.indicator]]",
            "weight = -1\n\n[[dimension.indicator]]",
            "F:10:10: error: negative weight -1",
        ),
        (
            "weight = 100\nscore",
            "weigth = 100\nscore",
            "F:15:1: error: unknown key `weigth` in indicator `staff`",
        ),
        (
            "weight = 100\nscore",
            "weight = \"ten\"\nscore",
            "F:15:10: error: `weight` must be a number, found string",
        ),
        (
            "floor = 0, target = 10",
            "floor = 10, target = 10",
            "F:16:49: error: `floor` and `target` must differ",
        ),
        (
            "kind = \"linear\", floor = 0, target = 10",
            "kind = \"curve\"",
            "F:16:18: error: unknown scoring kind `curve`",
        ),
        (
            "kind = \"linear\", floor = 0, target = 10",
            "kind = \"bands\", bands = [[5, 0.5], [3, 1]]",
            "F:16:46: error: band threshold 3 is not above the previous one (5)",
        ),
        (
            "kind = \"linear\", floor = 0, target = 10",
            "kind = \"levels\", levels = { \"A\" = 80 }",
            "F:16:45: error: score 80 is outside [0, 1]",
        ),
        (
            "kind = \"linear\", floor = 0, target = 10",
            "kind = \"bands\", direction = \"up\", bands = [[1, 1]]",
            "F:16:39: error: `direction` must be \"higher\" or \"lower\", not \"up\"",
        ),
        (
            "id = \"top\"",
            "id = \"none\"",
            "F:19:6: error: `none` is a reserved tier id",
        ),
        (
            "id = \"top\"",
            "id = \"staff\"",
            "F:19:6: error: duplicate id `staff` (first defined at line 13)",
        ),
        (
            "min_total = 80",
            "min_total = 180",
            "F:21:13: error: `min_total` must be between 0 and 100, found 180",
        ),
        (
            "min_total = 80",
            "min_total = 80\n[[tier.require]]\nindicator = \"staf\"\nat_least = 3",
            "F:23:13: error: unknown indicator `staf`",
        ),
        (
            "min_total = 80",
            "min_total = 80\n[[tier.require]]\ndimension = \"tech\"\nequals = 3",
            "F:24:10: error: compare a dimension score with `at_least` or `at_most`",
        ),
        (
            "min_total = 80",
            "min_total = 80\n[[tier.require]]\nindicator = \"staff\"\nat_least = 3\nat_most = 5",
            "F:25:11: error: use exactly one of `at_least`, `at_most` or `equals`",
        ),
        (
            "min_total = 80",
            "min_total = 80\n[[tier.require]]\nindicator = \"staff\"",
            "F:22:1: error: a condition needs one of `at_least`, `at_most` or `equals`",
        ),
        (
            "min_total = 80",
            "min_total = 80\n\n[[tier]]\nid = \"low\"\nname = \"低\"\nmin_total = 90",
            "F:26:13: error: min_total 90 is not below the previous tier `top` (80)",
        ),
        (
            "min_total = 80",
            "min_total = 80\n[[veto]]\nindicator = \"staff\"\nequals = true",
            "F:24:10: error: a linear is compared with a number, not true",
        ),
        (
            "name = \"人员\"",
            "name = \"人员\"\nname = \"x\"",
            "F:15:1: error: TOML syntax: duplicate key",
        ),
        (
            "[framework]",
            "[framework",
            "F:2:11: error: TOML syntax: unclosed table, expected `]`",
        ),
    ];
    for (from, to, expected) in cases {
        assert!(BASE.contains(from), "bad test case: {from}");
        let text = BASE.replacen(from, to, 1);
        let (code, stderr) = validate(&text);
        assert_eq!(code, 1, "{to}: {stderr}");
        assert!(
            stderr.lines().any(|l| l == *expected),
            "case {to}: expected {expected}, got\n{stderr}"
        );
    }
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = BASE
        .replacen("id = \"t\"", "id = \"T\"", 1)
        .replacen("weight = 100\nscore", "weigth = 100\nscore", 1)
        .replacen("min_total = 80", "min_total = 80\nmin_each = 3", 1);
    let (code, stderr) = validate(&text);
    assert_eq!(code, 1);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("F:")).collect();
    assert_eq!(
        errors,
        [
            "F:3:6: error: invalid id `T`",
            "F:12:1: error: `staff` has no `weight`",
            "F:15:1: error: unknown key `weigth` in indicator `staff`",
            "F:22:1: error: unknown key `min_each` in tier `top`",
        ]
    );
}

#[test]
fn ahp_inconsistency_prints_cr() {
    let text = BASE.replacen("weight = 100\n\n[[dimension.indicator]]", "weight = 100\n\n[dimension.ahp]\norder = [\"staff\", \"a\", \"b\"]\nmatrix = [[1, 9, \"1/9\"], [\"1/9\", 1, 9], [9, \"1/9\", 1]]\n\n[[dimension.indicator]]", 1)
        .replacen("weight = 100\nscore", "score", 1)
        .replace("[[tier]]", "[[dimension.indicator]]\nid = \"a\"\nname = \"a\"\nscore = { kind = \"boolean\" }\n\n[[dimension.indicator]]\nid = \"b\"\nname = \"b\"\nscore = { kind = \"boolean\" }\n\n[[tier]]");
    let (code, stderr) = validate(&text);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("F:14:10: error: the AHP matrix of the indicators of dimension `tech` is inconsistent: CR = "), "{stderr}");
    assert!(stderr.contains("> 0.10"), "{stderr}");
}

#[test]
fn ahp_reciprocity_and_shape() {
    let with_ahp = |matrix: &str| {
        BASE.replacen("weight = 100\n\n[[dimension.indicator]]", &format!("weight = 100\n\n[dimension.ahp]\norder = [\"staff\", \"b\"]\nmatrix = {matrix}\n\n[[dimension.indicator]]"), 1)
            .replacen("weight = 100\nscore", "score", 1)
            .replace("[[tier]]", "[[dimension.indicator]]\nid = \"b\"\nname = \"b\"\nscore = { kind = \"boolean\" }\n\n[[tier]]")
    };
    let (_, stderr) = validate(&with_ahp("[[1, 3], [0.5, 1]]"));
    assert_eq!(
        first_line(&stderr),
        "F:14:20: error: the AHP matrix is not reciprocal: a[2][1] = 0.5 but a[1][2] = 3"
    );
    let (_, stderr) = validate(&with_ahp("[[1, 3, 1], [\"1/3\", 1, 1]]"));
    assert_eq!(
        first_line(&stderr),
        "F:14:10: error: the AHP matrix must be 2 × 2, one row and column per `order` entry"
    );
    let (code, stderr) = validate(&with_ahp("[[1, 3], [\"1/3\", 1]]"));
    assert_eq!((code, stderr), (0, String::new()));
}

#[test]
fn weight_sum_warning_and_strict() {
    let text = BASE.replacen("weight = 100\nscore", "weight = 40\nscore", 1);
    let (code, stderr) = validate(&text);
    assert_eq!(code, 0);
    assert_eq!(
        first_line(&stderr),
        "F:15:10: warning: the weights of the indicators of dimension `tech` sum to 40, neither 1 nor 100"
    );
    let (_dir, path) = temp_file("f.toml", text.as_bytes());
    tierscore()
        .args(["validate", "--strict", &path])
        .assert()
        .code(1);
}

#[test]
fn github_and_json_formats() {
    let text = BASE.replacen("weight = 100\nscore", "weigth = 100\nscore", 1);
    let (_dir, path) = temp_file("f.toml", text.as_bytes());
    let out = tierscore()
        .args(["validate", "--format", "github", &path])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap().replace(&path, "F");
    assert_eq!(
        stdout,
        "::error file=F,line=12,col=1::`staff` has no `weight` (help: give every one of the indicators of dimension `tech` a `weight`%2C or give the group an AHP matrix)\n\
         ::error file=F,line=15,col=1::unknown key `weigth` in indicator `staff` (help: did you mean `weight`?)\n"
            .replace("%2C", ",")
    );
    let out = tierscore()
        .args(["validate", "--format", "json", &path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["files"][0]["errors"], 2);
    assert_eq!(json["files"][0]["diagnostics"][1]["line"], 15);
    assert_eq!(json["files"][0]["diagnostics"][1]["col"], 1);
    assert_eq!(json["files"][0]["diagnostics"][1]["severity"], "error");
}

/// Scores `evidence` against the mini fixture and returns (exit code, stderr with the path as `E`).
fn score(evidence: &str) -> (i32, String) {
    let (_dir, path) = temp_file("e.csv", evidence.as_bytes());
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &path,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    if out.status.code() != Some(0) {
        assert!(out.stdout.is_empty(), "nothing is written on failure");
    }
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap().replace(&path, "E"),
    )
}

#[test]
fn evidence_errors_point_at_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "provider,indicator,value\na,staff,1,000\n",
            "E:2:4: error: this row has 4 fields but the header has 3",
        ),
        (
            "provider,indicator,value\na,staff,\"1,000\"\n",
            "E:2:3: error: `1,000` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
        ),
        (
            "provider,indicator,value\na,staff,NaN\n",
            "E:2:3: error: `NaN` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `staff`)",
        ),
        (
            "provider,indicator,value\na,cs_level,CS9\n",
            "E:2:3: error: `CS9` is not a level of this indicator; expected one of: 无, CS2, CS3, CS4 (indicator `cs_level`)",
        ),
        (
            "provider,indicator,value\na,iso27001,maybe\n",
            "E:2:3: error: `maybe` is not a yes/no value; use true/false, yes/no, y/n, 1/0, 是/否 or 有/无 (indicator `iso27001`)",
        ),
        (
            "provider,indicator,value\na,staff,5\nb,staff,6\na,staff,7\n",
            "E:4:2: error: duplicate value for provider `a`, indicator `staff` (first at line 2)",
        ),
        (
            "provider,indicator,value\n,staff,5\n",
            "E:2:1: error: empty provider id",
        ),
        (
            "id,indicator,value\na,staff,5\n",
            "E:1:1: error: the header has no `provider` column",
        ),
        (
            "provider,staff,staff\na,1,2\n",
            "E:1:3: error: duplicate column `staff` (also column 2)",
        ),
        (
            "provider,name\na,x\n",
            "E:1:1: error: no column of the header is an indicator of this framework",
        ),
        (
            "provider,staff\na,1\na,2\n",
            "E:3:1: error: duplicate row for provider `a` (first at line 2)",
        ),
        ("", "E:1:1: error: the file is empty; expected a header row"),
        (
            "provider,indicator,value\n",
            "E:1:1: error: the file has a header but no data rows",
        ),
        (
            "provider,staff,cs_level,iso27001,p1_response,revenue,dishonest\nz,n/a,NA,不适用,N/A,n/a,n/a\n",
            "E:2:1: error: provider `z` has nothing to score: every weighted indicator is missing or not applicable",
        ),
    ];
    for (evidence, expected) in cases {
        let (code, stderr) = score(evidence);
        assert_eq!(code, 1, "{evidence}: {stderr}");
        let first_error = stderr
            .lines()
            .find(|l| l.contains(": error: "))
            .unwrap_or("");
        assert_eq!(first_error, *expected, "evidence: {evidence:?}");
    }
}

#[test]
fn every_bad_cell_is_reported_in_one_run() {
    let (code, stderr) = score("provider,indicator,value\na,staff,x\nb,staff,y\nb,cs_level,CS9\n");
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("E:"))
        .map(|l| &l[..6])
        .collect();
    assert_eq!(lines, ["E:2:3:", "E:3:3:", "E:4:3:"]);
    assert!(
        stderr.ends_with("3 error(s); nothing was written\n"),
        "{stderr}"
    );
}

#[test]
fn unknown_indicators_warn_and_fail_under_strict() {
    let evidence = "provider,indicator,value\na,staff,50\na,stafff,3\n";
    let (code, stderr) = score(evidence);
    assert_eq!(code, 0);
    assert_eq!(
        first_line(&stderr),
        "E:3:2: warning: unknown indicator `stafff`; the row is ignored"
    );
    let (_dir, path) = temp_file("e.csv", evidence.as_bytes());
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &path,
            "--strict",
        ])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn missing_policy_error_lists_every_pair() {
    let fw = std::fs::read_to_string(fixture("mini.toml"))
        .unwrap()
        .replace(
            "version = \"1.0\"",
            "version = \"1.0\"\nmissing = \"error\"",
        );
    let (dir, fw_path) = temp_file("fw.toml", fw.as_bytes());
    let ev = dir.path().join("e.csv");
    std::fs::write(&ev, "provider,staff,cs_level,iso27001,p1_response,revenue,dishonest\na,1,无,,n/a,5,no\nb,,无,yes,10,5,no\n").unwrap();
    let out = tierscore()
        .args(["score", "-f", &fw_path, "-e"])
        .arg(&ev)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&ev.to_string_lossy().into_owned(), "E");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("E:")).collect();
    assert_eq!(
        errors,
        [
            "E:2:4: error: missing value for provider `a`, indicator `iso27001`",
            "E:3:2: error: missing value for provider `b`, indicator `staff`",
        ]
    );
}

#[test]
fn unreadable_files_and_usage_errors() {
    tierscore()
        .args(["validate", "no/such.toml"])
        .assert()
        .code(1)
        .stderr(predicates::str::starts_with(
            "no/such.toml: error: cannot read the file:",
        ));
    tierscore()
        .args(["score", "-f", &fixture("mini.toml")])
        .assert()
        .code(2);
    tierscore().args(["score", "--bogus"]).assert().code(2);
    tierscore().args(["frobnicate"]).assert().code(2);
}
