//! How many diagnostics are printed: `--max-errors N` (default
//! [`DEFAULT_MAX_ERRORS`]; 0 prints all). A junk file (a megabyte of binary, a
//! CSV whose every row is wrong) would otherwise print an error per cell:
//! millions of lines that help no one. The first N errors and the first N
//! warnings are printed, in file order, then one line counting the rest. The
//! exit code and the `N error(s)` summary still count every one, and
//! `validate --format json` lists every one: a program reading it wants them all.
//!
//! A process-wide setting made once at start-up, like `--quiet`.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::Diagnostic;

/// Errors (and, separately, warnings) printed when `--max-errors` is not given.
pub const DEFAULT_MAX_ERRORS: usize = 20;

static MAX: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_ERRORS);

/// Sets `--max-errors` (0: no limit).
pub fn set_max_errors(max: usize) {
    MAX.store(max, Ordering::Relaxed);
}

/// The diagnostics to print, in their order, and the line that counts those
/// left out (`None` when none is).
pub fn shown<'d>(
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
) -> (Vec<&'d Diagnostic>, Option<String>) {
    let max = match MAX.load(Ordering::Relaxed) {
        0 => usize::MAX,
        n => n,
    };
    let (mut errors, mut warnings) = (0usize, 0usize);
    let mut shown = Vec::new();
    for d in diagnostics {
        let seen = if d.is_error() {
            &mut errors
        } else {
            &mut warnings
        };
        *seen += 1;
        if *seen <= max {
            shown.push(d);
        }
    }
    let hidden = (errors.saturating_sub(max), warnings.saturating_sub(max));
    (shown, rest_line(hidden))
}

/// `… and 3 more errors and 1 more warning (use --max-errors to see more)`.
fn rest_line((errors, warnings): (usize, usize)) -> Option<String> {
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 more {one}")),
        n => Some(format!("{n} more {many}")),
    };
    let parts: Vec<String> = [
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings"),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "… and {} (use --max-errors N to see more, --max-errors 0 for all)",
            parts.join(" and ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rest_is_counted_by_severity() {
        assert_eq!(rest_line((0, 0)), None);
        assert_eq!(
            rest_line((1, 0)).as_deref(),
            Some("… and 1 more error (use --max-errors N to see more, --max-errors 0 for all)")
        );
        assert_eq!(
            rest_line((1_299_980, 2)).as_deref(),
            Some(
                "… and 1299980 more errors and 2 more warnings (use --max-errors N to see more, --max-errors 0 for all)"
            )
        );
    }
}
