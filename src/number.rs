//! How numbers are printed.

/// A number with exactly 2 decimals, rounding halves away from zero as a person
/// (or a spreadsheet's ROUND) would: 87.125 → "87.13". The value is first
/// printed with 9 decimals, the precision decisions use, so binary noise such
/// as 2.675 → 2.67499999… does not flip the rounding.
pub fn fmt2(x: f64) -> String {
    // Beyond 1e30 the cents do not fit in a u128 (and 2 decimals mean little);
    // NaN and infinities print as themselves rather than as a plausible 0.00.
    if !x.is_finite() || x.abs() >= 1e30 {
        return format!("{x:.2}");
    }
    let nine = format!("{:.9}", x.abs());
    let (int, frac) = nine.split_once('.').unwrap_or((&nine, "000000000"));
    let mut cents: u128 =
        int.parse::<u128>().unwrap_or(0) * 100 + frac[..2].parse::<u128>().unwrap_or(0);
    if frac.as_bytes()[2] >= b'5' {
        cents += 1;
    }
    let sign = if x < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

/// An optional number with 2 decimals, or an empty string.
pub fn fmt2_opt(x: Option<f64>) -> String {
    x.map(fmt2).unwrap_or_default()
}

/// A number as short as it can be written without losing it: 85 → "85", 0.5 → "0.5".
pub fn trim(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A number with 4 decimals (weights).
pub fn fmt4(x: f64) -> String {
    format!("{x:.4}")
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn trims_whole_numbers() {
        assert_eq!(trim(85.0), "85");
        assert_eq!(trim(0.5), "0.5");
        assert_eq!(trim(-3.0), "-3");
    }
}
