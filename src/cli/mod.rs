//! The command line: clap definitions and one module per subcommand.
//!
//! Each subcommand has an `Args` struct and a `run` that returns the exit code
//! or a [`Failure`]; [`run`] is the one place that maps failures to exit codes.

pub mod cap;
pub mod common;
pub mod compare;
pub mod completions;
pub mod diff;
pub mod expert_sheets;
pub mod explain;
pub mod gap;
pub mod init;
pub mod panel;
pub mod report;
pub mod round;
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
    /// Print at most N errors and N warnings, then count the rest (0: print all)
    #[arg(long, global = true, value_name = "N", default_value_t = cap::DEFAULT_MAX_ERRORS)]
    pub max_errors: usize,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check frameworks (and evidence against them)
    ///
    /// Reads each framework file and reports every problem in one run, each at its place
    /// (path:line:col: error: message, then a help line): syntax, types, unknown keys,
    /// duplicate or dangling ids, weights, AHP consistency, tier order, thresholds. With -e,
    /// also reads the evidence against each framework. Exit 1 when any file has an error;
    /// nothing is scored. See docs/commands/validate.md.
    #[command(after_help = AFTER_HELP)]
    Validate(validate::Args),
    /// Score and tier every provider
    ///
    /// Each indicator's value becomes a score s in [0, 1] by its rule; a dimension's score is
    /// the weighted mean of its indicators' s × 100, and the total the weighted mean of the
    /// dimensions. Providers are ranked by total (competition ranks; totals equal to 9 decimals
    /// tie) and given the first tier, best first, all of whose conditions hold, `none` when
    /// none does, and `vetoed` when a veto holds. See docs/commands/score.md.
    #[command(after_help = AFTER_HELP)]
    Score(score::Args),
    /// Show every indicator's effective weight and AHP consistency ratios; with --method, weights derived from evidence
    #[command(after_help = AFTER_HELP)]
    Weights(weights::Args),
    /// Show what each provider lacks for its target tier, and where the points are
    ///
    /// Per provider: the target tier (the next one up, or --target), its unmet conditions
    /// (vetoes first, then total, each dimension, each require) and the indicators ranked by
    /// the points they would add at s = 1, with the least value of each that alone reaches the
    /// target's min_total. See docs/commands/gap.md.
    #[command(after_help = AFTER_HELP)]
    Gap(gap::Args),
    /// Show every number behind one provider's result
    ///
    /// The value, source, rule, s, effective weights and points of every indicator, each
    /// dimension's score and share, every tier condition (held, failed or skipped) and every
    /// veto (triggered, clear, missing or skipped). A provider not in the evidence is a usage
    /// error naming near matches. See docs/commands/explain.md.
    #[command(after_help = AFTER_HELP)]
    Explain(explain::Args),
    /// Group view: providers per tier, mean scores and weakest dimension per attribute value
    ///
    /// One row per value of a provider attribute (--by, e.g. region), then `all`: providers per
    /// tier, the mean total and dimension scores, and the weakest dimension. See
    /// docs/commands/summary.md.
    #[command(after_help = AFTER_HELP)]
    Summary(summary::Args),
    /// Self-declared against assessor-verified evidence: over-claims, unverified claims, integrity
    ///
    /// Both files are scored against the same framework and the verified one decides the
    /// result. Per provider: totals and tiers of both, over-claims (declared s above verified s
    /// by more than --tolerance, or a hidden veto), claims without a verified value, and
    /// integrity = 1 − overclaims / claimed. See docs/commands/compare.md.
    #[command(after_help = AFTER_HELP)]
    Compare(compare::Args),
    /// What a framework change does: totals, ranks and tiers under OLD and NEW
    ///
    /// The same evidence is scored under both frameworks: per provider the totals, the change,
    /// the ranks and tiers under each, and whether the tier went up or down; then Spearman's
    /// rank correlation. With --fail-on-tier-change it gates CI on edits to indicator files.
    /// See docs/commands/diff.md.
    #[command(after_help = diff::AFTER_HELP)]
    Diff(diff::Args),
    /// Write a starter framework and an evidence template (CSV and xlsx) to fill in
    ///
    /// Writes CATEGORY.toml (the shipped framework behind a commented guide),
    /// CATEGORY-evidence.csv and CATEGORY-evidence.xlsx (one row per indicator, with
    /// drop-down lists in the workbook). Refuses to overwrite without --force. See
    /// docs/commands/init.md.
    #[command(after_help = AFTER_HELP)]
    Init(init::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff): `tierscore man > tierscore.1`
    Man,
    /// A self-contained HTML report for publication: charts, ranking, gaps, the framework
    ///
    /// One HTML file with everything inline (styles, script, SVG charts): tier distribution,
    /// the regional view, a sortable ranking, a radar and the gaps per provider, and the
    /// framework with the basis of every threshold. Printable on A4; byte-identical for the
    /// same inputs and --date. See docs/commands/report.md.
    #[command(after_help = AFTER_HELP)]
    Report(report::Args),
    /// Expert panels: Kendall's W and its p-value, each expert's leniency, spread alerts
    #[command(after_help = AFTER_HELP)]
    Panel(panel::Args),
    /// Monte Carlo on the weights: each provider's rank interval and tier probabilities
    ///
    /// Every dimension and indicator weight is multiplied by its own factor, drawn between
    /// 1 − jitter and 1 + jitter, in each of --samples samples; per provider the median rank, the 5–95% rank
    /// interval, the probability of each tier and whether its tier never changed. Reproducible
    /// with --seed whatever the number of threads. See docs/commands/sensitivity.md.
    #[command(after_help = AFTER_HELP)]
    Sensitivity(sensitivity::Args),
    /// Providers across rounds: tier and total per round, change and movement (up, down, same, new, left)
    #[command(after_help = AFTER_HELP)]
    Trend(trend::Args),
    /// Print the JSON Schema of the framework format, for editors (Taplo, Even Better TOML)
    ///
    /// Every key of a framework file with its description, type and allowed values, unknown
    /// keys rejected (draft 2020-12). Point an editor at it with a `#:schema` line or a
    /// .taplo.toml rule. See docs/commands/schema.md.
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
    cap::set_max_errors(cli.max_errors);
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
        // A problem with a flag (an unknown `--records` table, no `--as-of`) is a usage error.
        Failure::Invalid(diagnostics)
            if diagnostics.iter().any(crate::records::is_flag_problem) =>
        {
            for d in diagnostics
                .iter()
                .filter(|d| crate::records::is_flag_problem(d))
            {
                let _ = writeln!(
                    io.err,
                    "{}",
                    style::error_line(&format!("{}: {}", d.file, d.message))
                );
                if let Some(help) = &d.help {
                    let _ = writeln!(io.err, "  = help: {help}");
                }
            }
            Exit::Usage
        }
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
