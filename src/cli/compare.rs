//! `tierscore compare`: self-declared against assessor-verified evidence.

use super::common::{self, OutputArgs, Sources};
use super::{Exit, Failure, Io};
use crate::compare::{self, Sides};
use crate::report::compare::{self as render, View};
use crate::session::Session;

/// Arguments of `compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The framework file (TOML)
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    framework: String,
    /// The self-declared evidence (CSV, long or wide)
    ///
    /// What the providers declared (自评). It is scored against the same framework, but only the
    /// verified file decides the result.
    #[arg(long = "self", value_name = "A")]
    declared: String,
    /// The assessor-verified evidence (CSV, long or wide); it decides the result
    #[arg(long, value_name = "B")]
    verified: String,
    /// A declared score may exceed the verified one by this much (s units, 0–1) before it is an over-claim
    ///
    /// Compared on the indicator scores s, not the raw values: `--tolerance 0.1` forgives 10
    /// points of one indicator's score. An indicator whose verified value triggers a veto that
    /// the declared value does not is an over-claim whatever the tolerance. Must be ≥ 0.
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    tolerance: f64,
    /// Add one row per (provider, indicator) whose declared and verified values differ
    ///
    /// The rows carry
    /// `indicator,self_value,verified_value,self_score,verified_score,difference,flag`, where
    /// flag is overclaim, underclaim, within_tolerance, unverified, unclaimed or
    /// not_applicable.
    #[arg(long)]
    detail: bool,
    #[command(flatten)]
    sources: Sources,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `compare`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    if !(args.tolerance.is_finite() && args.tolerance >= 0.0) {
        return Err(Failure::Usage(format!(
            "--tolerance must be a number ≥ 0 (in score units, 0–1), not {}",
            args.tolerance
        )));
    }
    if args.declared == "-" && args.verified == "-" {
        return Err(Failure::Usage(
            "--self and --verified cannot both be stdin".into(),
        ));
    }
    let mut paths = vec![args.framework.as_str(), &args.declared, &args.verified];
    paths.extend(args.sources.extra_paths());
    common::one_stdin(&paths)?;
    let sources = args.sources.with(&args.framework, "");
    let loaded = Session::load_compare(&sources, &args.declared, &args.verified)
        .map_err(Failure::Invalid)?;
    common::print_diagnostics(&loaded.warnings, io.err);
    let fw = &loaded.framework;
    let sides = Sides {
        declared: &loaded.declared.evidence,
        declared_scores: &loaded.declared.scores,
        verified: &loaded.verified.evidence,
        verified_scores: &loaded.verified.scores,
    };
    let rows = compare::compare(fw, &sides, args.tolerance, args.detail);
    let view = View {
        detail: args.detail,
        lang: args.output.lang.get(),
    };
    let bytes = render::render_bytes(fw, &rows, args.tolerance, args.output.format(), view)?;
    args.output.write(&paths, &bytes, io.out)?;
    common::leave_to_os((rows, bytes));
    common::leave_to_os(loaded);
    Ok(Exit::Success)
}
