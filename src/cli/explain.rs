//! `tierscore explain`: every number behind one provider's result.

use clap::ValueEnum;

use super::common::{self, Inputs, LangFlag, unknown_provider};
use super::{Exit, Failure, Io};
use crate::explain;
use crate::output;
use crate::report::derived;
use crate::report::explain::{self as render, Explained};

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
    #[command(flatten)]
    lang: LangFlag,
}

/// Runs `explain`. An unknown provider is a usage error (exit 2) naming near matches.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let loaded = common::load(&args.inputs, io)?;
    let (fw, scores) = (&loaded.framework, &loaded.scores);
    let Some(provider) = scores.find(&loaded.evidence, &args.provider) else {
        let ids = loaded.evidence.providers.iter().map(|p| p.id.as_str());
        return Err(unknown_provider(ids, &args.provider));
    };
    let explanation = explain::explain(fw, &loaded.evidence, scores, provider);
    let subject = Explained {
        fw,
        provider,
        explanation: &explanation,
        ranges: &scores.ranges,
        evidence: &loaded.evidence,
    };
    let derived = derived::parts(fw, &loaded.evidence, &loaded.ledgers, &provider.provider);
    let text = match args.format {
        ExplainFormat::Text => {
            let mut text = render::to_text(&subject, args.lang.get());
            text.push_str(&derived::text(fw, &derived, args.lang.get()));
            text
        }
        ExplainFormat::Json => {
            let mut json = render::to_json(&subject);
            if let Some(m) = json.as_object_mut().filter(|_| !derived.is_empty()) {
                m.insert("derived".into(), derived::json(fw, &derived));
            }
            crate::report::json_text(&json)
        }
    };
    output::emit(
        args.output.as_deref(),
        &args.inputs.paths(),
        text.as_bytes(),
        io.out,
    )?;
    common::leave_to_os(loaded);
    Ok(Exit::Success)
}
