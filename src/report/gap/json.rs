//! One provider's object of `gap --format json` (SPEC §5), serialized straight
//! into the text: no `serde_json::Value` tree of maps with string keys is
//! built and dropped per provider (that cost more than finding the gap).

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value as Json};

use crate::framework::Framework;
use crate::gap::{Gap, Opportunity, Unmet};
use crate::report::json_value::{number_json, value_json};
use crate::report::required;
use crate::rule::Value;
use crate::score::Scores;

/// `{"provider", "current_tier", "target_tier", "total", "incomplete",
/// "expiring", "unmet", "opportunities"}` (and `capped_by`, `earned_tier`
/// for a capped tier), numbers unrounded; `incomplete` only when the framework
/// marks some indicator `required`, `expiring` only when the run looked for
/// values that expire.
pub struct GapJson<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The scores the gap was found in.
    pub scores: &'a Scores,
    /// The gap.
    pub gap: &'a Gap,
    /// Whether the framework marks some indicator `required` ([`crate::required::any`]).
    pub required: bool,
}

impl Serialize for GapJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (fw, g) = (self.fw, self.gap);
        let p = &self.scores.providers[g.provider];
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("provider", &p.provider)?;
        m.serialize_entry("current_tier", g.current.id(fw))?;
        m.serialize_entry("target_tier", &g.target.map(|t| &fw.tiers[t].id))?;
        m.serialize_entry("total", &g.total)?;
        if self.required {
            m.serialize_entry("incomplete", &required::to_json(fw, &g.incomplete))?;
        }
        if let Some(soon) = &g.expiring {
            m.serialize_entry("expiring", &required::expiring_json(fw, soon))?;
        }
        let unmet = g.unmet.iter().enumerate().map(|(i, u)| {
            let words = g.rows.iter().find(|(r, _)| *r == i).map(|(_, w)| w);
            UnmetJson(fw, u, words)
        });
        m.serialize_entry("unmet", &Seq(unmet))?;
        let opportunities = g.opportunities.iter().map(|o| OpportunityJson(fw, o));
        m.serialize_entry("opportunities", &Seq(opportunities))?;
        let mut capped = Map::new();
        crate::report::progression::add_json(fw, p, &mut capped);
        for (key, value) in &capped {
            m.serialize_entry(key, value)?;
        }
        m.end()
    }
}

/// A JSON array of the items of an iterator, serialized as they come.
struct Seq<I>(I);

impl<T: Serialize, I: Iterator<Item = T> + Clone> Serialize for Seq<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// `{"kind", "item", "current", "required", "shortfall"}`, and `reason` for a
/// veto, `rows` when the shortfall is also worded in ledger rows.
struct UnmetJson<'a>(&'a Framework, &'a Unmet, Option<&'a String>);

impl Serialize for UnmetJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (fw, u) = (self.0, self.1);
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("kind", u.kind.as_str())?;
        m.serialize_entry("item", u.item.id(fw))?;
        m.serialize_entry("current", &opt_value(u.current.as_ref()))?;
        m.serialize_entry("required", &opt_value(u.required.as_ref()))?;
        m.serialize_entry("shortfall", &u.shortfall.map(number_json))?;
        if let Some(v) = u.veto {
            m.serialize_entry("reason", &fw.vetoes[v].reason)?;
        }
        if let Some(words) = self.2 {
            m.serialize_entry("rows", words)?;
        }
        m.end()
    }
}

/// `{"indicator", "value", "score", "points_available", "advice", "value_needed"}`.
struct OpportunityJson<'a>(&'a Framework, &'a Opportunity);

impl Serialize for OpportunityJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (fw, o) = (self.0, self.1);
        let indicator = &fw.indicators[o.indicator];
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("indicator", &indicator.id)?;
        m.serialize_entry("value", &opt_value(o.value.as_ref()))?;
        m.serialize_entry("score", &o.score)?;
        m.serialize_entry("points_available", &number_json(o.points_available))?;
        m.serialize_entry("advice", &indicator.advice)?;
        m.serialize_entry("value_needed", &opt_value(o.value_needed.as_ref()))?;
        m.end()
    }
}

/// A value as JSON, `null` when there is none (a number costs no allocation).
fn opt_value(v: Option<&Value>) -> Json {
    v.map_or(Json::Null, value_json)
}
