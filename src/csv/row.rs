//! One row: an object whose members are the cells under their header
//! names, or a tuple of the cells in order.

use std::cell::Cell;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};
use serde::forward_to_deserialize_any;

use super::cell::{CellDeserializer, Site};
use crate::context;
use crate::error::{Category, Error, Result};

/// One row, read as an object (a map from header names to cells) or as a
/// sequence of cells.
pub(crate) struct RowDeserializer<'r> {
    /// The header names as written.
    pub(crate) headers: &'r [String],
    /// The same in camelCase.
    pub(crate) keys: &'r [String],
    /// Set to the column of each key handed out.
    pub(crate) column: &'r Cell<usize>,
    pub(crate) record: &'r ::csv::ByteRecord,
    pub(crate) site: Site,
    pub(crate) depth_limit: Option<usize>,
}

impl<'de> de::Deserializer<'de> for RowDeserializer<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(RowMap::new(self))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A tuple (or tuple struct) row takes the cells in order.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let mut map = RowMap::new(self);
        visitor.visit_seq(&mut map)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_map(RowMap::new(self).fields(fields))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct map enum identifier
    }
}

/// The cells of a row with their header names.
pub(crate) struct RowMap<'r> {
    row: RowDeserializer<'r>,
    next: usize,
    /// The struct's field names, when it gives them (serde derive does;
    /// the model matches names itself and gives none).
    fields: &'static [&'static str],
    /// Keys in camelCase (a struct without a field list).
    camel: bool,
}

impl<'r> RowMap<'r> {
    pub(crate) fn new(row: RowDeserializer<'r>) -> Self {
        RowMap {
            row,
            next: 0,
            fields: &[],
            camel: false,
        }
    }

    /// Reading a struct, whose field names (if any) are `fields`.
    pub(crate) fn fields(mut self, fields: &'static [&'static str]) -> Self {
        self.fields = fields;
        self.camel = fields.is_empty();
        self
    }

    /// The key for column `i`: a derived struct's own field name when a
    /// header names it in another case; for a struct without a field list
    /// (this crate's DTOs) the camelCase form, which the DTO matches on its
    /// first comparison (headers are C# names, ServiceStack's camelCase of
    /// them is the wire name); else the header as written.
    fn key(&self, i: usize) -> &str {
        let header = self.header(i);
        if let Some(field) = self.fields.iter().find(|f| f.eq_ignore_ascii_case(header)) {
            return field;
        }
        if self.camel {
            return &self.row.keys[i];
        }
        header
    }

    fn header(&self, i: usize) -> &str {
        self.row.headers.get(i).map_or("?", String::as_str)
    }

    /// Decodes cell `i` with `seed`, naming the cell in an error.
    fn cell<'de, S: DeserializeSeed<'de>>(&mut self, i: usize, seed: S) -> Result<S::Value> {
        let result = match std::str::from_utf8(&self.row.record[i]) {
            Ok(text) => seed.deserialize(CellDeserializer::new(text, self.row.depth_limit)),
            Err(_) => {
                context::fail(Category::Syntax);
                Err(Error::new(Category::Syntax, "invalid UTF-8"))
            }
        };
        result.map_err(|e| self.row.site.fail(e, self.header(i)))
    }
}

impl<'de> de::MapAccess<'de> for RowMap<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.next >= self.row.headers.len() {
            return Ok(None);
        }
        self.row.column.set(self.next);
        seed.deserialize(StrDeserializer::<Error>::new(self.key(self.next)))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let i = self.next;
        self.next += 1;
        self.cell(i, seed)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.row.headers.len() - self.next)
    }
}

impl<'de> de::SeqAccess<'de> for RowMap<'_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        if self.next >= self.row.record.len() {
            return Ok(None);
        }
        let i = self.next;
        self.next += 1;
        self.cell(i, seed).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.row.record.len() - self.next)
    }
}
