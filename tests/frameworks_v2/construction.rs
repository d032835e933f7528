//! 建设实施: scope, the delivery floor, credit, vetoes, certificate validity, a small firm.

use super::{CERTIFICATES, cert, provider, result, score};

pub const FRAMEWORK: &str = "indicators/construction.toml";
const PROJECTS: &str = "contract_no,city,province,county,level,level_rank,role,amount,theme,signed,accepted,first_pass,on_time,on_budget";

/// Declared values of the star (every other indicator is derived from the ledgers).
const STAR: &[(&str, &str)] = &[
    ("certified_pm_share", "10"),
    ("client_rating", "95"),
    ("rd_ratio", "6"),
    ("xinchuang_certs", "3"),
    ("architecture_review", "90"),
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

/// A project accepted on 2025-06-01 (inside the 3-year window), delivered first time, on time
/// and on budget unless `ok` says otherwise (first_pass, on_time).
fn project(
    no: &str,
    place: (&str, &str),
    level: (&str, u8),
    role: &str,
    amount: u32,
    theme: &str,
    ok: (bool, bool),
) -> String {
    format!(
        "{no},{},{},,{},{},{role},{amount},{theme},2024-06-01,2025-06-01,{},{},true",
        place.0, place.1, level.0, level.1, ok.0, ok.1
    )
}

/// The star's ledger: six lead projects in 6 cities of 3 provinces, 4 of them city-level and
/// ≥ 1500 万元, 2 county-level (县级), themes AI ×2, data ×2, 产城融合 ×2; `city` overrides every
/// city (and its province) to make a one-city firm; `fails` marks the first n projects as not
/// first-pass and the first m as late.
fn star_projects(city: Option<(&str, &str)>, fails: (usize, usize)) -> Vec<String> {
    let rows = [
        ("杭州", "浙江", ("市级", 3), 2000, "人工智能"),
        ("宁波", "浙江", ("市级", 3), 2000, "人工智能"),
        ("南京", "江苏", ("市级", 3), 2000, "数据融通"),
        ("合肥", "安徽", ("市级", 3), 2000, "数据融通"),
        ("温州", "浙江", ("县级", 2), 500, "产城融合"),
        ("苏州", "江苏", ("县级", 2), 500, "产城融合"),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (c, p, level, amount, theme))| {
            let place = city.unwrap_or((c, p));
            let no = format!("P{i}");
            project(
                &no,
                place,
                *level,
                "lead",
                *amount,
                theme,
                (i >= fails.0, i >= fails.1),
            )
        })
        .collect()
}

/// The star's register: CS5, 电子与智能化 一级, CMMI ML5, ISO 27001, CCRC 安全集成 一级; the CS
/// certificate valid until `cs_until`.
fn star_certificates(cs_until: &str) -> Vec<String> {
    vec![
        cert("C1", "CS", "CS5", 5, "", cs_until),
        cert("C2", "电子与智能化", "一级", 2, "", "2028-12-31"),
        cert("C3", "CMMI", "ML5", 5, "", "2028-12-31"),
        cert("C4", "ISO27001", "", 1, "", "2028-12-31"),
        cert("C5", "CCRC安全集成", "一级", 3, "", "2028-12-31"),
    ]
}

#[test]
fn construction_scenarios() {
    let star = || star_projects(None, (0, 0));
    let certs = || star_certificates("2028-12-31");
    // The small firm: 60 staff, software only (no EI, no CMMI, no CCRC), a valid CS2 and
    // ISO 27001, no paid rating (none is scored); six projects in 杭州, one city-level one led.
    let small_projects = vec![
        project(
            "S1",
            ("杭州", "浙江"),
            ("市级", 3),
            "lead",
            300,
            "数据融通",
            (true, true),
        ),
        project(
            "S2",
            ("杭州", "浙江"),
            ("企业", 1),
            "lead",
            200,
            "人工智能",
            (true, true),
        ),
        project(
            "S3",
            ("杭州", "浙江"),
            ("企业", 1),
            "lead",
            150,
            "平台",
            (true, true),
        ),
        project(
            "S4",
            ("杭州", "浙江"),
            ("企业", 1),
            "member",
            100,
            "平台",
            (true, true),
        ),
        project(
            "S5",
            ("杭州", "浙江"),
            ("企业", 1),
            "lead",
            120,
            "平台",
            (true, true),
        ),
        project(
            "S6",
            ("杭州", "浙江"),
            ("企业", 1),
            "lead",
            100,
            "平台",
            (true, true),
        ),
    ];
    let small_certs = vec![
        cert("K1", "CS", "CS2", 2, "", "2027-12-31"),
        cert("K2", "ISO27001", "", 1, "", "2027-12-31"),
    ];
    let mut half_assets = provider("half_assets", &[], star(), certs());
    half_assets.net_assets = "2000";
    let rows = score(
        FRAMEWORK,
        (PROJECTS, CERTIFICATES),
        STAR,
        "architecture_review",
        &[
            provider("star", &[], star(), certs()),
            // one city, one province: lead_cities 1 → s = 1/5, lead_provinces 1 → s = 0:
            // scope = 100 − 25 × 0.8 − 15 = 65; total = 100 − 0.15 × 35 = 94.75; regional needs
            // 3 cities and 2 provinces: city
            provider(
                "one_city",
                &[],
                star_projects(Some(("杭州", "浙江")), (0, 0)),
                certs(),
            ),
            // 2 of 6 projects not accepted first time: share 66.7 % < 70 → s = 0; delivery =
            // 100 − 30 = 70 (< the regional floor 80); total = 100 − 0.35 × 30 = 89.5: city
            provider("weak_delivery", &[], star_projects(None, (2, 0)), certs()),
            // and 3 of 6 late: on-time 50 % < 60 → s = 0; delivery = 100 − 30 − 25 = 45 (< the
            // enterprise floor 60); total = 100 − 0.35 × 55 = 80.75: no grade
            provider("poor_delivery", &[], star_projects(None, (2, 3)), certs()),
            // tax D → s = 0: credit = 100 − 50 = 50 (< 60), and D fails `tax_credit ≥ C` at every
            // tier; total = 100 − 0.10 × 50 = 95: no grade
            provider("tax_d", &[("tax_credit", "D")], star(), certs()),
            // a required veto item left blank, or n/a: incomplete (scores unchanged: weight 0)
            provider(
                "blank_veto",
                &[("major_safety_accident", "")],
                star(),
                certs(),
            ),
            provider(
                "na_veto",
                &[("major_safety_accident", "n/a")],
                star(),
                certs(),
            ),
            // the CS5 valid until the day before the as-of date: expired, left out; cs_level is
            // missing (s = 0): capability = 100 − 35 = 65, total = 100 − 0.20 × 35 = 93; no valid
            // CS3 (regional) nor CS2 (city): enterprise
            provider("cs_expired", &[], star(), star_certificates("2026-06-29")),
            // valid until the as-of date itself: it counts (inclusive)
            provider(
                "cs_until_as_of",
                &[],
                star(),
                star_certificates("2026-06-30"),
            ),
            // capability: CS2 → 0.6 × 35 = 21; EI none 0; PM share 8 → (8 − 2)/8 × 30 = 22.5;
            //   CMMI none 0 → 43.5
            // delivery: shares 100 %, client rating 95 → 100
            // innovation: AI 1 → 12.5; data 1 → 12.5; R&D 5 → (5 − 2)/4 × 20 = 15; 信创 1 → 10/3;
            //   architecture 80 → (80 − 60)/30 × 20 = 40/3 → 56.667
            // scope: 1 city → 1/5 × 25 = 5; 1 province → 0; no large, county or 产城 project → 5
            // security: ISO 27001 → 40, CCRC none → 40; credit 100
            // total = 0.20 × 43.5 + 0.35 × 100 + 0.15 × 56.667 + 0.15 × 5 + 0.05 × 40 + 0.10 × 100
            //       = 8.7 + 35 + 8.5 + 0.75 + 2 + 10 = 64.95 ≥ 60 with a city-level project led,
            //       delivery and credit above their floors: enterprise (city needs 70)
            provider(
                "small_firm",
                &[
                    ("certified_pm_share", "8"),
                    ("rd_ratio", "5"),
                    ("xinchuang_certs", "1"),
                    ("architecture_review", "80"),
                ],
                small_projects,
                small_certs,
            ),
            // net assets are not scored (财库〔2020〕46号): halving them changes nothing
            half_assets,
        ],
    );
    let all = "100.00,100.00,100.00,100.00,100.00,100.00";
    assert_eq!(result(&rows, "star"), format!("100.00,regional,{all}"));
    assert_eq!(
        result(&rows, "one_city"),
        "94.75,city,100.00,100.00,100.00,65.00,100.00,100.00"
    );
    assert_eq!(
        result(&rows, "weak_delivery"),
        "89.50,city,100.00,70.00,100.00,100.00,100.00,100.00"
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
        result(&rows, "blank_veto"),
        format!("100.00,incomplete,{all}")
    );
    assert_eq!(result(&rows, "na_veto"), format!("100.00,incomplete,{all}"));
    assert_eq!(
        result(&rows, "cs_expired"),
        "93.00,enterprise,65.00,100.00,100.00,100.00,100.00,100.00"
    );
    assert_eq!(result(&rows, "cs_until_as_of"), result(&rows, "star"));
    assert_eq!(
        result(&rows, "small_firm"),
        "64.95,enterprise,43.50,100.00,56.67,5.00,40.00,100.00"
    );
    assert_eq!(result(&rows, "half_assets"), result(&rows, "star"));
}
