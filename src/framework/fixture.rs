//! Test frameworks from a TOML body (unit tests only).
//!
//! Every unit test that needs a framework writes only what it is about — its
//! dimensions, indicators, tables, tiers — and gets the `schema = 1` line and
//! the `[framework]` table from [`HEAD`]. The head is five lines long, so line
//! N of a body is line N + 5 of the file, `f.toml`, that diagnostics name. A
//! body that starts with keys (`missing = "exclude"`) adds them to `[framework]`.

use super::{Framework, Loaded, load_str};
use crate::diag::Diagnostic;

/// `schema = 1` and a `[framework]` table with id, name and version `t`/`t`/`1`.
pub const HEAD: &str = "schema = 1\n[framework]\nid = \"t\"\nname = \"t\"\nversion = \"1\"\n";

/// One `[[dimension]]` `d` of weight 1, for bodies that need no more.
pub const ONE_DIMENSION: &str = "[[dimension]]\nid = \"d\"\nname = \"d\"\nweight = 1\n";

/// The text of the framework file with this body.
pub fn text(body: &str) -> String {
    format!("{HEAD}{body}")
}

/// Loads the framework with this body as `f.toml`.
pub fn load(body: &str) -> Result<Loaded, Vec<Diagnostic>> {
    load_str("f.toml", &text(body))
}

/// The framework with this body. A fixture that does not load is a mistake in
/// the test, so this fails the test with every diagnostic.
pub fn framework(body: &str) -> Framework {
    match load(body) {
        Ok(loaded) => loaded.framework,
        Err(d) => panic!("the test framework does not load: {d:#?}"),
    }
}

/// tests/fixtures/mini.toml, the framework the integration tests share.
pub fn mini() -> Framework {
    match load_str("mini.toml", include_str!("../../tests/fixtures/mini.toml")) {
        Ok(loaded) => loaded.framework,
        Err(d) => panic!("tests/fixtures/mini.toml does not load: {d:#?}"),
    }
}

/// The first line of every diagnostic of a whole framework file `text`
/// (`f.toml:line:col: error: message`); empty when it loads.
pub fn errors(text: &str) -> Vec<String> {
    match load_str("f.toml", text) {
        Ok(_) => Vec::new(),
        Err(d) => d
            .iter()
            .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_gets_the_head_and_its_lines_move_down_by_five() {
        let fw = framework(&format!(
            "{ONE_DIMENSION}[[dimension.indicator]]\nid = \"a\"\nname = \"a\"\nweight = 1\nscore = {{ kind = \"boolean\" }}\n"
        ));
        assert_eq!((fw.id.as_str(), fw.version.as_str()), ("t", "1"));
        assert_eq!(fw.indicators[0].id, "a");
        // Line 1 of the body (`[[dimension]]`, without indicators) is line 6 of f.toml.
        assert_eq!(
            errors(&text(ONE_DIMENSION)),
            ["f.toml:6:1: error: dimension `d` has no [[dimension.indicator]]"]
        );
    }
}
