//! Shared by the property, memory and regression tests: strategies for every
//! DTO, the documented losses of each format, and the checks themselves.
//!
//! Every check goes through `evovoice_codec::convert::{encode, decode}`, so a
//! format is covered as soon as it is wired up there; formats this build does
//! not support are skipped (see [`formats`]).

// Each test binary uses a different part of this module.
#![allow(dead_code, unused_imports)]

pub mod normalize;
pub mod strategies;
pub mod vectors;

use std::fmt::Debug;

use evovoice_codec::model::{Describe, Struct, Value};
use evovoice_codec::{convert, Category, DecodeOptions, DotNetStyle, EncodeOptions, Format};
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use normalize::{framework_overflows, normalize_for, normalize_layout, Expected, Normalize};
pub use vectors::{cases, cases_in, diff, error_body_cases, http_vectors_dir, vectors_dir, Case};

/// The formats this build can read and write, in `Format::ALL` order.
pub fn formats() -> Vec<Format> {
    Format::ALL
        .into_iter()
        .filter(|&f| convert::is_supported(f))
        .collect()
}

/// What a DTO needs to go through every check.
pub trait Model:
    Serialize + Describe + DeserializeOwned + Normalize + Clone + Debug + PartialEq
{
}
impl<T: Serialize + Describe + DeserializeOwned + Normalize + Clone + Debug + PartialEq> Model
    for T
{
}

/// Exact equality: `PartialEq` plus the `Debug` text, which tells -0.0 from
/// 0.0 (derived `PartialEq` on `f64` does not).
pub fn same<T: Debug + PartialEq>(a: &T, b: &T) -> bool {
    a == b && format!("{a:?}") == format!("{b:?}")
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fail(msg: String) -> TestCaseError {
    TestCaseError::fail(msg)
}

/// `decode_F(encode_F(x))` equals `normalize_for(F, x)` in the Core style,
/// or the encode/decode fails exactly where the losses say it must.
pub fn check_roundtrip<T: Model>(format: Format, x: &T) -> Result<(), TestCaseError> {
    check_roundtrip_with(format, x, &EncodeOptions::new())
}

/// [`check_roundtrip`] with the encoder's options (e.g. the pretty layout).
pub fn check_roundtrip_with<T: Model>(
    format: Format,
    x: &T,
    options: &EncodeOptions,
) -> Result<(), TestCaseError> {
    let encoded = convert::encode(format, x, options);
    let expected = normalize_layout(format, options.is_pretty(), x);
    let bytes = match (expected, encoded) {
        (Expected::EncodeError, Err(_)) => return Ok(()),
        (Expected::EncodeError, Ok(b)) => {
            return Err(fail(format!(
                "{format}: encoding should fail (text the format cannot carry) but gave {:?}",
                show(&b)
            )))
        }
        (_, Err(e)) => return Err(fail(format!("{format}: encode failed: {e}"))),
        (Expected::DecodeError, Ok(b)) => {
            return match convert::decode::<T>(format, &b, &DecodeOptions::new()) {
                Err(_) => Ok(()),
                Ok(v) => Err(fail(format!(
                    "{format}: decoding should fail (keys collide after the losses), got {v:?} from {:?}",
                    show(&b)
                ))),
            }
        }
        (Expected::Value(want), Ok(b)) => (want, b),
    };
    let (want, bytes) = bytes;
    // Strict mode (unknown members rejected) must read the encoder's own
    // output: it writes no member the decoder does not know.
    let strict = DecodeOptions::new().strict(true);
    let got: T = convert::decode(format, &bytes, &strict).map_err(|e| {
        fail(format!(
            "{format}: decode failed: {e}\ninput: {:?}",
            show(&bytes)
        ))
    })?;
    // CSV may read an empty cell as either null or "": compare after the
    // losses on both sides. Every other format must give the exact value.
    let got = if format == Format::Csv {
        match normalize_for(format, &got) {
            Expected::Value(v) => v,
            other => {
                return Err(fail(format!(
                    "{format}: decoded value not normalizable: {other:?}"
                )))
            }
        }
    } else {
        got
    };
    if !same(&got, &want) {
        return Err(fail(format!(
            "{format}: round trip changed the value\nencoded: {:?}\nwant: {want:?}\n got: {got:?}",
            show(&bytes)
        )));
    }
    Ok(())
}

/// `encode_G(decode_F(encode_F(x)))` equals `encode_G` of what F keeps
/// (`normalize_for(F, x)`); when F loses nothing, that is `encode_G(x)`.
pub fn check_cross<T: Model>(from: Format, to: Format, x: &T) -> Result<(), TestCaseError> {
    let options = EncodeOptions::new();
    let Expected::Value(kept) = normalize_for(from, x) else {
        return Ok(());
    };
    if !matches!(normalize_for(to, &kept), Expected::Value(_)) {
        return Ok(());
    }
    let bytes = convert::encode(from, x, &options)
        .map_err(|e| fail(format!("{from}: encode failed: {e}")))?;
    let trip: T = convert::decode(from, &bytes, &DecodeOptions::new())
        .map_err(|e| fail(format!("{from}: decode failed: {e}")))?;
    let got = convert::encode(to, &trip, &options)
        .map_err(|e| fail(format!("{from}->{to}: encode failed: {e}")))?;
    let want = convert::encode(to, &kept, &options)
        .map_err(|e| fail(format!("{to}: encode failed: {e}")))?;
    if got != want {
        return Err(fail(format!(
            "{from}->{to}: encoding differs\nvia {from}: {:?}\n  direct: {:?}",
            show(&got),
            show(&want)
        )));
    }
    Ok(())
}

/// In the Framework style (lossy 15-digit doubles), re-encoding is stable
/// after one pass: `e2 == e3` where `e1 = encode(x)`,
/// `e2 = encode(decode(e1))`, `e3 = encode(decode(e2))`; and when the
/// format's documented losses do not touch `x`, already `e1 == e2`.
pub fn check_framework_stable<T: Model>(format: Format, x: &T) -> Result<(), TestCaseError> {
    let lossless = match normalize_for(format, x) {
        Expected::Value(v) => same(&v, x),
        _ => return Ok(()),
    };
    if framework_overflows(x) {
        return Ok(());
    }
    let options = EncodeOptions::new().dotnet(DotNetStyle::Framework);
    let pass = |bytes: &[u8]| -> Result<Vec<u8>, TestCaseError> {
        let trip: T = convert::decode(format, bytes, &DecodeOptions::new()).map_err(|e| {
            fail(format!(
                "{format}: decode of Framework text failed: {e}\ninput: {:?}",
                show(bytes)
            ))
        })?;
        convert::encode(format, &trip, &options)
            .map_err(|e| fail(format!("{format}: re-encode failed: {e}")))
    };
    let e1 = convert::encode(format, x, &options)
        .map_err(|e| fail(format!("{format}: encode failed: {e}")))?;
    let e2 = pass(&e1)?;
    let e3 = pass(&e2)?;
    if e2 != e3 || (lossless && e1 != e2) {
        return Err(fail(format!(
            "{format}: Framework re-encoding not stable\n1st: {:?}\n2nd: {:?}\n3rd: {:?}",
            show(&e1),
            show(&e2),
            show(&e3)
        )));
    }
    Ok(())
}

/// Nesting depth as the crate counts it: every DTO, map and list is one
/// level, the root included (FORMATS.md; `DecodeOptions::depth_limit`).
pub fn struct_depth(s: &Struct) -> usize {
    1 + s
        .iter()
        .filter_map(|(_, v)| v.map(value_depth))
        .max()
        .unwrap_or(0)
}

/// See [`struct_depth`].
pub fn value_depth(v: &Value) -> usize {
    let list = v
        .list_value
        .as_ref()
        .map(|items| 1 + items.iter().flatten().map(struct_depth).max().unwrap_or(0));
    let nested = v.struct_value.as_ref().map(struct_depth);
    1 + list.into_iter().chain(nested).max().unwrap_or(0)
}

/// How one level of a chain is nested in the one above.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    /// `{"k":{"structValue":…}}`: two levels (the Value and the Struct).
    Struct,
    /// `{"k":{"listValue":[…]}}`: three levels (Value, list, Struct).
    List,
}

/// A chain of `links` (outermost first), ending in a map holding one
/// number when `leaf_value`, else in an empty map.
pub fn chain(links: &[Link], leaf_value: bool) -> Struct {
    let mut s = if leaf_value {
        Struct::new().with("n", 1.5)
    } else {
        Struct::new()
    };
    for link in links.iter().rev() {
        let v = match link {
            Link::Struct => Value::structure(s),
            Link::List => Value::list([Some(s)]),
        };
        s = Struct::new().with("k", v);
    }
    s
}

/// A `Struct` nested exactly `depth` levels deep (depth ≥ 1).
pub fn struct_of_depth(depth: usize) -> Struct {
    assert!(depth >= 1);
    let links = vec![Link::Struct; (depth - 1) / 2];
    let s = chain(&links, depth % 2 == 0);
    assert_eq!(struct_depth(&s), depth);
    s
}

/// Runs `f` on a thread with a 64 MiB stack: deep values recurse deeply in
/// debug builds, whose frames are large.
pub fn with_big_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// The category of a result's error, if any.
pub fn category<T>(r: &evovoice_codec::Result<T>) -> Option<Category> {
    r.as_ref().err().map(|e| e.category())
}
