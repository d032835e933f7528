//! Provider attributes (`name`, `region`, … : the columns that are not
//! indicators), kept so that their size follows the file, not the file times
//! the number of copies.
//!
//! A providers file with 20,000 attribute columns and 1,000 rows holds 20
//! million cells. With a `String` name per cell and a copy of every map when
//! it was merged into the evidence and again into the scores, 40 MB of CSV
//! took 7.9 GB. Now a column's name is one shared `Arc<str>` (made once from
//! the header), and a provider's map is shared too: merging into a provider
//! that has no attributes of its own, and handing them to the scores, copies
//! a pointer, not the map.

use std::sync::Arc;

use indexmap::IndexMap;

/// One provider's attributes, by column name, in column order.
pub type AttributeMap = Arc<IndexMap<Arc<str>, String>>;

/// Adds `--providers` attributes to a provider's own (wide-format columns):
/// the providers file wins where both name a column.
pub fn merge(own: &mut AttributeMap, from_file: &AttributeMap) {
    if own.is_empty() {
        *own = Arc::clone(from_file);
        return;
    }
    Arc::make_mut(own).extend(from_file.iter().map(|(k, v)| (Arc::clone(k), v.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> AttributeMap {
        Arc::new(
            pairs
                .iter()
                .map(|(k, v)| (Arc::from(*k), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_file_wins_and_an_empty_map_is_shared_not_copied() {
        let file = map(&[("name", "甲"), ("region", "华北")]);
        let mut own = map(&[("name", "旧"), ("size", "big")]);
        merge(&mut own, &file);
        assert_eq!(
            *own,
            *map(&[("name", "甲"), ("size", "big"), ("region", "华北")])
        );
        let mut empty = AttributeMap::default();
        merge(&mut empty, &file);
        assert!(Arc::ptr_eq(&empty, &file));
    }

    #[test]
    fn every_provider_shares_the_column_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("providers.csv");
        std::fs::write(&path, "provider,name,region\na,甲,华北\nb,乙,华东\n").unwrap();
        let path = path.to_str().unwrap();
        let read = super::super::load_attributes(path, crate::input::Encoding::Auto).unwrap();
        let (a, b) = (&read["a"], &read["b"]);
        assert_eq!(b["region"], "华东");
        for ((ka, _), (kb, _)) in a.iter().zip(b.iter()) {
            assert!(Arc::ptr_eq(ka, kb), "{ka}");
        }
    }
}
