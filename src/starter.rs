//! Starter files for `tierscore init`: a commented framework for one category
//! of provider (the shipped `indicators/*.toml`, with a guide on top) and an
//! evidence template with one empty row per indicator for a provider to fill in.

use crate::diag::Diagnostic;
use crate::framework::records::RecordTable;
use crate::framework::{self, Framework, Lang};
use crate::report::grid::Grid;
use crate::report::lang_text;
use crate::rule::Rule;

/// A category of provider (经营主体).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Planning & consulting (规划咨询).
    Planning,
    /// Construction & implementation (建设实施).
    Construction,
    /// Operation & maintenance (运营运维).
    Operations,
}

impl Category {
    /// The short name used in file names: `planning`, `construction`, `operations`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Planning => "planning",
            Category::Construction => "construction",
            Category::Operations => "operations",
        }
    }

    /// The shipped framework of this category.
    fn shipped(self) -> &'static str {
        match self {
            Category::Planning => include_str!("../indicators/planning-consulting.toml"),
            Category::Construction => include_str!("../indicators/construction.toml"),
            Category::Operations => include_str!("../indicators/operations.toml"),
        }
    }
}

const GUIDE_ZH: &str = "\
# ==================================================================================================
# tierscore 入门指标体系（由 `tierscore init` 生成）
#
# 这是一份可以直接使用、也可以按本地实际修改的指标体系。修改后请先校验：
#     tierscore validate --strict {framework}
# 再用证据模板打分：
#     tierscore score -f {framework} -e {evidence}
#
# 怎么改：
#   * [[dimension]] 是维度，[[dimension.indicator]] 是其下的指标；id 只能用小写字母、数字和下划线，全文唯一。
#   * weight 是同级之间的相对权重（建议同级合计 100）；也可以用 [ahp] / [dimension.ahp] 的判断矩阵给出。
#   * score 是评分规则：linear（floor→target 线性）、bands（分档）、boolean（是/否）、
#     levels（等级标签→分值）、relative（本次参评主体之间的相对排名）。每个指标得分在 0–1 之间。
#   * [[tier]] 是分级（从高到低），[[veto]] 是一票否决。
#   * basis 写明阈值或权重的出处（标准条款、公开办法，或 judgement 表示专家判断），evidence 写佐证材料，
#     advice 写提升建议（gap 报告会显示）。
#   * 未知的键会报错，拼写错误不会被悄悄忽略。
# 证据模板每个指标一行，value 留空表示缺失；不适用填 n/a。
# ==================================================================================================

";

const GUIDE_EN: &str = "\
# ==================================================================================================
# tierscore starter framework (written by `tierscore init`)
#
# Use it as it is or adapt it to your city. After every change, check it:
#     tierscore validate --strict {framework}
# then score the evidence template once a provider has filled it in:
#     tierscore score -f {framework} -e {evidence} --lang en
#
# How to edit:
#   * [[dimension]] is a dimension; [[dimension.indicator]] an indicator in it. Ids use lower-case
#     letters, digits and underscores, and are unique across the file.
#   * weight is relative among siblings (keep siblings summing to 100); a pairwise-comparison matrix in
#     [ahp] / [dimension.ahp] can give the weights instead.
#   * score is the scoring rule: linear (floor → target), bands (steps), boolean (yes/no),
#     levels (label → score) or relative (min–max over the providers of the run); every score is 0–1.
#   * [[tier]] are the service grades, best first; [[veto]] are one-vote vetoes (一票否决).
#   * basis says where a threshold or weight comes from (a standard's clause, a published scheme, or
#     \"judgement\"); evidence names the proving document; advice tells a provider how to improve.
#   * Unknown keys are errors, so typos never pass silently.
# The evidence template has one row per indicator: an empty value is missing; write n/a when an
# indicator does not apply.
# ==================================================================================================

";

/// The starter framework: a guide in `lang`, then the shipped framework.
pub fn framework_text(category: Category, lang: Lang, framework: &str, evidence: &str) -> String {
    let guide = lang_text(lang, GUIDE_ZH, GUIDE_EN)
        .replace("{framework}", framework)
        .replace("{evidence}", evidence);
    guide + category.shipped()
}

/// The shipped framework of `category`, loaded.
pub fn framework(category: Category) -> Result<Framework, Vec<Diagnostic>> {
    let name = format!("{}.toml", category.as_str());
    framework::load_str(&name, category.shipped()).map(|l| l.framework)
}

/// The provider id the evidence template uses.
pub const PROVIDER: &str = "my_company";

/// The evidence template: `provider,indicator,value,source,note`, one row per
/// declared indicator (derived ones come from the ledgers) with an empty value
/// and a note saying what to fill in.
pub fn evidence_grid(fw: &Framework, lang: Lang) -> Grid {
    let mut g = Grid::default();
    for title in ["provider", "indicator", "value", "source", "note"] {
        g.column(title, false);
    }
    for ind in declared(fw) {
        g.rows.push(vec![
            PROVIDER.to_string(),
            ind.id.clone(),
            String::new(),
            String::new(),
            note(ind, lang),
        ]);
    }
    g
}

/// Drop-down lists for the value cells of the template: level labels, yes/no.
/// Each is (row index in [`evidence_grid`]'s rows, column, allowed texts).
pub fn evidence_choices(fw: &Framework, lang: Lang) -> Vec<(usize, usize, Vec<String>)> {
    let yes_no = match lang {
        Lang::Zh => vec!["是".to_string(), "否".to_string()],
        Lang::En => vec!["yes".to_string(), "no".to_string()],
    };
    declared(fw)
        .enumerate()
        .filter_map(|(r, ind)| match &ind.rule {
            Rule::Levels { levels } => Some((r, 2, levels.keys().cloned().collect())),
            Rule::Boolean => Some((r, 2, yes_no.clone())),
            _ => None,
        })
        .collect()
}

/// The indicators whose values the evidence template asks for: not derived
/// from a ledger, and not scored by an expert panel (those come from the
/// experts' sheets, `init --expert-sheets`, read back with `--expert-scores`).
fn declared(fw: &Framework) -> impl Iterator<Item = &framework::Indicator> {
    fw.indicators
        .iter()
        .filter(|i| i.derive.is_none() && i.panel.is_none())
}

/// A ledger template for record table `table`: the header `provider` plus
/// its fields, with no rows (a provider lists one row per item).
pub fn ledger_grid(table: &RecordTable) -> Grid {
    let mut g = Grid::default();
    g.column("provider", false);
    for name in table.fields.keys() {
        g.column(name, false);
    }
    g
}

/// What an indicator asks for: name, unit, accepted answers, proving document.
fn note(ind: &framework::Indicator, lang: Lang) -> String {
    let mut parts = vec![match &ind.unit {
        Some(u) => format!("{} ({u})", ind.doc.display(lang)),
        None => ind.doc.display(lang).to_string(),
    }];
    match &ind.rule {
        Rule::Levels { levels } => {
            let labels: Vec<&str> = levels.keys().map(String::as_str).collect();
            parts.push(format!(
                "{}{}",
                lang_text(lang, "填写其一：", "one of: "),
                labels.join(" / ")
            ));
        }
        Rule::Boolean => parts.push(lang_text(lang, "填写 是/否", "yes or no").to_string()),
        _ => parts.push(lang_text(lang, "填写数值", "a number").to_string()),
    }
    if let Some(e) = &ind.evidence {
        parts.push(format!("{}{e}", lang_text(lang, "佐证：", "evidence: ")));
    }
    parts.join(lang_text(lang, "；", "; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_framework_loads() {
        // (category, indicators, derived from the ledgers, scored by a panel): the template
        // asks for the rest. Counted in indicators/*.toml: planning derives 13 (资信 grade and
        // its two gates, DCMM, ISO 27001, two shares, six project counts), construction 19,
        // operations 12; each has one panel item.
        for (c, all, derived, panels) in [
            (Category::Planning, 29, 13, 1),
            (Category::Construction, 34, 19, 1),
            (Category::Operations, 32, 12, 1),
        ] {
            let fw = framework(c).unwrap_or_else(|d| panic!("{c:?}: {d:?}"));
            let g = evidence_grid(&fw, Lang::En);
            assert_eq!(fw.indicators.len(), all, "{c:?}");
            let count = |f: fn(&framework::Indicator) -> bool| {
                fw.indicators.iter().filter(|i| f(i)).count()
            };
            assert_eq!(count(|i| i.derive.is_some()), derived, "{c:?}");
            assert_eq!(count(|i| i.panel.is_some()), panels, "{c:?}");
            assert_eq!(g.rows.len(), all - derived - panels, "{c:?}");
        }
    }

    #[test]
    fn ledgers_get_a_header_template_and_derived_indicators_no_evidence_row() {
        let text = include_str!("../tests/fixtures/records/ledger.toml");
        let fw = framework::load_str("ledger.toml", text)
            .map(|l| l.framework)
            .unwrap_or_else(|d| panic!("{d:?}"));
        let ledger = ledger_grid(&fw.records[0]);
        assert_eq!(
            ledger.to_csv(),
            "provider,contract_no,city,amount,role,accepted,on_time\n"
        );
        // Seven of the eight indicators are derived: only certified_staff is declared.
        let g = evidence_grid(&fw, Lang::En);
        let ids: Vec<&str> = g.rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(ids, ["certified_staff"]);
    }

    #[test]
    fn the_guide_names_the_files() {
        let text = framework_text(Category::Construction, Lang::Zh, "c.toml", "c.csv");
        assert!(text.contains("tierscore validate --strict c.toml"));
        assert!(text.contains("tierscore score -f c.toml -e c.csv"));
        assert!(text.contains("schema = 1"));
    }
}
