//! The report's publication parts (SPEC §9), run through the real binary: the
//! 公示稿 banner of `--draft --objection-until`, the reference-rating note,
//! the change log (变更记录) of `--amend`, and with `--previous` the movement
//! of each provider and the chart of tier counts per round.

mod common;

use common::tierscore;

fn run(args: &[&str]) -> (i32, String, String) {
    let o = tierscore().args(args).output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

const MINI: [&str; 5] = [
    "report",
    "-f",
    "tests/fixtures/mini.toml",
    "-e",
    "tests/fixtures/amend/evidence.csv",
];

fn page(extra: &[&str]) -> String {
    let mut args = MINI.to_vec();
    args.extend(["--date", "2026-07-01", "--as-of", "2026-06-30"]);
    args.extend(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn draft_and_objection_until_go_together() {
    for (extra, word) in [
        (
            &["--draft"][..],
            "--draft needs the last day of the objection period",
        ),
        (
            &["--objection-until", "2026-07-31"][..],
            "--objection-until is for a draft",
        ),
    ] {
        let mut args = MINI.to_vec();
        args.extend(extra);
        let (code, out, err) = run(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        assert!(err.contains(word), "{err}");
    }
    let mut args = MINI.to_vec();
    args.extend(["--draft", "--objection-until", "2026-02-30"]);
    assert_eq!(run(&args).0, 2);
}

#[test]
fn a_draft_has_the_banner_with_its_deadline_in_both_languages() {
    let zh = page(&["--draft", "--objection-until", "2026-07-31"]);
    assert_eq!(
        zh.matches("<section id=\"notice\" class=\"notice draft\"")
            .count(),
        1
    );
    assert!(zh.contains("<h2>公示稿</h2>"), "{zh}");
    assert!(zh.contains("公示期至 <strong class=\"deadline\">2026-07-31</strong>"));
    assert!(zh.contains("评价基准日：2026-06-30。评价等级为参考性评价结果，不是市场准入条件"));
    assert!(zh.contains("财库〔2020〕46号"));
    let en = page(&["--draft", "--objection-until", "2026-07-31", "--lang", "en"]);
    assert!(
        en.contains("Objections may be made until <strong class=\"deadline\">2026-07-31</strong>")
    );
    assert!(en.contains(
        "As of 2026-06-30. A grade is a reference rating, not a market-access requirement"
    ));
    // Without --draft: no banner, the note stays.
    let fin = page(&[]);
    assert!(!fin.contains("notice draft") && !fin.contains("公示稿</h2>"));
    assert!(fin.contains("id=\"reference\""));
    assert!(
        !fin.contains("id=\"changes\""),
        "no change log without amendments"
    );
}

#[test]
fn the_final_report_lists_every_amendment_in_its_change_log() {
    let html = page(&["--amend", "tests/fixtures/amend/amend.csv"]);
    let log = html
        .split("<table class=\"changes\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .unwrap();
    // Three amendments (tests/fixtures/amend/amend.csv), in file order, and the header row.
    assert_eq!(log.matches("<tr>").count(), 4, "{log}");
    let rows: Vec<&str> = log.split("<tr>").skip(2).collect();
    assert!(
        rows[0].starts_with("<td>b</td><td>staff 持证技术人员</td><td>60</td><td>110</td><td>复核")
    );
    assert!(
        rows[1]
            .starts_with("<td>a</td><td>iso27001 信息安全管理体系</td><td>true</td><td>false</td>")
    );
    assert!(
        rows[2]
            .starts_with("<td>b</td><td>p1_response 一级故障响应时长</td><td>45</td><td>10</td>")
    );
    assert!(html.contains("<a href=\"#changes\">变更记录</a>"));
}

/// tests/fixtures/rounds: previous tiers (previous.csv) against this round's
/// tiers after the caps (derived by hand in tests/progression.rs):
/// newcomer – → city: new; vetoed_now enterprise → vetoed: down;
/// none_before none → city: up; two_up enterprise → city: up; one_up
/// enterprise → city: up; vetoed_before vetoed → city: up; down regional →
/// enterprise: down; new_low – → enterprise: new. `gone` left.
#[test]
fn with_a_previous_round_each_provider_moves_and_a_chart_counts_both_rounds() {
    let (code, html, err) = run(&[
        "report",
        "-f",
        "tests/fixtures/rounds/progression.toml",
        "-e",
        "tests/fixtures/rounds/evidence.csv",
        "--previous",
        "tests/fixtures/rounds/previous.csv",
        "--date",
        "2026-07-01",
    ]);
    assert_eq!(code, 0, "{err}");
    for (class, n) in [
        ("move-up", 4),
        ("move-down", 2),
        ("move-new", 2),
        ("move-same", 0),
    ] {
        let got = html
            .matches(&format!("<td class=\"movement {class}\""))
            .count();
        assert_eq!(got, n, "{class}");
    }
    assert!(html.contains("title=\"上轮：区域服务级\">↓ 下降</td>"));
    // Counts per outcome: previous regional 1 (down), city 0, enterprise 3 (two_up, one_up,
    // vetoed_now), incomplete 0, none 2 (none_before, gone), vetoed 1 (vetoed_before);
    // this round city 5 (newcomer, none_before, two_up, one_up, vetoed_before), enterprise 2
    // (down, new_low), vetoed 1 (vetoed_now).
    for (label, before, now) in [
        ("区域服务级", 1, 0),
        ("城市服务级", 0, 5),
        ("企业服务级", 3, 2),
        ("待补正", 0, 0),
        ("未定级", 2, 0),
        ("一票否决", 1, 1),
    ] {
        assert!(
            html.contains(&format!("<title>{label}, 上轮: {before}</title>")),
            "{label}"
        );
        assert!(
            html.contains(&format!("<title>{label}, 本轮: {now}</title>")),
            "{label}"
        );
    }
    assert!(html.contains("上轮参评、本轮未参评：gone"));
    assert_eq!(html.matches("<svg class=\"rounds-chart\"").count(), 1);
}
