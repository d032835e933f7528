//! The sortable ranking table: a row per provider, written to the output as
//! the rows are made (see [`super::stream`]).
//!
//! Its numeric cells are right-aligned by the stylesheet, by column
//! (`table.ranking`, and `table.ranking.named` with a name column), not by a
//! class on each of them.

use std::io::Write;

use super::{
    anchor_into, escape, escape_into, provider_name, rounds, sort_header, stream::write_in_order,
    tier_badges,
};
use crate::framework::{Framework, Lang};
use crate::number::{fmt2_into, push_digits};
use crate::results::RoundResults;
use crate::score::{ProviderScore, Scores};

/// What every row of the ranking is made with.
pub struct Ranking<'a> {
    fw: &'a Framework,
    scores: &'a Scores,
    lang: Lang,
    /// `--previous`: the last round, for the movement column.
    previous: Option<&'a RoundResults>,
    /// Whether some provider has a name (then a name column).
    with_name: bool,
    /// The tier cell of each outcome, in [`crate::tier::Assigned::order`].
    tiers: Vec<String>,
}

impl<'a> Ranking<'a> {
    /// The ranking of `scores`.
    pub fn new(
        fw: &'a Framework,
        scores: &'a Scores,
        lang: Lang,
        previous: Option<&'a RoundResults>,
    ) -> Self {
        let tiers = tier_badges(fw, lang)
            .iter()
            .enumerate()
            .map(|(order, badge)| format!("<td data-sort=\"{order}\">{badge}</td>"))
            .collect();
        Ranking {
            fw,
            scores,
            lang,
            previous,
            with_name: scores.providers.iter().any(|p| provider_name(p).is_some()),
            tiers,
        }
    }

    /// Writes the table to `out`.
    pub fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.head().as_bytes())?;
        write_in_order(out, self.scores.providers.len(), |buffer, i| {
            self.row(&self.scores.providers[i], buffer);
        })?;
        out.write_all(b"</tbody></table></div>\n")
    }

    /// The table up to its first row.
    fn head(&self) -> String {
        let (fw, lang) = (self.fw, self.lang);
        let t = crate::report::scores::Titles::new(lang).fixed;
        let mut head = vec![(t[0], true), (t[1], false)];
        if self.with_name {
            head.push((t[2], false));
        }
        head.extend([(t[3], true), (t[4], false)]);
        let class = if self.with_name {
            "ranking named"
        } else {
            "ranking"
        };
        let mut out =
            format!("<div class=\"table-wrap\"><table class=\"sortable {class}\">\n<thead><tr>");
        for (title, num) in &head {
            out.push_str(&sort_header(title, *num));
        }
        for d in &fw.dimensions {
            out.push_str(&sort_header(&escape(d.doc.display(lang)), true));
        }
        if self.previous.is_some() {
            out.push_str(&rounds::movement_header(lang));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        out
    }

    /// Appends the row of provider `p` to `out`.
    fn row(&self, p: &ProviderScore, out: &mut String) {
        out.push_str("<tr><td>");
        push_digits(p.rank as u64, out);
        out.push_str("</td><td><a href=\"#");
        anchor_into(p, out);
        out.push_str("\">");
        escape_into(&p.provider, out);
        out.push_str("</a></td>");
        if self.with_name {
            out.push_str("<td class=\"nowrap\">");
            escape_into(provider_name(p).unwrap_or_default(), out);
            out.push_str("</td>");
        }
        out.push_str("<td>");
        fmt2_into(p.total, out);
        out.push_str("</td>");
        let tier = self.tiers.get(p.tier.assigned.order(self.fw));
        out.push_str(tier.map_or("<td></td>", String::as_str));
        for d in &p.dimensions {
            match d {
                Some(v) => {
                    out.push_str("<td>");
                    fmt2_into(*v, out);
                    out.push_str("</td>");
                }
                None => out.push_str("<td data-sort=\"\">—</td>"),
            }
        }
        if let Some(previous) = self.previous {
            out.push_str(&rounds::movement_cell(self.fw, previous, p, self.lang));
        }
        out.push_str("</tr>\n");
    }
}
