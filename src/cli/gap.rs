//! `tierscore gap`: what each provider lacks for its target tier (找短板、找差距).

use super::common::{self, Inputs, OutputArgs};
use super::{Exit, Failure, Io};
use crate::framework::Framework;
use crate::gap;
use crate::report::gap as render;
use crate::score::{self, Scores};

/// Arguments of `gap`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    output: OutputArgs,
    /// Only this provider (repeatable)
    #[arg(long = "provider", id = "provider", value_name = "ID")]
    only: Vec<String>,
    /// Aim every provider at TIER instead of the next tier up
    #[arg(long, value_name = "TIER")]
    target: Option<String>,
}

/// Runs `gap`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let loaded = common::load(&args.inputs)?;
    common::print_diagnostics(&loaded.warnings, io.err);
    let fw = &loaded.framework;
    let target = args
        .target
        .as_deref()
        .map(|t| parse_target(fw, t))
        .transpose()?;
    let scores = score::score(fw, &loaded.evidence).map_err(Failure::Invalid)?;
    let selected = select(&scores, &args.only)?;
    let run = gap::Run::new(fw, &loaded.evidence, &scores);
    let gaps: Vec<gap::Gap> = selected
        .into_iter()
        .map(|i| gap::gap(&run, i, target))
        .collect();
    let bytes = render::render_bytes(
        fw,
        &scores,
        &gaps,
        args.output.format(),
        args.output.lang.into(),
    )?;
    args.output.write(&args.inputs.paths(), &bytes, io.out)?;
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

/// Indices of the providers asked for (all when none is named), in score order.
fn select(scores: &Scores, wanted: &[String]) -> Result<Vec<usize>, Failure> {
    for id in wanted {
        if !scores.providers.iter().any(|p| &p.provider == id) {
            let ids = scores.providers.iter().map(|p| p.provider.as_str());
            return Err(unknown_provider(ids, id));
        }
    }
    Ok((0..scores.providers.len())
        .filter(|&i| wanted.is_empty() || wanted.contains(&scores.providers[i].provider))
        .collect())
}

/// A usage error for a provider id not in the evidence, naming near matches
/// (or every provider when none is near).
pub fn unknown_provider<'a>(ids: impl Iterator<Item = &'a str>, id: &str) -> Failure {
    let all: Vec<&str> = ids.collect();
    let mut near: Vec<(f64, &str)> = all
        .iter()
        .map(|p| (strsim::jaro_winkler(p, id), *p))
        .filter(|(similarity, _)| *similarity > 0.8)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let hint = if near.is_empty() {
        format!("providers in the evidence: {}", all.join(", "))
    } else {
        let names: Vec<String> = near.iter().take(5).map(|(_, n)| format!("`{n}`")).collect();
        format!("did you mean {}?", names.join(" or "))
    };
    Failure::Usage(format!("no provider `{id}` in the evidence; {hint}"))
}
