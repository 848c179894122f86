//! CSV decoding under hostile input and readers (issue 15): interrupted
//! reads, errors that must say where they are, and messages that quote
//! input.

use std::io::{self, Read};

use evovoice_codec::csv;
use evovoice_codec::model::{Struct, Tag, TagColors};

/// A reader that fails every other call with `Interrupted` and otherwise
/// hands out at most `chunk` bytes, as a read cut short by a signal does.
struct Interrupting<'a> {
    rest: &'a [u8],
    chunk: usize,
    interrupt: bool,
}

impl<'a> Interrupting<'a> {
    fn new(text: &'a str, chunk: usize) -> Self {
        Interrupting {
            rest: text.as_bytes(),
            chunk,
            interrupt: true,
        }
    }
}

impl Read for Interrupting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.interrupt = !self.interrupt;
        if !self.interrupt {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "signal"));
        }
        let n = self.chunk.min(buf.len()).min(self.rest.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

#[test]
fn interrupted_reads_are_retried_not_fatal() {
    // The examples of `csv`'s module documentation.
    let tags = "Id,Name,Color\r\nt1,\"vip, gold\",Gold\r\n,\"[new]\",Cyan\r\n";
    let expected = vec![
        Tag {
            id: Some("t1".into()),
            name: Some("vip, gold".into()),
            color: TagColors::Gold,
        },
        Tag {
            id: None,
            name: Some("[new]".into()),
            color: TagColors::Cyan,
        },
    ];
    for chunk in [1, 3, 64] {
        let read: Vec<Tag> = csv::from_reader(Interrupting::new(tags, chunk))
            .unwrap_or_else(|e| panic!("chunks of {chunk}: {e}"));
        assert_eq!(read, expected, "chunks of {chunk}");

        let rows: Vec<Tag> = csv::iter_from_reader(Interrupting::new(tags, chunk))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("rows in chunks of {chunk}: {e}"));
        assert_eq!(rows, expected, "rows in chunks of {chunk}");

        let data = "Key,Value\r\n\"{key:seats,value:{numberValue:12}}\"\r\n";
        let read: Struct = csv::from_reader(Interrupting::new(data, chunk))
            .unwrap_or_else(|e| panic!("Struct in chunks of {chunk}: {e}"));
        assert_eq!(read, Struct::new().with("seats", 12.0), "chunks of {chunk}");
    }
}
