//! Hand-checked JSV examples: each quoting rule, each decoding tolerance,
//! the depth limit, error positions and paths, and types of our own.
//! Expected texts come from FORMATS.md §2 and the rules stated there.

use std::borrow::Cow;
use std::collections::BTreeMap;

use evovoice_codec::model::*;
use evovoice_codec::{jsv, Category, DecodeOptions, DotNetStyle, EncodeOptions};
use serde::{Deserialize, Serialize};

fn tag(name: &str) -> Tag {
    Tag {
        id: None,
        name: Some(name.into()),
        color: TagColors::Gold,
    }
}

#[test]
fn string_values_are_quoted_only_when_they_must_be() {
    for (name, written) in [
        ("a,b", r#""a,b""#),
        ("a:b", r#""a:b""#),
        ("a{b", r#""a{b""#),
        ("a}b", r#""a}b""#),
        ("[1,2]", r#""[1,2]""#),
        ("x]", r#""x]""#),
        (r#"say "hi""#, r#""say ""hi""""#),
        ("\"", r#""""""#),
        (
            "https://example.com/a?b=c&d=e",
            r#""https://example.com/a?b=c&d=e""#,
        ),
        ("line1\r\nline2", "\"line1\r\nline2\""),
        ("lf\nonly", "\"lf\nonly\""),
        ("", r#""""#),
        (" lead", " lead"),
        ("trail ", "trail "),
        ("a\tb", "a\tb"),
        ("a|b", "a|b"),
        ("a\\b", "a\\b"),
        ("it's", "it's"),
        ("<b>&amp;</b>", "<b>&amp;</b>"),
        ("café 中文 😀", "café 中文 😀"),
        ("123", "123"),
        ("-1.5e3", "-1.5e3"),
        ("true", "true"),
        ("False", "False"),
        ("null", "null"),
        ("bs\u{8}ff\u{c}", "bs\u{8}ff\u{c}"),
    ] {
        let text = jsv::to_string(&tag(name)).unwrap();
        assert_eq!(
            text,
            format!("{{name:{written},color:Gold}}"),
            "writing {name:?}"
        );
        let back: Tag = jsv::from_str(&text).unwrap();
        assert_eq!(back.name.as_deref(), Some(name), "reading {text:?}");
    }
}

#[test]
fn map_keys_follow_the_same_rule_and_names_are_never_quoted() {
    for (key, written) in [
        ("a,b", r#""a,b""#),
        (r#""q""#, r#""""q""""#),
        ("", r#""""#),
        ("new\r\nline", "\"new\r\nline\""),
        ("a b", "a b"),
        (" lead", " lead"),
        ("tab\tkey", "tab\tkey"),
        ("null", "null"),
        ("123", "123"),
        ("a/b", "a/b"),
    ] {
        let data = Struct::new().with(key, true);
        let text = jsv::to_string(&data).unwrap();
        assert_eq!(
            text,
            format!("{{{written}:{{boolValue:True}}}}"),
            "writing key {key:?}"
        );
        let back: Struct = jsv::from_str(&text).unwrap();
        assert_eq!(back.keys().collect::<Vec<_>>(), [key], "reading {text:?}");
    }
}

#[test]
fn scalars_lists_and_empties() {
    let rule = SchedulingRule {
        priority: i32::MAX,
        by_hour: Some(vec![]),
        by_minute: Some(vec![0, -1]),
        flow_params: Some(Struct::new()),
        ..Default::default()
    };
    let text = jsv::to_string(&rule).unwrap();
    assert!(
        text.starts_with("{priority:2147483647,simpleRuleType:"),
        "{text}"
    );
    assert!(text.contains(",flowParams:{},isAllDay:False,"), "{text}");
    assert!(text.contains(",byHour:[],byMinute:[0,-1],"), "{text}");

    let list = Value::list([None, Some(Struct::new())]);
    let data = Struct::new().with("l", list);
    assert_eq!(jsv::to_string(&data).unwrap(), "{l:{listValue:[null,{}]}}");
}

#[test]
fn numbers_follow_the_chosen_dotnet_style() {
    let data = Struct::new()
        .with("third", 1.0 / 3.0)
        .with("big", 1e15)
        .with("tiny", 1e-5)
        .with("negzero", -0.0);
    let framework = EncodeOptions::new().dotnet(DotNetStyle::Framework);
    assert_eq!(
        jsv::to_string_with(&data, &framework).unwrap(),
        "{third:{numberValue:0.333333333333333},big:{numberValue:1E+15},tiny:{numberValue:1E-05},negzero:{numberValue:0}}"
    );
    assert_eq!(
        jsv::to_string(&data).unwrap(),
        "{third:{numberValue:0.3333333333333333},big:{numberValue:1000000000000000},tiny:{numberValue:1E-05},negzero:{numberValue:-0}}"
    );
    let back: Struct = jsv::from_str("{x:{numberValue:-0},y:{numberValue:1E+300}}").unwrap();
    assert!(back.get("x").unwrap().as_f64().unwrap().is_sign_negative());
    assert_eq!(back.get("y").unwrap().as_f64(), Some(1e300));
}

#[test]
fn null_list_items_are_real_nulls() {
    let data: Struct = jsv::from_str("{k:{listValue:[null]}}").unwrap();
    assert_eq!(data.get("k").unwrap().as_list(), Some(&[None][..]));
    let numbers: Vec<Option<i32>> = jsv::from_str("[1,null,3]").unwrap();
    assert_eq!(numbers, [Some(1), None, Some(3)]);
    let top: Option<i32> = jsv::from_str("null").unwrap();
    assert_eq!(top, None);
}

#[test]
fn bare_words_that_look_like_other_tokens_are_strings() {
    for word in ["123", "null", "True", "false", "-1.5e3", "1E+300"] {
        let t: Tag = jsv::from_str(&format!("{{name:{word}}}")).unwrap();
        assert_eq!(t.name.as_deref(), Some(word));
        let d: Struct = jsv::from_str(&format!("{{k:{{stringValue:{word}}}}}")).unwrap();
        assert_eq!(d.get("k").unwrap().as_str(), Some(word));
    }
}

#[test]
fn booleans_in_any_case_and_numbers_as_text() {
    for (text, expected) in [
        ("true", true),
        ("True", true),
        ("TRUE", true),
        ("false", false),
        ("False", false),
    ] {
        let c: CustomerInfo = jsv::from_str(&format!("{{isStaging:{text}}}")).unwrap();
        assert_eq!(c.is_staging, expected, "{text}");
    }
    let rule: SchedulingRule = jsv::from_str(r#"{priority:"7",byHour:[1,"2"]}"#).unwrap();
    assert_eq!(rule.priority, 7);
    assert_eq!(rule.by_hour, Some(vec![1, 2]));
}

#[test]
fn empty_and_quoted_keys_read() {
    let data: Struct =
        jsv::from_str(r#"{"":{boolValue:True},"a,b":{stringValue:x},"""q""":{numberValue:2}}"#)
            .unwrap();
    assert_eq!(data.keys().collect::<Vec<_>>(), ["", "a,b", "\"q\""]);
    let bare_empty: Struct = jsv::from_str("{:{boolValue:False}}").unwrap();
    assert_eq!(bare_empty.get("").unwrap().as_bool(), Some(false));
}

#[test]
fn whitespace_between_tokens_is_tolerated() {
    let s: Schedule =
        jsv::from_str("{ rules : [ { priority: 5 } , { } ] , inherit: True }").unwrap();
    let rules = s.rules.unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0].priority, 5);
    assert!(s.inherit);
    // In compact JSV spaces around a bare string are content...
    let t: Tag = jsv::from_str("{name: lead,color:Gold}").unwrap();
    assert_eq!(t.name.as_deref(), Some(" lead"));
    // ...in the pretty layout (newline after the first bracket) they are not.
    let t: Tag = jsv::from_str("{\n\tname: vip,\n\tcolor: Gold\n}").unwrap();
    assert_eq!(t.name.as_deref(), Some("vip"));
    assert_eq!(t.color, TagColors::Gold);
    let t: Tag = jsv::from_str("{\r\n  \"name\" : \"a,b\" ,\r\n  color : Gold\r\n}\r\n").unwrap();
    assert_eq!(t.name.as_deref(), Some("a,b"));
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Kind {
    Small,
    Large,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Shape {
    Circle(f64),
    Rect { w: i32, h: i32 },
    Line(i32, i32),
    Dot,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Wrapper(i64);

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Mine {
    id: u64,
    ratio: f64,
    on: bool,
    letter: char,
    name: String,
    tags: Vec<String>,
    maybe: Option<i16>,
    nothing: Option<String>,
    kind: Kind,
    shapes: Vec<Shape>,
    pair: (i8, String),
    scores: BTreeMap<String, i32>,
    by_num: BTreeMap<u32, bool>,
    unit: (),
    wrapper: Wrapper,
}

#[test]
fn any_serde_type_round_trips() {
    let value = Mine {
        id: u64::MAX,
        ratio: 0.1 + 0.2,
        on: true,
        letter: ',',
        name: "a:b".into(),
        tags: vec!["x".into(), "y z".into(), String::new()],
        maybe: Some(-3),
        nothing: None,
        kind: Kind::Large,
        shapes: vec![
            Shape::Circle(1.5),
            Shape::Rect { w: 2, h: 3 },
            Shape::Line(1, 2),
            Shape::Dot,
        ],
        pair: (-8, "p".into()),
        scores: [("b".to_string(), 2), ("a".to_string(), 1)]
            .into_iter()
            .collect(),
        by_num: [(10, true)].into_iter().collect(),
        unit: (),
        wrapper: Wrapper(5),
    };
    let text = jsv::to_string(&value).unwrap();
    assert_eq!(
        text,
        r#"{id:18446744073709551615,ratio:0.30000000000000004,on:True,letter:",",name:"a:b",tags:[x,y z,""],maybe:-3,kind:Large,shapes:[{Circle:1.5},{Rect:{w:2,h:3}},{Line:[1,2]},Dot],pair:[-8,p],scores:{a:1,b:2},by_num:{10:True},unit:null,wrapper:5}"#
    );
    let back: Mine = jsv::from_str(&text).unwrap();
    assert_eq!(back, value);
    let pretty = jsv::to_string_with(&value, &EncodeOptions::new().pretty(true)).unwrap();
    let back: Mine = jsv::from_str(&pretty).unwrap();
    assert_eq!(back, value);
}

#[derive(Deserialize)]
struct Borrowed<'a> {
    plain: &'a str,
    #[serde(borrow)]
    quoted: Cow<'a, str>,
    #[serde(borrow)]
    doubled: Cow<'a, str>,
}

#[test]
fn strings_borrow_from_the_input_when_they_can() {
    let input = r#"{plain:top left,quoted:"a,b",doubled:"say ""hi"""}"#;
    let b: Borrowed = jsv::from_str(input).unwrap();
    assert_eq!(b.plain, "top left");
    assert!(matches!(b.quoted, Cow::Borrowed("a,b")));
    assert!(matches!(&b.doubled, Cow::Owned(s) if s == "say \"hi\""));
}

#[test]
fn from_reader_and_to_writer() {
    let mut out = Vec::new();
    jsv::to_writer(&mut out, &tag("a,b")).unwrap();
    assert_eq!(out, br#"{name:"a,b",color:Gold}"#);
    let back: Tag = jsv::from_reader(&out[..]).unwrap();
    assert_eq!(back, tag("a,b"));
}

// ------------------------------------------------------------- depth

fn nested_struct_text(levels: usize) -> String {
    "{k:{structValue:".repeat(levels) + "{}" + &"}}".repeat(levels)
}

fn nested_struct(levels: usize) -> Struct {
    let mut s = Struct::new();
    for _ in 0..levels {
        s = Struct::new().with("k", Value::structure(s));
    }
    s
}

#[test]
fn depth_limit_on_decode_is_exact() {
    // n levels: n Structs and n Values around the innermost Struct.
    let text = nested_struct_text(5);
    let depth = 2 * 5 + 1;
    let ok = jsv::from_str_with::<Struct>(&text, &DecodeOptions::new().depth_limit(depth));
    assert!(ok.is_ok(), "{ok:?}");
    let err = jsv::from_str_with::<Struct>(&text, &DecodeOptions::new().depth_limit(depth - 1))
        .unwrap_err();
    assert_eq!(err.category(), Category::Depth, "{err}");
    assert!(err.offset().is_some(), "{err}");
}

#[test]
fn depth_limit_on_encode_is_exact() {
    let value = nested_struct(5);
    let depth = 2 * 5 + 1;
    assert!(jsv::to_string_with(&value, &EncodeOptions::new().depth_limit(depth)).is_ok());
    let err =
        jsv::to_string_with(&value, &EncodeOptions::new().depth_limit(depth - 1)).unwrap_err();
    assert_eq!(err.category(), Category::Depth, "{err}");
}

#[derive(Serialize, Deserialize, Debug)]
struct Node {
    c: Vec<Node>,
}

#[test]
fn foreign_types_are_bounded_too() {
    // {c:[{c:[...]}]}: two containers per node.
    let nodes = 4;
    let text = "{c:[".repeat(nodes - 1) + "{c:[]}" + &"]}".repeat(nodes - 1);
    let limit = 2 * nodes;
    assert!(jsv::from_str_with::<Node>(&text, &DecodeOptions::new().depth_limit(limit)).is_ok());
    let err = jsv::from_str_with::<Node>(&text, &DecodeOptions::new().depth_limit(limit - 1))
        .unwrap_err();
    assert_eq!(err.category(), Category::Depth);

    let node: Node = jsv::from_str(&text).unwrap();
    assert!(jsv::to_string_with(&node, &EncodeOptions::new().depth_limit(limit)).is_ok());
    let err = jsv::to_string_with(&node, &EncodeOptions::new().depth_limit(limit - 1)).unwrap_err();
    assert_eq!(err.category(), Category::Depth);
}

#[test]
fn hundred_thousand_deep_input_is_an_error_not_a_crash() {
    let n = 100_000;
    let text = nested_struct_text(n);
    assert_eq!(
        jsv::from_str::<Struct>(&text).unwrap_err().category(),
        Category::Depth
    );
    let lists = "[".repeat(n) + &"]".repeat(n);
    assert_eq!(
        jsv::from_str::<serde_json::Value>(&lists)
            .unwrap_err()
            .category(),
        Category::Depth
    );
    let nodes = "{c:[".repeat(n) + &"]}".repeat(n);
    assert_eq!(
        jsv::from_str::<Node>(&nodes).unwrap_err().category(),
        Category::Depth
    );
    let skipped = "{unknown:".to_string() + &"[".repeat(n) + &"]".repeat(n) + "}";
    assert_eq!(
        jsv::from_str::<Tag>(&skipped).unwrap_err().category(),
        Category::Depth
    );
}

// ------------------------------------------------------------- errors

#[test]
fn data_errors_name_the_member_and_the_place() {
    let err = jsv::from_str::<Schedule>("{rules:[{},{priority:abc}]}").unwrap_err();
    assert_eq!(err.category(), Category::Data, "{err}");
    assert_eq!(err.path().to_string(), "rules[1].priority");
    assert_eq!(
        (err.offset(), err.line(), err.column()),
        (Some(21), Some(1), Some(22))
    );

    let text = "{\n\trules: \n\t[\n\t\t{\n\t\t\tpriority: x\n\t\t}\n\t]\n}";
    let err = jsv::from_str::<Schedule>(text).unwrap_err();
    assert_eq!(err.path().to_string(), "rules[0].priority");
    assert_eq!((err.line(), err.column()), (Some(5), Some(14)), "{err}");

    let err = jsv::from_str::<Struct>("{a b:{numberValue:1.5.5}}").unwrap_err();
    assert_eq!(err.path().to_string(), "[\"a b\"].numberValue");
    assert_eq!(err.offset(), Some(18));

    // Well-formed JSV of the wrong shape is a data error, not a syntax one.
    let err = jsv::from_str::<CustomerInfo>("{tags:abc}").unwrap_err();
    assert_eq!(
        (err.category(), err.offset()),
        (Category::Data, Some(6)),
        "{err}"
    );
    assert_eq!(err.path().to_string(), "tags");
    let err = jsv::from_str::<CustomerInfo>("{data:[{}]}").unwrap_err();
    assert_eq!(err.category(), Category::Data, "{err}");
    assert_eq!(err.path().to_string(), "data");
    let err = jsv::from_str::<CustomerInfo>("{data:").unwrap_err();
    assert_eq!(
        (err.category(), err.offset()),
        (Category::Syntax, Some(6)),
        "{err}"
    );

    let err = jsv::from_str::<Tag>("{color:Fuchsia}").unwrap_err();
    assert_eq!(err.category(), Category::Data);
    assert_eq!(err.path().to_string(), "color");
}

#[test]
fn syntax_errors_say_where() {
    let err = jsv::from_str::<Tag>("{name:abc").unwrap_err();
    assert_eq!(err.category(), Category::Syntax);
    assert_eq!(
        (err.offset(), err.line(), err.column()),
        (Some(9), Some(1), Some(10))
    );
    assert!(err.to_string().contains("end of input"), "{err}");
    let err = jsv::from_str::<Tag>("{name:\"abc").unwrap_err();
    assert_eq!((err.category(), err.offset()), (Category::Syntax, Some(10)));
    let err = jsv::from_str::<Tag>("{name:x}y").unwrap_err();
    assert_eq!((err.category(), err.offset()), (Category::Syntax, Some(8)));
    let err = jsv::from_str::<Tag>("{name}").unwrap_err();
    assert_eq!((err.category(), err.offset()), (Category::Syntax, Some(5)));
    let err = jsv::from_slice::<Tag>(b"{name:\xff}").unwrap_err();
    assert_eq!((err.category(), err.offset()), (Category::Syntax, Some(6)));
    let err = jsv::from_slice::<String>(b"abc\xff").unwrap_err();
    assert_eq!((err.category(), err.offset()), (Category::Syntax, Some(3)));
    let err = jsv::from_slice::<Tag>(b"{name:\"a\xff\"}").unwrap_err();
    assert_eq!((err.category(), err.offset()), (Category::Syntax, Some(8)));
    let err = jsv::from_slice::<Tag>(b"").unwrap_err();
    assert_eq!((err.category(), err.offset()), (Category::Syntax, Some(0)));
    let err = jsv::from_str::<Vec<i32>>("[1 2]").unwrap_err();
    assert_eq!(err.category(), Category::Data, "{err}");
}

#[test]
fn non_finite_numbers_are_refused() {
    let data = Struct::new().with("x", f64::NAN);
    assert_eq!(
        jsv::to_string(&data).unwrap_err().category(),
        Category::Unsupported
    );
    assert_eq!(
        jsv::to_string(&f64::INFINITY).unwrap_err().category(),
        Category::Unsupported
    );
}

struct Broken;

impl std::io::Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk on fire"))
    }
}

impl std::io::Write for Broken {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk on fire"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn stream_failures_are_io_errors() {
    let err = jsv::from_reader::<_, Tag>(Broken).unwrap_err();
    assert_eq!(err.category(), Category::Io);
    let err = jsv::to_writer(Broken, &tag("x")).unwrap_err();
    assert_eq!(err.category(), Category::Io);
}
