//! Weight checks: `weight` keys or an AHP matrix per group of siblings.

use std::collections::HashMap;
use std::ops::Range;

use super::AhpSummary;
use super::ahp;
use super::checker::Checker;
use super::raw::RawAhp;
use super::toml_reader::{Num, Str, help};

/// Weights closer than this to 1 or 100 do not earn a warning.
const WEIGHT_SUM_TOLERANCE: f64 = 1e-9;

/// One member of a weighted group, as the group check needs it.
pub(super) struct Member<'r> {
    /// Its id.
    pub id: Option<&'r Str>,
    /// Its `weight`, when given and a number.
    pub weight: Option<&'r Num>,
    /// True when a `weight` key is present (even with a wrong type).
    pub weight_given: bool,
    /// The member's table, for "has no weight".
    pub span: Range<usize>,
}

impl Checker<'_, '_> {
    /// The weights of a group of siblings, from `weight` keys or an AHP block.
    pub(super) fn group_weights(
        &mut self,
        members: Vec<Member>,
        ahp_block: Option<&RawAhp>,
        group: &str,
    ) -> Option<(Vec<f64>, Option<AhpSummary>)> {
        if let Some(block) = ahp_block {
            for m in &members {
                if let Some(w) = m.weight {
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
                .map(|m| m.id.map(|s| s.get_ref().as_str()))
                .collect();
            return self
                .ahp_weights(block, &ids, group)
                .map(|(w, a)| (w, Some(a)));
        }
        let mut weights = Vec::with_capacity(members.len());
        let mut ok = true;
        for m in &members {
            match m.weight {
                Some(w) if *w.get_ref() < 0.0 => {
                    self.src
                        .error(&w.span(), format!("negative weight {}", w.get_ref()));
                    ok = false;
                }
                Some(w) => weights.push(*w.get_ref()),
                // A `weight` of the wrong type was reported where it was read.
                None if m.weight_given => ok = false,
                None => {
                    let name = m.id.map_or("?", |s| s.get_ref().as_str());
                    let d = self.src.error(&m.span, format!("`{name}` has no `weight`"));
                    help(
                        d,
                        format!(
                            "give every one of {group} a `weight`, or give the group an AHP matrix"
                        ),
                    );
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        let sum: f64 = weights.iter().sum();
        let first_span = members
            .first()
            .map(|m| m.weight.map_or(m.span.clone(), |w| w.span()));
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
        // Before the order check, whose cost grows with order × members.
        if block.order.len() > ahp::MAX_SIZE {
            self.src.error(
                &block.span,
                format!(
                    "AHP is limited to {} items here, found {}",
                    ahp::MAX_SIZE,
                    block.order.len()
                ),
            );
            return None;
        }
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
}
