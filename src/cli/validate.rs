//! `tierscore validate`: check frameworks, and evidence against them.

use clap::ValueEnum;
use serde_json::json;

use super::common::{self, LangFlag, Sources};
use super::{Exit, Failure, Io};
use crate::diag::Diagnostic;
use crate::framework::{Framework, Lang};
use crate::session::Session;

/// `validate --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ValidateFormat {
    /// `path:line:col: error: message` on stderr, a summary per file on stdout.
    #[default]
    Text,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…,col=…::message`) on stdout.
    Github,
}

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Framework files (TOML)
    #[arg(required = true, value_name = "FRAMEWORK")]
    frameworks: Vec<String>,
    /// Also check this evidence file against each framework, exactly as `score` would
    ///
    /// Values are read against each framework (unknown indicators, values that are not numbers,
    /// labels a levels rule does not know, veto flags left empty), with the same warnings and
    /// the same --strict as score; nothing is scored.
    #[arg(short = 'e', long, value_name = "FILE")]
    evidence: Option<String>,
    #[command(flatten)]
    sources: Sources,
    /// How to print the findings
    #[arg(long, value_enum, default_value_t)]
    format: ValidateFormat,
    #[command(flatten)]
    lang: LangFlag,
}

/// The findings for one framework file.
struct FileReport {
    file: String,
    summary: Option<String>,
    diagnostics: Vec<Diagnostic>,
}

/// Runs `validate`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let mut inputs: Vec<&str> = args.frameworks.iter().map(String::as_str).collect();
    inputs.extend(args.evidence.as_deref());
    super::common::one_stdin(&inputs)?;
    if args.evidence.as_deref() == Some("-") && args.frameworks.len() > 1 {
        // The same evidence is read against each framework.
        crate::input::stdin::share();
    }
    let reports: Vec<FileReport> = args
        .frameworks
        .iter()
        .map(|f| check_file(f, &args))
        .collect();
    let all: Vec<&Diagnostic> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    let failed = all.iter().any(|d| d.is_error());
    let written = match args.format {
        ValidateFormat::Text => print_text(&reports, args.lang.get(), io),
        ValidateFormat::Github => print_github(&all, io),
        ValidateFormat::Json => writeln!(
            io.out,
            "{}",
            serde_json::to_string_pretty(&to_json(&reports)).unwrap_or_default()
        ),
    };
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Failure::Write(crate::output::WriteError::Io(
            "<stdout>".into(),
            e,
        )));
    }
    Ok(if failed { Exit::Failure } else { Exit::Success })
}

/// One framework file, and the evidence against it when `-e` is given: the
/// same loaded run, checks and `--strict` as every scoring command.
fn check_file(file: &str, args: &Args) -> FileReport {
    let lang = args.lang.get();
    let loaded = match &args.evidence {
        Some(evidence) => Session::load(&args.sources.with(file, evidence))
            .map(|s| (describe(&s.framework, lang), s.warnings)),
        None => Session::load_framework(&args.sources.with(file, ""))
            .map(|f| (describe(&f.framework, lang), f.warnings)),
    };
    let (summary, diagnostics) = match loaded {
        Ok((summary, warnings)) => (Some(summary), warnings),
        Err(all) => (None, all),
    };
    FileReport {
        file: file.to_string(),
        summary,
        diagnostics,
    }
}

fn describe(fw: &Framework, lang: Lang) -> String {
    let counts = (
        fw.dimensions.len(),
        fw.indicators.len(),
        fw.tiers.len(),
        fw.vetoes.len(),
    );
    match lang {
        Lang::Zh => format!(
            "{} 个维度、{} 个指标、{} 个等级、{} 条一票否决",
            counts.0, counts.1, counts.2, counts.3
        ),
        Lang::En => format!(
            "{} dimensions, {} indicators, {} tiers, {} vetoes",
            counts.0, counts.1, counts.2, counts.3
        ),
    }
}

fn print_text(reports: &[FileReport], lang: Lang, io: &mut Io) -> std::io::Result<()> {
    for r in reports {
        common::print_diagnostics(&r.diagnostics, io.err);
        let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = r.diagnostics.len() - errors;
        let line = match (&r.summary, errors, lang) {
            (Some(s), 0, Lang::Zh) if warnings == 0 => format!("ok（{s}）"),
            (Some(s), 0, Lang::En) if warnings == 0 => format!("ok ({s})"),
            (Some(s), 0, Lang::Zh) => format!("ok，{warnings} 条警告（{s}）"),
            (Some(s), 0, Lang::En) => format!("ok with {warnings} warning(s) ({s})"),
            (_, _, Lang::Zh) => format!("{errors} 个错误，{warnings} 条警告"),
            (_, _, Lang::En) => format!("{errors} error(s), {warnings} warning(s)"),
        };
        writeln!(io.out, "{}: {line}", r.file)?;
    }
    Ok(())
}

/// Annotations, at most `--max-errors` of each severity, then a notice counting the rest.
fn print_github(all: &[&Diagnostic], io: &mut Io) -> std::io::Result<()> {
    let (shown, rest) = super::cap::shown(all.iter().copied());
    for d in shown {
        writeln!(io.out, "{}", d.to_github())?;
    }
    match rest {
        Some(rest) => writeln!(io.out, "::notice::{rest}"),
        None => Ok(()),
    }
}

fn to_json(reports: &[FileReport]) -> serde_json::Value {
    let files: Vec<_> = reports
        .iter()
        .map(|r| {
            let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
            let diagnostics: Vec<_> = r
                .diagnostics
                .iter()
                .map(|d| json!({
                    "file": d.file,
                    "line": d.location.map(|l| l.line),
                    "col": d.location.map(|l| l.col),
                    "severity": d.severity.as_str(),
                    "message": d.message,
                    "help": d.help,
                }))
                .collect();
            json!({"file": r.file, "valid": errors == 0, "errors": errors, "warnings": r.diagnostics.len() - errors, "diagnostics": diagnostics})
        })
        .collect();
    json!({"valid": files.iter().all(|f| f["valid"] == true), "files": files})
}
