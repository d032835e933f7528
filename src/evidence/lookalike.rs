//! Wide-format attribute columns that look like an indicator id: a typo
//! (`sla_rat`) or a lookalike character (Cyrillic `с` in `сla_rate`) turns the
//! indicator's column into an attribute and the indicator goes missing without
//! a word, so such a column gets a warning (an error under `--strict`).

use crate::confusable;
use crate::framework::Framework;

/// For each attribute column (index, name) that looks like an indicator with no
/// column of its own: the column and the message naming both.
pub fn lookalike_columns(
    fw: &Framework,
    header: &[String],
    attributes: &[usize],
    present: &[(usize, usize)],
) -> Vec<(usize, String)> {
    let missing: Vec<&str> = fw
        .indicators
        .iter()
        .enumerate()
        .filter(|(k, _)| !present.iter().any(|(_, p)| p == k))
        .map(|(_, i)| i.id.as_str())
        .collect();
    attributes
        .iter()
        .filter_map(|&c| {
            let name = header.get(c)?;
            let (id, why) = missing.iter().find_map(|id| resembles(name, id).map(|w| (*id, w)))?;
            Some((
                c,
                format!(
                    "column `{name}` is read as an attribute, but looks like indicator `{id}` ({why}), which has no column"
                ),
            ))
        })
        .collect()
}

/// Why `name` looks like indicator `id`, if it does: the same but for
/// lookalike characters or case, or one or two edits away.
fn resembles(name: &str, id: &str) -> Option<String> {
    if confusable::skeleton(name) == confusable::skeleton(id) {
        return Some(match confusable::first_lookalike(name) {
            Some(c) => format!("it is spelled with {c}"),
            None => "it differs only in case".to_string(),
        });
    }
    let edits = strsim::osa_distance(name, id);
    let shorter = name.chars().count().min(id.chars().count());
    let near = (edits == 1 && shorter >= 4) || (edits == 2 && shorter >= 8);
    near.then(|| format!("{edits} edit(s) away"))
}

#[cfg(test)]
mod tests {
    use super::resembles;

    #[test]
    fn typos_lookalikes_and_case_resemble_but_other_names_do_not() {
        assert_eq!(
            resembles("сla_rate", "cla_rate").as_deref(),
            Some("it is spelled with Cyrillic с (U+0441)")
        );
        assert_eq!(
            resembles("sla_rat", "sla_rate").as_deref(),
            Some("1 edit(s) away")
        );
        assert_eq!(
            resembles("SLA_Rate", "sla_rate").as_deref(),
            Some("it differs only in case")
        );
        assert_eq!(
            resembles("revenu_3y", "revenue_3y").as_deref(),
            Some("1 edit(s) away")
        );
        // Short names one edit apart are too often unrelated (`name`/`same`).
        assert_eq!(resembles("abc", "abd"), None);
        assert_eq!(resembles("region", "revenue"), None);
        assert_eq!(resembles("name", "staff"), None);
    }
}
