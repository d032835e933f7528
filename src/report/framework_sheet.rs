//! The framework documented as one table: dimensions, indicators (with their
//! rule, unit, evidence, basis and advice), tiers and vetoes — the `framework`
//! sheet of Excel output, so that a published workbook explains itself.

use super::grid::Grid;
use super::lang_text;
use crate::framework::{Comparison, Condition, Framework, Indicator, Lang, Tier, Veto};
use crate::number::{fmt2, trim};
use crate::rule::{Direction, Rule};

/// Column titles (zh, en).
const COLUMNS: [(&str, &str, bool); 12] = [
    ("类别", "kind", false),
    ("编号", "id", false),
    ("名称", "name", false),
    ("英文名称", "name_en", false),
    ("所属维度", "dimension", false),
    ("权重", "weight", true),
    ("占总分(%)", "share_of_total_pct", true),
    ("评分规则/条件", "rule", false),
    ("单位", "unit", false),
    ("佐证材料", "evidence", false),
    ("依据", "basis", false),
    ("提升建议/否决理由", "advice", false),
];

/// One row per dimension, indicator, tier and veto, in framework order.
pub fn grid(fw: &Framework, lang: Lang) -> Grid {
    let mut g = Grid::default();
    for (zh, en, numeric) in COLUMNS {
        g.column(lang_text(lang, zh, en), numeric);
    }
    let dim_shares = fw.dimension_shares();
    let ind_shares = fw.indicator_shares();
    if let Some(as_of) = fw.as_of {
        let date = as_of.to_string();
        let mut cells = vec![String::new(); COLUMNS.len()];
        cells[0] = lang_text(lang, "评价基准日", "as_of").to_string();
        cells[1] = date;
        g.rows.push(cells);
    }
    for (d, dim) in fw.dimensions.iter().enumerate() {
        g.rows.push(row([
            lang_text(lang, "维度", "dimension"),
            &dim.id,
            &dim.doc.name,
            opt(&dim.doc.name_en),
            "",
            &trim(dim.weight),
            &fmt2(dim_shares[d] * 100.0),
            "",
            "",
            "",
            opt(&dim.doc.basis),
            "",
        ]));
        for k in dim.indicators.clone() {
            let share = dim_shares[d] * ind_shares[k];
            g.rows
                .push(indicator_row(fw, &fw.indicators[k], share, lang));
        }
    }
    g.rows
        .extend(fw.tiers.iter().map(|t| tier_row(fw, t, lang)));
    g.rows
        .extend(fw.vetoes.iter().map(|v| veto_row(fw, v, lang)));
    g
}

fn indicator_row(fw: &Framework, ind: &Indicator, share: f64, lang: Lang) -> Vec<String> {
    row([
        lang_text(lang, "指标", "indicator"),
        &ind.id,
        &ind.doc.name,
        opt(&ind.doc.name_en),
        &fw.dimensions[ind.dimension].id,
        &trim(ind.weight),
        &fmt2(share * 100.0),
        &describe_rule(&ind.rule),
        opt(&ind.unit),
        opt(&ind.evidence),
        opt(&ind.doc.basis),
        opt(&ind.advice),
    ])
}

fn tier_row(fw: &Framework, tier: &Tier, lang: Lang) -> Vec<String> {
    row([
        lang_text(lang, "等级", "tier"),
        &tier.id,
        &tier.doc.name,
        opt(&tier.doc.name_en),
        "",
        "",
        "",
        &describe_tier(fw, tier, lang),
        "",
        "",
        opt(&tier.doc.basis),
        "",
    ])
}

fn veto_row(fw: &Framework, veto: &Veto, lang: Lang) -> Vec<String> {
    row([
        lang_text(lang, "一票否决", "veto"),
        fw.subject_id(&veto.condition.subject),
        opt(&veto.reason),
        opt(&veto.reason_en),
        "",
        "",
        "",
        &describe_condition(fw, &veto.condition),
        "",
        "",
        opt(&veto.condition.basis),
        veto.display_reason(lang).unwrap_or(""),
    ])
}

fn opt(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or("")
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// A scoring rule in one line: `linear 5 → 100`, `bands ≥10: 0.5, ≥20: 1`, …
pub fn describe_rule(rule: &Rule) -> String {
    let arrow = |d: &Direction| match d {
        Direction::Higher => "higher is better",
        Direction::Lower => "lower is better",
    };
    match rule {
        Rule::Linear { floor, target } => format!("linear {} → {}", trim(*floor), trim(*target)),
        Rule::Bands { bands, direction } => {
            let op = match direction {
                Direction::Higher => "≥",
                Direction::Lower => "≤",
            };
            let steps: Vec<String> = bands
                .iter()
                .map(|(t, s)| format!("{op}{}: {}", trim(*t), trim(*s)))
                .collect();
            format!("bands {}", steps.join(", "))
        }
        Rule::Boolean => "boolean (true = 1)".to_string(),
        Rule::Levels { levels } => {
            let steps: Vec<String> = levels
                .iter()
                .map(|(l, s)| format!("{l} = {}", trim(*s)))
                .collect();
            format!("levels {}", steps.join(", "))
        }
        Rule::Relative { direction } => format!("relative ({})", arrow(direction)),
    }
}

/// A condition as `id ≥ 80`, `id ≤ 2`, `id = true`.
pub fn describe_condition(fw: &Framework, c: &Condition) -> String {
    let op = match c.comparison {
        Comparison::AtLeast(_) => "≥",
        Comparison::AtMost(_) => "≤",
        Comparison::Equals(_) => "=",
    };
    format!("{} {op} {}", fw.subject_id(&c.subject), c.written)
}

/// Every condition of a tier, joined by `; `.
pub fn describe_tier(fw: &Framework, tier: &Tier, lang: Lang) -> String {
    let mut parts = vec![format!(
        "{} ≥ {}",
        lang_text(lang, "总分", "total"),
        trim(tier.min_total)
    )];
    if let Some(m) = tier.min_each_dimension {
        parts.push(format!(
            "{} ≥ {}",
            lang_text(lang, "各维度", "each dimension"),
            trim(m)
        ));
    }
    parts.extend(tier.require.iter().map(|c| describe_condition(fw, c)));
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_each_rule_kind() {
        let levels = [("CS1".to_string(), 0.2), ("CS2".to_string(), 0.4)]
            .into_iter()
            .collect();
        for (rule, text) in [
            (
                Rule::Linear {
                    floor: 5.0,
                    target: 100.0,
                },
                "linear 5 → 100",
            ),
            (
                Rule::Bands {
                    bands: vec![(10.0, 0.5), (20.0, 1.0)],
                    direction: Direction::Higher,
                },
                "bands ≥10: 0.5, ≥20: 1",
            ),
            (Rule::Boolean, "boolean (true = 1)"),
            (Rule::Levels { levels }, "levels CS1 = 0.2, CS2 = 0.4"),
            (
                Rule::Relative {
                    direction: Direction::Lower,
                },
                "relative (lower is better)",
            ),
        ] {
            assert_eq!(describe_rule(&rule), text);
        }
    }
}
