//! Criterion benchmarks for the commands built on a scored run, at 40,000
//! providers × 30 indicators: each must stay linear in providers (issue 17:
//! no command quadratic; each within 2× of score).
//!
//! Run: `cargo bench --bench commands`. Each benchmark times the command's own
//! work on evidence already read (the read is the same for every command);
//! `score` is there as the yardstick. The output benchmarks time what a
//! command writes as well (`gap` as CSV, `report` as HTML, `score` as CSV
//! and JSON), the part that dominated `gap` and `report` (docs/performance.md).

use criterion::{Criterion, criterion_group, criterion_main};
use tierscore::compare::{self, Sides};
use tierscore::evidence::{self, Evidence};
use tierscore::framework::Lang;
use tierscore::framework::{self, Framework};
use tierscore::report::html::{self, Page};
use tierscore::report::{self, Format};
use tierscore::score::{self, Scores};
use tierscore::{diff, explain, gap, results, summary, trend};

const PROVIDERS: usize = 40_000;
const INDICATORS: usize = 30;

/// Five dimensions of linear indicators and two tiers; `shift` changes the
/// weights (the NEW framework of `diff`).
fn framework(shift: usize) -> Framework {
    let mut text =
        String::from("schema = 1\n[framework]\nid = \"b\"\nname = \"b\"\nversion = \"1\"\n");
    for d in 0..5 {
        text.push_str(&format!(
            "[[dimension]]\nid = \"d{d}\"\nname = \"d{d}\"\nweight = 20\n"
        ));
        for k in (d..INDICATORS).step_by(5) {
            text.push_str(&format!(
                "[[dimension.indicator]]\nid = \"ind{k:02}\"\nname = \"i\"\nweight = {}\nscore = {{ kind = \"linear\", floor = 10, target = 90 }}\n",
                1 + (k + shift) % 7
            ));
        }
    }
    text.push_str(
        "[[tier]]\nid = \"top\"\nname = \"top\"\nmin_total = 60\nmin_each_dimension = 30\n",
    );
    text.push_str("[[tier]]\nid = \"mid\"\nname = \"mid\"\nmin_total = 40\n");
    framework::load_str("bench.toml", &text)
        .map_err(|d| format!("{d:?}"))
        .unwrap()
        .framework
}

/// Wide evidence with a `region` column and deterministic pseudo-random
/// values; `seed` gives a second, different file (the declared side of `compare`).
fn wide_csv(seed: u64) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed;
    let mut text = String::from("provider");
    for k in 0..INDICATORS {
        text.push_str(&format!(",ind{k:02}"));
    }
    text.push_str(",region\n");
    for p in 0..PROVIDERS {
        text.push_str(&format!("p{p:06}"));
        for _ in 0..INDICATORS {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(&format!(",{}.{}", state % 100, state % 10));
        }
        text.push_str(&format!(",r{}\n", p % 17));
    }
    text
}

fn read(fw: &Framework, text: &str) -> (Evidence, Scores) {
    let (e, _) = evidence::parse("e.csv", text, fw).unwrap();
    let s = score::score(fw, &e).unwrap();
    (e, s)
}

fn benches(c: &mut Criterion) {
    let (fw, new_fw) = (framework(0), framework(3));
    let (verified_text, declared_text) = (wide_csv(0), wide_csv(1));
    let (e, s) = read(&fw, &verified_text);
    let (de, ds) = read(&fw, &declared_text);
    let (_, new_s) = read(&new_fw, &verified_text);
    let mut group = c.benchmark_group("40k providers");
    group.sample_size(10);
    group.bench_function("score (yardstick)", |b| {
        b.iter(|| score::score(&fw, &e).map(|s| s.providers.len()))
    });
    group.bench_function("compare", |b| {
        let sides = Sides {
            declared: &de,
            declared_scores: &ds,
            verified: &e,
            verified_scores: &s,
        };
        b.iter(|| compare::compare(&fw, &sides, 0.0, false).len())
    });
    group.bench_function("diff", |b| {
        b.iter(|| diff::diff(&fw, &s, &new_fw, &new_s).providers.len())
    });
    group.bench_function("gap (every provider)", |b| {
        b.iter(|| gap::gaps(&gap::Run::new(&fw, &e, &s), None).len())
    });
    group.bench_function("explain (one provider, by id)", |b| {
        // A fresh copy each time (not timed), so the id lookup builds its index.
        b.iter_batched(
            || e.clone(),
            |e| {
                let p = s.find(&e, "p039999").unwrap();
                explain::explain(&fw, &e, &s, p).dimensions.len()
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("summary by region", |b| {
        b.iter(|| summary::summarise(&fw, &s, "region").map(|s| s.groups.len()))
    });
    group.bench_function("trend (two rounds, from their CSV)", |b| {
        // The two rounds as `score --format csv` writes them; reading them is
        // most of `trend`'s work.
        let view = report::scores::View::default();
        let csv = |e: &Evidence, s: &Scores| report::scores::render(&fw, e, s, Format::Csv, view);
        let (first, second) = (csv(&de, &ds), csv(&e, &s));
        b.iter(|| {
            let round = |label: &str, text: &str| trend::Round {
                label: label.into(),
                results: results::parse(label, text).unwrap(),
            };
            let rounds = [round("r1", &first), round("r2", &second)];
            trend::trend(&rounds, trend::TierOrder::from_framework(&fw))
                .rows
                .len()
        })
    });
    group.finish();
    outputs(c, &fw, &e, &s);
}

/// The commands whose output is large, timed with it: gaps and their CSV
/// (about 30 rows a provider), the HTML report (a section a provider), and
/// `score` as CSV (the yardstick) and as JSON.
fn outputs(c: &mut Criterion, fw: &Framework, e: &Evidence, s: &Scores) {
    let mut group = c.benchmark_group("40k providers, with output");
    group.sample_size(10);
    let view = report::scores::View::default();
    group.bench_function("score CSV (yardstick)", |b| {
        b.iter(|| report::scores::render(fw, e, s, Format::Csv, view).len())
    });
    group.bench_function("score JSON", |b| {
        b.iter(|| report::scores::render(fw, e, s, Format::Json, view).len())
    });
    group.bench_function("gap CSV (every provider)", |b| {
        b.iter(|| {
            let gaps = gap::gaps(&gap::Run::new(fw, e, s), None);
            report::gap::render(fw, s, &gaps, Format::Csv, Lang::En).len()
        })
    });
    group.bench_function("report HTML", |b| {
        b.iter(|| {
            let run = gap::Run::new(fw, e, s);
            let regions = summary::summarise(fw, s, "region").ok();
            let page = Page {
                fw,
                scores: s,
                gaps: &run,
                regions: regions.as_ref(),
                lang: Lang::En,
                title: None,
                date: "2026-01-01",
                evidence: "e.csv",
                providers: None,
                panels: Some((e, false)),
                draft: None,
                previous: None,
            };
            // Streamed as the command streams it, here into nothing.
            html::write(&page, &mut std::io::sink()).is_ok()
        })
    });
    group.finish();
}

criterion_group!(commands, benches);
criterion_main!(commands);
