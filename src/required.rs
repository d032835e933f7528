//! Required evidence (SPEC §7): an indicator with `required = true` must have a
//! present, applicable and unexpired value for every provider; a provider
//! without one is `incomplete` (待补正) — its scores are still computed and
//! shown, it gets no grade, and `gap` lists what to supply.
//!
//! The tier decision ([`crate::tier::decide`]) asks [`lacking`] which required
//! indicators a provider lacks; the reports ask [`reasons`] why.

use crate::date::Date;
use crate::evidence::Evidence;
use crate::evidence::validity::Lapse;
use crate::framework::{Framework, Lang};
use crate::rule::Cell;

/// Why a required indicator has no usable value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lack {
    /// Nothing was given.
    Missing,
    /// Marked `n/a`: a required item always applies.
    NotApplicable,
    /// Given, but its validity ended on this day, before the as-of date.
    Expired(Date),
    /// Given, but valid only from this day, after the as-of date.
    NotYetValid(Date),
}

impl Lack {
    /// The name printed in JSON and CSV: `missing`, `not_applicable` or `expired`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lack::Missing => "missing",
            Lack::NotApplicable => "not_applicable",
            Lack::Expired(_) | Lack::NotYetValid(_) => "expired",
        }
    }

    /// The date that makes it expired (`valid_until` or `valid_from`), if any.
    pub fn date(self) -> Option<Date> {
        match self {
            Lack::Expired(d) | Lack::NotYetValid(d) => Some(d),
            _ => None,
        }
    }

    /// The reason in words, in `lang`.
    pub fn words(self, lang: Lang) -> String {
        match (self, lang) {
            (Lack::Missing, Lang::Zh) => "未提供".into(),
            (Lack::Missing, Lang::En) => "missing".into(),
            (Lack::NotApplicable, Lang::Zh) => "填报为不适用".into(),
            (Lack::NotApplicable, Lang::En) => "marked not applicable".into(),
            (Lack::Expired(d), Lang::Zh) => format!("已于 {d} 过期"),
            (Lack::Expired(d), Lang::En) => format!("expired on {d}"),
            (Lack::NotYetValid(d), Lang::Zh) => format!("{d} 起才有效"),
            (Lack::NotYetValid(d), Lang::En) => format!("valid only from {d}"),
        }
    }
}

/// One required indicator a provider lacks, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lacking {
    /// Index into [`Framework::indicators`].
    pub indicator: usize,
    /// Why it does not count.
    pub lack: Lack,
}

/// True when the framework marks some indicator `required`.
pub fn any(fw: &Framework) -> bool {
    fw.indicators.iter().any(|i| i.required)
}

/// The required indicators (indices, framework order) whose cell is missing or
/// `n/a`. An expired value is already [`Cell::Missing`] in the evidence.
pub fn lacking(fw: &Framework, cells: &[Cell]) -> Vec<usize> {
    fw.indicators
        .iter()
        .zip(cells)
        .enumerate()
        .filter(|(_, (ind, cell))| ind.required && !matches!(cell, Cell::Value(_)))
        .map(|(k, _)| k)
        .collect()
}

/// Why each of `incomplete_by` (from [`lacking`]) lacks a value for provider
/// `p` (index into [`Evidence::providers`]).
pub fn reasons(evidence: &Evidence, p: usize, incomplete_by: &[usize]) -> Vec<Lacking> {
    incomplete_by
        .iter()
        .map(|&k| Lacking {
            indicator: k,
            lack: lack_of(evidence, p, k),
        })
        .collect()
}

/// Why provider `p`'s cell for indicator `k`, not a value, does not count.
fn lack_of(evidence: &Evidence, p: usize, k: usize) -> Lack {
    match (evidence.expired(p, k), evidence.cell(p, k)) {
        (Some(Lapse::Ended(d)), _) => Lack::Expired(d),
        (Some(Lapse::NotYet(d)), _) => Lack::NotYetValid(d),
        (None, Cell::NotApplicable) => Lack::NotApplicable,
        (None, _) => Lack::Missing,
    }
}

/// An expired value in an explanation's value cell: "(expired on …)".
pub fn lapse_words(lapse: Option<Lapse>, lang: Lang) -> String {
    let lack = match lapse {
        Some(Lapse::Ended(d)) => Lack::Expired(d),
        Some(Lapse::NotYet(d)) => Lack::NotYetValid(d),
        None => Lack::Missing,
    };
    match lang {
        Lang::Zh => format!("（{}）", lack.words(lang)),
        Lang::En => format!("({})", lack.words(lang)),
    }
}

/// An expired value in JSON: `{"valid_until": "…"}` or `{"valid_from": "…"}`.
pub fn lapse_json(lapse: Lapse) -> serde_json::Value {
    match lapse {
        Lapse::Ended(d) => serde_json::json!({"valid_until": d.to_string()}),
        Lapse::NotYet(d) => serde_json::json!({"valid_from": d.to_string()}),
    }
}

/// What a provider should supply for indicator `k`: the framework's
/// `evidence` document when it names one, else the indicator's name.
pub fn to_supply(fw: &Framework, k: usize, lang: Lang) -> String {
    let ind = &fw.indicators[k];
    match &ind.evidence {
        Some(doc) => doc.clone(),
        None => ind.doc.display(lang).to_string(),
    }
}

/// The tier's display wording: 待补正 / "incomplete — evidence to supply".
pub fn tier_words(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "待补正",
        Lang::En => "incomplete — evidence to supply",
    }
}

#[cfg(test)]
mod tests;
