//! Round files (SPEC §7): one TOML file that names every input of an
//! evaluation round (评价轮次), so that every command reads the same inputs.
//!
//! ```toml
//! [round]
//! name = "2026 年度评价"
//! as_of = "2026-06-30"
//! framework = "../../indicators/construction.toml"
//! evidence = "evidence.csv"
//! providers = "providers.csv"
//! previous = "../2025/results.csv"   # optional (§9)
//! amend = "amendments.csv"           # optional (§9)
//! expert_scores = ["review/zhang.xlsx", "review/li.xlsx"]   # optional (§8)
//! conflicts = "conflicts.csv"          # optional (§8, 回避)
//! [round.records]
//! projects = "projects.csv"
//! ```
//!
//! Paths are relative to the round file. The file is read with the
//! framework's spanned-TOML reader, so an unknown key, a wrong type or a bad
//! date is an error at its line and column, and every problem is reported in
//! one run. Which value wins over a command-line flag is the CLI's business
//! (the flag does); this module only reads the file.

use std::path::Path;

use toml::Spanned;

use crate::date::{DATE_HELP, Date};
use crate::diag::{self, Diagnostic};
use crate::framework::toml_reader::{Source, Str, TableReader, help, string_value};

/// The largest round file accepted (1 MiB): a round file is a dozen lines.
pub const MAX_ROUND_BYTES: usize = 1 << 20;

/// A round file, read and checked; every path resolved against its directory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Round {
    /// The round file as the user named it.
    pub file: String,
    /// `name`: the round's display name.
    pub name: Option<String>,
    /// `as_of`: the reference date (评价基准日).
    pub as_of: Option<Date>,
    /// `framework`: the framework file.
    pub framework: Option<String>,
    /// `evidence`: the evidence file.
    pub evidence: Option<String>,
    /// `providers`: the provider attributes file.
    pub providers: Option<String>,
    /// `previous`: the previous round's results (§9), for the commands that
    /// compare rounds; kept here so that they read it from the same file.
    pub previous: Option<String>,
    /// `amend`: the amendments after review (§9).
    pub amend: Option<String>,
    /// `[round.records]`: record table id → ledger file, in file order.
    pub records: Vec<(String, String)>,
    /// `expert_scores`: the experts' filled-in scoring sheets (§8).
    pub expert_scores: Vec<String>,
    /// `conflicts`: the experts' recusals (回避, §8).
    pub conflicts: Option<String>,
}

/// Reads a round file from disk.
pub fn load(path: &str) -> Result<Round, Vec<Diagnostic>> {
    let text = match std::fs::read(path) {
        Ok(bytes) if bytes.len() > MAX_ROUND_BYTES => {
            let message = format!(
                "the round file is larger than {} MiB",
                MAX_ROUND_BYTES >> 20
            );
            return Err(vec![Diagnostic::error(path, None, message).with_help(
                "a round file names a few files; check that this is the right one",
            )]);
        }
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            vec![
                Diagnostic::error(path, None, "the round file is not UTF-8 text")
                    .with_help("save it as UTF-8; TOML files are always UTF-8"),
            ]
        })?,
        Err(e) => {
            return Err(vec![
                Diagnostic::error(path, None, format!("cannot read the round file: {e}"))
                    .with_help("check the path given to --round"),
            ]);
        }
    };
    parse(path, &text)
}

/// Reads a round file's text; `path` locates messages and resolves the paths in it.
pub fn parse(path: &str, text: &str) -> Result<Round, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut src = Source::new(path, text);
    let Some(root) = crate::framework::toml_syntax::parse(&mut src, text) else {
        return Err(src.diagnostics);
    };
    let mut top = TableReader::new(root.get_ref(), root.span(), "the top level");
    let round = match top.get("round") {
        Some(v) => TableReader::from_value(&mut src, v, "[round]").map(|t| read_round(&mut src, t)),
        None => {
            let d = src.error(&(0..0), "the round file has no [round] table");
            help(
                d,
                "start it with `[round]`, then `framework = \"…\"` and `evidence = \"…\"`",
            );
            None
        }
    };
    top.finish(&mut src);
    let mut diagnostics = src.diagnostics;
    diag::sort(&mut diagnostics);
    match round {
        Some(r) if !diag::has_errors(&diagnostics) => Ok(resolved(path, r)),
        _ => Err(diagnostics),
    }
}

fn read_round(src: &mut Source, mut t: TableReader) -> Round {
    let mut text = |src: &mut Source, key| t.string(src, key, false).map(|s| s.into_inner());
    let name = text(src, "name");
    let framework = text(src, "framework");
    let evidence = text(src, "evidence");
    let providers = text(src, "providers");
    let previous = text(src, "previous");
    let amend = text(src, "amend");
    let conflicts = text(src, "conflicts");
    let expert_scores = t
        .array(src, "expert_scores")
        .iter()
        .filter_map(|v| string_value(src, v, "an expert score file").map(Spanned::into_inner))
        .collect();
    let as_of = t.string(src, "as_of", false).and_then(|s| date(src, &s));
    let records = match t.get("records") {
        Some(v) => TableReader::from_value(src, v, "[round.records]")
            .map(|r| read_records(src, r))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    t.finish(src);
    Round {
        file: String::new(),
        name,
        as_of,
        framework,
        evidence,
        providers,
        previous,
        amend,
        records,
        expert_scores,
        conflicts,
    }
}

/// `[round.records]`: every key is a table id, every value a file.
fn read_records(src: &mut Source, t: TableReader) -> Vec<(String, String)> {
    t.entries()
        .filter_map(|(id, value)| {
            let file = string_value(src, value, &format!("the ledger of `{id}`"))?;
            Some((id.to_string(), file.into_inner()))
        })
        .collect()
}

fn date(src: &mut Source, s: &Str) -> Option<Date> {
    match Date::parse(s.get_ref()) {
        Ok(d) => Some(d),
        Err(e) => {
            let d = src.error(&s.span(), format!("`as_of`: {e}"));
            help(d, DATE_HELP);
            None
        }
    }
}

/// The round with every path made relative to the round file's directory
/// (absolute paths and `-` are kept as they are).
fn resolved(path: &str, mut r: Round) -> Round {
    let dir = Path::new(path).parent().unwrap_or(Path::new(""));
    let resolve = |p: &mut String| {
        if p != "-" && !Path::new(p.as_str()).is_absolute() {
            *p = dir.join(p.as_str()).to_string_lossy().into_owned();
        }
    };
    for p in [
        &mut r.framework,
        &mut r.evidence,
        &mut r.providers,
        &mut r.previous,
        &mut r.amend,
        &mut r.conflicts,
    ]
    .into_iter()
    .flatten()
    {
        resolve(p);
    }
    for (_, p) in &mut r.records {
        resolve(p);
    }
    r.expert_scores.iter_mut().for_each(resolve);
    r.file = path.to_string();
    r
}

#[cfg(test)]
mod tests;
