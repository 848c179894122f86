//! ServiceStack's JSON writing rules as a serde_json [`Formatter`].

use std::io::{self, Write};

use serde_json::ser::{CharEscape, Formatter};

use crate::number::{self, DotNetStyle, NumberFormat};

/// Writes JSON exactly as ServiceStack.Text does: compact, numbers as .NET
/// prints them, control characters (U+0000–U+001F, U+007F–U+009F) escaped
/// with uppercase `\uXXXX` except the short escapes `\b \f \n \r \t`, and
/// nothing else escaped (no `\/`, non-ASCII raw).
#[derive(Clone, Debug, Default)]
pub struct ServiceStackFormatter {
    style: DotNetStyle,
    scratch: Vec<u8>,
}

impl ServiceStackFormatter {
    /// A formatter printing numbers in `style`.
    pub fn new(style: DotNetStyle) -> Self {
        ServiceStackFormatter {
            style,
            scratch: Vec::with_capacity(32),
        }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn write_unicode_escape<W: ?Sized + Write>(w: &mut W, code: u32) -> io::Result<()> {
    let bytes = [
        b'\\',
        b'u',
        HEX[(code >> 12 & 0xF) as usize],
        HEX[(code >> 8 & 0xF) as usize],
        HEX[(code >> 4 & 0xF) as usize],
        HEX[(code & 0xF) as usize],
    ];
    w.write_all(&bytes)
}

impl Formatter for ServiceStackFormatter {
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        self.scratch.clear();
        number::write_f64(&mut self.scratch, value, self.style, NumberFormat::ToString);
        w.write_all(&self.scratch)
    }

    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(w, f64::from(value))
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        let short: &[u8] = match escape {
            CharEscape::Quote => b"\\\"",
            CharEscape::ReverseSolidus => b"\\\\",
            CharEscape::Solidus => b"/",
            CharEscape::Backspace => b"\\b",
            CharEscape::FormFeed => b"\\f",
            CharEscape::LineFeed => b"\\n",
            CharEscape::CarriageReturn => b"\\r",
            CharEscape::Tab => b"\\t",
            CharEscape::AsciiControl(byte) => return write_unicode_escape(w, byte.into()),
        };
        w.write_all(short)
    }

    // serde_json escapes only below U+0020; ServiceStack also escapes DEL and
    // the C1 controls (char.IsControl), which arrive here unescaped.
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == 0x7F {
                w.write_all(&bytes[start..i])?;
                write_unicode_escape(w, 0x7F)?;
                i += 1;
                start = i;
            } else if b == 0xC2 && i + 1 < bytes.len() && (0x80..=0x9F).contains(&bytes[i + 1]) {
                w.write_all(&bytes[start..i])?;
                write_unicode_escape(w, u32::from(bytes[i + 1]))?;
                i += 2;
                start = i;
            } else {
                i += 1;
            }
        }
        w.write_all(&bytes[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(s: &str) -> String {
        let mut out = Vec::new();
        let mut ser =
            serde_json::Serializer::with_formatter(&mut out, ServiceStackFormatter::default());
        serde::Serialize::serialize(s, &mut ser).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_as_servicestack() {
        // Hand-checked against FORMATS.md §3.2 and hand-str-ctrl-json.
        assert_eq!(
            encode("bs\u{8}ff\u{c} us\u{1f} del\u{7f}"),
            r#""bs\bff\f us\u001F del\u007F""#
        );
        assert_eq!(
            encode("nbsp\u{a0}nel\u{85}ls\u{2028}end"),
            "\"nbsp\u{a0}nel\\u0085ls\u{2028}end\""
        );
        assert_eq!(encode("a/b\\c\"d"), r#""a/b\\c\"d""#);
        assert_eq!(encode("\u{0}\u{9f}é😀"), "\"\\u0000\\u009Fé😀\"");
    }
}
