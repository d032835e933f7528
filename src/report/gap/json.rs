//! One provider's object of `gap --format json` (SPEC §5), written straight
//! into its line of the text (see [`Line`]): no `serde_json::Value` tree of
//! maps with string keys is built and dropped per provider (that cost more
//! than finding the gap), and the keys are copied, not serialized.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value as Json};

use crate::framework::Framework;
use crate::gap::{Gap, Opportunity, Unmet};
use crate::report::json_stream::Line;
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

impl GapJson<'_> {
    /// Writes the object compactly onto `line`: the keys as they are, the
    /// values by serde_json (the opportunities, 20 to 30 a provider, are the
    /// hot loop of `gap --format json`).
    pub fn write(&self, line: &mut Line) {
        let (fw, g) = (self.fw, self.gap);
        let p = &self.scores.providers[g.provider];
        line.raw("{\"provider\":");
        line.value(&p.provider);
        line.raw(",\"current_tier\":");
        line.value(g.current.id(fw));
        line.raw(",\"target_tier\":");
        line.value(&g.target.map(|t| &fw.tiers[t].id));
        line.raw(",\"total\":");
        line.value(&g.total);
        if self.required {
            line.raw(",\"incomplete\":");
            line.value(&required::to_json(fw, &g.incomplete));
        }
        if let Some(soon) = &g.expiring {
            line.raw(",\"expiring\":");
            line.value(&required::expiring_json(fw, soon));
        }
        line.raw(",\"unmet\":[");
        for (i, u) in g.unmet.iter().enumerate() {
            if i > 0 {
                line.raw(",");
            }
            let words = g.rows.iter().find(|(r, _)| *r == i).map(|(_, w)| w);
            line.value(&UnmetJson(fw, u, words));
        }
        line.raw("],\"opportunities\":[");
        for (i, o) in g.opportunities.iter().enumerate() {
            if i > 0 {
                line.raw(",");
            }
            opportunity(line, fw, o);
        }
        line.raw("]");
        let mut capped = Map::new();
        crate::report::progression::add_json(fw, p, &mut capped);
        line.fields(&capped);
        line.raw("}");
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
fn opportunity(line: &mut Line, fw: &Framework, o: &Opportunity) {
    let indicator = &fw.indicators[o.indicator];
    line.raw("{\"indicator\":");
    line.value(&indicator.id);
    line.raw(",\"value\":");
    line.value(&opt_value(o.value.as_ref()));
    line.raw(",\"score\":");
    line.value(&o.score);
    line.raw(",\"points_available\":");
    line.value(&number_json(o.points_available));
    line.raw(",\"advice\":");
    line.value(&indicator.advice);
    line.raw(",\"value_needed\":");
    line.value(&opt_value(o.value_needed.as_ref()));
    line.raw("}");
}

/// A value as JSON, `null` when there is none (a number costs no allocation).
fn opt_value(v: Option<&Value>) -> Json {
    v.map_or(Json::Null, value_json)
}
