//! Reading result files back.

use super::*;

const CSV: &str = "rank,provider,total,tier,tech,credit,missing,vetoed_by
1,a,85.00,gold,90.00,77.50,0,
2,'-x,60.00,silver,55.00,67.50,0,
3,b,40.00,vetoed,40.00,40.00,0,dishonest
";

#[test]
fn csv_keeps_provider_total_and_tier_in_file_order() {
    let r = parse("r.csv", CSV).unwrap();
    assert_eq!(r.framework, None);
    let ids: Vec<&str> = r.providers.keys().map(String::as_str).collect();
    // `'-x` is how the CSV writer guards the id `-x` against formulas.
    assert_eq!(ids, ["a", "-x", "b"]);
    let a = r.get("a").unwrap();
    assert_eq!((a.total, a.tier.as_str()), (85.0, "gold"));
    assert_eq!(a.tier_at, Location { line: 2, col: 4 });
    assert!(a.graded());
    assert!(!r.get("b").unwrap().graded());
}

#[test]
fn json_names_its_framework() {
    let text = r#"{"framework": {"id": "mini", "version": "1.0"},
 "providers": [{"provider": "a", "rank": 1, "total": 87.125, "tier": "gold"}]}"#;
    let r = parse("r.json", text).unwrap();
    let fw = r.framework.as_ref().unwrap();
    assert_eq!((fw.id.as_str(), fw.version.as_str()), ("mini", "1.0"));
    assert_eq!(fw.location, Location { line: 1, col: 22 });
    let a = r.get("a").unwrap();
    assert_eq!(a.total, 87.125);
    // Line 2, ` "providers": [{"provider": "a", "rank": 1, "total": 87.125, "tier": ` is 69 characters.
    assert_eq!(a.tier_at, Location { line: 2, col: 70 });
}

#[test]
fn every_bad_row_is_reported() {
    let text = "provider,total,tier\na,abc,gold\nb,101,gold\nc,50,Gold\na,50,gold\n";
    let errors = parse("r.csv", text).unwrap_err();
    let lines: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines
            .iter()
            .map(|l| l.lines().next().unwrap())
            .collect::<Vec<_>>(),
        [
            "r.csv:2:2: error: total `abc` is not a number",
            "r.csv:3:2: error: total `101` is outside [0, 100]",
            "r.csv:4:3: error: `Gold` is not a tier id",
            "r.csv:5:1: error: duplicate result for provider `a` (first at line 2)",
        ]
    );
}

#[test]
fn a_duplicate_names_the_line_of_the_first_id() {
    // Pretty JSON: each provider's id is a line above its tier.
    let text = "{\"framework\": {\"id\": \"m\"}, \"providers\": [\n  {\"provider\": \"a\",\n   \"total\": 50, \"tier\": \"gold\"},\n  {\"provider\": \"a\",\n   \"total\": 40, \"tier\": \"gold\"}\n]}\n";
    let errors = parse("r.json", text).unwrap_err();
    let first = errors[0].to_string();
    let first = first.lines().next().unwrap();
    // The first `a` is on line 2; the second is at column 16 of line 4.
    assert!(
        first.ends_with("error: duplicate result for provider `a` (first at line 2)"),
        "{first}"
    );
    assert!(first.starts_with("r.json:4:16: "), "{first}");
}
