//! The JSV reader: a serde `Deserializer` over bytes.
//!
//! JSV carries no types: a bare token is just text, so the target type
//! decides what it means. `deserialize_any` hands bare text over as a string
//! (the model's visitors parse it; `null` is unit), while `deserialize_i32`,
//! `deserialize_bool`, … parse the token themselves for other types.

use std::borrow::Cow;

use serde::de::{self, IntoDeserializer, Visitor};

use super::access::{EnumAccess, MapAccess, SeqAccess};
use super::read::{is_plain, Reader, Scalar};
use crate::context;
use crate::error::{excerpt, Category, Error, Result};
use crate::model::field::NULL_STRING;

/// Reads JSV from a byte slice, borrowing bare and undoubled quoted strings.
///
/// ```
/// use serde::Deserialize;
/// use evovoice_codec::jsv::Deserializer;
///
/// #[derive(Deserialize)]
/// struct Point<'a> { x: i32, label: &'a str }
///
/// let mut de = Deserializer::from_str("{x:3,label:top left}");
/// let p = Point::deserialize(&mut de)?;
/// de.end()?;
/// assert_eq!((p.x, p.label), (3, "top left"));
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
pub struct Deserializer<'de> {
    pub(crate) read: Reader<'de>,
    depth: usize,
    limit: usize,
    /// The value being read is a list item (or the root), where a bare
    /// `null` means null; as a map value it is the text "null".
    pub(super) in_list: bool,
    /// Start of the last token read, where a data error is reported.
    pub(crate) token_start: usize,
    /// The input is a value cut out of a map (a part of a CSV dictionary
    /// cell), so empty or blank input is that text, as inside the map, and
    /// not a missing document.
    blank_is_text: bool,
}

pub(crate) fn parse_err(what: &str, text: &str) -> Error {
    context::fail(Category::Data);
    Error::data(format!("expected {what}, found {}", excerpt(text)))
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let text = self.number_text()?;
            match text.parse::<$ty>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(parse_err(stringify!($ty), &text)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> {
    /// A deserializer over `input`, with the default depth limit.
    pub fn from_slice(input: &'de [u8]) -> Self {
        Self::with_limit(input, Some(crate::DEFAULT_DEPTH_LIMIT))
    }

    /// A deserializer over `input`, with the default depth limit.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(input: &'de str) -> Self {
        Self::from_slice(input.as_bytes())
    }

    pub(crate) fn with_limit(input: &'de [u8], limit: Option<usize>) -> Self {
        Deserializer {
            read: Reader::new(input),
            depth: 0,
            limit: limit.unwrap_or(usize::MAX),
            in_list: true,
            token_start: 0,
            blank_is_text: false,
        }
    }

    /// A deserializer over a value cut out of a map: see `blank_is_text`.
    pub(crate) fn for_map_part(input: &'de [u8], limit: Option<usize>) -> Self {
        Deserializer {
            blank_is_text: true,
            ..Self::with_limit(input, limit)
        }
    }

    /// An item of a list of nullable strings, as ServiceStack reads one:
    /// nothing before the next `,` or `]` is null; anything else, the word
    /// `null` too, is the string it spells.
    fn nullable_string_item<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        // White space is text in compact JSV (`[a, ,b]` holds " "), layout
        // in the pretty one.
        let next = if self.read.layout {
            self.read.peek_no_skip()
        } else {
            self.read.input.get(self.read.pos).copied()
        };
        match next {
            None | Some(b',' | b']' | b'}') => visitor.visit_none(),
            Some(b'{' | b'[') => visitor.visit_newtype_struct(self),
            Some(_) => match self.scalar(false)? {
                Scalar::Bare(s) => visitor.visit_borrowed_str(s),
                s => self.visit_scalar(s, visitor),
            },
        }
    }

    /// Checks that only whitespace follows the value.
    pub fn end(&mut self) -> Result<()> {
        if self.read.at_end()? {
            Ok(())
        } else {
            Err(self.read.unexpected("the end of input"))
        }
    }

    // Our own count, besides the model's: types of other crates must not
    // recurse without a bound either. Both count the same containers.
    #[inline]
    fn enter(&mut self) -> Result<()> {
        if self.depth >= self.limit {
            context::fail(Category::Depth);
            let offset = self.read.pos;
            return Err(Error::depth(self.limit).with_position(self.read.position(offset)));
        }
        self.depth += 1;
        Ok(())
    }

    /// True when a bare token starts right at the cursor (the common case
    /// in compact JSV), which then needs none of the slower checks.
    #[inline]
    fn plain_next(&mut self) -> bool {
        let pos = self.read.pos;
        let plain = self.read.input.get(pos).is_some_and(|&b| is_plain(b));
        if plain {
            self.token_start = pos;
        }
        plain
    }

    fn scalar(&mut self, trim: bool) -> Result<Scalar<'de>> {
        self.token_start = self.read.skip_ws_from(self.read.pos);
        self.read.scalar(trim || self.read.layout)
    }

    /// The text of a token meant as a number or bool (whitespace trimmed).
    fn number_text(&mut self) -> Result<Cow<'de, str>> {
        self.check_scalar("a value")?;
        Ok(match self.scalar(true)? {
            Scalar::Bare(s) => Cow::Borrowed(s),
            Scalar::Quoted(s) => s,
        })
    }

    /// Fails on a structure where a scalar is expected, and at the end of
    /// input (JSV has no empty document).
    fn check_scalar(&mut self, what: &str) -> Result<()> {
        match self.read.peek_no_skip() {
            Some(b'{' | b'[') => {
                let at = self.read.skip_ws_from(self.read.pos);
                self.token_start = at;
                context::fail(Category::Data);
                Err(Error::data(format!("expected {what}, found a map or list"))
                    .with_position(self.read.position(at)))
            }
            None if self.depth == 0 && !self.blank_is_text => Err(self.read.unexpected(what)),
            _ => Ok(()),
        }
    }

    /// Another kind of value where a list or map is expected: well-formed
    /// JSV of the wrong type, so the visitor reports it (a data error);
    /// only running out of input is a syntax error.
    fn mismatch<V: Visitor<'de>>(&mut self, visitor: V, expected: &str) -> Result<V::Value> {
        if self.read.peek_no_skip().is_none() {
            return Err(self.read.unexpected(expected));
        }
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn visit_scalar<V: Visitor<'de>>(&mut self, s: Scalar<'de>, visitor: V) -> Result<V::Value> {
        match s {
            Scalar::Bare(s) => visitor.visit_borrowed_str(s),
            Scalar::Quoted(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Scalar::Quoted(Cow::Owned(s)) => visitor.visit_string(s),
        }
    }

    fn map<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.enter()?;
        self.read.pos += 1;
        let mut access = MapAccess {
            de: self,
            first: true,
            done: false,
        };
        // The result goes back as it came, not unpacked and rebuilt: a
        // large DTO is then not copied once more on its way up.
        let result = visitor.visit_map(&mut access);
        if result.is_ok() && !access.done {
            // The visitor stopped before the end: the map must end here.
            access.de.read.expect(b'}', "`}` closing the map")?;
        }
        self.depth -= 1;
        result
    }

    fn seq<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.enter()?;
        self.read.pos += 1;
        let mut access = SeqAccess {
            de: self,
            first: true,
            done: false,
        };
        // The result goes back as it came, not unpacked and rebuilt: a
        // large DTO is then not copied once more on its way up.
        let result = visitor.visit_seq(&mut access);
        if result.is_ok() && !access.done {
            // The visitor stopped early (a tuple): the list must end here.
            access.de.read.expect(b']', "`]` closing the list")?;
        }
        self.depth -= 1;
        result
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let start = self.read.pos;
        if let Some(text) = self.read.plain_value() {
            self.token_start = start;
            return match text {
                "null" => visitor.visit_unit(),
                text => visitor.visit_borrowed_str(text),
            };
        }
        if self.plain_next() {
            return match self.read.scalar(true)? {
                Scalar::Bare("null") => visitor.visit_unit(),
                s => self.visit_scalar(s, visitor),
            };
        }
        match self.read.peek_no_skip() {
            Some(b'{') => {
                self.read.peek();
                self.map(visitor)
            }
            Some(b'[') => {
                self.read.peek();
                self.seq(visitor)
            }
            _ => {
                self.check_scalar("a value")?;
                match self.scalar(true)? {
                    Scalar::Bare("null") => visitor.visit_unit(),
                    s => self.visit_scalar(s, visitor),
                }
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let text = self.number_text()?;
        if text.eq_ignore_ascii_case("true") {
            visitor.visit_bool(true)
        } else if text.eq_ignore_ascii_case("false") {
            visitor.visit_bool(false)
        } else {
            Err(parse_err("a boolean", &text))
        }
    }

    parse_number! {
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
        let text = self.number_text()?;
        match crate::number::parse_f64(&text) {
            Some(v) => visitor.visit_f32(v as f32),
            None => Err(parse_err("a number", &text)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let text = self.number_text()?;
        match crate::number::parse_f64(&text) {
            Some(v) => visitor.visit_f64(v),
            None => Err(parse_err("a number", &text)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let start = self.read.pos;
        if let Some(text) = self.read.plain_value() {
            self.token_start = start;
            return visitor.visit_borrowed_str(text);
        }
        if self.read.input.get(start) == Some(&b'"') {
            self.token_start = start;
            let s = self.read.quoted()?;
            return self.visit_scalar(Scalar::Quoted(s), visitor);
        }
        if self.plain_next() {
            let s = self.read.scalar(self.read.layout)?;
            return self.visit_scalar(s, visitor);
        }
        match self.read.peek_no_skip() {
            Some(b'{' | b'[') => self.deserialize_any(visitor),
            _ => {
                self.check_scalar("a string")?;
                let s = self.scalar(false)?;
                self.visit_scalar(s, visitor)
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    // Inlined: for a map value it is only `visit_some`, and a call per
    // nullable member is a noticeable part of reading a DTO.
    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.in_list {
            let save = self.read.pos;
            if !matches!(self.read.peek_no_skip(), Some(b'{' | b'[' | b'"') | None) {
                if let Scalar::Bare("null") = self.scalar(true)? {
                    return visitor.visit_none();
                }
                self.read.pos = save;
            }
        }
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.check_scalar("null")?;
        match self.scalar(true)? {
            Scalar::Bare("null" | "") => visitor.visit_unit(),
            Scalar::Bare(s) => Err(parse_err("null", s)),
            Scalar::Quoted(s) => Err(parse_err("null", &s)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if std::ptr::eq(name, NULL_STRING) || name == NULL_STRING {
            return self.nullable_string_item(visitor);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.read.input.get(self.read.pos) == Some(&b'[') {
            return self.seq(visitor);
        }
        match self.read.peek_no_skip() {
            Some(b'[') => {
                self.read.peek();
                self.seq(visitor)
            }
            _ => self.mismatch(visitor, "`[` starting a list"),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.read.input.get(self.read.pos) == Some(&b'{') {
            return self.map(visitor);
        }
        match self.read.peek_no_skip() {
            Some(b'{') => {
                self.read.peek();
                self.map(visitor)
            }
            _ => self.mismatch(visitor, "`{` starting a map"),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.read.peek_no_skip() {
            Some(b'{') => {
                self.read.peek();
                self.enter()?;
                self.read.pos += 1;
                let value = visitor.visit_enum(EnumAccess { de: self })?;
                self.read.expect(b'}', "`}` closing the enum variant")?;
                self.depth -= 1;
                Ok(value)
            }
            _ => {
                self.check_scalar("an enum variant")?;
                let name = match self.scalar(true)? {
                    Scalar::Bare(s) => Cow::Borrowed(s),
                    Scalar::Quoted(s) => s,
                };
                visitor.visit_enum(name.into_deserializer())
            }
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.check_scalar("a name")?;
        let s = self.scalar(true)?;
        self.visit_scalar(s, visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }
}
