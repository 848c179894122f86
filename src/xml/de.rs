//! The decoder: a serde `Deserializer` streaming over quick-xml events.
//!
//! Nothing is buffered beyond the current element's name and text: an
//! element's children are handed to the model as map entries (class
//! members, keyed by local name), sequence items (list items) or
//! `KeyValueOf…` entries (dictionaries), and its text as a string, which the
//! model's tolerant scalar readers parse. Every element counts one level
//! against the depth limit, whatever type reads it, and skipping is a loop,
//! never a recursion, so no input can exhaust the stack.

use std::io::{BufReader, Read};

use quick_xml::events::Event;
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Deserialize;

use super::contract::{self, ClassContract, Contract, Contracts, Kind, MemberContract, XSI_NS};
use crate::context::{self, Session};
use crate::error::{Category, Error, Position, Result};
use crate::model::{Describe, TypeInfo};
use crate::options::DecodeOptions;

/// quick-xml counts namespace scopes in a `u16`; stay below it even when
/// the caller turns the depth limit off.
const HARD_DEPTH_LIMIT: usize = u16::MAX as usize - 1;

/// Where the decoder reads from: a byte slice (events borrow it, no copy)
/// or a buffered reader (events are copied into a buffer).
pub trait Source: Sized {
    /// Reads the next event.
    fn read<'s>(
        reader: &'s mut NsReader<Self>,
        buf: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>>;
}

impl<'a> Source for &'a [u8] {
    fn read<'s>(
        reader: &'s mut NsReader<&'a [u8]>,
        _: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>> {
        reader.read_event()
    }
}

impl<R: Read> Source for BufReader<R> {
    fn read<'s>(
        reader: &'s mut NsReader<BufReader<R>>,
        buf: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>> {
        reader.read_event_into(buf)
    }
}

fn contains_nil(raw: &[u8]) -> bool {
    raw.windows(3).any(|w| w == b"nil")
}

/// What the next event means to the decoder.
enum Tok {
    /// A start tag; its local name is in `name`.
    Start { nil: bool },
    /// The end of the current element.
    End,
    /// Character data, appended to `text`.
    Text,
    /// The end of the input.
    Eof,
}

/// Reads DataContract XML (or any reasonable producer's XML of the same
/// data) into serde values.
pub struct Deserializer<R: Source> {
    reader: NsReader<R>,
    buf: Vec<u8>,
    depth: usize,
    limit: usize,
    configured_limit: Option<usize>,
    name: String,
    text: String,
    /// The qualified name of the last `nil` attribute seen.
    key: Vec<u8>,
    strict: bool,
    contracts: Contracts,
    /// In strict mode, the namespace of the last start tag.
    ns: Vec<u8>,
    /// In strict mode, the qualified name of the last start tag.
    qname: Vec<u8>,
}

impl<R: Source> Deserializer<R> {
    /// A deserializer reading `input` with `options`.
    pub fn new(input: R, options: &DecodeOptions) -> Self {
        let mut reader = NsReader::from_reader(input);
        let config = reader.config_mut();
        // `<X/>` then reads like `<X></X>`: one code path for both.
        config.expand_empty_elements = true;
        config.check_end_names = true;
        Deserializer {
            reader,
            buf: Vec::with_capacity(256),
            depth: 0,
            limit: options
                .depth()
                .unwrap_or(HARD_DEPTH_LIMIT)
                .min(HARD_DEPTH_LIMIT),
            configured_limit: options.depth(),
            name: String::new(),
            text: String::new(),
            key: Vec::new(),
            strict: options.is_strict(),
            contracts: Contracts::default(),
            ns: Vec::new(),
            qname: Vec::new(),
        }
    }

    /// Byte offset of the reader in the input.
    pub fn position(&self) -> u64 {
        self.reader.buffer_position()
    }

    /// Reads a whole document: prolog, the root element as a `T`, and
    /// nothing but comments and whitespace after it.
    pub fn document<'de, T: Deserialize<'de> + Describe>(&mut self) -> Result<T> {
        let nil = loop {
            match self.next()? {
                Tok::Start { nil } => break nil,
                Tok::Text => self.whitespace_only("before the root element")?,
                Tok::End => return Err(self.syntax("unexpected end tag before the root element")),
                Tok::Eof => return Err(self.syntax("no root element: the input is empty")),
            }
        };
        if self.strict {
            let contract = contract::contract(T::TYPE);
            if self.ns != contract.ns.as_bytes() || self.name != contract.name {
                context::fail(Category::Data);
                return Err(Error::data(format!(
                    "the root element is `{}` in namespace `{}`, expected `{}` in `{}`",
                    self.name,
                    String::from_utf8_lossy(&self.ns),
                    contract.name,
                    contract.ns
                )));
            }
        }
        let value = T::deserialize(Element {
            de: self,
            nil,
            ty: Some(T::TYPE),
        })?;
        loop {
            match self.next()? {
                Tok::Eof => return Ok(value),
                Tok::Text => self.whitespace_only("after the root element")?,
                Tok::Start { .. } | Tok::End => {
                    return Err(self.syntax("unexpected content after the root element"))
                }
            }
        }
    }

    fn syntax(&self, message: impl Into<String>) -> Error {
        context::fail(Category::Syntax);
        Error::new(Category::Syntax, message)
    }

    fn whitespace_only(&mut self, place: &str) -> Result<()> {
        let only_space = self.text.bytes().all(|b| b.is_ascii_whitespace());
        self.text.clear();
        if only_space {
            Ok(())
        } else {
            Err(self.syntax(format!("unexpected text {place}")))
        }
    }

    fn next(&mut self) -> Result<Tok> {
        loop {
            self.buf.clear();
            // The event borrows the reader; what is needed from it is copied
            // out before the namespace resolver (also the reader's) is asked.
            let mut nil_key: Option<bool> = None;
            let event = match R::read(&mut self.reader, &mut self.buf) {
                Ok(e) => e,
                Err(e) => {
                    context::fail(Category::Syntax);
                    return Err(Error::new(Category::Syntax, e.to_string()).with_position(
                        Position {
                            offset: Some(self.reader.error_position()),
                            line: 0,
                            column: 0,
                        },
                    ));
                }
            };
            match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > self.limit {
                        context::fail(Category::Depth);
                        let limit = self.configured_limit.unwrap_or(self.limit);
                        return Err(Error::depth(limit));
                    }
                    let local = e.local_name();
                    let Ok(local) = std::str::from_utf8(local.as_ref()) else {
                        return Err(self.syntax("an element name is not valid UTF-8"));
                    };
                    self.name.clear();
                    self.name.push_str(local);
                    if self.strict {
                        self.qname.clear();
                        self.qname.extend_from_slice(e.name().as_ref());
                    }
                    // Most elements carry no `nil`: skip parsing their attributes.
                    if contains_nil(e.attributes_raw()) {
                        for attr in e.attributes() {
                            let attr = match attr {
                                Ok(a) => a,
                                Err(err) => return Err(self.syntax(err.to_string())),
                            };
                            if attr.key.local_name().as_ref() == b"nil" {
                                let value = attr.value.as_ref();
                                self.key.clear();
                                self.key.extend_from_slice(attr.key.as_ref());
                                nil_key = Some(value == b"true" || value == b"1");
                            }
                        }
                    }
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(Tok::End);
                }
                Event::Empty(_) => {
                    // Not produced with `expand_empty_elements`.
                    return Err(self.syntax("unexpected empty element event"));
                }
                Event::Text(e) => match e.xml10_content() {
                    Ok(s) => {
                        self.text.push_str(&s);
                        return Ok(Tok::Text);
                    }
                    Err(err) => return Err(self.syntax(format!("invalid text: {err}"))),
                },
                Event::CData(e) => match e.xml10_content() {
                    Ok(s) => {
                        self.text.push_str(&s);
                        return Ok(Tok::Text);
                    }
                    Err(err) => return Err(self.syntax(format!("invalid CDATA: {err}"))),
                },
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => self.text.push(c),
                            Ok(None) | Err(_) => {
                                let raw = String::from_utf8_lossy(&r).into_owned();
                                return Err(
                                    self.syntax(format!("invalid character reference `&{raw};`"))
                                );
                            }
                        }
                    } else {
                        let name = std::str::from_utf8(&r).unwrap_or("");
                        match quick_xml::escape::resolve_predefined_entity(name) {
                            Some(s) => self.text.push_str(s),
                            None => {
                                let raw = String::from_utf8_lossy(&r).into_owned();
                                return Err(self.syntax(format!("unknown entity `&{raw};`")));
                            }
                        }
                    }
                    return Ok(Tok::Text);
                }
                Event::Eof => return Ok(Tok::Eof),
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => continue,
            }
            // A start tag.
            if self.strict {
                self.ns.clear();
                if let ResolveResult::Bound(ns) =
                    self.reader.resolver().resolve_element(QName(&self.qname)).0
                {
                    self.ns.extend_from_slice(ns.as_ref());
                }
            }
            let nil = match nil_key {
                None => false,
                Some(value) => {
                    let xsi = match self.reader.resolver().resolve_attribute(QName(&self.key)).0 {
                        ResolveResult::Bound(ns) => ns.as_ref() == XSI_NS.as_bytes(),
                        // A fragment that forgot `xmlns:i` still means nil.
                        ResolveResult::Unknown(_) => true,
                        ResolveResult::Unbound => false,
                    };
                    xsi && value
                }
            };
            return Ok(Tok::Start { nil });
        }
    }

    fn unexpected_eof(&self) -> Error {
        self.syntax("unexpected end of input inside an element")
    }

    /// Consumes the rest of the current element, children included, with a
    /// counter instead of recursion.
    fn skip_rest(&mut self) -> Result<()> {
        let mut open = 1usize;
        loop {
            match self.next()? {
                Tok::Start { .. } => open += 1,
                Tok::End => {
                    open -= 1;
                    if open == 0 {
                        self.text.clear();
                        return Ok(());
                    }
                }
                Tok::Text => self.text.clear(),
                Tok::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// Reads the current element's text up to its end tag. `Err(nil)` of a
    /// child means the element holds elements instead; that child's start
    /// has been read.
    fn content(&mut self) -> Result<Content> {
        self.text.clear();
        loop {
            match self.next()? {
                Tok::Text => {}
                Tok::End => return Ok(Content::Text),
                Tok::Start { nil } => {
                    self.whitespace_only("before an element")?;
                    return Ok(Content::Child { nil });
                }
                Tok::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// Moves to the next child element of the current one: `Some(nil)` with
    /// its start read, `None` at the current element's end tag.
    fn next_child(&mut self) -> Result<Option<bool>> {
        loop {
            match self.next()? {
                Tok::Start { nil } => return Ok(Some(nil)),
                Tok::End => return Ok(None),
                Tok::Text => self.whitespace_only("between elements")?,
                Tok::Eof => return Err(self.unexpected_eof()),
            }
        }
    }
}

enum Content {
    Text,
    Child { nil: bool },
}

/// Turns a decoding failure into the crate's error: the category recorded
/// by the code that raised it, a position and the member path.
pub(crate) fn finish_error(
    e: Error,
    session: &Session,
    input: Option<&[u8]>,
    offset: u64,
) -> Error {
    let category = session.failure().unwrap_or(e.category());
    let position = e.position().unwrap_or(Position {
        offset: Some(offset),
        line: 0,
        column: 0,
    });
    let position = match (input, position.offset) {
        (Some(bytes), Some(offset)) if position.line == 0 => {
            Position::from_offset(bytes, usize::try_from(offset).unwrap_or(usize::MAX))
        }
        _ => position,
    };
    e.with_category(category)
        .with_position(position)
        .with_path(session.take_path())
}

/// The element whose start tag was just read.
struct Element<'a, R: Source> {
    de: &'a mut Deserializer<R>,
    nil: bool,
    /// The element's type, when the model describes it.
    ty: Option<&'static TypeInfo>,
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
        Some(TypeInfo::Bool) => match text.trim_matches(XML_SPACE) {
            "1" => visitor.visit_bool(true),
            "0" => visitor.visit_bool(false),
            t => visitor.visit_str(t),
        },
        Some(TypeInfo::Int | TypeInfo::Double | TypeInfo::Enum(_)) => {
            visitor.visit_str(text.trim_matches(XML_SPACE))
        }
        _ => visitor.visit_str(text),
    }
}

const XML_SPACE: &[char] = &[' ', '\t', '\n', '\r'];

/// True when `V` is the model's skipping visitor: then the element is
/// consumed by a loop instead of being handed over level by level.
fn is_skip<V>() -> bool {
    std::any::type_name::<V>() == std::any::type_name::<crate::model::field::Skip>()
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
                    "expected text, found the element `{}`",
                    self.de.name
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
        if is_skip::<V>() {
            self.de.skip_rest()?;
            return visitor.visit_unit();
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

/// A class's members: each child element is one entry, keyed by its local
/// name (the model matches names case-insensitively).
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

impl<R: Source> Members<'_, R> {
    /// The member named like the current element: exact C# name first (in
    /// the order DataContractSerializer writes them, so usually the first
    /// comparison), then in any case, as the model matches names.
    fn find(&mut self) -> Option<&'static MemberContract> {
        let class = self.class?;
        let name = self.de.name.as_str();
        let order = &class.xml_order;
        let n = order.len();
        for step in 0..n {
            let index = order[(self.cursor + step) % n];
            if class.members[index].name == name {
                self.cursor = (self.cursor + step + 1) % n;
                return Some(&class.members[index]);
            }
        }
        class
            .members
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(name))
    }
}

impl<'de, R: Source> de::MapAccess<'de> for Members<'_, R> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let nil = match self.pending.take() {
            Some(nil) => nil,
            None => match self.de.next_child()? {
                Some(nil) => nil,
                None => return Ok(None),
            },
        };
        self.nil = nil;
        let member = self.find();
        self.ty = member.map(|m| m.ty);
        match member {
            Some(m) => {
                if self.de.strict && self.de.ns != m.ns.as_bytes() {
                    context::fail(Category::Data);
                    return Err(Error::data(format!(
                        "member `{}` in namespace `{}`, expected `{}`",
                        m.name,
                        String::from_utf8_lossy(&self.de.ns),
                        m.ns
                    )));
                }
                // The wire name is the model's fastest match.
                seed.deserialize(Key(m.info.json_name)).map(Some)
            }
            None => seed.deserialize(Key(&self.de.name)).map(Some),
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

/// A dictionary's `KeyValueOf…` entries, each with a `Key` and a `Value`.
struct Entries<'a, R: Source> {
    de: &'a mut Deserializer<R>,
    value: Option<&'static TypeInfo>,
}

impl<R: Source> Entries<'_, R> {
    /// Moves to the child `Key` or `Value` of the current entry.
    fn part(&mut self, want: &str) -> Result<bool> {
        match self.de.next_child()? {
            Some(nil) if self.de.name.eq_ignore_ascii_case(want) => Ok(nil),
            Some(_) => {
                context::fail(Category::Data);
                Err(Error::data(format!(
                    "expected `{want}` in a dictionary entry, found `{}`",
                    self.de.name
                )))
            }
            None => {
                context::fail(Category::Data);
                Err(Error::data(format!("a dictionary entry has no `{want}`")))
            }
        }
    }
}

impl<'de, R: Source> de::MapAccess<'de> for Entries<'_, R> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.de.next_child()?.is_none() {
            return Ok(None);
        }
        let nil = self.part("Key")?;
        seed.deserialize(Element {
            de: &mut *self.de,
            nil,
            ty: Some(&TypeInfo::String),
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let nil = self.part("Value")?;
        let value = seed.deserialize(Element {
            de: &mut *self.de,
            nil,
            ty: self.value,
        })?;
        // The entry's end tag; anything else in the entry is skipped.
        while self.de.next_child()?.is_some() {
            self.de.skip_rest()?;
        }
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
