//! `tierscore init`: write a starter framework and an evidence template.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::common::{self, LangArg};
use super::{Exit, Failure, Io};
use crate::diag::Diagnostic;
use crate::framework::{Framework, Lang};
use crate::output::{self, WriteError};
use crate::report::lang_text;
use crate::report::xlsx::{self, SheetSpec};
use crate::starter::{self, Category};

/// `init --category`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CategoryArg {
    /// Planning & consulting providers (规划咨询)
    Planning,
    /// Construction & implementation providers (建设实施)
    Construction,
    /// Operation & maintenance providers (运营运维)
    Operations,
}

impl From<CategoryArg> for Category {
    fn from(c: CategoryArg) -> Self {
        match c {
            CategoryArg::Planning => Category::Planning,
            CategoryArg::Construction => Category::Construction,
            CategoryArg::Operations => Category::Operations,
        }
    }
}

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which category of provider the framework grades
    ///
    /// The starter framework is the shipped one of that category
    /// (indicators/planning-consulting.toml, construction.toml or operations.toml) behind a
    /// commented guide; the evidence template lists its indicators.
    #[arg(long, value_enum, default_value_t = CategoryArg::Construction)]
    category: CategoryArg,
    /// Language of the guide and the template's notes [default: from LC_ALL/LANG]
    #[arg(long, value_enum, default_value_t = LangArg::from_env(), hide_default_value = true)]
    lang: LangArg,
    /// Directory to write into (created when missing)
    #[arg(long, value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// Overwrite files that already exist
    ///
    /// Without it, init writes nothing (exit 1) when any of the three files is already there.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    sheets: super::expert_sheets::SheetArgs,
}

/// Runs `init`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let category: Category = args.category.into();
    let lang: Lang = args.lang.into();
    if let Some(dir) = &args.sheets.expert_sheets {
        return super::expert_sheets::run(&args.sheets, dir, args.force, lang, io);
    }
    let name = category.as_str();
    let fw = starter::framework(category).map_err(Failure::Invalid)?;
    let mut paths = vec![
        args.dir.join(format!("{name}.toml")),
        args.dir.join(format!("{name}-evidence.csv")),
        args.dir.join(format!("{name}-evidence.xlsx")),
    ];
    // One ledger template per record table the framework declares.
    paths.extend(
        fw.records
            .iter()
            .map(|t| args.dir.join(format!("{name}-{}.csv", t.id))),
    );
    let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
    if !args.force && !existing.is_empty() {
        let refusals: Vec<Diagnostic> = existing
            .iter()
            .map(|p| {
                Diagnostic::error(&p.display().to_string(), None, "already exists")
                    .with_help("use --force to overwrite")
            })
            .collect();
        common::print_diagnostics(&refusals, io.err);
        let _ = writeln!(io.err, "nothing was written");
        return Ok(Exit::Failure);
    }
    let files = render(category, &fw, lang, &paths)?;
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| WriteError::Io(args.dir.display().to_string(), e))?;
    for (path, bytes) in paths.iter().zip(&files) {
        output::emit(Some(&path.to_string_lossy()), &[], bytes, io.out)?;
    }
    print_next_steps(&fw, &paths, lang, io);
    Ok(Exit::Success)
}

/// The files' contents: framework, CSV template, workbook template (an
/// `evidence` sheet and a sheet per record table), then a CSV ledger template
/// per record table.
fn render(
    category: Category,
    fw: &Framework,
    lang: Lang,
    paths: &[PathBuf],
) -> Result<Vec<Vec<u8>>, Failure> {
    let shown = |p: &Path| p.to_string_lossy().into_owned();
    let text = starter::framework_text(category, lang, &shown(&paths[0]), &shown(&paths[1]));
    let grid = starter::evidence_grid(fw, lang);
    let ledgers: Vec<_> = fw.records.iter().map(starter::ledger_grid).collect();
    let mut sheets = vec![SheetSpec {
        choices: starter::evidence_choices(fw, lang),
        ..SheetSpec::new("evidence", grid.clone())
    }];
    sheets.extend(
        fw.records
            .iter()
            .zip(&ledgers)
            .map(|(t, g)| SheetSpec::new(&t.id, g.clone())),
    );
    let workbook = xlsx::workbook(&sheets)?;
    let mut files = vec![text.into_bytes(), grid.to_csv().into_bytes(), workbook];
    files.extend(ledgers.iter().map(|g| g.to_csv().into_bytes()));
    Ok(files)
}

fn print_next_steps(fw: &Framework, paths: &[PathBuf], lang: Lang, io: &mut Io) {
    let wrote = lang_text(lang, "已写入", "wrote");
    for p in paths {
        let _ = writeln!(io.out, "{wrote} {}", p.display());
    }
    let records: String = fw
        .records
        .iter()
        .zip(&paths[3..])
        .map(|(t, p)| format!(" --records {}={}", t.id, p.display()))
        .collect();
    let as_of = if fw.uses_windows() {
        " --as-of 2026-06-30"
    } else {
        ""
    };
    let _ = writeln!(
        io.out,
        "{}\n  tierscore validate --strict {}\n  tierscore score -f {} -e {}{records}{as_of}",
        lang_text(lang, "下一步：", "next:"),
        paths[0].display(),
        paths[0].display(),
        paths[1].display()
    );
}
