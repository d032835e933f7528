//! 运营运维: scope (city-level platforms), the service-level floor, credit, vetoes, ITSS
//! validity, a small firm.

use super::{CERTIFICATES, cert, provider, result, score};

pub const FRAMEWORK: &str = "indicators/operations.toml";
const PROJECTS: &str =
    "contract_no,city,province,county,level,level_rank,role,amount,theme,signed,confirmed,renewed";

const STAR: &[(&str, &str)] = &[
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

/// An O&M contract confirmed on 2025-06-01.
fn contract(no: &str, city: &str, level: (&str, u8), role: &str, renewed: bool) -> String {
    format!(
        "{no},{city},浙江,,{},{},{role},300,平台运维,2024-06-01,2025-06-01,{renewed}",
        level.0, level.1
    )
}

/// Five city-level platforms led in five cities and two county sites; with `one_city`, one
/// platform led in 杭州 and the other four run as a member.
fn star_projects(one_city: bool) -> Vec<String> {
    let cities = ["杭州", "宁波", "温州", "绍兴", "嘉兴"];
    let mut rows: Vec<String> = cities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let role = if one_city && i > 0 { "member" } else { "lead" };
            contract(&format!("O{i}"), c, ("市级", 3), role, true)
        })
        .collect();
    rows.push(contract("O5", "杭州", ("县级", 2), "lead", true));
    rows.push(contract("O6", "杭州", ("县级", 2), "lead", true));
    rows
}

fn star_certificates(itss_until: &str) -> Vec<String> {
    vec![
        cert("T1", "ITSS运维", "一级", 4, "", itss_until),
        cert("T2", "ISO20000", "", 1, "", "2028-12-31"),
        cert("T3", "ISO27001", "", 1, "", "2028-12-31"),
        cert("T4", "CCRC安全运维", "一级", 3, "", "2028-12-31"),
        cert("T5", "DCMM", "5级", 5, "", "2028-12-31"),
    ]
}

#[test]
fn operations_scenarios() {
    let star = || star_projects(false);
    let certs = || star_certificates("2028-12-31");
    // The small firm: ITSS 四级 and ISO 27001 only; five contracts in 杭州, led, none a
    // city-level platform (three enterprise-level, two county sites), four of five renewed.
    let small_projects = vec![
        contract("S1", "杭州", ("企业", 1), "lead", true),
        contract("S2", "杭州", ("企业", 1), "lead", true),
        contract("S3", "杭州", ("企业", 1), "lead", false),
        contract("S4", "杭州", ("县级", 2), "lead", true),
        contract("S5", "杭州", ("县级", 2), "lead", true),
    ];
    let small_certs = vec![
        cert("K1", "ITSS运维", "四级", 1, "", "2027-12-31"),
        cert("K2", "ISO27001", "", 1, "", "2027-12-31"),
    ];
    let mut half_assets = provider("half_assets", &[], star(), certs());
    half_assets.net_assets = "2000";
    let rows = score(
        FRAMEWORK,
        (PROJECTS, CERTIFICATES),
        STAR,
        "aiops_review",
        &[
            provider("star", &[], star(), certs()),
            // one city, one platform: lead_cities 1 → s = 1/5, platforms 1 → s = 1/3:
            // scope = 100 − 25 × 0.8 − 35 × 2/3 = 56.667; total = 100 − 0.15 × 43.333 = 93.5;
            // regional needs 3 cities and 2 platforms: city
            provider("one_city", &[], star_projects(true), certs()),
            // MTTR 12 h and 3 P1 outages → s = 0 both: service_level = 100 − 25 − 25 = 50
            // (< 60); total = 100 − 0.35 × 50 = 82.5: no grade
            provider(
                "poor_service",
                &[("mttr_hours", "12"), ("p1_outages_12m", "3")],
                star(),
                certs(),
            ),
            // tax D: credit = 100 − 60 = 40; total = 100 − 0.10 × 60 = 94: no grade
            provider("tax_d", &[("tax_credit", "D")], star(), certs()),
            provider(
                "blank_veto",
                &[("major_cyber_incident", "")],
                star(),
                certs(),
            ),
            provider(
                "na_veto",
                &[("major_cyber_incident", "n/a")],
                star(),
                certs(),
            ),
            // the ITSS 一级 expired the day before the as-of date: itss_om_level missing (s = 0):
            // capability = 100 − 35 = 65; total = 100 − 0.20 × 35 = 93; no valid ITSS
            // certificate for the regional (三级) or city (四级) gate: enterprise
            provider("itss_expired", &[], star(), star_certificates("2026-06-29")),
            // capability: ITSS 四级 → 0.6 × 35 = 21; ISO 20000 none 0; certified 50 % →
            //   30/50 × 25 = 15; backup 0.2 → 0.5 × 25 = 12.5 → 48.5
            // service_level: availability 99.9 → 0.9/0.95 × 20 = 18.947; on-time 98 → 13/15 × 15
            //   = 13; MTTR 3 → 0.9 × 25 = 22.5; no P1 → 25; 2 drills → 15 → 94.447
            // outcomes: hotline and 好差评 n/a (not resident-facing); data products 0; AIOps 75 →
            //   25/40 × 20 = 12.5 over the weights left (25 + 20) → 27.778
            // scope: no platform 0; 1 city → 5; 2 county sites → 20; renewal 80 % → 30/40 × 20 =
            //   15 → 40
            // security: ISO 27001 → 25; CCRC none 0; DCMM none 0; no incident → 30 → 55
            // total = 0.20 × 48.5 + 0.35 × 94.447 + 0.15 × 27.778 + 0.15 × 40 + 0.05 × 55 + 10
            //       = 9.7 + 33.057 + 4.167 + 6 + 2.75 + 10 = 65.67: enterprise
            provider(
                "small_firm",
                &[
                    ("certified_staff_ratio", "50"),
                    ("post_backup_rate", "0.2"),
                    ("availability", "99.9"),
                    ("ontime_response_rate", "98"),
                    ("mttr_hours", "3"),
                    ("hotline_closure_rate", "n/a"),
                    ("good_review_rate", "n/a"),
                    ("data_products_operated", "0"),
                    ("aiops_review", "75"),
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
        "93.50,city,100.00,100.00,100.00,56.67,100.00,100.00"
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
        result(&rows, "blank_veto"),
        format!("100.00,incomplete,{all}")
    );
    assert_eq!(result(&rows, "na_veto"), format!("100.00,incomplete,{all}"));
    assert_eq!(
        result(&rows, "itss_expired"),
        "93.00,enterprise,65.00,100.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "small_firm"),
        "65.67,enterprise,48.50,94.45,27.78,40.00,55.00,100.00"
    );
    assert_eq!(result(&rows, "half_assets"), result(&rows, "star"));
}
