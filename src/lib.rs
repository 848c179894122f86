//! ServiceStack's wire formats, byte for byte, for the DTOs of the Evo Voice
//! customers API.
//!
//! The [`model`] holds every DTO; each format module has the same face as
//! serde_json (`to_string`, `to_vec`, `to_writer`, `from_str`, `from_slice`,
//! `from_reader`, plus `*_with` variants taking [`EncodeOptions`] or
//! [`DecodeOptions`]). Every failure is an [`Error`] with a category, a
//! position in the input and the path of the member concerned.
//!
//! ```
//! use evovoice_codec::{json, DotNetStyle, EncodeOptions};
//! use evovoice_codec::model::{Struct, Value};
//!
//! let data: Struct = json::from_str(r#"{"third":{"numberValue":0.333333333333333314829616256247}}"#)?;
//! assert_eq!(json::to_string(&data)?, r#"{"third":{"numberValue":0.3333333333333333}}"#);
//! let framework = EncodeOptions::new().dotnet(DotNetStyle::Framework);
//! assert_eq!(json::to_string_with(&data, &framework)?, r#"{"third":{"numberValue":0.333333333333333}}"#);
//! assert_eq!(data.get("third").and_then(Value::as_f64), Some(1.0 / 3.0));
//! # Ok::<(), evovoice_codec::Error>(())
//! ```

#![warn(missing_docs)]

mod context;
pub mod convert;
pub mod csv;
mod error;
pub mod format;
pub mod http;
pub mod json;
pub mod jsv;
pub mod model;
pub mod number;
mod options;
pub mod xml;

pub use context::DEFAULT_DEPTH_LIMIT;
pub use error::{Category, Error, Path, Position, Result, Segment};
pub use format::{Format, UnknownFormat};
pub use number::DotNetStyle;
pub use options::{DecodeOptions, EncodeOptions};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[doc(hidden)]
pub mod __private {
    //! Re-exports for the declaration macros; not a public API.
    pub use crate::error::excerpt;
    pub use serde::{de, ser, Deserialize, Deserializer, Serialize, Serializer};
}
