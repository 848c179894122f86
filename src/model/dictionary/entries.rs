//! The storage behind [`Dictionary`](super::Dictionary): entries in insertion
//! order in one vector, found by comparing keys in turn while there are few
//! (most dictionaries hold a handful, and then there is no table to build,
//! hash into or free), and through a hash index of their positions once there
//! are more, so that a large dictionary, one read from input included, is
//! never quadratic to build or to search.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use crate::model::same_text;

/// Up to this many entries, a key is found by comparing it with each.
const SCAN_LIMIT: usize = 16;

/// Insertion-ordered entries with unique keys.
#[derive(Clone)]
pub(super) struct Entries<V> {
    list: Vec<(String, Option<V>)>,
    /// Built when `list` outgrows [`SCAN_LIMIT`]; kept from then on.
    index: Option<Box<Index>>,
}

/// A key [`Entries::find`] did not find, with its hash when the entries
/// are indexed (unused otherwise), so that adding it hashes it once.
pub(super) struct Absent(u64);

/// Positions in the list, by the hash of their key.
#[derive(Clone)]
struct Index {
    positions: HashTable<usize>,
    /// Seeded per index, so that keys chosen to collide cannot be planned.
    hasher: RandomState,
}

impl Index {
    fn new<V>(list: &[(String, Option<V>)]) -> Box<Index> {
        let mut index = Box::new(Index {
            positions: HashTable::with_capacity(list.len() * 2),
            hasher: RandomState::new(),
        });
        for position in 0..list.len() {
            let hash = index.hash(&list[position].0);
            index.add(list, position, hash);
        }
        index
    }

    fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    /// Records `list[position]`, whose key is not yet in the index and
    /// hashes to `hash`.
    fn add<V>(&mut self, list: &[(String, Option<V>)], position: usize, hash: u64) {
        let hasher = &self.hasher;
        self.positions
            .insert_unique(hash, position, |&i| hasher.hash_one(list[i].0.as_str()));
    }

    /// Where `key` is, or its hash when it is absent (for [`Index::add`]).
    fn find<V>(&self, list: &[(String, Option<V>)], key: &str) -> Result<usize, u64> {
        let hash = self.hash(key);
        match self.positions.find(hash, |&i| list[i].0 == key) {
            Some(&i) => Ok(i),
            None => Err(hash),
        }
    }

    /// Forgets `position` (holding `key`) and moves the later ones down one,
    /// as the list's removal does.
    fn remove(&mut self, key: &str, position: usize) {
        if let Ok(found) = self
            .positions
            .find_entry(self.hash(key), |&i| i == position)
        {
            found.remove();
        }
        for later in self.positions.iter_mut().filter(|i| **i > position) {
            *later -= 1;
        }
    }
}

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries {
            list: Vec::new(),
            index: None,
        }
    }
}

impl<V> Entries<V> {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Entries {
            list: Vec::with_capacity(capacity),
            index: None,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    pub(super) fn as_slice(&self) -> &[(String, Option<V>)] {
        &self.list
    }

    pub(super) fn into_vec(self) -> Vec<(String, Option<V>)> {
        self.list
    }

    /// Where `key` is.
    pub(super) fn position(&self, key: &str) -> Option<usize> {
        self.find(key).ok()
    }

    /// Where `key` is, or, when it is absent, what [`Entries::push_absent`]
    /// needs to add it without hashing it again.
    #[inline]
    pub(super) fn find(&self, key: &str) -> Result<usize, Absent> {
        match &self.index {
            Some(index) => index.find(&self.list, key).map_err(Absent),
            // Not yet indexed: a short list, scanned.
            None => self
                .list
                .iter()
                .position(|(k, _)| same_text(k.as_bytes(), key.as_bytes()))
                .ok_or(Absent(0)),
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&Option<V>> {
        self.position(key).map(|i| &self.list[i].1)
    }

    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut Option<V>> {
        self.position(key).map(|i| &mut self.list[i].1)
    }

    /// Sets `key` to `value` in its place, or last when it is new; returns
    /// the value it replaces.
    pub(super) fn insert(&mut self, key: String, value: Option<V>) -> Option<Option<V>> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.list[i].1, value)),
            Err(absent) => {
                self.push_absent(key, value, absent);
                None
            }
        }
    }

    /// Adds an entry whose key the caller found absent.
    #[cfg(test)]
    pub(super) fn push_new(&mut self, key: String, value: Option<V>) {
        let absent = self.find(&key).expect_err("push_new with a present key");
        self.push_absent(key, value, absent);
    }

    /// Adds an entry whose key [`Entries::find`] found absent (`absent`),
    /// with nothing changed since.
    pub(super) fn push_absent(&mut self, key: String, value: Option<V>, absent: Absent) {
        debug_assert!(
            self.position(&key).is_none(),
            "push_absent with a present key"
        );
        self.list.push((key, value));
        let position = self.list.len() - 1;
        match &mut self.index {
            // Indexed when `find` ran, as nothing changed since: its hash.
            Some(index) => index.add(&self.list, position, absent.0),
            None if self.list.len() > SCAN_LIMIT => self.index = Some(Index::new(&self.list)),
            None => {}
        }
    }

    /// Removes `key`, keeping the order of the others.
    pub(super) fn remove(&mut self, key: &str) -> Option<Option<V>> {
        let position = self.position(key)?;
        if let Some(index) = &mut self.index {
            index.remove(key, position);
        }
        Some(self.list.remove(position).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys `k0`, `k1`, … with values 0, 1, …
    fn numbered(n: usize) -> Entries<usize> {
        let mut entries = Entries::default();
        for i in 0..n {
            entries.push_new(format!("k{i}"), Some(i));
        }
        entries
    }

    #[test]
    fn keys_are_found_below_and_above_the_scan_limit() {
        for n in [0, 1, SCAN_LIMIT, SCAN_LIMIT + 1, 200] {
            let entries = numbered(n);
            assert_eq!(entries.index.is_some(), n > SCAN_LIMIT);
            for i in 0..n {
                assert_eq!(entries.position(&format!("k{i}")), Some(i), "n = {n}");
            }
            assert_eq!(entries.position("absent"), None);
        }
    }

    #[test]
    fn removal_keeps_order_and_the_index_in_step() {
        for n in [SCAN_LIMIT, SCAN_LIMIT + 5, 100] {
            let mut entries = numbered(n);
            assert_eq!(entries.remove("k3"), Some(Some(3)));
            assert_eq!(entries.remove("k3"), None);
            assert_eq!(entries.remove("k0"), Some(Some(0)));
            let keys: Vec<usize> = entries.as_slice().iter().map(|e| e.1.unwrap()).collect();
            let expected: Vec<usize> = (1..n).filter(|&i| i != 3).collect();
            assert_eq!(keys, expected);
            for (position, (key, _)) in entries.as_slice().iter().enumerate() {
                assert_eq!(entries.position(key), Some(position), "n = {n}");
            }
            // Positions freed by removal are taken again correctly.
            entries.push_new("again".into(), Some(0));
            assert_eq!(entries.position("again"), Some(n - 2));
        }
    }

    #[test]
    fn insert_replaces_in_place() {
        let mut entries = numbered(SCAN_LIMIT + 2);
        assert_eq!(entries.insert("k1".into(), None), Some(Some(1)));
        assert_eq!(entries.as_slice()[1], ("k1".to_string(), None));
        assert_eq!(entries.insert("new".into(), Some(7)), None);
        assert_eq!(entries.len(), SCAN_LIMIT + 3);
        assert_eq!(entries.get("new"), Some(&Some(7)));
    }
}
