//! The report's parts about rounds and publication (SPEC §9): the notice at the
//! top (公示稿 banner with the objection deadline, the as-of date, "a grade is
//! a reference rating"), the change log (变更记录), and, with `--previous`, the
//! movement since the last round and a chart of tier counts per round.

use super::{escape, tier_class};
use crate::evidence::Evidence;
use crate::framework::{Framework, Lang};
use crate::report::amended::cell_text;
use crate::report::lang_text;
use crate::report::tier_label;
use crate::results::RoundResults;
use crate::score::{ProviderScore, Scores};
use crate::tier::Assigned;
use crate::trend::{Entry, Movement, TierOrder, last_step};

use super::charts::{BAR_AREA, LABEL_UNITS, LABEL_WIDTH, clip};

/// The page's part `name` (a placeholder of the template): `notice`,
/// `toc_rounds`, `rounds` or `changes`.
pub fn part(name: &str, page: &super::Page) -> String {
    let (fw, lang) = (page.fw, page.lang);
    let evidence = page.panels.map(|p| p.0);
    match (name, page.previous, evidence) {
        ("notice", ..) => notice(fw, page.draft, lang),
        ("toc_rounds", previous, evidence) => toc(previous.is_some(), evidence, lang),
        ("rounds", Some(previous), _) => section(fw, page.scores, previous, lang),
        ("changes", _, Some(evidence)) => change_log(fw, evidence, lang),
        _ => String::new(),
    }
}

/// `--draft` and `--objection-until` go together: the deadline of a draft,
/// `None` for the final report, or the usage error to print.
pub fn draft_deadline(draft: bool, until: Option<&str>) -> Result<Option<&str>, String> {
    match (draft, until) {
        (true, Some(d)) => Ok(Some(d)),
        (false, None) => Ok(None),
        (true, None) => Err("--draft needs the last day of the objection period: add --objection-until YYYY-MM-DD (e.g. --objection-until 2026-07-31)".into()),
        (false, Some(_)) => Err("--objection-until is for a draft for public notice (公示稿): add --draft, or leave it out for the final report".into()),
    }
}

/// The notice under the header: for a draft (`--draft --objection-until
/// DATE`), the 公示稿 banner with the deadline and how to object; always, the
/// as-of date and that a grade is a reference rating, not market access.
pub fn notice(fw: &Framework, objection_until: Option<&str>, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(until) = objection_until {
        let until = escape(until);
        let (title, body) = match lang {
            Lang::Zh => (
                "公示稿".to_string(),
                format!(
                    "本报告为公示稿，不是最终评价结果。公示期至 <strong class=\"deadline\">{until}</strong>（含当日）。\
                     对评价结果有异议的，请在公示期内以书面形式向评价组织单位提出，写明主体、指标、异议理由，并附证明材料；\
                     逾期提出的不予受理。经复核更正的数值，在正式报告的变更记录中逐项列明。"
                ),
            ),
            Lang::En => (
                "Draft for public notice (公示稿)".to_string(),
                format!(
                    "This report is a draft for public notice, not the final result. Objections may be made until \
                     <strong class=\"deadline\">{until}</strong> (inclusive): in writing, to the assessing body, naming the provider, \
                     the indicator and the reason, with supporting documents; late objections are not accepted. \
                     Values corrected after review are listed one by one in the final report's change log."
                ),
            ),
        };
        out.push_str(&format!(
            "<section id=\"notice\" class=\"notice draft\" role=\"note\">\n  <h2>{title}</h2>\n  <p>{body}</p>\n</section>\n"
        ));
    }
    let as_of = match (fw.as_of, lang) {
        (Some(d), Lang::Zh) => format!("评价基准日：{d}。"),
        (Some(d), Lang::En) => format!("As of {d}. "),
        (None, Lang::Zh) => "未指定评价基准日。".to_string(),
        (None, Lang::En) => "No as-of date was given. ".to_string(),
    };
    let reference = lang_text(
        lang,
        "评价等级为参考性评价结果，不是市场准入条件或资格要求，不得作为政府采购的资格条件或对中小企业的差别待遇（财库〔2020〕46号）。",
        "A grade is a reference rating, not a market-access requirement or qualification: it must not be made a condition of \
         participation in government procurement nor be used to treat small firms differently (财库〔2020〕46号).",
    );
    out.push_str(&format!(
        "<p class=\"notice reference\" id=\"reference\">{as_of}{reference}</p>\n"
    ));
    out
}

/// The contents' links to the section on rounds and to the change log, when the page has them.
pub fn toc(previous: bool, evidence: Option<&Evidence>, lang: Lang) -> String {
    let mut out = String::new();
    if previous {
        out.push_str(&format!(
            "<a href=\"#rounds\">{}</a>",
            lang_text(lang, "与上轮比较", "Compared with the last round")
        ));
    }
    if evidence.is_some_and(|e| !e.amendments.is_empty()) {
        out.push_str(&format!(
            "<a href=\"#changes\">{}</a>",
            lang_text(lang, "变更记录", "Change log (变更记录)")
        ));
    }
    out
}

/// The change log (变更记录): one row per amendment, in amendment-file order;
/// empty when no amendment was given.
pub fn change_log(fw: &Framework, evidence: &Evidence, lang: Lang) -> String {
    let changes = crate::amend::changes(evidence);
    if changes.is_empty() {
        return String::new();
    }
    let head = match lang {
        Lang::Zh => ["主体", "指标", "原值", "更正值", "理由"],
        Lang::En => ["Provider", "Indicator", "Old", "New", "Reason"],
    };
    let mut out = format!(
        "<section id=\"changes\">\n  <h2>{}</h2>\n  <p class=\"hint\">{}</p>\n<div class=\"table-wrap\"><table class=\"changes\">\n<thead><tr>",
        lang_text(lang, "变更记录", "Change log (变更记录)"),
        lang_text(
            lang,
            "公示后经异议复核更正的数值；评分与等级均按更正值计算。",
            "Values corrected after review of objections; scores and grades use the corrected values."
        )
    );
    for h in head {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for c in changes {
        let ind = &fw.indicators[c.indicator];
        let who = match c.name {
            Some(n) if !n.is_empty() => format!("{} {}", c.provider, n),
            _ => c.provider.to_string(),
        };
        let a = c.amendment;
        out.push_str(&format!(
            "<tr><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&who),
            escape(&ind.id),
            escape(ind.doc.display(lang)),
            escape(&cell_text(&a.old)),
            escape(&cell_text(&a.new)),
            escape(&a.reason)
        ));
    }
    out.push_str("</tbody></table></div>\n</section>\n");
    out
}

/// A provider's movement since the previous round: the same rule as `trend`.
pub fn movement(fw: &Framework, previous: &RoundResults, p: &ProviderScore) -> Movement {
    let before = previous.get(&p.provider).map(|r| Entry {
        total: r.total,
        tier: r.tier.clone(),
    });
    let now = Entry {
        total: p.total,
        tier: p.tier.assigned.id(fw).to_string(),
    };
    last_step(&[before, Some(now)], &TierOrder::from_framework(fw)).1
}

/// The ranking's movement header cell.
pub fn movement_header(lang: Lang) -> String {
    format!(
        "<th class=\"movement\"><button type=\"button\">{}</button></th>",
        lang_text(lang, "较上轮", "Since last round")
    )
}

/// The ranking's movement cell of provider `p` (sorts up, same, down, new).
pub fn movement_cell(
    fw: &Framework,
    previous: &RoundResults,
    p: &ProviderScore,
    lang: Lang,
) -> String {
    let m = movement(fw, previous, p);
    let (sort, word) = match (m, lang) {
        (Movement::Up, Lang::Zh) => (0, "↑ 上升"),
        (Movement::Up, Lang::En) => (0, "↑ up"),
        (Movement::Same, Lang::Zh) => (1, "= 持平"),
        (Movement::Same, Lang::En) => (1, "= same"),
        (Movement::Down, Lang::Zh) => (2, "↓ 下降"),
        (Movement::Down, Lang::En) => (2, "↓ down"),
        (_, Lang::Zh) => (3, "新进入"),
        (_, Lang::En) => (3, "new"),
    };
    let was = previous
        .get(&p.provider)
        .and_then(|r| Assigned::parse(fw, &r.tier))
        .map(|a| tier_label(fw, a, lang));
    let title = was.map_or_else(String::new, |w| {
        format!(
            " title=\"{}{}\"",
            lang_text(lang, "上轮：", "last round: "),
            escape(&w)
        )
    });
    format!(
        "<td class=\"movement move-{}\" data-sort=\"{sort}\"{title}>{word}</td>",
        m.as_str()
    )
}

/// The section on rounds: tier counts per round (previous vs current) as a
/// grouped bar chart, and the providers of the previous round not in this one.
pub fn section(fw: &Framework, scores: &Scores, previous: &RoundResults, lang: Lang) -> String {
    let kinds = Assigned::all(fw);
    let mut before = vec![0usize; kinds.len()];
    for row in previous.providers.values() {
        if let Some(a) = Assigned::parse(fw, &row.tier) {
            before[a.order(fw)] += 1;
        }
    }
    let mut now = vec![0usize; kinds.len()];
    for p in &scores.providers {
        now[p.tier.assigned.order(fw)] += 1;
    }
    let mut out = format!(
        "<section id=\"rounds\">\n  <h2>{}</h2>\n{}",
        lang_text(lang, "与上轮比较", "Compared with the last round"),
        chart(fw, &kinds, [&before, &now], lang)
    );
    let left: Vec<&str> = previous
        .providers
        .keys()
        .filter(|id| !scores.providers.iter().any(|p| &p.provider == *id))
        .map(String::as_str)
        .collect();
    if !left.is_empty() {
        out.push_str(&format!(
            "  <p class=\"note\">{}{}</p>\n",
            lang_text(
                lang,
                "上轮参评、本轮未参评：",
                "In the last round, not in this one: "
            ),
            escape(&left.join(lang_text(lang, "、", ", ")))
        ));
    }
    out.push_str("</section>\n");
    out
}

/// Two bars per outcome: the previous round (hatched, lighter) and this one.
fn chart(fw: &Framework, kinds: &[Assigned], counts: [&[usize]; 2], lang: Lang) -> String {
    const PAIR: f64 = 44.0;
    let max = counts
        .iter()
        .flat_map(|c| c.iter())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = PAIR * kinds.len() as f64 + 40.0;
    let width = LABEL_WIDTH + BAR_AREA + 50.0;
    let rounds = [
        lang_text(lang, "上轮", "last round"),
        lang_text(lang, "本轮", "this round"),
    ];
    let mut svg = format!(
        "<svg class=\"rounds-chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">\n",
        lang_text(
            lang,
            "各等级主体数：上轮与本轮",
            "Providers per tier: last round and this round"
        )
    );
    for (i, (kind, label)) in kinds.iter().zip(tier_labels(fw, kinds, lang)).enumerate() {
        let y = 5.0 + PAIR * i as f64;
        svg.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            LABEL_WIDTH - 8.0,
            y + 22.0,
            escape(&clip(&label, LABEL_UNITS))
        ));
        for (r, c) in counts.iter().enumerate() {
            let n = c[i];
            let bar = (BAR_AREA * n as f64 / max).round();
            let top = y + 1.0 + 18.0 * r as f64;
            svg.push_str(&format!(
                "<rect class=\"bar round-{r} fill-{}\" x=\"{LABEL_WIDTH}\" y=\"{top}\" width=\"{bar}\" height=\"16\"><title>{}, {}: {n}</title></rect>\n",
                tier_class(*kind),
                escape(&label),
                rounds[r]
            ));
            svg.push_str(&format!(
                "<text class=\"count\" x=\"{}\" y=\"{}\">{n}</text>\n",
                LABEL_WIDTH + bar + 6.0,
                top + 13.0
            ));
        }
    }
    let y = height - 20.0;
    for (r, name) in rounds.iter().enumerate() {
        let x = LABEL_WIDTH + 160.0 * r as f64;
        svg.push_str(&format!(
            "<rect class=\"legend round-{r} fill-t1\" x=\"{x}\" y=\"{y}\" width=\"14\" height=\"14\"/><text class=\"label\" x=\"{}\" y=\"{}\">{name}</text>\n",
            x + 20.0,
            y + 12.0
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

fn tier_labels(fw: &Framework, kinds: &[Assigned], lang: Lang) -> Vec<String> {
    kinds.iter().map(|k| tier_label(fw, *k, lang)).collect()
}
