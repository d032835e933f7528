//! Output for people in Chinese and English: same content, language from
//! `--lang` or the locale (zh when the locale is unset, C or POSIX).

mod common;

use common::{fixture, tierscore};

fn run(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = tierscore();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

/// Every number in a text, in order: the content that must not depend on the language.
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

fn score(lang: &str, format: &str) -> String {
    run(
        &[
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
            "--detail",
            "--format",
            format,
            "--lang",
            lang,
        ],
        &[],
    )
}

#[test]
fn score_tables_say_the_same_in_both_languages() {
    for (format, header_lines) in [("table", 3), ("markdown", 4)] {
        let (zh, en) = (score("zh", format), score("en", format));
        assert_eq!(zh.lines().count(), en.lines().count());
        let body = |t: &str| t.lines().skip(header_lines).collect::<Vec<_>>().join("\n");
        assert_eq!(numbers(&body(&zh)), numbers(&body(&en)), "{format}");
        assert!(zh.contains("总分") && en.contains("total"));
    }
}

#[test]
fn weights_tables_say_the_same_in_both_languages() {
    let w = |lang: &str| {
        run(
            &["weights", "-f", &fixture("ahp.toml"), "--lang", lang],
            &[],
        )
    };
    let (zh, en) = (w("zh"), w("en"));
    assert!(
        zh.contains("维度内权重") && zh.contains("一致性可接受"),
        "{zh}"
    );
    assert!(
        en.contains("weight in dimension") && en.contains("consistent"),
        "{en}"
    );
    assert_eq!(numbers(&zh), numbers(&en));
}

#[test]
fn validate_summaries_in_both_languages() {
    let v = |lang: &str| run(&["validate", &fixture("mini.toml"), "--lang", lang], &[]);
    assert_eq!(
        v("zh"),
        "tests/fixtures/mini.toml: ok（2 个维度、6 个指标、2 个等级、1 条一票否决）\n"
    );
    assert_eq!(
        v("en"),
        "tests/fixtures/mini.toml: ok (2 dimensions, 6 indicators, 2 tiers, 1 vetoes)\n"
    );
}

#[test]
fn language_follows_the_locale_unless_given() {
    let v = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["validate", "tests/fixtures/mini.toml"];
        args.extend(extra);
        run(&args, env)
    };
    assert!(v(&[], &[]).contains("个维度"));
    assert!(v(&[("LANG", "C")], &[]).contains("个维度"));
    assert!(v(&[("LANG", "en_US.UTF-8")], &[]).contains("dimensions"));
    assert!(v(&[("LANG", "zh_CN.UTF-8")], &[]).contains("个维度"));
    assert!(v(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")], &[]).contains("dimensions"));
    assert!(v(&[("LANG", "en_US.UTF-8")], &["--lang", "zh"]).contains("个维度"));
}

#[test]
fn weights_tables_golden() {
    for lang in ["zh", "en"] {
        let text = run(
            &["weights", "-f", &fixture("ahp.toml"), "--lang", lang],
            &[],
        );
        common::assert_golden(&format!("ahp-weights-{lang}.txt"), &text);
    }
}
