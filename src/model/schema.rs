//! Static descriptions of the DTOs: the single source every format reads.
//!
//! Each type of the model implements [`Describe`], whose [`Describe::TYPE`] is
//! a `&'static` [`TypeInfo`] built at compile time by the [`dto!`](crate::dto)
//! declaration (or by hand for the dictionary classes). From it a format learns
//! the C# class name, CLR namespace, base class, generic arguments and each
//! member's C# name, camelCase wire name, type and nullability, in
//! declaration order.

use super::pull::{self, Pull};
use crate::error::{Category, Error, Result};

/// The .NET type of a value, as far as the wire formats care.
#[derive(Debug)]
pub enum TypeInfo {
    /// `bool` (`bool?` when the member is nullable).
    Bool,
    /// `int` (Int32).
    Int,
    /// `double`.
    Double,
    /// `string`.
    String,
    /// An enum, written by name.
    Enum(&'static EnumInfo),
    /// A class with members.
    Class(&'static ClassInfo),
    /// `List<T>`.
    List(&'static TypeInfo),
    /// A class deriving from `Dictionary<string, V>` (`Struct`,
    /// `EntityIntegrationData`), or `Dictionary<string, string>` itself.
    Dictionary(&'static DictionaryInfo),
}

impl TypeInfo {
    /// The data-contract name of the type, without generic digest: `string`,
    /// `int`, `double`, `boolean`, the enum or class name, `ArrayOf…` for lists.
    pub fn contract_name(&self) -> String {
        match self {
            TypeInfo::Bool => "boolean".into(),
            TypeInfo::Int => "int".into(),
            TypeInfo::Double => "double".into(),
            TypeInfo::String => "string".into(),
            TypeInfo::Enum(e) => e.name.into(),
            TypeInfo::Class(c) => c.name.into(),
            TypeInfo::List(item) => format!("ArrayOf{}", item.contract_name()),
            TypeInfo::Dictionary(d) => d.name.into(),
        }
    }

    /// The CLR namespace the type lives in (`System` for primitives and
    /// `DayOfWeek`; for a list, its item's).
    pub fn namespace(&self) -> &'static str {
        match self {
            TypeInfo::Bool | TypeInfo::Int | TypeInfo::Double | TypeInfo::String => "System",
            TypeInfo::Enum(e) => e.namespace,
            TypeInfo::Class(c) => c.namespace,
            TypeInfo::List(item) => item.namespace(),
            TypeInfo::Dictionary(d) => d.namespace,
        }
    }
}

/// A .NET enum: name, namespace and variant names in declaration order (the
/// variant's index is its numeric value).
#[derive(Debug)]
pub struct EnumInfo {
    /// C# name, e.g. `TagColors`.
    pub name: &'static str,
    /// CLR namespace, e.g. `Voice.Api.Settings`.
    pub namespace: &'static str,
    /// Variant names; the first is the default.
    pub variants: &'static [&'static str],
}

impl EnumInfo {
    /// The variant index for `name`, matched case-insensitively as ServiceStack
    /// does.
    pub fn find(&self, name: &str) -> Option<usize> {
        let exact = |v: &&str| same_text(v.as_bytes(), name.as_bytes());
        self.variants.iter().position(exact).or_else(|| {
            self.variants
                .iter()
                .position(|v| v.eq_ignore_ascii_case(name))
        })
    }
}

/// A .NET class deriving from `Dictionary<string, V>`, or
/// `Dictionary<string, V>` itself.
#[derive(Debug)]
pub struct DictionaryInfo {
    /// C# name, e.g. `Struct` (`Dictionary<string, string>` for the
    /// generic class itself).
    pub name: &'static str,
    /// CLR namespace, e.g. `Voice.Api.Flows.Data`.
    pub namespace: &'static str,
    /// The key type (always `string` in this model).
    pub key: &'static TypeInfo,
    /// The value type, behind a function because `Struct` and `Value` refer
    /// to each other and a cycle of static references cannot be evaluated at
    /// compile time.
    pub value: fn() -> &'static TypeInfo,
}

impl DictionaryInfo {
    /// The value type.
    pub fn value_type(&self) -> &'static TypeInfo {
        (self.value)()
    }
}

/// A .NET class: its name, namespace, base class and own members.
#[derive(Debug)]
pub struct ClassInfo {
    /// C# name without generic arguments, e.g. `ListResponse`.
    pub name: &'static str,
    /// CLR namespace, e.g. `Voice.Api.Customers`.
    pub namespace: &'static str,
    /// The base class, whose members the class also has.
    pub base: Option<&'static ClassInfo>,
    /// Generic type arguments (`T` of `ListResponse<T>`), empty if none.
    pub generic_args: &'static [&'static TypeInfo],
    /// The class's own members in declaration order.
    pub members: &'static [MemberInfo],
    /// What the class's `[DataContract]` attribute says, when it has one;
    /// `None` for a plain class, as every Evo Voice DTO is.
    pub data_contract: Option<DataContract>,
}

/// A class marked `[DataContract]`, as ServiceStack's own DTOs
/// (`ResponseStatus`, `ErrorResponse`) are.
///
/// DataContractSerializer then takes the namespace from the contract and
/// the order from the members' `[DataMember(Order = …)]`, and
/// ServiceStack's CsvSerializer sees a DTO (its `IsDto()`), which it
/// writes as its first list of objects when it has one (see
/// [`ClassInfo::csv_rows`]).
#[derive(Debug)]
pub struct DataContract {
    /// The data-contract namespace URI, e.g.
    /// `http://schemas.servicestack.net/types` (set for a whole assembly by
    /// `[assembly: ContractNamespace]`).
    pub namespace: &'static str,
    /// The order of the members in XML.
    pub order: MemberOrder,
}

/// The order DataContractSerializer writes a class's members in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberOrder {
    /// By ordinal name: data members without an `Order`, and the public
    /// properties of a class without `[DataContract]`.
    Ordinal,
    /// In declaration order: each `[DataMember]` has an `Order` and they
    /// follow the declaration, as in ServiceStack's own DTOs.
    Declared,
}

/// One member (C# property) of a class.
#[derive(Debug)]
pub struct MemberInfo {
    /// C# property name, e.g. `AIInsights` (CSV headers, XML elements).
    pub name: &'static str,
    /// camelCase wire name, e.g. `aiInsights` (JSON, JSV).
    pub json_name: &'static str,
    /// The member's type.
    pub ty: &'static TypeInfo,
    /// True for reference types and `bool?`/`double?`: null is possible and
    /// left out of JSON/JSV. False for value types, which are always written.
    pub nullable: bool,
}

impl ClassInfo {
    /// Number of members including inherited ones.
    pub fn member_count(&self) -> usize {
        self.members.len() + self.base.map_or(0, |b| b.member_count())
    }

    /// Members in ServiceStack's JSON/JSV/CSV order: own members first, then
    /// the base class's, each in declaration order. Indices into this order
    /// are the member indices used by [`Dto`](crate::model::Dto).
    pub fn json_order(&self) -> impl Iterator<Item = &'static MemberInfo> + '_ {
        let mut class = Some(self);
        let mut members: &'static [MemberInfo] = &[];
        std::iter::from_fn(move || loop {
            if let Some((first, rest)) = members.split_first() {
                members = rest;
                return Some(first);
            }
            let c = class?;
            members = c.members;
            class = c.base;
        })
    }

    /// The member at `index` in [`json_order`](Self::json_order): a walk
    /// up the (short) base-class chain, not through the members.
    pub fn member(&self, index: usize) -> Option<&'static MemberInfo> {
        let mut class = self;
        let mut index = index;
        loop {
            if let Some(m) = class.members.get(index) {
                return Some(m);
            }
            index -= class.members.len();
            class = class.base?;
        }
    }

    /// Finds a member by wire name as ServiceStack does: an exact match on
    /// the camelCase or C# name first, then case-insensitively. `hint` is the
    /// index most likely to match (the one after the previous member).
    /// Writers emit members in declaration order but leave nulls out, so the
    /// exact search runs forward from the hint and wraps around: decoding
    /// what ServiceStack wrote costs a few length comparisons per member.
    pub fn find_member(&self, key: &str, hint: usize) -> Option<usize> {
        // The hinted member is almost always the one: try it alone first,
        // with a compare short enough to stay inline.
        if self
            .member(hint)
            .is_some_and(|m| same_text(m.json_name.as_bytes(), key.as_bytes()))
        {
            return Some(hint);
        }
        let count = self.member_count();
        let exact = |i: usize| {
            self.member(i).is_some_and(|m| {
                std::ptr::eq(m.json_name, key)
                    || same_text(m.json_name.as_bytes(), key.as_bytes())
                    || same_text(m.name.as_bytes(), key.as_bytes())
            })
        };
        let hint = hint.min(count);
        if let Some(i) = (hint..count).chain(0..hint).find(|&i| exact(i)) {
            return Some(i);
        }
        self.json_order()
            .position(|m| m.json_name.eq_ignore_ascii_case(key))
    }

    /// The index of the member whose `json_name` is `key` itself (the same
    /// string in memory, not an equal one): how a format that matched the
    /// name against the model hands it over.
    pub(crate) fn find_member_by_address(&self, key: &str) -> Option<usize> {
        let mut class = self;
        let mut offset = 0;
        loop {
            if let Some(i) = class
                .members
                .iter()
                .position(|m| std::ptr::eq(m.json_name, key))
            {
                return Some(offset + i);
            }
            offset += class.members.len();
            class = class.base?;
        }
    }

    /// The member (index in [`json_order`](Self::json_order)) whose items
    /// ServiceStack's CsvSerializer writes as the rows of a CSV in place of
    /// the object itself: for a `[DataContract]` class, its first member
    /// that is a list of objects (`ResponseStatus.Errors`). `None` for
    /// every other class, which CSV writes as a header and one row.
    ///
    /// CsvSerializer would also take a list of strings or numbers, or a
    /// dictionary, when no list of objects exists; no DTO of this model has
    /// one, and CSV rows of scalars have no shape here, so only lists of
    /// objects count.
    pub fn csv_rows(&self) -> Option<usize> {
        self.data_contract.as_ref()?;
        self.json_order()
            .position(|m| matches!(m.ty, TypeInfo::List(TypeInfo::Class(_))))
    }

    /// The chain from the root base class down to this class.
    pub fn lineage(&'static self) -> Vec<&'static ClassInfo> {
        let mut chain = vec![self];
        let mut c = self;
        while let Some(b) = c.base {
            chain.push(b);
            c = b;
        }
        chain.reverse();
        chain
    }
}

/// Byte equality for short names, eight bytes at a time (the library
/// `memcmp` call costs more than the compare itself at these lengths).
#[inline]
pub(crate) fn same_text(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|w| w.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let half = |s: &[u8], at: usize| {
        s.get(at..at + 4)
            .and_then(|w| w.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    };
    match a.len() {
        0..4 => return a.iter().zip(b).all(|(x, y)| x == y),
        // The first and the last four bytes, overlapping if need be.
        4..8 => return half(a, 0) == half(b, 0) && half(a, a.len() - 4) == half(b, b.len() - 4),
        _ => {}
    }
    let mut at = 0;
    while at + 8 < a.len() {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last eight bytes, overlapping the previous word if need be.
    let last = a.len() - 8;
    word(a, last) == word(b, last)
}

/// A type with a static .NET description.
pub trait Describe {
    /// The type's description.
    const TYPE: &'static TypeInfo;
    /// True when `null` is a possible value (`Option<T>`).
    const NULLABLE: bool = false;
    /// True when [`Describe::pull`] reads the type; a decoder reads any
    /// other type through serde. The declaration macros set it.
    #[doc(hidden)]
    const PULLS: bool = false;
    /// Reads the type directly from an element-at-a-time decoder (see
    /// [`Pull`]); only called when [`Describe::PULLS`] is true.
    #[doc(hidden)]
    fn pull<P: Pull>(p: &mut P, nil: bool) -> Result<Self>
    where
        Self: Sized,
    {
        let _ = (p, nil);
        Err(Error::new(
            Category::Unsupported,
            "this type has no direct reading path",
        ))
    }
    /// [`Describe::pull`] for a nullable member's value that is not nil
    /// (see [`Field::deserialize_some`](super::Field::deserialize_some)).
    #[doc(hidden)]
    fn pull_some<P: Pull>(p: &mut P) -> Result<Option<Self>>
    where
        Self: Sized,
    {
        Self::pull(p, false).map(Some)
    }
    /// [`Describe::pull`] for a list item (see
    /// [`Field::deserialize_item`](super::Field::deserialize_item)).
    #[doc(hidden)]
    fn pull_item<P: Pull>(p: &mut P, nil: bool) -> Result<Self>
    where
        Self: Sized,
    {
        Self::pull(p, nil)
    }
}

impl Describe for bool {
    const TYPE: &'static TypeInfo = &TypeInfo::Bool;
    const PULLS: bool = true;
    fn pull<P: Pull>(p: &mut P, nil: bool) -> Result<bool> {
        pull::pull_bool(p, nil)
    }
    fn pull_some<P: Pull>(p: &mut P) -> Result<Option<bool>> {
        pull::pull_some(p, pull::bool_from_text)
    }
    fn pull_item<P: Pull>(p: &mut P, nil: bool) -> Result<bool> {
        pull::pull_item(p, nil, &"a boolean", pull::bool_from_text)
    }
}
impl Describe for i32 {
    const TYPE: &'static TypeInfo = &TypeInfo::Int;
    const PULLS: bool = true;
    fn pull<P: Pull>(p: &mut P, nil: bool) -> Result<i32> {
        pull::pull_int(p, nil)
    }
    fn pull_some<P: Pull>(p: &mut P) -> Result<Option<i32>> {
        pull::pull_some(p, pull::int_from_text)
    }
    fn pull_item<P: Pull>(p: &mut P, nil: bool) -> Result<i32> {
        pull::pull_item(p, nil, &"a 32-bit integer", pull::int_from_text)
    }
}
impl Describe for f64 {
    const TYPE: &'static TypeInfo = &TypeInfo::Double;
    const PULLS: bool = true;
    fn pull<P: Pull>(p: &mut P, nil: bool) -> Result<f64> {
        pull::pull_double(p, nil)
    }
    fn pull_some<P: Pull>(p: &mut P) -> Result<Option<f64>> {
        pull::pull_some(p, pull::double_from_text)
    }
    fn pull_item<P: Pull>(p: &mut P, nil: bool) -> Result<f64> {
        pull::pull_item(p, nil, &"a number", pull::double_from_text)
    }
}
impl Describe for String {
    const TYPE: &'static TypeInfo = &TypeInfo::String;
    const PULLS: bool = true;
    fn pull<P: Pull>(p: &mut P, nil: bool) -> Result<String> {
        pull::pull_string(p, nil)
    }
}
impl<T: Describe> Describe for Option<T> {
    const TYPE: &'static TypeInfo = T::TYPE;
    const NULLABLE: bool = true;
    const PULLS: bool = T::PULLS;
    fn pull<P: Pull>(p: &mut P, nil: bool) -> Result<Option<T>> {
        pull::pull_option(p, nil)
    }
}
impl<T: Describe> Describe for Vec<T> {
    const TYPE: &'static TypeInfo = &TypeInfo::List(T::TYPE);
    const PULLS: bool = T::PULLS;
    fn pull<P: Pull>(p: &mut P, nil: bool) -> Result<Vec<T>> {
        pull::pull_list(p, nil)
    }
}

/// ServiceStack's camelCase rule for member names: lower the leading run of
/// capitals, except the last one when a lowercase letter follows it
/// (`AIInsights` → `aiInsights`, `IsBYOA` → `isBYOA`, `Id` → `id`).
pub fn camel_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() && chars[i].is_uppercase() {
        let next_is_lower = chars.get(i + 1).is_some_and(|c| c.is_lowercase());
        if i > 0 && next_is_lower {
            break;
        }
        out.extend(chars[i].to_lowercase());
        i += 1;
    }
    out.extend(&chars[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::{camel_case, same_text};

    #[test]
    fn same_text_agrees_with_equality() {
        let text = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for len in 0..=text.len() {
            let a = &text[..len];
            assert!(same_text(a, a));
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_text(a, &b), "{len} {at}");
            }
            assert!(!same_text(a, &text[..len.saturating_sub(1)]) || len == 0);
        }
    }

    #[test]
    fn camel_case_follows_servicestack() {
        assert_eq!(camel_case("AIInsights"), "aiInsights");
        assert_eq!(camel_case("AILiveMinutes"), "aiLiveMinutes");
        assert_eq!(camel_case("IsBYOA"), "isBYOA");
        assert_eq!(camel_case("Id"), "id");
        assert_eq!(camel_case("ByDay"), "byDay");
        assert_eq!(camel_case("TimeZoneId"), "timeZoneId");
        assert_eq!(camel_case("URL"), "url");
    }
}
