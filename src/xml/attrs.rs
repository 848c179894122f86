//! The attributes of a start tag as the decoder takes them in: those
//! DataContractSerializer writes (namespace declarations and `i:nil`) split
//! without quick-xml's general attribute parser.

use super::scopes::{prefix_key, split_name, Scopes, LONG_PREFIX};
use crate::error::excerpt;

/// The most attributes [`simple_attributes`] splits.
pub(super) const MAX_SIMPLE: usize = 4;

/// Splits attributes written the plain way (` name="value"`, names of
/// letters, digits, `_-.:`, values of printable ASCII without `<`, `&` or
/// quotes, so that they need no reference resolved, no white space
/// normalized and no character checked; no name twice, at most
/// [`MAX_SIMPLE`]) into `out`; `None` for anything else, which quick-xml's
/// general parser then reads.
pub(super) fn simple_attributes<'r>(
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
        while i < raw.len() && NAME_BYTE[usize::from(raw[i])] {
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
        if !rest[..len].iter().all(|&b| matches!(b, 0x20..=0x7e)) {
            return None;
        }
        out[n] = (name, &rest[..len]);
        n += 1;
        i = value_start + len + 1;
    }
}

/// How many attribute lists [`SplitCache`] keeps: more than the distinct
/// lists a DataContract document of this model repeats (13 in the
/// benchmark's), which come round once per customer.
const SPLIT_CACHE_SIZE: usize = 16;

/// The longest attribute list [`SplitCache`] keeps: longer than any
/// DataContractSerializer writes (about 130 bytes: `xmlns:i` and a
/// default namespace), so that a huge list is neither copied nor compared
/// again.
const MAX_CACHED: usize = 512;

/// The attribute lists [`simple_attributes`] split last, kept as offsets so
/// that the next tag with the same bytes is not split again:
/// DataContractSerializer repeats a declaration on every member of a type
/// from another namespace, and on every dictionary value.
#[derive(Default)]
pub(super) struct SplitCache {
    entries: Vec<CachedSplit>,
    /// The entry the next new list replaces once the cache is full.
    victim: usize,
}

struct CachedSplit {
    raw: Vec<u8>,
    /// The last 8 bytes of `raw` (fewer, zero-padded, when shorter): with
    /// the length, enough to tell the lists of one document apart without
    /// comparing them whole.
    tail: u64,
    /// What [`simple_attributes`] said of `raw`.
    split: Option<usize>,
    /// Each attribute's name and value as ranges of `raw`.
    spans: [(usize, usize, usize, usize); MAX_SIMPLE],
}

/// [`CachedSplit::tail`] of `raw`.
#[inline]
fn tail_of(raw: &[u8]) -> u64 {
    match raw.last_chunk::<8>() {
        Some(last) => u64::from_le_bytes(*last),
        None => raw.iter().fold(0, |w, &b| (w << 8) | u64::from(b)),
    }
}

impl SplitCache {
    /// [`simple_attributes`], or its answer for the same bytes before.
    #[inline]
    pub(super) fn split<'r>(
        &mut self,
        raw: &'r [u8],
        out: &mut [(&'r [u8], &'r [u8]); MAX_SIMPLE],
    ) -> Option<usize> {
        let tail = tail_of(raw);
        let known = self
            .entries
            .iter()
            .find(|e| e.tail == tail && e.raw.len() == raw.len() && e.raw == raw);
        if let Some(entry) = known {
            let n = entry.split?;
            for (slot, &(a, b, c, d)) in out.iter_mut().zip(&entry.spans[..n]) {
                *slot = (&raw[a..b], &raw[c..d]);
            }
            return Some(n);
        }
        let split = simple_attributes(raw, out);
        if raw.len() > MAX_CACHED {
            return split;
        }
        let mut entry = CachedSplit {
            raw: raw.to_vec(),
            tail,
            split,
            spans: [(0, 0, 0, 0); MAX_SIMPLE],
        };
        let base = raw.as_ptr() as usize;
        let at = |part: &[u8]| (part.as_ptr() as usize).wrapping_sub(base);
        for (span, &(name, value)) in entry.spans.iter_mut().zip(&out[..split.unwrap_or(0)]) {
            let (n, v) = (at(name), at(value));
            *span = (n, n + name.len(), v, v + value.len());
        }
        if self.entries.len() < SPLIT_CACHE_SIZE {
            self.entries.push(entry);
        } else {
            self.entries[self.victim] = entry;
            self.victim = (self.victim + 1) % SPLIT_CACHE_SIZE;
        }
        split
    }
}

/// The prefix of the `nil` attribute when it is the tag's only attribute,
/// written as DataContractSerializer writes it (` p:nil="true"`, with a
/// space before the end of an empty tag).
#[inline]
pub(super) fn nil_only(raw: &[u8]) -> Option<&[u8]> {
    let raw = match raw.split_last() {
        Some((b' ', rest)) => rest,
        _ => raw,
    };
    // Arrays of fixed length compare as a few words, not through memcmp.
    let (rest, suffix) = raw.split_last_chunk::<11>()?;
    if suffix != b":nil=\"true\"" {
        return None;
    }
    let (&space, rest) = rest.split_first()?;
    let short_name = space == b' '
        && (1..=7).contains(&rest.len())
        && rest.iter().all(|&b| NAME_BYTE[usize::from(b)] && b != b':');
    short_name.then_some(rest)
}

/// The bytes [`simple_attributes`] takes in a name: ASCII letters and
/// digits, `_-.:`.
static NAME_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':');
        b += 1;
    }
    table
};

/// The prefix bound to XML's own namespace without a declaration.
const XML_PREFIX: &[u8] = b"xml";

/// Takes in one attribute of a start tag (its value as
/// [`attribute_value`] gives it): a namespace declaration, or a `nil`
/// (its prefix's [`prefix_key`] kept in `nil_key`, the prefix itself in
/// `nil_prefix` when long, to be resolved once the tag's declarations are
/// all in). `Some(true)` for any other attribute with a prefix, which must
/// be declared too (see [`undeclared_prefix`]); `None` for a declaration
/// XML Namespaces forbids, a prefix bound to nothing (see
/// [`refused_declaration`]).
#[inline]
pub(super) fn attribute(
    scopes: &mut Scopes,
    depth: usize,
    (nil_key, nil_prefix): (&mut u64, &mut Vec<u8>),
    nil: &mut Option<bool>,
    key: &[u8],
    value: &[u8],
) -> Option<bool> {
    if let Some(rest) = key.strip_prefix(b"xmlns") {
        match rest {
            [] => {
                scopes.declare(depth, b"", value);
                return Some(false);
            }
            [b':', prefix @ ..] => {
                if value.is_empty() {
                    return None;
                }
                scopes.declare(depth, prefix, value);
                return Some(false);
            }
            _ => {}
        }
    }
    let (prefix, local) = split_name(key);
    if local == b"nil" {
        *nil_key = prefix_key(prefix);
        if *nil_key == LONG_PREFIX {
            nil_prefix.clear();
            nil_prefix.extend_from_slice(prefix);
        }
        *nil = Some(value == b"true" || value == b"1");
        // Resolved by the caller, with the `nil` it may mean.
        return Some(false);
    }
    Some(!prefix.is_empty() && prefix != XML_PREFIX)
}

/// The error for the attribute `key` that [`attribute`] refused: a
/// namespace prefix declared empty.
#[cold]
#[inline(never)]
pub(super) fn refused_declaration(key: &[u8]) -> String {
    format!(
        "the namespace declaration {} is empty, which XML Namespaces 1.0 does not allow for a prefix",
        excerpt(&String::from_utf8_lossy(key))
    )
}

/// The error for `key`, an attribute whose prefix is not declared, when it
/// is not (the tag's own declarations taken in); `None` when it is.
pub(super) fn undeclared_prefix(scopes: &mut Scopes, key: &[u8]) -> Option<String> {
    let (prefix, _) = split_name(key);
    if scopes.resolve_key(prefix_key(prefix), prefix).is_some() {
        return None;
    }
    Some(format!(
        "the prefix of the attribute {} is not declared",
        excerpt(&String::from_utf8_lossy(key))
    ))
}

/// True for a character XML 1.0 allows (its `Char` production): what text,
/// attribute values and character references may hold.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// An attribute's value as XML reads it: character and entity references
/// resolved, and each literal tab, newline or carriage return (a CRLF
/// counting once) read as a space, as XML 1.0 normalizes attribute values
/// (3.3.3). A value of printable ASCII without `&` or `<`, which is every
/// value DataContractSerializer writes, is returned as it is; any other is
/// built in `scratch`. An error for `<`, an unknown entity, a malformed or
/// non-character reference, invalid UTF-8 or a character XML 1.0 does not
/// allow.
pub(super) fn attribute_value<'v>(
    raw: &'v [u8],
    scratch: &'v mut Vec<u8>,
) -> Result<&'v [u8], String> {
    if raw
        .iter()
        .all(|&b| matches!(b, 0x20..=0x7e) && b != b'&' && b != b'<')
    {
        return Ok(raw);
    }
    let text = std::str::from_utf8(raw).map_err(|_| "an attribute value is not valid UTF-8")?;
    scratch.clear();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '<' => return Err("`<` in an attribute value".into()),
            '&' => {
                let rest = &text[at + 1..];
                let Some(end) = rest.find(';') else {
                    return Err(format!(
                        "an unterminated reference {} in an attribute value",
                        excerpt(&text[at..])
                    ));
                };
                let name = &rest[..end];
                let mut utf8 = [0; 4];
                let resolved = match name.strip_prefix('#') {
                    Some(number) => char_reference(number).map(|c| &*c.encode_utf8(&mut utf8)),
                    None => quick_xml::escape::resolve_predefined_entity(name),
                };
                let Some(resolved) = resolved else {
                    let what = if name.starts_with('#') {
                        "an invalid character reference"
                    } else {
                        "an unknown entity"
                    };
                    return Err(format!(
                        "{what} {} in an attribute value",
                        excerpt(&text[at..at + end + 2])
                    ));
                };
                scratch.extend_from_slice(resolved.as_bytes());
                // Past the reference: `end` bytes of its name and `;`.
                for _ in rest[..=end].chars() {
                    chars.next();
                }
            }
            '\t' | '\n' => scratch.push(b' '),
            '\r' => {
                scratch.push(b' ');
                if text[at + 1..].starts_with('\n') {
                    chars.next();
                }
            }
            c if !is_xml_char(c) => {
                return Err(format!(
                    "the character U+{:04X} in an attribute value is not allowed in XML 1.0",
                    u32::from(c)
                ))
            }
            c => scratch.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    Ok(scratch)
}

/// The character a reference `&#number;` names (`number` in decimal, or
/// hexadecimal after `x`), when it is one XML allows.
fn char_reference(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    // `from_str_radix` takes a sign, which a reference has not.
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    char::from_u32(code).filter(|&c| is_xml_char(c))
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
    fn the_split_cache_answers_as_simple_attributes_does() {
        let mut cache = SplitCache::default();
        for raw in [
            &br#" xmlns:d2p1="urn:a""#[..],
            br#" xmlns:d2p1="urn:a""#,
            br#" xmlns:d2p1="urn:b" i:nil="true""#,
            br#" xmlns:d2p1="urn:b" i:nil="true""#,
            br#" a='1'"#,
            br#" a='1'"#,
            b"",
            br#" xmlns:d2p1="urn:a""#,
        ] {
            let mut cached = [(&b""[..], &b""[..]); MAX_SIMPLE];
            let mut plain = [(&b""[..], &b""[..]); MAX_SIMPLE];
            let n = cache.split(raw, &mut cached);
            assert_eq!(n, simple_attributes(raw, &mut plain), "{raw:?}");
            let n = n.unwrap_or(0);
            assert_eq!(cached[..n], plain[..n], "{raw:?}");
        }
    }

    #[test]
    fn the_split_cache_stays_right_past_its_size() {
        let mut cache = SplitCache::default();
        let lists: Vec<Vec<u8>> = (0..3 * SPLIT_CACHE_SIZE)
            .map(|i| format!(r#" xmlns:p{i}="urn:{}" i:nil="true""#, i % 7).into_bytes())
            .collect();
        // Three passes, the last backwards: lists met again after they were
        // evicted and while they are kept.
        for raw in lists.iter().chain(&lists).chain(lists.iter().rev()) {
            let mut cached = [(&b""[..], &b""[..]); MAX_SIMPLE];
            let mut plain = [(&b""[..], &b""[..]); MAX_SIMPLE];
            let n = cache.split(raw, &mut cached);
            assert_eq!(n, simple_attributes(raw, &mut plain));
            assert_eq!(n, Some(2));
            assert_eq!(cached[..2], plain[..2]);
        }
        assert_eq!(cache.entries.len(), SPLIT_CACHE_SIZE);
    }

    #[test]
    fn attribute_values_read_as_xml_normalizes_them() {
        let mut scratch = Vec::new();
        let mut read = |raw: &[u8]| attribute_value(raw, &mut scratch).map(<[u8]>::to_vec);
        assert_eq!(read(b"urn:plain").unwrap(), b"urn:plain");
        assert_eq!(read(b"a&amp;b&lt;&gt;&quot;&apos;").unwrap(), b"a&b<>\"'");
        assert!(read(b"&#115;&#x73;&#X73;").unwrap_err().contains("&#X73;"));
        assert_eq!(read(b"&#115;&#x73;").unwrap(), b"ss");
        // Literal white space reads as spaces (a CRLF as one); referenced, it
        // stays.
        assert_eq!(read(b"a\tb\nc\r\nd\re").unwrap(), b"a b c d e");
        assert_eq!(read(b"&#9;&#10;&#13;").unwrap(), b"\t\n\r");
        assert_eq!(
            read("caf\u{e9}".as_bytes()).unwrap(),
            "caf\u{e9}".as_bytes()
        );
        for bad in [
            &b"a<b"[..],
            b"&bogus;",
            b"&amp",
            b"&#;",
            b"&#x;",
            b"&#-1;",
            b"&#0;",
            b"&#xFFFE;",
            b"&#xD800;",
            b"&#x110000;",
            b"\x01",
            b"\xff",
            "\u{FFFF}".as_bytes(),
        ] {
            assert!(read(bad).is_err(), "{bad:?}");
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
}
