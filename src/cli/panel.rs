//! `tierscore panel`: how the expert panels scored — per panel indicator the
//! experts, Kendall's W with its p-value, each expert's mean deviation from the
//! panel aggregate, and every spread alert.

use super::common::{self, Inputs, OutputArgs};
use super::{Exit, Failure, Io};
use crate::panel::review;
use crate::report::panel as render;

/// Arguments of `panel`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `panel`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let loaded = common::load(&args.inputs, io)?;
    let fw = &loaded.framework;
    if fw.indicators.iter().all(|i| i.panel.is_none()) {
        return Err(Failure::Usage(format!(
            "framework `{}` has no panel indicator; give an indicator `panel = {{ min_experts = 5, aggregate = \"trimmed_mean\" }}`",
            fw.id
        )));
    }
    let review = review::review(fw, &loaded.evidence);
    let bytes = render::render_bytes(
        fw,
        &loaded.evidence,
        &review,
        args.output.format(),
        args.output.lang.get(),
    )?;
    args.output.write(&args.inputs.paths(), &bytes, io.out)?;
    Ok(Exit::Success)
}
