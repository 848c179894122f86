//! The decoder's event layer: quick-xml events turned into what the
//! serde layer (`de`) needs: start tags (local name, `i:nil`), text with
//! references resolved, end tags, with the depth counted on every element
//! and skipping done by a loop.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesCData, BytesRef, BytesStart, Event};

use super::attrs::{
    attribute, attribute_value, is_xml_char, nil_only, refused_declaration, undeclared_prefix,
    MAX_SIMPLE,
};
use super::de::Deserializer;
use super::scopes::{prefix_key, split_qname, Scopes};
pub use super::source::{Name, Source};
use crate::context::{self, Session};
use crate::error::{excerpt, Category, Error, Position, Result};

/// A ceiling on element nesting even when the caller turns the depth limit
/// off.
pub(super) const HARD_DEPTH_LIMIT: usize = u16::MAX as usize - 1;

/// Checks raw text for what XML 1.0 forbids (C0 controls other than tab,
/// LF and CR, U+FFFE and U+FFFF, invalid UTF-8) and appends it to `text`
/// with line ends normalized (CRLF and CR read as LF), in one pass over
/// the bytes in the common case.
fn push_text(text: &mut String, raw: &[u8]) -> std::result::Result<(), &'static str> {
    if plain_ascii(raw) {
        // SAFETY: bytes below 0x80 are ASCII, which is UTF-8.
        text.push_str(unsafe { std::str::from_utf8_unchecked(raw) });
        return Ok(());
    }
    let mut carriage_return = false;
    for &b in raw {
        if b < 0x20 {
            match b {
                b'\r' => carriage_return = true,
                b'\t' | b'\n' => {}
                _ => return Err("a control character XML 1.0 does not allow in text"),
            }
        }
    }
    let s = std::str::from_utf8(raw).map_err(|_| "text is not valid UTF-8")?;
    if has_nonchar(raw) {
        return Err("U+FFFE or U+FFFF, which XML 1.0 does not allow, in text");
    }
    if !carriage_return {
        text.push_str(s);
        return Ok(());
    }
    let mut rest = s;
    while let Some(at) = rest.find('\r') {
        text.push_str(&rest[..at]);
        text.push('\n');
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    text.push_str(rest);
    Ok(())
}

/// True when every byte is printable ASCII (0x20 to 0x7F): text that needs
/// no check, no line-end rewrite and no UTF-8 validation. Eight bytes at a
/// step: a byte below 0x80 plus 0x60 reaches bit 7 exactly when it is 0x20
/// or more, without carrying into the next byte.
#[inline]
fn plain_ascii(raw: &[u8]) -> bool {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const LIFT: u64 = 0x6060_6060_6060_6060;
    let bad_in = |w: u64| w | !w.wrapping_add(LIFT);
    if raw.len() < 8 {
        // Padded with spaces, which pass.
        let w = match (raw.first_chunk::<4>(), raw.last_chunk::<4>()) {
            // Two overlapping halves (overlapping bytes or into themselves).
            (Some(low), Some(high)) => {
                u64::from(u32::from_le_bytes(*low))
                    | u64::from(u32::from_le_bytes(*high)) << ((raw.len() - 4) * 8)
                    | 0x2020_2020_2020_2020u64 << (raw.len() * 8)
            }
            _ => raw
                .iter()
                .fold(0x2020_2020_2020_2020u64, |w, &b| (w << 8) | u64::from(b)),
        };
        return bad_in(w) & HIGHS == 0;
    }
    let mut words = raw.chunks_exact(8);
    let mut bad = 0u64;
    for word in &mut words {
        bad |= bad_in(u64::from_le_bytes(word.try_into().expect("8 bytes")));
    }
    // The last 8 bytes, overlapping some already checked.
    let last = raw.last_chunk::<8>().expect("8 bytes or more");
    bad |= bad_in(u64::from_le_bytes(*last));
    bad & HIGHS == 0
}

/// [`Deserializer::unborrow_text`] on the fields it needs, for use while
/// an event borrows the reader.
#[inline]
fn unborrow(text: &mut String, span: &mut Option<(usize, usize)>, input: &[u8]) {
    if let Some((start, end)) = span.take() {
        // SAFETY: a span is kept only of plain ASCII (`plain_ascii`).
        text.push_str(unsafe { std::str::from_utf8_unchecked(&input[start..end]) });
    }
}

/// Appends a CDATA section's text (line ends normalized, controls refused).
#[cold]
#[inline(never)]
fn cdata(text: &mut String, e: &BytesCData<'_>) -> std::result::Result<(), String> {
    if has_control(e) || has_nonchar(e) {
        return Err("a character XML 1.0 does not allow in CDATA".into());
    }
    let s = e
        .xml10_content()
        .map_err(|err| format!("invalid CDATA: {err}"))?;
    text.push_str(&s);
    Ok(())
}

/// Appends what a character or predefined entity reference stands for.
#[inline(never)]
fn reference(text: &mut String, r: &BytesRef<'_>) -> std::result::Result<(), String> {
    if r.is_char_ref() {
        match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => text.push(c),
            Ok(_) | Err(_) => {
                let raw = format!("&{};", String::from_utf8_lossy(r));
                return Err(format!("invalid character reference {}", excerpt(&raw)));
            }
        }
    } else {
        let name = std::str::from_utf8(r).unwrap_or("");
        match quick_xml::escape::resolve_predefined_entity(name) {
            Some(s) => text.push_str(s),
            None => {
                let raw = format!("&{};", String::from_utf8_lossy(r));
                return Err(format!("unknown entity {}", excerpt(&raw)));
            }
        }
    }
    Ok(())
}

/// True when raw text holds a C0 control other than tab, LF and CR: not
/// well-formed XML 1.0.
fn has_control(raw: &[u8]) -> bool {
    raw.iter()
        .any(|&b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
}

/// True when UTF-8 text holds U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`),
/// the characters XML 1.0 excludes beside the controls (surrogates and
/// values past U+10FFFF have no UTF-8 form). A search for their lead byte,
/// which other text seldom has.
fn has_nonchar(raw: &[u8]) -> bool {
    memchr::memchr_iter(0xEF, raw).any(|i| is_nonchar_at(raw, i))
}

/// True when U+FFFE or U+FFFF starts at `raw[i]` (a byte `EF`).
#[inline]
fn is_nonchar_at(raw: &[u8], i: usize) -> bool {
    raw.get(i + 1) == Some(&0xBF) && matches!(raw.get(i + 2), Some(0xBE | 0xBF))
}

/// Checks a name with bytes above ASCII: UTF-8, without U+FFFE or U+FFFF.
#[cold]
#[inline(never)]
fn non_ascii_name(name: &[u8]) -> std::result::Result<(), &'static str> {
    if std::str::from_utf8(name).is_err() {
        return Err("a name is not valid UTF-8");
    }
    if has_nonchar(name) {
        return Err("U+FFFE or U+FFFF, which XML 1.0 does not allow, in a name");
    }
    Ok(())
}

/// Checks the text of a comment or processing instruction, which nothing
/// keeps, for what XML 1.0 does not allow in a document.
#[cold]
#[inline(never)]
fn markup_text(raw: &[u8]) -> std::result::Result<(), &'static str> {
    if has_control(raw) || has_nonchar(raw) || std::str::from_utf8(raw).is_err() {
        return Err("a character XML 1.0 does not allow in a comment or processing instruction");
    }
    Ok(())
}

/// Takes in the attributes of a start tag other than the plain `nil` alone
/// (see [`attribute`]): those DataContractSerializer writes are split here;
/// anything else goes through quick-xml's parser, and its values through
/// [`attribute_value`]. Every prefix an attribute uses must be declared,
/// by this tag or an ancestor. Out of line: most tags have no attributes.
#[inline(never)]
fn attributes(
    start: &BytesStart<'_>,
    scopes: &mut Scopes,
    depth: usize,
    nil_at: (&mut u64, &mut Vec<u8>),
    nil: &mut Option<bool>,
) -> std::result::Result<(), String> {
    let (nil_key, nil_prefix) = nil_at;
    let raw = start.attributes_raw();
    let mut simple = [(&b""[..], &b""[..]); MAX_SIMPLE];
    if let Some(n) = scopes.split.split(raw, &mut simple) {
        let mut prefixed = false;
        for &(key, value) in &simple[..n] {
            match attribute(scopes, depth, (nil_key, nil_prefix), nil, key, value) {
                Some(p) => prefixed |= p,
                None => return Err(refused_declaration(key)),
            }
        }
        if prefixed {
            if let Some(e) = simple[..n].iter().find_map(|&(k, _)| undeclared(scopes, k)) {
                return Err(e);
            }
        }
        return Ok(());
    }
    general_attributes(start, scopes, depth, (nil_key, nil_prefix), nil)
}

/// [`attributes`] through quick-xml's attribute parser (which refuses a
/// name given twice) for any tag the plain split does not take.
#[cold]
#[inline(never)]
fn general_attributes(
    start: &BytesStart<'_>,
    scopes: &mut Scopes,
    depth: usize,
    (nil_key, nil_prefix): (&mut u64, &mut Vec<u8>),
    nil: &mut Option<bool>,
) -> std::result::Result<(), String> {
    let mut scratch = Vec::new();
    let mut prefixed = false;
    for attr in start.attributes() {
        let attr: Attribute = attr.map_err(|err| err.to_string())?;
        let value = attribute_value(&attr.value, &mut scratch)?;
        let key = attr.key.as_ref();
        if has_control(key) {
            return Err("a control character XML 1.0 does not allow in a name".into());
        }
        if !key.is_ascii() {
            non_ascii_name(key)?;
        }
        match attribute(scopes, depth, (nil_key, nil_prefix), nil, key, value) {
            Some(p) => prefixed |= p,
            None => return Err(refused_declaration(key)),
        }
    }
    if prefixed {
        // Again, now that the tag's own declarations are in.
        for attr in start.attributes() {
            let attr: Attribute = attr.map_err(|err| err.to_string())?;
            if let Some(e) = undeclared(scopes, attr.key.as_ref()) {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// [`undeclared_prefix`] for the attributes [`attribute`] says must have
/// their prefix declared (not a declaration, not `nil`, not `xml:`).
fn undeclared(scopes: &mut Scopes, key: &[u8]) -> Option<String> {
    let (prefix, local) = super::scopes::split_name(key);
    let exempt = prefix.is_empty() || prefix == b"xml" || prefix == b"xmlns" || local == b"nil";
    if exempt {
        return None;
    }
    undeclared_prefix(scopes, key)
}

/// `Deserializer::ns_at` of an element in no namespace.
pub(super) const NO_NAMESPACE: usize = usize::MAX;
/// `Deserializer::ns_at` of an element whose namespace is in `ns`: a
/// replayed one, or one with the `xml` prefix.
const REPLAYED_NAMESPACE: usize = usize::MAX - 1;

/// The namespace the `xml` prefix is bound to without a declaration.
const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";

/// `Deserializer::ns_at` of an element whose prefix has no binding in
/// scope: no namespace for no prefix, XML's for `xml` (its namespace put
/// in `ns`); any other prefix is undeclared, which XML Namespaces does not
/// allow.
#[cold]
#[inline(never)]
fn unbound(prefix: &[u8], ns: &mut Vec<u8>) -> std::result::Result<usize, String> {
    match prefix {
        b"" => Ok(NO_NAMESPACE),
        b"xml" => {
            ns.clear();
            ns.extend_from_slice(XML_NS);
            Ok(REPLAYED_NAMESPACE)
        }
        _ => Err(format!(
            "the element prefix {} is not declared",
            excerpt(&String::from_utf8_lossy(prefix))
        )),
    }
}

/// How much text [`Deserializer::next`] gathers before it asks what the
/// text is for ([`TextUse`]): text nobody keeps never piles up past it.
const TEXT_SPILL_AT: usize = 64 * 1024;

/// What the text met before the next tag is for: set by each caller of
/// [`Deserializer::next`], which deals with the text when the tag comes;
/// `next` only looks once the text passes [`TEXT_SPILL_AT`].
#[derive(Clone, Copy)]
pub(super) enum TextUse {
    /// A value, or text to record: all of it is kept.
    Keep,
    /// A value read by `Pull::text`: kept, and when it is one piece of
    /// borrowed input needing no check or rewrite (see [`plain_ascii`]), kept
    /// as its range there ([`Deserializer::text_span`]), not copied.
    Borrow,
    /// The inside of a skipped element: dropped.
    Skip,
    /// White space only (dropped), between elements.
    Between,
    /// White space only, before the root element.
    BeforeRoot,
    /// White space only, after the root element.
    AfterRoot,
    /// White space only, inside an element marked nil.
    InsideNil,
}

impl TextUse {
    /// Where white space only is allowed, as error messages name it.
    fn place(self) -> Option<&'static str> {
        match self {
            TextUse::Keep | TextUse::Borrow | TextUse::Skip => None,
            TextUse::Between => Some("between elements"),
            TextUse::BeforeRoot => Some("before the root element"),
            TextUse::AfterRoot => Some("after the root element"),
            TextUse::InsideNil => Some("inside an element marked nil"),
        }
    }
}

/// What the next event means to the decoder.
pub(super) enum Tok {
    /// A start tag; its local name is [`Deserializer::name`].
    Start { nil: bool },
    /// The end of the current element.
    End,
    /// The end of the input.
    Eof,
}

impl<R: Source> Deserializer<R> {
    /// The depth error: of the configured limit, or, past what any limit
    /// lets this reader nest, of that ceiling by name, so that a limit
    /// raised beyond it is not blamed.
    #[cold]
    fn too_deep(&self) -> Error {
        context::fail(Category::Depth);
        match self.configured_limit {
            Some(limit) if self.limit < HARD_DEPTH_LIMIT => Error::depth(limit),
            _ => Error::new(
                Category::Depth,
                format!(
                    "elements nested deeper than {HARD_DEPTH_LIMIT}, the most XML decoding reads under any depth limit"
                ),
            ),
        }
    }

    pub(super) fn syntax(&self, message: impl Into<String>) -> Error {
        context::fail(Category::Syntax);
        Error::new(Category::Syntax, message)
    }

    /// A quick-xml error as the crate's, at quick-xml's position; a
    /// failure to read the input is an I/O error, its `std::io::Error` the
    /// error's source, at the offset read up to.
    #[cold]
    #[inline(never)]
    fn read_error(&self, e: quick_xml::Error) -> Error {
        if let quick_xml::Error::Io(shared) = e {
            context::fail(Category::Io);
            // quick-xml shares the error to be `Clone`; nobody else holds it
            // here, so it comes out whole (else it is wrapped, kind kept).
            let io = std::sync::Arc::try_unwrap(shared)
                .unwrap_or_else(|shared| std::io::Error::new(shared.kind(), shared));
            return Error::io(io).with_position(Position {
                offset: Some(self.reader.buffer_position()),
                line: 0,
                column: 0,
            });
        }
        context::fail(Category::Syntax);
        // quick-xml's messages already say "syntax error: ".
        let message = e.to_string();
        let message = message.strip_prefix("syntax error: ").unwrap_or(&message);
        Error::new(Category::Syntax, message).with_position(Position {
            offset: Some(self.reader.error_position()),
            line: 0,
            column: 0,
        })
    }

    /// The local name of the last start tag (UTF-8, checked when read).
    #[inline]
    pub(super) fn name(&self) -> &[u8] {
        self.name.get()
    }

    /// True when the last start tag is in `interned`, a contract's
    /// namespace (see [`Scopes::is_namespace`](super::scopes::Scopes)).
    #[inline]
    pub(super) fn ns_is(&self, interned: &'static str) -> bool {
        match self.ns_at {
            NO_NAMESPACE => interned.is_empty(),
            REPLAYED_NAMESPACE => self.ns == interned.as_bytes(),
            i => self.scopes.is_namespace(i, interned),
        }
    }

    /// The namespace of the last start tag.
    pub(super) fn ns(&self) -> &[u8] {
        match self.ns_at {
            NO_NAMESPACE => b"",
            REPLAYED_NAMESPACE => &self.ns,
            i => self.scopes.namespace(i),
        }
    }

    pub(super) fn whitespace_only(&mut self, place: &str) -> Result<()> {
        let only_space = self.text.bytes().all(|b| b.is_ascii_whitespace());
        if only_space {
            self.text.clear();
            return Ok(());
        }
        let message = format!("unexpected text {place}: {}", excerpt(self.text.trim()));
        self.text.clear();
        if let TextUse::InsideNil = self.text_use {
            // Well-formed XML, but not what a nil element may hold.
            context::fail(Category::Data);
            return Err(Error::data(message));
        }
        Err(self.syntax(message))
    }

    /// The next event. One copy of the reading code serves every caller
    /// (a second, inlined into [`Deserializer::content`], made the hot code
    /// larger than the calls it saved).
    #[inline(never)]
    pub(super) fn next(&mut self) -> Result<Tok> {
        // A span was for the caller before this one.
        self.text_span = None;
        if self.empty_open {
            // `<X/>` reads as `<X></X>`: its end comes next.
            self.empty_open = false;
            return Ok(self.end_element());
        }
        if !self.queue.is_empty() {
            if let Some(tok) = self.replay_next()? {
                return Ok(tok);
            }
        }
        loop {
            self.buf.clear();
            // One match over the result and the event: the event is not
            // copied out of the result first.
            let (start, empty) = match R::read(&mut self.reader, &mut self.buf) {
                Ok(Event::Start(e)) => (e, false),
                // Handled here rather than by quick-xml's
                // `expand_empty_elements`, which costs a second pass through
                // its reader for every empty element.
                Ok(Event::Empty(e)) => (e, true),
                // Bound, not `_`: the end tag's own drop is inline, the whole
                // result's is a call.
                Ok(Event::End(end)) => {
                    drop(end);
                    return Ok(self.end_element());
                }
                // Text is taken in up to the next tag (see `TextUse`): one
                // call reads an element's text and its end tag.
                Ok(Event::Text(e)) => {
                    if let TextUse::Borrow = self.text_use {
                        if self.text.is_empty() && self.text_span.is_none() && plain_ascii(&e) {
                            if let Some(span) = self.name.span_of(&e) {
                                self.text_span = Some(span);
                                continue;
                            }
                        }
                    }
                    unborrow(&mut self.text, &mut self.text_span, self.name.input());
                    let added = push_text(&mut self.text, &e);
                    self.added_text(added)?;
                    continue;
                }
                Ok(Event::CData(e)) => {
                    unborrow(&mut self.text, &mut self.text_span, self.name.input());
                    let added = cdata(&mut self.text, &e);
                    self.added_text(added)?;
                    continue;
                }
                Ok(Event::GeneralRef(r)) => {
                    unborrow(&mut self.text, &mut self.text_span, self.name.input());
                    let added = reference(&mut self.text, &r);
                    self.added_text(added)?;
                    continue;
                }
                Ok(Event::Eof) => return Ok(Tok::Eof),
                Ok(Event::Comment(e)) => {
                    if let Err(message) = markup_text(&e) {
                        return Err(self.syntax(message));
                    }
                    continue;
                }
                Ok(Event::PI(e)) => {
                    if let Err(message) = markup_text(&e) {
                        return Err(self.syntax(message));
                    }
                    continue;
                }
                Ok(Event::Decl(_) | Event::DocType(_)) => continue,
                Err(e) => return Err(self.read_error(e)),
            };
            self.depth += 1;
            if self.depth > self.limit {
                return Err(self.too_deep());
            }
            self.empty_open = empty;
            let qname = split_qname(start.name().into_inner());
            // Names are compared as bytes; ASCII ones need no further check.
            if !qname.ascii {
                if let Err(message) = non_ascii_name(start.name().into_inner()) {
                    return Err(self.syntax(message));
                }
            }
            self.name.keep(qname.local);
            let mut nil: Option<bool> = None;
            // The `nil` attribute's prefix (see `attribute`).
            let mut nil_key = 0;
            let raw = start.attributes_raw();
            if raw.is_empty() {
                // No attributes at all: the commonest start tag.
            } else if let Some(prefix) = nil_only(raw) {
                // The commonest attribute by far: `<X i:nil="true" />`.
                nil_key = prefix_key(prefix);
                nil = Some(true);
            } else if let Err(message) = attributes(
                &start,
                &mut self.scopes,
                self.depth,
                (&mut nil_key, &mut self.key),
                &mut nil,
            ) {
                return Err(self.syntax(message));
            }
            // Its namespace (after its own declarations), which decides what
            // member it names; kept as the binding's index, valid while the
            // element is open.
            self.ns_at = match self.scopes.resolve_key(qname.key, qname.prefix) {
                Some(index) => index,
                None => match unbound(qname.prefix, &mut self.ns) {
                    Ok(at) => at,
                    Err(message) => return Err(self.syntax(message)),
                },
            };
            let nil = match nil {
                None => false,
                // An unprefixed attribute is in no namespace.
                Some(_) if nil_key == 0 => false,
                Some(value) => match self.scopes.resolve_key(nil_key, &self.key) {
                    Some(i) => value && self.scopes.is_xsi(i),
                    None if self.key_is_xml(nil_key) => false,
                    None => return Err(self.undeclared_nil()),
                },
            };
            self.nil_open = nil;
            return Ok(Tok::Start { nil });
        }
    }

    /// True when the `nil` attribute's prefix (its [`prefix_key`]) is
    /// `xml`, bound without a declaration.
    fn key_is_xml(&self, key: u64) -> bool {
        key == prefix_key(b"xml")
    }

    /// The error for a `nil` attribute whose prefix is not declared.
    #[cold]
    #[inline(never)]
    fn undeclared_nil(&self) -> Error {
        self.syntax("the prefix of the `nil` attribute is not declared")
    }

    /// Moves a text kept as a range of the input ([`TextUse::Borrow`]) into
    /// `text`, before more is added to it or something else reads it.
    #[inline]
    pub(super) fn unborrow_text(&mut self) {
        unborrow(&mut self.text, &mut self.text_span, self.name.input());
    }

    /// The text read for a [`TextUse::Borrow`] caller: its range of the
    /// input, or `text`.
    #[inline]
    pub(super) fn borrowed_text(&self) -> &str {
        match self.text_span {
            Some((start, end)) => {
                let piece = &self.name.input()[start..end];
                // SAFETY: a span is kept only of plain ASCII (`plain_ascii`).
                unsafe { std::str::from_utf8_unchecked(piece) }
            }
            None => &self.text,
        }
    }

    /// Checks a piece of text just added to `text` ([`Deserializer::took_text`]),
    /// or refuses it with the reason it could not be.
    #[inline]
    fn added_text<M: Into<String>>(&mut self, added: std::result::Result<(), M>) -> Result<()> {
        match added {
            Ok(()) => self.took_text(),
            Err(message) => Err(self.syntax(message)),
        }
    }

    /// Checks the text gathered so far against [`TEXT_SPILL_AT`].
    #[inline]
    fn took_text(&mut self) -> Result<()> {
        if self.text.len() > TEXT_SPILL_AT {
            self.spill_text()?;
        }
        Ok(())
    }

    /// Deals with a long text before its tag comes, as
    /// [`Deserializer::text_use`] says: kept, dropped, or checked for white
    /// space and dropped.
    #[cold]
    #[inline(never)]
    fn spill_text(&mut self) -> Result<()> {
        match self.text_use {
            TextUse::Keep | TextUse::Borrow => Ok(()),
            TextUse::Skip => {
                self.text.clear();
                Ok(())
            }
            _ => self.space_only_here(),
        }
    }

    /// Checks that the text gathered before a tag is white space only, for
    /// a caller that set such a [`TextUse`].
    #[inline]
    pub(super) fn space_before_tag(&mut self) -> Result<()> {
        if self.text.is_empty() {
            return Ok(());
        }
        self.space_only_here()
    }

    /// Refuses the text gathered unless it is white space, naming the
    /// place [`Deserializer::text_use`] says; drops it.
    #[inline(never)]
    fn space_only_here(&mut self) -> Result<()> {
        let place = self.text_use.place().unwrap_or("");
        self.whitespace_only(place)
    }

    /// The end of the current element: its declarations go out of scope.
    fn end_element(&mut self) -> Tok {
        self.scopes.leave(self.depth);
        self.depth -= 1;
        Tok::End
    }

    /// Reads the rest of the current element as events, to be read again
    /// later by [`Deserializer::replay`]. They take about the room of the
    /// input they came from.
    pub(super) fn record_rest(&mut self) -> Result<Vec<Recorded>> {
        let mut events = Vec::new();
        let mut open = 1usize;
        self.text_use = TextUse::Keep;
        loop {
            let tok = self.next()?;
            if !self.text.is_empty() {
                events.push(Recorded::Text(std::mem::take(&mut self.text).into()));
            }
            match tok {
                Tok::Start { nil } => {
                    open += 1;
                    events.push(Recorded::Start {
                        name: self.name().into(),
                        ns: self.ns().into(),
                        nil,
                    });
                }
                Tok::End => {
                    events.push(Recorded::End);
                    open -= 1;
                    if open == 0 {
                        return Ok(events);
                    }
                }
                Tok::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// Makes the element recorded by [`Deserializer::record_rest`] (marked
    /// `nil` or not) the current one again (its start tag just read); its
    /// events come before the input's, ahead of any still queued.
    pub(super) fn replay(&mut self, nil: bool, events: Vec<Recorded>) {
        self.depth += 1;
        self.nil_open = nil;
        for event in events.into_iter().rev() {
            self.queue.push_front(event);
        }
    }

    /// The next queued tag as if read now, its text gathered (see
    /// [`Deserializer::replayed`]); `None` when the queue held only text.
    #[cold]
    #[inline(never)]
    fn replay_next(&mut self) -> Result<Option<Tok>> {
        while let Some(event) = self.queue.pop_front() {
            match self.replayed(event) {
                Some(tok) => return Ok(Some(tok)),
                None => self.took_text()?,
            }
        }
        Ok(None)
    }

    /// A recorded event as if read now (`None` for text, gathered into
    /// `text`). Its namespace bindings were resolved when it was recorded,
    /// so the scopes are left alone.
    fn replayed(&mut self, event: Recorded) -> Option<Tok> {
        match event {
            Recorded::Start { name, ns, nil } => {
                self.depth += 1;
                self.nil_open = nil;
                self.name.keep_copy(&name);
                self.ns.clear();
                self.ns.extend_from_slice(&ns);
                self.ns_at = REPLAYED_NAMESPACE;
                Some(Tok::Start { nil })
            }
            Recorded::Text(text) => {
                self.text.push_str(&text);
                None
            }
            Recorded::End => {
                self.depth -= 1;
                Some(Tok::End)
            }
        }
    }

    pub(super) fn unexpected_eof(&self) -> Error {
        self.syntax("unexpected end of input inside an element")
    }

    /// Consumes the rest of the current element, children included, with a
    /// counter instead of recursion.
    #[inline]
    pub(super) fn skip_rest(&mut self) -> Result<()> {
        if self.empty_open {
            // `<X i:nil="true" />`, the commonest element skipped (one for
            // every null member of DataContract XML): no call.
            self.empty_open = false;
            self.end_element();
            self.text.clear();
            return Ok(());
        }
        self.skip_open()
    }

    /// [`Deserializer::skip_rest`] of an element that has an end tag.
    #[inline(never)]
    fn skip_open(&mut self) -> Result<()> {
        if self.nil_open {
            return self.skip_nil();
        }
        let mut open = 1usize;
        self.text_use = TextUse::Skip;
        loop {
            let tok = self.next()?;
            self.text.clear();
            match tok {
                Tok::Start { .. } => open += 1,
                Tok::End => {
                    open -= 1;
                    if open == 0 {
                        return Ok(());
                    }
                }
                Tok::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// [`Deserializer::skip_rest`] of an element marked nil that has an
    /// end tag: XML Schema gives a nil element no content, so anything but
    /// white space (and comments) before its end is an error, not content
    /// to drop.
    #[cold]
    #[inline(never)]
    fn skip_nil(&mut self) -> Result<()> {
        self.nil_open = false;
        self.text.clear();
        self.text_use = TextUse::InsideNil;
        match self.next()? {
            Tok::End => self.space_before_tag(),
            Tok::Start { .. } => {
                context::fail(Category::Data);
                Err(Error::data(format!(
                    "an element marked nil holds the element {}",
                    excerpt(&String::from_utf8_lossy(self.name()))
                )))
            }
            Tok::Eof => Err(self.unexpected_eof()),
        }
    }

    /// Reads the current element's text up to its end tag.
    /// [`Content::Child`] means the element holds elements instead; that
    /// child's start has been read.
    #[inline(always)]
    pub(super) fn content(&mut self) -> Result<Content> {
        self.content_as(TextUse::Keep)
    }

    /// [`Deserializer::content`] whose text, when it is one plain piece of
    /// the input, is left there: read it with
    /// [`Deserializer::borrowed_text`].
    #[inline(always)]
    pub(super) fn content_borrowed(&mut self) -> Result<Content> {
        self.content_as(TextUse::Borrow)
    }

    #[inline(always)]
    fn content_as(&mut self, text_use: TextUse) -> Result<Content> {
        self.text.clear();
        self.text_use = text_use;
        match self.next()? {
            Tok::End => Ok(Content::Text),
            Tok::Start { nil } => {
                self.unborrow_text();
                self.whitespace_only("before an element")?;
                Ok(Content::Child { nil })
            }
            Tok::Eof => Err(self.unexpected_eof()),
        }
    }

    /// Moves to the next child element of the current one: `Some(nil)` with
    /// its start read, `None` at the current element's end tag.
    #[inline]
    pub(super) fn next_child(&mut self) -> Result<Option<bool>> {
        self.text_use = TextUse::Between;
        let tok = self.next()?;
        self.space_before_tag()?;
        match tok {
            Tok::Start { nil } => Ok(Some(nil)),
            Tok::End => Ok(None),
            Tok::Eof => Err(self.unexpected_eof()),
        }
    }
}

/// An event kept for reading again (a dictionary `Value` met before its
/// `Key`).
pub(super) enum Recorded {
    Start {
        name: Box<[u8]>,
        ns: Box<[u8]>,
        nil: bool,
    },
    Text(Box<str>),
    End,
}

pub(super) enum Content {
    Text,
    Child { nil: bool },
}

/// Turns a decoding failure into the crate's error: the category recorded
/// by the code that raised it, a position and the member path.
pub(crate) fn finish_error(
    e: Error,
    session: &Session,
    offset: u64,
    locate: impl Fn(u64) -> Position,
) -> Error {
    let category = session.failure().unwrap_or(e.category());
    let position = match e.position() {
        Some(Position {
            offset: Some(at),
            line: 0,
            ..
        }) => locate(at),
        Some(position) => position,
        None => locate(offset),
    };
    e.with_category(category)
        .with_position(position)
        .with_path(session.take_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_line_ends_read_as_lf_and_controls_are_refused() {
        let mut text = String::new();
        push_text(&mut text, b"a\r\nb\rc\n\td\r").unwrap();
        assert_eq!(text, "a\nb\nc\n\td\n");
        assert!(push_text(&mut text, b"a\x01b").is_err());
        assert!(push_text(&mut text, b"a\xffb").is_err());
        for bad in [0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1f, 0x80, 0xc3, 0xff] {
            for at in 0..20 {
                let mut raw = [b'a'; 20];
                raw[at] = bad;
                assert!(!plain_ascii(&raw[..]), "{bad:#x} at {at}");
                assert!(!plain_ascii(&raw[at..]), "{bad:#x} first of {}", 20 - at);
            }
        }
        for len in 1..20 {
            for at in 0..len {
                for bad in [0x00, 0x1f, 0x80, 0xff] {
                    let mut raw = [b'~'; 20];
                    raw[at] = bad;
                    assert!(!plain_ascii(&raw[..len]), "{bad:#x} at {at} of {len}");
                }
            }
            assert!(plain_ascii(&[b' '; 20][..len]));
        }
        assert!(plain_ascii(b""));
        assert!(plain_ascii(b" ~\x7f0123456789abcdefghijklmnop"));
    }
}
