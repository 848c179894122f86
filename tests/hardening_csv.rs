//! CSV decoding under hostile input and readers (issue 15): interrupted
//! reads, errors that must say where they are, and messages that quote
//! input.

use std::collections::HashMap;
use std::io::{self, Read};

use evovoice_codec::model::{CustomerInfo, EntityIntegrationData, Struct, Tag, TagColors};
use evovoice_codec::{csv, Category, DecodeOptions, Error};

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

/// One bad input and where its error must say it is.
struct Case {
    what: &'static str,
    error: Error,
    category: Category,
    line: u64,
    offset: u64,
    /// Further words the message must hold (row, column, header).
    says: &'static [&'static str],
}

fn decode<T: serde::de::DeserializeOwned + std::fmt::Debug>(input: &[u8], limit: usize) -> Error {
    let options = DecodeOptions::new().depth_limit(limit);
    csv::from_slice_with::<T>(input, &options).expect_err("bad input")
}

fn strict<T: serde::de::DeserializeOwned + std::fmt::Debug>(input: &[u8]) -> Error {
    let options = DecodeOptions::new().strict(true);
    csv::from_slice_with::<T>(input, &options).expect_err("bad input")
}

/// A reader that hands out `text`, then fails.
struct FailingAfter<'a>(&'a [u8]);

impl Read for FailingAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() {
            return Err(io::Error::other("disk gone"));
        }
        let n = buf.len().min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn every_csv_decode_error_names_where_it_is() {
    use Category::*;
    // The dictionary shape is `Key,Value` and rows of `{key:…,value:…}`
    // cells (tests/vectors/hand-struct-null-value); the first row starts
    // at byte 11 on line 2. A row of one such entry is 33 bytes.
    let entry_v = "\"{key:k,value:{stringValue:v}}\"";
    let cases = [
        Case {
            what: "the same Struct key in two rows",
            error: decode::<Struct>(
                format!("Key,Value\r\n{entry_v}\r\n\"{{key:k,value:{{stringValue:w}}}}\"\r\n")
                    .as_bytes(),
                128,
            ),
            category: Data,
            line: 3,
            offset: 44,
            says: &["duplicate key", "row 2", "column `entry 1`"],
        },
        Case {
            what: "the same Struct key twice in a row",
            error: decode::<Struct>(
                format!("Key,Value\r\n{entry_v},\"{{key:k}}\"\r\n").as_bytes(),
                128,
            ),
            category: Data,
            line: 2,
            offset: 11,
            says: &["duplicate key", "row 1", "column `entry 2`"],
        },
        Case {
            what: "the same EntityIntegrationData key twice",
            error: decode::<EntityIntegrationData>(
                b"Key,Value\r\n\"{key:k}\"\r\n\"{key:k}\"\r\n",
                128,
            ),
            category: Data,
            line: 3,
            offset: 22,
            says: &["duplicate key", "row 2", "column `entry 1`"],
        },
        Case {
            what: "a dictionary deeper than the limit at the root",
            error: decode::<Struct>(b"Key,Value\r\n\"{key:k}\"\r\n", 0),
            category: Depth,
            line: 1,
            offset: 0,
            says: &["depth limit of 0"],
        },
        Case {
            what: "a dictionary's value deeper than the limit",
            error: decode::<Struct>(format!("Key,Value\r\n{entry_v}\r\n").as_bytes(), 1),
            category: Depth,
            line: 2,
            offset: 11,
            says: &[
                "depth limit of 1",
                "row 1",
                "column `entry 1`",
                "in the cell",
            ],
        },
        Case {
            what: "an object's cell deeper than the limit",
            error: decode::<CustomerInfo>(b"Name,Data\r\nn,\"{a:{structValue:{b:{}}}}\"\r\n", 2),
            category: Depth,
            line: 2,
            offset: 11,
            says: &["depth limit of 2", "row 1", "column `Data`"],
        },
        Case {
            what: "a list deeper than the limit",
            error: decode::<Vec<CustomerInfo>>(b"Name\r\nn\r\n", 0),
            category: Depth,
            line: 1,
            offset: 0,
            says: &["depth limit of 0"],
        },
        Case {
            what: "a list's row deeper than the limit",
            error: decode::<Vec<CustomerInfo>>(b"Name\r\nn\r\n", 1),
            category: Depth,
            line: 2,
            offset: 6,
            says: &["depth limit of 1", "row 1"],
        },
        Case {
            what: "invalid UTF-8 in the header",
            error: decode::<Vec<Tag>>(b"Id,Na\xffme\r\nx,y\r\n", 128),
            category: Syntax,
            line: 1,
            offset: 0,
            says: &["invalid UTF-8", "header column 2"],
        },
        Case {
            what: "invalid UTF-8 in a cell",
            error: decode::<Vec<Tag>>(b"Id,Name\r\nx,\xff\r\n", 128),
            category: Syntax,
            line: 2,
            offset: 9,
            says: &["invalid UTF-8", "row 1", "column `Name`"],
        },
        Case {
            what: "invalid UTF-8 in a dictionary cell",
            error: decode::<Struct>(b"Key,Value\r\n\"{key:\xff}\"\r\n", 128),
            category: Syntax,
            line: 2,
            offset: 11,
            says: &["invalid UTF-8", "row 1", "column `entry 1`"],
        },
        Case {
            what: "a ragged row",
            error: decode::<Vec<Tag>>(b"Id,Name\r\na,b\r\nc\r\n", 128),
            category: Syntax,
            line: 3,
            offset: 14,
            says: &["row 2 has 1 cells but the header has 2 columns"],
        },
        Case {
            what: "an unterminated quote",
            error: decode::<Vec<Tag>>(b"Id,Name\r\na,\"b\r\n", 128),
            category: Syntax,
            line: 2,
            offset: 11,
            says: &["unbalanced quotes"],
        },
        Case {
            what: "text after a closing quote",
            error: decode::<Vec<Tag>>(b"Id\r\n\"a\"b\r\n", 128),
            category: Syntax,
            line: 2,
            offset: 7,
            says: &["unbalanced quotes"],
        },
        Case {
            what: "a second row under an object",
            error: decode::<CustomerInfo>(b"Name\r\na\r\nb\r\n", 128),
            category: Data,
            line: 3,
            offset: 9,
            says: &["row 2"],
        },
        Case {
            what: "empty input for an object",
            error: decode::<CustomerInfo>(b"", 128),
            category: Syntax,
            line: 1,
            offset: 0,
            says: &["empty input"],
        },
        Case {
            what: "a dictionary under another header",
            error: decode::<Struct>(b"Id,Name\r\n", 128),
            category: Data,
            line: 1,
            offset: 0,
            says: &["`Key,Value`"],
        },
        Case {
            what: "a dictionary cell with a member besides key and value",
            error: decode::<Struct>(b"Key,Value\r\n\"{key:k,other:1}\"\r\n", 128),
            category: Syntax,
            line: 2,
            offset: 11,
            says: &["unexpected member `other`", "row 1", "column `entry 1`"],
        },
        Case {
            what: "an unknown column in strict mode",
            error: strict::<CustomerInfo>(b"Name,Bogus\r\nn,x\r\n"),
            category: Data,
            line: 2,
            offset: 12,
            says: &["row 1", "column `Bogus`"],
        },
        Case {
            what: "a member in two columns",
            error: decode::<CustomerInfo>(b"Name,name\r\nn,m\r\n", 128),
            category: Data,
            line: 2,
            offset: 11,
            says: &["duplicate member", "row 1", "column `name`"],
        },
        Case {
            what: "a bad cell in a row read one at a time",
            error: csv::iter_from_reader::<_, CustomerInfo>(
                &b"Name,IsStaging\r\na,True\r\nb,maybe\r\n"[..],
            )
            .nth(1)
            .unwrap()
            .expect_err("bad row"),
            category: Data,
            line: 3,
            offset: 24,
            says: &["row 2", "column `IsStaging`"],
        },
        Case {
            what: "rows read one at a time deeper than the limit",
            error: csv::iter_from_reader_with::<_, CustomerInfo>(
                &b"Name\r\nn\r\n"[..],
                &DecodeOptions::new().depth_limit(1),
            )
            .next()
            .unwrap()
            .expect_err("too deep"),
            category: Depth,
            line: 2,
            offset: 6,
            says: &["depth limit of 1", "row 1"],
        },
        Case {
            what: "a reader that fails after the first row",
            error: csv::from_reader::<_, Vec<Tag>>(FailingAfter(b"Id,Name\r\na,b\r\n"))
                .expect_err("failing reader"),
            category: Io,
            line: 3,
            offset: 14,
            says: &["disk gone"],
        },
    ];
    for case in cases {
        let Case {
            what,
            error,
            category,
            line,
            offset,
            says,
        } = case;
        assert_eq!(error.category(), category, "{what}: {error}");
        assert_eq!(error.line(), Some(line), "{what}: {error}");
        assert_eq!(error.offset(), Some(offset), "{what}: {error}");
        let text = error.to_string();
        assert!(
            text.contains(&format!("line {line} column")),
            "{what}: {text}"
        );
        for words in says {
            assert!(text.contains(words), "{what}: `{words}` not in: {text}");
        }
    }
}

#[test]
fn csv_errors_quote_input_as_a_short_escaped_excerpt() {
    // Four million bytes behind a newline: what an error may quote of it
    // is 40 characters, escaped, and its length.
    let long = format!("a\n{}", "x".repeat(4_000_000));
    let quoted = format!("`a\\n{}…` (4000002 bytes)", "x".repeat(38));

    // A flat cell of the wrong kind.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Row {
        flag: bool,
    }
    let e = csv::from_str::<Vec<Row>>(&format!("Flag\r\n\"{long}\"\r\n")).unwrap_err();
    assert_eq!(
        e.message(),
        format!("expected a boolean, found {quoted} (row 1, column `Flag`)")
    );

    // A header, named as the column of a bad cell.
    let e = csv::from_str::<Vec<HashMap<String, bool>>>(&format!("\"{long}\"\r\nmaybe\r\n"))
        .unwrap_err();
    assert_eq!(
        e.message(),
        format!("expected a boolean, found `maybe` (row 1, column {quoted})")
    );

    // The headers of a dictionary that has the wrong ones.
    let e = csv::from_str::<Struct>(&format!("Key,\"{long}\"\r\n")).unwrap_err();
    assert_eq!(
        e.message(),
        format!(
            "a dictionary needs the header `Key,Value`, found `Key,a\\n{}…` (4000006 bytes)",
            "x".repeat(34)
        )
    );

    // A member of a dictionary cell that is neither key nor value.
    let e =
        csv::from_str::<Struct>(&format!("Key,Value\r\n\"{{key:k,{long}:1}}\"\r\n")).unwrap_err();
    assert_eq!(
        e.message(),
        format!(
            "unexpected member {quoted}: a dictionary cell has only key and value \
             (row 1, column `entry 1`)"
        )
    );

    for e in [
        csv::from_str::<Vec<Row>>(&format!("Flag\r\n\"{long}\"\r\n")).unwrap_err(),
        csv::from_str::<Struct>(&format!("Key,\"{long}\"\r\n")).unwrap_err(),
    ] {
        let text = e.to_string();
        assert!(text.len() < 300 && !text.contains('\n'), "{text}");
    }
}
