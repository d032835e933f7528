//! `tierscore weights`: effective weights and AHP consistency; with `--method`,
//! objective weights (entropy or CRITIC) derived from evidence beside them.

use clap::ValueEnum;

use super::common::{self, Inputs, OutputArgs, Sources};
use super::{Exit, Failure, Io};
use crate::analysis::critic::Variant;
use crate::analysis::objective::{self, Method};
use crate::report::{Format, weights};
use crate::session::Session;

/// `--method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// The entropy weight method (熵权法).
    Entropy,
    /// CRITIC (contrast intensity and conflict between indicators).
    Critic,
}

impl MethodArg {
    /// The method, with CRITIC's variant.
    fn with(self, variant: CriticVariantArg) -> Method {
        match (self, variant) {
            (MethodArg::Entropy, _) => Method::Entropy,
            (MethodArg::Critic, CriticVariantArg::Minmax) => Method::Critic(Variant::MinMax),
            (MethodArg::Critic, CriticVariantArg::Scores) => Method::Critic(Variant::Scores),
        }
    }
}

/// `--critic-variant`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CriticVariantArg {
    /// As published (Diakoulaki et al. 1995; pymcdm, pyDecision): each indicator's scores are
    /// min-max normalised before their standard deviation is taken
    #[default]
    Minmax,
    /// The standard deviation of the scores s as they are (all on [0, 1]), not normalised: an
    /// indicator on which providers barely differ keeps a small contrast
    Scores,
}

/// Arguments of `weights`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The framework file (TOML)
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    framework: String,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    derive: DeriveArgs,
    #[command(flatten)]
    sources: Sources,
}

/// `--method` and the evidence it reads.
#[derive(Debug, clap::Args)]
struct DeriveArgs {
    /// Derive weights from the evidence with this method (needs -e). Prints a TOML snippet
    /// to paste into the framework unless --format (or the -o extension) asks for a table
    #[arg(long, value_enum, requires = "evidence")]
    method: Option<MethodArg>,
    /// Which standard deviation CRITIC uses: `minmax` (the default, as published) or `scores`
    ///
    /// `minmax` min-max normalises each indicator's scores over the providers first, as
    /// Diakoulaki, Mavrotas and Papayannakis (1995) and the pymcdm and pyDecision packages do, so
    /// the contrast σ is relative to the indicator's own range. `scores` takes σ of the scores s
    /// as they are: an indicator on which all providers score between 0.50 and 0.58 then counts
    /// for little. The variant is named in the output (the TOML header, the table's last line,
    /// `"variant"` in JSON, the `critic_scores_` column prefix in CSV).
    #[arg(long, value_enum, default_value_t, requires = "method")]
    critic_variant: CriticVariantArg,
    /// The evidence file for --method (CSV, long or wide; `-` for stdin)
    #[arg(short = 'e', long, value_name = "EVIDENCE", requires = "method")]
    evidence: Option<String>,
}

/// Runs `weights`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    if let (Some(method), Some(evidence)) = (args.derive.method, &args.derive.evidence) {
        let method = method.with(args.derive.critic_variant);
        return run_derived(&args, method, evidence, io);
    }
    if args.sources.providers.is_some() || args.sources.sheet.is_some() {
        return Err(Failure::Usage(
            "--providers and --sheet are read with the evidence: give --method and -e".into(),
        ));
    }
    let loaded = Session::load_framework(&args.sources.with(&args.framework, ""))
        .map_err(Failure::Invalid)?;
    common::print_diagnostics(&loaded.warnings, io.err);
    let bytes = weights::render_bytes(
        &loaded.framework,
        args.output.format(),
        args.output.lang.get(),
    )?;
    args.output
        .write(&[args.framework.as_str()], &bytes, io.out)?;
    Ok(Exit::Success)
}

/// `weights --method`: the TOML snippet, or with a format asked for, the side-by-side table.
fn run_derived(args: &Args, method: Method, evidence: &str, io: &mut Io) -> Result<Exit, Failure> {
    let inputs = Inputs::new(&args.framework, evidence, args.sources.clone());
    let loaded = common::load(&inputs, io)?;
    let (fw, scores) = (&loaded.framework, &loaded.scores);
    let derived = objective::derive(fw, &loaded.evidence, scores, method);
    let asked = args.output.format.or_else(|| {
        args.output
            .output
            .as_deref()
            .and_then(Format::from_extension)
    });
    let bytes = match asked {
        None => weights::derived_toml(fw, &derived, scores.providers.len()).into_bytes(),
        Some(format) => {
            weights::render_derived_bytes(fw, &derived, format, args.output.lang.get())?
        }
    };
    args.output.write(&inputs.paths(), &bytes, io.out)?;
    Ok(Exit::Success)
}
