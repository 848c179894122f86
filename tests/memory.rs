//! Decoding builds no intermediate tree: the peak heap while decoding a
//! `List<CustomerInfo>` through `from_reader` stays under 3x the heap the
//! decoded value itself occupies.
//!
//! A counting global allocator tracks live and peak bytes for this test
//! binary. The default run decodes about 2 MB per format;
//! `cargo test --release --test memory -- --ignored` decodes about 50 MB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

use evovoice_codec::model::CustomerInfo;
use evovoice_codec::{convert, EncodeOptions, Format, Result};

#[path = "../benches/support/payload.rs"]
mod payload;

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

type Reader = fn(&[u8]) -> Result<Vec<CustomerInfo>>;

/// Each format's streaming decoder; one entry per format.
const READERS: &[(Format, Reader)] = &[
    (Format::Json, |b| evovoice_codec::json::from_reader(b)),
    (Format::Jsv, |b| evovoice_codec::jsv::from_reader(b)),
    (Format::Xml, |b| evovoice_codec::xml::from_reader(b)),
    (Format::Csv, |b| evovoice_codec::csv::from_reader(b)),
];

/// Customers needed for about `target` bytes of `format` text.
fn count_for(format: Format, target: usize) -> usize {
    let sample = payload::customers(payload::SEED, 50);
    let bytes = convert::encode(format, &sample, &EncodeOptions::new()).unwrap();
    (target * 50 / bytes.len()).max(1)
}

fn check(target: usize) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for &(format, read) in READERS {
        if !convert::is_supported(format) {
            continue;
        }
        let input = {
            let value = payload::customers(payload::SEED, count_for(format, target));
            convert::encode(format, &value, &EncodeOptions::new()).unwrap()
        };

        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let decoded = read(&input).unwrap_or_else(|e| panic!("{format}: {e}"));
        let value_size = LIVE.load(Relaxed) - before;
        let peak = PEAK.load(Relaxed) - before;
        let ratio = peak as f64 / value_size as f64;
        eprintln!(
            "{format}: {} customers, input {} bytes, value {value_size} bytes, peak {peak} bytes ({ratio:.2}x)",
            decoded.len(),
            input.len()
        );
        assert!(
            peak < 3 * value_size,
            "{format}: peak heap {peak} during decode is not under 3x the value's {value_size}"
        );
        drop(decoded);
    }
}

#[test]
fn peak_heap_under_3x_value_2mb() {
    check(2 << 20);
}

#[test]
#[ignore = "decodes 50 MB per format; run with --ignored (ideally --release)"]
fn peak_heap_under_3x_value_50mb() {
    check(50 << 20);
}

/// A reader of `head`, then `piece` `times` over, then `tail`, made up as
/// it is read: a long input that is never in memory whole.
struct Repeating {
    parts: [(&'static [u8], usize); 3],
    part: usize,
    at: usize,
}

impl std::io::Read for Repeating {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while let Some(&(bytes, times)) = self.parts.get(self.part) {
            if times == 0 || bytes.is_empty() {
                self.part += 1;
                continue;
            }
            let offset = self.at % bytes.len();
            let n = buf.len().min(bytes.len() - offset);
            buf[..n].copy_from_slice(&bytes[offset..offset + n]);
            self.at += n;
            if self.at == bytes.len() * times {
                self.part += 1;
                self.at = 0;
            }
            return Ok(n);
        }
        Ok(0)
    }
}

#[test]
fn xml_text_nobody_keeps_never_piles_up() {
    const CUSTOMERS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Customers";
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let open = format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>n</Name>");
    let skipping = format!("{open}<Skipped>");
    // 8 MB of text in many pieces (a reference after each), which nothing
    // keeps: white space between members, and the text of an unknown
    // element.
    for (head, piece, tail) in [
        (
            open,
            &b" &#32;"[..],
            &b"<AccountId>a</AccountId></CustomerInfo>"[..],
        ),
        (
            skipping,
            b"x&amp;",
            b"</Skipped><AccountId>a</AccountId></CustomerInfo>",
        ),
    ] {
        let head: &'static [u8] = Box::leak(head.into_boxed_str()).as_bytes();
        let input = Repeating {
            parts: [(head, 1), (piece, (8 << 20) / piece.len()), (tail, 1)],
            part: 0,
            at: 0,
        };
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let decoded: CustomerInfo = evovoice_codec::xml::from_reader(input).unwrap();
        let peak = PEAK.load(Relaxed) - before;
        let text = String::from_utf8_lossy(piece);
        assert_eq!(decoded.account_id.as_deref(), Some("a"), "{text}");
        assert!(
            peak < 1 << 20,
            "{text}: peak heap {peak} bytes for 8 MB of unkept text"
        );
    }
}
