//! Hand-computed gaps for small frameworks.

use super::*;
use crate::evidence;
use crate::framework::{fixture, load_str};
use crate::score;

const FIXTURE: &str = include_str!("../../tests/fixtures/gap/gap.toml");
const EVIDENCE: &str = include_str!("../../tests/fixtures/gap/evidence.csv");

struct Fixture {
    fw: Framework,
    evidence: Evidence,
    scores: Scores,
}

impl Fixture {
    fn run(&self) -> Run<'_> {
        Run::new(&self.fw, &self.evidence, &self.scores)
    }
}

fn scored(toml: &str, csv: &str) -> Fixture {
    let fw = load_str("f.toml", toml).map(|l| l.framework).unwrap();
    let (evidence, _) = evidence::parse("e.csv", csv, &fw).unwrap();
    let scores = score::score(&fw, &evidence).unwrap();
    Fixture {
        fw,
        evidence,
        scores,
    }
}

fn gap_of(f: &Fixture, id: &str) -> Gap {
    let i = f
        .scores
        .providers
        .iter()
        .position(|p| p.provider == id)
        .unwrap();
    gap(&f.run(), i, None)
}

/// (indicator id, points_available, value_needed) of every opportunity, in order.
fn summary(fw: &Framework, g: &Gap) -> Vec<(String, f64, Option<Value>)> {
    g.opportunities
        .iter()
        .map(|o| {
            let id = fw.indicators[o.indicator].id.clone();
            (id, o.points_available, o.value_needed.clone())
        })
        .collect()
}

fn num(v: f64) -> Option<Value> {
    Some(Value::Number(v))
}

/// Recomputed totals are the scored ones exactly; and the per-dimension
/// recomputation gives the very totals of the whole aggregate (bit for bit),
/// for every indicator of every provider at s = 0, 0.37 and 1.
#[test]
fn recomputed_totals_equal_the_scored_ones_exactly() {
    let f = scored(FIXTURE, EVIDENCE);
    let fw = &f.fw;
    for p in &f.scores.providers {
        let details = score::indicator_scores(fw, &f.evidence, &f.scores.ranges, p);
        let s: Vec<Option<f64>> = details.iter().map(|i| i.score).collect();
        assert_eq!(total_with(fw, &s, None), p.total, "{}", p.provider);
        // The scores gap works from are those of the details.
        let cells = f.evidence.cells(p.index);
        let fast: Vec<Option<f64>> = score::cell_scores(fw, &cells, &f.scores.ranges).collect();
        assert_eq!(fast, s, "{}", p.provider);
        let weights = opportunity::Weights::new(fw);
        let totals = opportunity::Totals::new(fw, &weights, s.clone());
        assert_eq!(totals.with(&weights, None).to_bits(), p.total.to_bits());
        for k in 0..fw.indicators.len() {
            for v in [0.0, 0.37, 1.0] {
                let whole = total_with(fw, &s, Some((k, v)));
                let one = totals.with(&weights, Some((k, v)));
                assert_eq!(one.to_bits(), whole.to_bits(), "{} {k} {v}", p.provider);
            }
        }
    }
}

/// The totals from kept sums are the aggregate's bit for bit for any scores:
/// indicators left out (up to whole dimensions, so that a change brings one
/// back into the weights, and every one), and s anywhere in [0, 1].
#[test]
fn kept_sums_totals_equal_the_aggregate_for_any_scores() {
    let f = scored(FIXTURE, EVIDENCE);
    let fw = &f.fw;
    let weights = opportunity::Weights::new(fw);
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for round in 0..2000 {
        // The share left out: 0, ¼, ½, ¾ or all.
        let left_out = f64::from(round % 5) / 4.0;
        let s: Vec<Option<f64>> = (0..fw.indicators.len())
            .map(|_| (random() >= left_out).then(&mut random))
            .collect();
        let totals = opportunity::Totals::new(fw, &weights, s.clone());
        let base = totals.with(&weights, None);
        assert_eq!(base.to_bits(), total_with(fw, &s, None).to_bits(), "{s:?}");
        for k in 0..fw.indicators.len() {
            for v in [0.0, random(), 1.0] {
                let whole = total_with(fw, &s, Some((k, v)));
                let kept = totals.with(&weights, Some((k, v)));
                assert_eq!(kept.to_bits(), whole.to_bits(), "{s:?} {k} {v}");
            }
        }
        // Dimension by dimension, every other indicator at s = 1: the same.
        let mut seen = Vec::new();
        totals.each_at_one(
            fw,
            &weights,
            |k| (k % 2 == 0) == (round % 2 == 0),
            |k, top| {
                let whole = total_with(fw, &s, Some((k, 1.0)));
                assert_eq!(top.to_bits(), whole.to_bits(), "{s:?} {k}");
                seen.push(k);
            },
        );
        let wanted: Vec<usize> = (0..fw.indicators.len())
            .filter(|k| (k % 2 == 0) == (round % 2 == 0))
            .collect();
        assert_eq!(seen, wanted);
    }
}

#[test]
fn points_and_value_needed_for_every_rule_kind() {
    // charlie: total 43.70, tier none → target silver (min_total 50), shortfall 6.30.
    // Overall weights: staff .30, cs_level .18, iso27001 .12, response .20,
    // projects .10, revenue .10.
    //   iso27001 false s=0:    points 12 × 1   = 12;   +12 ≥ 6.3 → true
    //   staff 70 s=.6 (10→110): points 30 × .4  = 12;   s ≥ .6 + 6.3/30 = .81 → 10 + 81 = 91
    //   cs_level CS2 s=.4:     points 18 × .6  = 10.8; CS3 adds 4.5 < 6.3, CS4 adds 8.1 → CS4
    //   revenue 100 s=0 (relative): points 10; others' range 200..500 (alpha 500, bravo 300,
    //     delta 200, echo 400), s ≥ .63 → 200 + .63 × 300 = 389
    //   projects 2 s=.25 (bands higher): points 10 × .75 = 7.5; s ≥ .88 → threshold 10
    //   response 20 s=.8 (bands lower): points 20 × .2 = 4 < 6.3 → none
    // iso27001 and staff tie at 12: ordered by id.
    let f = scored(FIXTURE, EVIDENCE);
    let fw = &f.fw;
    let g = gap_of(&f, "charlie");
    assert_eq!(g.current, Assigned::None);
    assert_eq!(g.target, Some(1));
    let want = vec![
        ("iso27001".to_string(), 12.0, Some(Value::Bool(true))),
        ("staff".to_string(), 12.0, num(91.0)),
        (
            "cs_level".to_string(),
            10.8,
            Some(Value::Label(Box::new("CS4".to_string()))),
        ),
        ("revenue".to_string(), 10.0, num(389.0)),
        ("projects".to_string(), 7.5, num(10.0)),
        ("response".to_string(), 4.0, None),
    ];
    assert_eq!(summary(fw, &g), want);
    assert_eq!(g.unmet.len(), 1);
    assert_eq!(g.unmet[0].kind, UnmetKind::Total);
    assert_eq!(g.unmet[0].shortfall, Some(6.3));
}

#[test]
fn missing_value_under_zero_and_an_at_most_condition() {
    // echo: staff missing → s = 0; total 54.80, silver → target gold (min_total 80).
    //   staff: points 30 × 1 = 30; s ≥ 25.2/30 = .84 → 10 + 84 = 94
    //   unmet: total 80 − 54.8 = 25.2; tech 60 − 45.5 = 14.5;
    //   response at_most 30 with 40 → shortfall 40 − 30 = 10
    let f = scored(FIXTURE, EVIDENCE);
    let fw = &f.fw;
    let g = gap_of(&f, "echo");
    let staff = &g.opportunities[0];
    assert_eq!(fw.indicators[staff.indicator].id, "staff");
    assert_eq!((staff.value.clone(), staff.score), (None, Some(0.0)));
    assert_eq!(staff.points_available, 30.0);
    assert_eq!(staff.value_needed, num(94.0));
    let rows: Vec<(&str, &str, Option<f64>)> = g
        .unmet
        .iter()
        .map(|u| (u.kind.as_str(), u.item.id(fw), u.shortfall))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("total", "total", Some(25.2)),
            ("each_dimension", "tech", Some(14.5)),
            ("indicator", "response", Some(10.0)),
        ]
    );
    assert_eq!(g.unmet[2].current, num(40.0));
    assert_eq!(g.unmet[2].required, num(30.0));
}

#[test]
fn levels_condition_keeps_its_label_and_shortfall_in_level_scores() {
    // bravo: cs_level CS2 (0.40) against at_least "CS3" (0.65): shortfall 0.25.
    // No single indicator closes 80 − 54.2 = 25.8 (the most is staff's 15).
    // projects and revenue tie at 10 × .5 = 5: ordered by id.
    let f = scored(FIXTURE, EVIDENCE);
    let fw = &f.fw;
    let g = gap_of(&f, "bravo");
    let cs = g
        .unmet
        .iter()
        .find(|u| u.item.id(fw) == "cs_level")
        .unwrap();
    assert_eq!(cs.current, Some(Value::Label(Box::new("CS2".to_string()))));
    assert_eq!(cs.required, Some(Value::Label(Box::new("CS3".to_string()))));
    assert_eq!(cs.shortfall, Some(0.25));
    let want = vec![
        ("staff".to_string(), 15.0, None),
        ("cs_level".to_string(), 10.8, None),
        ("response".to_string(), 10.0, None),
        ("projects".to_string(), 5.0, None),
        ("revenue".to_string(), 5.0, None),
    ];
    assert_eq!(summary(fw, &g), want);
}

#[test]
fn vetoed_provider_targets_the_tier_its_scores_reach() {
    // delta: 86.20 would be gold (every gold condition holds), but dishonest = yes.
    // Unmet: only the veto. No total shortfall → no value_needed.
    //   revenue 200 s=.25: 10 × .75 = 7.5; cs_level CS3 s=.65: 18 × .35 = 6.3
    let f = scored(FIXTURE, EVIDENCE);
    let fw = &f.fw;
    let g = gap_of(&f, "delta");
    assert_eq!(g.current, Assigned::Vetoed);
    assert_eq!(g.target, Some(0));
    assert_eq!(g.unmet.len(), 1);
    assert_eq!(g.unmet[0].kind, UnmetKind::Veto);
    assert_eq!(g.unmet[0].item.id(fw), "dishonest");
    assert_eq!(g.unmet[0].current, Some(Value::Bool(true)));
    let want = vec![
        ("revenue".to_string(), 7.5, None),
        ("cs_level".to_string(), 6.3, None),
    ];
    assert_eq!(summary(fw, &g), want);
}

#[test]
fn top_tier_has_no_gap_unless_a_target_is_given() {
    // alpha: gold (the top). With --target silver it still holds: nothing unmet,
    // and cs_level CS4 (18 × .15 = 2.7) is its only s < 1.
    let f = scored(FIXTURE, EVIDENCE);
    let fw = &f.fw;
    let g = gap_of(&f, "alpha");
    assert_eq!(
        (g.target, g.unmet.len(), g.opportunities.len()),
        (None, 0, 0)
    );
    let g = gap(&f.run(), 0, Some(1));
    assert_eq!(g.unmet, vec![]);
    assert_eq!(summary(fw, &g), vec![("cs_level".to_string(), 2.7, None)]);
}

/// After the fixture's head: `missing = …` continues its `[framework]` table.
const SMALL: &str = r#"missing = "MISSING"
[[dimension]]
id = "d"
name = "d"
weight = 1
[[dimension.indicator]]
id = "a"
name = "a"
weight = 1
score = { kind = "linear", floor = 0, target = 10 }
[[dimension.indicator]]
id = "b"
name = "b"
weight = 1
score = { kind = "bands", direction = "lower", bands = [[15, 1.0], [30, 0.8], [60, 0.5]] }
[[tier]]
id = "t"
name = "t"
min_total = 60
"#;

#[test]
fn missing_value_under_exclude_reenters_the_weights() {
    // a = 4 (s .4), b missing and excluded: total = 100 × .4 = 40; shortfall 20.
    //   a: alone in d, s = 1 → 100: points 60; s ≥ .6 → 6
    //   b: re-enters with half the weight: s = 1 → (0.4 + 1)/2 = 70: points 30;
    //      (0.4 + s)/2 ≥ .6 → s ≥ .8 → the largest threshold scoring ≥ .8 is 30
    let f = scored(
        &fixture::text(&SMALL.replace("MISSING", "exclude")),
        "provider,a,b\nx,4,\n",
    );
    let fw = &f.fw;
    let g = gap_of(&f, "x");
    assert_eq!(g.total, 40.0);
    assert_eq!(g.opportunities[1].score, None);
    let want = vec![
        ("a".to_string(), 60.0, num(6.0)),
        ("b".to_string(), 30.0, num(30.0)),
    ];
    assert_eq!(summary(fw, &g), want);
}

#[test]
fn lower_is_better_bands_take_the_largest_sufficient_threshold() {
    // a = 5 (s .5), b = 45 (s .5, threshold 60): total 50; shortfall 10.
    //   b: (.5 + s)/2 ≥ .6 → s ≥ .7: 30 (.8) and 15 (1.0) suffice → 30; points 25
    //   a: s ≥ .7 → 7; points 25. Tie → a before b.
    let f = scored(
        &fixture::text(&SMALL.replace("MISSING", "zero")),
        "provider,a,b\nx,5,45\n",
    );
    let fw = &f.fw;
    let g = gap_of(&f, "x");
    let want = vec![
        ("a".to_string(), 25.0, num(7.0)),
        ("b".to_string(), 25.0, num(30.0)),
    ];
    assert_eq!(summary(fw, &g), want);
}

#[test]
fn not_applicable_indicators_are_no_opportunity() {
    // b = n/a: left out, a alone makes the total: a = 5 → 50; shortfall 10.
    //   a: points 100 − 50 = 50; s ≥ .6 → 6. b is not listed.
    let f = scored(
        &fixture::text(&SMALL.replace("MISSING", "zero")),
        "provider,a,b\nx,5,n/a\n",
    );
    let fw = &f.fw;
    let g = gap_of(&f, "x");
    assert_eq!(summary(fw, &g), vec![("a".to_string(), 50.0, num(6.0))]);
}

#[test]
fn extremes_without_one_provider() {
    // Values 5 (p0), 5 (p1), 9 (p2): without p0 the range is still 5..9 (p1 holds 5);
    // without p2 it is 5..5.
    let mut e = Extremes::default();
    for (v, j) in [(5.0, 0), (5.0, 1), (9.0, 2)] {
        keep_two(&mut e.low, (v, j), |a, b| a < b);
        keep_two(&mut e.high, (v, j), |a, b| a > b);
    }
    assert_eq!(e.without(0), Some(Range { min: 5.0, max: 9.0 }));
    assert_eq!(e.without(2), Some(Range { min: 5.0, max: 5.0 }));
}

#[test]
fn snaps_to_decision_precision() {
    assert_eq!(snap(50.0 - 43.7), 6.3);
    assert_eq!(snap(11.999999999999993), 12.0);
    assert_eq!(snap(-1e-12), 0.0);
}
