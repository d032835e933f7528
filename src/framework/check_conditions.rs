//! Tier, veto and condition checks: references resolve, thresholds fit.

use toml::Spanned;

use super::raw::{self, Op, RawCondition, Scalar};
use super::toml_reader::{Num, Str, help};
use super::validate::{Checker, doc_of, text};
use super::{Comparison, Condition, Framework, Subject, Tier, Veto};
use crate::rule::{Rule, Value};

impl Checker<'_, '_> {
    pub(super) fn check_tiers(&mut self, tiers: Vec<raw::RawTier>, fw: &Framework) -> Vec<Tier> {
        let mut out = Vec::new();
        let mut previous: Option<(f64, String)> = None;
        for t in tiers {
            let id = match &t.id {
                Some(id) if matches!(id.get_ref().as_str(), "none" | "vetoed" | "incomplete") => {
                    self.src.error(
                        &id.span(),
                        format!("`{}` is a reserved tier id", id.get_ref()),
                    );
                    None
                }
                other => self.define_id(other.as_ref()),
            };
            let min_total = t
                .min_total
                .as_ref()
                .and_then(|m| self.check_percent(m, "min_total"));
            if let (Some(m), Some((prev, prev_id))) = (&t.min_total, &previous)
                && *m.get_ref() >= *prev
            {
                let d = self.src.error(
                    &m.span(),
                    format!(
                        "min_total {} is not below the previous tier `{prev_id}` ({prev})",
                        m.get_ref()
                    ),
                );
                help(
                    d,
                    "tiers are listed best first, with strictly decreasing min_total",
                );
            }
            if let (Some(m), Some(i)) = (&t.min_total, &t.id) {
                previous = Some((*m.get_ref(), i.get_ref().clone()));
            }
            let each = t
                .min_each_dimension
                .as_ref()
                .map(|m| self.check_percent(m, "min_each_dimension"));
            let require: Vec<Option<Condition>> = t
                .require
                .iter()
                .map(|c| self.check_condition(c, fw))
                .collect();
            if let (Some(id), Some(min_total), Some(require)) = (
                id,
                min_total,
                require.into_iter().collect::<Option<Vec<_>>>(),
            ) && each.is_none_or(|e| e.is_some())
            {
                out.push(Tier {
                    id,
                    doc: doc_of(t.doc),
                    min_total,
                    min_each_dimension: each.flatten(),
                    require,
                });
            }
        }
        out
    }

    fn check_percent(&mut self, n: &Num, key: &str) -> Option<f64> {
        let v = *n.get_ref();
        if (0.0..=100.0).contains(&v) {
            Some(v)
        } else {
            self.src.error(
                &n.span(),
                format!("`{key}` must be between 0 and 100, found {v}"),
            );
            None
        }
    }

    pub(super) fn check_vetoes(&mut self, vetoes: Vec<raw::RawVeto>, fw: &Framework) -> Vec<Veto> {
        vetoes
            .into_iter()
            .filter_map(|v| {
                let condition = self.check_condition(&v.condition, fw)?;
                Some(Veto {
                    condition,
                    reason: text(v.reason),
                    reason_en: text(v.reason_en),
                })
            })
            .collect()
    }

    fn check_condition(&mut self, c: &RawCondition, fw: &Framework) -> Option<Condition> {
        let (is_indicator, id) = c.subject.as_ref()?;
        let (op, threshold) = c.test.as_ref()?;
        if self.broken.contains(id.get_ref()) {
            return None;
        }
        let subject = if *is_indicator {
            match fw.indicator_index(id.get_ref()) {
                Some(i) => Subject::Indicator(i),
                None => {
                    return self.unknown_reference(
                        id,
                        "indicator",
                        fw.indicators.iter().map(|i| i.id.as_str()),
                    );
                }
            }
        } else {
            match fw.dimensions.iter().position(|d| d.id == *id.get_ref()) {
                Some(d) => Subject::Dimension(d),
                None => {
                    return self.unknown_reference(
                        id,
                        "dimension",
                        fw.dimensions.iter().map(|d| d.id.as_str()),
                    );
                }
            }
        };
        let rule = match subject {
            Subject::Indicator(i) => Some(&fw.indicators[i].rule),
            Subject::Dimension(_) => None,
        };
        let comparison = self.check_threshold(rule, *op, threshold)?;
        Some(Condition {
            subject,
            comparison,
            written: written(threshold.get_ref()),
            basis: c.basis.as_ref().map(|b| b.get_ref().clone()),
        })
    }

    fn unknown_reference<'a, T>(
        &mut self,
        id: &Str,
        what: &str,
        known: impl Iterator<Item = &'a str>,
    ) -> Option<T> {
        let name = id.get_ref();
        let known: Vec<&str> = known.collect();
        let d = self
            .src
            .error(&id.span(), format!("unknown {what} `{name}`"));
        let best = known
            .iter()
            .max_by(|a, b| strsim::jaro_winkler(a, name).total_cmp(&strsim::jaro_winkler(b, name)));
        match best {
            Some(b) if strsim::jaro_winkler(b, name) > 0.8 => {
                help(d, format!("did you mean `{b}`?"))
            }
            Some(_) => help(d, format!("known {what}s: {}", known.join(", "))),
            None => {}
        }
        None
    }

    /// Checks that a threshold fits what it is compared with.
    fn check_threshold(
        &mut self,
        rule: Option<&Rule>,
        op: Op,
        t: &Spanned<Scalar>,
    ) -> Option<Comparison> {
        let span = t.span();
        let kind = rule.map_or("dimension score", Rule::kind);
        let result = match (rule, op, t.get_ref()) {
            (None, Op::Equals, _) => {
                Err("compare a dimension score with `at_least` or `at_most`".to_string())
            }
            (None, _, Scalar::Number(n)) if !(0.0..=100.0).contains(n) => Err(format!(
                "a dimension score is between 0 and 100; {n} can never be reached"
            )),
            (Some(Rule::Boolean), Op::Equals, Scalar::Bool(b)) => {
                Ok(Comparison::Equals(Value::Bool(*b)))
            }
            (Some(Rule::Boolean), _, _) => Err(
                "a boolean indicator is compared with `equals = true` or `equals = false`"
                    .to_string(),
            ),
            (Some(Rule::Levels { levels }), _, Scalar::Text(label)) => match levels.get(label) {
                None => Err(format!(
                    "`{label}` is not a level of this indicator; expected one of: {}",
                    levels.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
                Some(score) => Ok(bound(op, *score)
                    .unwrap_or_else(|| Comparison::Equals(Value::Label(label.clone().into())))),
            },
            (Some(Rule::Levels { .. }), Op::Equals, _) => {
                Err("`equals` on a levels indicator takes a label string".to_string())
            }
            (Some(Rule::Levels { .. }), _, Scalar::Number(n)) if !(0.0..=1.0).contains(n) => Err(
                format!("a level score is between 0 and 1; {n} can never be reached"),
            ),
            (_, Op::Equals, Scalar::Number(n)) => Ok(Comparison::Equals(Value::Number(*n))),
            (_, _, Scalar::Number(n)) => bound(op, *n).ok_or_else(String::new),
            (_, _, other) => Err(format!(
                "a {kind} is compared with a number, not {}",
                written(other)
            )),
        };
        match result {
            Ok(c) => Some(c),
            Err(message) => {
                self.src.error(&span, message);
                None
            }
        }
    }

    pub(super) fn warn_unused_zero_weights(&mut self, fw: &Framework) {
        // A condition dropped for an error of its own may be the one that uses
        // the indicator: the warning would only repeat that error.
        if crate::diag::has_errors(&self.src.diagnostics) {
            return;
        }
        let used = |i: usize| {
            let refers = |c: &Condition| c.subject == Subject::Indicator(i);
            fw.vetoes.iter().any(|v| refers(&v.condition))
                || fw.tiers.iter().any(|t| t.require.iter().any(refers))
        };
        for (i, ind) in fw.indicators.iter().enumerate() {
            if ind.weight == 0.0 && !used(i) {
                let span = self.ids.get(&ind.id).cloned().unwrap_or(0..0);
                let d = self.src.warning(
                    &span,
                    format!(
                        "indicator `{}` has weight 0 and no tier or veto uses it",
                        ind.id
                    ),
                );
                help(
                    d,
                    "give it a weight, use it in a [[tier.require]] or [[veto]], or remove it",
                );
            }
        }
    }
}

fn bound(op: Op, value: f64) -> Option<Comparison> {
    match op {
        Op::AtLeast => Some(Comparison::AtLeast(value)),
        Op::AtMost => Some(Comparison::AtMost(value)),
        Op::Equals => None,
    }
}

fn written(s: &Scalar) -> String {
    match s {
        Scalar::Number(n) => crate::number::trim(*n),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Text(t) => t.clone(),
    }
}
