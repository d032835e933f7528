//! `tierscore init --expert-sheets DIR -f FRAMEWORK --providers FILE --experts A,B,…`:
//! one scoring workbook per expert.

use std::path::PathBuf;

use super::common;
use super::{Exit, Failure, Io};
use crate::diag::Diagnostic;
use crate::evidence;
use crate::framework::Lang;
use crate::input::Encoding;
use crate::output::{self, WriteError};
use crate::panel::conflicts;
use crate::panel::sheets::{self, Provider};
use crate::session::read_framework;

/// The `init` flags for expert scoring sheets.
#[derive(Debug, clap::Args)]
pub struct SheetArgs {
    /// Write one scoring workbook per expert into DIR (needs -f, --providers and --experts)
    #[arg(long, value_name = "DIR", requires_all = ["framework", "providers", "experts"])]
    pub expert_sheets: Option<PathBuf>,
    /// The framework whose panel indicators the experts score
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    pub framework: Option<String>,
    /// The providers to score (CSV or workbook with `provider`, and `name` if you like)
    #[arg(long, value_name = "FILE")]
    pub providers: Option<String>,
    /// The experts' ids, comma-separated (one workbook each: DIR/ID.xlsx)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub experts: Vec<String>,
    /// Recusals (回避): CSV `expert,provider[,reason]`; a recused expert's sheet leaves that provider out
    #[arg(long, value_name = "FILE")]
    pub conflicts: Option<String>,
}

/// Writes the sheets; `force` overwrites existing files.
pub fn run(
    args: &SheetArgs,
    dir: &PathBuf,
    force: bool,
    lang: Lang,
    io: &mut Io,
) -> Result<Exit, Failure> {
    let (Some(fw_path), Some(providers_path)) = (&args.framework, &args.providers) else {
        return Err(Failure::Usage(
            "--expert-sheets needs -f FRAMEWORK and --providers FILE".into(),
        ));
    };
    if let Some(bad) = args.experts.iter().find(|e| !is_safe_id(e)) {
        return Err(Failure::Usage(format!(
            "expert id `{bad}` cannot name a file: use letters, digits, `-`, `_` or `.`"
        )));
    }
    let fw = read_framework(fw_path).map_err(Failure::Invalid)?.framework;
    if fw.indicators.iter().all(|i| i.panel.is_none()) {
        return Err(Failure::Usage(format!(
            "framework `{}` has no panel indicator",
            fw.id
        )));
    }
    let attributes =
        evidence::load_attributes(providers_path, Encoding::Auto).map_err(Failure::Invalid)?;
    let providers: Vec<Provider> = attributes
        .iter()
        .map(|(id, attrs)| Provider {
            id: id.clone(),
            name: attrs.get("name").cloned().unwrap_or_default(),
        })
        .collect();
    let conflicts = match &args.conflicts {
        Some(path) => Some(conflicts::load(path, Encoding::Auto).map_err(Failure::Invalid)?),
        None => None,
    };
    let paths: Vec<PathBuf> = args
        .experts
        .iter()
        .map(|e| dir.join(format!("{e}.xlsx")))
        .collect();
    let existing: Vec<Diagnostic> = paths
        .iter()
        .filter(|p| p.exists() && !force)
        .map(|p| {
            Diagnostic::error(&p.display().to_string(), None, "already exists")
                .with_help("use --force to overwrite")
        })
        .collect();
    if !existing.is_empty() {
        common::print_diagnostics(&existing, io.err);
        let _ = writeln!(io.err, "nothing was written");
        return Ok(Exit::Failure);
    }
    let mut files = Vec::new();
    for expert in &args.experts {
        files.push(sheets::workbook(
            &fw,
            &providers,
            expert,
            conflicts.as_ref(),
            lang,
            &|_, _| None,
        )?);
    }
    std::fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.display().to_string(), e))?;
    for (path, bytes) in paths.iter().zip(&files) {
        output::emit(Some(&path.to_string_lossy()), &[], bytes, io.out)?;
        let _ = writeln!(
            io.out,
            "{} {}",
            crate::report::lang_text(lang, "已写入", "wrote"),
            path.display()
        );
    }
    Ok(Exit::Success)
}

fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
