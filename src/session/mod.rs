//! One loaded run for every command: the framework, the evidence and every
//! other input read once, checked once, scored once.
//!
//! Modelled on cargo's `Workspace` and ripgrep's `HiArgs`: the command line is
//! parsed once into one [`Sources`] (the shared flags, declared once and
//! flattened into every command with clap's `#[command(flatten)]`), and a
//! [`Loader`] turns it into a [`Session`]: an indexed, scored run plus the
//! warnings to print. Every command that reads evidence (`validate -e`,
//! `score`, `gap`, `explain`, `summary`, `compare`, `diff`, `report`,
//! `sensitivity`, `weights --method`) goes through here, so a check made for
//! one is made for all, and `--strict` means the same everywhere.
//!
//! # Adding an input
//!
//! 1. Add one field to [`Sources`] with its `#[arg(...)]` and a `///` line: it
//!    appears on every command at once.
//! 2. Add one step to [`Loader`] (in `loader.rs`) that reads it and reports
//!    through [`Loader::warn`] / [`Loader::fail`]; call it where it belongs:
//!    once per run (a file that does not depend on the framework: read it on
//!    first use and keep it in the [`Loader`], as `read_attributes` does for
//!    `--providers`), or once per evidence file in the private `checked` step
//!    that [`Loader::evidence`] and [`Loader::evidence_from`] share (anything
//!    that changes or checks evidence). What it produces goes into a field of
//!    [`Session`] (and of [`Compared`] / [`Diffed`] when those commands use it).
//!
//! Diagnostics pushed by any step get `--strict`, deduplication and the
//! "nothing is written on an error" decision from [`Loader::finish`]; a step
//! never prints and never decides the exit code.

mod loader;
mod sides;
mod sources;

pub use loader::{Loader, SharedEvidence, read_framework};
pub use sources::{EncodingArg, Sources};

use crate::diag::Diagnostic;
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::records::Ledgers;
use crate::score::Scores;

/// A framework, the evidence read against it and its scores: what every
/// scoring command works on.
#[derive(Debug)]
pub struct Session {
    /// The framework.
    pub framework: Framework,
    /// The evidence, with `--providers` attributes merged in.
    pub evidence: Evidence,
    /// Every provider scored and tiered, in rank order.
    pub scores: Scores,
    /// The previous round's results (`--previous`), when given.
    pub previous: Option<crate::results::RoundResults>,
    /// The ledgers the derived indicators come from (`--records`).
    pub ledgers: Ledgers,
    /// Warnings to print (never errors).
    pub warnings: Vec<Diagnostic>,
}

/// One evidence file scored under one framework (a side of `compare` or `diff`).
#[derive(Debug)]
pub struct Scored {
    /// The evidence.
    pub evidence: Evidence,
    /// Its scores.
    pub scores: Scores,
}

/// `compare`: one framework, two evidence files.
#[derive(Debug)]
pub struct Compared {
    /// The framework.
    pub framework: Framework,
    /// The self-declared side.
    pub declared: Scored,
    /// The assessor-verified side.
    pub verified: Scored,
    /// Warnings of both files (the framework's and `--providers`' once).
    pub warnings: Vec<Diagnostic>,
}

/// `diff`: two frameworks, one evidence file read against each.
#[derive(Debug)]
pub struct Diffed {
    /// The framework before the change and the evidence scored under it.
    pub old: (Framework, Scored),
    /// The framework after the change and the evidence scored under it.
    pub new: (Framework, Scored),
    /// Warnings of every file, each once.
    pub warnings: Vec<Diagnostic>,
}

/// A framework alone (`validate` without evidence, `weights`).
#[derive(Debug)]
pub struct FrameworkOnly {
    /// The framework.
    pub framework: Framework,
    /// Its warnings.
    pub warnings: Vec<Diagnostic>,
}

impl Session {
    /// Loads `sources.framework` and `sources.evidence` with every other input,
    /// checks and scores them. `Err` holds every diagnostic (warnings first)
    /// when any is an error.
    pub fn load(sources: &Sources) -> Result<Session, Vec<Diagnostic>> {
        let mut loader = Loader::new(sources);
        let Some(framework) = loader.framework(&sources.framework) else {
            return Err(loader.into_failure());
        };
        let evidence = loader.evidence(&framework, &sources.evidence);
        let ledgers = loader.take_ledgers();
        let scored = match evidence {
            Some(e) if loader.is_clean() => loader.score(&framework, e),
            _ => None,
        };
        let previous = loader.take_previous();
        let warnings = loader.finish()?;
        match scored {
            Some(Scored { evidence, scores }) => Ok(Session {
                framework,
                evidence,
                scores,
                previous,
                ledgers,
                warnings,
            }),
            None => Err(warnings),
        }
    }

    /// Loads one framework and two evidence files against it (`compare`);
    /// every problem of both files is reported.
    pub fn load_compare(
        sources: &Sources,
        declared: &str,
        verified: &str,
    ) -> Result<Compared, Vec<Diagnostic>> {
        let mut loader = Loader::new(sources);
        let Some(framework) = loader.framework(&sources.framework) else {
            return Err(loader.into_failure());
        };
        let (d, v) = loader.evidence_pair(&framework, declared, verified);
        if let (Some(d), Some(v)) = (&d, &v) {
            loader.warn(crate::compare::one_sided(d, v));
        }
        let (d, v) = match (d, v) {
            (Some(d), Some(v)) if loader.is_clean() => loader.score_pair(&framework, d, v),
            _ => (None, None),
        };
        let warnings = loader.finish()?;
        match (d, v) {
            (Some(declared), Some(verified)) => Ok(Compared {
                framework,
                declared,
                verified,
                warnings,
            }),
            _ => Err(warnings),
        }
    }

    /// Loads two frameworks and reads `sources.evidence` once (it may be
    /// stdin), parsing it against each (`diff`); every problem is reported once.
    pub fn load_diff(sources: &Sources, old: &str, new: &str) -> Result<Diffed, Vec<Diagnostic>> {
        let mut loader = Loader::new(sources);
        let (old_fw, new_fw) = (loader.framework(old), loader.framework(new));
        let (old_e, new_e) = match (&old_fw, &new_fw) {
            // A reweighting: one parse serves both.
            (Some(a), Some(b)) if crate::evidence::reads_alike(a, b) => {
                loader.evidence_for_both((a, b), &sources.evidence, (old, new))
            }
            _ => match loader.read_evidence(&sources.evidence) {
                Some(shared) => {
                    loader.evidence_from_both(old_fw.as_ref(), new_fw.as_ref(), &shared, (old, new))
                }
                None => (None, None),
            },
        };
        let (old, new) = match (old_fw.zip(old_e), new_fw.zip(new_e)) {
            (Some((of, oe)), Some((nf, ne))) if loader.is_clean() => {
                let o = loader.score(&of, oe).map(|s| (of, s));
                let n = loader.score(&nf, ne).map(|s| (nf, s));
                (o, n)
            }
            _ => (None, None),
        };
        let warnings = loader.finish()?;
        match (old, new) {
            (Some(old), Some(new)) => Ok(Diffed { old, new, warnings }),
            _ => Err(warnings),
        }
    }

    /// Loads a framework alone, with `--strict` applied to its warnings.
    pub fn load_framework(sources: &Sources) -> Result<FrameworkOnly, Vec<Diagnostic>> {
        let mut loader = Loader::new(sources);
        let framework = loader.framework(&sources.framework);
        let warnings = loader.finish()?;
        match framework {
            Some(framework) => Ok(FrameworkOnly {
                framework,
                warnings,
            }),
            None => Err(warnings),
        }
    }
}
