//! Where the decoder's events come from, and how a start tag's name (and a
//! value's plain text) is kept between events without a copy when the
//! events borrow the input.

use std::io::{BufReader, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// Where the decoder reads from: a byte slice (events borrow it, no copy)
/// or a buffered reader (events are copied into a buffer).
pub trait Source: Sized {
    /// The whole input when events borrow it (a slice), so that a start
    /// tag's name can be kept as a range of it; an empty slice otherwise.
    type Input: AsRef<[u8]>;

    /// The whole input, taken before the first event is read.
    fn input(&self) -> Self::Input;

    /// Reads the next event.
    fn read<'s>(reader: &'s mut Reader<Self>, buf: &'s mut Vec<u8>)
        -> quick_xml::Result<Event<'s>>;
}

impl<'a> Source for &'a [u8] {
    type Input = &'a [u8];

    fn input(&self) -> &'a [u8] {
        self
    }

    fn read<'s>(
        reader: &'s mut Reader<&'a [u8]>,
        _: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>> {
        reader.read_event()
    }
}

impl<R: Read> Source for BufReader<R> {
    type Input = &'static [u8];

    fn input(&self) -> &'static [u8] {
        &[]
    }

    fn read<'s>(
        reader: &'s mut Reader<BufReader<R>>,
        buf: &'s mut Vec<u8>,
    ) -> quick_xml::Result<Event<'s>> {
        reader.read_event_into(buf)
    }
}

/// The local name of the current start tag: a range of the input when the
/// event borrowed it (nothing copied), else a copy (a reader's buffer is
/// reused by the next event; a replayed name is the recording's).
pub struct Name<I> {
    input: I,
    start: usize,
    end: usize,
    copied: bool,
    copy: Vec<u8>,
}

impl<I: AsRef<[u8]>> Name<I> {
    /// An empty name over `input` (see [`Source::input`]).
    pub(super) fn new(input: I) -> Self {
        Name {
            input,
            start: 0,
            end: 0,
            copied: false,
            copy: Vec::new(),
        }
    }

    /// The name's bytes.
    #[inline]
    pub(super) fn get(&self) -> &[u8] {
        if self.copied {
            &self.copy
        } else {
            &self.input.as_ref()[self.start..self.end]
        }
    }

    /// Keeps `local`, a part of the event just read: where it lies in the
    /// input when it lies there (see [`Name::span_of`]), else a copy.
    #[inline(always)]
    pub(super) fn keep(&mut self, local: &[u8]) {
        match self.span_of(local) {
            Some((start, end)) => {
                self.start = start;
                self.end = end;
                self.copied = false;
            }
            None => self.keep_copy(local),
        }
    }

    /// Where `part`, a part of an event just read, lies in the input, when
    /// it lies there: compared as addresses, so a reader's buffer, never
    /// inside the input, has no place there.
    #[inline(always)]
    pub(super) fn span_of(&self, part: &[u8]) -> Option<(usize, usize)> {
        let input = self.input.as_ref();
        let offset = (part.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
        (offset <= input.len() && part.len() <= input.len() - offset)
            .then(|| (offset, offset + part.len()))
    }

    /// The input the names and text spans lie in (empty for a reader).
    #[inline]
    pub(super) fn input(&self) -> &[u8] {
        self.input.as_ref()
    }

    pub(super) fn keep_copy(&mut self, name: &[u8]) {
        self.copy.clear();
        self.copy.extend_from_slice(name);
        self.copied = true;
    }
}
