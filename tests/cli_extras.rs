//! Completions, the man page, --version, --quiet and colour on stderr.

mod common;

use common::{fixture, temp_file, tierscore};
use predicates::str::contains;

#[test]
fn bash_completions_know_every_subcommand() {
    let out = tierscore().args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();
    for sub in ["validate", "score", "weights", "init", "completions", "man"] {
        assert!(script.contains(sub), "no {sub} in the bash script");
    }
    assert!(script.contains("--require-tier"));
}

#[test]
fn other_shells_get_scripts_too() {
    for shell in ["zsh", "fish", "powershell"] {
        tierscore()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains("tierscore"));
    }
    tierscore().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_with_the_exit_codes() {
    tierscore()
        .arg("man")
        .assert()
        .success()
        .stdout(predicates::str::starts_with(".ie"))
        .stdout(contains(".TH tierscore 1"))
        .stdout(contains("Exit codes"));
}

#[test]
fn version_is_printed() {
    tierscore()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("tierscore {}\n", env!("CARGO_PKG_VERSION")));
}

fn unknown_indicator_evidence() -> (tempfile::TempDir, String) {
    temp_file(
        "e.csv",
        b"provider,indicator,value\na,staff,10\na,bogus,1\n",
    )
}

#[test]
fn quiet_drops_warnings_but_not_errors() {
    let (_dir, evidence) = unknown_indicator_evidence();
    let score = |extra: &[&str]| {
        let mut cmd = tierscore();
        cmd.args(extra)
            .args(["score", "-f", &fixture("mini.toml"), "-e", &evidence]);
        cmd.args(["--format", "csv"]);
        cmd
    };
    score(&[])
        .assert()
        .success()
        .stderr(contains("warning: unknown indicator `bogus`"));
    score(&["--quiet"]).assert().success().stderr("");
    score(&["-q"])
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(contains("error: unknown indicator `bogus`"));
}

#[test]
fn no_colour_when_stderr_is_not_a_terminal() {
    let (_dir, evidence) = unknown_indicator_evidence();
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &evidence,
            "--strict",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("error: unknown indicator"));
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
}
