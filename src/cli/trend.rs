//! `tierscore trend RESULTS...`: providers across rounds (SPEC §9).

use super::common::{self, OutputArgs};
use super::{Exit, Failure, Io};
use crate::diag::{self, Diagnostic};
use crate::evidence;
use crate::input::Encoding;
use crate::report::trend::{self as render, View};
use crate::results::{self, FrameworkRef};
use crate::trend::{self, Round, TierOrder};

/// Arguments of `trend`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Result files of `score --format csv` or `--format json`, oldest round first
    #[arg(value_name = "RESULTS", required = true, num_args = 2..)]
    results: Vec<String>,
    /// A label per round, in the same order (repeat it) [default: each file's stem]
    #[arg(long = "label", value_name = "LABEL")]
    labels: Vec<String>,
    /// The framework the rounds were scored with: its tier order, and a check of every tier id
    /// [default: the order is inferred from the totals, with a warning]
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    framework: Option<String>,
    /// Tier counts per round for each value of this provider attribute (e.g. region)
    #[arg(long, value_name = "ATTRIBUTE", requires = "providers")]
    by: Option<String>,
    /// Provider attributes (CSV with `provider` plus columns such as region), for --by
    #[arg(long, value_name = "FILE", requires = "by")]
    providers: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `trend`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let labels = labels(&args)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let fw = match &args.framework {
        Some(path) => match crate::session::read_framework(path) {
            Ok(loaded) => {
                warnings.extend(loaded.warnings);
                Some(loaded.framework)
            }
            Err(d) => return Err(Failure::Invalid(d)),
        },
        None => None,
    };
    // The files are independent: read them on every core, then check them in order.
    let read: Vec<_> = {
        use rayon::prelude::*;
        args.results
            .par_iter()
            .map(|path| results::load(path))
            .collect()
    };
    let mut rounds = Vec::new();
    for (read, label) in read.into_iter().zip(labels) {
        match read {
            Ok(results) => {
                if let Some(fw) = &fw {
                    problems.extend(results::check_tiers(&results, fw));
                }
                rounds.push(Round { label, results });
            }
            Err(d) => problems.extend(d),
        }
    }
    problems.extend(same_framework(&rounds));
    if !problems.is_empty() {
        warnings.extend(problems);
        return Err(Failure::Invalid(warnings));
    }
    let order = match &fw {
        Some(fw) => TierOrder::from_framework(fw),
        None => TierOrder::infer(&rounds),
    };
    if order.inferred {
        warnings.push(inferred_warning(&args.results[0], &order));
    }
    let attributes = match &args.providers {
        Some(path) => {
            Some(evidence::load_attributes(path, Encoding::Auto).map_err(Failure::Invalid)?)
        }
        None => None,
    };
    common::print_diagnostics(&warnings, io.err);
    let trend = trend::trend(&rounds, order);
    let named = fw
        .as_ref()
        .map(|f| (f.id.as_str(), f.version.as_str()))
        .or_else(|| {
            let r = rounds
                .iter()
                .rev()
                .find_map(|r| r.results.framework.as_ref())?;
            Some((r.id.as_str(), r.version.as_str()))
        });
    let groups = match (&args.by, &attributes) {
        (Some(by), Some(attrs)) => Some(trend::by_group(&trend, attrs, by).ok_or_else(|| {
            Failure::Usage(format!(
                "no provider of these rounds has the attribute `{by}` in {}",
                args.providers.as_deref().unwrap_or_default()
            ))
        })?),
        _ => None,
    };
    let view = match (&args.by, &groups) {
        (Some(by), Some(groups)) => View::Groups(by, groups),
        _ => View::Providers,
    };
    let format = args.output.format();
    let bytes = render::render_bytes(&trend, view, named, format, args.output.lang.get())?;
    let mut inputs: Vec<&str> = args.results.iter().map(String::as_str).collect();
    inputs.extend(args.framework.as_deref());
    inputs.extend(args.providers.as_deref());
    args.output.write(&inputs, &bytes, io.out)?;
    common::leave_to_os((groups, trend, bytes));
    common::leave_to_os((rounds, attributes));
    Ok(Exit::Success)
}

/// `--label`s, or the file stems; every label distinct.
fn labels(args: &Args) -> Result<Vec<String>, Failure> {
    if !args.labels.is_empty() && args.labels.len() != args.results.len() {
        return Err(Failure::Usage(format!(
            "{} --label(s) for {} result files: give one label per file, or none",
            args.labels.len(),
            args.results.len()
        )));
    }
    let labels: Vec<String> = if args.labels.is_empty() {
        args.results.iter().map(|p| stem(p)).collect()
    } else {
        args.labels.clone()
    };
    for (i, label) in labels.iter().enumerate() {
        if label.is_empty() {
            return Err(Failure::Usage("a round label is empty".into()));
        }
        if labels[..i].contains(label) {
            return Err(Failure::Usage(format!(
                "two rounds are labelled `{label}`; name them apart with --label"
            )));
        }
    }
    Ok(labels)
}

/// A file's name without directory and extension (`-` stays `-`).
fn stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Rounds that name their framework (JSON) must name the same one.
fn same_framework(rounds: &[Round]) -> Vec<Diagnostic> {
    let named: Vec<(&str, &FrameworkRef)> = rounds
        .iter()
        .filter_map(|r| Some((r.results.file.as_str(), r.results.framework.as_ref()?)))
        .collect();
    let Some((first_file, first)) = named.first() else {
        return Vec::new();
    };
    named
        .iter()
        .filter(|(_, f)| f.id != first.id)
        .map(|(file, f)| {
            let message = format!(
                "these results are of framework `{}`, but {first_file} is of `{}`",
                diag::printable(&f.id),
                diag::printable(&first.id)
            );
            Diagnostic::error(file, Some(f.location), message)
                .with_help("a trend compares rounds of one framework")
        })
        .collect()
}

fn inferred_warning(file: &str, order: &TierOrder) -> Diagnostic {
    let message = format!(
        "no framework given: tier order inferred from the totals as {}",
        order.tiers.join(" > ")
    );
    Diagnostic::warning(file, None, message)
        .with_help("give -f FRAMEWORK to use the framework's order and check every tier id")
}
