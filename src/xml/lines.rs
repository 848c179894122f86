//! Line and column for errors of a streamed decode (`from_reader`), where
//! the input cannot be scanned again afterwards: the newlines are counted
//! as the parser consumes bytes.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::events::Source;
use crate::error::Position;

/// How many of the most recent newline offsets are kept: an error points
/// at most one event back from what was consumed, so a few suffice; older
/// offsets fall back to the running count.
const RECENT: usize = 64;

/// A buffered reader that counts the lines of what it hands out.
pub(crate) struct LineCounter<B> {
    inner: B,
    /// Bytes consumed so far.
    consumed: u64,
    /// Newlines among them.
    lines: u64,
    /// The offsets of the last [`RECENT`] newlines.
    recent: VecDeque<u64>,
}

impl<B: BufRead> LineCounter<B> {
    pub(crate) fn new(inner: B) -> Self {
        LineCounter {
            inner,
            consumed: 0,
            lines: 0,
            recent: VecDeque::with_capacity(RECENT),
        }
    }

    /// The line and column (one-based, in bytes) of `offset`, which must
    /// not be past what was consumed; only the offset when it is further
    /// back than the newlines remembered.
    pub(crate) fn locate(&self, offset: u64) -> Position {
        let offset = offset.min(self.consumed);
        let after = self
            .recent
            .iter()
            .rev()
            .take_while(|&&n| n >= offset)
            .count();
        if after == self.recent.len() && self.lines > after as u64 {
            // The newline before `offset` was forgotten.
            return Position {
                offset: Some(offset),
                line: 0,
                column: 0,
            };
        }
        let line_start = self
            .recent
            .iter()
            .rev()
            .find(|&&n| n < offset)
            .map_or(0, |&n| n + 1);
        Position {
            offset: Some(offset),
            line: self.lines - after as u64 + 1,
            column: offset - line_start + 1,
        }
    }
}

impl<B: BufRead> Read for LineCounter<B> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<B: BufRead> BufRead for LineCounter<B> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amount = amount.min(buf.len());
            for i in memchr::memchr_iter(b'\n', &buf[..amount]) {
                if self.recent.len() == RECENT {
                    self.recent.pop_front();
                }
                self.recent.push_back(self.consumed + i as u64);
                self.lines += 1;
            }
        }
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}

impl<B: BufRead> Source for LineCounter<B> {
    type Input = &'static [u8];

    fn input(&self) -> &'static [u8] {
        &[]
    }

    fn read<'s>(
        reader: &'s mut Reader<Self>,
        buf: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>> {
        reader.read_event_into(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_of_consumed_bytes() {
        let text = b"ab\ncd\n\nefg";
        let mut r = LineCounter::new(std::io::BufReader::with_capacity(3, &text[..]));
        let mut all = Vec::new();
        r.read_to_end(&mut all).unwrap();
        assert_eq!(all, text);
        for offset in 0..text.len() {
            let want = Position::from_offset(text, offset);
            assert_eq!(r.locate(offset as u64), want, "{offset}");
        }
    }

    #[test]
    fn far_back_offsets_keep_only_the_offset() {
        let text = "x\n".repeat(RECENT * 2);
        let mut r = LineCounter::new(std::io::BufReader::new(text.as_bytes()));
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        let near = text.len() as u64 - 3;
        assert_eq!(
            r.locate(near),
            Position::from_offset(text.as_bytes(), near as usize)
        );
        assert_eq!(r.locate(5).line, 0);
        assert_eq!(r.locate(5).offset, Some(5));
    }
}
