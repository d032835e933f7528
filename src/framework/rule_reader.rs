//! Reads and checks one `score = { kind = …, … }` table.
//!
//! A rule's parameters are checked where they are read, since nothing else in
//! the file can make them right or wrong.

use toml::de::DeValue;

use super::MAX_ITEMS;
use super::toml_reader::{Source, TableReader, help, number_value};
use crate::rule::{Direction, Rule};

const KINDS: &str = "linear, bands, boolean, levels, relative";

/// The rule, or `None` after recording what is wrong with it.
pub fn read_rule(src: &mut Source, mut t: TableReader) -> Option<Rule> {
    let kind = t.string(src, "kind", true)?;
    let rule = match kind.get_ref().as_str() {
        "linear" => read_linear(src, &mut t),
        "bands" => read_bands(src, &mut t),
        "boolean" => Some(Rule::Boolean),
        "levels" => read_levels(src, &mut t),
        "relative" => read_direction(src, &mut t).map(|direction| Rule::Relative { direction }),
        other => {
            let d = src.error(&kind.span(), format!("unknown scoring kind `{other}`"));
            help(d, format!("use one of: {KINDS}"));
            None
        }
    };
    t.what = format!("a `{}` score", kind.get_ref());
    t.finish(src);
    rule
}

fn read_linear(src: &mut Source, t: &mut TableReader) -> Option<Rule> {
    let floor = t.number(src, "floor", true);
    let target = t.number(src, "target", true);
    let (floor, target) = (floor?, target?);
    if floor.get_ref() == target.get_ref() {
        let d = src.error(&target.span(), "`floor` and `target` must differ");
        help(
            d,
            "floor scores 0 and target scores 1; put floor above target when lower is better",
        );
        return None;
    }
    Some(Rule::Linear {
        floor: *floor.get_ref(),
        target: *target.get_ref(),
    })
}

fn read_direction(src: &mut Source, t: &mut TableReader) -> Option<Direction> {
    let Some(d) = t.string(src, "direction", false) else {
        return Some(Direction::Higher);
    };
    match d.get_ref().as_str() {
        "higher" => Some(Direction::Higher),
        "lower" => Some(Direction::Lower),
        other => {
            src.error(
                &d.span(),
                format!("`direction` must be \"higher\" or \"lower\", not \"{other}\""),
            );
            None
        }
    }
}

fn read_bands(src: &mut Source, t: &mut TableReader) -> Option<Rule> {
    let direction = read_direction(src, t);
    let Some(value) = t.get("bands") else {
        t.missing(src, "bands");
        return None;
    };
    let DeValue::Array(items) = value.get_ref() else {
        src.error(
            &value.span(),
            "`bands` must be an array of [threshold, score] pairs",
        );
        return None;
    };
    if items.is_empty() {
        src.error(&value.span(), "`bands` is empty");
        return None;
    }
    if items.len() > MAX_ITEMS {
        let message = format!("too many bands: {} (at most {MAX_ITEMS})", items.len());
        src.error(&value.span(), message);
        return None;
    }
    let mut bands = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items.iter() {
        match read_band(src, item) {
            Some(band) => {
                if let Some(&(prev, _)) = bands.last()
                    && band.0 <= prev
                {
                    let d = src.error(
                        &item.span(),
                        format!(
                            "band threshold {} is not above the previous one ({prev})",
                            band.0
                        ),
                    );
                    help(
                        d,
                        "list the thresholds strictly ascending, whatever the direction",
                    );
                    ok = false;
                }
                bands.push(band);
            }
            None => ok = false,
        }
    }
    let direction = direction?;
    ok.then_some(Rule::Bands { bands, direction })
}

fn read_band(src: &mut Source, item: &toml::Spanned<DeValue>) -> Option<(f64, f64)> {
    let pair = match item.get_ref() {
        DeValue::Array(pair) if pair.len() == 2 => pair,
        _ => {
            src.error(&item.span(), "each band must be a pair [threshold, score]");
            return None;
        }
    };
    let threshold = number_value(src, &pair[0], "a band threshold");
    let score = number_value(src, &pair[1], "a band score");
    let score = check_score(src, score?)?;
    Some((*threshold?.get_ref(), score))
}

fn check_score(src: &mut Source, score: toml::Spanned<f64>) -> Option<f64> {
    let s = *score.get_ref();
    if (0.0..=1.0).contains(&s) {
        Some(s)
    } else {
        let d = src.error(&score.span(), format!("score {s} is outside [0, 1]"));
        help(d, "scores are fractions: write 0.65, not 65");
        None
    }
}

fn read_levels(src: &mut Source, t: &mut TableReader) -> Option<Rule> {
    let Some(value) = t.get("levels") else {
        t.missing(src, "levels");
        return None;
    };
    let DeValue::Table(table) = value.get_ref() else {
        src.error(
            &value.span(),
            "`levels` must be a table like { \"CS3\" = 0.65 }",
        );
        return None;
    };
    if table.is_empty() {
        src.error(&value.span(), "`levels` is empty");
        return None;
    }
    if table.len() > MAX_ITEMS {
        let message = format!("too many levels: {} (at most {MAX_ITEMS})", table.len());
        src.error(&value.span(), message);
        return None;
    }
    let mut levels = indexmap::IndexMap::new();
    let mut ok = true;
    for (label, score) in table.iter() {
        let name = label.get_ref().trim().to_string();
        if name.is_empty() || name != label.get_ref().as_ref() {
            src.error(
                &label.span(),
                "level labels must be non-empty and have no surrounding spaces",
            );
            ok = false;
            continue;
        }
        match number_value(src, score, &format!("the score of level `{name}`"))
            .and_then(|s| check_score(src, s))
        {
            Some(s) => {
                levels.insert(name, s);
            }
            None => ok = false,
        }
    }
    ok.then_some(Rule::Levels { levels })
}
