//! Map keys: written by the value rule (quoted only when they must be),
//! read as text that the target type may also ask for as a number or bool.

use std::borrow::Cow;

use serde::de::{self, IntoDeserializer, Visitor};
use serde::ser::{self, Impossible, Serialize};

use super::de::parse_err;
use super::ser::write_str;
use crate::context;
use crate::error::{Category, Error, Result};
use crate::number::{write_i64, write_u64};

/// Writes a map key: a string (quoted by the value rule), a number, a bool,
/// a char or a unit variant; anything else cannot be a JSV key.
pub(crate) struct KeySerializer<'a> {
    pub(crate) out: &'a mut Vec<u8>,
}

fn key_error() -> Error {
    context::fail(Category::Unsupported);
    Error::new(
        Category::Unsupported,
        "a JSV map key must be a string, number, bool, char or unit variant",
    )
}

macro_rules! key_int {
    ($($method:ident: $ty:ty => $write:ident as $wide:ty,)*) => {$(
        fn $method(self, v: $ty) -> Result<()> {
            $write(self.out, <$wide>::from(v));
            Ok(())
        }
    )*};
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    key_int! {
        serialize_i8: i8 => write_i64 as i64,
        serialize_i16: i16 => write_i64 as i64,
        serialize_i32: i32 => write_i64 as i64,
        serialize_i64: i64 => write_i64 as i64,
        serialize_u8: u8 => write_u64 as u64,
        serialize_u16: u16 => write_u64 as u64,
        serialize_u32: u32 => write_u64 as u64,
        serialize_u64: u64 => write_u64 as u64,
    }

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out
            .extend_from_slice(if v { b"True" } else { b"False" });
        Ok(())
    }
    fn serialize_f32(self, _v: f32) -> Result<()> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<()> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<()> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_error())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_error())
    }
}

/// A map key, already read: text that may also be asked for as a number.
pub(crate) struct KeyDeserializer<'de> {
    key: Cow<'de, str>,
}

fn trim(s: &str) -> &str {
    let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let bytes = s.as_bytes();
    // Keys almost never need it: look at the two ends before scanning.
    if bytes.first().is_some_and(ws) || bytes.last().is_some_and(ws) {
        s.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
    } else {
        s
    }
}

impl<'de> KeyDeserializer<'de> {
    /// A key as read, whitespace and all.
    pub(crate) fn new(key: Cow<'de, str>) -> Self {
        KeyDeserializer { key }
    }

    fn trimmed(&self) -> &str {
        trim(&self.key)
    }
}

macro_rules! key_number {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let text = self.trimmed();
            match text.parse::<$ty>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(parse_err(stringify!($ty), text)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for KeyDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.key {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.key {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(trim(s)),
            Cow::Owned(_) => visitor.visit_str(self.trimmed()),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let text = self.trimmed();
        if text.eq_ignore_ascii_case("true") {
            visitor.visit_bool(true)
        } else if text.eq_ignore_ascii_case("false") {
            visitor.visit_bool(false)
        } else {
            Err(parse_err("a boolean", text))
        }
    }

    key_number! {
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

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self.key.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        f32 f64 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct ignored_any
    }
}

/// A bare key of compact JSV, with no whitespace at either end: handed
/// over as it is for a name or text (the common case, kept small so it
/// inlines), and as a [`KeyDeserializer`] for anything else.
pub(crate) struct BareKey<'de>(pub(crate) &'de str);

macro_rules! bare_key_forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            KeyDeserializer::new(Cow::Borrowed(self.0)).$method(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for BareKey<'de> {
    type Error = Error;

    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0)
    }

    bare_key_forward! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_option
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        KeyDeserializer::new(Cow::Borrowed(self.0)).deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        f32 f64 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct ignored_any
    }
}
