//! Workbook evidence (xlsx) from arbitrary input, read as the CLI reads it,
//! then scored against a fixed framework and rendered as CSV.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tierscore::evidence::workbook;
use tierscore::framework::{self, Framework, Lang};
use tierscore::report::{Format, scores};
use tierscore::score;

mod xlsx_parts;

const MINI: &str = include_str!("../../tests/fixtures/mini.toml");

fn mini() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| match framework::load_str("mini.toml", MINI) {
        Ok(loaded) => loaded.framework,
        Err(d) => panic!("mini.toml does not load: {d:?}"),
    })
}

/// One file per process, in memory-backed /dev/shm when there is one.
fn path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = if std::path::Path::new("/dev/shm").is_dir() {
            "/dev/shm".to_string()
        } else {
            std::env::temp_dir().to_string_lossy().into_owned()
        };
        format!("{dir}/tierscore-fuzz-{}.xlsx", std::process::id())
    })
}

fuzz_target!(|input: &[u8]| {
    let fw = mini();
    std::fs::write(path(), xlsx_parts::workbook_bytes(input)).expect("writes the workbook");
    let evidence = match workbook::load_evidence(path(), None, fw) {
        Ok((evidence, _warnings)) => evidence,
        Err(diagnostics) => {
            // A refused workbook always says why.
            assert!(diagnostics.iter().any(|d| d.is_error()));
            return;
        }
    };
    let Ok(result) = score::score(fw, &evidence) else {
        return;
    };
    for p in &result.providers {
        assert!((0.0..=100.0).contains(&p.total), "total {}", p.total);
    }
    let view = scores::View {
        detail: true,
        lang: Lang::En,
    };
    scores::render_bytes(fw, &evidence, &result, Format::Csv, view).expect("renders");
});
