//! Validity of ledger rows on the as-of date: boundary days, warnings, the
//! explain reason, rows expiring soon and the located errors.

use super::expiring_rows;
use crate::date::Date;
use crate::framework::{Framework, fixture};
use crate::records::derive::{LeftOut, check_row, value_for};
use crate::records::describe::explain_rows;
use crate::records::{Ledger, Ledgers, parse};

/// A certificate register with validity and two derived indicators:
/// `cs_top` = max(level_rank) of CS rows, `cs3` = count of CS rows with
/// level_rank ≥ 3 (the gate an expired CS3 must drop).
fn framework(until_type: &str) -> Result<Framework, Vec<crate::diag::Diagnostic>> {
    let body = format!(
        r#"[[records]]
id = "certificates"
name = "证书登记"
key = "cert_no"
[records.fields]
cert_no = "text"
scheme = "text"
level_rank = "number"
valid_from = "date"
valid_until = "{until_type}"
[[dimension]]
id = "d"
name = "d"
weight = 1
[[dimension.indicator]]
id = "cs_top"
name = "cs_top"
weight = 1
score = {{ kind = "linear", floor = 0, target = 5 }}
[dimension.indicator.derive]
records = "certificates"
aggregate = "max"
field = "level_rank"
where = [{{ field = "scheme", equals = "CS" }}]
[[dimension.indicator]]
id = "cs3"
name = "cs3"
weight = 0
score = {{ kind = "linear", floor = 0, target = 1 }}
[dimension.indicator.derive]
records = "certificates"
aggregate = "count"
where = [{{ field = "scheme", equals = "CS" }}, {{ field = "level_rank", at_least = 3 }}]
"#
    );
    fixture::load(&body).map(|l| l.framework)
}

fn fw() -> Framework {
    framework("date").unwrap_or_else(|d| unreachable!("{d:?}"))
}

fn d(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| unreachable!("{e}"))
}

/// a: a CS3 valid until 2026-06-30 and a CS2 with no end; b: an ISO row.
const REGISTER: &str = "\
provider,cert_no,scheme,level_rank,valid_from,valid_until
a,CS-1,CS,3,2022-07-01,2026-06-30
a,CS-2,CS,2,2024-01-01,
b,ISO-1,ISO27001,,2026-07-01,2029-06-30
";

fn ledger(text: &str, as_of: &str) -> (Ledger, Vec<String>) {
    let f = fw();
    let (mut l, _) =
        parse("certificates.csv", text, &f, 0).unwrap_or_else(|e| unreachable!("{e:?}"));
    let warnings = l
        .apply_validity(&f, d(as_of))
        .iter()
        .map(|w| w.to_string())
        .collect();
    (l, warnings)
}

/// (cs_top, cs3) for provider a on `as_of`.
fn values_of_a(as_of: &str) -> (Option<f64>, Option<f64>) {
    let f = fw();
    let (l, _) = ledger(REGISTER, as_of);
    let of = |k: usize| {
        let derive = f.indicators[k]
            .derive
            .as_ref()
            .unwrap_or_else(|| unreachable!());
        value_for(derive, Some(&l), Some(0), Some(d(as_of)))
    };
    (of(0), of(1))
}

#[test]
fn valid_until_on_the_as_of_date_counts_and_the_day_after_does_not() {
    // On 2026-06-30 both CS rows are valid: max(3, 2) = 3, one row with rank ≥ 3.
    assert_eq!(values_of_a("2026-06-30"), (Some(3.0), Some(1.0)));
    // On 2026-07-01 the CS3 has expired: only the CS2 counts, max = 2, the gate count drops to 0.
    assert_eq!(values_of_a("2026-07-01"), (Some(2.0), Some(0.0)));
    // Before the CS2's valid_from (2024-01-01) only the CS3 counts.
    assert_eq!(values_of_a("2023-12-31"), (Some(3.0), Some(1.0)));
    // Before both: max over no rows is missing, the count is 0.
    assert_eq!(values_of_a("2022-06-30"), (None, Some(0.0)));
}

#[test]
fn each_row_out_of_validity_is_one_located_warning() {
    // As of 2026-07-01: a's CS-1 ended on 2026-06-30 (line 2, valid_until in column 6);
    // b's ISO-1 starts on 2026-07-01, so it is valid that day and not warned about.
    let (_, warnings) = ledger(REGISTER, "2026-07-01");
    assert_eq!(
        warnings,
        [
            "certificates.csv:2:6: warning: a `certificates` record of provider `a` expired on 2026-06-30 (as of 2026-07-01); it is left out of every derived value\n  = help: supply a `certificates` record valid on 2026-07-01, or remove this row"
        ]
    );
    // As of 2026-06-30 b's ISO-1 is not valid yet (valid_from in column 5).
    let (_, warnings) = ledger(REGISTER, "2026-06-30");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with("certificates.csv:4:5: warning: a `certificates` record of provider `b` is valid only from 2026-07-01"), "{warnings:?}");
}

#[test]
fn explain_gives_the_expiry_as_the_reason() {
    let f = fw();
    let (l, _) = ledger(REGISTER, "2026-07-01");
    let derive = f.indicators[1]
        .derive
        .as_ref()
        .unwrap_or_else(|| unreachable!());
    assert_eq!(
        check_row(derive, &l, 0, None),
        Err(LeftOut::Expired(crate::evidence::validity::Lapse::Ended(
            d("2026-06-30")
        )))
    );
    let rows = explain_rows(&f, derive, Some(&l), "a", Some(d("2026-07-01")));
    let reasons: Vec<Option<&str>> = rows.iter().map(|r| r.left_out.as_deref()).collect();
    // CS-1 passes every `where` but is expired; CS-2 fails level_rank ≥ 3 (a `where` is
    // checked before validity, so the reason is the one that matters for this indicator).
    assert_eq!(
        reasons,
        [Some("expired 2026-06-30"), Some("not level_rank ≥ 3")]
    );
}

#[test]
fn rows_expiring_within_the_days_are_risks() {
    let f = fw();
    let (l, _) = ledger(REGISTER, "2026-01-01");
    let ledgers = Ledgers { ledgers: vec![l] };
    // 2026-01-01 + 180 days = 2026-06-30: the CS3 (until 2026-06-30) is listed, for cs_top
    // (the first derived indicator it counts towards); the CS2 has no end; b's row is not valid yet.
    let soon = expiring_rows(&f, &ledgers, "a", d("2026-01-01"), 180);
    assert_eq!(soon.len(), 1);
    assert_eq!(
        (soon[0].indicator, soon[0].place.as_str(), soon[0].until),
        (0, "certificates.csv:2", d("2026-06-30"))
    );
    // 179 days reach 2026-06-29 only.
    assert!(expiring_rows(&f, &ledgers, "a", d("2026-01-01"), 179).is_empty());
}

#[test]
fn valid_until_before_valid_from_is_an_error_at_its_cell() {
    let text = "provider,cert_no,scheme,level_rank,valid_from,valid_until\na,CS-1,CS,3,2026-07-01,2026-06-30\n";
    let errors = parse("c.csv", text, &fw(), 0).err().unwrap_or_default();
    let first = errors.first().map(ToString::to_string).unwrap_or_default();
    assert!(
        first.starts_with(
            "c.csv:2:6: error: `valid_until` 2026-06-30 is before `valid_from` 2026-07-01"
        ),
        "{first}"
    );
}

#[test]
fn a_validity_field_that_is_not_a_date_is_a_framework_error() {
    let errors = framework("text").err().unwrap_or_default();
    let first = errors.first().map(ToString::to_string).unwrap_or_default();
    assert!(first.starts_with("f.toml:15:1: error: `valid_until` is a record's validity and must be a date field, not text"), "{first}");
}
