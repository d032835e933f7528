//! `tierscore summary --by ATTRIBUTE` on a three-region fixture.
//!
//! tests/fixtures/summary: two dimensions of weight 50 (total = mean of the two),
//! `missing = "exclude"`, tiers gold ≥ 80 and silver ≥ 50, a veto on `dishonest`.
//! tech = staff (linear 0 → 100); credit = rating (A 1, B 0.5, C 0).
//!
//! | provider | region | tech | credit | total | tier |
//! | p1 | 杭州 | 90 | 100 | 95 | gold |
//! | p2 | 杭州 | 40 | 50 | 45 | none |
//! | p3 | 宁波 | 70 | 50 | 60 | silver |
//! | p4 | 宁波 | dropped (staff missing) | 100 | 100 | gold |
//! | p5 | 苏州 | 60 | 0 | 30 | vetoed (dishonest = 是) |
//! | p6 | (empty) | 100 | 100 | 100 | gold |

use assert_cmd::Command;

const DIR: &str = "tests/fixtures/summary";

fn summary(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("tierscore")
        .unwrap()
        .args([
            "summary",
            "-f",
            &format!("{DIR}/framework.toml"),
            "-e",
            &format!("{DIR}/evidence.csv"),
        ])
        .args(args)
        .assert()
}

#[test]
fn csv_by_region_counts_means_weakest_and_all_row() {
    // Groups in code point order: 宁 U+5B81 < 杭 U+676D < 苏 U+82CF, then (none), then all.
    // 宁波: p3 silver, p4 gold; total (60+100)/2 = 80; tech only p3 = 70 (p4's is dropped);
    //       credit (50+100)/2 = 75; weakest tech.
    // 杭州: p1 gold, p2 none; total (95+45)/2 = 70; tech (90+40)/2 = 65; credit (100+50)/2 = 75.
    // 苏州: p5 vetoed; 30; tech 60; credit 0 → weakest credit.
    // (none): p6 gold; 100, 100, 100: a tie, so the first dimension, tech.
    // all: gold p1 p4 p6 = 3, silver 1, incomplete 0, none 1, vetoed 1;
    //      total 430/6 = 71.666… → 71.67; tech 360/5 = 72 (p4 left out); credit 400/6 = 66.67.
    summary(&["--by", "region", "--format", "csv"])
        .success()
        .stdout(
            "group,providers,gold,silver,incomplete,none,vetoed,mean_total,tech,credit,weakest_dimension\n\
             宁波,2,1,1,0,0,0,80.00,70.00,75.00,tech\n\
             杭州,2,1,0,0,1,0,70.00,65.00,75.00,tech\n\
             苏州,1,0,0,0,0,1,30.00,60.00,0.00,credit\n\
             (none),1,1,0,0,0,0,100.00,100.00,100.00,tech\n\
             all,6,3,1,0,1,1,71.67,72.00,66.67,credit\n",
        )
        .stderr("");
}

#[test]
fn json_by_region_has_unrounded_means_and_null_group() {
    let out = summary(&["--by", "region", "--format", "json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["by"], "region");
    assert_eq!(json["groups"].as_array().unwrap().len(), 4);
    // 宁波's tier counts, in tier order.
    assert_eq!(
        json["groups"][0]["tiers"],
        serde_json::json!({"gold": 1, "silver": 1, "incomplete": 0, "none": 0, "vetoed": 0})
    );
    // The providers with an empty region form the group `null` (CSV: `(none)`).
    assert_eq!(json["groups"][3]["group"], serde_json::Value::Null);
    // all: 430/6 and 400/6 unrounded.
    assert_eq!(json["all"]["group"], "all");
    assert_eq!(json["all"]["mean_total"], 430.0 / 6.0);
    assert_eq!(json["all"]["dimensions"]["tech"], 72.0);
    assert_eq!(json["all"]["dimensions"]["credit"], 400.0 / 6.0);
    assert_eq!(json["all"]["weakest_dimension"], "credit");
}

#[test]
fn attribute_from_providers_file_and_providers_without_it() {
    // size comes from --providers; p4 and p6 are not in that file → (none).
    // large: p1 95, p5 30 → 62.5; tech (90+60)/2 = 75; credit (100+0)/2 = 50.
    // small: p2 45, p3 60 → 52.5; tech (40+70)/2 = 55; credit (50+50)/2 = 50.
    // (none): p4 100, p6 100 → 100; tech only p6 = 100; credit 100; tie → tech.
    summary(&[
        "--by",
        "size",
        "--providers",
        &format!("{DIR}/providers.csv"),
        "--format",
        "csv",
    ])
    .success()
    .stdout(
        "group,providers,gold,silver,incomplete,none,vetoed,mean_total,tech,credit,weakest_dimension\n\
         large,2,1,0,0,0,1,62.50,75.00,50.00,credit\n\
         small,2,0,1,0,1,0,52.50,55.00,50.00,credit\n\
         (none),2,2,0,0,0,0,100.00,100.00,100.00,tech\n\
         all,6,3,1,0,1,1,71.67,72.00,66.67,credit\n",
    );
}

#[test]
fn markdown_in_english_shows_names() {
    summary(&["--by", "region", "--format", "markdown", "--lang", "en"])
        .success()
        .stdout(
            "| region | providers | Gold | Silver | incomplete — evidence to supply | none | vetoed | mean total | Technical | Credit | weakest dimension |\n\
             | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n\
             | 宁波 | 2 | 1 | 1 | 0 | 0 | 0 | 80.00 | 70.00 | 75.00 | Technical |\n\
             | 杭州 | 2 | 1 | 0 | 0 | 1 | 0 | 70.00 | 65.00 | 75.00 | Technical |\n\
             | 苏州 | 1 | 0 | 0 | 0 | 0 | 1 | 30.00 | 60.00 | 0.00 | Credit |\n\
             | (none) | 1 | 1 | 0 | 0 | 0 | 0 | 100.00 | 100.00 | 100.00 | Technical |\n\
             | all | 6 | 3 | 1 | 0 | 1 | 1 | 71.67 | 72.00 | 66.67 | Credit |\n",
        );
}

#[test]
fn an_incomplete_provider_is_counted_in_its_own_column() {
    // p7 (杭州) leaves the required veto flag `dishonest` blank: tech 80, credit A = 100,
    // total 90 would be gold, but it is incomplete (§7) and counted before `none`.
    // 杭州: p1 gold, p2 none, p7 incomplete; total (95+45+90)/3 = 76.67;
    //       tech (90+40+80)/3 = 70; credit (100+50+100)/3 = 83.33 → weakest tech.
    // all: 7 providers, gold 3 (p1 p4 p6), silver 1, incomplete 1, none 1, vetoed 1;
    //      total (430+90)/7 = 74.29; tech (360+80)/6 = 73.33; credit (400+100)/7 = 71.43 → credit.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evidence.csv");
    let base = std::fs::read_to_string(format!("{DIR}/evidence.csv")).unwrap();
    std::fs::write(&path, format!("{base}p7,庚公司,杭州,80,A,\n")).unwrap();
    Command::cargo_bin("tierscore")
        .unwrap()
        .args(["summary", "-f", &format!("{DIR}/framework.toml")])
        .args(["-e", path.to_str().unwrap(), "--by", "region", "--format", "csv"])
        .assert()
        .success()
        .stdout(
            "group,providers,gold,silver,incomplete,none,vetoed,mean_total,tech,credit,weakest_dimension\n\
             宁波,2,1,1,0,0,0,80.00,70.00,75.00,tech\n\
             杭州,3,1,0,1,1,0,76.67,70.00,83.33,tech\n\
             苏州,1,0,0,0,0,1,30.00,60.00,0.00,credit\n\
             (none),1,1,0,0,0,0,100.00,100.00,100.00,tech\n\
             all,7,3,1,1,1,1,74.29,73.33,71.43,credit\n",
        );
}

#[test]
fn unknown_attribute_is_a_usage_error_listing_the_known_ones() {
    summary(&["--by", "regoin", "--format", "csv"])
        .code(2)
        .stdout("")
        .stderr(
            "error: no provider has the attribute `regoin`; the providers have: name, region\n",
        );
}

#[test]
fn writes_the_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.csv");
    summary(&["--by", "region", "-o", path.to_str().unwrap()])
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("group,providers,gold,"), "{text}");
    assert!(
        text.ends_with("all,6,3,1,0,1,1,71.67,72.00,66.67,credit\n"),
        "{text}"
    );
}
