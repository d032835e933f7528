//! The warnings of the expert panels, made once every score file is read:
//! too few experts (the value is missing) and spreads over `spread_alert`.

use super::{PanelScores, spread};
use crate::diag::{Diagnostic, Severity};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::number::trim;

/// Every panel warning of `evidence`, in (provider, indicator) order.
pub fn warnings(fw: &Framework, evidence: &Evidence) -> Vec<Diagnostic> {
    let panels: &PanelScores = &evidence.panels;
    let mut out = Vec::new();
    for (&(p, k), scores) in &panels.pairs {
        let (Some(panel), Some(first)) = (fw.indicators[k].panel, first(scores)) else {
            continue;
        };
        let provider = &evidence.providers[p].id;
        let id = &fw.indicators[k].id;
        if scores.len() < panel.min_experts {
            let message = format!(
                "provider `{provider}`, indicator `{id}`: {} expert score(s), fewer than the {} required; the value is missing",
                scores.len(),
                panel.min_experts
            );
            out.push(panels.at(first, Severity::Warning, message));
        }
        let values: Vec<f64> = scores.iter().map(|s| s.score).collect();
        let spread = spread(&values);
        if let Some(limit) = panel.spread_alert.filter(|limit| spread > *limit) {
            let list: Vec<String> = scores
                .iter()
                .map(|s| format!("{} {}", s.expert, trim(s.score)))
                .collect();
            let message = format!(
                "experts disagree on provider `{provider}`, indicator `{id}`: spread {} > {} ({})",
                trim(spread),
                trim(limit),
                list.join(", ")
            );
            out.push(
                panels
                    .at(first, Severity::Warning, message)
                    .with_help("the panel chair may call a re-discussion"),
            );
        }
    }
    too_few_marks(fw, evidence, &mut out);
    out
}

/// A warning for every (provider, indicator) marked `n/a` by fewer experts
/// than the panel needs, and scored by none: its value is missing.
fn too_few_marks(fw: &Framework, evidence: &Evidence, out: &mut Vec<Diagnostic>) {
    let panels = &evidence.panels;
    for (&(p, k), marks) in &panels.not_applicable {
        let (Some(panel), Some(first)) = (fw.indicators[k].panel, marks.first()) else {
            continue;
        };
        if !panels.scores(p, k).is_empty() || marks.len() >= panel.min_experts {
            continue;
        }
        let message = format!(
            "provider `{}`, indicator `{}`: n/a from {} expert(s), fewer than the {} required; the value is missing",
            evidence.providers[p].id,
            fw.indicators[k].id,
            marks.len(),
            panel.min_experts
        );
        out.push(panels.at_row(first.file, first.line, Severity::Warning, message));
    }
}

/// The score read first (the earliest line of the earliest file).
fn first(scores: &[super::ExpertScore]) -> Option<&super::ExpertScore> {
    scores.iter().min_by_key(|s| (s.file, s.line))
}
