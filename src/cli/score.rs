//! `tierscore score`: score and tier every provider.

use super::common::{self, Inputs, OutputArgs};
use super::{Exit, Failure, Io};
use crate::diag::printable;
use crate::framework::Framework;
use crate::report::Format;
use crate::report::scores::{self, View};
use crate::score::Scores;
use crate::tier::Assigned;

/// Arguments of `score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    output: OutputArgs,
    /// Add one column per indicator (its score s × 100)
    ///
    /// In CSV and workbooks the columns follow the dimension columns, named by indicator id; in
    /// tables and Markdown by name. A missing or not-applicable value is an empty cell.
    #[arg(long)]
    detail: bool,
    /// Exit 1 when any provider ends below TIER (a tier id, or `none`)
    ///
    /// Tiers are ordered best first, then `none`, then `vetoed`: `--require-tier city` fails
    /// when any provider is at a lower tier, has none or is vetoed; `--require-tier none` fails
    /// only on vetoes. The results are still written, and stderr names every provider below
    /// TIER. An unknown tier id is a usage error (exit 2).
    #[arg(long, value_name = "TIER")]
    require_tier: Option<String>,
}

/// Runs `score`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let loaded = common::load(&args.inputs, io)?;
    let (fw, scores) = (&loaded.framework, &loaded.scores);
    let gate = args
        .require_tier
        .as_deref()
        .map(|t| parse_tier(fw, t))
        .transpose()?;
    let view = View {
        detail: args.detail,
        lang: args.output.lang.get(),
    };
    let (format, paths) = (args.output.format(), args.inputs.paths());
    if format == Format::Csv {
        // Streamed: the largest output never exists whole in memory.
        args.output.write_with(&paths, io.out, &mut |w| {
            scores::write_csv(fw, &loaded.evidence, scores, view.detail, w)
        })?;
    } else if format == Format::Json {
        args.output.write_with(&paths, io.out, &mut |w| {
            scores::write_json(fw, &loaded.evidence, scores, w)
        })?;
    } else {
        let bytes = scores::render_bytes(fw, &loaded.evidence, scores, format, view)?;
        args.output.write(&paths, &bytes, io.out)?;
    }
    let exit = match gate {
        Some(required) => check_gate(fw, scores, required, io),
        None => Exit::Success,
    };
    common::leave_to_os(loaded);
    Ok(exit)
}

/// A tier id for `--require-tier`, or a usage error listing the choices.
pub fn parse_tier(fw: &Framework, id: &str) -> Result<Assigned, Failure> {
    Assigned::parse(fw, id)
        .filter(|a| !matches!(a, Assigned::Vetoed | Assigned::Incomplete))
        .ok_or_else(|| {
            let mut known: Vec<&str> = fw.tiers.iter().map(|t| t.id.as_str()).collect();
            known.push("none");
            Failure::Usage(format!(
                "unknown tier `{id}`; this framework's tiers are: {}",
                known.join(", ")
            ))
        })
}

fn check_gate(fw: &Framework, scores: &Scores, required: Assigned, io: &mut Io) -> Exit {
    let below: Vec<String> = scores
        .providers
        .iter()
        .filter(|p| p.tier.assigned.order(fw) > required.order(fw))
        .map(|p| format!("{} ({})", printable(&p.provider), p.tier.assigned.id(fw)))
        .collect();
    if below.is_empty() {
        return Exit::Success;
    }
    let message = format!(
        "{} provider(s) below tier `{}`: {}",
        below.len(),
        required.id(fw),
        below.join(", ")
    );
    let _ = writeln!(io.err, "{}", super::style::error_line(&message));
    Exit::Failure
}
