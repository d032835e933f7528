//! `tierscore schema`: every shipped framework is valid against the JSON Schema, keys the reader
//! rejects are rejected by the schema too, and the copy in docs/ is what the binary prints.

mod common;

use serde_json::Value;

/// A framework file as JSON, the way Taplo hands a TOML document to a JSON-Schema validator.
fn as_json(toml_text: &str) -> Value {
    let doc: toml::Table = toml::from_str(toml_text).expect("valid TOML");
    serde_json::to_value(doc).expect("TOML converts to JSON")
}

fn validator() -> jsonschema::Validator {
    let schema = tierscore::schema::framework_schema();
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

/// Every .toml under `dir`, subdirectories included, except golden outputs.
fn frameworks_under(dir: &std::path::Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            if !path.ends_with("golden") {
                frameworks_under(&path, out);
            }
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path.display().to_string());
        }
    }
}

#[test]
fn every_shipped_framework_is_valid() {
    let validator = validator();
    let mut files = Vec::new();
    for dir in ["indicators", "examples", "tests/fixtures"] {
        frameworks_under(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
            &mut files,
        );
    }
    // Round files (SPEC §7, `[round]`) are TOML too but not frameworks.
    files.retain(|p| !p.ends_with("broken-framework.toml") && !p.ends_with("round.toml"));
    files.sort();
    // The three shipped frameworks, the ledger (records and derive), the panel fixture, …
    assert!(files.len() >= 15, "found {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let problems = errors(&validator, &as_json(&text));
        assert!(problems.is_empty(), "{file}: {problems:#?}");
    }
}

#[test]
fn the_starter_framework_of_init_is_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = common::tierscore()
        .args(["init", "--category", "planning", "--dir"])
        .arg(dir.path())
        .output()
        .expect("run init");
    assert!(out.status.success());
    let text = std::fs::read_to_string(dir.path().join("planning.toml")).expect("planning.toml");
    assert_eq!(errors(&validator(), &as_json(&text)), Vec::<String>::new());
}

/// Each edit breaks the mini framework in a way the reader rejects; the schema must reject it too.
#[test]
fn what_the_reader_rejects_the_schema_rejects() {
    let validator = validator();
    let mini = read("tests/fixtures/mini.toml");
    assert!(errors(&validator, &as_json(&mini)).is_empty());
    // Every optional key of an indicator is accepted: a panel with a rubric, required.
    let panel = mini.replace(
        "floor = 10, target = 110 }",
        "floor = 10, target = 110 }\npanel = { min_experts = 3, aggregate = \"trimmed_mean\", spread_alert = 30 }\nrubric = [[90, \"出色\"], [60, \"合格\"]]\nrequired = true",
    );
    assert_ne!(panel, mini);
    assert_eq!(errors(&validator, &as_json(&panel)), Vec::<String>::new());
    let cases = [
        (
            "an unknown top-level key",
            mini.replace("schema = 1", "schema = 1\ncolour = \"red\""),
        ),
        (
            "a misspelt indicator key",
            mini.replace("unit = \"人\"", "unti = \"人\""),
        ),
        (
            "an unknown key in [framework]",
            mini.replace("version = \"1.0\"", "version = \"1.0\"\nauthor = \"x\""),
        ),
        (
            "a weight written as text",
            mini.replace("weight = 60", "weight = \"60\""),
        ),
        (
            "an unknown scoring kind",
            mini.replace(
                "kind = \"boolean\" }\n\n[[dimension]]",
                "kind = \"sigmoid\" }\n\n[[dimension]]",
            ),
        ),
        (
            "a linear rule without target",
            mini.replace(", target = 110", ""),
        ),
        (
            "a key of another rule",
            mini.replace("kind = \"relative\"", "kind = \"relative\", floor = 1"),
        ),
        (
            "a level score above 1",
            mini.replace("\"CS4\" = 0.85", "\"CS4\" = 85"),
        ),
        (
            "a tier without min_total",
            mini.replace("min_total = 50\n", ""),
        ),
        (
            "a condition with two tests",
            mini.replace("at_least = 40", "at_least = 40\nat_most = 90"),
        ),
        (
            "a veto on a dimension",
            mini.replace("indicator = \"dishonest\"", "dimension = \"credit\""),
        ),
        ("schema 2", mini.replace("schema = 1", "schema = 2")),
        ("a derive without records", mini.replace("score = { kind = \"relative\" }", "score = { kind = \"relative\" }\nderive = { aggregate = \"count\" }")),
        ("a derive aggregate that does not exist", mini.replace("score = { kind = \"relative\" }", "score = { kind = \"relative\" }\nderive = { records = \"projects\", aggregate = \"median\" }")),
        ("required as text", mini.replace("score = { kind = \"relative\" }", "score = { kind = \"relative\" }\nrequired = \"yes\"")),
        (
            "a panel without aggregate",
            mini.replace(
                "floor = 10, target = 110 }",
                "floor = 10, target = 110 }\npanel = { min_experts = 3 }",
            ),
        ),
        (
            "a panel aggregate that does not exist",
            mini.replace(
                "floor = 10, target = 110 }",
                "floor = 10, target = 110 }\npanel = { min_experts = 3, aggregate = \"mode\" }",
            ),
        ),
        (
            "a missing policy that does not exist",
            mini.replace(
                "version = \"1.0\"",
                "version = \"1.0\"\nmissing = \"ignore\"",
            ),
        ),
    ];
    for (what, text) in cases {
        assert_ne!(text, mini, "{what}: the edit did not apply");
        assert!(
            !errors(&validator, &as_json(&text)).is_empty(),
            "{what}: the schema accepts it"
        );
        let file = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(file.path(), &text).expect("write");
        let out = common::tierscore()
            .arg("validate")
            .arg(file.path())
            .output()
            .expect("run validate");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{what}: tierscore validate accepts it"
        );
    }
}

/// docs/framework.schema.json, which editors point at, is what `tierscore schema` prints.
/// After a change to src/schema.rs: `tierscore schema -o docs/framework.schema.json`.
#[test]
fn the_schema_in_docs_is_current() {
    let out = common::tierscore()
        .arg("schema")
        .output()
        .expect("run schema");
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    let parsed: Value = serde_json::from_str(&printed).expect("the output is JSON");
    assert_eq!(
        parsed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        read("docs/framework.schema.json"),
        printed,
        "docs/framework.schema.json is stale: run `tierscore schema -o docs/framework.schema.json`"
    );
}
