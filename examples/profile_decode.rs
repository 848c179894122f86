// Profiling aid (not a benchmark): decodes the bench payload in one format
// many times, for perf or callgrind. `cargo run --release --example
// profile_decode -- json 20`.
#[path = "../benches/support/payload.rs"]
mod payload;

use evovoice_codec::model::{CustomerInfo, ListResponse};
use evovoice_codec::{convert, DecodeOptions, EncodeOptions, Format};

fn main() {
    let mut args = std::env::args().skip(1);
    let format: Format = args.next().unwrap_or("json".into()).parse().unwrap();
    let rounds: usize = args.next().map_or(10, |n| n.parse().unwrap());
    let value = payload::list_response(payload::SEED, 1000);
    let bytes = convert::encode(format, &value, &EncodeOptions::new()).unwrap();
    let mut total = 0;
    for _ in 0..rounds {
        let back: ListResponse<CustomerInfo> =
            convert::decode(format, &bytes, &DecodeOptions::new()).unwrap();
        total += back.items.map_or(0, |i| i.len());
    }
    println!("{format}: {} bytes, {total} items", bytes.len());
}
