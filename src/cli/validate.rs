//! `tierscore validate`: check frameworks, and evidence against them.

use clap::ValueEnum;
use serde_json::json;

use super::common::{self, EncodingArg, LangArg};
use super::{Exit, Failure, Io};
use crate::diag::{self, Diagnostic};
use crate::evidence;
use crate::framework::{Framework, Lang};
use crate::score;

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
    /// Also check this evidence file against each framework
    #[arg(short = 'e', long, value_name = "FILE")]
    evidence: Option<String>,
    /// Text encoding of the evidence
    #[arg(long, value_enum, default_value_t)]
    encoding: EncodingArg,
    /// Treat warnings as errors
    #[arg(long)]
    strict: bool,
    /// How to print the findings
    #[arg(long, value_enum, default_value_t)]
    format: ValidateFormat,
    /// Language of the summary lines [default: from LC_ALL/LANG]
    #[arg(long, value_enum, default_value_t = LangArg::from_env(), hide_default_value = true)]
    lang: LangArg,
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
    let reports: Vec<FileReport> = args
        .frameworks
        .iter()
        .map(|f| check_file(f, &args))
        .collect();
    let all: Vec<&Diagnostic> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    let failed = all.iter().any(|d| d.is_error());
    let written = match args.format {
        ValidateFormat::Text => print_text(&reports, args.lang.into(), io),
        ValidateFormat::Github => all
            .iter()
            .try_for_each(|d| writeln!(io.out, "{}", d.to_github())),
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

fn check_file(file: &str, args: &Args) -> FileReport {
    let (summary, mut diagnostics) = match common::load_framework(file) {
        Err(d) => (None, d),
        Ok(loaded) => {
            let mut d = loaded.warnings;
            if let Some(path) = &args.evidence {
                d.extend(check_evidence(&loaded.framework, path, args.encoding));
            }
            (Some(describe(&loaded.framework, args.lang.into())), d)
        }
    };
    if args.strict {
        diag::make_strict(&mut diagnostics);
    }
    FileReport {
        file: file.to_string(),
        summary,
        diagnostics,
    }
}

fn check_evidence(fw: &Framework, path: &str, encoding: EncodingArg) -> Vec<Diagnostic> {
    match evidence::load(path, None, fw, encoding.into()) {
        Err(d) => d,
        Ok((e, mut warnings)) => {
            if let Err(d) = score::score(fw, &e) {
                warnings.extend(d);
            }
            warnings
        }
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
