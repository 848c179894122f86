//! proptest strategies for every DTO of the model.
//!
//! Strings and doubles are drawn mostly from the special cases where formats
//! differ (quoting, escaping, number layout), with ordinary random text mixed
//! in. The recursive `Struct`/`Value` core is generated with
//! `prop_recursive`, bounded so that a case stays small enough for 64 cases
//! per property in a debug build.

use evovoice_codec::model::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

mod dtos;
pub use dtos::*;

/// Text that some format treats specially: the JSV quote set, CSV quoting,
/// XML escaping and illegal characters, line ends, whitespace at the edges,
/// things that look like other tokens, non-ASCII and astral characters.
pub const SPECIAL_STRINGS: &[&str] = &[
    "",
    " ",
    " lead",
    "trail ",
    "  both  ",
    "\"",
    "\"\"",
    "say \"hi\"",
    "a,b",
    "a:b",
    "{",
    "}",
    "[",
    "]",
    "{}",
    "[]",
    "[1,2]",
    "{a:b}",
    "{\"a\":1}",
    "https://example.com/a?b=c&d=e",
    "2024-01-02T03:04:05Z",
    "\r",
    "\n",
    "\r\n",
    "line1\r\nline2",
    "a\rb",
    "a\nb",
    "\t",
    "a\tb",
    "tab\tkey",
    "null",
    "Null",
    "true",
    "True",
    "false",
    "False",
    "0",
    "-0",
    "123",
    "-1.5e3",
    "1E+15",
    "0.30000000000000004",
    "NaN",
    "Infinity",
    "a|b",
    "a\\b",
    "C:\\path\\x",
    "it's",
    "<b>&amp;</b>",
    "]]>",
    "&lt;",
    "café",
    "中文",
    "smile 😀 ok",
    "𝄞",
    "\u{7f}",
    "\u{85}",
    "nbsp\u{a0}",
    "ls\u{2028}ps\u{2029}",
    "\u{feff}bom",
    "\u{fffd}",
    // Characters XML 1.0 cannot carry.
    "\u{0}",
    "\u{1}",
    "bs\u{8}ff\u{c}",
    "\u{b}",
    "us\u{1f}",
    "\u{fffe}",
    "\u{ffff}",
];

/// Fragments glued together to build strings with specials in the middle.
const FRAGMENTS: &[&str] = &[
    "\"", ",", ":", "{", "}", "[", "]", "\r", "\n", "\t", " ", "\\", "&", "<", ">", "'", "é", "😀",
    "\u{1}", "\u{fffe}", "null", "1",
];

/// Any string, weighted towards the special cases.
pub fn string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::sample::select(SPECIAL_STRINGS).prop_map(str::to_owned),
        3 => vec(
            prop_oneof![
                prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
                "[a-zA-Z0-9 ]{1,4}",
            ],
            1..5
        )
        .prop_map(|parts| parts.concat()),
        2 => "[a-zA-Z0-9_ -]{0,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
    .boxed()
}

/// A nullable string.
pub fn opt_string() -> BoxedStrategy<Option<String>> {
    option::of(string()).boxed()
}

/// A map key: specials, empty, and sets of keys that only differ in case,
/// whitespace or quoting (the dictionary must keep them apart).
pub fn key() -> BoxedStrategy<String> {
    prop_oneof![
        3 => string(),
        2 => prop::sample::select(&[
            "k", "K", "k ", " k", "\"k\"", "k\r", "k\n", "k\r\n", "", "key", "Key", "KEY",
            "numberValue", "NumberValue", "__type", "i:nil", "xmlns",
        ][..])
        .prop_map(str::to_owned),
    ]
    .boxed()
}

/// Doubles that exercise every number layout: zero and -0.0, subnormals,
/// the extremes, integers past 2^53, values needing 17 digits, and the
/// switch points between plain and scientific form.
pub const SPECIAL_DOUBLES: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    1.5,
    0.1,
    0.3,
    0.1 + 0.2,
    1.0 / 3.0,
    2.0 / 3.0,
    1234.56,
    123456789012.0,
    0.0001,
    0.00001,
    1e-5,
    1e14,
    1e15,
    1e16,
    1e17,
    1e21,
    1e22,
    1e23,
    9007199254740992.0,
    9007199254740994.0,
    18014398509481988.0,
    1152921504606846976.0,
    18446744073709551616.0,
    -9223372036854775808.0,
    123456789.12345679,
    0.9501,
    5e-324,
    -5e-324,
    // The largest subnormal.
    f64::from_bits(0x000F_FFFF_FFFF_FFFF),
    f64::MIN_POSITIVE,
    1e-300,
    1e300,
    1e308,
    -1e308,
    f64::MAX,
    f64::MIN,
    f64::EPSILON,
];

/// Any finite double, weighted towards the special cases.
pub fn double() -> BoxedStrategy<f64> {
    use proptest::num::f64 as f;
    prop_oneof![
        3 => prop::sample::select(SPECIAL_DOUBLES),
        2 => f::NORMAL | f::SUBNORMAL | f::ZERO | f::POSITIVE | f::NEGATIVE,
        1 => (-1_000_000i64..1_000_000).prop_map(|c| c as f64 / 100.0),
        1 => any::<i64>().prop_map(|i| i as f64),
    ]
    .boxed()
}

/// An int with its extremes likely.
pub fn int() -> BoxedStrategy<i32> {
    prop_oneof![
        1 => Just(i32::MIN),
        1 => Just(i32::MAX),
        1 => Just(0),
        1 => Just(-1),
        4 => any::<i32>(),
    ]
    .boxed()
}

/// Any variant of a .NET enum.
pub fn enumeration<E: DotNetEnum + std::fmt::Debug>() -> BoxedStrategy<E> {
    (0..E::ENUM.variants.len())
        .prop_map(|i| E::from_index(i).expect("index in range"))
        .boxed()
}

/// A nullable list of up to 3 items.
pub fn small_vec<T: std::fmt::Debug + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<Vec<T>>> {
    option::of(vec(s, 0..4)).boxed()
}

/// How the recursive core is bounded.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// `prop_recursive` levels (each level adds a `Value` and a `Struct`,
    /// plus a list when it goes through `listValue`).
    pub levels: u32,
    /// Target total number of nodes.
    pub size: u32,
    /// Entries per map.
    pub entries: usize,
}

/// Small trees, for DTOs that carry a `Struct` somewhere.
pub const SMALL: Shape = Shape {
    levels: 3,
    size: 16,
    entries: 3,
};

/// Deeper trees, for the `Struct` properties themselves.
pub const DEEP: Shape = Shape {
    levels: 8,
    size: 48,
    entries: 4,
};

/// A `Value` without nesting (any scalar member set, several, or none).
pub fn scalar_value() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::bool),
        string().prop_map(Value::string),
        double().prop_map(Value::number),
        Just(Value::default()),
        (
            option::of(any::<bool>()),
            opt_string(),
            option::of(double())
        )
            .prop_map(|(b, s, n)| {
                Value {
                    bool_value: b,
                    string_value: s,
                    number_value: n,
                    ..Value::default()
                }
            }),
    ]
    .boxed()
}

fn struct_of(values: BoxedStrategy<Value>, entries: usize) -> BoxedStrategy<Struct> {
    // Duplicate keys collapse (last wins) when collected, like an insert.
    vec((key(), option::weighted(0.85, values)), 0..=entries)
        .prop_map(|pairs| pairs.into_iter().collect())
        .boxed()
}

/// A `Struct` tree bounded by `shape`.
pub fn structure(shape: Shape) -> BoxedStrategy<Struct> {
    let entries = shape.entries;
    let leaf = struct_of(scalar_value(), entries);
    leaf.prop_recursive(shape.levels, shape.size, entries as u32, move |inner| {
        let value = prop_oneof![
            2 => scalar_value(),
            2 => inner.clone().prop_map(Value::structure),
            2 => vec(option::weighted(0.8, inner.clone()), 0..3).prop_map(Value::list),
            1 => (any::<bool>(), inner.clone(), vec(option::of(inner.clone()), 0..2)).prop_map(
                |(b, s, l)| Value {
                    bool_value: Some(b),
                    struct_value: Some(s),
                    list_value: Some(l),
                    ..Value::default()
                }
            ),
        ]
        .boxed();
        struct_of(value, entries)
    })
    .boxed()
}

/// A `Value` whose nested structs are bounded by `shape`.
pub fn value(shape: Shape) -> BoxedStrategy<Value> {
    prop_oneof![
        scalar_value(),
        structure(shape).prop_map(Value::structure),
        vec(option::of(structure(shape)), 0..3).prop_map(Value::list),
    ]
    .boxed()
}
