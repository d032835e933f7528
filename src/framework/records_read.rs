//! Reading `[[records]]` and `[dimension.indicator.derive]` key by key, like
//! the rest of the framework: unknown keys and wrong types are located errors.
//! [`super::records_check`] checks what was read.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::Doc;
use super::raw_condition::Op;
use super::toml_reader::{Num, Source, Str, TableReader, number_value, string_value};

/// `[[records]]` as written.
#[derive(Debug)]
pub struct RawRecords {
    pub(super) span: Range<usize>,
    pub(super) id: Option<Str>,
    pub(super) doc: Doc,
    pub(super) key: Option<Str>,
    /// (name, type name), in file order.
    pub(super) fields: Vec<(Str, Option<Str>)>,
    /// True when `fields` is a table (possibly empty).
    pub(super) fields_given: bool,
}

/// `[dimension.indicator.derive]` as written.
#[derive(Debug)]
pub struct RawDerive {
    pub(super) span: Range<usize>,
    pub(super) records: Option<Str>,
    pub(super) aggregate: Option<Str>,
    pub(super) field: Option<Str>,
    pub(super) within: Option<(Option<Str>, Option<Num>)>,
    pub(super) filters: Vec<RawFilter>,
}

#[derive(Debug)]
pub(super) struct RawFilter {
    pub(super) field: Option<Str>,
    pub(super) test: Option<(Op, Spanned<RawScalar>)>,
}

/// A `where` threshold as written.
#[derive(Debug)]
pub(super) enum RawScalar {
    Text(String),
    Bool(bool),
    Number(f64),
    /// Another TOML type, by name.
    Other(&'static str),
}

/// Reads every `[[records]]` of the top-level table.
pub fn read_tables(src: &mut Source, t: &mut TableReader) -> Vec<RawRecords> {
    let items = t.array(src, "records");
    let mut out = Vec::new();
    for item in items {
        if let Some(mut r) = TableReader::from_value(src, item, "[[records]]") {
            out.push(read_table(src, &mut r));
            r.finish(src);
        }
    }
    out
}

fn read_table(src: &mut Source, t: &mut TableReader) -> RawRecords {
    let id = t.string(src, "id", true);
    t.what = format!("[[records]] `{}`", id.as_ref().map_or("?", |s| s.get_ref()));
    let doc = Doc {
        name: t
            .string(src, "name", true)
            .map(Spanned::into_inner)
            .unwrap_or_default(),
        name_en: t.string(src, "name_en", false).map(Spanned::into_inner),
        description: t.string(src, "description", false).map(Spanned::into_inner),
        basis: None,
    };
    let key = t.string(src, "key", false);
    let mut fields = Vec::new();
    let mut fields_given = false;
    match t.get("fields") {
        None => t.missing(src, "fields"),
        Some(v) => match v.get_ref() {
            DeValue::Table(table) => {
                fields_given = true;
                for (name, ty) in table.iter() {
                    let name = Spanned::new(name.span(), name.get_ref().to_string());
                    fields.push((name, string_value(src, ty, "a field type")));
                }
            }
            other => {
                let message = format!("`fields` must be a table, found {}", other.type_str());
                src.error(&v.span(), message);
            }
        },
    }
    RawRecords {
        span: t.span.clone(),
        id,
        doc,
        key,
        fields,
        fields_given,
    }
}

/// Reads an indicator's `derive` table.
pub fn read_derive(src: &mut Source, v: &Spanned<DeValue>, what: &str) -> Option<RawDerive> {
    let mut t = TableReader::from_value(src, v, format!("the `derive` of {what}"))?;
    let mut raw = RawDerive {
        span: t.span.clone(),
        records: t.string(src, "records", true),
        aggregate: t.string(src, "aggregate", true),
        field: t.string(src, "field", false),
        within: None,
        filters: Vec::new(),
    };
    if let Some(w) = t.get("within")
        && let Some(mut r) = TableReader::from_value(src, w, "`within`")
    {
        let field = r.string(src, "field", true);
        let years = r.number(src, "years", true);
        raw.within = Some((field, years));
        r.finish(src);
    }
    for item in t.array(src, "where") {
        if let Some(mut r) = TableReader::from_value(src, item, "a `where` condition") {
            raw.filters.push(read_filter(src, &mut r));
            r.finish(src);
        }
    }
    t.finish(src);
    Some(raw)
}

fn read_filter(src: &mut Source, t: &mut TableReader) -> RawFilter {
    let field = t.string(src, "field", true);
    let mut tests = Vec::new();
    for op in [Op::Equals, Op::AtLeast, Op::AtMost] {
        if let Some(v) = t.get(op.key()) {
            let scalar = match v.get_ref() {
                DeValue::String(s) => RawScalar::Text(s.to_string()),
                DeValue::Boolean(b) => RawScalar::Bool(*b),
                DeValue::Integer(_) | DeValue::Float(_) => {
                    match number_value(src, v, &format!("`{}`", op.key())) {
                        Some(n) => RawScalar::Number(*n.get_ref()),
                        None => continue,
                    }
                }
                other => RawScalar::Other(other.type_str()),
            };
            tests.push((op, Spanned::new(v.span(), scalar)));
        }
    }
    if tests.len() != 1 {
        let span = tests.get(1).map_or(t.span.clone(), |(_, v)| v.span());
        src.error(
            &span,
            "a `where` condition needs exactly one of `equals`, `at_least` or `at_most`",
        );
    }
    RawFilter {
        field,
        test: if tests.len() == 1 { tests.pop() } else { None },
    }
}
