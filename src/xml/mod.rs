//! XML as the .NET DataContractSerializer writes it (ServiceStack's
//! `application/xml`): byte-identical encoding, tolerant streaming decoding.
//!
//! ```
//! use evovoice_codec::xml;
//! use evovoice_codec::model::{Struct, Value};
//!
//! let data = Struct::new().with("plan", "gold");
//! let text = xml::to_string(&data)?;
//! assert_eq!(
//!     text,
//!     concat!(
//!         r#"<?xml version="1.0" encoding="utf-8"?>"#,
//!         r#"<ArrayOfKeyValueOfstringValue8Ahp2kgT xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays">"#,
//!         r#"<KeyValueOfstringValue8Ahp2kgT><Key>plan</Key>"#,
//!         r#"<Value xmlns:d3p1="http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data">"#,
//!         r#"<d3p1:BoolValue i:nil="true" /><d3p1:ListValue i:nil="true" /><d3p1:NumberValue i:nil="true" />"#,
//!         r#"<d3p1:StringValue>gold</d3p1:StringValue><d3p1:StructValue i:nil="true" />"#,
//!         r#"</Value></KeyValueOfstringValue8Ahp2kgT></ArrayOfKeyValueOfstringValue8Ahp2kgT>"#,
//!     )
//! );
//! let back: Struct = xml::from_str(&text)?;
//! assert_eq!(back.get("plan").and_then(Value::as_str), Some("gold"));
//! # Ok::<(), evovoice_codec::Error>(())
//! ```
//!
//! # Data contracts
//!
//! Element names, namespaces and member order come from each type's
//! declaration (see [`contract`]): the namespace is
//! `http://schemas.datacontract.org/2004/07/<CLR namespace>`, members are
//! written base class first, each class's own members sorted by ordinal
//! name, each in its declaring class's namespace; lists of primitives and
//! dictionaries live in the `…/Serialization/Arrays` namespace; a generic
//! type is named `<Name>Of<Args><digest>` with DataContractSerializer's
//! MD5 digest.
//!
//! A type of your own gets a contract by being declared with
//! [`dto!`](crate::dto): nothing else is needed.
//!
//! ```
//! use evovoice_codec::{dto, xml};
//!
//! dto! {
//!     /// A phone number.
//!     pub struct PhoneNumber in "Voice.Api.Numbers" {
//!         /// The number in E.164 form.
//!         Number / number => pub number: Option<String>,
//!         /// Whether it can send SMS.
//!         IsSmsCapable / isSmsCapable => pub is_sms_capable: bool,
//!         /// Its tags.
//!         Tags / tags => pub tags: Option<Vec<String>>,
//!     }
//! }
//!
//! let n = PhoneNumber { number: Some("+15550100".into()), is_sms_capable: true, tags: None };
//! let text = xml::to_string(&n)?;
//! assert!(text.ends_with(concat!(
//!     r#"<PhoneNumber xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.Numbers">"#,
//!     r#"<IsSmsCapable>true</IsSmsCapable><Number>+15550100</Number>"#,
//!     r#"<Tags xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" i:nil="true" />"#,
//!     r#"</PhoneNumber>"#,
//! )));
//! let back: PhoneNumber = xml::from_str(&text)?;
//! assert_eq!(back, n);
//! # Ok::<(), evovoice_codec::Error>(())
//! ```
//!
//! # Encoding
//!
//! Every member is written (null as `<X i:nil="true" />`), text escapes only
//! `&`, `<` and `>`, CR and CRLF become `\n`, doubles use .NET's "R" format
//! in the chosen [`DotNetStyle`](crate::DotNetStyle), and dictionary entries
//! with a null value are kept. A string holding a character XML 1.0 cannot
//! carry (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) is
//! an error naming the member, as DataContractSerializer refuses it too.
//! [`EncodeOptions::pretty`](crate::EncodeOptions::pretty) indents two
//! spaces per level (the XML declaration stays on its own first line).
//!
//! # Decoding
//!
//! The decoder streams over the document (no tree is built) and accepts
//! what other producers write: any prefixes, with or without the XML
//! declaration or a byte-order mark, whitespace between elements, members
//! in any order, entity and character references, CDATA. A member is
//! named by its local name (in any case) in its declaring class's
//! namespace, whatever the prefix; unknown elements, and a member's name in
//! another namespace, are skipped as DataContractSerializer does (rejected
//! in strict mode, which also rejects a root element of another name).
//! Numbers, booleans and enums may carry surrounding whitespace, and
//! booleans may be `1`/`0`, as XML Schema allows. A missing member takes its
//! default; `i:nil` on a value-type member means its default too.
//!
//! What is not well-formed XML 1.0 with namespaces is refused, never
//! guessed at: a prefix nobody declared, on an element or an attribute
//! (`xml:` needs no declaration), a prefix declared empty, an entity XML
//! does not predefine, a character its `Char` production leaves out
//! (controls, U+FFFE, U+FFFF), written or referenced, in text, attribute
//! values, CDATA or comments. Namespace names are compared as XML reads
//! them, references resolved (`…Setting&#115;` is `…Settings`). An
//! element marked nil holding anything but white space is an error too:
//! XML Schema gives it no content, so there is nothing to keep. A
//! dictionary entry may hold `Value` before `Key`, as other producers may
//! write it: the value's events then wait, buffered, until the key is
//! read. A second `Key` or `Value` in an entry is an error, as a duplicate
//! key is; any other element there is skipped (refused in strict mode).
//! The depth limit counts the model's levels (each object, list and
//! dictionary is one, the root is 1), as in every format, so XML reads
//! back whatever it wrote under the same limit; skipping an unknown
//! element is a loop, and element nesting is bounded at a multiple of the
//! limit, so deep input gives a depth error, never a stack overflow.
//!
//! Like the encoder, the decoder follows the type's description, so the
//! functions take `T: Deserialize + Describe` (every model type and every
//! type declared with `dto!`). The model's own types (everything declared
//! with `dto!` or `dotnet_enum!`, dictionaries, scalars, their `Option`s and
//! `Vec`s) are filled element by element through a direct path
//! (`model::pull`), which skips serde's visitors; any other type, such as a
//! member type implemented by hand, is read through serde. Both paths read
//! every input alike (a property test holds them to it).

mod attrs;
pub mod contract;
mod de;
mod events;
mod lines;
mod plan;
mod pull;
mod scopes;
mod ser;
mod source;
mod writer;

use std::io::{Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use self::de::Deserializer;
pub use self::ser::Serializer;
pub use self::source::Source;
use crate::context::{self, DepthGuard, Session};
use crate::error::{Category, Error, Position, Result};
use crate::model::{Describe, TypeInfo};
use crate::options::{DecodeOptions, EncodeOptions};

/// Measures for the crate's own tests; not part of the API.
#[doc(hidden)]
pub mod __private {
    /// The namespace work (prefix entries looked at, declarations made and
    /// ended) of every XML decode this thread has finished: what a test
    /// compares across input sizes to see it grow linearly.
    pub fn namespace_work() -> u64 {
        super::scopes::namespace_work()
    }
}

/// Encodes `value` as DataContract XML (.NET Core numbers).
pub fn to_string<T: Serialize + Describe + ?Sized>(value: &T) -> Result<String> {
    to_string_with(value, &EncodeOptions::default())
}

/// Encodes `value` as DataContract XML bytes.
pub fn to_vec<T: Serialize + Describe + ?Sized>(value: &T) -> Result<Vec<u8>> {
    to_vec_with(value, &EncodeOptions::default())
}

/// Encodes `value` as DataContract XML into `writer`.
pub fn to_writer<W: Write, T: Serialize + Describe + ?Sized>(writer: W, value: &T) -> Result<()> {
    to_writer_with(writer, value, &EncodeOptions::default())
}

/// [`to_string`] with options.
pub fn to_string_with<T: Serialize + Describe + ?Sized>(
    value: &T,
    options: &EncodeOptions,
) -> Result<String> {
    let bytes = to_vec_with(value, options)?;
    String::from_utf8(bytes).map_err(|e| Error::data(format!("encoder wrote invalid UTF-8: {e}")))
}

/// [`to_vec`] with options.
pub fn to_vec_with<T: Serialize + Describe + ?Sized>(
    value: &T,
    options: &EncodeOptions,
) -> Result<Vec<u8>> {
    let session = Session::begin(crate::context::SessionOptions {
        keep_null_entries: true,
        ..options.session()
    });
    let mut ser = Serializer::new(options);
    let root = match root_list_level::<T>(None) {
        Ok(level) => level,
        Err(e) => return Err(e.with_path(session.take_path())),
    };
    let result = ser.serialize(value);
    drop(root);
    match result {
        Ok(()) => Ok(ser.into_inner()),
        Err(e) => {
            let category = session.failure().unwrap_or(e.category());
            Err(e.with_category(category).with_path(session.take_path()))
        }
    }
}

/// [`to_writer`] with options.
pub fn to_writer_with<W: Write, T: Serialize + Describe + ?Sized>(
    mut writer: W,
    value: &T,
    options: &EncodeOptions,
) -> Result<()> {
    let bytes = to_vec_with(value, options)?;
    writer.write_all(&bytes).map_err(Error::io)
}

/// Decodes DataContract XML from a string.
pub fn from_str<'a, T: Deserialize<'a> + Describe>(s: &'a str) -> Result<T> {
    from_slice_with(s.as_bytes(), &DecodeOptions::default())
}

/// Decodes DataContract XML from bytes.
pub fn from_slice<'a, T: Deserialize<'a> + Describe>(bytes: &'a [u8]) -> Result<T> {
    from_slice_with(bytes, &DecodeOptions::default())
}

/// Decodes DataContract XML from a reader, streaming. Errors carry the
/// line and column as well as the byte offset, counted as the input is read.
pub fn from_reader<R: Read, T: DeserializeOwned + Describe>(reader: R) -> Result<T> {
    from_reader_with(reader, &DecodeOptions::default())
}

/// [`from_str`] with options.
pub fn from_str_with<'a, T: Deserialize<'a> + Describe>(
    s: &'a str,
    options: &DecodeOptions,
) -> Result<T> {
    from_slice_with(s.as_bytes(), options)
}

/// [`from_slice`] with options.
pub fn from_slice_with<'a, T: Deserialize<'a> + Describe>(
    bytes: &'a [u8],
    options: &DecodeOptions,
) -> Result<T> {
    let session = Session::begin(options.session());
    // Members are named by the contract's own strings (`de::Members`).
    context::set_static_keys(true);
    let _root = root_list_level::<T>(Some(Position::from_offset(bytes, 0)))?;
    let mut de = Deserializer::new(bytes, options);
    let result = de.document::<T>();
    let offset = de.position();
    result.map_err(|e| {
        events::finish_error(e, &session, offset, |o| {
            Position::from_offset(bytes, usize::try_from(o).unwrap_or(usize::MAX))
        })
    })
}

/// [`from_reader`] with options.
pub fn from_reader_with<R: Read, T: DeserializeOwned + Describe>(
    reader: R,
    options: &DecodeOptions,
) -> Result<T> {
    let session = Session::begin(options.session());
    // Members are named by the contract's own strings (`de::Members`).
    context::set_static_keys(true);
    let start = Position {
        offset: Some(0),
        line: 1,
        column: 1,
    };
    let _root = root_list_level::<T>(Some(start))?;
    let input = lines::LineCounter::new(std::io::BufReader::new(reader));
    let mut de = Deserializer::new(input, options);
    let result = de.document::<T>();
    let offset = de.position();
    result.map_err(|e| events::finish_error(e, &session, offset, |o| de.reader.get_ref().locate(o)))
}

/// Counts a list at the root as one level, as every format does (the root is
/// depth 1): a root `Vec<T>` goes through serde's own impls, which the
/// model's counter never sees. The level is held until the guard drops.
fn root_list_level<T: Describe + ?Sized>(at: Option<Position>) -> Result<Option<DepthGuard>> {
    if !matches!(T::TYPE, TypeInfo::List(_)) {
        return Ok(None);
    }
    context::enter(|message| {
        let e = Error::new(Category::Depth, message);
        match at {
            Some(position) => e.with_position(position),
            None => e,
        }
    })
    .map(Some)
}
