//! Reading evidence workbooks: merged cells, empty rows, cached formula values,
//! dates, error cells located at `file.xlsx!Sheet!C7`.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use tierscore::evidence::workbook::{Sheet, load_evidence, read_sheet};

/// A workbook whose first sheet is notes and whose `evidence` sheet has a title
/// merged across B1:E1, a header at B2, a provider id merged down three rows,
/// an empty row and formulas.
fn evidence_workbook(dir: &tempfile::TempDir, with_error: bool) -> String {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet().set_name("说明").unwrap();
    notes.write_string(0, 0, "填写说明").unwrap();
    let ws = wb.add_worksheet().set_name("evidence").unwrap();
    ws.merge_range(0, 1, 0, 4, "建设实施类证据表", &Format::new())
        .unwrap();
    for (c, h) in ["provider", "indicator", "value", "source"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, 1 + c as u16, *h).unwrap();
    }
    ws.merge_range(2, 1, 4, 1, "huaxin", &Format::new())
        .unwrap();
    ws.write_string(2, 2, "certified_staff").unwrap();
    ws.write_number(2, 3, 120.0).unwrap();
    ws.write_string(2, 4, "社保证明").unwrap();
    ws.write_string(3, 2, "rd_ratio").unwrap();
    ws.write_number(3, 3, 0.85).unwrap();
    ws.write_string(4, 2, "iso27001").unwrap();
    ws.write_boolean(4, 3, true).unwrap();
    // row 6 (index 5) is left empty
    ws.write_string(6, 1, "tianyu").unwrap();
    ws.write_string(6, 2, "projects_3y").unwrap();
    ws.write_formula(6, 3, Formula::new("=40+2").set_result("42"))
        .unwrap();
    let date = ExcelDateTime::from_ymd(2025, 10, 13).unwrap();
    ws.write_datetime_with_format(6, 4, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    if with_error {
        ws.write_string(7, 1, "tianyu").unwrap();
        ws.write_string(7, 2, "revenue").unwrap();
        ws.write_formula(7, 3, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
    }
    let path = dir.path().join("evidence.xlsx");
    wb.save(&path).unwrap();
    path.to_string_lossy().into_owned()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn reads_merged_cells_empty_rows_and_cached_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let path = evidence_workbook(&dir, false);
    let mut sheet = read_sheet(&path, Some("evidence")).unwrap();
    assert_eq!(
        sheet.rows[0],
        (1, strings(&["建设实施类证据表", "", "", ""]))
    );
    sheet.skip_to_header("provider");
    assert_eq!(
        sheet,
        Sheet {
            name: "evidence".into(),
            first_col: 2,
            rows: vec![
                (2, strings(&["provider", "indicator", "value", "source"])),
                (
                    3,
                    strings(&["huaxin", "certified_staff", "120", "社保证明"])
                ),
                (4, strings(&["huaxin", "rd_ratio", "0.85", ""])),
                (5, strings(&["huaxin", "iso27001", "true", ""])),
                (7, strings(&["tianyu", "projects_3y", "42", "2025-10-13"])),
            ],
            warnings: Vec::new(),
        }
    );
}

#[test]
fn reads_the_first_sheet_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = evidence_workbook(&dir, false);
    let sheet = read_sheet(&path, None).unwrap();
    assert_eq!(sheet.name, "说明");
    assert_eq!(sheet.rows, vec![(1, strings(&["填写说明"]))]);
}

#[test]
fn error_cells_are_located_at_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = evidence_workbook(&dir, true);
    let errors = read_sheet(&path, Some("evidence")).unwrap_err();
    let text: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        text,
        vec![format!(
            "{path}!evidence!D8: error: the cell holds the error #DIV/0!"
        )]
    );
}

#[test]
fn unknown_sheet_names_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let path = evidence_workbook(&dir, false);
    let errors = read_sheet(&path, Some("数据")).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        format!("{path}: error: no sheet named `数据`\n  = help: the sheets are: 说明, evidence")
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fake.xlsx");
    std::fs::write(&path, "provider,indicator,value\n").unwrap();
    let path = path.to_string_lossy().into_owned();
    let errors = read_sheet(&path, None).unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("{path}: error: cannot read the workbook")),
        "{}",
        errors[0]
    );
}

#[test]
fn locate_maps_fields_to_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = evidence_workbook(&dir, false);
    let sheet = read_sheet(&path, Some("evidence")).unwrap();
    // field 3 of row 4 is the value column, D
    let d = tierscore::diag::Diagnostic::error(
        &path,
        Some(tierscore::diag::Location { line: 4, col: 3 }),
        "not a number",
    );
    assert_eq!(sheet.locate(d).position(), format!("{path}!evidence!D4"));
}

/// The mini evidence as a workbook: a merged title row, the header at B2,
/// numbers as numbers, each provider id merged down its rows.
fn mini_workbook(dir: &tempfile::TempDir, bad_value: bool) -> String {
    let csv = std::fs::read_to_string("tests/fixtures/mini-long.csv").unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("证据").unwrap();
    ws.merge_range(0, 1, 0, 4, "迷你证据表", &Format::new())
        .unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    for (r, cells) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16 + 1;
            let cell = if bad_value && r == 3 && c == 2 {
                "lots"
            } else {
                cell
            };
            match cell.parse::<f64>() {
                Ok(x) if c == 2 => ws.write_number(row, col, x).unwrap(),
                _ => ws.write_string(row, col, cell).unwrap(),
            };
        }
    }
    // Provider ids merged down their blocks (rows 3–8 are provider a).
    let mut start = 1;
    for r in 2..=rows.len() {
        if r == rows.len() || rows[r][0] != rows[start][0] {
            if r - start > 1 {
                let id = rows[start][0];
                ws.merge_range(start as u32 + 1, 1, r as u32, 1, id, &Format::new())
                    .unwrap();
            }
            start = r;
        }
    }
    let path = dir.path().join("mini.xlsx");
    wb.save(&path).unwrap();
    path.to_string_lossy().into_owned()
}

fn mini_framework() -> tierscore::framework::Framework {
    let text = std::fs::read_to_string("tests/fixtures/mini.toml").unwrap();
    tierscore::framework::load_str("mini.toml", &text)
        .unwrap()
        .framework
}

#[test]
fn evidence_from_a_workbook_scores_as_from_csv() {
    let fw = mini_framework();
    let dir = tempfile::tempdir().unwrap();
    let path = mini_workbook(&dir, false);
    let (from_xlsx, warnings) = load_evidence(&path, None, &fw).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let csv = std::fs::read_to_string("tests/fixtures/mini-long.csv").unwrap();
    let (from_csv, _) = tierscore::evidence::parse("mini-long.csv", &csv, &fw).unwrap();
    let totals = |e| {
        tierscore::score::score(&fw, e)
            .unwrap()
            .providers
            .iter()
            .map(|p| (p.provider.clone(), p.total, p.missing))
            .collect::<Vec<_>>()
    };
    assert_eq!(totals(&from_xlsx), totals(&from_csv));
}

#[test]
fn evidence_errors_point_at_cells() {
    let fw = mini_framework();
    let dir = tempfile::tempdir().unwrap();
    let path = mini_workbook(&dir, true);
    let errors = load_evidence(&path, Some("证据"), &fw).unwrap_err();
    let first = errors[0].to_string();
    // The third data row (a, iso27001) is sheet row 5; its value is in column D.
    assert!(
        first.starts_with(&format!("{path}!证据!D5: error:")),
        "{first}"
    );
}

#[test]
fn the_cli_scores_a_workbook_like_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = mini_workbook(&dir, false);
    let run = |evidence: &str, extra: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("tierscore")
            .unwrap()
            .args([
                "score",
                "-f",
                "tests/fixtures/mini.toml",
                "-e",
                evidence,
                "--format",
                "csv",
            ])
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, from_csv, _) = run("tests/fixtures/mini-long.csv", &[]);
    assert_eq!(code, Some(0));
    assert_eq!(run(&path, &[]).1, from_csv);
    assert_eq!(run(&path, &["--sheet", "证据"]).1, from_csv);
    let (code, stdout, stderr) = run(&path, &["--sheet", "nope"]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(
        stderr.contains("证据"),
        "the error names the sheets there are: {stderr}"
    );
}

#[test]
fn a_providers_workbook_gives_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [
        ["provider", "name", "region"],
        ["a", "甲公司", "杭州"],
        ["b", "乙公司", "宁波"],
    ]
    .iter()
    .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    let path = dir.path().join("providers.xlsx");
    wb.save(&path).unwrap();
    let out = assert_cmd::Command::cargo_bin("tierscore")
        .unwrap()
        .args([
            "summary",
            "-f",
            "tests/fixtures/mini.toml",
            "-e",
            "tests/fixtures/mini-long.csv",
            "--by",
            "region",
            "--format",
            "csv",
            "--providers",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // a (97.30, gold) is in 杭州, b (32.20, none) in 宁波; c and d have no row, so no region.
    // Columns: group, providers, gold, silver, incomplete, none, vetoed, mean_total.
    assert!(stdout.contains("\n宁波,1,0,0,0,1,0,32.20,"), "{stdout}");
    assert!(stdout.contains("\n杭州,1,1,0,0,0,0,97.30,"), "{stdout}");
}

#[test]
fn a_workbook_that_inflates_past_the_limit_is_refused_before_reading() {
    use std::io::Write;
    // A 257 MiB sheet of blanks (a "zip bomb" would deflate it to a few hundred KB;
    // stored here, since compressing it in a debug build takes seconds — the check
    // reads the declared unpacked sizes either way).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..257 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    let out = assert_cmd::Command::cargo_bin("tierscore")
        .unwrap()
        .args(["score", "-f", "tests/fixtures/mini.toml", "-e"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "{}: error: the workbook unpacks to 257 MiB; at most 256 MiB is read",
            path.display()
        )),
        "{stderr}"
    );
}
