//! Derived indicators: the aggregate over a provider's ledger rows that pass
//! every `where` condition and the time window.
//!
//! The values become ordinary evidence cells, so every command scores them
//! the same way. Each table's rows are visited once, provider by provider.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Ledger, Ledgers};
use crate::date::Date;
use crate::diag::{Diagnostic, Location};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::framework::records::{Aggregate, Derive, FieldValue, FilterTest};
use crate::rule::{Cell, Value};

/// Why a ledger row does not count towards a derived value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// The window's date field is empty.
    NoDate,
    /// The date is on or before as_of − years.
    BeforeWindow,
    /// The date is after the as-of date.
    AfterAsOf,
    /// `where` condition `i` (index into [`Derive::filters`]) fails.
    Filter(usize),
    /// The aggregated field is empty.
    EmptyField,
    /// The row is outside its validity on the as-of date (SPEC §7).
    Expired(crate::evidence::validity::Lapse),
}

/// The window `(from, to]` of a derive on `as_of`: `from` is `None` when the
/// window reaches back before year 1.
pub fn window_bounds(derive: &Derive, as_of: Option<Date>) -> Option<(Option<Date>, Date)> {
    let w = derive.window?;
    let to = as_of?;
    Some((to.minus_years(w.years), to))
}

/// Whether row `r` counts, or why not: the window, then each `where` in
/// order, then its validity on the as-of date (so that `explain` gives an
/// expiry only for rows the derivation would otherwise count), then the
/// aggregated field.
pub fn check_row(
    derive: &Derive,
    ledger: &Ledger,
    r: u32,
    bounds: Option<(Option<Date>, Date)>,
) -> Result<(), LeftOut> {
    if let (Some(w), Some((from, to))) = (derive.window, bounds) {
        let Some(FieldValue::Date(d)) = ledger.value(r, w.field) else {
            return Err(LeftOut::NoDate);
        };
        if from.is_some_and(|from| *d <= from) {
            return Err(LeftOut::BeforeWindow);
        }
        if *d > to {
            return Err(LeftOut::AfterAsOf);
        }
    }
    for (i, filter) in derive.filters.iter().enumerate() {
        let holds = ledger
            .value(r, filter.field)
            .is_some_and(|v| passes(v, &filter.test));
        if !holds {
            return Err(LeftOut::Filter(i));
        }
    }
    if let Some(lapse) = ledger.lapse(r) {
        return Err(LeftOut::Expired(lapse));
    }
    if let Some(f) = derive.field
        && ledger.value(r, f).is_none()
    {
        return Err(LeftOut::EmptyField);
    }
    Ok(())
}

fn passes(value: &FieldValue, test: &FilterTest) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let order = |bound: &FieldValue| match (value, bound) {
        (FieldValue::Number(a), FieldValue::Number(b)) => a.partial_cmp(b),
        (FieldValue::Date(a), FieldValue::Date(b)) => Some(a.cmp(b)),
        _ => None,
    };
    match test {
        FilterTest::Equals(bound) => value == bound,
        FilterTest::AtLeast(bound) => matches!(order(bound), Some(Greater | Equal)),
        FilterTest::AtMost(bound) => matches!(order(bound), Some(Less | Equal)),
    }
}

/// A value as `count_distinct` tells values apart (numbers by value, text exactly).
#[derive(Debug, PartialEq, Eq, Hash)]
enum Distinct<'a> {
    Text(&'a str),
    Number(u64),
    Date(Date),
    Bool(bool),
}

fn distinct(value: &FieldValue) -> Distinct<'_> {
    match value {
        FieldValue::Text(s) => Distinct::Text(s),
        // + 0.0 makes −0 and 0 one value.
        FieldValue::Number(n) => Distinct::Number((n + 0.0).to_bits()),
        FieldValue::Date(d) => Distinct::Date(*d),
        FieldValue::Bool(b) => Distinct::Bool(*b),
    }
}

/// The aggregate over the rows that count (already checked with [`check_row`]):
/// `None` (a missing value) for min, max, mean and share over no rows.
pub fn aggregate<'l>(
    derive: &Derive,
    ledger: &'l Ledger,
    rows: impl Iterator<Item = u32>,
) -> Option<f64> {
    let field = derive.field.unwrap_or(0);
    let number = |r: u32| match ledger.value(r, field) {
        Some(FieldValue::Number(n)) => *n,
        _ => 0.0,
    };
    match derive.aggregate {
        Aggregate::Count => Some(rows.count() as f64),
        Aggregate::CountDistinct => {
            let mut seen: FxHashSet<Distinct<'l>> = FxHashSet::default();
            seen.extend(rows.filter_map(|r| ledger.value(r, field)).map(distinct));
            Some(seen.len() as f64)
        }
        Aggregate::Sum => Some(rows.map(number).sum()),
        Aggregate::Min => rows.map(number).reduce(f64::min),
        Aggregate::Max => rows.map(number).reduce(f64::max),
        Aggregate::Mean => {
            let (n, sum) = rows.fold((0usize, 0.0), |(n, s), r| (n + 1, s + number(r)));
            (n > 0).then(|| sum / n as f64)
        }
        Aggregate::Share => {
            let (n, yes) = rows.fold((0usize, 0usize), |(n, y), r| {
                let t = matches!(ledger.value(r, field), Some(FieldValue::Bool(true)));
                (n + 1, y + usize::from(t))
            });
            (n > 0).then(|| 100.0 * yes as f64 / n as f64)
        }
    }
}

/// The value of derived indicator `derive` for the ledger provider `lp`
/// (`None`: the provider has no rows in this ledger).
pub fn value_for(
    derive: &Derive,
    ledger: Option<&Ledger>,
    lp: Option<usize>,
    as_of: Option<Date>,
) -> Option<f64> {
    let bounds = window_bounds(derive, as_of);
    match (ledger, lp) {
        (Some(l), Some(p)) => {
            let rows = l.rows_of(p).iter().copied();
            aggregate(
                derive,
                l,
                rows.filter(|&r| check_row(derive, l, r, bounds).is_ok()),
            )
        }
        _ => derive.aggregate.always_has_value().then_some(0.0),
    }
}

/// Fills every derived indicator's cells in `evidence` from the ledgers, on
/// the as-of date. Providers found only in a ledger are added (a warning
/// each); a derived value also given in the evidence is an error naming both
/// places. Returns the warnings, or every diagnostic when any is an error.
pub fn derive_all(
    fw: &Framework,
    ledgers: &Ledgers,
    evidence: &mut Evidence,
    as_of: Option<Date>,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let derived: Vec<(usize, &Derive)> = fw
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(k, i)| i.derive.as_ref().map(|d| (k, d)))
        .collect();
    let mut errors = conflicts(fw, ledgers, evidence, &derived);
    let warnings = add_ledger_providers(fw, ledgers, evidence);
    if !errors.is_empty() {
        errors.extend(warnings);
        crate::diag::sort(&mut errors);
        return Err(errors);
    }
    for ledger in &ledgers.ledgers {
        let mine: Vec<&(usize, &Derive)> = derived
            .iter()
            .filter(|(_, d)| d.table == ledger.table)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let position: FxHashMap<&str, usize> = ledger
            .providers
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        for p in 0..evidence.providers.len() {
            let lp = position.get(evidence.providers[p].id.as_str()).copied();
            for (k, d) in &mine {
                let value = value_for(d, Some(ledger), lp, as_of);
                evidence.set_derived(
                    p,
                    *k,
                    value.map_or(Cell::Missing, |v| Cell::Value(Value::Number(v))),
                );
            }
        }
    }
    // A table without a ledger: every provider has no rows.
    for (k, d) in &derived {
        if ledgers.of_table(d.table).is_none() {
            for p in 0..evidence.providers.len() {
                let value = value_for(d, None, None, as_of);
                evidence.set_derived(
                    p,
                    *k,
                    value.map_or(Cell::Missing, |v| Cell::Value(Value::Number(v))),
                );
            }
        }
    }
    Ok(warnings)
}

/// A derived indicator given a value in the evidence too: an error at the
/// evidence cell naming the ledger.
fn conflicts(
    fw: &Framework,
    ledgers: &Ledgers,
    evidence: &Evidence,
    derived: &[(usize, &Derive)],
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for &(k, d) in derived {
        let table = &fw.records[d.table].id;
        let from = ledgers.of_table(d.table).map_or_else(
            || format!("the `{table}` ledger"),
            |l| format!("the `{table}` ledger ({})", l.file),
        );
        for p in 0..evidence.providers.len() {
            if matches!(evidence.cell(p, k), Cell::Missing) {
                continue;
            }
            let message = format!(
                "`{}` is derived from {from}, but provider `{}` is given a value for it here as well",
                fw.indicators[k].id, evidence.providers[p].id
            );
            errors.push(
                Diagnostic::error(&evidence.file, evidence.location(p, k), message)
                    .with_help("remove the value from the evidence (the ledger decides it), or remove `derive` from the indicator"),
            );
        }
    }
    errors
}

/// Adds the providers that appear only in a ledger, warning about each at its first row.
fn add_ledger_providers(
    fw: &Framework,
    ledgers: &Ledgers,
    evidence: &mut Evidence,
) -> Vec<Diagnostic> {
    let mut known: FxHashSet<String> = evidence.providers.iter().map(|p| p.id.clone()).collect();
    let mut warnings = Vec::new();
    for ledger in &ledgers.ledgers {
        for (lp, id) in ledger.providers.iter().enumerate() {
            if known.contains(id) {
                continue;
            }
            known.insert(id.clone());
            let first = ledger.rows_of(lp).first().copied().unwrap_or(0);
            let line = ledger.line(first);
            evidence.add_provider(id);
            let message = format!(
                "provider `{id}` appears in the `{}` ledger but nowhere in the evidence; it is scored with what the ledgers give",
                fw.records[ledger.table].id
            );
            let mut d = Diagnostic::warning(
                &ledger.file,
                Some(Location {
                    line,
                    col: ledger.provider_col,
                }),
                message,
            );
            if let Some(sheet) = &ledger.sheet {
                d = d.in_cell(sheet, line, ledger.provider_col);
            }
            warnings.push(d.with_help(
                "check the provider id for a typo, or add the provider to the evidence",
            ));
        }
    }
    warnings
}
