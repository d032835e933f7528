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
        elements.out
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
    /// Makes room for about `bytes` more of text, so that a chunk's text is
    /// not copied again and again as it grows.
    pub fn reserve(&mut self, bytes: usize) {
        self.out.reserve(bytes);
    }

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
/// less than serializing them), strings and numbers by hand exactly as
/// serde_json writes them (the tests below hold the two to the same bytes),
/// anything else by serde_json.
pub struct Line<'o>(&'o mut Vec<u8>);

impl<'o> Line<'o> {
    /// A line of JSON text written at the end of `out`.
    pub fn new(out: &'o mut Vec<u8>) -> Self {
        Line(out)
    }
}

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
            self.str(key);
            self.raw(":");
            self.value(value);
        }
    }

    /// Appends a string, quoted and escaped as serde_json escapes it.
    pub fn str(&mut self, text: &str) {
        put_str(self.0, text);
    }

    /// Appends a string, or `null` for none.
    pub fn opt_str(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.str(text),
            None => self.raw("null"),
        }
    }

    /// Appends `["a","b"]`: an array of strings.
    pub fn strs<'s>(&mut self, items: impl IntoIterator<Item = &'s str>) {
        self.raw("[");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.str(item);
        }
        self.raw("]");
    }

    /// Appends a float as serde_json writes an `f64`: the shortest text that
    /// reads back as the same number (`0.5`, `1.0`, `1e21`), `null` when it
    /// is not finite.
    pub fn f64(&mut self, x: f64) {
        put_f64(self.0, x);
    }

    /// Appends a float, or `null` for none.
    pub fn opt_f64(&mut self, x: Option<f64>) {
        match x {
            Some(x) => self.f64(x),
            None => self.raw("null"),
        }
    }

    /// Appends an integer.
    pub fn int(&mut self, n: impl itoa::Integer) {
        self.raw(itoa::Buffer::new().format(n));
    }

    /// Appends `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }
}

/// `text` as a JSON string, quoted and escaped: for keys written once and
/// copied into every element with [`Line::raw`].
pub fn quoted(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    put_str(&mut out, text);
    // Escapes are ASCII and the rest is copied from `text` whole: UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Serializes `value` compactly (no spaces, no newlines) onto `out`.
fn put_compact<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing to a Vec cannot fail, and our values have string keys only.
    let _ = serde_json::to_writer(out, value);
}

/// `"text"` as serde_json writes a string: `"` and `\` escaped with a
/// backslash, the control characters below U+0020 as `\b`, `\t`, `\n`, `\f`,
/// `\r` or `\u00xx`, everything else (U+007F, U+2028, any non-ASCII) as it is.
fn put_str(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Runs of bytes that need no escape are copied whole; an escape is ASCII,
    // so a run never ends inside a character.
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPES[usize::from(b)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        out.extend_from_slice(&[b'\\', escape]);
        if escape == b'u' {
            out.extend_from_slice(&[
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]);
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// For each byte, the letter after the backslash that escapes it in a JSON
/// string (`u` for `\u00xx`), or 0 when it is written as it is.
const ESCAPES: [u8; 256] = {
    let mut escapes = [0; 256];
    let mut b = 0;
    while b < 0x20 {
        escapes[b] = b'u';
        b += 1;
    }
    escapes[0x08] = b'b';
    escapes[0x09] = b't';
    escapes[0x0a] = b'n';
    escapes[0x0c] = b'f';
    escapes[0x0d] = b'r';
    escapes[b'"' as usize] = b'"';
    escapes[b'\\' as usize] = b'\\';
    escapes
};

/// A float as serde_json writes an `f64` (it formats with zmij too): `null`
/// when not finite. Decimals of a few places, most values and many scores
/// (73.7, 0.92125, 1.0, 2.513736264), take a shorter way to the same text.
fn put_f64(out: &mut Vec<u8>, x: f64) {
    if !put_short_decimal(out, x) {
        put_any_f64(out, x);
    }
}

/// [`put_f64`] the general way, out of line so that the short way saves no
/// registers for zmij.
#[inline(never)]
fn put_any_f64(out: &mut Vec<u8>, x: f64) {
    if x.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(x).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// Writes `x` and returns true when it is a decimal of at most nine places
/// below 2^20 in magnitude, and 0 or at least 0.00001 (0.0, 73.7, -0.92125,
/// 2.513736264, 1048575.000000001), as zmij writes it: the shortest decimal
/// that reads back as `x`, in plain notation with at least one place (`1.0`,
/// `-0.0`). Values with nine places are common (points and shortfalls are
/// rounded to the 9 decimals that decisions use), and this costs about half
/// of zmij's general search.
///
/// Why it is the same text: `x` is `m / 10^9` read back exactly (the
/// division of two exact doubles is rounded as reading the decimal is), so
/// the decimal of `m` billionths reads back as `x`. Below 2^20 two doubles
/// are less than 2^-32 apart, so no other decimal of at most nine places
/// reads back as `x`, and one of more places with fewer digits would be ten
/// times smaller or larger: with its trailing zeros taken off, this decimal
/// is the shortest, which zmij writes in plain notation from 0.00001 up.
/// The tests hold it to zmij over random and chosen values.
fn put_short_decimal(out: &mut Vec<u8>, x: f64) -> bool {
    const SCALE: u64 = 1_000_000_000; // nine places
    // Too large, not such a decimal, not finite, or (from 1e-9 to below
    // 1e-5) a number zmij writes in exponent notation.
    let Some(m) = crate::number::nine_place_billionths(x.abs()) else {
        return false;
    };
    if (1..10_000).contains(&m) {
        return false;
    }
    // Below 2^20 and 10^9: both fit a u32.
    let (whole, fraction) = ((m / SCALE) as u32, (m % SCALE) as u32);
    // The text is made in a buffer of zeros (the place of a whole number's
    // ".0"), left-aligned, then the whole buffer is appended and the rest
    // cut off: a copy of a known length, cheaper than a call to copy a few
    // bytes.
    let mut text = [b'0'; 24];
    let mut end = 0;
    if x.is_sign_negative() {
        text[0] = b'-';
        end = 1;
    }
    // Most values have one or two digits before the point.
    end += match whole {
        0..=9 => 1,
        10..=99 => 2,
        _ => 1 + whole.ilog10() as usize,
    };
    put_digits_before(&mut text, end, whole);
    text[end] = b'.';
    end += 1 + put_places(&mut text[end + 1..end + 10], fraction);
    let length = out.len() + end;
    out.extend_from_slice(&text);
    out.truncate(length);
    true
}

/// The digits of `n` written into `text` so that they end before `end`
/// (nothing for 0: the buffer's zero stays).
fn put_digits_before(text: &mut [u8; 24], mut end: usize, mut n: u32) {
    while n >= 10 {
        let pair = 2 * (n % 100) as usize;
        text[end - 2..end].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
        end -= 2;
        n /= 100;
    }
    if n > 0 {
        text[end - 1] = b'0' + n as u8;
    }
}

/// Writes the nine places of `fraction` billionths into `places` (nine
/// bytes) and returns how many to keep: all but the trailing zeros, and at
/// least one ("0" of a whole number).
fn put_places(places: &mut [u8], fraction: u32) -> usize {
    places[0] = b'0' + (fraction / 100_000_000) as u8;
    let last = eight_digits(fraction % 100_000_000);
    places[1..9].copy_from_slice(&(last | u64::from_le_bytes([b'0'; 8])).to_le_bytes());
    // The last place is the highest byte: the leading zero bytes are the
    // trailing zeros (all eight when `last` is 0).
    9 - (last.leading_zeros() / 8) as usize
}

/// The eight decimal digits of `n` < 10^8 (leading zeros included), one a
/// byte, the first in the lowest: written to memory in little-endian order,
/// the digits in reading order. Each step splits every lane of the number
/// in two at once, the quotient in the lower half: 4 + 4 digits in 32-bit
/// lanes, then 2 + 2 in 16-bit lanes, then 1 + 1 in bytes. A lane's
/// product never reaches the next lane, and `x * 10_486 >> 20` is `x / 100`
/// below 10^4, `x * 103 >> 10` is `x / 10` below 100.
fn eight_digits(n: u32) -> u64 {
    let n = u64::from(n);
    let x = (n / 10_000) | ((n % 10_000) << 32);
    let hundreds = ((x * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let x = hundreds | ((x - hundreds * 100) << 16);
    let tens = ((x * 103) >> 10) & 0x000f_000f_000f_000f;
    tens | ((x - tens * 10) << 8)
}

/// "00", "01", … "99": the two digits of each number below 100.
const DIGIT_PAIRS: [u8; 200] = {
    let mut pairs = [0; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
};

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

    /// What [`Line`] writes with `write`.
    fn line_text(write: impl FnOnce(&mut Line)) -> String {
        let mut out = Vec::new();
        write(&mut Line(&mut out));
        String::from_utf8(out).unwrap()
    }

    /// A small deterministic generator of 64-bit patterns (xorshift64*).
    struct Bits(u64);

    impl Bits {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    /// `x` written by [`Line::f64`] is what serde_json writes.
    fn same_float(x: f64) {
        let ours = line_text(|l| l.f64(x));
        assert_eq!(
            ours,
            serde_json::to_string(&x).unwrap(),
            "{x:e} ({:#x})",
            x.to_bits()
        );
    }

    /// Floats as serde_json writes them, over chosen values: zeros, whole
    /// numbers (1.0, 1e21), subnormals, the ends of the short way (0.00001,
    /// 2^20, six places and seven), not finite (null).
    #[test]
    fn floats_as_serde_json_chosen() {
        let chosen = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            73.7,
            0.92125,
            0.1 + 0.2,
            0.9180000000000001,
            100.0,
            1e15,
            1e16,
            1e21,
            1e22,
            -1e21,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            f64::from_bits(0x000f_ffff_ffff_ffff), // the largest subnormal
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            0.00001,
            0.000015,
            0.000009,
            0.000001,
            1e-7,
            0.0001,
            1_048_576.0,
            1_048_575.999999,
            1_048_575.9999999,
            1_048_576.5,
            1_048_575.5,
            999_999.999999,
            0.123456,
            0.1234567,
            123.456789,
            2.513736264,
            0.000010001,
            0.000099999,
            0.00001234,
            1e-9,
            0.1 + 0.7,
            1_048_575.999999999,
            1_048_575.000000001,
            999_999.999999999,
            0.123456789,
            0.1234567891,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in chosen {
            same_float(x);
            same_float(-x);
        }
    }

    /// Floats as serde_json writes them, over random bit patterns (any
    /// magnitude, subnormals and not-finite ones included) and random
    /// patterns near 1 and below 2^20, where most scores and values lie.
    #[test]
    fn floats_as_serde_json_random_bits() {
        let mut bits = Bits(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            same_float(f64::from_bits(bits.next()));
            // Exponents 2^-20 to 2^21: mostly short decimals' neighbours.
            let exponent = 1023 - 20 + bits.next() % 42;
            let mantissa = bits.next() & ((1 << 52) - 1);
            same_float(f64::from_bits(exponent << 52 | mantissa));
        }
    }

    /// Floats as serde_json writes them, over decimals of zero to nine places
    /// (the short way takes those of up to six), whole numbers as floats, and
    /// their neighbours one bit away.
    #[test]
    fn floats_as_serde_json_decimals() {
        let mut bits = Bits(0x2545_f491_4f6c_dd1d);
        for _ in 0..100_000 {
            let places = (bits.next() % 10) as i32;
            let digits = 1 + bits.next() % 13;
            let m = bits.next() % 10u64.pow(digits as u32);
            let x = m as f64 / 10f64.powi(places);
            for y in [
                x,
                -x,
                f64::from_bits(x.to_bits() + 1),
                f64::from_bits(x.to_bits().saturating_sub(1)),
            ] {
                same_float(y);
            }
        }
        for m in 0..100_000u64 {
            same_float(m as f64 / 1000.0);
            same_float(m as f64);
        }
    }

    /// `eight_digits` gives the digits of every number below 10^8 (checked
    /// against its text), byte by byte in reading order.
    #[test]
    fn eight_digits_of_every_number() {
        let mut bits = Bits(11);
        let mut numbers: Vec<u32> = (0..100_000).collect();
        numbers.extend((0..8).map(|e| 10u32.pow(e)));
        numbers.extend([99_999_999, 10_000_000, 12_345_678, 90_000_009]);
        numbers.extend((0..1_000_000).map(|_| (bits.next() % 100_000_000) as u32));
        for n in numbers {
            let digits = eight_digits(n).to_le_bytes().map(|d| b'0' + d);
            assert_eq!(digits, *format!("{n:08}").as_bytes(), "{n}");
        }
    }

    /// Strings as serde_json escapes them: quotes, backslashes, every control
    /// character, DEL, U+2028 and U+2029, non-ASCII text, and random strings
    /// of those.
    #[test]
    fn strings_as_serde_json() {
        let mut chosen: Vec<String> = vec![
            String::new(),
            "plain".into(),
            "\"quoted\"".into(),
            "back\\slash\\".into(),
            "line\nbreak\r\n\ttab\u{8}\u{c}".into(),
            "\u{7f}\u{2028}\u{2029}\u{feff}".into(),
            "评价基准日：2026 — 「完善」🙂".into(),
            "/solidus/ </script>".into(),
        ];
        chosen.extend((0..=0x80u32).filter_map(char::from_u32).map(String::from));
        let alphabet: Vec<char> =
            "ab\"\\/\u{0}\u{1}\u{1f}\u{7f}\u{80}é中\u{2028}🙂\n\t\r\u{8}\u{c} "
                .chars()
                .collect();
        let mut bits = Bits(7);
        for _ in 0..20_000 {
            let len = bits.next() % 12;
            chosen.push(
                (0..len)
                    .map(|_| alphabet[(bits.next() % alphabet.len() as u64) as usize])
                    .collect(),
            );
        }
        for text in &chosen {
            let ours = line_text(|l| l.str(text));
            assert_eq!(ours, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    /// The other pieces: integers, booleans, optional strings and floats,
    /// arrays of strings, fields, as serde_json writes them.
    #[test]
    fn other_pieces_as_serde_json() {
        for n in [0usize, 7, 4000, usize::MAX] {
            assert_eq!(line_text(|l| l.int(n)), serde_json::to_string(&n).unwrap());
        }
        for n in [0i64, -1, i64::MIN, i64::MAX, 8_999_999_999_999_999] {
            assert_eq!(line_text(|l| l.int(n)), serde_json::to_string(&n).unwrap());
        }
        assert_eq!(line_text(|l| l.bool(true)), "true");
        assert_eq!(line_text(|l| l.bool(false)), "false");
        for s in [None, Some("a\"b")] {
            assert_eq!(
                line_text(|l| l.opt_str(s)),
                serde_json::to_string(&s).unwrap()
            );
        }
        for x in [None, Some(0.5), Some(f64::NAN)] {
            assert_eq!(
                line_text(|l| l.opt_f64(x)),
                serde_json::to_string(&x).unwrap()
            );
        }
        for items in [vec![], vec!["a"], vec!["a", "b\n", "中"]] {
            let ours = line_text(|l| l.strs(items.iter().copied()));
            assert_eq!(ours, serde_json::to_string(&items).unwrap());
        }
        let fields: serde_json::Map<String, Json> =
            serde_json::from_str(r#"{"k\"1":"v","k2":[1.5,null]}"#).unwrap();
        let ours = line_text(|l| l.fields(&fields));
        assert_eq!(ours, r#","k\"1":"v","k2":[1.5,null]"#);
    }
}
