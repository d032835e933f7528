//! Pretty JSON written element by element.
//!
//! A result with a million providers as one `serde_json::Value` tree costs
//! many times its text (a map, a string key and a boxed value for every
//! field): `score --format json` on 1,000,000 providers took 19 GB. Here each
//! element is serialized straight into the text, at the indentation it has
//! in the document, with no tree of the whole; chunks of elements are written
//! on every core and joined in order. The text is the same, byte for byte, as
//! [`json_text`](super::json_text) of the whole value.

use serde::Serialize;
use serde_json::Value as Json;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// The pretty JSON (and a final newline) of an object with the `head` fields
/// followed by `key`, an array with one element per item of `items`: what
/// `view(item, element)` puts into the [`Element`].
pub fn object_with_array<I: Sync>(
    head: &[(&str, Json)],
    key: &str,
    items: &[I],
    view: impl Fn(&I, &mut Element) + Sync,
) -> String {
    let mut text = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_object_with_array(&mut text, head, key, items, view);
    // serde_json writes only UTF-8 (strings are escaped, never cut).
    String::from_utf8(text).unwrap_or_default()
}

/// [`object_with_array`] written to `out` as it is made, a batch of elements
/// at a time (the whole text never exists in memory).
pub fn write_object_with_array<I: Sync>(
    out: &mut dyn Write,
    head: &[(&str, Json)],
    key: &str,
    items: &[I],
    view: impl Fn(&I, &mut Element) + Sync,
) -> io::Result<()> {
    let mut text = Vec::from(&b"{\n"[..]);
    for (name, value) in head {
        text.extend_from_slice(b"  ");
        write_at(&mut text, name, 1);
        text.extend_from_slice(b": ");
        write_at(&mut text, value, 1);
        text.extend_from_slice(b",\n");
    }
    text.extend_from_slice(b"  ");
    write_at(&mut text, key, 1);
    text.extend_from_slice(b": [");
    out.write_all(&text)?;
    super::in_order::write(out, items, |start, chunk| {
        let mut out = Vec::new();
        for (i, item) in chunk.iter().enumerate() {
            out.extend_from_slice(if start + i == 0 {
                b"\n    "
            } else {
                b",\n    "
            });
            view(item, &mut Element { out: &mut out });
        }
        String::from_utf8(out).unwrap_or_default()
    })?;
    out.write_all(if items.is_empty() {
        b"]\n}\n"
    } else {
        b"\n  ]\n}\n"
    })
}

/// Where one element of the array is written.
pub struct Element<'o> {
    out: &'o mut Vec<u8>,
}

impl Element<'_> {
    /// Writes the element (call once).
    pub fn put<T: Serialize + ?Sized>(&mut self, value: &T) {
        write_at(self.out, value, 2);
    }
}

/// Serializes `value` pretty-printed as if it stood `depth` levels deep in a
/// document (every line after the first indented by 2 × `depth` spaces).
fn write_at<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, depth: usize) {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    // Writing to a Vec cannot fail, and our values have string keys only.
    let _ = value.serialize(&mut serializer);
}

/// serde_json's `PrettyFormatter` (two spaces) starting at a given depth.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn indent<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::in_order::CHUNK;
    use super::*;
    use serde_json::json;

    /// The same text as serde_json's pretty printer on the whole value, for
    /// no, one and several elements (more than a chunk), nested objects and
    /// arrays, empty ones, and a key and strings that need escaping.
    #[test]
    fn the_same_text_as_the_whole_value() {
        let head = json!({"id": "m", "v": [1, 2], "empty": {}, "none": []});
        let mut items = vec![
            json!({"provider": "a\"\n", "dims": {"x": 0.5, "y": [true, null]}, "list": []}),
            json!({"provider": "b", "dims": {}}),
            json!(3),
        ];
        items.extend((0..CHUNK + 3).map(|i| json!({"n": i, "s": [i, {"k": "é"}]})));
        for n in [0, 1, 2, 3, CHUNK + 1, items.len()] {
            let whole = json!({"framework": head, "providers\t": items[..n]});
            let expected = super::super::json_text(&whole);
            let got = object_with_array(
                &[("framework", head.clone())],
                "providers\t",
                &items[..n],
                |item, e| e.put(item),
            );
            assert_eq!(got, expected, "{n} elements");
        }
    }

    /// Without head fields: `{"providers": [...]}`.
    #[test]
    fn without_head_fields() {
        let items = [json!({"a": 1}), json!({"b": [2.5]})];
        let expected = super::super::json_text(&json!({"providers": items}));
        assert_eq!(
            object_with_array(&[], "providers", &items, |item, e| e.put(item)),
            expected
        );
    }
}
