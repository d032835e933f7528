//! How messages on stderr look: `--quiet` drops warnings, and the severity is
//! coloured when stderr is a terminal and `NO_COLOR` is not set.
//!
//! These are process-wide settings, made once at start-up, so that every
//! command's diagnostics follow them without each command passing them on.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::diag::{self, Diagnostic, Severity};

static QUIET: AtomicBool = AtomicBool::new(false);
static COLOR: AtomicBool = AtomicBool::new(false);

/// Drops warnings from stderr (`--quiet`); errors still print.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Colours the severity of messages on stderr.
pub fn set_color(color: bool) {
    COLOR.store(color, Ordering::Relaxed);
}

/// True when colours suit the process's stderr: a terminal, and `NO_COLOR`
/// unset or empty (<https://no-color.org>).
pub fn stderr_wants_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// True when a diagnostic is to be printed.
pub fn shows(d: &Diagnostic) -> bool {
    d.is_error() || !QUIET.load(Ordering::Relaxed)
}

/// A diagnostic as printed on stderr.
pub fn render(d: &Diagnostic) -> String {
    d.render(COLOR.load(Ordering::Relaxed))
}

/// `error: message` for messages that belong to no file.
pub fn error_line(message: &str) -> String {
    // A usage error may quote an argument (a provider id): escape it like a diagnostic.
    let message = diag::printable(message);
    if COLOR.load(Ordering::Relaxed) {
        format!("{}: {message}", diag::paint(Severity::Error))
    } else {
        format!("error: {message}")
    }
}
