//! Numbers typed in full-width forms (`５０`, `８５.５`, `－３`, `５０％`).
//!
//! A Chinese input method left in full-width mode types digits as U+FF10–U+FF19,
//! and a spreadsheet keeps them as text. The value is not in doubt, so a numeric
//! indicator reads it as the ASCII number it stands for — full-width digits, `．`,
//! `－`, `＋` and `％` only (what NFKC would map them to; nothing else is
//! normalised) — with a warning at the cell, which `--strict` makes an error.
//! Labels and yes/no values are not touched: a level `CS３` stays unknown.

use crate::rule::{Cell, Rule};

/// Reads a cell as [`Rule::parse_cell`] does; a numeric cell that fails only
/// because it is written in full-width forms is read as its ASCII form, with
/// the warning to give at the cell.
pub fn parse_cell(rule: &Rule, raw: &str) -> Result<(Cell, Option<String>), String> {
    let error = match rule.parse_cell(raw) {
        Ok(cell) => return Ok((cell, None)),
        Err(error) => error,
    };
    let ascii = match to_ascii(raw.trim()) {
        Some(ascii) if rule.is_numeric() => ascii,
        _ => return Err(error),
    };
    match rule.parse_cell(&ascii) {
        Ok(cell) => {
            let warning = format!(
                "`{}` is written in full-width characters; read as {cell}",
                raw.trim()
            );
            Ok((cell, Some(warning)))
        }
        Err(_) => Err(error),
    }
}

/// `text` with full-width digits, `．`, `－`, `＋` and `％` made ASCII; `None`
/// when it has none of them.
fn to_ascii(text: &str) -> Option<String> {
    let is_fullwidth = |c: char| matches!(c, '０'..='９' | '．' | '－' | '＋' | '％');
    if !text.contains(is_fullwidth) {
        return None;
    }
    let ascii = text
        .chars()
        .map(|c| match c {
            // The full-width forms are ASCII + 0xFEE0.
            c if is_fullwidth(c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    Some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::Value;

    fn linear() -> Rule {
        Rule::Linear {
            floor: 0.0,
            target: 100.0,
        }
    }

    #[test]
    fn full_width_numbers_are_read_with_a_warning() {
        for (raw, value) in [
            ("５０", 50.0),
            ("８５.５", 85.5),
            ("８５．５", 85.5),
            ("－３", -3.0),
            ("５０％", 50.0),
            ("＋7", 7.0),
        ] {
            let (cell, warning) = parse_cell(&linear(), raw).unwrap();
            assert_eq!(cell, Cell::Value(Value::Number(value)), "{raw}");
            assert!(
                warning
                    .unwrap()
                    .starts_with(&format!("`{raw}` is written in full-width"))
            );
        }
        assert_eq!(parse_cell(&linear(), "50").unwrap().1, None);
    }

    #[test]
    fn other_characters_and_other_rules_are_left_alone() {
        // A full-width comma (a thousands separator) stays an error, as `1,000` is.
        assert!(parse_cell(&linear(), "１，０００").is_err());
        assert!(parse_cell(&linear(), "５０人").is_err());
        assert!(parse_cell(&Rule::Boolean, "１").is_err());
    }
}
