//! `tierscore compare`: self-declared against assessor-verified evidence.

use super::common::{self, EncodingArg, Inputs, Loaded, OutputArgs};
use super::{Exit, Failure, Io};
use crate::compare::{self, Sides};
use crate::diag::Diagnostic;
use crate::report::compare::{self as render, View};
use crate::score;

/// Arguments of `compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The framework file (TOML)
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    framework: String,
    /// The self-declared evidence (CSV, long or wide)
    #[arg(long = "self", value_name = "A")]
    declared: String,
    /// The assessor-verified evidence (CSV, long or wide); it decides the result
    #[arg(long, value_name = "B")]
    verified: String,
    /// Provider attributes (CSV with `provider` plus columns such as name, region)
    #[arg(long, value_name = "FILE")]
    providers: Option<String>,
    /// A declared score may exceed the verified one by this much (s units, 0–1) before it is an over-claim
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    tolerance: f64,
    /// Add one row per (provider, indicator) whose declared and verified values differ
    #[arg(long)]
    detail: bool,
    /// Text encoding of the CSV files
    #[arg(long, value_enum, default_value_t)]
    encoding: EncodingArg,
    /// Treat warnings (e.g. unknown indicators in the evidence) as errors
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

impl Args {
    fn inputs(&self, evidence: &str) -> Inputs {
        Inputs {
            framework: self.framework.clone(),
            evidence: evidence.to_string(),
            providers: self.providers.clone(),
            sheet: None,
            encoding: self.encoding,
            strict: self.strict,
        }
    }
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
    if args.framework == "-" {
        return Err(Failure::Usage(
            "compare reads the framework for each side: give it as a file, not stdin".into(),
        ));
    }
    let mut inputs = vec![args.framework.as_str(), &args.declared, &args.verified];
    inputs.extend(args.providers.as_deref());
    common::one_stdin(&inputs)?;
    let declared_inputs = args.inputs(&args.declared);
    let verified_inputs = args.inputs(&args.verified);
    let (declared, verified) = load_both(&declared_inputs, &verified_inputs, io)?;
    let fw = &verified.framework;
    let (declared_scores, verified_scores) = match (
        score::score(fw, &declared.evidence),
        score::score(fw, &verified.evidence),
    ) {
        (Ok(d), Ok(v)) => (d, v),
        (d, v) => {
            let mut all = d.err().unwrap_or_default();
            all.extend(v.err().unwrap_or_default());
            return Err(Failure::Invalid(all));
        }
    };
    let sides = Sides {
        declared: &declared.evidence,
        declared_scores: &declared_scores,
        verified: &verified.evidence,
        verified_scores: &verified_scores,
    };
    let rows = compare::compare(fw, &sides, args.tolerance);
    warn_one_sided(&args, &rows, io);
    let view = View {
        detail: args.detail,
        lang: args.output.lang.into(),
    };
    let bytes = render::render_bytes(fw, &rows, args.tolerance, args.output.format(), view)?;
    let mut paths = declared_inputs.paths();
    paths.push(&args.verified);
    args.output.write(&paths, &bytes, io.out)?;
    Ok(Exit::Success)
}

/// Loads both files, reporting every problem of both (the framework's once).
fn load_both(
    declared: &Inputs,
    verified: &Inputs,
    io: &mut Io,
) -> Result<(Loaded, Loaded), Failure> {
    let (d, v) = (common::load(declared), common::load(verified));
    let diagnostics = |r: &Result<Loaded, Failure>| -> Vec<Diagnostic> {
        match r {
            Ok(l) => l.warnings.clone(),
            Err(Failure::Invalid(all)) => all.clone(),
            Err(_) => Vec::new(),
        }
    };
    let mut all = diagnostics(&d);
    for x in diagnostics(&v) {
        if !all.contains(&x) {
            all.push(x);
        }
    }
    match (d, v) {
        (Ok(d), Ok(v)) => {
            common::print_diagnostics(&all, io.err);
            Ok((d, v))
        }
        _ => Err(Failure::Invalid(all)),
    }
}

fn warn_one_sided(args: &Args, rows: &[compare::ProviderComparison], io: &mut Io) {
    let mut warnings = Vec::new();
    for p in rows {
        if p.verified.is_none() {
            warnings.push(Diagnostic::warning(
                &args.verified,
                None,
                format!(
                    "provider `{}` is not in this file: every claim counts as unverified",
                    p.provider
                ),
            ));
        } else if p.declared.is_none() {
            warnings.push(Diagnostic::warning(
                &args.declared,
                None,
                format!(
                    "provider `{}` is not in this file: compared with no claims",
                    p.provider
                ),
            ));
        }
    }
    common::print_diagnostics(&warnings, io.err);
}
