//! The depth limit for every type, not only the model's.
//!
//! The model's types count their own levels (see `context`), but a type of
//! another crate decoded or encoded through [`json`](super) (a
//! `serde_json::Value`, a user's recursive enum) recurses once per `[` or
//! `{` and knows nothing of the limit; serde_json's own fixed limit of 128
//! is off so that ours can be configured. These wrappers stand between
//! serde_json and every value and count each array and object serde_json
//! reads or writes, as the JSV deserializer counts its own: the same
//! containers the model counts, so for the model's types both counts reach
//! the limit at the same place and the depth error is the same.
//!
//! The count travels in the wrappers themselves (one word, copied down),
//! not in the thread-local state, so it costs no lookups.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde::ser::{
    self, Serialize, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant,
    SerializeTuple, SerializeTupleStruct, SerializeTupleVariant, Serializer,
};

use crate::context;
use crate::error::{depth_message, Category};

/// How many more levels may be opened below the current value.
#[derive(Clone, Copy)]
pub(crate) struct Levels {
    left: usize,
}

impl Levels {
    /// The levels of a call with `limit` (`None`: unbounded).
    pub(crate) fn new(limit: Option<usize>) -> Levels {
        Levels {
            left: limit.unwrap_or(usize::MAX),
        }
    }

    /// One level deeper, or the depth error when none is left.
    #[inline]
    fn enter<E, F: FnOnce(String) -> E>(self, make_error: F) -> Result<Levels, E> {
        match self.left.checked_sub(1) {
            Some(left) => Ok(Levels { left }),
            None => Err(too_deep(make_error)),
        }
    }
}

/// The depth error; the limit it names is the session's, which these
/// levels were made from.
#[cold]
#[inline(never)]
fn too_deep<E, F: FnOnce(String) -> E>(make_error: F) -> E {
    context::fail(Category::Depth);
    make_error(depth_message(context::depth_limit()))
}

// ---------------------------------------------------------------- reading

/// A deserializer whose arrays and objects count against the limit.
pub(crate) struct Bounded<D> {
    inner: D,
    levels: Levels,
}

impl<D> Bounded<D> {
    /// Wraps the root deserializer.
    pub(crate) fn new(inner: D, levels: Levels) -> Bounded<D> {
        Bounded { inner, levels }
    }
}

struct BoundedVisitor<V> {
    inner: V,
    levels: Levels,
}

struct BoundedSeed<S> {
    inner: S,
    levels: Levels,
}

struct BoundedAccess<A> {
    inner: A,
    levels: Levels,
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let levels = self.levels;
            self.inner.$method($($arg,)* BoundedVisitor { inner: visitor, levels })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Bounded<D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
        deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
        deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
        deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
        deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
        deserialize_option(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str); deserialize_seq();
        deserialize_tuple(len: usize); deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map(); deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {$(
        #[inline]
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for BoundedVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char); visit_str(&str);
        visit_borrowed_str(&'de str); visit_string(String); visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Bounded::new(d, self.levels))
    }

    #[inline]
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner
            .visit_newtype_struct(Bounded::new(d, self.levels))
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let levels = self.levels.enter(<A::Error as de::Error>::custom)?;
        self.inner.visit_seq(BoundedAccess { inner: seq, levels })
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let levels = self.levels.enter(<A::Error as de::Error>::custom)?;
        self.inner.visit_map(BoundedAccess { inner: map, levels })
    }

    #[inline]
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(BoundedAccess {
            inner: data,
            levels: self.levels,
        })
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for BoundedSeed<S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(Bounded::new(d, self.levels))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for BoundedAccess<A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let levels = self.levels;
        self.inner.next_element_seed(BoundedSeed {
            inner: seed,
            levels,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for BoundedAccess<A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let levels = self.levels;
        self.inner.next_key_seed(BoundedSeed {
            inner: seed,
            levels,
        })
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let levels = self.levels;
        self.inner.next_value_seed(BoundedSeed {
            inner: seed,
            levels,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for BoundedAccess<A> {
    type Error = A::Error;
    type Variant = BoundedAccess<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let levels = self.levels;
        let (value, variant) = self.inner.variant_seed(BoundedSeed {
            inner: seed,
            levels,
        })?;
        Ok((
            value,
            BoundedAccess {
                inner: variant,
                levels,
            },
        ))
    }
}

/// A variant with content is an object around it (`{"Variant":…}`): one
/// level, and the content's own array or object another.
impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for BoundedAccess<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        let levels = self.levels.enter(<A::Error as de::Error>::custom)?;
        self.inner.newtype_variant_seed(BoundedSeed {
            inner: seed,
            levels,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let levels = self.levels.enter(<A::Error as de::Error>::custom)?;
        self.inner.tuple_variant(
            len,
            BoundedVisitor {
                inner: visitor,
                levels,
            },
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let levels = self.levels.enter(<A::Error as de::Error>::custom)?;
        self.inner.struct_variant(
            fields,
            BoundedVisitor {
                inner: visitor,
                levels,
            },
        )
    }
}

// ---------------------------------------------------------------- writing

/// A serializer whose arrays and objects count against the limit.
pub(crate) struct BoundedSerializer<S> {
    inner: S,
    levels: Levels,
}

impl<S> BoundedSerializer<S> {
    /// Wraps the root serializer.
    pub(crate) fn new(inner: S, levels: Levels) -> BoundedSerializer<S> {
        BoundedSerializer { inner, levels }
    }
}

/// A value serialized through a [`BoundedSerializer`].
struct BoundedValue<'a, T: ?Sized> {
    value: &'a T,
    levels: Levels,
}

impl<T: Serialize + ?Sized> Serialize for BoundedValue<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(BoundedSerializer::new(s, self.levels))
    }
}

/// An open array or object: its elements are one level deeper.
pub(crate) struct BoundedCompound<C> {
    inner: C,
    levels: Levels,
}

macro_rules! forward_serialize {
    ($($method:ident($ty:ty);)*) => {$(
        #[inline]
        fn $method(self, v: $ty) -> Result<S::Ok, S::Error> {
            self.inner.$method(v)
        }
    )*};
}

impl<S: Serializer> BoundedSerializer<S> {
    #[inline]
    fn open<C>(
        self,
        extra: usize,
        open: impl FnOnce(S) -> Result<C, S::Error>,
    ) -> Result<BoundedCompound<C>, S::Error> {
        let mut levels = self.levels;
        for _ in 0..extra {
            levels = levels.enter(<S::Error as ser::Error>::custom)?;
        }
        Ok(BoundedCompound {
            inner: open(self.inner)?,
            levels,
        })
    }
}

impl<S: Serializer> Serializer for BoundedSerializer<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = BoundedCompound<S::SerializeSeq>;
    type SerializeTuple = BoundedCompound<S::SerializeTuple>;
    type SerializeTupleStruct = BoundedCompound<S::SerializeTupleStruct>;
    type SerializeTupleVariant = BoundedCompound<S::SerializeTupleVariant>;
    type SerializeMap = BoundedCompound<S::SerializeMap>;
    type SerializeStruct = BoundedCompound<S::SerializeStruct>;
    type SerializeStructVariant = BoundedCompound<S::SerializeStructVariant>;

    forward_serialize! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
        serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
        serialize_f64(f64); serialize_char(char); serialize_str(&str);
        serialize_bytes(&[u8]); serialize_unit_struct(&'static str);
    }

    #[inline]
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_none()
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let levels = self.levels;
        self.inner.serialize_some(&BoundedValue { value, levels })
    }

    #[inline]
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let levels = self.levels;
        self.inner
            .serialize_newtype_struct(name, &BoundedValue { value, levels })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let levels = self.levels.enter(<S::Error as ser::Error>::custom)?;
        self.inner
            .serialize_newtype_variant(name, index, variant, &BoundedValue { value, levels })
    }

    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.open(1, |s| s.serialize_seq(len))
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.open(1, |s| s.serialize_tuple(len))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.open(1, |s| s.serialize_tuple_struct(name, len))
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.open(2, |s| s.serialize_tuple_variant(name, index, variant, len))
    }

    #[inline]
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.open(1, |s| s.serialize_map(len))
    }

    #[inline]
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.open(1, |s| s.serialize_struct(name, len))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.open(2, |s| s.serialize_struct_variant(name, index, variant, len))
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

impl<C: SerializeSeq> SerializeSeq for BoundedCompound<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    #[inline]
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner
            .serialize_element(&BoundedValue { value, levels })
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: SerializeTuple> SerializeTuple for BoundedCompound<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner
            .serialize_element(&BoundedValue { value, levels })
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: SerializeTupleStruct> SerializeTupleStruct for BoundedCompound<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner.serialize_field(&BoundedValue { value, levels })
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: SerializeTupleVariant> SerializeTupleVariant for BoundedCompound<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner.serialize_field(&BoundedValue { value, levels })
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: SerializeMap> SerializeMap for BoundedCompound<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    #[inline]
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner
            .serialize_key(&BoundedValue { value: key, levels })
    }
    #[inline]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner.serialize_value(&BoundedValue { value, levels })
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: SerializeStruct> SerializeStruct for BoundedCompound<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner
            .serialize_field(key, &BoundedValue { value, levels })
    }
    #[inline]
    fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
        self.inner.skip_field(key)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: SerializeStructVariant> SerializeStructVariant for BoundedCompound<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        let levels = self.levels;
        self.inner
            .serialize_field(key, &BoundedValue { value, levels })
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
        self.inner.skip_field(key)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}
