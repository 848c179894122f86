//! The HTTP exchange by hand and by property: routes and operations,
//! failures and their bodies both ways, and binding what the client side
//! builds gives the request back, in every format.

mod common;

use common::strategies::{self, SMALL};
use common::{normalize_for, Expected};
use evovoice_codec::http::{self, Failure, Incoming, Method};
use evovoice_codec::model::{
    ListCustomers, NewCustomer, Operation, PatchCustomer, ResponseStatus, SortOrders,
};
use evovoice_codec::{json, Format};
use proptest::prelude::*;

fn vector(case: &str, file: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/vectors-http/{case}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn operations_declare_their_routes_methods_and_responses() {
    assert_eq!(ListCustomers::NAME, "ListCustomers");
    assert_eq!(ListCustomers::METHOD, Method::Get);
    assert_eq!(ListCustomers::ROUTES[0].path, "/customers");
    assert_eq!(NewCustomer::METHOD, Method::Post);
    assert_eq!(PatchCustomer::METHOD, Method::Patch);
    assert_eq!(
        PatchCustomer::ROUTES[0].variables().collect::<Vec<_>>(),
        ["customerId"]
    );
    fn response_name<T: Operation>() -> &'static str {
        <T::Response as evovoice_codec::model::Dto>::CLASS.name
    }
    assert_eq!(response_name::<ListCustomers>(), "ListResponse");
    assert_eq!(response_name::<PatchCustomer>(), "CustomerInfo");
    assert_eq!(
        http::predefined_path("PatchCustomer", Format::Jsv),
        "/jsv/reply/PatchCustomer"
    );
    assert_eq!(http::api_path("ListCustomers"), "/api/ListCustomers");
    assert_eq!("patch".parse::<Method>(), Ok(Method::Patch));
    assert!("FETCH".parse::<Method>().is_err());
}

#[test]
fn a_request_with_a_body_carries_it_in_every_format() {
    let patch = PatchCustomer {
        customer_id: Some("c/1".into()),
        name: Some("Acme".into()),
        ..PatchCustomer::default()
    };
    for format in Format::ALL {
        let request = http::request(&patch, format).unwrap();
        assert_eq!(request.method, Method::Patch);
        assert_eq!(request.url, "/customers/c%2F1", "{format}");
        assert_eq!(request.content_type, Some(format.mime_type()));
        let body = request.body.unwrap();
        let back: PatchCustomer =
            evovoice_codec::convert::decode(format, &body, &Default::default()).unwrap();
        assert_eq!(back, patch, "{format}");
    }
    let list = http::request(&ListCustomers::default(), Format::Json).unwrap();
    assert_eq!(
        (list.url.as_str(), list.body, list.content_type),
        ("/customers", None, None)
    );
}

fn get(url: &str) -> Incoming<'_> {
    Incoming {
        method: Method::Get,
        url,
        content_type: None,
        body: b"",
    }
}

#[test]
fn binding_finds_the_route_and_applies_each_source_in_order() {
    // Predefined routes and a format suffix reach the same operation.
    for url in [
        "/customers.json?page=3",
        "/json/reply/ListCustomers?page=3",
        "/jsv/reply/listcustomers?page=3",
        "/api/ListCustomers?page=3",
        "/CUSTOMERS?page=3",
    ] {
        let list: ListCustomers = http::bind(&get(url)).unwrap();
        assert_eq!(list.request.page, 3, "{url}");
    }
    // The route answers GET only.
    let e = http::bind::<ListCustomers>(&Incoming {
        method: Method::Delete,
        ..get("/customers/x/y")
    })
    .unwrap_err();
    assert_eq!(e.error_code, "ArgumentException");
    // Body first, then the path's variable, then query over both.
    let body = br#"{"customerId":"fromBody","name":"fromBody","referenceId":"r"}"#;
    let patch: PatchCustomer = http::bind(&Incoming {
        method: Method::Patch,
        url: "/customers/fromPath?name=fromQuery",
        content_type: Some("application/json; charset=utf-8"),
        body,
    })
    .unwrap();
    assert_eq!(patch.customer_id.as_deref(), Some("fromPath"));
    assert_eq!(patch.name.as_deref(), Some("fromQuery"));
    assert_eq!(patch.reference_id.as_deref(), Some("r"));
    // A form body, over the query; ignored on GET.
    let new: NewCustomer = http::bind(&Incoming {
        method: Method::Post,
        url: "/customers?name=q&accountId=a",
        content_type: Some("application/x-www-form-urlencoded"),
        body: b"name=Acme+%26+Co",
    })
    .unwrap();
    assert_eq!(
        (new.name.as_deref(), new.account_id.as_deref()),
        (Some("Acme & Co"), Some("a"))
    );
    let list: ListCustomers = http::bind(&Incoming {
        content_type: Some("application/x-www-form-urlencoded"),
        body: b"page=9",
        ..get("/customers?page=1")
    })
    .unwrap();
    assert_eq!(list.request.page, 1);
    // Every bad parameter is named, as sent.
    let e = http::bind::<ListCustomers>(&get("/customers?PAGE=x&all=maybe&sortOrder=Up&tagIds=a"))
        .unwrap_err();
    let fields: Vec<&str> = e.errors.iter().map(|f| f.field_name.as_str()).collect();
    assert_eq!(fields, ["PAGE", "all", "sortOrder"]);
    assert_eq!(e.errors[0].message, "'x' is an Invalid value for 'PAGE'");
    // A body that does not read is a 400 too, not a panic or a default.
    let e = http::bind::<NewCustomer>(&Incoming {
        method: Method::Post,
        url: "/customers",
        content_type: Some("application/json"),
        body: b"{\"name\":",
    })
    .unwrap_err();
    assert_eq!(
        (e.status, e.error_code.as_str()),
        (400, "SerializationException")
    );
}

#[test]
fn an_error_quoting_a_control_character_has_a_body_in_every_format_but_xml() {
    // Found by the bind fuzz target: the message quotes the value as sent.
    let e = http::bind::<ListCustomers>(&get("/customers?page=%01")).unwrap_err();
    assert_eq!(
        e.errors[0].message,
        "'\u{1}' is an Invalid value for 'page'"
    );
    for format in [Format::Json, Format::Jsv, Format::Csv] {
        assert!(
            http::error_body(&e, format, &Default::default()).is_ok(),
            "{format}"
        );
    }
    let xml = http::error_body(&e, Format::Xml, &Default::default()).unwrap_err();
    assert_eq!(xml.category(), evovoice_codec::Category::Data, "{xml}");
}

#[test]
fn failures_map_to_servicestack_statuses_and_bodies() {
    let cases = [
        (Failure::Unauthorized, 401, "err-unauthorized"),
        (Failure::Forbidden, 403, "err-forbidden-role"),
        (
            Failure::NotFound("Customer not found".into()),
            404,
            "err-code-message",
        ),
    ];
    for (failure, status, case) in cases {
        assert_eq!(failure.status(), status);
        assert_eq!(
            failure.body(Format::Json, &Default::default()).unwrap(),
            vector(case, "servicestack.json"),
            "{case}"
        );
        assert_eq!(
            failure.body(Format::Xml, &Default::default()).unwrap(),
            vector(case, "datacontract.xml"),
            "{case}"
        );
    }
    assert_eq!(Failure::Forbidden.status_description(), "Invalid Role");
    let internal = Failure::Internal {
        error_code: "NullReferenceException".into(),
        message: "boom".into(),
    };
    assert_eq!(internal.status(), 500);
    assert_eq!(Failure::MethodNotAllowed("no".into()).status(), 405);
    let binding: Failure = http::bind::<ListCustomers>(&get("/customers?page=1.5"))
        .unwrap_err()
        .into();
    assert_eq!(binding.status(), 400);
    assert_eq!(
        binding.body(Format::Json, &Default::default()).unwrap(),
        vector("srv-hand-int-float", "error.servicestack.json")
    );
}

#[test]
fn an_error_body_reads_back_from_every_format() {
    let files = [
        ("servicestack.json", Some("application/json")),
        ("servicestack.jsv", Some("text/jsv")),
        ("servicestack.csv", Some("text/csv")),
        ("datacontract.xml", Some("application/xml")),
        ("servicestack.json", None),
    ];
    for (file, content_type) in files {
        let status: ResponseStatus =
            http::read_error_body(content_type, &vector("err-validation", file)).unwrap();
        assert_eq!(status.error_code.as_deref(), Some("NotEmpty"), "{file}");
        assert_eq!(status.errors.as_ref().map(Vec::len), Some(2), "{file}");
    }
    // A response DTO of another operation carrying a status reads too.
    let status = http::read_error_body(
        None,
        br#"{"items":[],"responseStatus":{"errorCode":"NotFound","message":"gone"}}"#,
    )
    .unwrap();
    assert_eq!(status.message.as_deref(), Some("gone"));
    for body in [
        &b"<html>502 Bad Gateway</html>"[..],
        b"",
        b"{}",
        b"{\"x\":1",
    ] {
        assert_eq!(http::read_error_body(Some("application/json"), body), None);
    }
}

// ------------------------------------------------------------ properties

/// List items the C# client's URL carries without loss. ServiceStack loses
/// white space at either end of the value (the binder trims it) and a list
/// whose only item is null (`[]`); items of every other kind, quoting
/// included, come back.
fn item() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        1 => Just(None),
        6 => strategies::string().prop_filter("not trimmed by the binder", |s| s.trim() == s).prop_map(Some),
    ]
    .boxed()
}

fn items() -> BoxedStrategy<Option<Vec<Option<String>>>> {
    proptest::option::of(
        proptest::collection::vec(item(), 0..4)
            .prop_filter("a sole null item is `[]`", |v| v != &[None]),
    )
    .boxed()
}

prop_compose! {
    fn list_customers()(
        account_ids in items(),
        name_filter in strategies::opt_string(),
        parent_customer_ids in items(),
        shallow_parent in any::<bool>(),
        tag_ids in items(),
        specific_ids in items(),
        sort_field in strategies::opt_string(),
        page in any::<i32>(),
        count_per_page in any::<i32>(),
        all in any::<bool>(),
        descend in any::<bool>(),
    ) -> ListCustomers {
        let mut x = ListCustomers {
            account_ids, name_filter, parent_customer_ids, shallow_parent, tag_ids,
            ..ListCustomers::default()
        };
        x.request.specific_ids = specific_ids;
        x.request.sort_field = sort_field;
        x.request.page = page;
        x.request.count_per_page = count_per_page;
        x.request.all = all;
        x.request.sort_order = if descend { SortOrders::Descend } else { SortOrders::Ascend };
        x
    }
}

/// What ServiceStack's binder leaves of a path variable: `+` is a space,
/// `/` (escaped as `%2F`, which Kestrel does not decode) stays `%2F`, and a
/// `%2f` in the text becomes `/`.
fn path_variable_as_bound(id: &str) -> String {
    id.replace('/', "%2F").replace('+', " ").replace("%2f", "/")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn binding_the_url_a_list_request_makes_gives_it_back(x in list_customers()) {
        let url = http::url(&x).unwrap();
        let bound: ListCustomers = http::bind(&get(&url))
            .map_err(|e| TestCaseError::fail(format!("{url}: {e}")))?;
        let mut expected = x.clone();
        // An empty string is an empty parameter, which binds nothing.
        for s in [&mut expected.name_filter, &mut expected.request.sort_field] {
            if s.as_deref() == Some("") {
                *s = None;
            }
        }
        prop_assert_eq!(bound, expected, "{}", url);
    }

    #[test]
    fn binding_the_request_a_patch_makes_gives_it_back_in_every_format(
        x in strategies::patch_customer(SMALL),
        id in "[a-zA-Z0-9 +/_%-]{1,12}",
    ) {
        let x = PatchCustomer { customer_id: Some(id.clone()), ..x };
        for format in Format::ALL {
            let Expected::Value(mut expected) = normalize_for(format, &x) else { continue };
            let request = http::request(&x, format).unwrap();
            let bound: PatchCustomer = http::bind(&Incoming {
                method: request.method,
                url: &request.url,
                content_type: request.content_type,
                body: request.body.as_deref().unwrap_or_default(),
            })
            .map_err(|e| TestCaseError::fail(format!("{format} {}: {e}", request.url)))?;
            expected.customer_id = Some(path_variable_as_bound(&id));
            prop_assert_eq!(
                json::to_string(&bound).unwrap(),
                json::to_string(&expected).unwrap(),
                "{} {}", format, request.url
            );
        }
    }

    #[test]
    fn binding_the_request_a_new_customer_makes_gives_it_back_in_every_format(
        x in strategies::new_customer(SMALL),
    ) {
        for format in Format::ALL {
            let Expected::Value(expected) = normalize_for(format, &x) else { continue };
            let request = http::request(&x, format).unwrap();
            prop_assert_eq!(request.url.as_str(), "/customers");
            let bound: NewCustomer = http::bind(&Incoming {
                method: request.method,
                url: &request.url,
                content_type: request.content_type,
                body: request.body.as_deref().unwrap_or_default(),
            })
            .map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
            prop_assert_eq!(
                json::to_string(&bound).unwrap(),
                json::to_string(&expected).unwrap(),
                "{}", format
            );
        }
    }
}
