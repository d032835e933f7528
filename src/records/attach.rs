//! The step of a run that reads the ledgers named by `--records` (or found as
//! sheets of an xlsx evidence workbook) and fills the derived indicators of
//! one evidence file, on the `--as-of` date.
//!
//! Problems with the flags themselves (an unknown table id, a missing
//! `--as-of`) are diagnostics whose "file" is the flag (`--records`,
//! `--as-of`): the CLI reports those as usage errors (exit 2).

use super::{Ledgers, derive_all, load_all};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::evidence::Evidence;
use crate::evidence::workbook::is_workbook;
use crate::framework::Framework;
use crate::input::Encoding;

/// The `--records` and `--as-of` of a run.
#[derive(Debug, Clone, Copy)]
pub struct RecordsArgs<'a> {
    /// `--records ID=FILE`, in command-line order.
    pub named: &'a [(String, String)],
    /// `--as-of`.
    pub as_of: Option<Date>,
    /// `--encoding` of the CSV ledgers.
    pub encoding: Encoding,
}

/// True for a diagnostic about a command-line flag rather than a file (its
/// "file" is the flag, such as `--as-of`): the CLI reports it as a usage error.
pub fn is_flag_problem(d: &Diagnostic) -> bool {
    d.file.starts_with("--")
}

/// The usage error of a run that needs `--as-of` and has none; `why` says
/// what needs it (e.g. "`cities_served_3y` counts `projects` within 3 years").
pub fn needs_as_of(why: &str) -> Diagnostic {
    Diagnostic::error(
        "--as-of",
        None,
        format!("{why}, so the evaluation needs its reference date (评价基准日)"),
    )
    .with_help("give it as --as-of YYYY-MM-DD, e.g. --as-of 2026-06-30")
}

/// The problems of the flags alone: record tables the framework does not
/// declare or named twice, a derived table without a ledger, windows without
/// `--as-of`.
pub fn check_flags(fw: &Framework, args: RecordsArgs, book: Option<&str>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let ids: Vec<&str> = fw.records.iter().map(|t| t.id.as_str()).collect();
    for (i, (id, _)) in args.named.iter().enumerate() {
        if !ids.contains(&id.as_str()) {
            let help = match ids.is_empty() {
                true => "the framework declares no [[records]] tables".to_string(),
                false => format!("the framework's record tables are: {}", ids.join(", ")),
            };
            problems.push(
                Diagnostic::error("--records", None, format!("unknown record table `{id}`"))
                    .with_help(help),
            );
        } else if args.named[..i].iter().any(|(other, _)| other == id) {
            let message = format!("the record table `{id}` is given twice");
            problems.push(Diagnostic::error("--records", None, message));
        }
    }
    let sheets = book.map(super::reader::sheet_names).unwrap_or_default();
    for ind in &fw.indicators {
        let Some(d) = &ind.derive else { continue };
        let table = &fw.records[d.table].id;
        let given = args.named.iter().any(|(id, _)| id == table) || sheets.contains(table);
        if !given
            && !problems
                .iter()
                .any(|p| p.message.contains(&format!("`{table}`")))
        {
            let message = format!(
                "`{}` is derived from the `{table}` ledger, which is not given",
                ind.id
            );
            problems.push(
                Diagnostic::error("--records", None, message).with_help(format!(
                    "give it as --records {table}=FILE (CSV, or FILE.xlsx!SHEET)"
                )),
            );
        }
    }
    if args.as_of.is_none()
        && let Some(table) = fw.records.iter().find(|t| {
            t.has_validity()
                && (args.named.iter().any(|(id, _)| *id == t.id) || sheets.contains(&t.id))
        })
    {
        let why = format!(
            "the `{}` records have valid_from/valid_until dates",
            table.id
        );
        problems.push(needs_as_of(&why));
    } else if args.as_of.is_none()
        && let Some(ind) = fw
            .indicators
            .iter()
            .find(|i| i.derive.as_ref().is_some_and(|d| d.window.is_some()))
        && let Some((d, w)) = ind.derive.as_ref().and_then(|d| d.window.map(|w| (d, w)))
    {
        let why = format!(
            "`{}` counts `{}` within {} year(s) of the as-of date",
            ind.id, fw.records[d.table].id, w.years
        );
        problems.push(needs_as_of(&why));
    }
    problems
}

/// Reads the ledgers and fills the derived indicators of `evidence` (read
/// from `evidence_path`). Returns the ledgers and the warnings, or every
/// diagnostic when any is an error.
pub fn attach(
    fw: &Framework,
    evidence: &mut Evidence,
    evidence_path: &str,
    args: RecordsArgs,
) -> Result<(Ledgers, Vec<Diagnostic>), Vec<Diagnostic>> {
    let book = is_workbook(evidence_path).then_some(evidence_path);
    if fw.records.is_empty() && args.named.is_empty() {
        return Ok((Ledgers::default(), Vec::new()));
    }
    let problems = check_flags(fw, args, book);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (mut ledgers, mut warnings) = load_all(fw, args.named, book, args.encoding)?;
    if let Some(as_of) = args.as_of {
        // Validity is judged on the reference date only: never on the clock.
        for ledger in &mut ledgers.ledgers {
            warnings.extend(ledger.apply_validity(fw, as_of));
        }
    }
    match derive_all(fw, &ledgers, evidence, args.as_of) {
        Ok(more) => {
            warnings.extend(more);
            Ok((ledgers, warnings))
        }
        Err(errors) => Err(errors),
    }
}
