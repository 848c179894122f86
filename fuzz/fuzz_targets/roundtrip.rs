//! An arbitrary customer (and its data tree) through every supported format:
//! each round trip gives the value back with exactly the documented losses,
//! and formats agree with each other.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| evovoice_codec_fuzz::roundtrip_target(data));
