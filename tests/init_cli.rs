//! `tierscore init`: the starter validates with --strict, its template loads
//! (strictly only once the veto flags are filled in), the templates match, and
//! nothing is overwritten without --force.

mod common;

use common::tierscore;
use tierscore::evidence::workbook::read_sheet;

fn init(dir: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    tierscore()
        .arg("init")
        .arg("--dir")
        .arg(dir)
        .args(args)
        .assert()
}

#[test]
fn every_starter_validates_strictly_with_its_template() {
    let dir = tempfile::tempdir().unwrap();
    for category in ["planning", "construction", "operations"] {
        init(dir.path(), &["--category", category, "--lang", "en"]).success();
        let fw = dir.path().join(format!("{category}.toml"));
        let ev = dir.path().join(format!("{category}-evidence.csv"));
        // The shipped frameworks derive track record and certificates from the ledger
        // templates init writes next to the evidence (`<category>-<table>.csv`), on an as-of date.
        let mut ledgers: Vec<String> = Vec::new();
        for table in ["projects", "certificates"] {
            let path = dir.path().join(format!("{category}-{table}.csv"));
            ledgers.push("--records".into());
            ledgers.push(format!("{table}={}", path.display()));
        }
        ledgers.extend(["--as-of".to_string(), "2026-06-30".to_string()]);
        tierscore()
            .args(["validate", "--strict"])
            .arg(&fw)
            .assert()
            .success()
            .stderr("");
        tierscore()
            .arg("validate")
            .arg(&fw)
            .arg("-e")
            .arg(&ev)
            .args(&ledgers)
            .assert()
            .success();
        // The template leaves every veto flag blank for the user to fill in:
        // an unchecked veto is a warning, so `--strict` refuses it, and
        // `validate -e` and `score` agree (they load the same run).
        for command in [&["validate", "--strict"][..], &["score", "--strict", "-f"]] {
            tierscore()
                .args(command)
                .arg(&fw)
                .arg("-e")
                .arg(&ev)
                .args(&ledgers)
                .assert()
                .code(1)
                .stderr(predicates::str::contains("error: veto indicator `"));
        }
        tierscore()
            .args(["score", "--format", "csv", "-f"])
            .arg(&fw)
            .arg("-e")
            .arg(&ev)
            .args(&ledgers)
            .assert()
            .success()
            .stdout(predicates::str::contains("my_company"));
    }
}

#[test]
fn the_xlsx_template_holds_the_csv_template() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["--category", "operations", "--lang", "zh"])
        .success()
        .stdout(predicates::str::contains("已写入"));
    let csv = std::fs::read_to_string(dir.path().join("operations-evidence.csv")).unwrap();
    let xlsx = dir.path().join("operations-evidence.xlsx");
    let sheet = read_sheet(&xlsx.to_string_lossy(), None).unwrap();
    assert_eq!(sheet.name, "evidence");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut rows = vec![reader.headers().unwrap().iter().map(String::from).collect()];
    rows.extend(
        reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()),
    );
    let cells: Vec<Vec<String>> = sheet.rows.into_iter().map(|(_, r)| r).collect();
    assert_eq!(cells, rows);
    assert_eq!(
        rows[0],
        ["provider", "indicator", "value", "source", "note"]
    );
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[0] == "my_company" && r[2].is_empty())
    );
}

#[test]
fn refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let fw = dir.path().join("planning.toml");
    std::fs::write(&fw, "# mine\n").unwrap();
    let out = init(dir.path(), &["--category", "planning"]).code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("planning.toml: error: already exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&fw).unwrap(), "# mine\n");
    assert!(!dir.path().join("planning-evidence.csv").exists());
    init(dir.path(), &["--category", "planning", "--force"]).success();
    assert!(std::fs::read_to_string(&fw).unwrap().contains("schema = 1"));
}

#[test]
fn the_guide_follows_the_language() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["--lang", "en"])
        .success()
        .stdout(predicates::str::contains("wrote"));
    let text = std::fs::read_to_string(dir.path().join("construction.toml")).unwrap();
    assert!(text.starts_with("# ===="));
    assert!(text.contains("tierscore starter framework"));
    let csv = std::fs::read_to_string(dir.path().join("construction-evidence.csv")).unwrap();
    assert!(csv.contains("evidence: "), "{csv}");
}
