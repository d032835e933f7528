//! Renders `compare` (self-declared against verified evidence) in every format.

use serde_json::{Value as Json, json};

use super::grid::{Cells, CsvText, Grid};
use super::scores::{tier_label, value_json};
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_text};
use crate::compare::{Difference, Flag, Outcome, ProviderComparison};
use crate::framework::{Framework, Lang};
use crate::number::fmt2_opt;
use crate::rule::Cell;

/// What to show.
#[derive(Debug, Clone, Copy, Default)]
pub struct View {
    /// Add one row per differing (provider, indicator).
    pub detail: bool,
    /// Language of names.
    pub lang: Lang,
}

/// Renders a comparison in `format` as text (for [`Format::Xlsx`], the CSV of
/// its `compare` sheet: use [`render_bytes`]).
pub fn render(
    fw: &Framework,
    rows: &[ProviderComparison],
    tolerance: f64,
    format: Format,
    view: View,
) -> String {
    match format {
        Format::Csv | Format::Xlsx => csv_text(fw, rows, view.detail),
        Format::Json => json_text(&to_json(fw, rows, tolerance, view.detail)),
        Format::Table => people(fw, rows, view, Grid::to_table, "\n"),
        Format::Markdown => people(fw, rows, view, Grid::to_markdown, "\n"),
    }
}

/// Renders a comparison in `format` as the bytes to write: for [`Format::Xlsx`]
/// a workbook with a `compare` sheet (tier cells coloured) and a `framework` sheet.
pub fn render_bytes(
    fw: &Framework,
    rows: &[ProviderComparison],
    tolerance: f64,
    format: Format,
    view: View,
) -> Result<Vec<u8>, RenderError> {
    if format != Format::Xlsx {
        return Ok(render(fw, rows, tolerance, format, view).into_bytes());
    }
    let grid = csv_grid(fw, rows, view.detail);
    let tiers: Vec<String> = fw.tiers.iter().map(|t| t.id.clone()).collect();
    let fill_columns = tier_columns(&grid);
    xlsx::workbook(&[
        SheetSpec {
            fills: xlsx::tier_fills(&tiers, "none", "vetoed"),
            fill_columns,
            ..SheetSpec::new("compare", grid)
        },
        SheetSpec::new("framework", framework_sheet::grid(fw, view.lang)),
    ])
}

/// The columns of a grid whose title ends in `tier`.
pub fn tier_columns(grid: &Grid) -> Vec<usize> {
    (0..grid.header.len())
        .filter(|c| grid.header[*c].ends_with("tier"))
        .collect()
}

const SUMMARY: [&str; 8] = [
    "provider",
    "self_total",
    "verified_total",
    "self_tier",
    "verified_tier",
    "overclaims",
    "unverified",
    "integrity",
];
const DETAIL: [&str; 7] = [
    "indicator",
    "self_value",
    "verified_value",
    "self_score",
    "verified_score",
    "difference",
    "flag",
];

/// The exact CSV columns `provider,…,integrity`; with `detail` the `DETAIL`
/// columns follow, and each provider row is followed by one row per difference
/// (its summary cells empty).
pub fn csv_grid(fw: &Framework, rows: &[ProviderComparison], detail: bool) -> Grid {
    let mut g = Grid::default();
    SUMMARY
        .iter()
        .for_each(|t| g.column(*t, *t != "provider" && !t.ends_with("tier")));
    if detail {
        DETAIL
            .iter()
            .for_each(|t| g.column(*t, t.ends_with("score") || *t == "difference"));
    }
    for p in rows {
        let mut row = summary_cells(p, |o| o.tier.id(fw).to_string());
        if detail {
            row.extend(std::iter::repeat_n(String::new(), DETAIL.len()));
        }
        g.rows.push(row);
        for d in p.differences.iter().filter(|_| detail) {
            let mut row = vec![p.provider.clone()];
            row.extend(std::iter::repeat_n(String::new(), SUMMARY.len() - 1));
            row.push(fw.indicators[d.indicator].id.clone());
            row.extend(detail_cells(d));
            row.push(d.flag.id().to_string());
            g.rows.push(row);
        }
    }
    g
}

fn summary_cells(p: &ProviderComparison, tier: impl Fn(&Outcome) -> String) -> Vec<String> {
    let mut row = Vec::new();
    summary_into(p, tier, &mut row);
    row
}

/// provider, the two totals and tiers, overclaims, unverified, integrity.
fn summary_into<S: AsRef<str>>(
    p: &ProviderComparison,
    tier: impl Fn(&Outcome) -> S,
    row: &mut impl Cells,
) {
    row.cell(&p.provider);
    for side in [&p.declared, &p.verified] {
        match side {
            Some(o) => row.fmt2(o.total),
            None => row.empty(),
        }
    }
    for side in [&p.declared, &p.verified] {
        match side {
            Some(o) => row.cell(tier(o).as_ref()),
            None => row.empty(),
        }
    }
    row.count(p.overclaims);
    row.count(p.unverified);
    row.fmt2(p.integrity());
}

/// [`csv_grid`] as CSV text, written row by row without a string per cell.
fn csv_text(fw: &Framework, rows: &[ProviderComparison], detail: bool) -> String {
    let mut text = CsvText::with_capacity(64 * (rows.len() + 1));
    let none: &[&str] = &[];
    let extra = if detail { &DETAIL[..] } else { none };
    text.row(&SUMMARY.iter().chain(extra).collect::<Vec<_>>());
    for p in rows {
        summary_into(p, |o| o.tier.id(fw), &mut text);
        extra.iter().for_each(|_| text.empty());
        text.end_row();
        for d in p.differences.iter().filter(|_| detail) {
            text.cell(&p.provider);
            (1..SUMMARY.len()).for_each(|_| text.empty());
            text.cell(&fw.indicators[d.indicator].id);
            detail_cells(d).iter().for_each(|c| text.cell(c));
            text.cell(d.flag.id());
            text.end_row();
        }
    }
    text.finish()
}

/// self_value, verified_value (as written), self_score, verified_score, difference (s × 100).
fn detail_cells(d: &Difference) -> Vec<String> {
    let raw = |c: &Cell| c.to_string();
    let points = |s: Option<f64>| fmt2_opt(s.map(|s| s * 100.0));
    vec![
        raw(&d.declared),
        raw(&d.verified),
        points(d.self_score),
        points(d.verified_score),
        points(d.difference()),
    ]
}

fn flag_label(flag: Flag, lang: Lang) -> &'static str {
    match lang {
        Lang::En => flag.id(),
        Lang::Zh => match flag {
            Flag::Overclaim => "虚报",
            Flag::Underclaim => "少报",
            Flag::WithinTolerance => "容差内",
            Flag::Unverified => "未核实",
            Flag::Unclaimed => "未申报",
            Flag::NotApplicable => "不适用",
        },
    }
}

/// The table/Markdown view: a provider table with a flag column that makes
/// over-claims and dropped tiers visible, then (with `detail`) the differences.
fn people(
    fw: &Framework,
    rows: &[ProviderComparison],
    view: View,
    draw: fn(&Grid) -> String,
    gap: &str,
) -> String {
    let mut text = draw(&provider_grid(fw, rows, view.lang));
    if view.detail {
        text.push_str(gap);
        text.push_str(&draw(&detail_grid(fw, rows, view.lang)));
    }
    text
}

fn provider_grid(fw: &Framework, rows: &[ProviderComparison], lang: Lang) -> Grid {
    let titles = match lang {
        Lang::Zh => [
            "主体",
            "名称",
            "自评总分",
            "核实总分",
            "自评等级",
            "核实等级",
            "虚报",
            "未核实",
            "诚信度",
            "提示",
        ],
        Lang::En => [
            "provider",
            "name",
            "self total",
            "verified total",
            "self tier",
            "verified tier",
            "overclaims",
            "unverified",
            "integrity",
            "flags",
        ],
    };
    let with_name = rows.iter().any(|p| p.attributes.contains_key("name"));
    let mut g = Grid::default();
    for (i, t) in titles.iter().enumerate() {
        if i != 1 || with_name {
            g.column(*t, (2..=8).contains(&i) && i != 4 && i != 5);
        }
    }
    for p in rows {
        let mut row = summary_cells(p, |o| tier_label(fw, o.tier, lang));
        if with_name {
            row.insert(1, p.attributes.get("name").cloned().unwrap_or_default());
        }
        row.push(flags(fw, p, lang));
        g.rows.push(row);
    }
    g
}

/// `⚠ 虚报 2` / `⚠ overclaims 2`, unverified claims, and a dropped tier.
fn flags(fw: &Framework, p: &ProviderComparison, lang: Lang) -> String {
    let mut out = Vec::new();
    let zh = lang == Lang::Zh;
    if p.overclaims > 0 {
        out.push(format!(
            "⚠ {} {}",
            if zh { "虚报" } else { "overclaims" },
            p.overclaims
        ));
    }
    if p.unverified > 0 {
        out.push(format!(
            "{} {}",
            if zh { "未核实" } else { "unverified" },
            p.unverified
        ));
    }
    match p.tier_dropped(fw) {
        Some(true) => out.push((if zh { "等级下降" } else { "tier down" }).to_string()),
        Some(false) => out.push((if zh { "等级上升" } else { "tier up" }).to_string()),
        None => {}
    }
    if p.declared.is_none() {
        out.push(
            (if zh {
                "自评文件中无此主体"
            } else {
                "not in self file"
            })
            .to_string(),
        );
    }
    if p.verified.is_none() {
        out.push(
            (if zh {
                "核实文件中无此主体"
            } else {
                "not in verified file"
            })
            .to_string(),
        );
    }
    out.join("; ")
}

fn detail_grid(fw: &Framework, rows: &[ProviderComparison], lang: Lang) -> Grid {
    let titles = match lang {
        Lang::Zh => [
            "主体",
            "指标",
            "自评值",
            "核实值",
            "自评得分",
            "核实得分",
            "差",
            "标记",
        ],
        Lang::En => [
            "provider",
            "indicator",
            "self value",
            "verified value",
            "self score",
            "verified score",
            "difference",
            "flag",
        ],
    };
    let mut g = Grid::default();
    for (i, t) in titles.iter().enumerate() {
        g.column(*t, (4..=6).contains(&i));
    }
    for p in rows {
        for d in &p.differences {
            let mut row = vec![
                p.provider.clone(),
                fw.indicators[d.indicator].doc.display(lang).to_string(),
            ];
            row.extend(detail_cells(d));
            let label = flag_label(d.flag, lang);
            row.push(if d.flag == Flag::Overclaim {
                format!("⚠ {label}")
            } else {
                label.to_string()
            });
            g.rows.push(row);
        }
    }
    g
}

/// `{"framework", "tolerance", "providers": [...]}`; numbers unrounded, scores
/// as s ∈ [0, 1]; `differences` only with `detail`.
pub fn to_json(fw: &Framework, rows: &[ProviderComparison], tolerance: f64, detail: bool) -> Json {
    let providers: Vec<Json> = rows
        .iter()
        .map(|p| {
            let mut o = json!({
                "provider": p.provider,
                "self_total": p.declared.as_ref().map(|o| o.total),
                "verified_total": p.verified.as_ref().map(|o| o.total),
                "self_tier": p.declared.as_ref().map(|o| o.tier.id(fw)),
                "verified_tier": p.verified.as_ref().map(|o| o.tier.id(fw)),
                "tier_change": p.tier_dropped(fw).map(|down| if down { "down" } else { "up" }),
                "claimed": p.claimed,
                "overclaims": p.overclaims,
                "unverified": p.unverified,
                "integrity": p.integrity(),
            });
            if detail {
                o["differences"] = p
                    .differences
                    .iter()
                    .map(|d| difference_json(fw, d))
                    .collect();
            }
            o
        })
        .collect();
    json!({
        "framework": super::framework_json(fw),
        "tolerance": tolerance,
        "providers": providers,
    })
}

fn difference_json(fw: &Framework, d: &Difference) -> Json {
    let value = |c: &Cell| match c {
        Cell::Value(v) => value_json(v),
        Cell::NotApplicable => json!("n/a"),
        Cell::Missing => Json::Null,
    };
    json!({
        "indicator": fw.indicators[d.indicator].id,
        "self_value": value(&d.declared),
        "verified_value": value(&d.verified),
        "self_score": d.self_score,
        "verified_score": d.verified_score,
        "difference": d.difference(),
        "flag": d.flag.id(),
    })
}
