//! `tierscore gap`: what each provider lacks for its target tier (找短板、找差距).

use rayon::prelude::*;

use super::common::{self, Inputs, OutputArgs, unknown_provider};
use super::{Exit, Failure, Io};
use crate::evidence::Evidence;
use crate::framework::Framework;
use crate::gap;
use crate::report::Format;
use crate::report::gap as render;
use crate::score::Scores;

/// Arguments of `gap`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    output: OutputArgs,
    /// Only this provider (repeatable)
    ///
    /// Providers keep the order of `score` (total descending, then id). An id that is not in
    /// the evidence is a usage error (exit 2) that names near matches.
    #[arg(long = "provider", id = "provider", value_name = "ID")]
    only: Vec<String>,
    /// Aim every provider at TIER instead of the next tier up
    ///
    /// Without it each provider aims at the next tier up (the lowest tier for `none`; for a
    /// vetoed provider, the tier its scores reach with the vetoes ignored). TIER must be a tier
    /// id of the framework; `none` and `vetoed` are usage errors.
    #[arg(long, value_name = "TIER")]
    target: Option<String>,
    /// List values that expire within DAYS after the as-of date as risks
    ///
    /// Only evidence with `valid_until` dates has such values; each is listed with its date and
    /// the days left ("renew before the next round"). Needs `--as-of`.
    #[arg(long, value_name = "DAYS", default_value_t = 180)]
    expiring_within: u32,
}

/// Runs `gap`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let loaded = common::load(&args.inputs, io)?;
    let (fw, scores) = (&loaded.framework, &loaded.scores);
    let target = args
        .target
        .as_deref()
        .map(|t| parse_target(fw, t))
        .transpose()?;
    let selected = select(&loaded.evidence, scores, &args.only)?;
    let run = gap::Run::new(fw, &loaded.evidence, scores);
    let lang = args.output.lang.get();
    let days = args.expiring_within;
    let expiries = fw
        .as_of
        .map(|as_of| (as_of, gap::Expiries::new(&loaded.evidence, as_of, days)));
    // The gaps of some providers (positions in `scores`), with their worded
    // ledger rows and expiring values.
    let gaps_of = |positions: &[usize]| -> Vec<gap::Gap> {
        let mut gaps: Vec<gap::Gap> = positions
            .iter()
            .map(|&i| {
                let mut g = gap::gap(&run, i, target);
                gap::rows::word_rows(fw, &loaded.ledgers, scores, &mut g, lang);
                g
            })
            .collect();
        if let Some((as_of, expiries)) = &expiries {
            expiries.fill(&mut gaps, scores);
            let ledgers = &loaded.ledgers;
            crate::records::validity::fill_expiring(fw, ledgers, scores, &mut gaps, (*as_of, days));
        }
        gaps
    };
    let (format, paths) = (args.output.format(), args.inputs.paths());
    if matches!(format, Format::Csv | Format::Json) {
        // Streamed: gaps are found a batch of providers at a time, on every
        // core, and written as they are; neither all the gaps nor the rows
        // (about 30 a provider) ever exist whole in memory.
        let json = format == Format::Json;
        args.output.write_with(&paths, io.out, &mut |w| {
            let gaps_of =
                |chunk: &[usize], take: &mut dyn FnMut(&[gap::Gap])| take(&gaps_of(chunk));
            render::write(fw, scores, &selected, gaps_of, json, w)
        })?;
    } else {
        // Providers are independent: their gaps are worked out on every core.
        let gaps: Vec<gap::Gap> = selected
            .par_chunks(crate::report::in_order::CHUNK)
            .flat_map_iter(gaps_of)
            .collect();
        let bytes = render::render_bytes(fw, scores, &gaps, format, lang)?;
        args.output.write(&paths, &bytes, io.out)?;
    }
    common::leave_to_os(loaded);
    Ok(Exit::Success)
}

/// A tier id for `--target`, or a usage error listing the tiers.
fn parse_target(fw: &Framework, id: &str) -> Result<usize, Failure> {
    fw.tier_index(id).ok_or_else(|| {
        let known: Vec<&str> = fw.tiers.iter().map(|t| t.id.as_str()).collect();
        Failure::Usage(format!(
            "unknown target tier `{id}`; this framework's tiers are: {}",
            known.join(", ")
        ))
    })
}

/// Positions in `scores` of the providers asked for (all when none is named),
/// in score order, each once.
fn select(evidence: &Evidence, scores: &Scores, wanted: &[String]) -> Result<Vec<usize>, Failure> {
    if wanted.is_empty() {
        return Ok((0..scores.providers.len()).collect());
    }
    let mut positions = Vec::with_capacity(wanted.len());
    for id in wanted {
        let Some(p) = evidence.position(id) else {
            let ids = scores.providers.iter().map(|p| p.provider.as_str());
            return Err(unknown_provider(ids, id));
        };
        positions.extend(scores.position_of(p));
    }
    positions.sort_unstable();
    positions.dedup();
    Ok(positions)
}
