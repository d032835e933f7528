//! `tierscore summary --by ATTRIBUTE`: the regional (or any group) view.

use super::common::{self, Inputs, OutputArgs};
use super::{Exit, Failure, Io};
use crate::report::summary as render;
use crate::summary::{self, UnknownAttribute};

/// Arguments of `summary`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    output: OutputArgs,
    /// The provider attribute to group by (a wide-evidence column or a --providers column, e.g. region)
    ///
    /// One row per value of the attribute, sorted as text, then `(none)` for providers without
    /// it, then `all`. An attribute that no provider has is a usage error (exit 2) listing
    /// those that exist.
    #[arg(long, value_name = "ATTRIBUTE")]
    by: String,
}

/// Runs `summary`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let loaded = common::load(&args.inputs, io)?;
    let fw = &loaded.framework;
    let summary = summary::summarise(fw, &loaded.scores, &args.by).map_err(unknown_attribute)?;
    let bytes = render::render_bytes(fw, &summary, args.output.format(), args.output.lang.get())?;
    args.output.write(&args.inputs.paths(), &bytes, io.out)?;
    common::leave_to_os(loaded);
    Ok(Exit::Success)
}

fn unknown_attribute(e: UnknownAttribute) -> Failure {
    let known = if e.known.is_empty() {
        "the providers have no attributes; add columns to wide evidence or give --providers FILE"
            .to_string()
    } else {
        format!("the providers have: {}", e.known.join(", "))
    };
    Failure::Usage(format!(
        "no provider has the attribute `{}`; {known}",
        e.attribute
    ))
}
