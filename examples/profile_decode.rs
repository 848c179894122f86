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
// same load, so the ratio is steadier than two separate timings.
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
    if operation == "ratio" {
        return ratio(format, &bytes, rounds);
    }
    let mut total = 0;
    for _ in 0..rounds {
        total += match operation.as_str() {
            "decode" => decode_once(format, &bytes),
            "encode" => encode_once(format, &value),
            "peer" => peers::quick_xml_events(&bytes),
            other => panic!("unknown operation {other}: decode, encode, peer or ratio"),
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

/// Times decoding against the bare quick-xml pass, alternating them, and
/// prints the fastest round of each and their ratio.
fn ratio(format: Format, bytes: &[u8], rounds: usize) {
    use std::time::{Duration, Instant};
    let (mut decode, mut peer) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let start = Instant::now();
        std::hint::black_box(decode_once(format, bytes));
        decode = decode.min(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(peers::quick_xml_events(bytes));
        peer = peer.min(start.elapsed());
    }
    println!(
        "{format} decode {decode:?}, quick-xml events {peer:?}: {:.2}x",
        decode.as_secs_f64() / peer.as_secs_f64()
    );
}
