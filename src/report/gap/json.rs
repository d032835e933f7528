//! One provider's object of `gap --format json` (SPEC §5), written straight
//! into its line of the text (see [`Line`]): no `serde_json::Value` tree of
//! maps with string keys is built and dropped per provider (that cost more
//! than finding the gap), and the keys are copied, not serialized.

use serde_json::Map;

use crate::framework::Framework;
use crate::gap::{Gap, Opportunity, Unmet};
use crate::report::json_stream::{Line, quoted};
use crate::report::json_value::{write_number, write_value};
use crate::report::required;
use crate::score::Scores;

/// Writes `{"provider", "current_tier", "target_tier", "total", "incomplete",
/// "expiring", "unmet", "opportunities"}` (and `capped_by`, `earned_tier`
/// for a capped tier) for each gap, numbers unrounded; `incomplete` only when
/// the framework marks some indicator `required`, `expiring` only when the
/// run looked for values that expire. What an opportunity writes the same
/// way for every provider is quoted once per indicator.
pub struct GapJson<'a> {
    /// The framework.
    fw: &'a Framework,
    /// The scores the gaps were found in.
    scores: &'a Scores,
    /// Whether the framework marks some indicator `required` ([`crate::required::any`]).
    required: bool,
    /// Per indicator, `{"indicator":"<id>","value":` and
    /// `,"advice":<advice or null>,"value_needed":`.
    opportunities: Vec<(String, String)>,
}

impl<'a> GapJson<'a> {
    /// The writer of gaps found in `scores` of `fw`.
    pub fn new(fw: &'a Framework, scores: &'a Scores) -> Self {
        let opportunities = fw
            .indicators
            .iter()
            .map(|i| {
                let advice = i.advice.as_deref().map_or("null".into(), quoted);
                (
                    format!("{{\"indicator\":{},\"value\":", quoted(&i.id)),
                    format!(",\"advice\":{advice},\"value_needed\":"),
                )
            })
            .collect();
        GapJson {
            fw,
            scores,
            required: crate::required::any(fw),
            opportunities,
        }
    }

    /// Writes the object of `g` compactly onto `line`: the keys as they are,
    /// strings and numbers straight into the text (the opportunities, 20 to
    /// 30 a provider, are the hot loop of `gap --format json`).
    pub fn write(&self, line: &mut Line, g: &Gap) {
        let fw = self.fw;
        let p = &self.scores.providers[g.provider];
        line.raw("{\"provider\":");
        line.str(&p.provider);
        line.raw(",\"current_tier\":");
        line.str(g.current.id(fw));
        line.raw(",\"target_tier\":");
        line.opt_str(g.target.map(|t| fw.tiers[t].id.as_str()));
        line.raw(",\"total\":");
        line.f64(g.total);
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
            unmet(line, fw, u, words);
        }
        line.raw("],\"opportunities\":[");
        for (i, o) in g.opportunities.iter().enumerate() {
            if i > 0 {
                line.raw(",");
            }
            self.opportunity(line, o);
        }
        line.raw("]");
        let mut capped = Map::new();
        crate::report::progression::add_json(fw, p, &mut capped);
        line.fields(&capped);
        line.raw("}");
    }

    /// `{"indicator", "value", "score", "points_available", "advice", "value_needed"}`.
    fn opportunity(&self, line: &mut Line, o: &Opportunity) {
        let (head, advice) = &self.opportunities[o.indicator];
        line.raw(head);
        write_value(line, o.value.as_ref());
        line.raw(",\"score\":");
        line.opt_f64(o.score);
        line.raw(",\"points_available\":");
        write_number(line, o.points_available);
        line.raw(advice);
        write_value(line, o.value_needed.as_ref());
        line.raw("}");
    }
}

/// `{"kind", "item", "current", "required", "shortfall"}`, and `reason` for a
/// veto, `rows` when the shortfall is also worded in ledger rows.
fn unmet(line: &mut Line, fw: &Framework, u: &Unmet, words: Option<&String>) {
    line.raw("{\"kind\":");
    line.str(u.kind.as_str());
    line.raw(",\"item\":");
    line.str(u.item.id(fw));
    line.raw(",\"current\":");
    write_value(line, u.current.as_ref());
    line.raw(",\"required\":");
    write_value(line, u.required.as_ref());
    line.raw(",\"shortfall\":");
    match u.shortfall {
        Some(n) => write_number(line, n),
        None => line.raw("null"),
    }
    if let Some(v) = u.veto {
        line.raw(",\"reason\":");
        line.opt_str(fw.vetoes[v].reason.as_deref());
    }
    if let Some(words) = words {
        line.raw(",\"rows\":");
        line.str(words);
    }
    line.raw("}");
}
