//! Scoring rules: how one evidence value becomes a score s ∈ [0, 1].
//!
//! This module also owns the evidence value syntax (numbers, booleans, level
//! labels, not-applicable markers), since what a cell means depends on the rule.

use indexmap::IndexMap;

/// Which way is better for `bands` and `relative`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Larger values are better.
    Higher,
    /// Smaller values are better.
    Lower,
}

/// A scoring rule (`score = { kind = … }` in the framework).
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// clamp((v − floor)/(target − floor), 0, 1); floor > target means lower is better.
    Linear {
        /// The value that scores 0.
        floor: f64,
        /// The value that scores 1.
        target: f64,
    },
    /// Step function over strictly ascending thresholds.
    Bands {
        /// `(threshold, score)` pairs, thresholds strictly ascending.
        bands: Vec<(f64, f64)>,
        /// Whether larger or smaller values are better.
        direction: Direction,
    },
    /// true → 1, false → 0.
    Boolean,
    /// A score per label, in declaration order.
    Levels {
        /// Label → score.
        levels: IndexMap<String, f64>,
    },
    /// Min–max over the providers of the run.
    Relative {
        /// Whether larger or smaller values are better.
        direction: Direction,
    },
}

/// A parsed evidence value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number (`85%` is read as 85).
    Number(f64),
    /// A yes/no answer.
    Bool(bool),
    /// A level label (boxed, so that a value takes 16 bytes: evidence tables
    /// hold millions of them and labels are rare).
    Label(Box<String>),
}

/// What a provider declared for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A usable value.
    Value(Value),
    /// Nothing was given.
    Missing,
    /// `n/a`, `NA` or `不适用`: the indicator does not apply to this provider.
    NotApplicable,
}

/// The min and max of a `relative` indicator over the providers of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Smallest value seen.
    pub min: f64,
    /// Largest value seen.
    pub max: f64,
}

impl std::fmt::Display for Value {
    /// The value as a person would write it: `85`, `true`, `CS3`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(n) => f.write_str(&crate::number::trim(*n)),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Label(l) => f.write_str(l),
        }
    }
}

impl std::fmt::Display for Cell {
    /// The value, `n/a`, or nothing when missing.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Value(v) => v.fmt(f),
            Cell::NotApplicable => f.write_str("n/a"),
            Cell::Missing => Ok(()),
        }
    }
}

impl Rule {
    /// The `kind` name used in framework files.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Linear { .. } => "linear",
            Rule::Bands { .. } => "bands",
            Rule::Boolean => "boolean",
            Rule::Levels { .. } => "levels",
            Rule::Relative { .. } => "relative",
        }
    }

    /// True for rules whose values are numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Rule::Linear { .. } | Rule::Bands { .. } | Rule::Relative { .. }
        )
    }

    /// Reads one evidence cell. The error says what was expected.
    pub fn parse_cell(&self, raw: &str) -> Result<Cell, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Ok(Cell::Missing);
        }
        if is_not_applicable(text) {
            return Ok(Cell::NotApplicable);
        }
        self.parse_value(text).map(Cell::Value)
    }

    fn parse_value(&self, text: &str) -> Result<Value, String> {
        match self {
            Rule::Boolean => parse_bool(text).map(Value::Bool).ok_or_else(|| {
                format!("`{}` is not a yes/no value; use true/false, yes/no, y/n, 1/0, 是/否 or 有/无", quote(text))
            }),
            Rule::Levels { levels } => {
                if levels.contains_key(text) {
                    Ok(Value::Label(Box::new(text.to_string())))
                } else {
                    let known: Vec<&str> = levels.keys().map(String::as_str).collect();
                    Err(format!(
                        "`{}` is not a level of this indicator; expected one of: {}",
                        quote(text),
                        known.join(", ")
                    ))
                }
            }
            _ => parse_number(text).map(Value::Number).ok_or_else(|| {
                format!("`{}` is not a number; write digits like 12, -3.5 or 85% (no thousands separators)", quote(text))
            }),
        }
    }

    /// The score s ∈ [0, 1] of a value. `range` is needed only by `relative`.
    /// A value of the wrong type (rejected earlier by [`Rule::parse_cell`]) scores 0.
    pub fn score(&self, value: &Value, range: Option<Range>) -> f64 {
        match (self, value) {
            (Rule::Linear { floor, target }, Value::Number(v)) => {
                ((v - floor) / (target - floor)).clamp(0.0, 1.0)
            }
            (Rule::Bands { bands, direction }, Value::Number(v)) => {
                band_score(bands, *direction, *v)
            }
            (Rule::Boolean, Value::Bool(b)) => f64::from(u8::from(*b)),
            (Rule::Levels { levels }, Value::Label(l)) => {
                levels.get(l.as_str()).copied().unwrap_or(0.0)
            }
            (Rule::Relative { direction }, Value::Number(v)) => {
                relative_score(*direction, *v, range)
            }
            _ => 0.0,
        }
    }

    /// The number a condition compares: the value itself, or a level's score.
    pub fn comparable(&self, value: &Value) -> Option<f64> {
        match (self, value) {
            (_, Value::Number(v)) => Some(*v),
            (Rule::Levels { levels }, Value::Label(l)) => levels.get(l.as_str()).copied(),
            (_, Value::Bool(b)) => Some(f64::from(u8::from(*b))),
            _ => None,
        }
    }
}

/// A cell as quoted in a message: at most [`QUOTE_CHARS`] characters, so that a
/// runaway cell (a whole file pasted into one field) does not flood the terminal.
pub fn quote(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => text.into(),
        Some((end, _)) => format!("{}… ({} characters)", &text[..end], text.chars().count()).into(),
    }
}

/// The most characters of a cell quoted in a message.
pub const QUOTE_CHARS: usize = 60;

fn band_score(bands: &[(f64, f64)], direction: Direction, v: f64) -> f64 {
    match direction {
        Direction::Higher => bands
            .iter()
            .rev()
            .find(|(threshold, _)| *threshold <= v)
            .map_or(0.0, |(_, s)| *s),
        Direction::Lower => bands
            .iter()
            .find(|(threshold, _)| *threshold >= v)
            .map_or(0.0, |(_, s)| *s),
    }
}

fn relative_score(direction: Direction, v: f64, range: Option<Range>) -> f64 {
    let Some(Range { min, max }) = range else {
        return 1.0;
    };
    // Halved, so that max − min cannot overflow to infinity (and s to NaN)
    // when values near ±1.8e308 are written out in full; halving is exact.
    let (v, min, max) = (v / 2.0, min / 2.0, max / 2.0);
    if max - min <= 0.0 {
        return 1.0;
    }
    let s = ((v - min) / (max - min)).clamp(0.0, 1.0);
    match direction {
        Direction::Higher => s,
        Direction::Lower => 1.0 - s,
    }
}

/// `n/a`, `NA`, `不适用`, case-insensitive.
pub fn is_not_applicable(text: &str) -> bool {
    text.eq_ignore_ascii_case("n/a") || text.eq_ignore_ascii_case("na") || text == "不适用"
}

/// Booleans as spreadsheets write them.
pub fn parse_bool(text: &str) -> Option<bool> {
    let lower = text.to_lowercase();
    match lower.as_str() {
        "true" | "yes" | "y" | "1" | "是" | "有" => Some(true),
        "false" | "no" | "n" | "0" | "否" | "无" => Some(false),
        _ => None,
    }
}

/// Plain decimal numbers, optionally signed and with a trailing `%` (85% → 85).
/// Exponents, `inf`, `NaN` and thousands separators are refused: they are
/// almost always a spreadsheet artefact, not a value someone meant.
pub fn parse_number(text: &str) -> Option<f64> {
    let (d, body) = decimal_parts(text)?;
    let magnitude =
        exact_decimal(d.mantissa, d.digits, d.decimals).or_else(|| body.parse::<f64>().ok())?;
    let value = if d.negative { -magnitude } else { magnitude };
    value.is_finite().then_some(value)
}

/// A number as [`parse_number`] reads it, before it becomes an `f64`: its
/// sign, its digits as one integer (wrapping past 19 digits) and how many of
/// them follow the point (`-12.50` → negative, 1250, 4 digits, 2 decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// Written with a leading `-`.
    pub negative: bool,
    /// The digits, point left out.
    pub mantissa: u64,
    /// How many digits.
    pub digits: usize,
    /// How many digits follow the point.
    pub decimals: usize,
}

/// The digits of a number [`parse_number`] accepts; `None` for anything else.
pub fn decimal(text: &str) -> Option<Decimal> {
    decimal_parts(text).map(|(d, _)| d)
}

/// The decimal and its text without sign and `%`.
fn decimal_parts(text: &str) -> Option<(Decimal, &str)> {
    let body = match text.as_bytes().last() {
        Some(b'%') => text[..text.len() - 1].trim_end(),
        _ => text,
    };
    let (negative, digits_text) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    // One pass: digits, at most one '.', more digits; nothing else.
    let mut mantissa = 0u64;
    // Where the '.' is; the length when there is none.
    let len = digits_text.len();
    let mut dot = len;
    for (i, &b) in digits_text.as_bytes().iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
        } else if b == b'.' && dot == len {
            dot = i;
        } else {
            return None;
        }
    }
    let (digits, decimals) = if dot < len {
        (len - 1, len - 1 - dot)
    } else {
        (len, 0)
    };
    let d = Decimal {
        negative,
        mantissa,
        digits,
        decimals,
    };
    (digits > 0).then_some((d, digits_text))
}

/// Clinger's fast path: a decimal with at most 15 digits is an exact integer
/// divided by an exact power of ten, so one division gives the correctly
/// rounded result — the same as `str::parse`, only faster.
fn exact_decimal(mantissa: u64, digits: usize, decimals: usize) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    (digits <= 15).then(|| mantissa as f64 / POW10[decimals])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64) -> Value {
        Value::Number(v)
    }

    #[test]
    fn linear_at_and_around_its_ends_both_directions() {
        let up = Rule::Linear {
            floor: 5.0,
            target: 100.0,
        };
        let down = Rule::Linear {
            floor: 60.0,
            target: 15.0,
        };
        let cases = [
            (&up, 4.0, 0.0),
            (&up, 5.0, 0.0),
            (&up, 6.0, 1.0 / 95.0),
            (&up, 52.5, 0.5),
            (&up, 99.0, 94.0 / 95.0),
            (&up, 100.0, 1.0),
            (&up, 101.0, 1.0),
            (&down, 61.0, 0.0),
            (&down, 60.0, 0.0),
            (&down, 37.5, 0.5),
            (&down, 15.0, 1.0),
            (&down, 10.0, 1.0),
        ];
        for (rule, v, want) in cases {
            let got = rule.score(&num(v), None);
            assert!(
                (got - want).abs() < 1e-12,
                "{rule:?} v={v}: got {got}, want {want}"
            );
        }
    }

    #[test]
    fn bands_at_and_around_thresholds_both_directions() {
        let bands = vec![(15.0, 0.25), (50.0, 0.5), (150.0, 0.75), (220.0, 1.0)];
        let higher = Rule::Bands {
            bands: bands.clone(),
            direction: Direction::Higher,
        };
        let lower = Rule::Bands {
            bands: vec![(15.0, 1.0), (30.0, 0.8), (60.0, 0.5)],
            direction: Direction::Lower,
        };
        let cases = [
            (&higher, 14.999, 0.0),
            (&higher, 15.0, 0.25),
            (&higher, 49.0, 0.25),
            (&higher, 50.0, 0.5),
            (&higher, 219.0, 0.75),
            (&higher, 220.0, 1.0),
            (&higher, 1e9, 1.0),
            (&lower, 0.0, 1.0),
            (&lower, 15.0, 1.0),
            (&lower, 15.5, 0.8),
            (&lower, 30.0, 0.8),
            (&lower, 60.0, 0.5),
            (&lower, 60.01, 0.0),
        ];
        for (rule, v, want) in cases {
            assert_eq!(rule.score(&num(v), None), want, "{rule:?} v={v}");
        }
    }

    #[test]
    fn boolean_levels_and_relative() {
        assert_eq!(Rule::Boolean.score(&Value::Bool(true), None), 1.0);
        assert_eq!(Rule::Boolean.score(&Value::Bool(false), None), 0.0);
        let levels = Rule::Levels {
            levels: IndexMap::from([("无".to_string(), 0.0), ("CS3".to_string(), 0.65)]),
        };
        assert_eq!(
            levels.score(&Value::Label(Box::new("CS3".to_string())), None),
            0.65
        );
        let range = Some(Range {
            min: 10.0,
            max: 30.0,
        });
        let higher = Rule::Relative {
            direction: Direction::Higher,
        };
        let lower = Rule::Relative {
            direction: Direction::Lower,
        };
        assert_eq!(higher.score(&num(10.0), range), 0.0);
        assert_eq!(higher.score(&num(15.0), range), 0.25);
        assert_eq!(higher.score(&num(30.0), range), 1.0);
        assert_eq!(lower.score(&num(15.0), range), 0.75);
        // Found by hand while fuzzing: a range wider than f64::MAX gave NaN.
        let widest = Some(Range {
            min: -f64::MAX,
            max: f64::MAX,
        });
        assert_eq!(higher.score(&num(f64::MAX), widest), 1.0);
        assert_eq!(higher.score(&num(0.0), widest), 0.5);
        assert_eq!(lower.score(&num(-f64::MAX), widest), 1.0);
        let flat = Some(Range { min: 7.0, max: 7.0 });
        assert_eq!(higher.score(&num(7.0), flat), 1.0);
        assert_eq!(lower.score(&num(7.0), flat), 1.0);
    }

    #[test]
    fn parses_numbers_strictly() {
        let ok = [
            ("12", 12.0),
            ("-3.5", -3.5),
            ("85%", 85.0),
            (" 7 ", 7.0),
            ("+2", 2.0),
            (".5", 0.5),
            ("3.", 3.0),
        ];
        for (text, want) in ok {
            assert_eq!(parse_number(text.trim()), Some(want), "{text}");
        }
        for bad in [
            "1,000", "1e3", "NaN", "inf", "-inf", "abc", "", "-", ".", "%", "1.2.3", "12 人",
            "１２",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn long_cells_are_shortened_in_messages() {
        let long = "9".repeat(1000);
        let err = Rule::Linear {
            floor: 0.0,
            target: 1.0,
        }
        .parse_cell(&format!("{long}x"))
        .unwrap_err();
        assert_eq!(
            err,
            format!(
                "`{}… (1001 characters)` is not a number; write digits like 12, -3.5 or 85% (no thousands separators)",
                "9".repeat(60)
            )
        );
        assert_eq!(quote("短"), "短");
        assert_eq!(
            quote(&"是".repeat(61)),
            format!("{}… (61 characters)", "是".repeat(60))
        );
    }

    #[test]
    fn fast_number_path_matches_the_standard_parser() {
        for text in [
            "0.1",
            "57.3",
            "99.99",
            "-0.5",
            "123456789.012345",
            "0.000001",
            "100",
            "007.50",
            "3.",
            ".5",
        ] {
            let expected: f64 = text.parse().unwrap();
            assert_eq!(parse_number(text), Some(expected), "{text}");
        }
        assert_eq!(parse_number("1234567890.1234567"), Some(1234567890.1234567));
        assert_eq!(parse_number("-0"), Some(-0.0));
    }

    #[test]
    fn cells_stay_small() {
        // Evidence tables hold one cell per provider and indicator.
        assert_eq!(std::mem::size_of::<Cell>(), 16);
    }

    #[test]
    fn parses_booleans_and_markers() {
        for t in ["true", "TRUE", "Yes", "y", "1", "是", "有"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["false", "No", "N", "0", "否", "无"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        assert_eq!(parse_bool("maybe"), None);
        for na in ["n/a", "N/A", "NA", "na", "不适用"] {
            assert_eq!(
                Rule::Boolean.parse_cell(na),
                Ok(Cell::NotApplicable),
                "{na}"
            );
        }
        assert_eq!(Rule::Boolean.parse_cell("  "), Ok(Cell::Missing));
    }
}
