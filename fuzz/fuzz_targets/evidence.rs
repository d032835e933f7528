//! Evidence parsing, scoring and every rendering against a fixed framework,
//! from arbitrary bytes (decoded as the CLI does, UTF-8 falling back to GB18030).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tierscore::evidence;
use tierscore::framework::{self, Framework, Lang};
use tierscore::input::{self, Encoding};
use tierscore::report::{Format, grid::guard_formula, scores};
use tierscore::score;

const MINI: &str = include_str!("../../tests/fixtures/mini.toml");

fn mini() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| match framework::load_str("mini.toml", MINI) {
        Ok(loaded) => loaded.framework,
        Err(d) => panic!("mini.toml does not load: {d:?}"),
    })
}

fuzz_target!(|bytes: &[u8]| {
    let fw = mini();
    let Ok(text) = input::decode("e.csv", bytes, Encoding::Auto) else {
        return;
    };
    let Ok((evidence, _warnings)) = evidence::parse("e.csv", &text, fw) else {
        return;
    };
    let Ok(result) = score::score(fw, &evidence) else {
        return;
    };
    for p in &result.providers {
        assert!(
            (0.0..=100.0).contains(&p.total),
            "total {} of {}",
            p.total,
            p.provider
        );
        for d in p.dimensions.iter().flatten() {
            assert!((0.0..=100.0).contains(d), "dimension score {d}");
        }
        for s in score::indicator_scores(fw, &evidence, &result.ranges, p)
            .iter()
            .filter_map(|i| i.score)
        {
            assert!((0.0..=1.0).contains(&s), "indicator score {s}");
        }
    }
    for format in [
        Format::Table,
        Format::Csv,
        Format::Json,
        Format::Markdown,
        Format::Xlsx,
    ] {
        for detail in [false, true] {
            for lang in [Lang::Zh, Lang::En] {
                let view = scores::View { detail, lang };
                let out =
                    scores::render_bytes(fw, &evidence, &result, format, view).expect("renders");
                if format == Format::Csv {
                    check_csv(std::str::from_utf8(&out).expect("CSV is UTF-8"));
                }
            }
        }
    }
});

/// Every cell of CSV output is guarded against formula injection.
fn check_csv(out: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_bytes());
    for record in reader.records() {
        let record = record.expect("our CSV reads back");
        for cell in record.iter() {
            assert_eq!(guard_formula(cell), cell, "unguarded CSV cell {cell:?}");
        }
    }
}
