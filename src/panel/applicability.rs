//! Whether a panel indicator applies to a provider is decided by the panel as
//! a whole: every expert scores it, or every expert marks it `n/a`. A mix is
//! an error at each `n/a` row, so the chair settles it before the scores count.

use crate::diag::{Diagnostic, Severity};
use crate::evidence::Evidence;
use crate::framework::Framework;

/// An error at every `n/a` mark of a (provider, indicator) that other experts
/// scored, in (provider, indicator, expert) order.
pub fn errors(fw: &Framework, evidence: &Evidence) -> Vec<Diagnostic> {
    let panels = &evidence.panels;
    let mut out = Vec::new();
    for (&(p, k), marks) in &panels.not_applicable {
        let scores = panels.scores(p, k);
        if scores.is_empty() {
            continue;
        }
        let scored: Vec<String> = scores
            .iter()
            .map(|s| format!("{} at {}:{}", s.expert, panels.files[s.file].name, s.line))
            .collect();
        for m in marks {
            let message = format!(
                "expert `{}` marked provider `{}`, indicator `{}` n/a, but {} expert(s) scored it ({})",
                m.expert,
                evidence.providers[p].id,
                fw.indicators[k].id,
                scores.len(),
                scored.join(", ")
            );
            let d = panels.at_row(m.file, m.line, Severity::Error, message);
            out.push(d.with_help(
                "the panel decides together whether the indicator applies: every expert scores it, or every expert writes n/a",
            ));
        }
    }
    out
}
