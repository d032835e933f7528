//! `tierscore completions SHELL` and `tierscore man`: shell completion scripts
//! (clap_complete) and a roff man page (clap_mangen), both on stdout.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Exit, Failure, Io};
use crate::output::{self, WriteError};

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    shell: Shell,
}

/// Runs `completions`.
pub fn completions(args: CompletionsArgs, io: &mut Io) -> Result<Exit, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tierscore", &mut script);
    output::emit(None, &[], &script, io.out)?;
    Ok(Exit::Success)
}

/// Runs `man`.
pub fn man(io: &mut Io) -> Result<Exit, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| WriteError::Io("<man page>".into(), e))?;
    output::emit(None, &[], &page, io.out)?;
    Ok(Exit::Success)
}
