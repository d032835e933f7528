//! Integration tests of `tierscore sensitivity` and `tierscore weights --method`,
//! run against the real binary.

mod common;

use assert_cmd::Command;
use serde_json::Value;

const DIR: &str = "tests/fixtures/sensitivity";

fn tierscore() -> Command {
    let mut cmd = Command::cargo_bin("tierscore").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("RAYON_NUM_THREADS");
    cmd
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// The framework and evidence of a case: `construction` is the shipped example,
/// the others are fixtures.
fn case_files(case: &str) -> (String, String) {
    match case {
        "construction" => (
            "indicators/construction.toml".into(),
            "examples/construction-evidence.csv".into(),
        ),
        _ => (
            fixture(&format!("{case}.toml")),
            fixture(&format!("{case}.csv")),
        ),
    }
}

/// The ledgers and the as-of date of a shipped framework's example round (its track record and
/// certificates are derived from `examples/<category>/projects.csv` and `certificates.csv`).
fn ledgers(framework: &str) -> Vec<String> {
    let category = match framework {
        "indicators/construction.toml" => "construction",
        "indicators/planning-consulting.toml" => "planning",
        "indicators/operations.toml" => "operations",
        _ => return Vec::new(),
    };
    vec![
        "--records".into(),
        format!("projects=examples/{category}/projects.csv"),
        "--records".into(),
        format!("certificates=examples/{category}/certificates.csv"),
        "--as-of".into(),
        "2026-06-30".into(),
    ]
}

/// Runs `sensitivity` on a case and returns stdout.
fn sensitivity(case: &str, extra: &[&str]) -> Vec<u8> {
    let (framework, evidence) = case_files(case);
    let output = tierscore()
        .args(["sensitivity", "-f", &framework, "-e", &evidence])
        .args(ledgers(&framework))
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn json(case: &str, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_slice(&sensitivity(case, &args)).unwrap_or_else(|e| panic!("{e}"))
}

fn providers(doc: &Value) -> &Vec<Value> {
    doc["providers"]
        .as_array()
        .unwrap_or_else(|| panic!("no providers"))
}

fn provider<'a>(doc: &'a Value, id: &str) -> &'a Value {
    providers(doc)
        .iter()
        .find(|p| p["provider"] == id)
        .unwrap_or_else(|| panic!("no provider {id}"))
}

fn interval(p: &Value) -> (u64, u64, u64) {
    let n = |k: &str| p[k].as_u64().unwrap_or_else(|| panic!("{k}"));
    (n("rank_p05"), n("median_rank"), n("rank_p95"))
}

#[test]
fn same_seed_gives_byte_identical_output_whatever_the_threads() {
    for format in ["json", "csv", "table"] {
        let args = ["--format", format, "--samples", "300"];
        let first = sensitivity("construction", &args);
        assert_eq!(first, sensitivity("construction", &args), "{format}");
        let single = tierscore()
            .env("RAYON_NUM_THREADS", "1")
            .args(["sensitivity", "-f", &case_files("construction").0])
            .args(["-e", &case_files("construction").1])
            .args(ledgers(&case_files("construction").0))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first, single.stdout, "{format} on one thread");
    }
}

#[test]
fn a_different_seed_gives_different_output() {
    let a = sensitivity("construction", &["--format", "json", "--seed", "42"]);
    let b = sensitivity("construction", &["--format", "json", "--seed", "43"]);
    assert_ne!(a, b);
}

#[test]
fn a_dominant_dimension_keeps_every_rank_fixed() {
    let doc = json("dominant", &["--jitter", "0.2"]);
    for (id, rank) in [("p1", 1), ("p2", 2), ("p3", 3), ("p4", 4)] {
        assert_eq!(interval(provider(&doc, id)), (rank, rank, rank), "{id}");
    }
    assert_eq!(doc["stable_share"], 1.0);
}

#[test]
fn a_near_tie_gives_overlapping_intervals() {
    let doc = json("near-tie", &[]);
    let (x, y) = (provider(&doc, "x"), provider(&doc, "y"));
    assert_eq!(interval(x).0, 1);
    assert_eq!(interval(x).2, 2);
    assert_eq!(interval(y).0, 1);
    assert_eq!(interval(y).2, 2);
    assert_eq!(interval(provider(&doc, "z")), (3, 3, 3));
    // x is `top` at 70.50 against a floor of 70.25; jitter moves it either side.
    let p_top = x["tier_probabilities"]["top"].as_f64().unwrap_or(0.0);
    assert!(p_top > 0.0 && p_top < 1.0, "{p_top}");
    assert_eq!(x["tier_stable"], false);
}

#[test]
fn tier_probabilities_sum_to_one() {
    for extra in [
        &[][..],
        &["--alt-missing", "exclude", "--jitter", "0.5"][..],
    ] {
        let doc = json("construction", extra);
        for p in providers(&doc) {
            let probabilities = p["tier_probabilities"]
                .as_object()
                .unwrap_or_else(|| panic!("{p}"));
            let keys: Vec<&str> = probabilities.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                [
                    "regional",
                    "city",
                    "enterprise",
                    "incomplete",
                    "none",
                    "vetoed"
                ]
            );
            let sum: f64 = probabilities.values().filter_map(Value::as_f64).sum();
            assert!((sum - 1.0).abs() < 1e-12, "{} sums to {sum}", p["provider"]);
        }
    }
}

#[test]
fn zero_jitter_reproduces_the_nominal_result() {
    let doc = json("construction", &["--jitter", "0", "--samples", "50"]);
    assert_eq!(doc["stable_share"], 1.0);
    for p in providers(&doc) {
        let rank = p["rank"].as_u64().unwrap_or(0);
        assert_eq!(interval(p), (rank, rank, rank), "{}", p["provider"]);
        let tier = p["tier"].as_str().unwrap_or("");
        assert_eq!(p["tier_probabilities"][tier], 1.0, "{}", p["provider"]);
    }
}

#[test]
fn csv_has_the_documented_columns() {
    let out = String::from_utf8(sensitivity(
        "near-tie",
        &["--format", "csv", "--jitter", "0"],
    ))
    .unwrap_or_default();
    assert_eq!(
        out,
        "rank,provider,total,tier,median_rank,rank_p05,rank_p95,top,incomplete,none,vetoed,tier_stable\n\
         1,x,70.50,top,1,1,1,1.0000,0.0000,0.0000,0.0000,true\n\
         2,y,70.00,none,2,2,2,0.0000,0.0000,1.0000,0.0000,true\n\
         3,z,30.00,none,3,3,3,0.0000,0.0000,1.0000,0.0000,true\n"
    );
}

#[test]
fn table_ends_with_the_stability_summary() {
    let out = String::from_utf8(sensitivity(
        "dominant",
        &["--lang", "en", "--samples", "10"],
    ))
    .unwrap_or_default();
    assert!(
        out.ends_with("10 samples, weights ×[1−0.2, 1+0.2], seed 42; tier unchanged in every sample: 4 of 4 providers (100.0%)\n"),
        "{out}"
    );
}

#[test]
fn bad_arguments_exit_2() {
    for bad in [
        &["--samples", "0"][..],
        &["--samples", "-3"][..],
        &["--jitter", "1"][..],
        &["--jitter", "-0.1"][..],
        &["--jitter", "abc"][..],
        &["--alt-missing", "zero"][..],
    ] {
        tierscore()
            .args(["sensitivity", "-f", &fixture("dominant.toml")])
            .args(["-e", &fixture("dominant.csv")])
            .args(bad)
            .assert()
            .code(2)
            .stdout("");
    }
}

/// Runs `weights --method` on the hand-computed example.
fn weights(extra: &[&str]) -> std::process::Output {
    tierscore()
        .args([
            "weights",
            "-f",
            &fixture("hand.toml"),
            "-e",
            &fixture("hand.csv"),
        ])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn derived_in_dimension(doc: &Value, dimension: usize) -> Vec<f64> {
    doc["dimensions"][dimension]["indicators"]
        .as_array()
        .unwrap_or_else(|| panic!("{doc}"))
        .iter()
        .map(|i| {
            (i["derived_weight_in_dimension"]
                .as_f64()
                .unwrap_or(f64::NAN)
                * 1e4)
                .round()
                / 1e4
        })
        .collect()
}

#[test]
fn entropy_and_critic_match_the_hand_computed_example() {
    // The computations are written out in src/analysis/entropy.rs and critic.rs; CRITIC as
    // published (min-max first) is also what pymcdm 1.4.0 gives: [0.5, 0.27599, 0.22401].
    for (method, variant, expected) in [
        ("entropy", "minmax", [0.1043, 0.0774, 0.8183, 0.0]),
        ("critic", "minmax", [0.5, 0.276, 0.224, 0.0]),
        ("critic", "scores", [0.4724, 0.1043, 0.4233, 0.0]),
    ] {
        let args = [
            "--method",
            method,
            "--critic-variant",
            variant,
            "--format",
            "json",
        ];
        let out = weights(&args);
        assert!(out.status.success());
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc["method"], method);
        let named = match method {
            "critic" => Value::from(variant),
            _ => Value::Null,
        };
        assert_eq!(doc["variant"], named);
        assert_eq!(derived_in_dimension(&doc, 0), expected, "{method}");
        assert_eq!(derived_in_dimension(&doc, 1), [1.0], "{method}");
    }
}

#[test]
fn toml_snippet_is_valid_and_sums_to_100() {
    let out = weights(&["--method", "entropy"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap_or_default();
    assert!(
        text.contains(
            "\n[[dimension.indicator]]\nid = \"x3\"\nweight = 81.83  # framework: 30.00\n"
        ),
        "{text}"
    );
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let weight = |v: &toml::Value| {
        v.get("weight")
            .and_then(|w| w.as_float().or(w.as_integer().map(|i| i as f64)))
            .unwrap_or(f64::NAN)
    };
    let dims = doc["dimension"]
        .as_array()
        .unwrap_or_else(|| panic!("{text}"));
    assert!((dims.iter().map(weight).sum::<f64>() - 100.0).abs() < 1e-9);
    for d in dims {
        let indicators = d["indicator"]
            .as_array()
            .unwrap_or_else(|| panic!("{text}"));
        assert!(
            (indicators.iter().map(weight).sum::<f64>() - 100.0).abs() < 1e-9,
            "{text}"
        );
    }
}

#[test]
fn weights_method_needs_evidence_and_there_is_no_toml_format() {
    tierscore()
        .args([
            "weights",
            "-f",
            &fixture("hand.toml"),
            "--method",
            "entropy",
        ])
        .assert()
        .code(2);
    tierscore()
        .args([
            "weights",
            "-f",
            &fixture("hand.toml"),
            "-e",
            &fixture("hand.csv"),
        ])
        .assert()
        .code(2);
    tierscore()
        .args(["weights", "-f", &fixture("hand.toml"), "--format", "toml"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn weights_without_evidence_is_unchanged() {
    tierscore()
        .args([
            "weights",
            "-f",
            &fixture("near-tie.toml"),
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(
            "dimension,indicator,dimension_weight,weight_in_dimension,weight_overall\n\
             tech,tech_score,0.5000,1.0000,0.5000\n\
             service,service_score,0.5000,1.0000,0.5000\n",
        );
}

/// Compares `actual` with `tests/fixtures/sensitivity/golden/NAME`; `UPDATE_GOLDEN=1` re-records it.
fn golden(name: &str, actual: &[u8]) {
    common::assert_golden_at(&format!("{DIR}/golden/{name}"), actual);
}

#[test]
fn golden_sensitivity_outputs() {
    let cases: [(&str, &[&str]); 4] = [
        ("near-tie.table.txt", &["--lang", "en", "--samples", "200"]),
        (
            "near-tie.zh.md",
            &["--format", "markdown", "--lang", "zh", "--samples", "200"],
        ),
        (
            "near-tie.json",
            &["--format", "json", "--samples", "50", "--seed", "7"],
        ),
        (
            "dominant.csv",
            &[
                "--format",
                "csv",
                "--jitter",
                "0.5",
                "--alt-missing",
                "exclude",
            ],
        ),
    ];
    for (name, args) in cases {
        let case = name.split('.').next().unwrap_or_default();
        golden(name, &sensitivity(case, args));
    }
}

#[test]
fn golden_weights_method_outputs() {
    let cases: [(&str, &[&str]); 3] = [
        ("hand.entropy.toml", &["--method", "entropy"]),
        (
            "hand.critic.md",
            &["--method", "critic", "--format", "markdown", "--lang", "en"],
        ),
        (
            "hand.entropy.json",
            &["--method", "entropy", "--format", "json"],
        ),
    ];
    for (name, args) in cases {
        let out = weights(args);
        assert!(out.status.success(), "{name}");
        golden(name, &out.stdout);
    }
}

#[test]
fn alt_missing_changes_results_only_where_values_are_missing() {
    let plain = json("construction", &[]);
    let varied = json("construction", &["--alt-missing", "exclude"]);
    assert_eq!(varied["settings"]["alt_missing"], "exclude");
    assert_eq!(plain["settings"]["alt_missing"], Value::Null);
    assert_ne!(plain["providers"], varied["providers"]);
    // A framework without missing values gives the same distributions either way.
    let a = json("near-tie", &[]);
    let b = json("near-tie", &["--alt-missing", "exclude"]);
    assert_eq!(a["providers"], b["providers"]);
}

#[test]
fn zero_jitter_reproduces_score_on_every_shipped_framework() {
    for (framework, evidence) in [
        (
            "indicators/construction.toml",
            "examples/construction-evidence.csv",
        ),
        (
            "indicators/planning-consulting.toml",
            "examples/planning-evidence.csv",
        ),
        (
            "indicators/operations.toml",
            "examples/operations-evidence.csv",
        ),
        ("indicators/operations.toml", "examples/operations-wide.csv"),
    ] {
        let out = tierscore()
            .args(["sensitivity", "-f", framework, "-e", evidence])
            .args(ledgers(framework))
            .args(["--jitter", "0", "--samples", "3", "--format", "json"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{framework}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        for p in providers(&doc) {
            let rank = p["rank"].as_u64().unwrap_or(0);
            assert_eq!(
                interval(p),
                (rank, rank, rank),
                "{framework} {}",
                p["provider"]
            );
            let tier = p["tier"].as_str().unwrap_or("");
            assert_eq!(
                p["tier_probabilities"][tier], 1.0,
                "{framework} {}",
                p["provider"]
            );
        }
    }
}

#[test]
fn weights_method_writes_toml_to_a_toml_file_and_tables_on_request() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("derived.toml");
    let out = weights(&[
        "--method",
        "entropy",
        "-o",
        path.to_str().unwrap_or_default(),
    ]);
    assert!(out.status.success());
    let written = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, weights(&["--method", "entropy"]).stdout);
    let csv = String::from_utf8(weights(&["--method", "entropy", "--format", "csv"]).stdout)
        .unwrap_or_default();
    assert!(csv.starts_with("dimension,indicator,dimension_weight,entropy_dimension_weight,"));
}
