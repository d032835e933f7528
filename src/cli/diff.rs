//! `tierscore diff OLD NEW -e EVIDENCE`: what a framework change does.

use super::common::{self, EncodingArg, OutputArgs};
use super::{Exit, Failure, Io};
use crate::diag::{self, Diagnostic};
use crate::diff::{self, Diff};
use crate::evidence::{self, Evidence};
use crate::framework::Framework;
use crate::input;
use crate::report::diff::{self as render, Pair};
use crate::score;

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
    /// Provider attributes (CSV with `provider` plus columns such as name, region)
    #[arg(long, value_name = "FILE")]
    providers: Option<String>,
    /// Exit 1 when any provider's tier changes (for CI on changes to indicator files)
    #[arg(long)]
    fail_on_tier_change: bool,
    /// Text encoding of the CSV files
    #[arg(long, value_enum, default_value_t)]
    encoding: EncodingArg,
    /// Treat warnings (e.g. unknown indicators in the evidence) as errors
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Both frameworks and the evidence read against each.
struct Loaded {
    old: (Framework, Evidence),
    new: (Framework, Evidence),
}

/// Runs `diff`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    args.output.check_destination()?;
    let loaded = load(&args, io)?;
    let ((old_fw, old_ev), (new_fw, new_ev)) = (&loaded.old, &loaded.new);
    let (old, new) = match (score::score(old_fw, old_ev), score::score(new_fw, new_ev)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let mut all = o.err().unwrap_or_default();
            all.extend(n.err().unwrap_or_default());
            return Err(Failure::Invalid(dedup(all)));
        }
    };
    let diff = diff::diff(old_fw, &old, new_fw, &new);
    let fws = Pair {
        old: old_fw,
        new: new_fw,
    };
    let bytes = render::render_bytes(&fws, &diff, args.output.format(), args.output.lang.into())?;
    let mut inputs = vec![args.old.as_str(), args.new.as_str(), args.evidence.as_str()];
    inputs.extend(args.providers.as_deref());
    args.output.write(&inputs, &bytes, io.out)?;
    Ok(
        if args.fail_on_tier_change && diff.summary.tier_changed > 0 {
            report_changes(&fws, &diff, io);
            Exit::Failure
        } else {
            Exit::Success
        },
    )
}

/// Loads both frameworks, reads the evidence once (it may be stdin) and parses
/// it against each; every problem of every file is collected.
fn load(args: &Args, io: &mut Io) -> Result<Loaded, Failure> {
    let mut all: Vec<Diagnostic> = Vec::new();
    let mut framework = |path: &str| match common::load_framework(path) {
        Ok(l) => {
            all.extend(l.warnings);
            Some(l.framework)
        }
        Err(d) => {
            all.extend(d);
            None
        }
    };
    let (old, new) = (framework(&args.old), framework(&args.new));
    let encoding = args.encoding.into();
    // The evidence is read once (it may be stdin) and parsed for each framework;
    // a workbook is a file and is simply read twice.
    let workbook = crate::evidence::workbook::is_workbook(&args.evidence);
    let text = (!workbook)
        .then(|| {
            input::read_bytes(&args.evidence)
                .and_then(|b| input::decode(&args.evidence, &b, encoding))
                .map_err(|d| all.push(d))
                .ok()
        })
        .flatten();
    let attributes = args.providers.as_ref().and_then(|p| {
        evidence::load_attributes(p, encoding)
            .map_err(|d| all.extend(d))
            .ok()
    });
    let mut read = |fw: Option<Framework>| {
        let fw = fw?;
        let parsed = if workbook {
            crate::evidence::workbook::load_evidence(&args.evidence, None, &fw)
        } else {
            evidence::parse(&args.evidence, text.as_deref()?, &fw)
        };
        match parsed {
            Ok((mut e, w)) => {
                all.extend(w);
                if let (Some(a), Some(path)) = (&attributes, &args.providers) {
                    all.extend(evidence::merge_attributes(&mut e, a, path));
                }
                Some((fw, e))
            }
            Err(d) => {
                all.extend(d);
                None
            }
        }
    };
    let (old, new) = (read(old), read(new));
    let mut all = dedup(all);
    if args.strict {
        diag::make_strict(&mut all);
    }
    match (old, new) {
        (Some(old), Some(new)) if !diag::has_errors(&all) => {
            common::print_diagnostics(&all, io.err);
            Ok(Loaded { old, new })
        }
        _ => Err(Failure::Invalid(all)),
    }
}

/// The same evidence read twice reports the same problems twice: keep one.
fn dedup(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
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
