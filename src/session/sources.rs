//! [`Sources`]: the inputs every loaded run shares, declared once.

use clap::{Args, ValueEnum};

use crate::date::Date;
use crate::input::Encoding;

/// `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EncodingArg {
    /// UTF-8 (with or without BOM), falling back to GB18030.
    #[default]
    Auto,
    /// UTF-8 only.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030 (also reads GBK and GB2312).
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
}

impl From<EncodingArg> for Encoding {
    fn from(e: EncodingArg) -> Self {
        match e {
            EncodingArg::Auto => Encoding::Auto,
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Gb18030 => Encoding::Gb18030,
        }
    }
}

/// Everything a run reads, parsed once from the command line.
///
/// The framework and evidence paths are named differently by each command
/// (`-f`/`-e`, `diff OLD NEW`, `compare --self/--verified`, `validate FILE…`),
/// so the command fills them in; every other field is a shared flag, declared
/// here once and flattened into each command (`#[command(flatten)]`). To add an
/// input, see the module documentation of [`crate::session`].
#[derive(Debug, Clone, Default, Args)]
pub struct Sources {
    /// The framework file (filled in by the command).
    #[arg(skip)]
    pub framework: String,
    /// The evidence file, `-` for stdin (filled in by the command).
    #[arg(skip)]
    pub evidence: String,
    /// Provider attributes (CSV with `provider` plus columns such as name, region)
    ///
    /// A CSV file (or a workbook's first sheet) with a `provider` column; its values win over
    /// wide-evidence columns of the same name. `name` is shown in tables, `region` drives the
    /// report's regional view, and any column can be a `summary --by` group. Providers found in
    /// only one of the files are warned about.
    #[arg(long, value_name = "FILE")]
    pub providers: Option<String>,
    /// The worksheet to read when the evidence is a workbook (.xlsx, .xls, .ods) [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Text encoding of the CSV files
    ///
    /// `auto` reads UTF-8 (with or without BOM) and, when a file is not valid UTF-8, GB18030,
    /// which covers the GBK files Excel writes on Chinese systems. UTF-16 files are refused
    /// with a hint.
    #[arg(long, value_enum, default_value_t)]
    pub encoding: EncodingArg,
    /// Expert scoring sheets (from `init --expert-sheets`, filled in; CSV or workbook, long format with `expert`) added to the evidence; repeat for each
    #[arg(long = "expert-scores", value_name = "FILE")]
    pub expert_scores: Vec<String>,
    /// Expert recusals (回避): CSV `expert,provider[,reason]`; a score from a recused expert is an error
    #[arg(long, value_name = "FILE")]
    pub conflicts: Option<String>,
    /// Treat warnings (e.g. unknown indicators in the evidence, a veto flag left empty) as errors
    ///
    /// Means the same in every command: any warning (an unknown indicator in long evidence,
    /// sibling weights summing to neither 1 nor 100, a weight-0 indicator nothing uses, a veto
    /// flag without a value for some providers, providers found in one file only) makes the run
    /// exit 1 and write nothing.
    #[arg(long)]
    pub strict: bool,
    /// The previous round's results (`score --format json` or csv): applies the framework's `[progression]` caps
    #[arg(long, value_name = "RESULTS")]
    pub previous: Option<String>,
    /// Amendments after review (异议复核): CSV `provider,indicator,value,reason`; each replaces a value of the evidence
    #[arg(long, value_name = "FILE")]
    pub amend: Option<String>,
    /// A record table (ledger) the framework derives indicators from: ID=FILE (CSV, a workbook's first sheet, or FILE.xlsx!SHEET); repeatable
    #[arg(long = "records", value_name = "ID=FILE", value_parser = parse_records_arg)]
    pub records: Vec<(String, String)>,
    /// The evaluation's reference date (评价基准日), YYYY-MM-DD: time windows such as "近 3 年" end on it
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Date>,
}

/// Reads `--records ID=FILE`.
fn parse_records_arg(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((id, file)) if !id.trim().is_empty() && !file.is_empty() => {
            Ok((id.trim().to_string(), file.to_string()))
        }
        _ => Err(format!(
            "expected ID=FILE (e.g. projects=projects.csv), found `{text}`"
        )),
    }
}

impl Sources {
    /// These sources with the framework and evidence paths filled in.
    pub fn with(&self, framework: &str, evidence: &str) -> Sources {
        Sources {
            framework: framework.to_string(),
            evidence: evidence.to_string(),
            ..self.clone()
        }
    }

    /// Every input path (other than the framework and evidence), so that output never overwrites one.
    pub fn extra_paths(&self) -> Vec<&str> {
        let ledgers = self
            .records
            .iter()
            .map(|(_, path)| crate::records::LedgerSource::parse(path).file());
        self.providers
            .iter()
            .chain(&self.previous)
            .chain(&self.amend)
            .chain(&self.conflicts)
            .chain(&self.expert_scores)
            .map(String::as_str)
            .chain(ledgers)
            .collect()
    }
}
