//! Conditions as written: `[[tier.require]]` and the condition part of
//! `[[veto]]` (a subject, one comparison and its threshold), and the
//! comparison operator that ledger filters share with them.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::toml_reader::{Source, Str, TableReader, number_value};

/// Which comparison a condition uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `at_least`.
    AtLeast,
    /// `at_most`.
    AtMost,
    /// `equals`.
    Equals,
}

impl Op {
    /// The key in the file.
    pub fn key(self) -> &'static str {
        match self {
            Op::AtLeast => "at_least",
            Op::AtMost => "at_most",
            Op::Equals => "equals",
        }
    }
}

/// A threshold as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// A number.
    Number(f64),
    /// `true` / `false`.
    Bool(bool),
    /// A string (a level label).
    Text(String),
}

/// `[[tier.require]]` or the condition part of `[[veto]]`.
#[derive(Debug)]
pub struct RawCondition {
    /// The table's span.
    pub span: Range<usize>,
    /// `indicator = …` (true) or `dimension = …` (false), with the id.
    pub subject: Option<(bool, Str)>,
    /// The comparison and its threshold.
    pub test: Option<(Op, Spanned<Scalar>)>,
    /// `basis`.
    pub basis: Option<Str>,
}

/// Reads `indicator`/`dimension` and exactly one of `at_least`/`at_most`/`equals`.
pub(super) fn read_condition(
    src: &mut Source,
    t: &mut TableReader,
    allow_dimension: bool,
) -> RawCondition {
    let span = t.span.clone();
    let indicator = t.string(src, "indicator", false);
    let dimension = if allow_dimension {
        t.string(src, "dimension", false)
    } else {
        None
    };
    let subject = match (indicator, dimension) {
        (Some(i), None) => Some((true, i)),
        (None, Some(d)) => Some((false, d)),
        (Some(_), Some(d)) => {
            src.error(
                &d.span(),
                "a condition names either `indicator` or `dimension`, not both",
            );
            None
        }
        (None, None) if allow_dimension => {
            src.error(
                &span,
                "a condition needs `indicator = \"…\"` or `dimension = \"…\"`",
            );
            None
        }
        (None, None) => {
            src.error(&span, "a veto needs `indicator = \"…\"`");
            None
        }
    };
    let mut tests = Vec::new();
    for op in [Op::AtLeast, Op::AtMost, Op::Equals] {
        if let Some(v) = t.get(op.key())
            && let Some(s) = scalar(src, v, op.key())
        {
            tests.push((op, s));
        }
    }
    if tests.len() > 1 {
        src.error(
            &tests[1].1.span(),
            "use exactly one of `at_least`, `at_most` or `equals`",
        );
    }
    let present = [Op::AtLeast, Op::AtMost, Op::Equals]
        .iter()
        .any(|op| t.has(op.key()));
    if !present {
        src.error(
            &span,
            "a condition needs one of `at_least`, `at_most` or `equals`",
        );
    }
    RawCondition {
        span,
        subject,
        test: if tests.len() == 1 { tests.pop() } else { None },
        basis: t.string(src, "basis", false),
    }
}

fn scalar(src: &mut Source, v: &Spanned<DeValue>, key: &str) -> Option<Spanned<Scalar>> {
    let span = v.span();
    match v.get_ref() {
        DeValue::Boolean(b) => Some(Spanned::new(span, Scalar::Bool(*b))),
        DeValue::String(s) => Some(Spanned::new(span, Scalar::Text(s.to_string()))),
        _ => number_value(src, v, &format!("`{key}`"))
            .map(|n| Spanned::new(span, Scalar::Number(*n.get_ref()))),
    }
}
