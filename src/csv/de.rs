//! Reading CSV: records from the `csv` crate, columns matched to members by
//! header name, flat cells as text and nested cells through the JSV decoder.

use std::cell::Cell;
use std::io::Read;

use serde::de::value::UnitDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};

use super::cell::Site;
use super::entry::split_entry;
use super::nested;
use super::quote::QuoteCheck;
use super::row::{RowDeserializer, RowMap};
use crate::context;
use crate::error::{excerpt, Category, Error, Position, Result, Segment};
use crate::model::camel_case;
use crate::options::DecodeOptions;

/// A serde deserializer reading ServiceStack CSV from `R`.
///
/// What the target type asks for decides the shape: a sequence reads one
/// item per row, a struct reads the single row under the header, a map reads
/// the `Key,Value` dictionary shape, and an `Option` reads `None` from empty
/// input. Only owned data can be decoded (`DeserializeOwned`): cells are
/// unquoted into a buffer that is reused from row to row.
pub struct Deserializer<R> {
    reader: ::csv::Reader<QuoteCheck<R>>,
    record: ::csv::ByteRecord,
    headers: Option<Vec<String>>,
    /// The headers in camelCase, the form the model's DTOs look up first.
    keys: Vec<String>,
    /// Byte offset and line where the current record starts.
    record_start: (u64, u64),
    /// Data rows read so far; the current one's number (one-based).
    row: usize,
    /// The column whose key was handed out last (in the dictionary shape,
    /// the cell), to name it in an error raised on the key alone (an
    /// unknown column in strict mode, a duplicate dictionary key).
    column: Cell<usize>,
    depth_limit: Option<usize>,
    /// The list about to be read is a class's member read from the rows
    /// (see [`RowsMember`]), whose level the model's list counts.
    list_counted: bool,
}

impl<R: Read> Deserializer<R> {
    /// A deserializer over `reader` with default options.
    pub fn from_reader(reader: R) -> Self {
        Self::with_options(reader, &DecodeOptions::default())
    }

    /// A deserializer over `reader`; `options` gives the depth limit of
    /// nested cells (strict mode is applied by [`from_reader_with`](super::from_reader_with)).
    pub fn with_options(reader: R, options: &DecodeOptions) -> Self {
        let reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            // Rows are checked against the header here, with a better
            // message; the dictionary shape has rows of any length.
            .flexible(true)
            .from_reader(QuoteCheck::new(reader));
        Deserializer {
            reader,
            record: ::csv::ByteRecord::new(),
            headers: None,
            keys: Vec::new(),
            record_start: (0, 1),
            row: 0,
            column: Cell::new(0),
            depth_limit: options.depth(),
            list_counted: false,
        }
    }

    fn position(&self) -> Position {
        Position {
            offset: Some(self.record_start.0),
            line: self.record_start.1,
            column: 1,
        }
    }

    /// Reads the next record; false at the end of the input.
    fn read_record(&mut self) -> Result<bool> {
        let more = match self.reader.read_byte_record(&mut self.record) {
            Ok(more) => more,
            Err(e) => {
                let (offset, line, column) = self.reader.get_ref().here();
                let here = Position {
                    offset: Some(offset),
                    line,
                    column,
                };
                return Err(csv_error(e, here));
            }
        };
        if more {
            if let Some(start) = self.reader.get_mut().take_record_start() {
                self.record_start = start;
            }
        }
        if let Some(v) = self.reader.get_ref().violation() {
            // The parser reads ahead: report only once the parsed records
            // reach the mistake, so the rows before it still come out.
            if !more || v.offset < self.reader.position().byte() {
                context::fail(Category::Syntax);
                return Err(Error::syntax(
                    v.message(),
                    Position {
                        offset: Some(v.offset),
                        line: v.line,
                        column: v.column,
                    },
                ));
            }
        }
        Ok(more)
    }

    /// Reads the header if not yet done; false for empty input.
    fn read_header(&mut self) -> Result<bool> {
        if self.headers.is_some() {
            return Ok(true);
        }
        if !self.read_record()? {
            return Ok(false);
        }
        let mut headers = Vec::with_capacity(self.record.len());
        for (i, field) in self.record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(name) => headers.push(name.to_owned()),
                Err(_) => {
                    context::fail(Category::Syntax);
                    return Err(Error::syntax(
                        format!("invalid UTF-8 in header column {}", i + 1),
                        self.position(),
                    ));
                }
            }
        }
        self.keys = headers.iter().map(|h| camel_case(h)).collect();
        self.headers = Some(headers);
        Ok(true)
    }

    fn require_header(&mut self) -> Result<()> {
        if self.read_header()? {
            return Ok(());
        }
        context::fail(Category::Syntax);
        Err(Error::syntax(
            "empty input: expected a header line",
            Position {
                offset: Some(0),
                line: 1,
                column: 1,
            },
        ))
    }

    fn headers(&self) -> &[String] {
        self.headers.as_deref().unwrap_or_default()
    }

    /// Reads the next data row, checking its length; false at the end.
    fn next_row(&mut self) -> Result<bool> {
        if !self.read_record()? {
            return Ok(false);
        }
        self.row += 1;
        let columns = self.headers().len();
        if self.record.len() != columns {
            context::fail(Category::Syntax);
            return Err(Error::syntax(
                format!(
                    "row {} has {} cells but the header has {columns} columns",
                    self.row,
                    self.record.len()
                ),
                self.position(),
            ));
        }
        Ok(true)
    }

    fn site(&self) -> Site {
        Site {
            row: self.row,
            position: self.position(),
        }
    }

    fn row_deserializer(&self) -> RowDeserializer<'_> {
        RowDeserializer {
            headers: self.headers(),
            keys: &self.keys,
            column: &self.column,
            record: &self.record,
            site: self.site(),
            depth_limit: self.depth_limit,
        }
    }

    /// Decodes the next row with `seed`, naming the row in the error path.
    pub(crate) fn next_item<'de, S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>> {
        if !self.read_header()? || !self.next_row()? {
            return Ok(None);
        }
        match seed.deserialize(self.row_deserializer()) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                context::note(Segment::Index(self.row - 1));
                Err(self.locate(e))
            }
        }
    }

    /// Gives an error raised on a row's keys (not inside a cell, whose
    /// errors are already placed) the row and the column of the last key.
    fn locate(&self, e: Error) -> Error {
        if e.position().is_some() {
            return e;
        }
        let header = self
            .headers()
            .get(self.column.get())
            .map_or("?", String::as_str);
        self.site().fail(e, header)
    }

    /// Gives an error raised between a dictionary's entries (a duplicate
    /// key, found once the key is read; the dictionary's own depth level,
    /// entered before any entry) the entry last read, or the start of the
    /// input, where the dictionary starts, when none was.
    fn locate_entry(&self, e: Error) -> Error {
        if e.position().is_some() {
            return e;
        }
        if self.row == 0 {
            return e.with_position(INPUT_START);
        }
        self.site()
            .fail(e, &format!("entry {}", self.column.get() + 1))
    }

    /// Gives an error that reached the top without a position the place
    /// the decoder had reached: the start of the last record read, or of
    /// the input. An unsupported target type is not about the input, and
    /// stays without one.
    pub(crate) fn place(&self, e: Error) -> Error {
        if e.position().is_some() || e.category() == Category::Unsupported {
            return e;
        }
        e.with_position(self.position())
    }

    fn is_key_value_header(&self) -> bool {
        matches!(self.headers(), [k, v] if k.eq_ignore_ascii_case("Key") && v.eq_ignore_ascii_case("Value"))
    }
}

/// The crate's error for one of the `csv` crate's; `here` (how far the
/// input was read) places one that carries no position of its own, as an
/// I/O error does not.
fn csv_error(e: ::csv::Error, here: Position) -> Error {
    let position = e.position().map_or(here, |p| Position {
        offset: Some(p.byte()),
        line: p.line(),
        column: 1,
    });
    let message = e.to_string();
    let error = match e.into_kind() {
        ::csv::ErrorKind::Io(io) => {
            context::fail(Category::Io);
            Error::io(io)
        }
        _ => {
            context::fail(Category::Syntax);
            Error::new(Category::Syntax, message)
        }
    };
    error.with_position(position)
}

/// Enters the level of the root list, whose rows are its items: serde's
/// `Vec` impls do not count it, unlike the model's types.
pub(crate) fn enter_list() -> Result<context::DepthGuard> {
    // The list starts with the input.
    context::enter(|m| Error::new(Category::Depth, m).with_position(INPUT_START))
}

/// The first byte of the input.
const INPUT_START: Position = Position {
    offset: Some(0),
    line: 1,
    column: 1,
};

fn unsupported(what: &str) -> Error {
    context::fail(Category::Unsupported);
    Error::new(
        Category::Unsupported,
        format!("CSV cannot be read as {what}: it holds a list of objects, an object or a map"),
    )
}

impl<'de, R: Read> de::Deserializer<'de> for &mut Deserializer<R> {
    type Error = Error;

    /// A `Key,Value` header reads as a map, anything else as a list of rows.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.read_header()? && self.is_key_value_header() {
            self.deserialize_map(visitor)
        } else {
            self.deserialize_seq(visitor)
        }
    }

    /// Empty input is null: ServiceStack writes nothing for a null list.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.read_header()? {
            visitor.visit_some(self)
        } else {
            visitor.visit_none()
        }
    }

    /// The list shape (empty input is an empty list). The list is the root
    /// level, which serde's `Vec` impls do not count.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let _level = if std::mem::take(&mut self.list_counted) {
            None
        } else {
            Some(enter_list()?)
        };
        self.read_header()?;
        visitor.visit_seq(Rows { de: self })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    /// The single-object shape: the header and at most one row (none is
    /// every member empty). A class CsvSerializer writes as one of its
    /// lists ([`ClassInfo::csv_rows`](crate::model::ClassInfo::csv_rows))
    /// reads the rows into that member instead, empty input as null.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if let Some(rows) = context::take_offered_class(name)
            .and_then(|class| class.csv_rows().and_then(|i| class.member(i)))
        {
            return visitor.visit_map(RowsMember {
                key: Some(rows.json_name),
                de: self,
            });
        }
        self.require_header()?;
        if !self.next_row()? {
            // No row reads as a row of empty cells (a one-column object
            // whose member is null is written as a blank line, which the
            // record layer skips), so that strict mode still sees the header.
            self.record.clear();
            for _ in 0..self.headers().len() {
                self.record.push_field(b"");
            }
            self.row = 1;
        }
        let value = visitor
            .visit_map(RowMap::new(self.row_deserializer()).fields(fields))
            .map_err(|e| self.locate(e))?;
        if self.read_record()? {
            self.row += 1;
            context::fail(Category::Data);
            return Err(Error::data(format!(
                "row {}: an object is a single row, but more rows follow",
                self.row
            ))
            .with_position(self.position()));
        }
        Ok(value)
    }

    /// The dictionary shape.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.require_header()?;
        if !self.is_key_value_header() {
            context::fail(Category::Data);
            return Err(Error::data(format!(
                "a dictionary needs the header `Key,Value`, found {}",
                excerpt(&self.headers().join(","))
            ))
            .with_position(self.position()));
        }
        let value = visitor.visit_map(Entries {
            de: self,
            cell: 0,
            value: None,
        });
        value.map_err(|e| self.locate_entry(e))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        while self.read_record()? {}
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a boolean"))
    }
    fn deserialize_i8<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_i16<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_i32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_i64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_u8<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_u16<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_u32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_u64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a number"))
    }
    fn deserialize_char<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a character"))
    }
    fn deserialize_str<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a string"))
    }
    fn deserialize_string<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a string"))
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("bytes"))
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("bytes"))
    }
    fn deserialize_unit<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("a unit"))
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(unsupported("a unit"))
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        Err(unsupported("an enum"))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(unsupported("an identifier"))
    }
}

/// A class read from the list shape: one member, named `key`, whose value
/// is the list of rows.
struct RowsMember<'a, R> {
    key: Option<&'static str>,
    de: &'a mut Deserializer<R>,
}

impl<'de, R: Read> de::MapAccess<'de> for RowsMember<'_, R> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.key.take() {
            Some(key) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(key))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.list_counted = true;
        let value = seed.deserialize(&mut *self.de);
        self.de.list_counted = false;
        value
    }
}

/// The list shape: one element per row.
struct Rows<'a, R> {
    de: &'a mut Deserializer<R>,
}

impl<'de, R: Read> de::SeqAccess<'de> for Rows<'_, R> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        self.de.next_item(seed)
    }
}

/// The dictionary shape: every cell after the header is one entry.
struct Entries<'a, R> {
    de: &'a mut Deserializer<R>,
    cell: usize,
    /// The span of the pending value's JSV in the current cell (`None`:
    /// null), between `next_key_seed` and `next_value_seed`.
    value: Option<(usize, usize)>,
}

impl<R: Read> Entries<'_, R> {
    fn cell_text(&self) -> Result<&str> {
        let bytes = &self.de.record[self.cell];
        std::str::from_utf8(bytes).map_err(|_| {
            context::fail(Category::Syntax);
            self.site().fail(
                Error::new(Category::Syntax, "invalid UTF-8"),
                &self.column(),
            )
        })
    }

    fn site(&self) -> Site {
        self.de.site()
    }

    fn column(&self) -> String {
        format!("entry {}", self.cell + 1)
    }
}

/// `e`, raised in the key or value of a dictionary cell, whose offset
/// counts from that part, with its offset counted from the start of the
/// cell (the only part of its position [`Site::fail`] keeps).
fn offset_by(e: Error, start: usize) -> Error {
    match e.offset() {
        Some(offset) => e.with_position(Position {
            offset: Some(offset + start as u64),
            line: 0,
            column: 0,
        }),
        None => e,
    }
}

impl<'de, R: Read> de::MapAccess<'de> for Entries<'_, R> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        while self.de.row == 0 || self.cell >= self.de.record.len() {
            if !self.de.read_record()? {
                return Ok(None);
            }
            self.de.row += 1;
            self.cell = 0;
        }
        self.de.column.set(self.cell);
        let (key, value) = {
            let text = self.cell_text()?;
            let span = |part: &str| {
                let start = part.as_ptr() as usize - text.as_ptr() as usize;
                (start, start + part.len())
            };
            match split_entry(text) {
                Ok((key, value)) => (span(key), value.map(span)),
                Err(message) => {
                    context::fail(Category::Syntax);
                    return Err(self
                        .site()
                        .fail(Error::new(Category::Syntax, message), &self.column()));
                }
            }
        };
        self.value = value;
        let key_text = &self.cell_text()?[key.0..key.1];
        let limit = self.de.depth_limit;
        nested::decode_map_part(key_text, limit, |jsv| seed.deserialize(jsv))
            .map(Some)
            .map_err(|e| self.site().fail(offset_by(e, key.0), &self.column()))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let (result, start) = match self.value.take() {
            None => (seed.deserialize(UnitDeserializer::<Error>::new()), 0),
            Some((start, end)) => {
                let text = &self.cell_text()?[start..end];
                let limit = self.de.depth_limit;
                let result = nested::decode_map_part(text, limit, |jsv| seed.deserialize(jsv));
                (result, start)
            }
        };
        let result = result.map_err(|e| self.site().fail(offset_by(e, start), &self.column()));
        self.cell += 1;
        result
    }
}
