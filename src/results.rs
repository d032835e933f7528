//! Results of an earlier round read back: the output of `score --format csv`
//! or `--format json`, for `--previous` and `trend` (SPEC §9).
//!
//! Only what rounds compare is kept: each provider's total and tier, with the
//! place it was read from. Every bad row is reported at `file:line:col`: a
//! missing column, a total that is not a number in [0, 100], a tier that is
//! not an id (or, checked against a framework by [`check_tiers`], not one of
//! its tiers), a duplicate provider.

mod json;

use indexmap::IndexMap;

use crate::diag::{self, Diagnostic, Location};
use crate::evidence::{clean, each_record, table::Table};
use crate::framework::Framework;
use crate::input::{self, Encoding};
use crate::score::TOLERANCE;

/// The outcomes that are not a grade: they rank below every tier, level with one another.
pub const UNGRADED: [&str; 3] = ["incomplete", "none", "vetoed"];

/// What a result file is, for hints.
const RESULTS_HELP: &str = "give the output of `tierscore score --format csv` (or --format json)";

/// The framework a JSON result file names (CSV results name none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkRef {
    /// `framework.id`.
    pub id: String,
    /// `framework.version`.
    pub version: String,
    /// Where the id is in the file.
    pub location: Location,
}

/// One provider's result in an earlier round.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    /// The provider id.
    pub provider: String,
    /// Its total T.
    pub total: f64,
    /// Its tier id, or `none`, `incomplete`, `vetoed`.
    pub tier: String,
    /// Where its tier is in the file.
    pub tier_at: Location,
}

impl ResultRow {
    /// True when the tier is a grade (not `none`, `incomplete` or `vetoed`).
    pub fn graded(&self) -> bool {
        !UNGRADED.contains(&self.tier.as_str())
    }
}

/// A result file.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundResults {
    /// The file as the user named it.
    pub file: String,
    /// The framework, when the file says (JSON).
    pub framework: Option<FrameworkRef>,
    /// Providers in file order, by id.
    pub providers: IndexMap<String, ResultRow, rustc_hash::FxBuildHasher>,
}

impl RoundResults {
    /// The result of provider `id`, when it was in this round.
    pub fn get(&self, id: &str) -> Option<&ResultRow> {
        self.providers.get(id)
    }
}

/// Reads a result file (`-` for stdin): JSON when its first visible character
/// is `{`, CSV otherwise.
pub fn load(path: &str) -> Result<RoundResults, Vec<Diagnostic>> {
    let bytes = input::read_bytes(path).map_err(|d| vec![d])?;
    let text = input::decode(path, &bytes, Encoding::Auto).map_err(|d| vec![d])?;
    parse(path, &text)
}

/// Parses the text of a result file.
pub fn parse(file: &str, text: &str) -> Result<RoundResults, Vec<Diagnostic>> {
    if text.trim_start().starts_with('{') {
        json::parse(file, text)
    } else {
        parse_csv(file, text)
    }
}

/// Reads `score --format csv` output: the columns `provider`, `total` and
/// `tier` are used, the others ignored.
fn parse_csv(file: &str, text: &str) -> Result<RoundResults, Vec<Diagnostic>> {
    let mut table = Table::new(file);
    let mut rows = Rows::new(file);
    let mut errors = Vec::new();
    let mut columns: Option<[usize; 3]> = None;
    each_record(
        file,
        text.as_bytes(),
        |line, record| {
            let had_header = !table.header.is_empty();
            let usable = table.accept(line, record);
            if !had_header && !table.header.is_empty() {
                columns = header_columns(&mut table, line);
            }
            let Some([p, t, k]) = columns.filter(|_| usable) else {
                return;
            };
            let Some(id) = table.provider_id(line, p, record) else {
                return;
            };
            let at = |col: usize| Location { line, col: col + 1 };
            let cell = |col: usize| clean(record.get(col).unwrap_or(""));
            rows.add(
                unguard(id),
                parse_total(cell(t)),
                cell(k),
                (at(p), at(t), at(k)),
            );
        },
        &mut errors,
    );
    table.finish();
    for d in &mut table.diagnostics {
        if d.message.starts_with("the file is empty") {
            d.help = Some(RESULTS_HELP.into());
        }
    }
    errors.extend(table.diagnostics);
    rows.finish(None, errors)
}

/// The columns of `provider`, `total` and `tier`; an error for each missing one.
fn header_columns(table: &mut Table, line: usize) -> Option<[usize; 3]> {
    let mut found = [0; 3];
    let mut ok = true;
    for (slot, name) in found.iter_mut().zip(["provider", "total", "tier"]) {
        match table.column(name) {
            Some(c) => *slot = c,
            None => {
                ok = false;
                // `Table` already reports a missing `provider`.
                if name != "provider" {
                    let message = format!("the header has no `{name}` column");
                    table.error(line, 1, message).help = Some(RESULTS_HELP.into());
                }
            }
        }
    }
    ok.then_some(found)
}

/// Undoes the CSV writer's formula guard: `'-x` was written for the id `-x`.
fn unguard(id: &str) -> &str {
    match id.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => id,
    }
}

/// A total: a finite number in [0, 100].
fn parse_total(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(t) => check_total(t, text),
        Err(_) if text.is_empty() => Err("the total is empty".into()),
        Err(_) => Err(format!("total `{}` is not a number", diag::printable(text))),
    }
}

/// `total` when it is finite and in [0, 100]; `shown` is how the file wrote it.
fn check_total(total: f64, shown: &str) -> Result<f64, String> {
    if total.is_finite() && (-TOLERANCE..=100.0 + TOLERANCE).contains(&total) {
        Ok(total)
    } else {
        Err(format!(
            "total `{}` is outside [0, 100]",
            diag::printable(shown)
        ))
    }
}

/// True for a tier id as frameworks write them: `[a-z][a-z0-9_]*`.
fn is_tier_id(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Collects rows and their problems, for both formats.
struct Rows<'f> {
    file: &'f str,
    providers: IndexMap<String, ResultRow, rustc_hash::FxBuildHasher>,
    /// The line of each id in `providers`, by its index there.
    lines: Vec<usize>,
    /// The line where each id of a row with an error was first seen.
    failed_at: rustc_hash::FxHashMap<String, usize>,
    errors: Vec<Diagnostic>,
}

impl<'f> Rows<'f> {
    fn new(file: &'f str) -> Self {
        Rows {
            file,
            providers: IndexMap::default(),
            lines: Vec::new(),
            failed_at: rustc_hash::FxHashMap::default(),
            errors: Vec::new(),
        }
    }

    /// Adds a provider; `at` locates its id, total and tier.
    fn add(
        &mut self,
        id: &str,
        total: Result<f64, String>,
        tier: &str,
        at: (Location, Location, Location),
    ) {
        let (id_at, total_at, tier_at) = at;
        let first = (self.providers.get_index_of(id).map(|i| self.lines[i]))
            .or_else(|| self.failed_at.get(id).copied());
        if let Some(first) = first {
            let message = format!(
                "duplicate result for provider `{}` (first at line {first})",
                diag::printable(id),
            );
            self.errors
                .push(Diagnostic::error(self.file, Some(id_at), message));
            return;
        }
        let mut ok = true;
        if let Err(message) = &total {
            ok = false;
            self.errors.push(Diagnostic::error(
                self.file,
                Some(total_at),
                message.clone(),
            ));
        }
        if !is_tier_id(tier) {
            ok = false;
            let message = format!("`{}` is not a tier id", diag::printable(tier));
            self.errors.push(
                Diagnostic::error(self.file, Some(tier_at), message)
                    .with_help("a tier is a framework tier id, or none, incomplete or vetoed"),
            );
        }
        match (ok, total) {
            (true, Ok(total)) => {
                let row = ResultRow {
                    provider: id.to_string(),
                    total,
                    tier: tier.to_string(),
                    tier_at,
                };
                self.providers.insert(id.to_string(), row);
                self.lines.push(id_at.line);
            }
            _ => {
                self.failed_at.insert(id.to_string(), id_at.line);
            }
        }
    }

    fn finish(
        self,
        framework: Option<FrameworkRef>,
        mut errors: Vec<Diagnostic>,
    ) -> Result<RoundResults, Vec<Diagnostic>> {
        errors.extend(self.errors);
        diag::sort(&mut errors);
        if diag::has_errors(&errors) {
            return Err(errors);
        }
        Ok(RoundResults {
            file: self.file.to_string(),
            framework,
            providers: self.providers,
        })
    }
}

/// Checks results against the framework they are used with: a JSON file must
/// name the same framework id, and every tier must be one of its tiers (or
/// `none`, `incomplete`, `vetoed`).
pub fn check_tiers(results: &RoundResults, fw: &Framework) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if let Some(named) = &results.framework
        && named.id != fw.id
    {
        let message = format!(
            "these results are of framework `{}`, not `{}`",
            diag::printable(&named.id),
            fw.id
        );
        errors.push(
            Diagnostic::error(&results.file, Some(named.location), message)
                .with_help("give the results of a round scored with the same framework"),
        );
        return errors;
    }
    for row in results.providers.values() {
        if !UNGRADED.contains(&row.tier.as_str()) && fw.tier_index(&row.tier).is_none() {
            let known: Vec<&str> = fw.tiers.iter().map(|t| t.id.as_str()).collect();
            let message = format!(
                "unknown tier `{}`; framework `{}` has: {}",
                row.tier,
                fw.id,
                known.join(", ")
            );
            errors.push(
                Diagnostic::error(&results.file, Some(row.tier_at), message)
                    .with_help("were these results scored with another framework?"),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests;
