//! How amended values are shown: in JSON, in `explain` and in the report's
//! change log (变更记录).

use serde_json::{Value as Json, json};

use super::Amendment;
use crate::evidence::Evidence;
use crate::framework::{Framework, Lang};
use crate::rule::Cell;

/// A cell as JSON: the value (number, boolean, label), `"n/a"`, or `null`.
pub fn cell_json(cell: &Cell) -> Json {
    match cell {
        Cell::Value(v) => crate::report::scores::value_json(v),
        Cell::NotApplicable => json!("n/a"),
        Cell::Missing => Json::Null,
    }
}

/// The `"amended"` object of an amended indicator value in JSON: the old
/// value, the reason and where the amendment is written (the new value is the
/// indicator's `value`).
pub fn json(a: &Amendment) -> Json {
    json!({"old": cell_json(&a.old), "reason": a.reason, "file": a.file, "line": a.line})
}

/// A cell for people: `85`, `CS3`, `n/a`, `—` when missing.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Missing => "—".to_string(),
        other => other.to_string(),
    }
}

/// The mark after an amended value in `explain`'s table.
pub fn mark(lang: Lang) -> &'static str {
    crate::report::lang_text(lang, "（已更正）", " (amended)")
}

/// One change-log entry: a provider's amended indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Change<'a> {
    /// The provider id.
    pub provider: &'a str,
    /// The provider's `name` attribute, if any.
    pub name: Option<&'a str>,
    /// The indicator's index in the framework.
    pub indicator: usize,
    /// The amendment.
    pub amendment: &'a Amendment,
}

/// Every amendment of the run, in amendment-file order (the change log).
pub fn changes(evidence: &Evidence) -> Vec<Change<'_>> {
    let mut out: Vec<Change> = evidence
        .amendments
        .iter()
        .map(|(&(p, k), a)| {
            let provider = &evidence.providers[p];
            Change {
                provider: &provider.id,
                name: provider.attributes.get("name").map(String::as_str),
                indicator: k,
                amendment: a,
            }
        })
        .collect();
    out.sort_by_key(|c| c.amendment.line);
    out
}

/// `explain`'s lines for provider `p`'s amended values (empty when none):
/// indicator, old → new, reason and the amendment's `file:line`.
pub fn explain_text(fw: &Framework, evidence: &Evidence, p: usize, lang: Lang) -> String {
    let mine: Vec<Change> = changes(evidence)
        .into_iter()
        .filter(|c| evidence.position(c.provider) == Some(p))
        .collect();
    if mine.is_empty() {
        return String::new();
    }
    let mut out = String::from(crate::report::lang_text(
        lang,
        "\n更正（异议复核）:\n",
        "\namended after review:\n",
    ));
    for c in mine {
        let ind = &fw.indicators[c.indicator];
        let a = c.amendment;
        out.push_str(&format!(
            "  {} {}: {} → {}   {}: {}   ({}:{})\n",
            ind.id,
            ind.doc.display(lang),
            cell_text(&a.old),
            cell_text(&a.new),
            crate::report::lang_text(lang, "理由", "reason"),
            a.reason,
            a.file,
            a.line
        ));
    }
    out
}
