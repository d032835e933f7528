//! The JSON Schema (draft 2020-12) of the framework format, for editors.
//!
//! Taplo and Even Better TOML validate and complete a TOML file against a JSON Schema:
//! `tierscore schema` prints this one (see docs/formats.md for how to hook it up). It is written
//! by hand because the framework reader (`framework::raw`) is a positioned reader over TOML's
//! spanned tree, not serde structs a schema could be derived from. It describes every key the
//! reader accepts, with what it means; what a schema cannot say (cross-references, weights that
//! must sum, tiers in order, AHP consistency) is left to `tierscore validate`.
//! `tests/schema.rs` checks every shipped framework against it and that an unknown key fails.

use serde_json::{Map, Value, json};

mod records;

/// The schema as a JSON value.
pub fn framework_schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tierscore framework",
        "description": "An indicator framework for tierscore: dimensions of weighted indicators, \
            each with a scoring rule, the tiers a provider can reach (best first) and the vetoes \
            that deny any tier. Check a file with `tierscore validate --strict FILE`.",
        "type": "object",
        "properties": {
            "schema": {
                "description": "The version of the file format; this tierscore reads 1.",
                "const": 1
            },
            "framework": { "$ref": "#/$defs/framework" },
            "dimension": {
                "description": "The dimensions ([[dimension]]), each with its indicators.",
                "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/dimension" }
            },
            "tier": {
                "description": "The tiers ([[tier]]), best first, with strictly decreasing \
                    `min_total`. A provider gets the first tier all of whose conditions hold, \
                    `none` when it meets none.",
                "type": "array", "items": { "$ref": "#/$defs/tier" }
            },
            "veto": {
                "description": "The vetoes ([[veto]], 一票否决): a provider for which any veto \
                    holds is `vetoed`, whatever its scores. A missing value never triggers one.",
                "type": "array", "items": { "$ref": "#/$defs/veto" }
            },
            "ahp": ahp("Weights of the dimensions from an AHP pairwise comparison matrix, \
                instead of each dimension's `weight`."),
            "records": records::records(),
            "progression": {
                "description": "How far a provider may rise in one round (see docs/rounds.md); applied only \
                    with --previous RESULTS.",
                "type": "object",
                "properties": {
                    "first_time_at_most": {
                        "description": "A tier id: a provider without a grade in the previous \
                            round gets at most this tier.",
                        "type": "string"
                    },
                    "step_up_at_most": {
                        "description": "A provider rises at most this many tiers per round.",
                        "type": "integer", "minimum": 1
                    }
                },
                "additionalProperties": false
            }
        },
        "required": ["schema", "framework", "dimension"],
        "additionalProperties": false,
        "$defs": defs()
    })
}

fn defs() -> Value {
    json!({
        "framework": object(
            "[framework]: what the framework is.",
            with_doc(json!({
                "id": text("The framework's id, shown in outputs with its version."),
                "version": text("The framework's version, e.g. \"2026.1\"."),
                "missing": {
                    "description": "What a missing value counts as: `zero` (s = 0, the \
                        default), `exclude` (left out, its siblings' weights renormalised) or \
                        `error` (the run fails).",
                    "enum": ["zero", "exclude", "error"]
                }
            })),
            &["id", "name", "version"],
        ),
        "dimension": object(
            "[[dimension]]: a group of indicators whose weighted mean is the dimension score.",
            with_doc(json!({
                "id": text("The dimension's id: unique, used in outputs and conditions."),
                "weight": weight("The dimension's weight, relative to its siblings' (sum 100 \
                    or 1 to keep `validate --strict` quiet). Required unless [ahp] gives the \
                    dimensions' weights."),
                "indicator": {
                    "description": "The dimension's indicators ([[dimension.indicator]]).",
                    "type": "array", "items": { "$ref": "#/$defs/indicator" }
                },
                "ahp": ahp("Weights of this dimension's indicators from an AHP pairwise \
                    comparison matrix, instead of each indicator's `weight`.")
            })),
            &["id", "name"],
        ),
        "indicator": object(
            "[[dimension.indicator]]: one thing a provider declares, scored by its rule.",
            with_doc(json!({
                "id": text("The indicator's id: unique in the framework, the column or \
                    `indicator` value in the evidence."),
                "weight": weight("The indicator's weight, relative to its siblings' in the \
                    dimension. 0 scores nothing: the indicator only feeds tiers or vetoes."),
                "unit": text("The unit of its values, e.g. \"人\" or \"万元\"."),
                "evidence": text("The document that proves the value (shown by `init` and in \
                    the report)."),
                "advice": text("How a provider can improve it (shown by `gap` and the report)."),
                "required": {
                    "description": "true: every provider must give a present, applicable and \
                        unexpired value, or its tier is `incomplete` (待补正). Put it on every \
                        indicator a veto or a tier condition reads.",
                    "type": "boolean"
                },
                "score": { "$ref": "#/$defs/score" },
                "derive": records::derive(),
                "required": {
                    "description": "Every provider must give a present, applicable, unexpired \
                        value, or it is `incomplete` (待补正) instead of getting a tier. Give it to \
                        indicators that a veto or a tier condition reads.",
                    "type": "boolean"
                },
                "panel": {
                    "description": "Scored by an expert panel (专家评审): several experts give \
                        a value each, and their aggregate is scored by the indicator's numeric \
                        rule (linear, bands or relative).",
                    "type": "object",
                    "properties": {
                        "min_experts": {
                            "description": "The fewest experts' scores that give a value; \
                                fewer leave the value missing.",
                            "type": "integer", "minimum": 1
                        },
                        "aggregate": {
                            "description": "How the experts' scores become the value: `mean`, \
                                `median`, or `trimmed_mean` (drop one highest and one lowest, \
                                去掉一个最高分和一个最低分).",
                            "enum": ["mean", "median", "trimmed_mean"]
                        },
                        "spread_alert": {
                            "description": "Warn when max − min of one provider's scores \
                                exceeds this.",
                            "type": "number", "exclusiveMinimum": 0
                        }
                    },
                    "required": ["min_experts", "aggregate"],
                    "additionalProperties": false
                },
                "rubric": {
                    "description": "The scoring sheet for experts: [threshold, \"text\"] lines, \
                        thresholds descending within the indicator's scale; a score at or above \
                        a threshold (and below the previous one) looks like its text.",
                    "type": "array", "minItems": 1,
                    "items": {
                        "type": "array", "minItems": 2, "maxItems": 2,
                        "prefixItems": [
                            number("The least score this line describes."),
                            text("What a score at this level looks like.")
                        ]
                    }
                }
            })),
            &["id", "name", "score"],
        ),
        "score": {
            "description": "How a value becomes a score s in [0, 1].",
            "type": "object",
            "required": ["kind"],
            "oneOf": [
                rule("linear", "Linear between `floor` (s = 0) and `target` (s = 1), clamped; \
                    floor above target means lower is better.", json!({
                    "floor": number("The value that scores 0."),
                    "target": number("The value that scores 1; must differ from `floor`.")
                }), &["floor", "target"]),
                rule("bands", "Steps: the score of the highest threshold the value reaches \
                    (with direction = \"lower\", the lowest threshold it stays at or below).",
                    json!({
                    "bands": {
                        "description": "[threshold, score] pairs, thresholds strictly \
                            ascending, scores in [0, 1].",
                        "type": "array", "minItems": 1, "maxItems": 1000,
                        "items": {
                            "type": "array", "minItems": 2, "maxItems": 2,
                            "prefixItems": [
                                number("The threshold."),
                                fraction("The score at and beyond the threshold.")
                            ]
                        }
                    },
                    "direction": direction()
                }), &["bands"]),
                rule("boolean", "Yes scores 1, no scores 0 (true/false, yes/no, 是/否, \
                    有/无, 1/0 in the evidence).", json!({}), &[]),
                rule("levels", "Labels, each with its score, e.g. CS levels.", json!({
                    "levels": {
                        "description": "Each label (as written in the evidence) with its \
                            score in [0, 1], e.g. { \"CS2\" = 0.4, \"CS3\" = 0.65 }.",
                        "type": "object", "minProperties": 1, "maxProperties": 1000,
                        "additionalProperties": fraction("The label's score.")
                    }
                }), &["levels"]),
                rule("relative", "Min-max over the providers of the run: the best scores 1, \
                    the worst 0.", json!({ "direction": direction() }), &[])
            ]
        },
        "ahp": {
            "type": "object",
            "properties": {
                "order": {
                    "description": "The ids of the weighted items, in the order of the \
                        matrix's rows and columns.",
                    "type": "array", "items": { "type": "string" }, "maxItems": 15
                },
                "matrix": {
                    "description": "The pairwise comparison matrix (Saaty's 1–9 scale): \
                        entry [i][j] says how much more item i matters than item j; reciprocal, \
                        consistency ratio at most 0.10. Fractions may be written as strings \
                        (\"1/3\").",
                    "type": "array",
                    "items": {
                        "type": "array",
                        "items": {
                            "oneOf": [
                                { "type": "number", "exclusiveMinimum": 0 },
                                { "type": "string", "pattern": "^\\s*[0-9.]+\\s*/\\s*[0-9.]+\\s*$" }
                            ]
                        }
                    }
                }
            },
            "required": ["order", "matrix"],
            "additionalProperties": false
        },
        "tier": object(
            "[[tier]]: a service grade and the conditions to reach it.",
            with_doc(json!({
                "id": text("The tier's id (not `none`, `vetoed` or `incomplete`), used in outputs, \
                    `--require-tier` and `--target`."),
                "min_total": number("The least total (0–100) of this tier."),
                "min_each_dimension": number("The least score (0–100) of every dimension."),
                "require": {
                    "description": "Further conditions ([[tier.require]]), each on one \
                        dimension's score or one indicator's value.",
                    "type": "array", "items": { "$ref": "#/$defs/condition" }
                }
            })),
            &["id", "name", "min_total"],
        ),
        "condition": condition(true),
        "veto": condition(false)
    })
}

/// A `[[tier.require]]` (on a dimension or an indicator) or a `[[veto]]` (on an indicator).
fn condition(tier: bool) -> Value {
    let mut props = json!({
        "indicator": text("The indicator whose raw value is compared."),
        "at_least": threshold("Holds when the value is at least this (for a levels \
            indicator, a label or a score)."),
        "at_most": threshold("Holds when the value is at most this."),
        "equals": threshold("Holds when the value equals this (e.g. true for a flag)."),
        "basis": text("Where the threshold comes from.")
    });
    let mut one_of_subject = vec![json!({ "required": ["indicator"] })];
    let description = if tier {
        props["dimension"] = text("The dimension whose score (0–100) is compared.");
        one_of_subject.push(json!({ "required": ["dimension"] }));
        "A condition on one dimension's score or one indicator's value, with exactly one of \
         `at_least`, `at_most`, `equals`."
    } else {
        props["reason"] = text("Why the veto applies, shown with it.");
        props["reason_en"] = text("The reason in English (`--lang en`).");
        "[[veto]]: a condition on one indicator's value that denies every tier when it holds."
    };
    json!({
        "description": description,
        "type": "object",
        "properties": props,
        "allOf": [
            { "oneOf": one_of_subject },
            { "oneOf": [
                { "required": ["at_least"] }, { "required": ["at_most"] }, { "required": ["equals"] }
            ] }
        ],
        "additionalProperties": false
    })
}

/// A closed object with a description, properties and required keys.
fn object(description: &str, properties: Value, required: &[&str]) -> Value {
    json!({
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

/// Adds the naming and documentation keys shared by the framework, dimensions, indicators and
/// tiers.
fn with_doc(mut properties: Value) -> Value {
    if let Some(map) = properties.as_object_mut() {
        let doc: Map<String, Value> = [
            ("name", "The name, in Chinese (shown with --lang zh)."),
            (
                "name_en",
                "The name in English (shown with --lang en; else `name`).",
            ),
            ("description", "What it is, in a sentence or two."),
            (
                "basis",
                "Where it comes from: the standard or scheme, or \"judgement\".",
            ),
        ]
        .into_iter()
        .map(|(k, d)| (k.to_string(), text(d)))
        .collect();
        map.extend(doc);
    }
    properties
}

fn rule(kind: &str, description: &str, mut properties: Value, required: &[&str]) -> Value {
    properties["kind"] = json!({ "description": "The scoring rule's kind.", "const": kind });
    let mut required: Vec<&str> = required.to_vec();
    required.insert(0, "kind");
    json!({
        "description": format!("`{kind}`: {description}"),
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

fn ahp(description: &str) -> Value {
    json!({ "description": description, "$ref": "#/$defs/ahp" })
}

fn text(description: &str) -> Value {
    json!({ "description": description, "type": "string" })
}

fn number(description: &str) -> Value {
    json!({ "description": description, "type": "number" })
}

fn weight(description: &str) -> Value {
    json!({ "description": description, "type": "number", "minimum": 0 })
}

fn fraction(description: &str) -> Value {
    json!({ "description": description, "type": "number", "minimum": 0, "maximum": 1 })
}

fn threshold(description: &str) -> Value {
    json!({ "description": description, "type": ["number", "boolean", "string"] })
}

fn direction() -> Value {
    json!({
        "description": "Whether higher values are better (the default) or lower ones.",
        "enum": ["higher", "lower"]
    })
}
