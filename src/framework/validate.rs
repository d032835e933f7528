//! Checks a raw framework as a whole and builds the validated [`Framework`].
//!
//! Every check runs even after another failed, so one `validate` run lists every
//! problem in the file.

use std::ops::Range;

use toml::Spanned;

use super::check_weights::Member;
use super::checker::{Checker, is_valid_id};
use super::raw::{self, RawDoc, RawFramework};
use super::toml_reader::{Num, Source, Str, help};
use super::{
    Dimension, Doc, Framework, Indicator, Loaded, MAX_FRAMEWORK_BYTES, MAX_ITEMS, MissingPolicy,
};
use crate::diag::{self, Diagnostic};

/// Parses and validates a framework file's text.
/// Returns the framework and its warnings, or every diagnostic when any is an error.
pub fn load_str(file: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    if text.len() > MAX_FRAMEWORK_BYTES {
        return Err(vec![too_large(file)]);
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut src = Source::new(file, text);
    if let Some(at) = text.find('\u{FEFF}') {
        let d = src.error(
            &(at..at),
            "a byte-order mark (U+FEFF) in the middle of the file",
        );
        help(
            d,
            "delete it; joining files or some editors leave one behind, and it is invisible",
        );
        return Err(finish(src.diagnostics));
    }
    let Some(root) = super::toml_syntax::parse(&mut src, text) else {
        return Err(finish(src.diagnostics));
    };
    let raw = raw::read(&mut src, &root);
    if !check_sizes(&mut src, &raw) {
        return Err(finish(src.diagnostics));
    }
    super::lints::lint(&mut src, &raw);
    let framework = Checker::new(&mut src).check(raw);
    let diagnostics = finish(src.diagnostics);
    match framework {
        Some(framework) if !diag::has_errors(&diagnostics) => Ok(Loaded {
            framework,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// The error for a framework file over [`MAX_FRAMEWORK_BYTES`].
pub fn too_large(file: &str) -> Diagnostic {
    let message = format!(
        "the framework file is larger than {} MiB",
        MAX_FRAMEWORK_BYTES >> 20
    );
    Diagnostic::error(file, None, message)
        .with_help("a framework is a few dozen kilobytes; check that this is the right file")
}

/// Refuses frameworks with more than [`MAX_ITEMS`] of anything, before the
/// checks whose cost grows with the square of the number of items.
fn check_sizes(src: &mut Source, raw: &RawFramework) -> bool {
    let indicators: Vec<&Range<usize>> = raw
        .dimensions
        .iter()
        .flat_map(|d| d.indicators.iter().map(|i| &i.span))
        .collect();
    let conditions: Vec<&Range<usize>> = raw
        .tiers
        .iter()
        .flat_map(|t| t.require.iter().map(|c| &c.span))
        .collect();
    let groups: [(&str, Vec<&Range<usize>>); 5] = [
        (
            "dimensions",
            raw.dimensions.iter().map(|d| &d.span).collect(),
        ),
        ("indicators", indicators),
        ("tiers", raw.tiers.iter().map(|t| &t.span).collect()),
        (
            "vetoes",
            raw.vetoes.iter().map(|v| &v.condition.span).collect(),
        ),
        ("tier conditions", conditions),
    ];
    let mut ok = true;
    for (what, spans) in groups {
        if let Some(span) = spans.get(MAX_ITEMS) {
            let message = format!(
                "too many {what}: {} (a framework may have at most {MAX_ITEMS})",
                spans.len()
            );
            let d = src.error(span, message);
            help(
                d,
                "split the framework, or check that this is the right file",
            );
            ok = false;
        }
    }
    ok
}

fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diag::sort(&mut diagnostics);
    diagnostics.dedup();
    diagnostics
}

impl Checker<'_, '_> {
    fn check(mut self, raw: RawFramework) -> Option<Framework> {
        self.check_schema(raw.schema.as_ref());
        let (id, version, doc, missing) = self.check_meta(raw.meta)?;
        let mut dimensions = Vec::new();
        let mut indicators = Vec::new();
        let records = super::records_check::check_tables(self.src, raw.records);
        // A `dimension` of the wrong type was reported where it was read.
        if raw.dimensions.is_empty() && !raw.dimension_wrong_type {
            self.src
                .error(&(0..0), "the framework has no [[dimension]]");
        }
        let dim_weights = self.group_weights(
            raw.dimensions
                .iter()
                .map(|d| Member {
                    id: d.id.as_ref(),
                    weight: d.weight.as_ref(),
                    weight_given: d.weight_given,
                    span: d.span.clone(),
                })
                .collect(),
            raw.ahp.as_ref(),
            "dimensions",
        );
        for (d, raw_dim) in raw.dimensions.into_iter().enumerate() {
            let dim_id = self.define_id(raw_dim.id.as_ref());
            if raw_dim.indicators.is_empty() {
                let what = format!(
                    "dimension `{}` has no [[dimension.indicator]]",
                    dim_id.as_deref().unwrap_or("?")
                );
                self.src.error(&raw_dim.span, what);
            }
            let group_name = format!(
                "the indicators of dimension `{}`",
                dim_id.as_deref().unwrap_or("?")
            );
            let weights = self.group_weights(
                raw_dim
                    .indicators
                    .iter()
                    .map(|i| Member {
                        id: i.id.as_ref(),
                        weight: i.weight.as_ref(),
                        weight_given: i.weight_given,
                        span: i.span.clone(),
                    })
                    .collect(),
                raw_dim.ahp.as_ref(),
                &group_name,
            );
            let start = indicators.len();
            for (k, ri) in raw_dim.indicators.into_iter().enumerate() {
                let ind_id = self.define_id(ri.id.as_ref());
                let (panel, rubric) = super::panel::check(self.src, ri.panel, ri.rule.as_ref());
                let weight = weights.as_ref().map(|(w, _)| w[k]);
                let derive = ri.derive.and_then(|d| {
                    super::records_check::check_derive(self.src, d, &records, ri.rule.as_ref())
                });
                if let Some(id) = ind_id
                    .as_ref()
                    .filter(|_| ri.rule.is_none() || weight.is_none())
                {
                    self.broken.insert(id.clone());
                }
                if let (Some(id), Some(rule), Some(weight)) = (ind_id, ri.rule, weight) {
                    indicators.push(Indicator {
                        id,
                        doc: doc_of(ri.doc),
                        dimension: d,
                        weight,
                        unit: text(ri.unit),
                        evidence: text(ri.evidence),
                        advice: text(ri.advice),
                        required: ri.required.is_some_and(|r| *r.get_ref()),
                        rule,
                        derive,
                        panel,
                        rubric,
                    });
                }
            }
            let dim_weight = dim_weights.as_ref().map(|(w, _)| w[d]);
            if let (Some(id), None) = (&dim_id, dim_weight) {
                self.broken.insert(id.clone());
            }
            if let (Some(id), Some(weight)) = (dim_id, dim_weight) {
                dimensions.push(Dimension {
                    id,
                    doc: doc_of(raw_dim.doc),
                    weight,
                    indicators: start..indicators.len(),
                    ahp: weights.and_then(|(_, a)| a),
                });
            }
        }
        let mut framework = Framework {
            id,
            version,
            doc,
            missing,
            dimensions,
            indicators,
            tiers: Vec::new(),
            vetoes: Vec::new(),
            ahp: dim_weights.and_then(|(_, a)| a),
            progression: None,
            records: records.valid,
            as_of: None,
            index: Default::default(),
        };
        framework.build_index();
        framework.tiers = self.check_tiers(raw.tiers, &framework);
        framework.vetoes = self.check_vetoes(raw.vetoes, &framework);
        framework.progression =
            super::progression::check(self.src, raw.progression, &framework.tiers);
        self.warn_unused_zero_weights(&framework);
        self.warn_not_required(&framework);
        Some(framework)
    }

    fn check_schema(&mut self, schema: Option<&Num>) {
        if let Some(s) = schema
            && *s.get_ref() != 1.0
        {
            let d = self.src.error(
                &s.span(),
                format!(
                    "unsupported schema {}; this tierscore reads schema 1",
                    s.get_ref()
                ),
            );
            help(d, "write `schema = 1`");
        }
    }

    fn check_meta(
        &mut self,
        meta: Option<raw::RawMeta>,
    ) -> Option<(String, String, Doc, MissingPolicy)> {
        let meta = meta?;
        if let Some(id) = &meta.id {
            self.check_id_syntax(id);
        }
        let missing = match meta
            .missing
            .as_ref()
            .map(|m| (m.get_ref().as_str(), m.span()))
        {
            None | Some(("zero", _)) => MissingPolicy::Zero,
            Some(("exclude", _)) => MissingPolicy::Exclude,
            Some(("error", _)) => MissingPolicy::Error,
            Some((other, span)) => {
                let d = self
                    .src
                    .error(&span, format!("unknown missing policy `{other}`"));
                help(d, "use \"zero\", \"exclude\" or \"error\"");
                MissingPolicy::Zero
            }
        };
        let id = meta.id?.into_inner();
        let version = meta.version?.into_inner();
        meta.doc.name.as_ref()?;
        Some((id, version, doc_of(meta.doc), missing))
    }

    fn check_id_syntax(&mut self, id: &Str) -> bool {
        if is_valid_id(id.get_ref()) {
            return true;
        }
        let d = self.src.error(
            &id.span(),
            crate::confusable::invalid_id("id", id.get_ref()),
        );
        help(
            d,
            "ids start with a lower-case letter and use only a-z, 0-9 and _",
        );
        false
    }

    /// Registers an id, reporting a bad or duplicate one. Returns it when usable.
    pub(super) fn define_id(&mut self, id: Option<&Str>) -> Option<String> {
        let id = id?;
        if !self.check_id_syntax(id) {
            return None;
        }
        let name = id.get_ref().clone();
        if let Some(first) = self.ids.get(&name) {
            let first = self.src.locate(first);
            let d = self.src.error(
                &id.span(),
                format!(
                    "duplicate id `{name}` (first defined at line {})",
                    first.line
                ),
            );
            help(
                d,
                "ids of dimensions, indicators and tiers must be unique across the file",
            );
            return None;
        }
        self.ids.insert(name.clone(), id.span());
        Some(name)
    }
}

pub(super) fn text(s: Option<Str>) -> Option<String> {
    s.map(Spanned::into_inner)
}

pub(super) fn doc_of(raw: RawDoc) -> Doc {
    Doc {
        name: raw.name.map(Spanned::into_inner).unwrap_or_default(),
        name_en: text(raw.name_en),
        description: text(raw.description),
        basis: text(raw.basis),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::framework::fixture;

    /// After [`fixture::HEAD`] and [`fixture::ONE_DIMENSION`]: line N of this body is
    /// line N + 9 of `f.toml`.
    const BODY: &str = r#"[[dimension.indicator]]
id = "a"
name = "a"
weight = 1
score = { kind = "boolean" }
[[dimension.indicator]]
id = "flag"
name = "flag"
weight = 0
score = { kind = "boolean" }
[[veto]]
indicator = "flag"
equals = true
"#;

    fn base() -> String {
        fixture::text(&format!("{}{BODY}", fixture::ONE_DIMENSION))
    }

    fn first_error(text: &str) -> String {
        match load_str("f.toml", text) {
            Ok(_) => "ok".to_string(),
            Err(d) => d[0].to_string().lines().next().unwrap_or("").to_string(),
        }
    }

    fn indicators(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!("[[dimension.indicator]]\nid = \"x{i}\"\nname = \"x\"\nweight = 1\nscore = {{ kind = \"boolean\" }}\n")
            })
            .collect()
    }

    #[test]
    fn base_loads() {
        assert_eq!(first_error(&base()), "ok");
    }

    #[test]
    fn a_leading_bom_is_fine_and_a_stray_one_is_named() {
        assert_eq!(first_error(&format!("\u{FEFF}{}", base())), "ok");
        let joined = base().replace("[[veto]]", "\u{FEFF}[[veto]]");
        assert_eq!(
            first_error(&joined),
            "f.toml:20:1: error: a byte-order mark (U+FEFF) in the middle of the file"
        );
    }

    #[test]
    fn a_broken_veto_does_not_also_warn_that_its_indicator_is_unused() {
        let broken = base().replace("equals = true", "equals = true\nat_least = 1");
        let d = load_str("f.toml", &broken).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "use exactly one of `at_least`, `at_most` or `equals`"
        );
    }

    #[test]
    fn a_dimension_of_the_wrong_type_is_reported_once() {
        // `dimension` must come before `[framework]` here, so this file is written whole.
        let text = "schema = 1\ndimension = \"tech\"\n[framework]\nid = \"t\"\nname = \"t\"\nversion = \"1\"\n";
        let d = load_str("f.toml", text).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].to_string(),
            "f.toml:2:13: error: `dimension` must be an array, found string"
        );
        let empty = text.replace("\"tech\"", "[]");
        let d = load_str("f.toml", &empty).unwrap_err();
        assert_eq!(d[0].message, "the framework has no [[dimension]]");
    }

    #[test]
    fn limits_the_number_of_items_and_the_size() {
        let at_limit = base().replace("[[veto]]", &format!("{}[[veto]]", indicators(998)));
        assert_eq!(first_error(&at_limit), "ok");
        let over = base().replace("[[veto]]", &format!("{}[[veto]]", indicators(999)));
        let line = 20 + 5 * 998;
        assert_eq!(
            first_error(&over),
            format!(
                "f.toml:{line}:1: error: too many indicators: 1001 (a framework may have at most 1000)"
            )
        );
        let huge = format!("{}#{}\n", base(), "x".repeat(MAX_FRAMEWORK_BYTES));
        assert_eq!(
            first_error(&huge),
            "f.toml: error: the framework file is larger than 10 MiB"
        );
    }

    #[test]
    fn limits_bands_levels_and_ahp_order() {
        let bands: Vec<String> = (0..1001).map(|i| format!("[{i}, 0.5]")).collect();
        let text = base().replacen(
            "kind = \"boolean\"",
            &format!("kind = \"bands\", bands = [{}]", bands.join(", ")),
            1,
        );
        assert!(first_error(&text).ends_with("error: too many bands: 1001 (at most 1000)"));
        let levels: Vec<String> = (0..1001).map(|i| format!("l{i} = 0.5")).collect();
        let text = base().replacen(
            "kind = \"boolean\"",
            &format!("kind = \"levels\", levels = {{ {} }}", levels.join(", ")),
            1,
        );
        assert!(first_error(&text).ends_with("error: too many levels: 1001 (at most 1000)"));
        let order: Vec<String> = (0..100_000).map(|i| format!("\"x{i}\"")).collect();
        let text = base().replace(
            "weight = 1\n[[dimension.indicator]]",
            &format!(
                "weight = 1\n[dimension.ahp]\norder = [{}]\nmatrix = []\n[[dimension.indicator]]",
                order.join(",")
            ),
        );
        let d = load_str("f.toml", &text).unwrap_err();
        assert!(
            d.iter()
                .any(|d| d.message == "AHP is limited to 15 items here, found 100000"),
            "{d:?}"
        );
    }
}
