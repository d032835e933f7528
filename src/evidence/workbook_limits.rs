//! What a workbook may declare before it is read, and the checks made on its
//! zip container before calamine opens it.
//!
//! A workbook states sizes that a reader is tempted to trust: the bytes each
//! zip entry unpacks to, the number of shared strings (`uniqueCount`), the
//! sheet's `<dimension>`. A few kilobytes can declare gigabytes, so every size
//! is checked against a limit here, and the cells themselves are read one by
//! one (see [`super::workbook`]), never into a table sized by the declaration.

use std::io::BufReader;

use quick_xml::events::Event;

use crate::diag::Diagnostic;

/// The most a workbook may unpack to. A sheet's XML is many times the size of
/// its cells, and reading it takes several times more memory again, so a small
/// zip that inflates to gigabytes (a "zip bomb") must be refused before it is read.
pub const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// The most shared strings a workbook may declare (`uniqueCount` of
/// `sharedStrings.xml`). The reader reserves room for the declared number up
/// front, 24 bytes each, so 4,000,000,000 would ask for 96 GB.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;

/// The most columns a sheet's cells may span, from the leftmost to the
/// rightmost non-empty cell (a framework has at most 1,000 indicators).
pub const MAX_COLUMNS: u32 = 2_048;

/// The most cells of the table read from a sheet: non-empty rows × the columns
/// they span. Empty cells inside that table cost memory too.
pub const MAX_CELLS: u64 = 5_000_000;

/// The most merged ranges a sheet may have.
pub const MAX_MERGED_RANGES: usize = 10_000;

const SAVE_AS_CSV: &str =
    "save the evidence as CSV (UTF-8), which is streamed, or split the workbook";

/// Refuses a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) whose entries
/// declare more than [`MAX_UNPACKED_BYTES`] in all, or whose shared-strings
/// table declares more than [`MAX_SHARED_STRINGS`]; other files pass through.
pub fn check_container(path: &str) -> Result<(), Diagnostic> {
    // Not readable or not a zip (.xls is not): calamine says what is wrong.
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    let mut shared_strings = None;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
            let name = entry
                .name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if name.ends_with("sharedstrings.xml") {
                shared_strings = Some(i);
            }
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(Diagnostic::error(
            path,
            None,
            format!(
                "the workbook unpacks to {} MiB; at most {} MiB is read",
                total >> 20,
                MAX_UNPACKED_BYTES >> 20
            ),
        )
        .with_help(SAVE_AS_CSV));
    }
    let declared = shared_strings
        .and_then(|i| archive.by_index(i).ok())
        .and_then(|entry| declared_unique_count(BufReader::new(entry)));
    match declared {
        Some(n) if n > MAX_SHARED_STRINGS => Err(Diagnostic::error(
            path,
            None,
            format!(
                "the workbook declares {n} shared strings (uniqueCount); at most {MAX_SHARED_STRINGS} are read"
            ),
        )
        .with_help(SAVE_AS_CSV)),
        _ => Ok(()),
    }
}

/// The `uniqueCount` of the `<sst>` element that opens a shared-strings table,
/// read at least as leniently as calamine reads it (any namespace prefix,
/// either quote, other attributes malformed): the largest number that follows
/// `uniqueCount=` in the tag. (A stricter attribute parser gave up on a tag
/// whose other attribute held a `<`, which calamine still read, reserving room
/// for 4,000,000,000 strings: found by the xlsx fuzz target.)
fn declared_unique_count(xml: impl std::io::BufRead) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sst" => {
                return counts_in_tag(e.attributes_raw().as_bytes()).max();
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The error for a sheet past one of the limits, naming file and sheet
/// (`at`: the 1-based row and column of the cell that passed it, if one did).
pub fn too_large(path: &str, sheet: &str, at: Option<(u32, u32)>, what: String) -> Diagnostic {
    match at {
        Some((row, col)) => {
            Diagnostic::error(path, None, what).in_cell(sheet, row as usize + 1, col as usize + 1)
        }
        None => Diagnostic::error(path, None, format!("sheet `{sheet}`: {what}")),
    }
    .with_help(SAVE_AS_CSV)
}

/// Every number written as `uniqueCount="N"` (spaces around `=` allowed) in a tag's bytes.
fn counts_in_tag(tag: &[u8]) -> impl Iterator<Item = u64> + '_ {
    const KEY: &[u8] = b"uniqueCount";
    (0..tag.len()).filter_map(move |at| {
        let rest = tag[at..].strip_prefix(KEY)?;
        let rest = rest
            .trim_ascii_start()
            .strip_prefix(b"=")?
            .trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))?;
        let end = rest.iter().position(|b| *b == b'"' || *b == b'\'')?;
        std::str::from_utf8(&rest[..end]).ok()?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_count_in_any_namespace() {
        let xml = |s: &str| declared_unique_count(s.as_bytes());
        assert_eq!(
            xml(r#"<?xml version="1.0"?><sst count="9" uniqueCount="4000000000"><si/></sst>"#),
            Some(4_000_000_000)
        );
        assert_eq!(xml(r#"<x:sst uniqueCount='7'/>"#), Some(7));
        // Another attribute holding `<` (from the fuzz target): calamine still reads the count.
        assert_eq!(
            xml(r#"<sst xmlns="a>b</t>c" count="1" uniqueCount="4000000000"><si/></sst>"#),
            Some(4_000_000_000)
        );
        assert_eq!(xml(r#"<sst count="3"><si/></sst>"#), None);
        assert_eq!(xml(r#"<sst uniqueCount="many"/>"#), None);
    }
}
