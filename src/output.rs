//! Writing results: stdout, or a file replaced atomically.
//!
//! Output is rendered in full before anything is written, then written to a
//! temporary file beside the target and renamed over it, so a failed run never
//! leaves a partial file and a previous result stays intact.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The reader of stdout went away (`| head`): not worth an error message.
    BrokenPipe,
    /// The output would overwrite one of the inputs.
    WouldOverwriteInput(String),
    /// Any other I/O failure, with the path.
    Io(String, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::BrokenPipe => write!(f, "broken pipe"),
            WriteError::WouldOverwriteInput(p) => write!(
                f,
                "{p}: error: refusing to write the output over an input file"
            ),
            WriteError::Io(p, e) if p == "<stdout>" => {
                write!(f, "{p}: error: cannot write the output: {e}")
            }
            WriteError::Io(p, e) => write!(
                f,
                "{p}: error: cannot write the output: {}\n  = help: the directory must exist, \
                 be writable and have room; nothing was written and any previous {p} is unchanged",
                plain(e)
            ),
        }
    }
}

/// The OS error without the temporary file's path that `tempfile` appends
/// (" at path …"): the user named the output file, not the temporary one.
fn plain(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Writes `bytes` to `target` (`None` or `-` for stdout), never over one of `inputs`.
pub fn emit(
    target: Option<&str>,
    inputs: &[&str],
    bytes: &[u8],
    stdout: &mut dyn Write,
) -> Result<(), WriteError> {
    match target {
        None | Some("-") => write_stdout(bytes, stdout),
        Some(path) => {
            if inputs.iter().any(|i| *i != "-" && same_file(i, path)) {
                return Err(WriteError::WouldOverwriteInput(path.to_string()));
            }
            write_file(Path::new(path), bytes).map_err(|e| match e.kind() {
                // `-o /dev/stdout | head`: as quiet as stdout itself.
                std::io::ErrorKind::BrokenPipe => WriteError::BrokenPipe,
                _ => WriteError::Io(path.to_string(), e),
            })
        }
    }
}

fn write_stdout(bytes: &[u8], stdout: &mut dyn Write) -> Result<(), WriteError> {
    use std::io::IsTerminal;
    let shown = if std::io::stdout().is_terminal() {
        for_terminal(bytes)
    } else {
        bytes.into()
    };
    stdout
        .write_all(&shown)
        .and_then(|_| stdout.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => WriteError::BrokenPipe,
            _ => WriteError::Io("<stdout>".to_string(), e),
        })
}

/// Text for a terminal: control characters other than newline and tab (ESC,
/// CR, BEL, …) and bidi overrides are shown escaped, whatever command printed
/// them, so that a name in a provider's file cannot clear the screen or hide
/// lines. Files and pipes get the bytes unchanged; so does binary output.
pub fn for_terminal(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use crate::diag::is_unprintable;
    let risky = |c: char| c != '\n' && c != '\t' && is_unprintable(c);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.into();
    };
    if !text.chars().any(risky) {
        return bytes.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if risky(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into_bytes().into()
}

fn same_file(a: &str, b: &str) -> bool {
    match (std::fs::canonicalize(a), canonical_target(b)) {
        (Ok(a), Some(b)) if a == b => true,
        _ => same_inode(a, b),
    }
}

/// True when both paths exist and are the same file (e.g. hard links).
#[cfg(unix)]
fn same_inode(a: &str, b: &str) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &str, _: &str) -> bool {
    false
}

/// The canonical path a (possibly not yet existing) output file would have.
fn canonical_target(path: &str) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let path = Path::new(path);
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(path.file_name()?))
}

/// Writes a file. A regular file (or a new one) is replaced atomically; through
/// a symbolic link, the file it points to is replaced and the link kept. Anything
/// else (`/dev/null`, a named pipe; a directory fails) is written in place:
/// renaming over it would replace the device or pipe itself with a regular file.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        Ok(_) => write_atomically(&std::fs::canonicalize(path)?, bytes),
        Err(_) => write_atomically(path, bytes),
    }
}

/// The permissions of the file being replaced, else those of a new file
/// (rw for all, less the umask) — not the owner-only mode of temporary files.
fn output_permissions(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    None
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    let permissions = output_permissions(path);
    if let Some(permissions) = &permissions {
        builder.permissions(permissions.clone());
    }
    let mut tmp = builder
        .prefix(".tierscore-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Creation applies the umask; a replaced file keeps its mode exactly.
    if let (Some(permissions), true) = (permissions, path.exists()) {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_output_escapes_control_characters_but_not_layout() {
        let text = "a\tb\n\u{1b}[2Jx\r\u{202e}y\n";
        assert_eq!(
            for_terminal(text.as_bytes()).as_ref(),
            b"a\tb\n\\u{1b}[2Jx\\r\\u{202e}y\n"
        );
        assert!(matches!(
            for_terminal(b"plain\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(for_terminal(b"PK\x03\x04\xff").as_ref(), b"PK\x03\x04\xff");
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").unwrap();
        let out = dir.path().join("out.csv");
        write_atomically(&out, b"a\n").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain));
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&out, b"b\n").unwrap();
        assert_eq!(mode(&out), 0o640);
        assert_eq!(std::fs::read(&out).unwrap(), b"b\n");
    }
}
