//! A serde adapter that lets a deserializer borrowing a short-lived buffer
//! serve a visitor of any lifetime.
//!
//! CSV rows are read one at a time into a reused record, and a nested cell is
//! handed to the JSV deserializer, which borrows the cell (`Deserializer<'c>`).
//! The caller's visitor, though, was made for the lifetime of the whole
//! document (`Visitor<'de>`), which the cell does not live for. Since CSV only
//! decodes owned data, nothing needs to borrow from the cell: the adapter
//! passes every call through and turns the borrowed visits into owned ones.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// `D: Deserializer<'a>` usable as a `Deserializer<'de>` for any `'de`.
pub(crate) struct Detached<'a, D> {
    de: D,
    input: PhantomData<&'a ()>,
}

impl<D> Detached<'_, D> {
    pub(crate) fn new(de: D) -> Self {
        Detached {
            de,
            input: PhantomData,
        }
    }
}

struct Wrap<'de, T> {
    inner: T,
    lifetime: PhantomData<fn(&'de ())>,
}

fn wrap<'de, T>(inner: T) -> Wrap<'de, T> {
    Wrap {
        inner,
        lifetime: PhantomData,
    }
}

macro_rules! forward_deserialize {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method(wrap(visitor))
        }
    )*};
}

impl<'de, 'a, D: Deserializer<'a>> Deserializer<'de> for Detached<'a, D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_unit_struct(name, wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_newtype_struct(name, wrap(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_tuple(len, wrap(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_tuple_struct(name, len, wrap(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_struct(name, fields, wrap(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_enum(name, variants, wrap(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),*) => {$(
        fn $method<E: serde::de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'a, 'de, V: Visitor<'de>> Visitor<'a> for Wrap<'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_byte_buf(Vec<u8>)
    );

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'a str) -> Result<V::Value, E> {
        self.inner.visit_str(v)
    }

    fn visit_borrowed_bytes<E: serde::de::Error>(self, v: &'a [u8]) -> Result<V::Value, E> {
        self.inner.visit_bytes(v)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'a>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Detached::new(d))
    }

    fn visit_newtype_struct<D: Deserializer<'a>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Detached::new(d))
    }

    fn visit_seq<A: SeqAccess<'a>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(Access::<'a, A>::new(seq))
    }

    fn visit_map<A: MapAccess<'a>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Access::<'a, A>::new(map))
    }

    fn visit_enum<A: EnumAccess<'a>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Access::<'a, A>::new(data))
    }
}

/// A sequence, map, enum or variant access of lifetime `'a` seen as one of
/// any lifetime.
struct Access<'a, A> {
    inner: A,
    input: PhantomData<&'a ()>,
}

impl<A> Access<'_, A> {
    fn new(inner: A) -> Self {
        Access {
            inner,
            input: PhantomData,
        }
    }
}

impl<'a, 'de, T: DeserializeSeed<'de>> DeserializeSeed<'a> for Wrap<'de, T> {
    type Value = T::Value;

    fn deserialize<D: Deserializer<'a>>(self, d: D) -> Result<T::Value, D::Error> {
        self.inner.deserialize(Detached::new(d))
    }
}

impl<'de, 'a, A: SeqAccess<'a>> SeqAccess<'de> for Access<'a, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(wrap(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 'a, A: MapAccess<'a>> MapAccess<'de> for Access<'a, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(wrap(seed))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(wrap(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 'a, A: EnumAccess<'a>> EnumAccess<'de> for Access<'a, A> {
    type Error = A::Error;
    type Variant = Access<'a, A::Variant>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), A::Error> {
        let (value, variant) = self.inner.variant_seed(wrap(seed))?;
        Ok((value, Access::new(variant)))
    }
}

impl<'de, 'a, A: VariantAccess<'a>> VariantAccess<'de> for Access<'a, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(wrap(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner.tuple_variant(len, wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.struct_variant(fields, wrap(visitor))
    }
}

#[cfg(test)]
mod tests {
    use super::Detached;
    use serde::Deserialize;

    #[test]
    fn owned_values_pass_through_a_shorter_borrow() {
        // The buffer dies before the value is used: nothing may borrow it.
        let value: Vec<(String, Option<u8>)> = {
            let buffer = String::from(r#"[["a",1],["b",null]]"#);
            let mut de = serde_json::Deserializer::from_str(&buffer);
            Vec::deserialize(Detached::new(&mut de)).unwrap()
        };
        assert_eq!(value, [("a".into(), Some(1)), ("b".into(), None)]);
    }
}
