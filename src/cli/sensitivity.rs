//! `tierscore sensitivity`: Monte Carlo on the weights.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::common::{self, Inputs, OutputArgs};
use super::{Exit, Failure, Io};
use crate::analysis::sensitivity::{self, Settings};
use crate::report::sensitivity as report;

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
    ///
    /// Each sample rescores every provider with perturbed weights; the run keeps a rank and a
    /// tier per provider and sample (5 bytes), so runs needing more than 4 GB are refused.
    #[arg(long, default_value_t = 1000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    samples: u64,
    /// Multiply every weight by a factor drawn uniformly from [1 − X, 1 + X] (0 ≤ X < 1)
    ///
    /// Every dimension weight and every indicator weight gets its own factor; siblings are
    /// renormalised as in scoring, so only relative weights matter. Weight-0 indicators stay at
    /// 0. `--jitter 0` reproduces `score` exactly.
    #[arg(long, default_value_t = 0.2, value_name = "X", value_parser = parse_jitter, allow_negative_numbers = true)]
    jitter: f64,
    /// Seed of the random draws (same seed, same output)
    ///
    /// Each sample draws from its own SplitMix64 generator seeded from (seed, sample index), so
    /// the output is byte-identical whatever the number of threads.
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
    args.output.check_destination()?;
    let loaded = common::load(&args.inputs, io)?;
    let (fw, scores) = (&loaded.framework, &loaded.scores);
    check_memory(args.samples, scores.providers.len())?;
    let settings = Settings {
        samples: usize::try_from(args.samples).unwrap_or(usize::MAX),
        jitter: args.jitter,
        seed: args.seed,
        alt_missing: args.alt_missing.is_some(),
    };
    let progress = Progress::new(args.samples);
    let result = progress
        .run(|| sensitivity::run(fw, &loaded.evidence, scores, settings, &|| progress.tick()));
    let format = args.output.format();
    let bytes = report::render_bytes(fw, scores, &result, format, args.output.lang.get())?;
    args.output.write(&args.inputs.paths(), &bytes, io.out)?;
    Ok(Exit::Success)
}

/// Every sample keeps a rank and a tier per provider (5 bytes): refuse runs that need more than 4 GB.
fn check_memory(samples: u64, providers: usize) -> Result<(), Failure> {
    let bytes = samples.saturating_mul(providers as u64).saturating_mul(5);
    if bytes > 4_000_000_000 {
        return Err(Failure::Usage(format!(
            "{samples} samples × {providers} providers would need about {:.1} GB of memory; use fewer --samples",
            bytes as f64 / 1e9
        )));
    }
    Ok(())
}

/// A progress bar on stderr, shown only on a terminal and once the run has taken half a second.
///
/// The bar is drawn from the calling thread only, so its lines never interleave with each
/// other; worker threads just count samples (`main` passes unlocked handles, so a worker could
/// write, but one writer keeps the bar readable).
struct Progress {
    samples: u64,
    done: AtomicU64,
}

impl Progress {
    fn new(samples: u64) -> Self {
        Progress {
            samples,
            done: AtomicU64::new(0),
        }
    }

    fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Runs `work` on another thread while this one draws the bar.
    fn run<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        let terminal = std::io::stderr().is_terminal();
        std::thread::scope(|scope| {
            let handle = scope.spawn(work);
            let start = Instant::now();
            let mut bar: Option<ProgressBar> = None;
            while !handle.is_finished() {
                std::thread::sleep(Duration::from_millis(50));
                if bar.is_none() && terminal && start.elapsed() > Duration::from_millis(500) {
                    bar = Some(self.bar());
                }
                if let Some(b) = &bar {
                    b.set_position(self.done.load(Ordering::Relaxed));
                }
            }
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            match handle.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    fn bar(&self) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(Some(self.samples), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("sensitivity {bar:40} {pos}/{len} samples ({elapsed})")
        {
            bar.set_style(style);
        }
        bar
    }
}
