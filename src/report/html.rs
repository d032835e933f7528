//! A self-contained HTML report for publication (`tierscore report`).
//!
//! The page is [`TEMPLATE`] (`html/template.html`) with `{{name}}` placeholders
//! filled in one pass; [`STYLE`] and [`SCRIPT`] are inlined, so the file works
//! offline and a designer can edit the three assets without touching Rust. The
//! repeated parts (tables, charts, provider sections) are rendered by the small
//! functions of the submodules. Every piece of input text goes through [`escape`].

mod charts;
mod framework_section;
mod panels;
mod provider;
mod radar;
mod ranking;
mod rounds;
pub(crate) mod stream;
mod words;

pub use rounds::draft_deadline;

use crate::framework::{Framework, Lang};
use crate::gap;
use crate::score::{ProviderScore, Scores};
use crate::summary::Summary;
use crate::tier::Assigned;

use super::grid::Grid;
use super::scores::tier_label;
use words::Words;

/// The page skeleton with `{{placeholder}}`s.
pub const TEMPLATE: &str = include_str!("html/template.html");
/// The inline stylesheet (screen and `@media print`).
pub const STYLE: &str = include_str!("html/style.css");
/// The inline script that sorts tables by a clicked header.
pub const SCRIPT: &str = include_str!("html/sort.js");

/// Everything one report shows.
pub struct Page<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The scored run.
    pub scores: &'a Scores,
    /// The run whose gaps the provider sections show (each worked out as its
    /// section is made, see [`crate::gap::gap`]).
    pub gaps: &'a gap::Run<'a>,
    /// The regional view, when the providers have a `region` attribute.
    pub regions: Option<&'a Summary>,
    /// Language of names and labels.
    pub lang: Lang,
    /// The heading; the framework's name when `None`.
    pub title: Option<&'a str>,
    /// The date of the run, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The evidence file's name.
    pub evidence: &'a str,
    /// The provider attributes file's name, when one was given.
    pub providers: Option<&'a str>,
    /// The evidence, for the expert-panel section, and whether it names the experts.
    pub panels: Option<(&'a crate::evidence::Evidence, bool)>,
    /// `--draft --objection-until DATE`: the objection deadline of a draft (公示稿).
    pub draft: Option<&'a str>,
    /// `--previous`: the last round, for movements and the chart of rounds.
    pub previous: Option<&'a crate::results::RoundResults>,
}

/// Renders the whole page (what [`write()`] writes, as text).
pub fn render(page: &Page) -> String {
    let mut out = Vec::with_capacity(TEMPLATE.len() * 4);
    // Writing into a Vec cannot fail, and every part is UTF-8.
    let _ = write(page, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the whole page to `out`: the parts before and after the provider
/// sections are made whole (they are small), the sections are streamed as they
/// are made (on every core, a batch at a time), so memory does not grow with the number of providers.
pub fn write(page: &Page, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let w = Words::new(page.lang);
    let fw = page.fw;
    let title = page
        .title
        .map_or_else(|| fw.doc.display(page.lang).to_string(), str::to_string);
    let part = |name: &str| {
        Some(match name {
            "lang" => w.html_lang.to_string(),
            "tool_version" => escape(env!("CARGO_PKG_VERSION")),
            "title" => escape(&title),
            "subtitle" => escape(fw.doc.description.as_deref().unwrap_or_default()),
            "meta" => meta(page, &w),
            "style" => STYLE.to_string(),
            "script" => SCRIPT.to_string(),
            "l_contents" => w.contents.to_string(),
            "l_distribution" => w.distribution.to_string(),
            "l_ranking" => w.ranking.to_string(),
            "l_providers" => w.providers.to_string(),
            "l_framework" => w.framework.to_string(),
            "l_sort_hint" => w.sort_hint.to_string(),
            "toc_regions" => page.regions.map_or_else(String::new, |_| {
                format!("<a href=\"#regions\">{}</a>", w.regions)
            }),
            "tier_chart" => charts::tier_chart(fw, page.scores, page.lang, &w),
            "regions" => page
                .regions
                .map_or_else(String::new, |s| regions(fw, s, page.lang, &w)),
            "notice" | "toc_rounds" | "rounds" | "changes" => rounds::part(name, page),
            "framework" => framework_section::render(fw, page.scores, page.lang, &w),
            "panels" => page.panels.map_or_else(String::new, |(e, show)| {
                panels::section(fw, e, show, page.lang)
            }),
            "footer" => w.footer.to_string(),
            _ => return None,
        })
    };
    // The template holds `{{ranking}}` and then `{{providers}}` once each (a
    // test checks): both are streamed, the text around them filled as usual.
    let mut text = String::with_capacity(TEMPLATE.len() * 4);
    let mut fill_part = |template: &str, out: &mut dyn std::io::Write| {
        text.clear();
        fill_into(&mut text, template, |name, out| {
            part(name).map(|v| out.push_str(&v)).is_some()
        });
        out.write_all(text.as_bytes())
    };
    let (head, rest) = TEMPLATE.split_once(RANKING).unwrap_or((TEMPLATE, ""));
    let (middle, tail) = rest.split_once(PROVIDERS).unwrap_or((rest, ""));
    fill_part(head, out)?;
    ranking::Ranking::new(fw, page.scores, page.lang, page.previous).write(out)?;
    fill_part(middle, out)?;
    sections(page, &w, out)?;
    fill_part(tail, out)
}

/// Where the ranking goes in [`TEMPLATE`].
const RANKING: &str = "{{ranking}}";
/// Where the provider sections go in [`TEMPLATE`].
const PROVIDERS: &str = "{{providers}}";

/// The section of every provider, written to `out` as they are made (the bulk
/// of a large report: made on every core, never held whole).
fn sections(page: &Page, w: &Words, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let cx = provider::Context::new(page.fw, page.scores, page.lang, w);
    out.write_all(cx.frame.defs().as_bytes())?;
    stream::write_in_order(out, page.scores.providers.len(), |buffer, i| {
        provider::section(&cx, &gap::gap(page.gaps, i, None), buffer);
    })
}

/// Replaces every `{{name}}` of `template` by `value(name)` in one pass, so
/// text that comes from input is never searched for placeholders. An unknown
/// name is left as written (the tests check the template has none).
pub fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() * 4);
    fill_into(&mut out, template, |name, out| {
        value(name).map(|v| out.push_str(&v)).is_some()
    });
    out
}

/// [`fill`] into `out`, where `value(name, out)` appends the value of a known
/// name and returns true.
fn fill_into(out: &mut String, template: &str, mut value: impl FnMut(&str, &mut String) -> bool) {
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = &after[..end];
                if !value(name, out) {
                    out.push_str(&rest[start..start + 2 + end + 2]);
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
}

/// Escapes text for HTML content and for quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// [`escape`] appended to `out`: text without markup characters is copied whole.
pub fn escape_into(text: &str, out: &mut String) {
    let mut rest = text;
    // The five are ASCII, so a byte scan finds them (no character decoding),
    // and the byte after one is where a character starts.
    let markup = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    while let Some(at) = rest.as_bytes().iter().position(markup) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// The CSS class suffix of an outcome: `t0`… for tiers (colours repeat after
/// six), `incomplete`, `none`, `vetoed`.
fn tier_class(assigned: Assigned) -> String {
    match assigned {
        Assigned::Tier(t) => format!("t{}", t.min(5)),
        Assigned::Incomplete => "incomplete".to_string(),
        Assigned::None => "none".to_string(),
        Assigned::Vetoed => "vetoed".to_string(),
    }
}

/// The badge of every outcome, in [`Assigned::order`].
fn tier_badges(fw: &Framework, lang: Lang) -> Vec<String> {
    Assigned::all(fw)
        .into_iter()
        .map(|a| tier_badge(fw, a, lang))
        .collect()
}

/// A coloured badge with the outcome's name.
fn tier_badge(fw: &Framework, assigned: Assigned, lang: Lang) -> String {
    format!(
        "<span class=\"badge bg-{}\">{}</span>",
        tier_class(assigned),
        escape(&tier_label(fw, assigned, lang))
    )
}

/// The anchor of a provider's section, `p-N` (by position, since ids may hold
/// any text), appended to `out`: the section's `id` and the ranking's link.
fn anchor_into(p: &ProviderScore, out: &mut String) {
    out.push_str("p-");
    crate::number::push_digits(p.index as u64, out);
}

/// A provider's `name` attribute, if it has one.
fn provider_name(p: &ProviderScore) -> Option<&str> {
    p.attributes
        .get("name")
        .map(String::as_str)
        .filter(|n| !n.is_empty())
}

/// The `<dt>`/`<dd>` pairs of the header.
fn meta(page: &Page, w: &Words) -> String {
    let fw = page.fw;
    let mut rows = vec![
        (
            w.framework,
            format!("{} ({})", fw.doc.display(page.lang), fw.id),
        ),
        (w.version, fw.version.clone()),
    ];
    if let Some(as_of) = fw.as_of {
        rows.push((
            super::lang_text(page.lang, "评价基准日", "As of"),
            as_of.to_string(),
        ));
    }
    rows.extend([
        (w.date, page.date.to_string()),
        (w.evidence, page.evidence.to_string()),
    ]);
    if let Some(p) = page.providers {
        rows.push((w.providers_file, p.to_string()));
    }
    rows.push((w.provider_count, page.scores.providers.len().to_string()));
    rows.iter()
        .map(|(k, v)| format!("    <dt>{k}</dt><dd>{}</dd>\n", escape(v)))
        .collect()
}

/// A header cell with a sort button; `label` is already escaped.
fn sort_header(label: &str, numeric: bool) -> String {
    let class = if numeric { " class=\"num\"" } else { "" };
    format!("<th{class}><button type=\"button\">{label}</button></th>")
}

/// The regional view: a stacked bar per region and the summary table.
fn regions(fw: &Framework, summary: &Summary, lang: Lang, w: &Words) -> String {
    let mut grid = super::summary::display_grid(fw, summary, lang);
    if summary.attribute == "region" {
        grid.header[0] = w.region.to_string();
    }
    format!(
        "<section id=\"regions\">\n  <h2>{}</h2>\n{}{}</section>\n",
        w.regions,
        charts::region_chart(fw, summary, lang, w),
        table(&grid, "regions")
    )
}

/// A plain (not sortable) table from a [`Grid`]; every cell is escaped.
fn table(grid: &Grid, class: &str) -> String {
    let mut out = format!("<div class=\"table-wrap\"><table class=\"{class}\">\n<thead><tr>");
    for (title, num) in grid.header.iter().zip(&grid.numeric) {
        out.push_str(&cell("th", title, *num));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &grid.rows {
        out.push_str("<tr>");
        for (c, num) in row.iter().zip(&grid.numeric) {
            out.push_str(&cell("td", c, *num));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// One escaped cell; numeric cells are right-aligned.
fn cell(tag: &str, text: &str, numeric: bool) -> String {
    let class = if numeric { " class=\"num\"" } else { "" };
    format!("<{tag}{class}>{}</{tag}>", escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("华信 CS4"), "华信 CS4");
    }

    #[test]
    fn fills_placeholders_in_one_pass() {
        let value = |n: &str| match n {
            "a" => Some("{{b}}".to_string()),
            "b" => Some("B".to_string()),
            _ => None,
        };
        assert_eq!(fill("x{{a}}y{{b}}z", value), "x{{b}}yBz");
        assert_eq!(fill("{{unknown}} {{", value), "{{unknown}} {{");
    }

    #[test]
    fn the_template_uses_only_known_placeholders() {
        let known = [
            "lang",
            "tool_version",
            "title",
            "subtitle",
            "meta",
            "style",
            "script",
            "l_contents",
            "l_distribution",
            "l_ranking",
            "l_providers",
            "l_framework",
            "l_sort_hint",
            "toc_regions",
            "tier_chart",
            "regions",
            "panels",
            "ranking",
            "providers",
            "framework",
            "footer",
            "notice",
            "toc_rounds",
            "rounds",
            "changes",
        ];
        let filled = fill(TEMPLATE, |n| known.contains(&n).then(String::new));
        // The ranking and the provider sections are streamed in, in this order.
        assert_eq!(TEMPLATE.matches(RANKING).count(), 1);
        assert_eq!(TEMPLATE.matches(PROVIDERS).count(), 1);
        assert!(TEMPLATE.find(RANKING) < TEMPLATE.find(PROVIDERS));
        assert!(
            !filled.contains("{{"),
            "unknown placeholder in template.html"
        );
    }

    #[test]
    fn assets_reference_nothing_outside_the_file() {
        for asset in [TEMPLATE, STYLE, SCRIPT] {
            assert!(!asset.contains("http://") && !asset.contains("https://"));
            assert!(!asset.contains("@import"));
            // `url(#…)` names a part of the page itself (the radar's dot).
            assert_eq!(
                asset.matches("url(").count(),
                asset.matches("url(#").count()
            );
        }
    }
}
