//! The raw framework model: what the file says, with every position kept.
//!
//! Reading reports wrong types and unknown keys; cross-references, weights and
//! tiers are checked afterwards by [`super::validate`].

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::raw_condition::read_condition;
pub use super::raw_condition::{Op, RawCondition, Scalar};
use super::records_read::{RawDerive, RawRecords, read_derive, read_tables};
use super::rule_reader::read_rule;
use super::toml_reader::{Num, Source, Str, TableReader, number_value, string_value};
use crate::rule::Rule;

/// The whole file.
#[derive(Debug, Default)]
pub struct RawFramework {
    /// `schema = 1`.
    pub schema: Option<Num>,
    /// `[framework]`.
    pub meta: Option<RawMeta>,
    /// `[[dimension]]`.
    pub dimensions: Vec<RawDimension>,
    /// True when `dimension` is present but not an array (already reported).
    pub dimension_wrong_type: bool,
    /// `[[tier]]`.
    pub tiers: Vec<RawTier>,
    /// `[[veto]]`.
    pub vetoes: Vec<RawVeto>,
    /// Top-level `[ahp]` for dimension weights.
    pub ahp: Option<RawAhp>,
    /// `[progression]` (SPEC §9).
    pub progression: Option<super::progression::RawProgression>,
    /// `[[records]]`.
    pub records: Vec<RawRecords>,
}

/// Names and documentation keys.
#[derive(Debug, Default)]
pub struct RawDoc {
    /// `name`.
    pub name: Option<Str>,
    /// `name_en`.
    pub name_en: Option<Str>,
    /// `description`.
    pub description: Option<Str>,
    /// `basis`.
    pub basis: Option<Str>,
}

/// `[framework]`.
#[derive(Debug)]
pub struct RawMeta {
    /// The table's span.
    pub span: Range<usize>,
    /// `id`.
    pub id: Option<Str>,
    /// `version`.
    pub version: Option<Str>,
    /// `missing`.
    pub missing: Option<Str>,
    /// Names and documentation.
    pub doc: RawDoc,
}

/// `[[dimension]]`.
#[derive(Debug)]
pub struct RawDimension {
    /// The table's span.
    pub span: Range<usize>,
    /// `id`.
    pub id: Option<Str>,
    /// Names and documentation.
    pub doc: RawDoc,
    /// `weight`.
    pub weight: Option<Num>,
    /// True when a `weight` key is present, even with a wrong type.
    pub weight_given: bool,
    /// `[[dimension.indicator]]`.
    pub indicators: Vec<RawIndicator>,
    /// `[dimension.ahp]`.
    pub ahp: Option<RawAhp>,
}

/// `[[dimension.indicator]]`.
#[derive(Debug)]
pub struct RawIndicator {
    /// The table's span.
    pub span: Range<usize>,
    /// `id`.
    pub id: Option<Str>,
    /// Names and documentation.
    pub doc: RawDoc,
    /// `weight`.
    pub weight: Option<Num>,
    /// True when a `weight` key is present, even with a wrong type.
    pub weight_given: bool,
    /// `unit`.
    pub unit: Option<Str>,
    /// `evidence`.
    pub evidence: Option<Str>,
    /// `advice`.
    pub advice: Option<Str>,
    /// `required = true`: every provider must have a present, applicable, unexpired value.
    pub required: Option<Spanned<bool>>,
    /// `score`, already checked on its own.
    pub rule: Option<Rule>,
    /// `[dimension.indicator.derive]`.
    pub derive: Option<RawDerive>,
    /// `panel` and `rubric` (§8).
    pub panel: super::panel::RawPanelKeys,
}

/// An AHP block: `{ order = [...], matrix = [[...], ...] }`.
#[derive(Debug)]
pub struct RawAhp {
    /// The table's span.
    pub span: Range<usize>,
    /// `order`.
    pub order: Vec<Str>,
    /// `matrix`, entry by entry.
    pub matrix: Vec<Spanned<Vec<Num>>>,
    /// The span of `matrix`.
    pub matrix_span: Range<usize>,
}

/// `[[tier]]`.
#[derive(Debug)]
pub struct RawTier {
    /// The table's span.
    pub span: Range<usize>,
    /// `id`.
    pub id: Option<Str>,
    /// Names and documentation.
    pub doc: RawDoc,
    /// `min_total`.
    pub min_total: Option<Num>,
    /// `min_each_dimension`.
    pub min_each_dimension: Option<Num>,
    /// `[[tier.require]]`.
    pub require: Vec<RawCondition>,
}

/// `[[veto]]`.
#[derive(Debug)]
pub struct RawVeto {
    /// The condition.
    pub condition: RawCondition,
    /// `reason`.
    pub reason: Option<Str>,
    /// `reason_en`.
    pub reason_en: Option<Str>,
}

/// Reads the document's root table.
pub fn read(src: &mut Source, root: &Spanned<DeTable>) -> RawFramework {
    let mut t = TableReader::new(root.get_ref(), root.span(), "the top level");
    let mut raw = RawFramework {
        schema: t.number(src, "schema", true),
        ..RawFramework::default()
    };
    raw.meta = match t.get("framework") {
        Some(v) => TableReader::from_value(src, v, "[framework]").map(|r| read_meta(src, r)),
        None => {
            t.missing(src, "[framework]");
            None
        }
    };
    raw.dimension_wrong_type = t
        .get("dimension")
        .is_some_and(|v| !matches!(v.get_ref(), DeValue::Array(_)));
    let items = t.array(src, "dimension");
    raw.dimensions = tables(src, items, "[[dimension]]", read_dimension);
    let items = t.array(src, "tier");
    raw.tiers = tables(src, items, "[[tier]]", read_tier);
    let items = t.array(src, "veto");
    raw.vetoes = tables(src, items, "[[veto]]", read_veto);
    raw.ahp = t.get("ahp").and_then(|v| read_ahp(src, v, "[ahp]"));
    raw.progression = super::progression::read(src, &mut t);
    raw.records = read_tables(src, &mut t);
    t.finish(src);
    raw
}

fn tables<'a, 'i, T>(
    src: &mut Source,
    items: &'a [Spanned<DeValue<'i>>],
    what: &str,
    read_one: impl Fn(&mut Source, TableReader<'a, 'i>) -> T,
) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let Some(reader) = TableReader::from_value(src, item, what) {
            out.push(read_one(src, reader));
        }
    }
    out
}

fn read_doc(src: &mut Source, t: &mut TableReader) -> RawDoc {
    RawDoc {
        name: t.string(src, "name", true),
        name_en: t.string(src, "name_en", false),
        description: t.string(src, "description", false),
        basis: t.string(src, "basis", false),
    }
}

fn read_meta(src: &mut Source, mut t: TableReader) -> RawMeta {
    let meta = RawMeta {
        span: t.span.clone(),
        id: t.string(src, "id", true),
        version: t.string(src, "version", true),
        missing: t.string(src, "missing", false),
        doc: read_doc(src, &mut t),
    };
    t.finish(src);
    meta
}

fn read_dimension(src: &mut Source, mut t: TableReader) -> RawDimension {
    let id = t.string(src, "id", true);
    let what = format!("dimension `{}`", id.as_ref().map_or("?", |s| s.get_ref()));
    t.what = what.clone();
    let dim = RawDimension {
        span: t.span.clone(),
        doc: read_doc(src, &mut t),
        weight: t.number(src, "weight", false),
        weight_given: t.has("weight"),
        indicators: {
            let items = t.array(src, "indicator");
            tables(src, items, "[[dimension.indicator]]", read_indicator)
        },
        ahp: t
            .get("ahp")
            .and_then(|v| read_ahp(src, v, &format!("the [dimension.ahp] of {what}"))),
        id,
    };
    t.finish(src);
    dim
}

fn read_indicator(src: &mut Source, mut t: TableReader) -> RawIndicator {
    let id = t.string(src, "id", true);
    t.what = format!("indicator `{}`", id.as_ref().map_or("?", |s| s.get_ref()));
    let what = t.what.clone();
    let derive = t.get("derive").and_then(|v| read_derive(src, v, &what));
    let rule = match t.get("score") {
        Some(v) => TableReader::from_value(src, v, "`score`").and_then(|r| read_rule(src, r)),
        None => {
            t.missing(src, "score");
            None
        }
    };
    let ind = RawIndicator {
        span: t.span.clone(),
        doc: read_doc(src, &mut t),
        weight: t.number(src, "weight", false),
        weight_given: t.has("weight"),
        unit: t.string(src, "unit", false),
        evidence: t.string(src, "evidence", false),
        advice: t.string(src, "advice", false),
        required: t.boolean(src, "required"),
        panel: super::panel::read(src, &mut t),
        rule,
        derive,
        id,
    };
    t.finish(src);
    ind
}

fn read_tier(src: &mut Source, mut t: TableReader) -> RawTier {
    let id = t.string(src, "id", true);
    t.what = format!("tier `{}`", id.as_ref().map_or("?", |s| s.get_ref()));
    let tier = RawTier {
        span: t.span.clone(),
        doc: read_doc(src, &mut t),
        min_total: t.number(src, "min_total", true),
        min_each_dimension: t.number(src, "min_each_dimension", false),
        require: {
            let items = t.array(src, "require");
            tables(src, items, "[[tier.require]]", |src, mut r| {
                let c = read_condition(src, &mut r, true);
                r.finish(src);
                c
            })
        },
        id,
    };
    t.finish(src);
    tier
}

fn read_veto(src: &mut Source, mut t: TableReader) -> RawVeto {
    let veto = RawVeto {
        condition: read_condition(src, &mut t, false),
        reason: t.string(src, "reason", false),
        reason_en: t.string(src, "reason_en", false),
    };
    t.finish(src);
    veto
}

fn read_ahp(src: &mut Source, v: &Spanned<DeValue>, what: &str) -> Option<RawAhp> {
    let mut t = TableReader::from_value(src, v, what)?;
    let order = t
        .array(src, "order")
        .iter()
        .filter_map(|item| string_value(src, item, "an `order` entry"))
        .collect();
    if !t.has("order") {
        t.missing(src, "order");
    }
    if !t.has("matrix") {
        t.missing(src, "matrix");
    }
    let matrix_span = t.span_of("matrix").unwrap_or_else(|| t.span.clone());
    let matrix = t
        .array(src, "matrix")
        .iter()
        .filter_map(|row| match row.get_ref() {
            DeValue::Array(cells) => {
                let values = cells.iter().filter_map(|c| ahp_entry(src, c)).collect();
                Some(Spanned::new(row.span(), values))
            }
            other => {
                src.error(
                    &row.span(),
                    format!(
                        "each matrix row must be an array, found {}",
                        other.type_str()
                    ),
                );
                None
            }
        })
        .collect();
    let ahp = RawAhp {
        span: t.span.clone(),
        order,
        matrix,
        matrix_span,
    };
    t.finish(src);
    Some(ahp)
}

/// A matrix entry: a number, or a fraction written as a string ("1/3"), since
/// TOML has no exact way to write one third.
fn ahp_entry(src: &mut Source, cell: &Spanned<DeValue>) -> Option<Num> {
    if let DeValue::String(s) = cell.get_ref() {
        let parsed = s.split_once('/').and_then(|(a, b)| {
            let (a, b) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
            (a.is_finite() && b.is_finite() && b != 0.0).then(|| a / b)
        });
        return match parsed {
            Some(v) => Some(Spanned::new(cell.span(), v)),
            None => {
                src.error(
                    &cell.span(),
                    format!("`{s}` is not a number or a fraction like \"1/3\""),
                );
                None
            }
        };
    }
    number_value(src, cell, "a matrix entry")
}
