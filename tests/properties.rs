//! Property tests over generated evidence for the mini framework.

use proptest::prelude::*;
use tierscore::evidence;
use tierscore::framework::{self, Framework};
use tierscore::report::Format;
use tierscore::report::scores::{self, View};
use tierscore::score::{self, Scores};

fn framework(edit: impl Fn(String) -> String) -> Framework {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini.toml"
    ))
    .unwrap();
    framework::load_str("mini.toml", &edit(text))
        .expect("valid fixture")
        .framework
}

/// One provider's cells, in the column order of [`HEADER`]; "" is missing.
type Row = [String; 6];
const HEADER: &str = "provider,staff,cs_level,iso27001,p1_response,revenue,dishonest";

fn cell(value: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![8 => value, 1 => Just(String::new()), 1 => Just("n/a".to_string())]
}

fn row() -> impl Strategy<Value = Row> {
    (
        cell((0u32..300).prop_map(|v| v.to_string())),
        cell(prop::sample::select(vec!["无", "CS2", "CS3", "CS4"]).prop_map(String::from)),
        cell(prop::sample::select(vec!["是", "否", "yes", "0"]).prop_map(String::from)),
        cell((0u32..120).prop_map(|v| v.to_string())),
        cell((0u32..1000).prop_map(|v| format!("{v}.5"))),
        prop_oneof![9 => Just("no".to_string()), 1 => Just("yes".to_string())],
    )
        .prop_map(|(a, b, c, d, e, f)| [a, b, c, d, e, f])
        // At least one weighted value, so every provider can be scored.
        .prop_map(|mut r| {
            if r[0].is_empty() || r[0] == "n/a" {
                r[0] = "50".to_string();
            }
            r
        })
}

fn wide_csv(rows: &[Row]) -> String {
    let mut text = format!("{HEADER}\n");
    for (i, r) in rows.iter().enumerate() {
        text.push_str(&format!("p{i:02},{}\n", r.join(",")));
    }
    text
}

fn long_csv(rows: &[Row], order: &[usize]) -> String {
    let columns: Vec<&str> = HEADER.split(',').skip(1).collect();
    let mut lines = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        for (c, value) in r.iter().enumerate() {
            lines.push(format!("p{i:02},{},{value}", columns[c]));
        }
    }
    let mut text = "provider,indicator,value\n".to_string();
    for &k in order {
        text.push_str(&lines[k % lines.len()]);
        text.push('\n');
    }
    text
}

fn run(fw: &Framework, csv: &str) -> Scores {
    run_with_evidence(fw, csv).1
}

fn run_with_evidence(fw: &Framework, csv: &str) -> (evidence::Evidence, Scores) {
    let (e, _) = evidence::parse("e.csv", csv, fw).expect("valid evidence");
    let s = score::score(fw, &e).expect("scores");
    (e, s)
}

fn csv_output(fw: &Framework, csv: &str) -> String {
    let (e, s) = run_with_evidence(fw, csv);
    scores::render(
        fw,
        &e,
        &s,
        Format::Csv,
        View {
            detail: true,
            ..View::default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn totals_and_dimensions_stay_in_0_100(rows in prop::collection::vec(row(), 1..12)) {
        let fw = framework(|t| t);
        for p in run(&fw, &wide_csv(&rows)).providers {
            prop_assert!((0.0..=100.0).contains(&p.total), "total {}", p.total);
            for d in p.dimensions.iter().flatten() {
                prop_assert!((0.0..=100.0).contains(d));
            }
        }
    }

    #[test]
    fn a_better_value_never_lowers_a_total_or_tier(rows in prop::collection::vec(row(), 1..12), who in 0usize..12, raise in 1u32..200) {
        let fw = framework(|t| t);
        let who = who % rows.len();
        let before = run(&fw, &wide_csv(&rows));
        let mut better = rows.clone();
        let current: u32 = better[who][0].parse().unwrap_or(0);
        better[who][0] = (current + raise).to_string();
        let after = run(&fw, &wide_csv(&better));
        let id = format!("p{who:02}");
        let find = |s: &Scores| s.providers.iter().find(|p| p.provider == id).cloned().unwrap();
        let (b, a) = (find(&before), find(&after));
        prop_assert!(a.total >= b.total - 1e-12, "{} → {}", b.total, a.total);
        prop_assert!(a.tier.assigned.order(&fw) <= b.tier.assigned.order(&fw));
    }

    #[test]
    fn row_order_does_not_change_the_output(rows in prop::collection::vec(row(), 1..8), seed in any::<u64>()) {
        let fw = framework(|t| t);
        let n = rows.len() * 6;
        let identity: Vec<usize> = (0..n).collect();
        let mut shuffled = identity.clone();
        // A deterministic Fisher–Yates driven by the generated seed.
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = csv_output(&fw, &long_csv(&rows, &identity));
        let b = csv_output(&fw, &long_csv(&rows, &shuffled));
        prop_assert_eq!(&a, &b);
        // Long and wide evidence give the same result.
        prop_assert_eq!(a, csv_output(&fw, &wide_csv(&rows)));
    }

    #[test]
    fn column_order_does_not_change_the_output(rows in prop::collection::vec(row(), 1..8), rotate in 1usize..6) {
        // The same wide evidence with its indicator columns rotated.
        let fw = framework(|t| t);
        let names: Vec<&str> = HEADER.split(',').skip(1).collect();
        let order: Vec<usize> = (0..names.len()).map(|c| (c + rotate) % names.len()).collect();
        let mut text = format!("provider,{}\n", order.iter().map(|&c| names[c]).collect::<Vec<_>>().join(","));
        for (i, r) in rows.iter().enumerate() {
            text.push_str(&format!("p{i:02},{}\n", order.iter().map(|&c| r[c].as_str()).collect::<Vec<_>>().join(",")));
        }
        prop_assert_eq!(csv_output(&fw, &text), csv_output(&fw, &wide_csv(&rows)));
    }

    #[test]
    fn scaling_sibling_weights_changes_nothing(rows in prop::collection::vec(row(), 1..8), k in 1u32..50) {
        let fw = framework(|t| t);
        let scaled = framework(|t| t
            .replace("weight = 60", &format!("weight = {}", 60 * k))
            .replace("weight = 40", &format!("weight = {}", 40 * k)));
        let a = run(&fw, &wide_csv(&rows));
        let b = run(&scaled, &wide_csv(&rows));
        for (x, y) in a.providers.iter().zip(&b.providers) {
            prop_assert_eq!(&x.provider, &y.provider);
            prop_assert!((x.total - y.total).abs() < 1e-9);
            prop_assert_eq!(x.tier.assigned, y.tier.assigned);
        }
    }

    #[test]
    fn not_applicable_and_excluded_missing_give_the_same_scores(rows in prop::collection::vec(row(), 1..8)) {
        // Under `missing = "exclude"`, a missing value is left out exactly like `n/a`.
        let fw = framework(|t| t.replace("version = \"1.0\"", "version = \"1.0\"\nmissing = \"exclude\""));
        let as_missing: Vec<Row> = rows.iter().map(|r| r.clone().map(|c| if c == "n/a" { String::new() } else { c })).collect();
        let as_na: Vec<Row> = rows.iter().map(|r| r.clone().map(|c| if c.is_empty() { "n/a".to_string() } else { c })).collect();
        let a = run(&fw, &wide_csv(&as_missing));
        let b = run(&fw, &wide_csv(&as_na));
        for (x, y) in a.providers.iter().zip(&b.providers) {
            prop_assert_eq!(&x.provider, &y.provider);
            prop_assert!((x.total - y.total).abs() < 1e-9);
            prop_assert_eq!(&x.dimensions, &y.dimensions);
        }
    }

    #[test]
    fn output_is_byte_identical_across_runs(rows in prop::collection::vec(row(), 1..8)) {
        let fw = framework(|t| t);
        let csv = wide_csv(&rows);
        let (e1, s1) = run_with_evidence(&fw, &csv);
        let (e2, s2) = run_with_evidence(&fw, &csv);
        for format in [Format::Csv, Format::Json, Format::Table, Format::Markdown] {
            let view = View { detail: true, ..View::default() };
            prop_assert_eq!(scores::render(&fw, &e1, &s1, format, view), scores::render(&fw, &e2, &s2, format, view));
        }
    }
}
