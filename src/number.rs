//! How numbers are printed.

/// A number with exactly 2 decimals, rounding halves away from zero as a person
/// (or a spreadsheet's ROUND) would: 87.125 → "87.13". The value is first
/// printed with 9 decimals, the precision decisions use, so binary noise such
/// as 2.675 → 2.67499999… does not flip the rounding.
pub fn fmt2(x: f64) -> String {
    let mut out = String::with_capacity(24);
    fmt2_into(x, &mut out);
    out
}

/// [`fmt2`] appended to `out`, without allocating: for loops that write many
/// numbers into one buffer (every number of `gap --format csv` and of the
/// report's sections).
///
/// The hot path is the numbers below 1e9: their cents are worked out in
/// integers, then the whole part (one or two digits for most scores and
/// values: a character or a pair) and the decimals with their point (one
/// slice of three characters) are pushed. Anything else (huge numbers, NaN,
/// infinities) takes `fmt2_large`, kept out of line so that the hot path
/// saves no registers for it.
pub fn fmt2_into(x: f64, out: &mut String) {
    let size = x.abs();
    // NaN fails the comparison: it goes the slow way.
    if size < 1e9 {
        // |x| × 1e9 < 1e18 is exact to well under half a unit, so this is the
        // 9-decimal value; then round its last 7 digits half away from zero.
        let cents = (round_half_away_whole(size * 1e9) + 5_000_000) / 10_000_000;
        push_cents(x < 0.0, cents, out);
    } else {
        fmt2_large(x, out);
    }
}

/// `cents` as a number with 2 decimals ("-" first when `negative` and not
/// zero) appended to `out`.
#[inline(always)]
fn push_cents(negative: bool, cents: u64, out: &mut String) {
    if negative && cents > 0 {
        out.push('-');
    }
    let whole = cents / 100;
    if whole < 10 {
        out.push(char::from(b'0' + whole as u8));
    } else if whole < 100 {
        out.push_str(pair(whole));
    } else {
        push_digits(whole, out);
    }
    let at = 3 * (cents % 100) as usize;
    out.push_str(&POINT_PAIRS[at..at + 3]);
}

/// [`fmt2_into`] of a number of at least 1e9 in magnitude, or not finite.
#[cold]
#[inline(never)]
fn fmt2_large(x: f64, out: &mut String) {
    // Beyond 1e15 the cents may not fit in a u64 (and 2 decimals mean little);
    // NaN and infinities print as themselves rather than as a plausible 0.00.
    if x.abs() < 1e15 {
        push_cents(x < 0.0, cents_by_formatting(x), out);
    } else {
        out.push_str(&format!("{x:.2}"));
    }
}

/// The decimal digits of `n` appended to `out`, without allocating.
///
/// Most numbers here (scores, totals, ranks, coordinates) have one to three
/// digits: a character and a pair sliced from one static `str` of the 100
/// pairs (a slice of a `str` needs no UTF-8 check); longer ones go through
/// `push_long_digits`.
#[inline]
pub fn push_digits(n: u64, out: &mut String) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
    } else if n < 100 {
        out.push_str(pair(n));
    } else if n < 1000 {
        out.push(char::from(b'0' + (n / 100) as u8));
        out.push_str(pair(n % 100));
    } else {
        push_long_digits(n, 0, out);
    }
}

/// The digits of `n`, with leading zeros up to `width` digits, appended to
/// `out`: made two at a time from the right in a buffer, then pushed a
/// character at a time (cheaper, for a few characters, than checking the
/// buffer as UTF-8 to push it whole).
fn push_long_digits(n: u64, width: usize, out: &mut String) {
    let digits = PAIRS.as_bytes();
    let mut buffer = [b'0'; 20];
    let mut at = buffer.len();
    let mut lead = n;
    while lead >= 100 {
        at -= 2;
        let p = 2 * (lead % 100) as usize;
        buffer[at..at + 2].copy_from_slice(&digits[p..p + 2]);
        lead /= 100;
    }
    if lead >= 10 {
        at -= 2;
        let p = 2 * lead as usize;
        buffer[at..at + 2].copy_from_slice(&digits[p..p + 2]);
    } else if lead > 0 || at == buffer.len() {
        at -= 1;
        buffer[at] = b'0' + lead as u8;
    }
    // The buffer holds zeros before the digits.
    let at = at.min(buffer.len().saturating_sub(width));
    for &b in &buffer[at..] {
        out.push(char::from(b));
    }
}

/// "00" to "99", two characters each.
const PAIRS: &str = "\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// ".00" to ".99", three characters each: the decimals of [`fmt2`] at once.
const POINT_PAIRS: &str = "\
.00.01.02.03.04.05.06.07.08.09.10.11.12.13.14.15.16.17.18.19\
.20.21.22.23.24.25.26.27.28.29.30.31.32.33.34.35.36.37.38.39\
.40.41.42.43.44.45.46.47.48.49.50.51.52.53.54.55.56.57.58.59\
.60.61.62.63.64.65.66.67.68.69.70.71.72.73.74.75.76.77.78.79\
.80.81.82.83.84.85.86.87.88.89.90.91.92.93.94.95.96.97.98.99";

/// The two digits of `n` < 100.
fn pair(n: u64) -> &'static str {
    let at = 2 * n as usize;
    &PAIRS[at..at + 2]
}

/// `y.round()` (halves away from zero), without the call to the math
/// library that `f64::round` costs on a CPU without a rounding instruction:
/// the fraction `y - trunc(y)` of a double is exact, so comparing it with ½
/// decides as `round` does.
pub fn round_half_away(y: f64) -> f64 {
    // From 2^52 on (and for NaN and infinities) a double has no fraction.
    if y.is_nan() || y.abs() >= 4_503_599_627_370_496.0 {
        return y;
    }
    let whole = (y as i64) as f64;
    let fraction = y - whole;
    let rounded = if fraction >= 0.5 {
        whole + 1.0
    } else if fraction <= -0.5 {
        whole - 1.0
    } else {
        whole
    };
    // -0.3 rounds to -0.0, as `round` gives.
    rounded.copysign(y)
}

/// [`round_half_away`] of `y` in [0, 2^63) as an integer, for the formatting
/// paths: the truncation is exact below 2^52 (and `y` itself whole above),
/// so the fraction decides as in `round_half_away`, with neither its checks
/// nor the conversions of an unsigned integer.
fn round_half_away_whole(y: f64) -> u64 {
    let whole = y as i64;
    (whole + i64::from(y - whole as f64 >= 0.5)) as u64
}

/// The slow, general path of [`fmt2`] for huge numbers.
fn cents_by_formatting(x: f64) -> u64 {
    let nine = format!("{:.9}", x.abs());
    let (int, frac) = nine.split_once('.').unwrap_or((&nine, "000000000"));
    let cents =
        int.parse::<u64>().unwrap_or(u64::MAX / 1000) * 100 + frac[..2].parse::<u64>().unwrap_or(0);
    cents + u64::from(frac.as_bytes()[2] >= b'5')
}

/// An optional number with 2 decimals, or an empty string.
pub fn fmt2_opt(x: Option<f64>) -> String {
    x.map(fmt2).unwrap_or_default()
}

/// A number as short as it can be written without losing it: 85 → "85", 0.5 → "0.5".
pub fn trim(x: f64) -> String {
    let mut out = String::new();
    trim_into(x, &mut out);
    out
}

/// [`trim`] appended to `out`, without allocating.
pub fn trim_into(x: f64, out: &mut String) {
    use std::fmt::Write;
    // Whole: the truncation is x again (no call to the library's `fract`).
    if x.abs() < 1e15 && (x as i64) as f64 == x {
        if x < 0.0 {
            out.push('-');
        }
        push_digits(x.abs() as u64, out);
        return;
    }
    // Most values have a few decimals (13.4, 0.85): the shortest text of x
    // is then m / 10^k for the least k at which that quotient is x again (a
    // correctly rounded division, as parsing the text would be), and with
    // |x| < 1e9 and k ≤ 6 no other m of k decimals is x. Written without the
    // general shortest-digits search. Below 2^20, after one and two places,
    // nine are tried at once (values worked out to the 9 decimals decisions
    // use, 5.099117052, are common there).
    let size = x.abs();
    if size < 1e9 {
        let nine = size < NINE_PLACES_BELOW;
        let mut scale = 1.0;
        let mut unit = 1;
        for k in 1..=if nine { 2 } else { 6 } {
            scale *= 10.0;
            unit *= 10;
            let m = round_half_away_whole(size * scale);
            if m as f64 / scale == size {
                if x < 0.0 {
                    out.push('-');
                }
                push_digits(m / unit, out);
                out.push('.');
                // The decimals with their leading zeros.
                match k {
                    1 => out.push(char::from(b'0' + (m % unit) as u8)),
                    2 => out.push_str(pair(m % unit)),
                    _ => push_long_digits(m % unit, k, out),
                }
                return;
            }
        }
        if nine && push_nine_places(x, out) {
            return;
        }
    }
    // Writing into a String cannot fail.
    let _ = write!(out, "{x}");
}

/// 2^20: below it two doubles are less than 2^-32 apart, so no two
/// decimals of at most nine places read back as the same double.
const NINE_PLACES_BELOW: f64 = 1_048_576.0;

/// How many billionths `size` (≥ 0) is, when it is a decimal of at most
/// nine places below 2^20: the whole number m whose m / 10^9 (a correctly
/// rounded division, as reading the decimal is) is `size` again. Below 2^20
/// no other decimal of at most nine places reads back as `size`, so that
/// decimal without its trailing zeros is the shortest text of `size` (for
/// [`trim_into`] and the JSON writer's short decimals). `None` for anything
/// else, NaN and infinities included.
pub fn nine_place_billionths(size: f64) -> Option<u64> {
    const UNIT: f64 = 1e9;
    // Too large, infinite or NaN.
    if size >= NINE_PLACES_BELOW || size.is_nan() {
        return None;
    }
    let m = round_half_away_whole(size * UNIT);
    (m as f64 / UNIT == size).then_some(m)
}

/// Writes `x` (not whole, below [`NINE_PLACES_BELOW`] in magnitude) as
/// [`trim_into`] does and returns true when it is a decimal of at most nine
/// places: that decimal, without its trailing zeros, is the only one of so
/// few places that reads back as `x`, hence the shortest.
fn push_nine_places(x: f64, out: &mut String) -> bool {
    const UNIT: u64 = 1_000_000_000;
    let Some(m) = nine_place_billionths(x.abs()) else {
        return false;
    };
    // Not whole, so some place is not 0: at most 8 trailing zeros, taken
    // 4, 4, 2 and 1 at a time.
    let (mut places, mut k) = (m % UNIT, 9);
    for step in [4, 4, 2, 1] {
        let step_unit = 10u64.pow(step);
        if places % step_unit == 0 {
            places /= step_unit;
            k -= step as usize;
        }
    }
    if x < 0.0 {
        out.push('-');
    }
    push_digits(m / UNIT, out);
    out.push('.');
    push_long_digits(places, k, out);
    true
}

/// A number with 4 decimals (weights).
pub fn fmt4(x: f64) -> String {
    format!("{x:.4}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same double as `f64::round`, bit for bit (sign of zero too), on
    /// halves and quarters, both sides of 2^52 and 2^63, the special values,
    /// and a million bit patterns from a fixed-seed generator.
    #[test]
    fn round_half_away_is_round() {
        let mut values: Vec<f64> = (-4000..4000).map(|k| f64::from(k) / 8.0).collect();
        let big = 4_503_599_627_370_496.0_f64;
        values.extend([
            big - 0.5,
            big,
            big + 1.0,
            -big + 0.5,
            9.3e18,
            -9.3e18,
            1e300,
        ]);
        values.extend([0.49999999999999994, -0.49999999999999994, -0.0, 0.0, -0.3]);
        values.extend([
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ]);
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        values.extend((0..1_000_000).map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            f64::from_bits(state)
        }));
        for y in values {
            let (got, want) = (round_half_away(y), y.round());
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "{y:e}: {got} vs {want}"
            );
        }
    }

    /// `round_half_away_whole` is `f64::round` as an integer over its range:
    /// halves and their neighbours, both sides of 2^52, up to 1e18.
    #[test]
    fn round_half_away_whole_is_round() {
        let mut random = randoms();
        let mut values: Vec<f64> = (0..40_000).map(|k| f64::from(k) / 8.0).collect();
        let big = 4_503_599_627_370_496.0_f64;
        values.extend([
            0.49999999999999994,
            0.5,
            big - 0.5,
            big,
            big + 2.0,
            1e18,
            0.0,
        ]);
        values.extend((0..1_000_000).map(|_| random() * 10f64.powi((random() * 19.0) as i32)));
        for y in values {
            assert_eq!(round_half_away_whole(y), y.round() as u64, "{y:e}");
        }
    }

    #[test]
    fn rounds_halves_away_from_zero() {
        let cases = [
            (87.125, "87.13"),
            (2.675, "2.68"),
            (0.125, "0.13"),
            (1.005, "1.01"),
            (0.004999, "0.00"),
            (100.0, "100.00"),
            (0.0, "0.00"),
            (-0.001, "0.00"),
            (-1.235, "-1.24"),
            (99.995, "100.00"),
            (33.333333333, "33.33"),
            (12.345, "12.35"),
            (12.3449999, "12.34"),
            (1e12 + 0.125, "1000000000000.13"),
            (1e20, "100000000000000000000.00"),
            (-1e29, "-99999999999999991433150857216.00"),
            (1e300, format!("{:.2}", 1e300).leak()),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
        ];
        for (x, want) in cases {
            assert_eq!(fmt2(x), want, "{x}");
        }
    }

    /// The formatting before digits were written two at a time: one
    /// character pushed at a time.
    fn fmt2_by_characters(x: f64) -> String {
        if !x.is_finite() || x.abs() >= 1e15 {
            return format!("{x:.2}");
        }
        let cents = if x.abs() < 1e9 {
            (round_half_away(x.abs() * 1e9) as u64 + 5_000_000) / 10_000_000
        } else {
            cents_by_formatting(x)
        };
        let mut out = String::new();
        if x < 0.0 && cents > 0 {
            out.push('-');
        }
        out.push_str(&(cents / 100).to_string());
        out.push('.');
        out.push(char::from(b'0' + (cents / 10 % 10) as u8));
        out.push(char::from(b'0' + (cents % 10) as u8));
        out
    }

    /// `fmt2` writes what it wrote a character at a time: halves and their
    /// neighbours, whole numbers, the boundaries of the fast path (1e9, 1e15),
    /// tiny and huge numbers, the special values, both signs, and a million
    /// random values over every magnitude; appending keeps what was there.
    #[test]
    fn fmt2_is_the_character_by_character_text() {
        let mut random = randoms();
        let mut cases = vec![
            0.0,
            0.005,
            0.125,
            0.375,
            2.675,
            1.005,
            87.125,
            99.995,
            999.995,
            0.994999999,
            0.995,
            9.995,
            1e-300,
            f64::MIN_POSITIVE,
            5e-324,
            1e9 - 0.005,
            1e9,
            1e9 + 0.125,
            123_456_789_012.345,
            1e15 - 0.125,
            1e15,
            1e20,
            1e300,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        cases.extend((0..200_000).map(|c| f64::from(c) / 1000.0));
        cases.extend((0..20_000).map(|c| f64::from(c) / 8.0));
        for _ in 0..1_000_000 {
            let r = random();
            let magnitude = 10f64.powi((random() * 36.0) as i32 - 18);
            cases.push(r * magnitude);
        }
        let mut out = String::from("x");
        for x in cases.into_iter().flat_map(|x| [x, -x]) {
            let want = fmt2_by_characters(x);
            assert_eq!(fmt2(x), want, "{x:e}");
            out.truncate(1);
            fmt2_into(x, &mut out);
            assert_eq!(out[1..], want, "{x:e}");
        }
    }

    /// `push_digits` writes what `to_string` writes, at every length.
    #[test]
    fn push_digits_is_to_string() {
        let mut random = randoms();
        let mut cases: Vec<u64> = (0..10_000).collect();
        cases.extend((0..20).map(|e| 10u64.pow(e)));
        cases.extend((1..20).map(|e| 10u64.pow(e) - 1));
        cases.extend([u64::MAX, u64::MAX - 1, 1 << 63]);
        cases.extend(
            (0..100_000).map(|_| (random() * 2f64.powi(64)) as u64 >> (random() * 64.0) as u32),
        );
        for n in cases {
            let mut out = String::from("x");
            push_digits(n, &mut out);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn trims_whole_numbers() {
        assert_eq!(trim(85.0), "85");
        assert_eq!(trim(0.5), "0.5");
        assert_eq!(trim(-3.0), "-3");
    }

    /// Pseudo-random numbers in [0, 1), the same every run.
    fn randoms() -> impl FnMut() -> f64 {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// `trim` writes what the standard formatter writes (`{}`, and `{}` of the
    /// integer for whole numbers): decimals of every length up to 8, thirds,
    /// tiny and huge numbers, both signs.
    #[test]
    fn trim_is_the_formatters_text() {
        let mut random = randoms();
        let mut cases = vec![
            0.1,
            0.05,
            1e-7,
            123456789.125,
            999999999.9,
            1e9 + 0.5,
            1e15,
            2e16,
            -0.0,
            0.001,
            0.000125,
            999_999_999_999_999.9,
            999_999_999_999_999.0,
            4_503_599_627_370_495.5,
            1.000001,
            12.000_05,
            5.099117052,
            34.2518181,
            0.000000001,
            0.0000000005,
            1e-7,
            1_048_575.999999999,
            1_048_576.5,
            1_048_576.000001,
            0.1 + 0.2,
        ];
        for _ in 0..100_000 {
            let r = random();
            let decimals = (r * 1e6) as i32 % 11;
            let x = ((r * 2e6 - 1e6) * 10f64.powi(decimals)).round() / 10f64.powi(decimals);
            let nine = ((r * 20.0 - 10.0) * 1e9).round() / 1e9;
            cases.extend([x, nine, r * 1e3, 1.0 / (1.0 + r * 1e4)]);
        }
        for x in cases.into_iter().flat_map(|x| [x, -x]) {
            let want = if x.fract() == 0.0 && x.abs() < 1e15 {
                format!("{}", x as i64)
            } else {
                format!("{x}")
            };
            assert_eq!(trim(x), want, "{x:?}");
        }
    }
}
