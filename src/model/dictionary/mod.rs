//! `Dictionary<V>`: the insertion-ordered string-keyed map behind the .NET
//! classes that derive from `Dictionary<string, V>` ([`Struct`](super::Struct),
//! [`EntityIntegrationData`](super::EntityIntegrationData)), and behind
//! `Dictionary<string, string>` itself (`Dictionary<String>`, the `Meta` of
//! the error bodies).
//!
//! A value may be null (C# allows it, and XML carries it as `i:nil`); JSON and
//! JSV leave such entries out, as ServiceStack does. A key given twice in the
//! input is an error, never a silent overwrite.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{self, SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::field::{AsField, Field, FieldSeed};
use super::schema::{Describe, DictionaryInfo, TypeInfo};
use crate::context;
use crate::error::{Category, Segment};

mod entries;

use entries::{Absent, Entries};

/// A value type of a .NET dictionary class: names the class.
pub trait DictionaryValue: Field {
    /// The dictionary class whose values are `Self`.
    const DICTIONARY: &'static TypeInfo;
}

/// An insertion-ordered map from string to a nullable `V`.
///
/// Two dictionaries are equal when they hold the same keys with equal values,
/// whatever their order (as for `IndexMap` and C#'s `Dictionary`).
#[derive(Clone)]
pub struct Dictionary<V> {
    entries: Entries<V>,
}

impl<V> Default for Dictionary<V> {
    fn default() -> Self {
        Dictionary {
            entries: Entries::default(),
        }
    }
}

impl<V: PartialEq> PartialEq for Dictionary<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries
                .as_slice()
                .iter()
                .all(|(key, value)| other.entries.get(key) == Some(value))
    }
}

impl<V: fmt::Debug> fmt::Debug for Dictionary<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.entries.as_slice().iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl<V> Dictionary<V> {
    /// An empty dictionary.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of entries, null ones included.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// Sets `key` to `value`, keeping the key's place if it exists (else it
    /// goes last). Returns the previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<V>) -> Option<Option<V>> {
        self.entries.insert(key.into(), Some(value.into()))
    }

    /// Sets `key` to null.
    pub fn insert_null(&mut self, key: impl Into<String>) -> Option<Option<V>> {
        self.entries.insert(key.into(), None)
    }

    /// Builder form of [`insert`](Self::insert).
    pub fn with(mut self, key: impl Into<String>, value: impl Into<V>) -> Self {
        self.insert(key, value);
        self
    }

    /// The value at `key`; `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key).and_then(Option::as_ref)
    }

    /// Mutable access to the value at `key`; `None` when absent or null.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.entries.get_mut(key).and_then(Option::as_mut)
    }

    /// True when `key` is present (even with a null value).
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.position(key).is_some()
    }

    /// Removes `key`, keeping the order of the other entries.
    pub fn remove(&mut self, key: &str) -> Option<Option<V>> {
        self.entries.remove(key)
    }

    /// Entries in insertion order; a null value is `None`.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, Option<&V>)> {
        self.entries
            .as_slice()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_ref()))
    }

    /// Keys in insertion order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.as_slice().iter().map(|(k, _)| k.as_str())
    }
}

impl<K: Into<String>, V> FromIterator<(K, Option<V>)> for Dictionary<V> {
    fn from_iter<I: IntoIterator<Item = (K, Option<V>)>>(iter: I) -> Self {
        let mut dictionary = Dictionary::new();
        for (key, value) in iter {
            dictionary.entries.insert(key.into(), value);
        }
        dictionary
    }
}

impl<V> IntoIterator for Dictionary<V> {
    type Item = (String, Option<V>);
    type IntoIter = IntoIter<V>;
    fn into_iter(self) -> IntoIter<V> {
        IntoIter(self.entries.into_vec().into_iter())
    }
}

/// The entries of a [`Dictionary`], by value and in insertion order (a null
/// value is `None`).
#[derive(Debug)]
pub struct IntoIter<V>(std::vec::IntoIter<(String, Option<V>)>);

impl<V> Iterator for IntoIter<V> {
    type Item = (String, Option<V>);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<V> DoubleEndedIterator for IntoIter<V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back()
    }
}

impl<V> ExactSizeIterator for IntoIter<V> {}

impl<V> std::iter::FusedIterator for IntoIter<V> {}

impl<V: DictionaryValue> Describe for Dictionary<V> {
    const TYPE: &'static TypeInfo = V::DICTIONARY;
    const PULLS: bool = true;
    fn pull<P: super::Pull>(p: &mut P, nil: bool) -> crate::Result<Self> {
        super::pull::pull_dictionary(p, nil)
    }
}

impl<V: DictionaryValue> Dictionary<V> {
    /// The place of a key read from input, not yet present. A key given
    /// twice is an error naming it.
    #[inline]
    pub(crate) fn new_entry<E: de::Error>(&mut self, key: String) -> Result<NewEntry<'_, V>, E> {
        if let Err(absent) = self.entries.find(&key) {
            return Ok(NewEntry {
                entries: &mut self.entries,
                key,
                absent,
            });
        }
        context::fail(Category::Data);
        let message = format!("duplicate key {key:?} in {}", Self::info().name);
        context::note(Segment::Key(key));
        Err(E::custom(message))
    }

    /// The .NET description of this dictionary class.
    pub fn info() -> &'static DictionaryInfo {
        match V::DICTIONARY {
            TypeInfo::Dictionary(d) => d,
            _ => unreachable!("DictionaryValue::DICTIONARY is a dictionary"),
        }
    }
}

/// `Dictionary<string, string>` itself, not a class deriving from it: the
/// `Meta` of [`ResponseStatus`](super::ResponseStatus) and
/// [`ResponseError`](super::ResponseError).
static STRING_MAP_INFO: DictionaryInfo = DictionaryInfo {
    name: "Dictionary<string, string>",
    namespace: "System.Collections.Generic",
    key: &TypeInfo::String,
    value: || <String as Describe>::TYPE,
};

static STRING_MAP_TYPE: TypeInfo = TypeInfo::Dictionary(&STRING_MAP_INFO);

impl DictionaryValue for String {
    const DICTIONARY: &'static TypeInfo = &STRING_MAP_TYPE;
}

impl<V: DictionaryValue> Field for Dictionary<V> {
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(DictionaryVisitor(PhantomData))
    }

    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let _level = context::enter(<S::Error as ser::Error>::custom)?;
        let keep_nulls = context::keep_null_entries();
        let entries = self.entries.as_slice();
        let count = if keep_nulls {
            entries.len()
        } else {
            entries.iter().filter(|(_, v)| v.is_some()).count()
        };
        let mut map = s.serialize_map(Some(count))?;
        for (key, value) in entries {
            if value.is_none() && !keep_nulls {
                continue;
            }
            // Key and value directly, not through `serialize_entry`, which
            // is serde's default method: whether the compiler inlines it
            // depends on how the crate's code falls into codegen units,
            // which moved encoding by up to 1% with unrelated changes.
            let entry = map
                .serialize_key(key)
                .and_then(|()| map.serialize_value(&AsField(value)));
            if let Err(e) = entry {
                context::note(Segment::Key(key.clone()));
                return Err(e);
            }
        }
        map.end()
    }
}

impl<V: DictionaryValue> Serialize for Dictionary<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_field(s)
    }
}

impl<'de, V: DictionaryValue> Deserialize<'de> for Dictionary<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::deserialize_field(d)
    }
}

struct DictionaryVisitor<V>(PhantomData<fn() -> V>);

impl<'de, V: DictionaryValue> Visitor<'de> for DictionaryVisitor<V> {
    type Value = Dictionary<V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} map", Dictionary::<V>::info().name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let _level = context::enter(<A::Error as de::Error>::custom)?;
        let mut dictionary = Dictionary {
            entries: Entries::with_capacity(map.size_hint().unwrap_or(0).min(64)),
        };
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let slot = dictionary.new_entry(key)?;
            slot.fill(map.next_value_seed(FieldSeed::<Option<V>>::new()))?;
        }
        Ok(dictionary)
    }
}

/// Reads a map key as a string (JSV keys may be unquoted numbers or words).
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        String::deserialize_field(d)
    }
}

/// A key read from input and found absent, waiting for its value.
pub(crate) struct NewEntry<'a, V> {
    entries: &'a mut Entries<V>,
    key: String,
    absent: Absent,
}

impl<V> NewEntry<'_, V> {
    /// Adds the entry, last, with the value read for it; when the value
    /// could not be read, the error's path names the key instead.
    pub(crate) fn fill<E>(self, value: Result<Option<V>, E>) -> Result<(), E> {
        match value {
            Ok(value) => {
                self.entries.push_absent(self.key, value, self.absent);
                Ok(())
            }
            Err(e) => {
                context::note(Segment::Key(self.key));
                Err(e)
            }
        }
    }
}
