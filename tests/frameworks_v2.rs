//! Named scenario providers against each shipped framework: what a grade must mean.
//!
//! Each framework gets a `star` provider whose every indicator is at its target (every
//! dimension 100, total 100, regional); each scenario changes a few values and the expected
//! totals are worked out by hand in the comments (dimension weights and indicator weights are
//! those of `indicators/*.toml`; a linear indicator scores clamp((v − floor)/(target − floor))).

use std::path::PathBuf;

use assert_cmd::Command;

fn tierscore() -> Command {
    let mut cmd = Command::cargo_bin("tierscore").expect("the tierscore binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Whether the framework scores `id` by an expert panel (`panel = …` in its table, §8). Such a
/// value is given as five experts' scores, all equal to it, so any aggregate is the value itself.
fn is_panel(framework_text: &str, id: &str) -> bool {
    let Some(at) = framework_text.find(&format!("id = \"{id}\"\n")) else {
        return false;
    };
    let rest = &framework_text[at..];
    let table = &rest[..rest[1..].find("[[").map_or(rest.len(), |n| n + 1)];
    table.contains("\npanel = ")
}

/// Scores `providers` (each a list of overrides of `star`) from long evidence, with a
/// `--providers` file giving each a `net_assets` attribute (4000 unless overridden); returns
/// `provider → "total,tier,<dimensions>"`.
fn score(
    framework: &str,
    star: &[(&str, &str)],
    providers: &[(&str, &[(&str, &str)])],
) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let evidence: PathBuf = dir.path().join("evidence.csv");
    let attributes: PathBuf = dir.path().join("providers.csv");
    let mut csv = String::from("provider,indicator,value,expert\n");
    let mut attrs = String::from("provider,net_assets\n");
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(framework))
            .expect("the framework is readable");
    for (name, overrides) in providers {
        let get = |id: &str| overrides.iter().find(|(k, _)| *k == id).map(|(_, v)| *v);
        attrs.push_str(&format!("{name},{}\n", get("net_assets").unwrap_or("4000")));
        for (id, value) in star {
            let value = get(id).unwrap_or(value);
            if is_panel(&text, id) {
                for expert in ["e1", "e2", "e3", "e4", "e5"] {
                    csv.push_str(&format!("{name},{id},{value},{expert}\n"));
                }
            } else {
                csv.push_str(&format!("{name},{id},{value},\n"));
            }
        }
    }
    std::fs::write(&evidence, csv).expect("the evidence is written");
    std::fs::write(&attributes, attrs).expect("the providers file is written");
    let out = tierscore()
        .args(["score", "-f", framework, "-e"])
        .arg(&evidence)
        .arg("--providers")
        .arg(&attributes)
        .args(["--format", "csv"])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let n = cells.len();
            (cells[1].to_string(), cells[2..n - 2].join(","))
        })
        .collect()
}

fn result<'a>(rows: &'a [(String, String)], provider: &str) -> &'a str {
    rows.iter()
        .find(|(p, _)| p == provider)
        .map(|(_, r)| r.as_str())
        .unwrap_or_else(|| panic!("{provider} is scored"))
}

const PLANNING: &str = "indicators/planning-consulting.toml";
const PLANNING_STAR: &[(&str, &str)] = &[
    ("ec_grade_it", "甲级"),
    ("consulting_engineer_share", "30"),
    ("senior_title_share", "30"),
    ("tech_lead_years", "8"),
    ("first_pass_review_share", "100"),
    ("ontime_delivery_share", "100"),
    ("client_rating", "95"),
    ("solution_quality", "90"),
    ("data_circulation_projects_3y", "2"),
    ("ai_bigdata_projects_3y", "2"),
    ("rd_ratio", "5"),
    ("standards_authored", "2"),
    ("lead_cities_3y", "5"),
    ("city_level_plans_led_3y", "4"),
    ("county_projects_3y", "2"),
    ("deliverables_3y", "30"),
    ("dcmm_level", "5级"),
    ("iso27001", "是"),
    ("confidentiality_agreements", "是"),
    ("tax_credit", "A"),
    ("penalties_3y", "0"),
    ("serious_dishonesty", "否"),
    ("abnormal_operations", "否"),
    ("major_illegal_record", "否"),
    ("false_material", "否"),
    ("consulting_blacklist", "否"),
    ("data_security_penalty", "否"),
];

#[test]
fn planning_scenarios() {
    let rows = score(
        PLANNING,
        PLANNING_STAR,
        &[
            ("star", &[]),
            // lead_cities_3y 1 → s = 1/5; scope = 100 − 30 × 0.8 = 76; total = 100 − 0.25 × 24 = 94
            ("one_city", &[("lead_cities_3y", "1")]),
            // first-pass 70 → s = 0: quality = 100 − 35 = 65 (< city floor 70);
            // total = 100 − 0.30 × 35 = 89.5
            ("weak_quality", &[("first_pass_review_share", "70")]),
            // and on-time 60 → s = 0: quality = 45 (< enterprise floor 60); total = 83.5
            (
                "poor_quality",
                &[
                    ("first_pass_review_share", "70"),
                    ("ontime_delivery_share", "60"),
                ],
            ),
            // tax D → s = 0: credit = 100 − 60 = 40; total = 100 − 0.05 × 60 = 97
            ("tax_d", &[("tax_credit", "D")]),
            // 60 staff, 资信 乙级 in 电子、信息工程, excellent delivery, no paid rating (there is
            // none to score):
            //   professional = 0.7×40 + (20−5)/25×25 + (15−5)/25×15 + 20 = 28 + 15 + 6 + 20 = 69
            //   quality = 35 + 20 + 25 + (85−60)/30×20 = 96.667
            //   innovation = 1/2×35 + 0 + (3−1)/4×20 + 0 = 27.5
            //   scope = 1/5×30 + 1/4×30 + 1/2×20 + 0.4×20 (12 deliverables: band 5) = 31.5
            //   data_security = 0 + 35 + 25 = 60; credit = 100
            //   total = 0.20×69 + 0.30×96.667 + 0.15×27.5 + 0.25×31.5 + 0.05×60 + 0.05×100
            //         = 13.8 + 29 + 4.125 + 7.875 + 3 + 5 = 62.80 → enterprise (city needs 70)
            (
                "small_firm",
                &[
                    ("ec_grade_it", "乙级"),
                    ("consulting_engineer_share", "20"),
                    ("senior_title_share", "15"),
                    ("solution_quality", "85"),
                    ("data_circulation_projects_3y", "1"),
                    ("ai_bigdata_projects_3y", "0"),
                    ("rd_ratio", "3"),
                    ("standards_authored", "0"),
                    ("lead_cities_3y", "1"),
                    ("city_level_plans_led_3y", "1"),
                    ("county_projects_3y", "1"),
                    ("deliverables_3y", "12"),
                    ("dcmm_level", "无"),
                ],
            ),
            ("half_assets", &[("net_assets", "2000")]),
        ],
    );
    let all = "100.00,100.00,100.00,100.00,100.00,100.00";
    assert_eq!(result(&rows, "star"), format!("100.00,regional,{all}"));
    assert_eq!(
        result(&rows, "one_city"),
        "94.00,city,100.00,100.00,100.00,76.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "weak_quality"),
        "89.50,enterprise,100.00,65.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "poor_quality"),
        "83.50,none,100.00,45.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "tax_d"),
        "97.00,none,100.00,100.00,100.00,100.00,100.00,40.00"
    );
    assert_eq!(
        result(&rows, "small_firm"),
        "62.80,enterprise,69.00,96.67,27.50,31.50,60.00,100.00"
    );
    // net assets are not scored (财库〔2020〕46号): halving them changes nothing
    assert_eq!(result(&rows, "half_assets"), result(&rows, "star"));
}

const CONSTRUCTION: &str = "indicators/construction.toml";
const CONSTRUCTION_STAR: &[(&str, &str)] = &[
    ("cs_level", "CS5"),
    ("ei_qualification", "一级"),
    ("certified_pm_share", "10"),
    ("cmmi_level", "ML5"),
    ("first_pass_acceptance_share", "100"),
    ("on_time_share", "100"),
    ("on_budget_share", "100"),
    ("client_rating", "95"),
    ("ai_bigdata_projects_3y", "2"),
    ("data_circulation_projects_3y", "2"),
    ("rd_ratio", "6"),
    ("xinchuang_certs", "3"),
    ("architecture_review", "90"),
    ("lead_cities_3y", "5"),
    ("lead_provinces_3y", "3"),
    ("large_projects_3y", "4"),
    ("county_projects_3y", "2"),
    ("industry_city_projects_3y", "2"),
    ("city_level_projects_led_3y", "1"),
    ("accepted_projects_3y", "1"),
    ("iso27001", "是"),
    ("ccrc_integration", "一级"),
    ("tax_credit", "A"),
    ("minor_accidents_3y", "0"),
    ("major_complaints_3y", "0"),
    ("serious_dishonesty", "否"),
    ("abnormal_operations", "否"),
    ("major_illegal_record", "否"),
    ("false_material", "否"),
    ("major_safety_accident", "否"),
    ("data_security_penalty", "否"),
    ("illegal_subcontracting", "否"),
];

#[test]
fn construction_scenarios() {
    let rows = score(
        CONSTRUCTION,
        CONSTRUCTION_STAR,
        &[
            ("star", &[]),
            // one city, one province: scope = 100 − 25 × 0.8 − 15 × 1 = 65; total = 100 − 0.15 × 35
            (
                "one_city",
                &[("lead_cities_3y", "1"), ("lead_provinces_3y", "1")],
            ),
            // five cities in one province: scope = 85; total = 100 − 0.15 × 15 = 97.75
            ("one_province", &[("lead_provinces_3y", "1")]),
            // first-pass 76 → s = 0.2: delivery = 100 − 30 × 0.8 = 76 (< 80); total = 100 − 0.35 × 24
            ("weak_delivery", &[("first_pass_acceptance_share", "76")]),
            // and on-time 60 → 0: delivery = 100 − 30 − 25 = 45 (< 60); total = 100 − 0.35 × 55
            (
                "poor_delivery",
                &[
                    ("first_pass_acceptance_share", "70"),
                    ("on_time_share", "60"),
                ],
            ),
            // tax D: credit = 100 − 50 = 50; total = 100 − 0.10 × 50 = 95
            ("tax_d", &[("tax_credit", "D")]),
            // 60 staff, software only (EI n/a), CS2, no CMMI, excellent delivery, no paid rating:
            //   capability = (0.6×35 + (8−2)/8×25 + 0) / 80 × 100 = (21 + 18.75)/80 = 49.6875
            //   delivery = 100
            //   innovation = 12.5 + 12.5 + (4−2)/4×20 + 1/3×10 + (80−60)/30×20 = 51.667
            //   scope = 1/5×25 + 0 + 0 + 1/2×15 + 0 = 12.5
            //   security = 40 (ISO 27001, no CCRC); credit = 100
            //   total = 0.20×49.6875 + 0.35×100 + 0.15×51.667 + 0.15×12.5 + 0.05×40 + 0.10×100
            //         = 9.9375 + 35 + 7.75 + 1.875 + 2 + 10 = 66.5625 → 66.56, enterprise
            (
                "small_firm",
                &[
                    ("cs_level", "CS2"),
                    ("ei_qualification", "n/a"),
                    ("certified_pm_share", "8"),
                    ("cmmi_level", "无"),
                    ("ai_bigdata_projects_3y", "1"),
                    ("data_circulation_projects_3y", "1"),
                    ("rd_ratio", "4"),
                    ("xinchuang_certs", "1"),
                    ("architecture_review", "80"),
                    ("lead_cities_3y", "1"),
                    ("lead_provinces_3y", "1"),
                    ("large_projects_3y", "0"),
                    ("county_projects_3y", "1"),
                    ("industry_city_projects_3y", "0"),
                    ("city_level_projects_led_3y", "0"),
                    ("accepted_projects_3y", "6"),
                    ("ccrc_integration", "无"),
                ],
            ),
            ("half_assets", &[("net_assets", "2000")]),
        ],
    );
    let all = "100.00,100.00,100.00,100.00,100.00,100.00";
    assert_eq!(result(&rows, "star"), format!("100.00,regional,{all}"));
    assert_eq!(
        result(&rows, "one_city"),
        "94.75,city,100.00,100.00,100.00,65.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "one_province"),
        "97.75,city,100.00,100.00,100.00,85.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "weak_delivery"),
        "91.60,city,100.00,76.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "poor_delivery"),
        "80.75,none,100.00,45.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "tax_d"),
        "95.00,none,100.00,100.00,100.00,100.00,100.00,50.00"
    );
    assert_eq!(
        result(&rows, "small_firm"),
        "66.56,enterprise,49.69,100.00,51.67,12.50,40.00,100.00"
    );
    assert_eq!(result(&rows, "half_assets"), result(&rows, "star"));
}

const OPERATIONS: &str = "indicators/operations.toml";
const OPERATIONS_STAR: &[(&str, &str)] = &[
    ("itss_om_level", "一级"),
    ("iso20000", "是"),
    ("certified_staff_ratio", "70"),
    ("post_backup_rate", "0.3"),
    ("availability", "99.95"),
    ("ontime_response_rate", "100"),
    ("mttr_hours", "2"),
    ("p1_outages_12m", "0"),
    ("dr_drills_12m", "2"),
    ("hotline_closure_rate", "100"),
    ("good_review_rate", "99"),
    ("data_products_operated", "2"),
    ("aiops_review", "90"),
    ("city_platforms_operated", "3"),
    ("lead_cities_3y", "5"),
    ("county_sites_3y", "2"),
    ("renewal_share", "90"),
    ("om_contracts_3y", "1"),
    ("iso27001", "是"),
    ("ccrc_ops", "一级"),
    ("dcmm_level", "5级"),
    ("security_incidents_3y", "0"),
    ("tax_credit", "A"),
    ("penalties_3y", "0"),
    ("serious_dishonesty", "否"),
    ("abnormal_operations", "否"),
    ("major_illegal_record", "否"),
    ("false_material", "否"),
    ("data_security_penalty", "否"),
    ("major_cyber_incident", "否"),
];

#[test]
fn operations_scenarios() {
    let rows = score(
        OPERATIONS,
        OPERATIONS_STAR,
        &[
            ("star", &[]),
            // one city, one platform: scope = 100 − 25 × 0.8 − 35 × 2/3 = 56.667;
            // total = 100 − 0.15 × 43.333 = 93.5
            (
                "one_city",
                &[("lead_cities_3y", "1"), ("city_platforms_operated", "1")],
            ),
            // runs no city-level platform: scope = 65; total = 94.75; not even city
            ("no_platform", &[("city_platforms_operated", "0")]),
            // MTTR 12 h and 3 P1 outages → s = 0 both: service_level = 100 − 25 − 25 = 50;
            // total = 100 − 0.35 × 50 = 82.5
            (
                "poor_service",
                &[("mttr_hours", "12"), ("p1_outages_12m", "3")],
            ),
            // tax D: credit = 100 − 60 = 40; total = 100 − 0.10 × 60 = 94
            ("tax_d", &[("tax_credit", "D")]),
            // 60 staff, ITSS 四级, no paid rating, excellent service, not resident-facing:
            //   capability = 0.6×35 + 0 + (50−20)/50×25 + (0.2−0.1)/0.2×25 = 21 + 15 + 12.5 = 48.5
            //   service_level = 0.9/0.95×20 + 13/15×15 + 0.9×25 + 25 + 15 = 94.447
            //   outcomes = (0 + (75−50)/40×20) / 45 × 100 = 27.778 (hotline, 好差评 n/a)
            //   scope = 0 + 1/5×25 + 20 + (80−50)/40×20 = 40
            //   security = (25 + 0 + 30) / 80 × 100 = 68.75 (DCMM n/a); credit = 100
            //   total = 0.20×48.5 + 0.35×94.447 + 0.15×27.778 + 0.15×40 + 0.05×68.75 + 0.10×100
            //         = 9.7 + 33.057 + 4.167 + 6 + 3.4375 + 10 = 66.36 → enterprise
            (
                "small_firm",
                &[
                    ("itss_om_level", "四级"),
                    ("iso20000", "否"),
                    ("certified_staff_ratio", "50"),
                    ("post_backup_rate", "0.2"),
                    ("availability", "99.9"),
                    ("ontime_response_rate", "98"),
                    ("mttr_hours", "3"),
                    ("hotline_closure_rate", "n/a"),
                    ("good_review_rate", "n/a"),
                    ("data_products_operated", "0"),
                    ("aiops_review", "75"),
                    ("city_platforms_operated", "0"),
                    ("lead_cities_3y", "1"),
                    ("renewal_share", "80"),
                    ("om_contracts_3y", "5"),
                    ("ccrc_ops", "无"),
                    ("dcmm_level", "n/a"),
                ],
            ),
            ("half_assets", &[("net_assets", "2000")]),
        ],
    );
    let all = "100.00,100.00,100.00,100.00,100.00,100.00";
    assert_eq!(result(&rows, "star"), format!("100.00,regional,{all}"));
    assert_eq!(
        result(&rows, "one_city"),
        "93.50,city,100.00,100.00,100.00,56.67,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "no_platform"),
        "94.75,enterprise,100.00,100.00,100.00,65.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "poor_service"),
        "82.50,none,100.00,50.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "tax_d"),
        "94.00,none,100.00,100.00,100.00,100.00,100.00,40.00"
    );
    assert_eq!(
        result(&rows, "small_firm"),
        "66.36,enterprise,48.50,94.45,27.78,40.00,68.75,100.00"
    );
    assert_eq!(result(&rows, "half_assets"), result(&rows, "star"));
}
