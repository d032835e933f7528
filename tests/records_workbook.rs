//! Ledgers in workbooks: a sheet named after the table inside an xlsx
//! evidence workbook, `FILE.xlsx!SHEET` in `--records`, and real date cells.

mod common;

use common::tierscore;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const FRAMEWORK: &str = "examples/ledger/ledger.toml";

/// A workbook with an `evidence` sheet and a `projects` sheet whose
/// `accepted` cells are dates (the first one on the as-of date itself).
fn book(path: &std::path::Path, ledger_sheet: &str) {
    let mut wb = Workbook::new();
    let ev = wb.add_worksheet().set_name("evidence").unwrap();
    ev.write_row(0, 0, ["provider", "certified_staff"]).unwrap();
    ev.write_row(1, 0, ["xm_digital", "80"]).unwrap();
    let ws = wb.add_worksheet().set_name(ledger_sheet).unwrap();
    ws.write_row(
        0,
        0,
        [
            "provider",
            "contract_no",
            "city",
            "amount",
            "role",
            "accepted",
            "on_time",
        ],
    )
    .unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, (no, city, amount, (y, m, d))) in [
        ("HT-01", "厦门", 1200, (2026, 6, 30)),
        ("HT-02", "福州", 800, (2024, 2, 29)),
        ("HT-03", "泉州", 2500, (2023, 6, 30)),
    ]
    .into_iter()
    .enumerate()
    {
        let row = r as u32 + 1;
        ws.write_row(row, 0, ["xm_digital", no, city]).unwrap();
        ws.write_number(row, 3, amount).unwrap();
        ws.write_string(row, 4, "lead").unwrap();
        let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
        ws.write_datetime_with_format(row, 5, &when, &date).unwrap();
        ws.write_boolean(row, 6, true).unwrap();
    }
    wb.save(path).unwrap();
}

fn cities(args: &[&str]) -> (i32, serde_json::Value, String) {
    let o = tierscore()
        .args([
            "score",
            "-f",
            FRAMEWORK,
            "--as-of",
            "2026-06-30",
            "--format",
            "json",
        ])
        .args(args)
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    let v = serde_json::from_str(&out).unwrap_or(serde_json::Value::Null);
    let value = v["providers"][0]["indicators"]["cities_served_3y"]["value"].clone();
    (
        o.status.code().unwrap(),
        value,
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn a_sheet_named_after_the_table_in_the_evidence_workbook_is_its_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    book(&path, "projects");
    // 2026-06-30 (the as-of date) and 2024-02-29 count; 2023-06-30 is as_of − 3 years: out.
    let (code, value, err) = cities(&["-e", path.to_str().unwrap()]);
    assert_eq!((code, value), (0, serde_json::json!(2)), "{err}");
}

#[test]
fn records_names_a_sheet_of_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    book(&path, "业绩");
    let evidence = path.to_str().unwrap();
    let records = format!("projects={evidence}!业绩");
    let (code, value, err) = cities(&["-e", evidence, "--records", &records]);
    assert_eq!((code, value), (0, serde_json::json!(2)), "{err}");
    // Without --records the sheet is not found under the table's name.
    let (code, _, err) = cities(&["-e", evidence]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "`cities_served_3y` is derived from the `projects` ledger, which is not given"
        ),
        "{err}"
    );
}

#[test]
fn a_bad_ledger_cell_in_a_workbook_is_located_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("projects").unwrap();
    ws.write_row(
        0,
        0,
        [
            "provider",
            "contract_no",
            "city",
            "amount",
            "role",
            "accepted",
            "on_time",
        ],
    )
    .unwrap();
    ws.write_row(
        1,
        0,
        [
            "xm_digital",
            "HT-01",
            "厦门",
            "lots",
            "lead",
            "2026-02-30",
            "yes",
        ],
    )
    .unwrap();
    wb.save(&path).unwrap();
    let records = format!("projects={}", path.display());
    let o = tierscore()
        .args([
            "score",
            "-f",
            FRAMEWORK,
            "-e",
            "examples/ledger/evidence.csv",
            "--as-of",
            "2026-06-30",
        ])
        .args(["--records", &records])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    let p = path.display();
    assert!(
        err.starts_with(&format!(
            "{p}!projects!D2: error: `lots` is not a number (field `amount`)\n"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{p}!projects!F2: error: `2026-02-30` is not a date: February 2026 has 28 days (field `accepted`)")), "{err}");
}
