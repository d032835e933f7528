//! The command line: clap definitions and one module per subcommand.
//!
//! Each subcommand has an `Args` struct and a `run` that returns the exit code
//! or a [`Failure`]; [`run`] is the one place that maps failures to exit codes.

pub mod common;
pub mod compare;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod gap;
pub mod init;
pub mod panel;
pub mod report;
pub mod schema;
pub mod score;
pub mod sensitivity;
pub mod style;
pub mod summary;
pub mod trend;
pub mod validate;
pub mod weights;

use std::io::Write;

use clap::{Parser, Subcommand};

use crate::diag::Diagnostic;
use crate::output::WriteError;
use crate::report::xlsx::RenderError;

const AFTER_HELP: &str = "Exit codes:
  0  success
  1  invalid framework or evidence, a --require-tier failure, or output that could not be written
  2  usage error (unknown option, bad argument)";

/// Score, tier and gap-check providers against a declarative indicator framework.
#[derive(Debug, Parser)]
#[command(name = "tierscore", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// Print no warnings on stderr (errors still print)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check frameworks (and evidence against them)
    #[command(after_help = AFTER_HELP)]
    Validate(validate::Args),
    /// Score and tier every provider
    #[command(after_help = AFTER_HELP)]
    Score(score::Args),
    /// Show every indicator's effective weight and AHP consistency ratios; with --method, weights derived from evidence
    #[command(after_help = AFTER_HELP)]
    Weights(weights::Args),
    /// Show what each provider lacks for its target tier, and where the points are
    #[command(after_help = AFTER_HELP)]
    Gap(gap::Args),
    /// Show every number behind one provider's result
    #[command(after_help = AFTER_HELP)]
    Explain(explain::Args),
    /// Group view: providers per tier, mean scores and weakest dimension per attribute value
    #[command(after_help = AFTER_HELP)]
    Summary(summary::Args),
    /// Self-declared against assessor-verified evidence: over-claims, unverified claims, integrity
    #[command(after_help = AFTER_HELP)]
    Compare(compare::Args),
    /// What a framework change does: totals, ranks and tiers under OLD and NEW
    #[command(after_help = diff::AFTER_HELP)]
    Diff(diff::Args),
    /// Write a starter framework and an evidence template (CSV and xlsx) to fill in
    #[command(after_help = AFTER_HELP)]
    Init(init::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff): `tierscore man > tierscore.1`
    Man,
    /// A self-contained HTML report for publication: charts, ranking, gaps, the framework
    #[command(after_help = AFTER_HELP)]
    Report(report::Args),
    /// Expert panels: Kendall's W and its p-value, each expert's leniency, spread alerts
    #[command(after_help = AFTER_HELP)]
    Panel(panel::Args),
    /// Monte Carlo on the weights: each provider's rank interval and tier probabilities
    #[command(after_help = AFTER_HELP)]
    Sensitivity(sensitivity::Args),
    /// Providers across rounds: tier and total per round, change and movement (up, down, same, new, left)
    #[command(after_help = AFTER_HELP)]
    Trend(trend::Args),
    /// Print the JSON Schema of the framework format, for editors (Taplo, Even Better TOML)
    Schema(schema::Args),
}

/// Where a command writes.
pub struct Io<'a> {
    /// Results.
    pub out: &'a mut dyn Write,
    /// Diagnostics and messages.
    pub err: &'a mut dyn Write,
}

/// Process exit codes (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0.
    Success = 0,
    /// 1: invalid input, a failed gate, or output not written.
    Failure = 1,
    /// 2: usage error.
    Usage = 2,
}

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// Invalid framework or evidence: every diagnostic (warnings included).
    Invalid(Vec<Diagnostic>),
    /// A bad argument value.
    Usage(String),
    /// The output could not be written.
    Write(WriteError),
}

impl From<RenderError> for Failure {
    fn from(e: RenderError) -> Self {
        Failure::Write(WriteError::Io(
            "<output>".into(),
            std::io::Error::other(e.to_string()),
        ))
    }
}

impl From<WriteError> for Failure {
    fn from(e: WriteError) -> Self {
        Failure::Write(e)
    }
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli, io: &mut Io) -> Exit {
    style::set_quiet(cli.quiet);
    let result = match cli.command {
        Command::Validate(args) => validate::run(args, io),
        Command::Score(args) => score::run(args, io),
        Command::Weights(args) => weights::run(args, io),
        Command::Gap(args) => gap::run(args, io),
        Command::Explain(args) => explain::run(args, io),
        Command::Summary(args) => summary::run(args, io),
        Command::Compare(args) => compare::run(args, io),
        Command::Diff(args) => diff::run(args, io),
        Command::Init(args) => init::run(args, io),
        Command::Completions(args) => completions::completions(args, io),
        Command::Man => completions::man(io),
        Command::Report(args) => report::run(args, io),
        Command::Panel(args) => panel::run(args, io),
        Command::Sensitivity(args) => sensitivity::run(args, io),
        Command::Trend(args) => trend::run(args, io),
        Command::Schema(args) => schema::run(args, io),
    };
    match result {
        Ok(exit) => exit,
        Err(failure) => report_failure(failure, io),
    }
}

fn report_failure(failure: Failure, io: &mut Io) -> Exit {
    // Messages to stderr are best effort: if stderr is gone there is no one to tell.
    match failure {
        Failure::Invalid(diagnostics) => {
            common::print_diagnostics(&diagnostics, io.err);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let _ = writeln!(io.err, "{errors} error(s); nothing was written");
            Exit::Failure
        }
        Failure::Usage(message) => {
            let _ = writeln!(io.err, "{}", style::error_line(&message));
            Exit::Usage
        }
        Failure::Write(WriteError::BrokenPipe) => Exit::Success,
        Failure::Write(e) => {
            let _ = writeln!(io.err, "{e}");
            Exit::Failure
        }
    }
}
