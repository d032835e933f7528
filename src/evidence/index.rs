//! Provider id → position: [`IdTable`], and [`ProviderIndex`], the one
//! evidence builds on first use, so that every per-provider lookup is O(1)
//! instead of a scan over every provider.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

use super::ProviderEvidence;

/// Provider id → position in a list of providers, holding only positions
/// (4 bytes each): the ids stay in the list and are compared there, so a
/// registry of a million providers does not keep a second copy of its ids.
#[derive(Debug, Clone, Default)]
pub struct IdTable(hashbrown::HashTable<u32>);

/// The hash of an id (Fx: ids are short, and this is a hot path).
fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

impl IdTable {
    /// The position of provider `id` among `providers`, the list the table was built over.
    pub fn get(&self, providers: &[ProviderEvidence], id: &str) -> Option<usize> {
        let same = |&p: &u32| {
            providers
                .get(p as usize)
                .is_some_and(|q| same_id(&q.id, id))
        };
        self.0.find(hash(id), same).map(|&p| p as usize)
    }

    /// Adds the provider at position `p` of `providers`; a second provider
    /// with the same id is not added (the first is found).
    pub fn insert(&mut self, providers: &[ProviderEvidence], p: usize) {
        let Some(provider) = providers.get(p) else {
            return;
        };
        if self.get(providers, &provider.id).is_some() {
            return;
        }
        let rehash = |&q: &u32| providers.get(q as usize).map_or(0, |q| hash(&q.id));
        let position = u32::try_from(p).unwrap_or(u32::MAX);
        self.0.insert_unique(hash(&provider.id), position, rehash);
    }
}

/// `a == b` for the short ids compared at every row, without a call to the
/// C library's `memcmp` (which costs more than a few bytes' loop): a string
/// of 4 to 16 bytes is compared as two words that overlap in the middle.
#[inline]
pub(crate) fn same_id(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word4 = |s: &[u8], i: usize| s[i..i + 4].try_into().map_or(0, u32::from_le_bytes);
    let word8 = |s: &[u8], i: usize| s[i..i + 8].try_into().map_or(0, u64::from_le_bytes);
    match n {
        4..=8 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        9..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        _ => a.iter().zip(b).all(|(x, y)| x == y),
    }
}

/// Provider id → index in [`super::Evidence::providers`], built on the first
/// lookup (scoring never looks a provider up by id, so it does not pay for it).
///
/// A cache derived from the providers: two indexes are always equal, so
/// evidence compares by its content whether or not it was looked into. Ids do
/// not change once the evidence is read (attributes may be merged in).
#[derive(Debug, Clone, Default)]
pub struct ProviderIndex(OnceLock<IdTable>);

impl PartialEq for ProviderIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl ProviderIndex {
    /// The position of provider `id` among `providers`.
    pub fn get(&self, providers: &[ProviderEvidence], id: &str) -> Option<usize> {
        let table = self.0.get_or_init(|| {
            let mut table = IdTable(hashbrown::HashTable::with_capacity(providers.len()));
            for p in 0..providers.len() {
                table.insert(providers, p);
            }
            table
        });
        table.get(providers, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_id_is_string_equality() {
        // Every length from 0 to 20 (the word paths and the loops around
        // them), equal and with one byte changed at each position.
        for n in 0..=20 {
            let a: String = (0..n).map(|i| char::from(b'a' + i as u8)).collect();
            assert!(same_id(&a, &a.clone()), "{a}");
            assert!(!same_id(&a, &format!("{a}x")), "{a}");
            for at in 0..n {
                let mut b = a.clone().into_bytes();
                b[at] = b'_';
                let b = String::from_utf8(b).unwrap();
                assert!(!same_id(&a, &b), "{a} {b}");
            }
        }
    }

    #[test]
    fn ids_are_found_at_their_first_position() {
        let providers: Vec<ProviderEvidence> = ["a", "b", "a", "c"]
            .iter()
            .map(|id| ProviderEvidence {
                id: id.to_string(),
                line: 0,
                attributes: Default::default(),
            })
            .collect();
        let index = ProviderIndex::default();
        let found: Vec<_> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| index.get(&providers, id))
            .collect();
        assert_eq!(found, [Some(0), Some(1), Some(3), None]);
    }
}
