//! Renders `trend` (providers across rounds, or tier counts per group and round)
//! in every format.

use serde_json::{Map, Value as Json, json};

use super::grid::Grid;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, json_text, lang_text};
use crate::framework::Lang;
use crate::number::{fmt2, fmt2_opt};
use crate::summary::Group;
use crate::trend::{GroupTrend, Movement, Trend};

/// The framework the rounds were scored with, when known: (id, version).
pub type Named<'a> = Option<(&'a str, &'a str)>;

/// What a trend run shows: every provider, or tier counts per group.
#[derive(Debug, Clone, Copy)]
pub enum View<'a> {
    /// One row per provider.
    Providers,
    /// Tier counts per group and round, grouped by this attribute.
    Groups(&'a str, &'a [GroupTrend]),
}

/// Renders a trend in `format` as the bytes to write (a workbook for [`Format::Xlsx`]).
pub fn render_bytes(
    trend: &Trend,
    view: View,
    named: Named,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, RenderError> {
    let grid = |display: bool| match view {
        View::Providers => providers_grid(trend, display.then_some(lang)),
        View::Groups(_, groups) => groups_grid(trend, groups, display.then_some(lang)),
    };
    Ok(match format {
        Format::Csv => grid(false).to_csv().into_bytes(),
        Format::Table => grid(true).to_table().into_bytes(),
        Format::Markdown => grid(true).to_markdown().into_bytes(),
        Format::Json => json_text(&to_json(trend, view, named)).into_bytes(),
        Format::Xlsx => {
            let g = grid(false);
            let tier_columns = g
                .header
                .iter()
                .enumerate()
                .filter(|(_, h)| h.ends_with("_tier"))
                .map(|(i, _)| i)
                .collect();
            let mut sheet = SheetSpec::new("trend", g);
            sheet.fills = xlsx::tier_fills(&trend.order.tiers, "none", "vetoed");
            sheet.fill_columns = tier_columns;
            xlsx::workbook(&[sheet])?
        }
    })
}

/// A movement in `lang` (`None`: the CSV word).
pub fn movement_text(m: Movement, lang: Option<Lang>) -> &'static str {
    match lang {
        None => m.as_str(),
        Some(lang) => match m {
            Movement::Up => lang_text(lang, "上升", "up"),
            Movement::Down => lang_text(lang, "下降", "down"),
            Movement::Same => lang_text(lang, "持平", "same"),
            Movement::New => lang_text(lang, "新进", "new"),
            Movement::Left => lang_text(lang, "退出", "left"),
        },
    }
}

/// `provider,<label>_total,<label>_tier,...,change,movement`; with a language,
/// the same columns with readable titles.
pub fn providers_grid(trend: &Trend, lang: Option<Lang>) -> Grid {
    let mut g = Grid::default();
    let title = |zh: &'static str, en: &'static str, id: &'static str| {
        lang.map_or(id, |l| lang_text(l, zh, en))
    };
    g.column(title("主体", "provider", "provider"), false);
    for label in &trend.labels {
        match lang {
            None => {
                g.column(format!("{label}_total"), true);
                g.column(format!("{label}_tier"), false);
            }
            Some(l) => {
                g.column(format!("{label} {}", lang_text(l, "总分", "total")), true);
                g.column(format!("{label} {}", lang_text(l, "等级", "tier")), false);
            }
        }
    }
    g.column(title("变化", "change", "change"), true);
    g.column(title("升降", "movement", "movement"), false);
    for row in &trend.rows {
        let mut cells = vec![row.provider.clone()];
        for entry in &row.rounds {
            cells.push(entry.as_ref().map(|e| fmt2(e.total)).unwrap_or_default());
            cells.push(entry.as_ref().map(|e| e.tier.clone()).unwrap_or_default());
        }
        cells.push(fmt2_opt(row.change));
        cells.push(movement_text(row.movement, lang).to_string());
        g.rows.push(cells);
    }
    g
}

/// `group,round,providers,<tier ids best first>,incomplete,none,vetoed`: one
/// row per group and round.
pub fn groups_grid(trend: &Trend, groups: &[GroupTrend], lang: Option<Lang>) -> Grid {
    let mut g = Grid::default();
    let title = |zh: &'static str, en: &'static str, id: &'static str| {
        lang.map_or(id, |l| lang_text(l, zh, en))
    };
    g.column(title("分组", "group", "group"), false);
    g.column(title("轮次", "round", "round"), false);
    g.column(title("主体数", "providers", "providers"), true);
    trend
        .order
        .outcomes()
        .into_iter()
        .for_each(|o| g.column(o, true));
    for group in groups {
        for (r, label) in trend.labels.iter().enumerate() {
            let mut cells = vec![group_text(&group.group, lang), label.clone()];
            cells.push(group.providers[r].to_string());
            cells.extend(group.counts[r].iter().map(usize::to_string));
            g.rows.push(cells);
        }
    }
    g
}

fn group_text(group: &Group, lang: Option<Lang>) -> String {
    match (group, lang) {
        (Group::Value(v), _) => v.clone(),
        (Group::Unset, Some(Lang::Zh)) => "(未填写)".into(),
        (Group::All, Some(Lang::Zh)) => "全部".into(),
        (other, _) => other.id().to_string(),
    }
}

/// JSON with unrounded numbers; an absent round is `null`.
pub fn to_json(trend: &Trend, view: View, named: Named) -> Json {
    let mut top = Map::new();
    top.insert(
        "framework".into(),
        named.map_or(Json::Null, |(id, v)| json!({"id": id, "version": v})),
    );
    top.insert("rounds".into(), json!(trend.labels));
    top.insert("tiers".into(), json!(trend.order.tiers));
    top.insert("tier_order_inferred".into(), json!(trend.order.inferred));
    match view {
        View::Providers => {
            let rows: Vec<Json> = trend.rows.iter().map(|r| provider_json(trend, r)).collect();
            top.insert("providers".into(), Json::Array(rows));
        }
        View::Groups(attribute, groups) => {
            top.insert("by".into(), json!(attribute));
            let rows: Vec<Json> = groups.iter().map(|g| group_json(trend, g)).collect();
            top.insert("groups".into(), Json::Array(rows));
        }
    }
    Json::Object(top)
}

fn provider_json(trend: &Trend, row: &crate::trend::TrendRow) -> Json {
    let rounds: Map<String, Json> = trend
        .labels
        .iter()
        .zip(&row.rounds)
        .map(|(label, e)| {
            let value = e
                .as_ref()
                .map_or(Json::Null, |e| json!({"total": e.total, "tier": e.tier}));
            (label.clone(), value)
        })
        .collect();
    json!({
        "provider": row.provider,
        "rounds": rounds,
        "change": row.change,
        "movement": row.movement.as_str(),
    })
}

fn group_json(trend: &Trend, group: &GroupTrend) -> Json {
    let outcomes = trend.order.outcomes();
    let rounds: Map<String, Json> = trend
        .labels
        .iter()
        .enumerate()
        .map(|(r, label)| {
            let tiers: Map<String, Json> = outcomes
                .iter()
                .zip(&group.counts[r])
                .map(|(o, n)| (o.clone(), json!(n)))
                .collect();
            let value = json!({"providers": group.providers[r], "tiers": tiers});
            (label.clone(), value)
        })
        .collect();
    let id = match &group.group {
        Group::Unset => Json::Null,
        other => json!(other.id()),
    };
    json!({"group": id, "rounds": rounds})
}
