//! The byte scanner under the JSV deserializer: whitespace, token ends and
//! quoted strings, over a borrowed slice.

use std::borrow::Cow;

use crate::error::{Error, Position, Result};

const WS: u8 = 1;
/// Ends an unquoted value: `,` `}` `]`.
const VALUE_END: u8 = 2;
/// Ends an unquoted map key: `:` and the structural bytes a key cannot hold.
const KEY_END: u8 = 4;
const QUOTE: u8 = 8;

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
    t[b'"' as usize] = QUOTE;
    t
};

/// True for a byte that can start a bare token with nothing to trim: not
/// whitespace, not a quote, not structural.
#[inline(always)]
pub(crate) fn is_plain(b: u8) -> bool {
    CLASS[b as usize] == 0
}

/// True for the whitespace JSV readers skip (space, tab, CR, LF).
#[inline(always)]
pub(crate) fn is_ws(b: u8) -> bool {
    CLASS[b as usize] & WS != 0
}

/// A scalar as it appears in the input.
pub(crate) enum Scalar<'de> {
    /// Bare text; never contains `,` `}` `]`.
    Bare(&'de str),
    /// Quoted text with `""` already undone (borrowed when there was none).
    Quoted(Cow<'de, str>),
}

/// A cursor over JSV bytes.
pub(crate) struct Reader<'de> {
    /// The input up to its first invalid UTF-8 byte (all of it, normally),
    /// so that tokens are sliced from `text` without validating each one.
    pub(crate) input: &'de [u8],
    text: &'de str,
    /// The whole input, for positions.
    full: &'de [u8],
    /// Where the input stops being UTF-8: reaching it is an error.
    invalid_at: Option<usize>,
    pub(crate) pos: usize,
    /// True for the pretty layout (a newline right after the first bracket):
    /// whitespace around bare strings is then layout, not content.
    pub(crate) layout: bool,
}

impl<'de> Reader<'de> {
    pub(crate) fn new(full: &'de [u8]) -> Self {
        // One validation pass over the whole input is much cheaper than one
        // per token; tokens then end at ASCII bytes, always char boundaries.
        let (text, invalid_at) = match std::str::from_utf8(full) {
            Ok(text) => (text, None),
            Err(e) => {
                let valid = &full[..e.valid_up_to()];
                (
                    std::str::from_utf8(valid).unwrap_or_default(),
                    Some(valid.len()),
                )
            }
        };
        let input = text.as_bytes();
        let mut reader = Reader {
            input,
            text,
            full,
            invalid_at,
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
        Position::from_offset(self.full, offset)
    }

    pub(crate) fn syntax_at(&self, message: impl Into<String>, offset: usize) -> Error {
        Error::syntax(message, self.position(offset))
    }

    /// The error for running out of input at `offset`: the real end, or
    /// the first byte that is not UTF-8.
    pub(crate) fn eof(&self, message: String, offset: usize) -> Error {
        match self.invalid_at {
            Some(at) => self.syntax_at("invalid UTF-8 in the input", at),
            None => self.syntax_at(message, offset),
        }
    }

    /// A syntax error at the current byte, naming it (or the end of input).
    pub(crate) fn unexpected(&mut self, expected: &str) -> Error {
        match self.peek() {
            None => self.eof(
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

    /// The text between two byte offsets, if both are character boundaries.
    #[inline(always)]
    fn slice(&self, start: usize, end: usize) -> Option<&'de str> {
        // Two one-sided slices: their boundary checks inline, where the
        // two-sided `get` is an out-of-line call per token.
        let text: &'de str = self.text;
        text.get(..end)?.get(start..)
    }

    #[inline]
    fn utf8(&self, start: usize, end: usize) -> Result<&'de str> {
        self.slice(start, end)
            .ok_or_else(|| self.syntax_at("token split inside a character", start))
    }

    /// True when the whole input was read.
    pub(crate) fn at_end(&mut self) -> Result<bool> {
        match self.peek() {
            Some(_) => Ok(false),
            None => match self.invalid_at {
                Some(at) => Err(self.syntax_at("invalid UTF-8 in the input", at)),
                None => Ok(true),
            },
        }
    }

    /// Reads a quoted string; `pos` is at the opening quote.
    pub(crate) fn quoted(&mut self) -> Result<Cow<'de, str>> {
        let open = self.pos;
        let input: &'de [u8] = self.input;
        let mut start = open + 1;
        let mut owned: Option<String> = None;
        loop {
            let Some(rel) = memchr::memchr(b'"', &input[start..]) else {
                return Err(self.eof(
                    "unexpected end of input inside a quoted string".into(),
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

    /// The compact case of a bare value at the cursor: a plain first byte
    /// and no whitespace before the token's end, so there is nothing to trim
    /// whatever the layout. `None` leaves the cursor for the general path.
    #[inline(always)]
    pub(crate) fn plain_value(&mut self) -> Option<&'de str> {
        let input = self.input;
        let start = self.pos;
        if !is_plain(*input.get(start)?) {
            return None;
        }
        // Never empty: the first byte does not end a value.
        let end = find_end(input, start, false);
        if is_ws(input[end - 1]) {
            return None;
        }
        let text = self.slice(start, end)?;
        self.pos = end;
        Some(text)
    }

    /// The compact case of a bare map key starting at `start`: plain bytes
    /// right up to its `:`. Moves the cursor past the `:`; `None` leaves it
    /// for the general path.
    #[inline(always)]
    pub(crate) fn plain_key(&mut self, start: usize) -> Option<&'de str> {
        let input = self.input;
        if !is_plain(*input.get(start)?) {
            return None;
        }
        let end = find_end(input, start, true);
        if input.get(end) != Some(&b':') || is_ws(input[end - 1]) {
            return None;
        }
        let text = self.slice(start, end)?;
        self.pos = end + 1;
        Some(text)
    }

    /// Reads a scalar value (quoted, or bare up to `,` `}` `]`). `trim`
    /// drops whitespace around bare text.
    pub(crate) fn scalar(&mut self, trim: bool) -> Result<Scalar<'de>> {
        // Compact JSV: a bare token right here with no whitespace to trim.
        let input = self.input;
        if input.get(self.pos).is_some_and(|&b| is_plain(b)) {
            let start = self.pos;
            // Never empty: the first byte does not end a value.
            let end = find_end(input, start, false);
            if !is_ws(input[end - 1]) {
                self.pos = end;
                return self.utf8(start, end).map(Scalar::Bare);
            }
        }
        let after_ws = self.skip_ws_from(self.pos);
        if self.input.get(after_ws) == Some(&b'"') {
            self.pos = after_ws;
            return self.quoted().map(Scalar::Quoted);
        }
        let start = if trim { after_ws } else { self.pos };
        let input = self.input;
        let end = find_end(input, start, false);
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
        let input = self.input;
        if input.get(self.pos).is_some_and(|&b| is_plain(b)) {
            let start = self.pos;
            let end = find_end(input, start, true);
            if input.get(end) == Some(&b':') && !is_ws(input[end - 1]) {
                self.pos = end + 1;
                return self.utf8(start, end).map(Cow::Borrowed);
            }
        }
        let after_ws = self.skip_ws_from(self.pos);
        let key = if self.input.get(after_ws) == Some(&b'"') {
            self.pos = after_ws;
            self.quoted()?
        } else {
            let start = if trim { after_ws } else { self.pos };
            let input = self.input;
            let end = find_end(input, start, true);
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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Marks (high bit) the bytes of `word` equal to `byte`; the lowest mark
/// is exact (borrows only cause false marks above a true one).
#[inline(always)]
fn mark(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The index of the first byte at or after `start` that ends a bare value
/// (`,` `}` `]`), or with `key` a bare key (also `:` `{` `[`); the input
/// length if none. Eight bytes at a time: tokens are often long.
#[inline]
fn find_end(input: &[u8], start: usize, key: bool) -> usize {
    let mut i = start;
    while let Some(chunk) = input.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // `[` `]` differ from `{` `}` by the 0x20 bit alone.
        let folded = word | (ONES * 0x20);
        let mut hits = mark(word, b',') | mark(folded, b'}');
        if key {
            hits |= mark(word, b':') | mark(folded, b'{');
        }
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let class = if key { KEY_END } else { VALUE_END };
    while i < input.len() && CLASS[input[i] as usize] & class == 0 {
        i += 1;
    }
    i
}

/// Names a byte for an error message.
pub(crate) fn describe(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02X}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_end_agrees_with_the_byte_table() {
        // Every position of every delimiter, and bytes that fold onto them.
        let filler = b"ab\x7b\x5bc;d{e[f]g}h,i:j\xdb\xdd\xfb\xfd\x1b\x0c klmnopqrstuvwxyz";
        for len in 0..filler.len() {
            for start in 0..=len {
                let input = &filler[..len];
                for key in [false, true] {
                    let class = if key { KEY_END } else { VALUE_END };
                    let slow = (start..len)
                        .find(|&i| CLASS[input[i] as usize] & class != 0)
                        .unwrap_or(len);
                    assert_eq!(find_end(input, start, key), slow, "{input:?} {start} {key}");
                }
            }
        }
    }
}
