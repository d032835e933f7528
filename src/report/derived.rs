//! The ledger rows behind one provider's derived values, for `explain`: the
//! rows that went in (file:line and the fields used) and the rows left out
//! with the reason.

use serde_json::{Map, Value as Json, json};

use super::lang_text;
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::framework::Lang;
use crate::records::Ledgers;
use crate::records::describe::{RowNote, explain_rows, rows_text};
use crate::rule::{Cell, Value};

/// One derived indicator of one provider with its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedPart {
    /// The indicator (index into [`Framework::indicators`]).
    pub indicator: usize,
    /// Its value (`None`: missing).
    pub value: Option<f64>,
    /// Its rows: those that went in, then those left out.
    pub rows: Vec<RowNote>,
}

/// The derived indicators of provider `id`, in framework order.
pub fn parts(fw: &Framework, evidence: &Evidence, ledgers: &Ledgers, id: &str) -> Vec<DerivedPart> {
    let p = evidence.position(id);
    fw.indicators
        .iter()
        .enumerate()
        .filter_map(|(k, ind)| {
            let d = ind.derive.as_ref()?;
            let value = match p.map(|p| evidence.cell(p, k)) {
                Some(Cell::Value(Value::Number(v))) => Some(v),
                _ => None,
            };
            let rows = explain_rows(fw, d, ledgers.of_table(d.table), id, fw.as_of);
            Some(DerivedPart {
                indicator: k,
                value,
                rows,
            })
        })
        .collect()
}

fn what(fw: &Framework, part: &DerivedPart) -> String {
    let ind = &fw.indicators[part.indicator];
    let Some(d) = &ind.derive else {
        return String::new();
    };
    let table = &fw.records[d.table];
    let field = d
        .field
        .map(|f| format!("({})", table.field_name(f)))
        .unwrap_or_default();
    format!("{}{field} of {}", d.aggregate.as_str(), rows_text(fw, d))
}

fn fields_text(row: &RowNote) -> String {
    let parts: Vec<String> = row.fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    parts.join(" ")
}

/// The text section appended to `explain`'s text (empty when nothing is derived).
pub fn text(fw: &Framework, parts: &[DerivedPart], lang: Lang) -> String {
    if parts.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n{}\n",
        lang_text(
            lang,
            "派生指标（来自记录表）:",
            "derived indicators (from record tables):"
        )
    );
    if let Some(as_of) = fw.as_of {
        out.push_str(&format!(
            "  {}{as_of}\n",
            lang_text(lang, "评价基准日: ", "as of: ")
        ));
    }
    for part in parts {
        let value = part.value.map_or("—".to_string(), crate::number::trim);
        out.push_str(&format!(
            "  {} = {value}: {}\n",
            fw.indicators[part.indicator].id,
            what(fw, part)
        ));
        if part.rows.is_empty() {
            out.push_str(&format!(
                "    {}\n",
                lang_text(lang, "（无记录）", "(no rows)")
            ));
        }
        for row in &part.rows {
            match &row.left_out {
                None => out.push_str(&format!(
                    "    {} {}  {}\n",
                    lang_text(lang, "计入  ", "used  "),
                    row.place,
                    fields_text(row)
                )),
                Some(reason) => out.push_str(&format!(
                    "    {} {}  {}  — {reason}\n",
                    lang_text(lang, "未计入", "left  "),
                    row.place,
                    fields_text(row)
                )),
            }
        }
    }
    out
}

/// The `derived` object of `explain`'s JSON: per derived indicator its
/// value, the rows used and the rows left out with the reason.
pub fn json(fw: &Framework, parts: &[DerivedPart]) -> Json {
    let mut out = Map::new();
    for part in parts {
        let ind = &fw.indicators[part.indicator];
        let Some(d) = &ind.derive else { continue };
        let table = &fw.records[d.table];
        let row_json = |r: &RowNote| {
            let fields: Map<String, Json> = r
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), Json::String(v.clone())))
                .collect();
            let mut o = json!({"place": r.place, "fields": fields});
            if let (Some(reason), Some(map)) = (&r.left_out, o.as_object_mut()) {
                map.insert("reason".into(), Json::String(reason.clone()));
            }
            o
        };
        let used: Vec<Json> = part
            .rows
            .iter()
            .filter(|r| r.left_out.is_none())
            .map(row_json)
            .collect();
        let left: Vec<Json> = part
            .rows
            .iter()
            .filter(|r| r.left_out.is_some())
            .map(row_json)
            .collect();
        out.insert(
            ind.id.clone(),
            json!({
                "records": table.id,
                "aggregate": d.aggregate.as_str(),
                "field": d.field.map(|f| table.field_name(f)),
                "value": part.value,
                "rows": used,
                "left_out": left,
            }),
        );
    }
    Json::Object(out)
}
