//! `tierscore init`: write a starter framework and an evidence template.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::common::{self, LangArg};
use super::{Exit, Failure, Io};
use crate::diag::Diagnostic;
use crate::framework::Lang;
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
}

/// Runs `init`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let category: Category = args.category.into();
    let lang: Lang = args.lang.into();
    let name = category.as_str();
    let paths = [
        args.dir.join(format!("{name}.toml")),
        args.dir.join(format!("{name}-evidence.csv")),
        args.dir.join(format!("{name}-evidence.xlsx")),
    ];
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
    let files = render(category, lang, &paths)?;
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| WriteError::Io(args.dir.display().to_string(), e))?;
    for (path, bytes) in paths.iter().zip(&files) {
        output::emit(Some(&path.to_string_lossy()), &[], bytes, io.out)?;
    }
    print_next_steps(&paths, lang, io);
    Ok(Exit::Success)
}

/// The three files' contents: framework, CSV template, workbook template.
fn render(category: Category, lang: Lang, paths: &[PathBuf; 3]) -> Result<[Vec<u8>; 3], Failure> {
    let shown = |p: &Path| p.to_string_lossy().into_owned();
    let text = starter::framework_text(category, lang, &shown(&paths[0]), &shown(&paths[1]));
    let fw = starter::framework(category).map_err(Failure::Invalid)?;
    let grid = starter::evidence_grid(&fw, lang);
    let sheet = SheetSpec {
        choices: starter::evidence_choices(&fw, lang),
        ..SheetSpec::new("evidence", grid.clone())
    };
    let workbook = xlsx::workbook(&[sheet])?;
    Ok([text.into_bytes(), grid.to_csv().into_bytes(), workbook])
}

fn print_next_steps(paths: &[PathBuf; 3], lang: Lang, io: &mut Io) {
    let wrote = lang_text(lang, "已写入", "wrote");
    for p in paths {
        let _ = writeln!(io.out, "{wrote} {}", p.display());
    }
    let _ = writeln!(
        io.out,
        "{}\n  tierscore validate --strict {}\n  tierscore score -f {} -e {}",
        lang_text(lang, "下一步：", "next:"),
        paths[0].display(),
        paths[0].display(),
        paths[1].display()
    );
}
