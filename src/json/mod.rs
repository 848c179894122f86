//! ServiceStack JSON: byte-identical encoding, tolerant decoding.
//!
//! Encoding goes through serde_json with [`ServiceStackFormatter`], which
//! prints numbers as .NET does and escapes strings as ServiceStack.Text does.
//! Decoding goes through serde_json's parser into this crate's types, which
//! read tolerantly (see [`model::field`](crate::model::field)).
//!
//! ```
//! use evovoice_codec::json;
//! use evovoice_codec::model::CustomerInfo;
//!
//! let text = r#"{"Name":"Acme","isStaging":"true","data":{"seats":{"numberValue":1E+15}}}"#;
//! let customer: CustomerInfo = json::from_str(text)?;
//! assert_eq!(customer.name.as_deref(), Some("Acme"));
//! assert_eq!(
//!     json::to_string(&customer)?,
//!     r#"{"isStaging":true,"name":"Acme","data":{"seats":{"numberValue":1000000000000000}},"overrideBillingSettings":false,"overrideAppSettings":false}"#
//! );
//! # Ok::<(), evovoice_codec::Error>(())
//! ```
//!
//! The .NET Framework prints `double.MaxValue` as `1.79769313486232E+308`,
//! above the largest double, which serde_json refuses. [`convert::decode`]
//! (and so the command-line tool) reads it as `MaxValue`, as the other
//! formats do; `from_str`/`from_slice`/`from_reader` here refuse it ("number
//! out of range"), since a value that may borrow from the input cannot be
//! decoded again from a corrected copy.
//!
//! [`convert::decode`]: crate::convert::decode
//!
//! The depth limit holds for every type these functions read or write:
//! each JSON array and object is one level, as each DTO, `Struct`, list and
//! skipped unknown value of the model is, so a `serde_json::Value` or a
//! recursive type of your own nested deeper than the limit is the same
//! depth error, not a stack overflow. serde_json's own fixed limit of 128
//! is turned off so that the limit can be configured (and lifted, with
//! `unbounded_depth`, at your own risk). A [`Deserializer`] or
//! [`Serializer`] you drive yourself is serde_json's own: its reader stops
//! at 128 levels, its writer has no limit.
//!
//! ```
//! use evovoice_codec::{json, Category};
//!
//! let deep = "[".repeat(100_000);
//! let error = json::from_str::<serde_json::Value>(&deep).unwrap_err();
//! assert_eq!(error.category(), Category::Depth);
//! ```

mod bounded;
mod framework_max;
mod root;
mod ser;

use std::io::{Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use self::bounded::{Bounded, BoundedSerializer, Levels};
pub use self::ser::ServiceStackFormatter;
use crate::context::Session;
use crate::error::{Category, Error, Position, Result};
use crate::number::DotNetStyle;
use crate::options::{DecodeOptions, EncodeOptions};

/// serde_json's serializer with ServiceStack's formatting.
pub type Serializer<W> = serde_json::Serializer<W, ServiceStackFormatter>;

/// serde_json's deserializer (reads every JSON ServiceStack writes).
pub use serde_json::Deserializer;

/// A [`Serializer`] writing to `writer` with numbers in `style`.
pub fn serializer<W: Write>(writer: W, style: DotNetStyle) -> Serializer<W> {
    serde_json::Serializer::with_formatter(writer, ServiceStackFormatter::new(style))
}

/// Encodes `value` as ServiceStack JSON (.NET Core numbers).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    to_string_with(value, &EncodeOptions::default())
}

/// Encodes `value` as ServiceStack JSON bytes.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    to_vec_with(value, &EncodeOptions::default())
}

/// Encodes `value` as ServiceStack JSON into `writer`.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> Result<()> {
    to_writer_with(writer, value, &EncodeOptions::default())
}

/// [`to_string`] with options.
pub fn to_string_with<T: Serialize + ?Sized>(value: &T, options: &EncodeOptions) -> Result<String> {
    let bytes = to_vec_with(value, options)?;
    String::from_utf8(bytes).map_err(|e| Error::data(format!("encoder wrote invalid UTF-8: {e}")))
}

/// [`to_vec`] with options.
pub fn to_vec_with<T: Serialize + ?Sized>(value: &T, options: &EncodeOptions) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    to_writer_with(&mut out, value, options)?;
    Ok(out)
}

/// [`to_writer`] with options.
pub fn to_writer_with<W: Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
    options: &EncodeOptions,
) -> Result<()> {
    let session = Session::begin(options.session());
    let mut ser = serializer(writer, options.dotnet_style());
    let levels = Levels::new(options.depth());
    value
        .serialize(root::RootSerializer(BoundedSerializer::new(
            &mut ser, levels,
        )))
        .map_err(|e| convert(e, &session, None))
}

/// Decodes ServiceStack JSON from a string.
pub fn from_str<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T> {
    from_slice_with(s.as_bytes(), &DecodeOptions::default())
}

/// Decodes ServiceStack JSON from bytes.
pub fn from_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T> {
    from_slice_with(bytes, &DecodeOptions::default())
}

/// Decodes ServiceStack JSON from a reader, streaming.
pub fn from_reader<R: Read, T: DeserializeOwned>(reader: R) -> Result<T> {
    from_reader_with(reader, &DecodeOptions::default())
}

/// [`from_str`] with options.
pub fn from_str_with<'a, T: Deserialize<'a>>(s: &'a str, options: &DecodeOptions) -> Result<T> {
    from_slice_with(s.as_bytes(), options)
}

/// [`from_slice`] with options.
pub fn from_slice_with<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    options: &DecodeOptions,
) -> Result<T> {
    let session = Session::begin(options.session());
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    root::deserialize(Bounded::new(&mut de, Levels::new(options.depth())))
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| convert(e, &session, Some(bytes)))
}

/// [`from_slice_with`] for owned values, which also reads the .NET
/// Framework's printed `double.MaxValue` (`1.79769313486232E+308`, above
/// the largest double, refused by serde_json) as `MaxValue`, as the other
/// formats do: the decode is retried once on a respelled copy (see
/// `framework_max`). Borrowing decodes cannot be retried on a copy.
pub(crate) fn from_slice_owned_with<T: DeserializeOwned>(
    bytes: &[u8],
    options: &DecodeOptions,
) -> Result<T> {
    match from_owned_bytes(bytes, options) {
        Err(e) if e.to_string().contains("number out of range") => {
            match framework_max::respelled(bytes) {
                Some(copy) => from_owned_bytes(&copy, options),
                None => Err(e),
            }
        }
        result => result,
    }
}

/// Decodes an owned value from bytes. Past the default depth limit it
/// reads them as a stream: serde_json, unwinding an error through each
/// open array or object, asks a slice reader for a position every level,
/// and a slice reader finds one by scanning back to the previous line
/// break, so an error 100,000 levels down in one long line would cost
/// 100,000 scans. A stream reader keeps its position as it goes.
fn from_owned_bytes<T: DeserializeOwned>(bytes: &[u8], options: &DecodeOptions) -> Result<T> {
    let within_default = options
        .depth()
        .is_some_and(|limit| limit <= crate::DEFAULT_DEPTH_LIMIT);
    if within_default {
        return from_slice_with(bytes, options);
    }
    let session = Session::begin(options.session());
    let mut de = serde_json::Deserializer::from_reader(bytes);
    de.disable_recursion_limit();
    root::deserialize(Bounded::new(&mut de, Levels::new(options.depth())))
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| convert(e, &session, Some(bytes)))
}

/// [`from_reader`] with options.
pub fn from_reader_with<R: Read, T: DeserializeOwned>(
    reader: R,
    options: &DecodeOptions,
) -> Result<T> {
    let session = Session::begin(options.session());
    let mut de = serde_json::Deserializer::from_reader(reader);
    de.disable_recursion_limit();
    root::deserialize(Bounded::new(&mut de, Levels::new(options.depth())))
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| convert(e, &session, None))
}

/// Turns a serde_json error into the crate's, with the category recorded by
/// the code that failed, the position and the member path.
fn convert(e: serde_json::Error, session: &Session, input: Option<&[u8]>) -> Error {
    use serde_json::error::Category as J;
    if e.is_io() {
        // serde_json hands the reader's or writer's own error back whole.
        return Error::io(std::io::Error::from(e)).with_path(session.take_path());
    }
    let category = match e.classify() {
        J::Io => Category::Io,
        J::Syntax | J::Eof => Category::Syntax,
        J::Data => session.failure().unwrap_or(Category::Data),
    };
    let mut message = e.to_string();
    if e.line() > 0 {
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        if let Some(stripped) = message.strip_suffix(&suffix) {
            message.truncate(stripped.len());
        }
    }
    if e.classify() == J::Eof {
        message = format!("unexpected end of input ({message})");
    }
    let mut error = Error::new(category, message).with_path(session.take_path());
    if e.line() > 0 {
        let (line, column) = (e.line() as u64, e.column() as u64);
        let position = match input {
            Some(bytes) => Position::from_line_column(bytes, line, column),
            None => Position {
                offset: None,
                line,
                column,
            },
        };
        error = error.with_position(position);
    }
    error
}
