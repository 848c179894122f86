//! Nested values inside cells, written and read as JSV.
//!
//! Placeholder until the JSV module is merged: nested cells are refused.

use serde::de::value::StrDeserializer;
use serde::Serialize;

use super::detached::Detached;
use crate::context;
use crate::error::{Category, Error, Result};
use crate::options::EncodeOptions;

fn not_yet() -> Error {
    context::fail(Category::Unsupported);
    Error::new(
        Category::Unsupported,
        "nested values in CSV cells need the JSV module",
    )
}

/// Appends `value` as JSV to `buf`.
pub(crate) fn write<T: Serialize + ?Sized>(
    _buf: &mut Vec<u8>,
    _value: &T,
    _options: &EncodeOptions,
) -> Result<()> {
    Err(not_yet())
}

/// Runs `f` on a JSV deserializer over `text`, then checks that nothing
/// follows the value.
pub(crate) fn decode<'c, T>(
    _text: &'c str,
    _limit: Option<usize>,
    _f: impl FnOnce(Detached<'c, StrDeserializer<'c, Error>>) -> Result<T>,
) -> Result<T> {
    Err(not_yet())
}
