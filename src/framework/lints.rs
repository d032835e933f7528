//! Mistakes that a framework can make while every value is valid, so that even
//! `validate --strict` used to pass them. Each is a warning that names the
//! items (an error under `--strict`):
//!
//! - a tier that requires the very values a veto punishes, so no provider can
//!   reach it (a vetoed provider gets no tier);
//! - level labels of one indicator that differ only by case, full-width forms
//!   or lookalike letters (`CS3` / `ｃｓ３`), which evidence cannot tell apart;
//! - a level label that reads as "not applicable" (`NA`, `n/a`, `不适用`): the
//!   evidence reader takes that value as not applicable, never as the level;
//! - AHP judgements outside Saaty's scale, 1/9 to 9.
//!
//! The checks read the framework as written ([`RawFramework`]), so every
//! warning points at the line it is about.

use super::raw::{Op, RawCondition, RawFramework, Scalar};
use super::toml_reader::Source;
use crate::confusable::skeleton;
use crate::rule::{Rule, is_not_applicable};

/// Adds the warnings about `raw` to `src`.
pub fn lint(src: &mut Source, raw: &RawFramework) {
    unreachable_tiers(src, raw);
    level_labels(src, raw);
    ahp_scale(src, raw);
}

fn unreachable_tiers(src: &mut Source, raw: &RawFramework) {
    for tier in &raw.tiers {
        for require in &tier.require {
            let Some(veto) = raw
                .vetoes
                .iter()
                .find(|v| punishes_all(&v.condition, require))
            else {
                continue;
            };
            let (tier_id, subject) = (id_of(&tier.id), subject_of(require));
            let d = src.warning(
                &require.span,
                format!(
                    "tier `{tier_id}` requires `{subject}` {}, which the veto on `{subject}` ({}) punishes: no provider can reach this tier",
                    test_of(require),
                    test_of(&veto.condition),
                ),
            );
            d.help = Some("a vetoed provider gets no tier; require the opposite value, or drop the requirement".into());
        }
    }
}

fn id_of(id: &Option<super::toml_reader::Str>) -> &str {
    id.as_ref().map_or("?", |s| s.get_ref().as_str())
}

fn subject_of(c: &RawCondition) -> &str {
    c.subject
        .as_ref()
        .map_or("?", |(_, s)| s.get_ref().as_str())
}

fn test_of(c: &RawCondition) -> String {
    match &c.test {
        Some((op, value)) => {
            let op = match op {
                Op::AtLeast => "at least",
                Op::AtMost => "at most",
                Op::Equals => "equal to",
            };
            let value = match value.get_ref() {
                Scalar::Number(x) => crate::number::trim(*x),
                Scalar::Bool(b) => b.to_string(),
                Scalar::Text(t) => format!("`{t}`"),
            };
            format!("{op} {value}")
        }
        None => "?".into(),
    }
}

/// True when every value that meets `require` also meets the veto's
/// condition, on the same indicator.
fn punishes_all(veto: &RawCondition, require: &RawCondition) -> bool {
    let (Some((true, vs)), Some((true, rs))) = (&veto.subject, &require.subject) else {
        return false;
    };
    let (Some((vop, v)), Some((rop, r))) = (&veto.test, &require.test) else {
        return false;
    };
    if vs.get_ref() != rs.get_ref() {
        return false;
    }
    use Scalar::Number as N;
    match (rop, r.get_ref(), vop, v.get_ref()) {
        (Op::Equals, r, Op::Equals, v) => scalar_eq(r, v),
        (Op::Equals, N(r), Op::AtLeast, N(v)) | (Op::AtLeast, N(r), Op::AtLeast, N(v)) => r >= v,
        (Op::Equals, N(r), Op::AtMost, N(v)) | (Op::AtMost, N(r), Op::AtMost, N(v)) => r <= v,
        _ => false,
    }
}

fn scalar_eq(a: &Scalar, b: &Scalar) -> bool {
    match (a, b) {
        (Scalar::Number(x), Scalar::Number(y)) => x == y,
        (Scalar::Bool(x), Scalar::Bool(y)) => x == y,
        (Scalar::Text(x), Scalar::Text(y)) => x == y,
        _ => false,
    }
}

fn level_labels(src: &mut Source, raw: &RawFramework) {
    for indicator in raw.dimensions.iter().flat_map(|d| &d.indicators) {
        let Some(Rule::Levels { levels }) = &indicator.rule else {
            continue;
        };
        let id = id_of(&indicator.id);
        let labels: Vec<&str> = levels.keys().map(String::as_str).collect();
        for (i, label) in labels.iter().enumerate() {
            let at = label_span(src.text, &indicator.span, label);
            if is_not_applicable(label.trim()) {
                let d = src.warning(
                    &at,
                    format!("level `{label}` of `{id}` reads as not applicable: evidence `{label}` is taken as not applicable, never as this level"),
                );
                d.help = Some("name the level differently (say `无` or `none`), or leave it out and let evidence say n/a".into());
            }
            if let Some(same) = labels[..i].iter().find(|l| skeleton(l) == skeleton(label)) {
                let d = src.warning(
                    &at,
                    format!("levels `{same}` and `{label}` of `{id}` differ only by case, full-width forms or lookalike letters"),
                );
                d.help = Some("evidence cannot tell them apart on sight: keep one".into());
            }
        }
    }
}

/// Where `label` is first written (quoted) after the start of the
/// indicator's table, else the table.
fn label_span(text: &str, table: &std::ops::Range<usize>, label: &str) -> std::ops::Range<usize> {
    let after = text.get(table.start..).unwrap_or("");
    match after.find(&format!("\"{label}\"")) {
        Some(at) => table.start + at..table.start + at,
        None => table.clone(),
    }
}

fn ahp_scale(src: &mut Source, raw: &RawFramework) {
    let tables = raw
        .ahp
        .iter()
        .chain(raw.dimensions.iter().filter_map(|d| d.ahp.as_ref()));
    for ahp in tables {
        for entry in ahp.matrix.iter().flat_map(|row| row.get_ref()) {
            let x = *entry.get_ref();
            // 1/9 as a decimal (0.111) is on the scale; allow for rounding.
            if x.is_finite() && x > 0.0 && !(1.0 / 9.0 - 1e-3..=9.0).contains(&x) {
                // A reciprocal reads as it is written: 1/12, not 0.0833….
                let shown = if x < 1.0 {
                    format!("1/{}", crate::number::trim((1e6 / x).round() / 1e6))
                } else {
                    crate::number::trim(x)
                };
                let d = src.warning(
                    &entry.span(),
                    format!("AHP judgement {shown} is outside Saaty's scale (1/9 to 9)"),
                );
                d.help = Some("judgements run from 1 (equal) to 9 (extremely more important), and their reciprocals".into());
            }
        }
    }
}
