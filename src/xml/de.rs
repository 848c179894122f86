//! The decoder: a serde `Deserializer` streaming over quick-xml events.
//!
//! Nothing is buffered beyond the current element's name and text: an
//! element's children are handed to the model as map entries (class
//! members, keyed by local name), sequence items (list items) or
//! `KeyValueOf…` entries (dictionaries), and its text as a string, which the
//! model's tolerant scalar readers parse. The depth limit is the model's
//! (it counts its objects, lists and dictionaries); the decoder only bounds
//! element nesting at a generous multiple of it, so that elements the model
//! never sees cannot nest without end, and skipping is a loop, never a
//! recursion, so no input can exhaust the stack.

use quick_xml::Reader;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Deserialize;

use super::contract::{self, ClassContract, Contract, Contracts, Kind, MemberContract};
use super::events::{
    Content, Name, Recorded, Source, TextUse, Tok, HARD_DEPTH_LIMIT, NO_NAMESPACE,
};
use super::scopes::Scopes;
use crate::context;
use crate::error::{excerpt, Category, Error, Result};
use crate::model::{same_text, Describe, TypeInfo};
use crate::options::DecodeOptions;

/// How many elements deep a document may nest per model level allowed.
/// The model counts its containers (`context::enter`); a level is at most
/// two elements (a dictionary's entry and its `Value`), plus a scalar's
/// element at the bottom, so twice that only stops input no model value
/// can be: deep foreign or unknown elements.
const ELEMENTS_PER_LEVEL: usize = 4;

/// The bound on element nesting for a model depth limit: only a guard for
/// what the model does not count, never reached by a value within the
/// limit.
fn element_bound(limit: Option<usize>) -> usize {
    limit
        .map_or(HARD_DEPTH_LIMIT, |l| {
            l.saturating_mul(ELEMENTS_PER_LEVEL)
                .saturating_add(ELEMENTS_PER_LEVEL)
        })
        .min(HARD_DEPTH_LIMIT)
}

/// Reads DataContract XML (or any reasonable producer's XML of the same
/// data) into serde values.
pub struct Deserializer<R: Source> {
    pub(super) reader: Reader<R>,
    pub(super) scopes: Scopes,
    pub(super) buf: Vec<u8>,
    /// Element nesting of the reader.
    pub(super) depth: usize,
    /// The bound on `depth` (see [`element_bound`]).
    pub(super) limit: usize,
    pub(super) configured_limit: Option<usize>,
    /// The local name of the last start tag (see [`Deserializer::name`]).
    pub(super) name: Name<R::Input>,
    pub(super) text: String,
    /// The text read for [`TextUse::Borrow`] when it is one plain piece of
    /// the input, as its range there instead of in `text`; reset by every
    /// [`Deserializer::next`].
    pub(super) text_span: Option<(usize, usize)>,
    /// The prefix of the last `nil` attribute seen.
    pub(super) key: Vec<u8>,
    /// The last start tag was an empty element (`<X/>`), whose end tag
    /// [`Deserializer::next`] makes up.
    pub(super) empty_open: bool,
    /// The last start tag was marked nil: skipping it must find it empty
    /// (see [`Deserializer::skip_rest`]).
    pub(super) nil_open: bool,
    pub(super) strict: bool,
    pub(super) contracts: Contracts,
    /// Where the namespace of the last start tag is (see [`Deserializer::ns`]).
    pub(super) ns_at: usize,
    /// The namespace of a replayed start tag.
    pub(super) ns: Vec<u8>,
    /// Recorded events read again before the input's (see
    /// [`Deserializer::replay`]).
    pub(super) queue: std::collections::VecDeque<Recorded>,
    /// What [`Deserializer::next`] does with the text it meets before the
    /// next tag; each caller sets it.
    pub(super) text_use: TextUse,
    /// A dictionary `Value` read before its `Key`: its `nil` and its
    /// content's events, replayed once the key has been read.
    pub(super) early: Option<(bool, Vec<Recorded>)>,
}

impl<R: Source> Deserializer<R> {
    /// A deserializer reading `input` with `options`.
    pub fn new(input: R, options: &DecodeOptions) -> Self {
        let name = Name::new(input.input());
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        // `<X/>` reads like `<X></X>` (see `Deserializer::next`).
        config.expand_empty_elements = false;
        config.check_end_names = true;
        Deserializer {
            reader,
            scopes: Scopes::default(),
            buf: Vec::with_capacity(256),
            depth: 0,
            limit: element_bound(options.depth()),
            configured_limit: options.depth(),
            name,
            text: String::new(),
            text_span: None,
            key: Vec::new(),
            empty_open: false,
            nil_open: false,
            strict: options.is_strict(),
            contracts: Contracts::default(),
            ns_at: NO_NAMESPACE,
            ns: Vec::new(),
            queue: std::collections::VecDeque::new(),
            text_use: TextUse::Keep,
            early: None,
        }
    }

    /// Byte offset of the reader in the input.
    pub fn position(&self) -> u64 {
        self.reader.buffer_position()
    }

    /// Reads a whole document: prolog, the root element as a `T`, and
    /// nothing but comments and whitespace after it.
    pub fn document<'de, T: Deserialize<'de> + Describe>(&mut self) -> Result<T> {
        self.text_use = TextUse::BeforeRoot;
        let tok = self.next()?;
        self.space_before_tag()?;
        let nil = match tok {
            Tok::Start { nil } => nil,
            Tok::End => return Err(self.syntax("unexpected end tag before the root element")),
            Tok::Eof => return Err(self.syntax("no root element: the input is empty")),
        };
        if self.strict {
            let contract = contract::contract(T::TYPE);
            if self.ns() != contract.ns.as_bytes() || self.name() != contract.name.as_bytes() {
                context::fail(Category::Data);
                return Err(Error::data(format!(
                    "the root element is {} in namespace {}, expected `{}` in `{}`",
                    excerpt(&String::from_utf8_lossy(self.name())),
                    excerpt(&String::from_utf8_lossy(self.ns())),
                    contract.name,
                    contract.ns
                )));
            }
        }
        // The model's own types take the direct path; a root list keeps
        // serde's (its level is counted by the caller, `root_list_level`).
        let value = if T::PULLS && !matches!(T::TYPE, TypeInfo::List(_)) {
            let value = T::pull(self, nil)?;
            // A scalar root leaves its text in place.
            self.text.clear();
            value
        } else {
            T::deserialize(Element {
                de: self,
                nil,
                ty: Some(T::TYPE),
            })?
        };
        self.text_use = TextUse::AfterRoot;
        let tok = self.next()?;
        self.space_before_tag()?;
        match tok {
            Tok::Eof => Ok(value),
            Tok::Start { .. } | Tok::End => {
                Err(self.syntax("unexpected content after the root element"))
            }
        }
    }
}

/// The element whose start tag was just read.
pub(super) struct Element<'a, R: Source> {
    pub(super) de: &'a mut Deserializer<R>,
    pub(super) nil: bool,
    /// The element's type, when the model describes it.
    pub(super) ty: Option<&'static TypeInfo>,
}

impl<R: Source> Element<'_, R> {
    fn contract(&mut self) -> Option<&'static Contract> {
        let ty = self.ty?;
        Some(self.de.contracts.get(ty))
    }
}

/// Hands scalar text to the model. XML Schema's value types allow
/// surrounding whitespace and spell booleans `1`/`0` too, as some producers
/// do; a string is passed exactly as written.
fn scalar<'de, V: Visitor<'de>>(ty: Option<&TypeInfo>, text: &str, visitor: V) -> Result<V::Value> {
    match ty {
        Some(TypeInfo::Bool) => match trim_xml_space(text) {
            "1" => visitor.visit_bool(true),
            "0" => visitor.visit_bool(false),
            t => visitor.visit_str(t),
        },
        Some(TypeInfo::Int | TypeInfo::Double | TypeInfo::Enum(_)) => {
            visitor.visit_str(trim_xml_space(text))
        }
        _ => visitor.visit_str(text),
    }
}

/// `text` without XML's white space (space, tab, LF, CR) around it.
#[inline]
pub(super) fn trim_xml_space(text: &str) -> &str {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let bytes = text.as_bytes();
    // Values are rarely padded: two byte tests settle the common case.
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if !space(first) && !space(last) => text,
        _ => trim_padded(text),
    }
}

/// [`trim_xml_space`] of a text with white space at an end.
#[inline(never)]
fn trim_padded(text: &str) -> &str {
    text.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

impl<R: Source> Element<'_, R> {
    fn text(self) -> Result<String> {
        if self.nil {
            self.de.skip_rest()?;
            context::fail(Category::Data);
            return Err(Error::data("expected a value, found nil"));
        }
        match self.de.content()? {
            Content::Text => Ok(std::mem::take(&mut self.de.text)),
            Content::Child { .. } => {
                context::fail(Category::Data);
                Err(Error::data(format!(
                    "expected text, found the element {}",
                    excerpt(&String::from_utf8_lossy(self.de.name()))
                )))
            }
        }
    }
}

impl<'de, R: Source> de::Deserializer<'de> for Element<'_, R> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.nil {
            self.de.skip_rest()?;
            return visitor.visit_none();
        }
        match self.de.content()? {
            Content::Text => {
                let mut text = std::mem::take(&mut self.de.text);
                let result = scalar(self.ty, &text, visitor);
                text.clear();
                self.de.text = text;
                result
            }
            Content::Child { nil } => visitor.visit_map(Members {
                de: self.de,
                pending: Some(nil),
                nil: false,
                class: None,
                ty: None,
                cursor: 0,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.nil {
            self.de.skip_rest()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let de = &mut *self.de;
        let mut text = Element {
            de,
            nil: self.nil,
            ty: None,
        }
        .text()?;
        let result = visitor.visit_str(&text);
        // Keeps the allocation for the next text.
        text.clear();
        self.de.text = text;
        result
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        mut self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.nil {
            self.de.skip_rest()?;
            return visitor.visit_none();
        }
        let class = self.contract().and_then(Contract::as_class);
        visitor.visit_map(Members {
            de: self.de,
            pending: None,
            nil: false,
            class,
            ty: None,
            cursor: 0,
        })
    }

    fn deserialize_map<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        if self.nil {
            self.de.skip_rest()?;
            return visitor.visit_none();
        }
        let value = match self.contract().map(|c| &c.kind) {
            Some(Kind::Dictionary(d)) => Some(d.value),
            _ => None,
        };
        visitor.visit_map(Entries { de: self.de, value })
    }

    fn deserialize_seq<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        if self.nil {
            self.de.skip_rest()?;
            return visitor.visit_none();
        }
        let item = match self.contract().map(|c| &c.kind) {
            Some(Kind::List(l)) => Some(l.item),
            _ => None,
        };
        visitor.visit_seq(Items { de: self.de, item })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let text = self.text()?;
        visitor.visit_enum(text.into_deserializer())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.de.skip_rest()?;
        visitor.visit_unit()
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.de.skip_rest()?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
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

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
    }
}

/// A class's members: each child element that names a member of the
/// class's contract is one entry, keyed by the member's wire name; any
/// other child is skipped here (or rejected in strict mode). Without a
/// contract (a type the model does not describe) every child is an entry
/// keyed by its local name.
struct Members<'a, R: Source> {
    de: &'a mut Deserializer<R>,
    /// A child whose start tag was read while looking for text.
    pending: Option<bool>,
    nil: bool,
    class: Option<&'static ClassContract>,
    /// The type of the member whose key was just read.
    ty: Option<&'static TypeInfo>,
    /// Where in XML order the next member probably is.
    cursor: usize,
}

/// What a child element of a class names.
pub(super) enum Named {
    /// A member, in its namespace: its index in the contract's `members`.
    Member(usize),
    /// A member's name in another namespace: not that member.
    ElsewhereThan(&'static MemberContract),
    /// Nothing the class declares.
    Unknown,
}

impl<R: Source> Deserializer<R> {
    /// The member the current element names: the exact C# name first (in
    /// the order DataContractSerializer writes them, from `cursor`, so
    /// usually the first comparison), then in any case, as the model
    /// matches names; either way in the member's namespace.
    pub(super) fn find_member(&self, class: &'static ClassContract, cursor: &mut usize) -> Named {
        let name = self.name();
        let order = &class.xml_order;
        let n = order.len();
        let mut elsewhere = None;
        // From the cursor round to it again, without a division per step.
        let mut at = (*cursor).min(n);
        for _ in 0..n {
            if at == n {
                at = 0;
            }
            let index = order[at];
            at += 1;
            let m = &class.members[index];
            if same_text(m.name.as_bytes(), name) {
                if self.ns_is(m.ns) {
                    *cursor = at;
                    return Named::Member(index);
                }
                elsewhere.get_or_insert(m);
            }
        }
        for (index, m) in class.members.iter().enumerate() {
            if m.name.as_bytes().eq_ignore_ascii_case(name) {
                if self.ns_is(m.ns) {
                    return Named::Member(index);
                }
                elsewhere.get_or_insert(m);
            }
        }
        match elsewhere {
            Some(m) => Named::ElsewhereThan(m),
            None => Named::Unknown,
        }
    }

    /// What to do with the current element, a child of `class`: `Some` of
    /// the member it names, `None` once it has been skipped (it names no
    /// member); an error in strict mode.
    #[inline]
    pub(super) fn member_or_skip(
        &mut self,
        class: &'static ClassContract,
        cursor: &mut usize,
    ) -> Result<Option<usize>> {
        // The member expected next in XML order, by its exact name: what
        // DataContractSerializer's output always holds.
        let order = &class.xml_order;
        let at = if *cursor < order.len() { *cursor } else { 0 };
        if let Some(&index) = order.get(at) {
            let m = &class.members[index];
            if same_text(m.name.as_bytes(), self.name()) && self.ns_is(m.ns) {
                *cursor = at + 1;
                return Ok(Some(index));
            }
        }
        self.member_or_skip_searching(class, cursor)
    }

    /// [`Deserializer::member_or_skip`] for any other element: searched for
    /// among all members, skipped or refused.
    #[inline(never)]
    fn member_or_skip_searching(
        &mut self,
        class: &'static ClassContract,
        cursor: &mut usize,
    ) -> Result<Option<usize>> {
        match self.find_member(class, cursor) {
            Named::Member(index) => Ok(Some(index)),
            // DataContractSerializer ignores such an element; so does
            // lenient mode, by a loop rather than through the model.
            Named::ElsewhereThan(m) if self.strict => {
                context::fail(Category::Data);
                Err(Error::data(format!(
                    "member `{}` in namespace {}, expected `{}`",
                    m.name,
                    excerpt(&String::from_utf8_lossy(self.ns())),
                    m.ns
                )))
            }
            Named::Unknown if self.strict => {
                context::fail(Category::Data);
                Err(Error::data(format!(
                    "unknown member {} in {}",
                    excerpt(&String::from_utf8_lossy(self.name())),
                    class.class.name
                )))
            }
            // The model never sees what the contract does not name, so an
            // unknown element of any depth is skipped by a loop.
            Named::ElsewhereThan(_) | Named::Unknown => {
                self.skip_rest()?;
                Ok(None)
            }
        }
    }
}

impl<'de, R: Source> de::MapAccess<'de> for Members<'_, R> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        loop {
            let nil = match self.pending.take() {
                Some(nil) => nil,
                None => match self.de.next_child()? {
                    Some(nil) => nil,
                    None => return Ok(None),
                },
            };
            self.nil = nil;
            self.ty = None;
            let Some(class) = self.class else {
                let name = std::str::from_utf8(self.de.name()).unwrap_or_default();
                return seed.deserialize(Key(name)).map(Some);
            };
            if let Some(index) = self.de.member_or_skip(class, &mut self.cursor)? {
                let m = &class.members[index];
                self.ty = Some(m.ty);
                // The wire name is the model's fastest match.
                return seed.deserialize(Key(m.info.json_name)).map(Some);
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(Element {
            de: &mut *self.de,
            nil: self.nil,
            ty: self.ty,
        })
    }
}

/// A dictionary's `KeyValueOf…` entries, each with a `Key` and a `Value`
/// (the protocol is in `pull.rs`, shared with the direct path).
struct Entries<'a, R: Source> {
    de: &'a mut Deserializer<R>,
    value: Option<&'static TypeInfo>,
}

impl<'de, R: Source> de::MapAccess<'de> for Entries<'_, R> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(nil) = self.de.entry_key()? else {
            return Ok(None);
        };
        seed.deserialize(Element {
            de: &mut *self.de,
            nil,
            ty: Some(&TypeInfo::String),
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let nil = self.de.entry_value_start()?;
        let value = seed.deserialize(Element {
            de: &mut *self.de,
            nil,
            ty: self.value,
        })?;
        self.de.entry_rest()?;
        Ok(value)
    }
}

/// A list's items: each child element is one item, whatever its name.
struct Items<'a, R: Source> {
    de: &'a mut Deserializer<R>,
    item: Option<&'static TypeInfo>,
}

impl<'de, R: Source> de::SeqAccess<'de> for Items<'_, R> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.de.next_child()? {
            Some(nil) => seed
                .deserialize(Element {
                    de: &mut *self.de,
                    nil,
                    ty: self.item,
                })
                .map(Some),
            None => Ok(None),
        }
    }
}

/// A member name.
struct Key<'a>(&'a str);

impl<'de> de::Deserializer<'de> for Key<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
