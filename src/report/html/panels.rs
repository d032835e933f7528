//! The report's expert-panel section: per panel indicator, each provider's
//! panel size and aggregate; experts' names only with `--show-experts`.

use super::escape;
use crate::evidence::Evidence;
use crate::framework::{Framework, Lang};
use crate::number::fmt2;
use crate::report::lang_text;
use crate::rule::{Cell, Value};

/// The section, or nothing when the framework has no panel indicator.
pub fn section(fw: &Framework, evidence: &Evidence, show_experts: bool, lang: Lang) -> String {
    let panels: Vec<usize> = (0..fw.indicators.len())
        .filter(|&k| fw.indicators[k].panel.is_some())
        .collect();
    if panels.is_empty() {
        return String::new();
    }
    let t = |zh, en| lang_text(lang, zh, en);
    let mut out = format!(
        "<section id=\"panels\">\n  <h2>{}</h2>\n",
        t("专家评审", "Expert panels")
    );
    for k in panels {
        let ind = &fw.indicators[k];
        let how = ind.panel.map_or("", |p| p.aggregate.as_str());
        out.push_str(&format!(
            "  <h3>{} <small>({how})</small></h3>\n  <table class=\"sortable\">\n    <thead><tr><th>{}</th><th>{}</th><th>{}</th>{}</tr></thead>\n    <tbody>\n",
            escape(ind.doc.display(lang)),
            t("主体", "provider"),
            t("专家人数", "panel size"),
            t("评审结果", "aggregate"),
            if show_experts { format!("<th>{}</th>", t("专家评分", "experts' scores")) } else { String::new() },
        ));
        for (p, provider) in evidence.providers.iter().enumerate() {
            let scores = evidence.panels.scores(p, k);
            let marks = evidence.panels.marks(p, k);
            if scores.is_empty() && marks.is_empty() {
                continue;
            }
            let value = match evidence.cell(p, k) {
                Cell::Value(Value::Number(v)) => fmt2(v),
                Cell::NotApplicable => t("不适用", "n/a").to_string(),
                _ => t("（专家不足）", "(too few experts)").to_string(),
            };
            let experts = if show_experts {
                let list: Vec<String> = scores
                    .iter()
                    .map(|s| format!("{} {}", s.expert, crate::number::trim(s.score)))
                    .chain(marks.iter().map(|m| format!("{} n/a", m.expert)))
                    .collect();
                format!("<td>{}</td>", escape(&list.join(", ")))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "      <tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{experts}</tr>\n",
                escape(&provider.id),
                scores.len() + marks.len(),
                escape(&value),
            ));
        }
        out.push_str("    </tbody>\n  </table>\n");
    }
    out.push_str("</section>\n");
    out
}
