//! The low-level XML writer: elements, namespace scopes and prefixes, text
//! escaping and indentation, byte for byte as .NET's `XmlWriter` under
//! DataContractSerializer produces them.
//!
//! Why the namespace bookkeeping: DataContractSerializer asks its writer for
//! the prefix of each element's namespace and declares a new one
//! (`xmlns:d{depth}p1`) only when the namespace is not already in scope, so
//! where declarations appear depends on the whole ancestry.

use super::contract::XSI_NS;
use crate::number::write_u64;

mod planned;

pub use self::planned::{pad, Planned};

/// A namespace binding in scope: the default namespace, or the generated
/// prefix `d{depth}p1` declared on the element at that depth.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Prefix {
    /// The default namespace (`xmlns="…"`).
    Default,
    /// `d{depth}p1`, declared on the element at that depth.
    Generated(usize),
}

struct Frame {
    /// Where the qualified name sits in the start tag (`out[tag..tag +
    /// tag_len]`): the end tag copies it from there. Reordering only moves
    /// whole elements that have ended, so it stays put while open.
    tag: usize,
    tag_len: usize,
    bindings: usize,
    has_children: bool,
}

/// A character XML 1.0 cannot carry, found in text.
#[derive(Debug)]
pub struct InvalidChar(pub char);

/// Writes elements into a byte buffer.
pub struct XmlWriter {
    /// The output so far.
    pub out: Vec<u8>,
    pretty: bool,
    bindings: Vec<(Prefix, &'static str)>,
    stack: Vec<Frame>,
    tag_open: bool,
    /// A default-namespace declaration the open start tag still owes: the
    /// writer puts it after every explicit attribute, as .NET's does.
    pending_default: Option<&'static str>,
}

// Bytes that need attention in text: the escaped `& < >`, CR (written as
// the platform newline, `\n`) and the controls XML 1.0 cannot carry.
const fn special_bytes() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != 0x09 && b != 0x0A;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    // Lead byte of U+FFFE/U+FFFF (checked further in `escape`).
    t[0xEF] = true;
    t
}
static SPECIAL: [bool; 256] = special_bytes();

/// `d{depth}p1:` for the depths real documents reach, so writing a prefix
/// is one copy.
const PREFIXES: [&str; 16] = [
    "d0p1:", "d1p1:", "d2p1:", "d3p1:", "d4p1:", "d5p1:", "d6p1:", "d7p1:", "d8p1:", "d9p1:",
    "d10p1:", "d11p1:", "d12p1:", "d13p1:", "d14p1:", "d15p1:",
];

impl XmlWriter {
    /// A writer; `pretty` indents two spaces per level.
    pub fn new(pretty: bool, capacity: usize) -> Self {
        XmlWriter {
            out: Vec::with_capacity(capacity),
            pretty,
            bindings: Vec::with_capacity(16),
            stack: Vec::with_capacity(16),
            tag_open: false,
            pending_default: None,
        }
    }

    /// True when no element is open (nothing written yet, or a whole
    /// document).
    pub fn is_idle(&self) -> bool {
        self.stack.is_empty()
    }

    /// The XML declaration DataContractSerializer's writer starts with.
    pub fn declaration(&mut self) {
        self.out
            .extend_from_slice(br#"<?xml version="1.0" encoding="utf-8"?>"#);
    }

    fn lookup(&self, ns: &'static str) -> Option<Prefix> {
        lookup_in(&[], &self.bindings, ns)
    }

    fn newline_indent(&mut self, depth: usize) {
        self.out.push(b'\n');
        self.out
            .extend(std::iter::repeat_n(b' ', 2 * depth.saturating_sub(1)));
    }

    /// Closes the open start tag (if any) with `>`.
    #[inline]
    pub fn close_start_tag(&mut self) {
        if self.tag_open {
            if self.pending_default.is_some() {
                self.write_pending_default();
            }
            self.out.push(b'>');
            self.tag_open = false;
        }
    }

    #[cold]
    fn write_pending_default(&mut self) {
        if let Some(ns) = self.pending_default.take() {
            self.out.extend_from_slice(b" xmlns=\"");
            self.out.extend_from_slice(ns.as_bytes());
            self.out.push(b'"');
        }
    }

    /// Opens the root element: `xmlns:i` first, the default namespace last.
    pub fn start_root(&mut self, name: &'static str, ns: &'static str) {
        if self.pretty {
            self.out.push(b'\n');
        }
        self.out.push(b'<');
        let tag = self.out.len();
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b" xmlns:i=\"");
        self.out.extend_from_slice(XSI_NS.as_bytes());
        self.out.push(b'"');
        self.bindings.push((Prefix::Default, ns));
        self.pending_default = Some(ns);
        self.stack.push(Frame {
            tag,
            tag_len: name.len(),
            bindings: 0,
            has_children: false,
        });
        self.tag_open = true;
    }

    /// Declares `ns` on the open start tag as `d{depth}p1` unless a prefix
    /// (or the default namespace) already maps to it.
    pub fn declare(&mut self, ns: &'static str) {
        if !self.tag_open || self.lookup(ns).is_some() {
            return;
        }
        let depth = self.stack.len();
        self.out.extend_from_slice(b" xmlns:");
        self.write_prefix(Some(depth));
        self.out.pop();
        self.out.extend_from_slice(b"=\"");
        self.out.extend_from_slice(ns.as_bytes());
        self.out.push(b'"');
        self.bindings.push((Prefix::Generated(depth), ns));
    }

    fn write_prefix(&mut self, prefix: Option<usize>) {
        write_prefix_into(&mut self.out, prefix);
    }

    /// Marks the open element nil (`i:nil="true"`).
    pub fn nil(&mut self) {
        if self.tag_open {
            self.out.extend_from_slice(b" i:nil=\"true\"");
        }
    }

    /// Closes the innermost element: ` />` if nothing was written inside.
    pub fn end(&mut self) {
        self.close(|out, frame| {
            out.extend_from_slice(b"</");
            out.extend_from_within(frame.tag..frame.tag + frame.tag_len);
            out.push(b'>');
        });
    }

    /// Closes the innermost element: ` />` if nothing was written inside,
    /// else its end tag, which `end_tag` writes (the planned writer has it
    /// ready; [`XmlWriter::end`] copies it from the start tag).
    #[inline(always)]
    fn close(&mut self, end_tag: impl FnOnce(&mut Vec<u8>, &Frame)) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if self.tag_open {
            self.write_pending_default();
            self.out.extend_from_slice(b" />");
            self.tag_open = false;
        } else {
            if self.pretty && frame.has_children {
                self.newline_indent(self.stack.len() + 1);
            }
            end_tag(&mut self.out, &frame);
        }
        self.bindings.truncate(frame.bindings);
    }

    /// Text content as-is (numbers, booleans, enum names: nothing to escape).
    pub fn raw_text(&mut self) -> &mut Vec<u8> {
        self.close_start_tag();
        &mut self.out
    }

    /// Text content: `& < >` escaped, CR and CRLF written as `\n`; a
    /// character XML 1.0 cannot carry is an error.
    pub fn text(&mut self, s: &str) -> Result<(), InvalidChar> {
        self.close_start_tag();
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        loop {
            i = next_special(bytes, i);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if !SPECIAL[b as usize] {
                // Tab or LF.
                i += 1;
                continue;
            }
            let replacement: &[u8] = match b {
                b'&' => b"&amp;",
                b'<' => b"&lt;",
                b'>' => b"&gt;",
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => b"",
                b'\r' => b"\n",
                0xEF => {
                    // U+FFFE and U+FFFF are not XML characters either.
                    if bytes.get(i + 1) == Some(&0xBF)
                        && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
                    {
                        let c = if bytes[i + 2] == 0xBE {
                            '\u{FFFE}'
                        } else {
                            '\u{FFFF}'
                        };
                        return Err(InvalidChar(c));
                    }
                    i += 1;
                    continue;
                }
                other => return Err(InvalidChar(char::from(other))),
            };
            self.out.extend_from_slice(&bytes[start..i]);
            self.out.extend_from_slice(replacement);
            i += 1;
            start = i;
        }
        self.out.extend_from_slice(&bytes[start..]);
        Ok(())
    }
}

/// The index of the first byte from `i` on that may need attention (one
/// [`SPECIAL`] marks, or tab or LF), or the length. Text is mostly plain,
/// so eight bytes are tested at once: a lane below 0x20 or equal to `&`,
/// `<`, `>` or 0xEF is a hit, and the lowest hit is exact (the borrows
/// that make false hits only run upwards from a true one). The last
/// partial chunk is tested as the text's last eight bytes, so short tails
/// need no byte loop either.
#[inline]
fn next_special(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    fn hits(chunk: &[u8]) -> u64 {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let zero_lane = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        (x.wrapping_sub(ONES * 0x20) & !x & HIGH)
            | zero_lane(x ^ (ONES * u64::from(b'&')))
            | zero_lane(x ^ (ONES * u64::from(b'<')))
            | zero_lane(x ^ (ONES * u64::from(b'>')))
            | zero_lane(x ^ (ONES * 0xEF))
    }
    let n = bytes.len();
    while let Some(chunk) = bytes.get(i..i + 8) {
        let hit = hits(chunk);
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i >= n {
        return n;
    }
    if n >= 8 {
        // Lanes before `i` were handled already.
        let hit = hits(&bytes[n - 8..]) & (u64::MAX << (8 * (i - (n - 8))));
        return if hit == 0 {
            n
        } else {
            n - 8 + (hit.trailing_zeros() / 8) as usize
        };
    }
    while i < n && !SPECIAL[bytes[i] as usize] {
        i += 1;
    }
    i
}

fn write_prefix_into(out: &mut Vec<u8>, prefix: Option<usize>) {
    if let Some(depth) = prefix {
        match PREFIXES.get(depth) {
            Some(p) => out.extend_from_slice(p.as_bytes()),
            None => {
                out.push(b'd');
                write_u64(out, depth as u64);
                out.extend_from_slice(b"p1:");
            }
        }
    }
}

/// The prefix `ns` has with `inner` bindings (innermost last) in scope
/// inside `outer` ones; only the innermost default namespace counts.
fn lookup_in(
    inner: &[(Prefix, &'static str)],
    outer: &[(Prefix, &'static str)],
    ns: &'static str,
) -> Option<Prefix> {
    let mut default_seen = false;
    for &(prefix, bound) in inner.iter().rev().chain(outer.iter().rev()) {
        if prefix == Prefix::Default {
            if default_seen {
                continue;
            }
            default_seen = true;
        }
        // Namespaces are interned (see `contract::namespace`): equal
        // URIs are the same pointer.
        if std::ptr::eq(bound, ns) {
            return Some(prefix);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Result<String, InvalidChar> {
        let mut w = XmlWriter::new(false, 16);
        w.text(s)?;
        Ok(String::from_utf8(w.out).unwrap())
    }

    #[test]
    fn escapes_only_amp_lt_gt_and_rewrites_cr() {
        // FORMATS.md §5.8.
        assert_eq!(
            text("<b>&amp;</b>").unwrap(),
            "&lt;b&gt;&amp;amp;&lt;/b&gt;"
        );
        assert_eq!(text("say \"hi\" it's\ta").unwrap(), "say \"hi\" it's\ta");
        assert_eq!(text("a\r\nb\rc\nd").unwrap(), "a\nb\nc\nd");
        assert_eq!(
            text("café 中文 😀 \u{FFFD}").unwrap(),
            "café 中文 😀 \u{FFFD}"
        );
    }

    #[test]
    fn finds_specials_at_every_position_of_long_text() {
        // The eight-byte scan must stop on each lane; tab and LF stop it
        // without being special.
        for p in 0..24 {
            for (c, want) in [
                ("&", "&amp;"),
                ("<", "&lt;"),
                (">", "&gt;"),
                ("\r", "\n"),
                ("\t", "\t"),
                ("\n", "\n"),
                ("\u{FFFD}", "\u{FFFD}"),
                ("é", "é"),
            ] {
                let (before, after) = ("x".repeat(p), "y".repeat(23 - p));
                let got = text(&format!("{before}{c}{after}&")).unwrap();
                assert_eq!(got, format!("{before}{want}{after}&amp;"));
            }
            let bad = format!("{}\u{1}{}", "x".repeat(p), "y".repeat(9));
            assert_eq!(text(&bad).unwrap_err().0, '\u{1}');
            let bad = format!("{}\u{FFFF}{}", "x".repeat(p), "y".repeat(9));
            assert_eq!(text(&bad).unwrap_err().0, '\u{FFFF}');
        }
    }

    #[test]
    fn matches_a_byte_at_a_time_escape_on_every_short_mix() {
        fn reference(s: &str) -> String {
            s.replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        }
        let alphabet = ['a', '&', '<', '>', '\r', '\n', '\t', 'é'];
        for len in 0..19usize {
            for seed in 0..64usize {
                let s: String = (0..len)
                    .map(|k| alphabet[(seed * 7 + k * k * 3 + k * seed) % alphabet.len()])
                    .collect();
                assert_eq!(text(&s).unwrap(), reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn rejects_characters_xml_cannot_carry() {
        for c in [
            '\u{0}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            let s = format!("a{c}b");
            assert_eq!(text(&s).unwrap_err().0, c);
        }
    }
}
