//! `score --format json` output read back.
//!
//! serde_json locates malformed JSON and fields of the wrong type; the values
//! themselves (a total outside [0, 100], a tier that is not an id) are located
//! by finding the n-th `"total"` and `"tier"` key in the text, since the score
//! JSON has one of each per provider.

use serde::Deserialize;

use super::{FrameworkRef, RoundResults, Rows, check_total};
use crate::diag::{Diagnostic, LineMap, Location};

#[derive(Deserialize)]
struct File {
    framework: Framework,
    providers: Vec<Provider>,
}

#[derive(Deserialize)]
struct Framework {
    id: String,
    #[serde(default)]
    version: String,
}

#[derive(Deserialize)]
struct Provider {
    provider: String,
    total: f64,
    tier: String,
}

/// Parses result JSON: `{"framework": {"id", "version"}, "providers": [{"provider", "total", "tier", …}]}`.
pub(super) fn parse(file: &str, text: &str) -> Result<RoundResults, Vec<Diagnostic>> {
    let parsed: File = serde_json::from_str(text).map_err(|e| vec![serde_error(file, &e)])?;
    let map = LineMap::new(text);
    let at = |offset: Option<usize>| {
        offset.map_or(Location { line: 1, col: 1 }, |o| map.locate(text, o))
    };
    let keys = |key: &str| key_offsets(text, key);
    let (ids, totals, tiers) = (keys("provider"), keys("total"), keys("tier"));
    let framework = FrameworkRef {
        location: at(keys("id").first().copied()),
        id: parsed.framework.id,
        version: parsed.framework.version,
    };
    let nth = |list: &[usize], k: usize| {
        (list.len() == parsed.providers.len())
            .then(|| list.get(k).copied())
            .flatten()
    };
    let mut rows = Rows::new(file);
    for (k, p) in parsed.providers.iter().enumerate() {
        let locations = (at(nth(&ids, k)), at(nth(&totals, k)), at(nth(&tiers, k)));
        rows.add(
            &p.provider,
            check_total(p.total, &p.total.to_string()),
            &p.tier,
            locations,
        );
    }
    rows.finish(Some(framework), Vec::new())
}

/// A serde_json error at its line and column, without serde's " at line … column …" tail.
fn serde_error(file: &str, e: &serde_json::Error) -> Diagnostic {
    let text = e.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m)
        .to_string();
    let location = (e.line() > 0).then(|| Location {
        line: e.line(),
        col: e.column().max(1),
    });
    Diagnostic::error(file, location, format!("not a score result: {message}"))
        .with_help("give the output of `tierscore score --format json` (or --format csv)")
}

/// Byte offsets of the values of every `"key":` in the text, in order.
fn key_offsets(text: &str, key: &str) -> Vec<usize> {
    let needle = format!("\"{key}\"");
    let mut offsets = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(&needle) {
        let end = from + found + needle.len();
        let rest = &text[end..];
        let after = rest.trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value_start = text.len() - value.trim_start().len();
            offsets.push(value_start);
        }
        from = end;
    }
    offsets
}
