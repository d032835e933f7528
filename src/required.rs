//! Required evidence (SPEC §7): an indicator with `required = true` must have a
//! present, applicable and unexpired value for every provider; a provider
//! without one is `incomplete` (待补正) — its scores are still computed and
//! shown, it gets no grade, and `gap` lists what to supply.
//!
//! The tier decision ([`crate::tier::decide`]) asks [`lacking`] which required
//! indicators a provider lacks; the reports ask [`reasons`] why.

use crate::evidence::Evidence;
use crate::framework::{Framework, Lang};
use crate::rule::Cell;

/// Why a required indicator has no usable value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lack {
    /// Nothing was given.
    Missing,
    /// Marked `n/a`: a required item always applies.
    NotApplicable,
}

impl Lack {
    /// The name printed in JSON and CSV: `missing` or `not_applicable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lack::Missing => "missing",
            Lack::NotApplicable => "not_applicable",
        }
    }

    /// The reason in words, in `lang`.
    pub fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Lack::Missing, Lang::Zh) => "未提供",
            (Lack::Missing, Lang::En) => "missing",
            (Lack::NotApplicable, Lang::Zh) => "填报为不适用",
            (Lack::NotApplicable, Lang::En) => "marked not applicable",
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
            lack: lack_of(evidence.cell(p, k)),
        })
        .collect()
}

/// Why a cell that is not a value does not count.
fn lack_of(cell: &Cell) -> Lack {
    match cell {
        Cell::NotApplicable => Lack::NotApplicable,
        _ => Lack::Missing,
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
