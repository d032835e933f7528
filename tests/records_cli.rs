//! Record tables end to end: a framework whose `cities_served_3y` and five
//! other indicators are derived from a project ledger scores the same in every
//! command, states its as-of date, and explains and words its rows.

mod common;

use common::tierscore;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/records");

fn path(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Runs tierscore with the ledger framework, evidence, ledger and as-of date.
fn run(args: &[&str]) -> (i32, String, String) {
    let (fw, ev, ledger) = (
        path("ledger.toml"),
        path("evidence.csv"),
        path("projects.csv"),
    );
    let records = format!("projects={ledger}");
    let o = tierscore()
        .args(args)
        .args(["-f", &fw, "--records", &records, "--as-of", "2026-06-30"])
        .args(if args[0] == "compare" {
            vec![]
        } else {
            vec!["-e", ev.as_str()]
        })
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
}

// xm_digital's ledger as of 2026-06-30 (window: after 2023-06-30, up to and
// including 2026-06-30):
//   HT-01 2026-06-30 lead 厦门 1200 是   in (the as-of date itself)
//   HT-02 2025-03-01 lead 福州  800 是   in
//   HT-03 2024-02-29 lead 泉州 2500 否   in
//   HT-04 2025-01-10 member 漳州 300 是  in the window, not lead
//   HT-05 2023-06-30 lead 龙岩 1500 是   as_of − 3 years exactly: out
//   HT-06 (no date)  lead 三明  900 是   out of every window
// cities_served_3y (distinct lead cities in the window) = 3 → s = (3 − 1)/(8 − 1) = 2/7
// big_projects_3y (lead, ≥ 1000, window) = 2 (HT-01, HT-03) → s = 2/3
// amount_3y (window, any role) = 1200 + 800 + 2500 + 300 = 4800 → s = 0.48
// largest (all rows) = 2500 → 0.5; smallest = 300 → 0.3; mean = 7200/6 = 1200 → 0.6
// on_time_share (window) = 3 of 4 = 75 → s = (75 − 50)/50 = 0.5
// record = 40·2/7 + 30·2/3 + 10·0.48 + 5·0.5 + 5·0.3 + 5·0.6 + 5·0.5 = 45.728571…
// tech = 100·(80 − 5)/95 = 78.947368…; total = 0.6·45.728571 + 0.4·78.947368 = 59.016090…
const XM_TOTAL: f64 =
    0.6 * (40.0 * 2.0 / 7.0 + 20.0 + 4.8 + 2.5 + 1.5 + 3.0 + 2.5) + 0.4 * (100.0 * 75.0 / 95.0);

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn provider<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["provider"] == id)
        .unwrap()
}

#[test]
fn score_derives_every_aggregate_and_states_the_as_of_date() {
    let v = json(&["score", "--format", "json"]);
    assert_eq!(v["framework"]["as_of"], "2026-06-30");
    let xm = provider(&v, "xm_digital");
    let values: Vec<f64> = [
        "cities_served_3y",
        "big_projects_3y",
        "amount_3y",
        "largest",
        "smallest",
        "mean_amount",
        "on_time_share",
    ]
    .iter()
    .map(|k| xm["indicators"][k]["value"].as_f64().unwrap())
    .collect();
    assert_eq!(values, [3.0, 2.0, 4800.0, 2500.0, 300.0, 1200.0, 75.0]);
    assert!(
        close(xm["total"].as_f64().unwrap(), XM_TOTAL),
        "{}",
        xm["total"]
    );
    assert_eq!(xm["tier"], "city");
    // qz_tech has no ledger rows: counts and sums are 0, min/max/mean/share missing.
    let qz = provider(&v, "qz_tech");
    assert_eq!(qz["indicators"]["cities_served_3y"]["value"], 0.0);
    assert_eq!(qz["indicators"]["amount_3y"]["value"], 0.0);
    assert_eq!(
        qz["indicators"]["largest"]["value"],
        serde_json::Value::Null
    );
    assert_eq!(qz["indicators"]["largest"]["missing"], true);
    // fz_smart: 福州 and "福州 " are one city after trimming.
    assert_eq!(
        provider(&v, "fz_smart")["indicators"]["cities_served_3y"]["value"],
        1.0
    );
    // sm_new is only in the ledger: added, with a warning.
    assert!(
        v["providers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["provider"] == "sm_new")
    );
    let (_, _, err) = run(&["score"]);
    assert!(err.contains("warning: provider `sm_new` appears in the `projects` ledger but nowhere in the evidence"), "{err}");
}

#[test]
fn every_command_scores_the_derived_indicators_the_same() {
    let total = |v: &serde_json::Value| provider(v, "xm_digital")["total"].as_f64().unwrap();
    assert!(close(
        total(&json(&["score", "--format", "json"])),
        XM_TOTAL
    ));
    assert!(close(total(&json(&["gap", "--format", "json"])), XM_TOTAL));
    assert!(close(
        total(&json(&[
            "sensitivity",
            "--samples",
            "10",
            "--format",
            "json"
        ])),
        XM_TOTAL
    ));
    let explained = json(&["explain", "xm_digital", "--format", "json"]);
    assert!(
        close(explained["total"].as_f64().unwrap(), XM_TOTAL),
        "{explained}"
    );
    let providers = path("providers.csv");
    let summary = json(&[
        "summary",
        "--by",
        "region",
        "--providers",
        &providers,
        "--format",
        "json",
    ]);
    let xiamen = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "厦门")
        .unwrap();
    assert!(
        close(xiamen["mean_total"].as_f64().unwrap(), XM_TOTAL),
        "{xiamen}"
    );
    let ev = path("evidence.csv");
    let compared = json(&[
        "compare",
        "--self",
        &ev,
        "--verified",
        &ev,
        "--format",
        "json",
    ]);
    let xm = provider(&compared, "xm_digital");
    assert!(close(xm["self_total"].as_f64().unwrap(), XM_TOTAL));
    assert!(close(xm["verified_total"].as_f64().unwrap(), XM_TOTAL));
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let (code, _, err) = run(&["report", "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("59.02") && page.contains("2026-06-30"));
}

#[test]
fn explain_lists_the_rows_used_and_left_out() {
    let (code, out, err) = run(&["explain", "xm_digital", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let ledger = path("projects.csv");
    for line in [
        "  cities_served_3y = 3: count_distinct(city) of `projects` with role = lead, accepted within 3 years".to_string(),
        format!("    used   {ledger}:2  city=厦门 role=lead accepted=2026-06-30"),
        format!("    left   {ledger}:5  city=漳州 role=member accepted=2025-01-10  — not role = lead"),
        format!("    left   {ledger}:6  city=龙岩 role=lead accepted=2023-06-30  — `accepted` on or before 2023-06-30: outside the 3-year window"),
        format!("    left   {ledger}:7  city=三明 role=lead accepted=  — no `accepted` date: outside every window"),
    ] {
        assert!(out.contains(&line), "missing {line:?} in\n{out}");
    }
    let v = json(&["explain", "xm_digital", "--format", "json"]);
    let d = &v["derived"]["cities_served_3y"];
    assert_eq!(d["value"], 3.0);
    assert_eq!(d["rows"].as_array().unwrap().len(), 3);
    assert_eq!(d["left_out"].as_array().unwrap().len(), 3);
}

#[test]
fn gap_words_a_derived_shortfall_in_rows() {
    // xm_digital is `city`; `regional` needs total ≥ 80 and cities_served_3y ≥ 5:
    // 3 now, so 2 more lead projects in new cities within the window.
    let (code, out, err) = run(&["gap", "--provider", "xm_digital", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2 more `projects` with role = lead, accepted within 3 years, each with a `city` not listed yet"),
        "{out}"
    );
}

#[test]
fn gap_words_a_derived_shortfall_in_chinese() {
    // The same shortfall as above (3 cities now, 5 needed), worded as the other zh messages are.
    let (code, out, err) = run(&["gap", "--provider", "xm_digital", "--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    let line = "  → cities_served_3y：还需 2 个 `projects`（role = lead，accepted 在 3 年内），且每个的 `city` 均为尚未列出的\n";
    assert!(out.contains(line), "{out}");
}

#[test]
fn windows_without_as_of_and_unknown_tables_are_usage_errors() {
    let (fw, ev, ledger) = (
        path("ledger.toml"),
        path("evidence.csv"),
        path("projects.csv"),
    );
    let o = tierscore()
        .args([
            "score",
            "-f",
            &fw,
            "-e",
            &ev,
            "--records",
            &format!("projects={ledger}"),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "error: --as-of: `cities_served_3y` counts `projects` within 3 year(s) of the as-of date, so the evaluation needs its reference date (评价基准日)\n  = help: give it as --as-of YYYY-MM-DD, e.g. --as-of 2026-06-30\n"
    );
    let o = tierscore()
        .args([
            "score",
            "-f",
            &fw,
            "-e",
            &ev,
            "--as-of",
            "2026-06-30",
            "--records",
            &format!("project={ledger}"),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("error: --records: unknown record table `project`\n  = help: the framework's record tables are: projects\n"), "{err}");
    let o = tierscore()
        .args(["score", "-f", &fw, "-e", &ev, "--as-of", "2026-02-30"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_ledger_framework_is_valid_against_the_json_schema() {
    let text = std::fs::read_to_string(path("ledger.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let doc = serde_json::to_value(doc).unwrap();
    let schema = tierscore::schema::framework_schema();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let problems: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // An unknown key inside `derive` is refused by the schema as by the reader.
    let bad = text.replacen(
        "aggregate = \"count\"",
        "aggregate = \"count\"\ncolumn = 1",
        1,
    );
    let doc = serde_json::to_value(toml::from_str::<toml::Table>(&bad).unwrap()).unwrap();
    assert!(validator.iter_errors(&doc).next().is_some());
}

/// A count of rows needed is a whole number. One dimension: `projects_3y`
/// (derived count, linear 0 → 10, weight 50) and `staff` (linear 0 → 100,
/// weight 50); `city` needs total ≥ 60. With no projects and staff 93 the total
/// is 46.5, so projects must give 13.5 points: s = 0.27, i.e. 2.7 projects —
/// 2 give 56.5 (not enough), 3 give 61.5: the value needed is 3, not 2.7.
#[test]
fn a_count_needed_is_a_whole_number_of_rows() {
    let framework = r#"schema = 1
[framework]
id = "whole"
name = "整数"
version = "1"
[[records]]
id = "projects"
name = "项目"
[records.fields]
amount = "number"
[[dimension]]
id = "d"
name = "维度"
weight = 100
[[dimension.indicator]]
id = "projects_3y"
name = "项目数"
weight = 50
score = { kind = "linear", floor = 0, target = 10 }
[dimension.indicator.derive]
records = "projects"
aggregate = "count"
[[dimension.indicator]]
id = "staff"
name = "人员"
weight = 50
score = { kind = "linear", floor = 0, target = 100 }
[[tier]]
id = "city"
name = "城市服务级"
min_total = 60
"#;
    let (_d1, fw) = common::temp_file("whole.toml", framework.as_bytes());
    let (_d2, ev) = common::temp_file("e.csv", b"provider,indicator,value\na,staff,93\n");
    let (_d3, ledger) = common::temp_file("p.csv", b"provider,amount\n");
    let o = tierscore()
        .args([
            "gap",
            "-f",
            &fw,
            "-e",
            &ev,
            "--records",
            &format!("projects={ledger}"),
        ])
        .args(["--format", "csv", "-q"])
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let row = out
        .lines()
        .find(|l| l.contains("opportunity,projects_3y"))
        .unwrap();
    assert_eq!(row, "a,none,city,opportunity,projects_3y,0.00,,,50.00,3.00");
}
