//! Nothing is lost, continued: stdin is an input like any other (it may be
//! the very file `-o` names, and only one input can be it), and a run killed
//! before renaming its output leaves nothing that the next run does not remove.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::tierscore;

const FRAMEWORK: &str = "tests/fixtures/mini.toml";
const EVIDENCE: &str = "tests/fixtures/mini-wide.csv";

fn abs(rel: &str) -> String {
    format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn temporaries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tierscore-"))
        .collect();
    names.sort();
    names
}

/// `score -e - -o ev.csv < ev.csv` (and through a hard link) is refused and
/// leaves the evidence as it was; from a pipe, the same output is written.
#[test]
fn stdin_that_is_the_output_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ev = dir.path().join("ev.csv");
    std::fs::copy(abs(EVIDENCE), &ev).unwrap();
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&ev, &hard).unwrap();
    let original = std::fs::read(&ev).unwrap();
    for out in [&ev, &hard] {
        let o = Command::new(assert_cmd::cargo::cargo_bin("tierscore"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["score", "-f", FRAMEWORK, "-e", "-", "-o"])
            .arg(out)
            .stdin(std::fs::File::open(&ev).unwrap())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{out:?}");
        assert_eq!(
            String::from_utf8(o.stderr).unwrap(),
            format!(
                "{}: error: refusing to write the output over an input file\n",
                out.display()
            )
        );
        assert_eq!(std::fs::read(&ev).unwrap(), original);
    }
    // A pipe is never the output file.
    let piped = dir.path().join("piped.csv");
    let o = tierscore()
        .args(["score", "-f", FRAMEWORK, "-e", "-", "-o"])
        .arg(&piped)
        .write_stdin(original.clone())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let direct = tierscore()
        .args(["score", "-f", FRAMEWORK, "-e", EVIDENCE, "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&piped).unwrap(), direct.stdout);
}

/// Two inputs named `-` are a usage error (exit 2) before anything is read,
/// in every command that reads more than one file.
#[test]
fn only_one_input_can_be_stdin() {
    let message = "error: only one input can be stdin (`-`); give the others as files\n";
    for args in [
        vec!["score", "-f", "-", "-e", "-"],
        vec!["score", "-f", FRAMEWORK, "-e", "-", "--providers", "-"],
        vec!["gap", "-f", "-", "-e", "-"],
        vec!["validate", "-", "-e", "-"],
        vec!["validate", "-", "-"],
        vec!["diff", "-", FRAMEWORK, "-e", "-"],
        vec!["diff", FRAMEWORK, FRAMEWORK, "-e", "-", "--providers", "-"],
        vec![
            "compare",
            "-f",
            FRAMEWORK,
            "--self",
            "-",
            "--verified",
            EVIDENCE,
            "--providers",
            "-",
        ],
    ] {
        let o = tierscore()
            .args(&args)
            .write_stdin(std::fs::read(abs(EVIDENCE)).unwrap())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8(o.stderr).unwrap(), message, "{args:?}");
    }
}

/// Temporary files of processes that no longer exist are removed by the next
/// run into the same directory; those of a live process, and names that are
/// not ours, are left alone.
#[test]
fn stale_temporaries_of_dead_runs_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let alive = std::process::id();
    for name in [
        format!(".tierscore-{dead}-Ab12Cd.tmp"),
        format!(".tierscore-{alive}-Ab12Cd.tmp"),
        ".tierscore-Ab12Cd.tmp".to_string(),
    ] {
        std::fs::write(dir.path().join(name), b"partial").unwrap();
    }
    let out = dir.path().join("out.csv");
    let o = tierscore()
        .args(["score", "-f", FRAMEWORK, "-e", EVIDENCE, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        temporaries(dir.path()),
        vec![
            format!(".tierscore-{alive}-Ab12Cd.tmp"),
            ".tierscore-Ab12Cd.tmp".to_string(),
        ]
    );
}

/// A run killed with SIGKILL while its temporary file exists leaves it behind
/// (nothing can prevent that without an unnamed temporary file); the next run
/// removes it.
#[test]
fn a_run_killed_before_the_rename_leaves_nothing_after_the_next() {
    let dir = tempfile::tempdir().unwrap();
    // 100,000 providers: the output takes long enough to write to be caught.
    let mut evidence =
        String::from("provider,staff,cs_level,iso27001,p1_response,revenue,dishonest\n");
    for i in 0..100_000 {
        evidence.push_str(&format!("p{i},{},CS3,yes,20,{i},no\n", i % 120));
    }
    let ev = dir.path().join("ev.csv");
    std::fs::write(&ev, evidence).unwrap();
    let out = dir.path().join("out.csv");
    let mut caught = false;
    for _ in 0..20 {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("tierscore"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["score", "-f", FRAMEWORK, "-e"])
            .arg(&ev)
            .arg("-o")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() && temporaries(dir.path()).is_empty() {
            std::thread::yield_now();
        }
        child.kill().ok();
        child.wait().unwrap();
        if !temporaries(dir.path()).is_empty() {
            caught = true;
            break;
        }
    }
    assert!(caught, "no run was caught with its temporary file");
    let o = tierscore()
        .args(["score", "-f", FRAMEWORK, "-e", EVIDENCE, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}
