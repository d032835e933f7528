//! Properties of derived indicators over generated ledgers: the order of the
//! rows never changes a result, and a row that fails a `where` never does.

use proptest::prelude::*;
use tierscore::date::Date;
use tierscore::evidence::{self, Evidence};
use tierscore::framework::{self, Framework};
use tierscore::records::{self, Ledgers};
use tierscore::rule::Cell;

fn framework() -> Framework {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/records/ledger.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    framework::load_str("ledger.toml", &text).unwrap().framework
}

const HEADER: &str = "provider,contract_no,city,amount,role,accepted,on_time";

/// (provider, city, amount, role, accepted, on_time) without a key; keys are
/// numbered when the ledger is written.
type Row = (u8, &'static str, u32, &'static str, String, &'static str);

fn row() -> impl Strategy<Value = Row> {
    let date = prop_oneof![
        1 => Just(String::new()),
        9 => (2021u16..2028, 1u8..13, 1u8..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => Just("2023-06-30".to_string()),
        1 => Just("2026-06-30".to_string()),
    ];
    (
        0u8..4,
        prop::sample::select(vec!["厦门", " 厦门 ", "福州", "泉州", ""]),
        0u32..3000,
        prop::sample::select(vec!["lead", "member", " lead"]),
        date,
        prop::sample::select(vec!["yes", "no", "是", ""]),
    )
}

fn ledger_text(rows: &[Row]) -> String {
    let mut text = format!("{HEADER}\n");
    for (i, (p, city, amount, role, date, on_time)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "p{p},K{i},{city},{amount},{role},{date},{on_time}\n"
        ));
    }
    text
}

/// Every provider's cells after deriving from `rows` (keys keep their row's
/// original number, so a shuffled ledger lists the same items).
fn derive(fw: &Framework, text: &str) -> Vec<(String, Vec<Cell>)> {
    let (ledger, _) = records::parse("l.csv", text, fw, 0).unwrap();
    let (mut ev, _): (Evidence, _) =
        evidence::parse("e.csv", "provider,certified_staff\np0,10\np1,20\n", fw).unwrap();
    let as_of = Date::parse("2026-06-30").ok();
    records::derive_all(
        fw,
        &Ledgers {
            ledgers: vec![ledger],
        },
        &mut ev,
        as_of,
    )
    .unwrap();
    let mut out: Vec<(String, Vec<Cell>)> = (0..ev.providers.len())
        .map(|p| (ev.providers[p].id.clone(), ev.cells(p).to_vec()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn numbered(rows: &[Row]) -> Vec<(usize, Row)> {
    rows.iter().cloned().enumerate().collect()
}

fn text_of(rows: &[(usize, Row)]) -> String {
    let mut text = format!("{HEADER}\n");
    for (i, (p, city, amount, role, date, on_time)) in rows {
        text.push_str(&format!(
            "p{p},K{i},{city},{amount},{role},{date},{on_time}\n"
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn row_order_never_changes_a_result(rows in prop::collection::vec(row(), 1..40), seed in any::<u64>()) {
        let fw = framework();
        let mut shuffled = numbered(&rows);
        // A deterministic shuffle from the seed (Fisher–Yates with an LCG).
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(derive(&fw, &text_of(&numbered(&rows))), derive(&fw, &text_of(&shuffled)));
    }

    #[test]
    fn a_row_failing_every_where_changes_nothing(rows in prop::collection::vec(row(), 1..40), extra in row(), at in any::<prop::sample::Index>()) {
        // `cities_served_3y` and `big_projects_3y` keep only role = lead: a
        // member row must not change them (the other indicators have no `where`).
        let fw = framework();
        let before = derive(&fw, &ledger_text(&rows));
        let mut more = numbered(&rows);
        let member = (extra.0 % 2, extra.1, extra.2, "member", extra.4, extra.5);
        more.insert(at.index(more.len() + 1), (rows.len(), member));
        let after = derive(&fw, &text_of(&more));
        for ((p, a), (q, b)) in before.iter().zip(after.iter()) {
            prop_assert_eq!(p, q);
            prop_assert_eq!(&a[..2], &b[..2], "provider {}", p);
        }
    }
}
