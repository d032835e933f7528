//! Criterion benchmarks that show how two guarded paths grow with their
//! input, where tests only check the results (no test depends on the
//! machine's speed):
//!
//! - merging `--providers` attributes into N providers, none of whom match
//!   (N = 5,000 and 50,000): linear, so the second takes about 10× the first.
//!   A lookup that scanned the other file took 171 s at 50,000 (tests/scale.rs).
//! - refusing TOML nested 20,000 deep (tests/bad_inputs/framework/): the reader
//!   stops at a fixed depth, so this takes about as long as a 2,000-deep file.
//!   (tests/robust_v2.rs checks where it stops.)
//!
//! Run: `cargo bench --bench scale`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use tierscore::evidence::{self, Attributes, Evidence};
use tierscore::framework::{self, Framework};

fn mini() -> Framework {
    framework::load_str("mini.toml", include_str!("../tests/fixtures/mini.toml"))
        .map_err(|d| format!("{d:?}"))
        .unwrap()
        .framework
}

/// N providers `p0…` with evidence and N others `q0…` with attributes only.
fn unmatched(fw: &Framework, n: usize) -> (Evidence, Attributes) {
    let text: String = std::iter::once("provider,staff\n".to_string())
        .chain((0..n).map(|i| format!("p{i},{}\n", i % 100)))
        .collect();
    let (e, _) = evidence::parse("e.csv", &text, fw)
        .map_err(|d| format!("{d:?}"))
        .unwrap();
    let attributes = (0..n)
        .map(|i| (format!("q{i}"), Default::default()))
        .collect();
    (e, attributes)
}

/// A framework whose 7th line is a dotted key of `parts` parts.
fn deep_toml(parts: usize) -> String {
    let head = "schema = 1\n\n[framework]\nid = \"bad\"\nname = \"b\"\nversion = \"1\"\n";
    format!("{head}{} = 1\n", vec!["a"; parts].join("."))
}

fn benches(c: &mut Criterion) {
    let fw = mini();
    for n in [5_000, 50_000] {
        let (e, attributes) = unmatched(&fw, n);
        c.bench_function(&format!("merge attributes, {n} + {n} unmatched"), |b| {
            b.iter_batched(
                || e.clone(),
                |mut e| evidence::merge_attributes(&mut e, &attributes, "p.csv").len(),
                BatchSize::LargeInput,
            )
        });
    }
    for parts in [2_000, 20_000] {
        let text = deep_toml(parts);
        c.bench_function(&format!("refuse a {parts}-part dotted key"), |b| {
            b.iter(|| framework::load_str("deep.toml", &text).is_err())
        });
    }
}

criterion_group!(scale, benches);
criterion_main!(scale);
