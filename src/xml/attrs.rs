//! The attributes of a start tag as the decoder takes them in: those
//! DataContractSerializer writes (namespace declarations and `i:nil`) split
//! without quick-xml's general attribute parser.

use super::scopes::{prefix_key, split_name, Scopes, LONG_PREFIX};

/// True when `needle` occurs in `raw`.
pub(super) fn contains(raw: &[u8], needle: &[u8]) -> bool {
    // The first-byte test keeps the common miss from calling memcmp.
    let first = needle[0];
    raw.windows(needle.len())
        .any(|w| w[0] == first && w == needle)
}

/// The most attributes [`simple_attributes`] splits.
pub(super) const MAX_SIMPLE: usize = 4;

/// Splits attributes written the plain way (` name="value"`, names of
/// letters, digits, `_-.:`, values without `<`, `&` or quotes, no name
/// twice, at most [`MAX_SIMPLE`]) into `out`; `None` for anything else,
/// which quick-xml's general parser then reads.
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

/// Takes in one attribute of a start tag: a namespace declaration, or a
/// `nil` (its prefix's [`prefix_key`] kept in `nil_key`, the prefix itself
/// in `nil_prefix` when long, to be resolved once the tag's declarations
/// are all in).
pub(super) fn attribute(
    scopes: &mut Scopes,
    depth: usize,
    (nil_key, nil_prefix): (&mut u64, &mut Vec<u8>),
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
        *nil_key = prefix_key(prefix);
        if *nil_key == LONG_PREFIX {
            nil_prefix.clear();
            nil_prefix.extend_from_slice(prefix);
        }
        *nil = Some(value == b"true" || value == b"1");
    }
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
