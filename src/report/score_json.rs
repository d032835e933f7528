//! One provider's object of `score --format json` (SPEC §4), written straight
//! into its line of the text (see [`Line`]): no `serde_json::Value` tree of
//! maps with string keys is built and dropped per provider, which cost more
//! than the scoring, and the keys are copied, not serialized.

use serde::ser::{Serialize, Serializer};
use serde_json::Map;

use super::json_stream::Line;
use super::json_value::{amendment_json, value_json};
use crate::framework::Framework;
use crate::score::{IndicatorScore, ProviderScore};

/// `{"provider", "rank", "total", "tier", "dimensions", "indicators",
/// "missing", "vetoed_by", "incomplete_by"}` (and `capped_by`, `earned_tier`
/// for a capped tier), numbers unrounded.
pub struct ProviderJson<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The provider's score.
    pub p: &'a ProviderScore,
    /// Its indicator scores, in framework order.
    pub details: Vec<IndicatorScore>,
}

impl ProviderJson<'_> {
    /// Writes the object compactly onto `line`: the keys as they are, the
    /// values by serde_json (the indicators, 30 or 40 a provider, are the
    /// hot loop of `score --format json`).
    pub fn write(&self, line: &mut Line) {
        let (fw, p) = (self.fw, self.p);
        line.raw("{\"provider\":");
        line.value(&p.provider);
        line.raw(",\"rank\":");
        line.value(&p.rank);
        line.raw(",\"total\":");
        line.value(&p.total);
        line.raw(",\"tier\":");
        line.value(p.tier.assigned.id(fw));
        line.raw(",\"dimensions\":");
        line.value(&Dimensions(fw, &p.dimensions));
        line.raw(",\"indicators\":{");
        for (i, (ind, s)) in fw.indicators.iter().zip(&self.details).enumerate() {
            if i > 0 {
                line.raw(",");
            }
            line.value(&ind.id);
            indicator(line, s);
        }
        line.raw("},\"missing\":");
        line.value(&p.missing);
        line.raw(",\"vetoed_by\":");
        line.value(&p.vetoed_by(fw));
        line.raw(",\"incomplete_by\":");
        line.value(&p.incomplete_by(fw));
        let mut capped = Map::new();
        super::progression::add_json(fw, p, &mut capped);
        line.fields(&capped);
        line.raw("}");
    }
}

/// One indicator after its key: `{"value", "score", "missing"}` (value null
/// when missing), and `not_applicable` / `amended` when they apply.
fn indicator(line: &mut Line, s: &IndicatorScore) {
    // A number is a JSON value without allocation; only labels are copied.
    line.raw(":{\"value\":");
    line.value(&s.value().map(value_json));
    line.raw(",\"score\":");
    line.value(&s.score);
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

/// `{"<dimension id>": score or null}` in framework order.
struct Dimensions<'a>(&'a Framework, &'a [Option<f64>]);

impl Serialize for Dimensions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ids = self.0.dimensions.iter().map(|d| d.id.as_str());
        serializer.collect_map(ids.zip(self.1))
    }
}
