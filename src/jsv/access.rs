//! The serde access types of the JSV reader: map entries, list items and
//! enum variants, each with a short path for compact JSV.

use serde::de::{self, DeserializeSeed, Visitor};

use super::de::Deserializer;
use super::key::{BareKey, KeyDeserializer};
use super::read::is_ws;
use crate::error::{Error, Result};

/// The entries of a JSV map, for a visitor.
pub(super) struct MapAccess<'a, 'de> {
    pub(super) de: &'a mut Deserializer<'de>,
    pub(super) first: bool,
    pub(super) done: bool,
}

impl<'de> MapAccess<'_, 'de> {
    /// Everything but the compact case: whitespace, quoted keys, errors.
    /// Kept out of line so the compact path stays small.
    #[inline(never)]
    fn next_key_slow<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let read = &mut self.de.read;
        // Whitespace before a bare key or item may be content (compact
        // JSV keeps ` lead` unquoted), so it is consumed only before a
        // delimiter.
        let next = match read.input.get(read.pos) {
            Some(&b) if b != b' ' && b != b'\t' && b != b'\r' && b != b'\n' => Some(b),
            _ => read.peek_no_skip(),
        };
        match next {
            Some(b'}') => {
                read.peek();
                read.pos += 1;
                self.done = true;
                return Ok(None);
            }
            Some(b',') if !self.first => {
                read.peek();
                read.pos += 1;
            }
            _ if self.first => {}
            _ => return Err(read.unexpected("`,` or `}` in a map")),
        }
        self.first = false;
        self.de.token_start = self.de.read.skip_ws_from(self.de.read.pos);
        let layout = self.de.read.layout;
        let key = self.de.read.key(layout)?;
        seed.deserialize(KeyDeserializer::new(key)).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for &mut MapAccess<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.done {
            return Ok(None);
        }
        let read = &mut self.de.read;
        // Compact JSV: `}`, or a bare key (after `,` unless first) with its
        // `:` right after it.
        let start = match read.input.get(read.pos) {
            Some(b'}') => {
                read.pos += 1;
                self.done = true;
                return Ok(None);
            }
            Some(b',') if !self.first => read.pos + 1,
            _ if self.first => read.pos,
            _ => usize::MAX,
        };
        if let Some(key) = read.plain_key(start) {
            self.first = false;
            self.de.token_start = start;
            return seed.deserialize(BareKey(key)).map(Some);
        }
        self.next_key_slow(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.in_list = false;
        seed.deserialize(&mut *self.de)
    }
}

/// The items of a JSV list, for a visitor.
pub(super) struct SeqAccess<'a, 'de> {
    pub(super) de: &'a mut Deserializer<'de>,
    pub(super) first: bool,
    pub(super) done: bool,
}

impl<'de> de::SeqAccess<'de> for &mut SeqAccess<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.done {
            return Ok(None);
        }
        let read = &mut self.de.read;
        // Compact JSV: `,` before an item, `]`, or a first item with no
        // whitespace to weigh.
        match read.input.get(read.pos) {
            Some(b',') if !self.first => read.pos += 1,
            Some(b']') => {
                read.pos += 1;
                self.done = true;
                return Ok(None);
            }
            Some(&b) if self.first && !is_ws(b) => {}
            _ => return self.next_element_slow(seed),
        }
        self.first = false;
        self.de.in_list = true;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

impl<'de> SeqAccess<'_, 'de> {
    /// Everything but the compact case: whitespace and errors.
    #[inline(never)]
    fn next_element_slow<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let read = &mut self.de.read;
        // Whitespace before a bare key or item may be content (compact
        // JSV keeps ` lead` unquoted), so it is consumed only before a
        // delimiter.
        // In compact JSV, blanks right after `[` are the text of a sole blank
        // item (`[\t]` is ["\t"], as the writer leaves blanks unquoted); only
        // the pretty layout has whitespace that is not content.
        let blank_item =
            self.first && !read.layout && read.input.get(read.pos).is_some_and(|&b| b != b']');
        match read.peek_no_skip() {
            Some(b']') if !blank_item => {
                read.peek();
                read.pos += 1;
                self.done = true;
                return Ok(None);
            }
            Some(b',') if !self.first => {
                read.peek();
                read.pos += 1;
            }
            _ if self.first => {}
            _ => return Err(read.unexpected("`,` or `]` in a list")),
        }
        self.first = false;
        self.de.in_list = true;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// A `{Variant:value}` enum, for a visitor.
pub(super) struct EnumAccess<'a, 'de> {
    pub(super) de: &'a mut Deserializer<'de>,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'_, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let layout = self.de.read.layout;
        self.de.token_start = self.de.read.pos;
        let key = self.de.read.key(layout)?;
        let value = seed.deserialize(KeyDeserializer::new(key))?;
        self.de.in_list = false;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for EnumAccess<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(&mut *self.de)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_map(&mut *self.de, visitor)
    }
}
