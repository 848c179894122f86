//! Arbitrary requests bound to every operation, as a server would: any
//! method, path, query, content type and body; never a panic, and a failure
//! always has an error body in JSON, JSV and CSV (and in XML unless a value
//! it quotes holds a character XML cannot carry).

#![no_main]

use evovoice_codec::http::{self, Incoming, Method};
use evovoice_codec::{Category, DecodeOptions, EncodeOptions, Format};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 6] = [
    None,
    Some("application/json"),
    Some("text/jsv"),
    Some("application/xml"),
    Some("text/csv"),
    Some("application/x-www-form-urlencoded"),
];

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 || data.len() > evovoice_codec_fuzz::MAX_INPUT {
        return;
    }
    let method = Method::ALL[usize::from(data[0]) % Method::ALL.len()];
    let content_type = CONTENT_TYPES[usize::from(data[1]) % CONTENT_TYPES.len()];
    // The URL up to the first NUL byte, the body after it.
    let rest = &data[2..];
    let (url, body) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(url) = std::str::from_utf8(url) else {
        return;
    };
    let request = Incoming { method, url, content_type, body };
    for name in http::OPERATION_NAMES {
        let bound = http::bind_named(name, &request, &DecodeOptions::new(), Format::Json, &EncodeOptions::new())
            .expect("every operation name is known");
        if let Err(e) = bound {
            assert_eq!(e.status, 400);
            for format in Format::ALL {
                match http::error_body(&e, format, &EncodeOptions::new()) {
                    Ok(_) => {}
                    // A value quoted in a message may hold a character XML
                    // 1.0 cannot carry; DataContractSerializer refuses it too.
                    Err(x) if format == Format::Xml && x.category() == Category::Data => {}
                    Err(x) => panic!("{format} error body: {x}"),
                }
            }
        }
    }
});
