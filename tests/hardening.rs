//! Regression tests for the classes of hostile input an attacker's
//! afternoon found (issue 15) that live in the model and the JSON and JSV
//! formats: one test per class, named for what it pins. The XML classes are
//! in `hardening_xml.rs`, the CSV ones in `hardening_csv.rs`, the tool's in
//! `cli_hardening.rs`, the per-thread memory one in `thread_state.rs`.

use std::io::{self, Read, Write};

use evovoice_codec::model::{CustomerInfo, SchedulingRule, Struct, Tag, Value};
use evovoice_codec::{convert, csv, json, jsv, xml, Category, DecodeOptions, EncodeOptions, Error};
use serde::{Deserialize, Serialize};

const FLOWS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

fn depth_error<T: std::fmt::Debug>(what: &str, result: Result<T, Error>) {
    match result {
        Err(e) => assert_eq!(e.category(), Category::Depth, "{what}: {e}"),
        Ok(v) => panic!("{what}: decoded {v:?}"),
    }
}

/// A recursive type of a user's own, as externally tagged JSON and JSV.
#[derive(Debug, Serialize, Deserialize)]
enum Tree {
    Leaf(u32),
    Node(Vec<Tree>),
}

/// A user's recursive struct.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Chain {
    next: Option<Box<Chain>>,
}

/// `levels` nested arrays around `null`, built without recursion.
fn nested_arrays(levels: usize) -> serde_json::Value {
    let mut v = serde_json::Value::Null;
    for _ in 0..levels {
        v = serde_json::Value::Array(vec![v]);
    }
    v
}

#[test]
fn json_bounds_the_depth_of_types_that_are_not_the_models() {
    // Each of these overflowed the stack (the process aborted) when only
    // the model's own types counted levels; a test thread has 2 MiB.
    let deep_arrays = "[".repeat(100_000);
    depth_error(
        "Value from [[[…",
        json::from_str::<serde_json::Value>(&deep_arrays),
    );
    let deep_objects = "{\"a\":".repeat(100_000);
    depth_error(
        "Value from {\"a\":{…",
        json::from_slice::<serde_json::Value>(deep_objects.as_bytes()),
    );
    depth_error(
        "Value from a reader",
        json::from_reader::<_, serde_json::Value>(deep_arrays.as_bytes()),
    );
    let deep_tree = "{\"Node\":[".repeat(100_000);
    depth_error("a recursive enum", json::from_str::<Tree>(&deep_tree));
    let deep_chain = "{\"next\":".repeat(100_000);
    depth_error("a recursive struct", json::from_str::<Chain>(&deep_chain));
    depth_error(
        "a model type holding foreign ones",
        json::from_str::<Vec<Vec<serde_json::Value>>>(&deep_arrays),
    );

    // The same count as the model's: the limit itself is allowed, one more
    // level is not, whatever the limit.
    let at = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    assert!(json::from_str::<serde_json::Value>(&at(128)).is_ok());
    depth_error("129 arrays", json::from_str::<serde_json::Value>(&at(129)));
    let five = DecodeOptions::new().depth_limit(5);
    assert!(json::from_str_with::<serde_json::Value>(&at(5), &five).is_ok());
    depth_error(
        "6 arrays at limit 5",
        json::from_str_with::<serde_json::Value>(&at(6), &five),
    );
    let open = DecodeOptions::new().unbounded_depth();
    assert!(json::from_str_with::<serde_json::Value>(&at(1000), &open).is_ok());
}

#[test]
fn json_bounds_the_depth_of_foreign_values_it_encodes() {
    let deep = nested_arrays(5_000);
    depth_error("encoding 5,000 arrays", json::to_string(&deep));
    depth_error("encoding into a writer", json::to_writer(io::sink(), &deep));
    assert_eq!(
        json::to_string(&nested_arrays(128)).unwrap(),
        format!("{}null{}", "[".repeat(128), "]".repeat(128))
    );
    depth_error("129 arrays", json::to_string(&nested_arrays(129)));
    let four = EncodeOptions::new().depth_limit(4);
    let chain = Chain {
        next: Some(Box::new(Chain {
            next: Some(Box::new(Chain::default())),
        })),
    };
    assert_eq!(
        json::to_string_with(&chain, &four).unwrap(),
        r#"{"next":{"next":{"next":null}}}"#
    );
    let tree = Tree::Node(vec![Tree::Node(vec![Tree::Leaf(1)])]);
    // Each variant with content is an object around it: 5 levels here.
    depth_error("a tree at limit 4", json::to_string_with(&tree, &four));
    assert_eq!(
        json::to_string_with(&tree, &EncodeOptions::new().depth_limit(5)).unwrap(),
        r#"{"Node":[{"Node":[{"Leaf":1}]}]}"#
    );
}

#[test]
fn jsv_and_csv_bound_the_depth_of_foreign_types_too() {
    let deep_chain = "{next:".repeat(100_000);
    depth_error("JSV recursive struct", jsv::from_str::<Chain>(&deep_chain));
    let cell = format!("Next\r\n\"{}\"\r\n", "{next:".repeat(100_000));
    depth_error("CSV recursive struct", csv::from_str::<Vec<Chain>>(&cell));
    let mut chain = Chain::default();
    for _ in 0..5_000 {
        chain = Chain {
            next: Some(Box::new(chain)),
        };
    }
    depth_error("JSV encode", jsv::to_string(&chain));
    depth_error("CSV encode", csv::to_string(&vec![&chain]));
    // Unlink iteratively: the derived drop of 5,000 boxes recurses.
    let mut next = chain.next.take();
    while let Some(mut link) = next {
        next = link.next.take();
    }
}

/// Decodes leniently: a tag if it is one, anything else as it is. serde
/// tries `Known` first and drops its error when `Anything` succeeds.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Loose {
    Known(Tag),
    Anything(serde_json::Value),
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Pair {
    first: Loose,
    customer: CustomerInfo,
}

#[test]
fn an_error_serde_discarded_leaves_nothing_in_a_later_errors_path() {
    let input = r#"{"first":{"color":"nope"},"customer":{"tags":[{"color":"nope"}]}}"#;
    let e = json::from_str::<Pair>(input).unwrap_err();
    assert_eq!(e.path().to_string(), "tags[0].color", "{e}");
    assert_eq!(e.category(), Category::Data, "{e}");
    assert!(
        e.message().contains("unknown TagColors value `nope`"),
        "{e}"
    );

    // Twice discarded, then a syntax error: no path, syntax category.
    let input = r#"{"first":{"color":"x","id":[1,{"a":1}]},"customer":{"name":"a",]}"#;
    let e = json::from_str::<Pair>(input).unwrap_err();
    assert_eq!(e.category(), Category::Syntax, "{e}");
    assert!(e.path().is_empty(), "{e}");
}

#[test]
fn io_failures_are_io_errors_with_their_source() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
    }
    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let check = |what: &str, e: Error| {
        assert_eq!(e.category(), Category::Io, "{what}: {e}");
        let source = std::error::Error::source(&e)
            .unwrap_or_else(|| panic!("{what}: no source in {e}"))
            .downcast_ref::<io::Error>()
            .unwrap_or_else(|| panic!("{what}: the source is not the io::Error"));
        assert_eq!(source.to_string(), "disk on fire", "{what}");
    };
    check(
        "json read",
        json::from_reader::<_, Tag>(Failing).unwrap_err(),
    );
    check("jsv read", jsv::from_reader::<_, Tag>(Failing).unwrap_err());
    let tag = Tag::default();
    check("json write", json::to_writer(Failing, &tag).unwrap_err());
    check("jsv write", jsv::to_writer(Failing, &tag).unwrap_err());
    check("csv write", csv::to_writer(Failing, &tag).unwrap_err());
    check("xml write", xml::to_writer(Failing, &tag).unwrap_err());
}

// ------------------------------------------------------- missing values

fn number_value(v: Option<f64>) -> Value {
    Value {
        number_value: v,
        ..Value::default()
    }
}

#[test]
fn an_empty_value_of_a_nullable_member_is_null_in_every_format() {
    let null_value = || Struct::new().with("k", Value::default());
    let cases: [(&str, Result<Struct, Error>); 4] = [
        ("json number", json::from_str(r#"{"k":{"numberValue":""}}"#)),
        ("json bool", json::from_str(r#"{"k":{"boolValue":""}}"#)),
        ("jsv number", jsv::from_str("{k:{numberValue:}}")),
        ("jsv bool", jsv::from_str("{k:{boolValue:}}")),
    ];
    for (what, result) in cases {
        assert_eq!(result.unwrap(), null_value(), "{what}");
    }
    for body in [
        "<NumberValue></NumberValue>",
        "<NumberValue/>",
        "<NumberValue> </NumberValue>",
        "<BoolValue></BoolValue>",
    ] {
        let text = format!(r#"<Value xmlns="{FLOWS}" xmlns:i="{XSI}">{body}</Value>"#);
        assert_eq!(
            xml::from_str::<Value>(&text).unwrap(),
            Value::default(),
            "{body}"
        );
    }
    // CSV reads an empty cell as null for every nullable member.
    let csv_value: Vec<Value> = csv::from_str("BoolValue,NumberValue\r\n,\r\n").unwrap();
    assert_eq!(csv_value, [Value::default()]);

    // Present values still read as before.
    assert_eq!(
        json::from_str::<Value>(r#"{"numberValue":"0"}"#).unwrap(),
        number_value(Some(0.0))
    );
    assert_eq!(
        jsv::from_str::<Value>("{numberValue:0}").unwrap(),
        number_value(Some(0.0))
    );
}

#[test]
fn an_empty_or_null_non_nullable_member_is_its_default_as_servicestack_reads_it() {
    for text in [
        r#"{"isStaging":""}"#,
        r#"{"isStaging":null}"#,
        r#"{"isStaging":"false"}"#,
    ] {
        let c: CustomerInfo = json::from_str(text).unwrap();
        assert!(!c.is_staging, "{text}");
    }
    let rule: SchedulingRule = jsv::from_str("{priority:,isAllDay:}").unwrap();
    assert_eq!((rule.priority, rule.is_all_day), (0, false));
}

#[test]
fn a_null_or_empty_item_of_a_list_that_cannot_hold_one_is_an_error() {
    let json_cases = [
        r#"{"byMonth":[1,null]}"#,
        r#"{"byMonth":[1,""]}"#,
        r#"{"byMonth":[null]}"#,
    ];
    for text in json_cases {
        let e = json::from_str::<SchedulingRule>(text).unwrap_err();
        assert_eq!(e.category(), Category::Data, "{text}: {e}");
        assert!(e.path().to_string().starts_with("byMonth["), "{text}: {e}");
        assert!(e.message().contains("a 32-bit integer"), "{text}: {e}");
        assert!(e.position().is_some(), "{text}: {e}");
    }
    let e = jsv::from_str::<SchedulingRule>("{byMonth:[1,,2]}").unwrap_err();
    assert_eq!(e.path().to_string(), "byMonth[1]", "{e}");
    assert!(e.message().contains("empty"), "{e}");
    let e = csv::from_str::<Vec<SchedulingRule>>("ByMonth\r\n\"[1,,2]\"\r\n").unwrap_err();
    assert!(e.path().to_string().ends_with("byMonth[1]"), "{e}");

    // XML: the list as DataContractSerializer writes it, one item nil or
    // empty.
    let rule = SchedulingRule {
        by_month: Some(vec![1, 2]),
        ..SchedulingRule::default()
    };
    let text = xml::to_string(&rule).unwrap();
    let (prefix, rest) = text.split_once(":int>1</").unwrap();
    let prefix = &prefix[prefix.rfind('<').unwrap() + 1..];
    assert!(rest.starts_with(prefix), "the items' prefix is {prefix}");
    let item = format!("<{prefix}:int>2</{prefix}:int>");
    assert!(text.contains(&item), "{text}");
    for replacement in [
        format!(r#"<{prefix}:int i:nil="true"/>"#),
        format!("<{prefix}:int></{prefix}:int>"),
        format!("<{prefix}:int/>"),
    ] {
        let bad = text.replace(&item, &replacement);
        let e = xml::from_str::<SchedulingRule>(&bad).unwrap_err();
        assert_eq!(e.category(), Category::Data, "{replacement}: {e}");
        assert_eq!(e.path().to_string(), "byMonth[1]", "{replacement}: {e}");
        assert!(e.position().is_some(), "{replacement}: {e}");
    }
    // The list itself may still be null.
    let rule: SchedulingRule = json::from_str(r#"{"byMonth":null}"#).unwrap();
    assert_eq!(rule.by_month, None);
}

#[test]
fn a_number_too_small_for_a_double_reads_as_zero_in_every_format() {
    // The documented choice: text is rounded to the nearest double, as
    // .NET's double.Parse and serde_json round it; below the smallest
    // subnormal that is zero. Text above the largest double is refused:
    // no format could write the infinity back.
    let tiny = number_value(Some(0.0));
    assert_eq!(
        json::from_str::<Value>(r#"{"numberValue":1e-400}"#).unwrap(),
        tiny
    );
    assert_eq!(
        jsv::from_str::<Value>("{numberValue:1e-400}").unwrap(),
        tiny
    );
    let text = format!(r#"<Value xmlns="{FLOWS}"><NumberValue>1E-400</NumberValue></Value>"#);
    assert_eq!(xml::from_str::<Value>(&text).unwrap(), tiny);
    assert_eq!(
        csv::from_str::<Vec<Value>>("NumberValue\r\n1e-400\r\n").unwrap(),
        [tiny]
    );
    assert_eq!(
        json::from_str::<Value>(r#"{"numberValue":5e-324}"#).unwrap(),
        number_value(Some(5e-324))
    );
    for text in [r#"{"numberValue":1e400}"#, r#"{"numberValue":"-1e400"}"#] {
        assert!(json::from_str::<Value>(text).is_err(), "{text}");
    }
    assert!(jsv::from_str::<Value>("{numberValue:1e400}").is_err());
}

#[test]
fn error_messages_quote_input_briefly_on_one_line() {
    let huge = "x".repeat(4_000_000);
    let checks: Vec<(&str, Error)> = vec![
        (
            "json enum",
            json::from_str::<Tag>(&format!(r#"{{"color":"{huge}"}}"#)).unwrap_err(),
        ),
        (
            "json number",
            json::from_str::<Value>(&format!(r#"{{"numberValue":"{huge}"}}"#)).unwrap_err(),
        ),
        (
            "json strict member",
            json::from_str_with::<Tag>(
                &format!(r#"{{"{huge}":1}}"#),
                &DecodeOptions::new().strict(true),
            )
            .unwrap_err(),
        ),
        (
            "json type",
            json::from_str::<Value>(&format!(r#"{{"listValue":"{huge}"}}"#)).unwrap_err(),
        ),
        (
            "jsv enum",
            jsv::from_str::<Tag>(&format!("{{color:{huge}}}")).unwrap_err(),
        ),
        (
            "jsv number",
            jsv::from_str::<Value>(&format!("{{numberValue:{huge}}}")).unwrap_err(),
        ),
        (
            "struct key",
            json::from_str::<Struct>(&format!(r#"{{"{huge}":{{"numberValue":"x"}}}}"#))
                .unwrap_err(),
        ),
        (
            "json newline",
            json::from_str::<Tag>("{\"color\":\"a\\nb\\r\"}").unwrap_err(),
        ),
        (
            "jsv newline",
            jsv::from_str::<Tag>("{color:\"a\nb\r\"}").unwrap_err(),
        ),
        (
            "convert",
            convert::decode::<Tag>(
                evovoice_codec::Format::Json,
                format!(r#"{{"color":"{huge}"}}"#).as_bytes(),
                &DecodeOptions::new(),
            )
            .unwrap_err(),
        ),
    ];
    for (what, e) in checks {
        let text = e.to_string();
        assert!(text.len() < 1_500, "{what}: {} bytes", text.len());
        assert!(
            !text.contains(['\n', '\r']),
            "{what}: more than one line: {text}"
        );
        if what.contains("newline") {
            assert!(text.contains(r"`a\nb\r`"), "{what}: {text}");
        }
        if what == "json enum" || what == "jsv enum" {
            assert!(text.contains("(4000000 bytes)"), "{what}: {text}");
            assert!(text.contains("expected one of Magenta"), "{what}: {text}");
        }
    }
}

/// README's "Behaviour worth knowing" says what a decoded item costs; a
/// change of the model's layout must change the text too.
#[test]
#[cfg(target_pointer_width = "64")]
fn a_decoded_customer_costs_what_the_readme_says() {
    assert_eq!(std::mem::size_of::<CustomerInfo>(), 1032);
    let readme = include_str!("../README.md");
    assert!(readme.contains("`CustomerInfo` occupies 1,032 bytes"));
}
