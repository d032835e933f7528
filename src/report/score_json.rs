//! One provider's object of `score --format json` (SPEC §4), written straight
//! into its line of the text (see [`Line`]): no `serde_json::Value` tree of
//! maps with string keys is built and dropped per provider, which cost more
//! than the scoring, and the keys are copied, not serialized.

use serde_json::Map;

use super::json_stream::{Line, quoted};
use super::json_value::{amendment_json, write_value};
use crate::framework::Framework;
use crate::score::{IndicatorScore, ProviderScore};

/// Writes `{"provider", "rank", "total", "tier", "dimensions", "indicators",
/// "missing", "vetoed_by", "incomplete_by"}` (and `capped_by`, `earned_tier`
/// for a capped tier) for each provider, numbers unrounded. The keys of the
/// dimensions and indicators, the same for every provider, are quoted once.
pub struct ProviderJson<'a> {
    /// The framework.
    fw: &'a Framework,
    /// `"<dimension id>":` per dimension, in framework order.
    dimensions: Vec<String>,
    /// `"<indicator id>":{"value":` per indicator, in framework order.
    indicators: Vec<String>,
}

impl<'a> ProviderJson<'a> {
    /// The writer of `fw`'s providers.
    pub fn new(fw: &'a Framework) -> Self {
        ProviderJson {
            fw,
            dimensions: fw.dimensions.iter().map(|d| quoted(&d.id) + ":").collect(),
            indicators: fw
                .indicators
                .iter()
                .map(|i| quoted(&i.id) + ":{\"value\":")
                .collect(),
        }
    }

    /// Writes the object of `p` compactly onto `line`, with `details`, its
    /// indicator scores in framework order: the keys as they are, strings and
    /// numbers straight into the text (the indicators, 30 or 40 a provider,
    /// are the hot loop of `score --format json`).
    pub fn write(&self, line: &mut Line, p: &ProviderScore, details: &[IndicatorScore]) {
        let fw = self.fw;
        line.raw("{\"provider\":");
        line.str(&p.provider);
        line.raw(",\"rank\":");
        line.int(p.rank);
        line.raw(",\"total\":");
        line.f64(p.total);
        line.raw(",\"tier\":");
        line.str(p.tier.assigned.id(fw));
        line.raw(",\"dimensions\":{");
        for (i, (key, score)) in self.dimensions.iter().zip(p.dimensions.iter()).enumerate() {
            if i > 0 {
                line.raw(",");
            }
            line.raw(key);
            line.opt_f64(*score);
        }
        line.raw("},\"indicators\":{");
        for (i, (key, s)) in self.indicators.iter().zip(details).enumerate() {
            if i > 0 {
                line.raw(",");
            }
            line.raw(key);
            indicator(line, s);
        }
        line.raw("},\"missing\":");
        line.int(p.missing);
        line.raw(",\"vetoed_by\":");
        line.strs(p.vetoed_by(fw));
        line.raw(",\"incomplete_by\":");
        line.strs(p.incomplete_by(fw));
        let mut capped = Map::new();
        super::progression::add_json(fw, p, &mut capped);
        line.fields(&capped);
        line.raw("}");
    }
}

/// One indicator after `"<id>":{"value":`: the value (null when missing),
/// `"score"`, `"missing"`, and `not_applicable` / `amended` when they apply.
fn indicator(line: &mut Line, s: &IndicatorScore) {
    write_value(line, s.value());
    line.raw(",\"score\":");
    line.opt_f64(s.score);
    line.raw(if s.missing {
        ",\"missing\":true"
    } else {
        ",\"missing\":false"
    });
    if s.not_applicable() {
        line.raw(",\"not_applicable\":true");
    }
    if let Some(a) = &s.amended {
        line.raw(",\"amended\":");
        line.value(&amendment_json(a));
    }
    line.raw("}");
}
