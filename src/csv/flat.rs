//! Flat cells: scalars written as their text (`True`, .NET numbers, enum
//! names, strings as they are), and the probes that send everything with
//! structure to JSV instead.

use std::fmt;
use std::io::Write;

use serde::ser::{self, Impossible, Serialize};

use crate::error::Error;
use crate::number::{self, DotNetStyle, NumberFormat};

/// Why a cell could not be written as flat text.
#[derive(Debug)]
pub(crate) enum CellError {
    /// The value is a list, map or object: it is written as JSV instead.
    Nested,
    /// A real failure.
    Fail(Error),
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellError::Nested => f.write_str("a nested value"),
            CellError::Fail(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CellError {}

impl ser::Error for CellError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CellError::Fail(Error::data(msg.to_string()))
    }
}

/// Writes a scalar cell's text; anything with structure answers
/// [`CellError::Nested`] before writing a byte, and goes to JSV.
pub(crate) struct CellSerializer<'b> {
    pub(crate) buf: &'b mut Vec<u8>,
    pub(crate) style: DotNetStyle,
}

macro_rules! nested_compounds {
    () => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, CellError> {
            Err(CellError::Nested)
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, CellError> {
            Err(CellError::Nested)
        }
    };
}

macro_rules! integers {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method(self, v: $ty) -> Result<(), CellError> {
                write!(self.buf, "{v}").map_err(|e| CellError::Fail(Error::io(e)))
            }
        )*
    };
}

impl ser::Serializer for CellSerializer<'_> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Impossible<(), CellError>;
    type SerializeStructVariant = Impossible<(), CellError>;

    nested_compounds!();

    integers! {
        serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
    }

    fn serialize_bool(self, v: bool) -> Result<(), CellError> {
        self.buf
            .extend_from_slice(if v { b"True" } else { b"False" });
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), CellError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), CellError> {
        number::write_f64(self.buf, v, self.style, NumberFormat::ToString);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), CellError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), CellError> {
        self.buf.extend_from_slice(v.as_bytes());
        Ok(())
    }

    /// Null and the empty string are both an empty cell.
    fn serialize_none(self) -> Result<(), CellError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CellError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), CellError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), CellError> {
        Ok(())
    }

    /// Enums by name.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), CellError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(self)
    }
}

/// True when `value` serializes as null (`None` or unit), without writing it.
pub(crate) fn is_null<T: Serialize + ?Sized>(value: &T) -> bool {
    matches!(value.serialize(NullProbe), Ok(true))
}

/// Answers whether a value is null; anything with structure answers
/// [`CellError::Nested`] (not null) at its first call.
struct NullProbe;

macro_rules! not_null {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method(self, _: $ty) -> Result<bool, CellError> {
                Ok(false)
            }
        )*
    };
}

impl ser::Serializer for NullProbe {
    type Ok = bool;
    type Error = CellError;
    type SerializeSeq = Impossible<bool, CellError>;
    type SerializeTuple = Impossible<bool, CellError>;
    type SerializeTupleStruct = Impossible<bool, CellError>;
    type SerializeTupleVariant = Impossible<bool, CellError>;
    type SerializeMap = Impossible<bool, CellError>;
    type SerializeStruct = Impossible<bool, CellError>;
    type SerializeStructVariant = Impossible<bool, CellError>;

    nested_compounds!();

    not_null! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str);
    }

    fn serialize_none(self) -> Result<bool, CellError> {
        Ok(true)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<bool, CellError> {
        Ok(false)
    }

    fn serialize_unit(self) -> Result<bool, CellError> {
        Ok(true)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<bool, CellError> {
        Ok(true)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<bool, CellError> {
        Ok(false)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<bool, CellError> {
        value.serialize(self)
    }
}
