//! Renders a weight-sensitivity run in every format.

use serde_json::{Map, Value as Json, json};

use super::grid::Grid;
use super::scores::tier_label;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, json_text};
use crate::analysis::sensitivity::{ProviderSensitivity, Sensitivity};
use crate::framework::{Framework, Lang};
use crate::number::{fmt2, fmt4};
use crate::score::{ProviderScore, Scores};
use crate::tier::Assigned;

/// Renders `result` (whose providers are in the order of `scores`) in `format`
/// as text; for [`Format::Xlsx`] this is the CSV (use [`render_bytes`]).
pub fn render(
    fw: &Framework,
    scores: &Scores,
    result: &Sensitivity,
    format: Format,
    lang: Lang,
) -> String {
    match format {
        Format::Csv | Format::Xlsx => csv_grid(fw, scores, result).to_csv(),
        Format::Json => json_text(&to_json(fw, scores, result)),
        Format::Table => {
            display_grid(fw, scores, result, lang).to_table() + &summary(result, lang) + "\n"
        }
        Format::Markdown => {
            display_grid(fw, scores, result, lang).to_markdown()
                + "\n"
                + &summary(result, lang)
                + "\n"
        }
    }
}

/// The bytes to write: for [`Format::Xlsx`] a workbook with a `sensitivity`
/// sheet (the CSV columns), otherwise the text of [`render`].
pub fn render_bytes(
    fw: &Framework,
    scores: &Scores,
    result: &Sensitivity,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Xlsx => {
            xlsx::workbook(&[SheetSpec::new("sensitivity", csv_grid(fw, scores, result))])
        }
        _ => Ok(render(fw, scores, result, format, lang).into_bytes()),
    }
}

/// Every outcome best first: the tiers, then `incomplete`, `none`, `vetoed`.
fn outcomes(fw: &Framework) -> Vec<Assigned> {
    Assigned::all(fw)
}

/// CSV: `rank,provider,total,tier,median_rank,rank_p05,rank_p95,<tier ids>,incomplete,none,vetoed,tier_stable`.
pub fn csv_grid(fw: &Framework, scores: &Scores, result: &Sensitivity) -> Grid {
    let mut g = Grid::default();
    for (title, numeric) in [
        ("rank", true),
        ("provider", false),
        ("total", true),
        ("tier", false),
        ("median_rank", true),
        ("rank_p05", true),
        ("rank_p95", true),
    ] {
        g.column(title, numeric);
    }
    outcomes(fw).iter().for_each(|o| g.column(o.id(fw), true));
    g.column("tier_stable", false);
    for (p, s) in scores.providers.iter().zip(&result.providers) {
        let mut row = vec![
            p.rank.to_string(),
            p.provider.clone(),
            fmt2(p.total),
            p.tier.assigned.id(fw).to_string(),
        ];
        row.extend([s.median_rank, s.rank_p05, s.rank_p95].map(|r| r.to_string()));
        row.extend(s.tier_probabilities().into_iter().map(fmt4));
        row.push(s.stable.to_string());
        g.rows.push(row);
    }
    g
}

/// The table/Markdown view: names, the rank interval as `low–high`, probabilities in percent.
pub fn display_grid(fw: &Framework, scores: &Scores, result: &Sensitivity, lang: Lang) -> Grid {
    let zh = lang == Lang::Zh;
    let t = |z: &'static str, e: &'static str| if zh { z } else { e };
    let with_name = scores
        .providers
        .iter()
        .any(|p| p.attributes.contains_key("name"));
    let mut g = Grid::default();
    g.column(t("排名", "rank"), true);
    g.column(t("主体", "provider"), false);
    if with_name {
        g.column(t("名称", "name"), false);
    }
    g.column(t("总分", "total"), true);
    g.column(t("等级", "tier"), false);
    g.column(t("中位排名", "median rank"), true);
    g.column(t("排名区间(5–95%)", "rank 5–95%"), true);
    for o in outcomes(fw) {
        g.column(format!("P({})", tier_label(fw, o, lang)), true);
    }
    g.column(t("等级稳定", "tier stable"), false);
    for (p, s) in scores.providers.iter().zip(&result.providers) {
        g.rows.push(display_row(fw, p, s, with_name, lang));
    }
    g
}

fn display_row(
    fw: &Framework,
    p: &ProviderScore,
    s: &ProviderSensitivity,
    with_name: bool,
    lang: Lang,
) -> Vec<String> {
    let mut row = vec![p.rank.to_string(), p.provider.clone()];
    if with_name {
        row.push(p.attributes.get("name").cloned().unwrap_or_default());
    }
    row.push(fmt2(p.total));
    row.push(tier_label(fw, p.tier.assigned, lang));
    row.push(s.median_rank.to_string());
    row.push(format!("{}–{}", s.rank_p05, s.rank_p95));
    row.extend(s.tier_probabilities().into_iter().map(percent));
    let stable = match (s.stable, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    row.push(stable.to_string());
    row
}

fn percent(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// The settings and the share of providers whose tier never changes, as one line.
pub fn summary(result: &Sensitivity, lang: Lang) -> String {
    let s = &result.settings;
    let stable = result.providers.iter().filter(|p| p.stable).count();
    let n = result.providers.len();
    let share = percent(result.stable_share());
    match lang {
        Lang::Zh => format!(
            "抽样 {} 次，权重扰动 ±{}，种子 {}{}；等级在全部抽样中不变的主体：{stable}/{n}（{share}）",
            s.samples,
            s.jitter,
            s.seed,
            if s.alt_missing {
                "，奇数次抽样缺失值按 exclude 处理"
            } else {
                ""
            }
        ),
        Lang::En => format!(
            "{} samples, weights ×[1−{j}, 1+{j}], seed {}{}; tier unchanged in every sample: {stable} of {n} providers ({share})",
            s.samples,
            s.seed,
            if s.alt_missing {
                ", odd samples with missing = exclude"
            } else {
                ""
            },
            j = s.jitter
        ),
    }
}

/// The JSON document (numbers unrounded).
pub fn to_json(fw: &Framework, scores: &Scores, result: &Sensitivity) -> Json {
    let s = &result.settings;
    let providers: Vec<Json> = scores
        .providers
        .iter()
        .zip(&result.providers)
        .map(|(p, r)| {
            let probabilities: Map<String, Json> = outcomes(fw)
                .iter()
                .zip(r.tier_probabilities())
                .map(|(o, pr)| (o.id(fw).to_string(), json!(pr)))
                .collect();
            json!({
                "provider": p.provider, "rank": p.rank, "total": p.total, "tier": p.tier.assigned.id(fw),
                "median_rank": r.median_rank, "rank_p05": r.rank_p05, "rank_p95": r.rank_p95,
                "tier_probabilities": probabilities, "tier_stable": r.stable,
            })
        })
        .collect();
    json!({
        "framework": super::framework_json(fw),
        "settings": {"samples": s.samples, "jitter": s.jitter, "seed": s.seed, "alt_missing": if s.alt_missing { Json::from("exclude") } else { Json::Null }},
        "stable_share": result.stable_share(),
        "providers": providers,
    })
}
