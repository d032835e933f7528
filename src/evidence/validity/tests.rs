//! Validity windows, the as-of boundary days and the located errors.

use crate::date::Date;
use crate::evidence::validity::Lapse;
use crate::evidence::{Evidence, parse};
use crate::framework::Framework;
use crate::rule::{Cell, Value};

fn framework() -> Framework {
    crate::framework::fixture::mini()
}

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// `a`'s cs_level with one validity window; staff without one.
fn evidence(from: &str, until: &str) -> Evidence {
    let csv = format!(
        "provider,indicator,value,valid_from,valid_until\n\
         a,staff,110,,\n\
         a,cs_level,CS4,{from},{until}\n"
    );
    parse("e.csv", &csv, &framework()).unwrap().0
}

/// Whether a's cs_level (indicator 1) still counts on `as_of`.
fn counts_on(from: &str, until: &str, as_of: &str) -> bool {
    let mut e = evidence(from, until);
    e.apply_validity(&framework(), d(as_of));
    matches!(e.cell(0, 1), Cell::Value(_))
}

#[test]
fn both_ends_count_and_the_day_after_does_not() {
    // valid_until = as_of counts; as_of one day later does not.
    assert!(counts_on("", "2026-06-30", "2026-06-30"));
    assert!(!counts_on("", "2026-06-30", "2026-07-01"));
    // valid_from = as_of counts; the day before does not.
    assert!(counts_on("2026-06-30", "", "2026-06-30"));
    assert!(!counts_on("2026-06-30", "", "2026-06-29"));
    // both ends on one day: valid that day only.
    assert!(counts_on("2026-06-30", "2026-06-30", "2026-06-30"));
    // 29 February: valid until the last day of February 2024.
    assert!(counts_on("", "2024-02-29", "2024-02-29"));
    assert!(!counts_on("", "2024-02-29", "2024-03-01"));
}

#[test]
fn an_expired_value_becomes_missing_with_a_located_warning() {
    let fw = framework();
    let mut e = evidence("2022-03-02", "2026-03-01");
    assert!(e.has_validity());
    let warnings = e.apply_validity(&fw, d("2026-06-30"));
    assert_eq!(e.cell(0, 1), Cell::Missing);
    assert_eq!(e.cell(0, 0), Cell::Value(Value::Number(110.0)));
    assert_eq!(e.expired(0, 1), Some(Lapse::Ended(d("2026-03-01"))));
    let texts: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        texts,
        [
            "e.csv:3:5: warning: the value of `cs_level` for provider `a` expired on 2026-03-01 (as of 2026-06-30); it is treated as missing\n  \
          = help: supply evidence of `cs_level` valid on 2026-06-30"
        ]
    );
    // Not yet valid: located at `valid_from`.
    let mut e = evidence("2026-07-01", "");
    let w = e.apply_validity(&fw, d("2026-06-30"));
    assert_eq!(
        w[0].to_string().lines().next(),
        Some(
            "e.csv:3:4: warning: the value of `cs_level` for provider `a` is valid only from 2026-07-01 (as of 2026-06-30); it is treated as missing"
        )
    );
}

#[test]
fn expiring_lists_values_ending_within_the_days_after_as_of() {
    // as_of 2026-06-30 + 180 days = 2026-12-27.
    let e = evidence("", "2026-12-27");
    assert_eq!(e.expiring(d("2026-06-30"), 180), [(0, 1, d("2026-12-27"))]);
    assert!(e.expiring(d("2026-06-30"), 179).is_empty());
    // Ending on the as-of date itself is not a risk for the next round: it counts now.
    let e = evidence("", "2026-06-30");
    assert!(e.expiring(d("2026-06-30"), 180).is_empty());
}

#[test]
fn bad_dates_and_reversed_windows_are_located_errors() {
    let fw = framework();
    let csv = "provider,indicator,value,valid_from,valid_until\n\
               a,staff,110,2026-02-30,\n\
               a,cs_level,CS4,2027-01-01,2026-01-01\n\
               b,staff,60,,soon\n";
    let errors = parse("e.csv", csv, &fw).unwrap_err();
    let texts: Vec<String> = errors
        .iter()
        .map(|e| e.to_string().lines().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "e.csv:2:4: error: `2026-02-30` is not a date: February 2026 has 28 days (`valid_from`)",
            "e.csv:3:5: error: `valid_until` 2026-01-01 is before `valid_from` 2027-01-01",
            "e.csv:4:5: error: `soon` is not a date (`valid_until`)",
        ]
    );
}

#[test]
fn a_file_without_validity_columns_needs_no_as_of() {
    let csv = "provider,indicator,value\na,staff,110\n";
    let (e, warnings) = parse("e.csv", csv, &framework()).unwrap();
    assert!(!e.has_validity());
    assert!(warnings.is_empty());
}
