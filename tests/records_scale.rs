//! The cost of derived indicators on a large ledger, against the cost of
//! reading it once. Run in release (the figures in docs/performance.md):
//! `cargo test --release --test records_scale -- --ignored --nocapture`.

use std::time::Instant;

use tierscore::date::Date;
use tierscore::evidence;
use tierscore::framework;
use tierscore::records::{self, Ledgers};

/// 1,000,000 rows over 10,000 providers (100 each), 50 cities, dates over six years.
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

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn derived_indicators_cost_less_than_reading_the_ledger_once() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/records/ledger.toml"
    );
    let fw = framework::load_str("ledger.toml", &std::fs::read_to_string(path).unwrap())
        .unwrap()
        .framework;
    let (rows, providers) = (1_000_000, 10_000);
    let text = ledger(rows, providers);
    let evidence_text: String = std::iter::once("provider,certified_staff\n".to_string())
        .chain((0..providers).map(|p| format!("p{p},{}\n", p % 100)))
        .collect();
    let start = Instant::now();
    let (ledger, _) = records::parse("l.csv", &text, &fw, 0).unwrap();
    let read = start.elapsed();
    let (mut ev, _) = evidence::parse("e.csv", &evidence_text, &fw).unwrap();
    let ledgers = Ledgers {
        ledgers: vec![ledger],
    };
    let as_of = Date::parse("2026-06-30").ok();
    let start = Instant::now();
    records::derive_all(&fw, &ledgers, &mut ev, as_of).unwrap();
    let derive = start.elapsed();
    let derived = fw.indicators.iter().filter(|i| i.derive.is_some()).count();
    println!(
        "{rows} rows, {providers} providers, {} MB: read and typed once {read:?}; {derived} derived indicators {derive:?} ({:.2} × the read)",
        text.len() >> 20,
        derive.as_secs_f64() / read.as_secs_f64()
    );
    assert!(derive < read, "deriving took {derive:?}, reading {read:?}");
}
