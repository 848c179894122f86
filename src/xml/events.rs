//! The decoder's event layer: quick-xml events turned into what the
//! serde layer (`de`) needs: start tags (local name, `i:nil`), text with
//! references resolved, end tags, with the depth counted on every element
//! and skipping done by a loop.

use std::io::{BufReader, Read};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::contract::XSI_NS;
use super::de::Deserializer;
use crate::context::{self, Session};
use crate::error::{Category, Error, Position, Result};

/// A ceiling on element nesting even when the caller turns the depth limit
/// off.
pub(super) const HARD_DEPTH_LIMIT: usize = u16::MAX as usize - 1;

/// Where the decoder reads from: a byte slice (events borrow it, no copy)
/// or a buffered reader (events are copied into a buffer).
pub trait Source: Sized {
    /// Reads the next event.
    fn read<'s>(reader: &'s mut Reader<Self>, buf: &'s mut Vec<u8>)
        -> quick_xml::Result<Event<'s>>;
}

impl<'a> Source for &'a [u8] {
    fn read<'s>(
        reader: &'s mut Reader<&'a [u8]>,
        _: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>> {
        reader.read_event()
    }
}

impl<R: Read> Source for BufReader<R> {
    fn read<'s>(
        reader: &'s mut Reader<BufReader<R>>,
        buf: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>> {
        reader.read_event_into(buf)
    }
}

fn contains(raw: &[u8], needle: &[u8]) -> bool {
    // The first-byte test keeps the common miss from calling memcmp.
    let first = needle[0];
    raw.windows(needle.len())
        .any(|w| w[0] == first && w == needle)
}

/// A prefix packed into a word, so that resolving one compares integers:
/// up to 7 bytes and the length; longer prefixes share [`LONG_PREFIX`] and
/// are compared as bytes.
fn prefix_key(prefix: &[u8]) -> u64 {
    if prefix.len() > 7 {
        return LONG_PREFIX;
    }
    // A loop, not `copy_from_slice`: a copy of variable length is a call.
    let packed = prefix.iter().fold(0u64, |k, &b| (k << 8) | u64::from(b));
    packed | (prefix.len() as u64) << 56
}

const LONG_PREFIX: u64 = u64::MAX;

/// One namespace declaration in scope.
struct Binding {
    /// Depth of the declaring element.
    depth: usize,
    key: u64,
    /// End of its prefix in the arena (it starts where the previous
    /// binding's namespace ends).
    prefix_end: usize,
    /// End of its namespace in the arena.
    ns_end: usize,
    /// The namespace is XML Schema instance's (where `nil` lives).
    xsi: bool,
    /// The binding of the same prefix this one hides, restored when it goes
    /// out of scope.
    hides: Option<usize>,
}

/// The namespace prefixes in scope. quick-xml's own resolver inspects every
/// start tag's attributes; here only the few attributes DataContractSerializer
/// writes are looked at, and resolving a prefix is a lookup among the few
/// prefixes a document uses, comparing words.
#[derive(Default)]
pub(super) struct Scopes {
    bindings: Vec<Binding>,
    arena: Vec<u8>,
    /// Each short prefix in scope with its innermost binding.
    innermost: Vec<(u64, usize)>,
}

impl Scopes {
    fn declare(&mut self, depth: usize, prefix: &[u8], ns: &[u8]) {
        self.arena.extend_from_slice(prefix);
        let prefix_end = self.arena.len();
        self.arena.extend_from_slice(ns);
        let key = prefix_key(prefix);
        let index = self.bindings.len();
        let mut hides = None;
        if key != LONG_PREFIX {
            match self.innermost.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => hides = Some(std::mem::replace(&mut entry.1, index)),
                None => self.innermost.push((key, index)),
            }
        }
        self.bindings.push(Binding {
            depth,
            key,
            prefix_end,
            ns_end: self.arena.len(),
            xsi: ns == XSI_NS.as_bytes(),
            hides,
        });
    }

    /// Drops the bindings declared at `depth` (its element ended).
    fn leave(&mut self, depth: usize) {
        if self.bindings.last().is_none_or(|b| b.depth < depth) {
            // Most elements declare nothing.
            return;
        }
        while let Some(b) = self.bindings.last() {
            if b.depth < depth {
                break;
            }
            if b.key != LONG_PREFIX {
                let at = self
                    .innermost
                    .iter()
                    .position(|(k, _)| *k == b.key)
                    .expect("a short prefix in scope is in `innermost`");
                match b.hides {
                    Some(hidden) => self.innermost[at].1 = hidden,
                    None => {
                        self.innermost.swap_remove(at);
                    }
                }
            }
            self.bindings.pop();
        }
        let end = self.bindings.last().map_or(0, |b| b.ns_end);
        self.arena.truncate(end);
    }

    /// The index of the binding of `prefix` (empty: the default namespace).
    fn resolve_at(&self, prefix: &[u8]) -> Option<usize> {
        let key = prefix_key(prefix);
        if key != LONG_PREFIX {
            return self
                .innermost
                .iter()
                .find(|(k, _)| *k == key)
                .map(|&(_, i)| i);
        }
        (0..self.bindings.len()).rev().find(|&j| {
            let start = if j == 0 {
                0
            } else {
                self.bindings[j - 1].ns_end
            };
            self.bindings[j].key == LONG_PREFIX
                && &self.arena[start..self.bindings[j].prefix_end] == prefix
        })
    }

    /// The namespace of the binding at `index`.
    fn namespace(&self, index: usize) -> &[u8] {
        let b = &self.bindings[index];
        &self.arena[b.prefix_end..b.ns_end]
    }
}

/// The most attributes [`simple_attributes`] splits.
const MAX_SIMPLE: usize = 4;

/// Splits attributes written the plain way (` name="value"`, names of
/// letters, digits, `_-.:`, values without `<`, `&` or quotes, no name
/// twice, at most [`MAX_SIMPLE`]) into `out`; `None` for anything else,
/// which quick-xml's general parser then reads.
fn simple_attributes<'r>(
    raw: &'r [u8],
    out: &mut [(&'r [u8], &'r [u8]); MAX_SIMPLE],
) -> Option<usize> {
    let mut n = 0;
    let mut i = 0;
    loop {
        let space = i;
        while i < raw.len() && raw[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == raw.len() {
            return Some(n);
        }
        if i == space || n == MAX_SIMPLE {
            return None;
        }
        let name_start = i;
        while i < raw.len()
            && (raw[i].is_ascii_alphanumeric() || matches!(raw[i], b'_' | b'-' | b'.' | b':'))
        {
            i += 1;
        }
        let name = &raw[name_start..i];
        if name.is_empty() || raw.get(i..i + 2) != Some(b"=\"") {
            return None;
        }
        let value_start = i + 2;
        let rest = &raw[value_start..];
        let len = memchr::memchr3(b'"', b'<', b'&', rest)?;
        if rest[len] != b'"' || out[..n].iter().any(|&(k, _)| k == name) {
            return None;
        }
        out[n] = (name, &rest[..len]);
        n += 1;
        i = value_start + len + 1;
    }
}

/// The prefix of the `nil` attribute when it is the tag's only attribute,
/// written as DataContractSerializer writes it (` p:nil="true"`, with a
/// space before the end of an empty tag).
fn nil_only(raw: &[u8]) -> Option<&[u8]> {
    let raw = raw.strip_suffix(b" ").unwrap_or(raw);
    let rest = raw.strip_prefix(b" ")?.strip_suffix(b":nil=\"true\"")?;
    let short_name = rest.len() <= 7
        && rest
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    (short_name && !rest.is_empty()).then_some(rest)
}

/// Takes in one attribute of a start tag: a namespace declaration, or a
/// `nil` (its prefix kept in `nil_prefix` to be resolved once the tag's
/// declarations are all in).
fn attribute(
    scopes: &mut Scopes,
    depth: usize,
    nil_prefix: &mut Vec<u8>,
    nil: &mut Option<bool>,
    key: &[u8],
    value: &[u8],
) {
    if let Some(rest) = key.strip_prefix(b"xmlns") {
        match rest {
            [] => return scopes.declare(depth, b"", value),
            [b':', prefix @ ..] => return scopes.declare(depth, prefix, value),
            _ => {}
        }
    }
    let (prefix, local) = split_name(key);
    if local == b"nil" {
        nil_prefix.clear();
        nil_prefix.extend_from_slice(prefix);
        *nil = Some(value == b"true" || value == b"1");
    }
}

/// Checks raw text for what XML 1.0 forbids (C0 controls other than tab,
/// LF and CR) and appends it to `text` with line ends normalized (CRLF and
/// CR read as LF), in one pass over the bytes in the common case.
fn push_text(text: &mut String, raw: &[u8]) -> std::result::Result<(), &'static str> {
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

/// True when raw text holds a C0 control other than tab, LF and CR: not
/// well-formed XML 1.0.
fn has_control(raw: &[u8]) -> bool {
    raw.iter()
        .any(|&b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
}

/// True for a character XML 1.0 allows (what a character reference may name).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Splits `p:local` into its prefix (empty when none) and local name.
fn split_name(qname: &[u8]) -> (&[u8], &[u8]) {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => (&qname[..i], &qname[i + 1..]),
        None => (b"", qname),
    }
}

/// `Deserializer::ns_at` of an element in no namespace.
pub(super) const NO_NAMESPACE: usize = usize::MAX;
/// `Deserializer::ns_at` of a replayed element, whose namespace is in `ns`.
const REPLAYED_NAMESPACE: usize = usize::MAX - 1;

/// What the next event means to the decoder.
pub(super) enum Tok {
    /// A start tag; its local name is in `name`.
    Start { nil: bool },
    /// The end of the current element.
    End,
    /// Character data, appended to `text`.
    Text,
    /// The end of the input.
    Eof,
}

impl<R: Source> Deserializer<R> {
    pub(super) fn syntax(&self, message: impl Into<String>) -> Error {
        context::fail(Category::Syntax);
        Error::new(Category::Syntax, message)
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
        self.text.clear();
        if only_space {
            Ok(())
        } else {
            Err(self.syntax(format!("unexpected text {place}")))
        }
    }

    pub(super) fn next(&mut self) -> Result<Tok> {
        if self.empty_open {
            // `<X/>` reads as `<X></X>`: its end comes next.
            self.empty_open = false;
            return Ok(self.end_element());
        }
        if let Some(event) = self.queue.pop_front() {
            return Ok(self.replayed(event));
        }
        loop {
            self.buf.clear();
            let event = match R::read(&mut self.reader, &mut self.buf) {
                Ok(e) => e,
                Err(e) => {
                    context::fail(Category::Syntax);
                    // quick-xml's messages already say "syntax error: ".
                    let message = e.to_string();
                    let message = message.strip_prefix("syntax error: ").unwrap_or(&message);
                    return Err(
                        Error::new(Category::Syntax, message).with_position(Position {
                            offset: Some(self.reader.error_position()),
                            line: 0,
                            column: 0,
                        }),
                    );
                }
            };
            let (start, empty) = match event {
                Event::Start(e) => (e, false),
                // Handled here rather than by quick-xml's
                // `expand_empty_elements`, which costs a second pass through
                // its reader for every empty element.
                Event::Empty(e) => (e, true),
                Event::End(_) => return Ok(self.end_element()),
                Event::Text(e) => {
                    return match push_text(&mut self.text, &e) {
                        Ok(()) => Ok(Tok::Text),
                        Err(message) => Err(self.syntax(message)),
                    }
                }
                Event::CData(e) if has_control(&e) => {
                    return Err(self.syntax("a control character XML 1.0 does not allow in CDATA"))
                }
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
                            Ok(Some(c)) if is_xml_char(c) => self.text.push(c),
                            Ok(_) | Err(_) => {
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
            };
            self.depth += 1;
            if self.depth > self.limit {
                context::fail(Category::Depth);
                let limit = self.configured_limit.unwrap_or(self.limit);
                return Err(Error::depth(limit));
            }
            self.empty_open = empty;
            let (prefix, local) = split_name(start.name().into_inner());
            // Names are compared as bytes; ASCII ones need no further check.
            if !local.is_ascii() && std::str::from_utf8(local).is_err() {
                return Err(self.syntax("an element name is not valid UTF-8"));
            }
            self.name.clear();
            self.name.extend_from_slice(local);
            // Most elements carry no attributes, and the rest the few
            // DataContractSerializer writes: those are split here; anything
            // else goes through quick-xml's parser, unless it cannot hold a
            // declaration or a `nil`.
            let mut nil: Option<bool> = None;
            let raw = start.attributes_raw();
            let mut simple = [(&b""[..], &b""[..]); MAX_SIMPLE];
            if raw.is_empty() {
                // No attributes at all: the commonest start tag.
            } else if let Some(prefix) = nil_only(raw) {
                // The commonest attribute by far: `<X i:nil="true" />`.
                self.key.clear();
                self.key.extend_from_slice(prefix);
                nil = Some(true);
            } else if let Some(n) = simple_attributes(raw, &mut simple) {
                for &(key, value) in &simple[..n] {
                    attribute(
                        &mut self.scopes,
                        self.depth,
                        &mut self.key,
                        &mut nil,
                        key,
                        value,
                    );
                }
            } else if contains(raw, b"xmlns") || contains(raw, b"nil") {
                for attr in start.attributes() {
                    let attr: Attribute = match attr {
                        Ok(a) => a,
                        Err(err) => return Err(self.syntax(err.to_string())),
                    };
                    attribute(
                        &mut self.scopes,
                        self.depth,
                        &mut self.key,
                        &mut nil,
                        attr.key.as_ref(),
                        &attr.value,
                    );
                }
            }
            // Its namespace (after its own declarations), which decides what
            // member it names; kept as the binding's index, valid while the
            // element is open.
            self.ns_at = self.scopes.resolve_at(prefix).unwrap_or(NO_NAMESPACE);
            let nil = match nil {
                None | Some(false) => false,
                // An unprefixed attribute is in no namespace; a prefix nobody
                // declared (a fragment that forgot `xmlns:i`) is taken to
                // mean xsi.
                Some(true) => {
                    !self.key.is_empty()
                        && self
                            .scopes
                            .resolve_at(&self.key)
                            .is_none_or(|i| self.scopes.bindings[i].xsi)
                }
            };
            return Ok(Tok::Start { nil });
        }
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
        loop {
            match self.next()? {
                Tok::Start { nil } => {
                    open += 1;
                    events.push(Recorded::Start {
                        name: self.name.as_slice().into(),
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
                Tok::Text => events.push(Recorded::Text(std::mem::take(&mut self.text).into())),
                Tok::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// Makes the element recorded by [`Deserializer::record_rest`] the
    /// current one again (its start tag just read); its events come before
    /// the input's, ahead of any still queued.
    pub(super) fn replay(&mut self, events: Vec<Recorded>) {
        self.depth += 1;
        for event in events.into_iter().rev() {
            self.queue.push_front(event);
        }
    }

    /// A recorded event as if read now. Its namespace bindings were
    /// resolved when it was recorded, so the scopes are left alone.
    fn replayed(&mut self, event: Recorded) -> Tok {
        match event {
            Recorded::Start { name, ns, nil } => {
                self.depth += 1;
                self.name.clear();
                self.name.extend_from_slice(&name);
                self.ns.clear();
                self.ns.extend_from_slice(&ns);
                self.ns_at = REPLAYED_NAMESPACE;
                Tok::Start { nil }
            }
            Recorded::Text(text) => {
                self.text.push_str(&text);
                Tok::Text
            }
            Recorded::End => {
                self.depth -= 1;
                Tok::End
            }
        }
    }

    pub(super) fn unexpected_eof(&self) -> Error {
        self.syntax("unexpected end of input inside an element")
    }

    /// Consumes the rest of the current element, children included, with a
    /// counter instead of recursion.
    pub(super) fn skip_rest(&mut self) -> Result<()> {
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
    pub(super) fn content(&mut self) -> Result<Content> {
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
    pub(super) fn next_child(&mut self) -> Result<Option<bool>> {
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
    fn simple_attributes_split_only_the_plain_form() {
        let mut out = [(&b""[..], &b""[..]); MAX_SIMPLE];
        let raw = br#" xmlns:d2p1="urn:a" i:nil="true" "#;
        assert_eq!(simple_attributes(raw, &mut out), Some(2));
        assert_eq!(out[0], (&b"xmlns:d2p1"[..], &b"urn:a"[..]));
        assert_eq!(out[1], (&b"i:nil"[..], &b"true"[..]));
        assert_eq!(simple_attributes(b"", &mut out), Some(0));
        for other in [
            &br#" a='1'"#[..],
            br#" a = "1""#,
            br#" a="&amp;""#,
            br#" a="1" a="2""#,
            br#" a="1"b="2""#,
            br#" a="1"#,
            br#" a="1" b="2" c="3" d="4" e="5""#,
        ] {
            assert_eq!(simple_attributes(other, &mut out), None, "{other:?}");
        }
    }

    #[test]
    fn nil_only_takes_the_plain_nil_and_nothing_else() {
        assert_eq!(nil_only(br#" i:nil="true" "#), Some(&b"i"[..]));
        assert_eq!(nil_only(br#" i:nil="true""#), Some(&b"i"[..]));
        assert_eq!(nil_only(br#" xsi:nil="true""#), Some(&b"xsi"[..]));
        for other in [
            &br#" i:nil="false""#[..],
            br#" nil="true""#,
            br#" a:b:nil="true""#,
            br#" xmlns:d2p1="urn:a" i:nil="true""#,
            br#"i:nil="true""#,
            br#" i:nil='true'"#,
            br#" verylongprefix:nil="true""#,
        ] {
            assert_eq!(nil_only(other), None, "{other:?}");
        }
    }

    #[test]
    fn scopes_resolve_the_innermost_binding_and_restore_on_leave() {
        let mut scopes = Scopes::default();
        scopes.declare(1, b"", b"urn:root");
        scopes.declare(1, b"i", XSI_NS.as_bytes());
        scopes.declare(2, b"", b"urn:inner");
        scopes.declare(2, b"averylongprefix", b"urn:long");
        scopes.declare(3, b"averylongprefix", b"urn:longer");
        let ns = |s: &Scopes, p: &[u8]| s.resolve_at(p).map(|i| s.namespace(i).to_vec());
        assert_eq!(ns(&scopes, b""), Some(b"urn:inner".to_vec()));
        assert_eq!(
            ns(&scopes, b"averylongprefix"),
            Some(b"urn:longer".to_vec())
        );
        assert!(scopes.bindings[scopes.resolve_at(b"i").unwrap()].xsi);
        scopes.leave(3);
        assert_eq!(ns(&scopes, b"averylongprefix"), Some(b"urn:long".to_vec()));
        scopes.leave(2);
        assert_eq!(ns(&scopes, b""), Some(b"urn:root".to_vec()));
        assert_eq!(ns(&scopes, b"averylongprefix"), None);
        scopes.leave(1);
        assert_eq!(ns(&scopes, b""), None);
        assert_eq!(ns(&scopes, b"i"), None);
        assert!(scopes.arena.is_empty() && scopes.innermost.is_empty());
    }

    #[test]
    fn text_line_ends_read_as_lf_and_controls_are_refused() {
        let mut text = String::new();
        push_text(&mut text, b"a\r\nb\rc\n\td\r").unwrap();
        assert_eq!(text, "a\nb\nc\n\td\n");
        assert!(push_text(&mut text, b"a\x01b").is_err());
        assert!(push_text(&mut text, b"a\xffb").is_err());
    }
}
