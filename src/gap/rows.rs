//! A derived indicator's shortfall in rows: "2 more `projects` with role =
//! lead, accepted within 3 years" instead of a bare number.

use super::{Gap, Item, UnmetKind};
use crate::framework::{Comparison, Framework, Lang};
use crate::records::Ledgers;
use crate::records::derive::{check_row, window_bounds};
use crate::records::describe::{Shortfall, shortfall_text};
use crate::rule::Value;
use crate::score::Scores;

/// Words every unmet `at_least` condition on a derived indicator of `gap`
/// (into [`Gap::rows`]), in `lang`.
pub fn word_rows(fw: &Framework, ledgers: &Ledgers, scores: &Scores, gap: &mut Gap, lang: Lang) {
    let id = &scores.providers[gap.provider].provider;
    for (i, u) in gap.unmet.iter().enumerate() {
        let (UnmetKind::Indicator, Item::Indicator(k)) = (u.kind, u.item) else {
            continue;
        };
        let Some(derive) = &fw.indicators[k].derive else {
            continue;
        };
        let Some(Comparison::AtLeast(required)) = u.comparison.clone() else {
            continue;
        };
        let current = match &u.current {
            Some(Value::Number(v)) => Some(*v),
            _ => None,
        };
        let ledger = ledgers.of_table(derive.table);
        let bounds = window_bounds(derive, fw.as_of);
        let rows_now = ledger
            .and_then(|l| l.provider_index(id).map(|p| (l, p)))
            .map_or(0, |(l, p)| {
                l.rows_of(p)
                    .iter()
                    .filter(|&&r| check_row(derive, l, r, bounds).is_ok())
                    .count()
            });
        let short = Shortfall {
            current,
            rows_now,
            required,
        };
        if let Some(words) = shortfall_text(fw, derive, short, lang) {
            gap.rows.push((i, words));
        }
    }
}
