//! Arbitrary bytes decoded as CSV: never a panic or a stack overflow, and
//! whatever decodes re-encodes and reads back with only the documented losses.

#![no_main]

use evovoice_codec::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| evovoice_codec_fuzz::decode_target(Format::Csv, data));
