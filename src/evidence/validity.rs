//! Validity of long-format evidence values (SPEC §7): the optional
//! `valid_from` and `valid_until` columns, read with the rest of a row, and
//! the step that takes out, on the as-of date, every value outside its
//! validity (inclusive at both ends): it becomes missing, and a warning names
//! the provider, the item, the date and the line.

use std::collections::HashMap;

use super::Evidence;
use super::table::Table;
use crate::date::{DATE_HELP, Date};
use crate::diag::{Diagnostic, Location};
use crate::framework::Framework;
use crate::rule::Cell;

/// Where `valid_from` and `valid_until` are in a long-format header (0-based).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Columns {
    from: Option<usize>,
    until: Option<usize>,
}

/// The names of the two columns.
pub const NAMES: [&str; 2] = ["valid_from", "valid_until"];

impl Columns {
    /// The validity columns of a header.
    pub(super) fn find(table: &Table) -> Columns {
        Columns {
            from: table.column(NAMES[0]),
            until: table.column(NAMES[1]),
        }
    }
}

/// A value's validity; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first day it is valid.
    pub from: Option<Date>,
    /// The last day it is valid.
    pub until: Option<Date>,
    /// The line of its row.
    pub line: u32,
}

impl Window {
    /// True when `day` is within the window (both ends count).
    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// Why a value is not valid on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lapse {
    /// Its validity ended on this day, before the as-of date.
    Ended(Date),
    /// It is valid only from this day, after the as-of date.
    NotYet(Date),
}

impl Window {
    /// Why the window does not hold `day`; `None` when it does.
    pub fn lapse(&self, day: Date) -> Option<Lapse> {
        match (self.from, self.until) {
            (_, Some(u)) if u < day => Some(Lapse::Ended(u)),
            (Some(f), _) if day < f => Some(Lapse::NotYet(f)),
            _ => None,
        }
    }
}

/// The validity of one evidence file's values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validity {
    /// True when the header has a validity column (then `--as-of` is needed).
    columns: bool,
    /// The 1-based columns of `valid_from` and `valid_until` (0: absent).
    at: [u32; 2],
    /// Windows by (provider, indicator).
    windows: HashMap<(u32, u32), Window>,
    /// Values taken out on the as-of date, by (provider, indicator).
    expired: HashMap<(u32, u32), Lapse>,
}

impl Validity {
    /// Notes the columns found in the header.
    pub(super) fn set_columns(&mut self, c: Columns) {
        self.columns = c.from.is_some() || c.until.is_some();
        self.at = [c.from, c.until].map(|c| c.map_or(0, |c| c as u32 + 1));
    }

    /// Moves the windows of a later part's provider `q` to provider `p`.
    pub(super) fn absorb(&mut self, other: &mut Validity, q: usize, p: usize, k: usize) {
        if let Some(w) = other.windows.remove(&(q as u32, k as u32)) {
            self.windows.insert((p as u32, k as u32), w);
        }
    }

    /// Moves every window left in `other` whose provider moved in whole.
    pub(super) fn absorb_moved(&mut self, other: Validity, moved: &[Option<usize>]) {
        for ((q, k), w) in other.windows {
            if let Some(p) = moved[q as usize] {
                self.windows.insert((p as u32, k), w);
            }
        }
    }
}

/// Reads the validity cells of a long-format row for provider `p`,
/// indicator `k`; a bad date, or `valid_from` after `valid_until`, is an
/// error at its cell.
pub(super) fn read_row(
    table: &mut Table,
    validity: &mut Validity,
    c: Columns,
    (p, k): (usize, usize),
    line: usize,
    record: &crate::evidence::Record,
) {
    if c == Columns::default() {
        return;
    }
    let mut date = |column: Option<usize>, name: &str| {
        let column = column?;
        let text = super::clean(record.get(column).unwrap_or(""));
        if text.is_empty() {
            return None;
        }
        match Date::parse_cell(text) {
            Ok(d) => Some(d),
            Err(e) => {
                table
                    .error(line, column + 1, format!("{e} (`{name}`)"))
                    .help = Some(DATE_HELP.into());
                None
            }
        }
    };
    let from = date(c.from, NAMES[0]);
    let until = date(c.until, NAMES[1]);
    if let (Some(f), Some(u), Some(column)) = (from, until, c.until)
        && f > u
    {
        table
            .error(
                line,
                column + 1,
                format!("`valid_until` {u} is before `valid_from` {f}"),
            )
            .help = Some("a value is valid from its first day to its last: swap them?".into());
        return;
    }
    if from.is_some() || until.is_some() {
        let window = Window {
            from,
            until,
            line: line as u32,
        };
        validity.windows.insert((p as u32, k as u32), window);
    }
}

impl Evidence {
    /// True when the file has a `valid_from` or `valid_until` column: scoring it
    /// needs the as-of date.
    pub fn has_validity(&self) -> bool {
        self.validity.columns
    }

    /// Provider `p`'s validity window for indicator `k`, if its row gave one.
    pub fn window(&self, p: usize, k: usize) -> Option<&Window> {
        self.validity.windows.get(&(p as u32, k as u32))
    }

    /// Why provider `p`'s value for indicator `k` was taken out as not valid
    /// on the as-of date (`None`: it was not).
    pub fn expired(&self, p: usize, k: usize) -> Option<Lapse> {
        self.validity.expired.get(&(p as u32, k as u32)).copied()
    }

    /// Takes out every value not valid on `as_of`: its cell becomes missing
    /// (the missing policy applies, and a `required` item leaves the provider
    /// incomplete). Returns one warning per value, in provider and indicator order.
    pub fn apply_validity(&mut self, fw: &Framework, as_of: Date) -> Vec<Diagnostic> {
        let mut out: Vec<(u32, u32, u32, Lapse)> = self
            .validity
            .windows
            .iter()
            .filter(|((p, k), _)| self.has_value(*p as usize, *k as usize))
            .filter_map(|(&(p, k), w)| Some((p, k, w.line, w.lapse(as_of)?)))
            .collect();
        out.sort_unstable_by_key(|&(p, k, ..)| (p, k));
        let mut warnings = Vec::with_capacity(out.len());
        for (p, k, line, lapse) in out {
            self.store.set(p as usize, k as usize, &Cell::Missing);
            self.validity.expired.insert((p, k), lapse);
            warnings.push(self.expiry_warning(fw, (p as usize, k as usize), line, lapse, as_of));
        }
        warnings
    }

    fn expiry_warning(
        &self,
        fw: &Framework,
        (p, k): (usize, usize),
        line: u32,
        lapse: Lapse,
        as_of: Date,
    ) -> Diagnostic {
        let (provider, item) = (&self.providers[p].id, &fw.indicators[k].id);
        let (what, col) = match lapse {
            Lapse::Ended(u) => (format!("expired on {u}"), self.validity.at[1]),
            Lapse::NotYet(f) => (format!("is valid only from {f}"), self.validity.at[0]),
        };
        let at = Location {
            line: line as usize,
            col: col as usize,
        };
        Diagnostic::warning(
            &self.file,
            Some(at),
            format!(
                "the value of `{item}` for provider `{provider}` {what} (as of {as_of}); it is treated as missing"
            ),
        )
        .with_help(format!("supply evidence of `{item}` valid on {as_of}"))
    }

    /// The values valid on `as_of` whose validity ends within `days` after it
    /// (`as_of` < valid_until ≤ as_of + days): (provider, indicator, valid_until),
    /// in provider and indicator order.
    pub fn expiring(&self, as_of: Date, days: u32) -> Vec<(usize, usize, Date)> {
        let last = as_of.plus_days(i64::from(days));
        let mut out: Vec<(usize, usize, Date)> = self
            .validity
            .windows
            .iter()
            .filter_map(|(&(p, k), w)| {
                let u = w.until?;
                let soon = u > as_of && last.is_none_or(|l| u <= l);
                let counts = w.contains(as_of) && self.has_value(p as usize, k as usize);
                (soon && counts).then_some((p as usize, k as usize, u))
            })
            .collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests;
