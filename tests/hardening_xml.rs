//! Regressions of the XML classes of the hardening issue (issue 15): one
//! test per class, named for what it pins. Expected results are worked out
//! by hand from the XML and XML Namespaces recommendations and the
//! DataContract documents written here, never taken from the decoder.
//!
//! Work and memory are measured, never time: a counting global allocator
//! (live and peak bytes, as in `tests/memory.rs`) and the decoder's own
//! count of namespace work. The allocator counts every thread, so the
//! tests of this file run one at a time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, MutexGuard};

use evovoice_codec::model::{
    CustomerInfo, Describe, EntityIntegrationData, Struct, Tag, TypeInfo, Value,
};
use evovoice_codec::{xml, Category, DecodeOptions, Error};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            // A moving realloc briefly holds both blocks; count the larger
            // of old and new as the cost, as an in-place one would.
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The tests share the counters: one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f`, returning its result, the bytes it left allocated and its
/// peak heap above what was live before.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let value = f();
    let kept = LIVE.load(Relaxed).saturating_sub(before);
    let peak = PEAK.load(Relaxed) - before;
    (value, kept, peak)
}

/// A tree-shaped `Struct`, `depth` levels of maps: each map holds a
/// number, a string, a nested struct and a list of a struct and a null, so
/// that every branch is a different path of members (struct value, list
/// item, struct value, …): 2^depth innermost maps, each at its own place in
/// the document.
fn tree(depth: usize, counter: &mut u32) -> Struct {
    *counter += 1;
    let mut s = Struct::new()
        .with("n", f64::from(*counter))
        .with("t", format!("node {counter}"));
    if depth > 0 {
        s.insert("s", Value::structure(tree(depth - 1, counter)));
        s.insert("l", Value::list(vec![Some(tree(depth - 1, counter)), None]));
    }
    s
}

#[test]
fn xml_encoding_memory_stays_near_output_plus_value() {
    let _serial = serial();
    // 2^11 = 2,048 maps at the innermost level, 4,095 in all: about 2 MB
    // of XML.
    let (value, value_size, _) = measured(|| tree(11, &mut 0));
    let (out, _, peak) = measured(|| xml::to_vec(&value).unwrap());
    let budget = 2 * (out.len() + value_size);
    assert!(
        peak < budget,
        "encoding: peak heap {peak} bytes, output {} bytes, value {value_size} bytes",
        out.len()
    );
    // The output is a whole `Struct` document that reads back as the value.
    let (back, _, peak) = measured(|| xml::from_slice::<Struct>(&out).unwrap());
    assert!(back == value, "the tree read back differs");
    assert!(
        peak < 2 * value_size,
        "decoding: peak heap {peak} bytes for a value of {value_size} bytes"
    );
}

const SETTINGS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Settings";

/// The namespace work of decoding `doc` as a `Tag`, which must read
/// `Name` as `x`.
fn namespace_work_of(doc: &str) -> u64 {
    let before = xml::__private::namespace_work();
    let tag: Tag = xml::from_str(doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tag.name.as_deref(), Some("x"));
    xml::__private::namespace_work() - before
}

/// A document made for a size `n`.
type Document = fn(usize) -> String;

#[test]
fn namespace_declarations_take_linear_work() {
    let _serial = serial();
    // Each document of `n` has `n` of something namespaces cost: declared,
    // resolved, or both.
    let shapes: [(&str, Document); 6] = [
        // Many short prefixes declared on the root.
        ("short declarations", |n| {
            let decls: String = (0..n).map(|i| format!(r#" xmlns:p{i}="u{i}""#)).collect();
            format!(r#"<Tag xmlns="{SETTINGS}"{decls}><Name>x</Name></Tag>"#)
        }),
        // Many long prefixes (more than 7 bytes, which share one key in
        // the decoder) declared, each used on an element of its own.
        ("long prefixes declared and used", |n| {
            let decls: String = (0..n)
                .map(|i| format!(r#" xmlns:averylongprefix{i}="{SETTINGS}""#))
                .collect();
            let uses: String = (0..n)
                .map(|i| format!("<averylongprefix{i}:Other>o</averylongprefix{i}:Other>"))
                .collect();
            format!(r#"<Tag xmlns="{SETTINGS}"{decls}>{uses}<Name>x</Name></Tag>"#)
        }),
        // Many short prefixes, each used on elements in turn: none of them
        // is among the last two resolved.
        ("short prefixes used in turn", |n| {
            let decls: String = (0..n)
                .map(|i| format!(r#" xmlns:p{i}="{SETTINGS}""#))
                .collect();
            let uses: String = (0..2 * n)
                .map(|i| format!("<p{}:Other>o</p{}:Other>", i % n, i % n))
                .collect();
            format!(r#"<Tag xmlns="{SETTINGS}"{decls}>{uses}<Name>x</Name></Tag>"#)
        }),
        // Each of many elements declares many prefixes and ends, so they
        // come and go.
        ("declarations coming and going", |n| {
            let decls: String = (0..32).map(|i| format!(r#" xmlns:p{i}="u{i}""#)).collect();
            let elements: String = (0..n / 32)
                .map(|_| format!("<Other{decls}>o</Other>"))
                .collect();
            format!(r#"<Tag xmlns="{SETTINGS}">{elements}<Name>x</Name></Tag>"#)
        }),
        // Many prefixes, each on an attribute of one element (a name of
        // its own each: no duplicate).
        ("prefixed attributes", |n| {
            let decls: String = (0..n).map(|i| format!(r#" xmlns:p{i}="u{i}""#)).collect();
            let attributes: String = (0..n).map(|i| format!(r#" p{i}:a="v""#)).collect();
            format!(r#"<Tag xmlns="{SETTINGS}"{decls}><Name{attributes}>x</Name></Tag>"#)
        }),
        // One prefix redeclared on every level of a nesting.
        ("one prefix hidden on every level", |n| {
            let open: String = (0..n).map(|i| format!(r#"<p:O xmlns:p="u{i}">"#)).collect();
            let close = "</p:O>".repeat(n);
            format!(r#"<Tag xmlns="{SETTINGS}">{open}{close}<Name>x</Name></Tag>"#)
        }),
    ];
    for (what, doc) in shapes {
        // Nesting is bounded by the depth limit, so the nested shape stays
        // within it.
        let n = if what.contains("level") { 100 } else { 2_000 };
        let small = namespace_work_of(&doc(n));
        let large = namespace_work_of(&doc(4 * n));
        let ratio = large as f64 / small as f64;
        // Linear work grows 4 times for 4 times the input; quadratic, 16.
        assert!(
            (3.0..6.0).contains(&ratio),
            "{what}: namespace work {small} for n = {n}, {large} for 4n ({ratio:.1}x)"
        );
    }
}

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

#[test]
fn namespace_declarations_are_compared_with_references_resolved() {
    let _serial = serial();
    // `&#115;` and `&#x73;` are `s`, `&#47;` is `/`: each value below
    // spells the Settings namespace.
    let spelled = [
        "http://schemas.datacontract.org/2004/07/Voice.Api.Setting&#115;",
        "http://schemas.datacontract.org/2004/07/Voice.Api.Setting&#x73;",
        "http:&#47;&#47;schemas.datacontract.org/2004/07/Voice.Api.Settings",
    ];
    for ns in spelled {
        for doc in [
            // The default namespace, on the root and redeclared on a member.
            format!(r#"<Tag xmlns="{ns}"><Name>x</Name></Tag>"#),
            format!(r#"<Tag xmlns="{SETTINGS}"><Name xmlns="{ns}">x</Name></Tag>"#),
            // A prefix, in double and single quotes.
            format!(r#"<s:Tag xmlns:s="{ns}"><s:Name>x</s:Name></s:Tag>"#),
            format!(r#"<s:Tag xmlns:s='{ns}'><s:Name>x</s:Name></s:Tag>"#),
        ] {
            let options = DecodeOptions::new().strict(true);
            let tag: Tag =
                xml::from_str_with(&doc, &options).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(tag.name.as_deref(), Some("x"), "{doc}");
        }
    }
    // `&amp;` is `&`: this is another namespace, whose `Name` is not the
    // member (skipped, and refused in strict mode).
    let doc = format!(r#"<Tag xmlns="{SETTINGS}"><Name xmlns="{SETTINGS}&amp;">x</Name></Tag>"#);
    let tag: Tag = xml::from_str(&doc).unwrap();
    assert_eq!(tag.name, None);
    let e = xml::from_str_with::<Tag>(&doc, &DecodeOptions::new().strict(true)).unwrap_err();
    assert_eq!(e.category(), Category::Data, "{e}");
}

/// Decodes `doc` as a `Tag`, which must fail with `category` at a byte
/// offset within `fragment` (the first place it occurs in `doc`, its end
/// included: an error is seen once the event holding it has been read).
fn refused(doc: &str, fragment: &str, category: Category) -> Error {
    let e = xml::from_str::<Tag>(doc).expect_err(doc);
    assert_eq!(e.category(), category, "{doc}: {e}");
    let start = doc.find(fragment).expect("the fragment is in the document");
    let offset = e
        .offset()
        .unwrap_or_else(|| panic!("{doc}: no position in {e}")) as usize;
    assert!(
        (start..=start + fragment.len()).contains(&offset),
        "{doc}: {e} is not within {fragment} (bytes {start}..={})",
        start + fragment.len()
    );
    // The streaming decoder says the same.
    let streamed = xml::from_reader::<_, Tag>(doc.as_bytes()).expect_err(doc);
    assert_eq!(
        (streamed.category(), streamed.offset()),
        (category, e.offset())
    );
    e
}

#[test]
fn undeclared_prefixes_nil_content_bad_references_and_noncharacters_are_errors() {
    let _serial = serial();
    let root = format!(r#"<Tag xmlns="{SETTINGS}" xmlns:i="{XSI}">"#);
    let doc = |inner: &str| format!("{root}{inner}</Tag>");

    // An element or attribute prefix nobody declared (XML Namespaces 1.0,
    // "Namespace constraint: Prefix Declared"); `xml:` needs no declaration.
    for fragment in [
        "<q:Name>x</q:Name>",
        r#"<Name q:a="1">x</Name>"#,
        r#"<Name q:a='1'>x</Name>"#,
        r#"<Name a="1" b="2" c="3" d="4" q:e="5">x</Name>"#,
        r#"<Name q:nil="true" />"#,
        r#"<Name xmlns:q="" q:a="1">x</Name>"#,
    ] {
        let e = refused(&doc(fragment), fragment, Category::Syntax);
        assert!(e.message().contains("declar"), "{fragment}: {e}");
    }
    let tag: Tag = xml::from_str(&doc(r#"<Name xml:lang="en">x</Name>"#)).unwrap();
    assert_eq!(tag.name.as_deref(), Some("x"));
    let tag: Tag = xml::from_str(&doc(r#"<Name q:a="1" xmlns:q="urn:q">x</Name>"#)).unwrap();
    assert_eq!(tag.name.as_deref(), Some("x"));

    // Content inside an element marked nil (XML Schema: a nil element has
    // none); white space alone is no content.
    for fragment in [
        r#"<Name i:nil="true">x</Name>"#,
        r#"<Name i:nil="1">x</Name>"#,
        r#"<Name i:nil="true"><a/></Name>"#,
        r#"<Name i:nil="true"> <a>b</a> </Name>"#,
    ] {
        let e = refused(&doc(fragment), fragment, Category::Data);
        assert_eq!(e.path().to_string(), "name", "{fragment}: {e}");
    }
    let tag: Tag = xml::from_str(&doc(r#"<Name i:nil="true">  </Name>"#)).unwrap();
    assert_eq!(tag.name, None);

    // A reference to an entity XML does not predefine, in an attribute
    // value as in text.
    for fragment in [
        r#"<Name a="&bogus;">x</Name>"#,
        r#"<Name xmlns="&bogus;">x</Name>"#,
        "<Name>&bogus;</Name>",
    ] {
        refused(&doc(fragment), fragment, Category::Syntax);
    }

    // Characters XML 1.0's `Char` production leaves out, written or
    // referenced, in text and attribute values.
    for fragment in [
        "<Name>a\u{FFFE}b</Name>",
        "<Name>a\u{FFFF}</Name>",
        "<Name>&#xFFFE;</Name>",
        "<Name>&#1;</Name>",
        "<Name><![CDATA[\u{FFFF}]]></Name>",
        "<Name a=\"\u{FFFE}\">x</Name>",
        "<Name a=\"\u{1}\">x</Name>",
        r#"<Name a="&#xFFFF;">x</Name>"#,
        r#"<Name a="&#1;">x</Name>"#,
        r#"<Name a="&#0;">x</Name>"#,
        r#"<Name xmlns="&#xD800;">x</Name>"#,
        "<!-- \u{FFFE} --><Name>x</Name>",
        "<Na\u{FFFE}me>x</Na\u{FFFE}me>",
        "<Name a\u{FFFF}=\"1\">x</Name>",
    ] {
        refused(&doc(fragment), fragment, Category::Syntax);
    }
    // What the vectors hold stays readable: references to characters XML
    // allows, in text and attribute values.
    let tag: Tag = xml::from_str(&doc(
        r#"<Name a="&#x9;&lt;&#65;">&#xFFFD;&#x10000;&amp;</Name>"#,
    ))
    .unwrap();
    assert_eq!(tag.name.as_deref(), Some("\u{FFFD}\u{10000}&"));
}

const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const FLOWS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data";
const INTEGRATIONS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Integrations";
const CUSTOMERS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Customers";

/// `T` read through serde only (the model does not describe it as read
/// directly), as `tests/xml_direct_path.rs` does.
#[derive(Debug, PartialEq)]
struct ViaSerde<T>(T);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ViaSerde<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(ViaSerde)
    }
}

impl<T: Describe> Describe for ViaSerde<T> {
    const TYPE: &'static TypeInfo = T::TYPE;
}

/// Every way of reading `doc` as a `T`: the direct path and serde's, from
/// a slice and a reader, lenient and strict.
fn every_read<T>(doc: &str) -> Vec<(String, Result<(), Error>)>
where
    T: for<'de> serde::Deserialize<'de> + Describe + std::fmt::Debug,
{
    let mut outcomes = Vec::new();
    for strict in [false, true] {
        let options = DecodeOptions::new().strict(strict);
        let bytes = doc.as_bytes();
        let ways: [(&str, Result<(), Error>); 4] = [
            (
                "direct",
                xml::from_slice_with::<T>(bytes, &options).map(drop),
            ),
            (
                "serde",
                xml::from_slice_with::<ViaSerde<T>>(bytes, &options).map(drop),
            ),
            (
                "direct, reader",
                xml::from_reader_with::<_, T>(bytes, &options).map(drop),
            ),
            (
                "serde, reader",
                xml::from_reader_with::<_, ViaSerde<T>>(bytes, &options).map(drop),
            ),
        ];
        for (way, result) in ways {
            outcomes.push((format!("{way}, strict {strict}"), result));
        }
    }
    outcomes
}

/// How a dictionary's value holding a text is written.
type Spell = fn(&str) -> String;

#[test]
fn a_second_key_or_value_in_a_dictionary_entry_is_an_error() {
    let _serial = serial();
    // (dictionary element, entry element, declarations, a value)
    let struct_value = |s: &str| format!("<f:StringValue>{s}</f:StringValue>");
    let data_value = |s: &str| format!("<g:ThirdPartyId>{s}</g:ThirdPartyId>");
    let kinds: [(&str, &str, String, Spell); 2] = [
        (
            "ArrayOfKeyValueOfstringValue8Ahp2kgT",
            "KeyValueOfstringValue8Ahp2kgT",
            format!(r#"xmlns="{ARRAYS}" xmlns:f="{FLOWS}""#),
            struct_value,
        ),
        (
            "ArrayOfKeyValueOfstringIntegrationDataY_SkqLnhh",
            "KeyValueOfstringIntegrationDataY_SkqLnhh",
            format!(r#"xmlns="{ARRAYS}" xmlns:g="{INTEGRATIONS}""#),
            data_value,
        ),
    ];
    for (dictionary, entry, declarations, value) in kinds {
        let (a, b) = (value("a"), value("b"));
        // An entry's parts, the second of a kind last: where it is met
        // (the error's position is within it).
        let cases = [
            (
                format!("<Key>k</Key><Value>{a}</Value>"),
                format!("<Value>{b}</Value>"),
            ),
            (
                format!("<Key>k</Key><Value>{a}</Value>"),
                "<Key>j</Key>".to_string(),
            ),
            (
                format!("<Value>{a}</Value><Key>k</Key>"),
                format!("<Value>{b}</Value>"),
            ),
            (
                format!("<Value>{a}</Value><Key>k</Key>"),
                "<Key>j</Key>".to_string(),
            ),
            (
                format!("<Key>k</Key><Value>{a}</Value>"),
                "<VALUE/>".to_string(),
            ),
            (
                format!("<key>k</key><value>{a}</value>"),
                "<KEY>j</KEY>".to_string(),
            ),
        ];
        for (parts, second) in cases {
            let doc = format!(
                "<{dictionary} {declarations}><{entry}><Key>e</Key><Value>{a}</Value></{entry}>\
                 <{entry}>{parts}{second}</{entry}></{dictionary}>"
            );
            let start = doc.find(&second).unwrap();
            let within = start..=start + second.len();
            let check = |way: &str, result: Result<(), Error>| {
                let e = result.expect_err(&format!("{way}: {doc}"));
                assert_eq!(e.category(), Category::Data, "{way}: {doc}: {e}");
                assert_eq!(e.path().to_string(), "k", "{way}: {doc}: {e}");
                let offset = e.offset().expect("a position") as usize;
                assert!(within.contains(&offset), "{way}: {doc}: {e}");
            };
            if dictionary.contains("Value8A") {
                for (way, result) in every_read::<Struct>(&doc) {
                    check(&way, result);
                }
                // Inside a member, the path goes through it.
                let customer = format!(
                    "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Data xmlns:f=\"{FLOWS}\">\
                     <{entry} xmlns=\"{ARRAYS}\">{parts}{second}</{entry}></Data></CustomerInfo>"
                );
                let e = xml::from_str::<CustomerInfo>(&customer).expect_err(&customer);
                assert_eq!(e.path().to_string(), "data.k", "{customer}: {e}");
            } else {
                for (way, result) in every_read::<EntityIntegrationData>(&doc) {
                    check(&way, result);
                }
            }
        }
        // Another element after the parts is skipped, as an unknown member
        // is, and refused in strict mode.
        let doc = format!(
            "<{dictionary} {declarations}><{entry}><Key>k</Key><Value>{a}</Value><Note/></{entry}>\
             </{dictionary}>"
        );
        let outcomes = if dictionary.contains("Value8A") {
            every_read::<Struct>(&doc)
        } else {
            every_read::<EntityIntegrationData>(&doc)
        };
        for (way, result) in outcomes {
            if way.ends_with("strict true") {
                let e = result.expect_err(&way);
                assert_eq!(
                    (e.category(), e.path().to_string()),
                    (Category::Data, "k".into())
                );
            } else {
                result.unwrap_or_else(|e| panic!("{way}: {doc}: {e}"));
            }
        }
    }
}

/// A reader of `data` that hands out at most `step` bytes a call, fails
/// with `Interrupted` before every read when `interrupting`, and fails for
/// good (`Other`, "disk gone") once `fail_at` bytes have been read.
struct Flaky<'a> {
    data: &'a [u8],
    /// How many bytes were read.
    at: usize,
    step: usize,
    interrupting: bool,
    interrupted: bool,
    fail_at: Option<usize>,
}

impl std::io::Read for Flaky<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.interrupting && !self.interrupted {
            self.interrupted = true;
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        self.interrupted = false;
        let rest = &self.data[self.at..];
        let mut n = self.step.min(buf.len()).min(rest.len());
        if let Some(fail_at) = self.fail_at {
            if self.at >= fail_at {
                return Err(std::io::Error::other("disk gone"));
            }
            n = n.min(fail_at - self.at);
        }
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

/// A writer that fails with `Interrupted` before every write when
/// `interrupting`, and for good once `fail_after` bytes were taken.
struct FlakyWriter {
    out: Vec<u8>,
    interrupting: bool,
    interrupted: bool,
    fail_after: Option<usize>,
}

impl std::io::Write for FlakyWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.interrupting && !self.interrupted {
            self.interrupted = true;
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        self.interrupted = false;
        if self.fail_after.is_some_and(|at| self.out.len() >= at) {
            return Err(std::io::Error::other("disk full"));
        }
        let n = buf.len().min(7);
        self.out.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The `std::io::Error` behind `e`, which must be an I/O error.
fn io_source(e: &Error) -> &std::io::Error {
    assert_eq!(e.category(), Category::Io, "{e}");
    std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .unwrap_or_else(|| panic!("{e}: no std::io::Error as its source"))
}

#[test]
fn io_failures_are_io_errors_with_their_source_and_interruptions_are_retried() {
    let _serial = serial();
    let doc = format!(r#"<Tag xmlns="{SETTINGS}"><Id>t1</Id><Name>x</Name></Tag>"#);
    let data = doc.as_bytes();
    let read = |step, interrupting, fail_at| {
        let reader = Flaky {
            data,
            at: 0,
            step,
            interrupting,
            interrupted: false,
            fail_at,
        };
        xml::from_reader::<_, Tag>(reader)
    };
    // Interrupted reads are tried again: the document reads whole.
    for step in [1, 5, 4096] {
        let tag = read(step, true, None).unwrap();
        assert_eq!(
            (tag.id.as_deref(), tag.name.as_deref()),
            (Some("t1"), Some("x"))
        );
    }
    // A reader that fails, before the first byte, inside a tag, inside a
    // text: an I/O error, whose source is the reader's error, at or before
    // the bytes read.
    for fail_at in [0, 3, 40, data.len() - 3] {
        for step in [1, 4096] {
            let e = read(step, true, Some(fail_at)).unwrap_err();
            let source = io_source(&e);
            assert_eq!(source.kind(), std::io::ErrorKind::Other, "{e}");
            assert_eq!(source.to_string(), "disk gone", "{e}");
            assert!(
                e.offset().is_some_and(|o| o as usize <= fail_at),
                "{fail_at}: {e}"
            );
        }
    }

    // Encoding: interrupted writes are tried again, a failed one is an I/O
    // error with its source.
    let tag = Tag {
        id: Some("t1".into()),
        name: Some("x".into()),
        ..Tag::default()
    };
    let mut writer = FlakyWriter {
        out: Vec::new(),
        interrupting: true,
        interrupted: false,
        fail_after: None,
    };
    xml::to_writer(&mut writer, &tag).unwrap();
    assert_eq!(writer.out, xml::to_vec(&tag).unwrap());
    for fail_after in [0, 20] {
        let mut writer = FlakyWriter {
            out: Vec::new(),
            interrupting: true,
            interrupted: false,
            fail_after: Some(fail_after),
        };
        let e = xml::to_writer(&mut writer, &tag).unwrap_err();
        assert_eq!(io_source(&e).to_string(), "disk full", "{e}");
    }
}

#[test]
fn nesting_past_the_xml_ceiling_names_the_ceiling_not_the_limit() {
    let deep = format!("{}{}", "<a>".repeat(70_000), "</a>".repeat(70_000));
    let text = format!(
        r#"<CustomerInfo xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.Customers">{deep}</CustomerInfo>"#
    );
    let raised = DecodeOptions::new().depth_limit(400_000);
    let e = xml::from_str_with::<CustomerInfo>(&text, &raised).unwrap_err();
    assert_eq!(e.category(), Category::Depth, "{e}");
    assert!(e.message().contains("deeper than 65534"), "{e}");
    assert!(!e.message().contains("400000"), "{e}");
    let e = xml::from_str_with::<CustomerInfo>(&text, &DecodeOptions::new().depth_limit(10))
        .unwrap_err();
    assert!(e.message().contains("depth limit of 10"), "{e}");
}
