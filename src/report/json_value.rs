//! Evidence values as JSON: the one place a cell, a value, a number or an
//! amendment becomes a JSON value, for every report that writes JSON.

use serde_json::{Value as Json, json};

use super::json_stream::Line;
use crate::rule::Value;

/// A cell as JSON: the value (number, boolean, label), `"n/a"`, or `null`.
pub fn cell_json(cell: &crate::rule::Cell) -> Json {
    match cell {
        crate::rule::Cell::Value(v) => value_json(v),
        crate::rule::Cell::NotApplicable => json!("n/a"),
        crate::rule::Cell::Missing => Json::Null,
    }
}

/// The `"amended"` object of an amended indicator value in JSON: the old
/// value, the reason and where the amendment is written (the new value is the
/// indicator's `value`).
pub fn amendment_json(a: &crate::evidence::Amendment) -> Json {
    json!({"old": cell_json(&a.old), "reason": a.reason, "file": a.file, "line": a.line})
}

/// A value as JSON: number, boolean or label string.
pub fn value_json(v: &Value) -> Json {
    match v {
        Value::Number(n) => number_json(*n),
        Value::Bool(b) => json!(b),
        Value::Label(l) => json!(l.as_str()),
    }
}

/// A whole number as a JSON integer (120, not 120.0), anything else as a float.
pub fn number_json(n: f64) -> Json {
    match json_number(n) {
        JsonNumber::Integer(i) => json!(i),
        JsonNumber::Float(f) => json!(f),
    }
}

/// How a number of the evidence is written in JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsonNumber {
    /// A whole number below 9e15 in magnitude, written without a fraction (120).
    Integer(i64),
    /// Anything else, written as a float (120.5; `null` when not finite).
    Float(f64),
}

/// The one rule for writing a number of the evidence: a whole number as a
/// JSON integer (120, not 120.0), anything else as a float.
pub fn json_number(n: f64) -> JsonNumber {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        JsonNumber::Integer(n as i64)
    } else {
        JsonNumber::Float(n)
    }
}

/// Writes a value as [`value_json`] does (the same text), `null` for none,
/// with no `serde_json::Value` made: the hot loops of `score` and `gap
/// --format json` write one or two a cell.
pub fn write_value(line: &mut Line, v: Option<&Value>) {
    match v {
        Some(Value::Number(n)) => write_number(line, *n),
        Some(Value::Bool(b)) => line.bool(*b),
        Some(Value::Label(l)) => line.str(l),
        None => line.raw("null"),
    }
}

/// Writes a number as [`number_json`] does (the same text).
pub fn write_number(line: &mut Line, n: f64) {
    match json_number(n) {
        JsonNumber::Integer(i) => line.int(i),
        JsonNumber::Float(f) => line.f64(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`write_value`] writes what serde_json writes of [`value_json`]: whole
    /// numbers as integers up to 9e15 (and -0.0 as 0), floats beyond, `null`
    /// for none and for numbers that are not finite, booleans, labels escaped.
    #[test]
    fn write_value_is_value_json() {
        let mut numbers = vec![
            0.0,
            -0.0,
            1.0,
            -120.0,
            0.5,
            73.7,
            8.999_999_999_999_998e15,
            9e15,
            -9e15,
            1e21,
            f64::MAX,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        numbers.extend((0..2000).map(|i| f64::from(i) * 0.37 - 300.0));
        let mut values: Vec<Option<Value>> = numbers
            .into_iter()
            .map(|n| Some(Value::Number(n)))
            .collect();
        values.extend([
            None,
            Some(Value::Bool(true)),
            Some(Value::Bool(false)),
            Some(Value::Label(Box::new("CS2 \"高级\"\n\u{2028}".into()))),
        ]);
        for v in &values {
            let mut out = Vec::new();
            write_value(&mut Line::new(&mut out), v.as_ref());
            let expected =
                serde_json::to_string(&v.as_ref().map_or(Json::Null, value_json)).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{v:?}");
        }
    }
}
