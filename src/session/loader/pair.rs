//! Two evidence files against one framework (`compare`): the per-file work
//! that does not depend on the other file runs on two threads.
//!
//! What a run reads once (`--providers`, `--previous`, `--conflicts`,
//! `--amend`) stays read once in the [`Loader`]; what each file needs for
//! itself — reading and parsing, then scoring — runs for both files at once.
//! The checks in between report in order, the first file's first, so the
//! diagnostics are the same as two [`Loader::evidence`] steps would give.

use super::Loader;
use crate::diag::Diagnostic;
use crate::evidence::{self, Evidence};
use crate::framework::Framework;
use crate::score::{self, Scores};
use crate::session::Scored;

/// A parse: the evidence and its warnings, or every diagnostic.
type Parsed = Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>>;

impl Loader<'_> {
    /// Step: evidence files `a` and `b` (at most one of them `-`), read and
    /// parsed against `fw` on two threads, then checked in order.
    pub fn evidence_pair(
        &mut self,
        fw: &Framework,
        a: &str,
        b: &str,
    ) -> (Option<Evidence>, Option<Evidence>) {
        self.read_attributes();
        let (sheet, encoding) = (self.sources.sheet.as_deref(), self.encoding());
        // Two files of about the same size keep both cores busy on their own;
        // halves of each would only add their joins (3 % of the instructions).
        // A much larger file is still read in halves.
        let size = |path: &str| std::fs::metadata(path).map_or(0, |m| m.len());
        let (sa, sb) = (size(a), size(b));
        let alike = sa.min(sb) >= sa.max(sb) / 2;
        let load = |path: &str| evidence::load_with(path, sheet, fw, encoding, !alike);
        let (pa, pb): (Parsed, Parsed) = std::thread::scope(|scope| {
            let later = scope.spawn(|| load(b));
            let first = load(a);
            let second = later.join().unwrap_or_else(|_| {
                let message = "internal error: the file could not be read";
                Err(vec![Diagnostic::error(b, None, message)])
            });
            (first, second)
        });
        let ea = self.checked(fw, pa, a);
        (ea, self.checked(fw, pb, b))
    }

    /// Step: scores two checked evidence files at once (callers score only a
    /// clean run, as for [`Loader::score`]).
    pub fn score_pair(
        &mut self,
        fw: &Framework,
        a: Evidence,
        b: Evidence,
    ) -> (Option<Scored>, Option<Scored>) {
        let (sa, sb) = rayon::join(|| score::score(fw, &a), || score::score(fw, &b));
        let first = self.scored(fw, a, sa);
        (first, self.scored(fw, b, sb))
    }

    /// The bookkeeping after [`score::score`]: `[progression]` applied, or
    /// its errors reported.
    pub(super) fn scored(
        &mut self,
        fw: &Framework,
        evidence: Evidence,
        scored: Result<Scores, Vec<Diagnostic>>,
    ) -> Option<Scored> {
        match scored {
            Ok(mut scores) => {
                self.progress(fw, &mut scores);
                Some(Scored { evidence, scores })
            }
            Err(d) => {
                self.fail(d);
                None
            }
        }
    }
}
