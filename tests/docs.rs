//! Tested documentation: every ```console block in README.md and docs/**/*.md runs the real binary.
//!
//! A block is a list of `$ tierscore …` commands, each followed by the output it must print
//! (stdout then stderr); `? 1` or `? 2` before the output gives an expected non-zero exit code.
//! `...` alone on a line stands for any number of lines and `[..]` for the rest of a line: use them
//! only for text that truly varies or for long output cut short. After a deliberate change of
//! output, re-record with `TRYCMD=overwrite cargo test --test docs` and read the diff.
//! Commands run from the repository root, so examples name files as `indicators/…`,
//! `examples/…`.

#[test]
fn documentation_examples() {
    trycmd::TestCases::new()
        .register_bin(
            "tierscore",
            std::path::PathBuf::from(env!("CARGO_BIN_EXE_tierscore")),
        )
        // The language follows the locale when --lang is not given: pin it (C.UTF-8 → zh).
        .env("LC_ALL", "C.UTF-8")
        .env("LC_MESSAGES", "C.UTF-8")
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .case("README.md")
        .case("docs/*.md")
        .case("docs/*/*.md");
}
