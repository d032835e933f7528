//! Expert panels (§8): scoring through the real binary, the bad-input corpus
//! in tests/bad_inputs/panel/, and properties of the aggregation.

mod common;

use std::path::Path;

use common::tierscore;
use proptest::prelude::*;
use tierscore::evidence;
use tierscore::framework::{self, Framework};
use tierscore::score;

const FRAMEWORK: &str = "tests/fixtures/panel/panel.toml";
const EVIDENCE: &str = "tests/fixtures/panel/evidence.csv";
const CORPUS: &str = "tests/bad_inputs/panel";

/// Runs tierscore and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let o = tierscore().args(args).output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// The fixture scored by hand (linear 0–100 for both panel indicators,
/// staff linear 10–110; quality = 60 % solution + 40 % ai; total = 40 %
/// quality + 60 % tech):
/// a: solution trimmed mean of 80, 90, 60 = 80; ai mean of 70, 80 = 75;
///    quality 0.6·80 + 0.4·75 = 78; staff 110 → 100; total 31.2 + 60 = 91.2.
/// b: solution 70 (65, 70, 95); ai 45; quality 42 + 18 = 60; staff 60 → 50;
///    total 24 + 30 = 54.
/// c: solution 68 (60, 68, 100); ai 100; quality 40.8 + 40 = 80.8; staff 100;
///    total 32.32 + 60 = 92.32.
/// Tier `city` needs total ≥ 60 and solution ≥ 70: a has it; c has the
/// total but its panel's 68 fails the condition, so c is `enterprise`, like b.
#[test]
fn a_panel_indicator_inside_a_tier_condition() {
    let (code, out, _) = run(&[
        "score", "-f", FRAMEWORK, "-e", EVIDENCE, "--format", "csv", "--detail",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "rank,provider,total,tier,quality,tech,missing,vetoed_by,solution,ai,staff\n\
         1,c,92.32,enterprise,80.80,100.00,0,,68.00,100.00,100.00\n\
         2,a,91.20,city,78.00,100.00,0,,80.00,75.00,100.00\n\
         3,b,54.00,enterprise,60.00,50.00,0,,70.00,45.00,50.00\n"
    );
}

/// Too few experts leave the value missing, and the missing policy applies
/// (`zero` here): a's solution counts 0, so quality = 0.4·75 = 30 and the
/// total 12 + 60 = 72, with one missing value; solution is `required` (the
/// `city` condition reads it), so a is `incomplete` (待补正), not graded.
#[test]
fn too_few_experts_count_as_missing() {
    let text = std::fs::read_to_string(EVIDENCE)
        .unwrap()
        .replace("a,solution,wang,60\n", "");
    let (_dir, path) = common::temp_file("e.csv", text.as_bytes());
    let (code, out, err) = run(&["score", "-f", FRAMEWORK, "-e", &path, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let a = out.lines().find(|l| l.contains(",a,")).unwrap();
    assert_eq!(a, "2,a,72.00,incomplete,30.00,100.00,1,");
    assert!(err.contains("warning: provider `a`, indicator `solution`: 2 expert score(s), fewer than the 3 required; the value is missing"), "{err}");
}

/// `tierscore panel` on the fixture, derived by hand.
/// solution (experts li, wang, zhang; aggregates a 80, b 70, c 68):
///   ranks by expert over (a, b, c): li (2, 1, 3); wang (1.5, 3, 1.5), one tie
///   of 2 → T = 6; zhang (3, 2, 1). Rank sums 6.5, 6, 5.5, mean 6, S = 0.5.
///   W = 12·0.5 / (3²·(27 − 3) − 3·6) = 6/198 = 1/33 = 0.0303;
///   χ² = 3·2·W = 0.1818; df 2, so p = e^(−χ²/2) = e^(−1/11) = 0.9131.
///   Deviations: li (10 − 5 + 32)/3 = 12.33; wang (−20 + 25 − 8)/3 = −1; zhang 0.
///   Spreads 30, 30, 40, all over 25.
/// ai (li, zhang): the same order for both, W = 1, χ² = 2·2·1 = 4, p = e^(−2)
///   = 0.1353; deviations li (5 + 5 + 0)/3 = 3.33, zhang −3.33; no alert key.
#[test]
fn the_panel_command_in_csv() {
    let (code, out, _) = run(&["panel", "-f", FRAMEWORK, "-e", EVIDENCE, "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "indicator,kind,item,experts,providers,kendall_w,chi_square,df,p_value,mean_deviation,spread,scores
solution,panel,,3,3,0.0303,0.1818,2,0.9131,,,
solution,expert,li,,3,,,,,12.33,,
solution,expert,wang,,3,,,,,-1.00,,
solution,expert,zhang,,3,,,,,0.00,,
solution,alert,a,,,,,,,,30.00,li 90; wang 60; zhang 80
solution,alert,b,,,,,,,,30.00,li 65; wang 95; zhang 70
solution,alert,c,,,,,,,,40.00,li 100; wang 60; zhang 68
ai,panel,,2,3,1.0000,4.0000,2,0.1353,,,
ai,expert,li,,3,,,,,3.33,,
ai,expert,zhang,,3,,,,,-3.33,,
"
    );
}

#[test]
fn the_panel_command_in_json_markdown_and_xlsx() {
    let (code, out, _) = run(&["panel", "-f", FRAMEWORK, "-e", EVIDENCE, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let solution = &v["indicators"][0];
    assert_eq!(solution["indicator"], "solution");
    assert_eq!(solution["aggregate"], "trimmed_mean");
    assert_eq!(solution["experts"], 3);
    assert!((solution["concordance"]["w"].as_f64().unwrap() - 1.0 / 33.0).abs() < 1e-15);
    assert!(
        (solution["concordance"]["p_value"].as_f64().unwrap() - (-1.0f64 / 11.0).exp()).abs()
            < 1e-12
    );
    assert_eq!(solution["raters"][1]["mean_deviation"], -1.0);
    assert_eq!(solution["alerts"][2]["scores"]["li"], 100.0);
    assert_eq!(v["indicators"][1]["concordance"]["w"], 1.0);
    let (code, out, _) = run(&[
        "panel", "-f", FRAMEWORK, "-e", EVIDENCE, "--format", "markdown", "--lang", "en",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("| Solution quality (panel) | panel |  | 3 | 3 | 0.0303 | 0.1818 | 2 | 0.9131 |  |  |  |\n"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("panel.xlsx");
    let (code, _, err) = run(&[
        "panel",
        "-f",
        FRAMEWORK,
        "-e",
        EVIDENCE,
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

/// b's solution: 65 (lowest) and 95 (highest) are dropped, 70 remains.
#[test]
fn explain_shows_every_expert_and_what_was_trimmed() {
    let (code, out, _) = run(&[
        "explain", "-q", "-f", FRAMEWORK, "-e", EVIDENCE, "b", "--lang", "en",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("\nexpert scores:\n  solution: li 65 (dropped), wang 95 (dropped), zhang 70 → trimmed_mean 70\n  ai: li 50, zhang 40 → mean 45\n"), "{out}");
    let (_, out, _) = run(&[
        "explain", "-q", "-f", FRAMEWORK, "-e", EVIDENCE, "b", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let solution = &v["panels"][0];
    assert_eq!(solution["value"], 70.0);
    let trimmed: Vec<bool> = solution["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["trimmed"].as_bool().unwrap())
        .collect();
    assert_eq!(trimmed, [true, true, false]);
    // li (first by id) is on line 10: header, six rows of a, b staff, b zhang, b li.
    assert_eq!(solution["scores"][0]["line"], 10);
}

#[test]
fn the_panel_command_needs_a_panel() {
    let (code, _, err) = run(&[
        "panel",
        "-f",
        "tests/fixtures/mini.toml",
        "-e",
        "tests/fixtures/mini-long.csv",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("framework `mini` has no panel indicator"),
        "{err}"
    );
}

/// (file, first error line on stderr, with the file's path written as `F`).
type Row = (&'static str, &'static str);

const BAD_FRAMEWORKS: &[Row] = &[
    (
        "min-experts-zero.toml",
        "F:21:25: error: `min_experts` must be a whole number ≥ 1, found 0",
    ),
    (
        "panel-on-boolean.toml",
        "F:21:9: error: a panel needs a numeric score (linear, bands or relative)",
    ),
    (
        "panel-unknown-key.toml",
        "F:21:48: error: unknown key `min_expert` in `panel`",
    ),
    (
        "rubric-ascending.toml",
        "F:22:24: error: rubric threshold 90 is not below the previous one (60)",
    ),
    (
        "rubric-outside-scale.toml",
        "F:22:12: error: rubric threshold 150 is outside the indicator's scale [0, 100]",
    ),
    (
        "spread-alert-negative.toml",
        "F:21:63: error: `spread_alert` must be above 0, found -5",
    ),
    (
        "trimmed-mean-two-experts.toml",
        "F:21:25: error: `trimmed_mean` needs `min_experts` ≥ 3, found 2",
    ),
    (
        "unknown-aggregate.toml",
        "F:21:40: error: unknown panel aggregate `average`",
    ),
];

const BAD_EVIDENCE: &[Row] = &[
    (
        "duplicate-expert.csv",
        "F:5:3: error: expert `zhang` scored provider `a`, indicator `solution` twice (first at line 3)",
    ),
    (
        "expert-on-plain-indicator.csv",
        "F:2:3: error: this row names expert `zhang`, but indicator `staff` has no panel",
    ),
    (
        "panel-in-wide-format.csv",
        "F:2:3: error: indicator `solution` is scored by a panel: give each expert's score in long format with an `expert` column",
    ),
    (
        "panel-row-without-expert.csv",
        "F:3:3: error: indicator `solution` is scored by a panel: this row names no expert",
    ),
    (
        "panel-score-not-a-number.csv",
        "F:2:4: error: `优` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `solution`)",
    ),
    (
        "panel-na-mixed.csv",
        "F:3:3: error: expert `li` marked provider `b`, indicator `ai` n/a, but 1 expert(s) scored it (zhang at tests/bad_inputs/panel/panel-na-mixed.csv:2)",
    ),
    (
        "panel-na-and-score.csv",
        "F:3:3: error: expert `zhang` scored provider `a`, indicator `solution` twice (first at line 2)",
    ),
];

/// Used by other tests (recusal), not run as bad inputs of their own.
const HELPERS: &[&str] = &["conflicts.csv", "recused-expert.csv"];

fn first_line(framework: &str, evidence: &str, path: &str) -> (i32, String) {
    let (code, out, err) = run(&["score", "-f", framework, "-e", evidence]);
    assert!(code != 0 || !out.is_empty());
    let first = err
        .lines()
        .find(|l| l.contains(": error: "))
        .unwrap_or("")
        .replacen(path, "F", 1);
    (code, first)
}

#[test]
fn every_bad_panel_input() {
    let mut failures = Vec::new();
    for &(file, expected) in BAD_FRAMEWORKS {
        let path = format!("{CORPUS}/{file}");
        let got = first_line(&path, EVIDENCE, &path);
        if got != (1, expected.to_string()) {
            failures.push(format!("{file}: {got:?}"));
        }
    }
    for &(file, expected) in BAD_EVIDENCE {
        let path = format!("{CORPUS}/{file}");
        let got = first_line(FRAMEWORK, &path, &path);
        if got != (1, expected.to_string()) {
            failures.push(format!("{file}: {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_panel_corpus_is_covered() {
    let mut listed: Vec<&str> = BAD_FRAMEWORKS
        .iter()
        .chain(BAD_EVIDENCE)
        .map(|r| r.0)
        .chain(HELPERS.iter().copied())
        .collect();
    listed.sort();
    let mut on_disk: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk);
}

/// Recusal (回避): li may not score b; the score is an error at its line
/// (line 8, the `expert` column), naming the conflicts file's line.
#[test]
fn a_recused_experts_score_is_an_error_at_its_line() {
    let evidence = format!("{CORPUS}/recused-expert.csv");
    let conflicts = format!("{CORPUS}/conflicts.csv");
    let (code, out, err) = run(&[
        "score",
        "-f",
        FRAMEWORK,
        "-e",
        &evidence,
        "--conflicts",
        &conflicts,
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    let first = err.lines().find(|l| l.contains("error:")).unwrap();
    assert_eq!(
        first,
        format!(
            "{evidence}:8:3: error: expert `li` is recused for provider `b` \
             ({conflicts}:2: 曾任该单位技术顾问) and may not score it"
        )
    );
    // Without the conflicts file the same evidence scores.
    let (code, _, _) = run(&["score", "-f", FRAMEWORK, "-e", &evidence]);
    assert_eq!(code, 0);
}

#[test]
fn conflicts_file_errors_are_located() {
    for (text, expected) in [
        (
            "provider,reason\nb,x\n",
            "C:1:1: error: the header has no `expert` column",
        ),
        ("expert,provider\n,b\n", "C:2:1: error: empty expert id"),
        ("expert,provider\nli,\n", "C:2:2: error: empty provider id"),
    ] {
        let (_dir, path) = common::temp_file("conflicts.csv", text.as_bytes());
        let (code, _, err) = run(&[
            "score",
            "-f",
            FRAMEWORK,
            "-e",
            EVIDENCE,
            "--conflicts",
            &path,
        ]);
        assert_eq!(code, 1);
        let first = err.lines().find(|l| l.contains("error:")).unwrap();
        assert_eq!(first.replacen(&path, "C", 1), expected);
    }
}

fn panel_framework() -> Framework {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FRAMEWORK)).unwrap();
    framework::load_str("panel.toml", &text).unwrap().framework
}

/// Every provider's total and tier, and every panel value, for evidence text.
fn results(fw: &Framework, text: &str) -> Vec<(String, f64, String, Vec<String>)> {
    let (e, _) = evidence::parse("e.csv", text, fw).unwrap();
    let scores = score::score(fw, &e).unwrap();
    let mut out: Vec<_> = scores
        .providers
        .iter()
        .map(|s| {
            let p = e.position(&s.provider).unwrap();
            let cells = (0..fw.indicators.len())
                .map(|k| e.cell(p, k).to_string())
                .collect();
            (s.provider.clone(), s.total, format!("{:?}", s.tier), cells)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Expert rows: (provider, expert, solution score, ai score), unique by (provider, expert).
fn panel_rows() -> impl Strategy<Value = Vec<(usize, usize, u32, u32)>> {
    prop::collection::btree_map((0usize..4, 0usize..6), (0u32..=100, 0u32..=100), 1..24)
        .prop_map(|m| m.into_iter().map(|((p, e), (s, a))| (p, e, s, a)).collect())
}

fn evidence_text(rows: &[(usize, usize, u32, u32)]) -> String {
    let mut text = String::from("provider,indicator,expert,value\n");
    for p in 0..4 {
        text.push_str(&format!("p{p},staff,,{}\n", 20 + 25 * p));
    }
    for &(p, e, s, a) in rows {
        text.push_str(&format!("p{p},solution,e{e},{s}\np{p},ai,e{e},{a}\n"));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The order of expert rows never changes a result.
    #[test]
    fn the_order_of_expert_rows_does_not_matter(
        rows in panel_rows(),
        shuffle in any::<proptest::sample::Index>(),
    ) {
        let fw = panel_framework();
        let mut shuffled = rows.clone();
        // A rotation and a reversal: every order is reachable over the runs.
        let k = shuffle.index(shuffled.len().max(1));
        shuffled.rotate_left(k);
        shuffled.reverse();
        prop_assert_eq!(results(&fw, &evidence_text(&rows)), results(&fw, &evidence_text(&shuffled)));
    }

    /// An expert who gives every provider the panel's current aggregate never
    /// changes a mean-aggregated value (the mean of n values and their mean is
    /// the same mean).
    #[test]
    fn an_expert_at_the_mean_changes_nothing(rows in panel_rows()) {
        let fw = panel_framework();
        let ai = fw.indicator_index("ai").unwrap();
        let text = evidence_text(&rows);
        let (e, _) = evidence::parse("e.csv", &text, &fw).unwrap();
        let mut more = text.clone();
        for (p, provider) in e.providers.iter().enumerate() {
            if let tierscore::rule::Cell::Value(v) = e.cell(p, ai) {
                more.push_str(&format!("{},ai,newcomer,{v}\n", provider.id));
            }
        }
        let (after, _) = evidence::parse("e.csv", &more, &fw).unwrap();
        for p in 0..e.providers.len() {
            match (e.cell(p, ai), after.cell(p, ai)) {
                (
                    tierscore::rule::Cell::Value(tierscore::rule::Value::Number(a)),
                    tierscore::rule::Cell::Value(tierscore::rule::Value::Number(b)),
                ) => prop_assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0), "{} vs {}", a, b),
                (before, now) => prop_assert_eq!(before, now),
            }
        }
    }
}

/// The report shows each panel indicator's panel size and aggregate; the
/// experts' names only with --show-experts.
#[test]
fn the_report_shows_panels_and_names_experts_only_when_asked() {
    let args = [
        "report",
        "-q",
        "-f",
        FRAMEWORK,
        "-e",
        EVIDENCE,
        "--date",
        "2026-06-30",
        "--lang",
        "en",
    ];
    let (code, html, _) = run(&args);
    assert_eq!(code, 0);
    assert!(html.contains("<h2>Expert panels</h2>"), "{html}");
    // b: 3 experts, trimmed mean 70.
    assert!(
        html.contains("<tr><td>b</td><td class=\"num\">3</td><td class=\"num\">70.00</td></tr>"),
        "{html}"
    );
    assert!(!html.contains("zhang"));
    let mut shown = args.to_vec();
    shown.push("--show-experts");
    let (code, html, _) = run(&shown);
    assert_eq!(code, 0);
    assert!(html.contains("<td>li 65, wang 95, zhang 70</td>"), "{html}");
}

/// Panel-wide n/a (§8 and docs/panels.md): when every expert who rated a
/// (provider, indicator) wrote `n/a`, and at least `min_experts` did, the value
/// is n/a and the indicator is left out of its dimension (weights renormalised).
/// b's ai marked n/a by li and zhang (min_experts 2): quality = solution alone
/// = 70; total 0.4·70 + 0.6·50 = 58.00, below city's 60 → enterprise.
/// a's solution marked n/a by all three: solution is `required`, so a is
/// `incomplete`; quality = ai alone = 75, total 0.4·75 + 60 = 90.00.
#[test]
fn a_panel_that_marks_an_indicator_na() {
    let text = std::fs::read_to_string(EVIDENCE)
        .unwrap()
        .replace("b,ai,zhang,40", "b,ai,zhang,n/a")
        .replace("b,ai,li,50", "b,ai,li,不适用")
        .replace("a,solution,zhang,80", "a,solution,zhang,n/a")
        .replace("a,solution,li,90", "a,solution,li,N/A")
        .replace("a,solution,wang,60", "a,solution,wang,n/a");
    let (_dir, path) = common::temp_file("e.csv", text.as_bytes());
    let (code, out, err) = run(&["score", "-f", FRAMEWORK, "-e", &path, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "rank,provider,total,tier,quality,tech,missing,vetoed_by\n\
         1,c,92.32,enterprise,80.80,100.00,0,\n\
         2,a,90.00,incomplete,75.00,100.00,0,\n\
         3,b,58.00,enterprise,70.00,50.00,0,\n"
    );
    let (code, out, err) = run(&["explain", "-f", FRAMEWORK, "-e", &path, "b", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  ai: li n/a, zhang n/a → mean n/a\n"),
        "{out}"
    );
    // One n/a is fewer than ai's two experts: the value is missing, with a warning.
    let one = std::fs::read_to_string(EVIDENCE)
        .unwrap()
        .replace("b,ai,zhang,40\n", "")
        .replace("b,ai,li,50", "b,ai,li,n/a");
    let (_dir2, path) = common::temp_file("e.csv", one.as_bytes());
    let (code, _, err) = run(&["score", "-f", FRAMEWORK, "-e", &path, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: provider `b`, indicator `ai`: n/a from 1 expert(s), fewer than the 2 required; the value is missing"), "{err}");
}

/// `--conflicts` also reads a workbook (first sheet, title rows above the
/// header skipped); its errors point at file!sheet!cell.
#[test]
fn a_conflicts_workbook() {
    fn book(rows: &[[&str; 3]]) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "回避名单").unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, *cell).unwrap();
                }
            }
        }
        wb.save_to_buffer().unwrap()
    }
    let evidence = format!("{CORPUS}/recused-expert.csv");
    let good = book(&[
        ["expert", "provider", "reason"],
        ["li", "b", "曾任该单位技术顾问"],
    ]);
    let (_dir, path) = common::temp_file("conflicts.xlsx", &good);
    let (code, _, err) = run(&[
        "score",
        "-f",
        FRAMEWORK,
        "-e",
        &evidence,
        "--conflicts",
        &path,
    ]);
    assert_eq!(code, 1);
    let first = err.lines().find(|l| l.contains("error:")).unwrap();
    assert_eq!(
        first,
        format!(
            "{evidence}:8:3: error: expert `li` is recused for provider `b` \
             ({path}:3: 曾任该单位技术顾问) and may not score it"
        )
    );
    let bad = book(&[["expert", "provider", ""], ["", "b", ""]]);
    let (_dir, path) = common::temp_file("conflicts.xlsx", &bad);
    let (code, _, err) = run(&[
        "score",
        "-f",
        FRAMEWORK,
        "-e",
        EVIDENCE,
        "--conflicts",
        &path,
    ]);
    assert_eq!(code, 1);
    let first = err.lines().find(|l| l.contains("error:")).unwrap();
    assert_eq!(first, format!("{path}!Sheet1!A3: error: empty expert id"));
}
