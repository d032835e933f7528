//! Every command that reads evidence loads the same run (src/session): the
//! same checks, the same warnings, and `--strict` means the same everywhere.

mod common;

use common::{fixture, tierscore};
use predicates::str::contains;

/// mini-long.csv gives no `dishonest` row for provider d, and `dishonest` is a
/// veto flag: a veto that could not be checked, which every command reports.
const UNCHECKED: &str =
    "veto indicator `dishonest` has no value for 1 provider(s), who were not checked: d";

/// Each command that loads a run, on mini.toml and mini-long.csv.
fn commands() -> Vec<Vec<String>> {
    let (fw, ev) = (fixture("mini.toml"), fixture("mini-long.csv"));
    let inputs = |cmd: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = cmd.iter().map(|s| s.to_string()).collect();
        v.extend(["-f".into(), fw.clone(), "-e".into(), ev.clone()]);
        v
    };
    vec![
        vec!["validate".into(), fw.clone(), "-e".into(), ev.clone()],
        inputs(&["score"]),
        inputs(&["gap"]),
        inputs(&["explain", "a"]),
        inputs(&["report", "--date", "2026-01-01"]),
        inputs(&["sensitivity", "--samples", "2"]),
        inputs(&["weights", "--method", "entropy"]),
        vec![
            "compare".into(),
            "-f".into(),
            fw.clone(),
            "--self".into(),
            ev.clone(),
            "--verified".into(),
            ev.clone(),
        ],
        vec![
            "diff".into(),
            fw.clone(),
            fw.clone(),
            "-e".into(),
            ev.clone(),
        ],
    ]
}

#[test]
fn every_command_warns_about_an_unchecked_veto() {
    for args in commands() {
        tierscore()
            .args(&args)
            .assert()
            .success()
            .stderr(contains(format!("warning: {UNCHECKED}")));
    }
    // summary needs an attribute: the wide file has `name`, and leaves no veto unchecked.
    tierscore()
        .args([
            "summary",
            "--by",
            "name",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-wide.csv"),
        ])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn strict_refuses_the_same_warning_in_every_command() {
    let mut all = commands();
    all.push(
        [
            "summary",
            "--by",
            "name",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
        ]
        .map(String::from)
        .to_vec(),
    );
    for mut args in all {
        args.push("--strict".into());
        let assert = tierscore().args(&args).assert().code(1);
        let assert = assert.stderr(contains(format!("error: {UNCHECKED}")));
        if args[0] != "validate" {
            // validate prints its per-file summary on stdout; the others write nothing.
            assert.stdout("");
        }
    }
}

#[test]
fn compare_strict_refuses_a_provider_missing_from_one_file() {
    // The verified file lacks provider d: a warning, an error under --strict.
    let text = std::fs::read_to_string(fixture("mini-long.csv")).expect("fixture");
    let verified: String = text
        .lines()
        .filter(|l| !l.starts_with("d,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (_dir, verified) = common::temp_file("verified.csv", verified.as_bytes());
    let run = |strict: bool| {
        let mut cmd = tierscore();
        cmd.args([
            "compare",
            "-f",
            &fixture("mini.toml"),
            "--self",
            &fixture("mini-long.csv"),
            "--verified",
            &verified,
        ]);
        if strict {
            cmd.arg("--strict");
        }
        cmd.assert()
    };
    let one_sided = "provider `d` is not in this file: every claim counts as unverified";
    run(false)
        .success()
        .stderr(contains(format!("warning: {one_sided}")));
    run(true)
        .code(1)
        .stdout("")
        .stderr(contains(format!("error: {one_sided}")));
}

#[test]
fn report_follows_the_locale_like_every_other_command() {
    for (lang, html) in [
        ("en_US.UTF-8", "<html lang=\"en\">"),
        ("zh_CN.UTF-8", "<html lang=\"zh-CN\">"),
    ] {
        tierscore()
            .env("LANG", lang)
            .args([
                "report",
                "--date",
                "2026-01-01",
                "-f",
                &fixture("mini.toml"),
                "-e",
                &fixture("mini-wide.csv"),
            ])
            .assert()
            .success()
            .stdout(contains(html));
    }
}

#[test]
fn weights_refuses_evidence_flags_without_method() {
    tierscore()
        .args([
            "weights",
            "-f",
            &fixture("mini.toml"),
            "--providers",
            "x.csv",
        ])
        .assert()
        .code(2)
        .stderr(contains("give --method and -e"));
}
