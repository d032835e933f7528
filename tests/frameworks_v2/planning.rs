//! 规划咨询: scope, the quality floor, credit, vetoes, 资信 validity, a small firm.

use super::{CERTIFICATES, cert, provider, result, score};

pub const FRAMEWORK: &str = "indicators/planning-consulting.toml";
const PROJECTS: &str = "contract_no,city,province,county,level,level_rank,role,amount,theme,signed,accepted,first_pass,on_time";
const IT: &str = "电子、信息工程（含通信、广电、信息化）";

const STAR: &[(&str, &str)] = &[
    ("consulting_engineer_share", "30"),
    ("senior_title_share", "30"),
    ("tech_lead_years", "8"),
    ("client_rating", "95"),
    ("solution_quality", "90"),
    ("rd_ratio", "5"),
    ("standards_authored", "2"),
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

/// Thirty deliverables accepted on 2025-06-01: five city-level plans led in five cities
/// (two on data circulation, two on AI), two county-level ones and 23 enterprise-level ones as
/// a member, all in `city` when one is given; the first `late_first_pass` not passed first time.
fn star_projects(city: Option<(&str, &str)>, not_first_pass: usize) -> Vec<String> {
    let led = [
        ("杭州", "浙江"),
        ("宁波", "浙江"),
        ("南京", "江苏"),
        ("合肥", "安徽"),
        ("苏州", "江苏"),
    ];
    (0..30)
        .map(|i| {
            let (place, level, rank, role) = match i {
                0..=4 => (led[i], "市级", 3, "lead"),
                5 | 6 => (("温州", "浙江"), "县级", 2, "member"),
                _ => (("杭州", "浙江"), "企业", 1, "member"),
            };
            let (c, p) = city.unwrap_or(place);
            let theme = match i {
                0 | 1 => "数据融通",
                2 | 3 => "人工智能",
                _ => "专项规划",
            };
            let first = i >= not_first_pass;
            format!(
                "D{i},{c},{p},,{level},{rank},{role},100,{theme},2024-06-01,2025-06-01,{first},true"
            )
        })
        .collect()
}

fn star_certificates(until: &str) -> Vec<String> {
    vec![
        cert("Z1", "资信", "甲级", 3, IT, until),
        cert("Z2", "DCMM", "5级", 5, "", "2028-12-31"),
        cert("Z3", "ISO27001", "", 1, "", "2028-12-31"),
    ]
}

#[test]
fn planning_scenarios() {
    let star = || star_projects(None, 0);
    let certs = || star_certificates("2028-12-31");
    // The small firm: 资信 乙级 in 电子、信息工程 (and a 甲级 in 水利, which does not count),
    // ISO 27001, no DCMM; twelve deliverables in 杭州: one city-level plan led (data
    // circulation), one county-level one, ten enterprise-level ones.
    let small_projects: Vec<String> = (0..12)
        .map(|i| {
            let (level, rank, role, theme) = match i {
                0 => ("市级", 3, "lead", "数据融通"),
                1 => ("县级", 2, "lead", "专项规划"),
                _ => ("企业", 1, "member", "可研"),
            };
            format!(
                "S{i},杭州,浙江,,{level},{rank},{role},50,{theme},2024-06-01,2025-06-01,true,true"
            )
        })
        .collect();
    let small_certs = vec![
        cert("Y1", "资信", "乙级", 2, IT, "2027-12-31"),
        cert("Y2", "资信", "甲级", 3, "水利水电", "2027-12-31"),
        cert("Y3", "ISO27001", "", 1, "", "2027-12-31"),
    ];
    let mut half_assets = provider("half_assets", &[], star(), certs());
    half_assets.net_assets = "2000";
    let rows = score(
        FRAMEWORK,
        (PROJECTS, CERTIFICATES),
        STAR,
        "solution_quality",
        &[
            provider("star", &[], star(), certs()),
            // lead_cities_3y 1 → s = 1/5: scope = 100 − 30 × 0.8 = 76; total = 100 − 0.25 × 24 =
            // 94; regional needs 3 cities: city
            provider(
                "one_city",
                &[],
                star_projects(Some(("杭州", "浙江")), 0),
                certs(),
            ),
            // 9 of 30 not passed first time: 70 % → s = 0: quality = 100 − 35 = 65 (< the city
            // floor 70); total = 100 − 0.30 × 35 = 89.5: enterprise
            provider("weak_quality", &[], star_projects(None, 9), certs()),
            // tax D → s = 0: credit = 100 − 60 = 40; total = 100 − 0.05 × 60 = 97: no grade
            provider("tax_d", &[("tax_credit", "D")], star(), certs()),
            provider(
                "blank_veto",
                &[("consulting_blacklist", "")],
                star(),
                certs(),
            ),
            provider(
                "na_veto",
                &[("consulting_blacklist", "n/a")],
                star(),
                certs(),
            ),
            // the 资信 甲级 expired the day before the as-of date: ec_grade_it missing (s = 0):
            // professional = 100 − 40 = 60; total = 100 − 0.20 × 40 = 92; no valid 甲级 or 乙级
            // in 电子、信息工程: enterprise
            provider(
                "grade_expired",
                &[],
                star(),
                star_certificates("2026-06-29"),
            ),
            // professional: 乙级 (the 水利 甲级 is another 专业) → 0.7 × 40 = 28; engineers 20 %
            //   → 15/25 × 25 = 15; senior 15 % → 10/25 × 15 = 6; tech lead 8 years → 20 → 69
            // quality: shares 100 % → 35 + 20; client 95 → 25; solution 85 → 25/30 × 20 = 16.667
            //   → 96.667
            // innovation: data 1 → 17.5; AI 0; R&D 3 → 2/4 × 20 = 10; standards 0 → 27.5
            // scope: 1 city → 6; 1 city-level plan led → 7.5; 1 county → 10; 12 deliverables →
            //   band 5 (0.4) × 20 = 8 → 31.5
            // data_security: DCMM none 0; ISO 27001 → 35; confidentiality 25 → 60; credit 100
            // total = 0.20 × 69 + 0.30 × 96.667 + 0.15 × 27.5 + 0.25 × 31.5 + 0.05 × 60 + 0.05 × 100
            //       = 13.8 + 29 + 4.125 + 7.875 + 3 + 5 = 62.80: enterprise (city needs 70)
            provider(
                "small_firm",
                &[
                    ("consulting_engineer_share", "20"),
                    ("senior_title_share", "15"),
                    ("solution_quality", "85"),
                    ("rd_ratio", "3"),
                    ("standards_authored", "0"),
                ],
                small_projects,
                small_certs,
            ),
            half_assets,
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
        result(&rows, "tax_d"),
        "97.00,none,100.00,100.00,100.00,100.00,100.00,40.00"
    );
    assert_eq!(
        result(&rows, "blank_veto"),
        format!("100.00,incomplete,{all}")
    );
    assert_eq!(result(&rows, "na_veto"), format!("100.00,incomplete,{all}"));
    assert_eq!(
        result(&rows, "grade_expired"),
        "92.00,enterprise,60.00,100.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "small_firm"),
        "62.80,enterprise,69.00,96.67,27.50,31.50,60.00,100.00"
    );
    assert_eq!(result(&rows, "half_assets"), result(&rows, "star"));
}
