//! Schema parts of the record tables (`[[records]]`) and derived indicators (`derive`).

use serde_json::{Value, json};

use super::{text, threshold};

/// `[[records]]`: a table of one row per project, certificate, staff member…
pub(super) fn records() -> Value {
    json!({
        "description": "The record tables ([[records]], 业绩清单) the evidence may carry: one row \
            per project, certificate, staff member or incident, from which indicators are derived.",
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "id": text("The table's id ([a-z][a-z0-9_]*); also its sheet name in an \
                    evidence workbook."),
                "name": text("The table's name, in Chinese."),
                "name_en": text("The table's name in English."),
                "description": text("What a row is."),
                "key": text("A field whose values are unique within a provider (e.g. a \
                    contract number)."),
                "fields": {
                    "description": "Every column besides `provider`, with its type.",
                    "type": "object",
                    "additionalProperties": {
                        "description": "The field's type: number, text, date or boolean.",
                        "enum": ["number", "text", "date", "boolean"]
                    }
                }
            },
            "required": ["id", "name", "fields"],
            "additionalProperties": false
        }
    })
}

/// `[dimension.indicator.derive]`: the indicator's value computed from a record table.
pub(super) fn derive() -> Value {
    let filter = json!({
        "description": "A condition every kept row must meet, with exactly one of `equals`, \
            `at_least`, `at_most`.",
        "type": "object",
        "properties": {
            "field": text("The field compared."),
            "equals": threshold("Keep rows whose field equals this (text compared after \
                trimming)."),
            "at_least": threshold("Keep rows whose field is at least this (numbers; dates as \
                \"YYYY-MM-DD\")."),
            "at_most": threshold("Keep rows whose field is at most this.")
        },
        "required": ["field"],
        "oneOf": [
            { "required": ["equals"] }, { "required": ["at_least"] }, { "required": ["at_most"] }
        ],
        "additionalProperties": false
    });
    json!({
        "description": "Derive the indicator's value from a record table instead of asking for \
            it: an aggregate over the provider's rows that pass the window and every condition.",
        "type": "object",
        "properties": {
            "records": text("The id of the [[records]] table."),
            "aggregate": {
                "description": "count (rows), count_distinct (different values of `field`), \
                    sum, min, max or mean (of a number field), or share (percentage of rows whose \
                    boolean field is true).",
                "enum": ["count", "count_distinct", "sum", "min", "max", "mean", "share"]
            },
            "field": text("The field aggregated (not for count)."),
            "within": {
                "description": "Only rows whose date field lies in the last `years` years before \
                    the evaluation date (--as-of).",
                "type": "object",
                "properties": {
                    "field": text("A date field."),
                    "years": { "description": "How many years back.", "type": "number" }
                },
                "required": ["field", "years"],
                "additionalProperties": false
            },
            "where": {
                "description": "Conditions on the rows, all of which must hold.",
                "type": "array", "items": filter
            }
        },
        "required": ["records", "aggregate"],
        "additionalProperties": false
    })
}
