//! CSV records with true line numbers.

use crate::diag::{Diagnostic, Location};

/// Calls `f` with every CSV record and its line; unreadable records become errors.
pub fn each_record(
    file: &str,
    reader: impl std::io::Read,
    mut f: impl FnMut(usize, &csv::StringRecord),
    errors: &mut Vec<Diagnostic>,
) {
    let (reader, mut lines) = line_ends(reader);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let mut record = csv::StringRecord::new();
    let mut last = (0, 0, false);
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
                let broken = record
                    .get(record.len().saturating_sub(1))
                    .is_some_and(|f| f.ends_with(['\n', '\r']));
                last = (line, record.len(), broken);
                f(line, &record);
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte()));
                errors.push(Diagnostic::error(
                    file,
                    Some(Location { line, col: 1 }),
                    format!("unreadable CSV: {e}"),
                ));
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    // The csv crate ends an unclosed quoted field at the end of the file
    // without a word; the sign is an odd number of quotes and a last field
    // that swallowed the final line end.
    let (line, fields, broken) = last;
    if broken && lines.odd_quotes() {
        errors.push(
            Diagnostic::error(
                file,
                Some(Location { line, col: fields }),
                "a quoted field is not closed before the end of the file",
            )
            .with_help("close the quote, or double a quote that is part of the value (\"\")"),
        );
    }
}

/// Wraps a reader so that a record's line can be found from its byte offset.
/// (The csv crate's own line count skips blank lines and the ends of CRLF
/// lines, so it drifts on the files spreadsheets export; and a record's byte
/// offset points before the blank lines and line ends that precede it.)
fn line_ends<R: std::io::Read>(inner: R) -> (LineStarts<R>, LineCounter) {
    let shared = std::rc::Rc::new(std::cell::RefCell::new(Shared::default()));
    let counter = LineCounter {
        shared: shared.clone(),
        line: 1,
    };
    let reader = LineStarts {
        inner,
        seen: 0,
        line: 1,
        at_start: true,
        shared,
    };
    (reader, counter)
}

/// What the reader wrapper has seen, for the line counter.
#[derive(Default)]
struct Shared {
    /// (offset, line) of each line with content not yet passed.
    starts: std::collections::VecDeque<(u64, usize)>,
    /// The number of `"` so far.
    quotes: usize,
}

/// Records, as bytes pass through, where each line with content starts.
struct LineStarts<R> {
    inner: R,
    seen: u64,
    line: usize,
    at_start: bool,
    shared: std::rc::Rc<std::cell::RefCell<Shared>>,
}

impl<R: std::io::Read> std::io::Read for LineStarts<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut shared = self.shared.borrow_mut();
        shared.quotes += memchr::memchr_iter(b'"', &buf[..n]).count();
        let starts = &mut shared.starts;
        let mut line_start = 0;
        // Line ends found with memchr (SIMD); only the byte after each is looked at.
        for end in memchr::memchr_iter(b'\n', &buf[..n]).chain([n]) {
            if self.at_start && line_start < end && buf[line_start] != b'\r' {
                starts.push_back((self.seen + line_start as u64, self.line));
                self.at_start = false;
            }
            if end < n {
                self.line += 1;
                self.at_start = true;
                line_start = end + 1;
            }
        }
        self.seen += n as u64;
        Ok(n)
    }
}

/// Turns the increasing byte offsets of records into 1-based line numbers.
struct LineCounter {
    shared: std::rc::Rc<std::cell::RefCell<Shared>>,
    line: usize,
}

impl LineCounter {
    /// The line of the first content at or after `byte`.
    fn line_at(&mut self, byte: u64) -> usize {
        let starts = &mut self.shared.borrow_mut().starts;
        while starts.front().is_some_and(|&(offset, _)| offset < byte) {
            starts.pop_front();
        }
        if let Some(&(_, line)) = starts.front() {
            self.line = line;
        }
        self.line
    }

    /// True when the file has an odd number of `"`.
    fn odd_quotes(&self) -> bool {
        self.shared.borrow().quotes % 2 == 1
    }
}
