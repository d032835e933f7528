//! Renders the effective weights of a framework and its AHP consistency.

use serde_json::{Value as Json, json};

use super::grid::Grid;
use super::xlsx::{self, RenderError, SheetSpec};
use super::{Format, framework_sheet, json_text, lang_text};
use crate::analysis::critic::Variant;
use crate::analysis::objective::{Method, ObjectiveWeights};
use crate::framework::{AhpSummary, Framework, Lang};
use crate::number::fmt4;

/// Renders the weights in `format` as text. A workbook has no text form: for
/// [`Format::Xlsx`] this is the CSV of its `weights` sheet (use [`render_bytes`]).
pub fn render(fw: &Framework, format: Format, lang: Lang) -> String {
    match format {
        Format::Csv | Format::Xlsx => grid(fw, None).to_csv(),
        Format::Json => json_text(&to_json(fw)),
        Format::Table => grid(fw, Some(lang)).to_table() + &ahp_lines(fw, lang),
        Format::Markdown => grid(fw, Some(lang)).to_markdown() + &ahp_markdown(fw, lang),
    }
}

/// Renders the weights in `format` as the bytes to write: for [`Format::Xlsx`]
/// a workbook with a `weights` and a `framework` sheet.
pub fn render_bytes(fw: &Framework, format: Format, lang: Lang) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Xlsx => xlsx::workbook(&[
            SheetSpec::new("weights", grid(fw, None)),
            SheetSpec::new("framework", framework_sheet::grid(fw, lang)),
        ]),
        _ => Ok(render(fw, format, lang).into_bytes()),
    }
}

/// Column titles: (id for CSV and JSON, zh, en).
const COLUMNS: [(&str, &str, &str); 5] = [
    ("dimension", "维度", "dimension"),
    ("indicator", "指标", "indicator"),
    ("dimension_weight", "维度权重", "dimension weight"),
    ("weight_in_dimension", "维度内权重", "weight in dimension"),
    ("weight_overall", "总权重", "overall weight"),
];

/// One row per indicator. With a language, names are shown beside the ids and
/// the titles are in that language; without, titles are the CSV ids.
pub fn grid(fw: &Framework, lang: Option<Lang>) -> Grid {
    let mut g = Grid::default();
    for (k, (id, zh, en)) in COLUMNS.into_iter().enumerate() {
        let title = lang.map_or(id, |l| lang_text(l, zh, en));
        g.column(title, k >= 2);
    }
    let dim_shares = fw.dimension_shares();
    let ind_shares = fw.indicator_shares();
    for (k, ind) in fw.indicators.iter().enumerate() {
        let dim = &fw.dimensions[ind.dimension];
        let named = |id: &str, name: &str| match lang {
            Some(_) => format!("{id} {name}"),
            None => id.to_string(),
        };
        let lang = lang.unwrap_or_default();
        g.rows.push(vec![
            named(&dim.id, dim.doc.display(lang)),
            named(&ind.id, ind.doc.display(lang)),
            fmt4(dim_shares[ind.dimension]),
            fmt4(ind_shares[k]),
            fmt4(dim_shares[ind.dimension] * ind_shares[k]),
        ]);
    }
    g
}

/// Every AHP matrix of the framework: (group, summary).
pub fn ahp_groups(fw: &Framework) -> Vec<(String, &AhpSummary)> {
    let mut groups = Vec::new();
    if let Some(a) = &fw.ahp {
        groups.push(("dimensions".to_string(), a));
    }
    for d in &fw.dimensions {
        if let Some(a) = &d.ahp {
            groups.push((d.id.clone(), a));
        }
    }
    groups
}

fn ahp_lines(fw: &Framework, lang: Lang) -> String {
    let verdict = lang_text(lang, "（≤ 0.10：一致性可接受）", " (≤ 0.10: consistent)");
    ahp_groups(fw)
        .iter()
        .map(|(group, a)| {
            format!(
                "AHP {group}: λmax = {:.4}, CI = {:.4}, RI = {:.2}, CR = {:.4}{verdict}\n",
                a.lambda_max, a.ci, a.ri, a.cr
            )
        })
        .collect()
}

fn ahp_markdown(fw: &Framework, lang: Lang) -> String {
    let groups = ahp_groups(fw);
    if groups.is_empty() {
        return String::new();
    }
    let mut g = Grid::default();
    for (title, numeric) in [
        (lang_text(lang, "AHP 判断矩阵", "AHP group"), false),
        ("λmax", true),
        ("CI", true),
        ("RI", true),
        ("CR", true),
    ] {
        g.column(title, numeric);
    }
    for (group, a) in groups {
        g.rows.push(vec![
            group,
            fmt4(a.lambda_max),
            fmt4(a.ci),
            format!("{:.2}", a.ri),
            fmt4(a.cr),
        ]);
    }
    format!("\n{}", g.to_markdown())
}

/// The weights as JSON (unrounded).
pub fn to_json(fw: &Framework) -> Json {
    let dim_shares = fw.dimension_shares();
    let ind_shares = fw.indicator_shares();
    let dimensions: Vec<Json> = fw
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let indicators: Vec<Json> = dim
                .indicators
                .clone()
                .map(|k| json!({"id": fw.indicators[k].id, "weight": fw.indicators[k].weight, "weight_in_dimension": ind_shares[k], "weight_overall": dim_shares[d] * ind_shares[k]}))
                .collect();
            json!({"id": dim.id, "weight": dim.weight, "share": dim_shares[d], "ahp": dim.ahp.as_ref().map(ahp_json), "indicators": indicators})
        })
        .collect();
    json!({"framework": {"id": fw.id, "version": fw.version}, "ahp": fw.ahp.as_ref().map(ahp_json), "dimensions": dimensions})
}

fn ahp_json(a: &AhpSummary) -> Json {
    json!({"weights": a.weights, "lambda_max": a.lambda_max, "ci": a.ci, "ri": a.ri, "cr": a.cr})
}

/// Renders derived weights beside the framework's own, in `format` (text formats).
pub fn render_derived(
    fw: &Framework,
    derived: &ObjectiveWeights,
    format: Format,
    lang: Lang,
) -> String {
    match format {
        Format::Csv | Format::Xlsx => derived_grid(fw, derived, None).to_csv(),
        Format::Json => json_text(&derived_json(fw, derived)),
        Format::Table => {
            derived_grid(fw, derived, Some(lang)).to_table() + &derived_footer(fw, derived, lang)
        }
        Format::Markdown => {
            derived_grid(fw, derived, Some(lang)).to_markdown()
                + "\n"
                + &derived_footer(fw, derived, lang)
        }
    }
}

/// Derived weights as the bytes to write: for [`Format::Xlsx`] a workbook with a
/// `weights` sheet (the CSV columns) and a `framework` sheet.
pub fn render_derived_bytes(
    fw: &Framework,
    derived: &ObjectiveWeights,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Xlsx => xlsx::workbook(&[
            SheetSpec::new("weights", derived_grid(fw, derived, None)),
            SheetSpec::new("framework", framework_sheet::grid(fw, lang)),
        ]),
        _ => Ok(render_derived(fw, derived, format, lang).into_bytes()),
    }
}

/// The statistic column's title: `entropy` (e_j) or `information` (CRITIC's C_j).
fn statistic_title(method: Method) -> &'static str {
    match method {
        Method::Entropy => "entropy",
        Method::Critic(_) => "information",
    }
}

/// One row per indicator: each framework weight column followed by the derived one.
/// With a language, titles are in that language (as in [`grid`]); without, the CSV ids.
pub fn derived_grid(fw: &Framework, derived: &ObjectiveWeights, lang: Option<Lang>) -> Grid {
    let m = match derived.method {
        Method::Critic(Variant::Scores) => "critic_scores",
        method => method.as_str(),
    };
    let method = match (lang, derived.method) {
        (Some(Lang::Zh), Method::Entropy) => "熵权法",
        (_, Method::Entropy) => "entropy",
        (_, Method::Critic(_)) => "CRITIC",
    };
    let mut g = Grid::default();
    for (k, (id, zh, en)) in COLUMNS.into_iter().enumerate() {
        let title = lang.map_or(id, |l| lang_text(l, zh, en));
        g.column(title, k >= 2);
        if k >= 2 {
            g.column(
                match lang {
                    None => format!("{m}_{id}"),
                    Some(_) => format!("{method} {title}"),
                },
                true,
            );
        }
    }
    let statistic = match (lang, derived.method) {
        (None, method) => statistic_title(method),
        (Some(l), Method::Entropy) => lang_text(l, "信息熵 e", "entropy e"),
        (Some(l), Method::Critic(_)) => lang_text(l, "信息量 C", "information C"),
    };
    g.column(statistic, true);
    let base = grid(fw, lang);
    let dim_shares = &derived.dimensions.shares;
    let ind_shares = derived.indicator_shares();
    let statistic: Vec<Option<f64>> = derived
        .indicators
        .iter()
        .flat_map(|g| g.statistic.iter().copied())
        .collect();
    for (k, (row, ind)) in base.rows.into_iter().zip(&fw.indicators).enumerate() {
        let d = ind.dimension;
        g.rows.push(vec![
            row[0].clone(),
            row[1].clone(),
            row[2].clone(),
            fmt4(dim_shares[d]),
            row[3].clone(),
            fmt4(ind_shares[k]),
            row[4].clone(),
            fmt4(dim_shares[d] * ind_shares[k]),
            statistic[k].map(fmt4).unwrap_or_default(),
        ]);
    }
    g
}

/// How many providers each derivation used.
fn derived_footer(fw: &Framework, derived: &ObjectiveWeights, lang: Lang) -> String {
    let groups: Vec<String> = fw
        .dimensions
        .iter()
        .zip(&derived.indicators)
        .map(|(d, g)| format!("{} {}", d.id, g.providers))
        .collect();
    let n = derived.dimensions.providers;
    let method = match (lang, derived.method) {
        (Lang::Zh, Method::Entropy) => "熵权法",
        (Lang::Zh, Method::Critic(Variant::MinMax)) => "CRITIC（先按极差标准化，同原文）",
        (Lang::Zh, Method::Critic(Variant::Scores)) => "CRITIC（直接用得分 s，不标准化）",
        (Lang::En, Method::Entropy) => "entropy",
        (Lang::En, Method::Critic(Variant::MinMax)) => "critic (min-max normalised, as published)",
        (Lang::En, Method::Critic(Variant::Scores)) => "critic (on the scores s, not normalised)",
    };
    match lang {
        Lang::Zh => format!(
            "{method}权重；各组数据完整的主体数：维度 {n}；{}\n",
            groups.join("，")
        ),
        Lang::En => format!(
            "{method} weights; providers with every value of the group: dimensions {n}; {}\n",
            groups.join(", ")
        ),
    }
}

/// Derived weights as JSON (unrounded), with the framework's beside them.
pub fn derived_json(fw: &Framework, derived: &ObjectiveWeights) -> Json {
    let dim_shares = fw.dimension_shares();
    let ind_shares = fw.indicator_shares();
    let own = derived.indicator_shares();
    let dimensions: Vec<Json> = fw
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let group = &derived.indicators[d];
            let share = derived.dimensions.shares[d];
            let indicators: Vec<Json> = dim
                .indicators
                .clone()
                .map(|k| {
                    let i = k - dim.indicators.start;
                    json!({"id": fw.indicators[k].id, "weight": fw.indicators[k].weight, "weight_in_dimension": ind_shares[k], "derived_weight_in_dimension": own[k], "weight_overall": dim_shares[d] * ind_shares[k], "derived_weight_overall": share * own[k], "statistic": group.statistic[i]})
                })
                .collect();
            json!({"id": dim.id, "weight": dim.weight, "share": dim_shares[d], "derived_share": share, "statistic": derived.dimensions.statistic[d], "providers_used": group.providers, "indicators": indicators})
        })
        .collect();
    let mut doc = json!({"framework": {"id": fw.id, "version": fw.version}, "method": derived.method.as_str(), "statistic": statistic_title(derived.method), "providers_used": derived.dimensions.providers, "dimensions": dimensions});
    if let Some(variant) = derived.method.variant() {
        doc["variant"] = json!(variant.as_str());
    }
    doc
}

/// Derived weights as a TOML snippet in the framework's own layout: each
/// `weight` (siblings sum to exactly 100, two decimals) can replace the weight
/// of the item with that id; the framework's own share is in the comment.
pub fn derived_toml(fw: &Framework, derived: &ObjectiveWeights, providers: usize) -> String {
    let method = match derived.method {
        Method::Entropy => "the entropy weight method (熵权法)",
        Method::Critic(Variant::MinMax) => {
            "CRITIC (each indicator min-max normalised first, as published)"
        }
        Method::Critic(Variant::Scores) => "CRITIC on the scores s (not normalised)",
    };
    let mut out = format!(
        "# Weights derived by {method} from the scores of {providers} providers\n\
         # (framework {} {}). Each `weight` replaces the weight of the item with the same id;\n\
         # siblings sum to 100. The comment is the framework's own share in percent. A group\n\
         # weighted by an AHP matrix must drop its `ahp` table to take these weights.\n",
        fw.id, fw.version
    );
    let dim_weights = percent_weights(&derived.dimensions.shares);
    let dim_own = fw.dimension_shares();
    let ind_own = fw.indicator_shares();
    for (d, dim) in fw.dimensions.iter().enumerate() {
        out.push_str(&format!(
            "\n[[dimension]]\nid = \"{}\"\nweight = {}  # framework: {:.2}\n",
            dim.id,
            dim_weights[d],
            100.0 * dim_own[d]
        ));
        let weights = percent_weights(&derived.indicators[d].shares);
        for (i, k) in dim.indicators.clone().enumerate() {
            out.push_str(&format!(
                "\n[[dimension.indicator]]\nid = \"{}\"\nweight = {}  # framework: {:.2}\n",
                fw.indicators[k].id,
                weights[i],
                100.0 * ind_own[k]
            ));
        }
    }
    out
}

/// Shares as percentages with 2 decimals that sum to exactly 100 (largest remainder;
/// ties go to the earlier item). A share of 0 stays `0`.
pub fn percent_weights(shares: &[f64]) -> Vec<String> {
    let exact: Vec<f64> = shares.iter().map(|s| s * 10_000.0).collect();
    let mut cents: Vec<u64> = exact.iter().map(|e| e.floor() as u64).collect();
    let short = 10_000u64.saturating_sub(cents.iter().sum());
    let mut order: Vec<usize> = (0..shares.len()).filter(|&i| shares[i] > 0.0).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    for &i in order
        .iter()
        .cycle()
        .take(if order.is_empty() { 0 } else { short as usize })
    {
        cents[i] += 1;
    }
    cents
        .iter()
        .map(|&c| {
            if c == 0 {
                "0".to_string()
            } else {
                format!("{}.{:02}", c / 100, c % 100)
            }
        })
        .collect()
}

#[cfg(test)]
mod derived_tests {
    use super::*;

    #[test]
    fn percent_weights_sum_to_exactly_100() {
        assert_eq!(
            percent_weights(&[1.0 / 3.0; 3]),
            ["33.34", "33.33", "33.33"]
        );
        assert_eq!(percent_weights(&[0.5, 0.0, 0.5]), ["50.00", "0", "50.00"]);
        assert_eq!(
            percent_weights(&[0.10429, 0.07737, 0.81834]),
            ["10.43", "7.74", "81.83"]
        );
    }
}
