//! Encode and decode throughput of every format over one shared payload,
//! next to the bare parsers the XML and CSV decoders are measured against.
//!
//! `cargo bench --bench codecs` (add `-- encode/json` to pick ids). The
//! payload is a `ListResponse<CustomerInfo>` of 1,000 realistic customers
//! (see `support/payload.rs`); CSV works on its `items`
//! (`List<CustomerInfo>`), which is what a CSV client gets. A format this
//! build does not support is left out.
//!
//! A decoded value is dropped after its timing (criterion's `iter_batched`,
//! one iteration per batch), as serde_json's own json-benchmark does ("Drop
//! after the timer stops"): freeing what the caller keeps is not decoding.
//! `examples/profile_decode.rs` (`ratio`) prints the drop's time beside.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use evovoice_codec::model::{CustomerInfo, ListResponse};
use evovoice_codec::{convert, DecodeOptions, EncodeOptions, Format};

#[path = "support/payload.rs"]
mod payload;
#[path = "support/peers.rs"]
mod peers;
use peers::{csv_byte_records, quick_xml_events};

/// How many customers the payload holds.
const CUSTOMERS: usize = 1_000;

/// What a decode returns, kept until criterion drops it after timing.
#[allow(dead_code)] // held only to be dropped
enum Decoded {
    Response(ListResponse<CustomerInfo>),
    Rows(Vec<CustomerInfo>),
}

type Decode = Box<dyn Fn(&[u8]) -> Decoded>;

/// One format's input: its encoded bytes, and how to encode and decode it.
struct Case {
    format: Format,
    bytes: Vec<u8>,
    encode: Box<dyn Fn() -> Vec<u8>>,
    decode: Decode,
}

fn case(format: Format, response: &ListResponse<CustomerInfo>) -> Option<Case> {
    if !convert::is_supported(format) {
        return None;
    }
    let enc = EncodeOptions::new();
    let dec = DecodeOptions::new();
    Some(if format == Format::Csv {
        let items = response.items.clone().unwrap_or_default();
        let bytes = convert::encode(format, &items, &enc).expect("csv encode");
        Case {
            format,
            bytes,
            encode: Box::new(move || convert::encode(format, &items, &enc).unwrap()),
            decode: Box::new(move |b| {
                Decoded::Rows(convert::decode::<Vec<CustomerInfo>>(format, b, &dec).unwrap())
            }),
        }
    } else {
        let value = response.clone();
        let bytes = convert::encode(format, &value, &enc).expect("encode");
        Case {
            format,
            bytes,
            encode: Box::new(move || convert::encode(format, &value, &enc).unwrap()),
            decode: Box::new(move |b| {
                Decoded::Response(
                    convert::decode::<ListResponse<CustomerInfo>>(format, b, &dec).unwrap(),
                )
            }),
        }
    })
}

fn codecs(c: &mut Criterion) {
    let response = payload::list_response(payload::SEED, CUSTOMERS);
    let cases: Vec<Case> = Format::ALL
        .into_iter()
        .filter_map(|f| case(f, &response))
        .collect();

    for case in &cases {
        let name = case.format.name();
        let mut group = c.benchmark_group("encode");
        group.throughput(Throughput::Bytes(case.bytes.len() as u64));
        group.bench_function(name, |b| b.iter(|| black_box((case.encode)())));
        group.finish();

        let mut group = c.benchmark_group("decode");
        group.throughput(Throughput::Bytes(case.bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter_batched(
                || (),
                |()| (case.decode)(black_box(&case.bytes)),
                // One value alive at a time, as a caller decoding requests
                // one after another has (not a batch of them, whose fresh
                // memory would be timed too).
                BatchSize::PerIteration,
            )
        });
        group.finish();
    }

    let mut group = c.benchmark_group("peer");
    for case in &cases {
        let bare: fn(&[u8]) -> usize = match case.format {
            Format::Xml => quick_xml_events,
            Format::Csv => csv_byte_records,
            _ => continue,
        };
        let id = match case.format {
            Format::Xml => "quick_xml_events",
            _ => "csv_byte_records",
        };
        group.throughput(Throughput::Bytes(case.bytes.len() as u64));
        group.bench_function(id, |b| b.iter(|| bare(black_box(&case.bytes))));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Short runs: the machine is shared, and ratios need only a few percent.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = codecs
}
criterion_main!(benches);
