//! `tierscore diff OLD NEW -e EVIDENCE`: what a framework change does.

use super::common::{self, OutputArgs, Sources};
use super::{Exit, Failure, Io};
use crate::diff::{self, Diff};
use crate::report::diff::{self as render, Pair};
use crate::session::Session;

/// `--help` text on exit codes: a changed tier fails only under `--fail-on-tier-change`.
pub const AFTER_HELP: &str = "Exit codes:
  0  success (also when tiers changed, unless --fail-on-tier-change)
  1  invalid framework or evidence, a tier changed under --fail-on-tier-change, or output not written
  2  usage error (unknown option, bad argument)";

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The framework before the change (TOML)
    #[arg(value_name = "OLD")]
    old: String,
    /// The framework after the change (TOML)
    #[arg(value_name = "NEW")]
    new: String,
    /// The evidence file (CSV, long or wide; `-` for stdin), scored under both
    #[arg(short = 'e', long, value_name = "EVIDENCE")]
    evidence: String,
    /// Exit 1 when any provider's tier changes (for CI on changes to indicator files)
    ///
    /// The results are still written; stderr lists each provider whose tier changed, with the
    /// direction (`tengyue (none → enterprise, up)`). Tiers are matched by id: a tier whose
    /// thresholds moved but whose id stayed is no change.
    #[arg(long)]
    fail_on_tier_change: bool,
    #[command(flatten)]
    sources: Sources,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `diff`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let mut inputs = vec![args.old.as_str(), args.new.as_str(), args.evidence.as_str()];
    inputs.extend(args.sources.extra_paths());
    common::one_stdin(&inputs)?;
    let sources = args.sources.with("", &args.evidence);
    let loaded = Session::load_diff(&sources, &args.old, &args.new).map_err(Failure::Invalid)?;
    common::print_diagnostics(&loaded.warnings, io.err);
    let ((old_fw, old), (new_fw, new)) = (&loaded.old, &loaded.new);
    let (old, new) = (&old.scores, &new.scores);
    let diff = diff::diff(old_fw, old, new_fw, new);
    let fws = Pair {
        old: old_fw,
        new: new_fw,
    };
    let bytes = render::render_bytes(&fws, &diff, args.output.format(), args.output.lang.get())?;
    args.output.write(&inputs, &bytes, io.out)?;
    let exit = if args.fail_on_tier_change && diff.summary.tier_changed > 0 {
        report_changes(&fws, &diff, io);
        Exit::Failure
    } else {
        Exit::Success
    };
    common::leave_to_os((loaded, diff));
    Ok(exit)
}

fn report_changes(fws: &Pair, diff: &Diff, io: &mut Io) {
    let changed: Vec<String> = diff
        .providers
        .iter()
        .filter_map(|p| {
            let c = p.tier_change?;
            Some(format!(
                "{} ({} → {}, {})",
                p.provider,
                p.old_tier.id(fws.old),
                p.new_tier.id(fws.new),
                c.id()
            ))
        })
        .collect();
    // Best effort: a closed stderr leaves no one to tell.
    let message = format!(
        "{} provider(s) changed tier: {}",
        changed.len(),
        changed.join(", ")
    );
    let _ = writeln!(io.err, "{}", super::style::error_line(&message));
}
