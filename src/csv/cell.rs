//! One cell: flat values are its text, nested ones its JSV.

use serde::de::value::{MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, Visitor};

use super::nested;
use crate::context;
use crate::error::{excerpt, Category, Error, Position, Result};
use crate::number;

/// Where a cell is: its row and the start of that row in the input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Site {
    /// One-based data row (the header is row 0).
    pub row: usize,
    /// The start of the row's record.
    pub position: Position,
}

impl Site {
    /// `e`, raised while reading the cell under `column`, with the row, the
    /// column and the row's position added (a position `e` has is inside
    /// the cell's JSV, and becomes an offset in the message). The column is
    /// its header, which is input, so it is quoted as an excerpt.
    pub(crate) fn fail(&self, e: Error, column: &str) -> Error {
        let mut message = format!(
            "{} (row {}, column {}",
            e.message(),
            self.row,
            excerpt(column)
        );
        if let Some(offset) = e.offset() {
            message.push_str(&format!(", at offset {offset} in the cell"));
        }
        message.push(')');
        Error::new(e.category(), message)
            .with_position(self.position)
            .with_path(e.path().clone())
    }
}

/// Reads one cell, already unquoted by the record layer.
pub(crate) struct CellDeserializer<'c> {
    text: &'c str,
    depth_limit: Option<usize>,
}

impl<'c> CellDeserializer<'c> {
    pub(crate) fn new(text: &'c str, depth_limit: Option<usize>) -> Self {
        CellDeserializer { text, depth_limit }
    }
}

fn invalid(what: &str, text: &str) -> Error {
    context::fail(Category::Data);
    Error::data(format!("expected {what}, found {}", excerpt(text)))
}

macro_rules! parse_integers {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match self.text.parse::<$ty>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(invalid(stringify!($ty), self.text)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for CellDeserializer<'_> {
    type Error = Error;

    /// The text as it is: the model's tolerant readers turn `True`, `42`,
    /// `1E+15` or an enum name into their values, and an unknown column is
    /// skipped without parsing its JSV.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.text)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.text.eq_ignore_ascii_case("true") {
            visitor.visit_bool(true)
        } else if self.text.eq_ignore_ascii_case("false") {
            visitor.visit_bool(false)
        } else {
            Err(invalid("a boolean", self.text))
        }
    }

    parse_integers! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match number::parse_f64(self.text) {
            Some(v) => visitor.visit_f64(v),
            None => Err(invalid("a number", self.text)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let mut chars = self.text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(invalid("a character", self.text)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.text)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.text)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_bytes(self.text.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_bytes(self.text.as_bytes())
    }

    /// An empty cell is null (CSV writes null and `""` alike, so an
    /// optional string read back from an empty cell is `None`).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.text.is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.text.is_empty() {
            return visitor.visit_seq(SeqDeserializer::<_, Error>::new(std::iter::empty::<()>()));
        }
        nested::decode(self.text, self.depth_limit, |jsv| {
            jsv.deserialize_seq(visitor)
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        nested::decode(self.text, self.depth_limit, |jsv| {
            jsv.deserialize_tuple(len, visitor)
        })
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        nested::decode(self.text, self.depth_limit, |jsv| {
            jsv.deserialize_tuple_struct(name, len, visitor)
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.text.is_empty() {
            return visitor.visit_map(empty_map());
        }
        nested::decode(self.text, self.depth_limit, |jsv| {
            jsv.deserialize_map(visitor)
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.text.is_empty() {
            return visitor.visit_map(empty_map());
        }
        nested::decode(self.text, self.depth_limit, |jsv| {
            jsv.deserialize_struct(name, fields, visitor)
        })
    }

    /// A unit variant by name; anything else as JSV.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.text.starts_with('{') {
            nested::decode(self.text, self.depth_limit, |jsv| {
                jsv.deserialize_enum(name, variants, visitor)
            })
        } else {
            visitor.visit_enum(StrDeserializer::<Error>::new(self.text))
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

pub(crate) fn empty_map() -> MapDeserializer<'static, std::iter::Empty<((), ())>, Error> {
    MapDeserializer::new(std::iter::empty())
}
