//! The panel as a whole, for `tierscore panel`.
