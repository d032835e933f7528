//! Arguments and loading shared by the commands that score evidence.

use std::io::{IsTerminal, Write};

use clap::{Args, ValueEnum};

use super::Failure;
use crate::diag::{self, Diagnostic};
use crate::evidence::{self, Evidence};
use crate::framework::{self, Framework, Lang};
use crate::input::{self, Encoding};
use crate::report::Format;

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

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LangArg {
    /// Chinese: each item's `name`.
    #[default]
    Zh,
    /// English: each item's `name_en`, else `name`.
    En,
}

impl LangArg {
    /// The language the environment asks for when `--lang` is not given:
    /// `LC_ALL`, else `LC_MESSAGES`, else `LANG`; `zh*` is Chinese, other locales
    /// English; unset, `C` and `POSIX` keep the default, Chinese.
    pub fn from_env() -> LangArg {
        LangArg::from_locale(|key| std::env::var(key).ok())
    }

    /// [`LangArg::from_env`] over any source of variables.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> LangArg {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| var(k))
            .find(|v| !v.is_empty());
        let Some(locale) = locale else {
            return LangArg::Zh;
        };
        let locale = locale.to_ascii_lowercase();
        let neutral = locale == "c" || locale == "posix" || locale.starts_with("c.");
        if neutral || locale.starts_with("zh") {
            LangArg::Zh
        } else {
            LangArg::En
        }
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// A framework, evidence and provider attributes.
#[derive(Debug, Args)]
pub struct Inputs {
    /// The framework file (TOML)
    #[arg(short = 'f', long, value_name = "FRAMEWORK")]
    pub framework: String,
    /// The evidence file (CSV, long or wide; `-` for stdin)
    #[arg(short = 'e', long, value_name = "EVIDENCE")]
    pub evidence: String,
    /// Provider attributes (CSV with `provider` plus columns such as name, region)
    #[arg(long, value_name = "FILE")]
    pub providers: Option<String>,
    /// The worksheet to read when the evidence is a workbook (.xlsx, .xls, .ods) [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Text encoding of the CSV files
    #[arg(long, value_enum, default_value_t)]
    pub encoding: EncodingArg,
    /// Treat warnings (e.g. unknown indicators in the evidence) as errors
    #[arg(long)]
    pub strict: bool,
}

impl Inputs {
    /// Every input path, so that output never overwrites one.
    pub fn paths(&self) -> Vec<&str> {
        let mut paths = vec![self.framework.as_str(), self.evidence.as_str()];
        paths.extend(self.providers.as_deref());
        paths
    }
}

/// `--format`, `-o` and `--lang`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: from the -o extension (.csv, .json, .md, .xlsx), else table]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of stdout; `-` is stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<String>,
    /// Language of names and headers [default: from LC_ALL/LANG: zh_* → zh, other locales → en; unset, C or POSIX → zh]
    #[arg(long, value_enum, default_value_t = LangArg::from_env(), hide_default_value = true)]
    pub lang: LangArg,
}

impl OutputArgs {
    /// The format asked for, or the one the output file's extension implies.
    pub fn format(&self) -> Format {
        self.format
            .or_else(|| self.output.as_deref().and_then(Format::from_extension))
            .unwrap_or(Format::Table)
    }

    /// Writes rendered output to `-o` (atomically) or stdout, never over one of `inputs`.
    pub fn write(&self, inputs: &[&str], bytes: &[u8], out: &mut dyn Write) -> Result<(), Failure> {
        Ok(crate::output::emit(
            self.output.as_deref(),
            inputs,
            bytes,
            out,
        )?)
    }

    /// Refuses to send a workbook to a terminal: binary output needs `-o FILE`
    /// or a redirected stdout.
    pub fn check_destination(&self) -> Result<(), Failure> {
        let to_stdout = matches!(self.output.as_deref(), None | Some("-"));
        if self.format().is_binary() && to_stdout && std::io::stdout().is_terminal() {
            return Err(Failure::Usage(
                "xlsx output is a binary file: give -o FILE.xlsx or redirect stdout".into(),
            ));
        }
        Ok(())
    }
}

/// Everything a scoring command needs, loaded and checked.
pub struct Loaded {
    /// The framework.
    pub framework: Framework,
    /// The evidence, with `--providers` attributes merged in.
    pub evidence: Evidence,
    /// Warnings to print.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates a framework file.
pub fn load_framework(path: &str) -> Result<framework::Loaded, Vec<Diagnostic>> {
    let bytes = read_framework(path).map_err(|d| vec![d])?;
    let text = input::decode(path, &bytes, Encoding::Utf8).map_err(|d| {
        // The decoder's hint is about `--encoding`, which frameworks do not take.
        vec![d.with_help("save the framework as UTF-8; TOML files are always UTF-8")]
    })?;
    framework::load_str(path, &text)
}

/// Reads at most [`framework::MAX_FRAMEWORK_BYTES`] (+1 to tell that there is
/// more), so that `/dev/zero` or a huge file is refused without reading it all.
fn read_framework(path: &str) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let limit = framework::MAX_FRAMEWORK_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    match read {
        Err(e) => Err(
            Diagnostic::error(path, None, format!("cannot read the file: {e}"))
                .with_help("check the path and that you may read it"),
        ),
        Ok(n) if n > framework::MAX_FRAMEWORK_BYTES => Err(framework::validate::too_large(path)),
        Ok(_) => Ok(bytes),
    }
}

/// Refuses a command line that names stdin (`-`) for more than one input: the
/// first to read it would take everything, and the others would find it empty.
pub fn one_stdin(paths: &[&str]) -> Result<(), Failure> {
    if paths.iter().filter(|p| **p == "-").count() > 1 {
        return Err(Failure::Usage(
            "only one input can be stdin (`-`); give the others as files".into(),
        ));
    }
    Ok(())
}

/// Loads the framework, the evidence and the attributes; every problem is collected.
pub fn load(inputs: &Inputs) -> Result<Loaded, Failure> {
    one_stdin(&inputs.paths())?;
    let fw = load_framework(&inputs.framework).map_err(Failure::Invalid)?;
    let mut warnings = fw.warnings;
    let encoding = inputs.encoding.into();
    let mut problems = Vec::new();
    let attributes = match &inputs.providers {
        Some(path) => match evidence::load_attributes(path, encoding) {
            Ok(a) => Some((path, a)),
            Err(d) => {
                problems.extend(d);
                None
            }
        },
        None => None,
    };
    let mut evidence = match evidence::load(
        &inputs.evidence,
        inputs.sheet.as_deref(),
        &fw.framework,
        encoding,
    ) {
        Ok((e, w)) => {
            warnings.extend(w);
            Some(e)
        }
        Err(d) => {
            problems.extend(d);
            None
        }
    };
    if let (Some(e), Some((path, attrs))) = (&mut evidence, &attributes) {
        warnings.extend(evidence::merge_attributes(e, attrs, path));
    }
    if let Some(e) = &evidence {
        warnings.extend(crate::score::unchecked_vetoes(&fw.framework, e));
    }
    if inputs.strict {
        diag::make_strict(&mut warnings);
    }
    match evidence {
        Some(evidence) if problems.is_empty() && !diag::has_errors(&warnings) => Ok(Loaded {
            framework: fw.framework,
            evidence,
            warnings,
        }),
        _ => {
            warnings.extend(problems);
            Err(Failure::Invalid(warnings))
        }
    }
}

/// Prints diagnostics as `path:line:col: severity: message` lines (warnings
/// only without `--quiet`; severities coloured on a terminal).
pub fn print_diagnostics(diagnostics: &[Diagnostic], err: &mut dyn Write) {
    for d in diagnostics.iter().filter(|d| super::style::shows(d)) {
        // Best effort: a closed stderr leaves no one to tell.
        let _ = writeln!(err, "{}", super::style::render(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_follows_the_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        for (vars, lang) in [
            (&[][..], LangArg::Zh),
            (&[("LANG", "C")][..], LangArg::Zh),
            (&[("LANG", "C.UTF-8")][..], LangArg::Zh),
            (&[("LANG", "POSIX")][..], LangArg::Zh),
            (&[("LANG", "zh_CN.UTF-8")][..], LangArg::Zh),
            (&[("LANG", "en_US.UTF-8")][..], LangArg::En),
            (&[("LANG", "de_DE.UTF-8")][..], LangArg::En),
            (
                &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB.UTF-8")][..],
                LangArg::En,
            ),
            (&[("LANG", "en_US.UTF-8"), ("LC_ALL", "")][..], LangArg::En),
            (
                &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_TW")][..],
                LangArg::Zh,
            ),
        ] {
            assert_eq!(LangArg::from_locale(env(vars)), lang, "{vars:?}");
        }
    }
}
