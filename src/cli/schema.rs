//! `tierscore schema`: the JSON Schema of the framework format, for editors (Taplo, Even Better
//! TOML) to validate and complete framework files.

use super::{Exit, Failure, Io};
use crate::output;

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write to FILE (atomically) instead of stdout; `-` is stdout
    ///
    /// For example `tierscore schema -o framework.schema.json`, then point the editor at it with a
    /// `#:schema ./framework.schema.json` line at the top of a framework file, or with a
    /// `.taplo.toml` rule.
    #[arg(short, long, value_name = "FILE")]
    output: Option<String>,
}

/// Runs `schema`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let schema = crate::schema::framework_schema();
    let text = format!("{schema:#}\n");
    output::emit(args.output.as_deref(), &[], text.as_bytes(), io.out)?;
    Ok(Exit::Success)
}
