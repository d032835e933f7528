//! Derived values in words: which rows went in and which were left out (for
//! `explain`), and a shortfall counted in rows (for `gap`).

use super::Ledger;
use super::derive::{LeftOut, check_row, window_bounds};
use crate::date::Date;
use crate::framework::records::{Aggregate, Derive, FieldValue, FilterTest};
use crate::framework::{Framework, Lang};
use crate::number::trim;

/// One ledger row as `explain` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowNote {
    /// Where the row is: `projects.csv:12` or `book.xlsx!projects!A12`.
    pub place: String,
    /// The fields the derivation reads, with their values (empty: no value).
    pub fields: Vec<(String, String)>,
    /// Why the row was left out (`None`: it went into the value).
    pub left_out: Option<String>,
}

/// The rows of provider `provider` behind a derived value: those that went
/// in, then those left out with the reason, each in file order.
pub fn explain_rows(
    fw: &Framework,
    derive: &Derive,
    ledger: Option<&Ledger>,
    provider: &str,
    as_of: Option<Date>,
) -> Vec<RowNote> {
    let Some(ledger) = ledger else {
        return Vec::new();
    };
    let Some(p) = ledger.provider_index(provider) else {
        return Vec::new();
    };
    let bounds = window_bounds(derive, as_of);
    let table = &fw.records[derive.table];
    let used = fields_used(derive);
    let (mut kept, mut left): (Vec<RowNote>, Vec<RowNote>) = (Vec::new(), Vec::new());
    for &r in ledger.rows_of(p) {
        let fields = used
            .iter()
            .map(|&f| {
                let value = ledger.value(r, f).map(ToString::to_string);
                (table.field_name(f).to_string(), value.unwrap_or_default())
            })
            .collect();
        let reason = check_row(derive, ledger, r, bounds).err();
        let note = RowNote {
            place: ledger.place(r),
            fields,
            left_out: reason.map(|why| reason_text(fw, derive, why, bounds)),
        };
        match note.left_out {
            None => kept.push(note),
            Some(_) => left.push(note),
        }
    }
    kept.extend(left);
    kept
}

/// The fields a derivation reads: the aggregated one, each `where`, the window's.
pub fn fields_used(derive: &Derive) -> Vec<usize> {
    let mut fields: Vec<usize> = derive.field.into_iter().collect();
    fields.extend(derive.filters.iter().map(|f| f.field));
    fields.extend(derive.window.map(|w| w.field));
    let mut seen = Vec::new();
    fields.retain(|f| {
        let new = !seen.contains(f);
        seen.push(*f);
        new
    });
    fields
}

/// Why a row was left out, in words.
pub fn reason_text(
    fw: &Framework,
    derive: &Derive,
    why: LeftOut,
    bounds: Option<(Option<Date>, Date)>,
) -> String {
    let table = &fw.records[derive.table];
    let window = derive.window.map(|w| (table.field_name(w.field), w.years));
    match (why, window, bounds) {
        (LeftOut::NoDate, Some((f, _)), _) => format!("no `{f}` date: outside every window"),
        (LeftOut::BeforeWindow, Some((f, years)), Some((Some(from), _))) => {
            format!("`{f}` on or before {from}: outside the {years}-year window")
        }
        (LeftOut::AfterAsOf, Some((f, _)), Some((_, to))) => {
            format!("`{f}` after the as-of date {to}")
        }
        (LeftOut::Filter(i), _, _) => match derive.filters.get(i) {
            Some(filter) => format!("not {}", condition_text(fw, derive, i, filter.field)),
            None => "a `where` condition fails".to_string(),
        },
        (LeftOut::Expired(lapse), _, _) => super::validity::lapse_text(lapse),
        (LeftOut::EmptyField, _, _) => {
            let f = derive.field.map_or("?", |f| table.field_name(f));
            format!("`{f}` is empty")
        }
        _ => "outside the window".to_string(),
    }
}

/// `where` condition `i` in words: `role = lead`, `amount ≥ 1000`.
fn condition_text(fw: &Framework, derive: &Derive, i: usize, field: usize) -> String {
    let name = fw.records[derive.table].field_name(field);
    match derive.filters.get(i).map(|f| &f.test) {
        Some(FilterTest::Equals(v)) => format!("{name} = {}", value_text(v)),
        Some(FilterTest::AtLeast(v)) => format!("{name} ≥ {}", value_text(v)),
        Some(FilterTest::AtMost(v)) => format!("{name} ≤ {}", value_text(v)),
        None => name.to_string(),
    }
}

fn value_text(v: &FieldValue) -> String {
    v.to_string()
}

/// The rows a derivation counts, in words:
/// "`projects` with role = lead, amount ≥ 1000, accepted within 3 years".
pub fn rows_text(fw: &Framework, derive: &Derive) -> String {
    rows_text_in(fw, derive, Lang::En)
}

/// [`rows_text`] in `lang`; in Chinese
/// "`projects`（role = lead，amount ≥ 1000，accepted 在 3 年内）".
pub fn rows_text_in(fw: &Framework, derive: &Derive, lang: Lang) -> String {
    let table = &fw.records[derive.table];
    let mut parts: Vec<String> = derive
        .filters
        .iter()
        .enumerate()
        .map(|(i, f)| condition_text(fw, derive, i, f.field))
        .collect();
    if let Some(w) = derive.window {
        let field = table.field_name(w.field);
        parts.push(match lang {
            Lang::Zh => format!("{field} 在 {} 年内", w.years),
            Lang::En => format!(
                "{field} within {} year{}",
                w.years,
                if w.years == 1 { "" } else { "s" }
            ),
        });
    }
    match (parts.is_empty(), lang) {
        (true, _) => format!("`{}`", table.id),
        (false, Lang::Zh) => format!("`{}`（{}）", table.id, parts.join("，")),
        (false, Lang::En) => format!("`{}` with {}", table.id, parts.join(", ")),
    }
}

/// What raises a derived value to its requirement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shortfall {
    /// The provider's value now (`None`: no rows).
    pub current: Option<f64>,
    /// The rows that go into it now.
    pub rows_now: usize,
    /// The value the condition asks for (`at_least`).
    pub required: f64,
}

/// A shortfall of a derived indicator in rows, in `lang`: what raises
/// `current` to at least `required`, e.g. "2 more `projects` with role = lead,
/// accepted within 3 years" (还需 2 个 `projects`（role = lead，accepted 在 3 年内）);
/// with the single extra row that would close it, where one would. `None`
/// when rows cannot raise the value (a `min`).
pub fn shortfall_text(
    fw: &Framework,
    derive: &Derive,
    short: Shortfall,
    lang: Lang,
) -> Option<String> {
    let rows = rows_text_in(fw, derive, lang);
    let table = &fw.records[derive.table];
    let field = derive.field.map_or("", |f| table.field_name(f));
    let Shortfall {
        current,
        rows_now,
        required,
    } = short;
    let now = current.unwrap_or(0.0);
    let gap = required - now;
    if gap <= 1e-9 {
        return None;
    }
    let n = rows_now as f64;
    let (g, r) = (trim(gap), trim(required));
    Some(match (derive.aggregate, lang) {
        (Aggregate::Count, Lang::En) => format!("{} more {rows}", gap.ceil()),
        (Aggregate::Count, Lang::Zh) => format!("还需 {} 个 {rows}", gap.ceil()),
        (Aggregate::CountDistinct, Lang::En) => format!(
            "{} more {rows}, each with a `{field}` not listed yet",
            gap.ceil()
        ),
        (Aggregate::CountDistinct, Lang::Zh) => format!(
            "还需 {} 个 {rows}，且每个的 `{field}` 均为尚未列出的",
            gap.ceil()
        ),
        (Aggregate::Sum, Lang::En) => {
            format!("{g} more `{field}` in {rows}: one row with {field} ≥ {g} would close it")
        }
        (Aggregate::Sum, Lang::Zh) => {
            format!("{rows} 的 `{field}` 还差 {g}：补一行 {field} ≥ {g} 即可")
        }
        (Aggregate::Max, Lang::En) => format!("one more {rows} and {field} ≥ {r}"),
        (Aggregate::Max, Lang::Zh) => format!("还需 1 个 {rows}，且 {field} ≥ {r}"),
        (Aggregate::Mean, _) => {
            // (sum + v) / (n + 1) ≥ required  ⇔  v ≥ required·(n + 1) − sum.
            let v = trim(required * (n + 1.0) - now * n);
            match lang {
                Lang::En => format!("one more {rows} and {field} ≥ {v} would lift the mean to {r}"),
                Lang::Zh => format!("再补 1 个 {rows}，且 {field} ≥ {v}，平均值即可达到 {r}"),
            }
        }
        (Aggregate::Share, _) => {
            // (t + 1)/(n + 1)·100 ≥ required, t = now·n/100.
            let t = now * n / 100.0;
            let one = (t + 1.0) / (n + 1.0) * 100.0 >= required - 1e-9;
            match (one, lang) {
                (true, Lang::En) => format!("one more {rows} and {field} = true"),
                (false, Lang::En) => format!("more {rows} and {field} = true"),
                (true, Lang::Zh) => format!("再补 1 个 {rows}，且 {field} = true 即可"),
                (false, Lang::Zh) => format!("还需多个 {rows}，且 {field} = true"),
            }
        }
        (Aggregate::Min, _) => return None,
    })
}

#[cfg(test)]
mod tests;
