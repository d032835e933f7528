//! [`Store`]: the evidence values and their lines, packed so that a registry
//! of a million providers × 40 indicators fits in a few hundred megabytes.
//!
//! One flat row-major table of 4-byte cells (no allocation per provider, no
//! per-cell string) and one of 1-byte line offsets:
//!
//! - a cell whose top bit is 0 is a number written with at most 7 decimals
//!   and a mantissa under 2²⁷ (`85.3`, `-12`, `0.125`: nearly every value):
//!   sign, decimals and mantissa, decoded as mantissa / 10^decimals, the very
//!   division the number parser does, so the `f64` comes back bit for bit
//!   (every encoding is checked by decoding it). Any other number goes to a
//!   side table of `f64`; a cell whose top bit is 1 is a tag: missing, not
//!   applicable, yes/no, a level label (an index into the few labels seen) or
//!   an index into that side table;
//! - a line is stored as its distance from the provider's first line, plus
//!   one (0: no row gave the value); the rare line that does not fit in 8
//!   bits (a provider's rows far apart) goes to a side map, and when many do
//!   (a long file sorted by indicator) every line is kept whole instead.
//!
//! [`Cell`]s are decoded on the way out, so every reader sees the same
//! values as before; only a label costs an allocation to decode.

use rustc_hash::FxHashMap;

use crate::rule::{Cell, Value};

/// Mantissas of inline numbers are below this (27 bits).
const MANTISSA_END: u32 = 1 << 27;
/// 10^d for the decimals of inline numbers.
const POW10: [f64; 8] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];
/// The top bit: set on tags.
const TAG: u32 = 1 << 31;
/// The payload of a tag (bits 0–27); bits 28–30 say which tag.
const PAYLOAD: u32 = (1 << 28) - 1;
const MISSING: u32 = TAG;
const NOT_APPLICABLE: u32 = TAG | 1 << 28;
const BOOL: u32 = TAG | 2 << 28;
const LABEL: u32 = TAG | 3 << 28;
const NUMBER: u32 = TAG | 4 << 28;

/// A line's distance from its provider's first line, plus one: one byte,
/// since a provider's rows nearly always follow one another (40 indicators,
/// 40 lines).
type Offset = u8;

/// Line offsets at or above this go to the side map.
const FAR: Offset = Offset::MAX;

/// The number as an inline cell, when it has one.
fn inline(v: f64) -> Option<u32> {
    let a = v.abs();
    for (d, pow) in POW10.iter().enumerate() {
        let scaled = a * pow;
        // NaN and infinities fail this too.
        if !(0.0..f64::from(MANTISSA_END)).contains(&scaled) {
            return None;
        }
        // The nearest integer (a cast, not `round`, which is a library
        // call); the check below decides anyway.
        let m = (scaled + 0.5) as u32;
        if m < MANTISSA_END && (f64::from(m) / pow).to_bits() == a.to_bits() {
            return Some(u32::from(v.is_sign_negative()) << 30 | (d as u32) << 27 | m);
        }
    }
    None
}

/// The number of an inline cell (top bit 0).
#[inline]
fn number(c: u32) -> f64 {
    let a = f64::from(c & (MANTISSA_END - 1)) / POW10[(c >> 27 & 7) as usize];
    if c & 1 << 30 != 0 { -a } else { a }
}

/// The lines of every cell: offsets, or whole lines once many are far.
#[derive(Debug, Clone, PartialEq)]
enum Lines {
    /// Offsets from the provider's first line, plus one; 0: no row; [`FAR`]: see the map.
    Near(Vec<Offset>, FxHashMap<usize, u32>),
    /// Whole lines; 0: no row.
    Whole(Vec<u32>),
}

impl Default for Lines {
    fn default() -> Self {
        Lines::Near(Vec::new(), FxHashMap::default())
    }
}

/// Values and lines of every provider (rows) and indicator (columns).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Store {
    /// Indicators per provider.
    width: usize,
    /// Packed cells, provider after provider.
    cells: Vec<u32>,
    /// The line of each cell.
    lines: Lines,
    /// Per provider, the line its offsets count from.
    bases: Vec<u32>,
    /// Numbers that are not inline cells.
    numbers: Vec<f64>,
    /// The labels seen (few: each is a level of some indicator).
    labels: Vec<Box<str>>,
}

impl Store {
    /// An empty store for `width` indicators.
    pub fn new(width: usize) -> Self {
        Store {
            width,
            ..Store::default()
        }
    }

    /// The number of providers.
    pub fn len(&self) -> usize {
        self.bases.len()
    }

    /// Adds a provider whose first row is at `line` (0: none), every value missing.
    pub fn push(&mut self, line: usize) {
        self.cells.extend(std::iter::repeat_n(MISSING, self.width));
        match &mut self.lines {
            Lines::Near(offsets, _) => offsets.extend(std::iter::repeat_n(0, self.width)),
            Lines::Whole(lines) => lines.extend(std::iter::repeat_n(0, self.width)),
        }
        self.bases.push(u32::try_from(line).unwrap_or(u32::MAX));
    }

    /// Makes room for `providers` more, so that adding them does not move
    /// the table again and again.
    pub fn reserve(&mut self, providers: usize) {
        let cells = providers * self.width;
        self.cells.reserve(cells);
        match &mut self.lines {
            Lines::Near(offsets, _) => offsets.reserve(cells),
            Lines::Whole(lines) => lines.reserve(cells),
        }
        self.bases.reserve(providers);
    }

    /// Provider `p`'s cell for indicator `k`.
    pub fn get(&self, p: usize, k: usize) -> Cell {
        self.decode(self.cells[p * self.width + k])
    }

    /// Provider `p`'s cells, one per indicator.
    pub fn row(&self, p: usize) -> impl ExactSizeIterator<Item = Cell> + '_ {
        let at = p * self.width;
        // Inline numbers, nearly every cell, are decoded in the loop itself,
        // so that the divisions of consecutive cells overlap.
        self.cells[at..at + self.width].iter().map(|&c| {
            if c & TAG == 0 {
                Cell::Value(Value::Number(number(c)))
            } else {
                self.decode(c)
            }
        })
    }

    /// Writes provider `p`'s cells into `out` (cleared first): the scoring
    /// loop reuses one buffer instead of allocating a row per provider.
    pub fn row_into(&self, p: usize, out: &mut Vec<Cell>) {
        out.clear();
        out.extend(self.row(p));
    }

    /// True when provider `p`'s cell for indicator `k` is surely provider
    /// `q`'s of `other`: the same packed bits of a cell that means the same
    /// in every store (an inline number decodes from its bits alone; missing,
    /// not applicable and yes/no carry no index). Labels and side-table
    /// numbers index tables of their own store, so they are not told here.
    pub fn surely_same(&self, p: usize, other: &Store, q: usize, k: usize) -> bool {
        let (a, b) = (
            self.cells[p * self.width + k],
            other.cells[q * other.width + k],
        );
        a == b && (a & TAG == 0 || matches!(a & !PAYLOAD, MISSING | NOT_APPLICABLE | BOOL))
    }

    /// True when provider `p`'s cell for indicator `k` holds a value
    /// (not missing, not "not applicable").
    pub fn is_value(&self, p: usize, k: usize) -> bool {
        let c = self.cells[p * self.width + k];
        !matches!(c & !PAYLOAD, MISSING | NOT_APPLICABLE)
    }

    /// Sets provider `p`'s cell for indicator `k`.
    pub fn set(&mut self, p: usize, k: usize, cell: &Cell) {
        let packed = self.encode(cell);
        self.cells[p * self.width + k] = packed;
    }

    /// Sets provider `p`'s cell for indicator `k` to a number as it was
    /// written, when that number is an inline cell; returns false (and sets
    /// nothing) when it is not. Reading evidence takes this path for nearly
    /// every value: the digits are packed as they are, with trailing zeros of
    /// the decimals dropped, which is the cell [`Store::set`] finds for the
    /// same number by trial (a decimal of at most 9 significant digits is
    /// the only one of its kind that rounds to its `f64`), without a division.
    pub fn set_decimal(&mut self, p: usize, k: usize, d: crate::rule::Decimal) -> bool {
        let (mut m, mut decimals) = (d.mantissa, d.decimals);
        if d.digits > 15 {
            return false;
        }
        while decimals > 0 && m % 10 == 0 {
            m /= 10;
            decimals -= 1;
        }
        if decimals >= POW10.len() || m >= u64::from(MANTISSA_END) {
            return false;
        }
        self.cells[p * self.width + k] =
            u32::from(d.negative) << 30 | (decimals as u32) << 27 | m as u32;
        true
    }

    /// The line of the row that gave provider `p`'s value for indicator `k` (0: none).
    pub fn line(&self, p: usize, k: usize) -> u32 {
        let at = p * self.width + k;
        match &self.lines {
            Lines::Whole(lines) => lines[at],
            Lines::Near(offsets, far) => match offsets[at] {
                0 => 0,
                FAR => far.get(&at).copied().unwrap_or(0),
                offset => self.bases[p].saturating_add(u32::from(offset) - 1),
            },
        }
    }

    /// `line` as its stored offset from provider `p`'s first line, when it is
    /// near enough to be one.
    fn offset(&self, p: usize, line: u32) -> Option<Offset> {
        line.checked_sub(self.bases[p])
            .and_then(|d| d.checked_add(1))
            .and_then(|o| Offset::try_from(o).ok())
            .filter(|&o| o < FAR)
    }

    /// Sets the line of provider `p`'s value for indicator `k` when no row
    /// gave it yet; otherwise returns the line of the row that did.
    pub fn set_first_line(&mut self, p: usize, k: usize, line: u32) -> Result<(), u32> {
        let at = p * self.width + k;
        let offset = self.offset(p, line);
        if let Lines::Near(offsets, _) = &mut self.lines
            && offsets[at] == 0
            && let Some(offset) = offset
        {
            offsets[at] = offset;
            return Ok(());
        }
        match self.line(p, k) {
            0 => {
                self.set_line(p, k, line);
                Ok(())
            }
            first => Err(first),
        }
    }

    /// Sets that line (0: no row).
    pub fn set_line(&mut self, p: usize, k: usize, line: u32) {
        let at = p * self.width + k;
        let offset = self.offset(p, line);
        let Lines::Near(offsets, far) = &mut self.lines else {
            if let Lines::Whole(lines) = &mut self.lines {
                lines[at] = line;
            }
            return;
        };
        if offsets[at] == FAR {
            far.remove(&at);
        }
        offsets[at] = match offset {
            _ if line == 0 => 0,
            Some(o) => o,
            None => {
                far.insert(at, line);
                FAR
            }
        };
        // A map entry costs about ten times an offset: past one cell in
        // sixteen, whole lines (4 bytes each) are cheaper.
        if far.len() > 4096 && far.len() > offsets.len() / 16 {
            let whole = (0..offsets.len())
                .map(|at| self.line(at / self.width, at % self.width))
                .collect();
            self.lines = Lines::Whole(whole);
        }
    }

    /// Appends provider `q` of `other` (read against the same framework) as a
    /// new provider whose first row is at `line`.
    pub fn push_from(&mut self, other: &Store, q: usize, line: usize) {
        self.push(line);
        let p = self.len() - 1;
        let width = self.width.min(other.width);
        let (at, from) = (p * self.width, q * other.width);
        for k in 0..width {
            let c = other.cells[from + k];
            // Inline numbers and tags without an index mean the same in both
            // stores; labels and side-table numbers are indices into `other`.
            if c & TAG == 0 || matches!(c & !PAYLOAD, MISSING | NOT_APPLICABLE | BOOL) {
                self.cells[at + k] = c;
            } else {
                self.set(p, k, &other.get(q, k));
            }
        }
        // Offsets from the same first line are the same offsets.
        if let (Lines::Near(mine, _), Lines::Near(theirs, _)) = (&mut self.lines, &other.lines)
            && self.bases[p] == other.bases[q]
            && !theirs[from..from + width].contains(&FAR)
        {
            mine[at..at + width].copy_from_slice(&theirs[from..from + width]);
            return;
        }
        for k in 0..width {
            self.set_line(p, k, other.line(q, k));
        }
    }

    fn encode(&mut self, cell: &Cell) -> u32 {
        let index = |i: usize| u32::try_from(i).unwrap_or(PAYLOAD).min(PAYLOAD);
        match cell {
            Cell::Missing => MISSING,
            Cell::NotApplicable => NOT_APPLICABLE,
            Cell::Value(Value::Bool(b)) => BOOL | u32::from(*b),
            Cell::Value(Value::Number(v)) => inline(*v).unwrap_or_else(|| {
                // 2²⁸ numbers that are not inline take 2 GiB: beyond the
                // largest input file (1 GiB), so the index always fits.
                self.numbers.push(*v);
                NUMBER | index(self.numbers.len() - 1)
            }),
            Cell::Value(Value::Label(l)) => {
                let i = match self.labels.iter().position(|x| **x == ***l) {
                    Some(i) => i,
                    None => {
                        self.labels.push(l.as_str().into());
                        self.labels.len() - 1
                    }
                };
                LABEL | index(i)
            }
        }
    }

    fn decode(&self, c: u32) -> Cell {
        if c & TAG == 0 {
            return Cell::Value(Value::Number(number(c)));
        }
        let i = (c & PAYLOAD) as usize;
        match c & !PAYLOAD {
            NOT_APPLICABLE => Cell::NotApplicable,
            BOOL => Cell::Value(Value::Bool(i == 1)),
            NUMBER => self
                .numbers
                .get(i)
                .map_or(Cell::Missing, |&v| Cell::Value(Value::Number(v))),
            LABEL => self.labels.get(i).map_or(Cell::Missing, |l| {
                Cell::Value(Value::Label(Box::new(l.to_string())))
            }),
            _ => Cell::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64) -> Cell {
        Cell::Value(Value::Number(v))
    }

    #[test]
    fn cells_are_surely_the_same_only_when_their_meaning_is_in_their_bits() {
        // Two stores that met the same label and the same long number in
        // different orders: equal bits there mean different values.
        let label = |l: &str| Cell::Value(Value::Label(Box::new(l.into())));
        let (third, seventh) = (num(1.0 / 3.0), num(1.0 / 7.0));
        let a_cells = [
            num(85.3),
            label("CS3"),
            label("CS4"),
            third.clone(),
            seventh.clone(),
        ];
        let b_cells = [num(85.3), label("CS4"), label("CS3"), seventh, third];
        let (mut a, mut b) = (Store::new(5), Store::new(5));
        a.push(1);
        b.push(1);
        for k in 0..5 {
            a.set(0, k, &a_cells[k]);
            b.set(0, k, &b_cells[k]);
        }
        assert!(a.surely_same(0, &b, 0, 0));
        for k in 1..5 {
            assert_eq!(a.cells[k], b.cells[k], "the test needs equal bits at {k}");
            assert!(!a.surely_same(0, &b, 0, k), "cell {k}");
            assert_ne!(a.get(0, k), b.get(0, k));
        }
        for (x, y, same) in [
            (Cell::Missing, Cell::Missing, true),
            (Cell::NotApplicable, Cell::NotApplicable, true),
            (
                Cell::Value(Value::Bool(true)),
                Cell::Value(Value::Bool(true)),
                true,
            ),
            (
                Cell::Value(Value::Bool(true)),
                Cell::Value(Value::Bool(false)),
                false,
            ),
            (Cell::Missing, Cell::NotApplicable, false),
            (num(85.3), num(85.31), false),
        ] {
            a.set(0, 0, &x);
            b.set(0, 0, &y);
            assert_eq!(a.surely_same(0, &b, 0, 0), same, "{x:?} {y:?}");
        }
    }

    #[test]
    fn every_kind_of_cell_comes_back_as_it_went_in() {
        let cells = [
            Cell::Missing,
            Cell::NotApplicable,
            Cell::Value(Value::Bool(true)),
            Cell::Value(Value::Bool(false)),
            num(-0.0),
            num(85.3),
            num(f64::NEG_INFINITY),
            Cell::Value(Value::Label(Box::new("CS3".into()))),
            Cell::Value(Value::Label(Box::new("CS4".into()))),
            num(1.0 / 3.0),
        ];
        let mut s = Store::new(cells.len());
        s.push(7);
        for (k, c) in cells.iter().enumerate() {
            s.set(0, k, c);
        }
        for (k, c) in cells.iter().enumerate() {
            assert_eq!(&s.get(0, k), c, "cell {k}");
        }
        // -0.0 == 0.0 as floats: check the sign bit survived too.
        assert!(matches!(s.get(0, 4), Cell::Value(Value::Number(v)) if v.is_sign_negative()));
        assert_eq!(s.labels.len(), 2);
        // -inf and 1/3 have no short decimal: the side table holds them.
        assert_eq!(s.numbers.len(), 2);
        let given: Vec<bool> = (0..cells.len()).map(|k| s.is_value(0, k)).collect();
        let expected = [false, false, true, true, true, true, true, true, true, true];
        assert_eq!(given, expected);
        s.set(0, 0, &num(f64::NAN));
        assert!(matches!(s.get(0, 0), Cell::Value(Value::Number(v)) if v.is_nan()));
    }

    #[test]
    fn numbers_are_inline_exactly_when_a_short_decimal_gives_the_same_bits() {
        // 85.3 = 853 / 10; 0.1234567 = 1234567 / 10^7; 134217727 = 2^27 - 1.
        for v in [85.3, -12.0, 0.125, 0.1234567, 134_217_727.0, 1e-7] {
            let c = inline(v);
            assert!(c.is_some(), "{v}");
            assert_eq!(c.map(number).map(f64::to_bits), Some(v.to_bits()), "{v}");
        }
        // 2^27 needs 28 bits; 1e-8 needs 8 decimals; 1/3 and 0.1 + 0.2 none.
        for v in [
            134_217_728.0,
            1e-8,
            1.0 / 3.0,
            0.1 + 0.2,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(inline(v), None, "{v}");
        }
    }

    #[test]
    fn lines_near_far_before_and_none() {
        let mut s = Store::new(4);
        s.push(100);
        // 100 + 253 = 353 is the last line that fits (offset 254 < 255).
        for (k, line) in [(0, 100), (1, 353), (2, 354), (3, 99)] {
            s.set_line(0, k, line);
        }
        let lines: Vec<u32> = (0..4).map(|k| s.line(0, k)).collect();
        assert_eq!(lines, [100, 353, 354, 99]);
        let far = |s: &Store| match &s.lines {
            Lines::Near(_, far) => Some(far.len()),
            Lines::Whole(_) => None,
        };
        assert_eq!(far(&s), Some(2));
        s.set_line(0, 2, 0);
        assert_eq!((s.line(0, 2), far(&s)), (0, Some(1)));
    }

    #[test]
    fn many_far_lines_switch_to_whole_lines() {
        // A long file sorted by indicator: a provider's second value is
        // 10,000 lines after its first, for each of 5,000 providers.
        let mut s = Store::new(2);
        for p in 0..5_000u32 {
            s.push(p as usize + 2);
            s.set_line(p as usize, 0, p + 2);
            s.set_line(p as usize, 1, p + 100_002);
        }
        assert!(matches!(s.lines, Lines::Whole(_)));
        assert_eq!((s.line(0, 0), s.line(0, 1)), (2, 100_002));
        assert_eq!((s.line(4_999, 0), s.line(4_999, 1)), (5_001, 105_001));
    }

    /// The digits as written give the very cell the trial encoding finds for
    /// the parsed number — or, for the numbers it keeps whole, no cell.
    #[test]
    fn numbers_as_written_pack_like_their_values() {
        let check = |text: &str| {
            let d = crate::rule::decimal(text).unwrap();
            let v = crate::rule::parse_number(text).unwrap();
            let mut direct = Store::new(1);
            direct.push(1);
            let mut tried = direct.clone();
            tried.set(0, 0, &num(v));
            if direct.set_decimal(0, 0, d) {
                assert_eq!(direct.cells, tried.cells, "{text}");
            } else {
                assert_eq!(tried.numbers, [v], "{text} is not inline");
            }
        };
        for text in [
            "85.3",
            "85.30",
            "-0",
            "-0.00",
            "+7",
            "0.125",
            "12%",
            ".5",
            "5.",
            "007.10",
            "134217727",
            "134217728",
            "13421772.7",
            "0.1234567",
            "0.12345678",
            "1e3",
            "1234567890123456789012",
            "99.99999999",
        ] {
            if crate::rule::decimal(text).is_some() {
                check(text);
            }
        }
        // Every number with up to 9 digits and up to 9 decimals, sampled.
        proptest::proptest!(|(m in 0u64..1_000_000_000, decimals in 0usize..10, negative: bool)| {
            let digits = format!("{m:0>width$}", width = decimals + 1);
            let (int, frac) = digits.split_at(digits.len() - decimals);
            let sign = if negative { "-" } else { "" };
            check(&format!("{sign}{int}.{frac}"));
        });
    }
}
