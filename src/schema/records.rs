//! The schema of `[[records]]` and `[dimension.indicator.derive]` (docs/records.md).

use serde_json::{Value, json};

use super::{object, text, threshold};

/// `[[records]]`: a record table and its typed fields.
pub(super) fn table() -> Value {
    object(
        "[[records]]: a record table; its columns are `provider` plus the fields.",
        json!({
            "id": text("The table's id: `--records ID=FILE`, and the sheet name in an xlsx \
                evidence workbook."),
            "name": text("The table's name, e.g. \"项目业绩清单\"."),
            "name_en": text("The name in English."),
            "description": text("What a row is."),
            "key": text("A field whose value is unique within a provider (e.g. a contract number)."),
            "fields": {
                "description": "[records.fields]: field name → type.",
                "type": "object", "minProperties": 1,
                "additionalProperties": { "enum": ["number", "text", "date", "boolean"] }
            }
        }),
        &["id", "name", "fields"],
    )
}

/// `[dimension.indicator.derive]`: an indicator whose value is an aggregate over a ledger.
pub(super) fn derive() -> Value {
    let filter = object(
        "A condition every counted row meets (exactly one of equals, at_least, at_most).",
        json!({
            "field": text("The field compared."),
            "equals": threshold("Holds when the field equals this (text after trimming)."),
            "at_least": threshold("Holds when the field (a number or a date) is at least this."),
            "at_most": threshold("Holds when the field (a number or a date) is at most this.")
        }),
        &["field"],
    );
    let within = object(
        "Keeps the rows whose date is after as_of − years and on or before the as-of date.",
        json!({
            "field": text("The date field."),
            "years": { "description": "Calendar years.", "type": "integer", "minimum": 1, "maximum": 100 }
        }),
        &["field", "years"],
    );
    object(
        "The indicator's value is derived from a record table, not declared in the evidence.",
        json!({
            "records": text("The record table's id."),
            "aggregate": {
                "description": "count, count_distinct, sum, min, max, mean, or share (the \
                    percentage of rows whose boolean field is true).",
                "enum": ["count", "count_distinct", "sum", "min", "max", "mean", "share"]
            },
            "field": text("The field aggregated (not for count)."),
            "within": within,
            "where": { "description": "Conditions, all of which must hold.", "type": "array", "items": filter }
        }),
        &["records", "aggregate"],
    )
}
