use crate::evidence::parse;
use crate::framework::{Framework, load_str};
use crate::rule::{Cell, Value};

const FRAMEWORK: &str = include_str!("../../../tests/fixtures/panel/panel.toml");
const EVIDENCE: &str = include_str!("../../../tests/fixtures/panel/evidence.csv");

fn framework() -> Framework {
    load_str("panel.toml", FRAMEWORK).unwrap().framework
}

fn errors(text: &str) -> Vec<String> {
    let fw = framework();
    match parse("e.csv", text, &fw) {
        Ok((e, w)) => w
            .iter()
            .chain(&crate::panel::alerts::warnings(&fw, &e))
            .map(|d| format!("warning: {}", d.message))
            .collect(),
        Err(d) => d
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
            .collect(),
    }
}

fn value(text: &str, provider: &str, indicator: &str) -> Cell {
    let fw = framework();
    let (e, _) = parse("e.csv", text, &fw).unwrap();
    let p = e.position(provider).unwrap();
    e.cell(p, fw.indicator_index(indicator).unwrap())
}

#[test]
fn scores_become_the_aggregate() {
    // a: trimmed mean of 80, 90, 60 drops 60 and 90 → 80; ai: mean of 70, 80 → 75.
    assert_eq!(
        value(EVIDENCE, "a", "solution"),
        Cell::Value(Value::Number(80.0))
    );
    assert_eq!(value(EVIDENCE, "a", "ai"), Cell::Value(Value::Number(75.0)));
    // b: 70, 65, 95 → 70.
    assert_eq!(
        value(EVIDENCE, "b", "solution"),
        Cell::Value(Value::Number(70.0))
    );
    let fw = framework();
    let (e, _) = parse("e.csv", EVIDENCE, &fw).unwrap();
    let experts: Vec<&str> = e
        .panels
        .scores(0, 0)
        .iter()
        .map(|s| s.expert.as_str())
        .collect();
    assert_eq!(experts, ["li", "wang", "zhang"]);
    assert_eq!(e.panels.scores(0, 0)[0].line, 4);
}

#[test]
fn spread_alerts_list_every_score() {
    let warnings = errors(EVIDENCE);
    assert_eq!(
        warnings,
        [
            // a: 90 − 60 = 30 > 25; b: 95 − 65 = 30 > 25; c: 100 − 60 = 40 > 25.
            "warning: experts disagree on provider `a`, indicator `solution`: spread 30 > 25 (li 90, wang 60, zhang 80)",
            "warning: experts disagree on provider `b`, indicator `solution`: spread 30 > 25 (li 65, wang 95, zhang 70)",
            "warning: experts disagree on provider `c`, indicator `solution`: spread 40 > 25 (li 100, wang 60, zhang 68)",
        ]
    );
}

#[test]
fn too_few_experts_leave_the_value_missing() {
    let text = "provider,indicator,expert,value\na,solution,zhang,80\na,solution,li,90\n";
    assert_eq!(value(text, "a", "solution"), Cell::Missing);
    assert_eq!(
        errors(text),
        [
            "warning: provider `a`, indicator `solution`: 2 expert score(s), fewer than the 3 required; the value is missing"
        ]
    );
    // An empty score is no score.
    let text = "provider,indicator,expert,value\na,ai,zhang,80\na,ai,li,\n";
    assert_eq!(value(text, "a", "ai"), Cell::Missing);
}

/// One located error per message.
#[test]
fn each_expert_row_error_is_located() {
    let cases = [
        (
            "provider,indicator,expert,value\na,ai,zhang,80\na,ai,li,70\na,ai,zhang,75\n",
            "e.csv:4:3: error: expert `zhang` scored provider `a`, indicator `ai` twice (first at line 2)",
        ),
        (
            "provider,indicator,expert,value\na,staff,zhang,80\n",
            "e.csv:2:3: error: this row names expert `zhang`, but indicator `staff` has no panel",
        ),
        (
            "provider,indicator,expert,value\na,ai,,80\n",
            "e.csv:2:3: error: indicator `ai` is scored by a panel: this row names no expert",
        ),
        (
            "provider,indicator,value\na,ai,80\n",
            "e.csv:2:1: error: indicator `ai` is scored by a panel: this row names no expert",
        ),
        (
            // One expert's n/a is not the panel's (ai needs two): missing, with a warning.
            "provider,indicator,expert,value\na,ai,zhang,n/a\n",
            "warning: provider `a`, indicator `ai`: n/a from 1 expert(s), fewer than the 2 required; the value is missing",
        ),
        (
            "provider,indicator,expert,value\na,ai,zhang,good\n",
            "e.csv:2:4: error: `good` is not a number; write digits like 12, -3.5 or 85% (no thousands separators) (indicator `ai`)",
        ),
        (
            "provider,staff,ai\na,50,80\n",
            "e.csv:2:3: error: indicator `ai` is scored by a panel: give each expert's score in long format with an `expert` column",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(errors(text), [expected], "{text}");
    }
}

/// The two halves of a large file are joined with the experts' scores, and
/// an expert who scores the same pair in both halves is a duplicate.
#[test]
fn halves_join_expert_scores() {
    let fw = framework();
    let header = "provider,indicator,expert,value\n";
    let first = "a,ai,zhang,80\na,solution,li,90\n";
    let second = "a,ai,li,60\na,solution,zhang,70\na,solution,wang,50\nb,ai,li,1\nb,ai,zhang,3\n";
    let start = format!("{header}{first}");
    let (e, _) = crate::evidence::read_halves(
        "e.csv",
        start.as_bytes(),
        second.as_bytes(),
        start.as_bytes(),
        &fw,
    )
    .unwrap()
    .unwrap();
    let ai = fw.indicator_index("ai").unwrap();
    let solution = fw.indicator_index("solution").unwrap();
    assert_eq!(e.cell(0, ai), Cell::Value(Value::Number(70.0)));
    // 90, 70, 50 → 70.
    assert_eq!(e.cell(0, solution), Cell::Value(Value::Number(70.0)));
    assert_eq!(e.cell(1, ai), Cell::Value(Value::Number(2.0)));
    let twice = "a,ai,zhang,81\n";
    let d = crate::evidence::read_halves(
        "e.csv",
        start.as_bytes(),
        twice.as_bytes(),
        start.as_bytes(),
        &fw,
    )
    .unwrap()
    .unwrap_err();
    let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
    assert_eq!(
        errors[0].to_string().lines().next().unwrap(),
        "e.csv:4:3: error: expert `zhang` scored provider `a`, indicator `ai` twice (first at line 2)"
    );
}
