//! Validity of ledger rows (SPEC §7): a record table that declares
//! `valid_from` and `valid_until` date fields (a certificate register) has
//! each row judged on the as-of date, with the same window as evidence values
//! ([`crate::evidence::validity::Window`], inclusive at both ends). A row
//! outside its validity is left out of every derived value, with a warning;
//! `explain` shows it as left out ("expired 2026-03-01") and `gap
//! --expiring-within` lists the rows that expire soon.

use super::Ledger;
use super::derive::{check_row, window_bounds};
use crate::date::Date;
use crate::diag::{Diagnostic, Location};
use crate::evidence::validity::{Lapse, Window};
use crate::framework::Framework;
use crate::framework::records::FieldValue;

impl Ledger {
    fn date(&self, r: u32, end: usize) -> Option<Date> {
        let f = self.validity[end].0?;
        match self.value(r, f) {
            Some(FieldValue::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// Row `r`'s validity, when its table has validity fields.
    pub fn window(&self, r: u32) -> Option<Window> {
        self.validity[0].0.or(self.validity[1].0)?;
        Some(Window {
            from: self.date(r, 0),
            until: self.date(r, 1),
            line: self.line(r) as u32,
        })
    }

    /// The error of a row just read whose `valid_until` is before its
    /// `valid_from` (`start`: the index of its first value).
    pub(super) fn validity_error(&self, start: usize) -> Option<String> {
        let (Some(f), Some(u)) = (self.validity[0].0, self.validity[1].0) else {
            return None;
        };
        let date = |i: usize| match self.values.get(start + i) {
            Some(Some(FieldValue::Date(d))) => Some(*d),
            _ => None,
        };
        match (date(f), date(u)) {
            (Some(from), Some(until)) if from > until => Some(format!(
                "`valid_until` {until} is before `valid_from` {from}"
            )),
            _ => None,
        }
    }

    /// Why row `r` was left out on the as-of date as not valid (`None`: it
    /// was not, or validity was never applied).
    pub fn lapse(&self, r: u32) -> Option<Lapse> {
        self.expired.get(&r).copied()
    }

    /// Judges every row on `as_of`: a row outside its validity is left out of
    /// every derived value from now on. Returns one warning per such row
    /// (provider, table, date, file:line), in file order.
    pub fn apply_validity(&mut self, fw: &Framework, as_of: Date) -> Vec<Diagnostic> {
        self.expired.clear();
        let mut warnings = Vec::new();
        for r in 0..self.rows.len() as u32 {
            let Some(lapse) = self.window(r).and_then(|w| w.lapse(as_of)) else {
                continue;
            };
            self.expired.insert(r, lapse);
            warnings.push(self.expiry_warning(fw, r, lapse, as_of));
        }
        warnings
    }

    fn expiry_warning(&self, fw: &Framework, r: u32, lapse: Lapse, as_of: Date) -> Diagnostic {
        let table = &fw.records[self.table].id;
        let provider = self
            .rows
            .get(r as usize)
            .and_then(|row| self.providers.get(row.provider as usize))
            .map_or("?", String::as_str);
        let (what, col) = match lapse {
            Lapse::Ended(u) => (format!("expired on {u}"), self.validity[1].1),
            Lapse::NotYet(f) => (format!("is valid only from {f}"), self.validity[0].1),
        };
        let line = self.line(r);
        let message = format!(
            "a `{table}` record of provider `{provider}` {what} (as of {as_of}); it is left out of every derived value"
        );
        let mut d = Diagnostic::warning(&self.file, Some(Location { line, col }), message);
        if let Some(sheet) = &self.sheet {
            d = d.in_cell(sheet, line, col);
        }
        d.with_help(format!(
            "supply a `{table}` record valid on {as_of}, or remove this row"
        ))
    }
}

/// The reason `explain` gives for a row left out as not valid.
pub fn lapse_text(lapse: Lapse) -> String {
    match lapse {
        Lapse::Ended(u) => format!("expired {u}"),
        Lapse::NotYet(f) => format!("valid only from {f}"),
    }
}

/// A ledger row that counts on the as-of date and expires soon: a risk for
/// the next round (`gap --expiring-within`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiringRow {
    /// The first derived indicator (framework order) the row counts towards.
    pub indicator: usize,
    /// Where the row is (`certificates.csv:12`).
    pub place: String,
    /// Its last valid day.
    pub until: Date,
}

/// The rows of provider `provider` that count towards some derived value on
/// `as_of` and whose validity ends within `days` after it (as_of <
/// valid_until ≤ as_of + days), each once, in table and file order.
pub fn expiring_rows(
    fw: &Framework,
    ledgers: &super::Ledgers,
    provider: &str,
    as_of: Date,
    days: u32,
) -> Vec<ExpiringRow> {
    let last = as_of.plus_days(i64::from(days));
    let mut out = Vec::new();
    for ledger in &ledgers.ledgers {
        let Some(p) = ledger.provider_index(provider) else {
            continue;
        };
        for &r in ledger.rows_of(p) {
            let Some(until) = ledger.window(r).and_then(|w| w.until) else {
                continue;
            };
            if until <= as_of || last.is_some_and(|l| until > l) {
                continue;
            }
            let serves = fw.indicators.iter().position(|i| {
                i.derive.as_ref().is_some_and(|d| {
                    d.table == ledger.table
                        && check_row(d, ledger, r, window_bounds(d, Some(as_of))).is_ok()
                })
            });
            if let Some(indicator) = serves {
                out.push(ExpiringRow {
                    indicator,
                    place: ledger.place(r),
                    until,
                });
            }
        }
    }
    out
}

/// Adds to each gap's `expiring` list the ledger rows of its provider that
/// expire within `days` after `as_of` (none when no table has validity).
pub fn fill_expiring(
    fw: &Framework,
    ledgers: &super::Ledgers,
    scores: &crate::score::Scores,
    gaps: &mut [crate::gap::Gap],
    (as_of, days): (Date, u32),
) {
    if !fw.records.iter().any(|t| t.has_validity()) {
        return;
    }
    for g in gaps {
        let provider = &scores.providers[g.provider].provider;
        let rows = expiring_rows(fw, ledgers, provider, as_of, days);
        let list = g.expiring.get_or_insert_with(Vec::new);
        list.extend(rows.into_iter().map(|e| crate::gap::Expiring {
            indicator: e.indicator,
            until: e.until,
            days_left: as_of.days_until(e.until),
            record: Some(e.place),
        }));
    }
}

#[cfg(test)]
mod tests;
