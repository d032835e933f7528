//! [`Checker`]: the state of one framework validation, shared by the checks
//! in `validate.rs`, `check_weights.rs` and `check_conditions.rs` (each adds
//! its methods), so that none of them imports another that imports it back.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::toml_reader::Source;

/// One framework file being validated: its source (which collects the
/// diagnostics) and the ids seen so far.
pub(super) struct Checker<'c, 's> {
    pub(super) src: &'c mut Source<'s>,
    /// Every id seen so far, with where it was first defined.
    pub(super) ids: HashMap<String, Range<usize>>,
    /// Ids defined by items that have errors of their own: conditions that
    /// name them are not reported again as unknown references.
    pub(super) broken: HashSet<String>,
}

impl<'c, 's> Checker<'c, 's> {
    /// A checker with no ids seen yet.
    pub(super) fn new(src: &'c mut Source<'s>) -> Self {
        Checker {
            src,
            ids: HashMap::new(),
            broken: HashSet::new(),
        }
    }
}

/// An id as the framework format allows it: a lowercase ASCII letter, then
/// lowercase letters, digits and `_`.
pub(super) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
