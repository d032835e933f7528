//! Renders `diff OLD NEW` in every format.

use serde_json::{Value as Json, json};

use super::grid::{Cells, CsvText, Grid};
use super::scores::tier_label;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_text};
use crate::diff::{Diff, DiffSummary, ProviderDiff, TierChange};
use crate::framework::{Framework, Lang};
use crate::number::{fmt2, fmt4};

/// The two frameworks.
pub struct Pair<'a> {
    /// OLD.
    pub old: &'a Framework,
    /// NEW.
    pub new: &'a Framework,
}

/// Renders a diff in `format` as text (for [`Format::Xlsx`], the CSV of its
/// `diff` sheet: use [`render_bytes`]).
pub fn render(fws: &Pair, diff: &Diff, format: Format, lang: Lang) -> String {
    match format {
        Format::Csv | Format::Xlsx => csv_text(fws, diff),
        Format::Json => json_text(&to_json(fws, diff)),
        Format::Table => {
            display_grid(fws, diff, lang).to_table() + &summary_line(&diff.summary, lang) + "\n"
        }
        Format::Markdown => {
            display_grid(fws, diff, lang).to_markdown()
                + "\n"
                + &summary_line(&diff.summary, lang)
                + "\n"
        }
    }
}

/// Renders a diff in `format` as the bytes to write: for [`Format::Xlsx`] a
/// workbook with a `diff` sheet (tier cells coloured by the NEW framework's
/// tiers, then the OLD one's) and the `framework` sheet of NEW.
pub fn render_bytes(
    fws: &Pair,
    diff: &Diff,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, RenderError> {
    if format != Format::Xlsx {
        return Ok(render(fws, diff, format, lang).into_bytes());
    }
    let grid = csv_grid(fws, diff);
    let mut tiers: Vec<String> = fws.new.tiers.iter().map(|t| t.id.clone()).collect();
    for t in &fws.old.tiers {
        if !tiers.contains(&t.id) {
            tiers.push(t.id.clone());
        }
    }
    let fill_columns = super::compare::tier_columns(&grid)
        .into_iter()
        .filter(|c| grid.header[*c] != "tier_change")
        .collect();
    xlsx::workbook(&[
        SheetSpec {
            fills: xlsx::tier_fills(&tiers, "none", "vetoed"),
            fill_columns,
            ..SheetSpec::new("diff", grid)
        },
        SheetSpec::new("framework", framework_sheet::grid(fws.new, lang)),
    ])
}

/// The CSV columns
/// `provider,old_total,new_total,change,old_rank,new_rank,old_tier,new_tier,tier_change`.
pub fn csv_grid(fws: &Pair, diff: &Diff) -> Grid {
    let mut g = Grid::default();
    for (title, numeric) in [
        ("provider", false),
        ("old_total", true),
        ("new_total", true),
        ("change", true),
        ("old_rank", true),
        ("new_rank", true),
        ("old_tier", false),
        ("new_tier", false),
        ("tier_change", false),
    ] {
        g.column(title, numeric);
    }
    for p in &diff.providers {
        let mut row = Vec::new();
        csv_row(fws, p, &mut row);
        g.rows.push(row);
    }
    g
}

/// [`csv_grid`] as CSV text, written row by row without a string per cell.
fn csv_text(fws: &Pair, diff: &Diff) -> String {
    let mut text = CsvText::with_capacity(64 * (diff.providers.len() + 1));
    text.row(&[
        "provider",
        "old_total",
        "new_total",
        "change",
        "old_rank",
        "new_rank",
        "old_tier",
        "new_tier",
        "tier_change",
    ]);
    for p in &diff.providers {
        csv_row(fws, p, &mut text);
        text.end_row();
    }
    text.finish()
}

/// One provider's CSV cells.
fn csv_row(fws: &Pair, p: &ProviderDiff, row: &mut impl Cells) {
    row.cell(&p.provider);
    row.fmt2(p.old_total);
    row.fmt2(p.new_total);
    row.fmt2(p.change());
    row.count(p.old_rank);
    row.count(p.new_rank);
    row.cell(p.old_tier.id(fws.old));
    row.cell(p.new_tier.id(fws.new));
    row.cell(p.tier_change.map(TierChange::id).unwrap_or_default());
}

/// old_total, new_total, change (with a `+` for people), old_rank, new_rank.
fn numbers(p: &ProviderDiff, plus: bool) -> [String; 5] {
    [
        fmt2(p.old_total),
        fmt2(p.new_total),
        if plus {
            signed(p.change())
        } else {
            fmt2(p.change())
        },
        p.old_rank.to_string(),
        p.new_rank.to_string(),
    ]
}

/// A change with an explicit sign: +2.50, -1.25, 0.00.
fn signed(x: f64) -> String {
    let text = fmt2(x);
    if text.starts_with('-') || text == "0.00" {
        text
    } else {
        format!("+{text}")
    }
}

/// The table/Markdown view: names, tier names in `lang`, arrows for tier moves.
pub fn display_grid(fws: &Pair, diff: &Diff, lang: Lang) -> Grid {
    let titles = match lang {
        Lang::Zh => [
            "主体",
            "名称",
            "原总分",
            "新总分",
            "变化",
            "原排名",
            "新排名",
            "原等级",
            "新等级",
            "等级变化",
        ],
        Lang::En => [
            "provider",
            "name",
            "old total",
            "new total",
            "change",
            "old rank",
            "new rank",
            "old tier",
            "new tier",
            "tier change",
        ],
    };
    let with_name = diff
        .providers
        .iter()
        .any(|p| p.attributes.contains_key("name"));
    let mut g = Grid::default();
    for (i, t) in titles.iter().enumerate() {
        if i != 1 || with_name {
            g.column(*t, (2..=6).contains(&i));
        }
    }
    for p in &diff.providers {
        let mut row = vec![p.provider.clone()];
        if with_name {
            row.push(p.attributes.get("name").cloned().unwrap_or_default());
        }
        row.extend(numbers(p, true));
        row.push(tier_label(fws.old, p.old_tier, lang));
        row.push(tier_label(fws.new, p.new_tier, lang));
        row.push(change_label(p.tier_change, lang).to_string());
        g.rows.push(row);
    }
    g
}

fn change_label(change: Option<TierChange>, lang: Lang) -> &'static str {
    match (change, lang) {
        (None, _) => "",
        (Some(TierChange::Up), Lang::Zh) => "↑ 上升",
        (Some(TierChange::Down), Lang::Zh) => "↓ 下降",
        (Some(TierChange::Changed), Lang::Zh) => "变更",
        (Some(TierChange::Up), Lang::En) => "↑ up",
        (Some(TierChange::Down), Lang::En) => "↓ down",
        (Some(TierChange::Changed), Lang::En) => "changed",
    }
}

/// One line: providers, tier changes (up/down), Spearman's ρ (4 decimals).
pub fn summary_line(s: &DiffSummary, lang: Lang) -> String {
    let rho = s.spearman.map_or_else(|| "—".to_string(), fmt4);
    match lang {
        Lang::Zh => format!(
            "主体 {} 个；等级变化 {} 个（上升 {}，下降 {}）；排名 Spearman 相关系数 ρ = {rho}",
            s.providers, s.tier_changed, s.up, s.down
        ),
        Lang::En => format!(
            "{} providers; {} changed tier ({} up, {} down); Spearman's rank correlation ρ = {rho}",
            s.providers, s.tier_changed, s.up, s.down
        ),
    }
}

/// `{"old", "new", "summary", "providers"}` with unrounded numbers.
pub fn to_json(fws: &Pair, diff: &Diff) -> Json {
    let providers: Vec<Json> = diff
        .providers
        .iter()
        .map(|p| {
            json!({
                "provider": p.provider,
                "old_total": p.old_total,
                "new_total": p.new_total,
                "change": p.change(),
                "old_rank": p.old_rank,
                "new_rank": p.new_rank,
                "old_tier": p.old_tier.id(fws.old),
                "new_tier": p.new_tier.id(fws.new),
                "tier_change": p.tier_change.map(TierChange::id),
            })
        })
        .collect();
    let s = &diff.summary;
    json!({
        "old": {"id": fws.old.id, "version": fws.old.version},
        "new": {"id": fws.new.id, "version": fws.new.version},
        "summary": {
            "providers": s.providers,
            "tier_changed": s.tier_changed,
            "up": s.up,
            "down": s.down,
            "spearman": s.spearman,
        },
        "providers": providers,
    })
}
