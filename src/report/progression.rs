//! How a capped tier (SPEC §9 `[progression]`) is shown in every output.

use serde_json::{Map, Value as Json, json};

use super::grid::Grid;
use super::tier_label;
use crate::framework::{Framework, Lang};
use crate::score::{ProviderScore, Scores};
use crate::tier::{Assigned, CapRule};

/// The tier as people read it: its name, and when capped the rule and the tier
/// the scores reach: `城市服务级（封顶：首次评价；得分达区域服务级）`.
pub fn tier_cell(fw: &Framework, p: &ProviderScore, lang: Lang) -> String {
    let shown = tier_label(fw, p.tier.assigned, lang);
    match p.tier.capped {
        None => shown,
        Some(c) => {
            let earned = tier_label(fw, Assigned::Tier(c.earned), lang);
            format!("{shown}{}", cap_note(c.by, &earned, lang))
        }
    }
}

/// The note after a capped tier.
pub fn cap_note(by: CapRule, earned: &str, lang: Lang) -> String {
    match (lang, by) {
        (Lang::Zh, CapRule::FirstTime) => format!("（封顶：首次评价；得分达{earned}）"),
        (Lang::Zh, CapRule::StepUp) => format!("（封顶：每轮升级限制；得分达{earned}）"),
        (Lang::En, CapRule::FirstTime) => format!(" (capped: first time; scores reach {earned})"),
        (Lang::En, CapRule::StepUp) => format!(" (capped: step up; scores reach {earned})"),
    }
}

/// Adds `capped_by` and `earned_tier` to a provider's JSON when its tier was capped.
pub fn add_json(fw: &Framework, p: &ProviderScore, object: &mut Map<String, Json>) {
    if let Some(c) = p.tier.capped {
        object.insert("capped_by".into(), json!(c.by.as_str()));
        object.insert("earned_tier".into(), json!(fw.tiers[c.earned].id));
    }
}

/// Adds a `capped_by` column to a score sheet when any provider was capped
/// (rows in `scores` order).
pub fn add_column(grid: &mut Grid, scores: &Scores) {
    if scores.providers.iter().all(|p| p.tier.capped.is_none()) {
        return;
    }
    grid.column("capped_by", false);
    for (row, p) in grid.rows.iter_mut().zip(&scores.providers) {
        row.push(
            p.tier
                .capped
                .map(|c| c.by.as_str())
                .unwrap_or_default()
                .to_string(),
        );
    }
}

/// For `gap`: when a cap, not a score, holds the provider back (empty otherwise).
pub fn gap_note(fw: &Framework, p: &ProviderScore, lang: Lang) -> String {
    let Some(c) = p.tier.capped else {
        return String::new();
    };
    let earned = tier_label(fw, Assigned::Tier(c.earned), lang);
    let held = tier_label(fw, p.tier.assigned, lang);
    match (lang, c.by) {
        (Lang::Zh, CapRule::FirstTime) => format!(
            "得分已达{earned}，但首次评价最高定为{held}（[progression] first_time_at_most）：限制它的是封顶规则，不是得分；下一轮可继续升级。\n\n"
        ),
        (Lang::Zh, CapRule::StepUp) => format!(
            "得分已达{earned}，但每轮升级有限制，本轮最高定为{held}（[progression] step_up_at_most）：限制它的是封顶规则，不是得分。\n\n"
        ),
        (Lang::En, CapRule::FirstTime) => format!(
            "The scores reach {earned}, but a first-time provider gets at most {held} ([progression] first_time_at_most): a cap, not a score, holds it back; it may rise next round.\n\n"
        ),
        (Lang::En, CapRule::StepUp) => format!(
            "The scores reach {earned}, but a provider rises a limited number of tiers per round, so it gets {held} ([progression] step_up_at_most): a cap, not a score, holds it back.\n\n"
        ),
    }
}
