//! Shortfalls in rows, in both languages, on hand-derived numbers.

use super::*;
use crate::framework::fixture;

/// `projects` and one derived indicator per aggregate, each over lead
/// projects of at least 1000 accepted within 3 years.
fn framework() -> Framework {
    let mut body = String::from(
        "[[records]]\nid = \"projects\"\nname = \"p\"\n[records.fields]\ncity = \"text\"\namount = \"number\"\nrole = \"text\"\naccepted = \"date\"\non_time = \"boolean\"\n",
    );
    body.push_str(fixture::ONE_DIMENSION);
    body.push_str(&crate::records::tests::every_aggregate(
        "within = { field = \"accepted\", years = 3 }\nwhere = [{ field = \"role\", equals = \"lead\" }, { field = \"amount\", at_least = 1000 }]\n",
    ));
    fixture::framework(&body)
}

/// The shortfall of indicator `id` from `current` (over `rows_now` rows) to `required`.
fn words(id: &str, now: (f64, usize), required: f64, lang: Lang) -> Option<String> {
    let fw = framework();
    let k = fw.indicators.iter().position(|i| i.id == id)?;
    let derive = fw.indicators[k].derive.as_ref()?;
    let short = Shortfall {
        current: Some(now.0),
        rows_now: now.1,
        required,
    };
    shortfall_text(&fw, derive, short, lang)
}

#[test]
fn each_aggregate_in_both_languages() {
    let zh_rows = "`projects`（role = lead，amount ≥ 1000，accepted 在 3 年内）";
    let en_rows = "`projects` with role = lead, amount ≥ 1000, accepted within 3 years";
    // mean: 2 rows averaging 1500, to reach 2000 the third must be ≥ 2000·3 − 1500·2 = 3000.
    // share: 1 of 2 on time (50 %); one more on time gives 2/3 = 66.7 % ≥ 60, not ≥ 80.
    let cases = [
        (
            "n",
            (3.0, 3),
            5.0,
            format!("还需 2 个 {zh_rows}"),
            format!("2 more {en_rows}"),
        ),
        (
            "cities",
            (3.0, 4),
            5.0,
            format!("还需 2 个 {zh_rows}，且每个的 `city` 均为尚未列出的"),
            format!("2 more {en_rows}, each with a `city` not listed yet"),
        ),
        (
            "total",
            (2500.0, 2),
            4000.0,
            format!("{zh_rows} 的 `amount` 还差 1500：补一行 amount ≥ 1500 即可"),
            format!("1500 more `amount` in {en_rows}: one row with amount ≥ 1500 would close it"),
        ),
        (
            "most",
            (1200.0, 2),
            4000.0,
            format!("还需 1 个 {zh_rows}，且 amount ≥ 4000"),
            format!("one more {en_rows} and amount ≥ 4000"),
        ),
        (
            "average",
            (1500.0, 2),
            2000.0,
            format!("再补 1 个 {zh_rows}，且 amount ≥ 3000，平均值即可达到 2000"),
            format!("one more {en_rows} and amount ≥ 3000 would lift the mean to 2000"),
        ),
        (
            "punctual",
            (50.0, 2),
            60.0,
            format!("再补 1 个 {zh_rows}，且 on_time = true 即可"),
            format!("one more {en_rows} and on_time = true"),
        ),
        (
            "punctual",
            (50.0, 2),
            80.0,
            format!("还需多个 {zh_rows}，且 on_time = true"),
            format!("more {en_rows} and on_time = true"),
        ),
    ];
    for (id, now, required, zh, en) in cases {
        assert_eq!(words(id, now, required, Lang::Zh), Some(zh), "{id} zh");
        assert_eq!(words(id, now, required, Lang::En), Some(en), "{id} en");
    }
}

#[test]
fn no_words_when_rows_cannot_help_or_nothing_is_short() {
    // A `min` is not raised by adding rows; a value at its requirement is not short.
    assert_eq!(words("least", (500.0, 2), 1000.0, Lang::Zh), None);
    assert_eq!(words("n", (5.0, 5), 5.0, Lang::Zh), None);
    assert_eq!(words("n", (6.0, 6), 5.0, Lang::En), None);
}
