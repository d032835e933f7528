//! `init --expert-sheets`: one workbook per expert that reads back with
//! `--expert-scores` once filled in.

mod common;

use std::collections::HashMap;

use common::tierscore;
use tierscore::framework::{self, Lang};
use tierscore::panel::sheets::{self, Provider};

const FRAMEWORK: &str = "tests/fixtures/panel/panel.toml";

fn run(args: &[&str]) -> (i32, String, String) {
    let o = tierscore().args(args).output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// The experts' scores of tests/fixtures/panel/evidence.csv.
fn scores() -> HashMap<(&'static str, &'static str, &'static str), f64> {
    [
        ("zhang", "a", "solution", 80.0),
        ("li", "a", "solution", 90.0),
        ("wang", "a", "solution", 60.0),
        ("zhang", "a", "ai", 70.0),
        ("li", "a", "ai", 80.0),
        ("zhang", "b", "solution", 70.0),
        ("li", "b", "solution", 65.0),
        ("wang", "b", "solution", 95.0),
        ("zhang", "b", "ai", 40.0),
        ("li", "b", "ai", 50.0),
        ("zhang", "c", "solution", 68.0),
        ("li", "c", "solution", 100.0),
        ("wang", "c", "solution", 60.0),
        ("zhang", "c", "ai", 100.0),
        ("li", "c", "ai", 100.0),
    ]
    .into_iter()
    .map(|(e, p, i, v)| ((e, p, i), v))
    .collect()
}

#[test]
fn the_cli_writes_one_workbook_per_expert() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = run(&[
        "init",
        "--expert-sheets",
        d,
        "-f",
        FRAMEWORK,
        "--providers",
        "tests/fixtures/panel/providers.csv",
        "--experts",
        "zhang,li,wang",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3);
    for e in ["zhang", "li", "wang"] {
        assert!(
            std::fs::read(dir.path().join(format!("{e}.xlsx")))
                .unwrap()
                .starts_with(b"PK")
        );
    }
    // Unfilled sheets read back: every panel value is missing (3 providers × 2).
    let zhang = dir.path().join("zhang.xlsx");
    let (code, out, err) = run(&[
        "score",
        "-f",
        FRAMEWORK,
        "-e",
        "tests/fixtures/panel/staff.csv",
        "--expert-scores",
        zhang.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().skip(1).all(|l| l.ends_with(",2,")), "{out}");
    // Refuses to overwrite.
    let (code, _, err) = run(&[
        "init",
        "--expert-sheets",
        d,
        "-f",
        FRAMEWORK,
        "--providers",
        "tests/fixtures/panel/providers.csv",
        "--experts",
        "zhang",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    let (code, _, err) = run(&[
        "init",
        "--expert-sheets",
        d,
        "-f",
        FRAMEWORK,
        "--providers",
        "tests/fixtures/panel/providers.csv",
        "--experts",
        "../x",
    ]);
    assert_eq!(code, 2, "{err}");
}

/// Sheets filled in programmatically (the same writer, with values) and
/// scored give exactly the result of the long evidence file: totals derived
/// by hand in tests/panels.rs (a 91.20 city, b 54.00, c 92.32 enterprise).
#[test]
fn filled_sheets_round_trip_into_the_score() {
    let text = std::fs::read_to_string(FRAMEWORK).unwrap();
    let fw = framework::load_str(FRAMEWORK, &text).unwrap().framework;
    let providers: Vec<Provider> = ["a", "b", "c"]
        .iter()
        .map(|id| Provider {
            id: id.to_string(),
            name: String::new(),
        })
        .collect();
    let all = scores();
    let dir = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = [
        "score",
        "-f",
        FRAMEWORK,
        "-e",
        "tests/fixtures/panel/staff.csv",
        "--format",
        "csv",
        "--detail",
        "-q",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for expert in ["zhang", "li", "wang"] {
        let fill = |p: &str, i: &str| {
            all.iter()
                .find(|((e, pp, ii), _)| *e == expert && *pp == p && *ii == i)
                .map(|(_, v)| *v)
        };
        let bytes = sheets::workbook(&fw, &providers, expert, None, Lang::Zh, &fill).unwrap();
        let path = dir.path().join(format!("{expert}.xlsx"));
        std::fs::write(&path, bytes).unwrap();
        args.extend([
            "--expert-scores".to_string(),
            path.to_string_lossy().into_owned(),
        ]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "rank,provider,total,tier,quality,tech,missing,vetoed_by,solution,ai,staff\n\
         1,c,92.32,enterprise,80.80,100.00,0,,68.00,100.00,100.00\n\
         2,a,91.20,city,78.00,100.00,0,,80.00,75.00,100.00\n\
         3,b,54.00,enterprise,60.00,50.00,0,,70.00,45.00,50.00\n"
    );
    // The same expert in two files is a duplicate, located in the later file's cell.
    let zhang = dir.path().join("zhang.xlsx");
    let z = zhang.to_str().unwrap();
    let (code, _, err) = run(&[
        "score",
        "-f",
        FRAMEWORK,
        "-e",
        "tests/fixtures/panel/staff.csv",
        "--expert-scores",
        z,
        "--expert-scores",
        z,
    ]);
    assert_eq!(code, 1);
    let first = err.lines().find(|l| l.contains("error:")).unwrap();
    assert_eq!(
        first,
        format!(
            "{z}!scores!C4: error: expert `zhang` scored provider `a`, indicator `solution` twice (first at {z}:4)"
        )
    );
}

/// The example review's filled-in sheets (examples/panel/review/*.xlsx, used by
/// the README's walkthrough) are the init writer's workbooks with the scores of
/// examples/panel/evidence.csv, less li's scores of b (li is recused for b in
/// examples/panel/conflicts.csv, so li's sheet leaves b out), plus a fourth
/// expert, zhao, brought in for b (solution 75, ai 45). `UPDATE_GOLDEN=1`
/// rewrites them; otherwise the committed files must score to the totals below.
#[test]
fn example_review_sheets_score_as_derived_by_hand() {
    const EXAMPLE: &str = "examples/panel/panel.toml";
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let fw = framework::load_str(EXAMPLE, &text).unwrap().framework;
    let conflicts =
        tierscore::panel::conflicts::load("examples/panel/conflicts.csv", Default::default())
            .unwrap();
    let mut all = scores();
    all.retain(|(e, p, _), _| !(*e == "li" && *p == "b"));
    all.insert(("zhao", "b", "solution"), 75.0);
    all.insert(("zhao", "b", "ai"), 45.0);
    let providers: Vec<Provider> = [("a", "甲公司"), ("b", "乙公司"), ("c", "丙公司")]
        .iter()
        .map(|(id, name)| Provider {
            id: id.to_string(),
            name: name.to_string(),
        })
        .collect();
    let mut args = vec!["score", "-f", EXAMPLE, "-e", "examples/panel/staff.csv"];
    let paths: Vec<String> = ["li", "wang", "zhang", "zhao"]
        .iter()
        .map(|e| format!("examples/panel/review/{e}.xlsx"))
        .collect();
    for (expert, path) in ["li", "wang", "zhang", "zhao"].iter().zip(&paths) {
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            let fill = |p: &str, i: &str| all.get(&(*expert, p, i)).copied();
            let bytes =
                sheets::workbook(&fw, &providers, expert, Some(&conflicts), Lang::Zh, &fill)
                    .unwrap();
            std::fs::create_dir_all("examples/panel/review").unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        args.extend(["--expert-scores", path.as_str()]);
    }
    args.extend([
        "--conflicts",
        "examples/panel/conflicts.csv",
        "--format",
        "csv",
        "-q",
    ]);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    // a: solution trimmed mean of 60, 80, 90 → 80; ai mean of 70, 80 → 75;
    //    quality 0.6·80 + 0.4·75 = 78; staff 110 → 100; total 0.4·78 + 0.6·100 = 91.20.
    // b: solution trimmed mean of 70, 75, 95 → 75; ai mean of 40, 45 → 42.5;
    //    quality 0.6·75 + 0.4·42.5 = 62; staff 60 → 50; total 0.4·62 + 0.6·50 = 54.80.
    // c: solution trimmed mean of 60, 68, 100 → 68; ai 100; quality 80.80; total 92.32
    //    (solution 68 < 70 keeps c below 城市服务级).
    assert_eq!(
        out,
        "rank,provider,total,tier,quality,tech,missing,vetoed_by\n\
         1,c,92.32,enterprise,80.80,100.00,0,\n\
         2,a,91.20,city,78.00,100.00,0,\n\
         3,b,54.80,enterprise,62.00,50.00,0,\n"
    );
}
