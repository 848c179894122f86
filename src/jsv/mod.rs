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
//! use evovoice_codec::model::{Tag, TagColors};
//!
//! let tag = Tag { id: None, name: Some("a,b".into()), color: TagColors::Gold };
//! assert_eq!(jsv::to_string(&tag)?, r#"{name:"a,b",color:Gold}"#);
//! # Ok::<(), evovoice_codec::Error>(())
//! ```
//!
//! Nesting deeper than the depth limit fails.

mod ser;

use std::io::Write;

use serde::Serialize;

pub use self::ser::Serializer;
use crate::context::Session;
use crate::error::{Category, Error, Result};
use crate::options::EncodeOptions;

/// Encodes `value` as compact JSV (.NET Core numbers).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    to_string_with(value, &EncodeOptions::default())
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
    Ok(ser.into_inner())
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

/// Gives an error the category recorded by the code that raised it and the
/// member path collected while it unwound.
fn finish(e: Error, session: &Session) -> Error {
    let category = match e.category() {
        Category::Syntax | Category::Io => e.category(),
        other => session.failure().unwrap_or(other),
    };
    e.with_category(category).with_path(session.take_path())
}
