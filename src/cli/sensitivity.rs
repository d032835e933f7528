//! `tierscore sensitivity`: Monte Carlo on the weights.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::common::{self, Inputs, OutputArgs};
use super::{Exit, Failure, Io};
use crate::analysis::sensitivity::{self, Settings};
use crate::output;
use crate::report::sensitivity as report;
use crate::score;

/// `--alt-missing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AltMissing {
    /// Score the odd-numbered samples with `missing = "exclude"`.
    Exclude,
}

/// Arguments of `sensitivity`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    output: OutputArgs,
    /// Number of Monte Carlo samples (at least 1)
    #[arg(long, default_value_t = 1000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    samples: u64,
    /// Multiply every weight by a factor drawn uniformly from [1 − X, 1 + X] (0 ≤ X < 1)
    #[arg(long, default_value_t = 0.2, value_name = "X", value_parser = parse_jitter, allow_negative_numbers = true)]
    jitter: f64,
    /// Seed of the random draws (same seed, same output)
    #[arg(long, default_value_t = 42, value_name = "S")]
    seed: u64,
    /// Also vary the missing policy: odd-numbered samples score with `missing = "exclude"`
    #[arg(long, value_enum, value_name = "POLICY")]
    alt_missing: Option<AltMissing>,
}

fn parse_jitter(text: &str) -> Result<f64, String> {
    let x: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (0.0..1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "jitter must be at least 0 and less than 1, got {text}"
        ))
    }
}

/// Runs `sensitivity`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let loaded = common::load(&args.inputs)?;
    common::print_diagnostics(&loaded.warnings, io.err);
    let fw = &loaded.framework;
    let scores = score::score(fw, &loaded.evidence).map_err(Failure::Invalid)?;
    let settings = Settings {
        samples: usize::try_from(args.samples).unwrap_or(usize::MAX),
        jitter: args.jitter,
        seed: args.seed,
        alt_missing: args.alt_missing.is_some(),
    };
    let bar = Progress::new(args.samples);
    let result = sensitivity::run(fw, &scores, settings, &|| bar.tick());
    bar.finish();
    let format = args.output.format();
    let text = report::render(fw, &scores, &result, format, args.output.lang.into());
    output::emit(
        args.output.output.as_deref(),
        &args.inputs.paths(),
        text.as_bytes(),
        io.out,
    )?;
    Ok(Exit::Success)
}

/// A progress bar on stderr, shown only on a terminal and once the run has taken half a second.
struct Progress {
    bar: ProgressBar,
    terminal: bool,
    shown: AtomicBool,
    start: Instant,
}

impl Progress {
    fn new(samples: u64) -> Self {
        Progress {
            bar: ProgressBar::with_draw_target(Some(samples), ProgressDrawTarget::hidden()),
            terminal: std::io::stderr().is_terminal(),
            shown: AtomicBool::new(false),
            start: Instant::now(),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.terminal
            && !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed() > Duration::from_millis(500)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            if let Ok(style) =
                ProgressStyle::with_template("sensitivity {bar:40} {pos}/{len} samples, {eta} left")
            {
                self.bar.set_style(style);
            }
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
