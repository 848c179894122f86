//! `Dictionary` (and so `Struct`): order, equality, and large dictionaries
//! read from input (past the size where keys stop being found by a scan).

use evovoice_codec::model::{NewCustomer, Struct, Value};
use evovoice_codec::{convert, Category, DecodeOptions, EncodeOptions, Format};

/// Keys `k0` … `k{n-1}`, each with its number.
fn numbered(n: usize) -> Struct {
    (0..n)
        .map(|i| (format!("k{i}"), Some(Value::number(i as f64))))
        .collect()
}

/// The formats that carry a `Struct` as a map (CSV writes it as a JSV cell).
const MAP_FORMATS: [Format; 3] = [Format::Json, Format::Jsv, Format::Xml];

/// A customer whose data holds 3,000 keys, far past the scan limit.
fn large_data() -> NewCustomer {
    NewCustomer {
        data: Some(numbered(3000)),
        ..NewCustomer::default()
    }
}

#[test]
fn equality_ignores_order_but_not_values_or_nulls() {
    let ab = Struct::new().with("a", 1.0).with("b", "x");
    let ba = Struct::new().with("b", "x").with("a", 1.0);
    assert_eq!(ab, ba);
    assert_ne!(ab, Struct::new().with("a", 1.0).with("b", "y"));
    assert_ne!(ab, Struct::new().with("a", 1.0));
    let mut null_b = Struct::new().with("a", 1.0);
    null_b.insert_null("b");
    assert_ne!(ab, null_b);
    assert_ne!(null_b, Struct::new().with("a", 1.0).with("c", "x"));
}

#[test]
fn order_is_kept_through_insert_remove_and_into_iter() {
    for n in [5, 40] {
        let mut data = numbered(n);
        assert_eq!(data.remove("k1"), Some(Some(Value::number(1.0))));
        data.insert("k0", "first stays first");
        data.insert("new", true);
        let keys: Vec<String> = data.clone().into_iter().map(|(k, _)| k).collect();
        let mut expected: Vec<String> = (0..n)
            .filter(|&i| i != 1)
            .map(|i| format!("k{i}"))
            .collect();
        expected.push("new".into());
        assert_eq!(keys, expected);
        assert_eq!(data.keys().collect::<Vec<_>>(), expected);
        assert_eq!(
            data.get("k0").and_then(Value::as_str),
            Some("first stays first")
        );
        assert!(data.contains_key(&format!("k{}", n - 1)) && !data.contains_key("k1"));
    }
}

#[test]
fn large_dictionaries_round_trip_in_order_in_every_format() {
    let value = large_data();
    for format in MAP_FORMATS {
        let bytes = convert::encode(format, &value, &EncodeOptions::new()).unwrap();
        let back: NewCustomer = convert::decode(format, &bytes, &DecodeOptions::new()).unwrap();
        let keys: Vec<&str> = back.data.as_ref().unwrap().keys().collect();
        assert_eq!(keys.len(), 3000, "{format}");
        assert!(
            keys.iter().enumerate().all(|(i, k)| *k == format!("k{i}")),
            "{format}"
        );
        assert_eq!(back, value, "{format}");
    }
}

#[test]
fn a_late_duplicate_key_in_a_large_dictionary_is_found_in_every_format() {
    let value = large_data();
    for format in MAP_FORMATS {
        let bytes = convert::encode(format, &value, &EncodeOptions::new()).unwrap();
        // The last key becomes a copy of one read long before it.
        let text = String::from_utf8(bytes)
            .unwrap()
            .replacen("k2999", "k17", 1);
        let e = convert::decode::<NewCustomer>(format, text.as_bytes(), &DecodeOptions::new())
            .unwrap_err();
        assert_eq!(e.category(), Category::Data, "{format}: {e}");
        assert!(
            e.message().contains("duplicate key \"k17\""),
            "{format}: {e}"
        );
    }
}
