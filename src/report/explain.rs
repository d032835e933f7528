//! Renders `explain`: one provider's numbers as text or JSON.

use serde_json::{Map, Value as Json, json};

use super::grid::Grid;
use super::json_text;
use super::scores::{number_json, tier_label, value_json};
use crate::explain::{Explanation, condition_text, rule_text};
use crate::framework::{Framework, Lang};
use crate::number::{fmt2, fmt4};
use crate::rule::{Range, Rule, Value};
use crate::score::ProviderScore;
use crate::tier::{Assigned, Check, CheckKind, Status};

/// What `explain` renders: a provider, its explanation and the run's relative ranges.
pub struct Explained<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The provider's scores.
    pub provider: &'a ProviderScore,
    /// Its explanation.
    pub explanation: &'a Explanation,
    /// Min and max of each `relative` indicator over the run.
    pub ranges: &'a [Option<Range>],
    /// The run's evidence (why a required item lacks, when it expired).
    pub evidence: &'a crate::evidence::Evidence,
}

/// A value for people: numbers shortest, booleans and labels as they are.
fn value_text(v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::Number(n)) => crate::number::trim(*n),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Label(l)) => l.to_string(),
    }
}

fn status_text(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Held, Lang::Zh) => "满足",
        (Status::Failed, Lang::Zh) => "不满足",
        (Status::Skipped, Lang::Zh) => "跳过",
        (Status::Held, Lang::En) => "held",
        (Status::Failed, Lang::En) => "failed",
        (Status::Skipped, Lang::En) => "skipped",
    }
}

fn status_id(s: Status) -> &'static str {
    status_text(s, Lang::En)
}

/// A tier condition in a readable form, with the item it is about.
fn check_text(fw: &Framework, t: usize, c: &Check) -> (&'static str, String, String) {
    let tier = &fw.tiers[t];
    match c.kind {
        CheckKind::Total => (
            "total",
            "total".to_string(),
            format!("total ≥ {}", crate::number::trim(tier.min_total)),
        ),
        CheckKind::EachDimension(d) => (
            "each_dimension",
            fw.dimensions[d].id.clone(),
            format!(
                "{} ≥ {} (min_each_dimension)",
                fw.dimensions[d].id,
                crate::number::trim(tier.min_each_dimension.unwrap_or(0.0))
            ),
        ),
        CheckKind::Require(r) => {
            let cond = &tier.require[r];
            let kind = match cond.subject {
                crate::framework::Subject::Indicator(_) => "indicator",
                crate::framework::Subject::Dimension(_) => "dimension",
            };
            (
                kind,
                fw.subject_id(&cond.subject).to_string(),
                condition_text(fw, cond),
            )
        }
    }
}

/// The JSON document: every number unrounded.
pub fn to_json(s: &Explained) -> Json {
    let (fw, p, x) = (s.fw, s.provider, s.explanation);
    let dimensions: Vec<Json> = fw
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let indicators: Vec<Json> = dim
                .indicators
                .clone()
                .map(|k| indicator_json(s, k))
                .collect();
            json!({
                "id": dim.id,
                "name": dim.doc.name,
                "weight": number_json(dim.weight),
                "share": x.dimensions[d].share,
                "score": p.dimensions[d],
                "points": x.dimensions[d].points,
                "indicators": indicators,
            })
        })
        .collect();
    let tiers: Vec<Json> = x
        .tiers
        .iter()
        .enumerate()
        .map(|(t, part)| {
            let conditions: Vec<Json> = part
                .checks
                .iter()
                .map(|c| {
                    let (kind, item, text) = check_text(fw, t, c);
                    json!({"kind": kind, "item": item, "condition": text,
                           "current": c.current.as_ref().map_or(Json::Null, value_json),
                           "status": status_id(c.status)})
                })
                .collect();
            json!({"id": fw.tiers[t].id, "name": fw.tiers[t].doc.name,
                   "min_total": number_json(fw.tiers[t].min_total),
                   "reached": part.reached, "conditions": conditions})
        })
        .collect();
    let vetoes: Vec<Json> = fw
        .vetoes
        .iter()
        .zip(&x.vetoes)
        .map(|(v, part)| {
            json!({"indicator": v.indicator_id(fw), "condition": condition_text(fw, &v.condition),
                   "reason": v.reason, "current": part.current.as_ref().map_or(Json::Null, value_json),
                   "status": part.status.as_str()})
        })
        .collect();
    let mut v = json!({
        "framework": super::framework_json(fw),
        "provider": p.provider,
        "attributes": p.attributes,
        "rank": p.rank,
        "total": p.total,
        "tier": p.tier.assigned.id(fw),
        "missing": p.missing,
        "vetoed_by": p.vetoed_by(fw),
        "incomplete_by": p.incomplete_by(fw),
        "dimensions": dimensions,
        "tiers": tiers,
        "vetoes": vetoes,
        "panels": super::panel::explain_json(fw, &x.panels),
    });
    if let Some(object) = v.as_object_mut() {
        super::progression::add_json(fw, p, object);
    }
    v
}

fn indicator_json(s: &Explained, k: usize) -> Json {
    let ind = &s.fw.indicators[k];
    let is = &s.explanation.details[k];
    let part = &s.explanation.indicators[k];
    let mut m = Map::new();
    m.insert("id".into(), json!(ind.id));
    m.insert("name".into(), json!(ind.doc.name));
    m.insert("unit".into(), json!(ind.unit));
    m.insert("value".into(), is.value().map_or(Json::Null, value_json));
    m.insert("source".into(), json!(is.source));
    m.insert("missing".into(), json!(is.missing));
    m.insert("not_applicable".into(), json!(is.not_applicable()));
    if let Some(lapse) = is.expired {
        m.insert("expired".into(), crate::required::lapse_json(lapse));
    }
    if let Some(a) = &is.amended {
        m.insert("amended".into(), super::scores::amendment_json(a));
    }
    m.insert("rule".into(), rule_json(&ind.rule, s.ranges[k]));
    m.insert("score".into(), json!(is.score));
    m.insert("weight".into(), number_json(ind.weight));
    m.insert(
        "weight_in_dimension".into(),
        json!(part.weight_in_dimension),
    );
    m.insert("weight_overall".into(), json!(part.weight_overall));
    m.insert("points".into(), json!(part.points));
    Json::Object(m)
}

fn rule_json(rule: &Rule, range: Option<Range>) -> Json {
    let mut m = Map::new();
    m.insert("kind".into(), json!(rule.kind()));
    match rule {
        Rule::Linear { floor, target } => {
            m.insert("floor".into(), number_json(*floor));
            m.insert("target".into(), number_json(*target));
        }
        Rule::Bands { bands, direction } => {
            m.insert("direction".into(), json!(direction_id(*direction)));
            let pairs: Vec<Json> = bands
                .iter()
                .map(|(t, s)| json!([number_json(*t), number_json(*s)]))
                .collect();
            m.insert("bands".into(), json!(pairs));
        }
        Rule::Boolean => {}
        Rule::Levels { levels } => {
            m.insert("levels".into(), json!(levels));
        }
        Rule::Relative { direction } => {
            m.insert("direction".into(), json!(direction_id(*direction)));
            m.insert("min".into(), json!(range.map(|r| r.min)));
            m.insert("max".into(), json!(range.map(|r| r.max)));
        }
    }
    m.insert("text".into(), json!(rule_text(rule, range)));
    Json::Object(m)
}

fn direction_id(d: crate::rule::Direction) -> &'static str {
    match d {
        crate::rule::Direction::Higher => "higher",
        crate::rule::Direction::Lower => "lower",
    }
}

/// The text rendering, for people.
pub fn to_text(s: &Explained, lang: Lang) -> String {
    let (fw, p, x) = (s.fw, s.provider, s.explanation);
    let en = lang == Lang::En;
    let name = p
        .attributes
        .get("name")
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let mut out = format!("{}{name}\n", p.provider);
    out.push_str(&format!(
        "{}: {} {} ({})\n",
        if en { "framework" } else { "指标体系" },
        fw.id,
        fw.version,
        fw.doc.display(lang)
    ));
    let tier = super::progression::tier_cell(fw, p, lang);
    out.push_str(&if en {
        format!(
            "total: {}   tier: {tier}   rank: {}   missing values: {}\n",
            fmt2(p.total),
            p.rank,
            p.missing
        )
    } else {
        format!(
            "总分: {}   等级: {tier}   排名: {}   缺失值: {}\n",
            fmt2(p.total),
            p.rank,
            p.missing
        )
    });
    for (d, dim) in fw.dimensions.iter().enumerate() {
        out.push_str(&format!(
            "\n[{} {}] {}: {} × {}: {} = {}\n",
            dim.id,
            dim.doc.display(lang),
            if en { "score" } else { "得分" },
            p.dimensions[d].map(fmt2).unwrap_or_else(|| "—".to_string()),
            if en { "share" } else { "占比" },
            fmt4(x.dimensions[d].share),
            fmt2(x.dimensions[d].points),
        ));
        out.push_str(&indicator_grid(s, d, lang).to_table());
    }
    out.push_str(&super::panel::explain_text(fw, &x.panels, lang));
    out.push_str(&super::amended::explain_text(fw, s.evidence, p.index, lang));
    let parts: Vec<String> = x.dimensions.iter().map(|d| fmt2(d.points)).collect();
    out.push_str(&format!(
        "\n{} = {} = {}\n",
        if en { "total" } else { "总分" },
        parts.join(" + "),
        fmt2(p.total)
    ));
    out.push_str(&tier_lines(s, lang));
    out.push_str(&veto_lines(s, lang));
    if !p.tier.incomplete_by.is_empty() {
        let lacking = crate::required::reasons(s.evidence, p.index, &p.tier.incomplete_by);
        out.push('\n');
        out.push_str(&super::required::note(fw, &lacking, lang, false));
    }
    out
}

fn indicator_grid(s: &Explained, d: usize, lang: Lang) -> Grid {
    let titles = match lang {
        Lang::Zh => [
            "指标",
            "取值",
            "来源",
            "计分规则",
            "得分 s",
            "维度内权重",
            "总权重",
            "贡献分",
        ],
        Lang::En => [
            "indicator",
            "value",
            "source",
            "rule",
            "s",
            "weight in dimension",
            "weight overall",
            "points",
        ],
    };
    let mut g = Grid::default();
    for (i, t) in titles.iter().enumerate() {
        g.column(*t, i == 1 || i >= 4);
    }
    for k in s.fw.dimensions[d].indicators.clone() {
        let ind = &s.fw.indicators[k];
        let is = &s.explanation.details[k];
        let part = &s.explanation.indicators[k];
        let value = match (is.missing, is.not_applicable()) {
            (true, _) if is.expired.is_some() => crate::required::lapse_words(is.expired, lang),
            (true, _) => if lang == Lang::En {
                "(missing)"
            } else {
                "（缺失）"
            }
            .to_string(),
            (_, true) => "n/a".to_string(),
            _ => {
                let v = value_text(is.value());
                match &ind.unit {
                    Some(u) if matches!(is.value(), Some(Value::Number(_))) => format!("{v} {u}"),
                    _ => v,
                }
            }
        };
        let mark = is.amended.as_ref().map(|_| super::amended::mark(lang));
        let value = value + mark.unwrap_or_default();
        g.rows.push(vec![
            format!("{} {}", ind.id, ind.doc.display(lang)),
            value,
            is.source.clone().unwrap_or_default(),
            rule_text(&ind.rule, s.ranges[k]),
            is.score.map(fmt4).unwrap_or_default(),
            fmt4(part.weight_in_dimension),
            fmt4(part.weight_overall),
            fmt2(part.points),
        ]);
    }
    g
}

fn tier_lines(s: &Explained, lang: Lang) -> String {
    let fw = s.fw;
    let en = lang == Lang::En;
    let mut out = format!(
        "\n{}\n",
        if en {
            "tiers (best first):"
        } else {
            "等级条件（从高到低）："
        }
    );
    for (t, part) in s.explanation.tiers.iter().enumerate() {
        let reached = match (part.reached, en) {
            (true, true) => "all conditions hold",
            (false, true) => "not reached",
            (true, false) => "条件全部满足",
            (false, false) => "未达到",
        };
        let label = tier_label(fw, Assigned::Tier(t), lang);
        out.push_str(&format!("  {} {label}: {reached}\n", fw.tiers[t].id));
        for c in &part.checks {
            let (_, _, text) = check_text(fw, t, c);
            let current = match &c.current {
                Some(Value::Number(n)) => fmt2(*n),
                Some(other) => value_text(Some(other)),
                None => "—".to_string(),
            };
            out.push_str(&format!(
                "    [{}] {text}: {current}\n",
                status_text(c.status, lang)
            ));
        }
    }
    out
}

fn veto_lines(s: &Explained, lang: Lang) -> String {
    let fw = s.fw;
    if fw.vetoes.is_empty() {
        return String::new();
    }
    let en = lang == Lang::En;
    let mut out = format!("\n{}\n", if en { "vetoes:" } else { "一票否决：" });
    for (v, part) in fw.vetoes.iter().zip(&s.explanation.vetoes) {
        let status = if en {
            part.status.as_str()
        } else {
            match part.status {
                crate::explain::VetoStatus::Triggered => "触发",
                crate::explain::VetoStatus::Clear => "未触发",
                crate::explain::VetoStatus::Missing => "缺失",
                crate::explain::VetoStatus::Skipped => "跳过",
            }
        };
        let reason = v
            .display_reason(lang)
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  [{status}] {}: {}{reason}\n",
            condition_text(fw, &v.condition),
            part.current
                .as_ref()
                .map_or_else(|| "—".to_string(), |c| value_text(Some(c)))
        ));
    }
    out
}

/// Pretty JSON with a trailing newline.
pub fn json(s: &Explained) -> String {
    json_text(&to_json(s))
}
