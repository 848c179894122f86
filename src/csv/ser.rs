//! Writing CSV: the three document shapes, header building and flat cells.
//! Nested values are handed to the JSV writer (see `nested`).

use std::borrow::Cow;
use std::io::Write;

use serde::ser::{self, Impossible, Serialize};

use super::flat::{is_null, CellError, CellSerializer};
use super::nested;
use super::quote::{append_quoted, needs_quotes, quote_in_place, write_cell};
use crate::context;
use crate::error::{Category, Error, Result};
use crate::model::{ClassInfo, MemberInfo, TypeInfo};
use crate::options::EncodeOptions;

/// A serde serializer writing ServiceStack CSV to `W`.
///
/// The value decides the shape: a sequence of structs is a header and one row
/// per item, a struct is a header and one row, a map is the `Key,Value`
/// header and one row of `{key:…,value:…}` JSV cells, and `None` writes
/// nothing. Nested values inside a row become JSV text in their cell.
///
/// Header names come from the schema when one is given
/// ([`with_schema`](Self::with_schema)): the C# property names in JSON order,
/// written even for an empty list. Without a schema they come from the first
/// row's field names with the first letter capitalized, and an empty list
/// writes nothing. Prefer [`to_writer`](super::to_writer) and friends, which
/// also open the per-call session that tracks depth and error paths.
pub struct Serializer<W> {
    out: W,
    options: EncodeOptions,
    schema: Option<&'static TypeInfo>,
    table: Table,
    in_memory: bool,
    /// The list about to open is a class's member written as the rows (see
    /// `RowWriter::rows`), whose level the model's list has counted.
    list_counted: bool,
}

impl<W: Write> Serializer<W> {
    /// A serializer with default options (.NET Core numbers).
    pub fn new(writer: W) -> Self {
        Self::with_options(writer, &EncodeOptions::default())
    }

    /// A serializer with `options` (number style, depth limit).
    pub fn with_options(writer: W, options: &EncodeOptions) -> Self {
        Serializer {
            out: writer,
            options: *options,
            schema: None,
            table: Table::default(),
            in_memory: false,
            list_counted: false,
        }
    }

    /// Uses `schema` (a model type's [`Describe::TYPE`](crate::model::Describe))
    /// for the header: exact C# names, and the header of an empty list.
    pub fn with_schema(mut self, schema: &'static TypeInfo) -> Self {
        self.schema = Some(schema);
        self
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }

    /// A serializer whose output stays in its row buffer, for
    /// [`to_vec`](super::to_vec): the bytes are then never copied.
    pub(crate) fn in_memory(options: &EncodeOptions) -> Serializer<std::io::Sink> {
        let mut ser = Serializer::with_options(std::io::sink(), options);
        ser.in_memory = true;
        ser
    }

    /// The bytes of an [`in_memory`](Self::in_memory) serializer.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.table.line
    }

    fn flush_line(&mut self) -> Result<()> {
        if self.in_memory {
            self.table.row_start = self.table.line.len();
            return Ok(());
        }
        let result = self.out.write_all(&self.table.line);
        self.table.line.clear();
        result.map_err(|e| {
            context::fail(Category::Io);
            Error::io(e)
        })
    }

    /// Writes one member's value into its cell of the current row.
    fn cell<T: Serialize + ?Sized>(&mut self, field: &'static str, value: &T) -> Result<()> {
        let column = self.table.column(field)?;
        let start = self.table.begin_cell(column, field)?;
        let style = self.options.dotnet_style();
        match value.serialize(CellSerializer {
            buf: &mut self.table.line,
            style,
        }) {
            Ok(()) => {}
            Err(CellError::Nested) => {
                self.table.line.truncate(start);
                let scratch = &mut self.table.scratch;
                scratch.clear();
                nested::write(scratch, value, &self.options)?;
                if needs_quotes(scratch) {
                    append_quoted(&mut self.table.line, scratch);
                } else {
                    self.table.line.extend_from_slice(scratch);
                }
                return Ok(());
            }
            Err(CellError::Fail(e)) => return Err(e),
        }
        quote_in_place(&mut self.table.line, start);
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        self.table.end_row();
        self.flush_line()
    }

    fn start_class(&mut self, class: Option<&'static ClassInfo>) {
        if let Some(class) = class {
            self.table.use_class(class);
        }
    }

    fn schema_class(&self, list: bool) -> Option<&'static ClassInfo> {
        match (self.schema, list) {
            (Some(TypeInfo::Class(c)), false) => Some(c),
            (Some(TypeInfo::List(TypeInfo::Class(c))), true) => Some(c),
            _ => None,
        }
    }
}

/// The columns and the row being built.
///
/// Cells are written straight into the row's text as they come, which is
/// column order: a DTO writes its members in JSON order, and a derived
/// struct its fields in declaration order, every row alike.
#[derive(Default)]
struct Table {
    class: Option<&'static ClassInfo>,
    columns: Vec<Column>,
    header_written: bool,
    /// Columns of the current row already in `line` (cells and commas).
    emitted: usize,
    /// The column after the last one filled: where the next field usually goes.
    next: usize,
    /// The row being built, written with one call when complete (or the
    /// whole output, in memory).
    line: Vec<u8>,
    /// Where the current row starts in `line`.
    row_start: usize,
    /// The JSV of a nested cell, before quoting.
    scratch: Vec<u8>,
}

struct Column {
    field: &'static str,
    header: Cow<'static, str>,
}

/// A header for a field without a schema: ServiceStack's C# names are
/// PascalCase, the serde names of this crate's types camelCase.
fn capitalize(field: &str) -> String {
    let mut chars = field.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Table {
    fn use_class(&mut self, class: &'static ClassInfo) {
        self.class = Some(class);
        self.columns = class
            .json_order()
            .map(|m| Column {
                field: m.json_name,
                header: Cow::Borrowed(m.name),
            })
            .collect();
    }

    /// Adds the commas up to `column`, whose cell starts at the returned
    /// offset of `line`.
    fn begin_cell(&mut self, column: usize, field: &str) -> Result<usize> {
        if column < self.emitted {
            context::fail(Category::Data);
            return Err(Error::data(format!(
                "field `{field}` comes after a field of a later column (every row must write its fields in the header's order)"
            )));
        }
        for k in self.emitted..=column {
            if k > 0 {
                self.line.push(b',');
            }
        }
        self.emitted = column + 1;
        Ok(self.line.len())
    }

    fn column(&mut self, field: &'static str) -> Result<usize> {
        let index = self.find(field)?;
        self.next = index + 1;
        Ok(index)
    }

    fn find(&mut self, field: &'static str) -> Result<usize> {
        if let Some(c) = self.columns.get(self.next) {
            // The schema and the serializer name a member with the same
            // literal, so the pointer usually answers.
            if std::ptr::eq(c.field, field) || c.field == field {
                return Ok(self.next);
            }
        }
        if let Some(class) = self.class {
            if let Some(i) = class.find_member(field, self.next) {
                return Ok(i);
            }
        } else if let Some(i) = self.columns.iter().position(|c| c.field == field) {
            return Ok(i);
        } else if !self.header_written {
            self.columns.push(Column {
                field,
                header: Cow::Owned(capitalize(field)),
            });
            return Ok(self.columns.len() - 1);
        }
        context::fail(Category::Data);
        Err(Error::data(format!(
            "field `{field}` has no column in the header (every row must have the fields of the first)"
        )))
    }

    fn header_text(&self) -> Vec<u8> {
        let mut text = Vec::new();
        for (i, c) in self.columns.iter().enumerate() {
            if i > 0 {
                text.push(b',');
            }
            write_cell(&mut text, c.header.as_bytes());
        }
        text.extend_from_slice(b"\r\n");
        text
    }

    /// Writes the header alone (an empty list).
    fn write_header(&mut self) {
        let header = self.header_text();
        self.line.extend_from_slice(&header);
        self.header_written = true;
    }

    fn end_row(&mut self) {
        for k in self.emitted..self.columns.len() {
            if k > 0 {
                self.line.push(b',');
            }
        }
        self.line.extend_from_slice(b"\r\n");
        if !self.header_written {
            // Without a schema the first row names the columns.
            let header = self.header_text();
            self.line.splice(self.row_start..self.row_start, header);
            self.header_written = true;
        }
        self.emitted = 0;
        self.next = 0;
    }
}

fn unsupported(what: &str) -> Error {
    context::fail(Category::Unsupported);
    Error::new(
        Category::Unsupported,
        format!("CSV cannot write {what}: expected a list of objects, an object or a map"),
    )
}

macro_rules! refuse {
    ($what:literal: $($method:ident($($arg:ty),*);)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<Self::Ok> {
                Err(unsupported($what))
            }
        )*
    };
}

macro_rules! refuse_compounds {
    ($what:literal) => {
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
            Err(unsupported($what))
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct> {
            Err(unsupported($what))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant> {
            Err(unsupported($what))
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant> {
            Err(unsupported($what))
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok> {
            Err(unsupported($what))
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok> {
            Err(unsupported($what))
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<Self::Ok> {
            Err(unsupported($what))
        }
        refuse! { $what:
            serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
            serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
            serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
            serialize_str(&str);
        }
    };
}

impl<'a, W: Write> ser::Serializer for &'a mut Serializer<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ListWriter<'a, W>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = KeyValueWriter<'a, W>;
    type SerializeStruct = RowWriter<'a, W>;
    type SerializeStructVariant = Impossible<(), Error>;

    refuse_compounds!("a scalar at the top level");

    /// A null list or object: ServiceStack writes nothing at all.
    fn serialize_none(self) -> Result<()> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }

    /// The list shape. The list itself is a level (the root one), as in
    /// every format: serde's `Vec` impls, unlike the model's types, do not
    /// count it.
    fn serialize_seq(self, _: Option<usize>) -> Result<ListWriter<'a, W>> {
        let level = if std::mem::take(&mut self.list_counted) {
            None
        } else {
            Some(context::enter(|m| Error::new(Category::Depth, m))?)
        };
        let class = self.schema_class(true);
        self.start_class(class);
        Ok(ListWriter {
            ser: self,
            _level: level,
        })
    }

    /// The single-object shape, or the list shape for a class CsvSerializer
    /// writes as one of its lists ([`ClassInfo::csv_rows`]).
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<RowWriter<'a, W>> {
        if let Some(rows) = context::take_offered_class(name)
            .and_then(|class| class.csv_rows().and_then(|i| class.member(i)))
        {
            return Ok(RowWriter {
                ser: self,
                rows: Some(rows),
            });
        }
        let class = self.schema_class(false);
        self.start_class(class);
        Ok(RowWriter {
            ser: self,
            rows: None,
        })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<KeyValueWriter<'a, W>> {
        self.table.line.extend_from_slice(b"Key,Value\r\n");
        Ok(KeyValueWriter {
            ser: self,
            first: true,
        })
    }
}

/// The list shape: one row per item.
pub struct ListWriter<'a, W> {
    ser: &'a mut Serializer<W>,
    _level: Option<context::DepthGuard>,
}

impl<W: Write> ser::SerializeSeq for ListWriter<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(ItemSerializer {
            ser: &mut *self.ser,
        })
    }

    fn end(self) -> Result<()> {
        // An empty list is the header alone, when the header is known.
        if !self.ser.table.header_written && !self.ser.table.columns.is_empty() {
            self.ser.table.write_header();
            self.ser.flush_line()?;
        }
        Ok(())
    }
}

/// One item of the list shape.
struct ItemSerializer<'a, W> {
    ser: &'a mut Serializer<W>,
}

impl<'a, W: Write> ser::Serializer for ItemSerializer<'a, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = RowWriter<'a, W>;
    type SerializeStructVariant = Impossible<(), Error>;

    refuse_compounds!("a list item that is not an object");

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(unsupported("a list of lists"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported("a list of maps"))
    }

    /// A null item: a row of empty cells (read back as a default object).
    fn serialize_none(self) -> Result<()> {
        if self.ser.table.columns.is_empty() {
            return Err(unsupported("a null first item of a list without a schema"));
        }
        self.ser.end_row()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_none()
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<RowWriter<'a, W>> {
        Ok(RowWriter {
            ser: self.ser,
            rows: None,
        })
    }
}

/// One row: a struct's fields become cells.
pub struct RowWriter<'a, W> {
    ser: &'a mut Serializer<W>,
    /// The member whose items are the rows, in place of the struct's own
    /// row (`ResponseStatus.Errors`); the other members are not written,
    /// and a null list writes nothing, as CsvSerializer does.
    rows: Option<&'static MemberInfo>,
}

impl<W: Write> ser::SerializeStruct for RowWriter<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        match self.rows {
            None => self.ser.cell(key, value),
            Some(rows) if std::ptr::eq(rows.json_name, key) || rows.json_name == key => {
                let ser = &mut *self.ser;
                ser.schema = Some(rows.ty);
                ser.list_counted = true;
                let result = value.serialize(&mut *ser);
                ser.list_counted = false;
                result
            }
            Some(_) => Ok(()),
        }
    }

    fn skip_field(&mut self, key: &'static str) -> Result<()> {
        if self.rows.is_some() {
            return Ok(());
        }
        // A null member still has its column (and an empty cell).
        self.ser.table.column(key).map(drop)
    }

    fn end(self) -> Result<()> {
        if self.rows.is_some() {
            return Ok(());
        }
        self.ser.end_row()
    }
}

/// The dictionary shape: `Key,Value`, then one row whose cells are
/// `{key:…,value:…}` in JSV (a null value leaves `value` out).
pub struct KeyValueWriter<'a, W> {
    ser: &'a mut Serializer<W>,
    first: bool,
}

impl<W: Write> ser::SerializeMap for KeyValueWriter<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let scratch = &mut self.ser.table.scratch;
        scratch.clear();
        scratch.extend_from_slice(b"{key:");
        nested::write(scratch, key, &self.ser.options)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let table = &mut self.ser.table;
        if !is_null(value) {
            table.scratch.extend_from_slice(b",value:");
            nested::write(&mut table.scratch, value, &self.ser.options)?;
        }
        table.scratch.push(b'}');
        if !self.first {
            table.line.push(b',');
        }
        self.first = false;
        append_quoted(&mut table.line, &table.scratch);
        Ok(())
    }

    fn end(self) -> Result<()> {
        self.ser.table.line.extend_from_slice(b"\r\n");
        self.ser.flush_line()
    }
}
