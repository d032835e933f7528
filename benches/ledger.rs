//! The cost of derived indicators on a large ledger against the cost of
//! reading it once: 1,000,000 rows over 10,000 providers (43 MB). Deriving
//! visits each provider's rows once per derived indicator, so it should take
//! well under the read (docs/records.md gives the figures).
//!
//! Run: `cargo bench --bench ledger`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use tierscore::date::Date;
use tierscore::evidence;
use tierscore::framework::{self, Framework};
use tierscore::records::{self, Ledgers};

/// `rows` rows over `providers` providers (rows / providers each), 50 cities, dates over six years.
fn ledger(rows: usize, providers: usize) -> String {
    let mut text = String::from("provider,contract_no,city,amount,role,accepted,on_time\n");
    for i in 0..rows {
        let p = i % providers;
        let role = if i % 3 == 0 { "member" } else { "lead" };
        let date = format!("{}-{:02}-{:02}", 2021 + i % 6, 1 + i % 12, 1 + i % 28);
        let on_time = if i % 4 == 0 { "否" } else { "是" };
        text.push_str(&format!(
            "p{p},K{i},city{},{},{role},{date},{on_time}\n",
            i % 50,
            (i * 37) % 3000
        ));
    }
    text
}

fn framework() -> Framework {
    let text = include_str!("../tests/fixtures/records/ledger.toml");
    framework::load_str("ledger.toml", text)
        .map_err(|d| format!("{d:?}"))
        .unwrap()
        .framework
}

fn benches(c: &mut Criterion) {
    let fw = framework();
    let (rows, providers) = (1_000_000, 10_000);
    let text = ledger(rows, providers);
    let evidence_text: String = std::iter::once("provider,certified_staff\n".to_string())
        .chain((0..providers).map(|p| format!("p{p},{}\n", p % 100)))
        .collect();
    let read = || {
        records::parse("l.csv", &text, &fw, 0)
            .map_err(|d| format!("{d:?}"))
            .unwrap()
            .0
    };
    let as_of = Date::parse("2026-06-30").ok();
    let mut group = c.benchmark_group("ledger of 1,000,000 rows");
    group.sample_size(10);
    group.bench_function("read and type it once", |b| b.iter(read));
    let ledgers = Ledgers {
        ledgers: vec![read()],
    };
    group.bench_function("derive the seven indicators", |b| {
        b.iter_batched(
            || evidence::parse("e.csv", &evidence_text, &fw).unwrap().0,
            |mut ev| records::derive_all(&fw, &ledgers, &mut ev, as_of).map(|_| ev.providers.len()),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(ledger_benches, benches);
criterion_main!(ledger_benches);
