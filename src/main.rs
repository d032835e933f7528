//! The `tierscore` binary: parse arguments, run, exit with the command's code.

use clap::Parser;
use tierscore::cli::{self, Cli, Io};

fn main() {
    let cli = Cli::parse();
    cli::style::set_color(cli::style::stderr_wants_color());
    // Unlocked handles: each write takes the lock briefly, so worker threads
    // (progress bars, rayon) can still write to stderr while a command runs.
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    let exit = cli::run(
        cli,
        &mut Io {
            out: &mut out,
            err: &mut err,
        },
    );
    std::process::exit(exit as i32);
}
