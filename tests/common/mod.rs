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

/// Compares `actual` with the golden file tests/fixtures/golden/NAME.
/// Run with `UPDATE_GOLDEN=1 cargo test` to re-record after a deliberate change.
pub fn assert_golden(name: &str, actual: &str) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "golden",
        name,
    ]
    .iter()
    .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden {name}; run with UPDATE_GOLDEN=1"));
    assert_eq!(actual, expected, "output differs from golden {name}");
}

/// Writes `content` to a fresh temporary file with `name` and returns its directory and path.
pub fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, content).expect("write temp file");
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}
