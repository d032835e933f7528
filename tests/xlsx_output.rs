//! Excel output: `score -o FILE.xlsx` holds the same numbers as the CSV output,
//! text stays text, and a `framework` sheet documents the framework.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{fixture, temp_file, tierscore};

fn read_all(path: &str, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("a workbook");
    let range = wb.worksheet_range(sheet).expect("the sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn score_csv(args: &[&str]) -> String {
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
        ])
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn xlsx_scores_match_the_csv_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.xlsx");
    let path = path.to_string_lossy().into_owned();
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
        ])
        .args(["--detail", "-o", &path])
        .assert()
        .success()
        .stdout("");
    let csv = score_csv(&["--detail"]);
    let sheet = read_all(&path, "scores");
    let expected: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(sheet.len(), expected.len());
    for (row, want) in sheet.iter().zip(&expected) {
        assert_eq!(row.len(), want.len());
        for (cell, text) in row.iter().zip(want) {
            match cell {
                Data::Float(x) => assert_eq!(*x, text.parse::<f64>().unwrap(), "{text}"),
                Data::String(s) => assert_eq!(s, text),
                Data::Empty => assert_eq!(*text, ""),
                other => panic!("unexpected cell {other:?} for {text}"),
            }
        }
    }
    // Numbers are numbers, not text.
    assert_eq!(sheet[1][0], Data::Float(1.0));
    assert_eq!(sheet[1][2], Data::Float(97.3));
}

#[test]
fn format_follows_the_extension_unless_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.xlsx");
    let path = path.to_string_lossy().into_owned();
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
        ])
        .args(["-o", &path, "--format", "csv"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("rank,provider,total,tier"));
}

#[test]
fn framework_sheet_documents_the_framework() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.xlsx");
    let path = path.to_string_lossy().into_owned();
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
        ])
        .args(["-o", &path, "--lang", "en"])
        .assert()
        .success();
    let sheet = read_all(&path, "framework");
    let header: Vec<String> = sheet[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "kind",
            "id",
            "name",
            "name_en",
            "dimension",
            "weight",
            "share_of_total_pct",
            "rule",
            "unit",
            "evidence",
            "basis",
            "advice"
        ]
    );
    let kinds: Vec<String> = sheet[1..].iter().map(|r| r[0].to_string()).collect();
    for kind in ["dimension", "indicator", "tier", "veto"] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} row: {kinds:?}");
    }
    let staff = sheet.iter().find(|r| r[1] == "staff").unwrap();
    assert!(staff[7].to_string().starts_with("linear"), "{:?}", staff[7]);
}

#[test]
fn the_as_of_date_is_stated_in_the_framework_sheet() {
    // The framework sheet's first row after the header states the reference date, labelled
    // in the output language; without --as-of there is no such row.
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("scores.xlsx")
        .to_string_lossy()
        .into_owned();
    let first_row = |extra: &[&str]| {
        tierscore()
            .args(["score", "-f", &fixture("mini.toml")])
            .args(["-e", &fixture("mini-long.csv"), "-o", &path])
            .args(extra)
            .assert()
            .success();
        let sheet = read_all(&path, "framework");
        sheet[1][..2]
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        first_row(&["--as-of", "2026-06-30", "--lang", "en"]),
        ["as_of", "2026-06-30"]
    );
    assert_eq!(
        first_row(&["--as-of", "2024-02-29", "--lang", "zh"]),
        ["评价基准日", "2024-02-29"]
    );
    assert_eq!(first_row(&["--lang", "en"])[0], "dimension");
}

#[test]
fn text_cells_are_never_formulas() {
    let evidence = "provider,indicator,value\n=1+2,staff,100\n@SUM(A1),staff,10\n";
    let (dir, evidence) = temp_file("e.csv", evidence.as_bytes());
    let out = dir.path().join("s.xlsx").to_string_lossy().into_owned();
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &evidence,
            "-o",
            &out,
        ])
        .assert()
        .success();
    let sheet = read_all(&out, "scores");
    let providers: Vec<Data> = sheet[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(
        providers,
        [
            Data::String("'=1+2".into()),
            Data::String("'@SUM(A1)".into())
        ]
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let formulas = wb.worksheet_formula("scores").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn weights_can_be_written_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.xlsx").to_string_lossy().into_owned();
    tierscore()
        .args(["weights", "-f", &fixture("mini.toml"), "-o", &path])
        .assert()
        .success();
    let sheet = read_all(&path, "weights");
    assert_eq!(sheet[0][0], Data::String("dimension".into()));
    assert!(matches!(sheet[1][2], Data::Float(_)));
}

#[test]
fn a_workbook_goes_to_a_redirected_stdout() {
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
        ])
        .args(["--format", "xlsx"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
}

#[test]
fn framework_sheet_headers_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.xlsx").to_string_lossy().into_owned();
    tierscore()
        .args([
            "weights",
            "-f",
            &fixture("mini.toml"),
            "-o",
            &path,
            "--lang",
            "zh",
        ])
        .assert()
        .success();
    let sheet = read_all(&path, "framework");
    assert_eq!(sheet[0][0], Data::String("类别".into()));
    assert_eq!(sheet[1][0], Data::String("维度".into()));
}

/// Runs a command with `-o FILE.xlsx` and `--format csv` to stdout; the first
/// sheet of the workbook holds the CSV's rows.
fn assert_sheet_matches_csv(args: &[&str], sheet: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx").to_string_lossy().into_owned();
    tierscore()
        .args(args)
        .args(["-o", &path])
        .assert()
        .success();
    let out = tierscore()
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let expected: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let rows = read_all(&path, sheet);
    assert_eq!(rows.len(), expected.len(), "{sheet}");
    for (row, want) in rows.iter().zip(&expected) {
        for (cell, text) in row.iter().zip(want) {
            match cell {
                Data::Float(x) => assert_eq!(*x, text.parse::<f64>().unwrap(), "{text}"),
                Data::Empty => assert_eq!(text, ""),
                other => assert_eq!(&other.to_string(), text),
            }
        }
    }
    let framework = read_all(&path, "framework");
    assert!(framework.len() > 1);
}

#[test]
fn summary_compare_diff_and_gap_write_workbooks() {
    let d = "tests/fixtures";
    assert_sheet_matches_csv(
        &[
            "summary",
            "-f",
            &format!("{d}/summary/framework.toml"),
            "-e",
            &format!("{d}/summary/evidence.csv"),
            "--providers",
            &format!("{d}/summary/providers.csv"),
            "--by",
            "region",
        ],
        "summary",
    );
    assert_sheet_matches_csv(
        &[
            "compare",
            "-f",
            &format!("{d}/compare/framework.toml"),
            "--self",
            &format!("{d}/compare/self.csv"),
            "--verified",
            &format!("{d}/compare/verified.csv"),
            "--detail",
        ],
        "compare",
    );
    assert_sheet_matches_csv(
        &[
            "diff",
            &format!("{d}/diff/old.toml"),
            &format!("{d}/diff/new.toml"),
            "-e",
            &format!("{d}/diff/evidence.csv"),
        ],
        "diff",
    );
    assert_sheet_matches_csv(
        &[
            "gap",
            "-f",
            &format!("{d}/gap/gap.toml"),
            "-e",
            &format!("{d}/gap/evidence.csv"),
            "--providers",
            &format!("{d}/gap/providers.csv"),
        ],
        "gap",
    );
}

/// The same input gives the same bytes: the workbook's document date is fixed,
/// not taken from the clock (runs a second apart would otherwise differ).
#[test]
fn xlsx_output_is_byte_identical_from_run_to_run() {
    let run = || {
        let out = tierscore()
            .args([
                "score",
                "-f",
                &fixture("mini.toml"),
                "-e",
                &fixture("mini-long.csv"),
            ])
            .args(["--format", "xlsx", "-o", "-"])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let first = run();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(first.starts_with(b"PK"));
    assert_eq!(first, run());
}
