//! The byte scanner under the JSV deserializer: whitespace, token ends and
//! quoted strings, over a borrowed slice.

use std::borrow::Cow;

use crate::error::{Error, Position, Result};

const WS: u8 = 1;
/// Ends an unquoted value: `,` `}` `]`.
const VALUE_END: u8 = 2;
/// Ends an unquoted map key: `:` and the structural bytes a key cannot hold.
const KEY_END: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = WS;
    t[b'\t' as usize] = WS;
    t[b'\r' as usize] = WS;
    t[b'\n' as usize] = WS;
    t[b',' as usize] = VALUE_END | KEY_END;
    t[b'}' as usize] = VALUE_END | KEY_END;
    t[b']' as usize] = VALUE_END | KEY_END;
    t[b':' as usize] = KEY_END;
    t[b'{' as usize] = KEY_END;
    t[b'[' as usize] = KEY_END;
    t
};

/// A scalar as it appears in the input.
pub(crate) enum Scalar<'de> {
    /// Bare text; never contains `,` `}` `]`.
    Bare(&'de str),
    /// Quoted text with `""` already undone (borrowed when there was none).
    Quoted(Cow<'de, str>),
}

/// A cursor over JSV bytes.
pub(crate) struct Reader<'de> {
    pub(crate) input: &'de [u8],
    pub(crate) pos: usize,
    /// True for the pretty layout (a newline right after the first bracket):
    /// whitespace around bare strings is then layout, not content.
    pub(crate) layout: bool,
}

impl<'de> Reader<'de> {
    pub(crate) fn new(input: &'de [u8]) -> Self {
        let mut reader = Reader {
            input,
            pos: 0,
            layout: false,
        };
        let start = reader.skip_ws_from(0);
        if matches!(input.get(start), Some(b'{' | b'[')) {
            reader.layout = matches!(input.get(start + 1), Some(b'\r' | b'\n'));
        }
        reader
    }

    pub(crate) fn skip_ws_from(&self, mut i: usize) -> usize {
        while i < self.input.len() && CLASS[self.input[i] as usize] & WS != 0 {
            i += 1;
        }
        i
    }

    /// Skips whitespace; returns the next byte without consuming it.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        // Compact JSV has no whitespace between tokens: check once first.
        match self.input.get(self.pos) {
            Some(&b) if CLASS[b as usize] & WS == 0 => Some(b),
            Some(_) => {
                self.pos = self.skip_ws_from(self.pos);
                self.input.get(self.pos).copied()
            }
            None => None,
        }
    }

    /// The next byte after whitespace, without moving.
    #[inline]
    pub(crate) fn peek_no_skip(&self) -> Option<u8> {
        let i = self.skip_ws_from(self.pos);
        self.input.get(i).copied()
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        Position::from_offset(self.input, offset)
    }

    pub(crate) fn syntax_at(&self, message: impl Into<String>, offset: usize) -> Error {
        Error::syntax(message, self.position(offset))
    }

    /// A syntax error at the current byte, naming it (or the end of input).
    pub(crate) fn unexpected(&mut self, expected: &str) -> Error {
        match self.peek() {
            None => self.syntax_at(
                format!("unexpected end of input, expected {expected}"),
                self.pos,
            ),
            Some(b) => self.syntax_at(
                format!("expected {expected}, found {}", describe(b)),
                self.pos,
            ),
        }
    }

    /// Consumes `byte` (after whitespace) or fails.
    #[inline]
    pub(crate) fn expect(&mut self, byte: u8, what: &str) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn utf8(&self, start: usize, end: usize) -> Result<&'de str> {
        let input: &'de [u8] = self.input;
        std::str::from_utf8(&input[start..end])
            .map_err(|e| self.syntax_at("invalid UTF-8 in the input", start + e.valid_up_to()))
    }

    /// Reads a quoted string; `pos` is at the opening quote.
    fn quoted(&mut self) -> Result<Cow<'de, str>> {
        let open = self.pos;
        let input: &'de [u8] = self.input;
        let mut start = open + 1;
        let mut owned: Option<String> = None;
        loop {
            let Some(rel) = input[start..].iter().position(|&b| b == b'"') else {
                return Err(self.syntax_at(
                    "unexpected end of input inside a quoted string",
                    input.len(),
                ));
            };
            let quote = start + rel;
            if input.get(quote + 1) == Some(&b'"') {
                // A doubled quote stands for one.
                let piece = self.utf8(start, quote + 1)?;
                owned.get_or_insert_with(String::new).push_str(piece);
                start = quote + 2;
                continue;
            }
            let piece = self.utf8(start, quote)?;
            self.pos = quote + 1;
            return Ok(match owned {
                Some(mut s) => {
                    s.push_str(piece);
                    Cow::Owned(s)
                }
                None => Cow::Borrowed(piece),
            });
        }
    }

    /// Reads a scalar value (quoted, or bare up to `,` `}` `]`). `trim`
    /// drops whitespace around bare text.
    pub(crate) fn scalar(&mut self, trim: bool) -> Result<Scalar<'de>> {
        let after_ws = self.skip_ws_from(self.pos);
        if self.input.get(after_ws) == Some(&b'"') {
            self.pos = after_ws;
            return self.quoted().map(Scalar::Quoted);
        }
        let start = if trim { after_ws } else { self.pos };
        let mut end = start;
        let input = self.input;
        while end < input.len() && CLASS[input[end] as usize] & VALUE_END == 0 {
            end += 1;
        }
        self.pos = end;
        let mut text_end = end;
        if trim {
            while text_end > start && CLASS[input[text_end - 1] as usize] & WS != 0 {
                text_end -= 1;
            }
        }
        self.utf8(start, text_end).map(Scalar::Bare)
    }

    /// Reads a map key up to and including its `:`.
    pub(crate) fn key(&mut self, trim: bool) -> Result<Cow<'de, str>> {
        let after_ws = self.skip_ws_from(self.pos);
        let key = if self.input.get(after_ws) == Some(&b'"') {
            self.pos = after_ws;
            self.quoted()?
        } else {
            let start = if trim { after_ws } else { self.pos };
            let input = self.input;
            let mut end = start;
            while end < input.len() && CLASS[input[end] as usize] & KEY_END == 0 {
                end += 1;
            }
            self.pos = end;
            let mut text_end = end;
            if trim {
                while text_end > start && CLASS[input[text_end - 1] as usize] & WS != 0 {
                    text_end -= 1;
                }
            }
            Cow::Borrowed(self.utf8(start, text_end)?)
        };
        self.expect(b':', "`:` after a map key")?;
        Ok(key)
    }
}

/// Names a byte for an error message.
pub(crate) fn describe(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02X}")
    }
}
