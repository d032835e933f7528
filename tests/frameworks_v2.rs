//! Named scenario providers against each shipped framework, built from ledgers: what a grade
//! must mean.
//!
//! Each framework gets a `star` provider whose project ledger, certificate register and declared
//! values put every indicator at its target (every dimension 100, total 100, regional). Each
//! scenario changes a few declared values, ledger rows or certificates; the expected totals are
//! worked out by hand in the comments (dimension and indicator weights are those of
//! `indicators/*.toml`; a linear indicator scores clamp((v − floor)/(target − floor)); a
//! certificate indicator is the highest valid `level_rank`, scored by its bands, and missing
//! (scored 0) without a valid certificate). Everything is scored on the as-of date 2026-06-30
//! without a previous round, so no progression cap applies.

use std::path::Path;

use assert_cmd::Command;

fn tierscore() -> Command {
    let mut cmd = Command::cargo_bin("tierscore").expect("the tierscore binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// One scenario provider: overrides of the star's declared values (a panel indicator's value is
/// given by five experts, all with that score), its projects and its certificates (CSV rows
/// without the provider column), and its `net_assets` attribute.
struct Provider<'a> {
    name: &'a str,
    values: Vec<(&'a str, &'a str)>,
    projects: Vec<String>,
    certificates: Vec<String>,
    net_assets: &'a str,
}

/// Scores `providers` with `framework` (declared values of `star` unless overridden; `panel`
/// names the panel indicator); returns `provider → "total,tier,<dimensions>"`.
fn score(
    framework: &str,
    (projects_header, certificates_header): (&str, &str),
    star: &[(&str, &str)],
    panel: &str,
    providers: &[Provider],
) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let mut evidence = String::from("provider,indicator,value,expert\n");
    let mut attributes = String::from("provider,net_assets\n");
    let mut projects = format!("provider,{projects_header}\n");
    let mut certificates = format!("provider,{certificates_header}\n");
    for p in providers {
        attributes.push_str(&format!("{},{}\n", p.name, p.net_assets));
        for (id, value) in star {
            let value = p
                .values
                .iter()
                .find(|(k, _)| k == id)
                .map_or(*value, |(_, v)| *v);
            if *id == panel {
                for expert in ["e1", "e2", "e3", "e4", "e5"] {
                    evidence.push_str(&format!("{},{id},{value},{expert}\n", p.name));
                }
            } else {
                evidence.push_str(&format!("{},{id},{value},\n", p.name));
            }
        }
        for row in &p.projects {
            projects.push_str(&format!("{},{row}\n", p.name));
        }
        for row in &p.certificates {
            certificates.push_str(&format!("{},{row}\n", p.name));
        }
    }
    for (name, text) in [
        ("evidence.csv", &evidence),
        ("providers.csv", &attributes),
        ("projects.csv", &projects),
        ("certificates.csv", &certificates),
    ] {
        std::fs::write(file(name), text).expect("written");
    }
    let out = tierscore()
        .args(["--quiet", "score", "-f", framework])
        .args(["-e", &file("evidence.csv")])
        .args(["--providers", &file("providers.csv")])
        .args(["--records", &format!("projects={}", file("projects.csv"))])
        .args([
            "--records",
            &format!("certificates={}", file("certificates.csv")),
        ])
        .args(["--as-of", "2026-06-30", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let n = cells.len();
            (cells[1].to_string(), cells[2..n - 2].join(","))
        })
        .collect()
}

fn result<'a>(rows: &'a [(String, String)], provider: &str) -> &'a str {
    rows.iter()
        .find(|(p, _)| p == provider)
        .map(|(_, r)| r.as_str())
        .unwrap_or_else(|| panic!("{provider} is scored"))
}

/// A certificate row valid from 2024-01-01 until `until`.
fn cert(no: &str, scheme: &str, level: &str, rank: u8, specialty: &str, until: &str) -> String {
    format!("{no},{scheme},{level},{rank},{specialty},2024-01-01,{until}")
}

const CERTIFICATES: &str = "cert_no,scheme,level,level_rank,specialty,valid_from,valid_until";

fn provider<'a>(
    name: &'a str,
    values: &[(&'a str, &'a str)],
    projects: Vec<String>,
    certificates: Vec<String>,
) -> Provider<'a> {
    Provider {
        name,
        values: values.to_vec(),
        projects,
        certificates,
        net_assets: "4000",
    }
}

#[path = "frameworks_v2/construction.rs"]
mod construction;
#[path = "frameworks_v2/operations.rs"]
mod operations;
#[path = "frameworks_v2/planning.rs"]
mod planning;

/// The frameworks these scenarios read exist.
#[test]
fn the_scenario_frameworks_are_shipped() {
    for f in [
        construction::FRAMEWORK,
        planning::FRAMEWORK,
        operations::FRAMEWORK,
    ] {
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(f).exists(),
            "{f}"
        );
    }
}
