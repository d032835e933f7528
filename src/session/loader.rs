//! [`Loader`]: the steps that read and check a run's inputs, and the one
//! place that decides what a run's diagnostics mean.

use std::collections::BTreeSet;

use super::{Scored, Sources};
use crate::diag::{self, Diagnostic};
use crate::evidence::{self, Attributes, Evidence};
use crate::framework::{self, Framework};
use crate::input::{self, Encoding};
use crate::panel::conflicts::{self, Conflicts};
use crate::records::{self, Ledgers, RecordsArgs};
use crate::results::RoundResults;
use crate::score;

mod amend;
mod pair;

/// Evidence parsed, with its warnings, or every diagnostic when any is an error.
type Parsed = Result<(Evidence, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Evidence read once and parsed against more than one framework (`diff`).
#[derive(Debug)]
pub enum SharedEvidence {
    /// A workbook: a file on disk, opened for each framework.
    Workbook(String),
    /// Decoded CSV text (read once: it may be stdin).
    Text(String, String),
}

impl SharedEvidence {
    /// The file as the user named it.
    pub fn path(&self) -> &str {
        match self {
            SharedEvidence::Workbook(path) | SharedEvidence::Text(path, _) => path,
        }
    }
}

/// Reads and checks inputs step by step, collecting every diagnostic.
///
/// Steps report through [`Loader::warn`] (a warning, an error under
/// `--strict`) and [`Loader::fail`] (the input could not be used). A step that
/// fails returns `None` and later steps go on, so one run reports the problems
/// of every file. [`Loader::finish`] makes the decision.
#[derive(Debug)]
pub struct Loader<'s> {
    sources: &'s Sources,
    warnings: Vec<Diagnostic>,
    problems: Vec<Diagnostic>,
    /// `--providers`, read on first use (`None` inside: it could not be read).
    attributes: Option<Option<Attributes>>,
    /// `--previous`, read on first use (`None` inside: not given or unreadable).
    previous: Option<Option<RoundResults>>,
    /// The ledgers of the last evidence file checked (`--records`).
    ledgers: Ledgers,
    /// `--conflicts`, read on first use (`None` inside: it could not be read).
    conflicts: Option<Option<Conflicts>>,
    /// `--amend`, read on first use (`None` inside: it could not be read).
    amendments: Option<Option<crate::amend::AmendFile>>,
}

impl<'s> Loader<'s> {
    /// A loader for these sources; nothing is read yet.
    pub fn new(sources: &'s Sources) -> Self {
        Loader {
            sources,
            warnings: Vec::new(),
            problems: Vec::new(),
            attributes: None,
            previous: None,
            ledgers: Ledgers::default(),
            conflicts: None,
            amendments: None,
        }
    }

    /// The ledgers read for the last evidence file (for `explain` and `gap`).
    pub fn take_ledgers(&mut self) -> Ledgers {
        std::mem::take(&mut self.ledgers)
    }

    /// Records warnings (errors under `--strict`).
    pub fn warn(&mut self, warnings: impl IntoIterator<Item = Diagnostic>) {
        let start = self.warnings.len();
        self.warnings.extend(warnings);
        if self.sources.strict {
            diag::make_strict(&mut self.warnings[start..]);
        }
    }

    /// Records the diagnostics of an input that could not be used.
    pub fn fail(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.problems.extend(diagnostics);
    }

    /// True while nothing reported so far is an error.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && !diag::has_errors(&self.warnings)
    }

    /// The warnings to print, or every diagnostic (warnings first, each once)
    /// when any is an error.
    pub fn finish(self) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        if self.is_clean() {
            Ok(dedup(self.warnings))
        } else {
            Err(self.into_failure())
        }
    }

    /// Every diagnostic, warnings first, each once: for a run that cannot go on.
    pub fn into_failure(mut self) -> Vec<Diagnostic> {
        self.warnings.append(&mut self.problems);
        dedup(self.warnings)
    }

    fn encoding(&self) -> Encoding {
        self.sources.encoding.into()
    }

    /// Step: a framework file.
    pub fn framework(&mut self, path: &str) -> Option<Framework> {
        match read_framework(path) {
            Ok(loaded) => {
                self.warn(loaded.warnings);
                let mut fw = loaded.framework;
                fw.as_of = self.sources.as_of;
                Some(fw)
            }
            Err(d) => {
                self.fail(d);
                None
            }
        }
    }

    /// Step: an evidence file (`-` for stdin, CSV streamed or a workbook's
    /// `--sheet`), read against `fw` and checked.
    ///
    /// `--providers`, when not read yet, is read beside the evidence on
    /// another thread: the two files are independent, and the providers file
    /// of a large run took 15 % of `summary --providers` read after it.
    pub fn evidence(&mut self, fw: &Framework, path: &str) -> Option<Evidence> {
        let (sheet, encoding) = (self.sources.sheet.as_deref(), self.encoding());
        let load = || evidence::load(path, sheet, fw, encoding);
        let parsed = match (&self.attributes, self.sources.providers.as_deref()) {
            (None, Some(providers)) => {
                let (attributes, parsed) =
                    rayon::join(|| evidence::load_attributes(providers, encoding), load);
                self.keep_attributes(attributes);
                parsed
            }
            _ => {
                self.read_attributes();
                load()
            }
        };
        self.checked(fw, parsed, path)
    }

    /// Step: an evidence file read whole, once, to be parsed against several
    /// frameworks with [`Loader::evidence_from`].
    pub fn read_evidence(&mut self, path: &str) -> Option<SharedEvidence> {
        if crate::evidence::workbook::is_workbook(path) {
            return Some(SharedEvidence::Workbook(path.to_string()));
        }
        let text = input::read_bytes(path).and_then(|b| input::decode(path, &b, self.encoding()));
        match text {
            Ok(text) => Some(SharedEvidence::Text(path.to_string(), text)),
            Err(d) => {
                self.fail([d]);
                None
            }
        }
    }

    /// Step: evidence read by [`Loader::read_evidence`], parsed against `fw` and checked.
    pub fn evidence_from(&mut self, fw: &Framework, shared: &SharedEvidence) -> Option<Evidence> {
        self.read_attributes();
        let parsed = self.parse_shared(fw, shared);
        self.checked(fw, parsed, shared.path())
    }

    /// Step: [`Loader::evidence_from`] for two frameworks at once (`diff`): the
    /// two parses are independent, so they run on two threads; the checks then
    /// report in order, OLD's first.
    pub fn evidence_from_both(
        &mut self,
        old: Option<&Framework>,
        new: Option<&Framework>,
        shared: &SharedEvidence,
        paths: (&str, &str),
    ) -> (Option<Evidence>, Option<Evidence>) {
        self.read_attributes();
        let this = &*self;
        let parse = |fw: Option<&Framework>| fw.map(|fw| this.parse_shared(fw, shared));
        let (o, n) = rayon::join(|| parse(old), || parse(new));
        self.check_both((old, new), (o, n), shared.path(), paths)
    }

    /// Step: [`Loader::evidence_from_both`] for two frameworks that read
    /// evidence alike ([`evidence::reads_alike`]): the file is read once, as
    /// [`Loader::evidence`] reads it (streamed, a large file in halves), and
    /// that one parse serves both.
    pub fn evidence_for_both(
        &mut self,
        (old, new): (&Framework, &Framework),
        path: &str,
        paths: (&str, &str),
    ) -> (Option<Evidence>, Option<Evidence>) {
        self.read_attributes();
        let parsed = evidence::load(path, self.sources.sheet.as_deref(), old, self.encoding());
        let parsed = (Some(parsed.clone()), Some(parsed));
        self.check_both((Some(old), Some(new)), parsed, path, paths)
    }

    /// The two parses of `diff`, their diagnostics named by side, checked in
    /// order, OLD's first.
    fn check_both(
        &mut self,
        (old, new): (Option<&Framework>, Option<&Framework>),
        (mut o, mut n): (Option<Parsed>, Option<Parsed>),
        path: &str,
        paths: (&str, &str),
    ) -> (Option<Evidence>, Option<Evidence>) {
        super::sides::name_sides(&mut o, &mut n, paths);
        let mut check = |fw: Option<&Framework>, parsed: Option<Parsed>| {
            let (fw, parsed) = fw.zip(parsed)?;
            self.checked(fw, parsed, path)
        };
        let o = check(old, o);
        (o, check(new, n))
    }

    fn parse_shared(&self, fw: &Framework, shared: &SharedEvidence) -> Parsed {
        match shared {
            SharedEvidence::Workbook(path) => {
                crate::evidence::workbook::load_evidence(path, self.sources.sheet.as_deref(), fw)
            }
            SharedEvidence::Text(path, text) => evidence::parse(path, text, fw),
        }
    }

    /// `--providers`, read once, before the first evidence file.
    fn read_attributes(&mut self) {
        if self.attributes.is_some() {
            return;
        }
        match self.sources.providers.as_deref() {
            Some(path) => self.keep_attributes(evidence::load_attributes(path, self.encoding())),
            None => self.attributes = Some(None),
        }
    }

    /// Keeps `--providers` as read, or its problems.
    fn keep_attributes(&mut self, read: Result<Attributes, Vec<Diagnostic>>) {
        let read = read.map_err(|d| self.problems.extend(d)).ok();
        self.attributes = Some(read);
    }

    /// The checks every evidence file gets: its own warnings, the indicators
    /// derived from the ledgers (`--records`, on `--as-of`), `--providers`
    /// merged in, and the vetoes and gates that could not be checked.
    fn checked(&mut self, fw: &Framework, parsed: Parsed, path: &str) -> Option<Evidence> {
        let mut evidence = match parsed {
            Ok((e, w)) => {
                self.warn(w);
                e
            }
            Err(d) => {
                self.fail(d);
                return None;
            }
        };
        let args = RecordsArgs {
            named: &self.sources.records,
            as_of: self.sources.as_of,
            encoding: self.encoding(),
        };
        match records::attach(fw, &mut evidence, path, args) {
            Ok((ledgers, warnings)) => {
                self.warn(warnings);
                self.ledgers = ledgers;
            }
            Err(d) => {
                self.fail(d);
                return None;
            }
        }
        if evidence.has_validity() {
            // Validity is judged on the reference date only: never on the clock.
            match self.sources.as_of {
                Some(as_of) => {
                    let expired = evidence.apply_validity(fw, as_of);
                    self.warn(expired);
                }
                None => {
                    let why = format!("{path} has valid_from/valid_until columns");
                    self.fail(vec![records::needs_as_of(&why)]);
                    return None;
                }
            }
        }
        if let (Some(Some(attributes)), Some(path)) = (&self.attributes, &self.sources.providers) {
            let merged = evidence::merge_attributes(&mut evidence, attributes, path);
            self.warn(merged);
        }
        self.add_expert_scores(fw, &mut evidence);
        self.amend(fw, &mut evidence);
        self.warn(score::unchecked_vetoes(fw, &evidence));
        self.read_previous(fw);
        self.check_recusals(&evidence);
        Some(evidence)
    }

    /// Step: scores checked evidence. Callers score only a clean run
    /// ([`Loader::is_clean`]), so that nothing is scored from bad input.
    pub fn score(&mut self, fw: &Framework, evidence: Evidence) -> Option<Scored> {
        let scored = score::score(fw, &evidence);
        self.scored(fw, evidence, scored)
    }
}

impl Loader<'_> {
    /// `--previous`, read once and checked against each framework (SPEC §9).
    fn read_previous(&mut self, fw: &Framework) {
        let Some(path) = self.sources.previous.as_deref() else {
            return;
        };
        if self.previous.is_none() {
            let read = crate::results::load(path)
                .map_err(|d| self.problems.extend(d))
                .ok();
            self.previous = Some(read);
        }
        if let Some(Some(previous)) = &self.previous {
            let wrong = crate::results::check_tiers(previous, fw);
            self.problems.extend(wrong);
        }
    }

    /// Applies `[progression]` after the tier decision: against `--previous`,
    /// or a warning that the rules were not applied.
    fn progress(&mut self, fw: &Framework, scores: &mut crate::score::Scores) {
        match (&self.previous, &fw.progression) {
            (Some(Some(previous)), _) => {
                let left = crate::progression::apply(fw, scores, previous);
                self.warn(left);
            }
            (None, Some(rules)) => self.warn([crate::progression::not_applied(rules)]),
            _ => {}
        }
    }

    /// The previous round's results, when `--previous` was given and read.
    pub fn take_previous(&mut self) -> Option<RoundResults> {
        self.previous.take().flatten()
    }

    /// `--expert-scores`: every expert's sheet added to the evidence; then the
    /// panels' warnings (too few experts, spreads), once every score is in.
    fn add_expert_scores(&mut self, fw: &Framework, evidence: &mut Evidence) {
        for path in &self.sources.expert_scores {
            match evidence::load(path, None, fw, self.encoding()) {
                Ok((extra, w)) => {
                    self.warn(w);
                    let errors = evidence.add_expert_scores(extra, fw);
                    self.fail(errors);
                }
                Err(d) => self.fail(d),
            }
        }
        self.fail(crate::panel::applicability::errors(fw, evidence));
        self.warn(crate::panel::alerts::warnings(fw, evidence));
    }

    /// `--conflicts`, read once; a score by a recused expert is an error.
    fn check_recusals(&mut self, evidence: &Evidence) {
        let Some(path) = self.sources.conflicts.as_deref() else {
            return;
        };
        if self.conflicts.is_none() {
            let read = conflicts::load(path, self.encoding())
                .map_err(|d| self.problems.extend(d))
                .ok();
            self.conflicts = Some(read);
        }
        if let Some(Some(c)) = &self.conflicts {
            let errors = conflicts::check(evidence, c);
            self.problems.extend(errors);
        }
    }
}

/// The same file read twice (or one file against two frameworks) reports the
/// same problem twice: keep the first.
fn dedup(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    diagnostics
        .into_iter()
        .filter(|d| {
            seen.insert((
                d.file.clone(),
                d.location,
                d.cell.clone(),
                d.severity,
                d.message.clone(),
                d.help.clone(),
            ))
        })
        .collect()
}

/// Reads, parses and validates a framework file (`-` for stdin).
pub fn read_framework(path: &str) -> Result<framework::Loaded, Vec<Diagnostic>> {
    let bytes = read_limited(path).map_err(|d| vec![d])?;
    let text = input::decode(path, &bytes, Encoding::Utf8).map_err(|d| {
        // The decoder's hint is about `--encoding`, which frameworks do not take.
        vec![d.with_help("save the framework as UTF-8; TOML files are always UTF-8")]
    })?;
    framework::load_str(path, &text)
}

/// Reads at most [`framework::MAX_FRAMEWORK_BYTES`] (+1 to tell that there is
/// more), so that `/dev/zero` or a huge file is refused without reading it all.
fn read_limited(path: &str) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let limit = framework::MAX_FRAMEWORK_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    match read {
        Err(e) => Err(
            Diagnostic::error(path, None, format!("cannot read the file: {e}"))
                .with_help("check the path and that you may read it"),
        ),
        Ok(n) if n > framework::MAX_FRAMEWORK_BYTES => Err(framework::validate::too_large(path)),
        Ok(_) => Ok(bytes),
    }
}
