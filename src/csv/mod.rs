//! ServiceStack CSV (CsvSerializer): byte-identical encoding, and decoding of
//! everything it writes — which ServiceStack itself mostly cannot read back.
//!
//! The first line is a header of C# property names (PascalCase, in JSON
//! order); every row ends with CRLF, the last one too. What is written
//! depends on the value:
//!
//! - a list of objects: the header, then one row per item (an empty list is
//!   the header alone, when the header is known: see below);
//! - one object: the header and one row (`ListResponse<T>` is such a row,
//!   its `Items` cell holding the list as JSV);
//! - a `[DataContract]` class with a list of objects (`ResponseStatus` and
//!   its `Errors`): that list, as the rows above, and nothing for a null
//!   list; its other members are not written (CsvSerializer takes such a
//!   DTO for its list, [`ClassInfo::csv_rows`](crate::model::ClassInfo::csv_rows)).
//!   Reading fills that member from the rows;
//! - a dictionary (`Struct`): the header `Key,Value` and a single row of
//!   `{key:…,value:…}` JSV cells, one per entry;
//! - `None`: nothing at all.
//!
//! Cells: null and `""` are both empty; booleans `True`/`False`; enums by
//! name; numbers as .NET prints them; lists, maps and objects as their JSV.
//! A cell is quoted when it holds `"`, `,`, CR or LF or starts with `[` or
//! `{`, with `"` doubled (so quotes inside nested JSV double again).
//!
//! Reading matches columns to members by header name, in any order and any
//! letter case; unknown columns are skipped (rejected in strict mode),
//! missing ones leave the member at its default. A nested cell goes through
//! the JSV decoder after exactly one level of CSV unquoting.
//!
//! **The one loss:** CSV writes null and the empty string alike, so an empty
//! cell reads back as null for an optional member (`Some("")` becomes `None`)
//! and as the default for a non-nullable one.
//!
//! ```
//! use evovoice_codec::csv;
//! use evovoice_codec::model::{CustomerInfo, Struct, Tag, TagColors};
//!
//! let tags = vec![
//!     Tag { id: Some("t1".into()), name: Some("vip, gold".into()), color: TagColors::Gold },
//!     Tag { id: None, name: Some("[new]".into()), color: TagColors::Cyan },
//! ];
//! let text = csv::to_string_typed(&tags, &Default::default())?;
//! assert_eq!(text, "Id,Name,Color\r\nt1,\"vip, gold\",Gold\r\n,\"[new]\",Cyan\r\n");
//!
//! // Nested values are JSV inside the cell, their quotes doubled again.
//! let customer = CustomerInfo { tags: Some(tags), ..CustomerInfo::default() };
//! let text = csv::to_string_typed(&customer, &Default::default())?;
//! assert!(text.contains(r#","[{id:t1,name:""vip, gold"",color:Gold},{name:""[new]"",color:Cyan}]","#));
//! assert_eq!(csv::from_str::<CustomerInfo>(&text)?, customer);
//!
//! // A dictionary is `Key,Value` and one row of entries.
//! let data = Struct::new().with("seats", 12.0);
//! assert_eq!(csv::to_string(&data)?, "Key,Value\r\n\"{key:seats,value:{numberValue:12}}\"\r\n");
//!
//! // Any column order and letter case; rows one at a time from a reader.
//! let input = "color,NAME\r\nmagenta,a\r\nGold,b\r\n";
//! let names: Vec<String> = csv::iter_from_reader::<_, Tag>(input.as_bytes())
//!     .map(|tag| tag.map(|t| format!("{}={}", t.name.unwrap_or_default(), t.color)))
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(names, ["a=Magenta", "b=Gold"]);
//! # Ok::<(), evovoice_codec::Error>(())
//! ```
//!
//! Header names come from the model's schema with the `*_typed` functions
//! (which also write the header of an empty list). The plain functions work
//! for any serde type: there the header is the first row's field names with
//! the first letter capitalized (right for every model class but
//! `BillingSettings`, whose `AIInsights` would come out `AiInsights`), and
//! an empty list writes nothing.
//!
//! Only owned data is decoded (`DeserializeOwned`): rows are read one at a
//! time into a reused buffer, so a large export never has to fit in memory.
//!
//! The depth limit counts as in every format: a list at the root is depth 1
//! (also when its rows are decoded one at a time with [`iter_from_reader`]),
//! its items depth 2, and JSV in a cell carries on from the row's depth.
//!
//! Limits: list items must be objects (a list of maps, lists or scalars is
//! refused, as is a scalar at the top level); the record layer skips blank
//! lines, so in a list of one-column objects the blank row of an all-null
//! item is lost (a single such object reads back fine); a missing CRLF after
//! the last row is accepted.

mod cell;
mod de;
mod detached;
mod entry;
mod flat;
mod nested;
mod quote;
mod row;
mod ser;

use std::io::{Read, Write};
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use self::de::Deserializer;
pub use self::ser::Serializer;
use crate::context::{Session, SessionOptions};
use crate::error::{Category, Error, Result};
use crate::model::Describe;
use crate::options::{DecodeOptions, EncodeOptions};

/// Encodes `value` as ServiceStack CSV (.NET Core numbers).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    to_string_with(value, &EncodeOptions::default())
}

/// Encodes `value` as ServiceStack CSV bytes.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    to_vec_with(value, &EncodeOptions::default())
}

/// Encodes `value` as ServiceStack CSV into `writer`, one write per row.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> Result<()> {
    to_writer_with(writer, value, &EncodeOptions::default())
}

/// [`to_string`] with options.
pub fn to_string_with<T: Serialize + ?Sized>(value: &T, options: &EncodeOptions) -> Result<String> {
    into_string(to_vec_with(value, options)?)
}

/// [`to_vec`] with options.
pub fn to_vec_with<T: Serialize + ?Sized>(value: &T, options: &EncodeOptions) -> Result<Vec<u8>> {
    let mut ser = Serializer::<std::io::Sink>::in_memory(options);
    encode(&mut ser, value, options)?;
    Ok(ser.into_bytes())
}

/// [`to_writer`] with options.
pub fn to_writer_with<W: Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
    options: &EncodeOptions,
) -> Result<()> {
    encode(
        &mut Serializer::with_options(writer, options),
        value,
        options,
    )
}

/// Encodes a model value with its schema: exact C# header names, and the
/// header alone for an empty list.
pub fn to_string_typed<T: Serialize + Describe>(
    value: &T,
    options: &EncodeOptions,
) -> Result<String> {
    into_string(to_vec_typed(value, options)?)
}

/// [`to_string_typed`] as bytes.
pub fn to_vec_typed<T: Serialize + Describe>(
    value: &T,
    options: &EncodeOptions,
) -> Result<Vec<u8>> {
    let mut ser = Serializer::<std::io::Sink>::in_memory(options).with_schema(T::TYPE);
    encode(&mut ser, value, options)?;
    Ok(ser.into_bytes())
}

/// [`to_string_typed`] into a writer.
pub fn to_writer_typed<W: Write, T: Serialize + Describe>(
    writer: W,
    value: &T,
    options: &EncodeOptions,
) -> Result<()> {
    let mut ser = Serializer::with_options(writer, options).with_schema(T::TYPE);
    encode(&mut ser, value, options)
}

fn into_string(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| Error::data(format!("encoder wrote invalid UTF-8: {e}")))
}

fn encode<W: Write, T: Serialize + ?Sized>(
    ser: &mut Serializer<W>,
    value: &T,
    options: &EncodeOptions,
) -> Result<()> {
    // The dictionary shape writes null values (`{key:k}`); nested JSV drops
    // them by itself, as ServiceStack does.
    let session = Session::begin(SessionOptions {
        keep_null_entries: true,
        ..options.session()
    });
    value.serialize(ser).map_err(|e| finish(e, &session))
}

/// Decodes ServiceStack CSV from a string.
pub fn from_str<T: DeserializeOwned>(s: &str) -> Result<T> {
    from_slice_with(s.as_bytes(), &DecodeOptions::default())
}

/// Decodes ServiceStack CSV from bytes.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    from_slice_with(bytes, &DecodeOptions::default())
}

/// Decodes ServiceStack CSV from a reader, a row at a time.
pub fn from_reader<R: Read, T: DeserializeOwned>(reader: R) -> Result<T> {
    from_reader_with(reader, &DecodeOptions::default())
}

/// [`from_str`] with options.
pub fn from_str_with<T: DeserializeOwned>(s: &str, options: &DecodeOptions) -> Result<T> {
    from_slice_with(s.as_bytes(), options)
}

/// [`from_slice`] with options (strict mode, depth limit).
pub fn from_slice_with<T: DeserializeOwned>(bytes: &[u8], options: &DecodeOptions) -> Result<T> {
    from_reader_with(bytes, options)
}

/// [`from_reader`] with options.
pub fn from_reader_with<R: Read, T: DeserializeOwned>(
    reader: R,
    options: &DecodeOptions,
) -> Result<T> {
    let session = Session::begin(options.session());
    let mut de = Deserializer::with_options(reader, options);
    T::deserialize(&mut de).map_err(|e| finish(de.place(e), &session))
}

/// The rows of a CSV list, decoded one at a time from `reader`.
///
/// ```
/// use evovoice_codec::csv;
/// use evovoice_codec::model::CustomerInfo;
///
/// let input = "Name,IsStaging\r\nAcme,True\r\nGlobex,False\r\n";
/// let mut rows = csv::iter_from_reader::<_, CustomerInfo>(input.as_bytes());
/// assert_eq!(rows.next().unwrap()?.name.as_deref(), Some("Acme"));
/// assert!(!rows.next().unwrap()?.is_staging);
/// assert!(rows.next().is_none());
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
pub fn iter_from_reader<R: Read, T: DeserializeOwned>(reader: R) -> RowIter<R, T> {
    iter_from_reader_with(reader, &DecodeOptions::default())
}

/// [`iter_from_reader`] with options.
pub fn iter_from_reader_with<R: Read, T: DeserializeOwned>(
    reader: R,
    options: &DecodeOptions,
) -> RowIter<R, T> {
    RowIter {
        de: Deserializer::with_options(reader, options),
        options: *options,
        done: false,
        item: PhantomData,
    }
}

/// An iterator of rows decoded one at a time (see [`iter_from_reader`]).
///
/// A row that does not fit `T` yields an error and the iteration goes on
/// with the next row; a syntax or I/O error ends it.
pub struct RowIter<R, T> {
    de: Deserializer<R>,
    options: DecodeOptions,
    done: bool,
    item: PhantomData<fn() -> T>,
}

impl<R: Read, T: DeserializeOwned> Iterator for RowIter<R, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        if self.done {
            return None;
        }
        let session = Session::begin(self.options.session());
        // Each row is an item of the root list, one level deeper than the
        // list, as when the whole list is decoded at once.
        let _list = match de::enter_list() {
            Ok(level) => level,
            Err(e) => {
                self.done = true;
                return Some(Err(finish(e, &session)));
            }
        };
        match self.de.next_item(PhantomData::<T>) {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                let e = finish(self.de.place(e), &session);
                if matches!(e.category(), Category::Syntax | Category::Io) {
                    self.done = true;
                }
                Some(Err(e))
            }
        }
    }
}

/// Gives an error the category recorded by the code that raised it and the
/// member path collected while it unwound.
fn finish(e: Error, session: &Session) -> Error {
    let category = match e.category() {
        Category::Syntax | Category::Io => e.category(),
        other => session.failure().unwrap_or(other),
    };
    e.with_category(category).with_path(session.take_path())
}
