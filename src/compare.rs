//! Self-declared against assessor-verified evidence (`compare`): per provider
//! the two totals and tiers, the over-claims, the unverified claims and an
//! integrity ratio; per (provider, indicator) every difference, flagged.
//!
//! Pure computation over two [`Evidence`] files scored against one framework;
//! rendering is in [`crate::report::compare`].

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::evidence::Evidence;
use crate::framework::{Framework, Subject};
use crate::rule::{Cell, Range};
use crate::score::{self, ProviderScore, Scores, TOLERANCE};
use crate::tier::Assigned;

/// What a difference between the two files means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Both have a value and the self-declared s exceeds the verified s by more than
    /// the tolerance, or the verified value triggers a veto that the declared one does not.
    Overclaim,
    /// Both have a value and the verified s exceeds the self-declared s by more than the
    /// tolerance, or (for an indicator that only feeds vetoes) the declared value triggers
    /// a veto that the verified one does not.
    Underclaim,
    /// Both have a value; the scores differ by no more than the tolerance.
    WithinTolerance,
    /// A value was declared but the verified file has none (no row, or an empty cell).
    Unverified,
    /// No value was declared (empty, absent or `n/a`) but the verified file has one.
    Unclaimed,
    /// One side says `n/a` and the other does not give a value.
    NotApplicable,
}

impl Flag {
    /// The id printed in CSV and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Flag::Overclaim => "overclaim",
            Flag::Underclaim => "underclaim",
            Flag::WithinTolerance => "within_tolerance",
            Flag::Unverified => "unverified",
            Flag::Unclaimed => "unclaimed",
            Flag::NotApplicable => "not_applicable",
        }
    }
}

/// One (provider, indicator) whose declared and verified cells differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Index into [`Framework::indicators`].
    pub indicator: usize,
    /// The declared cell ([`Cell::Missing`] when absent).
    pub declared: Cell,
    /// The verified cell ([`Cell::Missing`] when absent).
    pub verified: Cell,
    /// s of the declared value (`None` when there is no value).
    pub self_score: Option<f64>,
    /// s of the verified value (`None` when there is no value).
    pub verified_score: Option<f64>,
    /// What the difference means.
    pub flag: Flag,
}

impl Difference {
    /// self s − verified s, when both have a value.
    pub fn difference(&self) -> Option<f64> {
        Some(self.self_score? - self.verified_score?)
    }
}

/// One side's result for a provider.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The total.
    pub total: f64,
    /// The tier.
    pub tier: Assigned,
}

/// One provider's comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderComparison {
    /// Provider id.
    pub provider: String,
    /// Attributes (from the verified file when it has the provider).
    pub attributes: crate::evidence::AttributeMap,
    /// The result on the self-declared file (`None`: not in it).
    pub declared: Option<Outcome>,
    /// The result on the verified file (`None`: not in it).
    pub verified: Option<Outcome>,
    /// Indicators with a value in the self-declared file.
    pub claimed: usize,
    /// Differences flagged [`Flag::Overclaim`].
    pub overclaims: usize,
    /// Differences flagged [`Flag::Unverified`].
    pub unverified: usize,
    /// Every difference, in framework order, when compared with `detail`
    /// (see [`compare`]); empty otherwise.
    pub differences: Vec<Difference>,
}

impl ProviderComparison {
    /// 1 − overclaims / claimed; 1 when nothing is claimed.
    pub fn integrity(&self) -> f64 {
        integrity(self.overclaims, self.claimed)
    }

    /// Whether the verified tier is worse (`Some(true)`) or better than the declared one.
    pub fn tier_dropped(&self, fw: &Framework) -> Option<bool> {
        let (d, v) = (self.declared.as_ref()?, self.verified.as_ref()?);
        let (d, v) = (d.tier.order(fw), v.tier.order(fw));
        (d != v).then_some(v > d)
    }
}

/// 1 − overclaims / claimed; 1 when nothing is claimed (nothing was over-claimed).
pub fn integrity(overclaims: usize, claimed: usize) -> f64 {
    if claimed == 0 {
        1.0
    } else {
        1.0 - overclaims as f64 / claimed as f64
    }
}

/// The two evidence files and their scores.
pub struct Sides<'a> {
    /// Self-declared evidence.
    pub declared: &'a Evidence,
    /// Its scores.
    pub declared_scores: &'a Scores,
    /// Verified evidence.
    pub verified: &'a Evidence,
    /// Its scores.
    pub verified_scores: &'a Scores,
}

/// Compares every provider of either file, sorted by provider id. `tolerance` is in s units.
/// With `detail` every difference is kept; without, only their counts (what the
/// per-provider rows show), so that a large run holds no row per difference.
pub fn compare(
    fw: &Framework,
    sides: &Sides,
    tolerance: f64,
    detail: bool,
) -> Vec<ProviderComparison> {
    // A `relative` indicator scores both values against the verified run's range:
    // the verified file decides, and the two scores are then on one scale.
    let ranges = score::relative_ranges(fw, sides.verified);
    let vetoed = Vetoed::new(fw);
    // Providers are independent: compare them on every core; `collect` keeps the id order.
    paired(sides.declared, sides.verified)
        .into_par_iter()
        .map(|(id, declared, verified)| {
            let declared = declared.map(|p| (sides.declared, p));
            let verified = verified.map(|p| (sides.verified, p));
            let vetoes = VetoSides {
                declared: declared.and_then(|(_, p)| sides.declared_scores.of(p)),
                verified: verified.and_then(|(_, p)| sides.verified_scores.of(p)),
                vetoed: &vetoed,
            };
            let (mut overclaims, mut unverified) = (0, 0);
            let mut differences = Vec::new();
            let found = |d: Difference| {
                overclaims += usize::from(d.flag == Flag::Overclaim);
                unverified += usize::from(d.flag == Flag::Unverified);
                if detail {
                    differences.push(d);
                }
            };
            let pair = (declared, verified);
            each_difference(fw, pair, &ranges, &vetoes, tolerance, found);
            ProviderComparison {
                provider: id.to_string(),
                attributes: verified
                    .or(declared)
                    .map(|(e, p)| e.providers[p].attributes.clone())
                    .unwrap_or_default(),
                declared: vetoes.declared.map(outcome),
                verified: vetoes.verified.map(outcome),
                // Counted in the store, without decoding a row of cells per provider.
                claimed: declared.map_or(0, |(e, p)| {
                    (0..fw.indicators.len())
                        .filter(|&k| e.has_value(p, k))
                        .count()
                }),
                overclaims,
                unverified,
                differences,
            }
        })
        .collect()
}

/// Every provider of either file, sorted by id, with its positions in the
/// declared and in the verified file. Files that list the same providers in
/// the same order pair by position; otherwise each verified provider is looked
/// up once in the declared file's id index, and the declared file's own
/// providers only when some of them were not matched.
fn paired<'e>(
    declared: &'e Evidence,
    verified: &'e Evidence,
) -> Vec<(&'e str, Option<usize>, Option<usize>)> {
    let by_position = declared.same_providers(verified);
    let mut out: Vec<_> = (verified.providers.iter().enumerate())
        .map(|(v, p)| {
            let d = if by_position {
                Some(v)
            } else {
                declared.position(&p.id)
            };
            (p.id.as_str(), d, Some(v))
        })
        .collect();
    // Ids are unique in a file, so every declared provider is matched at most once.
    if out.iter().filter(|(_, d, _)| d.is_some()).count() < declared.providers.len() {
        let unmatched = (declared.providers.iter().enumerate())
            .filter(|(_, p)| verified.position(&p.id).is_none())
            .map(|(d, p)| (p.id.as_str(), Some(d), None));
        out.extend(unmatched);
    }
    out.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    out
}

/// Warnings for providers in only one of the two files, by id: a provider the
/// verified file lacks has every claim unverified; one the declared file lacks
/// is compared with no claims. (Part of loading, so `--strict` refuses them.)
pub fn one_sided(declared: &Evidence, verified: &Evidence) -> Vec<Diagnostic> {
    if declared.same_providers(verified) {
        return Vec::new();
    }
    let unverified = only_in(declared, verified).map(|id| (id, true));
    let unclaimed = only_in(verified, declared).map(|id| (id, false));
    let mut one_sided: Vec<(&str, bool)> = unverified.chain(unclaimed).collect();
    one_sided.sort_unstable();
    one_sided
        .into_iter()
        .map(|(id, unverified)| match unverified {
            true => Diagnostic::warning(
                &verified.file,
                None,
                format!("provider `{id}` is not in this file: every claim counts as unverified"),
            ),
            false => Diagnostic::warning(
                &declared.file,
                None,
                format!("provider `{id}` is not in this file: compared with no claims"),
            ),
        })
        .collect()
}

/// The ids of `a`'s providers that `b` does not have, in `a`'s order (O(1) a lookup).
fn only_in<'e>(a: &'e Evidence, b: &'e Evidence) -> impl Iterator<Item = &'e str> {
    a.providers
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| b.position(id).is_none())
}

fn outcome(p: &ProviderScore) -> Outcome {
    Outcome {
        total: p.total,
        tier: p.tier.assigned,
    }
}

/// Per indicator, whether some veto is on it, worked out once per run: the
/// vetoes of the scored providers are only looked at for those.
struct Vetoed(Vec<bool>);

impl Vetoed {
    fn new(fw: &Framework) -> Self {
        let on = |k| {
            fw.vetoes
                .iter()
                .any(|v| v.condition.subject == Subject::Indicator(k))
        };
        Vetoed((0..fw.indicators.len()).map(on).collect())
    }
}

/// The scored provider on each side, for their triggered vetoes.
struct VetoSides<'s> {
    declared: Option<&'s ProviderScore>,
    verified: Option<&'s ProviderScore>,
    vetoed: &'s Vetoed,
}

impl VetoSides<'_> {
    /// How the vetoes on indicator `k` differ between the two sides.
    fn shift(&self, fw: &Framework, k: usize) -> VetoShift {
        let (Some(d), Some(v), true) = (self.declared, self.verified, self.vetoed.0[k]) else {
            return VetoShift::Same;
        };
        let on_k = |i: &usize| fw.vetoes[*i].indicator_id(fw) == fw.indicators[k].id;
        let only = |a: &ProviderScore, b: &ProviderScore| {
            a.tier
                .vetoes
                .iter()
                .any(|i| on_k(i) && !b.tier.vetoes.contains(i))
        };
        if only(v, d) {
            VetoShift::Hidden
        } else if only(d, v) {
            VetoShift::Revealed
        } else {
            VetoShift::Same
        }
    }
}

/// Whether the declared value of an indicator hides or reveals a veto.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VetoShift {
    /// The same vetoes trigger on both sides.
    Same,
    /// The verified value triggers a veto that the declared one does not.
    Hidden,
    /// The declared value triggers a veto that the verified one does not.
    Revealed,
}

/// One provider in one evidence file.
type Side<'e> = Option<(&'e Evidence, usize)>;

/// Hands every difference between the two sides of one provider to `found`,
/// in framework order.
fn each_difference(
    fw: &Framework,
    (declared, verified): (Side, Side),
    ranges: &[Option<Range>],
    vetoes: &VetoSides,
    tolerance: f64,
    mut found: impl FnMut(Difference),
) {
    let cell = |side: Side, k: usize| side.map_or(Cell::Missing, |(e, p)| e.cell(p, k));
    // Most cells of the two files are the same: tell those from the packed
    // cells, without decoding either.
    let surely_same = |k: usize| match (declared, verified) {
        (Some((d, p)), Some((v, q))) => d.surely_same_cell(p, v, q, k),
        _ => false,
    };
    for (k, ind) in fw.indicators.iter().enumerate() {
        if surely_same(k) {
            continue;
        }
        let (d, v) = (cell(declared, k), cell(verified, k));
        let (dc, vc) = (&d, &v);
        if dc == vc {
            continue;
        }
        let s = |c: &Cell| score::value_score(fw, k, c, ranges);
        let (self_score, verified_score) = (s(dc), s(vc));
        let flag = match (dc, vc) {
            (Cell::Value(_), Cell::Value(_)) => {
                // A weight-0 veto flag's s says nothing about merit (declaring 否 for a
                // blacklist flag scores 0): only its vetoes count.
                let veto_only = ind.weight == 0.0 && vetoes.vetoed.0[k];
                let diff = self_score.zip(verified_score).map(|(a, b)| a - b);
                classify(diff.filter(|_| !veto_only), tolerance, vetoes.shift(fw, k))
            }
            (Cell::Value(_), Cell::Missing) => Flag::Unverified,
            (_, Cell::Value(_)) => Flag::Unclaimed,
            _ => Flag::NotApplicable,
        };
        found(Difference {
            indicator: k,
            declared: d,
            verified: v,
            self_score,
            verified_score,
            flag,
        });
    }
}

/// The flag of two values: an over-claim when the declared value hides a veto or
/// its s exceeds the verified s (`diff` = self − verified) by more than the tolerance;
/// `diff` is `None` for an indicator that only feeds vetoes.
pub fn classify(diff: Option<f64>, tolerance: f64, veto: VetoShift) -> Flag {
    match (veto, diff) {
        (VetoShift::Hidden, _) => Flag::Overclaim,
        (_, Some(d)) if d > tolerance + TOLERANCE => Flag::Overclaim,
        (_, Some(d)) if -d > tolerance + TOLERANCE => Flag::Underclaim,
        (VetoShift::Revealed, None) => Flag::Underclaim,
        _ => Flag::WithinTolerance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(csv: &str) -> Evidence {
        let fw = crate::framework::fixture::mini();
        crate::evidence::parse("e.csv", csv, &fw).unwrap().0
    }

    #[test]
    fn providers_pair_by_position_or_by_id_alike() {
        let verified = evidence("provider,staff\nb,1\na,2\nc,3\n");
        // The same providers in the same order pair by position.
        let copy = evidence("provider,staff\nb,5\na,6\nc,7\n");
        assert!(copy.same_providers(&verified));
        let want = vec![
            ("a", Some(1), Some(1)),
            ("b", Some(0), Some(0)),
            ("c", Some(2), Some(2)),
        ];
        assert_eq!(paired(&copy, &verified), want);
        assert!(one_sided(&copy, &verified).is_empty());
        // Reordered, with one provider only declared and one only verified: by id.
        let declared = evidence("provider,staff\nd,1\nc,2\nb,3\n");
        assert!(!declared.same_providers(&verified));
        let want = vec![
            ("a", None, Some(1)),
            ("b", Some(2), Some(0)),
            ("c", Some(1), Some(2)),
            ("d", Some(0), None),
        ];
        assert_eq!(paired(&declared, &verified), want);
        assert_eq!(one_sided(&declared, &verified).len(), 2);
    }

    #[test]
    fn integrity_is_one_minus_overclaims_over_claims() {
        let cases = [
            (0, 0, 1.0),
            (0, 5, 1.0),
            (1, 4, 0.75),
            (2, 3, 1.0 / 3.0),
            (3, 3, 0.0),
        ];
        for (over, claimed, want) in cases {
            let got = integrity(over, claimed);
            assert!((got - want).abs() < 1e-12, "{over}/{claimed}: {got}");
        }
    }

    #[test]
    fn classify_uses_the_tolerance_in_s_units_and_vetoes() {
        use VetoShift::*;
        let cases = [
            (Some(0.25), 0.0, Same, Flag::Overclaim),
            (Some(0.25), 0.25, Same, Flag::WithinTolerance),
            (Some(0.25), 0.2, Same, Flag::Overclaim),
            (Some(-0.25), 0.0, Same, Flag::Underclaim),
            (Some(-0.25), 0.3, Same, Flag::WithinTolerance),
            (Some(0.0), 0.0, Same, Flag::WithinTolerance),
            // A weighted indicator that also hides a veto is an over-claim whatever its s.
            (Some(-0.5), 0.0, Hidden, Flag::Overclaim),
            // Veto-only flags (diff None): declared 否, verified 是 hides the veto …
            (None, 0.0, Hidden, Flag::Overclaim),
            // … declared 是, verified 否 reveals one that is not there.
            (None, 0.0, Revealed, Flag::Underclaim),
            (None, 0.0, Same, Flag::WithinTolerance),
        ];
        for (diff, tol, veto, want) in cases {
            assert_eq!(classify(diff, tol, veto), want, "{diff:?} {tol} {veto:?}");
        }
    }
}
