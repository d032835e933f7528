//! Ledgers read and aggregated by hand-checked examples.

use super::derive::{LeftOut, check_row, value_for, window_bounds};
use super::*;
use crate::date::Date;
use crate::framework::fixture;
use crate::rule::{Cell, Value};

/// A framework deriving one indicator per aggregate from `projects`, all with
/// `role = lead` and a 3-year window on `accepted`, plus `plain` (declared).
fn framework(window: &str) -> Framework {
    let mut body = String::from(
        r#"[[records]]
id = "projects"
name = "p"
key = "contract_no"
[records.fields]
contract_no = "text"
city = "text"
amount = "number"
role = "text"
accepted = "date"
on_time = "boolean"
"#,
    );
    body.push_str(fixture::ONE_DIMENSION);
    body.push_str(
        "[[dimension.indicator]]\nid = \"plain\"\nname = \"plain\"\nweight = 1\nscore = { kind = \"linear\", floor = 0, target = 10 }\n",
    );
    body.push_str(&every_aggregate(&format!(
        "{window}where = [{{ field = \"role\", equals = \"lead\" }}]\n"
    )));
    fixture::framework(&body)
}

/// One linear derived indicator over `projects` per aggregate — `n` (count),
/// `cities` (count_distinct city), `total` (sum), `least` (min), `most` (max),
/// `average` (mean) of `amount`, `punctual` (share of `on_time`) — each with
/// `filters` (window and `where` lines) in its `derive` table.
pub(super) fn every_aggregate(filters: &str) -> String {
    let mut body = String::new();
    for (id, aggregate, field) in [
        ("n", "count", ""),
        ("cities", "count_distinct", "city"),
        ("total", "sum", "amount"),
        ("least", "min", "amount"),
        ("most", "max", "amount"),
        ("average", "mean", "amount"),
        ("punctual", "share", "on_time"),
    ] {
        let field = match field {
            "" => String::new(),
            f => format!("field = \"{f}\"\n"),
        };
        body.push_str(&format!(
            "[[dimension.indicator]]\nid = \"{id}\"\nname = \"{id}\"\nweight = 1\nscore = {{ kind = \"linear\", floor = 0, target = 10 }}\n[dimension.indicator.derive]\nrecords = \"projects\"\naggregate = \"{aggregate}\"\n{field}{filters}"
        ));
    }
    body
}

const WINDOW: &str = "within = { field = \"accepted\", years = 3 }\n";

/// As of 2026-06-30 the window is (2023-06-30, 2026-06-30].
const LEDGER: &str = "\
provider,contract_no,city,amount,role,accepted,on_time
a,HT1,厦门,1200,lead,2026-06-30,yes
a,HT2, 厦门 ,800,lead,2023-06-30,no
a,HT3,福州,1500,member,2023-07-01,yes
a,HT4,泉州,2000,lead,,yes
a,HT5,厦门 ,500,lead,2024/02/29,false
a,HT6,漳州,3000,lead,2026-07-01,true
b,HT1,北京,100, lead ,2025.01.01,否
d,X1,上海,50,lead,2025-05-05,是
";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| unreachable!("{e}"))
}

fn ledger(fw: &Framework, text: &str) -> Ledger {
    match parse("projects.csv", text, fw, 0) {
        Ok((l, _)) => l,
        Err(d) => unreachable!("{d:?}"),
    }
}

/// Every derived value per provider, in framework order (`None`: missing).
fn derived(fw: &Framework, ledger_text: &str, as_of: &str) -> Vec<(String, Vec<Option<f64>>)> {
    let ledgers = Ledgers {
        ledgers: vec![ledger(fw, ledger_text)],
    };
    let mut evidence = match crate::evidence::parse("e.csv", "provider,plain\na,1\nb,1\nc,1\n", fw)
    {
        Ok((e, _)) => e,
        Err(d) => unreachable!("{d:?}"),
    };
    let result = derive_all(fw, &ledgers, &mut evidence, Some(date(as_of)));
    assert!(result.is_ok(), "{result:?}");
    (0..evidence.providers.len())
        .map(|p| {
            let values = (1..fw.indicators.len())
                .map(|k| match evidence.cell(p, k) {
                    Cell::Value(Value::Number(v)) => Some(v),
                    Cell::Missing => None,
                    other => unreachable!("{other:?}"),
                })
                .collect();
            (evidence.providers[p].id.clone(), values)
        })
        .collect()
}

#[test]
fn each_aggregate_on_a_hand_computed_ledger() {
    let fw = framework(WINDOW);
    // a keeps HT1 (1200, 厦门, yes) and HT5 (500, " 厦门 " trimmed, false):
    // HT2 is on as_of − 3 years (outside), HT3 is a member, HT4 has no date,
    // HT6 is after the as-of date. b keeps its one row (role " lead " trimmed);
    // c has no rows; d appears only in the ledger and is added.
    // Columns: count, count_distinct(city), sum, min, max, mean, share(on_time).
    let want = vec![
        (
            "a",
            vec![
                Some(2.0),
                Some(1.0),
                Some(1700.0),
                Some(500.0),
                Some(1200.0),
                Some(850.0),
                Some(50.0),
            ],
        ),
        (
            "b",
            vec![
                Some(1.0),
                Some(1.0),
                Some(100.0),
                Some(100.0),
                Some(100.0),
                Some(100.0),
                Some(0.0),
            ],
        ),
        (
            "c",
            vec![Some(0.0), Some(0.0), Some(0.0), None, None, None, None],
        ),
        (
            "d",
            vec![
                Some(1.0),
                Some(1.0),
                Some(50.0),
                Some(50.0),
                Some(50.0),
                Some(50.0),
                Some(100.0),
            ],
        ),
    ];
    let got = derived(&fw, LEDGER, "2026-06-30");
    let want: Vec<(String, Vec<Option<f64>>)> =
        want.into_iter().map(|(p, v)| (p.to_string(), v)).collect();
    assert_eq!(got, want);
}

#[test]
fn without_a_window_every_dated_and_undated_row_counts() {
    let fw = framework("");
    let got = derived(&fw, LEDGER, "2026-06-30");
    // a's leads: HT1, HT2, HT4, HT5, HT6; cities 厦门, 泉州, 漳州; 1200+800+2000+500+3000.
    assert_eq!(got[0].1[..3], [Some(5.0), Some(3.0), Some(7500.0)]);
}

#[test]
fn a_filter_that_excludes_everything_gives_zero_or_missing() {
    let fw = framework(WINDOW);
    let nobody_leads = LEDGER
        .replace(",lead,", ",member,")
        .replace(", lead ,", ",member,");
    let got = derived(&fw, &nobody_leads, "2026-06-30");
    for (_, values) in &got {
        assert_eq!(
            values,
            &[Some(0.0), Some(0.0), Some(0.0), None, None, None, None]
        );
    }
}

#[test]
fn the_window_ends_on_the_as_of_date_and_starts_after_it_minus_the_years() {
    let fw = framework(WINDOW);
    let l = ledger(&fw, LEDGER);
    let derive = fw.indicators[1]
        .derive
        .clone()
        .unwrap_or_else(|| unreachable!());
    let bounds = window_bounds(&derive, Some(date("2026-06-30")));
    let reasons: Vec<Result<(), LeftOut>> =
        (0..6).map(|r| check_row(&derive, &l, r, bounds)).collect();
    assert_eq!(
        reasons,
        [
            Ok(()),                     // 2026-06-30: the as-of date itself
            Err(LeftOut::BeforeWindow), // 2023-06-30: as_of − 3 years exactly
            Err(LeftOut::Filter(0)),    // member
            Err(LeftOut::NoDate),       // empty date
            Ok(()),                     // 2024-02-29
            Err(LeftOut::AfterAsOf),    // 2026-07-01
        ]
    );
}

#[test]
fn windows_over_29_february_use_calendar_years() {
    let fw = framework(&WINDOW.replace("years = 3", "years = 1"));
    let text = "provider,contract_no,city,amount,role,accepted,on_time\n\
                a,1,x,1,lead,2023-02-28,yes\n\
                a,2,x,1,lead,2023-03-01,yes\n\
                a,3,x,1,lead,2024-02-28,yes\n\
                a,4,x,1,lead,2024-02-29,yes\n";
    let l = ledger(&fw, text);
    let derive = fw.indicators[1]
        .derive
        .clone()
        .unwrap_or_else(|| unreachable!());
    let kept = |as_of: &str| -> Vec<u32> {
        let bounds = window_bounds(&derive, Some(date(as_of)));
        (0..4)
            .filter(|&r| check_row(&derive, &l, r, bounds).is_ok())
            .collect()
    };
    // 2024-02-29 − 1 year = 2023-02-28 (2023 has no 29 February): rows after it.
    assert_eq!(kept("2024-02-29"), [1, 2, 3]);
    // 2025-02-28 − 1 year = 2024-02-28: 29 February 2024 is inside, the 28th is not.
    assert_eq!(kept("2025-02-28"), [3]);
    // 2024-02-28 − 1 year = 2023-02-28: the 29th is after the as-of date.
    assert_eq!(kept("2024-02-28"), [1, 2]);
    assert_eq!(
        value_for(&derive, Some(&l), Some(0), Some(date("2024-02-29"))),
        Some(3.0)
    );
}

#[test]
fn count_distinct_ties_after_trimming_and_ignores_empty_cells() {
    let fw = framework("");
    let text = "provider,contract_no,city,amount,role,accepted,on_time\n\
                a,1,厦门,1,lead,,\n\
                a,2,\" 厦门\",1,lead,,\n\
                a,3,厦门  ,1,lead,,\n\
                a,4,,1,lead,,\n\
                a,5,Xiamen,1,lead,,\n";
    let got = derived(&fw, text, "2026-06-30");
    // count: 5 rows; distinct cities: 厦门 and Xiamen (exact otherwise); the
    // share over no known on_time is missing.
    assert_eq!(got[0].1[0], Some(5.0));
    assert_eq!(got[0].1[1], Some(2.0));
    assert_eq!(got[0].1[6], None);
}

/// The diagnostics of reading `text` as the `projects` ledger, one line each.
fn read_errors(text: &str) -> Vec<String> {
    let fw = framework(WINDOW);
    let ds = match parse("projects.csv", text, &fw, 0) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    };
    ds.iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect()
}

const HEADER: &str = "provider,contract_no,city,amount,role,accepted,on_time\n";

#[test]
fn every_bad_cell_is_located_in_one_run() {
    let text =
        format!("{HEADER}a,HT1,厦门,12x,lead,2025-02-29,maybe\na,HT2,厦门,1,lead,2025/13/01,yes\n");
    assert_eq!(
        read_errors(&text),
        [
            "projects.csv:2:4: error: `12x` is not a number (field `amount`)",
            "projects.csv:2:6: error: `2025-02-29` is not a date: February 2025 has 28 days (field `accepted`)",
            "projects.csv:2:7: error: `maybe` is not a yes/no answer (field `on_time`)",
            "projects.csv:3:6: error: `2025/13/01` is not a date: there is no month 13 (field `accepted`)",
        ]
    );
}

#[test]
fn columns_are_checked_against_the_declared_fields() {
    let missing = "provider,contract_no,city,amount,role,accepted\na,1,x,1,lead,\n";
    assert_eq!(
        read_errors(missing),
        [
            "projects.csv:1:1: error: the ledger has no column `on_time` (a boolean field of `projects`)"
        ]
    );
    let extra = format!(
        "{}{}",
        HEADER.replace('\n', ",note\n"),
        "a,1,x,1,lead,,yes,hi\n"
    );
    assert_eq!(
        read_errors(&extra),
        ["projects.csv:1:8: warning: column `note` is not a field of `projects` and is ignored"]
    );
    let no_provider = "contract_no,city,amount,role,accepted,on_time\n1,x,1,lead,,yes\n";
    assert_eq!(
        read_errors(no_provider),
        ["projects.csv:1:1: error: the header has no `provider` column"]
    );
}

#[test]
fn keys_are_unique_within_a_provider_and_never_empty() {
    // HT1 twice for a (after trimming) is an error; HT1 for b is another provider's.
    let text = format!(
        "{HEADER}a,HT1,x,1,lead,,yes\nb,HT1,x,1,lead,,yes\na, HT1 ,x,1,lead,,yes\na,,x,1,lead,,yes\n"
    );
    assert_eq!(
        read_errors(&text),
        [
            "projects.csv:4:2: error: duplicate `contract_no` `HT1` for provider `a` (first at line 2)",
            "projects.csv:5:2: error: the key `contract_no` is empty",
        ]
    );
}

#[test]
fn an_empty_ledger_is_a_warning_and_a_ragged_row_an_error() {
    assert_eq!(
        read_errors(HEADER),
        ["projects.csv:1:1: warning: the ledger has a header but no rows"]
    );
    assert_eq!(
        read_errors(&format!("{HEADER}a,1,x\n")),
        ["projects.csv:2:4: error: this row has 3 fields but the header has 7"]
    );
}

#[test]
fn a_derived_value_given_in_the_evidence_too_is_an_error_naming_both_places() {
    let fw = framework(WINDOW);
    let ledgers = Ledgers {
        ledgers: vec![ledger(&fw, LEDGER)],
    };
    let parsed = crate::evidence::parse("e.csv", "provider,plain,n\na,1,\nb,1,4\n", &fw);
    let mut evidence = parsed
        .map(|(e, _)| e)
        .unwrap_or_else(|d| unreachable!("{d:?}"));
    let errors = derive_all(&fw, &ledgers, &mut evidence, Some(date("2026-06-30")));
    let errors: Vec<String> = errors
        .err()
        .unwrap_or_default()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0].lines().next(),
        Some(
            "e.csv:3:3: error: `n` is derived from the `projects` ledger (projects.csv), but provider `b` is given a value for it here as well"
        )
    );
    assert!(errors[1].starts_with("projects.csv:9:1: warning: provider `d` appears in the `projects` ledger but nowhere in the evidence"));
}
