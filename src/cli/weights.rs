//! `tierscore weights`: effective weights and AHP consistency.

use super::common::{self, OutputArgs};
use super::{Exit, Failure, Io};
use crate::output;
use crate::report::weights;

/// Arguments of `weights`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The framework file (TOML)
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    framework: String,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `weights`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let loaded = common::load_framework(&args.framework).map_err(Failure::Invalid)?;
    common::print_diagnostics(&loaded.warnings, io.err);
    let bytes = weights::render_bytes(
        &loaded.framework,
        args.output.format(),
        args.output.lang.into(),
    )?;
    output::emit(
        args.output.output.as_deref(),
        &[args.framework.as_str()],
        &bytes,
        io.out,
    )?;
    Ok(Exit::Success)
}
