//! Framework loading and validation from arbitrary text, then every weights rendering.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tierscore::framework::{self, Lang};
use tierscore::input::{self, Encoding};
use tierscore::report::{Format, weights};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = input::decode("f.toml", bytes, Encoding::Utf8) else {
        return;
    };
    match framework::load_str("f.toml", &text) {
        Err(diagnostics) => {
            // A rejected framework always says why, with at least one error.
            assert!(diagnostics.iter().any(|d| d.is_error()));
            for d in &diagnostics {
                let _ = d.to_string();
                let _ = d.to_github();
            }
        }
        Ok(loaded) => {
            assert!(loaded.warnings.iter().all(|d| !d.is_error()));
            let fw = &loaded.framework;
            for share in fw
                .dimension_shares()
                .into_iter()
                .chain(fw.indicator_shares())
            {
                assert!(
                    share.is_finite() && (0.0..=1.0 + 1e-9).contains(&share),
                    "share {share}"
                );
            }
            for format in [
                Format::Table,
                Format::Csv,
                Format::Json,
                Format::Markdown,
                Format::Xlsx,
            ] {
                for lang in [Lang::Zh, Lang::En] {
                    weights::render_bytes(fw, format, lang).expect("renders");
                }
            }
        }
    }
});
