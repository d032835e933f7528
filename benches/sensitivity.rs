//! Times `sensitivity` on generated data: 1,000 samples × 10,000 providers × 30 indicators.
//!
//! Run with `cargo bench --bench sensitivity` (optimised build; uses every core
//! through rayon). Options after `--`: `--providers N`, `--samples N`, and
//! `--write DIR` to also write `bench.toml` and `bench.csv` there, for timing
//! the binary itself (`tierscore sensitivity -f DIR/bench.toml -e DIR/bench.csv`).
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::time::Instant;

use tierscore::analysis::rng::SplitMix64;
use tierscore::analysis::sensitivity::{self, Settings};
use tierscore::framework::{Lang, load_str};
use tierscore::report::{Format, sensitivity as report};
use tierscore::{evidence, score};

const DIMENSIONS: usize = 5;
const PER_DIMENSION: usize = 6;

/// A framework with 5 dimensions × 6 indicators of every kind, 3 tiers and a veto.
fn framework() -> String {
    let mut t = String::from(
        "schema = 1\n[framework]\nid = \"bench\"\nname = \"bench\"\nversion = \"1\"\nmissing = \"zero\"\n",
    );
    for d in 0..DIMENSIONS {
        let _ = write!(
            t,
            "\n[[dimension]]\nid = \"d{d}\"\nname = \"D{d}\"\nweight = {}\n",
            10 + 5 * d
        );
        for i in 0..PER_DIMENSION {
            let score = match i {
                0 | 1 => "{ kind = \"linear\", floor = 0, target = 100 }",
                2 => "{ kind = \"bands\", bands = [[10, 0.25], [40, 0.5], [70, 0.75], [90, 1.0]] }",
                3 => "{ kind = \"levels\", levels = { \"A\" = 1.0, \"B\" = 0.6, \"C\" = 0.2 } }",
                4 => "{ kind = \"boolean\" }",
                _ => "{ kind = \"relative\" }",
            };
            let _ = write!(
                t,
                "\n[[dimension.indicator]]\nid = \"i{d}_{i}\"\nname = \"I{d}{i}\"\nweight = {}\nscore = {score}\n",
                [10, 15, 15, 20, 20, 20][i]
            );
        }
    }
    t.push_str(
        "\n[[tier]]\nid = \"gold\"\nname = \"G\"\nmin_total = 70\nmin_each_dimension = 50\n\
         [[tier.require]]\nindicator = \"i0_0\"\nat_least = 50\n[[tier.require]]\ndimension = \"d4\"\nat_least = 60\n\
         \n[[tier]]\nid = \"silver\"\nname = \"S\"\nmin_total = 55\n[[tier.require]]\ndimension = \"d1\"\nat_least = 40\n\
         \n[[tier]]\nid = \"bronze\"\nname = \"B\"\nmin_total = 40\n\
         \n[[veto]]\nindicator = \"i3_4\"\nequals = false\n",
    );
    t
}

/// Wide evidence for `providers` providers; about 1% of cells are empty and 0.5% `n/a`.
fn evidence(providers: usize) -> String {
    let mut rng = SplitMix64::new(2026);
    let mut t = String::from("provider");
    for d in 0..DIMENSIONS {
        for i in 0..PER_DIMENSION {
            let _ = write!(t, ",i{d}_{i}");
        }
    }
    t.push('\n');
    for p in 0..providers {
        let _ = write!(t, "p{p:05}");
        let quality = rng.next_f64();
        for _ in 0..DIMENSIONS {
            for i in 0..PER_DIMENSION {
                let r = rng.next_f64();
                let v = (quality * 70.0 + r * 40.0).min(100.0);
                let cell = match (rng.next_f64(), i) {
                    (x, _) if x < 0.01 => String::new(),
                    (x, _) if x < 0.015 => "n/a".to_string(),
                    (_, 3) => ["C", "B", "A"][((v / 34.0) as usize).min(2)].to_string(),
                    (_, 4) => (v > 25.0).to_string(),
                    _ => format!("{v:.1}"),
                };
                let _ = write!(t, ",{cell}");
            }
        }
        t.push('\n');
    }
    t
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let providers: usize = arg("--providers")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let samples: usize = arg("--samples")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let (fw_text, csv) = (framework(), evidence(providers));
    if let Some(dir) = arg("--write") {
        let dir = std::path::Path::new(&dir);
        for (name, text) in [("bench.toml", &fw_text), ("bench.csv", &csv)] {
            if let Err(e) = std::fs::write(dir.join(name), text) {
                println!("cannot write {name}: {e}");
            }
        }
    }
    let start = Instant::now();
    let fw = match load_str("bench.toml", &fw_text) {
        Ok(l) => l.framework,
        Err(d) => return println!("framework: {d:?}"),
    };
    let evidence = match evidence::parse("bench.csv", &csv, &fw) {
        Ok((e, _)) => e,
        Err(d) => return println!("evidence: {d:?}"),
    };
    let scores = match score::score(&fw, &evidence) {
        Ok(s) => s,
        Err(d) => return println!("scores: {d:?}"),
    };
    let loaded = start.elapsed();
    let settings = Settings {
        samples,
        jitter: 0.2,
        seed: 42,
        alt_missing: false,
    };
    let simulated = Instant::now();
    let result = sensitivity::run(&fw, &evidence, &scores, settings, &|| ());
    let simulation = simulated.elapsed();
    let rendered = Instant::now();
    let csv_out = report::render(&fw, &scores, &result, Format::Csv, Lang::En);
    let render = rendered.elapsed();
    println!(
        "sensitivity: {samples} samples × {providers} providers × {} indicators on {} threads",
        fw.indicators.len(),
        rayon::current_num_threads()
    );
    println!("  read + score   {:>8.3} s", loaded.as_secs_f64());
    println!("  simulation     {:>8.3} s", simulation.as_secs_f64());
    println!(
        "  render (csv)   {:>8.3} s ({} bytes)",
        render.as_secs_f64(),
        csv_out.len()
    );
    println!("  total          {:>8.3} s", start.elapsed().as_secs_f64());
    println!(
        "  tier unchanged for {:.1}% of providers",
        100.0 * result.stable_share()
    );
}
