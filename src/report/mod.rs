//! Rendering results: one [`Format`] enum and one renderer per format.
//!
//! Tabular outputs are first built as a [`grid::Grid`] of strings, then drawn
//! as a terminal table, CSV or Markdown; JSON is built from the results directly;
//! [`html`] renders the publication report.

pub mod amended;
pub mod compare;
pub mod derived;
pub mod diff;
pub mod explain;
pub mod framework_sheet;
pub mod gap;
pub mod grid;
pub mod html;
pub mod in_order;
pub mod json_stream;
pub mod json_value;
pub mod panel;
pub mod progression;
pub mod required;
pub mod score_json;
pub mod scores;
pub mod sensitivity;
pub mod summary;
pub mod trend;
pub mod weights;
pub mod xlsx;

use crate::framework::{Framework, Lang};
use crate::tier::Assigned;

/// The `framework` object of JSON outputs: `{"id", "version"}`, and the
/// run's reference date `"as_of"` when `--as-of` gave one.
pub fn framework_json(fw: &Framework) -> serde_json::Value {
    let mut meta = serde_json::json!({"id": fw.id, "version": fw.version});
    if let (Some(as_of), Some(map)) = (fw.as_of, meta.as_object_mut()) {
        map.insert("as_of".into(), serde_json::Value::String(as_of.to_string()));
    }
    meta
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal.
    Table,
    /// Comma-separated values with the exact columns documented for the command.
    Csv,
    /// JSON with unrounded numbers.
    Json,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// An Excel workbook (binary; needs `-o FILE.xlsx` or a redirected stdout).
    Xlsx,
}

impl Format {
    /// True for formats that are not text (a workbook).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// The format an output file's extension asks for (`.csv`, `.json`, `.md`, `.xlsx`).
    pub fn from_extension(path: &str) -> Option<Format> {
        let ext = std::path::Path::new(path)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Table),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Pretty JSON with a trailing newline.
pub fn json_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The Chinese or the English text of a label.
pub fn lang_text(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The name shown for a tier outcome.
pub fn tier_label(fw: &Framework, assigned: Assigned, lang: Lang) -> String {
    match (assigned, lang) {
        (Assigned::Tier(t), _) => fw.tiers[t].doc.display(lang).to_string(),
        (Assigned::Incomplete, _) => crate::required::tier_words(lang).to_string(),
        (Assigned::None, Lang::Zh) => "未定级".to_string(),
        (Assigned::Vetoed, Lang::Zh) => "一票否决".to_string(),
        (other, Lang::En) => other.id(fw).to_string(),
    }
}
