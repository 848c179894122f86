//! Every public vector with a `servicestack.jsv`: JSV decodes with the case's
//! type and encodes back to the same bytes, and JSON <-> JSV conversions
//! give the vector files, in the Framework number style (what wrote them)
//! and, where the case is not runtime-sensitive, in the Core style too.

mod common;

use std::fs;
use std::path::Path;

use common::Case;
use evovoice_codec::model::*;
use evovoice_codec::{json, jsv, DecodeOptions, DotNetStyle, EncodeOptions};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Returns the failures of one case for one type.
fn check<T: DeserializeOwned + Serialize>(case: &Case) -> Vec<String> {
    let jsv_bytes = case.file("servicestack.jsv").unwrap();
    let json_bytes = case.file("servicestack.json");
    let name = &case.id;
    let mut styles = vec![DotNetStyle::Framework];
    if !case.runtime_sensitive() {
        styles.push(DotNetStyle::Core);
    }
    let mut failures = Vec::new();
    let mut compare =
        |what: String, got: Result<Vec<u8>, evovoice_codec::Error>, want: &[u8]| match got {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!("{name} {what}: {}", common::diff(want, &got))),
            Err(e) => failures.push(format!("{name} {what}: {e}")),
        };
    for style in styles {
        let enc = EncodeOptions::new().dotnet(style);
        let dec = DecodeOptions::new();
        let from_jsv = jsv::from_slice_with::<T>(&jsv_bytes, &dec);
        compare(
            format!("jsv->jsv {style:?}"),
            from_jsv
                .as_ref()
                .map_err(clone_err)
                .and_then(|v| jsv::to_vec_with(v, &enc)),
            &jsv_bytes,
        );
        if let Some(json_bytes) = &json_bytes {
            compare(
                format!("jsv->json {style:?}"),
                from_jsv
                    .as_ref()
                    .map_err(clone_err)
                    .and_then(|v| json::to_vec_with(v, &enc)),
                json_bytes,
            );
            let from_json = json::from_slice_with::<T>(json_bytes, &dec);
            compare(
                format!("json->jsv {style:?}"),
                from_json.and_then(|v| jsv::to_vec_with(&v, &enc)),
                &jsv_bytes,
            );
        }
    }
    failures
}

fn clone_err(e: &evovoice_codec::Error) -> evovoice_codec::Error {
    evovoice_codec::Error::new(e.category(), e.to_string())
}

#[test]
fn every_jsv_vector_round_trips_and_converts() {
    let cases: Vec<Case> = common::cases()
        .into_iter()
        .filter(|c| c.dir.join("servicestack.jsv").is_file())
        .collect();
    assert!(
        cases.len() >= 170,
        "expected the public vectors, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        failures.extend(match case.type_name.as_str() {
            "CustomerInfo" => check::<CustomerInfo>(case),
            "NewCustomer" => check::<NewCustomer>(case),
            "PatchCustomer" => check::<PatchCustomer>(case),
            "ListCustomers" => check::<ListCustomers>(case),
            "ListResponse<CustomerInfo>" => check::<ListResponse<CustomerInfo>>(case),
            "AccountInfo" => check::<AccountInfo>(case),
            "Struct" => check::<Struct>(case),
            "Schedule" => check::<Schedule>(case),
            other => vec![format!("{}: unknown type {other}", case.dir.display())],
        });
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn jsv_reads_back_what_the_vectors_say_servicestack_reads() {
    // `listValue:[null]` is where ServiceStack loses data (it reads a null
    // list); we keep the null item, so the second write is the first.
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/hand-seed-sample-newcustomer-data/servicestack.jsv");
    let bytes = fs::read(case).unwrap();
    let value: NewCustomer = jsv::from_slice(&bytes).unwrap();
    let data = value.data.as_ref().unwrap();
    let list = data.get("String").unwrap().as_list().unwrap();
    assert_eq!(list.len(), 1);
    let inner = list[0].as_ref().unwrap().get("String").unwrap();
    let nested = inner.as_list().unwrap()[0].as_ref().unwrap();
    assert_eq!(nested.get("String").unwrap().as_list(), Some(&[None][..]));
}
