//! `[progression]`: how far a provider may rise in one round (SPEC §9).
//!
//! ```toml
//! [progression]
//! first_time_at_most = "city"   # a provider without a grade last round gets at most this tier
//! step_up_at_most = 1           # a provider rises at most this many tiers per round
//! ```
//!
//! Both keys are optional; the rules apply only when a command is given the
//! previous round's results (`--previous`, see [`crate::progression`]).

use super::Tier;
use super::toml_reader::{Num, Source, Str, TableReader, help};
use crate::diag::Location;

/// A validated `[progression]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progression {
    /// `first_time_at_most`: index of the best tier a first-time provider may get.
    pub first_time_at_most: Option<usize>,
    /// `step_up_at_most`: the most tiers a graded provider may rise in one round (≥ 1).
    pub step_up_at_most: Option<usize>,
    /// The framework file and the place of `[progression]`, for warnings.
    pub at: (String, Location),
}

/// `[progression]` as written, every position kept.
#[derive(Debug)]
pub struct RawProgression {
    /// The table's span.
    pub span: std::ops::Range<usize>,
    /// `first_time_at_most`.
    pub first_time_at_most: Option<Str>,
    /// `step_up_at_most`.
    pub step_up_at_most: Option<Num>,
}

/// Reads `[progression]` from the root table (type errors and unknown keys reported here).
pub fn read(src: &mut Source, root: &mut TableReader) -> Option<RawProgression> {
    let value = root.get("progression")?;
    let mut t = TableReader::from_value(src, value, "[progression]")?;
    let raw = RawProgression {
        span: t.span.clone(),
        first_time_at_most: t.string(src, "first_time_at_most", false),
        step_up_at_most: t.number(src, "step_up_at_most", false),
    };
    t.finish(src);
    Some(raw)
}

/// Checks `[progression]` against the framework's tiers: the tier exists and
/// the step is a whole number ≥ 1.
pub fn check(src: &mut Source, raw: Option<RawProgression>, tiers: &[Tier]) -> Option<Progression> {
    let raw = raw?;
    let mut ok = true;
    let first_time_at_most = raw.first_time_at_most.and_then(|id| {
        let found = tiers.iter().position(|t| t.id == *id.get_ref());
        if found.is_none() {
            ok = false;
            let known: Vec<&str> = tiers.iter().map(|t| t.id.as_str()).collect();
            let d = src.error(
                &id.span(),
                format!("`first_time_at_most` names unknown tier `{}`", id.get_ref()),
            );
            help(d, format!("the tiers are: {}", known.join(", ")));
        }
        found
    });
    let step_up_at_most = raw.step_up_at_most.and_then(|n| {
        let v = *n.get_ref();
        if v.fract() == 0.0 && (1.0..=1e6).contains(&v) {
            Some(v as usize)
        } else {
            ok = false;
            let d = src.error(
                &n.span(),
                format!("`step_up_at_most` must be a whole number ≥ 1, found {v}"),
            );
            help(d, "1 lets a provider rise one tier per round");
            None
        }
    });
    let at = (src.file.to_string(), src.locate(&raw.span));
    ok.then_some(Progression {
        first_time_at_most,
        step_up_at_most,
        at,
    })
}
