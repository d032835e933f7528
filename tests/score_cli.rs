//! `score` and `weights` through the real binary, compared with golden files.

mod common;

use common::{assert_golden, fixture, temp_file, tierscore};

fn score_output(args: &[&str]) -> String {
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
        ])
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn score_csv_has_the_exact_columns_and_numbers() {
    // a: tech = 100×(0.5×1 + 0.3×0.85 + 0.2×1) = 95.5; credit = 100×(0.5×1 + 0.5×1) = 100;
    //    total = 0.6×95.5 + 0.4×100 = 97.3 → gold (≥80, each ≥60, CS4 ≥ CS3).
    // c: tech = 100×(0.5 + 0.3×0.65 + 0.2) = 89.5; credit = 100×(0.5×0.8 + 0.5×0.5) = 65;
    //    total = 53.7 + 26 = 79.7, vetoed by `dishonest`.
    // b: staff (60−10)/100 = 0.5 → tech = 100×(0.25 + 0.12) = 37; credit 100×0.5×0.5 = 25; total 32.2.
    // d: staff and iso27001 missing (0), p1_response n/a (left out), dishonest missing → missing = 3;
    //    `dishonest` is required, so d is incomplete rather than none.
    let expected = "\
rank,provider,total,tier,tech,credit,missing,vetoed_by
1,a,97.30,gold,95.50,100.00,0,
2,c,79.70,vetoed,89.50,65.00,0,dishonest
3,b,32.20,none,37.00,25.00,0,
4,d,0.00,incomplete,0.00,0.00,3,
";
    assert_eq!(score_output(&["--format", "csv"]), expected);
}

#[test]
fn score_golden_outputs_for_every_format() {
    assert_golden(
        "mini-detail.csv",
        &score_output(&["--format", "csv", "--detail"]),
    );
    assert_golden("mini.json", &score_output(&["--format", "json"]));
    assert_golden(
        "mini.md",
        &score_output(&["--format", "markdown", "--lang", "en"]),
    );
    assert_golden("mini-table.txt", &score_output(&["--detail"]));
}

#[test]
fn json_numbers_are_unrounded_and_keys_follow_the_spec() {
    let json: serde_json::Value =
        serde_json::from_str(&score_output(&["--format", "json"])).expect("json");
    assert_eq!(json["framework"]["id"], "mini");
    let a = &json["providers"][0];
    assert_eq!(a["provider"], "a");
    assert_eq!(a["rank"], 1);
    assert_eq!(a["tier"], "gold");
    assert!((a["total"].as_f64().unwrap() - 97.3).abs() < 1e-9);
    assert_eq!(a["indicators"]["staff"]["value"], 110);
    assert_eq!(a["indicators"]["staff"]["score"], 1.0);
    assert_eq!(a["indicators"]["cs_level"]["value"], "CS4");
    assert_eq!(a["indicators"]["iso27001"]["value"], true);
    let d = &json["providers"][3];
    assert_eq!(d["indicators"]["staff"]["value"], serde_json::Value::Null);
    assert_eq!(d["indicators"]["staff"]["missing"], true);
    assert_eq!(d["indicators"]["p1_response"]["not_applicable"], true);
    assert_eq!(d["missing"], 3);
    assert_eq!(json["providers"][1]["vetoed_by"][0], "dishonest");
}

#[test]
fn output_format_follows_the_extension_and_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.csv");
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("rank,provider,total,tier,tech,credit,missing,vetoed_by\n1,a,97.30,gold,")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn invalid_evidence_writes_nothing_and_keeps_a_previous_file() {
    let (dir, evidence) = temp_file("bad.csv", b"provider,indicator,value\na,staff,lots\n");
    let out = dir.path().join("scores.csv");
    std::fs::write(&out, "previous result\n").unwrap();
    tierscore()
        .args(["score", "-f", &fixture("mini.toml"), "-e", &evidence, "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous result\n");
}

#[test]
fn refuses_to_write_over_an_input() {
    let (_dir, evidence) = temp_file("e.csv", &std::fs::read(fixture("mini-long.csv")).unwrap());
    let before = std::fs::read(&evidence).unwrap();
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &evidence,
            "--format",
            "csv",
            "-o",
            &evidence,
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "refusing to write the output over an input file",
        ));
    assert_eq!(std::fs::read(&evidence).unwrap(), before);
}

#[test]
fn a_missing_output_directory_is_an_error_with_exit_1() {
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
            "-o",
            "/nonexistent/dir/out.csv",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "/nonexistent/dir/out.csv: error: cannot write the output",
        ));
}

#[test]
fn evidence_from_stdin() {
    let evidence = std::fs::read(fixture("mini-long.csv")).unwrap();
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            "-",
            "--format",
            "csv",
        ])
        .write_stdin(evidence)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        score_output(&["--format", "csv"])
    );
}

/// Provider d gives no value for the veto flag `dishonest`: it is named, not silently passed.
const UNCHECKED_VETO: &str = "tests/fixtures/mini-long.csv: warning: veto indicator `dishonest` has no value for 1 provider(s), who were not checked: d\n  = help: give `dishonest` for every provider (false when it does not apply)\n";

#[test]
fn require_tier_gates_ci() {
    // Every provider reaches `none` or better except c (vetoed).
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
            "--format",
            "csv",
            "--require-tier",
            "none",
        ])
        .assert()
        .code(1)
        .stderr(format!(
            "{UNCHECKED_VETO}error: 1 provider(s) below tier `none`: c (vetoed)\n"
        ));
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
            "--require-tier",
            "silver",
        ])
        .assert()
        .code(1)
        .stderr(format!("{UNCHECKED_VETO}error: 3 provider(s) below tier `silver`: c (vetoed), b (none), d (incomplete)\n"));
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
            "--require-tier",
            "platinum",
        ])
        .assert()
        .code(2)
        .stderr(format!("{UNCHECKED_VETO}error: unknown tier `platinum`; this framework's tiers are: gold, silver, none\n"));
}

#[test]
fn wide_format_gives_the_same_scores_as_long() {
    let wide = "provider,name,region,staff,cs_level,iso27001,p1_response,revenue,dishonest\n\
                a,甲公司,杭州,110,CS4,是,10,300,否\n\
                b,乙公司,宁波,60,CS2,no,45,100,0\n\
                c,丙公司,杭州,200,CS3,yes,20,200,yes\n\
                d,丁公司,宁波,,无,,n/a,100,\n";
    let (_dir, path) = temp_file("wide.csv", wide.as_bytes());
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &path,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        score_output(&["--format", "csv"])
    );
}

#[test]
fn gbk_evidence_is_read_and_names_line_up_in_tables() {
    let text = "provider,name,staff,cs_level,iso27001,p1_response,revenue,dishonest\n\
                a,华信数字,110,CS4,是,10,300,否\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let (_dir, path) = temp_file("gbk.csv", &gbk);
    tierscore()
        .args(["score", "-f", &fixture("mini.toml"), "-e", &path])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "│    1 ┆ a    ┆ 华信数字 ┆ 97.30 ┆ 金级 ┆",
        ));
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &path,
            "--encoding",
            "utf-8",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            ":2:3: error: the file is not valid UTF-8",
        ));
}

#[test]
fn csv_output_neutralises_formulas() {
    let evidence = "provider,indicator,value\n=HYPERLINK(\"x\"),staff,50\n@cmd,staff,60\n";
    let (_dir, path) = temp_file("f.csv", evidence.as_bytes());
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &path,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\n1,'@cmd,"), "{text}");
    assert!(text.contains("\n2,\"'=HYPERLINK(\"\"x\"\")\","), "{text}");
}

#[test]
fn weights_golden_and_ahp() {
    let out = tierscore()
        .args(["weights", "-f", &fixture("mini.toml"), "--format", "csv"])
        .output()
        .unwrap();
    assert_golden("mini-weights.csv", &String::from_utf8(out.stdout).unwrap());
    // Saaty's example: [[1,3,5],[1/3,1,2],[1/5,1/2,1]] → 0.6483, 0.2297, 0.1220, CR 0.0032.
    let out = tierscore()
        .args(["weights", "-f", &fixture("ahp.toml")])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("AHP dimensions: λmax = 3.0037, CI = 0.0018, RI = 0.58, CR = 0.0032"),
        "{text}"
    );
    let out = tierscore()
        .args(["weights", "-f", &fixture("ahp.toml"), "--format", "csv"])
        .output()
        .unwrap();
    assert_golden("ahp-weights.csv", &String::from_utf8(out.stdout).unwrap());
}

#[cfg(unix)]
#[test]
fn replacing_an_output_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, out) = temp_file("scores.csv", b"old\n");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &fixture("mini-long.csv"),
            "-o",
            &out,
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn marking_a_veto_flag_or_a_gate_not_applicable_is_reported() {
    let evidence = "provider,staff,cs_level,iso27001,p1_response,revenue,dishonest\n\
                    x,110,n/a,yes,10,300,n/a\n\
                    y,110,CS4,yes,10,300,no\n";
    let (_dir, path) = temp_file("e.csv", evidence.as_bytes());
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            &path,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap().replace(&path, "E");
    assert_eq!(
        stderr,
        "E: warning: veto indicator `dishonest` has no value for 1 provider(s), who were not checked: x\n  \
         = help: give `dishonest` for every provider (false when it does not apply)\n\
         E: warning: tier condition on `cs_level` skipped (marked n/a) for 1 provider(s), who were not checked: x\n  \
         = help: check that `cs_level` really does not apply to them\n"
    );
    // The skipped gate alone would let x reach gold; both items are `required`
    // in mini.toml, so x is incomplete (§7), its n/a-raised total (100, cs_level
    // left out) still shown; y, with CS4 (0.85) instead, totals 97.3 (as `a` in
    // score_csv_has_the_exact_columns_and_numbers) and is gold.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\n1,x,100.00,incomplete,"), "{stdout}");
    assert!(stdout.contains("\n2,y,97.30,gold,"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_pipe_named_as_a_file_is_read_once_whole() {
    // `-e <(…)` and `/dev/stdin` are pipes: they cannot be scanned and reopened.
    let evidence = std::fs::read(fixture("mini-long.csv")).unwrap();
    let out = tierscore()
        .args([
            "score",
            "-f",
            &fixture("mini.toml"),
            "-e",
            "/dev/stdin",
            "--format",
            "csv",
        ])
        .write_stdin(evidence)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        score_output(&["--format", "csv"])
    );
}

/// `score --format json` writes one line per provider, and the same keys, key
/// order and numbers as the pretty-printed document it replaced (docs/formats.md,
/// JSON layout). The expected document is derived by hand (see
/// `score_csv_has_the_exact_columns_and_numbers` for the totals): a, c, b, d.
#[test]
fn score_json_has_one_line_per_provider_and_the_documented_values() {
    use serde_json::{Value, json};
    let ind = |value: Value, score: Value, missing: bool| json!({"value": value, "score": score, "missing": missing});
    // revenue is relative: min 100, max 300 → a 1, c 0.5, b and d 0.
    // p1_response bands (lower is better): 10 → 1.0, 20 → 0.8, 45 → 0.5; n/a for d.
    let provider = |id: &str, rank: u32, total: f64, tier: &str, dims: [f64; 2], inds: Value| {
        json!({"provider": id, "rank": rank, "total": total, "tier": tier,
            "dimensions": {"tech": dims[0], "credit": dims[1]}, "indicators": inds})
    };
    let mut providers = vec![
        provider(
            "a",
            1,
            97.3,
            "gold",
            [95.5, 100.0],
            json!({
            "staff": ind(json!(110), json!(1.0), false),
            "cs_level": ind(json!("CS4"), json!(0.85), false),
            "iso27001": ind(json!(true), json!(1.0), false),
            "p1_response": ind(json!(10), json!(1.0), false),
            "revenue": ind(json!(300), json!(1.0), false),
            "dishonest": ind(json!(false), json!(0.0), false)}),
        ),
        provider(
            "c",
            2,
            79.7,
            "vetoed",
            [89.5, 65.0],
            json!({
            "staff": ind(json!(200), json!(1.0), false),
            "cs_level": ind(json!("CS3"), json!(0.65), false),
            "iso27001": ind(json!(true), json!(1.0), false),
            "p1_response": ind(json!(20), json!(0.8), false),
            "revenue": ind(json!(200), json!(0.5), false),
            "dishonest": ind(json!(true), json!(1.0), false)}),
        ),
        provider(
            "b",
            3,
            32.2,
            "none",
            [37.0, 25.0],
            json!({
            "staff": ind(json!(60), json!(0.5), false),
            "cs_level": ind(json!("CS2"), json!(0.4), false),
            "iso27001": ind(json!(false), json!(0.0), false),
            "p1_response": ind(json!(45), json!(0.5), false),
            "revenue": ind(json!(100), json!(0.0), false),
            "dishonest": ind(json!(false), json!(0.0), false)}),
        ),
        provider(
            "d",
            4,
            0.0,
            "incomplete",
            [0.0, 0.0],
            json!({
            "staff": ind(Value::Null, json!(0.0), true),
            "cs_level": ind(json!("无"), json!(0.0), false),
            "iso27001": ind(Value::Null, json!(0.0), true),
            "p1_response": {"value": null, "score": null, "missing": false, "not_applicable": true},
            "revenue": ind(json!(100), json!(0.0), false),
            "dishonest": ind(Value::Null, json!(0.0), true)}),
        ),
    ];
    let (none, dishonest): (&[&str], &[&str]) = (&[], &["dishonest"]);
    let tail = [
        (0, none, none),
        (0, dishonest, none),
        (0, none, none),
        (3, none, dishonest),
    ];
    for (p, (missing, vetoed_by, incomplete_by)) in providers.iter_mut().zip(tail) {
        let m = p.as_object_mut().unwrap();
        m.insert("missing".into(), json!(missing));
        m.insert("vetoed_by".into(), json!(vetoed_by));
        m.insert("incomplete_by".into(), json!(incomplete_by));
    }
    let document = json!({"framework": {"id": "mini", "version": "1.0"}, "providers": providers});
    // The layout before this one: serde_json's pretty printer.
    let pretty = serde_json::to_string_pretty(&document).unwrap();
    let before: Value = serde_json::from_str(&pretty).unwrap();

    let out = score_output(&["--format", "json"]);
    let now: Value = serde_json::from_str(&out).expect("one JSON document");
    same_json(&now, &before, "");
    // One line per provider of the evidence, between the two head lines and the closing one.
    let evidence = std::fs::read_to_string(fixture("mini-long.csv")).unwrap();
    let mut ids: Vec<&str> = evidence
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    ids.dedup();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), ids.len() + 3, "{out}");
    assert_eq!(
        lines[..2],
        [
            "{\"framework\":{\"id\":\"mini\",\"version\":\"1.0\"},",
            "\"providers\":["
        ]
    );
    assert_eq!(lines[lines.len() - 1], "]}");
    assert!(out.ends_with("]}\n"));
    for (line, expected) in lines[2..]
        .iter()
        .zip(&before["providers"].as_array().unwrap()[..])
    {
        let object: Value = serde_json::from_str(line.strip_suffix(',').unwrap_or(line)).unwrap();
        same_json(&object, expected, "line");
    }
}

/// `got` and `expected` have the same keys in the same order, the same
/// strings, booleans and nulls, and numbers of the same kind (integer or not)
/// within 1e-9 (the totals are sums of products, exact only to rounding).
fn same_json(got: &serde_json::Value, expected: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (got, expected) {
        (Value::Object(g), Value::Object(e)) => {
            let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(g), keys(e), "keys at {at}");
            for (k, v) in g {
                same_json(v, &e[k], &format!("{at}.{k}"));
            }
        }
        (Value::Array(g), Value::Array(e)) => {
            assert_eq!(g.len(), e.len(), "length at {at}");
            for (i, (g, e)) in g.iter().zip(e).enumerate() {
                same_json(g, e, &format!("{at}[{i}]"));
            }
        }
        (Value::Number(g), Value::Number(e)) => {
            assert_eq!(g.is_f64(), e.is_f64(), "integer or not at {at}: {g} vs {e}");
            let (g, e) = (g.as_f64().unwrap(), e.as_f64().unwrap());
            assert!((g - e).abs() < 1e-9, "{at}: {g} vs {e}");
        }
        _ => assert_eq!(got, expected, "at {at}"),
    }
}
