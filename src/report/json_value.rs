//! Evidence values as JSON: the one place a cell, a value, a number or an
//! amendment becomes a JSON value, for every report that writes JSON.

use serde_json::{Value as Json, json};

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
    if n.fract() == 0.0 && n.abs() < 9e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}
