//! The member types every DTO is built from: booleans, ints, doubles,
//! strings, and nullable and list forms of any member type, each read
//! tolerantly (see the parent module) and written exactly.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{self, SerializeSeq, Serializer};

use super::{raise, AsField, AsItem, EmptyObject, Field, NULL_OBJECT, NULL_STRING};
use crate::context;
use crate::error::{excerpt, Category, Segment};
use crate::model::TypeInfo;

/// Reads with the visitor it wraps; empty text, null and unit are `None`
/// (see [`Field::deserialize_some`]).
pub(in crate::model) struct EmptyAsNone<V>(pub V);

impl<'de, V: Visitor<'de>> Visitor<'de> for EmptyAsNone<V> {
    type Value = Option<V::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            return Ok(None);
        }
        self.0.visit_str(v).map(Some)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.0.visit_bool(v).map(Some)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.0.visit_i64(v).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.0.visit_u64(v).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.0.visit_f64(v).map(Some)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Reads with the visitor it wraps; null, unit and empty text are errors
/// (see [`Field::deserialize_item`]).
pub(in crate::model) struct Required<V>(pub V);

impl<V> Required<V> {
    fn missing<E: de::Error>(&self, found: &str) -> E
    where
        V: for<'de> Visitor<'de>,
    {
        raise(
            Category::Data,
            format_args!(
                "expected {}, found {found} (a list item of this type cannot be null)",
                Expecting(&self.0)
            ),
        )
    }
}

/// A visitor's `expecting` text as a `Display`.
struct Expecting<'a, V>(&'a V);

impl<V: for<'de> Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

impl<'de, V: for<'a> Visitor<'a>> Visitor<'de> for Required<V> {
    type Value = <V as Visitor<'de>>::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            return Err(self.missing("an empty value"));
        }
        self.0.visit_str(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.0.visit_bool(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.0.visit_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.0.visit_u64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.0.visit_f64(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.missing("null"))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.missing("null"))
    }
}

fn invalid<E: de::Error>(what: &str, found: impl fmt::Display) -> E {
    raise(
        Category::Data,
        format_args!("expected {what}, found {found}"),
    )
}

pub(in crate::model) struct BoolVisitor;

impl Visitor<'_> for BoolVisitor {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        // The spellings .NET writes (JSV, CSV) first: two short compares.
        match v {
            "True" => return Ok(true),
            "False" => return Ok(false),
            _ => {}
        }
        if v.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if v.eq_ignore_ascii_case("false") || v.is_empty() {
            Ok(false)
        } else {
            Err(invalid("a boolean", excerpt(v)))
        }
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        Err(invalid("a boolean", v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        Err(invalid("a boolean", v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        Err(invalid("a boolean", v))
    }
}

impl Field for bool {
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        d.deserialize_any(BoolVisitor)
    }
    fn deserialize_some<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        d.deserialize_any(EmptyAsNone(BoolVisitor))
    }
    fn deserialize_item<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        d.deserialize_any(Required(BoolVisitor))
    }
    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*self)
    }
}

pub(in crate::model) struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = i32;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 32-bit integer")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i32, E> {
        i32::try_from(v).map_err(|_| invalid("a 32-bit integer", v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i32, E> {
        i32::try_from(v).map_err(|_| invalid("a 32-bit integer", v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i32, E> {
        Err(invalid(
            "a 32-bit integer",
            crate::number::format_f64(v, Default::default(), crate::number::NumberFormat::ToString),
        ))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i32, E> {
        if v.is_empty() {
            return Ok(0);
        }
        // Up to nine plain digits cannot overflow: read them here, the
        // rest (signs, long or bad text) through the general parser.
        if v.len() <= 9 {
            let mut n = 0i32;
            let mut plain = true;
            for &b in v.as_bytes() {
                let digit = b.wrapping_sub(b'0');
                plain &= digit <= 9;
                n = n.wrapping_mul(10).wrapping_add(i32::from(digit));
            }
            if plain {
                return Ok(n);
            }
        }
        v.parse::<i32>()
            .map_err(|_| invalid("a 32-bit integer", excerpt(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<i32, E> {
        Err(invalid("a 32-bit integer", v))
    }
    fn visit_unit<E>(self) -> Result<i32, E> {
        Ok(0)
    }
    fn visit_none<E>(self) -> Result<i32, E> {
        Ok(0)
    }
}

impl Field for i32 {
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
        d.deserialize_any(IntVisitor)
    }
    fn deserialize_some<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
        d.deserialize_any(EmptyAsNone(IntVisitor))
    }
    fn deserialize_item<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
        d.deserialize_any(Required(IntVisitor))
    }
    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(*self)
    }
}

pub(in crate::model) struct DoubleVisitor;

impl Visitor<'_> for DoubleVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_f64<E>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_i64<E>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        if v.is_empty() {
            return Ok(0.0);
        }
        crate::number::parse_f64(v).ok_or_else(|| invalid("a number", excerpt(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<f64, E> {
        Err(invalid("a number", v))
    }
    fn visit_unit<E>(self) -> Result<f64, E> {
        Ok(0.0)
    }
    fn visit_none<E>(self) -> Result<f64, E> {
        Ok(0.0)
    }
}

impl Field for f64 {
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        d.deserialize_any(DoubleVisitor)
    }
    fn deserialize_some<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        d.deserialize_any(EmptyAsNone(DoubleVisitor))
    }
    fn deserialize_item<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        d.deserialize_any(Required(DoubleVisitor))
    }
    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.is_finite() {
            // serde_json would write `null`, silently changing the value.
            context::fail(Category::Unsupported);
            return Err(<S::Error as ser::Error>::custom(format_args!(
                "{self} cannot be written: only finite numbers are supported"
            )));
        }
        s.serialize_f64(*self)
    }
}

struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    // An integer is read as its text, losslessly (ServiceStack does too).
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Err(invalid("a string", v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Err(invalid("a string", v))
    }
}

impl Field for String {
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_string(StringVisitor)
    }
    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

// ---------------------------------------------------------------- Option, Vec

struct OptionVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Field> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        T::deserialize_some(d)
    }
}

impl<T: Field> Field for Option<T> {
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_option(OptionVisitor(PhantomData))
    }
    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => s.serialize_some(&AsField(v)),
            None => s.serialize_none(),
        }
    }
    fn serialize_item<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self, T::TYPE) {
            (None, TypeInfo::Class(class)) => {
                s.serialize_newtype_struct(NULL_OBJECT, &EmptyObject(class.name))
            }
            (None, TypeInfo::String) => s.serialize_newtype_struct(NULL_STRING, &None::<()>),
            _ => self.serialize_field(s),
        }
    }
    fn deserialize_item<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if matches!(T::TYPE, TypeInfo::String) {
            d.deserialize_newtype_struct(NULL_STRING, NullableStringItem(PhantomData))
        } else {
            Self::deserialize_field(d)
        }
    }
    fn is_present(&self) -> bool {
        self.is_some()
    }
}

/// A nullable string's list item (see [`NULL_STRING`]).
struct NullableStringItem<T>(PhantomData<fn() -> T>);

impl<'de, T: Field> Visitor<'de> for NullableStringItem<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        Option::<T>::deserialize_field(d)
    }
    fn visit_none<E>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        T::deserialize_field(d).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        T::deserialize_field(de::value::StrDeserializer::<E>::new(v)).map(Some)
    }
}

struct VecVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Field> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let _level = context::enter(<A::Error as de::Error>::custom)?;
        // Never trust a size hint for the allocation: it can come from input.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        loop {
            match seq.next_element_seed(ItemSeed::<T>(PhantomData)) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(items),
                Err(e) => {
                    context::note(Segment::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }
}

/// A list item (see [`Field::deserialize_item`]).
struct ItemSeed<T>(PhantomData<fn() -> T>);

impl<'de, T: Field> de::DeserializeSeed<'de> for ItemSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize_item(d)
    }
}

impl<T: Field> Field for Vec<T> {
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(VecVisitor(PhantomData))
    }
    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let _level = context::enter(<S::Error as ser::Error>::custom)?;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for (i, item) in self.iter().enumerate() {
            if let Err(e) = seq.serialize_element(&AsItem(item)) {
                context::note(Segment::Index(i));
                return Err(e);
            }
        }
        seq.end()
    }
}
