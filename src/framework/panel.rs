//! Expert panels on indicators (专家评审): `panel = { … }` and `rubric = [[…], …]`.
//!
//! A panel indicator is scored by several experts; their scores are combined by
//! [`Aggregate`] into the indicator's value (see [`crate::panel`]). Both keys
//! are read here and checked against the indicator's score rule, so that the
//! shared reader files only hand the values over.

use toml::Spanned;
use toml::de::DeValue;

use super::toml_reader::{Num, Source, Str, TableReader, help, number_value, string_value};
use crate::rule::Rule;

/// How the experts' scores of one (provider, indicator) become its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// The arithmetic mean.
    Mean,
    /// The middle score; with an even count, the mean of the two middle ones.
    Median,
    /// The mean after dropping exactly one highest and one lowest score (去掉一个最高分和一个最低分).
    TrimmedMean,
}

impl Aggregate {
    /// The name used in framework files.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregate::Mean => "mean",
            Aggregate::Median => "median",
            Aggregate::TrimmedMean => "trimmed_mean",
        }
    }
}

/// A validated `panel = { min_experts, aggregate, spread_alert }`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    /// The fewest scores that give a value; fewer leave the value missing.
    pub min_experts: usize,
    /// How the scores are combined.
    pub aggregate: Aggregate,
    /// A warning is raised when max − min of one provider's scores exceeds this.
    pub spread_alert: Option<f64>,
}

/// One rubric line: scores at or above `threshold` (and below the previous line's) mean `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricLevel {
    /// The least score this description applies to.
    pub threshold: f64,
    /// What a score at this level looks like.
    pub text: String,
}

/// `panel` as written, every position kept.
#[derive(Debug)]
pub struct RawPanel {
    /// The table's span.
    pub span: std::ops::Range<usize>,
    /// `min_experts`.
    pub min_experts: Option<Num>,
    /// `aggregate`.
    pub aggregate: Option<Str>,
    /// `spread_alert`.
    pub spread_alert: Option<Num>,
}

/// The panel keys of one indicator, as read.
#[derive(Debug, Default)]
pub struct RawPanelKeys {
    /// `panel`.
    pub panel: Option<RawPanel>,
    /// `rubric`, line by line; `None` when absent or unreadable.
    pub rubric: Option<Spanned<Vec<(Num, Str)>>>,
}

/// Reads `panel` and `rubric` from an indicator table (type errors reported here).
pub fn read(src: &mut Source, t: &mut TableReader) -> RawPanelKeys {
    let panel = t.get("panel").and_then(|v| {
        let mut p = TableReader::from_value(src, v, "`panel`")?;
        let raw = RawPanel {
            span: p.span.clone(),
            min_experts: p.number(src, "min_experts", true),
            aggregate: p.string(src, "aggregate", true),
            spread_alert: p.number(src, "spread_alert", false),
        };
        p.finish(src);
        Some(raw)
    });
    let rubric = t.get("rubric").and_then(|v| read_rubric(src, v));
    RawPanelKeys { panel, rubric }
}

fn read_rubric(src: &mut Source, value: &Spanned<DeValue>) -> Option<Spanned<Vec<(Num, Str)>>> {
    let DeValue::Array(items) = value.get_ref() else {
        src.error(
            &value.span(),
            "`rubric` must be an array of [threshold, \"text\"] pairs",
        );
        return None;
    };
    if items.is_empty() {
        src.error(&value.span(), "`rubric` is empty");
        return None;
    }
    let mut lines = Vec::with_capacity(items.len());
    for item in items.iter() {
        match item.get_ref() {
            DeValue::Array(pair) if pair.len() == 2 => {
                let threshold = number_value(src, &pair[0], "a rubric threshold");
                let text = string_value(src, &pair[1], "a rubric text");
                lines.push((threshold?, text?));
            }
            _ => {
                src.error(
                    &item.span(),
                    "each rubric line must be a pair [threshold, \"text\"]",
                );
                return None;
            }
        }
    }
    Some(Spanned::new(value.span(), lines))
}

/// The range of values an expert may give on `rule`, when it has one: linear
/// scores run from min(floor, target) to max(floor, target); other rules are open.
pub fn scale(rule: &Rule) -> Option<(f64, f64)> {
    match rule {
        Rule::Linear { floor, target } => Some((floor.min(*target), floor.max(*target))),
        _ => None,
    }
}

/// Checks the panel keys against the indicator's rule (`None` when the rule
/// itself was invalid). Returns the panel and the rubric (empty when absent).
pub fn check(
    src: &mut Source,
    raw: RawPanelKeys,
    rule: Option<&Rule>,
) -> (Option<Panel>, Vec<RubricLevel>) {
    let numeric = rule.is_none_or(Rule::is_numeric);
    let panel = raw.panel.and_then(|p| check_panel(src, p, numeric));
    let rubric = match raw.rubric {
        Some(r) => check_rubric(src, r, rule, numeric),
        None => Vec::new(),
    };
    (panel, rubric)
}

fn check_panel(src: &mut Source, raw: RawPanel, numeric: bool) -> Option<Panel> {
    let mut ok = true;
    if !numeric {
        let d = src.error(
            &raw.span,
            "a panel needs a numeric score (linear, bands or relative)",
        );
        help(
            d,
            "experts give numbers; their aggregate is scored by the indicator's rule",
        );
        ok = false;
    }
    let aggregate = raw.aggregate.as_ref().and_then(|a| aggregate(src, a));
    let min_experts = raw.min_experts.as_ref().and_then(|m| min_experts(src, m));
    if let (Some(Aggregate::TrimmedMean), Some(n), Some(m)) =
        (aggregate, min_experts, raw.min_experts.as_ref())
        && n < 3
    {
        let d = src.error(
            &m.span(),
            format!("`trimmed_mean` needs `min_experts` ≥ 3, found {n}"),
        );
        help(
            d,
            "it drops one highest and one lowest score, so at least one must remain",
        );
        ok = false;
    }
    let spread_alert = raw.spread_alert.map(|s| {
        if *s.get_ref() <= 0.0 {
            let d = src.error(
                &s.span(),
                format!("`spread_alert` must be above 0, found {}", s.get_ref()),
            );
            help(
                d,
                "the largest acceptable difference between the highest and the lowest score",
            );
            ok = false;
        }
        *s.get_ref()
    });
    let panel = Panel {
        min_experts: min_experts?,
        aggregate: aggregate?,
        spread_alert,
    };
    ok.then_some(panel)
}

fn aggregate(src: &mut Source, a: &Str) -> Option<Aggregate> {
    match a.get_ref().as_str() {
        "mean" => Some(Aggregate::Mean),
        "median" => Some(Aggregate::Median),
        "trimmed_mean" => Some(Aggregate::TrimmedMean),
        other => {
            let d = src.error(&a.span(), format!("unknown panel aggregate `{other}`"));
            help(d, "use \"mean\", \"median\" or \"trimmed_mean\"");
            None
        }
    }
}

fn min_experts(src: &mut Source, m: &Num) -> Option<usize> {
    let n = *m.get_ref();
    if n < 1.0 || n.fract() != 0.0 {
        let d = src.error(
            &m.span(),
            format!("`min_experts` must be a whole number ≥ 1, found {n}"),
        );
        help(
            d,
            "the fewest experts whose scores give the indicator a value",
        );
        return None;
    }
    Some(n as usize)
}

fn check_rubric(
    src: &mut Source,
    raw: Spanned<Vec<(Num, Str)>>,
    rule: Option<&Rule>,
    numeric: bool,
) -> Vec<RubricLevel> {
    if !numeric {
        let d = src.error(
            &raw.span(),
            "a rubric needs a numeric score (linear, bands or relative)",
        );
        help(d, "rubric thresholds are scores an expert gives");
        return Vec::new();
    }
    let range = rule.and_then(scale);
    let mut out: Vec<RubricLevel> = Vec::with_capacity(raw.get_ref().len());
    for (threshold, text) in raw.into_inner() {
        let t = *threshold.get_ref();
        if let Some(prev) = out.last().map(|l| l.threshold)
            && t >= prev
        {
            let d = src.error(
                &threshold.span(),
                format!("rubric threshold {t} is not below the previous one ({prev})"),
            );
            help(
                d,
                "list the rubric from the best level down, thresholds strictly descending",
            );
        } else if let Some((lo, hi)) = range
            && !(lo..=hi).contains(&t)
        {
            let d = src.error(
                &threshold.span(),
                format!("rubric threshold {t} is outside the indicator's scale [{lo}, {hi}]"),
            );
            help(
                d,
                "an expert scores between the linear rule's floor and target",
            );
        }
        out.push(RubricLevel {
            threshold: t,
            text: text.into_inner(),
        });
    }
    out
}

#[cfg(test)]
mod tests;
