//! Calendar dates: the evaluation's reference date (`--as-of`, 评价基准日),
//! record-table dates and validity dates.
//!
//! A [`Date`] is a validated proleptic-Gregorian day between year 1 and 9999.
//! Text is read in the forms people type or export — `2026-06-30`,
//! `2026/6/30`, `2026.06.30` — and workbook date cells through their serial
//! number (the 1900 and 1904 systems). Dates print as `YYYY-MM-DD`. No time
//! zones and no clock: a date only ever comes from the input.

use std::fmt;
use std::str::FromStr;

/// A calendar day. Ordered by time (year, then month, then day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date (the message names the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateError(String);

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseDateError {}

/// The hint printed under a date error.
pub const DATE_HELP: &str =
    "write dates as YYYY-MM-DD (also YYYY/MM/DD or YYYY.MM.DD), e.g. 2026-06-30";

/// True in the leap years of the Gregorian calendar: every 4th year, except
/// centuries not divisible by 400 (1900 is not a leap year, 2000 is).
pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// The number of days in `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date `year-month-day`, or `None` when there is no such day
    /// (2025-02-29, month 13, year 0 or beyond 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year (1–9999).
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month (1–12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1–31).
    pub fn day(self) -> u8 {
        self.day
    }

    /// Reads `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD` (one separator used
    /// twice; month and day may have one digit, as spreadsheets export them),
    /// surrounding spaces ignored. The day must exist: `2025-02-29` is an error.
    pub fn parse(text: &str) -> Result<Date, ParseDateError> {
        let t = text.trim();
        let bad = || ParseDateError(format!("`{t}` is not a date"));
        let sep = t
            .chars()
            .find(|c| !c.is_ascii_digit())
            .filter(|c| matches!(c, '-' | '/' | '.'))
            .ok_or_else(bad)?;
        let parts: Vec<&str> = t.split(sep).collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let digits = |s: &str, min: usize, max: usize| {
            (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
            return Err(bad());
        }
        let (year, month, day) = (
            y.parse::<u16>().map_err(|_| bad())?,
            m.parse::<u8>().map_err(|_| bad())?,
            d.parse::<u8>().map_err(|_| bad())?,
        );
        Date::new(year, month, day).ok_or_else(|| {
            let why = match days_in_month(year, month) {
                0 => format!("there is no month {month}"),
                n if year == 0 => format!("there is no year 0 (month {month} has {n} days)"),
                n => format!("{} {year} has {n} days", month_name(month)),
            };
            ParseDateError(format!("`{t}` is not a date: {why}"))
        })
    }

    /// Reads a workbook cell's text as [`Date::parse`] does, and also a date
    /// cell with a time of day (`2026-06-30T00:00:00`, as workbooks export
    /// date-time cells), whose day is taken.
    pub fn parse_cell(text: &str) -> Result<Date, ParseDateError> {
        let t = text.trim();
        match t.split_once('T') {
            Some((day, time))
                if !time.is_empty()
                    && time
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b':' || b == b'.') =>
            {
                Date::parse(day)
            }
            _ => Date::parse(t),
        }
    }

    /// The day of a spreadsheet serial date: days since 1899-12-30 in the
    /// 1900 system (serial 1 = 1900-01-01; Excel's phantom 1900-02-29, serial
    /// 60, is read as 1900-02-28), or since 1904-01-01 in the 1904 system.
    /// A fraction (the time of day) is dropped; `None` out of range.
    pub fn from_excel_serial(serial: f64, is_1904: bool) -> Option<Date> {
        if !(0.0..=3_000_000.0).contains(&serial) {
            return None;
        }
        let whole = serial.floor() as i64;
        let days = if is_1904 {
            days_from_civil(1904, 1, 1) + whole
        } else if whole < 61 {
            // Before 1900-03-01 Excel counts a 29 February that never was.
            days_from_civil(1899, 12, 31) + whole.clamp(1, 59)
        } else {
            days_from_civil(1899, 12, 30) + whole
        };
        Date::from_days(days)
    }

    /// The day of a workbook date cell as calamine reads it.
    pub fn from_excel(cell: &calamine::ExcelDateTime) -> Option<Date> {
        if !cell.is_datetime() {
            return None;
        }
        let (y, m, d, ..) = cell.to_ymd_hms_milli();
        Date::new(y, m, d)
    }

    /// The same day `n` calendar years earlier; 29 February of a leap year
    /// becomes 28 February when the earlier year has none. `None` before year 1.
    pub fn minus_years(self, n: u16) -> Option<Date> {
        let year = self.year.checked_sub(n).filter(|y| *y >= 1)?;
        let day = self.day.min(days_in_month(year, self.month));
        Date::new(year, self.month, day)
    }

    /// The day `n` days later (earlier for negative `n`); `None` outside years 1–9999.
    pub fn plus_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// The number of days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days() - self.days()
    }

    /// Days since 1970-01-01.
    fn days(self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, self.day)
    }

    fn from_days(days: i64) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::new(u16::try_from(y).ok()?, m, d)
    }
}

fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[usize::from(month.clamp(1, 12)) - 1]
}

// Howard Hinnant's `days_from_civil` / `civil_from_days` (public domain):
// exact for every proleptic-Gregorian date, with eras of 400 years.
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        Date::parse(s)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
