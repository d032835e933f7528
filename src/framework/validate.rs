//! Checks a raw framework as a whole and builds the validated [`Framework`].
//!
//! Every check runs even after another failed, so one `validate` run lists every
//! problem in the file.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::raw::{self, Op, RawAhp, RawCondition, RawDoc, RawFramework, Scalar};
use super::toml_reader::{Num, Source, Str, help};
use super::{
    AhpSummary, Comparison, Condition, Dimension, Doc, Framework, Indicator, Loaded, MissingPolicy,
    Subject, Tier, Veto, ahp,
};
use crate::diag::{self, Diagnostic};
use crate::rule::{Rule, Value};

/// Parses and validates a framework file's text.
/// Returns the framework and its warnings, or every diagnostic when any is an error.
pub fn load_str(file: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let mut src = Source::new(file, text);
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let d = src.error(&span, format!("TOML syntax: {message}"));
            help(
                d,
                "fix the syntax first; other checks run once the file parses",
            );
        }
        return Err(finish(src.diagnostics));
    }
    let raw = raw::read(&mut src, &root);
    let framework = Checker::new(&mut src).check(raw);
    let diagnostics = finish(src.diagnostics);
    match framework {
        Some(framework) if !diag::has_errors(&diagnostics) => Ok(Loaded {
            framework,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diag::sort(&mut diagnostics);
    diagnostics.dedup();
    diagnostics
}

fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Weights closer than this to 1 or 100 do not earn a warning.
const WEIGHT_SUM_TOLERANCE: f64 = 1e-9;

struct Checker<'c, 's> {
    src: &'c mut Source<'s>,
    /// Every id seen so far, with where it was first defined.
    ids: HashMap<String, Range<usize>>,
    /// Ids defined by items that have errors of their own: conditions that
    /// name them are not reported again as unknown references.
    broken: std::collections::HashSet<String>,
}

impl<'c, 's> Checker<'c, 's> {
    fn new(src: &'c mut Source<'s>) -> Self {
        Checker {
            src,
            ids: HashMap::new(),
            broken: Default::default(),
        }
    }

    fn check(mut self, raw: RawFramework) -> Option<Framework> {
        self.check_schema(raw.schema.as_ref());
        let (id, version, doc, missing) = self.check_meta(raw.meta)?;
        let mut dimensions = Vec::new();
        let mut indicators = Vec::new();
        if raw.dimensions.is_empty() {
            self.src
                .error(&(0..0), "the framework has no [[dimension]]");
        }
        let dim_weights = self.group_weights(
            raw.dimensions
                .iter()
                .map(|d| (d.id.as_ref(), d.weight.as_ref(), d.span.clone()))
                .collect(),
            raw.ahp.as_ref(),
            "dimensions",
        );
        for (d, raw_dim) in raw.dimensions.into_iter().enumerate() {
            let dim_id = self.define_id(raw_dim.id.as_ref());
            if raw_dim.indicators.is_empty() {
                let what = format!(
                    "dimension `{}` has no [[dimension.indicator]]",
                    dim_id.as_deref().unwrap_or("?")
                );
                self.src.error(&raw_dim.span, what);
            }
            let group_name = format!(
                "the indicators of dimension `{}`",
                dim_id.as_deref().unwrap_or("?")
            );
            let weights = self.group_weights(
                raw_dim
                    .indicators
                    .iter()
                    .map(|i| (i.id.as_ref(), i.weight.as_ref(), i.span.clone()))
                    .collect(),
                raw_dim.ahp.as_ref(),
                &group_name,
            );
            let start = indicators.len();
            for (k, ri) in raw_dim.indicators.into_iter().enumerate() {
                let ind_id = self.define_id(ri.id.as_ref());
                let weight = weights.as_ref().map(|(w, _)| w[k]);
                if let Some(id) = ind_id
                    .as_ref()
                    .filter(|_| ri.rule.is_none() || weight.is_none())
                {
                    self.broken.insert(id.clone());
                }
                if let (Some(id), Some(rule), Some(weight)) = (ind_id, ri.rule, weight) {
                    indicators.push(Indicator {
                        id,
                        doc: doc_of(ri.doc),
                        dimension: d,
                        weight,
                        unit: text(ri.unit),
                        evidence: text(ri.evidence),
                        advice: text(ri.advice),
                        rule,
                    });
                }
            }
            let dim_weight = dim_weights.as_ref().map(|(w, _)| w[d]);
            if let (Some(id), None) = (&dim_id, dim_weight) {
                self.broken.insert(id.clone());
            }
            if let (Some(id), Some(weight)) = (dim_id, dim_weight) {
                dimensions.push(Dimension {
                    id,
                    doc: doc_of(raw_dim.doc),
                    weight,
                    indicators: start..indicators.len(),
                    ahp: weights.and_then(|(_, a)| a),
                });
            }
        }
        let mut framework = Framework {
            id,
            version,
            doc,
            missing,
            dimensions,
            indicators,
            tiers: Vec::new(),
            vetoes: Vec::new(),
            ahp: dim_weights.and_then(|(_, a)| a),
            index: Default::default(),
        };
        framework.build_index();
        framework.tiers = self.check_tiers(raw.tiers, &framework);
        framework.vetoes = self.check_vetoes(raw.vetoes, &framework);
        self.warn_unused_zero_weights(&framework);
        Some(framework)
    }

    fn check_schema(&mut self, schema: Option<&Num>) {
        if let Some(s) = schema
            && *s.get_ref() != 1.0
        {
            let d = self.src.error(
                &s.span(),
                format!(
                    "unsupported schema {}; this tierscore reads schema 1",
                    s.get_ref()
                ),
            );
            help(d, "write `schema = 1`");
        }
    }

    fn check_meta(
        &mut self,
        meta: Option<raw::RawMeta>,
    ) -> Option<(String, String, Doc, MissingPolicy)> {
        let meta = meta?;
        if let Some(id) = &meta.id {
            self.check_id_syntax(id);
        }
        let missing = match meta
            .missing
            .as_ref()
            .map(|m| (m.get_ref().as_str(), m.span()))
        {
            None | Some(("zero", _)) => MissingPolicy::Zero,
            Some(("exclude", _)) => MissingPolicy::Exclude,
            Some(("error", _)) => MissingPolicy::Error,
            Some((other, span)) => {
                let d = self
                    .src
                    .error(&span, format!("unknown missing policy `{other}`"));
                help(d, "use \"zero\", \"exclude\" or \"error\"");
                MissingPolicy::Zero
            }
        };
        let id = meta.id?.into_inner();
        let version = meta.version?.into_inner();
        meta.doc.name.as_ref()?;
        Some((id, version, doc_of(meta.doc), missing))
    }

    fn check_id_syntax(&mut self, id: &Str) -> bool {
        if is_valid_id(id.get_ref()) {
            return true;
        }
        let d = self
            .src
            .error(&id.span(), format!("invalid id `{}`", id.get_ref()));
        help(
            d,
            "ids start with a lower-case letter and use only a-z, 0-9 and _",
        );
        false
    }

    /// Registers an id, reporting a bad or duplicate one. Returns it when usable.
    fn define_id(&mut self, id: Option<&Str>) -> Option<String> {
        let id = id?;
        if !self.check_id_syntax(id) {
            return None;
        }
        let name = id.get_ref().clone();
        if let Some(first) = self.ids.get(&name) {
            let first = self.src.locate(first);
            let d = self.src.error(
                &id.span(),
                format!(
                    "duplicate id `{name}` (first defined at line {})",
                    first.line
                ),
            );
            help(
                d,
                "ids of dimensions, indicators and tiers must be unique across the file",
            );
            return None;
        }
        self.ids.insert(name.clone(), id.span());
        Some(name)
    }

    /// The weights of a group of siblings, from `weight` keys or an AHP block.
    fn group_weights(
        &mut self,
        members: Vec<(Option<&Str>, Option<&Num>, Range<usize>)>,
        ahp_block: Option<&RawAhp>,
        group: &str,
    ) -> Option<(Vec<f64>, Option<AhpSummary>)> {
        if let Some(block) = ahp_block {
            for (_, weight, _) in &members {
                if let Some(w) = weight {
                    let d = self.src.error(
                        &w.span(),
                        format!("{group} get their weights from AHP; remove this `weight`"),
                    );
                    help(
                        d,
                        "give either `weight` on every member or an AHP matrix, not both",
                    );
                }
            }
            let ids: Vec<Option<&str>> = members
                .iter()
                .map(|(id, _, _)| id.map(|s| s.get_ref().as_str()))
                .collect();
            return self
                .ahp_weights(block, &ids, group)
                .map(|(w, a)| (w, Some(a)));
        }
        let mut weights = Vec::with_capacity(members.len());
        for (id, weight, span) in &members {
            match weight {
                Some(w) if *w.get_ref() < 0.0 => {
                    self.src
                        .error(&w.span(), format!("negative weight {}", w.get_ref()));
                    return None;
                }
                Some(w) => weights.push(*w.get_ref()),
                None => {
                    let name = id.map_or("?", |s| s.get_ref().as_str());
                    let d = self.src.error(span, format!("`{name}` has no `weight`"));
                    help(
                        d,
                        format!(
                            "give every one of {group} a `weight`, or give the group an AHP matrix"
                        ),
                    );
                    return None;
                }
            }
        }
        let sum: f64 = weights.iter().sum();
        let first_span = members
            .first()
            .map(|(_, w, s)| w.map_or(s.clone(), |w| w.span()));
        if members.is_empty() {
            return None;
        }
        let span = first_span.unwrap_or(0..0);
        if sum <= 0.0 {
            let d = self
                .src
                .error(&span, format!("the weights of {group} sum to 0"));
            help(d, "at least one member needs a positive weight");
            return None;
        }
        if (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE && (sum - 100.0).abs() > WEIGHT_SUM_TOLERANCE {
            let d = self.src.warning(
                &span,
                format!("the weights of {group} sum to {sum}, neither 1 nor 100"),
            );
            help(
                d,
                "weights are relative, so this works, but sums of 1 or 100 are easier to read",
            );
        }
        Some((weights, None))
    }

    fn ahp_weights(
        &mut self,
        block: &RawAhp,
        members: &[Option<&str>],
        group: &str,
    ) -> Option<(Vec<f64>, AhpSummary)> {
        let positions = self.check_ahp_order(block, members, group)?;
        let matrix = self.check_ahp_matrix(block)?;
        let summary = ahp::analyse(&matrix);
        if summary.cr > ahp::MAX_CR {
            let d = self.src.error(
                &block.matrix_span,
                format!(
                    "the AHP matrix of {group} is inconsistent: CR = {:.4} > 0.10",
                    summary.cr
                ),
            );
            help(
                d,
                format!(
                    "λmax = {:.4}, CI = {:.4}, RI = {:.2}; revise the comparisons that contradict each other",
                    summary.lambda_max, summary.ci, summary.ri
                ),
            );
            return None;
        }
        let weights = positions.iter().map(|&p| summary.weights[p]).collect();
        Some((weights, summary))
    }

    /// For each member, its position in `order`.
    fn check_ahp_order(
        &mut self,
        block: &RawAhp,
        members: &[Option<&str>],
        group: &str,
    ) -> Option<Vec<usize>> {
        let mut ok = true;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (p, id) in block.order.iter().enumerate() {
            let name = id.get_ref().as_str();
            if seen.insert(name, p).is_some() {
                self.src.error(
                    &id.span(),
                    format!("`{name}` appears twice in the AHP order"),
                );
                ok = false;
            } else if !members.contains(&Some(name)) {
                let d = self
                    .src
                    .error(&id.span(), format!("`{name}` is not one of {group}"));
                help(
                    d,
                    format!(
                        "the order lists: {}",
                        members
                            .iter()
                            .flatten()
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                ok = false;
            }
        }
        let mut positions = Vec::with_capacity(members.len());
        for id in members.iter().flatten() {
            match seen.get(id) {
                Some(&p) => positions.push(p),
                None => {
                    self.src
                        .error(&block.span, format!("the AHP order does not list `{id}`"));
                    ok = false;
                }
            }
        }
        (ok && positions.len() == members.len()).then_some(positions)
    }

    fn check_ahp_matrix(&mut self, block: &RawAhp) -> Option<Vec<Vec<f64>>> {
        let n = block.order.len();
        if n > ahp::MAX_SIZE {
            self.src.error(
                &block.span,
                format!("AHP is limited to {} items here, found {n}", ahp::MAX_SIZE),
            );
            return None;
        }
        if block.matrix.len() != n || block.matrix.iter().any(|r| r.get_ref().len() != n) {
            let d = self.src.error(
                &block.matrix_span,
                format!("the AHP matrix must be {n} × {n}, one row and column per `order` entry"),
            );
            help(
                d,
                "a matrix entry that is not a number is left out; fix those first",
            );
            return None;
        }
        let entry = |i: usize, j: usize| &block.matrix[i].get_ref()[j];
        let mut ok = true;
        for i in 0..n {
            for j in 0..n {
                let a = entry(i, j);
                if *a.get_ref() <= 0.0 {
                    self.src.error(
                        &a.span(),
                        format!("AHP entries must be positive, found {}", a.get_ref()),
                    );
                    ok = false;
                } else if i == j && (*a.get_ref() - 1.0).abs() > 1e-6 {
                    self.src.error(&a.span(), "the AHP diagonal must be 1");
                    ok = false;
                } else if j > i && (*entry(j, i).get_ref() - 1.0 / *a.get_ref()).abs() > 1e-6 {
                    let b = entry(j, i);
                    let d = self.src.error(
                        &b.span(),
                        format!(
                            "the AHP matrix is not reciprocal: a[{}][{}] = {} but a[{}][{}] = {}",
                            j + 1,
                            i + 1,
                            b.get_ref(),
                            i + 1,
                            j + 1,
                            a.get_ref()
                        ),
                    );
                    help(
                        d,
                        format!(
                            "a[j][i] must be 1/a[i][j]; write it as the string \"1/{}\"",
                            a.get_ref()
                        ),
                    );
                    ok = false;
                }
            }
        }
        ok.then(|| {
            block
                .matrix
                .iter()
                .map(|r| r.get_ref().iter().map(|v| *v.get_ref()).collect())
                .collect()
        })
    }

    fn check_tiers(&mut self, tiers: Vec<raw::RawTier>, fw: &Framework) -> Vec<Tier> {
        let mut out = Vec::new();
        let mut previous: Option<(f64, String)> = None;
        for t in tiers {
            let id = match &t.id {
                Some(id) if matches!(id.get_ref().as_str(), "none" | "vetoed") => {
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

    fn check_vetoes(&mut self, vetoes: Vec<raw::RawVeto>, fw: &Framework) -> Vec<Veto> {
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
            _ => help(d, format!("known {what}s: {}", known.join(", "))),
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
                    .unwrap_or_else(|| Comparison::Equals(Value::Label(label.clone())))),
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

    fn warn_unused_zero_weights(&mut self, fw: &Framework) {
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

fn text(s: Option<Str>) -> Option<String> {
    s.map(Spanned::into_inner)
}

fn doc_of(raw: RawDoc) -> Doc {
    Doc {
        name: raw.name.map(Spanned::into_inner).unwrap_or_default(),
        name_en: text(raw.name_en),
        description: text(raw.description),
        basis: text(raw.basis),
    }
}
