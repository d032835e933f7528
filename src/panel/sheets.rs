//! Scoring sheets for experts (`init --expert-sheets`): one workbook per
//! expert, one row per provider × panel indicator, with the rubric beside each
//! row and a data validation that keeps scores within the indicator's scale.
//!
//! The sheet is long-format evidence with an `expert` column (title rows above
//! the header are skipped when it is read), so a filled-in sheet reads back
//! with `--expert-scores FILE`.

use rust_xlsxwriter::{DataValidation, Format, Formula, Worksheet};

use super::conflicts::Conflicts;
use crate::framework::{Framework, Indicator, Lang};
use crate::number::trim;
use crate::report::xlsx::RenderError;

/// A provider to be scored: its id and display name (may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    /// The provider id.
    pub id: String,
    /// Its `name` attribute, shown beside the id.
    pub name: String,
}

/// The first data row (0-based): two title rows, then the header.
pub const FIRST_ROW: u32 = 3;

/// The workbook of `expert`: every provider (except those the expert is
/// recused for) × every panel indicator. `score` fills the value cells (the
/// CLI leaves them empty; tests fill them in).
pub fn workbook(
    fw: &Framework,
    providers: &[Provider],
    expert: &str,
    conflicts: Option<&Conflicts>,
    lang: Lang,
    score: &dyn Fn(&str, &str) -> Option<f64>,
) -> Result<Vec<u8>, RenderError> {
    let mut wb = crate::report::xlsx::new_workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("scores")?;
    let bold = Format::new().set_bold();
    let (title, how) = match lang {
        Lang::Zh => (
            "专家评分表",
            "在 value 列填写分数（不评的留空）；评分标准见 note 列",
        ),
        Lang::En => (
            "Expert scoring sheet",
            "Write each score in the value column (leave it empty if you do not score it); the rubric is in the note column",
        ),
    };
    ws.write_string_with_format(
        0,
        0,
        format!("{title}: {expert} ({} {})", fw.id, fw.version),
        &bold,
    )?;
    ws.write_string(1, 0, how)?;
    for (c, h) in ["provider", "indicator", "expert", "value", "note"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    let mut row = FIRST_ROW;
    for provider in providers {
        let recused = conflicts.is_some_and(|c| {
            c.recusals
                .contains_key(&(expert.to_string(), provider.id.clone()))
        });
        if recused {
            continue;
        }
        for ind in fw.indicators.iter().filter(|i| i.panel.is_some()) {
            ws.write_string(row, 0, &provider.id)?;
            ws.write_string(row, 1, &ind.id)?;
            ws.write_string(row, 2, expert)?;
            if let Some(v) = score(&provider.id, &ind.id) {
                ws.write_number(row, 3, v)?;
            }
            ws.write_string(row, 4, note(provider, ind, lang))?;
            ws.add_data_validation(row, 3, row, 3, &validation(ind, row)?)?;
            row += 1;
        }
    }
    widths(ws)?;
    Ok(wb.save_to_buffer()?)
}

/// `甲公司 · 方案质量 · 0–100 · ≥90 架构完整；≥75 …`.
fn note(provider: &Provider, ind: &Indicator, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !provider.name.is_empty() {
        parts.push(provider.name.clone());
    }
    parts.push(ind.doc.display(lang).to_string());
    if let Some((lo, hi)) = super::scale_of(ind) {
        parts.push(format!("{}–{}", trim(lo), trim(hi)));
    }
    if !ind.rubric.is_empty() {
        let lines: Vec<String> = ind
            .rubric
            .iter()
            .map(|l| format!("≥{} {}", trim(l.threshold), l.text))
            .collect();
        parts.push(lines.join("; "));
    }
    parts.join(" · ")
}

/// A number within the indicator's scale (any number when it has none), or
/// `n/a` when the expert judges that the indicator does not apply; `row` is
/// the 0-based worksheet row of the score cell (column D).
fn validation(ind: &Indicator, row: u32) -> Result<DataValidation, RenderError> {
    let cell = format!("D{}", row + 1);
    let (number, message) = match super::scale_of(ind) {
        Some((lo, hi)) => (
            format!(
                "AND(ISNUMBER({cell}),{cell}>={},{cell}<={})",
                trim(lo),
                trim(hi)
            ),
            format!("{} – {}, n/a", trim(lo), trim(hi)),
        ),
        None => (format!("ISNUMBER({cell})"), "a number, n/a".to_string()),
    };
    let formula = Formula::new(format!("=OR({number},{cell}=\"n/a\")"));
    Ok(DataValidation::new()
        .allow_custom(formula)
        .set_error_message(&message)?)
}

fn widths(ws: &mut Worksheet) -> Result<(), RenderError> {
    for (c, w) in [14.0, 18.0, 12.0, 10.0, 80.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}
