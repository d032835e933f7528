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

/// `tierscore man` is the complete manual: every command has its section, and every option of
/// every command appears in that section with its long help.
#[test]
fn man_page_has_every_option_of_every_command() {
    use clap::CommandFactory;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tierscore"))
        .arg("man")
        .output()
        .expect("run tierscore man");
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("the man page is UTF-8");
    let mut cli = tierscore::cli::Cli::command();
    cli.build();
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let title = format!(".SH \"TIERSCORE {}\"", sub.get_name().to_uppercase());
        let start = page
            .find(&title)
            .unwrap_or_else(|| panic!("no section {title}"));
        let rest = &page[start + title.len()..];
        let section = &rest[..rest.find("\n.SH ").unwrap_or(rest.len())];
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                let flag = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(
                    section.contains(&flag),
                    "`tierscore man` has no --{long} under {title}"
                );
            }
            // The long help when there is one (else the short help) is in the section, word
            // for word up to the first roff-escaped character.
            let help = arg
                .get_long_help()
                .or(arg.get_help())
                .map(|h| h.to_string());
            if let Some(help) = help {
                let first = help.lines().next().unwrap_or_default();
                let plain: String = first
                    .chars()
                    .take_while(|c| !matches!(c, '-' | '\\' | '\'' | '`'))
                    .collect();
                assert!(
                    section.contains(plain.trim_end()),
                    "`tierscore man` lacks the help of {:?} under {title}: {plain:?}",
                    arg.get_id()
                );
            }
        }
    }
}
