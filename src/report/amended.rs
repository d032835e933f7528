//! How amended values (`--amend`, SPEC §9) are shown in `explain`'s text
//! (their JSON is [`super::json_value::amendment_json`]).

use crate::amend::{Change, changes};
use crate::evidence::Evidence;
use crate::framework::{Framework, Lang};
use crate::rule::Cell;

/// A cell for people: `85`, `CS3`, `n/a`, `—` when missing.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Missing => "—".to_string(),
        other => other.to_string(),
    }
}

/// The mark after an amended value in `explain`'s table.
pub fn mark(lang: Lang) -> &'static str {
    super::lang_text(lang, "（已更正）", " (amended)")
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
    let mut out = String::from(super::lang_text(
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
            super::lang_text(lang, "理由", "reason"),
            a.reason,
            a.file,
            a.line
        ));
    }
    out
}
