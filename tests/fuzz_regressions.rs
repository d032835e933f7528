//! Every input that once crashed a fuzz target or broke one of its checks
//! (tests/fuzz_regressions/<target>/), and the minimised fuzz corpus
//! (fuzz/corpus/<target>/), run through the library the way the targets run
//! them: `fuzz/fuzz_targets/framework.rs` and `evidence.rs`.

use std::path::{Path, PathBuf};

use tierscore::evidence;
use tierscore::framework::{self, Framework, Lang};
use tierscore::input::{self, Encoding};
use tierscore::report::grid::guard_formula;
use tierscore::report::{Format, scores, weights};
use tierscore::score;

const FORMATS: [Format; 5] = [
    Format::Table,
    Format::Csv,
    Format::Json,
    Format::Markdown,
    Format::Xlsx,
];

/// The files of `dir` (relative to the crate root), sorted.
fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    files.sort();
    files
}

/// The `framework` target: load and validate, then render the weights.
fn run_framework(bytes: &[u8]) {
    let Ok(text) = input::decode("f.toml", bytes, Encoding::Utf8) else {
        return;
    };
    match framework::load_str("f.toml", &text) {
        Err(diagnostics) => assert!(diagnostics.iter().any(|d| d.is_error())),
        Ok(loaded) => {
            let fw = &loaded.framework;
            for share in fw
                .dimension_shares()
                .into_iter()
                .chain(fw.indicator_shares())
            {
                assert!(share.is_finite() && (0.0..=1.0 + 1e-9).contains(&share));
            }
            for format in FORMATS {
                weights::render_bytes(fw, format, Lang::En).expect("renders");
            }
        }
    }
}

fn mini() -> Framework {
    let text = include_str!("fixtures/mini.toml");
    match framework::load_str("mini.toml", text) {
        Ok(loaded) => loaded.framework,
        Err(d) => panic!("mini.toml: {d:?}"),
    }
}

/// The `evidence` target: parse against mini.toml, score, render every format.
fn run_evidence(fw: &Framework, bytes: &[u8]) {
    let Ok(text) = input::decode("e.csv", bytes, Encoding::Auto) else {
        return;
    };
    let Ok((evidence, _)) = evidence::parse("e.csv", &text, fw) else {
        return;
    };
    let Ok(result) = score::score(fw, &evidence) else {
        return;
    };
    for p in &result.providers {
        assert!((0.0..=100.0).contains(&p.total), "total {}", p.total);
        for d in p.dimensions.iter().flatten() {
            assert!((0.0..=100.0).contains(d), "dimension {d}");
        }
        for s in score::indicator_scores(fw, &evidence, &result.ranges, p)
            .iter()
            .filter_map(|i| i.score)
        {
            assert!((0.0..=1.0).contains(&s), "indicator score {s}");
        }
    }
    for format in FORMATS {
        let view = scores::View {
            detail: true,
            lang: Lang::Zh,
        };
        let out = scores::render_bytes(fw, &evidence, &result, format, view).expect("renders");
        if format == Format::Csv {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(out.as_slice());
            for record in reader.records() {
                for cell in record.expect("our CSV reads back").iter() {
                    assert_eq!(guard_formula(cell), cell, "unguarded CSV cell");
                }
            }
        }
    }
}

fn check_framework_files(dir: &str) -> usize {
    let files = files(dir);
    for path in &files {
        let bytes = std::fs::read(path).expect("read input");
        let outcome = std::panic::catch_unwind(|| run_framework(&bytes));
        assert!(outcome.is_ok(), "{} fails", path.display());
    }
    files.len()
}

fn check_evidence_files(dir: &str) -> usize {
    let fw = mini();
    let files = files(dir);
    for path in &files {
        let bytes = std::fs::read(path).expect("read input");
        let outcome = std::panic::catch_unwind(|| run_evidence(&fw, &bytes));
        assert!(outcome.is_ok(), "{} fails", path.display());
    }
    files.len()
}

#[test]
fn framework_reproducers() {
    assert!(check_framework_files("tests/fuzz_regressions/framework") >= 1);
}

#[test]
fn evidence_reproducers() {
    assert!(check_evidence_files("tests/fuzz_regressions/evidence") >= 1);
}

/// The minimised fuzz corpus doubles as a regression suite.
#[test]
fn framework_corpus() {
    assert!(check_framework_files("fuzz/corpus/framework") > 100);
}

#[test]
fn evidence_corpus() {
    assert!(check_evidence_files("fuzz/corpus/evidence") > 100);
}
