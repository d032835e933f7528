//! Nothing is lost: `-o` never replaces an input, a failed write leaves the
//! previous file intact and says why, and a closed stdout is not an error.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::tierscore;

const FRAMEWORK: &str = "tests/fixtures/mini.toml";
/// Complete evidence: no warnings on stderr to get in the way.
const EVIDENCE: &str = "tests/fixtures/mini-wide.csv";

fn abs(rel: &str) -> String {
    format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> String {
    assert_cmd::cargo::cargo_bin("tierscore")
        .to_string_lossy()
        .into_owned()
}

/// Runs `score` writing to `out`; returns (exit code, stderr).
fn score_to(evidence: &str, out: &str) -> (i32, String) {
    let o = tierscore()
        .args(["score", "-f", FRAMEWORK, "-e", evidence, "-o", out])
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tierscore-"))
        .collect()
}

#[test]
fn output_onto_an_input_is_refused_however_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::copy(abs(EVIDENCE), &input).unwrap();
    let original = std::fs::read(&input).unwrap();
    let input = input.to_string_lossy().into_owned();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&input, &hard).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let dotted = format!("{}/../in.csv", sub.display());
    for out in [
        input.clone(),
        dotted,
        link.to_string_lossy().into_owned(),
        hard.to_string_lossy().into_owned(),
    ] {
        let (code, stderr) = score_to(&input, &out);
        assert_eq!(code, 1, "{out}");
        assert_eq!(
            stderr,
            format!("{out}: error: refusing to write the output over an input file\n")
        );
        assert_eq!(std::fs::read(&input).unwrap(), original, "{out}");
    }
    // The framework and --providers files are inputs too.
    let fw = dir.path().join("f.toml");
    std::fs::copy(abs(FRAMEWORK), &fw).unwrap();
    let fw = fw.to_string_lossy().into_owned();
    let o = tierscore()
        .args([
            "score",
            "-f",
            &fw,
            "-e",
            EVIDENCE,
            "--providers",
            &input,
            "-o",
        ])
        .arg(&fw)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = tierscore()
        .args([
            "score",
            "-f",
            FRAMEWORK,
            "-e",
            EVIDENCE,
            "--providers",
            &input,
        ])
        .args(["-o", &input])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&input).unwrap(), original);
    let o = tierscore()
        .args(["weights", "-f", &fw, "-o", &fw])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&fw).unwrap(),
        std::fs::read_to_string(abs(FRAMEWORK)).unwrap()
    );
}

#[test]
fn an_unwritable_place_fails_clearly_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A path whose parent is a regular file.
    let out = format!("{}/x.csv", abs(FRAMEWORK));
    let (code, stderr) = score_to(EVIDENCE, &out);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "{out}: error: cannot write the output: Not a directory (os error 20)\n  = help: the directory must exist, be writable and have room; nothing was written and any previous {out} is unchanged\n"
        )
    );
    // procfs refuses new files even to root.
    let (code, stderr) = score_to(EVIDENCE, "/proc/tierscore-out.csv");
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("/proc/tierscore-out.csv: error: cannot write the output: "),
        "{stderr}"
    );
    assert!(
        !stderr.contains(".tierscore-"),
        "names the temporary file: {stderr}"
    );
    // A directory.
    let target = dir.path().to_string_lossy().into_owned();
    let (code, stderr) = score_to(EVIDENCE, &target);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!(
            "{target}: error: cannot write the output: Is a directory"
        )),
        "{stderr}"
    );
    assert!(leftovers(dir.path()).is_empty());
}

/// A full disk, simulated with a 16 KiB tmpfs (needs root; skipped otherwise).
#[test]
fn a_full_disk_keeps_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let out = mnt.join("out.csv");
    std::fs::write(&out, "previous result\n").unwrap();
    // Fill what is left.
    let _ = std::fs::write(mnt.join("filler"), vec![0u8; 64 << 10]);
    let out_s = out.to_string_lossy().into_owned();
    let o = tierscore()
        .args([
            "score", "-f", FRAMEWORK, "-e", EVIDENCE, "--detail", "-o", &out_s,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    let previous = std::fs::read_to_string(&out).unwrap();
    let left = leftovers(&mnt);
    let _ = Command::new("umount").arg(&mnt).status();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr.lines().next().unwrap(),
        format!("{out_s}: error: cannot write the output: No space left on device (os error 28)")
    );
    assert_eq!(previous, "previous result\n");
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn a_full_stdout_is_an_error() {
    let o = Command::new(bin())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["score", "-f", FRAMEWORK, "-e", EVIDENCE])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "<stdout>: error: cannot write the output: No space left on device (os error 28)\n"
    );
}

#[test]
fn a_closed_pipe_exits_quietly() {
    for args in [
        vec!["score", "-f", FRAMEWORK, "-e", EVIDENCE, "--detail"],
        vec![
            "score",
            "-f",
            FRAMEWORK,
            "-e",
            EVIDENCE,
            "-o",
            "/dev/stdout",
        ],
        vec!["weights", "-f", FRAMEWORK],
        vec!["validate", FRAMEWORK],
    ] {
        // `tierscore … | head -c 10`, exactly as a user types it.
        let script = format!(
            "\"$0\" {} 2>&1 >/dev/null | cat; \"$0\" {} | head -c 10 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
            args.join(" "),
            args.join(" ")
        );
        let o = Command::new("bash")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["-c", &script, &bin()])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(o.stdout).unwrap(), "0\n", "{args:?}");
        assert_eq!(String::from_utf8(o.stderr).unwrap(), "", "{args:?}");
        // The reader gone before anything is written.
        let mut child = Command::new(bin())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8(o.stderr).unwrap(), "", "{args:?}");
    }
    // A closed stdout (`>&-`).
    let script = format!("\"$0\" score -f {FRAMEWORK} -e {EVIDENCE} >&-; echo $?");
    let o = Command::new("bash")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-c", &script, &bin()])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "0\n");
    assert_eq!(String::from_utf8(o.stderr).unwrap(), "");
}

#[test]
fn devices_and_links_survive_and_permissions_are_kept() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    // A character device (a private /dev/null) stays a device.
    let made = Command::new("mknod")
        .args([&d("null"), "c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        assert_eq!(score_to(EVIDENCE, &d("null")).0, 0);
        let kind = std::fs::symlink_metadata(d("null")).unwrap().file_type();
        assert!(kind.is_char_device(), "the device was replaced by a file");
    }
    // Through a symbolic link, the link stays and its target is replaced.
    std::fs::write(d("target.csv"), "old\n").unwrap();
    std::fs::set_permissions(d("target.csv"), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("target.csv", d("link.csv")).unwrap();
    assert_eq!(score_to(EVIDENCE, &d("link.csv")).0, 0);
    assert!(
        std::fs::symlink_metadata(d("link.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(d("target.csv")).unwrap();
    assert!(written.starts_with("rank,provider,total"), "{written}");
    let mode = std::fs::metadata(d("target.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640, "permissions of the replaced file");
    // A new file gets 0666 less the umask, not the temporary file's 0600.
    let umask = Command::new("sh").args(["-c", "umask"]).output().unwrap();
    let umask = u32::from_str_radix(String::from_utf8(umask.stdout).unwrap().trim(), 8).unwrap();
    assert_eq!(score_to(EVIDENCE, &d("new.csv")).0, 0);
    let mode = std::fs::metadata(d("new.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o666 & !umask);
    assert!(leftovers(dir.path()).is_empty());
}
