//! The indicator framework: dimensions, indicators, weights, tiers and vetoes.
//!
//! A framework file is read in three steps: [`toml_reader`] walks the spanned
//! TOML tree, [`raw`] turns it into a raw model that keeps every position, and
//! [`validate`] checks the whole raw model (collecting every problem) and
//! builds the [`Framework`] that the rest of the crate works on.

pub mod ahp;
mod check_conditions;
mod check_required;
mod check_weights;
mod checker;
#[cfg(test)]
pub(crate) mod fixture;
mod lints;
pub mod panel;
pub mod progression;
pub mod raw;
mod raw_condition;
pub mod records;
pub mod records_check;
pub mod records_read;
pub mod rule_reader;
pub mod toml_reader;
pub mod toml_syntax;
pub mod validate;

use indexmap::IndexMap;

use crate::diag::Diagnostic;
use crate::rule::{Rule, Value};

pub use validate::load_str;

/// The largest framework text accepted (10 MiB): real frameworks are a few dozen
/// kilobytes, and a wrong file must not exhaust memory or time.
pub const MAX_FRAMEWORK_BYTES: usize = 10 << 20;

/// The most dimensions, indicators, tiers, vetoes or tier conditions a framework
/// may have, and the most bands or levels one score may list (1,000 each).
pub const MAX_ITEMS: usize = 1_000;

/// What to do with a missing evidence value (`framework.missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingPolicy {
    /// Score it 0 and count it.
    Zero,
    /// Leave it out and renormalise the weights of what is present.
    Exclude,
    /// Refuse the evidence.
    Error,
}

impl MissingPolicy {
    /// The name used in framework files.
    pub fn as_str(self) -> &'static str {
        match self {
            MissingPolicy::Zero => "zero",
            MissingPolicy::Exclude => "exclude",
            MissingPolicy::Error => "error",
        }
    }
}

/// Output language for names shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// `name` (the framework's own language, usually Chinese).
    #[default]
    Zh,
    /// `name_en`, falling back to `name`.
    En,
}

/// The documentation keys shared by frameworks, dimensions, indicators and tiers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// Display name.
    pub name: String,
    /// English display name.
    pub name_en: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Where a threshold or weight comes from.
    pub basis: Option<String>,
}

impl Doc {
    /// The name to show in `lang`.
    pub fn display(&self, lang: Lang) -> &str {
        match (lang, &self.name_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.name,
        }
    }
}

/// A validated framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    /// `framework.id`.
    pub id: String,
    /// `framework.version`.
    pub version: String,
    /// Names and documentation.
    pub doc: Doc,
    /// `framework.missing`.
    pub missing: MissingPolicy,
    /// Dimensions in file order.
    pub dimensions: Vec<Dimension>,
    /// All indicators in file order; each dimension owns a contiguous range.
    pub indicators: Vec<Indicator>,
    /// Tiers, best first.
    pub tiers: Vec<Tier>,
    /// 一票否决 rules.
    pub vetoes: Vec<Veto>,
    /// The AHP result for the dimension weights, when `[ahp]` gives them.
    pub ahp: Option<AhpSummary>,
    /// `[progression]`: the first-time and step-up caps (SPEC §9).
    pub progression: Option<progression::Progression>,
    /// Record tables (`[[records]]`) the evidence may carry, in file order.
    pub records: Vec<records::RecordTable>,
    /// The run's reference date (`--as-of`), set by the loader (not part of
    /// the file) so that every output can state it.
    pub as_of: Option<crate::date::Date>,
    index: IndexMap<String, usize>,
}

/// A dimension (a group of indicators with a weight).
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// Unique id.
    pub id: String,
    /// Names and documentation.
    pub doc: Doc,
    /// Relative weight among dimensions (from `weight` or AHP).
    pub weight: f64,
    /// Indices into [`Framework::indicators`].
    pub indicators: std::ops::Range<usize>,
    /// The AHP result for this dimension's indicator weights, when used.
    pub ahp: Option<AhpSummary>,
}

/// One indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Unique id.
    pub id: String,
    /// Names and documentation.
    pub doc: Doc,
    /// Index of its dimension.
    pub dimension: usize,
    /// Relative weight within the dimension (from `weight` or AHP).
    pub weight: f64,
    /// Unit of the raw value.
    pub unit: Option<String>,
    /// The document that proves the value.
    pub evidence: Option<String>,
    /// How a provider improves it.
    pub advice: Option<String>,
    /// How a value scores.
    pub rule: Rule,
    /// `required = true`: a provider without a present, applicable, unexpired
    /// value is `incomplete` (§7).
    pub required: bool,
    /// Where the value is derived from, when it comes from a record table.
    pub derive: Option<records::Derive>,
    /// The expert panel that scores it, when it is a panel indicator (§8).
    pub panel: Option<panel::Panel>,
    /// The scoring rubric shown to experts, best level first (may be empty).
    pub rubric: Vec<panel::RubricLevel>,
}

/// What a tier condition or veto looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// An indicator's raw value (index into [`Framework::indicators`]).
    Indicator(usize),
    /// A dimension's score (index into [`Framework::dimensions`]).
    Dimension(usize),
}

/// How a condition compares.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparison {
    /// value ≥ bound (levels: the level's score ≥ bound).
    AtLeast(f64),
    /// value ≤ bound.
    AtMost(f64),
    /// value equals (labels compare as text).
    Equals(Value),
}

/// A `[[tier.require]]` condition or the condition of a veto.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// What is compared.
    pub subject: Subject,
    /// How.
    pub comparison: Comparison,
    /// The threshold as written in the file (a level label stays a label).
    pub written: String,
    /// Where the threshold comes from.
    pub basis: Option<String>,
}

/// A tier (service grade), best first in the framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    /// Unique id.
    pub id: String,
    /// Names and documentation.
    pub doc: Doc,
    /// The least total.
    pub min_total: f64,
    /// The least score of every (scored) dimension.
    pub min_each_dimension: Option<f64>,
    /// Further conditions, all of which must hold.
    pub require: Vec<Condition>,
}

/// A 一票否决 rule: when its condition holds, the provider is vetoed.
#[derive(Debug, Clone, PartialEq)]
pub struct Veto {
    /// The condition (always on an indicator).
    pub condition: Condition,
    /// Why, in the framework's language.
    pub reason: Option<String>,
    /// Why, in English.
    pub reason_en: Option<String>,
}

impl Veto {
    /// The reason to show in `lang`.
    pub fn display_reason(&self, lang: Lang) -> Option<&str> {
        match (lang, &self.reason_en) {
            (Lang::En, Some(en)) => Some(en),
            _ => self.reason.as_deref(),
        }
    }
}

/// Weights and consistency of one AHP matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpSummary {
    /// The normalised principal eigenvector, in `order`.
    pub weights: Vec<f64>,
    /// λmax.
    pub lambda_max: f64,
    /// Consistency index (λmax − n)/(n − 1).
    pub ci: f64,
    /// Saaty's random index for n.
    pub ri: f64,
    /// Consistency ratio CI/RI (0 for n ≤ 2).
    pub cr: f64,
}

impl Framework {
    /// The index of the indicator with this id.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The indicators of dimension `d`.
    pub fn indicators_of(&self, d: usize) -> &[Indicator] {
        &self.indicators[self.dimensions[d].indicators.clone()]
    }

    /// The index of the tier with this id.
    pub fn tier_index(&self, id: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.id == id)
    }

    /// Each dimension's share of the total (weights renormalised to sum 1).
    pub fn dimension_shares(&self) -> Vec<f64> {
        let sum: f64 = self.dimensions.iter().map(|d| d.weight).sum();
        self.dimensions.iter().map(|d| d.weight / sum).collect()
    }

    /// Each indicator's share of its dimension (weights renormalised to sum 1).
    pub fn indicator_shares(&self) -> Vec<f64> {
        let mut shares = Vec::with_capacity(self.indicators.len());
        for d in &self.dimensions {
            let group = &self.indicators[d.indicators.clone()];
            let sum: f64 = group.iter().map(|i| i.weight).sum();
            shares.extend(group.iter().map(|i| i.weight / sum));
        }
        shares
    }

    /// The display name of a subject.
    pub fn subject_id(&self, subject: &Subject) -> &str {
        match subject {
            Subject::Indicator(i) => &self.indicators[*i].id,
            Subject::Dimension(d) => &self.dimensions[*d].id,
        }
    }

    fn build_index(&mut self) {
        self.index = self
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.clone(), i))
            .collect();
    }
}

/// A framework together with the warnings found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The framework.
    pub framework: Framework,
    /// Warnings (never errors).
    pub warnings: Vec<Diagnostic>,
}
