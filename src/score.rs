//! Scoring: framework + evidence → dimension scores, totals and ranks.
//!
//! Pure arithmetic, no I/O. Tiers and vetoes are decided in [`crate::tier`].
//! A run keeps one small summary per provider; the per-indicator details that
//! `--detail`, `explain` and `gap` show are recomputed on demand by
//! [`indicator_scores`], so scoring a large registry stays light.

use crate::diag::{Diagnostic, Location};
use crate::evidence::Evidence;
use crate::framework::{Framework, MissingPolicy};
use crate::rule::{Cell, Range, Rule, Value};
use crate::tier::{self, TierOutcome};

/// Decisions compare unrounded values with this tolerance.
pub const TOLERANCE: f64 = 1e-9;

/// How one indicator came out for one provider.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// What the provider declared ([`Cell::Missing`] when nothing).
    pub cell: Cell,
    /// The evidence `source` of the value, if given.
    pub source: Option<String>,
    /// s ∈ [0, 1]; `None` when left out (not applicable, or missing under `exclude`).
    pub score: Option<f64>,
    /// True when no value was given.
    pub missing: bool,
    /// Share of the dimension score after renormalisation (0 when left out).
    pub share_of_dimension: f64,
}

impl IndicatorScore {
    /// The parsed cell.
    pub fn cell(&self) -> &Cell {
        &self.cell
    }

    /// The value, when one was given.
    pub fn value(&self) -> Option<&Value> {
        match &self.cell {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }

    /// True when marked not applicable.
    pub fn not_applicable(&self) -> bool {
        matches!(self.cell, Cell::NotApplicable)
    }
}

/// One provider's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderScore {
    /// Index of the provider in [`Evidence::providers`].
    pub index: usize,
    /// Provider id.
    pub provider: String,
    /// Attributes (`name`, `region`, …).
    pub attributes: indexmap::IndexMap<String, String>,
    /// Competition rank by total (1, 2, 2, 4).
    pub rank: usize,
    /// Total T ∈ [0, 100].
    pub total: f64,
    /// D per dimension in framework order; `None` when the dimension was left out.
    pub dimensions: Vec<Option<f64>>,
    /// Share of the total per dimension after renormalisation (0 when left out).
    pub dimension_shares: Vec<f64>,
    /// Number of missing values.
    pub missing: usize,
    /// The tier decision.
    pub tier: TierOutcome,
}

impl ProviderScore {
    /// Ids of the indicators whose veto triggered.
    pub fn vetoed_by<'f>(&self, fw: &'f Framework) -> Vec<&'f str> {
        self.tier
            .vetoes
            .iter()
            .map(|&v| fw.vetoes[v].indicator_id(fw))
            .collect()
    }
}

/// The result of a run: providers sorted by rank, then id.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Providers in output order.
    pub providers: Vec<ProviderScore>,
    /// Min and max of each `relative` indicator in this run.
    pub ranges: Vec<Option<Range>>,
}

/// Scores every provider. Errors: missing values under `missing = "error"`, and
/// providers with nothing to score.
pub fn score(fw: &Framework, evidence: &Evidence) -> Result<Scores, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if fw.missing == MissingPolicy::Error {
        errors.extend(missing_value_errors(fw, evidence));
    }
    let ranges = relative_ranges(fw, evidence);
    let mut providers = Vec::with_capacity(evidence.providers.len());
    for (index, p) in evidence.providers.iter().enumerate() {
        match score_provider(fw, evidence.cells(index), &ranges) {
            Some(mut s) => {
                s.index = index;
                s.provider = p.id.clone();
                s.attributes = p.attributes.clone();
                providers.push(s);
            }
            None => errors.push(
                Diagnostic::error(&evidence.file, Some(Location { line: p.line, col: 1 }), format!("provider `{}` has nothing to score: every weighted indicator is missing or not applicable", p.id))
                    .with_help("give at least one value, or remove the provider"),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    rank(&mut providers);
    Ok(Scores { providers, ranges })
}

fn missing_value_errors(fw: &Framework, evidence: &Evidence) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (p, provider) in evidence.providers.iter().enumerate() {
        for (k, cell) in evidence.cells(p).iter().enumerate() {
            if *cell == Cell::Missing {
                let location = evidence.location(p, k).unwrap_or(Location {
                    line: provider.line,
                    col: 1,
                });
                errors.push(
                    Diagnostic::error(&evidence.file, Some(location), format!("missing value for provider `{}`, indicator `{}`", provider.id, fw.indicators[k].id))
                        .with_help("this framework has `missing = \"error\"`: give a value, or `n/a` when it does not apply"),
                );
            }
        }
    }
    errors
}

/// Warnings for the checks that could not be made: a veto whose flag is missing
/// or `n/a` for some providers (neither ever triggers a veto), and a tier
/// condition skipped because its indicator was marked `n/a`. The assessor must
/// know who was not checked, so providers are named (the first ten by id).
pub fn unchecked_vetoes(fw: &Framework, evidence: &Evidence) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let vetoes = fw.vetoes.iter().map(|v| &v.condition);
    for condition in vetoes {
        let crate::framework::Subject::Indicator(k) = condition.subject else {
            continue;
        };
        if seen.insert(k) {
            let unchecked = providers_where(evidence, k, |c| {
                *c != Cell::Missing && *c != Cell::NotApplicable
            });
            let id = &fw.indicators[k].id;
            warnings.extend(named_warning(
                evidence,
                &unchecked,
                format!("veto indicator `{id}` has no value for"),
                format!("give `{id}` for every provider (false when it does not apply)"),
            ));
        }
    }
    let gates = fw.tiers.iter().flat_map(|t| &t.require);
    for condition in gates {
        let crate::framework::Subject::Indicator(k) = condition.subject else {
            continue;
        };
        if seen.insert(k) {
            let skipped = providers_where(evidence, k, |c| *c != Cell::NotApplicable);
            let id = &fw.indicators[k].id;
            warnings.extend(named_warning(
                evidence,
                &skipped,
                format!("tier condition on `{id}` skipped (marked n/a) for"),
                format!("check that `{id}` really does not apply to them"),
            ));
        }
    }
    warnings
}

/// Ids of the providers whose cell for indicator `k` fails `ok`, sorted.
fn providers_where(evidence: &Evidence, k: usize, ok: impl Fn(&Cell) -> bool) -> Vec<&str> {
    let mut ids: Vec<&str> = (0..evidence.providers.len())
        .filter(|&p| !ok(evidence.cell(p, k)))
        .map(|p| evidence.providers[p].id.as_str())
        .collect();
    ids.sort_unstable();
    ids
}

fn named_warning(
    evidence: &Evidence,
    ids: &[&str],
    what: String,
    help: String,
) -> Option<Diagnostic> {
    if ids.is_empty() {
        return None;
    }
    let mut list = ids[..ids.len().min(10)].join(", ");
    if ids.len() > 10 {
        list.push_str(&format!(" and {} more", ids.len() - 10));
    }
    let message = format!(
        "{what} {} provider(s), who were not checked: {list}",
        ids.len()
    );
    Some(Diagnostic::warning(&evidence.file, None, message).with_help(help))
}

/// Min and max of every `relative` indicator over the providers with a value.
pub fn relative_ranges(fw: &Framework, evidence: &Evidence) -> Vec<Option<Range>> {
    fw.indicators
        .iter()
        .enumerate()
        .map(|(k, ind)| {
            if !matches!(ind.rule, Rule::Relative { .. }) {
                return None;
            }
            (0..evidence.providers.len())
                .filter_map(|p| match evidence.cell(p, k) {
                    Cell::Value(Value::Number(v)) => Some(*v),
                    _ => None,
                })
                .fold(None, |acc: Option<Range>, v| {
                    Some(match acc {
                        None => Range { min: v, max: v },
                        Some(r) => Range {
                            min: r.min.min(v),
                            max: r.max.max(v),
                        },
                    })
                })
        })
        .collect()
}

/// s of one cell: `None` when it is left out of its dimension.
fn cell_score(fw: &Framework, k: usize, cell: &Cell, ranges: &[Option<Range>]) -> Option<f64> {
    match cell {
        Cell::Value(v) => Some(fw.indicators[k].rule.score(v, ranges[k])),
        Cell::NotApplicable => None,
        Cell::Missing => (fw.missing != MissingPolicy::Exclude).then_some(0.0),
    }
}

/// Scores one provider's cells (index, id, attributes and rank are filled in
/// by the caller). `None` when nothing weighted is present.
pub fn score_provider(
    fw: &Framework,
    cells: &[Cell],
    ranges: &[Option<Range>],
) -> Option<ProviderScore> {
    let mut dimensions = Vec::with_capacity(fw.dimensions.len());
    for d in &fw.dimensions {
        let (mut sum, mut weights) = (0.0, 0.0);
        for k in d.indicators.clone() {
            if let Some(s) = cell_score(fw, k, &cells[k], ranges) {
                sum += fw.indicators[k].weight * s;
                weights += fw.indicators[k].weight;
            }
        }
        dimensions.push((weights > 0.0).then(|| (100.0 * sum / weights).clamp(0.0, 100.0)));
    }
    let weight_sum: f64 = fw
        .dimensions
        .iter()
        .zip(&dimensions)
        .filter(|(_, s)| s.is_some())
        .map(|(d, _)| d.weight)
        .sum();
    if weight_sum <= 0.0 {
        return None;
    }
    let dimension_shares: Vec<f64> = fw
        .dimensions
        .iter()
        .zip(&dimensions)
        .map(|(d, s)| {
            if s.is_some() {
                d.weight / weight_sum
            } else {
                0.0
            }
        })
        .collect();
    let total = dimensions
        .iter()
        .zip(&dimension_shares)
        .filter_map(|(s, w)| s.map(|s| s * w))
        .sum::<f64>()
        .clamp(0.0, 100.0);
    let mut result = ProviderScore {
        index: 0,
        provider: String::new(),
        attributes: Default::default(),
        rank: 0,
        total,
        dimensions,
        dimension_shares,
        missing: cells.iter().filter(|c| **c == Cell::Missing).count(),
        tier: TierOutcome::default(),
    };
    result.tier = tier::decide(fw, &result, cells);
    Some(result)
}

/// Every indicator's score, share and evidence for one provider of a run.
pub fn indicator_scores(
    fw: &Framework,
    evidence: &Evidence,
    ranges: &[Option<Range>],
    p: &ProviderScore,
) -> Vec<IndicatorScore> {
    let cells = evidence.cells(p.index);
    let mut out: Vec<IndicatorScore> = cells
        .iter()
        .enumerate()
        .map(|(k, cell)| IndicatorScore {
            cell: cell.clone(),
            source: evidence.source(p.index, k).map(str::to_string),
            score: cell_score(fw, k, cell, ranges),
            missing: *cell == Cell::Missing,
            share_of_dimension: 0.0,
        })
        .collect();
    for d in &fw.dimensions {
        let group = &mut out[d.indicators.clone()];
        let weights: f64 = group
            .iter()
            .zip(&fw.indicators[d.indicators.clone()])
            .filter(|(s, _)| s.score.is_some())
            .map(|(_, i)| i.weight)
            .sum();
        for (s, ind) in group.iter_mut().zip(&fw.indicators[d.indicators.clone()]) {
            if s.score.is_some() && weights > 0.0 {
                s.share_of_dimension = ind.weight / weights;
            }
        }
    }
    out
}

/// Sorts by total descending, then id, and assigns competition ranks.
/// Totals within [`TOLERANCE`] are ties; quantising first keeps the order total.
pub fn rank(providers: &mut [ProviderScore]) {
    let key = |p: &ProviderScore| (p.total / TOLERANCE).round() as i64;
    // Sort small (key, index) pairs rather than moving whole results around.
    let mut order: Vec<(i64, usize)> = providers
        .iter()
        .enumerate()
        .map(|(i, p)| (key(p), i))
        .collect();
    order.sort_unstable_by(|(ka, a), (kb, b)| {
        kb.cmp(ka)
            .then_with(|| providers[*a].provider.cmp(&providers[*b].provider))
    });
    permute(providers, order.iter().map(|&(_, i)| i).collect());
    let mut previous: Option<(i64, usize)> = None;
    for (i, (p, &(k, _))) in providers.iter_mut().zip(&order).enumerate() {
        p.rank = match previous {
            Some((pk, r)) if pk == k => r,
            _ => i + 1,
        };
        previous = Some((k, p.rank));
    }
}

/// Reorders `items` in place so that position i holds the item that was at
/// `order[i]` (following each cycle with swaps, so no second copy is needed).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        while order[current] != start {
            let next = order[current];
            items.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence;
    use crate::framework::load_str;

    /// Two dimensions (weights 3:1); `a` (weight 1) and `b` (weight 3) in the first.
    fn framework(missing: &str) -> Framework {
        let text = format!(
            r#"schema = 1
[framework]
id = "t"
name = "t"
version = "1"
missing = "{missing}"
[[dimension]]
id = "d1"
name = "d1"
weight = 3
[[dimension.indicator]]
id = "a"
name = "a"
weight = 1
score = {{ kind = "linear", floor = 0, target = 100 }}
[[dimension.indicator]]
id = "b"
name = "b"
weight = 3
score = {{ kind = "linear", floor = 0, target = 100 }}
[[dimension]]
id = "d2"
name = "d2"
weight = 1
[[dimension.indicator]]
id = "c"
name = "c"
weight = 1
score = {{ kind = "boolean" }}
[[tier]]
id = "top"
name = "top"
min_total = 50
[[tier.require]]
indicator = "a"
at_most = 90
[[veto]]
indicator = "c"
equals = false
"#
        );
        load_str("t.toml", &text)
            .map_err(|d| format!("{d:?}"))
            .unwrap()
            .framework
    }

    fn run(missing: &str, a: &str, b: &str, c: &str) -> Result<ProviderScore, Vec<Diagnostic>> {
        let fw = framework(missing);
        let csv = format!("provider,a,b,c\np,{a},{b},{c}\n");
        let (e, _) = evidence::parse("e.csv", &csv, &fw)?;
        score(&fw, &e).map(|s| s.providers[0].clone())
    }

    #[test]
    fn aggregation_under_each_missing_policy() {
        // (policy, a, b, c, total, d1, d2, missing)
        type Case<'a> = (
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            f64,
            Option<f64>,
            Option<f64>,
            usize,
        );
        let cases: &[Case] = &[
            // d1 = 100×(1×0.4 + 3×0.8)/4 = 70; d2 = 100; T = (3×70 + 100)/4 = 77.5
            ("zero", "40", "80", "yes", 77.5, Some(70.0), Some(100.0), 0),
            // a missing → 0: d1 = 100×(3×0.8)/4 = 60; T = (180 + 100)/4 = 70
            ("zero", "", "80", "yes", 70.0, Some(60.0), Some(100.0), 1),
            // a missing, left out: d1 = 80; T = (240 + 100)/4 = 85
            ("exclude", "", "80", "yes", 85.0, Some(80.0), Some(100.0), 1),
            // c missing, d2 dropped: T = d1 = 70
            ("exclude", "40", "80", "", 70.0, Some(70.0), None, 1),
            // a not applicable under zero: left out like exclude → d1 = 80, T = 85, not missing
            ("zero", "n/a", "80", "yes", 85.0, Some(80.0), Some(100.0), 0),
            // c not applicable: d2 left out of the total
            ("zero", "40", "80", "n/a", 70.0, Some(70.0), None, 0),
        ];
        for &(policy, a, b, c, total, d1, d2, missing) in cases {
            let p = run(policy, a, b, c).unwrap();
            assert!(
                (p.total - total).abs() < 1e-9,
                "{policy} {a},{b},{c}: total {}",
                p.total
            );
            let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
                (Some(x), Some(y)) => (x - y).abs() < 1e-9,
                (x, y) => x == y,
            };
            assert!(
                close(p.dimensions[0], d1) && close(p.dimensions[1], d2),
                "{policy} {a},{b},{c}: {:?}",
                p.dimensions
            );
            assert_eq!(p.missing, missing, "{policy} {a},{b},{c}");
        }
    }

    #[test]
    fn error_policy_and_nothing_to_score() {
        let errors = run("error", "", "80", "yes").unwrap_err();
        assert_eq!(
            errors[0].message,
            "missing value for provider `p`, indicator `a`"
        );
        let errors = run("exclude", "", "", "").unwrap_err();
        assert!(
            errors[0]
                .message
                .starts_with("provider `p` has nothing to score")
        );
    }

    #[test]
    fn tiers_and_vetoes() {
        use crate::tier::Assigned;
        // (a, b, c, tier): top needs T ≥ 50 and a ≤ 90; c = false vetoes; a missing fails `at_most`.
        let cases = [
            ("40", "80", "yes", Assigned::Tier(0)),
            ("90", "80", "yes", Assigned::Tier(0)),
            ("90.5", "80", "yes", Assigned::None),
            ("", "100", "yes", Assigned::None),
            ("n/a", "100", "yes", Assigned::Tier(0)),
            ("40", "80", "no", Assigned::Vetoed),
            // a missing veto input never vetoes: c scores 0, T = (3×70 + 0)/4 = 52.5 ≥ 50
            ("40", "80", "", Assigned::Tier(0)),
            // T = (3×0 + 100)/4 = 25 < 50
            ("0", "0", "yes", Assigned::None),
        ];
        for (a, b, c, want) in cases {
            assert_eq!(
                run("zero", a, b, c).unwrap().tier.assigned,
                want,
                "{a},{b},{c}"
            );
        }
    }

    #[test]
    fn permutes_in_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut items, vec![3, 0, 4, 1, 2]);
        assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c']);
    }

    #[test]
    fn a_blank_dimension_does_not_pass_min_each_dimension() {
        use crate::tier::Assigned;
        let text = "schema = 1\n[framework]\nid = \"t\"\nname = \"t\"\nversion = \"1\"\nmissing = \"exclude\"\n\
            [[dimension]]\nid = \"a\"\nname = \"a\"\nweight = 1\n[[dimension.indicator]]\nid = \"i1\"\nname = \"i1\"\nweight = 1\nscore = { kind = \"linear\", floor = 0, target = 10 }\n\
            [[dimension]]\nid = \"b\"\nname = \"b\"\nweight = 1\n[[dimension.indicator]]\nid = \"i2\"\nname = \"i2\"\nweight = 1\nscore = { kind = \"linear\", floor = 0, target = 10 }\n\
            [[tier]]\nid = \"t\"\nname = \"t\"\nmin_total = 50\nmin_each_dimension = 60\n";
        let fw = load_str("t.toml", text)
            .map_err(|d| format!("{d:?}"))
            .unwrap()
            .framework;
        let tier_of = |csv: &str| {
            let (e, _) = evidence::parse("e.csv", csv, &fw).unwrap();
            score(&fw, &e).unwrap().providers[0].tier.assigned
        };
        // i2 blank: b is left out of the total (T = 100) but its floor fails.
        assert_eq!(tier_of("provider,i1,i2\np,10,\n"), Assigned::None);
        // i2 not applicable: b does not apply, so its floor is skipped.
        assert_eq!(tier_of("provider,i1,i2\np,10,n/a\n"), Assigned::Tier(0));
    }

    #[test]
    fn competition_ranks_with_ties_and_id_order() {
        let mk = |id: &str, total: f64| ProviderScore {
            index: 0,
            provider: id.into(),
            attributes: Default::default(),
            rank: 0,
            total,
            dimensions: vec![],
            dimension_shares: vec![],
            missing: 0,
            tier: TierOutcome::default(),
        };
        let mut ps = vec![
            mk("d", 50.0),
            mk("b", 80.0),
            mk("c", 80.0 + 1e-12),
            mk("a", 90.0),
        ];
        rank(&mut ps);
        let got: Vec<(&str, usize)> = ps.iter().map(|p| (p.provider.as_str(), p.rank)).collect();
        assert_eq!(got, [("a", 1), ("b", 2), ("c", 2), ("d", 4)]);
    }
}
