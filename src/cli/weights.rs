//! `tierscore weights`: effective weights and AHP consistency; with `--method`,
//! objective weights (entropy or CRITIC) derived from evidence beside them.

use clap::ValueEnum;

use super::common::{self, EncodingArg, Inputs, LangArg};
use super::{Exit, Failure, Io};
use crate::analysis::objective::{self, Method};
use crate::output;
use crate::report::{Format, weights};
use crate::score;

/// `weights --format`: the score formats, plus `toml` for derived weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightsFormat {
    /// An aligned table for the terminal.
    Table,
    /// Comma-separated values.
    Csv,
    /// JSON with unrounded numbers.
    Json,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// A TOML snippet of derived weights to paste into the framework (needs --method).
    Toml,
}

/// `--method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// The entropy weight method (熵权法).
    Entropy,
    /// CRITIC (contrast intensity and conflict between indicators).
    Critic,
}

impl From<MethodArg> for Method {
    fn from(m: MethodArg) -> Self {
        match m {
            MethodArg::Entropy => Method::Entropy,
            MethodArg::Critic => Method::Critic,
        }
    }
}

/// Arguments of `weights`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The framework file (TOML)
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    framework: String,
    /// Derive weights from the evidence with this method (needs -e)
    #[arg(long, value_enum, requires = "evidence")]
    method: Option<MethodArg>,
    /// The evidence file for --method (CSV, long or wide; `-` for stdin)
    #[arg(short = 'e', long, value_name = "EVIDENCE", requires = "method")]
    evidence: Option<String>,
    /// Provider attributes (CSV with `provider` plus columns such as name, region)
    #[arg(long, value_name = "FILE", requires = "method")]
    providers: Option<String>,
    /// Text encoding of the CSV files
    #[arg(long, value_enum, default_value_t)]
    encoding: EncodingArg,
    /// Treat warnings (e.g. unknown indicators in the evidence) as errors
    #[arg(long)]
    strict: bool,
    /// Output format [default: from the -o extension (.csv, .json, .md, .toml), else toml with --method, else table]
    #[arg(long, value_enum)]
    format: Option<WeightsFormat>,
    /// Write to FILE (atomically) instead of stdout; `-` is stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<String>,
    /// Language of names and headers
    #[arg(long, value_enum, default_value_t)]
    lang: LangArg,
}

impl Args {
    /// The format asked for, else the one the output file's extension implies, else the default.
    fn format(&self) -> WeightsFormat {
        let from_extension = || {
            let path = self.output.as_deref()?;
            if path.to_ascii_lowercase().ends_with(".toml") {
                return Some(WeightsFormat::Toml);
            }
            Format::from_extension(path).map(|f| match f {
                Format::Table => WeightsFormat::Table,
                Format::Csv => WeightsFormat::Csv,
                Format::Json => WeightsFormat::Json,
                Format::Markdown => WeightsFormat::Markdown,
            })
        };
        self.format
            .or_else(from_extension)
            .unwrap_or(match self.method {
                Some(_) => WeightsFormat::Toml,
                None => WeightsFormat::Table,
            })
    }
}

/// Runs `weights`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let format = args.format();
    let lang = args.lang.into();
    let (text, inputs) = match (args.method, &args.evidence) {
        (Some(method), Some(evidence)) => {
            let inputs = Inputs {
                framework: args.framework.clone(),
                evidence: evidence.clone(),
                providers: args.providers.clone(),
                encoding: args.encoding,
                strict: args.strict,
            };
            let loaded = common::load(&inputs)?;
            common::print_diagnostics(&loaded.warnings, io.err);
            let fw = &loaded.framework;
            let scores = score::score(fw, &loaded.evidence).map_err(Failure::Invalid)?;
            let derived = objective::derive(fw, &loaded.evidence, &scores, method.into());
            let text = match format {
                WeightsFormat::Toml => weights::derived_toml(fw, &derived, scores.providers.len()),
                other => weights::render_derived(fw, &derived, plain(other), lang),
            };
            (text, inputs.paths().into_iter().map(String::from).collect())
        }
        _ => {
            if format == WeightsFormat::Toml {
                return Err(Failure::Usage(
                    "`--format toml` prints derived weights: give `--method entropy|critic` and `-e EVIDENCE`".into(),
                ));
            }
            let loaded = common::load_framework(&args.framework).map_err(Failure::Invalid)?;
            common::print_diagnostics(&loaded.warnings, io.err);
            let text = weights::render(&loaded.framework, plain(format), lang);
            (text, vec![args.framework.clone()])
        }
    };
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    output::emit(args.output.as_deref(), &inputs, text.as_bytes(), io.out)?;
    Ok(Exit::Success)
}

/// The shared format for everything but TOML.
fn plain(format: WeightsFormat) -> Format {
    match format {
        WeightsFormat::Csv => Format::Csv,
        WeightsFormat::Json => Format::Json,
        WeightsFormat::Markdown => Format::Markdown,
        WeightsFormat::Table | WeightsFormat::Toml => Format::Table,
    }
}
