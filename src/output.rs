//! Writing results: stdout, or a file replaced atomically.
//!
//! Every check on the input is made before anything is written. Output then
//! goes to a temporary file beside the target, renamed over it once complete,
//! so a failed run never leaves a partial file and a previous result stays
//! intact. Large results (the CSV of `score`) are streamed into that file as
//! they are formatted ([`emit_with`]) rather than held whole in memory, and
//! flushed to disk in the background as they go, so that making the file
//! durable before the rename does not wait for all of it at the end.
//!
//! A run killed outright (`kill -9`, power loss) between creating its temporary
//! file and renaming it cannot remove it; without `unsafe` there is no unnamed
//! temporary file (`O_TMPFILE` + `linkat`) to avoid that. So each temporary
//! file is named after its process, `.tierscore-<pid>-XXXXXX.tmp`, and the next
//! run writing into the same directory removes those of processes that no
//! longer exist (where `/proc` tells; elsewhere they stay).

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
    emit_with(target, inputs, stdout, &mut |w| w.write_all(bytes))
}

/// Writes what `write` produces to `target` (`None` or `-` for stdout), never
/// over one of `inputs`, streaming: a file receives it through a buffer as it
/// comes (still atomically, see the module), a pipe directly. A terminal gets
/// it at once, made safe by [`for_terminal`], which needs the whole text.
pub fn emit_with(
    target: Option<&str>,
    inputs: &[&str],
    stdout: &mut dyn Write,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    match target {
        None | Some("-") => write_stdout(write, stdout),
        Some(path) => {
            let aliased = |i: &&str| match *i {
                "-" => stdin_is(path),
                i => same_file(i, path),
            };
            if inputs.iter().any(aliased) {
                return Err(WriteError::WouldOverwriteInput(path.to_string()));
            }
            write_file(Path::new(path), write).map_err(|e| match e.kind() {
                // `-o /dev/stdout | head`: as quiet as stdout itself.
                std::io::ErrorKind::BrokenPipe => WriteError::BrokenPipe,
                _ => WriteError::Io(path.to_string(), e),
            })
        }
    }
}

fn write_stdout(
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    stdout: &mut dyn Write,
) -> Result<(), WriteError> {
    use std::io::IsTerminal;
    let written = if std::io::stdout().is_terminal() {
        let mut bytes = Vec::new();
        write(&mut bytes).and_then(|_| stdout.write_all(&for_terminal(&bytes)))
    } else {
        let mut buffered = std::io::BufWriter::with_capacity(BUFFER, &mut *stdout);
        write(&mut buffered).and_then(|_| buffered.flush())
    };
    written
        .and_then(|_| stdout.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => WriteError::BrokenPipe,
            _ => WriteError::Io("<stdout>".to_string(), e),
        })
}

/// The write buffer of streamed output.
const BUFFER: usize = 64 * 1024;

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

/// True when stdin is the regular file at `path` (`-e - < ev.csv -o ev.csv`),
/// by device and inode as for named inputs; a pipe or terminal never is.
#[cfg(unix)]
fn stdin_is(path: &str) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let stdin = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .and_then(|fd| std::fs::File::from(fd).metadata());
    match (stdin, std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn stdin_is(_: &str) -> bool {
    false
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
fn write_file(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            let file = std::fs::OpenOptions::new().write(true).open(path)?;
            let mut buffered = std::io::BufWriter::with_capacity(BUFFER, file);
            write(&mut buffered)?;
            buffered.flush()
        }
        Ok(_) => write_atomically(&std::fs::canonicalize(path)?, write),
        Err(_) => write_atomically(path, write),
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

fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    let permissions = output_permissions(path);
    if let Some(permissions) = &permissions {
        builder.permissions(permissions.clone());
    }
    remove_stale_temporaries(dir);
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let tmp = builder.prefix(&prefix).suffix(".tmp").tempfile_in(dir)?;
    write_syncing(tmp.as_file(), write)?;
    // Creation applies the umask; a replaced file keeps its mode exactly.
    if let (Some(permissions), true) = (permissions, path.exists()) {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// How much written output starts a flush to disk in the background.
const SYNC_EVERY: u64 = 8 * 1024 * 1024;

/// Streams `write`'s output into `file` through a buffer and keeps the disk
/// busy meanwhile: after every [`SYNC_EVERY`] bytes, a second thread flushes
/// what has been written so far (`sync_data`), so that the final `sync_all`
/// before the rename waits only for the last few megabytes, not the whole
/// file. The flushes wait on the disk, not the processor: for the 135 MB of
/// `gap --format json` at 40,000 providers the final `sync_all` went from
/// 265 ms to 4 ms (docs/performance.md). A small output never starts the
/// thread. A flush that fails fails the write, as the final one would.
fn write_syncing(
    file: &std::fs::File,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let mut syncing = Syncing {
            file,
            written: 0,
            scope,
            flusher: None,
        };
        let mut buffered = std::io::BufWriter::with_capacity(BUFFER, &mut syncing);
        let written = write(&mut buffered).and_then(|_| buffered.flush());
        drop(buffered);
        let flushed = match syncing.flusher.take() {
            Some((request, thread)) => {
                drop(request);
                thread
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("the disk flush stopped")))
            }
            None => Ok(()),
        };
        written.and(flushed)
    })
}

/// The temporary file as [`write_syncing`] writes it: counts the bytes and
/// asks for a background flush after every [`SYNC_EVERY`] of them.
struct Syncing<'f, 'scope, 'env> {
    file: &'f std::fs::File,
    written: u64,
    scope: &'scope std::thread::Scope<'scope, 'env>,
    /// The channel that asks for a flush, and the thread that makes them
    /// (started at the first request).
    flusher: Option<(
        std::sync::mpsc::SyncSender<()>,
        std::thread::ScopedJoinHandle<'scope, std::io::Result<()>>,
    )>,
}

impl Write for Syncing<'_, '_, '_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = (&mut &*self.file).write(bytes)?;
        let before = self.written;
        self.written += n as u64;
        if before / SYNC_EVERY == self.written / SYNC_EVERY {
            return Ok(n);
        }
        if self.flusher.is_none() {
            let (request, requests) = std::sync::mpsc::sync_channel::<()>(1);
            let copy = self.file.try_clone()?;
            let thread = self.scope.spawn(move || {
                // One flush per request; a request made during a flush waits
                // in the channel (room for one), and any more are dropped:
                // the next flush covers their bytes too.
                while requests.recv().is_ok() {
                    copy.sync_data()?;
                }
                Ok(())
            });
            self.flusher = Some((request, thread));
        }
        if let Some((request, _)) = &self.flusher {
            // Full: a flush is waiting already. Gone: a flush failed, and
            // joining the thread reports why.
            let _ = request.try_send(());
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How temporary output files start: `.tierscore-<pid>-`.
const TEMP_PREFIX: &str = ".tierscore-";

/// Removes the temporary files in `dir` that runs killed before renaming them
/// left behind: `.tierscore-<pid>-*.tmp` whose process no longer exists.
/// Best effort: a file that cannot be removed is left as it was.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    for entry in entries.flatten() {
        let name = entry.file_name();
        let dead = |pid: u32| {
            pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists()
        };
        if name.to_str().and_then(temporary_of).is_some_and(dead) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name `.tierscore-<pid>-XXXXXX.tmp`.
fn temporary_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(".tmp")?;
    let (pid, random) = rest.split_once('-')?;
    (!random.is_empty()).then_some(())?;
    pid.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_the_process_id() {
        assert_eq!(temporary_of(".tierscore-4242-a1B2c3.tmp"), Some(4242));
        assert_eq!(temporary_of(".tierscore-a1B2c3.tmp"), None);
        assert_eq!(temporary_of(".tierscore-4242-.tmp"), None);
        assert_eq!(temporary_of(".tierscore-4242-x.csv"), None);
        assert_eq!(temporary_of("tierscore-4242-x.tmp"), None);
    }

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

    /// An output of several flushes' worth arrives whole and in order,
    /// whatever the sizes of the pieces written (some across a boundary).
    #[test]
    fn large_outputs_are_flushed_as_they_go_and_arrive_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("big.txt");
        let line = |i: u64| format!("{i:09}\n");
        let pieces = (2 * SYNC_EVERY + 12_345) / 10;
        write_atomically(&out, &mut |w| {
            (0..pieces).try_for_each(|i| w.write_all(line(i).as_bytes()))
        })
        .unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(text.len() as u64, pieces * 10);
        assert!(
            text.lines()
                .enumerate()
                .all(|(i, l)| l == line(i as u64).trim_end())
        );
        // Pieces larger than a flush's worth, and nothing left beside the output.
        let block = vec![b'x'; SYNC_EVERY as usize + 1];
        write_atomically(&out, &mut |w| (0..3).try_for_each(|_| w.write_all(&block))).unwrap();
        assert_eq!(std::fs::metadata(&out).unwrap().len(), 3 * (SYNC_EVERY + 1));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    /// A failed write leaves the previous output as it was, after a flush
    /// in the background has started.
    #[test]
    fn a_write_failing_after_a_flush_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.txt");
        std::fs::write(&out, b"before\n").unwrap();
        let block = vec![b'y'; SYNC_EVERY as usize + 7];
        let failed = write_atomically(&out, &mut |w| {
            w.write_all(&block)?;
            Err(std::io::Error::other("stopped"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "stopped");
        assert_eq!(std::fs::read(&out).unwrap(), b"before\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").unwrap();
        let out = dir.path().join("out.csv");
        write_atomically(&out, &mut |w| w.write_all(b"a\n")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain));
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&out, &mut |w| w.write_all(b"b\n")).unwrap();
        assert_eq!(mode(&out), 0o640);
        assert_eq!(std::fs::read(&out).unwrap(), b"b\n");
    }
}
