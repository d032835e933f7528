//! The `tierscore` binary: parse arguments, run, exit with the command's code.

use clap::Parser;
use tierscore::cli::{self, Cli, Io};

fn main() {
    let cli = Cli::parse();
    cli::style::set_color(cli::style::stderr_wants_color());
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let exit = cli::run(
        cli,
        &mut Io {
            out: &mut out,
            err: &mut err,
        },
    );
    std::process::exit(exit as i32);
}
