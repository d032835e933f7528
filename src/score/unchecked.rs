//! Warnings for checks that could not be made: missing or `n/a` veto flags and gates.

use crate::diag::Diagnostic;
use crate::evidence::Evidence;
use crate::framework::{Framework, Subject};
use crate::rule::Cell;

/// Warnings for the checks that could not be made: a veto whose flag is missing
/// or `n/a` for some providers (neither ever triggers a veto), and a tier
/// condition skipped because its indicator was marked `n/a`. The assessor must
/// know who was not checked, so providers are named (the first ten by id).
pub fn unchecked_vetoes(fw: &Framework, evidence: &Evidence) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let vetoes = fw.vetoes.iter().map(|v| &v.condition);
    for condition in vetoes {
        let Subject::Indicator(k) = condition.subject else {
            continue;
        };
        if seen.insert(k) {
            let unchecked = providers_where(evidence, k, |c| {
                *c != Cell::Missing && *c != Cell::NotApplicable
            });
            let id = &fw.indicators[k].id;
            warnings.extend(named_warning(
                evidence,
                &unchecked,
                format!("veto indicator `{id}` has no value for"),
                format!("give `{id}` for every provider (false when it does not apply)"),
            ));
        }
    }
    let gates = fw.tiers.iter().flat_map(|t| &t.require);
    for condition in gates {
        let Subject::Indicator(k) = condition.subject else {
            continue;
        };
        if seen.insert(k) {
            let skipped = providers_where(evidence, k, |c| *c != Cell::NotApplicable);
            let id = &fw.indicators[k].id;
            warnings.extend(named_warning(
                evidence,
                &skipped,
                format!("tier condition on `{id}` skipped (marked n/a) for"),
                format!("check that `{id}` really does not apply to them"),
            ));
        }
    }
    warnings
}

/// Ids of the providers whose cell for indicator `k` fails `ok`, sorted.
fn providers_where(evidence: &Evidence, k: usize, ok: impl Fn(&Cell) -> bool) -> Vec<&str> {
    let mut ids: Vec<&str> = (0..evidence.providers.len())
        .filter(|&p| !ok(&evidence.cell(p, k)))
        .map(|p| evidence.providers[p].id.as_str())
        .collect();
    ids.sort_unstable();
    ids
}

fn named_warning(
    evidence: &Evidence,
    ids: &[&str],
    what: String,
    help: String,
) -> Option<Diagnostic> {
    if ids.is_empty() {
        return None;
    }
    let mut list = ids[..ids.len().min(10)].join(", ");
    if ids.len() > 10 {
        list.push_str(&format!(" and {} more", ids.len() - 10));
    }
    let message = format!(
        "{what} {} provider(s), who were not checked: {list}",
        ids.len()
    );
    Some(Diagnostic::warning(&evidence.file, None, message).with_help(help))
}
