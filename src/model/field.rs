//! How member values meet serde: the [`Field`] trait for member types, the
//! [`Dto`] trait the [`dto!`](crate::dto) declaration implements, and the
//! generic object reader/writer every DTO shares.
//!
//! Reading is tolerant the way ServiceStack is where nothing is lost (member
//! names in any case, numbers and booleans given as strings, `null` for a
//! non-nullable member meaning its default, enums by name in any case or by
//! number) and strict where ServiceStack silently loses data (a fraction for
//! an int, an unknown enum name, duplicate members or keys are errors).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::schema::{ClassInfo, Describe, EnumInfo};
use crate::context;
use crate::error::{excerpt, Category, Segment};

/// The member types (bool, int, double, string, `Option`, `Vec`).
pub(super) mod values;

/// A type that can be a member of a DTO: it knows how to read itself
/// tolerantly and write itself exactly, and whether it is present (non-null).
pub trait Field: Sized + Describe {
    /// Reads the value from any serde deserializer.
    fn deserialize_field<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
    /// Writes the value to any serde serializer.
    fn serialize_field<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
    /// Reads the value of a nullable member that is not null. A number, a
    /// boolean or an enum given as empty text is `None`: an empty value says
    /// nothing, and reading it as `0`, `false` or the first variant would
    /// invent one.
    fn deserialize_some<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        Self::deserialize_field(d).map(Some)
    }
    /// Reads a list item. A number, boolean or enum item given as null or
    /// as empty text is an error: the list cannot hold a null, and its
    /// default would invent a value.
    fn deserialize_item<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::deserialize_field(d)
    }
    /// Writes the value as a list item. Only a null object differs from
    /// [`serialize_field`](Field::serialize_field): ServiceStack writes it
    /// `{}` in JSON and JSV, and DataContractSerializer `i:nil` (see
    /// [`NULL_OBJECT`]).
    fn serialize_item<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_field(s)
    }
    /// False for a null member, which JSON and JSV leave out.
    fn is_present(&self) -> bool {
        true
    }
}

/// The name of the newtype struct a null item of a list of objects is
/// written as, holding an empty struct: `{}` to any serde format, as
/// ServiceStack's JSON and JSV write it (`"errors":[{},{}]` for
/// `[null, {}]`), while this crate's XML encoder, which knows the name,
/// writes `i:nil="true"` as DataContractSerializer does. (A null
/// dictionary, `Struct`, stays `null`, as ServiceStack writes it.)
pub const NULL_OBJECT: &str = "$evovoice_codec::NullObject";

/// The name of the newtype struct a null item of a list of strings is
/// written and read as. ServiceStack's JSV writes such an item as nothing
/// (`[a,,b]`, where a null object is `null`) and reads an empty unquoted
/// item back as null, the word `null` as the string "null"; the JSV
/// format, which knows the name, does the same. Any other format sees a
/// null (`null` in JSON, `i:nil="true"` in XML).
pub const NULL_STRING: &str = "$evovoice_codec::NullString";

/// The empty struct inside a [`NULL_OBJECT`], named after its class.
struct EmptyObject(&'static str);

impl Serialize for EmptyObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let _level = context::enter(<S::Error as ser::Error>::custom)?;
        s.serialize_struct(self.0, 0)?.end()
    }
}

/// Serializes a [`Field`] as a list item ([`Field::serialize_item`]).
struct AsItem<'a, T>(&'a T);

impl<T: Field> Serialize for AsItem<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_item(s)
    }
}

/// A DTO class: the trait the [`dto!`](crate::dto) declaration implements.
///
/// Its `Default` leaves every nullable member null, as the declaration's
/// does: decoders leave a member given as null (XML's `i:nil`) at its
/// default instead of reading it.
pub trait Dto: Field + Default {
    /// The class description (name, namespace, base, members).
    const CLASS: &'static ClassInfo;
    /// Number of members that will be written (non-null), base included.
    fn present_count(&self) -> usize;
    /// Writes every non-null member in ServiceStack order (own, then base).
    fn serialize_members<S: SerializeStruct>(&self, st: &mut S) -> Result<(), S::Error>;
    /// Writes the member at `index` (in [`ClassInfo::json_order`]) as
    /// [`serialize_members`](Dto::serialize_members) would: present with
    /// `serialize_field`, null with `skip_field`.
    fn serialize_member<S: SerializeStruct>(
        &self,
        index: usize,
        st: &mut S,
    ) -> Result<(), S::Error>;
    /// Reads the value of the member at `index` (in
    /// [`ClassInfo::json_order`]) from `map`.
    fn deserialize_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// Reads the value of the member at `index` (in
    /// [`ClassInfo::json_order`]) from an element-at-a-time decoder.
    #[doc(hidden)]
    fn pull_member<P: super::Pull>(
        &mut self,
        index: usize,
        p: &mut P,
        nil: bool,
    ) -> crate::Result<()>;
}

/// Serializes a [`Field`] through plain `serde::Serialize`.
pub struct AsField<'a, T>(pub &'a T);

impl<T: Field> Serialize for AsField<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_field(s)
    }
}

/// Deserializes a [`Field`] through `serde::de::DeserializeSeed`.
pub struct FieldSeed<T>(PhantomData<fn() -> T>);

impl<T> FieldSeed<T> {
    /// A new seed.
    pub fn new() -> Self {
        FieldSeed(PhantomData)
    }
}

impl<T> Default for FieldSeed<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: Field> DeserializeSeed<'de> for FieldSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize_field(d)
    }
}

fn raise<E: de::Error>(category: Category, message: impl fmt::Display) -> E {
    context::fail(category);
    E::custom(message)
}

// ---------------------------------------------------------------- writing

/// Writes one member: a present value with `serialize_field`, a null one with
/// `skip_field` (formats that write every member, like XML, see it there).
pub fn write_member<S: SerializeStruct, T: Field>(
    st: &mut S,
    name: &'static str,
    value: &T,
) -> Result<(), S::Error> {
    let result = if value.is_present() {
        st.serialize_field(name, &AsField(value))
    } else {
        st.skip_field(name)
    };
    if result.is_err() {
        context::note(Segment::Member(name));
    }
    result
}

/// Writes a DTO as a serde struct named after its C# class.
pub fn serialize_dto<T: Dto, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let _level = context::enter(<S::Error as ser::Error>::custom)?;
    // Decided at compile time: a class without `[DataContract]` (every
    // Evo Voice DTO) does not even test it.
    if const { T::CLASS.data_contract.is_some() } {
        context::offer_class(T::CLASS);
    }
    let mut st = s.serialize_struct(T::CLASS.name, value.present_count())?;
    match context::take_member_order(T::CLASS) {
        Some(order) => {
            for &index in order {
                value.serialize_member(index, &mut st)?;
            }
        }
        None => value.serialize_members(&mut st)?,
    }
    st.end()
}

// ---------------------------------------------------------------- reading

/// Reads one member's value into `slot`, naming the member if it fails.
pub fn read_member<'de, A: MapAccess<'de>, T: Field>(
    map: &mut A,
    name: &'static str,
    slot: &mut T,
) -> Result<(), A::Error> {
    match map.next_value_seed(FieldSeed::<T>::new()) {
        Ok(v) => {
            *slot = v;
            Ok(())
        }
        Err(e) => {
            context::note(Segment::Member(name));
            Err(e)
        }
    }
}

/// Reads a DTO from a serde map (or struct) of its members.
pub fn deserialize_dto<'de, T: Dto, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    // See `serialize_dto`.
    if const { T::CLASS.data_contract.is_some() } {
        context::offer_class(T::CLASS);
    }
    d.deserialize_struct(T::CLASS.name, &[], DtoVisitor::<T>(PhantomData))
}

struct DtoVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Dto> Visitor<'de> for DtoVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", T::CLASS.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let _level = context::enter(<A::Error as de::Error>::custom)?;
        let class = T::CLASS;
        let mut value = T::default();
        let mut hint = 0;
        let mut seen = SeenMembers::default();
        let static_keys = context::static_keys();
        while let Some(key) = map.next_key_seed(MemberKey {
            class,
            hint,
            static_keys,
        })? {
            match key {
                MemberKeyOf::Known(index) => {
                    seen.first(class, index)?;
                    value.deserialize_member(index, &mut map)?;
                    hint = index + 1;
                }
                MemberKeyOf::Unknown(name) => {
                    if context::strict() {
                        return Err(raise(
                            Category::Data,
                            format_args!("unknown member {} in {}", excerpt(&name), class.name),
                        ));
                    }
                    map.next_value_seed(Skip)?;
                }
            }
        }
        Ok(value)
    }
}

/// The members of one object read so far: a second value for one is an
/// error, never a silent overwrite.
///
/// Two words, not a `u128`: a bit of a `u128` at a variable index costs a
/// double-word shift and selects on every member read.
#[derive(Default)]
pub(super) struct SeenMembers([u64; 2]);

impl SeenMembers {
    /// Records member `index` of `class`; the error when it was read before.
    /// Members past the 128th are not tracked (no class comes near).
    #[inline]
    pub(super) fn first<E: de::Error>(&mut self, class: &ClassInfo, index: usize) -> Result<(), E> {
        let Some(word) = self.0.get_mut(index / 64) else {
            return Ok(());
        };
        let bit = 1u64 << (index % 64);
        if *word & bit != 0 {
            let name = class.member(index).map_or("?", |m| m.json_name);
            return Err(raise(
                Category::Data,
                format_args!("duplicate member `{name}` in {}", class.name),
            ));
        }
        *word |= bit;
        Ok(())
    }
}

enum MemberKeyOf {
    Known(usize),
    Unknown(String),
}

struct MemberKey {
    class: &'static ClassInfo,
    hint: usize,
    /// See [`context::set_static_keys`].
    static_keys: bool,
}

impl<'de> DeserializeSeed<'de> for MemberKey {
    type Value = MemberKeyOf;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<MemberKeyOf, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MemberKey {
    type Value = MemberKeyOf;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<MemberKeyOf, E> {
        if self.static_keys {
            if let Some(i) = self.class.find_member_by_address(key) {
                return Ok(MemberKeyOf::Known(i));
            }
        }
        Ok(match self.class.find_member(key, self.hint) {
            Some(i) => MemberKeyOf::Known(i),
            // The name is only needed for the strict-mode error.
            None if context::strict() => MemberKeyOf::Unknown(key.to_owned()),
            None => MemberKeyOf::Unknown(String::new()),
        })
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<MemberKeyOf, E> {
        match std::str::from_utf8(key) {
            Ok(k) => self.visit_str(k),
            Err(_) => Ok(MemberKeyOf::Unknown(
                String::from_utf8_lossy(key).into_owned(),
            )),
        }
    }
}

/// Skips any value, counting its nesting against the depth limit (serde's
/// `IgnoredAny` would recurse without a bound once serde_json's own limit is
/// off).
pub struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let _level = context::enter(<A::Error as de::Error>::custom)?;
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let _level = context::enter(<A::Error as de::Error>::custom)?;
        while map.next_key_seed(Skip)?.is_some() {
            map.next_value_seed(Skip)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- enums

/// A .NET enum of the model: the trait the
/// [`dotnet_enum!`](crate::dotnet_enum) declaration implements.
pub trait DotNetEnum: Copy + 'static {
    /// Name, namespace and variants.
    const ENUM: &'static EnumInfo;
    /// The variant with this declaration index.
    fn from_index(index: usize) -> Option<Self>;
    /// This variant's declaration index.
    fn index(self) -> usize;
    /// This variant's name.
    fn name(self) -> &'static str {
        Self::ENUM.variants[self.index()]
    }
}

/// Reads an enum by name (any case) or by its numeric value.
pub fn deserialize_enum<'de, T: DotNetEnum, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(EnumVisitor::<T>(PhantomData))
}

/// [`deserialize_enum`] for a nullable member's value (see
/// [`Field::deserialize_some`]).
pub fn deserialize_enum_some<'de, T: DotNetEnum, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    d.deserialize_any(values::EmptyAsNone(EnumVisitor::<T>(PhantomData)))
}

/// [`deserialize_enum`] for a list item (see [`Field::deserialize_item`]).
pub fn deserialize_enum_item<'de, T: DotNetEnum, D: Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    d.deserialize_any(values::Required(EnumVisitor::<T>(PhantomData)))
}

/// Writes an enum by name.
pub fn serialize_enum<T: DotNetEnum, S: Serializer>(v: T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_unit_variant(T::ENUM.name, v.index() as u32, v.name())
}

pub(super) struct EnumVisitor<T>(PhantomData<fn() -> T>);

impl<T: DotNetEnum> EnumVisitor<T> {
    pub(super) fn new() -> Self {
        EnumVisitor(PhantomData)
    }

    fn unknown<E: de::Error>(found: impl fmt::Display) -> E {
        raise(
            Category::Data,
            format_args!(
                "unknown {} value {found}: expected one of {}",
                T::ENUM.name,
                T::ENUM.variants.join(", ")
            ),
        )
    }
}

impl<T: DotNetEnum> Visitor<'_> for EnumVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} name", T::ENUM.name)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        if v.is_empty() {
            return Ok(T::from_index(0).expect("an enum has a first variant"));
        }
        if let Some(i) = T::ENUM.find(v) {
            return Ok(T::from_index(i).expect("index from the variant table"));
        }
        // ServiceStack also reads the numeric value given as text.
        match v.parse::<u64>() {
            Ok(n) => self.visit_u64(n),
            Err(_) => Err(Self::unknown(excerpt(v))),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        usize::try_from(v)
            .ok()
            .and_then(T::from_index)
            .ok_or_else(|| Self::unknown(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        match u64::try_from(v) {
            Ok(u) => self.visit_u64(u),
            Err(_) => Err(Self::unknown(v)),
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::from_index(0).expect("an enum has a first variant"))
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.visit_unit()
    }
}

// ---------------------------------------------------------------- helpers

/// Used by the `dto!` expansion for an index no member has (never reached
/// from this crate's own key lookup).
pub fn no_such_member<E: de::Error>(class: &ClassInfo, index: usize) -> E {
    E::custom(format_args!("{} has no member #{index}", class.name))
}

/// The writing counterpart of [`no_such_member`], for a member order that
/// names an index the class does not have.
pub fn no_member_to_write<E: ser::Error>(class: &ClassInfo, index: usize) -> E {
    E::custom(format_args!("{} has no member #{index}", class.name))
}

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skip, D::Error> {
        d.deserialize_any(Skip).map(|()| Skip)
    }
}
