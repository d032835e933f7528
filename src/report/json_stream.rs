//! Pretty JSON written element by element.
//!
//! A result with a million providers as one `serde_json::Value` tree costs
//! many times its text (a map, a string key and a boxed value for every
//! field): `score --format json` on 1,000,000 providers took 19 GB. Here each
//! element becomes a tree only while it is written, so memory follows the
//! text of the result. The text is the same, byte for byte, as
//! [`json_text`](super::json_text) of the whole value.

use serde_json::Value as Json;

/// The pretty JSON (and a final newline) of an object with the `head` fields
/// followed by `key`, an array of `items`.
pub fn object_with_array(
    head: &[(&str, Json)],
    key: &str,
    items: impl Iterator<Item = Json>,
) -> String {
    let mut text = String::from("{\n");
    for (name, value) in head {
        text.push_str("  ");
        text.push_str(&quoted(name));
        text.push_str(": ");
        push_indented(&mut text, value, "  ");
        text.push_str(",\n");
    }
    text.push_str("  ");
    text.push_str(&quoted(key));
    text.push_str(": [");
    let mut first = true;
    for item in items {
        text.push_str(if first { "\n    " } else { ",\n    " });
        first = false;
        push_indented(&mut text, &item, "    ");
    }
    text.push_str(if first { "]\n}\n" } else { "\n  ]\n}\n" });
    text
}

fn quoted(key: &str) -> String {
    serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""))
}

/// `value` pretty-printed, every line after the first indented by `indent`
/// (JSON strings hold no raw newline, so lines are safe to indent).
fn push_indented(text: &mut String, value: &Json, indent: &str) {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut lines = pretty.split('\n');
    if let Some(first) = lines.next() {
        text.push_str(first);
    }
    for line in lines {
        text.push('\n');
        text.push_str(indent);
        text.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The same text as serde_json's pretty printer on the whole value, for
    /// no, one and several elements, nested objects and arrays, and a key
    /// that needs escaping.
    #[test]
    fn the_same_text_as_the_whole_value() {
        let head = json!({"id": "m", "v": [1, 2], "empty": {}});
        let items = [
            json!({"provider": "a\"\n", "dims": {"x": 0.5, "y": [true, null]}, "list": []}),
            json!({"provider": "b", "dims": {}}),
            json!(3),
        ];
        for n in 0..=items.len() {
            let whole = json!({"framework": head, "providers": items[..n]});
            let expected = super::super::json_text(&whole);
            let got = object_with_array(
                &[("framework", head.clone())],
                "providers",
                items[..n].iter().cloned(),
            );
            assert_eq!(got, expected, "{n} elements");
        }
    }
}
