//! The pretty layout against the four JSV bodies of the API reference pages
//! (tests/fixtures/jsv, cut from seed pages 001 and 004 by extract.py): each
//! decodes, and encoding it pretty gives the page's text back. Three bodies
//! come from an older server whose AppSettings lacked `EnableAssistants`;
//! there the only difference allowed is the `enableAssistants: False,` line
//! our model adds.

use std::fs;
use std::path::Path;

use evovoice_codec::jsv;
use evovoice_codec::model::{CustomerInfo, NewCustomer, PatchCustomer};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jsv")
        .join(name);
    fs::read_to_string(path).unwrap()
}

fn pretty_again<T: DeserializeOwned + Serialize>(page: &str) -> String {
    let value: T = jsv::from_str(page).unwrap();
    let pretty = jsv::to_string_pretty(&value).unwrap();
    // The compact form must read back to the same value too.
    let compact = jsv::to_string(&value).unwrap();
    let again: T = jsv::from_str(&compact).unwrap();
    assert_eq!(jsv::to_string_pretty(&again).unwrap(), pretty);
    pretty
}

/// The page text with the line our newer model adds, at the indentation
/// of its neighbours, after `enableCallHistory`.
fn with_enable_assistants(page: &str) -> String {
    let mut out = Vec::new();
    let mut added = 0;
    for line in page.split('\n') {
        out.push(line.to_owned());
        if line.trim_start() == "enableCallHistory: False," {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push(format!("{indent}enableAssistants: False,"));
            added += 1;
        }
    }
    assert!(added > 0, "the page has an appSettings block");
    out.join("\n")
}

#[test]
fn newcustomer_request_page_is_reproduced_exactly() {
    let page = fixture("001_newcustomer_request.jsv");
    assert_eq!(pretty_again::<NewCustomer>(&page), page);
}

#[test]
fn older_pages_differ_only_by_enable_assistants() {
    for name in [
        "001_customerinfo_response.jsv",
        "004_customerinfo_response.jsv",
    ] {
        let page = fixture(name);
        assert_eq!(
            pretty_again::<CustomerInfo>(&page),
            with_enable_assistants(&page),
            "{name}"
        );
    }
    let page = fixture("004_patchcustomer_request.jsv");
    assert_eq!(
        pretty_again::<PatchCustomer>(&page),
        with_enable_assistants(&page)
    );
}

#[test]
fn the_page_values_are_what_they_show() {
    let customer: CustomerInfo = jsv::from_str(&fixture("001_customerinfo_response.jsv")).unwrap();
    assert_eq!(customer.name.as_deref(), Some("String"));
    let rules = customer.schedule.as_ref().unwrap().rules.as_ref().unwrap();
    assert_eq!(rules[0].by_hour, Some(vec![0]));
    let data = customer.data.as_ref().unwrap();
    let list = data.get("String").unwrap().as_list().unwrap();
    let inner = list[0].as_ref().unwrap().get("String").unwrap();
    assert_eq!(
        inner.as_list().unwrap()[0]
            .as_ref()
            .unwrap()
            .get("String")
            .unwrap()
            .as_list(),
        Some(&[None][..])
    );
}

#[test]
fn the_layout_reads_back_to_the_same_value() {
    use evovoice_codec::model::{Struct, Value};
    // The layout's whitespace is trimmed on reading, so bare strings with
    // whitespace at an edge are quoted in it.
    let data = Struct::new()
        .with(" lead", "trail ")
        .with(
            "a b",
            Value::list([None, Some(Struct::new().with("\tt", "x\ty"))]),
        )
        .with("q", "say \"hi\", {ok}");
    let pretty = jsv::to_string_pretty(&data).unwrap();
    assert!(pretty.contains("\t\" lead\": \n"), "{pretty}");
    assert!(pretty.contains("stringValue: \"trail \"\n"), "{pretty}");
    let back: Struct = jsv::from_str(&pretty).unwrap();
    assert_eq!(back, data);
}
