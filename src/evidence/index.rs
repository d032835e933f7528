//! [`ProviderIndex`]: provider id → position, so that every per-provider
//! lookup is O(1) instead of a scan over every provider.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::ProviderEvidence;

/// Provider id → index in [`super::Evidence::providers`], built on the first
/// lookup (scoring never looks a provider up by id, so it does not pay for it).
///
/// A cache derived from the providers: two indexes are always equal, so
/// evidence compares by its content whether or not it was looked into. Ids do
/// not change once the evidence is read (attributes may be merged in).
#[derive(Debug, Clone, Default)]
pub struct ProviderIndex(OnceLock<FxHashMap<Box<str>, usize>>);

impl PartialEq for ProviderIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl ProviderIndex {
    /// The position of provider `id` among `providers`.
    pub fn get(&self, providers: &[ProviderEvidence], id: &str) -> Option<usize> {
        let map = self.0.get_or_init(|| {
            let mut map = FxHashMap::default();
            map.reserve(providers.len());
            for (p, provider) in providers.iter().enumerate() {
                map.entry(provider.id.as_str().into()).or_insert(p);
            }
            map
        });
        map.get(id).copied()
    }
}
