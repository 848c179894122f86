//! Nested values inside cells, written and read as JSV by the JSV module.

use serde::Serialize;

use super::detached::Detached;
use crate::error::{Position, Result};
use crate::jsv;
use crate::options::EncodeOptions;

/// Appends `value` as compact JSV to `buf`.
///
/// The JSV serializer runs inside the caller's session, so depth and error
/// paths carry on from the row. It drops null map values by itself, as
/// ServiceStack's nested JSV does, even though the CSV session keeps them
/// for the top-level dictionary shape.
pub(crate) fn write<T: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    value: &T,
    options: &EncodeOptions,
) -> Result<()> {
    let mut ser = jsv::Serializer::with_options(std::mem::take(buf), options);
    let result = value.serialize(&mut ser);
    *buf = ser.into_inner();
    result
}

/// Runs `f` on a JSV deserializer over `text` (one cell, already unquoted
/// once by the record layer), then checks that nothing follows the value.
/// A position in the error is an offset into `text`.
pub(crate) fn decode<'c, T>(
    text: &'c str,
    limit: Option<usize>,
    f: impl FnOnce(Detached<'c, &mut jsv::Deserializer<'c>>) -> Result<T>,
) -> Result<T> {
    run(
        jsv::Deserializer::with_limit(text.as_bytes(), limit),
        text,
        f,
    )
}

/// [`decode`] for the key or value of a `{key:…,value:…}` cell: JSV text cut
/// out of a map, where the writer leaves a key or string of blanks bare
/// (`{key: ,…}`, as ServiceStack does) and the map's reader takes it as
/// that text.
pub(crate) fn decode_map_part<'c, T>(
    text: &'c str,
    limit: Option<usize>,
    f: impl FnOnce(Detached<'c, &mut jsv::Deserializer<'c>>) -> Result<T>,
) -> Result<T> {
    run(
        jsv::Deserializer::for_map_part(text.as_bytes(), limit),
        text,
        f,
    )
}

fn run<'c, T>(
    mut de: jsv::Deserializer<'c>,
    text: &'c str,
    f: impl FnOnce(Detached<'c, &mut jsv::Deserializer<'c>>) -> Result<T>,
) -> Result<T> {
    let result = f(Detached::new(&mut de)).and_then(|v| de.end().map(|()| v));
    result.map_err(|e| {
        if e.position().is_none() {
            e.with_position(Position::from_offset(text.as_bytes(), de.token_start))
        } else {
            e
        }
    })
}
