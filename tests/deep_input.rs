//! Input nested 100,000 deep is an error, never a stack overflow, in every
//! format, for every root type, on an ordinary 2 MiB test thread.

use evovoice_codec::model::{CustomerInfo, ListResponse, Struct};
use evovoice_codec::{convert, Category, DecodeOptions, Format};

const DEEP: usize = 100_000;

/// Deeply nested texts of each format: lists, maps, and the model's own
/// shape (`structValue` chains), cut off (no closing brackets) or not.
fn deep_inputs(format: Format) -> Vec<Vec<u8>> {
    let rep = |open: &str, close: &str| {
        let mut s = open.repeat(DEEP);
        s.push_str(&close.repeat(DEEP));
        s.into_bytes()
    };
    let open_only = |open: &str| open.repeat(DEEP).into_bytes();
    match format {
        Format::Json => vec![
            rep("[", "]"),
            rep("{\"a\":", "}"),
            open_only("{\"k\":{\"structValue\":"),
            open_only("{\"k\":{\"listValue\":["),
        ],
        Format::Jsv => vec![
            rep("[", "]"),
            rep("{a:", "}"),
            open_only("{k:{structValue:"),
            open_only("{k:{listValue:["),
        ],
        Format::Xml => {
            let mut v = vec![rep("<a>", "</a>"), open_only("<a>")];
            let mut s = String::from(r#"<?xml version="1.0" encoding="utf-8"?>"#);
            s.push_str(&"<ArrayOfKeyValueOfstringValue8Ahp2kgT xmlns=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\"><KeyValueOfstringValue8Ahp2kgT><Key>k</Key><Value><StructValue>".repeat(DEEP / 10));
            v.push(s.into_bytes());
            v
        }
        Format::Csv => {
            let cell = |open: &str| {
                let mut s = String::from("Key,Value\r\n\"");
                s.push_str(&open.repeat(DEEP));
                s.push_str("\"\r\n");
                s.into_bytes()
            };
            // A deep cell under every root's own column, so that none of
            // them can skip it as an unknown column.
            let mut row = String::from("Data,Items,Key,Value\r\n\"");
            row.push_str(&"{k:{structValue:".repeat(DEEP));
            row.push_str("\",\"");
            row.push_str(&"[".repeat(DEEP));
            row.push_str("\",k,\"");
            row.push_str(&"{structValue:".repeat(DEEP));
            row.push_str("\"\r\n");
            vec![
                cell("["),
                cell("{key:k,value:{structValue:"),
                row.into_bytes(),
            ]
        }
    }
}

fn check<T: serde::de::DeserializeOwned + evovoice_codec::model::Describe + std::fmt::Debug>(
    format: Format,
    input: &[u8],
) {
    let r = convert::decode::<T>(format, input, &DecodeOptions::new());
    let category = r.as_ref().err().map(|e| e.category());
    assert!(
        matches!(
            category,
            Some(Category::Depth | Category::Syntax | Category::Data)
        ),
        "{format} as {}: {} bytes of deep input gave {:?}",
        std::any::type_name::<T>(),
        input.len(),
        r.map(|_| "a value")
    );
}

#[test]
fn deep_input_is_an_error_not_a_stack_overflow() {
    for format in Format::ALL
        .into_iter()
        .filter(|&f| convert::is_supported(f))
    {
        for input in deep_inputs(format) {
            check::<Struct>(format, &input);
            check::<CustomerInfo>(format, &input);
            check::<ListResponse<CustomerInfo>>(format, &input);
            check::<Vec<CustomerInfo>>(format, &input);
        }
    }
}
