//! ServiceStack's JSV (TypeSerializer) text format: byte-identical encoding,
//! tolerant decoding, and the pretty layout of the API reference pages.
//!
//! JSV looks like `{name:Acme,tags:[{name:vip,color:Gold}]}`: no whitespace,
//! booleans `True`/`False`, enums by name, numbers as .NET prints them, and
//! strings bare unless they hold one of `"` `:` `,` `{` `}` `[` `]` CR LF
//! (then quoted, with `"` doubled). Null members and null map values are
//! left out; a null list item is `null`.
//!
//! Any `Serialize`/`Deserialize` type works, not only the model's DTOs.
//!
//! ```
//! use evovoice_codec::jsv;
//! use evovoice_codec::model::{CustomerInfo, Tag, TagColors};
//!
//! let customer: CustomerInfo = jsv::from_str("{name:\"Acme, Inc.\", isStaging:true,tags:[{name:\"a,b\",color:gold}]}")?;
//! assert_eq!(customer.name.as_deref(), Some("Acme, Inc."));
//! assert_eq!(
//!     jsv::to_string(&customer)?,
//!     r#"{isStaging:True,name:"Acme, Inc.",tags:[{name:"a,b",color:Gold}],overrideBillingSettings:False,overrideAppSettings:False}"#
//! );
//! let tag = Tag { id: None, name: Some("vip".into()), color: TagColors::Gold };
//! assert_eq!(jsv::to_string_pretty(&tag)?, "{\n\tname: vip,\n\tcolor: Gold\n}");
//! # Ok::<(), evovoice_codec::Error>(())
//! ```
//!
//! Reading accepts more than ServiceStack writes, where nothing is lost:
//! whitespace between tokens (so the pretty layout reads back), `true` and
//! `false` in any case, `null` list items (ServiceStack itself reads
//! `[null]` as a null list), empty and quoted map keys. A bare `null` as a
//! member value is the text "null", as in ServiceStack. Nesting deeper than
//! the depth limit fails on both encode and decode.

mod access;
mod de;
mod key;
mod pretty;
mod read;
mod ser;

use std::io::{Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use self::de::Deserializer;
pub use self::ser::Serializer;
use crate::context::Session;
use crate::error::{Category, Error, Position, Result};
use crate::options::{DecodeOptions, EncodeOptions};

/// Encodes `value` as compact JSV (.NET Core numbers).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    to_string_with(value, &EncodeOptions::default())
}

/// Encodes `value` in the indented layout of the API reference pages.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    to_string_with(value, &EncodeOptions::default().pretty(true))
}

/// Encodes `value` as JSV bytes.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    to_vec_with(value, &EncodeOptions::default())
}

/// Encodes `value` as JSV into `writer`.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> Result<()> {
    to_writer_with(writer, value, &EncodeOptions::default())
}

/// [`to_string`] with options (number style, depth limit, pretty layout).
pub fn to_string_with<T: Serialize + ?Sized>(value: &T, options: &EncodeOptions) -> Result<String> {
    let bytes = to_vec_with(value, options)?;
    String::from_utf8(bytes).map_err(|e| Error::data(format!("encoder wrote invalid UTF-8: {e}")))
}

/// [`to_vec`] with options.
pub fn to_vec_with<T: Serialize + ?Sized>(value: &T, options: &EncodeOptions) -> Result<Vec<u8>> {
    let session = Session::begin(options.session());
    let mut ser = Serializer::with_options(Vec::with_capacity(256), options);
    if let Err(e) = value.serialize(&mut ser) {
        return Err(finish(e, &session));
    }
    let compact = ser.into_inner();
    Ok(if options.is_pretty() {
        pretty::layout(&compact)
    } else {
        compact
    })
}

/// [`to_writer`] with options.
pub fn to_writer_with<W: Write, T: Serialize + ?Sized>(
    mut writer: W,
    value: &T,
    options: &EncodeOptions,
) -> Result<()> {
    let bytes = to_vec_with(value, options)?;
    writer.write_all(&bytes).map_err(Error::io)
}

/// Decodes JSV from a string.
pub fn from_str<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T> {
    from_slice_with(s.as_bytes(), &DecodeOptions::default())
}

/// Decodes JSV from bytes, borrowing strings where the type can.
pub fn from_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T> {
    from_slice_with(bytes, &DecodeOptions::default())
}

/// Decodes JSV from a reader (read to its end first: JSV's bare tokens end
/// only at a delimiter, so a document cannot be cut off early anyway).
pub fn from_reader<R: Read, T: DeserializeOwned>(reader: R) -> Result<T> {
    from_reader_with(reader, &DecodeOptions::default())
}

/// [`from_str`] with options.
pub fn from_str_with<'a, T: Deserialize<'a>>(s: &'a str, options: &DecodeOptions) -> Result<T> {
    from_slice_with(s.as_bytes(), options)
}

/// [`from_slice`] with options (strict mode, depth limit).
pub fn from_slice_with<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    options: &DecodeOptions,
) -> Result<T> {
    let session = Session::begin(options.session());
    let mut de = Deserializer::with_limit(bytes, options.depth());
    match T::deserialize(&mut de).and_then(|v| de.end().map(|()| v)) {
        Ok(v) => Ok(v),
        Err(e) => {
            let e = if e.position().is_none() {
                let at = de.token_start;
                e.with_position(Position::from_offset(bytes, at))
            } else {
                e
            };
            Err(finish(e, &session))
        }
    }
}

/// [`from_reader`] with options.
pub fn from_reader_with<R: Read, T: DeserializeOwned>(
    mut reader: R,
    options: &DecodeOptions,
) -> Result<T> {
    let mut buffer = Vec::new();
    reader.read_to_end(&mut buffer).map_err(Error::io)?;
    from_slice_with(&buffer, options)
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
