//! `-r/--round FILE`: the inputs a round file names, under the flags given on
//! the command line (a flag wins over the file).

use super::Failure;
use crate::round::{self, Round};
use crate::session::Sources;

/// The inputs as given on the command line: `-f`, `-e`, `-r` and the shared flags.
pub struct Given<'a> {
    /// `-f`.
    pub framework: &'a Option<String>,
    /// `-e`.
    pub evidence: &'a Option<String>,
    /// `-r`.
    pub round: &'a Option<String>,
    /// The shared flags.
    pub flags: &'a Sources,
}

/// The sources of a run: the flags, then the round file for what they leave out.
pub fn resolve(inputs: Given) -> Result<Sources, Failure> {
    let round = match inputs.round {
        Some(path) => round::load(path).map_err(Failure::Invalid)?,
        None => Round::default(),
    };
    let needed = |flag: &Option<String>, file: &Option<String>, what: &str| {
        flag.clone().or_else(|| file.clone()).ok_or_else(|| {
            let key = what
                .trim_start_matches('-')
                .split(' ')
                .next()
                .unwrap_or(what);
            Failure::Usage(match inputs.round {
                Some(path) => format!("{path} names no `{key}` and no {what} was given"),
                None => format!("give {what} (or a round file with -r FILE)"),
            })
        })
    };
    let framework = needed(inputs.framework, &round.framework, "--framework FILE")?;
    let evidence = needed(inputs.evidence, &round.evidence, "--evidence FILE")?;
    let mut sources = inputs.flags.with(&framework, &evidence);
    sources.providers = sources.providers.or(round.providers);
    sources.as_of = sources.as_of.or(round.as_of);
    sources.previous = sources.previous.or(round.previous);
    sources.amend = sources.amend.or(round.amend);
    if sources.records.is_empty() {
        sources.records = round.records;
    }
    if sources.expert_scores.is_empty() {
        sources.expert_scores = round.expert_scores;
    }
    sources.conflicts = sources.conflicts.or(round.conflicts);
    Ok(sources)
}
