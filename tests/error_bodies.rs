//! The error bodies by hand: what the constructors build is byte for byte
//! what ServiceStack wrote in tests/vectors-http, the accessors read a
//! decoded body, and the rules of vectors-http/README.md ("Error bodies")
//! that no public case shows hold, each spelled out from that page.

mod common;

use evovoice_codec::model::{
    Dictionary, Dto, ErrorResponse, MemberOrder, ResponseError, ResponseStatus,
};
use evovoice_codec::{convert, csv, json, jsv, xml, DecodeOptions, DotNetStyle, EncodeOptions};
use evovoice_codec::{Category, Format};

const FILES: [(Format, &str); 4] = [
    (Format::Json, "servicestack.json"),
    (Format::Jsv, "servicestack.jsv"),
    (Format::Xml, "datacontract.xml"),
    (Format::Csv, "servicestack.csv"),
];

fn case_file(id: &str, file: &str) -> Vec<u8> {
    let path = common::http_vectors_dir().join(id).join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `value` encodes to every file of vector case `id`, in both number styles.
fn assert_writes_case<T: serde::Serialize + evovoice_codec::model::Describe>(value: &T, id: &str) {
    for (format, file) in FILES {
        let want = case_file(id, file);
        for style in [DotNetStyle::Framework, DotNetStyle::Core] {
            let got = convert::encode(format, value, &EncodeOptions::new().dotnet(style))
                .unwrap_or_else(|e| panic!("{id} {format}: {e}"));
            assert!(
                got == want,
                "{id} {format} ({style:?}): {}",
                common::diff(&want, &got)
            );
        }
    }
}

fn validation_errors() -> [ResponseError; 2] {
    [
        ResponseError::new("NotEmpty", "Name", "'Name' must not be empty.")
            .with_meta("PropertyName", "Name"),
        ResponseError::new(
            "GreaterThan",
            "CountPerPage",
            "'Count Per Page' must be greater than '0'.",
        )
        .with_meta("PropertyName", "Count Per Page")
        .with_meta("ComparisonValue", "0")
        .with_meta("PropertyValue", "-1"),
    ]
}

#[test]
fn constructors_build_the_bodies_servicestack_wrote() {
    assert_writes_case(
        &ErrorResponse::new("NotFound", "Customer not found"),
        "err-code-message",
    );
    assert_writes_case(
        &ErrorResponse::from(ResponseStatus::new("Forbidden", "Invalid Role")),
        "err-forbidden-role",
    );
    assert_writes_case(
        &ErrorResponse::new("Unauthorized", "Not Authenticated"),
        "err-unauthorized",
    );
    assert_writes_case(&ErrorResponse::default(), "err-empty");
    assert_writes_case(
        &ErrorResponse::from(ResponseStatus::default()),
        "err-empty-status",
    );
    let [name, count] = validation_errors();
    let status = ResponseStatus::new("NotEmpty", "'Name' must not be empty.")
        .with_error(name)
        .with_error(count);
    assert_writes_case(&ErrorResponse::from(status), "err-validation");
    assert_writes_case(
        &ResponseStatus::new("NotFound", "Customer not found"),
        "rs-code-message",
    );
    let bare = ResponseStatus::new("NotEmpty", "'Name' must not be empty.")
        .with_error(
            ResponseError::new("NotEmpty", "Name", "'Name' must not be empty.")
                .with_meta("PropertyName", "Name"),
        )
        .with_error(
            ResponseError::new("Email", "Email", "'Email' is not a valid email address.")
                .with_meta("PropertyName", "Email")
                .with_meta("PropertyValue", "a,b"),
        );
    assert_writes_case(&bare, "rs-validation");
}

#[test]
fn constructors_fill_what_they_say() {
    let e = ResponseError::new("code", "field", "message").with_meta("k", "v");
    assert_eq!(e.error_code.as_deref(), Some("code"));
    assert_eq!(e.field_name.as_deref(), Some("field"));
    assert_eq!(e.message.as_deref(), Some("message"));
    assert_eq!(e.meta_value("k"), Some("v"));
    assert_eq!(e.meta_value("other"), None);
    assert_eq!(ResponseError::default().meta_value("k"), None);

    let s = ResponseStatus::new("code", "message");
    assert_eq!(s.errors, Some(Vec::new()), "a server-built status has []");
    assert_eq!((s.stack_trace.as_deref(), s.meta.as_ref()), (None, None));
    let s = s
        .with_stack_trace("at X")
        .with_meta("a", "1")
        .with_meta("a", "2");
    assert_eq!(s.stack_trace.as_deref(), Some("at X"));
    assert_eq!(
        s.meta_value("a"),
        Some("2"),
        "a second value replaces the first"
    );
    assert_eq!(s.meta.as_ref().map(Dictionary::len), Some(1));

    // with_error creates a null list; field_errors skips null items.
    let s = ResponseStatus {
        errors: None,
        ..ResponseStatus::default()
    }
    .with_error(ResponseError::new("A", "One", "m"));
    assert_eq!(s.errors.as_ref().map(Vec::len), Some(1));
    let mut s = s;
    s.errors.as_mut().unwrap().insert(0, None);
    s = s.with_error(ResponseError::new("B", "two", "m"));
    let codes: Vec<_> = s
        .field_errors()
        .map(|e| e.error_code.as_deref().unwrap())
        .collect();
    assert_eq!(codes, ["A", "B"]);
    assert_eq!(
        s.error_for("TWO").and_then(|e| e.error_code.as_deref()),
        Some("B")
    );
    assert!(s.error_for("three").is_none());

    let body = ErrorResponse::from(s.clone());
    assert_eq!(body.status(), Some(&s));
    assert_eq!(body.error_code(), None);
    let body = ErrorResponse::new("c", "m");
    assert_eq!((body.error_code(), body.message()), (Some("c"), Some("m")));
    let empty = ErrorResponse::default();
    assert_eq!(
        (empty.status(), empty.error_code(), empty.message()),
        (None, None, None)
    );
}

#[test]
fn accessors_read_a_decoded_validation_body() -> evovoice_codec::Result<()> {
    let body: ErrorResponse = json::from_slice(&case_file("err-validation", "servicestack.json"))?;
    assert_eq!(body.error_code(), Some("NotEmpty"));
    assert_eq!(body.message(), Some("'Name' must not be empty."));
    let status = body.status().unwrap();
    let count = status.error_for("countPerPage").unwrap();
    assert_eq!(count.error_code.as_deref(), Some("GreaterThan"));
    assert_eq!(count.meta_value("PropertyValue"), Some("-1"));
    let [name, count] = validation_errors();
    assert_eq!(status.field_errors().collect::<Vec<_>>(), [&name, &count]);
    Ok(())
}

#[test]
fn the_types_are_servicestack_data_contracts_in_member_order() {
    for class in [
        ErrorResponse::CLASS,
        ResponseStatus::CLASS,
        ResponseError::CLASS,
    ] {
        let contract = class.data_contract.as_ref().expect("a [DataContract]");
        assert_eq!(contract.namespace, "http://schemas.servicestack.net/types");
        assert_eq!(contract.order, MemberOrder::Declared);
        assert_eq!(class.namespace, "ServiceStack");
    }
    // CsvSerializer's list candidate: `Errors`, and only on ResponseStatus.
    assert_eq!(ResponseStatus::CLASS.csv_rows(), Some(3));
    assert_eq!(ErrorResponse::CLASS.csv_rows(), None);
    assert_eq!(ResponseError::CLASS.csv_rows(), None);
    assert_eq!(
        evovoice_codec::model::CustomerInfo::CLASS.csv_rows(),
        None,
        "not a [DataContract]: written as itself"
    );
}

/// vectors-http/README.md: "CSV of a bare `ResponseStatus` writes its
/// `Errors` list ... A null list writes nothing (0 bytes)."
#[test]
fn a_bare_status_with_a_null_list_is_no_csv_at_all() -> evovoice_codec::Result<()> {
    let status = ResponseStatus {
        errors: None,
        ..ResponseStatus::new("NotFound", "Customer not found")
    };
    assert_eq!(csv::to_string(&status)?, "");
    assert_eq!(
        convert::encode(Format::Csv, &status, &EncodeOptions::new())?,
        b""
    );
    let back: ResponseStatus = csv::from_str("")?;
    assert_eq!(back, ResponseStatus::default());
    // Only the rows are CSV's: code and message are not written.
    let back: ResponseStatus = csv::from_str(&csv::to_string(&ResponseStatus::new("c", "m"))?)?;
    assert_eq!(
        back,
        ResponseStatus {
            errors: Some(Vec::new()),
            ..ResponseStatus::default()
        }
    );
    Ok(())
}

/// A null item of `errors`: `{}` in JSON and JSV (README: "A null item in
/// `errors` is written `{}`"), `<ResponseError i:nil="true" />` in XML
/// (err-null-error-item), a row of empty cells in CSV rows.
#[test]
fn a_null_error_item_is_an_empty_object_except_in_xml() -> evovoice_codec::Result<()> {
    let status = ResponseStatus {
        error_code: Some("E".into()),
        errors: Some(vec![None, Some(ResponseError::default())]),
        ..ResponseStatus::default()
    };
    assert_eq!(
        json::to_string(&status)?,
        r#"{"errorCode":"E","errors":[{},{}]}"#
    );
    assert_eq!(jsv::to_string(&status)?, "{errorCode:E,errors:[{},{}]}");
    let text = xml::to_string(&status)?;
    assert!(
        text.contains(
            r#"<Errors><ResponseError i:nil="true" /><ResponseError><ErrorCode i:nil="true" />"#
        ),
        "{text}"
    );
    assert_eq!(xml::from_str::<ResponseStatus>(&text)?, status);
    assert_eq!(
        csv::to_string(&status)?,
        "ErrorCode,FieldName,Message,Meta\r\n,,,\r\n,,,\r\n"
    );
    // Read back, `{}` is an empty error; `null` stays a null item.
    let back: ResponseStatus = json::from_str(r#"{"errors":[{},null]}"#)?;
    assert_eq!(
        back.errors,
        Some(vec![Some(ResponseError::default()), None])
    );
    // A null item in a list of dictionaries (Struct) stays `null`.
    let value = evovoice_codec::model::Value::list([None]);
    assert_eq!(json::to_string(&value)?, r#"{"listValue":[null]}"#);
    Ok(())
}

/// README: "XML `""` is `<X></X>`, null `<X i:nil="true" />`, empty list
/// `<Errors />`", and map entries `dNp1:KeyValueOfstringstring` with N the
/// depth: d3 for ResponseStatus.Meta under ErrorResponse, d5 for
/// ResponseError.Meta there; a null value is `<dNp1:Value i:nil="true" />`
/// as in every dictionary.
#[test]
fn xml_spells_empty_null_and_meta_as_datacontractserializer() -> evovoice_codec::Result<()> {
    let status = ResponseStatus {
        error_code: Some(String::new()),
        message: None,
        stack_trace: Some("at A".into()),
        errors: Some(vec![Some(
            ResponseError::new("", "f", "m").with_meta("k", "v"),
        )]),
        meta: Some(Dictionary::new().with("a", "1")),
    };
    let mut status = status;
    status.meta.as_mut().unwrap().insert_null("n");
    let body = ErrorResponse::from(status);
    let want = concat!(
        r#"<?xml version="1.0" encoding="utf-8"?><ErrorResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.servicestack.net/types">"#,
        r#"<ResponseStatus><ErrorCode></ErrorCode><Message i:nil="true" /><StackTrace>at A</StackTrace>"#,
        r#"<Errors><ResponseError><ErrorCode></ErrorCode><FieldName>f</FieldName><Message>m</Message>"#,
        r#"<Meta xmlns:d5p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d5p1:KeyValueOfstringstring><d5p1:Key>k</d5p1:Key><d5p1:Value>v</d5p1:Value></d5p1:KeyValueOfstringstring></Meta>"#,
        r#"</ResponseError></Errors>"#,
        r#"<Meta xmlns:d3p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d3p1:KeyValueOfstringstring><d3p1:Key>a</d3p1:Key><d3p1:Value>1</d3p1:Value></d3p1:KeyValueOfstringstring>"#,
        r#"<d3p1:KeyValueOfstringstring><d3p1:Key>n</d3p1:Key><d3p1:Value i:nil="true" /></d3p1:KeyValueOfstringstring></Meta>"#,
        r#"</ResponseStatus></ErrorResponse>"#,
    );
    assert_eq!(xml::to_string(&body)?, want);
    assert_eq!(xml::from_str::<ErrorResponse>(want)?, body);
    // JSON and JSV leave the null entry out, as for every dictionary.
    assert_eq!(
        json::to_string(&body)?,
        r#"{"responseStatus":{"errorCode":"","stackTrace":"at A","errors":[{"errorCode":"","fieldName":"f","message":"m","meta":{"k":"v"}}],"meta":{"a":"1"}}}"#
    );
    // An empty list and an empty map.
    let empty = ResponseStatus {
        errors: Some(Vec::new()),
        meta: Some(Dictionary::new()),
        ..ResponseStatus::default()
    };
    assert!(xml::to_string(&empty)?.ends_with(
        r#"<Errors /><Meta xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" /></ResponseStatus>"#
    ));
    Ok(())
}

/// Reading is as tolerant as for every DTO: member names in any case,
/// unknown members skipped (an error in strict mode), XML members in any
/// order, and a null `ResponseStatus` in CSV.
#[test]
fn error_bodies_read_tolerantly() -> evovoice_codec::Result<()> {
    let want = ErrorResponse::from(ResponseStatus {
        error_code: Some("E".into()),
        message: Some("m".into()),
        errors: Some(vec![Some(ResponseError {
            field_name: Some("Name".into()),
            ..ResponseError::default()
        })]),
        ..ResponseStatus::default()
    });
    let text = r#"{"ResponseStatus":{"MESSAGE":"m","ErrorCode":"E","Errors":[{"FieldName":"Name","extra":1}],"more":[]}}"#;
    assert_eq!(json::from_str::<ErrorResponse>(text)?, want);
    let strict = DecodeOptions::new().strict(true);
    let err = json::from_str_with::<ErrorResponse>(text, &strict).unwrap_err();
    assert_eq!(err.category(), Category::Data);
    assert_eq!(
        jsv::from_str::<ErrorResponse>(
            "{ResponseStatus:{Message:m,errorcode:E,errors:[{fieldName:Name}]}}"
        )?,
        want
    );
    let xml_text = concat!(
        r#"<ErrorResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.servicestack.net/types">"#,
        r#"<ResponseStatus><Errors><ResponseError><FieldName>Name</FieldName></ResponseError></Errors>"#,
        r#"<Message>m</Message><ErrorCode>E</ErrorCode></ResponseStatus></ErrorResponse>"#,
    );
    assert_eq!(xml::from_str::<ErrorResponse>(xml_text)?, want);
    assert_eq!(
        csv::from_str::<ErrorResponse>("ResponseStatus\r\n\r\n")?,
        ErrorResponse::default()
    );
    assert_eq!(
        csv::from_str::<ResponseStatus>("fieldname\r\nName\r\n")?.errors,
        want.status().unwrap().errors
    );
    Ok(())
}

#[test]
fn convert_and_types_know_the_error_bodies() {
    for name in ["ErrorResponse", "ResponseStatus", "ResponseError"] {
        assert!(
            convert::TYPE_NAMES.contains(&name),
            "{name} missing from TYPE_NAMES"
        );
    }
    let out = convert::convert(
        "ResponseError",
        Format::Json,
        Format::Jsv,
        br#"{"ErrorCode":"x","Meta":{"a,b":"c"}}"#,
        &DecodeOptions::default(),
        &EncodeOptions::default(),
    )
    .unwrap();
    assert_eq!(out, br#"{errorCode:x,meta:{"a,b":c}}"#);
}
