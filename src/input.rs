//! Reading input files: `-` for stdin, text decoding (UTF-8, BOM, GB18030).

use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Location};

pub mod stdin;

/// The largest input file accepted, so a wrong file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// How to decode CSV bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 (with or without BOM), else GB18030.
    #[default]
    Auto,
    /// UTF-8 only.
    Utf8,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

/// A text input, ready to read.
pub enum Text {
    /// One stream, decoded to UTF-8 and without a BOM.
    Stream(Box<dyn Read + Send>),
    /// A large file cut after a line end a little past its middle, so that
    /// its halves can be parsed at the same time. Nothing in it has been
    /// checked: the halves may be read only as plain text (UTF-8 without
    /// quotes, which `evidence::each_plain_record` checks as it goes, since a
    /// quoted field might span the cut); when either is not, read the file
    /// again with [`open_text`].
    Halves {
        /// From the start (after any BOM) to the cut.
        first: Box<dyn Read + Send>,
        /// From the cut to the end.
        second: Box<dyn Read + Send>,
        /// The bytes before the cut again, to count the lines before the second half.
        before_second: Box<dyn Read + Send>,
    },
}

/// Files smaller than this are never cut in halves: a thread would cost more than it saves.
pub(crate) const HALVES_MIN_BYTES: u64 = 8 << 20;

/// Opens a text file for streaming.
///
/// A UTF-8 file (the common case) is checked in one pass and then streamed, so
/// a large file is never held in memory. Stdin, GB18030 files and files that
/// turn out not to be UTF-8 are read whole and decoded.
pub fn open_text(path: &str, encoding: Encoding) -> Result<Box<dyn Read + Send>, Diagnostic> {
    if path == "-" || encoding == Encoding::Gb18030 {
        return decoded_in_memory(path, encoding);
    }
    let file = std::fs::File::open(path).map_err(|e| cannot_read(path, e))?;
    let meta = file.metadata().map_err(|e| cannot_read(path, e))?;
    // A pipe (`-e <(…)`) or a device can be read only once, and has no size:
    // read it whole, within the limit, like stdin.
    if !meta.is_file() {
        return decoded_in_memory(path, encoding);
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    let scan = scan(file).map_err(|e| cannot_read(path, e))?;
    if !scan.utf8 {
        return decoded_in_memory(path, encoding);
    }
    let bom = if scan.bom { 3 } else { 0 };
    part(path, bom, size - bom).map_err(|e| cannot_read(path, e))
}

/// Opens a text file in two halves when it is large, not known to be
/// GB18030 and does not start with a UTF-16 mark, else as [`open_text`] does.
/// Nothing is read but the first three bytes and the line around the middle.
pub fn open_text_halves(path: &str, encoding: Encoding) -> Result<Text, Diagnostic> {
    let whole = || open_text(path, encoding).map(Text::Stream);
    if path == "-" || encoding == Encoding::Gb18030 {
        return whole();
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return whole();
    };
    let size = match file.metadata() {
        Ok(meta) if meta.is_file() && (HALVES_MIN_BYTES..=MAX_FILE_BYTES).contains(&meta.len()) => {
            meta.len()
        }
        _ => return whole(),
    };
    let mut start = [0u8; 3];
    if file.read_exact(&mut start).is_err()
        || start.starts_with(&[0xFF, 0xFE])
        || start.starts_with(&[0xFE, 0xFF])
    {
        return whole();
    }
    let bom = if start == *b"\xEF\xBB\xBF" { 3 } else { 0 };
    // A little past the middle: the second thread first counts the lines
    // before its half, which takes about a thirtieth of parsing them.
    let Ok(Some(cut)) = line_end_after(file, size / 2 + size / 64) else {
        return whole();
    };
    let halves = (|| {
        Ok::<_, std::io::Error>(Text::Halves {
            first: part(path, bom, cut - bom)?,
            second: part(path, cut, size - cut)?,
            before_second: part(path, 0, cut)?,
        })
    })();
    halves.map_err(|e| cannot_read(path, e))
}

/// The offset just after the first line end at or past `from`, if any.
fn line_end_after(mut file: std::fs::File, from: u64) -> std::io::Result<Option<u64>> {
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(from))?;
    let mut buf = vec![0u8; 1 << 16];
    let mut at = from;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
            return Ok(Some(at + i as u64 + 1));
        }
        at += n as u64;
    }
}

/// `len` bytes of the file from offset `from`, buffered.
fn part(path: &str, from: u64, len: u64) -> std::io::Result<Box<dyn Read + Send>> {
    let mut file = std::fs::File::open(path)?;
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(from))?;
    Ok(Box::new(std::io::BufReader::with_capacity(
        1 << 16,
        file.take(len),
    )))
}

fn cannot_read(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("cannot read the file: {e}"))
        .with_help("check the path and that you may read it")
}

/// What one pass over a file found.
struct Scan {
    /// Valid UTF-8 (and no UTF-16 BOM).
    utf8: bool,
    /// Starts with a UTF-8 BOM.
    bom: bool,
}

/// Checks a whole file for valid UTF-8 without holding it in memory.
fn scan(mut file: std::fs::File) -> std::io::Result<Scan> {
    let mut buf = vec![0u8; 1 << 16];
    let (mut carried, mut start) = (0usize, 0u64);
    let mut found = Scan {
        utf8: true,
        bom: false,
    };
    loop {
        let n = file.read(&mut buf[carried..])?;
        let filled = carried + n;
        if start == 0 && carried == 0 {
            if buf[..filled].starts_with(&[0xFF, 0xFE]) || buf[..filled].starts_with(&[0xFE, 0xFF])
            {
                return Ok(Scan {
                    utf8: false,
                    ..found
                });
            }
            found.bom = buf[..filled].starts_with(b"\xEF\xBB\xBF");
        }
        if n == 0 {
            return Ok(Scan {
                utf8: carried == 0,
                ..found
            });
        }
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => {
                start += filled as u64;
                carried = 0;
            }
            // A sequence cut by the chunk boundary: carry it to the next chunk.
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                start += valid as u64;
                carried = filled - valid;
            }
            Err(_) => {
                return Ok(Scan {
                    utf8: false,
                    ..found
                });
            }
        }
    }
}

fn decoded_in_memory(path: &str, encoding: Encoding) -> Result<Box<dyn Read + Send>, Diagnostic> {
    let bytes = read_bytes(path)?;
    let text = decode(path, &bytes, encoding)?;
    Ok(Box::new(std::io::Cursor::new(text.into_bytes())))
}

fn too_large(path: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        None,
        format!("the file is larger than {} MiB", MAX_FILE_BYTES >> 20),
    )
    .with_help("split the evidence into smaller files")
}

/// Reads a whole file, or stdin for `-`.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        stdin::read(&mut bytes, MAX_FILE_BYTES + 1)
    } else {
        std::fs::File::open(Path::new(path))
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    match result {
        Err(e) => Err(
            Diagnostic::error(path, None, format!("cannot read the file: {e}"))
                .with_help("check the path and that you may read it"),
        ),
        Ok(n) if n as u64 > MAX_FILE_BYTES => Err(too_large(path)),
        Ok(_) => Ok(bytes),
    }
}

/// Decodes bytes to text. UTF-16 is refused with a hint, since Excel's
/// "Unicode text" export produces it and it would otherwise read as garbage.
pub fn decode(path: &str, bytes: &[u8], encoding: Encoding) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            path,
            Some(Location { line: 1, col: 1 }),
            "the file is UTF-16, which is not supported",
        )
        .with_help("save it as \"CSV UTF-8\" (or as GBK/GB18030 CSV)"));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match encoding {
        Encoding::Gb18030 => decode_gb18030(path, body),
        Encoding::Utf8 => match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => {
                let location = locate_byte(body, e.valid_up_to());
                Err(
                    Diagnostic::error(path, Some(location), "the file is not valid UTF-8")
                        .with_help("drop `--encoding utf-8` to read GBK/GB18030 exports"),
                )
            }
        },
        Encoding::Auto => match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_string()),
            // Neither encoding: point at the first byte that is not UTF-8.
            Err(e) => {
                one_encoding(path, body)?;
                decode_gb18030(path, body).map_err(|d| Diagnostic {
                    location: Some(locate_byte(body, e.valid_up_to())),
                    ..d
                })
            }
        },
    }
}

/// Refuses a file that is neither wholly UTF-8 nor wholly GB18030 but both,
/// line by line (rows pasted from two sources): read as GB18030, its UTF-8
/// lines would turn 华北 into 鍗庡寳 without a word. The lines not in the
/// encoding of most lines are the odd ones; the first is reported. A line
/// counts as UTF-8 when it is valid UTF-8 with a character of three bytes or
/// more (Chinese is), since a short GB18030 line can pass for two-byte UTF-8.
fn one_encoding(path: &str, body: &[u8]) -> Result<(), Diagnostic> {
    let mut first_utf8 = None;
    let mut first_other = None;
    let (mut utf8, mut other) = (0usize, 0usize);
    let mut start = 0;
    for line in body.split(|b| *b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(_) if line.iter().any(|b| *b >= 0xE0) => {
                utf8 += 1;
                first_utf8.get_or_insert(start);
            }
            Ok(_) => {}
            Err(e) => {
                other += 1;
                first_other.get_or_insert(start + e.valid_up_to());
            }
        }
        start += line.len() + 1;
    }
    let mixed = |at: usize, message: String| {
        Err(
            Diagnostic::error(path, Some(locate_byte(body, at)), message).with_help(
                "the file mixes encodings: save it whole as \"CSV UTF-8\" from your spreadsheet",
            ),
        )
    };
    let others = |n: usize| match n {
        1 => "1 other line of the file is".to_string(),
        n => format!("{n} other lines of the file are"),
    };
    match (first_utf8, first_other) {
        (Some(_), Some(at)) if utf8 >= other => mixed(
            at,
            format!("this line is not UTF-8, but {} UTF-8", others(utf8)),
        ),
        (Some(at), Some(_)) => mixed(
            at,
            format!("this line is UTF-8, but {} not (GB18030)", others(other)),
        ),
        _ => Ok(()),
    }
}

fn decode_gb18030(path: &str, body: &[u8]) -> Result<String, Diagnostic> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
    if had_errors {
        let at = text.find('\u{FFFD}').unwrap_or(0);
        let line = text[..at].matches('\n').count() + 1;
        return Err(Diagnostic::error(
            path,
            Some(Location { line, col: 1 }),
            "the file is neither UTF-8 nor GB18030 text",
        )
        .with_help("save it as \"CSV UTF-8\" from your spreadsheet"));
    }
    Ok(text.into_owned())
}

fn locate_byte(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    Location { line, col }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gbk() {
        assert_eq!(
            decode("f", b"\xEF\xBB\xBFa,b", Encoding::Auto).unwrap(),
            "a,b"
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("供应商,地区");
        assert_eq!(decode("f", &gbk, Encoding::Auto).unwrap(), "供应商,地区");
        let err = decode("f.csv", &gbk, Encoding::Utf8).unwrap_err();
        assert_eq!(
            err.to_string().lines().next().unwrap(),
            "f.csv:1:1: error: the file is not valid UTF-8"
        );
        assert!(decode("f", b"\xFF\xFEa\x00", Encoding::Auto).is_err());
    }

    /// 华北 in UTF-8 on line 2 of a GBK file (lines 1 and 3): line 2 is the
    /// odd one. Two UTF-8 lines and one GBK line: the GBK line is, at its
    /// first non-UTF-8 byte (column 3, after `b,`).
    #[test]
    fn mixed_encodings_are_refused_at_the_odd_line() {
        let (gbk, _, _) = encoding_rs::GBK.encode("华北");
        let line = |prefix: &str, body: &[u8]| [prefix.as_bytes(), body, b"\n"].concat();
        let utf8 = "华北".as_bytes();
        let mostly_gbk = [line("a,", &gbk), line("b,", utf8), line("c,", &gbk)].concat();
        let err = decode("f.csv", &mostly_gbk, Encoding::Auto).unwrap_err();
        assert_eq!(
            err.to_string().lines().next().unwrap(),
            "f.csv:2:1: error: this line is UTF-8, but 2 other lines of the file are not (GB18030)"
        );
        let mostly_utf8 = [line("a,", utf8), line("b,", &gbk), line("c,", utf8)].concat();
        let err = decode("f.csv", &mostly_utf8, Encoding::Auto).unwrap_err();
        assert_eq!(
            err.to_string().lines().next().unwrap(),
            "f.csv:2:3: error: this line is not UTF-8, but 2 other lines of the file are UTF-8"
        );
        // 目 in GBK (C4 BF) is also two-byte UTF-8: not taken for a UTF-8 line.
        let (mu, _, _) = encoding_rs::GBK.encode("目");
        let all_gbk = [line("a,", &gbk), line("b,", &mu)].concat();
        assert_eq!(
            decode("f", &all_gbk, Encoding::Auto).unwrap(),
            "a,华北\nb,目\n"
        );
    }
}
