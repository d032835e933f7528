//! TOML syntax errors, each at its line and column.
//!
//! The TOML parser reports a few errors without a position — chiefly a dotted
//! key of 80 parts or more (`a.b.c.…`), which it refuses as "recursion limit"
//! so as not to nest tables without bound. Left so, such an error on line 4
//! would be reported at 1:1. The parser reads left to right, so the prefix of
//! the text that ends where the key grows too long is the shortest prefix that
//! gives the same error. A key holds no line break, so the line is found by
//! parsing each line alone and confirmed by parsing the prefixes before and
//! after it: about three parses of the text in all. Only when that fails (a
//! key-like line inside a multi-line string comes first) does a binary search
//! over prefixes of the whole text find it, in about log₂(length) parses.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, Error};

use super::toml_reader::{Source, help};

/// Parses `text`, recording every syntax error at its location in `src`.
/// Returns the tree when the text parses without error.
pub fn parse<'i>(src: &mut Source, text: &'i str) -> Option<Spanned<DeTable<'i>>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(root);
    }
    for e in &errors {
        let span = e.span().unwrap_or_else(|| locate(text, e.message()));
        let d = src.error(&span, message(e));
        help(
            d,
            "fix the syntax first; other checks run once the file parses",
        );
    }
    None
}

/// The message of a syntax error, in words a framework author can act on.
fn message(e: &Error) -> String {
    let message = e.message().trim();
    if message == "recursion limit" {
        "TOML syntax: a dotted key of more than 80 parts (tables nested too deeply)".to_string()
    } else {
        format!("TOML syntax: {message}")
    }
}

/// Where the error with `message`, reported without a span, first occurs:
/// the end of the shortest prefix of `text` whose parse reports it.
fn locate(text: &str, message: &str) -> Range<usize> {
    let fails = |t: &str| {
        DeTable::parse_recoverable(t)
            .1
            .iter()
            .any(|e| e.span().is_none() && e.message() == message)
    };
    // A key holds no line break, so the error is usually found by parsing
    // lines alone, which costs one parse of the text in all; the prefixes
    // before and after the line confirm that it is the first one, so that a
    // line inside a multi-line string is never taken for a key.
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        if let Some(part) = shortest_failing(line, &fails) {
            if !fails(&text[..start]) && fails(&text[..end]) {
                return part.start + start..part.end + start;
            }
            break;
        }
        start = end;
    }
    // Otherwise, a binary search over prefixes of the whole text.
    shortest_failing(text, &fails).unwrap_or(0..0)
}

/// The part of `text` that ends its shortest failing prefix: the key part
/// that made the key too long. `None` when `text` does not fail at all.
fn shortest_failing(text: &str, fails: &dyn Fn(&str) -> bool) -> Option<Range<usize>> {
    // Invariant: the prefix ending at `hi` fails and the one ending at `lo` does not.
    let (mut lo, mut hi) = (0, text.len());
    if !fails(text) {
        return None;
    }
    while hi - lo > 1 {
        let mut mid = lo + (hi - lo) / 2;
        while !text.is_char_boundary(mid) {
            mid += 1;
        }
        if mid >= hi {
            break;
        }
        if fails(&text[..mid]) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // `hi` ends the part that made the key too long; point at that part's start.
    let start = text[..hi]
        .rfind(|c: char| c == '.' || c.is_whitespace() || c == '[' || c == '{')
        .map_or(0, |at| at + 1);
    Some(start..hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> String {
        let mut src = Source::new("f.toml", text);
        assert!(parse(&mut src, text).is_none());
        src.diagnostics[0].to_string()
    }

    #[test]
    fn a_deep_dotted_key_is_located_at_its_eightieth_dot() {
        // Line 3 holds `k = 1`, then a key of 100 parts `a.a.…` on line 4: the
        // parser refuses a path of 80 tables, i.e. once part 81 is read; parts
        // are 2 bytes (`a.`), so part 81 starts at column 2·80 + 1 = 161.
        let key = vec!["a"; 100].join(".");
        let text = format!("x = 1\n\ny = 2\n{key} = 1\n");
        let got = first(&text);
        assert!(
            got.starts_with("f.toml:4:161: error: TOML syntax: a dotted key of more than 80 parts"),
            "{got}"
        );
    }

    #[test]
    fn a_deep_table_header_is_located_too() {
        // `[` then parts of 2 bytes: part 81 starts at column 1 + 160 + 1 = 162.
        let key = vec!["a"; 20_000].join(".");
        let text = format!("x = 1\n[{key}]\n");
        assert!(first(&text).starts_with("f.toml:2:162: error:"));
    }

    #[test]
    fn a_deep_key_in_a_multi_line_string_is_not_taken_for_the_error() {
        // Line 2 is inside a multi-line string: alone it fails, in the file it does not.
        let key = vec!["a"; 100].join(".");
        let text = format!("s = \"\"\"\n{key} = 1\n\"\"\"\n{key} = 2\n");
        assert!(first(&text).starts_with("f.toml:4:161: error:"));
    }

    #[test]
    fn errors_with_a_span_keep_it() {
        assert!(first("x = 1\ny = \n").starts_with("f.toml:2:"));
    }
}
