//! `gap` and `explain`, run through the real binary on tests/fixtures/gap.
//!
//! Golden files live beside the fixture; `UPDATE_GOLDEN=1 cargo test --test gap`
//! re-records them (then read the diff before committing).
//!
//! The fixture's overall weights (dimension share × weight in dimension):
//! staff .30, cs_level .18, iso27001 .12 (tech 60 %); response .20, projects .10,
//! revenue .10 (service 40 %). Totals: alpha 97.3 gold, delta 86.2 vetoed, echo 54.8
//! silver, bravo 54.2 silver, charlie 43.7 none.

mod common;

use assert_cmd::Command;

const FW: &str = "tests/fixtures/gap/gap.toml";
const EVIDENCE: &str = "tests/fixtures/gap/evidence.csv";
const PROVIDERS: &str = "tests/fixtures/gap/providers.csv";

fn tierscore(args: &[&str]) -> Command {
    let mut cmd = common::tierscore();
    cmd.args(args);
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = tierscore(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Compares with (or, with UPDATE_GOLDEN=1, records) tests/fixtures/gap/<name>.
fn golden(name: &str, actual: &str) {
    common::assert_golden_at(&format!("tests/fixtures/gap/{name}"), actual.as_bytes());
}

#[test]
fn gap_csv_every_provider() {
    // In score order. Hand computations:
    // delta: vetoed; without the veto every gold condition holds → target gold, only the veto
    //   is unmet. revenue s=.25: 10 × .75 = 7.5; cs_level CS3 s=.65: 18 × .35 = 6.3.
    // echo (54.8, silver → gold 80): total 80 − 54.8 = 25.2; tech 60 − 45.5 = 14.5;
    //   response at_most 30: 40 − 30 = 10. staff missing (s=0): 30 points, s ≥ 25.2/30 = .84
    //   → 10 + 84 = 94. response s=.5: 20 × .5 = 10; cs_level CS4: 18 × .15 = 2.7;
    //   revenue 400 s=.75: 10 × .25 = 2.5.
    // bravo (54.2, silver → gold): 25.8; tech 60 − 57 = 3; service 60 − 50 = 10; cs_level
    //   CS2 .4 vs CS3 .65 = .25; response 45 − 30 = 15. staff 30 × .5 = 15, cs_level 18 × .6
    //   = 10.8, response 20 × .5 = 10, projects and revenue 10 × .5 = 5 (tie → id order);
    //   none alone reaches 25.8.
    // charlie (43.7, none → silver 50): 6.3. iso27001 12 → true; staff 30 × .4 = 12,
    //   s ≥ .6 + 6.3/30 = .81 → 91; cs_level 10.8, CS3 adds 4.5 < 6.3, CS4 adds 8.1 → CS4;
    //   revenue s=0: 10, others' range 200..500, s ≥ .63 → 389; projects 10 × .75 = 7.5,
    //   s ≥ .88 → threshold 10; response s=.8: 4 < 6.3.
    // alpha: gold, the top: no rows.
    let expected = "\
provider,current_tier,target_tier,kind,item,current,required,shortfall,points_available,value_needed
delta,vetoed,gold,veto,dishonest,true,,,,
delta,vetoed,gold,opportunity,revenue,200.00,,,7.50,
delta,vetoed,gold,opportunity,cs_level,CS3,,,6.30,
echo,silver,gold,total,total,54.80,80.00,25.20,,
echo,silver,gold,each_dimension,tech,45.50,60.00,14.50,,
echo,silver,gold,indicator,response,40.00,30.00,10.00,,
echo,silver,gold,opportunity,staff,,,,30.00,94.00
echo,silver,gold,opportunity,response,40.00,,,10.00,
echo,silver,gold,opportunity,cs_level,CS4,,,2.70,
echo,silver,gold,opportunity,revenue,400.00,,,2.50,
bravo,silver,gold,total,total,54.20,80.00,25.80,,
bravo,silver,gold,each_dimension,tech,57.00,60.00,3.00,,
bravo,silver,gold,each_dimension,service,50.00,60.00,10.00,,
bravo,silver,gold,indicator,cs_level,CS2,CS3,0.25,,
bravo,silver,gold,indicator,response,45.00,30.00,15.00,,
bravo,silver,gold,opportunity,staff,60.00,,,15.00,
bravo,silver,gold,opportunity,cs_level,CS2,,,10.80,
bravo,silver,gold,opportunity,response,45.00,,,10.00,
bravo,silver,gold,opportunity,projects,5.00,,,5.00,
bravo,silver,gold,opportunity,revenue,300.00,,,5.00,
charlie,none,silver,total,total,43.70,50.00,6.30,,
charlie,none,silver,opportunity,iso27001,false,,,12.00,true
charlie,none,silver,opportunity,staff,70.00,,,12.00,91.00
charlie,none,silver,opportunity,cs_level,CS2,,,10.80,CS4
charlie,none,silver,opportunity,revenue,100.00,,,10.00,389.00
charlie,none,silver,opportunity,projects,2.00,,,7.50,10.00
charlie,none,silver,opportunity,response,20.00,,,4.00,
";
    let out = stdout_of(&["gap", "-f", FW, "-e", EVIDENCE, "--format", "csv"]);
    assert_eq!(out, expected);
}

#[test]
fn gap_json_every_provider() {
    // The same numbers as the CSV, unrounded except that differences (shortfall,
    // points_available, value_needed) are snapped to 1e-9: 50 − 43.7 is 6.3.
    let out = stdout_of(&["gap", "-f", FW, "-e", EVIDENCE, "--format", "json"]);
    golden("gap.json", &out);
}

#[test]
fn gap_json_one_provider_exactly() {
    // alpha is at the top tier: no target, nothing to supply, nothing unmet, no opportunities.
    let out = stdout_of(&[
        "gap",
        "-f",
        FW,
        "-e",
        EVIDENCE,
        "--format",
        "json",
        "--provider",
        "alpha",
    ]);
    // One line per provider, compact (docs/formats.md, JSON layout).
    let expected = r#"{"providers":[
{"provider":"alpha","current_tier":"gold","target_tier":null,"total":97.3,"incomplete":[],"unmet":[],"opportunities":[]}
]}
"#;
    assert_eq!(out, expected);
}

#[test]
fn gap_with_a_target_and_repeated_providers() {
    // --target gold for charlie (43.7): 80 − 43.7 = 36.3; tech 60 − 42 = 18;
    // service 60 − 46.25 = 13.75; cs_level .65 − .4 = .25; response 20 ≤ 30 holds.
    // No single indicator adds 36.3 (staff adds at most 12), so no value_needed.
    // alpha with --target gold: every condition holds; cs_level CS4 18 × .15 = 2.7.
    let out = stdout_of(&[
        "gap",
        "-f",
        FW,
        "-e",
        EVIDENCE,
        "--format",
        "csv",
        "--target",
        "gold",
        "--provider",
        "charlie",
        "--provider",
        "alpha",
    ]);
    let expected = "\
provider,current_tier,target_tier,kind,item,current,required,shortfall,points_available,value_needed
alpha,gold,gold,opportunity,cs_level,CS4,,,2.70,
charlie,none,gold,total,total,43.70,80.00,36.30,,
charlie,none,gold,each_dimension,tech,42.00,60.00,18.00,,
charlie,none,gold,each_dimension,service,46.25,60.00,13.75,,
charlie,none,gold,indicator,cs_level,CS2,CS3,0.25,,
charlie,none,gold,opportunity,iso27001,false,,,12.00,
charlie,none,gold,opportunity,staff,70.00,,,12.00,
charlie,none,gold,opportunity,cs_level,CS2,,,10.80,
charlie,none,gold,opportunity,revenue,100.00,,,10.00,
charlie,none,gold,opportunity,projects,2.00,,,7.50,
charlie,none,gold,opportunity,response,20.00,,,4.00,
";
    assert_eq!(out, expected);
}

#[test]
fn gap_table_and_markdown_for_people() {
    let args = ["gap", "-f", FW, "-e", EVIDENCE, "--providers", PROVIDERS];
    golden("gap.txt", &stdout_of(&args));
    let mut en = args.to_vec();
    en.extend(["--lang", "en", "--format", "markdown"]);
    golden("gap-en.md", &stdout_of(&en));
}

#[test]
fn gap_writes_a_file_in_the_format_of_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gap.csv");
    let path = path.to_str().unwrap();
    let out = stdout_of(&[
        "gap",
        "-f",
        FW,
        "-e",
        EVIDENCE,
        "--provider",
        "delta",
        "-o",
        path,
    ]);
    assert_eq!(out, "");
    let written = std::fs::read_to_string(path).unwrap();
    assert!(written.starts_with("provider,current_tier,target_tier,kind,"));
    assert!(written.contains("delta,vetoed,gold,veto,dishonest,true,,,,\n"));
}

#[test]
fn gap_unknown_target_or_provider_is_a_usage_error() {
    tierscore(&["gap", "-f", FW, "-e", EVIDENCE, "--target", "platinum"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: unknown target tier `platinum`; this framework's tiers are: gold, silver\n",
        );
    tierscore(&["gap", "-f", FW, "-e", EVIDENCE, "--provider", "charly"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: no provider `charly` in the evidence; did you mean `charlie`?\n");
}

#[test]
fn explain_json_numbers_for_one_provider() {
    // bravo: staff 60 on 10 → 110: s = 50/100 = .5; weight 50 of 100 in tech → .5;
    //   overall .5 × .6 = .3; points 100 × .3 × .5 = 15.
    // cs_level CS2 → .4; .3 in tech, .18 overall; 7.2 points. iso27001 yes → 1; .12; 12.
    // tech = 100 × (.5 × .5 + .3 × .4 + .2 × 1) = 57; × .6 = 34.2.
    // response 45 (lower bands; smallest threshold ≥ 45 is 60) → .5; .5 × .4 = .2; 10.
    // projects 5 → .5; .1; 5. revenue 300 in 100..500 → .5; .1; 5. dishonest weight 0.
    // service = 100 × (.25 + .125 + .125) = 50; × .4 = 20. total 34.2 + 20 = 54.2.
    // gold: total, tech, service, cs_level and response fail; silver: both hold.
    let out = stdout_of(&[
        "explain", "-f", FW, "-e", EVIDENCE, "bravo", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let close = |x: &serde_json::Value, want: f64| {
        let got = x.as_f64().unwrap();
        assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
    };
    close(&v["total"], 54.2);
    assert_eq!(v["tier"], "silver");
    assert_eq!(v["rank"], 4);
    let want_dims = [("tech", 0.6, 57.0, 34.2), ("service", 0.4, 50.0, 20.0)];
    for (d, (id, share, score, points)) in want_dims.iter().enumerate() {
        let dim = &v["dimensions"][d];
        assert_eq!(dim["id"], *id);
        close(&dim["share"], *share);
        close(&dim["score"], *score);
        close(&dim["points"], *points);
    }
    // (dimension, index, id, value, s, weight in dimension, overall, points)
    let want = [
        (0, 0, "staff", 0.5, 0.5, 0.3, 15.0),
        (0, 1, "cs_level", 0.4, 0.3, 0.18, 7.2),
        (0, 2, "iso27001", 1.0, 0.2, 0.12, 12.0),
        (1, 0, "response", 0.5, 0.5, 0.2, 10.0),
        (1, 1, "projects", 0.5, 0.25, 0.1, 5.0),
        (1, 2, "revenue", 0.5, 0.25, 0.1, 5.0),
        (1, 3, "dishonest", 0.0, 0.0, 0.0, 0.0),
    ];
    for (d, i, id, s, in_dim, overall, points) in want {
        let ind = &v["dimensions"][d]["indicators"][i];
        assert_eq!(ind["id"], id);
        close(&ind["score"], s);
        close(&ind["weight_in_dimension"], in_dim);
        close(&ind["weight_overall"], overall);
        close(&ind["points"], points);
    }
    let staff = &v["dimensions"][0]["indicators"][0];
    assert_eq!(staff["value"], 60);
    assert_eq!(staff["source"], "社保-B1");
    assert_eq!(staff["rule"]["text"], "linear: 10 → 0, 110 → 1");
    let statuses = |t: usize| -> Vec<String> {
        v["tiers"][t]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c["condition"].as_str().unwrap(),
                    c["status"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        statuses(0),
        [
            "total ≥ 80 failed",
            "tech ≥ 60 (min_each_dimension) failed",
            "service ≥ 60 (min_each_dimension) failed",
            "cs_level ≥ CS3 failed",
            "response ≤ 30 failed"
        ]
    );
    assert_eq!(statuses(1), ["total ≥ 50 held", "service ≥ 40 held"]);
    assert_eq!(v["vetoes"][0]["status"], "clear");
}

#[test]
fn explain_text_for_a_vetoed_provider() {
    let out = stdout_of(&[
        "explain",
        "-f",
        FW,
        "-e",
        EVIDENCE,
        "--providers",
        PROVIDERS,
        "delta",
    ]);
    golden("explain-delta.txt", &out);
}

#[test]
fn explain_unknown_provider_is_a_usage_error_naming_near_matches() {
    tierscore(&["explain", "-f", FW, "-e", EVIDENCE, "brav"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: no provider `brav` in the evidence; did you mean `bravo`?\n");
    tierscore(&["explain", "-f", FW, "-e", EVIDENCE, "zzz"])
        .assert()
        .code(2)
        .stderr("error: no provider `zzz` in the evidence; providers in the evidence: alpha, bravo, charlie, delta, echo\n");
}
