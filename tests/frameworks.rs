//! The shipped frameworks (`indicators/*.toml`) against the shipped examples (`examples/`).
//!
//! These tests pin the tier spread and exact results of named providers, so a change to a
//! framework threshold, a weight or the example generator shows up here. Every expected row was
//! computed with the independent scorer `tests/oracle/score.py` (a separate Python implementation
//! of SPEC §2 and §6–§9, reading the same ledgers and registers), not pasted from tierscore's output. When a change is intended, rerun
//! `python3 examples/generate.py`, re-derive the rows with the oracle and update them here and in
//! docs/frameworks.md. Scenario tests (scope, floors, credit, small firms) are in
//! tests/frameworks_v2.rs.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (tests run the binary from there).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tierscore() -> Command {
    let mut cmd = Command::cargo_bin("tierscore").expect("the tierscore binary is built");
    cmd.current_dir(root());
    cmd
}

/// The example round of a category: `examples/<cat>/round.toml` names the framework, the
/// evidence (with the expert panels' rows), the provider attributes, the project ledger, the
/// certificate register, the as-of date 2026-06-30 and the previous round's results.
fn round(category: &str) -> String {
    format!("examples/{category}/round.toml")
}

/// `score --format csv` on a category's example round (another evidence file when given);
/// returns stdout. The only warnings are the certificates that expired before the as-of date,
/// `expired` of them.
fn score_csv(category: &str, evidence: Option<&str>, expired: usize) -> String {
    let mut cmd = tierscore();
    cmd.args(["score", "-r", &round(category), "--format", "csv"]);
    if let Some(e) = evidence {
        cmd.args(["-e", e]);
    }
    let out = cmd.assert().success().get_output().clone();
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), expired, "{category}: {stderr}");
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("a `certificates` record of provider")
                && w.contains("(as of 2026-06-30); it is left out of every derived value")),
        "{stderr}"
    );
    String::from_utf8(out.stdout).expect("CSV output is UTF-8")
}

/// The data rows of a score CSV, keyed by provider id (column 2).
fn rows(csv: &str) -> Vec<(String, String)> {
    csv.lines()
        .skip(1)
        .map(|line| {
            let provider = line
                .split(',')
                .nth(1)
                .expect("a provider column")
                .to_string();
            (provider, line.to_string())
        })
        .collect()
}

fn row_of<'a>(rows: &'a [(String, String)], provider: &str) -> &'a str {
    rows.iter()
        .find(|(p, _)| p == provider)
        .map(|(_, line)| line.as_str())
        .unwrap_or_else(|| panic!("provider {provider} is in the output"))
}

/// Number of providers per tier: regional, city, enterprise, incomplete, none, vetoed.
fn spread(rows: &[(String, String)]) -> [usize; 6] {
    let tiers = [
        "regional",
        "city",
        "enterprise",
        "incomplete",
        "none",
        "vetoed",
    ];
    let mut counts = [0; 6];
    for (_, line) in rows {
        let tier = line.split(',').nth(3).expect("a tier column");
        let i = tiers
            .iter()
            .position(|t| *t == tier)
            .unwrap_or_else(|| panic!("unknown tier {tier}"));
        counts[i] += 1;
    }
    counts
}

struct Case {
    category: &'static str,
    header: &'static str,
    count: usize,
    /// Certificates of the register that expired before the as-of date (one warning each).
    expired: usize,
    /// regional, city, enterprise, incomplete, none, vetoed
    spread: [usize; 6],
    /// Whole CSV rows: rank,provider,total,tier,<dimensions>,missing,vetoed_by
    expected: &'static [&'static str],
}

fn check(case: &Case) {
    let csv = score_csv(case.category, None, case.expired);
    assert_eq!(
        csv.lines().next(),
        Some(case.header),
        "{}: header",
        case.category
    );
    let rows = rows(&csv);
    assert_eq!(rows.len(), case.count, "{}: providers", case.category);
    let counts = spread(&rows);
    assert_eq!(
        counts, case.spread,
        "{}: tier spread (regional, city, enterprise, incomplete, none, vetoed)",
        case.category
    );
    // a plausible round: every grade is held, most firms get one, and vetoes are rare
    assert!(counts[..3].iter().all(|&n| n >= 1), "{}", case.category);
    assert!(
        counts[5] * 100 <= case.count * 8,
        "{}: veto rate",
        case.category
    );
    for expected in case.expected {
        let provider = expected.split(',').nth(1).expect("a provider column");
        assert_eq!(
            row_of(&rows, provider),
            *expected,
            "{}: {provider}",
            case.category
        );
    }
}

// The `missing` column counts certificate indicators without a valid certificate (a `max` over
// no rows is missing and scores 0 under `missing = "zero"`).

#[test]
fn planning_consulting_examples_spread_over_every_tier() {
    check(&Case {
        category: "planning",
        header: "rank,provider,total,tier,professional,quality,innovation,scope,data_security,credit,missing,vetoed_by",
        count: 30,
        expired: 3,
        spread: [3, 5, 12, 0, 8, 2],
        expected: &[
            // 甲级 in 电子、信息工程 (and one in 公路, which does not count); its ISO 27001
            // expired on 2026-03-16, so security counts no ISO
            "2,huihua,93.00,regional,100.00,100.00,85.00,100.00,25.00,80.00,1,",
            // 甲级 and a regional total, but quality 75.13 < the regional floor 80
            "7,xinan,85.23,city,90.34,75.13,69.50,100.00,84.00,100.00,0,",
            // quality 64.43 is below the city floor 70
            "9,anbo,83.38,enterprise,86.90,64.43,94.50,94.00,92.00,88.00,0,",
            // credit 44 (tax C and a penalty) is below even the enterprise floor 60
            "3,huiding,89.54,none,98.30,91.67,70.50,100.00,92.00,44.00,0,",
            // tax credit D: no grade at any total
            "12,lianrong,81.42,none,78.10,95.01,38.00,100.00,92.00,40.00,0,",
            // its 资信 乙级 expired on 2026-01-22, before the as-of date: no ec_yi_it gate, not city
            "19,taicheng,71.45,enterprise,55.68,78.38,42.00,94.00,60.00,80.00,2,",
            "1,anding,94.46,vetoed,99.60,98.72,91.50,100.00,60.00,64.00,1,consulting_blacklist",
            "10,huahe,82.86,vetoed,92.40,64.87,75.50,100.00,84.00,88.00,0,abnormal_operations",
        ],
    });
}

#[test]
fn construction_examples_spread_over_every_tier() {
    check(&Case {
        category: "construction",
        header: "rank,provider,total,tier,capability,delivery,innovation,scope,security,credit,missing,vetoed_by",
        count: 42,
        expired: 5,
        spread: [1, 6, 15, 0, 18, 2],
        expected: &[
            "3,huakai,82.33,regional,58.00,89.93,93.33,80.00,85.00,90.00,2,",
            // the best total, but its only CS certificate (CS4) expired on 2026-04-13, so
            // cs2_certs = 0 fails the city gate: enterprise
            "1,tailian,88.68,enterprise,65.00,100.00,91.17,100.00,40.00,100.00,2,",
            // a valid CS4, scope and delivery for regional, but enterprise in 2025: the step-up
            // rule (at most one tier a round) caps it at city
            "2,chuanghan,82.43,city,64.13,83.93,88.17,100.00,40.00,100.00,2,",
            // excellent delivery, no valid CS2: enterprise
            "9,darui,71.43,enterprise,44.00,100.00,84.17,40.00,0.00,90.00,3,",
            // a 31-person firm with 98.63 delivery reaches a grade without size
            "17,bohong,64.12,enterprise,45.50,98.63,65.00,5.00,0.00,100.00,2,",
            // tax credit D
            "27,kairui,56.14,none,44.00,98.63,34.61,17.50,0.00,50.00,3,",
            "4,anhua,81.93,vetoed,53.50,77.80,93.33,100.00,100.00,100.00,2,major_safety_accident",
            "31,hecheng,53.60,vetoed,45.88,48.60,73.61,42.50,0.00,100.00,2,illegal_subcontracting",
        ],
    });
}

#[test]
fn operations_examples_spread_over_every_tier() {
    check(&Case {
        category: "operations",
        header: "rank,provider,total,tier,capability,service_level,outcomes,scope,security,credit,missing,vetoed_by",
        count: 34,
        expired: 7,
        spread: [3, 8, 13, 0, 8, 2],
        expected: &[
            "1,dingbo,88.93,regional,94.10,83.27,95.19,86.67,73.75,100.00,1,",
            // its ITSS 三级 expired on 2026-02-16; the 四级 it still holds keeps it city
            "4,xingtian,81.91,city,71.00,98.70,44.44,100.00,30.00,100.00,2,",
            // no valid ITSS certificate: at most enterprise
            "11,zhengheng,72.44,enterprise,58.30,78.78,49.18,91.21,67.00,88.00,2,",
            // tax credit D
            "27,fengtuo,56.47,none,63.30,79.88,43.33,58.33,12.00,0.00,2,",
            // MTTR not declared: missing, scored 0
            "30,huahe,53.27,none,58.45,38.15,21.11,82.08,55.00,100.00,3,",
            "6,hansheng,78.38,vetoed,71.00,91.95,100.00,36.67,30.00,100.00,2,data_security_penalty",
            "28,fengding,53.80,vetoed,61.00,42.68,84.07,25.00,30.00,88.00,2,abnormal_operations",
        ],
    });
}

#[test]
fn operations_wide_file_scores_like_the_long_file() {
    // The wide file has no expert column: its panel indicator (aiops_review) is left out, so
    // compare with the long file minus its expert rows.
    let long = std::fs::read_to_string(root().join("examples/operations-evidence.csv"))
        .expect("the long file");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let without = dir.path().join("long.csv");
    let kept: Vec<&str> = long
        .lines()
        .filter(|l| !l.contains(",aiops_review,"))
        .collect();
    std::fs::write(&without, kept.join("\n") + "\n").expect("written");
    let long = score_csv("operations", Some(&without.to_string_lossy()), 7);
    let wide = score_csv("operations", Some("examples/operations-wide.csv"), 7);
    assert_eq!(wide, long);
}

#[test]
fn construction_self_declared_overclaims_change_tiers() {
    let declared = rows(&score_csv(
        "construction",
        Some("examples/construction-self.csv"),
        5,
    ));
    let verified = rows(&score_csv(
        "construction",
        Some("examples/construction-verified.csv"),
        5,
    ));
    assert_eq!(declared.len(), 42);
    assert_eq!(verified.len(), 42);
    let total_tier = |rows: &[(String, String)], p: &str| -> String {
        row_of(rows, p)
            .split(',')
            .skip(2)
            .take(2)
            .collect::<Vec<_>>()
            .join(",")
    };
    // (oracle) claims tax credit A; the verified grade is D
    assert_eq!(total_tier(&declared, "kairui"), "61.14,enterprise");
    assert_eq!(total_tier(&verified, "kairui"), "56.14,none");
    // a client rating that could not be proved: missing once verified, scored 0
    assert_eq!(total_tier(&declared, "zhengming"), "66.80,enterprise");
    assert_eq!(total_tier(&verified, "zhengming"), "58.53,none");
    // rounds its client rating up to 95
    assert_eq!(total_tier(&declared, "lanhong"), "48.23,none");
    assert_eq!(total_tier(&verified, "lanhong"), "46.30,none");
    // the ledgers are the same on both sides: an expired CS4 cannot be claimed in the evidence
    assert_eq!(total_tier(&declared, "tailian"), "88.68,enterprise");
    assert_eq!(total_tier(&verified, "tailian"), "88.68,enterprise");
}

#[test]
fn construction_compare_flags_the_overclaimers() {
    let out = tierscore()
        .args(["--quiet", "compare", "-f", "indicators/construction.toml"])
        .args(["--self", "examples/construction-self.csv"])
        .args(["--verified", "examples/construction-verified.csv"])
        .args(["--records", "projects=examples/construction/projects.csv"])
        .args([
            "--records",
            "certificates=examples/construction/certificates.csv",
        ])
        .args(["--as-of", "2026-06-30", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Totals and tiers from the oracle on both files (no --previous: no progression caps). A
    // provider claims every indicator that has a value: the 34 of the framework less its
    // missing ones (certificate indicators without a valid certificate), so integrity =
    // 1 − overclaims/claimed: kairui 1 − 1/31 = 0.97 (tax_credit); lanhong 1 − 1/31 = 0.97
    // (client_rating); lianlan 1 − 2/31 = 0.94 (certified_pm_share, rd_ratio); shengrong
    // 1 − 2/30 = 0.93 (certified_pm_share, client_rating). Unverified: hanchen rd_ratio and
    // xinchuang_certs; zhengming client_rating (missing once verified, scored 0).
    let csv = String::from_utf8(out).expect("UTF-8");
    let changed: Vec<&str> = csv
        .lines()
        .filter(|l| {
            let c: Vec<&str> = l.split(',').collect();
            c[1] != c[2] || c[3] != c[4] || c[5] != "0" || c[6] != "0"
        })
        .collect();
    assert_eq!(
        changed,
        [
            "provider,self_total,verified_total,self_tier,verified_tier,overclaims,unverified,integrity",
            "hanchen,43.89,42.02,none,none,0,2,1.00",
            "kairui,61.14,56.14,enterprise,none,1,0,0.97",
            "lanhong,48.23,46.30,none,none,1,0,0.97",
            "lianlan,58.54,55.54,none,none,2,0,0.94",
            "shengrong,63.13,60.48,enterprise,enterprise,2,0,0.93",
            "zhengming,66.80,58.53,enterprise,none,0,1,1.00",
        ]
    );
    assert_eq!(csv.lines().count(), 43, "every provider of the round");
}

#[test]
fn regional_view_names_each_region_s_weak_spot() {
    // (framework, evidence prefix, "group:weakest_dimension" per home city, the `all` row's
    // providers and tier counts: regional, city, enterprise, incomplete, none, vetoed), re-derived
    // with the oracle's dimension scores averaged per region
    let cases = [
        (
            "planning-consulting",
            "planning",
            "上海:data_security 丽水:data_security 南京:data_security 台州:innovation 嘉兴:innovation 宁波:data_security 杭州:innovation 温州:innovation 湖州:data_security 舟山:data_security 衢州:innovation 金华:innovation all:data_security",
            "30,3,5,12,0,8,2",
        ),
        (
            "construction",
            "construction",
            "上海:security 南京:security 台州:capability 嘉兴:security 宁波:security 杭州:security 温州:security 绍兴:security 舟山:capability all:security",
            "42,1,6,15,0,18,2",
        ),
        (
            "operations",
            "operations",
            "上海:security 丽水:scope 台州:security 合肥:security 嘉兴:outcomes 宁波:outcomes 杭州:outcomes 温州:security 湖州:security 绍兴:scope 苏州:outcomes 衢州:credit 金华:outcomes all:security",
            "34,3,8,13,0,8,2",
        ),
    ];
    for (framework, prefix, weakest, all_counts) in cases {
        assert!(framework.len() > 1);
        let out = tierscore()
            .args(["--quiet", "summary", "-r", &round(prefix)])
            .args(["--by", "region", "--format", "csv"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let csv = String::from_utf8(out).expect("UTF-8");
        let got: Vec<String> = csv
            .lines()
            .skip(1)
            .map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                format!("{}:{}", cells[0], cells[cells.len() - 1])
            })
            .collect();
        assert_eq!(
            got.join(" "),
            weakest,
            "{framework}: weakest dimension per region"
        );
        let all = csv.lines().last().expect("an `all` row");
        let counts: Vec<&str> = all.split(',').skip(1).take(7).collect();
        assert_eq!(
            counts.join(","),
            all_counts,
            "{framework}: providers and tier counts"
        );
    }
}

#[test]
fn gap_names_what_holds_each_near_miss_back() {
    let out = tierscore()
        .args(["--quiet", "gap", "-r", "examples/construction/round.toml"])
        .args(["--provider", "tailian", "--provider", "shengda"])
        .args(["--provider", "darui", "--provider", "kairui"])
        .args(["--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).expect("UTF-8");
    let unmet: Vec<&str> = csv
        .lines()
        .filter(|l| !l.contains(",opportunity,"))
        .collect();
    // By hand from the rows and registers: tailian's only CS (CS4) expired on 2026-04-13, so it
    // has no valid CS2-or-better certificate for the city gate; shengda misses the regional
    // total 80 by 80 − 72.95 = 7.05 and the delivery floor by 80 − 79.66 = 0.34, and its CMMI ML3
    // (valid until 2026-11-13) expires 136 days after the as-of date (31 + 31 + 30 + 31 + 13);
    // darui holds no valid CS2; kairui is 60 − 56.14 = 3.86 under 60, its credit 50 under 60,
    // and its tax D (0) under C (0.4).
    assert_eq!(
        unmet,
        [
            "provider,current_tier,target_tier,kind,item,current,required,shortfall,points_available,value_needed",
            "tailian,enterprise,city,indicator,cs2_certs,0.00,1.00,1.00,,",
            "shengda,city,regional,total,total,72.95,80.00,7.05,,",
            "shengda,city,regional,dimension,delivery,79.66,80.00,0.34,,",
            "shengda,city,regional,expiring,cmmi_level,2026-11-13,136,,,",
            "darui,enterprise,city,indicator,cs2_certs,0.00,1.00,1.00,,",
            "kairui,none,enterprise,total,total,56.14,60.00,3.86,,",
            "kairui,none,enterprise,dimension,credit,50.00,60.00,10.00,,",
            "kairui,none,enterprise,indicator,tax_credit,D,C,0.40,,",
        ]
    );
}

#[test]
fn explain_shows_the_expired_certificate_behind_a_failed_gate() {
    // tailian's CS4 (examples/construction/certificates.csv line 64) ended on 2026-04-13, before
    // the as-of date 2026-06-30: the gate counts drop to 0, and explain names the row and why.
    let out = tierscore()
        .args([
            "--quiet",
            "explain",
            "-r",
            "examples/construction/round.toml",
        ])
        .args(["tailian", "--lang", "en"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    let gate = text
        .split("\n  cs2_certs = ")
        .nth(1)
        .expect("the cs2_certs derivation is explained");
    let lines: Vec<&str> = gate.lines().take(2).collect();
    assert_eq!(
        lines,
        [
            "0: count of `certificates` with scheme = CS, level_rank ≥ 2",
            "    left   examples/construction/certificates.csv:64  scheme=CS level_rank=4  — expired 2026-04-13",
        ]
    );
}

#[test]
fn every_shipped_framework_validates_strictly() {
    let dir = root().join("indicators");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("indicators/ exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let names: Vec<&str> = files
        .iter()
        .map(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .expect("a UTF-8 file name")
        })
        .collect();
    for shipped in [
        "construction.toml",
        "operations.toml",
        "planning-consulting.toml",
    ] {
        assert!(names.contains(&shipped), "indicators/{shipped} is missing");
    }
    for file in &files {
        tierscore()
            .args(["validate", "--strict"])
            .arg(file)
            .assert()
            .success();
    }
    // and together, as CI runs them
    tierscore()
        .args(["validate", "--strict"])
        .args(
            files
                .iter()
                .map(|p| p.strip_prefix(root()).unwrap_or(p.as_path())),
        )
        .assert()
        .success();
}

/// `validate -e` and `score` load the same run, so they agree on every shipped example round:
/// the only warnings are the certificates that expired before the as-of date (a warning by
/// design, so `--strict` refuses the round until the register is brought up to date).
#[test]
fn every_example_round_validates_with_only_expiry_warnings() {
    for (category, framework, evidence, expired) in [
        ("planning", "planning-consulting", "planning-evidence", 3),
        ("construction", "construction", "construction-evidence", 5),
        ("construction", "construction", "construction-self", 5),
        ("construction", "construction", "construction-verified", 5),
        ("operations", "operations", "operations-evidence", 7),
        ("operations", "operations", "operations-wide", 7),
    ] {
        let evidence = format!("examples/{evidence}.csv");
        let framework = format!("indicators/{framework}.toml");
        let projects = format!("projects=examples/{category}/projects.csv");
        let certificates = format!("certificates=examples/{category}/certificates.csv");
        let previous = format!("examples/{category}/results-2025.csv");
        let validate = [
            "validate",
            &framework,
            "--evidence",
            &evidence,
            "--records",
            &projects,
            "--records",
            &certificates,
            "--as-of",
            "2026-06-30",
            "--previous",
            &previous,
        ];
        let round = round(category);
        let score = ["score", "-r", &round, "-e", &evidence];
        for command in [&validate[..], &score[..]] {
            let out = tierscore()
                .args(command)
                .assert()
                .success()
                .get_output()
                .clone();
            let stderr = String::from_utf8(out.stderr).expect("UTF-8");
            let warnings = stderr.lines().filter(|l| l.contains("warning:")).count();
            let expiries = stderr
                .matches("it is left out of every derived value")
                .count();
            assert_eq!(
                (warnings, expiries),
                (expired, expired),
                "{evidence}: {stderr}"
            );
        }
        tierscore()
            .args(["score", "--strict", "-r", &round, "-e", &evidence])
            .assert()
            .code(1);
    }
}

#[test]
fn shipped_frameworks_have_six_dimensions_and_at_most_thirty_four_indicators() {
    // (file, dimensions, indicators including weight-0 gate and veto flags)
    for (name, dims, inds) in [
        ("planning-consulting", 6, 29),
        ("construction", 6, 34),
        ("operations", 6, 32),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("indicators/{name}.toml"));
        let text = std::fs::read_to_string(&path).expect("the framework is readable");
        let count = |header: &str| text.lines().filter(|l| l.trim() == header).count();
        assert_eq!(count("[[dimension]]"), dims, "{name}: dimensions");
        assert_eq!(count("[[dimension.indicator]]"), inds, "{name}: indicators");
        assert_eq!(count("[[tier]]"), 3, "{name}: tiers");
    }
}

/// A CSV file of the examples as rows of named cells (the example files hold no quoted commas).
fn table(path: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(root().join(path)).expect("the example file is readable");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("a header")
        .split(',')
        .map(String::from)
        .collect();
    lines
        .map(|line| {
            header
                .iter()
                .cloned()
                .zip(line.split(',').map(String::from))
                .collect()
        })
        .collect()
}

/// `provider → indicator → value` of a long evidence file.
fn evidence(
    path: &str,
) -> std::collections::HashMap<String, std::collections::HashMap<String, String>> {
    let mut out: std::collections::HashMap<_, std::collections::HashMap<_, _>> = Default::default();
    for row in table(path) {
        out.entry(row["provider"].clone())
            .or_default()
            .insert(row["indicator"].clone(), row["value"].clone());
    }
    out
}

fn num(value: &str) -> f64 {
    value
        .parse()
        .unwrap_or_else(|_| panic!("a number: {value}"))
}

/// Certificates valid on the as-of date 2026-06-30 (ISO dates compare as text).
fn valid_certificates(path: &str) -> Vec<std::collections::HashMap<String, String>> {
    table(path)
        .into_iter()
        .filter(|c| {
            c["valid_from"].as_str() <= "2026-06-30" && "2026-06-30" <= c["valid_until"].as_str()
        })
        .collect()
}

#[test]
fn every_certificate_in_the_examples_meets_the_scheme_it_claims() {
    // 资信 (电子、信息工程): 甲级 ≥ 12 consulting engineers, an 8-year tech lead, 5 years in
    // business, 30 deliverables; 乙级 6 / 6 / 3 / 15 (国家发展改革委令2017年第9号)
    let providers = table("examples/planning-providers.csv");
    let values = evidence("examples/planning-evidence.csv");
    let it = "电子、信息工程（含通信、广电、信息化）";
    let mut graded = 0;
    for c in valid_certificates("examples/planning/certificates.csv") {
        if c["scheme"] != "资信" || c["specialty"] != it {
            continue;
        }
        let p = providers
            .iter()
            .find(|p| p["provider"] == c["provider"])
            .expect("a provider");
        let v = &values[&c["provider"]];
        let (engineers, lead, years, deliverables) = match c["level"].as_str() {
            "甲级" => (12.0, 8.0, 5.0, 30.0),
            "乙级" => (6.0, 6.0, 3.0, 15.0),
            _ => (4.0, 0.0, 0.0, 0.0),
        };
        let who = &c["provider"];
        assert!(num(&p["consulting_engineers"]) >= engineers, "{who}");
        assert!(num(&v["tech_lead_years"]) >= lead, "{who}");
        assert!(2026.0 - num(&p["founded"]) >= years, "{who}");
        // deliverables: projects accepted in (2023-06-30, 2026-06-30], counted from the ledger
        let accepted = table("examples/planning/projects.csv")
            .into_iter()
            .filter(|r| &r["provider"] == who)
            .filter(|r| {
                "2023-06-30" < r["accepted"].as_str() && r["accepted"].as_str() <= "2026-06-30"
            })
            .count();
        assert!(accepted as f64 >= deliverables, "{who}");
        graded += 1;
    }
    assert!(graded >= 10, "{graded} valid 资信 grades");

    // 电子与智能化 一级: net assets ≥ 2000 万元 and ≥ 6 class-1 constructors; 二级 ≥ 800, ≥ 2;
    // CS3 and above only with 150+ staff
    let providers = table("examples/construction-providers.csv");
    for c in valid_certificates("examples/construction/certificates.csv") {
        let p = providers
            .iter()
            .find(|p| p["provider"] == c["provider"])
            .expect("a provider");
        let who = &c["provider"];
        match (c["scheme"].as_str(), c["level"].as_str()) {
            ("电子与智能化", "一级") => {
                assert!(
                    num(&p["net_assets"]) >= 2000.0 && num(&p["class1_constructors"]) >= 6.0,
                    "{who}"
                )
            }
            ("电子与智能化", _) => {
                assert!(
                    num(&p["net_assets"]) >= 800.0 && num(&p["class1_constructors"]) >= 2.0,
                    "{who}"
                )
            }
            ("CS", "CS3" | "CS4" | "CS5") => assert!(num(&p["staff"]) >= 150.0, "{who}"),
            _ => {}
        }
    }
    // an expired certificate does not count: tailian's CS4 ended 2026-04-13
    let all = table("examples/construction/certificates.csv");
    assert!(
        all.iter()
            .any(|c| c["provider"] == "tailian" && c["scheme"] == "CS")
    );
    assert!(
        !valid_certificates("examples/construction/certificates.csv")
            .iter()
            .any(|c| c["provider"] == "tailian" && c["scheme"] == "CS")
    );

    // ITSS 三级 and above only after two years of O&M
    let providers = table("examples/operations-providers.csv");
    for c in valid_certificates("examples/operations/certificates.csv") {
        if c["scheme"] == "ITSS运维" && c["level"] != "四级" {
            let p = providers
                .iter()
                .find(|p| p["provider"] == c["provider"])
                .expect("a provider");
            assert!(num(&p["om_years"]) >= 2.0, "{}", c["provider"]);
        }
    }
}

#[test]
fn the_previous_round_and_this_one_show_movement_both_ways() {
    // Counts of `movement` per category between examples/<cat>/results-2025.csv (the previous
    // round) and this round's results, re-derived with the oracle's tiers of
    // examples/<cat>/evidence-2025.csv and examples/<cat>-evidence.csv (none and vetoed level,
    // below every grade). Every firm of 2026 was there in 2025 (none was founded after 2024).
    for (framework, prefix, expected) in [
        (
            "planning-consulting",
            "planning",
            [("down", 6), ("same", 19), ("up", 5)],
        ),
        (
            "construction",
            "construction",
            [("down", 4), ("same", 27), ("up", 11)],
        ),
        (
            "operations",
            "operations",
            [("down", 6), ("same", 16), ("up", 12)],
        ),
    ] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let now = dir.path().join("results-2026.csv");
        let framework = format!("indicators/{framework}.toml");
        tierscore()
            .args(["--quiet", "score", "-r", &round(prefix)])
            .args(["--format", "csv", "-o"])
            .arg(&now)
            .assert()
            .success();
        let out = tierscore()
            .args(["trend", "-f", &framework])
            .arg(format!("examples/{prefix}/results-2025.csv"))
            .arg(&now)
            .args(["--format", "csv"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let csv = String::from_utf8(out).expect("UTF-8");
        let mut counts = std::collections::BTreeMap::new();
        for line in csv.lines().skip(1) {
            let movement = line.rsplit(',').next().expect("a movement column");
            *counts.entry(movement.to_string()).or_insert(0) += 1;
        }
        let expected: std::collections::BTreeMap<String, i32> =
            expected.iter().map(|(m, n)| (m.to_string(), *n)).collect();
        assert_eq!(counts, expected, "{prefix}");
    }
}
