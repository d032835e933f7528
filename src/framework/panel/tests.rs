use super::*;
use crate::framework::{fixture, load_str};

/// A framework with one panel indicator; `PANEL` and `RUBRIC` are replaced per case.
/// (After [`fixture::HEAD`] and [`fixture::ONE_DIMENSION`]: line N of this body is
/// line N + 9 of `f.toml`.)
const BODY: &str = r#"[[dimension.indicator]]
id = "quality"
name = "q"
weight = 1
score = { kind = "linear", floor = 0, target = 100 }
PANEL
RUBRIC
"#;

fn framework(panel: &str, rubric: &str) -> String {
    let body = BODY.replace("PANEL", panel).replace("RUBRIC", rubric);
    fixture::text(&format!("{}{body}", fixture::ONE_DIMENSION))
}

/// Every diagnostic, rendered on one line each.
fn errors(panel: &str, rubric: &str) -> Vec<String> {
    fixture::errors(&framework(panel, rubric))
}

#[test]
fn a_full_panel_and_rubric_load() {
    let text = framework(
        r#"panel = { min_experts = 5, aggregate = "trimmed_mean", spread_alert = 25 }"#,
        r#"rubric = [[90, "完整"], [60, "基本"], [0, "缺失"]]"#,
    );
    let fw = load_str("f.toml", &text).unwrap().framework;
    let ind = &fw.indicators[0];
    assert_eq!(
        ind.panel,
        Some(Panel {
            min_experts: 5,
            aggregate: Aggregate::TrimmedMean,
            spread_alert: Some(25.0)
        })
    );
    let thresholds: Vec<f64> = ind.rubric.iter().map(|l| l.threshold).collect();
    assert_eq!(thresholds, [90.0, 60.0, 0.0]);
    assert_eq!(ind.rubric[1].text, "基本");
}

#[test]
fn spread_alert_is_optional_and_indicators_without_panels_have_none() {
    let fw = load_str(
        "f.toml",
        &framework(r#"panel = { min_experts = 1, aggregate = "median" }"#, ""),
    )
    .unwrap()
    .framework;
    assert_eq!(fw.indicators[0].panel.map(|p| p.spread_alert), Some(None));
    let plain = load_str("f.toml", &framework("", "")).unwrap().framework;
    assert_eq!(plain.indicators[0].panel, None);
    assert!(plain.indicators[0].rubric.is_empty());
}

/// One located error per message; line 15 is `panel`, line 16 is `rubric`.
#[test]
fn each_panel_error_is_located() {
    let cases = [
        (
            r#"panel = { min_experts = 2, aggregate = "trimmed_mean" }"#,
            "",
            "f.toml:15:25: error: `trimmed_mean` needs `min_experts` ≥ 3, found 2",
        ),
        (
            r#"panel = { min_experts = 0, aggregate = "mean" }"#,
            "",
            "f.toml:15:25: error: `min_experts` must be a whole number ≥ 1, found 0",
        ),
        (
            r#"panel = { min_experts = 2.5, aggregate = "mean" }"#,
            "",
            "f.toml:15:25: error: `min_experts` must be a whole number ≥ 1, found 2.5",
        ),
        (
            r#"panel = { min_experts = 3, aggregate = "average" }"#,
            "",
            "f.toml:15:40: error: unknown panel aggregate `average`",
        ),
        (
            r#"panel = { min_experts = 3, aggregate = "mean", spread_alert = 0 }"#,
            "",
            "f.toml:15:63: error: `spread_alert` must be above 0, found 0",
        ),
        (
            r#"panel = { aggregate = "mean" }"#,
            "",
            "f.toml:15:9: error: `panel` has no `min_experts`",
        ),
        (
            r#"panel = { min_experts = 3, aggregate = "mean", alert = 1 }"#,
            "",
            "f.toml:15:48: error: unknown key `alert` in `panel`",
        ),
        (
            r#"panel = "mean""#,
            "",
            "f.toml:15:9: error: `panel` must be a table, found string",
        ),
        (
            "",
            r#"rubric = [[60, "a"], [90, "b"]]"#,
            "f.toml:16:23: error: rubric threshold 90 is not below the previous one (60)",
        ),
        (
            "",
            r#"rubric = [[120, "a"], [60, "b"]]"#,
            "f.toml:16:12: error: rubric threshold 120 is outside the indicator's scale [0, 100]",
        ),
        (
            "",
            r#"rubric = [[90, 1]]"#,
            "f.toml:16:16: error: a rubric text must be a string, found integer",
        ),
        (
            "",
            r#"rubric = [90, 60]"#,
            "f.toml:16:11: error: each rubric line must be a pair [threshold, \"text\"]",
        ),
        (
            "",
            r#"rubric = []"#,
            "f.toml:16:10: error: `rubric` is empty",
        ),
        (
            "",
            r#"rubric = "good""#,
            "f.toml:16:10: error: `rubric` must be an array of [threshold, \"text\"] pairs",
        ),
    ];
    let mut bad = Vec::new();
    for (panel, rubric, expected) in cases {
        let got = errors(panel, rubric);
        if got != [expected] {
            bad.push(format!("{got:?} != {expected}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_panel_or_rubric_needs_a_numeric_rule() {
    let text = framework(
        r#"panel = { min_experts = 3, aggregate = "mean" }"#,
        r#"rubric = [[1, "yes"]]"#,
    )
    .replace(
        r#"{ kind = "linear", floor = 0, target = 100 }"#,
        r#"{ kind = "boolean" }"#,
    );
    let d = load_str("f.toml", &text).unwrap_err();
    let lines: Vec<String> = d
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        lines,
        [
            "f.toml:15:9: error: a panel needs a numeric score (linear, bands or relative)",
            "f.toml:16:10: error: a rubric needs a numeric score (linear, bands or relative)",
        ]
    );
}

/// A linear rule where lower is better has the same scale: [target, floor].
#[test]
fn the_scale_of_a_reversed_linear_rule() {
    assert_eq!(
        scale(&Rule::Linear {
            floor: 100.0,
            target: 20.0
        }),
        Some((20.0, 100.0))
    );
    assert_eq!(scale(&Rule::Boolean), None);
}
