//! Renders `tierscore panel` (the review of the expert panels) in every format.

use serde_json::{Map, Value as Json, json};

use super::grid::Grid;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_text, lang_text};
use crate::evidence::Evidence;
use crate::framework::{Framework, Lang};
use crate::number::{fmt2, fmt4, trim};
use crate::panel::explained::PanelPart;
use crate::panel::review::{IndicatorReview, Review};

/// The exact CSV columns.
pub const CSV_COLUMNS: [&str; 12] = [
    "indicator",
    "kind",
    "item",
    "experts",
    "providers",
    "kendall_w",
    "chi_square",
    "df",
    "p_value",
    "mean_deviation",
    "spread",
    "scores",
];

/// Renders the review as text (for [`Format::Xlsx`], the CSV of its sheet).
pub fn render(
    fw: &Framework,
    ev: &Evidence,
    review: &Review,
    format: Format,
    lang: Lang,
) -> String {
    match format {
        Format::Csv | Format::Xlsx => grid(fw, ev, review, None).to_csv(),
        Format::Json => json_text(&to_json(fw, ev, review)),
        Format::Table => grid(fw, ev, review, Some(lang)).to_table(),
        Format::Markdown => grid(fw, ev, review, Some(lang)).to_markdown(),
    }
}

/// The bytes to write: for [`Format::Xlsx`] a workbook with a `panel` and a
/// `framework` sheet.
pub fn render_bytes(
    fw: &Framework,
    ev: &Evidence,
    review: &Review,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Xlsx => xlsx::workbook(&[
            SheetSpec::new("panel", grid(fw, ev, review, None)),
            SheetSpec::new("framework", framework_sheet::grid(fw, lang)),
        ]),
        _ => Ok(render(fw, ev, review, format, lang).into_bytes()),
    }
}

/// One row per panel indicator (`panel`: its concordance), per expert
/// (`expert`: how many providers scored, mean deviation) and per alert
/// (`alert`: the provider, the spread and every score). `lang` gives display
/// headers and names; `None` the CSV ids.
pub fn grid(fw: &Framework, ev: &Evidence, review: &Review, lang: Option<Lang>) -> Grid {
    let mut g = Grid::default();
    let titles: [&str; 12] = match lang {
        None => CSV_COLUMNS,
        Some(l) => [
            lang_text(l, "指标", "indicator"),
            lang_text(l, "类别", "kind"),
            lang_text(l, "专家/主体", "expert/provider"),
            lang_text(l, "专家数", "experts"),
            lang_text(l, "主体数", "providers"),
            "Kendall W",
            "χ²",
            "df",
            "p",
            lang_text(l, "平均偏差", "mean deviation"),
            lang_text(l, "极差", "spread"),
            lang_text(l, "各专家评分", "scores"),
        ],
    };
    for (i, t) in titles.iter().enumerate() {
        g.column(*t, (3..=10).contains(&i));
    }
    for r in &review.indicators {
        let ind = &fw.indicators[r.indicator];
        let name = lang
            .map_or(ind.id.as_str(), |l| ind.doc.display(l))
            .to_string();
        g.rows.push(panel_row(&name, r, lang));
        for e in &r.experts {
            let mut row = vec![name.clone(), kind("expert", lang), e.expert.clone()];
            row.extend([String::new(), e.scored.to_string()]);
            row.extend(std::iter::repeat_n(String::new(), 4));
            row.push(e.mean_deviation.map(fmt2).unwrap_or_default());
            row.extend([String::new(), String::new()]);
            g.rows.push(row);
        }
        for a in &r.alerts {
            let scores: Vec<String> = a
                .scores
                .iter()
                .map(|(e, s)| format!("{e} {}", trim(*s)))
                .collect();
            let mut row = vec![
                name.clone(),
                kind("alert", lang),
                ev.providers[a.provider].id.clone(),
            ];
            row.extend(std::iter::repeat_n(String::new(), 7));
            row.extend([fmt2(a.spread), scores.join("; ")]);
            g.rows.push(row);
        }
    }
    g
}

fn kind(id: &'static str, lang: Option<Lang>) -> String {
    let text = match (id, lang) {
        (_, None) | (_, Some(Lang::En)) => id,
        ("panel", _) => "专家组",
        ("expert", _) => "专家",
        _ => "分歧提示",
    };
    text.to_string()
}

fn panel_row(name: &str, r: &IndicatorReview, lang: Option<Lang>) -> Vec<String> {
    let mut row = vec![name.to_string(), kind("panel", lang), String::new()];
    row.extend([r.experts.len().to_string(), r.providers.to_string()]);
    match &r.concordance {
        Some(c) => row.extend([
            fmt4(c.w),
            fmt4(c.chi_square),
            c.df.to_string(),
            fmt4(c.p_value),
        ]),
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend([String::new(), String::new(), String::new()]);
    row
}

/// `{"framework", "indicators": [{"indicator", "aggregate", "min_experts",
/// "experts", "providers", "concordance", "raters", "alerts"}]}`, numbers unrounded.
pub fn to_json(fw: &Framework, ev: &Evidence, review: &Review) -> Json {
    let indicators: Vec<Json> = review
        .indicators
        .iter()
        .map(|r| {
            let ind = &fw.indicators[r.indicator];
            let concordance = r.concordance.map(|c| {
                json!({"providers": c.providers, "w": c.w, "chi_square": c.chi_square,
                       "df": c.df, "p_value": c.p_value})
            });
            let raters: Vec<Json> = r
                .experts
                .iter()
                .map(|e| json!({"expert": e.expert, "scored": e.scored, "mean_deviation": e.mean_deviation}))
                .collect();
            let alerts: Vec<Json> = r
                .alerts
                .iter()
                .map(|a| {
                    let scores: Map<String, Json> =
                        a.scores.iter().map(|(e, s)| (e.clone(), json!(s))).collect();
                    json!({"provider": ev.providers[a.provider].id, "spread": a.spread, "scores": scores})
                })
                .collect();
            json!({
                "indicator": ind.id,
                "aggregate": ind.panel.map(|p| p.aggregate.as_str()),
                "min_experts": ind.panel.map(|p| p.min_experts),
                "experts": r.experts.len(),
                "providers": r.providers,
                "concordance": concordance,
                "raters": raters,
                "alerts": alerts,
            })
        })
        .collect();
    json!({
        "framework": {"id": fw.id, "version": fw.version},
        "indicators": indicators,
    })
}

/// The experts' scores behind one provider's panel indicators, for `explain`
/// (empty when there are none).
pub fn explain_text(fw: &Framework, panels: &[PanelPart], lang: Lang) -> String {
    if panels.is_empty() {
        return String::new();
    }
    let (title, dropped, missing) = match lang {
        Lang::Zh => ("专家评分", "去掉", "（专家不足，缺失）"),
        Lang::En => ("expert scores", "dropped", "(too few experts: missing)"),
    };
    let mut out = format!("\n{title}:\n");
    for part in panels {
        out.push_str(&format!("  {}\n", part.text(fw, dropped, missing)));
    }
    out
}

/// `[{"indicator", "aggregate", "value", "scores": [{"expert", "score", "line", "trimmed"}],
/// "not_applicable": [{"expert", "line"}]}]`; `value` is `"n/a"` when the panel marked it so.
pub fn explain_json(fw: &Framework, panels: &[PanelPart]) -> Json {
    let parts: Vec<Json> = panels
        .iter()
        .map(|part| {
            let ind = &fw.indicators[part.indicator];
            let scores: Vec<Json> = part
                .scores
                .iter()
                .enumerate()
                .map(|(i, s)| json!({"expert": s.expert, "score": s.score, "line": s.line, "trimmed": part.is_trimmed(i)}))
                .collect();
            let marks: Vec<Json> = part
                .marks
                .iter()
                .map(|m| json!({"expert": m.expert, "line": m.line}))
                .collect();
            json!({
                "indicator": ind.id,
                "aggregate": ind.panel.map(|p| p.aggregate.as_str()),
                "value": if part.not_applicable { json!("n/a") } else { json!(part.aggregate) },
                "scores": scores,
                "not_applicable": marks,
            })
        })
        .collect();
    Json::Array(parts)
}
