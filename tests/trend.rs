//! `tierscore trend`: providers across rounds, run through the real binary.

mod common;

use common::tierscore;

const R1: &str = "tests/fixtures/rounds/r1.csv";
const R2: &str = "tests/fixtures/rounds/r2.csv";
const R3: &str = "tests/fixtures/rounds/r3.json";
const MINI: &str = "tests/fixtures/mini.toml";

fn run(args: &[&str]) -> (i32, String, String) {
    let o = tierscore().arg("trend").args(args).output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// Hand-derived from the three fixture rounds (tiers gold > silver; none,
/// incomplete and vetoed level below them):
/// a gold 88.50 → silver 70.25: down, 70.25 − 88.50 = −18.25;
/// b gold → gold: same, 83 − 82 = 1; c in r1, absent in r2, back in r3: new;
/// d absent from r3: left; e only in r3: new; f none → incomplete: same,
/// 48 − 45.5 = 2.5; g none → silver: up, 50 − 45 = 5; h only in r1: left.
const EXPECTED_CSV: &str = "\
provider,r1_total,r1_tier,r2_total,r2_tier,r3_total,r3_tier,change,movement
a,85.00,gold,88.50,gold,70.25,silver,-18.25,down
b,60.00,silver,82.00,gold,83.00,gold,1.00,same
c,40.00,none,,,55.00,silver,,new
d,52.00,silver,51.00,silver,,,,left
e,,,,,30.00,none,,new
f,70.00,vetoed,45.50,none,48.00,incomplete,2.50,same
g,,,45.00,none,50.00,silver,5.00,up
h,41.00,none,,,,,,left
";

#[test]
fn csv_columns_and_movements_are_exact() {
    let (code, out, err) = run(&["-f", MINI, R1, R2, R3, "--format", "csv"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, EXPECTED_CSV);
}

#[test]
fn without_a_framework_the_order_is_inferred_with_a_warning() {
    let (code, out, err) = run(&[R1, R2, R3, "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(out, EXPECTED_CSV);
    assert_eq!(
        err.lines().next().unwrap(),
        "tests/fixtures/rounds/r1.csv: warning: no framework given: tier order inferred from the totals as gold > silver"
    );
}

#[test]
fn labels_name_the_columns() {
    let (code, out, _) = run(&[
        "-f", MINI, R2, R3, "--label", "2025", "--label", "2026", "--format", "csv",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().next().unwrap(),
        "provider,2025_total,2025_tier,2026_total,2026_tier,change,movement"
    );
    let (code, _, err) = run(&[R2, R3, "--label", "2025"]);
    assert_eq!(code, 2);
    assert!(err.contains("1 --label(s) for 2 result files"), "{err}");
    let (code, _, err) = run(&[R2, R2]);
    assert_eq!(code, 2);
    assert!(err.contains("two rounds are labelled `r2`"), "{err}");
}

#[test]
fn json_keeps_unrounded_numbers_and_absent_rounds_as_null() {
    let (code, out, _) = run(&["-f", MINI, R2, R3, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["framework"]["id"], "mini");
    assert_eq!(v["rounds"], serde_json::json!(["r2", "r3"]));
    let a = &v["providers"][0];
    assert_eq!(a["provider"], "a");
    assert_eq!(a["rounds"]["r3"]["total"], 70.25);
    assert_eq!(a["change"], 70.25 - 88.5);
    assert_eq!(a["movement"], "down");
    let c = &v["providers"][2];
    assert_eq!(
        (c["provider"].as_str(), c["rounds"]["r2"].is_null()),
        (Some("c"), true)
    );
}

#[test]
fn groups_count_tiers_per_round() {
    let (code, out, _) = run(&[
        "-f",
        MINI,
        R2,
        R3,
        "--by",
        "region",
        "--providers",
        "tests/fixtures/rounds/providers.csv",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    // r2: a gold 厦门, b gold 福州, d silver 福州, f none 厦门, g none (no region);
    // r3: b gold 福州, a silver 厦门, c silver 厦门, g silver (none), f incomplete 厦门, e none 泉州.
    assert_eq!(
        out,
        "\
group,round,providers,gold,silver,incomplete,none,vetoed
厦门,r2,2,1,0,0,1,0
厦门,r3,3,0,2,1,0,0
泉州,r2,0,0,0,0,0,0
泉州,r3,1,0,0,0,1,0
福州,r2,2,1,1,0,0,0
福州,r3,1,1,0,0,0,0
(none),r2,1,0,0,0,1,0
(none),r3,1,0,1,0,0,0
all,r2,5,2,1,0,2,0
all,r3,6,1,3,1,1,0
"
    );
}

#[test]
fn rounds_of_another_framework_are_refused() {
    let other = "tests/bad_inputs/results/other-framework.json";
    let (code, out, err) = run(&[other, R3]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err.lines().next().unwrap(),
        "tests/fixtures/rounds/r3.json:2:23: error: these results are of framework `mini`, but tests/bad_inputs/results/other-framework.json is of `construction`"
    );
    let (code, _, err) = run(&["-f", MINI, other, R2]);
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().next().unwrap(),
        "tests/bad_inputs/results/other-framework.json:2:23: error: these results are of framework `construction`, not `mini`"
    );
}

#[test]
fn xlsx_is_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trend.xlsx");
    let o = tierscore()
        .args(["trend", "-f", MINI, R1, R2, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
}
