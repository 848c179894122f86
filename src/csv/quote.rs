//! ServiceStack's cell quoting on the way out, and the quoting checks the
//! `csv` crate leaves out on the way in.

use std::collections::VecDeque;
use std::io::{self, Read};

/// The bytes that make ServiceStack quote a cell wherever they are.
static QUOTE_IF_ANY: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b',' as usize] = true;
    table[b'\r' as usize] = true;
    table[b'\n' as usize] = true;
    table
};

/// True when ServiceStack's CsvSerializer quotes `cell`: it holds `"`, `,`,
/// CR or LF, or starts with `[` or `{` (so that nested JSV stays one cell).
pub(crate) fn needs_quotes(cell: &[u8]) -> bool {
    matches!(cell.first(), Some(b'[' | b'{')) || cell.iter().any(|&b| QUOTE_IF_ANY[usize::from(b)])
}

/// Appends `text` to `out` as a quoted cell, `"` doubled: one pass that
/// copies the runs between quotes.
pub(crate) fn append_quoted(out: &mut Vec<u8>, text: &[u8]) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    let mut from = 0;
    for quote in memchr::memchr_iter(b'"', text) {
        out.extend_from_slice(&text[from..=quote]);
        out.push(b'"');
        from = quote + 1;
    }
    out.extend_from_slice(&text[from..]);
    out.push(b'"');
}

/// Appends `cell` to `out`, quoted with `"` doubled when ServiceStack would
/// quote it, else as is.
pub(crate) fn write_cell(out: &mut Vec<u8>, cell: &[u8]) {
    let start = out.len();
    out.extend_from_slice(cell);
    quote_in_place(out, start);
}

/// Quotes the cell that runs from `start` to the end of `line` in place, if
/// ServiceStack would quote it.
pub(crate) fn quote_in_place(line: &mut Vec<u8>, start: usize) {
    if needs_quotes(&line[start..]) {
        line.insert(start, b'"');
        double_and_close(line, start + 1);
    }
}

/// Doubles every `"` from `from` to the end of `line` and appends the
/// closing quote: each run of text moves right once, back to front, by the
/// quotes doubled before it (most cells have none and do not move).
fn double_and_close(line: &mut Vec<u8>, from: usize) {
    let quotes = memchr::memchr_iter(b'"', &line[from..]).count();
    let end = line.len();
    line.resize(end + quotes + 1, b'"');
    let mut shift = quotes;
    let mut run_end = end;
    while shift > 0 {
        let quote =
            from + memchr::memrchr(b'"', &line[from..run_end]).expect("counted quotes are there");
        line.copy_within(quote + 1..run_end, quote + 1 + shift);
        line[quote + shift - 1] = b'"';
        line[quote + shift] = b'"';
        shift -= 1;
        run_end = quote;
    }
}

/// A quoting mistake found in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Violation {
    /// What is wrong.
    pub kind: ViolationKind,
    /// Zero-based byte offset of the offending quote or character.
    pub offset: u64,
    /// One-based line of that byte.
    pub line: u64,
    /// One-based column (bytes) of that byte.
    pub column: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ViolationKind {
    /// A quoted cell that the input ends inside of.
    Unterminated,
    /// Text right after a cell's closing quote (`"ab"c`).
    AfterClosingQuote,
}

impl Violation {
    pub(crate) fn message(&self) -> &'static str {
        match self.kind {
            ViolationKind::Unterminated => "unbalanced quotes: the input ends inside a quoted cell",
            ViolationKind::AfterClosingQuote => {
                "unbalanced quotes: text follows a cell's closing quote"
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    CellStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted cell: either the closing quote or the first of
    /// a doubled pair.
    QuoteSeen,
}

/// A reader that watches the bytes the `csv` crate parses for quoting
/// mistakes, which that parser accepts silently (an unterminated quote runs to
/// the end of the input; `"ab"c` reads as `abc`). Both mean the input was cut
/// or mangled, so they must be reported, not guessed at.
pub(crate) struct QuoteCheck<R> {
    inner: R,
    state: State,
    offset: u64,
    line: u64,
    line_start: u64,
    open: (u64, u64, u64),
    violation: Option<Violation>,
    /// Between records (the parser skips blank lines there).
    between_records: bool,
    /// Start offset and line of each record scanned but not yet taken.
    record_starts: VecDeque<(u64, u64)>,
}

impl<R: Read> QuoteCheck<R> {
    pub(crate) fn new(inner: R) -> Self {
        QuoteCheck {
            inner,
            state: State::CellStart,
            offset: 0,
            line: 1,
            line_start: 0,
            open: (0, 1, 1),
            violation: None,
            between_records: true,
            record_starts: VecDeque::new(),
        }
    }

    /// The first quoting mistake seen so far, which may lie ahead of the
    /// record the parser last returned (the parser reads ahead).
    pub(crate) fn violation(&self) -> Option<Violation> {
        self.violation
    }

    /// The start (byte offset, line) of the next record, in the order the
    /// parser returns them. The parser's own positions point at the LF of
    /// the previous record's CRLF, a line too early.
    pub(crate) fn take_record_start(&mut self) -> Option<(u64, u64)> {
        self.record_starts.pop_front()
    }

    /// The position just past the bytes read so far: where a read that
    /// failed was reading.
    pub(crate) fn here(&self) -> (u64, u64, u64) {
        (self.offset, self.line, self.offset - self.line_start + 1)
    }

    fn flag(&mut self, kind: ViolationKind, (offset, line, column): (u64, u64, u64)) {
        if self.violation.is_none() {
            self.violation = Some(Violation {
                kind,
                offset,
                line,
                column,
            });
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            // Inside a quoted cell only quotes (and line ends, for the line
            // count) matter, inside a bare one only commas and line ends:
            // skip the run of other bytes in one go.
            let rest = &bytes[i..];
            let run = match (self.state, b) {
                (State::Quoted, b'"' | b'\n') => None,
                (State::Quoted, _) => Some(memchr::memchr2(b'"', b'\n', rest)),
                (State::Unquoted, b',' | b'\r' | b'\n') => None,
                (State::Unquoted, _) => Some(memchr::memchr3(b',', b'\r', b'\n', rest)),
                _ => None,
            };
            if let Some(found) = run {
                let run = found.unwrap_or(rest.len());
                i += run;
                self.offset += 1 + run as u64;
                continue;
            }
            let here = (self.offset, self.line, self.offset - self.line_start + 1);
            if self.between_records && b != b'\r' && b != b'\n' {
                self.between_records = false;
                self.record_starts.push_back((self.offset, self.line));
            }
            self.state = match (self.state, b) {
                (State::CellStart, b'"') => {
                    self.open = here;
                    State::Quoted
                }
                (State::CellStart | State::Unquoted | State::QuoteSeen, b'\r' | b'\n') => {
                    self.between_records = true;
                    State::CellStart
                }
                (State::CellStart | State::Unquoted | State::QuoteSeen, b',') => State::CellStart,
                (State::CellStart | State::Unquoted, _) => State::Unquoted,
                (State::Quoted, b'"') => State::QuoteSeen,
                (State::Quoted, _) => State::Quoted,
                (State::QuoteSeen, b'"') => State::Quoted,
                (State::QuoteSeen, _) => {
                    self.flag(ViolationKind::AfterClosingQuote, here);
                    State::Unquoted
                }
            };
            self.offset += 1;
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.offset;
            }
        }
    }
}

impl<R: Read> Read for QuoteCheck<R> {
    /// Reads from the inner reader, retrying a read that was interrupted:
    /// the `csv` crate's buffer passes the error on, and would end the
    /// decoding on what `Read` says is worth retrying.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        if n == 0 {
            if self.state == State::Quoted {
                self.flag(ViolationKind::Unterminated, self.open);
            }
        } else {
            self.scan(&buf[..n]);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(cell: &str) -> String {
        let mut out = Vec::new();
        write_cell(&mut out, cell.as_bytes());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_as_servicestack() {
        // FORMATS.md §4.4.
        assert_eq!(quoted("a\tb"), "a\tb");
        assert_eq!(quoted(" lead"), " lead");
        assert_eq!(quoted("it's"), "it's");
        assert_eq!(quoted("a:b"), "a:b");
        assert_eq!(quoted("2017-08-25T03:57:47Z"), "2017-08-25T03:57:47Z");
        assert_eq!(quoted("line1\r\nline2"), "\"line1\r\nline2\"");
        assert_eq!(quoted("a\rb"), "\"a\rb\"");
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted("[w]west"), "\"[w]west\"");
        assert_eq!(quoted("w[x]"), "w[x]");
        assert_eq!(quoted("{x"), "\"{x\"");
        assert_eq!(quoted("\"\""), "\"\"\"\"\"\"");
        assert_eq!(
            quoted("[{id:b1,name:\"say \"\"hi\"\"\"}]"),
            "\"[{id:b1,name:\"\"say \"\"\"\"hi\"\"\"\"\"\"}]\""
        );
        assert_eq!(quoted(""), "");
        assert_eq!(quoted("\""), "\"\"\"\"");
        assert_eq!(quoted("a\"\"b,"), "\"a\"\"\"\"b,\"");
    }

    #[test]
    fn appends_quoted_text() {
        let mut out = b"x,".to_vec();
        append_quoted(&mut out, b"{a:\"q\",b:\"\"}");
        assert_eq!(out, b"x,\"{a:\"\"q\"\",b:\"\"\"\"}\"");
        let mut out = Vec::new();
        append_quoted(&mut out, b"[]");
        assert_eq!(out, b"\"[]\"");
    }

    #[test]
    fn quotes_in_place_after_earlier_cells() {
        let mut line = b"x,\"\"\"y\",".to_vec();
        line.extend_from_slice(b"{a:\"q\"}");
        quote_in_place(&mut line, 8);
        assert_eq!(line, b"x,\"\"\"y\",\"{a:\"\"q\"\"}\"");
        let mut plain = b"ab,cd".to_vec();
        quote_in_place(&mut plain, 3);
        assert_eq!(plain, b"ab,cd");
    }

    fn violation(input: &str) -> Option<Violation> {
        let mut r = QuoteCheck::new(input.as_bytes());
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        r.violation()
    }

    #[test]
    fn records_where_each_record_starts() {
        let mut r = QuoteCheck::new("A,B\r\n\r\n\"x\r\ny\",1\n,2\r\n".as_bytes());
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        assert_eq!(r.take_record_start(), Some((0, 1)));
        assert_eq!(r.take_record_start(), Some((7, 3)));
        assert_eq!(r.take_record_start(), Some((16, 5)));
        assert_eq!(r.take_record_start(), None);
    }

    #[test]
    fn finds_unbalanced_quotes() {
        assert_eq!(violation("A,B\r\n\"x\"\"y\",\"\"\r\n"), None);
        assert_eq!(violation("A,B\r\na\"b,c\r\n"), None);
        let v = violation("A,B\r\nx,\"abc\r\n").unwrap();
        assert_eq!(v.kind, ViolationKind::Unterminated);
        assert_eq!((v.offset, v.line, v.column), (7, 2, 3));
        let w = violation("A\r\n\"ab\"c\r\n").unwrap();
        assert_eq!(w.kind, ViolationKind::AfterClosingQuote);
        assert_eq!((w.offset, w.line, w.column), (7, 2, 5));
    }
}
