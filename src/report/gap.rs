//! Renders `gap` results: unmet conditions and opportunities per provider.

use super::grid::Grid;
use super::scores::tier_label;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_stream, required};
use crate::framework::{Comparison, Framework, Lang};
use crate::gap::{Gap, Item, Unmet, UnmetKind};
use crate::number::{fmt2, fmt2_into};
use crate::rule::Value;
use crate::score::Scores;
use crate::tier::Assigned;

mod csv;
mod json;

pub use csv::{CSV_COLUMNS, csv_grid, value_cell, value_into};
use json::GapJson;

/// Renders gaps in `format` as text (for [`Format::Xlsx`], the CSV of its
/// `gap` sheet: use [`render_bytes`]).
pub fn render(fw: &Framework, scores: &Scores, gaps: &[Gap], format: Format, lang: Lang) -> String {
    match format {
        Format::Csv | Format::Xlsx | Format::Json => {
            let mut text = Vec::new();
            let json = format == Format::Json;
            // Writing to a Vec cannot fail; the text is UTF-8.
            let _ = write(fw, scores, gaps, |chunk, take| take(chunk), json, &mut text);
            String::from_utf8(text).unwrap_or_default()
        }
        Format::Table => gaps
            .iter()
            .map(|g| section(fw, scores, g, lang, false))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Markdown => gaps
            .iter()
            .map(|g| section(fw, scores, g, lang, true))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Renders gaps in `format` as the bytes to write: for [`Format::Xlsx`] a
/// workbook with a `gap` sheet (tier cells coloured) and a `framework` sheet
/// (whose advice column says how to close each gap).
pub fn render_bytes(
    fw: &Framework,
    scores: &Scores,
    gaps: &[Gap],
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, RenderError> {
    if format != Format::Xlsx {
        return Ok(render(fw, scores, gaps, format, lang).into_bytes());
    }
    let grid = csv_grid(fw, scores, gaps);
    let tiers: Vec<String> = fw.tiers.iter().map(|t| t.id.clone()).collect();
    xlsx::workbook(&[
        SheetSpec {
            fills: xlsx::tier_fills(&tiers, "none", "vetoed"),
            fill_columns: super::compare::tier_columns(&grid),
            ..SheetSpec::new("gap", grid)
        },
        SheetSpec::new("framework", framework_sheet::grid(fw, lang)),
    ])
}

/// Writes the CSV (or with `json` the JSON) of the gaps of `items` to `out`
/// as they are found: `gaps_of(chunk, take)` works out the gaps of a chunk of
/// items and hands them to `take`. Chunks are done on every core a batch at a
/// time and written in order, so neither the gaps of every provider nor the
/// text (about 30 rows a provider) ever exist whole in memory. The same text
/// as [`render`] of all the gaps.
pub fn write<T: Sync>(
    fw: &Framework,
    scores: &Scores,
    items: &[T],
    gaps_of: impl Fn(&[T], &mut dyn FnMut(&[Gap])) + Sync,
    json: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if !json {
        return csv::write(fw, scores, items, &gaps_of, out);
    }
    let json = GapJson::new(fw, scores);
    json_stream::write_object_with_array(out, &[], "providers", items, |chunk, elements| {
        gaps_of(chunk, &mut |gaps| {
            // About 130 bytes an opportunity or unmet condition: room for 150.
            let parts: usize = gaps
                .iter()
                .map(|g| g.unmet.len() + g.opportunities.len() + 1)
                .sum();
            elements.reserve(parts * 150);
            for gap in gaps {
                elements.put_line(|line| json.write(line, gap));
            }
        })
    })
}

/// `id name` of what an unmet condition is about, in `lang`.
pub fn item_label(fw: &Framework, item: Item, lang: Lang) -> String {
    let mut label = String::new();
    item_label_into(fw, item, lang, &mut label);
    label
}

/// [`item_label`] appended to `out`.
pub fn item_label_into(fw: &Framework, item: Item, lang: Lang, out: &mut String) {
    let (id, name) = match item {
        Item::Total => {
            out.push_str(match lang {
                Lang::Zh => "总分",
                Lang::En => "total",
            });
            return;
        }
        Item::Dimension(d) => (&fw.dimensions[d].id, fw.dimensions[d].doc.display(lang)),
        Item::Indicator(k) => (&fw.indicators[k].id, fw.indicators[k].doc.display(lang)),
    };
    out.push_str(id);
    out.push(' ');
    out.push_str(name);
}

/// The kind of an unmet condition for people.
pub fn kind_label(kind: UnmetKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (UnmetKind::Total, Lang::Zh) => "总分下限",
        (UnmetKind::EachDimension, Lang::Zh) => "各维度下限",
        (UnmetKind::Dimension, Lang::Zh) => "维度要求",
        (UnmetKind::Indicator, Lang::Zh) => "指标要求",
        (UnmetKind::Veto, Lang::Zh) => "一票否决",
        (UnmetKind::Total, Lang::En) => "minimum total",
        (UnmetKind::EachDimension, Lang::En) => "every dimension",
        (UnmetKind::Dimension, Lang::En) => "dimension",
        (UnmetKind::Indicator, Lang::En) => "indicator",
        (UnmetKind::Veto, Lang::En) => "veto",
    }
}

/// The requirement with its operator: `≥ 80.00`, `≤ 30.00`, `= true`, `≠ true` (vetoes).
pub fn required_label(u: &Unmet) -> String {
    let mut label = String::new();
    required_label_into(u, &mut label);
    label
}

/// [`required_label`] appended to `out`.
pub fn required_label_into(u: &Unmet, out: &mut String) {
    let required = u.required.as_ref();
    match (&u.comparison, u.kind) {
        (Some(Comparison::Equals(v)), UnmetKind::Veto) => {
            out.push_str("≠ ");
            value_into(Some(v), out);
        }
        (Some(Comparison::AtLeast(b)), UnmetKind::Veto) => {
            out.push_str("< ");
            fmt2_into(*b, out);
        }
        (Some(Comparison::AtMost(b)), UnmetKind::Veto) => {
            out.push_str("> ");
            fmt2_into(*b, out);
        }
        (Some(Comparison::AtMost(_)), _) => {
            out.push_str("≤ ");
            value_into(required, out);
        }
        (Some(Comparison::Equals(_)), _) => {
            out.push_str("= ");
            value_into(required, out);
        }
        _ => {
            out.push_str("≥ ");
            value_into(required, out);
        }
    }
}

/// Words of the text sections, in `lang`.
struct Words {
    total: &'static str,
    current: &'static str,
    target: &'static str,
    top: &'static str,
    unmet: &'static str,
    all_met: &'static str,
    unmet_header: [&'static str; 5],
    opportunities: &'static str,
    opportunity_header: [&'static str; 5],
    advice: &'static str,
    no_single: &'static str,
    any_one: &'static str,
}

impl Words {
    fn new(lang: Lang) -> Self {
        match lang {
            Lang::Zh => Words {
                total: "总分",
                current: "当前等级",
                target: "目标等级",
                top: "已是最高等级，无差距。",
                unmet: "未满足的条件（先解决一票否决项）：",
                all_met: "目标等级的条件均已满足。",
                unmet_header: ["条件", "项目", "当前", "要求", "差距"],
                opportunities: "提分机会（单项指标提到满分时总分可增加的分数，从高到低）：",
                opportunity_header: [
                    "指标",
                    "当前值",
                    "得分 s",
                    "可增加总分",
                    "单项补足总分所需值",
                ],
                advice: "改进建议",
                no_single: "没有任何单项指标能独自补足总分差距，需要同时提升多项。",
                any_one: "以下任一项单独达到所需值即可补足总分差距",
            },
            Lang::En => Words {
                total: "total",
                current: "current tier",
                target: "target tier",
                top: "already at the top tier: no gap.",
                unmet: "Unmet conditions (clear vetoes first):",
                all_met: "Every condition of the target tier holds.",
                unmet_header: ["condition", "item", "current", "required", "shortfall"],
                opportunities: "Opportunities (points the total gains if this indicator alone reaches s = 1, most first):",
                opportunity_header: [
                    "indicator",
                    "value",
                    "s",
                    "points available",
                    "value needed alone",
                ],
                advice: "advice",
                no_single: "No single indicator can close the total shortfall alone: improve several.",
                any_one: "Any one of these alone closes the total shortfall",
            },
        }
    }
}

/// One provider's section of the table or Markdown output.
fn section(fw: &Framework, scores: &Scores, g: &Gap, lang: Lang, markdown: bool) -> String {
    let w = Words::new(lang);
    let p = &scores.providers[g.provider];
    let name = p
        .attributes
        .get("name")
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let mut out = if markdown {
        format!("### {}{name}\n\n", p.provider)
    } else {
        format!("== {}{name} ==\n", p.provider)
    };
    let current = tier_label(fw, g.current, lang);
    let Some(t) = g.target else {
        out.push_str(&format!(
            "{}: {}, {}: {current} — {}\n",
            w.total,
            fmt2(g.total),
            w.current,
            w.top
        ));
        out.push_str(&required::note(fw, &g.incomplete, lang, markdown));
        if let Some(soon) = &g.expiring {
            out.push_str(&required::expiring_note(fw, soon, lang));
        }
        return out;
    };
    let target = tier_label(fw, Assigned::Tier(t), lang);
    out.push_str(&format!(
        "{}: {}, {}: {current} → {}: {target}\n\n",
        w.total,
        fmt2(g.total),
        w.current,
        w.target
    ));
    if g.current == Assigned::Vetoed {
        out.push_str(&vetoed_note(fw, g, lang));
    }
    out.push_str(&super::progression::gap_note(fw, p, lang));
    if !g.incomplete.is_empty() {
        out.push_str(&required::note(fw, &g.incomplete, lang, markdown));
        out.push('\n');
    }
    if g.unmet.is_empty() {
        out.push_str(w.all_met);
        out.push('\n');
    } else {
        out.push_str(w.unmet);
        out.push_str(if markdown { "\n\n" } else { "\n" });
        out.push_str(&draw(&unmet_grid(fw, g, lang, &w), markdown));
        for (i, words) in &g.rows {
            let item = g.unmet[*i].item.id(fw);
            let bullet = if markdown { "- " } else { "  → " };
            let colon = match lang {
                Lang::Zh => "：",
                Lang::En => ": ",
            };
            out.push_str(&format!("{bullet}{item}{colon}{words}\n"));
        }
    }
    if let Some(soon) = g.expiring.as_deref().filter(|s| !s.is_empty()) {
        out.push_str(if markdown { "\n" } else { "" });
        out.push_str(&required::expiring_note(fw, soon, lang));
    }
    if !g.opportunities.is_empty() {
        out.push_str(if markdown { "\n" } else { "" });
        out.push_str(w.opportunities);
        out.push_str(if markdown { "\n\n" } else { "\n" });
        out.push_str(&draw(
            &opportunity_grid(fw, g, lang, &w, markdown),
            markdown,
        ));
        if let Some(line) = total_line(fw, g, lang, &w) {
            out.push_str(if markdown { "\n" } else { "" });
            out.push_str(&line);
            out.push('\n');
        }
        if !markdown {
            out.push_str(&advice_lines(fw, g, lang, &w));
        }
    }
    out
}

/// What closes the total shortfall: the single-indicator fixes, or a note that none exists.
fn total_line(fw: &Framework, g: &Gap, lang: Lang, w: &Words) -> Option<String> {
    let shortfall = g
        .unmet
        .iter()
        .find(|u| u.kind == UnmetKind::Total)?
        .shortfall?;
    let fixes: Vec<String> = g
        .opportunities
        .iter()
        .filter_map(|o| {
            let needed = value_cell(o.value_needed.as_ref());
            let unit = match (&o.value_needed, &fw.indicators[o.indicator].unit) {
                (Some(Value::Number(_)), Some(u)) => format!(" {u}"),
                _ => String::new(),
            };
            o.value_needed.as_ref()?;
            Some(format!(
                "{} → {needed}{unit}",
                fw.indicators[o.indicator].id
            ))
        })
        .collect();
    if fixes.is_empty() {
        return Some(w.no_single.to_string());
    }
    Some(match lang {
        Lang::Zh => format!(
            "{}（{} 分）：{}",
            w.any_one,
            fmt2(shortfall),
            fixes.join("；")
        ),
        Lang::En => format!("{} ({}): {}", w.any_one, fmt2(shortfall), fixes.join("; ")),
    })
}

/// Why a vetoed provider has no tier, and what its scores reach once the vetoes are cleared.
fn vetoed_note(fw: &Framework, g: &Gap, lang: Lang) -> String {
    let reach = g.unvetoed.map(|t| tier_label(fw, Assigned::Tier(t), lang));
    match (lang, reach) {
        (Lang::Zh, Some(t)) => format!("存在一票否决项，解除前不予定级；解除后按现有得分即可达到{t}。\n\n"),
        (Lang::Zh, None) => "存在一票否决项，解除前不予定级；解除后现有得分仍未达到任何等级。\n\n".to_string(),
        (Lang::En, Some(t)) => format!("Vetoed: no tier until every veto is cleared; once cleared, the current scores reach {t}.\n\n"),
        (Lang::En, None) => "Vetoed: no tier until every veto is cleared; even then the current scores reach no tier.\n\n".to_string(),
    }
}

fn draw(grid: &Grid, markdown: bool) -> String {
    if markdown {
        grid.to_markdown()
    } else {
        grid.to_table()
    }
}

fn unmet_grid(fw: &Framework, g: &Gap, lang: Lang, w: &Words) -> Grid {
    let mut grid = Grid::default();
    for (i, title) in w.unmet_header.iter().enumerate() {
        grid.column(*title, i >= 2);
    }
    for u in &g.unmet {
        // A veto shows its reason instead of the indicator's name, which it repeats.
        let item = match u.veto.and_then(|v| fw.vetoes[v].display_reason(lang)) {
            Some(reason) => format!("{} {reason}", u.item.id(fw)),
            None => item_label(fw, u.item, lang),
        };
        grid.rows.push(vec![
            kind_label(u.kind, lang).to_string(),
            item,
            value_cell(u.current.as_ref()),
            required_label(u),
            u.shortfall.map(fmt2).unwrap_or_default(),
        ]);
    }
    grid
}

fn opportunity_grid(fw: &Framework, g: &Gap, lang: Lang, w: &Words, with_advice: bool) -> Grid {
    let mut grid = Grid::default();
    for (i, title) in w.opportunity_header.iter().enumerate() {
        grid.column(*title, i >= 1);
    }
    if with_advice {
        grid.column(w.advice, false);
    }
    for o in &g.opportunities {
        let ind = &fw.indicators[o.indicator];
        let unit = |v: String| match (&ind.unit, v.is_empty()) {
            (Some(u), false) if matches!(o.value_needed, Some(Value::Number(_))) => {
                format!("{v} {u}")
            }
            _ => v,
        };
        let mut row = vec![
            item_label(fw, Item::Indicator(o.indicator), lang),
            match (&o.value, lang) {
                (None, Lang::Zh) => "（缺失）".to_string(),
                (None, Lang::En) => "(missing)".to_string(),
                (Some(v), _) => value_cell(Some(v)),
            },
            o.score.map(fmt2).unwrap_or_default(),
            fmt2(o.points_available),
            unit(value_cell(o.value_needed.as_ref())),
        ];
        if with_advice {
            row.push(ind.advice.clone().unwrap_or_default());
        }
        grid.rows.push(row);
    }
    grid
}

fn advice_lines(fw: &Framework, g: &Gap, lang: Lang, w: &Words) -> String {
    let lines: Vec<String> = g
        .opportunities
        .iter()
        .filter_map(|o| {
            let advice = fw.indicators[o.indicator].advice.as_ref()?;
            Some(format!(
                "  - {}: {advice}\n",
                item_label(fw, Item::Indicator(o.indicator), lang)
            ))
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("{}:\n{}", w.advice, lines.concat())
}
