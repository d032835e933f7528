//! Characters that look like ASCII letters and digits but are not: Cyrillic
//! `с` for Latin `c`, Greek `ο` for `o`, full-width `５` for `5`. An id or a
//! column name typed with one reads the same on screen and silently differs,
//! so messages name the character (`Cyrillic U+0441`) and lookalikes are
//! compared by their [`skeleton`].

/// The ASCII character `c` is commonly mistaken for, if any: a Cyrillic or
/// Greek letter of the same shape, or a full-width form (U+FF01–U+FF5E).
pub fn ascii_lookalike(c: char) -> Option<char> {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        return char::from_u32(c as u32 - 0xFEE0);
    }
    let ascii = match c {
        // Cyrillic.
        'а' => 'a',
        'в' => 'b',
        'с' => 'c',
        'ԁ' => 'd',
        'е' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'п' => 'n',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' => 's',
        'т' => 't',
        'ц' => 'u',
        'ѵ' => 'v',
        'ԝ' => 'w',
        'х' => 'x',
        'у' => 'y',
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        // Greek.
        'α' => 'a',
        'ε' => 'e',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        _ => return None,
    };
    Some(ascii)
}

/// `text` with every lookalike replaced by the ASCII character it looks like,
/// lower-cased: two names with the same skeleton look the same.
pub fn skeleton(text: &str) -> String {
    text.chars()
        .map(|c| ascii_lookalike(c).unwrap_or(c).to_ascii_lowercase())
        .collect()
}

/// The first character of `text` that looks like ASCII but is not, described.
pub fn first_lookalike(text: &str) -> Option<String> {
    text.chars()
        .find(|c| ascii_lookalike(*c).is_some())
        .map(describe)
}

/// A character named by its script and code point: `Cyrillic с (U+0441)`,
/// `full-width ５ (U+FF15)`.
pub fn describe(c: char) -> String {
    let script = match c as u32 {
        0x0370..=0x03FF => "Greek",
        0x0400..=0x052F => "Cyrillic",
        0xFF01..=0xFF5E => "full-width",
        _ => "non-ASCII",
    };
    format!("{script} {c} (U+{:04X})", c as u32)
}

/// The message for an id that breaks the id syntax (`what` is "id", "table
/// name", …), naming the first lookalike character when there is one, since
/// `сla_rate` with Cyrillic `с` visibly does start with a lower-case letter.
pub fn invalid_id(what: &str, id: &str) -> String {
    let lookalike = id
        .chars()
        .find_map(|c| ascii_lookalike(c).map(|ascii| (c, ascii)));
    match lookalike {
        Some((c, ascii)) => {
            let kind = if ascii.is_ascii_alphabetic() {
                "Latin"
            } else {
                "ASCII"
            };
            format!(
                "invalid {what} `{id}`: it contains {} where {kind} {ascii} is expected",
                describe(c)
            )
        }
        None => format!("invalid {what} `{id}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_reduce_to_the_same_skeleton() {
        assert_eq!(skeleton("сla_rate"), "cla_rate");
        assert_eq!(skeleton("ｓｌａ"), "sla");
        assert_eq!(skeleton("Οrder"), "order");
        assert_eq!(skeleton("华北"), "华北");
        assert_eq!(ascii_lookalike('５'), Some('5'));
        assert_eq!(ascii_lookalike('c'), None);
    }

    #[test]
    fn an_invalid_id_names_its_lookalike() {
        assert_eq!(
            invalid_id("id", "сla_rate"),
            "invalid id `сla_rate`: it contains Cyrillic с (U+0441) where Latin c is expected"
        );
        assert_eq!(
            invalid_id("id", "sla５"),
            "invalid id `sla５`: it contains full-width ５ (U+FF15) where ASCII 5 is expected"
        );
        assert_eq!(invalid_id("id", "Staff-1"), "invalid id `Staff-1`");
    }

    #[test]
    fn characters_are_named_by_script_and_code_point() {
        assert_eq!(describe('с'), "Cyrillic с (U+0441)");
        assert_eq!(describe('５'), "full-width ５ (U+FF15)");
        assert_eq!(describe('ο'), "Greek ο (U+03BF)");
        assert_eq!(first_lookalike("sla_rate"), None);
        assert_eq!(
            first_lookalike("sla_rаte").as_deref(),
            Some("Cyrillic а (U+0430)")
        );
    }
}
