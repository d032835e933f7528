//! Criterion benchmarks for the hot paths: evidence parsing, scoring, ranking
//! and CSV rendering, on generated data (2,000 providers × 40 linear indicators).
//!
//! Run: `cargo bench --bench hot_paths`. The end-to-end comparison with polars
//! and pandas is `bash bench/run.sh` (see the README's performance section).

use criterion::{Criterion, criterion_group, criterion_main};
use tierscore::evidence;
use tierscore::framework::{self, Framework};
use tierscore::report::Format;
use tierscore::report::scores::{self, View};
use tierscore::score;

const PROVIDERS: usize = 2_000;
const INDICATORS: usize = 40;

fn framework() -> Framework {
    let mut text =
        String::from("schema = 1\n[framework]\nid = \"b\"\nname = \"b\"\nversion = \"1\"\n");
    for d in 0..5 {
        text.push_str(&format!(
            "[[dimension]]\nid = \"d{d}\"\nname = \"d{d}\"\nweight = 20\n"
        ));
        for k in (d..INDICATORS).step_by(5) {
            text.push_str(&format!(
                "[[dimension.indicator]]\nid = \"ind{k:02}\"\nname = \"i\"\nweight = {}\nscore = {{ kind = \"linear\", floor = 10, target = 90 }}\n",
                1 + k % 7
            ));
        }
    }
    text.push_str("[[tier]]\nid = \"top\"\nname = \"top\"\nmin_total = 60\n");
    framework::load_str("bench.toml", &text)
        .map_err(|d| format!("{d:?}"))
        .unwrap()
        .framework
}

/// Long-format evidence with deterministic pseudo-random values.
fn long_csv() -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut text = String::from("provider,indicator,value\n");
    for p in 0..PROVIDERS {
        for k in 0..INDICATORS {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(&format!(
                "p{p:06},ind{k:02},{}.{}\n",
                state % 100,
                state % 10
            ));
        }
    }
    text
}

fn benches(c: &mut Criterion) {
    let fw = framework();
    let csv = long_csv();
    c.bench_function("parse 80k long rows", |b| {
        b.iter(|| evidence::parse("e.csv", &csv, &fw).map(|(e, _)| e.providers.len()))
    });
    let (e, _) = evidence::parse("e.csv", &csv, &fw).unwrap();
    c.bench_function("score and tier 2k providers", |b| {
        b.iter(|| score::score(&fw, &e).map(|s| s.providers.len()))
    });
    let s = score::score(&fw, &e).unwrap();
    c.bench_function("rank 2k providers", |b| {
        b.iter_batched(
            || s.providers.clone(),
            |mut ps| score::rank(&mut ps),
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("render csv 2k providers", |b| {
        b.iter(|| scores::render(&fw, &e, &s, Format::Csv, View::default()).len())
    });
}

criterion_group!(hot_paths, benches);
criterion_main!(hot_paths);
