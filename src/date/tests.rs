use super::*;

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap_or_else(|| unreachable!("{y}-{m}-{day} is a test date"))
}

#[test]
fn leap_years_follow_the_century_rules() {
    for (year, leap) in [
        (2024, true),
        (2023, false),
        (2000, true),  // divisible by 400
        (1900, false), // a century not divisible by 400
        (2100, false),
        (2400, true),
        (1600, true),
        (4, true),
    ] {
        assert_eq!(is_leap_year(year), leap, "{year}");
        assert_eq!(Date::new(year, 2, 29).is_some(), leap, "{year}-02-29");
    }
}

#[test]
fn reads_the_three_separators_and_rejects_everything_else() {
    for (text, want) in [
        ("2026-06-30", Some(d(2026, 6, 30))),
        ("2026/06/30", Some(d(2026, 6, 30))),
        ("2026.06.30", Some(d(2026, 6, 30))),
        ("2026/6/3", Some(d(2026, 6, 3))),
        ("  2024-02-29 ", Some(d(2024, 2, 29))),
        ("2000-02-29", Some(d(2000, 2, 29))),
        ("0001-01-01", Some(d(1, 1, 1))),
        ("9999-12-31", Some(d(9999, 12, 31))),
        ("1900-02-29", None),
        ("2023-02-29", None),
        ("2026-04-31", None),
        ("2026-13-01", None),
        ("2026-00-10", None),
        ("2026-01-00", None),
        ("0000-01-01", None),
        ("2026-06/30", None),
        ("26-06-30", None),
        ("20260630", None),
        ("2026-06-30-1", None),
        ("2026-006-30", None),
        ("2026--30", None),
        ("+2026-06-30", None),
        ("2026-06-30T00:00:00", None),
        ("30/06/2026", None),
        ("", None),
        ("n/a", None),
        ("２０２６-06-30", None),
    ] {
        assert_eq!(Date::parse(text).ok(), want, "{text:?}");
    }
}

#[test]
fn errors_say_why_a_day_does_not_exist() {
    let cases = [
        (
            "2025-02-29",
            "`2025-02-29` is not a date: February 2025 has 28 days",
        ),
        (
            "2026-04-31",
            "`2026-04-31` is not a date: April 2026 has 30 days",
        ),
        (
            "2026-13-01",
            "`2026-13-01` is not a date: there is no month 13",
        ),
        ("soon", "`soon` is not a date"),
    ];
    for (text, message) in cases {
        assert_eq!(
            Date::parse(text).map_err(|e| e.to_string()),
            Err(message.into())
        );
    }
}

#[test]
fn workbook_cells_may_carry_a_time_of_day() {
    assert_eq!(Date::parse_cell("2025-10-13T12:00:00"), Ok(d(2025, 10, 13)));
    assert_eq!(Date::parse_cell("2025-10-13"), Ok(d(2025, 10, 13)));
    assert!(Date::parse_cell("2025-10-13Tnoon").is_err());
    assert!(Date::parse_cell("2025-10-13T").is_err());
}

#[test]
fn displays_as_iso_and_round_trips() {
    for (date, text) in [
        (d(2026, 6, 30), "2026-06-30"),
        (d(5, 1, 9), "0005-01-09"),
        (d(2024, 2, 29), "2024-02-29"),
    ] {
        assert_eq!(date.to_string(), text);
        assert_eq!(text.parse::<Date>(), Ok(date));
    }
}

#[test]
fn orders_by_year_then_month_then_day() {
    let mut dates = vec![d(2026, 1, 2), d(2025, 12, 31), d(2026, 1, 1), d(2025, 2, 1)];
    dates.sort();
    assert_eq!(
        dates,
        vec![d(2025, 2, 1), d(2025, 12, 31), d(2026, 1, 1), d(2026, 1, 2)]
    );
}

#[test]
fn minus_years_keeps_the_day_or_falls_back_to_28_february() {
    for (from, years, want) in [
        (d(2026, 6, 30), 3, Some(d(2023, 6, 30))),
        (d(2024, 2, 29), 1, Some(d(2023, 2, 28))), // 2023 has no 29 February
        (d(2024, 2, 29), 4, Some(d(2020, 2, 29))), // 2020 has one
        (d(2000, 2, 29), 100, Some(d(1900, 2, 28))), // 1900 is not a leap year
        (d(2004, 2, 29), 400, Some(d(1604, 2, 29))),
        (d(2026, 3, 1), 0, Some(d(2026, 3, 1))),
        (d(2026, 1, 1), 2025, Some(d(1, 1, 1))),
        (d(2026, 1, 1), 2026, None),
    ] {
        assert_eq!(from.minus_years(years), want, "{from} - {years}");
    }
}

#[test]
fn counts_days_between_dates() {
    // Year lengths: 365, or 366 in a leap year.
    for (from, to, days) in [
        (d(2023, 1, 1), d(2024, 1, 1), 365),
        (d(2024, 1, 1), d(2025, 1, 1), 366),
        (d(1900, 1, 1), d(1901, 1, 1), 365),
        (d(2000, 1, 1), d(2001, 1, 1), 366),
        (d(2024, 2, 28), d(2024, 3, 1), 2),
        (d(2023, 2, 28), d(2023, 3, 1), 1),
        (d(2026, 6, 30), d(2026, 6, 30), 0),
        (d(2026, 7, 1), d(2026, 6, 30), -1),
        // 400 Gregorian years are exactly 146 097 days.
        (d(1600, 3, 1), d(2000, 3, 1), 146_097),
        (d(1970, 1, 1), d(1970, 1, 1), 0),
    ] {
        assert_eq!(from.days_until(to), days, "{from} → {to}");
    }
    assert_eq!(d(2026, 6, 30).plus_days(180), Some(d(2026, 12, 27)));
    assert_eq!(d(2024, 2, 28).plus_days(1), Some(d(2024, 2, 29)));
    assert_eq!(d(2024, 3, 1).plus_days(-1), Some(d(2024, 2, 29)));
    assert_eq!(d(9999, 12, 31).plus_days(1), None);
    assert_eq!(d(1, 1, 1).plus_days(-1), None);
}

#[test]
fn reads_spreadsheet_serial_numbers_in_both_systems() {
    for (serial, is_1904, want) in [
        (1.0, false, Some(d(1900, 1, 1))),
        (59.0, false, Some(d(1900, 2, 28))),
        (60.0, false, Some(d(1900, 2, 28))), // Excel's phantom 1900-02-29
        (61.0, false, Some(d(1900, 3, 1))),
        (36_526.0, false, Some(d(2000, 1, 1))),
        (43_831.0, false, Some(d(2020, 1, 1))),
        (43_831.75, false, Some(d(2020, 1, 1))), // 18:00 that day
        (0.0, true, Some(d(1904, 1, 1))),
        (35_064.0, true, Some(d(2000, 1, 1))), // 36 526 − 1 462
        (-1.0, false, None),
        (f64::NAN, false, None),
        (1e12, false, None),
    ] {
        assert_eq!(Date::from_excel_serial(serial, is_1904), want, "{serial}");
    }
}

#[test]
fn reads_calamine_date_cells() {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    let cell = ExcelDateTime::new(43_831.0, ExcelDateTimeType::DateTime, false);
    assert_eq!(Date::from_excel(&cell), Some(d(2020, 1, 1)));
    let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
    assert_eq!(Date::from_excel(&duration), None);
}

#[test]
fn serialises_as_text() {
    #[derive(serde::Deserialize)]
    struct Round {
        as_of: Date,
    }
    let round: Round =
        toml::from_str("as_of = \"2024-02-29\"").unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(round.as_of, d(2024, 2, 29));
    assert!(toml::from_str::<Round>("as_of = \"2023-02-29\"").is_err());
    assert_eq!(
        serde_json::to_string(&d(2026, 6, 30)).ok().as_deref(),
        Some("\"2026-06-30\"")
    );
}
