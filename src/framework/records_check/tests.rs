use crate::framework::fixture::{self, errors};
use crate::framework::load_str;
use crate::framework::records::{Aggregate, FieldType, FieldValue, Filter, FilterTest, Window};

/// After [`fixture::HEAD`]: line N of this body is line N + 5 of `f.toml`.
const BODY: &str = r#"
[[records]]
id = "projects"
name = "项目业绩清单"
key = "contract_no"
[records.fields]
contract_no = "text"
city = "text"
amount = "number"
role = "text"
accepted = "date"
on_time = "boolean"

[[dimension]]
id = "d"
name = "d"
weight = 1

[[dimension.indicator]]
id = "cities"
name = "cities"
weight = 1
score = { kind = "linear", floor = 1, target = 8 }
[dimension.indicator.derive]
records = "projects"
aggregate = "count_distinct"
field = "city"
within = { field = "accepted", years = 3 }
where = [{ field = "role", equals = " lead " }, { field = "amount", at_least = 1000 }]
"#;

fn base() -> String {
    fixture::text(BODY)
}

#[test]
fn the_base_framework_reads_its_table_and_derive() {
    let fw = match load_str("f.toml", &base()) {
        Ok(l) => l.framework,
        Err(d) => unreachable!("{d:?}"),
    };
    assert_eq!(fw.records.len(), 1);
    let table = &fw.records[0];
    assert_eq!(table.id, "projects");
    assert_eq!(table.doc.name, "项目业绩清单");
    assert_eq!(table.key, Some(0));
    let types: Vec<FieldType> = table.fields.values().copied().collect();
    use FieldType::*;
    assert_eq!(types, [Text, Text, Number, Text, Date, Boolean]);
    let derive = fw.indicators[0].derive.as_ref();
    let derive = derive.unwrap_or_else(|| unreachable!("derived"));
    assert_eq!(derive.table, 0);
    assert_eq!(derive.aggregate, Aggregate::CountDistinct);
    assert_eq!(derive.field, Some(1));
    assert_eq!(derive.window, Some(Window { field: 4, years: 3 }));
    assert_eq!(
        derive.filters,
        [
            // " lead " is trimmed like the ledger's text.
            Filter {
                field: 3,
                test: FilterTest::Equals(FieldValue::Text("lead".into()))
            },
            Filter {
                field: 2,
                test: FilterTest::AtLeast(FieldValue::Number(1000.0))
            },
        ]
    );
    assert!(fw.uses_windows());
}

#[test]
fn a_framework_without_windows_needs_no_as_of() {
    let text = base().replace("within = { field = \"accepted\", years = 3 }\n", "");
    let fw = load_str("f.toml", &text).map(|l| l.framework);
    assert!(fw.is_ok_and(|f| !f.uses_windows() && f.indicators[0].derive.is_some()));
}

/// One case per message: the text replaced, and the exact first diagnostic.
#[test]
fn every_mistake_is_located() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "on_time = \"boolean\"",
            "on_time = \"bool\"",
            "f.toml:17:11: error: unknown field type `bool`",
        ),
        (
            "on_time = \"boolean\"",
            "on_time = 1",
            "f.toml:17:11: error: a field type must be a string, found integer",
        ),
        (
            "on_time = \"boolean\"",
            "Provider = \"text\"",
            "f.toml:17:1: error: invalid field name `Provider`",
        ),
        (
            "on_time = \"boolean\"",
            "provider = \"text\"",
            "f.toml:17:1: error: `provider` is not a field: every record table has that column already",
        ),
        (
            "key = \"contract_no\"",
            "key = \"contract\"",
            "f.toml:10:7: error: the key `contract` is not a declared field",
        ),
        (
            "id = \"projects\"",
            "id = \"Projects\"",
            "f.toml:8:6: error: invalid record table id `Projects`",
        ),
        (
            "name = \"项目业绩清单\"\n",
            "",
            "f.toml:7:1: error: [[records]] `projects` has no `name`",
        ),
        (
            "key = \"contract_no\"",
            "key = \"contract_no\"\nkeys = 1",
            "f.toml:11:1: error: unknown key `keys` in [[records]] `projects`",
        ),
        (
            "[records.fields]",
            "fields = 3\n[records.x]",
            "f.toml:11:10: error: `fields` must be a table, found integer",
        ),
        (
            "records = \"projects\"",
            "records = \"project\"",
            "f.toml:30:11: error: unknown record table `project`",
        ),
        (
            "aggregate = \"count_distinct\"",
            "aggregate = \"average\"",
            "f.toml:31:13: error: unknown aggregate `average`",
        ),
        (
            "field = \"city\"",
            "field = \"town\"",
            "f.toml:32:9: error: unknown field `town` in record table `projects`",
        ),
        (
            "aggregate = \"count_distinct\"",
            "aggregate = \"count\"",
            "f.toml:32:9: error: `count` counts rows and takes no `field`",
        ),
        (
            "aggregate = \"count_distinct\"",
            "aggregate = \"sum\"",
            "f.toml:32:9: error: `sum` needs a number field; `city` is text",
        ),
        (
            "aggregate = \"count_distinct\"",
            "aggregate = \"mean\"",
            "f.toml:32:9: error: `mean` needs a number field; `city` is text",
        ),
        (
            "aggregate = \"count_distinct\"",
            "aggregate = \"share\"",
            "f.toml:32:9: error: `share` needs a boolean field; `city` is text",
        ),
        (
            "field = \"city\"\n",
            "",
            "f.toml:29:1: error: `count_distinct` needs a `field`",
        ),
        (
            "field = \"accepted\"",
            "field = \"city\"",
            "f.toml:33:20: error: the window field `city` is text, not a date",
        ),
        (
            "years = 3",
            "years = 2.5",
            "f.toml:33:40: error: `years` must be a whole number from 1 to 100, found 2.5",
        ),
        (
            "years = 3",
            "years = 0",
            "f.toml:33:40: error: `years` must be a whole number from 1 to 100, found 0",
        ),
        (
            "years = 3 }",
            "years = 3, month = 1 }",
            "f.toml:33:43: error: unknown key `month` in `within`",
        ),
        (
            "at_least = 1000",
            "at_least = \"1000\"",
            "f.toml:34:80: error: `amount` is a number field; found string",
        ),
        (
            "equals = \" lead \"",
            "equals = true",
            "f.toml:34:37: error: `role` is a text field; found boolean",
        ),
        (
            "equals = \" lead \"",
            "at_least = \"lead\"",
            "f.toml:34:39: error: `at_least` compares numbers and dates; `role` is text",
        ),
        (
            "equals = \" lead \"",
            "equals = \"lead\", at_most = \"x\"",
            "f.toml:34:55: error: a `where` condition needs exactly one of `equals`, `at_least` or `at_most`",
        ),
        (
            "{ field = \"role\", equals = \" lead \" }",
            "{ field = \"role\" }",
            "f.toml:34:10: error: a `where` condition needs exactly one of `equals`, `at_least` or `at_most`",
        ),
        (
            "{ field = \"amount\", at_least = 1000 }",
            "{ field = \"accepted\", at_least = \"2024-02-30\" }",
            "f.toml:34:82: error: `2024-02-30` is not a date: February 2024 has 29 days",
        ),
        (
            "kind = \"linear\", floor = 1, target = 8",
            "kind = \"boolean\"",
            "f.toml:29:1: error: a derived indicator's value is a number; it cannot be scored as `boolean`",
        ),
        (
            "aggregate = \"count_distinct\"",
            "aggregate = \"count_distinct\"\ncolumn = 1",
            "f.toml:32:1: error: unknown key `column` in the `derive` of indicator `cities`",
        ),
    ];
    let mut wrong = Vec::new();
    for (from, to, want) in cases {
        assert_eq!(base().matches(from).count(), 1, "{from}");
        let text = base().replacen(from, to, 1);
        let got = errors(&text);
        if got.first().map(String::as_str) != Some(*want) {
            wrong.push(format!("{to}\n  want {want}\n  got  {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_broken_table_is_not_reported_again_by_its_derive() {
    let text = base().replace("on_time = \"boolean\"", "on_time = \"bool\"");
    assert_eq!(
        errors(&text),
        ["f.toml:17:11: error: unknown field type `bool`"]
    );
}

#[test]
fn duplicate_tables_and_empty_field_lists_are_errors() {
    let twice = base().replace(
        "[[dimension]]",
        "[[records]]\nid = \"projects\"\nname = \"again\"\n[records.fields]\nx = \"text\"\n\n[[dimension]]",
    );
    assert_eq!(
        errors(&twice),
        ["f.toml:20:6: error: duplicate record table `projects` (first defined at line 8)"]
    );
    let empty = base().replace(
        "[[dimension]]",
        "[[records]]\nid = \"staff\"\nname = \"s\"\nfields = {}\n\n[[dimension]]",
    );
    assert_eq!(
        errors(&empty),
        ["f.toml:19:1: error: a record table declares at least one field in `[records.fields]`"]
    );
}

#[test]
fn filters_take_values_of_their_field_type() {
    let text = base().replace(
        "where = [",
        "where = [{ field = \"on_time\", equals = false }, { field = \"accepted\", at_most = \"2026/6/30\" }, ",
    );
    let fw = load_str("f.toml", &text).map(|l| l.framework);
    let filters = fw.map(|f| f.indicators[0].derive.clone().map(|d| d.filters));
    let filters = filters.ok().flatten().unwrap_or_default();
    assert_eq!(filters.len(), 4);
    assert_eq!(filters[0].test, FilterTest::Equals(FieldValue::Bool(false)));
    assert_eq!(
        filters[1].test.clone(),
        FilterTest::AtMost(FieldValue::Date(
            crate::date::Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!())
        ))
    );
}
