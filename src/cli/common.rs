//! Arguments and loading shared by the commands that score evidence.

use std::io::{IsTerminal, Write};

use clap::{Args, ValueEnum};

use super::{Failure, Io};
use crate::diag::Diagnostic;
use crate::framework::Lang;
use crate::report::Format;
use crate::session::Session;
pub use crate::session::{EncodingArg, Sources};

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

/// `--lang`, declared once for every command that prints names.
#[derive(Debug, Clone, Copy, Args)]
pub struct LangFlag {
    /// Language of names and headers [default: from LC_ALL/LANG: zh_* → zh, other locales → en; unset, C or POSIX → zh]
    ///
    /// zh shows each item's `name` and Chinese headers; en shows `name_en` where the framework
    /// gives one, and English headers. Without --lang: LC_ALL, else LC_MESSAGES, else LANG
    /// decides. Diagnostics are always in English.
    #[arg(long, value_enum, default_value_t = LangArg::from_env(), hide_default_value = true)]
    pub lang: LangArg,
}

impl LangFlag {
    /// The language asked for.
    pub fn get(self) -> Lang {
        self.lang.into()
    }
}

/// `-f FRAMEWORK -e EVIDENCE` (or `-r ROUND`) and the shared [`Sources`] flags.
#[derive(Debug, Args)]
pub struct Inputs {
    /// The framework file (TOML)
    #[arg(
        short = 'f',
        long,
        value_name = "FRAMEWORK",
        required_unless_present = "round"
    )]
    pub framework: Option<String>,
    /// The evidence file (CSV, long or wide, or a workbook; `-` for stdin)
    #[arg(
        short = 'e',
        long,
        value_name = "EVIDENCE",
        required_unless_present = "round"
    )]
    pub evidence: Option<String>,
    /// A round file (TOML `[round]`) naming the framework, evidence, providers, as-of date and ledgers; a flag given here wins over it
    #[arg(short = 'r', long, value_name = "FILE")]
    pub round: Option<String>,
    /// The shared flags (`--providers`, `--strict`, …).
    #[command(flatten)]
    pub sources: Sources,
    /// The sources with the round file applied, once resolved.
    #[arg(skip)]
    resolved: std::cell::OnceCell<Sources>,
}

impl Inputs {
    /// `-f` and `-e` with the shared flags (no round file).
    pub fn new(framework: &str, evidence: &str, sources: Sources) -> Inputs {
        Inputs {
            framework: Some(framework.to_string()),
            evidence: Some(evidence.to_string()),
            round: None,
            sources,
            resolved: Default::default(),
        }
    }

    /// The sources to load: the flags, and the round file (`-r`) for
    /// whatever they leave out. Read once.
    pub fn sources(&self) -> Result<&Sources, Failure> {
        if let Some(s) = self.resolved.get() {
            return Ok(s);
        }
        let s = super::round::resolve(super::round::Given {
            framework: &self.framework,
            evidence: &self.evidence,
            round: &self.round,
            flags: &self.sources,
        })?;
        Ok(self.resolved.get_or_init(|| s))
    }

    /// Every input path, so that output never overwrites one (the round
    /// file's paths once [`Inputs::sources`] has read it).
    pub fn paths(&self) -> Vec<&str> {
        match self.resolved.get() {
            Some(s) => {
                let mut paths = vec![s.framework.as_str(), s.evidence.as_str()];
                paths.extend(s.extra_paths());
                paths.extend(self.round.as_deref());
                paths
            }
            None => {
                let mut paths: Vec<&str> = [&self.framework, &self.evidence, &self.round]
                    .into_iter()
                    .filter_map(|p| p.as_deref())
                    .collect();
                paths.extend(self.sources.extra_paths());
                paths
            }
        }
    }
}

/// `--format`, `-o` and `--lang`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: from the -o extension (.csv, .json, .md, .xlsx), else table]
    ///
    /// --format wins over the extension (`-o out.xlsx --format csv` writes CSV). CSV has the
    /// exact columns documented for the command, 2 decimals, and a leading ' on text cells that
    /// start with =, +, -, @, tab or CR; JSON keeps numbers unrounded; a workbook (xlsx) needs
    /// -o or a redirected stdout.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of stdout; `-` is stdout
    ///
    /// The file is written beside its final name and renamed into place, so a failed run never
    /// leaves a partial file; tierscore refuses to write over one of its inputs.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<String>,
    /// `--lang`.
    #[command(flatten)]
    pub lang: LangFlag,
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
        self.write_with(inputs, out, &mut |w| w.write_all(bytes))
    }

    /// Writes output to `-o` (atomically) or stdout as `write` produces it,
    /// never over one of `inputs` (see [`crate::output::emit_with`]).
    pub fn write_with(
        &self,
        inputs: &[&str],
        out: &mut dyn Write,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        Ok(crate::output::emit_with(
            self.output.as_deref(),
            inputs,
            out,
            write,
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

/// Loads a run (see [`crate::session`]) and prints its warnings.
pub fn load(inputs: &Inputs, io: &mut Io) -> Result<Session, Failure> {
    let sources = inputs.sources()?;
    one_stdin(&inputs.paths())?;
    let session = Session::load(sources).map_err(Failure::Invalid)?;
    print_diagnostics(&session.warnings, io.err);
    Ok(session)
}

/// Ends a command without freeing what it loaded. The process exits right
/// after the command (`main` calls `process::exit`) and the OS takes the
/// memory back at once, where freeing a large run's scores and evidence
/// allocation by allocation only costs time (4–7 % of a 40,000-provider
/// run). Call it once the output is complete and flushed.
pub fn leave_to_os<T>(loaded: T) {
    std::mem::forget(loaded);
}

/// A usage error for a provider id not in the evidence, naming near matches
/// (or every provider when none is near).
pub fn unknown_provider<'a>(ids: impl Iterator<Item = &'a str>, id: &str) -> Failure {
    let all: Vec<&str> = ids.collect();
    let mut near: Vec<(f64, &str)> = all
        .iter()
        .map(|p| (strsim::jaro_winkler(p, id), *p))
        .filter(|(similarity, _)| *similarity > 0.8)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let hint = if near.is_empty() {
        format!("providers in the evidence: {}", all.join(", "))
    } else {
        let names: Vec<String> = near.iter().take(5).map(|(_, n)| format!("`{n}`")).collect();
        format!("did you mean {}?", names.join(" or "))
    };
    Failure::Usage(format!("no provider `{id}` in the evidence; {hint}"))
}

/// Prints diagnostics as `path:line:col: severity: message` lines (warnings
/// only without `--quiet`; severities coloured on a terminal).
/// At most `--max-errors` of each severity, then a line counting the rest.
pub fn print_diagnostics(diagnostics: &[Diagnostic], err: &mut dyn Write) {
    let (shown, rest) = super::cap::shown(diagnostics.iter().filter(|d| super::style::shows(d)));
    for d in shown {
        // Best effort: a closed stderr leaves no one to tell.
        let _ = writeln!(err, "{}", super::style::render(d));
    }
    if let Some(rest) = rest {
        let _ = writeln!(err, "{rest}");
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
