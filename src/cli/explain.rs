//! `tierscore explain`: every number behind one provider's result.

use clap::ValueEnum;

use super::common::{self, Inputs, LangArg};
use super::{Exit, Failure, Io};
use crate::explain;
use crate::output;
use crate::report::explain::{self as render, Explained};
use crate::score;

/// `--format` of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExplainFormat {
    /// Readable text with tables.
    #[default]
    Text,
    /// JSON with unrounded numbers.
    Json,
}

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// The provider id to explain
    #[arg(value_name = "PROVIDER")]
    provider: String,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: ExplainFormat,
    /// Write to FILE (atomically) instead of stdout; `-` is stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<String>,
    /// Language of names and headers [default: from LC_ALL/LANG: zh_* → zh, other locales → en; unset, C or POSIX → zh]
    #[arg(long, value_enum, default_value_t = LangArg::from_env(), hide_default_value = true)]
    lang: LangArg,
}

/// Runs `explain`. An unknown provider is a usage error (exit 2) naming near matches.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let loaded = common::load(&args.inputs)?;
    common::print_diagnostics(&loaded.warnings, io.err);
    let fw = &loaded.framework;
    if loaded.evidence.provider(&args.provider).is_none() {
        let ids = loaded.evidence.providers.iter().map(|p| p.id.as_str());
        return Err(super::gap::unknown_provider(ids, &args.provider));
    }
    let scores = score::score(fw, &loaded.evidence).map_err(Failure::Invalid)?;
    let Some(provider) = scores
        .providers
        .iter()
        .find(|p| p.provider == args.provider)
    else {
        return Err(super::gap::unknown_provider(
            scores.providers.iter().map(|p| p.provider.as_str()),
            &args.provider,
        ));
    };
    let explanation = explain::explain(fw, &loaded.evidence, &scores, provider);
    let subject = Explained {
        fw,
        provider,
        explanation: &explanation,
        ranges: &scores.ranges,
        evidence: &loaded.evidence,
    };
    let text = match args.format {
        ExplainFormat::Text => render::to_text(&subject, args.lang.into()),
        ExplainFormat::Json => render::json(&subject),
    };
    output::emit(
        args.output.as_deref(),
        &args.inputs.paths(),
        text.as_bytes(),
        io.out,
    )?;
    Ok(Exit::Success)
}
