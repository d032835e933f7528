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
    stdout
        .write_all(bytes)
        .and_then(|_| stdout.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => WriteError::BrokenPipe,
            _ => WriteError::Io("<stdout>".to_string(), e),
        })
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
/// else (`/dev/null`, a named pipe; a directory fails) is written in place: renaming over it would
/// replace the device or pipe itself with a regular file.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        Ok(meta) => {
            let target = std::fs::canonicalize(path)?;
            write_atomically(&target, bytes, Some(meta.permissions()))
        }
        Err(_) => write_atomically(path, bytes, None),
    }
}

/// Writes a temporary file beside `path` and renames it over `path`. The new
/// file keeps the permissions of the one it replaces; a new file gets the usual
/// read-write permissions less the umask (not the temporary file's 0600).
fn write_atomically(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tierscore-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
