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

use evovoice_codec::model::{Struct, Tag, Value};
use evovoice_codec::xml;

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
    let shapes: [(&str, Document); 5] = [
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
