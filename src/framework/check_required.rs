//! The `validate` warning of SPEC §7: an indicator that a veto or a tier
//! condition reads should be `required`, or a provider escapes the veto or
//! passes the gate by leaving the cell blank or writing n/a. Derived `count`,
//! `count_distinct` and `sum` indicators always have a value and need none.

use super::toml_reader::help;
use super::validate::Checker;
use super::{Condition, Framework, Subject};

impl Checker<'_, '_> {
    /// Warns once per indicator read by a veto or a `[[tier.require]]` that is
    /// not `required`, naming what reads it.
    pub(super) fn warn_not_required(&mut self, fw: &Framework) {
        // As for unused weights: a broken condition would only repeat its error.
        if crate::diag::has_errors(&self.src.diagnostics) {
            return;
        }
        for (k, ind) in fw.indicators.iter().enumerate() {
            if ind.required || always_valued(ind) {
                continue;
            }
            let readers = readers(fw, k);
            if readers.is_empty() {
                continue;
            }
            let span = self.ids.get(&ind.id).cloned().unwrap_or(0..0);
            let d = self.src.warning(
                &span,
                format!(
                    "indicator `{}` is read by {} but is not `required`",
                    ind.id,
                    readers.join(" and ")
                ),
            );
            help(
                d,
                "add `required = true`: otherwise a provider escapes a veto or passes a gate by leaving the cell blank or writing n/a",
            );
        }
    }
}

/// Derived `count`, `count_distinct` and `sum` always have a value (0 for no
/// rows): they need no `required`.
fn always_valued(ind: &super::Indicator) -> bool {
    use super::records::Aggregate;
    ind.derive.as_ref().is_some_and(|d| {
        matches!(
            d.aggregate,
            Aggregate::Count | Aggregate::CountDistinct | Aggregate::Sum
        )
    })
}

/// What reads indicator `k`: "a veto", "tier `id`", in framework order.
fn readers(fw: &Framework, k: usize) -> Vec<String> {
    let reads = |c: &Condition| c.subject == Subject::Indicator(k);
    let mut out = Vec::new();
    if fw.vetoes.iter().any(|v| reads(&v.condition)) {
        out.push("a veto".to_string());
    }
    out.extend(
        fw.tiers
            .iter()
            .filter(|t| t.require.iter().any(reads))
            .map(|t| format!("tier `{}`", t.id)),
    );
    out
}
