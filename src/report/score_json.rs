//! One provider's object of `score --format json` (SPEC §4), serialized
//! straight into the text: no `serde_json::Value` tree of maps with string
//! keys is built and dropped per provider, which cost more than the scoring.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Map;

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

impl Serialize for ProviderJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (fw, p) = (self.fw, self.p);
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("provider", &p.provider)?;
        m.serialize_entry("rank", &p.rank)?;
        m.serialize_entry("total", &p.total)?;
        m.serialize_entry("tier", p.tier.assigned.id(fw))?;
        m.serialize_entry("dimensions", &Dimensions(fw, &p.dimensions))?;
        m.serialize_entry("indicators", &Indicators(fw, &self.details))?;
        m.serialize_entry("missing", &p.missing)?;
        m.serialize_entry("vetoed_by", &p.vetoed_by(fw))?;
        m.serialize_entry("incomplete_by", &p.incomplete_by(fw))?;
        let mut capped = Map::new();
        super::progression::add_json(fw, p, &mut capped);
        for (key, value) in &capped {
            m.serialize_entry(key, value)?;
        }
        m.end()
    }
}

/// `{"<dimension id>": score or null}` in framework order.
struct Dimensions<'a>(&'a Framework, &'a [Option<f64>]);

impl Serialize for Dimensions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ids = self.0.dimensions.iter().map(|d| d.id.as_str());
        serializer.collect_map(ids.zip(self.1))
    }
}

/// `{"<indicator id>": {"value", "score", "missing", ...}}` in framework order.
struct Indicators<'a>(&'a Framework, &'a [IndicatorScore]);

impl Serialize for Indicators<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ids = self.0.indicators.iter().map(|i| i.id.as_str());
        serializer.collect_map(ids.zip(self.1.iter().map(Indicator)))
    }
}

/// One indicator: `value` (null when missing), `score`, `missing`, and
/// `not_applicable` / `amended` when they apply.
struct Indicator<'a>(&'a IndicatorScore);

impl Serialize for Indicator<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = self.0;
        let mut m = serializer.serialize_map(None)?;
        // A number is a JSON value without allocation; only labels are copied.
        m.serialize_entry("value", &s.value().map(value_json))?;
        m.serialize_entry("score", &s.score)?;
        m.serialize_entry("missing", &s.missing)?;
        if s.not_applicable() {
            m.serialize_entry("not_applicable", &true)?;
        }
        if let Some(a) = &s.amended {
            m.serialize_entry("amended", &amendment_json(a))?;
        }
        m.end()
    }
}
