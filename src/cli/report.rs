//! `tierscore report`: one self-contained HTML file for publication.

use super::common::{self, Inputs, LangFlag};
use super::{Exit, Failure, Io};
use crate::gap;
use crate::output;
use crate::report::html::{self, Page};
use crate::summary;

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Write the HTML to FILE (atomically); `-` or nothing is stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<String>,
    #[command(flatten)]
    lang: LangFlag,
    /// The report's heading [default: the framework's name]
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// The date printed as the date of the run [default: SOURCE_DATE_EPOCH if set, else today (UTC)]
    ///
    /// With the same inputs and date the HTML file is byte-for-byte the same, so a published
    /// report can be reproduced.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<String>,
    /// Name each expert and their scores in the expert-panel section (by default only the panel size and the aggregate)
    #[arg(long)]
    show_experts: bool,
    /// Mark the page as a draft for public notice (公示稿); needs --objection-until
    #[arg(long)]
    draft: bool,
    /// With --draft: the last day of the objection period, YYYY-MM-DD, shown in the banner
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    objection_until: Option<String>,
}

/// Runs `report`.
pub fn run(args: Args, io: &mut Io) -> Result<Exit, Failure> {
    let draft = crate::report::html::draft_deadline(args.draft, args.objection_until.as_deref())
        .map_err(Failure::Usage)?;
    let date = match args.date {
        Some(d) => d,
        None => default_date()?,
    };
    let loaded = common::load(&args.inputs, io)?;
    let sources = args.inputs.sources()?;
    let (fw, scores) = (&loaded.framework, &loaded.scores);
    let run = gap::Run::new(fw, &loaded.evidence, scores);
    let regions = summary::summarise(fw, scores, "region").ok();
    let page = Page {
        fw,
        scores,
        gaps: &run,
        regions: regions.as_ref(),
        lang: args.lang.get(),
        title: args.title.as_deref(),
        date: &date,
        evidence: file_name(&sources.evidence),
        providers: sources.providers.as_deref().map(file_name),
        panels: Some((&loaded.evidence, args.show_experts)),
        draft,
        previous: loaded.previous.as_ref(),
    };
    output::emit_with(
        args.output.as_deref(),
        &args.inputs.paths(),
        io.out,
        &mut |out| html::write(&page, out),
    )?;
    common::leave_to_os(regions);
    common::leave_to_os(run);
    common::leave_to_os(loaded);
    Ok(Exit::Success)
}

/// The last component of a path; `-` is shown as `stdin`.
fn file_name(path: &str) -> &str {
    if path == "-" {
        return "stdin";
    }
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// `--date`: a real calendar date written `YYYY-MM-DD`.
fn parse_date(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    let number = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
    if shape {
        let (y, m, d) = (number(0..4), number(5..7), number(8..10));
        if (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) {
            return Ok(text.to_string());
        }
    }
    Err(format!("`{text}` is not a date written YYYY-MM-DD"))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The date from `SOURCE_DATE_EPOCH` (reproducible builds), else today, in UTC.
fn default_date() -> Result<String, Failure> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => s.trim().parse::<i64>().map_err(|_| {
            Failure::Usage(format!(
                "SOURCE_DATE_EPOCH=`{s}` is not a number of seconds since 1970-01-01"
            ))
        })?,
        _ => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    Ok(civil_date(seconds.div_euclid(86_400)))
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_civil_dates() {
        for (days, date) in [
            (0, "1970-01-01"),
            (59, "1970-03-01"),
            (11_016, "2000-02-29"),
            (20_417, "2025-11-25"),
            (-1, "1969-12-31"),
        ] {
            assert_eq!(civil_date(days), date, "day {days}");
        }
    }

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2026-02-28").is_ok());
        assert!(parse_date("2024-02-29").is_ok());
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-00",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
