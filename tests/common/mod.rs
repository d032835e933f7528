//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;

/// The real binary.
pub fn tierscore() -> Command {
    let mut cmd = Command::cargo_bin("tierscore").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    // Output language follows the locale when --lang is not given: pin it.
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"] {
        cmd.env_remove(var);
    }
    cmd
}

/// A path under tests/fixtures.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// The one switch that re-records golden files: `UPDATE_GOLDEN=1 cargo test`.
pub const UPDATE_GOLDEN: &str = "UPDATE_GOLDEN";

/// Compares `actual` with the golden file tests/fixtures/golden/NAME.
pub fn assert_golden(name: &str, actual: &str) {
    assert_golden_at(&format!("tests/fixtures/golden/{name}"), actual.as_bytes());
}

/// Compares `actual` with the golden file at `path` (from the repository root), or, with
/// `UPDATE_GOLDEN=1` set, writes it there (creating its directory). Read `git diff tests/fixtures`
/// after re-recording: a golden file is only as good as the review of its change.
pub fn assert_golden_at(path: &str, actual: &[u8]) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), path].iter().collect();
    if std::env::var_os(UPDATE_GOLDEN).is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the golden file's directory");
        }
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let shown = path.display();
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("golden {shown}: {e}; record it with {UPDATE_GOLDEN}=1"));
    assert_eq!(
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(&expected),
        "output differs from golden {shown} (re-record with {UPDATE_GOLDEN}=1 cargo test)"
    );
}

/// Writes `content` to a fresh temporary file with `name` and returns its directory and path.
pub fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, content).expect("write temp file");
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}
