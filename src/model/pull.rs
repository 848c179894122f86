//! The model's direct reading path, for a decoder that reads one element at
//! a time (XML): values are filled through [`Pull`] without serde's
//! visitors, which on XML cost more than reading the input itself.
//!
//! Every tolerance, error and path segment is the serde path's (see the
//! parent module): the scalars share its visitors' rules, classes, lists and
//! dictionaries count the same depth levels and name the same members,
//! indices and keys in errors. A type without a direct path (a member type a
//! user implemented by hand) is read through serde ([`Pull::serde`]), so
//! declaring a type never requires implementing this.

use serde::de::{Unexpected, Visitor};

use super::dictionary::{Dictionary, DictionaryValue};
use super::field::values::{BoolVisitor, DoubleVisitor, IntVisitor};
use super::field::{DotNetEnum, Dto, EnumVisitor, Field, SeenMembers};
use super::schema::{ClassInfo, Describe, TypeInfo};
use crate::context;
use crate::error::{Category, Error, Result, Segment};

/// A decoder the model reads from element by element. Each method acts on
/// the current element, whose start tag has just been read; `nil` says it
/// carried `i:nil="true"`.
#[doc(hidden)]
pub trait Pull {
    /// The decoder's state while reading one class's members.
    type Members;
    /// Starts reading the members of a class of type `ty`.
    fn members(&mut self, ty: &'static TypeInfo) -> Self::Members;
    /// Moves to the next member of the class: its index in
    /// [`ClassInfo::json_order`](super::ClassInfo::json_order) and whether
    /// it is nil; `None` at the class's end. Elements that name no member
    /// are skipped here (or rejected in strict mode).
    fn next_member(&mut self, members: &mut Self::Members) -> Result<Option<(usize, bool)>>;
    /// Moves to the next item of a list: whether it is nil; `None` at the
    /// list's end.
    fn next_item(&mut self) -> Result<Option<bool>>;
    /// Moves to the key of the next dictionary entry: whether it is nil;
    /// `None` at the dictionary's end.
    fn next_entry(&mut self) -> Result<Option<bool>>;
    /// Moves to the current entry's value: whether it is nil.
    fn entry_value(&mut self) -> Result<bool>;
    /// Reads what is left of the current entry.
    fn end_entry(&mut self) -> Result<()>;
    /// The text of the current element, without surrounding white space
    /// when `trim`; an error when it holds elements.
    fn text(&mut self, trim: bool) -> Result<&str>;
    /// Skips the rest of the current element.
    fn skip(&mut self) -> Result<()>;
    /// Reads the current element as a `T` through serde.
    fn serde<T: Field>(&mut self, nil: bool) -> Result<T>;
}

/// Reads a member, list item or dictionary value of type `T`: directly
/// when `T` has a direct path, else through serde.
pub fn pull_field<T: Field, P: Pull>(p: &mut P, nil: bool) -> Result<T> {
    if T::PULLS {
        T::pull(p, nil)
    } else {
        p.serde::<T>(nil)
    }
}

fn raise(message: impl std::fmt::Display) -> Error {
    context::fail(Category::Data);
    Error::data(message.to_string())
}

/// The error for a nil element where a class, list or dictionary must be,
/// worded as serde words it for the serde path.
fn nil_container<P: Pull>(p: &mut P, expected: &dyn serde::de::Expected) -> Result<Error> {
    p.skip()?;
    Ok(<Error as serde::de::Error>::invalid_type(
        Unexpected::Option,
        expected,
    ))
}

/// Reads the text of a scalar, or `None` for a nil element.
fn scalar_text<P: Pull>(p: &mut P, nil: bool) -> Result<Option<&str>> {
    if nil {
        p.skip()?;
        return Ok(None);
    }
    p.text(true).map(Some)
}

pub(super) fn bool_from_text(text: &str) -> Result<bool> {
    match text {
        // XML Schema spells booleans `1`/`0` too, as some producers do.
        "1" => Ok(true),
        "0" => Ok(false),
        _ => BoolVisitor.visit_str(text),
    }
}

pub(super) fn int_from_text(text: &str) -> Result<i32> {
    IntVisitor.visit_str(text)
}

pub(super) fn double_from_text(text: &str) -> Result<f64> {
    DoubleVisitor.visit_str(text)
}

pub(super) fn pull_bool<P: Pull>(p: &mut P, nil: bool) -> Result<bool> {
    match scalar_text(p, nil)? {
        None => BoolVisitor.visit_none(),
        Some(text) => bool_from_text(text),
    }
}

pub(super) fn pull_int<P: Pull>(p: &mut P, nil: bool) -> Result<i32> {
    match scalar_text(p, nil)? {
        None => IntVisitor.visit_none(),
        Some(text) => int_from_text(text),
    }
}

pub(super) fn pull_double<P: Pull>(p: &mut P, nil: bool) -> Result<f64> {
    match scalar_text(p, nil)? {
        None => DoubleVisitor.visit_none(),
        Some(text) => double_from_text(text),
    }
}

/// A nullable scalar member's value that is not nil: `None` when its text
/// is empty (see [`Field::deserialize_some`]).
pub(super) fn pull_some<T, P: Pull>(
    p: &mut P,
    from_text: fn(&str) -> Result<T>,
) -> Result<Option<T>> {
    let text = p.text(true)?;
    if text.is_empty() {
        return Ok(None);
    }
    from_text(text).map(Some)
}

/// A scalar list item: nil or empty text is an error (see
/// [`Field::deserialize_item`]).
pub(super) fn pull_item<T, P: Pull>(
    p: &mut P,
    nil: bool,
    what: &dyn std::fmt::Display,
    from_text: fn(&str) -> Result<T>,
) -> Result<T> {
    if nil {
        p.skip()?;
        return Err(missing_item(what, "nil"));
    }
    let text = p.text(true)?;
    if text.is_empty() {
        return Err(missing_item(what, "an empty value"));
    }
    from_text(text)
}

fn missing_item(what: &dyn std::fmt::Display, found: &str) -> Error {
    raise(format_args!(
        "expected {what}, found {found} (a list item of this type cannot be null)"
    ))
}

pub(super) fn pull_string<P: Pull>(p: &mut P, nil: bool) -> Result<String> {
    if nil {
        p.skip()?;
        return Err(raise("expected a value, found nil"));
    }
    // A string is passed exactly as written.
    p.text(false).map(str::to_owned)
}

/// Reads an enum by name (any case) or numeric value; nil is the first
/// variant, as on the serde path.
pub fn pull_enum<T: DotNetEnum, P: Pull>(p: &mut P, nil: bool) -> Result<T> {
    match scalar_text(p, nil)? {
        None => EnumVisitor::<T>::new().visit_none(),
        Some(text) => enum_from_text(text),
    }
}

fn enum_from_text<T: DotNetEnum>(text: &str) -> Result<T> {
    EnumVisitor::<T>::new().visit_str(text)
}

/// [`pull_enum`] for a nullable member's value that is not nil.
pub fn pull_enum_some<T: DotNetEnum, P: Pull>(p: &mut P) -> Result<Option<T>> {
    pull_some(p, enum_from_text::<T>)
}

/// [`pull_enum`] for a list item.
pub fn pull_enum_item<T: DotNetEnum, P: Pull>(p: &mut P, nil: bool) -> Result<T> {
    pull_item(p, nil, &EnumName(T::ENUM.name), enum_from_text::<T>)
}

/// "a TagColors name", written only when an error needs it.
struct EnumName(&'static str);

impl std::fmt::Display for EnumName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a {} name", self.0)
    }
}

pub(super) fn pull_option<T: Describe, P: Pull>(p: &mut P, nil: bool) -> Result<Option<T>> {
    if nil {
        p.skip()?;
        return Ok(None);
    }
    T::pull_some(p)
}

pub(super) fn pull_list<T: Describe, P: Pull>(p: &mut P, nil: bool) -> Result<Vec<T>> {
    if nil {
        return Err(nil_container(p, &"a list")?);
    }
    let mut items = Vec::new();
    pull_items(p, &mut |p, nil| {
        items.push(T::pull_item(p, nil)?);
        Ok(())
    })?;
    Ok(items)
}

/// The item loop of [`pull_list`], one copy for every item type (as
/// [`pull_members`] is for classes): `pull_item` reads one item.
fn pull_items<P: Pull>(
    p: &mut P,
    pull_item: &mut dyn FnMut(&mut P, bool) -> Result<()>,
) -> Result<()> {
    let _level = context::enter(Error::data)?;
    let mut count = 0;
    loop {
        // A failure to reach the next item is that item's, as on the serde
        // path.
        let next = p
            .next_item()
            .and_then(|item| item.map(|nil| pull_item(p, nil)).transpose());
        match next {
            Ok(Some(())) => count += 1,
            Ok(None) => return Ok(()),
            Err(e) => {
                context::note(Segment::Index(count));
                return Err(e);
            }
        }
    }
}

/// Reads a DTO: its members by index, duplicates rejected.
pub fn pull_dto<T: Dto, P: Pull>(p: &mut P, nil: bool) -> Result<T> {
    let class = T::CLASS;
    if nil {
        let expected = format!("a {} object", class.name);
        return Err(nil_container(p, &expected.as_str())?);
    }
    let mut value = T::default();
    pull_members(p, class, T::TYPE, &mut |p, index, nil| {
        value.pull_member(index, p, nil)
    })?;
    Ok(value)
}

/// The member loop of [`pull_dto`], one copy for every class: each class
/// brings only its `pull_member`, so the code every element runs through
/// stays small.
fn pull_members<P: Pull>(
    p: &mut P,
    class: &'static ClassInfo,
    ty: &'static TypeInfo,
    pull_member: &mut dyn FnMut(&mut P, usize, bool) -> Result<()>,
) -> Result<()> {
    let _level = context::enter(Error::data)?;
    let mut seen = SeenMembers::default();
    let mut members = p.members(ty);
    while let Some((index, nil)) = p.next_member(&mut members)? {
        seen.first::<Error>(class, index)?;
        match class.member(index) {
            // A nil nullable member stays as the default left it, null (see
            // `Dto`): nothing of the class's own code runs for the commonest
            // element of DataContract XML.
            Some(m) if nil && m.nullable => p
                .skip()
                .inspect_err(|_| context::note(Segment::Member(m.json_name)))?,
            _ => pull_member(p, index, nil)?,
        }
    }
    Ok(())
}

/// Reads one member's value into `slot`, naming the member if it fails.
pub fn pull_member<T: Field, P: Pull>(
    p: &mut P,
    nil: bool,
    name: &'static str,
    slot: &mut T,
) -> Result<()> {
    match pull_field::<T, P>(p, nil) {
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

pub(super) fn pull_dictionary<V: DictionaryValue, P: Pull>(
    p: &mut P,
    nil: bool,
) -> Result<Dictionary<V>> {
    if nil {
        let expected = format!("a {} map", Dictionary::<V>::info().name);
        return Err(nil_container(p, &expected.as_str())?);
    }
    let _level = context::enter(Error::data)?;
    let mut dictionary = Dictionary::new();
    while let Some(nil) = p.next_entry()? {
        let key = pull_string(p, nil)?;
        let slot = dictionary.new_entry::<Error>(key)?;
        // The value and the rest of its entry, as on the serde path.
        let value = p
            .entry_value()
            .and_then(|nil| pull_field::<Option<V>, P>(p, nil))
            .and_then(|value| p.end_entry().map(|()| value));
        slot.fill(value)?;
    }
    Ok(dictionary)
}
