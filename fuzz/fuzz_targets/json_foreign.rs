//! Arbitrary bytes decoded as JSON into a type that is not the model's
//! (`serde_json::Value`, which recurses once per array or object): never a
//! panic or a stack overflow, since the depth limit counts every level of
//! every type; whatever decodes encodes, and encodes the same after another
//! trip.

#![no_main]

use evovoice_codec::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > evovoice_codec_fuzz::MAX_INPUT {
        return;
    }
    let Ok(value) = json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let text = json::to_vec(&value).expect("a decoded value encodes");
    let again: serde_json::Value = json::from_slice(&text).expect("its encoding decodes");
    assert_eq!(json::to_vec(&again).expect("and encodes again"), text);
});
