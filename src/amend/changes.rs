//! The change log (变更记录): every amendment of a run, in file order.

use crate::evidence::{Amendment, Evidence};

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
