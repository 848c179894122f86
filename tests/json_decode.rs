//! Hand-checked JSON decoding: what real clients send, what must be refused,
//! and how errors say what and where.

use evovoice_codec::model::*;
use evovoice_codec::{json, Category, DecodeOptions, EncodeOptions, Error};

fn customer(text: &str) -> Result<CustomerInfo, Error> {
    json::from_str(text)
}

#[test]
fn accepts_whitespace_any_order_and_any_case() {
    let c = customer(
        "{\n  \"NAME\" : \"Acme\",\r\n\t\"Id\":\"c1\", \"accountid\":\"a1\",\"IsStaging\": true }",
    )
    .unwrap();
    assert_eq!(c.name.as_deref(), Some("Acme"));
    assert_eq!(c.account_id.as_deref(), Some("a1"));
    assert_eq!(c.entity.id.as_deref(), Some("c1"));
    assert!(c.is_staging);
    // AIInsights / aiInsights / AIINSIGHTS all name the same member.
    let b: BillingSettings =
        json::from_str(r#"{"AIInsights":{"allowance":1},"ailiveminutes":{"Allowance":2}}"#)
            .unwrap();
    assert_eq!(b.ai_insights.unwrap().allowance, 1);
    assert_eq!(b.ai_live_minutes.unwrap().allowance, 2);
}

#[test]
fn explicit_null_means_absent_or_default() {
    let c = customer(r#"{"name":null,"isStaging":null,"tags":null}"#).unwrap();
    assert_eq!(c, CustomerInfo::default());
}

#[test]
fn skips_unknown_members_unless_strict() {
    let text = r#"{"name":"x","extra":{"deep":[1,{"a":null}]},"more":true}"#;
    assert_eq!(customer(text).unwrap().name.as_deref(), Some("x"));
    let e =
        json::from_str_with::<CustomerInfo>(text, &DecodeOptions::new().strict(true)).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("unknown member `extra`"), "{e}");
    assert_eq!(e.line(), Some(1));
}

#[test]
fn reads_numbers_and_booleans_given_as_strings() {
    let rule: SchedulingRule = json::from_str(
        r#"{"priority":"7","isAllDay":"True","byHour":[1,"2"],"frequency":"daily","interval":-3}"#,
    )
    .unwrap();
    assert_eq!(rule.priority, 7);
    assert!(rule.is_all_day);
    assert_eq!(rule.by_hour, Some(vec![1, 2]));
    assert_eq!(rule.frequency, SchedulingRuleFrequency::Daily);
    assert_eq!(rule.interval, -3);
    let v: Value = json::from_str(r#"{"numberValue":"12.5","boolValue":"false"}"#).unwrap();
    assert_eq!(v.number_value, Some(12.5));
    assert_eq!(v.bool_value, Some(false));
    let v: Value = json::from_str(r#"{"numberValue":5.0}"#).unwrap();
    assert_eq!(v.number_value, Some(5.0));
}

#[test]
fn reads_enums_by_name_in_any_case_or_by_number() {
    let day: ScheduleDay = json::from_str(r#"{"dayOfWeek":"monday"}"#).unwrap();
    assert_eq!(day.day_of_week, DayOfWeek::Monday);
    let rule: SchedulingRule = json::from_str(r#"{"frequency":3}"#).unwrap();
    assert_eq!(rule.frequency, SchedulingRuleFrequency::Hourly);
}

#[test]
fn refuses_what_servicestack_silently_loses() {
    for (text, needle) in [
        (
            r#"{"frequency":"Fortnightly"}"#,
            "unknown SchedulingRuleFrequency value",
        ),
        (r#"{"priority":"abc"}"#, "expected a 32-bit integer"),
        (r#"{"priority":5.0}"#, "expected a 32-bit integer"),
        (r#"{"priority":2147483648}"#, "expected a 32-bit integer"),
        (
            r#"{"frequency":99}"#,
            "unknown SchedulingRuleFrequency value 99",
        ),
        (r#"{"id":"a","Id":"b"}"#, "duplicate member `id`"),
    ] {
        let e = json::from_str::<SchedulingRule>(text).unwrap_err();
        assert_eq!(e.category(), Category::Data, "{text}: {e}");
        assert!(e.message().contains(needle), "{text}: {e}");
    }
}

#[test]
fn duplicate_struct_key_is_an_error_not_an_overwrite() {
    let e =
        json::from_str::<NewCustomer>(r#"{"data":{"k":{"numberValue":1},"k":{"numberValue":2}}}"#)
            .unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("duplicate key \"k\""), "{e}");
    assert_eq!(e.path().to_string(), "data.k");
}

#[test]
fn struct_keeps_order_empty_keys_and_null_items() {
    let s: Struct = json::from_str(
        r#"{"zeta":{"numberValue":1},"":{"listValue":[null,{}]},"Mid":{"stringValue":""}}"#,
    )
    .unwrap();
    assert_eq!(s.keys().collect::<Vec<_>>(), ["zeta", "", "Mid"]);
    assert_eq!(
        s.get("").unwrap().as_list().unwrap(),
        &[None, Some(Struct::new())]
    );
    assert_eq!(
        json::to_string(&s).unwrap(),
        r#"{"zeta":{"numberValue":1},"":{"listValue":[null,{}]},"Mid":{"stringValue":""}}"#
    );
}

#[test]
fn null_struct_values_are_kept_in_the_model_and_left_out_of_json() {
    // ServiceStack drops them in JSON (vector hand-struct-null-value).
    let s: Struct = json::from_str(r#"{"k":null,"j":{"stringValue":"v"}}"#).unwrap();
    assert!(s.contains_key("k"));
    assert_eq!(json::to_string(&s).unwrap(), r#"{"j":{"stringValue":"v"}}"#);
}

#[test]
fn data_error_names_the_member_path_and_position() {
    let text = r#"{"items":[{},{},{},{"schedule":{"rules":[{"byDay":[{"dayOfWeek":"Sunday"},{"dayOfWeek":"Someday"}]}]}}]}"#;
    let e = json::from_str::<ListResponse<CustomerInfo>>(text).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert_eq!(
        e.path().to_string(),
        "items[3].schedule.rules[0].byDay[1].dayOfWeek"
    );
    assert_eq!(e.line(), Some(1));
    let offset = e.offset().unwrap() as usize;
    // serde_json reports the last byte of the offending value.
    assert_eq!(&text[offset - 8..=offset], "\"Someday\"");
    let shown = e.to_string();
    assert!(shown.contains("line 1 column"), "{shown}");
    assert!(
        shown.contains("items[3].schedule.rules[0].byDay[1].dayOfWeek"),
        "{shown}"
    );
}

#[test]
fn syntax_error_on_truncated_input_says_where() {
    let e = customer("{\"name\":\"Acme\",\n\"tags\":[{\"id\":").unwrap_err();
    assert_eq!(e.category(), Category::Syntax);
    assert_eq!(e.line(), Some(2));
    assert!(e.message().contains("end of input"), "{e}");
    let e = customer("{\"name\":\"Acme\"} trailing").unwrap_err();
    assert_eq!(e.category(), Category::Syntax);
    assert_eq!(e.column(), Some(17));
}

/// JSON with exactly `n` nested containers: Struct and Value alternate.
fn nested_struct_json(n: usize) -> String {
    let mut open = String::new();
    let mut close = String::new();
    for i in 0..n - 1 {
        open.push_str(if i % 2 == 0 {
            "{\"k\":"
        } else {
            "{\"structValue\":"
        });
        close.push('}');
    }
    format!("{open}{{}}{close}")
}

fn nested_struct(n: usize) -> Struct {
    // n containers: Struct, Value, Struct, ... (n odd ends with a Struct).
    assert!(n % 2 == 1);
    let mut s = Struct::new();
    for _ in 0..(n - 1) / 2 {
        s = Struct::new().with("k", Value::structure(s));
    }
    s
}

#[test]
fn depth_limit_is_exact_on_decode() {
    let at_limit = nested_struct_json(128);
    assert!(json::from_str::<Struct>(&at_limit).is_ok());
    let e = json::from_str::<Struct>(&nested_struct_json(129)).unwrap_err();
    assert_eq!(e.category(), Category::Depth);
    assert!(e.message().contains("depth limit of 128"), "{e}");
    let small = DecodeOptions::new().depth_limit(5);
    assert!(json::from_str_with::<Struct>(&nested_struct_json(5), &small).is_ok());
    let e = json::from_str_with::<Struct>(&nested_struct_json(6), &small).unwrap_err();
    assert!(e.is_depth());
}

#[test]
fn hostile_depth_is_an_error_not_a_stack_overflow() {
    let deep = nested_struct_json(100_000);
    assert!(json::from_str::<Struct>(&deep).unwrap_err().is_depth());
    // Inside a member nobody knows, and inside a list.
    let unknown = format!("{{\"unknown\":{}}}", "[".repeat(100_000));
    assert!(customer(&unknown).unwrap_err().is_depth());
    let lists = "{\"k\":{\"listValue\":[".repeat(50_000);
    assert!(json::from_str::<Struct>(&lists).unwrap_err().is_depth());
}

#[test]
fn depth_limit_is_exact_on_encode() {
    let ok = nested_struct(127);
    assert!(json::to_string(&ok).is_ok());
    let too_deep = nested_struct(129);
    let e = json::to_string(&too_deep).unwrap_err();
    assert_eq!(e.category(), Category::Depth);
    let bigger = EncodeOptions::new().depth_limit(200);
    let text = json::to_string_with(&too_deep, &bigger).unwrap();
    let back: Struct = json::from_str_with(&text, &DecodeOptions::new().depth_limit(200)).unwrap();
    assert_eq!(back, too_deep);
}

#[test]
fn non_finite_numbers_are_refused_not_written_as_null() {
    let v = Value::number(f64::NAN);
    let e = json::to_string(&v).unwrap_err();
    assert_eq!(e.category(), Category::Unsupported);
    assert_eq!(e.path().to_string(), "numberValue");
}

#[test]
fn reader_and_slice_agree() {
    let text = br#"{"name":"Acme","data":{"a":{"boolValue":true}}}"#;
    let a: CustomerInfo = json::from_slice(text).unwrap();
    let b: CustomerInfo = json::from_reader(&text[..]).unwrap();
    assert_eq!(a, b);
    let mut out = Vec::new();
    json::to_writer(&mut out, &a).unwrap();
    assert_eq!(out, json::to_vec(&a).unwrap());
}

/// The .NET Framework writes `double.MaxValue` as `1.79769313486232E+308`
/// (vectors/numbers.tsv, row 7fefffffffffffff), above the largest double:
/// decoding an owned value reads it as `MaxValue`, as JSV, XML and CSV do,
/// so Framework output round-trips; inside a string it stays text, and a
/// number that truly overflows is still an error.
#[test]
fn framework_max_value_reads_as_max_for_owned_values() {
    use evovoice_codec::{convert, DotNetStyle, Format};
    let framework = r#"{"isStaging":false,"data":{"m":{"numberValue":1.79769313486232E+308},"n":{"numberValue":-1.79769313486232E+308},"s":{"stringValue":"1.79769313486232E+308"}},"overrideBillingSettings":false,"overrideAppSettings":false}"#;
    let value: CustomerInfo =
        convert::decode(Format::Json, framework.as_bytes(), &DecodeOptions::new()).unwrap();
    let data = value.data.as_ref().unwrap();
    assert_eq!(data.get("m").unwrap().number_value, Some(f64::MAX));
    assert_eq!(data.get("n").unwrap().number_value, Some(-f64::MAX));
    assert_eq!(
        data.get("s").unwrap().string_value.as_deref(),
        Some("1.79769313486232E+308")
    );
    let options = EncodeOptions::new().dotnet(DotNetStyle::Framework);
    let again = convert::encode(Format::Json, &value, &options).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), framework);
    // numbers.tsv's core column for the same bits.
    let core = convert::encode(Format::Json, &value, &EncodeOptions::new()).unwrap();
    assert!(String::from_utf8(core)
        .unwrap()
        .contains(r#""numberValue":1.7976931348623157E+308"#));

    let overflow = r#"{"data":{"m":{"numberValue":1e400}}}"#;
    let e =
        convert::decode::<CustomerInfo>(Format::Json, overflow.as_bytes(), &DecodeOptions::new())
            .unwrap_err();
    assert!(e.to_string().contains("out of range"), "{e}");
}
