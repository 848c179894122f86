// Profiling aid (not a benchmark): runs one codec operation on the bench
// payload many times, for perf or callgrind, where instruction counts are
// steadier than wall-clock time on a shared machine.
// `cargo run --release --example profile_decode -- json 20` decodes JSON;
// `-- xml 5 encode` encodes; `-- xml 5 peer` runs the bare quick-xml pass.
// One operation's instructions: `valgrind --tool=callgrind
// --toggle-collect='profile_decode::decode_once' …` (or `encode_once`,
// `peers::quick_xml_events`).
// `-- xml 50 ratio` alternates decoding and the bare quick-xml pass and
// prints the ratio of their fastest rounds: on a shared machine both see the
// same load, so the ratio is steadier than two separate timings. The decoded
// value is dropped after the timing (as in `benches/codecs.rs`); the drop's
// own time, and the ratio with it, are printed beside. `-- csv 30 versus
// jsv` alternates decoding two formats the same way (any two). `skim`
// and `clone` split the decoding time the same way (XML only): `skim`
// decodes the document as a `Tag`, whose members none of its elements are,
// so every event is read and every element skipped (quick-xml plus the
// decoder's event layer); `clone` clones the decoded value (the cost of
// building its heap blocks, without reading anything).
#[path = "../benches/support/payload.rs"]
mod payload;
#[path = "../benches/support/peers.rs"]
mod peers;

use evovoice_codec::model::{CustomerInfo, ListResponse};
use evovoice_codec::{convert, DecodeOptions, EncodeOptions, Format};

fn main() {
    let mut args = std::env::args().skip(1);
    let format: Format = args.next().unwrap_or("json".into()).parse().unwrap();
    let rounds: usize = args.next().map_or(10, |n| n.parse().unwrap());
    let operation = args.next().unwrap_or("decode".into());
    let value = payload::list_response(payload::SEED, 1000);
    let bytes = encode_once_bytes(format, &value);
    let timed = matches!(operation.as_str(), "ratio" | "skim" | "clone");
    assert!(
        !timed || format == Format::Xml,
        "{operation} times against the quick-xml pass: XML only"
    );
    if operation == "versus" {
        let other: Format = args.next().unwrap_or("jsv".into()).parse().unwrap();
        return versus(format, other, &value, rounds);
    }
    match operation.as_str() {
        "ratio" => return against_peer("decode", &bytes, rounds, || decode_value(&bytes)),
        "skim" => return against_peer("skim", &bytes, rounds, || skim_once(&bytes)),
        "clone" => return against_peer("clone", &bytes, rounds, || clone_once(&value)),
        _ => {}
    }
    let mut total = 0;
    for _ in 0..rounds {
        total += match operation.as_str() {
            "decode" => decode_once(format, &bytes),
            "encode" => encode_once(format, &value),
            "peer" => peers::quick_xml_events(&bytes),
            other => {
                panic!("unknown operation {other}: decode, encode, peer, ratio, skim or clone")
            }
        };
    }
    println!("{format} {operation}: {} bytes, total {total}", bytes.len());
}

// Out of line so that callgrind can count one operation alone:
// `--toggle-collect='profile_decode::decode_once'`.
#[inline(never)]
fn decode_once(format: Format, bytes: &[u8]) -> usize {
    if format == Format::Csv {
        let back: Vec<CustomerInfo> =
            convert::decode(format, bytes, &DecodeOptions::new()).unwrap();
        return back.len();
    }
    let back: ListResponse<CustomerInfo> =
        convert::decode(format, bytes, &DecodeOptions::new()).unwrap();
    back.items.map_or(0, |i| i.len())
}

#[inline(never)]
fn encode_once(format: Format, value: &ListResponse<CustomerInfo>) -> usize {
    encode_once_bytes(format, value).len()
}

/// Decodes the XML payload, for `ratio`: the value is dropped after the
/// timing, as in `benches/codecs.rs`.
#[inline(never)]
fn decode_value(bytes: &[u8]) -> ListResponse<CustomerInfo> {
    evovoice_codec::xml::from_slice(bytes).unwrap()
}

/// CSV works on the items, as in `benches/codecs.rs`: what a CSV client
/// gets (a `ListResponse` would be one row holding the list as JSV).
fn encode_once_bytes(format: Format, value: &ListResponse<CustomerInfo>) -> Vec<u8> {
    let options = EncodeOptions::new();
    match (format, &value.items) {
        (Format::Csv, Some(items)) => convert::encode(format, items, &options),
        _ => convert::encode(format, value, &options),
    }
    .unwrap()
}

/// Reads every event of an XML document and skips every element.
#[inline(never)]
fn skim_once(bytes: &[u8]) -> usize {
    let tag: evovoice_codec::model::Tag = evovoice_codec::xml::from_slice(bytes).unwrap();
    tag.name.map_or(0, |n| n.len())
}

/// Clones the decoded value (dropped outside the timing).
#[inline(never)]
fn clone_once(value: &ListResponse<CustomerInfo>) -> ListResponse<CustomerInfo> {
    value.clone()
}

/// What a decode returns (the CSV payload is the items alone).
#[allow(dead_code)] // held only to be dropped
enum Decoded {
    Response(ListResponse<CustomerInfo>),
    Rows(Vec<CustomerInfo>),
}

/// Decodes `bytes` in `format`, keeping the value.
fn decode_kept(format: Format, bytes: &[u8]) -> Decoded {
    let options = DecodeOptions::new();
    if format == Format::Csv {
        Decoded::Rows(convert::decode(format, bytes, &options).unwrap())
    } else {
        Decoded::Response(convert::decode(format, bytes, &options).unwrap())
    }
}

/// Alternates decoding the payload in `format` and in `other` and prints
/// the ratio of their fastest rounds, values dropped after the timing (the
/// drops' fastest times and the ratio with them beside).
fn versus(format: Format, other: Format, value: &ListResponse<CustomerInfo>, rounds: usize) {
    use std::time::{Duration, Instant};
    let inputs = [format, other].map(|f| (f, encode_once_bytes(f, value)));
    let mut best = [(Duration::MAX, Duration::MAX); 2];
    for _ in 0..rounds {
        for ((f, bytes), (time, drop_time)) in inputs.iter().zip(&mut best) {
            let start = Instant::now();
            let out = std::hint::black_box(decode_kept(*f, bytes));
            *time = (*time).min(start.elapsed());
            let start = Instant::now();
            drop(out);
            *drop_time = (*drop_time).min(start.elapsed());
        }
    }
    let [(a, da), (b, db)] = best;
    println!(
        "decode {format} {a:?} (drop {da:?}), {other} {b:?} (drop {db:?}): {:.2}x (with the drops {:.2}x)",
        a.as_secs_f64() / b.as_secs_f64(),
        (a + da).as_secs_f64() / (b + db).as_secs_f64()
    );
}

/// Times `work` against the bare quick-xml pass over `bytes`, alternating
/// them, and prints the fastest round of each and their ratio. What `work`
/// returns is dropped outside its timing; the drop's own fastest time is
/// printed beside, and the ratio with it added.
fn against_peer<T>(what: &str, bytes: &[u8], rounds: usize, work: impl Fn() -> T) {
    use std::time::{Duration, Instant};
    let (mut best, mut peer, mut drop_best) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let start = Instant::now();
        let out = std::hint::black_box(work());
        best = best.min(start.elapsed());
        let start = Instant::now();
        drop(out);
        drop_best = drop_best.min(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(peers::quick_xml_events(bytes));
        peer = peer.min(start.elapsed());
    }
    let ratio = |d: Duration| d.as_secs_f64() / peer.as_secs_f64();
    println!(
        "{what} {best:?}, quick-xml events {peer:?}: {:.2}x (drop {drop_best:?}; with it {:.2}x)",
        ratio(best),
        ratio(best + drop_best)
    );
}
