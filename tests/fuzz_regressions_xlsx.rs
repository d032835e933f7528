//! The `xlsx` fuzz target's reproducers (tests/fuzz_regressions/xlsx/) and
//! minimised corpus (fuzz/corpus/xlsx/), run as the target runs them: each
//! input made into a workbook by the target's own `xlsx_parts.rs`, read
//! against mini.toml, scored and rendered.

use std::path::{Path, PathBuf};

use tierscore::evidence::workbook;
use tierscore::framework::{self, Framework, Lang};
use tierscore::report::{Format, scores};
use tierscore::score;

#[path = "../fuzz/fuzz_targets/xlsx_parts.rs"]
mod xlsx_parts;

fn mini() -> Framework {
    match framework::load_str("mini.toml", include_str!("fixtures/mini.toml")) {
        Ok(loaded) => loaded.framework,
        Err(d) => panic!("mini.toml: {d:?}"),
    }
}

/// What the target does with one input; true when it was scored.
fn run_xlsx(fw: &Framework, path: &str, input: &[u8]) -> bool {
    std::fs::write(path, xlsx_parts::workbook_bytes(input)).expect("write the workbook");
    let evidence = match workbook::load_evidence(path, None, fw) {
        Ok((evidence, _)) => evidence,
        Err(diagnostics) => {
            assert!(diagnostics.iter().any(|d| d.is_error()));
            return false;
        }
    };
    let Ok(result) = score::score(fw, &evidence) else {
        return false;
    };
    for p in &result.providers {
        assert!((0.0..=100.0).contains(&p.total), "total {}", p.total);
    }
    let view = scores::View {
        detail: true,
        lang: Lang::En,
    };
    scores::render_bytes(fw, &evidence, &result, Format::Csv, view).expect("renders");
    true
}

/// (inputs, inputs scored)
fn check(dir: &str) -> (usize, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| !p.ends_with(".gitkeep"))
        .collect();
    files.sort();
    let fw = mini();
    let tmp = tempfile::tempdir().expect("temporary directory");
    let path = tmp.path().join("fuzz.xlsx");
    let path = path.to_str().expect("UTF-8 path");
    let mut scored = 0;
    for file in &files {
        let input = std::fs::read(file).expect("read input");
        let outcome = std::panic::catch_unwind(|| run_xlsx(&fw, path, &input));
        assert!(outcome.is_ok(), "{} fails", file.display());
        scored += usize::from(outcome.unwrap_or(false));
    }
    (files.len(), scored)
}

#[test]
fn xlsx_reproducers() {
    check("tests/fuzz_regressions/xlsx");
}

/// The seeds include the mini evidence as workbook parts, which must score
/// (or the target would only ever exercise refusals).
#[test]
fn xlsx_corpus() {
    let (inputs, scored) = check("fuzz/corpus/xlsx");
    assert!(
        inputs >= 20 && scored >= 5,
        "{inputs} inputs, {scored} scored"
    );
}
