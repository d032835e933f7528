//! [`apply`]: an amendment file checked against one evidence file and applied to it.

use super::{AmendFile, Amendment, Row};
use crate::diag::{Diagnostic, Location};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::rule::Cell;

/// Applies every amendment of `amend` to `evidence` (read against `fw`, with
/// its derived and panel values in) and returns the errors, each at its line
/// and column of the amendment file: an unknown provider or indicator, a
/// value its indicator's rule refuses, and an amendment of a value the
/// evidence does not have. Nothing is applied when any is an error. An
/// amendment that leaves its value as it was is a warning (it would be an
/// empty line of the change log).
pub fn apply(fw: &Framework, evidence: &mut Evidence, amend: &AmendFile) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut checked = Vec::with_capacity(amend.rows.len());
    for row in &amend.rows {
        match check(fw, evidence, amend, row) {
            Ok(one) => checked.push(one),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        for (p, k, amendment) in checked {
            if amendment.old == amendment.new {
                errors.push(unchanged(fw, evidence, amend, (p, k), &amendment));
            }
            evidence.amend(p, k, amendment);
        }
    }
    errors
}

/// The warning for an amendment whose value is the one the evidence has.
fn unchanged(
    fw: &Framework,
    evidence: &Evidence,
    amend: &AmendFile,
    (p, k): (usize, usize),
    a: &Amendment,
) -> Diagnostic {
    let at = Location {
        line: a.line,
        col: amend.columns[2],
    };
    let message = format!(
        "the amendment of `{}` for `{}` does not change its value ({})",
        fw.indicators[k].id, evidence.providers[p].id, a.new
    );
    Diagnostic::warning(&amend.file, Some(at), message)
        .with_help("remove the row, or give the corrected value")
}

/// The provider and indicator an amendment names and the amendment itself.
fn check(
    fw: &Framework,
    evidence: &Evidence,
    amend: &AmendFile,
    row: &Row,
) -> Result<(usize, usize, Amendment), Diagnostic> {
    let [pc, ic, vc, _] = amend.columns;
    let at = |col: usize, message: String| {
        Diagnostic::error(
            &amend.file,
            Some(Location {
                line: row.line,
                col,
            }),
            message,
        )
    };
    let Some(p) = evidence.position(&row.provider) else {
        let ids = evidence.providers.iter().map(|p| p.id.as_str());
        let message = format!(
            "provider `{}` is not in the evidence ({})",
            row.provider, evidence.file
        );
        return Err(at(pc, message).with_help(suggest(&row.provider, ids, "provider")));
    };
    let Some(k) = fw.indicator_index(&row.indicator) else {
        let ids = fw.indicators.iter().map(|i| i.id.as_str());
        let message = format!(
            "unknown indicator `{}` (not in framework `{}`)",
            row.indicator, fw.id
        );
        return Err(at(ic, message).with_help(suggest(&row.indicator, ids, "indicator")));
    };
    let ind = &fw.indicators[k];
    let new = match ind.rule.parse_cell(&row.value) {
        Ok(cell) => cell,
        Err(message) => {
            let message = format!("{message} (indicator `{}`)", ind.id);
            return Err(at(vc, message).with_help(
                "the corrected value must be what the indicator's rule accepts, as in the evidence",
            ));
        }
    };
    let old = evidence.cell(p, k).clone();
    if old == Cell::Missing {
        let message = format!(
            "provider `{}` has no value for `{}` in {}: there is nothing to amend",
            row.provider, ind.id, evidence.file
        );
        let help = match evidence.expired(p, k) {
            Some(_) => {
                "its value is not valid on the as-of date: give the renewed value, with its validity dates, in the evidence"
            }
            None => {
                "an amendment corrects a value the evidence gives; add a missing value to the evidence (or to the ledger or expert sheet it comes from)"
            }
        };
        return Err(at(ic, message).with_help(help));
    }
    let amendment = Amendment {
        old,
        new,
        reason: row.reason.clone(),
        file: amend.file.clone(),
        line: row.line,
    };
    Ok((p, k, amendment))
}

/// A help line: the closest known id, or where the ids come from.
fn suggest<'a>(name: &str, known: impl Iterator<Item = &'a str>, what: &str) -> String {
    let best = known
        .map(|id| (strsim::jaro_winkler(id, name), id))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)));
    match best {
        Some((_, id)) => format!("did you mean `{id}`?"),
        None => format!("write the {what} id exactly as the run has it (ids are case-sensitive)"),
    }
}
