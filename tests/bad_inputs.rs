//! Malformed frameworks and evidence (tests/bad_inputs/), each run through the
//! real binary.

mod common;

use common::tierscore;

const FRAMEWORK_DIR: &str = "tests/bad_inputs/framework";

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
