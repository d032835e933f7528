//! Hostile text in inputs: CSV output never lets a spreadsheet run a formula,
//! and terminal output never carries control sequences.

mod common;

use common::tierscore;
use tierscore::report::grid::guard_formula;

const MINI: &str = "tests/fixtures/mini.toml";
const FORMULAS: &str = "tests/bad_inputs/evidence/formula-provider-names.csv";

/// Every cell of a CSV text, header included.
fn cells(csv_text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    reader
        .records()
        .flat_map(|r| {
            r.expect("valid CSV")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn assert_guarded(csv_text: &str) {
    for cell in cells(csv_text) {
        assert_eq!(guard_formula(&cell), cell, "unguarded cell {cell:?}");
    }
}

fn stdout(args: &[&str]) -> String {
    let o = tierscore().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{args:?}: {o:?}");
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn score_csv_guards_formula_looking_providers() {
    let plain = stdout(&["score", "-f", MINI, "-e", FORMULAS, "--format", "csv"]);
    assert_guarded(&plain);
    let providers: Vec<String> = plain
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    // Sorted by total, then id; `-5` is a number and stays as it is.
    assert_eq!(
        providers,
        ["'=1+2", "'+cmd", "'-x", "'@SUM(A1)", "r", "z", "-5"]
    );
    let detail = stdout(&[
        "score", "-f", MINI, "-e", FORMULAS, "--format", "csv", "--detail",
    ]);
    assert_guarded(&detail);
    // The same through -o, the format taken from the extension, and with
    // --providers attributes (which CSV output does not show).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let o = tierscore()
        .args([
            "score",
            "-f",
            MINI,
            "-e",
            FORMULAS,
            "--providers",
            FORMULAS,
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let written = std::fs::read_to_string(&out).unwrap();
    assert_guarded(&written);
    assert_eq!(written, plain);
}

#[test]
fn weights_csv_is_guarded() {
    for fw in [MINI, "tests/fixtures/ahp.toml"] {
        assert_guarded(&stdout(&["weights", "-f", fw, "--format", "csv"]));
    }
}

#[test]
fn a_long_evidence_file_with_formulas_in_every_text_column() {
    let text = "provider,indicator,value,source,note\n=A1,staff,10,=cmd|' /C calc'!A0,@note\n+B,staff,20,-src,\n";
    let (_dir, path) = common::temp_file("f.csv", text.as_bytes());
    for extra in [&[][..], &["--detail"][..]] {
        let mut args = vec!["score", "-f", MINI, "-e", path.as_str(), "--format", "csv"];
        args.extend_from_slice(extra);
        let out = stdout(&args);
        assert_guarded(&out);
        assert!(out.contains("'=A1") && out.contains("'+B"), "{out}");
    }
}

#[test]
fn terminal_formats_carry_no_control_sequences() {
    // Provider ids with control characters are refused (tests/bad_inputs);
    // attributes such as the name are shown as given, escaped on a terminal.
    let text = "provider,staff,name\np,12,\"\u{1b}[2J\u{1b}]0;owned\u{7}n\u{202e}name\"\n";
    let (_dir, path) = common::temp_file("f.csv", text.as_bytes());
    for format in ["table", "markdown"] {
        let out = stdout(&["score", "-f", MINI, "-e", &path, "--format", format]);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
        // Markdown doubles the backslash of the escape.
        assert!(out.contains("u{1b}[2J") && out.contains("u{7}n"), "{out}");
    }
    // --require-tier names the providers below the tier on stderr.
    let o = tierscore()
        .args(["score", "-f", MINI, "-e", &path, "--require-tier", "gold"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    // A diagnostic quoting a hostile cell.
    let bad = "provider,staff\np,\"\u{1b}[31mred\"\n";
    let (_dir2, path) = common::temp_file("bad.csv", bad.as_bytes());
    let o = tierscore()
        .args(["score", "-f", MINI, "-e", &path])
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(
        stderr.contains("`\\u{1b}[31mred` is not a number"),
        "{stderr}"
    );
}

/// gap, summary, compare and diff write CSV through the same guard.
#[test]
fn every_command_guards_its_csv() {
    let verified = "provider,staff,cs_level,iso27001,p1_response,revenue,dishonest,name\n=1+2,50,CS2,no,45,100,否,@x\n+cmd,60,CS2,no,45,100,0,乙\n";
    let (_dir, verified) = common::temp_file("verified.csv", verified.as_bytes());
    let runs: Vec<Vec<&str>> = vec![
        vec!["gap", "-f", MINI, "-e", FORMULAS, "--format", "csv"],
        vec![
            "summary", "-f", MINI, "-e", FORMULAS, "--by", "name", "--format", "csv",
        ],
        vec![
            "compare",
            "-f",
            MINI,
            "--self",
            FORMULAS,
            "--verified",
            &verified,
            "--detail",
            "--format",
            "csv",
        ],
        vec!["diff", MINI, MINI, "-e", FORMULAS, "--format", "csv"],
        vec![
            "explain", "-f", MINI, "-e", FORMULAS, "=1+2", "--format", "json",
        ],
    ];
    for args in runs {
        let o = tierscore().args(&args).output().unwrap();
        assert!(o.status.code().is_some_and(|c| c <= 1), "{args:?}: {o:?}");
        let out = String::from_utf8(o.stdout).unwrap();
        if args.contains(&"csv") {
            assert!(
                out.contains("'=") || out.contains("'+cmd"),
                "{args:?}: {out}"
            );
            assert_guarded(&out);
        }
    }
}

/// On a terminal, whatever a command prints (gap and explain headings,
/// framework names, sources) is shown with control characters escaped. Runs
/// under `script` for a pseudo-terminal; skipped where it is missing.
#[test]
fn a_terminal_never_receives_control_sequences() {
    let text = "provider,staff,cs_level,iso27001,p1_response,revenue,dishonest,name\np,50,CS2,no,45,100,否,\"\u{1b}]0;x\u{7}n\"\nq,60,CS3,yes,20,100,否,ok\n";
    let (_dir, path) = common::temp_file("esc.csv", text.as_bytes());
    let bin = assert_cmd::cargo::cargo_bin("tierscore");
    let bin = bin.to_string_lossy();
    let commands = [
        format!("{bin} -q gap -f {MINI} -e {path}"),
        format!("{bin} -q gap -f {MINI} -e {path} --format markdown"),
        format!("{bin} -q summary -f {MINI} -e {path} --by name"),
    ];
    for command in commands {
        let o = std::process::Command::new("script")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["-qec", &command, "/dev/null"])
            .output();
        let Ok(o) = o else {
            eprintln!("skipped: no `script` for a pseudo-terminal");
            return;
        };
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("u{1b}"), "{command}: {out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{command}: {out:?}"
        );
    }
    // explain: a provider id with ESC in it, given on the command line.
    let id = "$(printf '\\033[2Jp')";
    let command = format!("{bin} -q explain -f {MINI} -e {path} \"{id}\"");
    if let Ok(o) = std::process::Command::new("script")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-qec", &command, "/dev/null"])
        .output()
    {
        // The id is not in the evidence: a usage error, its id escaped (the
        // only escape sequences left are the colour of `error`).
        let out = String::from_utf8_lossy(&o.stdout)
            .replace("\u{1b}[1;31m", "")
            .replace("\u{1b}[0m", "");
        assert!(out.contains("u{1b}[2Jp"), "{command}: {out}");
        assert!(!out.contains('\u{1b}'), "{command}: {out:?}");
    }
    // Piped, the CSV keeps the bytes as they were.
    let o = tierscore()
        .args([
            "-q", "summary", "-f", MINI, "-e", &path, "--by", "name", "--format", "csv",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(o.stdout).unwrap().contains('\u{1b}'));
}
