//! JSON with one element per line, written element by element.
//!
//! Outputs with one element per provider (`score --format json`, `gap
//! --format json`) are laid out as
//!
//! ```text
//! {"framework":{"id":"bench","version":"1"},
//! "providers":[
//! {"provider":"p01","rank":1,...},
//! {"provider":"p02","rank":2,...}
//! ]}
//! ```
//!
//! each head field on its own line, then each element compact on one line,
//! and a final newline: `grep p01` gives a provider's whole object, a diff
//! shows which providers changed, and the text is about half the size of a
//! pretty-printed one (docs/formats.md). Each element is serialized straight
//! into the text with no tree of the whole (a million providers as one
//! `serde_json::Value` took 19 GB); chunks of elements are written on every
//! core and joined in order, a batch at a time.

use serde::Serialize;
use serde_json::Value as Json;
use std::io::{self, Write};

/// Writes to `out` an object with the `head` fields followed by `key`, an
/// array with one element per item of `items`: what `view(chunk, elements)`
/// puts into the [`Elements`] for each chunk of items, in order. The text is
/// made a batch of chunks at a time; the whole never exists in memory.
pub fn write_object_with_array<I: Sync>(
    out: &mut dyn Write,
    head: &[(&str, Json)],
    key: &str,
    items: &[I],
    view: impl Fn(&[I], &mut Elements) + Sync,
) -> io::Result<()> {
    let mut text = Vec::from(&b"{"[..]);
    for (name, value) in head {
        put_compact(&mut text, name);
        text.push(b':');
        put_compact(&mut text, value);
        text.extend_from_slice(b",\n");
    }
    put_compact(&mut text, key);
    text.extend_from_slice(b":[");
    out.write_all(&text)?;
    super::in_order::write(out, items, |start, chunk| {
        let mut elements = Elements {
            out: Vec::new(),
            first: start == 0,
        };
        view(chunk, &mut elements);
        // serde_json writes only UTF-8 (strings are escaped, never cut).
        String::from_utf8(elements.out).unwrap_or_default()
    })?;
    out.write_all(b"\n]}\n")
}

/// Where the elements of one chunk of the array are written.
pub struct Elements {
    out: Vec<u8>,
    /// Whether the next element is the first of the array (no comma before it).
    first: bool,
}

impl Elements {
    /// Writes the next element on a line of its own.
    pub fn put<T: Serialize + ?Sized>(&mut self, value: &T) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'\n');
        put_compact(&mut self.out, value);
    }
}

impl Elements {
    /// Writes the next element on a line of its own, by hand: `write` puts
    /// compact JSON text into the [`Line`].
    pub fn put_line(&mut self, write: impl FnOnce(&mut Line)) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'\n');
        write(&mut Line(&mut self.out));
    }
}

/// An element's JSON text written piece by piece: punctuation and keys as
/// they are (the keys of a hot loop need no escaping, and copying them costs
/// less than serializing them), values by serde_json.
pub struct Line<'o>(&'o mut Vec<u8>);

impl Line<'_> {
    /// Appends JSON text as it is: punctuation, and keys that need no escaping.
    pub fn raw(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    /// Appends a value as serde_json writes it compactly.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) {
        put_compact(self.0, value);
    }

    /// Appends `,"key":value` for each entry of `fields`, in order.
    pub fn fields(&mut self, fields: &serde_json::Map<String, Json>) {
        for (key, value) in fields {
            self.raw(",");
            self.value(key);
            self.raw(":");
            self.value(value);
        }
    }
}

/// Serializes `value` compactly (no spaces, no newlines) onto `out`.
fn put_compact<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing to a Vec cannot fail, and our values have string keys only.
    let _ = serde_json::to_writer(out, value);
}

#[cfg(test)]
mod tests {
    use super::super::in_order::CHUNK;
    use super::*;
    use serde_json::json;

    /// The text of [`write_object_with_array`] with one element per item.
    fn text(head: &[(&str, Json)], key: &str, items: &[Json]) -> String {
        let mut out = Vec::new();
        write_object_with_array(&mut out, head, key, items, |chunk, e| {
            chunk.iter().for_each(|item| e.put(item))
        })
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The same value as the whole document, one line per head field, one
    /// for the array's opening, one per element and one closing line, for no,
    /// one and several elements (more than a chunk), nested objects and
    /// arrays, empty ones, and a key and strings that need escaping.
    #[test]
    fn one_line_per_element_and_the_same_value() {
        let head = json!({"id": "m", "v": [1, 2], "empty": {}, "none": []});
        let mut items = vec![
            json!({"provider": "a\"\n", "dims": {"x": 0.5, "y": [true, null]}, "list": []}),
            json!({"provider": "b", "dims": {}}),
            json!(3),
        ];
        items.extend((0..CHUNK + 3).map(|i| json!({"n": i, "s": [i, {"k": "é"}]})));
        for n in [0, 1, 2, 3, CHUNK + 1, items.len()] {
            let whole = json!({"framework": head, "providers\t": items[..n]});
            let got = text(&[("framework", head.clone())], "providers\t", &items[..n]);
            let parsed: Json = serde_json::from_str(&got).unwrap();
            assert_eq!(parsed, whole, "{n} elements");
            let lines: Vec<&str> = got.lines().collect();
            // The head field, the key's opening bracket, n elements, the closing line.
            assert_eq!(lines.len(), n + 3, "{n} elements");
            assert_eq!(lines[1], "\"providers\\t\":[");
            assert_eq!(*lines.last().unwrap(), "]}");
            assert!(got.ends_with("]}\n"));
            for (line, item) in lines[2..2 + n].iter().zip(&items) {
                let element = line.strip_suffix(',').unwrap_or(line);
                assert_eq!(serde_json::from_str::<Json>(element).unwrap(), *item);
            }
        }
    }

    /// Without head fields: `{"providers":[` on the first line.
    #[test]
    fn without_head_fields() {
        let items = [json!({"a": 1}), json!({"b": [2.5]})];
        assert_eq!(
            text(&[], "providers", &items),
            "{\"providers\":[\n{\"a\":1},\n{\"b\":[2.5]}\n]}\n"
        );
    }
}
