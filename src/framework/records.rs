//! Record tables (`[[records]]`, 业绩清单) and derived indicators
//! (`[dimension.indicator.derive]`): the validated model.
//!
//! A record table is a ledger with one row per project, certificate, staff
//! member or incident; a derived indicator's value is an aggregate over a
//! provider's rows that pass every `where` condition and the time window.
//! Reading and checking the TOML is in [`super::records_check`].

use indexmap::IndexMap;

use super::{Doc, Framework};
use crate::date::Date;
use crate::number::trim;

/// The type of a record-table field (`[records.fields]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A number (`1200`, `-3.5`, `85%`).
    Number,
    /// Text, trimmed when read.
    Text,
    /// A calendar date; an empty cell is no date.
    Date,
    /// A yes/no answer (`true`, `是`, `有`, …).
    Boolean,
}

impl FieldType {
    /// The name used in framework files.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Number => "number",
            FieldType::Text => "text",
            FieldType::Date => "date",
            FieldType::Boolean => "boolean",
        }
    }

    /// The type named `name` in a framework file.
    pub fn from_name(name: &str) -> Option<FieldType> {
        Some(match name {
            "number" => FieldType::Number,
            "text" => FieldType::Text,
            "date" => FieldType::Date,
            "boolean" => FieldType::Boolean,
            _ => return None,
        })
    }
}

/// A typed value of one record field.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A number.
    Number(f64),
    /// Trimmed text.
    Text(String),
    /// A date.
    Date(Date),
    /// A yes/no answer.
    Bool(bool),
}

impl std::fmt::Display for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Number(n) => f.write_str(&trim(*n)),
            FieldValue::Text(s) => f.write_str(s),
            FieldValue::Date(d) => write!(f, "{d}"),
            FieldValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// A `[[records]]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordTable {
    /// Unique id among the record tables; also the sheet name in an xlsx evidence workbook.
    pub id: String,
    /// Names and documentation.
    pub doc: Doc,
    /// The field whose value is unique within a provider (e.g. a contract number).
    pub key: Option<usize>,
    /// Field name → type, in declaration order (the columns besides `provider`).
    pub fields: IndexMap<String, FieldType>,
    /// The `valid_from` and `valid_until` date fields, when declared: a row
    /// outside its validity on the as-of date is left out of every derived value.
    pub validity: [Option<usize>; 2],
}

impl RecordTable {
    /// The name of field `f`.
    pub fn field_name(&self, f: usize) -> &str {
        self.fields
            .get_index(f)
            .map_or("?", |(name, _)| name.as_str())
    }

    /// True when the table declares `valid_from` or `valid_until`.
    pub fn has_validity(&self) -> bool {
        self.validity.iter().any(Option::is_some)
    }

    /// The type of field `f`.
    pub fn field_type(&self, f: usize) -> FieldType {
        self.fields
            .get_index(f)
            .map_or(FieldType::Text, |(_, t)| *t)
    }
}

/// How a derived indicator aggregates the rows it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// The number of rows.
    Count,
    /// The number of different values of `field` (empty cells not counted).
    CountDistinct,
    /// The sum of a number field.
    Sum,
    /// The least value of a number field.
    Min,
    /// The largest value of a number field.
    Max,
    /// The arithmetic mean of a number field.
    Mean,
    /// The percentage (0–100) of rows whose boolean field is true.
    Share,
}

impl Aggregate {
    /// Every aggregate, as named in framework files.
    pub const ALL: [(&'static str, Aggregate); 7] = [
        ("count", Aggregate::Count),
        ("count_distinct", Aggregate::CountDistinct),
        ("sum", Aggregate::Sum),
        ("min", Aggregate::Min),
        ("max", Aggregate::Max),
        ("mean", Aggregate::Mean),
        ("share", Aggregate::Share),
    ];

    /// The name used in framework files.
    pub fn as_str(self) -> &'static str {
        Aggregate::ALL
            .iter()
            .find(|(_, a)| *a == self)
            .map_or("count", |(name, _)| name)
    }

    /// True when the aggregate over no rows is 0 rather than missing
    /// (`count`, `count_distinct`, `sum`): such an indicator always has a value.
    pub fn always_has_value(self) -> bool {
        matches!(
            self,
            Aggregate::Count | Aggregate::CountDistinct | Aggregate::Sum
        )
    }
}

/// `within = { field, years }`: as_of − years < date ≤ as_of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The date field (index into the table's fields).
    pub field: usize,
    /// Calendar years back from the as-of date.
    pub years: u16,
}

/// How a `where` condition compares a field.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterTest {
    /// The field equals the value (text after trimming).
    Equals(FieldValue),
    /// The field is at least the value (numbers and dates).
    AtLeast(FieldValue),
    /// The field is at most the value (numbers and dates).
    AtMost(FieldValue),
}

/// One `where` condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// The field (index into the table's fields).
    pub field: usize,
    /// The comparison.
    pub test: FilterTest,
}

/// `[dimension.indicator.derive]`: where a derived indicator's value comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Derive {
    /// The record table (index into [`Framework::records`]).
    pub table: usize,
    /// The aggregate.
    pub aggregate: Aggregate,
    /// The aggregated field (none for `count`).
    pub field: Option<usize>,
    /// The time window, when the rows must fall within one.
    pub window: Option<Window>,
    /// Conditions every kept row meets.
    pub filters: Vec<Filter>,
}

impl Framework {
    /// True when a derived indicator counts rows within a time window, so that
    /// the as-of date (`--as-of`) is needed.
    pub fn uses_windows(&self) -> bool {
        self.indicators
            .iter()
            .any(|i| i.derive.as_ref().is_some_and(|d| d.window.is_some()))
    }

    /// The index of the record table with this id.
    pub fn record_table_index(&self, id: &str) -> Option<usize> {
        self.records.iter().position(|t| t.id == id)
    }
}
