//! Reading input files: `-` for stdin, text decoding (UTF-8, BOM, GB18030).

use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Location};

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

/// Opens a text file for streaming, decoded to UTF-8 and without a BOM.
///
/// A UTF-8 file (the common case) is checked in one pass and then streamed, so
/// a large file is never held in memory. Stdin, GB18030 files and files that
/// turn out not to be UTF-8 are read whole and decoded.
pub fn open_text(path: &str, encoding: Encoding) -> Result<Box<dyn Read>, Diagnostic> {
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(path, None, format!("cannot read the file: {e}"))
            .with_help("check the path and that you may read it")
    };
    if path == "-" || encoding == Encoding::Gb18030 {
        return decoded_in_memory(path, encoding);
    }
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    if !is_utf8_file(file).map_err(cannot_read)? {
        return decoded_in_memory(path, encoding);
    }
    let mut reader =
        std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(cannot_read)?);
    let starts_with_bom = std::io::BufRead::fill_buf(&mut reader)
        .map_err(cannot_read)?
        .starts_with(b"\xEF\xBB\xBF");
    if starts_with_bom {
        std::io::BufRead::consume(&mut reader, 3);
    }
    Ok(Box::new(reader))
}

fn decoded_in_memory(path: &str, encoding: Encoding) -> Result<Box<dyn Read>, Diagnostic> {
    let bytes = read_bytes(path)?;
    let text = decode(path, &bytes, encoding)?;
    Ok(Box::new(std::io::Cursor::new(text.into_bytes())))
}

/// Checks a whole file for valid UTF-8 (and no UTF-16 BOM) without holding it in memory.
fn is_utf8_file(mut file: std::fs::File) -> std::io::Result<bool> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carried = 0;
    let mut first = true;
    loop {
        let n = file.read(&mut buf[carried..])?;
        let filled = carried + n;
        if first
            && (buf[..filled].starts_with(&[0xFF, 0xFE])
                || buf[..filled].starts_with(&[0xFE, 0xFF]))
        {
            return Ok(false);
        }
        first = false;
        if n == 0 {
            return Ok(carried == 0);
        }
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => carried = 0,
            // A sequence cut by the chunk boundary: carry it to the next chunk.
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
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
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
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
            Err(_) => decode_gb18030(path, body),
        },
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
}
