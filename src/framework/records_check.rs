//! Checking `[[records]]` and `[dimension.indicator.derive]` as read by
//! [`super::records_read`], every problem located: an unknown table or field,
//! a field of the wrong type for the aggregate, a window on a field that is
//! not a date, a `where` value of the wrong type.

use std::ops::Range;

use indexmap::IndexMap;

use super::MAX_ITEMS;
use super::checker::is_valid_id;
use super::raw::Op;
use super::records::{
    Aggregate, Derive, FieldType, FieldValue, Filter, FilterTest, RecordTable, Window,
};
use super::records_read::{RawDerive, RawFilter, RawRecords, RawScalar};
use super::toml_reader::{Num, Source, Str, help};
use crate::date::{DATE_HELP, Date};
use crate::rule::Rule;

/// The record tables that passed their checks, and the ids of those that did
/// not (a `derive` naming one of them is not reported again).
#[derive(Debug, Default)]
pub struct Tables {
    /// The valid tables, in file order.
    pub valid: Vec<RecordTable>,
    /// The ids of tables with errors of their own.
    pub broken: Vec<String>,
}

/// Checks the record tables: ids, field names and types, the key.
pub fn check_tables(src: &mut Source, raw: Vec<RawRecords>) -> Tables {
    let mut tables: Vec<RecordTable> = Vec::new();
    let mut broken = Vec::new();
    let mut seen: IndexMap<String, Range<usize>> = IndexMap::new();
    for r in raw {
        let mut fields = IndexMap::new();
        let mut ok = !r.fields.is_empty();
        if r.fields.is_empty() && r.fields_given {
            src.error(
                &r.span,
                "a record table declares at least one field in `[records.fields]`",
            );
        }
        if let Some((name, _)) = r.fields.get(MAX_ITEMS) {
            src.error(
                &name.span(),
                format!("too many fields: {} (at most {MAX_ITEMS})", r.fields.len()),
            );
            ok = false;
        }
        for (name, ty) in &r.fields {
            ok &= check_name(src, name, "field name");
            if name.get_ref() == "provider" {
                let d = src.error(
                    &name.span(),
                    "`provider` is not a field: every record table has that column already",
                );
                help(d, "declare only the columns besides `provider`");
                ok = false;
            }
            match ty.as_ref().map(|t| (FieldType::from_name(t.get_ref()), t)) {
                Some((Some(t), _)) => {
                    fields.insert(name.get_ref().clone(), t);
                }
                Some((None, t)) => {
                    let d = src.error(&t.span(), format!("unknown field type `{}`", t.get_ref()));
                    help(d, "use \"number\", \"text\", \"date\" or \"boolean\"");
                    ok = false;
                }
                None => ok = false,
            }
        }
        let key = r.key.as_ref().and_then(|k| {
            let found = fields.get_index_of(k.get_ref());
            if found.is_none() && ok {
                let d = src.error(
                    &k.span(),
                    format!("the key `{}` is not a declared field", k.get_ref()),
                );
                help(
                    d,
                    format!(
                        "declare it in [records.fields]; the fields are: {}",
                        names(&fields)
                    ),
                );
            }
            found
        });
        ok &= check_validity_fields(src, &r, &fields);
        let validity = crate::evidence::validity::NAMES.map(|n| fields.get_index_of(n));
        let Some(id) = r.id else { continue };
        if !check_name(src, &id, "record table id") {
            continue;
        }
        if let Some(first) = seen.get(id.get_ref()) {
            let line = src.locate(first).line;
            src.error(
                &id.span(),
                format!(
                    "duplicate record table `{}` (first defined at line {line})",
                    id.get_ref()
                ),
            );
            continue;
        }
        seen.insert(id.get_ref().clone(), id.span());
        if ok && (r.key.is_none() || key.is_some()) {
            tables.push(RecordTable {
                id: id.into_inner(),
                doc: r.doc,
                key,
                fields,
                validity,
            });
        } else {
            broken.push(id.into_inner());
        }
    }
    Tables {
        valid: tables,
        broken,
    }
}

/// `valid_from` and `valid_until` are a record's validity (SPEC §7): when
/// declared they must be dates.
fn check_validity_fields(
    src: &mut Source,
    r: &RawRecords,
    fields: &IndexMap<String, FieldType>,
) -> bool {
    let mut ok = true;
    for (name, _) in &r.fields {
        let n = name.get_ref().as_str();
        let typed = fields.get(n).copied();
        if crate::evidence::validity::NAMES.contains(&n)
            && let Some(t) = typed.filter(|t| *t != FieldType::Date)
        {
            let d = src.error(
                &name.span(),
                format!(
                    "`{n}` is a record's validity and must be a date field, not {}",
                    t.as_str()
                ),
            );
            help(
                d,
                format!(
                    "declare it as {n} = \"date\" (an empty cell: no limit), or rename the field"
                ),
            );
            ok = false;
        }
    }
    ok
}

fn check_name(src: &mut Source, name: &Str, what: &str) -> bool {
    if is_valid_id(name.get_ref()) {
        return true;
    }
    let d = src.error(
        &name.span(),
        crate::confusable::invalid_id(what, name.get_ref()),
    );
    help(
        d,
        "ids start with a lower-case letter and use only a-z, 0-9 and _",
    );
    false
}

fn names(fields: &IndexMap<String, FieldType>) -> String {
    let list: Vec<&str> = fields.keys().map(String::as_str).collect();
    list.join(", ")
}

/// Checks one indicator's `derive` against the record tables and its score rule.
pub fn check_derive(
    src: &mut Source,
    raw: RawDerive,
    tables: &Tables,
    rule: Option<&Rule>,
) -> Option<Derive> {
    if let Some(rule) = rule.filter(|r| !r.is_numeric()) {
        let d = src.error(
            &raw.span,
            format!(
                "a derived indicator's value is a number; it cannot be scored as `{}`",
                rule.kind()
            ),
        );
        help(
            d,
            "score it with kind = \"linear\", \"bands\" or \"relative\"",
        );
    }
    let aggregate = raw.aggregate.as_ref().and_then(|a| {
        let found = Aggregate::ALL
            .iter()
            .find(|(n, _)| n == a.get_ref())
            .map(|(_, a)| *a);
        if found.is_none() {
            let d = src.error(&a.span(), format!("unknown aggregate `{}`", a.get_ref()));
            help(d, "use count, count_distinct, sum, min, max, mean or share");
        }
        found
    });
    let name = raw.records.as_ref()?;
    let Some(t) = tables.valid.iter().position(|t| &t.id == name.get_ref()) else {
        if tables.broken.contains(name.get_ref()) {
            return None;
        }
        let d = src.error(
            &name.span(),
            format!("unknown record table `{}`", name.get_ref()),
        );
        let ids: Vec<&str> = tables.valid.iter().map(|t| t.id.as_str()).collect();
        match ids.is_empty() {
            true => help(d, "declare it with [[records]]"),
            false => help(d, format!("the record tables are: {}", ids.join(", "))),
        }
        return None;
    };
    let table = &tables.valid[t];
    let aggregate = aggregate?;
    let field = check_aggregate_field(src, &raw, table, aggregate);
    let window = raw
        .within
        .as_ref()
        .and_then(|w| check_window(src, w, table));
    let filters: Vec<Filter> = raw
        .filters
        .iter()
        .filter_map(|f| check_filter(src, f, table))
        .collect();
    let complete = filters.len() == raw.filters.len()
        && window.is_some() == raw.within.is_some()
        && (aggregate == Aggregate::Count || field.is_some());
    complete.then_some(Derive {
        table: t,
        aggregate,
        field,
        window,
        filters,
    })
}

/// Looks a field up in `table`, reporting an unknown one.
fn find_field(src: &mut Source, name: &Str, table: &RecordTable) -> Option<usize> {
    let found = table.fields.get_index_of(name.get_ref());
    if found.is_none() {
        let d = src.error(
            &name.span(),
            format!(
                "unknown field `{}` in record table `{}`",
                name.get_ref(),
                table.id
            ),
        );
        help(d, format!("the fields are: {}", names(&table.fields)));
    }
    found
}

fn check_aggregate_field(
    src: &mut Source,
    raw: &RawDerive,
    table: &RecordTable,
    aggregate: Aggregate,
) -> Option<usize> {
    let agg = aggregate.as_str();
    let Some(name) = &raw.field else {
        if aggregate != Aggregate::Count {
            let d = src.error(&raw.span, format!("`{agg}` needs a `field`"));
            help(
                d,
                format!(
                    "name the field it aggregates; the fields are: {}",
                    names(&table.fields)
                ),
            );
        }
        return None;
    };
    if aggregate == Aggregate::Count {
        let d = src.error(&name.span(), "`count` counts rows and takes no `field`");
        help(
            d,
            "remove `field`, or use `count_distinct` to count different values",
        );
        return None;
    }
    let f = find_field(src, name, table)?;
    let ty = table.field_type(f);
    let wanted = match aggregate {
        Aggregate::Sum | Aggregate::Min | Aggregate::Max | Aggregate::Mean => FieldType::Number,
        Aggregate::Share => FieldType::Boolean,
        Aggregate::Count | Aggregate::CountDistinct => ty,
    };
    if ty != wanted {
        let d = src.error(
            &name.span(),
            format!(
                "`{agg}` needs a {} field; `{}` is {}",
                wanted.as_str(),
                name.get_ref(),
                ty.as_str()
            ),
        );
        help(
            d,
            match aggregate {
                Aggregate::Share => "share counts the rows whose boolean field is true",
                _ => "sum, min, max and mean aggregate number fields",
            },
        );
        return None;
    }
    Some(f)
}

fn check_window(
    src: &mut Source,
    (field, years): &(Option<Str>, Option<Num>),
    table: &RecordTable,
) -> Option<Window> {
    let f = field.as_ref().and_then(|name| {
        let f = find_field(src, name, table)?;
        let ty = table.field_type(f);
        if ty != FieldType::Date {
            let d = src.error(&name.span(), format!("the window field `{}` is {}, not a date", name.get_ref(), ty.as_str()));
            help(d, "a window counts rows by a date field, e.g. within = { field = \"accepted\", years = 3 }");
            return None;
        }
        Some(f)
    });
    let years = years.as_ref().and_then(|y| {
        let n = *y.get_ref();
        if n.fract() == 0.0 && (1.0..=100.0).contains(&n) {
            return Some(n as u16);
        }
        let d = src.error(
            &y.span(),
            format!("`years` must be a whole number from 1 to 100, found {n}"),
        );
        help(
            d,
            "calendar years back from the as-of date: 近 3 年 is years = 3",
        );
        None
    });
    Some(Window {
        field: f?,
        years: years?,
    })
}

fn check_filter(src: &mut Source, raw: &RawFilter, table: &RecordTable) -> Option<Filter> {
    let f = find_field(src, raw.field.as_ref()?, table)?;
    let (op, value) = raw.test.as_ref()?;
    let ty = table.field_type(f);
    let name = table.field_name(f);
    if *op != Op::Equals && matches!(ty, FieldType::Text | FieldType::Boolean) {
        let d = src.error(
            &value.span(),
            format!(
                "`{}` compares numbers and dates; `{name}` is {}",
                op.key(),
                ty.as_str()
            ),
        );
        help(d, "use `equals` on text and boolean fields");
        return None;
    }
    let typed = match (ty, value.get_ref()) {
        (FieldType::Text, RawScalar::Text(s)) => FieldValue::Text(s.trim().to_string()),
        (FieldType::Boolean, RawScalar::Bool(b)) => FieldValue::Bool(*b),
        (FieldType::Number, RawScalar::Number(n)) => FieldValue::Number(*n),
        (FieldType::Date, RawScalar::Text(s)) => match Date::parse(s) {
            Ok(d) => FieldValue::Date(d),
            Err(e) => {
                let d = src.error(&value.span(), e.to_string());
                help(d, DATE_HELP);
                return None;
            }
        },
        (_, other) => {
            let found = match other {
                RawScalar::Text(_) => "string",
                RawScalar::Bool(_) => "boolean",
                RawScalar::Number(_) => "number",
                RawScalar::Other(t) => t,
            };
            let d = src.error(
                &value.span(),
                format!("`{name}` is a {} field; found {found}", ty.as_str()),
            );
            help(
                d,
                match ty {
                    FieldType::Text => "write the text in quotes: equals = \"lead\"",
                    FieldType::Number => "write a number: at_least = 1000",
                    FieldType::Date => "write the date in quotes: at_least = \"2024-01-01\"",
                    FieldType::Boolean => "write true or false, without quotes",
                },
            );
            return None;
        }
    };
    let test = match op {
        Op::Equals => FilterTest::Equals(typed),
        Op::AtLeast => FilterTest::AtLeast(typed),
        Op::AtMost => FilterTest::AtMost(typed),
    };
    Some(Filter { field: f, test })
}

#[cfg(test)]
mod tests;
