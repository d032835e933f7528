//! `tierscore report`: the self-contained HTML report, run through the real binary.

mod common;

use common::{fixture, tierscore};

const FRAMEWORK: &str = "report/framework.toml";
const EVIDENCE: &str = "report/evidence.csv";
/// Providers in the fixture, and outcomes (2 tiers, `incomplete`, `none`, `vetoed`).
const PROVIDERS: usize = 5;
const OUTCOMES: usize = 5;
/// Tiers of the fixture.
const TIERS: usize = 2;

fn report(extra: &[&str]) -> String {
    let mut cmd = tierscore();
    cmd.args([
        "report",
        "-f",
        &fixture(FRAMEWORK),
        "-e",
        &fixture(EVIDENCE),
    ])
    .args(["--date", "2026-11-25", "-o", "-"])
    .args(extra)
    .env_remove("SOURCE_DATE_EPOCH");
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 HTML")
}

/// The text from `start` to the first `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[from..];
    &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"))]
}

#[test]
fn input_text_is_escaped_in_content_and_attributes() {
    let html = report(&["--title", "<b>Report</b>"]);
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Our own inline sorting script is the only script element.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("onmouseover=\""));
    assert!(html.contains("宁波&quot; onmouseover=&quot;alert(2)"));
    assert!(html.contains("aria-label=\"q&quot;id &amp; &lt;b&gt;\""));
    assert!(!html.contains("<b>"));
    assert!(html.contains("<title>&lt;b&gt;Report&lt;/b&gt;</title>"));
    assert!(html.contains("建立回访制度 &lt;每季度&gt;"));
}

#[test]
fn placeholders_in_input_stay_text() {
    let html = report(&["--title", "{{script}} {{providers}}"]);
    assert!(html.contains("<title>{{script}} {{providers}}</title>"));
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn evidence_from_stdin() {
    let evidence = std::fs::read(format!(
        "{}/tests/fixtures/{EVIDENCE}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let out = tierscore()
        .args([
            "report",
            "-f",
            &fixture(FRAMEWORK),
            "-e",
            "-",
            "--date",
            "2026-11-25",
        ])
        .write_stdin(evidence)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).unwrap();
    assert!(html.contains("<dd>stdin</dd>"));
    assert_eq!(
        html.matches("<section class=\"provider\"").count(),
        PROVIDERS
    );
}

#[test]
fn the_tier_chart_has_one_bar_per_outcome() {
    let html = report(&[]);
    let chart = between(&html, "<svg class=\"tier-chart\"", "</svg>");
    assert_eq!(chart.matches("<rect").count(), OUTCOMES);
    for label in ["城市服务级", "企业服务级", "待补正", "未定级", "一票否决"] {
        assert!(chart.contains(label), "{label}");
    }
    // alpha city, beta enterprise, gamma and q"id none, delta vetoed.
    for count in [
        ">城市服务级: 1<",
        ">企业服务级: 1<",
        ">待补正: 0<",
        ">未定级: 2<",
        ">一票否决: 1<",
    ] {
        assert!(chart.contains(count), "{count}");
    }
}

/// The radar charts of the sections, each up to its `</svg>`.
fn radars(html: &str) -> Vec<&str> {
    html.split("<svg class=\"radar\"")
        .skip(1)
        .map(|chart| &chart[..chart.find("</svg>").expect("a closed chart")])
        .collect()
}

#[test]
fn one_radar_per_provider_on_one_shared_frame() {
    let html = report(&[]);
    assert_eq!(
        html.matches("<section class=\"provider\"").count(),
        PROVIDERS
    );
    // The frame (four grid rings, the names) once; each tier's ring once, on it.
    assert_eq!(html.matches("<g id=\"radar-frame\">").count(), 1);
    assert_eq!(html.matches("<polygon class=\"radar-grid\"").count(), 4);
    assert_eq!(html.matches("<polygon class=\"radar-ring\"").count(), TIERS);
    assert_eq!(html.matches("技术能力</tspan>").count(), 1);
    // Each chart: its frame (with the ring of its target or own tier), its scores.
    let charts = radars(&html);
    assert_eq!(charts.len(), PROVIDERS);
    for chart in &charts {
        assert_eq!(chart.matches("<use href=\"#radar-ring-").count(), 1);
        assert_eq!(chart.matches("<polygon").count(), 1);
        assert_eq!(chart.matches("<polygon class=\"radar-score\"").count(), 1);
    }
    // And the frame in each tier's ring.
    assert_eq!(html.matches("<use ").count(), PROVIDERS + TIERS);
}

/// `n` providers of a three-dimension framework with two tiers, their
/// totals spread so that the ranking differs from the file's order.
fn many(dir: &std::path::Path, n: usize) -> (String, String) {
    let framework = dir.join("framework.toml");
    let mut text =
        String::from("schema = 1\n[framework]\nid = \"many\"\nname = \"many\"\nversion = \"1\"\n");
    for d in 0..3 {
        text.push_str(&format!(
            "[[dimension]]\nid = \"d{d}\"\nname = \"d{d}\"\nweight = 1\n\
             [[dimension.indicator]]\nid = \"i{d}\"\nname = \"i{d}\"\nweight = 1\n\
             score = {{ kind = \"linear\", floor = 0, target = 100 }}\n"
        ));
    }
    text.push_str("[[tier]]\nid = \"a\"\nname = \"a\"\nmin_total = 70\n");
    text.push_str("[[tier]]\nid = \"b\"\nname = \"b\"\nmin_total = 40\n");
    std::fs::write(&framework, text).unwrap();
    let evidence = dir.join("evidence.csv");
    let mut rows = String::from("provider,i0,i1,i2\n");
    for p in 0..n {
        let v = |k: usize| (p * 37 + k * 11) % 101;
        rows.push_str(&format!("p{p:04},{},{},{}\n", v(0), v(1), v(2)));
    }
    std::fs::write(&evidence, rows).unwrap();
    let path = |p: std::path::PathBuf| p.to_str().unwrap().to_string();
    (path(framework), path(evidence))
}

/// More providers than the report makes at once (it streams them a batch
/// at a time): every one has its section, in ranking order, and its chart
/// uses the one frame.
#[test]
fn many_providers_each_use_the_one_frame_in_ranking_order() {
    const N: usize = 1_100;
    let dir = tempfile::tempdir().unwrap();
    let (framework, evidence) = many(dir.path(), N);
    let out = dir.path().join("report.html");
    tierscore()
        .args(["--quiet", "report", "-f", &framework, "-e", &evidence])
        .args(["--date", "2026-11-25", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(html.matches("<g id=\"radar-frame\">").count(), 1);
    assert_eq!(html.matches("<polygon class=\"radar-grid\"").count(), 4);
    let charts = radars(&html);
    assert_eq!(charts.len(), N);
    let uses: usize = charts.iter().map(|c| c.matches("<use ").count()).sum();
    assert_eq!(uses, N);
    // The sections follow the ranking's rows.
    let ranking = between(&html, "<table class=\"sortable ranking", "</table>");
    let linked: Vec<&str> = ranking
        .split("<a href=\"#")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
        .collect();
    let sections: Vec<&str> = html
        .split("<section class=\"provider\" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(linked.len(), N);
    assert_eq!(sections, linked);
}

#[test]
fn sections_show_ranking_gaps_regions_and_the_framework() {
    let html = report(&[]);
    let ranking = between(&html, "<table class=\"sortable ranking", "</table>");
    assert_eq!(ranking.matches("<tr>").count(), 1 + PROVIDERS);
    // rank, provider, name, total, tier and 4 dimensions.
    assert_eq!(ranking.matches("<button").count(), 5 + 4);
    assert!(html.contains("id=\"regions\""));
    assert!(html.contains("未满足的条件"));
    assert!(html.contains("提分机会（前 5 项）"));
    assert!(html.contains("列入严重失信名单"));
    assert!(html.contains("[GP] 财库〔2016〕125号"));
    assert!(html.contains("judgement: 2/5/10"));
    assert!(html.contains("linear: 10 → 0, 110 → 1"));
    assert!(html.contains("@media print"));
    assert!(html.contains("2026-11-25"));
    assert!(html.contains("evidence.csv"));
}

#[test]
fn at_most_five_opportunities_per_provider() {
    let html = report(&[]);
    for section in html.split("<section class=\"provider\"").skip(1) {
        let rows = match section.find("<table class=\"opportunities\">") {
            Some(at) => between(&section[at..], "<tbody>", "</tbody>")
                .matches("<tr>")
                .count(),
            None => 0,
        };
        assert!(rows <= 5, "{rows} opportunities");
    }
}

#[test]
fn nothing_is_loaded_from_outside_the_file() {
    let html = report(&[]);
    // The only URL is in an indicator's advice, shown as text.
    let urls = html.matches("https://").count();
    assert!(urls > 0);
    assert_eq!(
        html.matches("，见 https://example.org/guide</td>").count(),
        urls
    );
    assert!(!html.contains("http://"));
    for attribute in ["src=", "href=\"http", "@import", "<link", "xmlns"] {
        assert!(!html.contains(attribute), "{attribute}");
    }
    // The one `url(` names the radar's dot, in the page itself.
    assert_eq!(
        html.matches("url(").count(),
        html.matches("url(#radar-dot)").count()
    );
}

#[test]
fn the_same_date_gives_the_same_bytes() {
    assert_eq!(report(&[]), report(&[]));
    let mut cmd = tierscore();
    let epoch = cmd
        .args([
            "report",
            "-f",
            &fixture(FRAMEWORK),
            "-e",
            &fixture(EVIDENCE),
        ])
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(epoch).unwrap(), report(&[]));
}

#[test]
fn english_labels() {
    let html = report(&["--lang", "en"]);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<title>Report test framework</title>"));
    assert!(html.contains("Tier distribution") && html.contains("City grade"));
    assert!(html.contains("On the serious-dishonesty list"));
}

#[test]
fn writes_a_file_atomically_and_rejects_bad_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let path = path.to_str().unwrap();
    tierscore()
        .args([
            "report",
            "-f",
            &fixture(FRAMEWORK),
            "-e",
            &fixture(EVIDENCE),
        ])
        .args(["--date", "2026-11-25", "-o", path])
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(path).unwrap(), report(&[]));
    tierscore()
        .args([
            "report",
            "-f",
            &fixture(FRAMEWORK),
            "-e",
            &fixture(EVIDENCE),
        ])
        .args(["--date", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a date written YYYY-MM-DD"));
}
