//! `diff` reads one evidence file against two frameworks. A problem found
//! against both is the evidence's own and is reported once, as it is; one
//! found against only one of them belongs to that framework — "no column of
//! the header is an indicator of this framework" means nothing unless it says
//! which — so its message names the framework: `(against the new framework new.toml)`.

use std::collections::BTreeSet;

use crate::diag::Diagnostic;

/// The diagnostics of one parse of the evidence: its warnings, or its errors.
pub type Parsed<T> = Option<Result<(T, Vec<Diagnostic>), Vec<Diagnostic>>>;

/// Names the framework in every diagnostic found against only one side;
/// `paths` are the old and the new framework as the user named them.
pub fn name_sides<T>(old: &mut Parsed<T>, new: &mut Parsed<T>, paths: (&str, &str)) {
    let key = |d: &Diagnostic| {
        (
            d.file.clone(),
            d.location,
            d.cell.clone(),
            d.message.clone(),
        )
    };
    let keys = |p: &Parsed<T>| -> BTreeSet<_> { diagnostics(p).iter().map(key).collect() };
    let (in_old, in_new) = (keys(old), keys(new));
    for (parsed, others, side, path) in [
        (old, &in_new, "old", paths.0),
        (new, &in_old, "new", paths.1),
    ] {
        for d in diagnostics_mut(parsed) {
            if !others.contains(&key(d)) {
                d.message = format!("{} (against the {side} framework {path})", d.message);
            }
        }
    }
}

fn diagnostics<T>(parsed: &Parsed<T>) -> &[Diagnostic] {
    match parsed {
        Some(Ok((_, d)) | Err(d)) => d,
        None => &[],
    }
}

fn diagnostics_mut<T>(parsed: &mut Parsed<T>) -> &mut [Diagnostic] {
    match parsed {
        Some(Ok((_, d)) | Err(d)) => d,
        None => &mut [],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_sided_problems_name_their_framework() {
        let both = Diagnostic::error("e.csv", None, "the file is empty");
        let only_new = Diagnostic::warning("e.csv", None, "unknown indicator `x`");
        let mut old: Parsed<()> = Some(Err(vec![both.clone()]));
        let mut new: Parsed<()> = Some(Ok(((), vec![both.clone(), only_new])));
        name_sides(&mut old, &mut new, ("old.toml", "new.toml"));
        assert_eq!(diagnostics(&old)[0].message, "the file is empty");
        let new = diagnostics(&new);
        assert_eq!(new[0].message, "the file is empty");
        assert_eq!(
            new[1].message,
            "unknown indicator `x` (against the new framework new.toml)"
        );
    }
}
