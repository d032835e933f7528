//! [`Amendment`]: a value of the evidence replaced after review (`--amend`,
//! SPEC §9), kept with the evidence so that every output can show it. The
//! amendment file is read and checked by [`crate::amend`].

use crate::rule::Cell;

/// One amended value of the evidence: what it was, why it changed and where
/// the amendment is written. The new value is the evidence's cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Amendment {
    /// The value before the amendment (a value or `n/a`; never missing).
    pub old: Cell,
    /// The value after it.
    pub new: Cell,
    /// Why (the `reason` cell).
    pub reason: String,
    /// The amendment file.
    pub file: String,
    /// Its line there.
    pub line: usize,
}

/// The amendments applied to one evidence file, by (provider, indicator) index.
pub type Amended = std::collections::BTreeMap<(usize, usize), Amendment>;
