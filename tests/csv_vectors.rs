//! Every public vector with CSV: `servicestack.csv` (and, for
//! `ListResponse<CustomerInfo>`, `servicestack.dto.csv`) decodes and encodes
//! back to the same bytes, and JSON and JSV convert to the CSV file, in the
//! Framework number style (what wrote them) and, where the case is not
//! runtime-sensitive, in the Core style too — the pairs check-vectors runs.

mod common;

use std::fs;
use std::path::PathBuf;

use evovoice_codec::model::*;
use evovoice_codec::{csv, json, jsv, DecodeOptions, DotNetStyle, EncodeOptions, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;

struct Case {
    dir: PathBuf,
    name: String,
    kind: String,
    sensitive: bool,
    /// A dictionary value in the instance is null: JSON and JSV leave such
    /// entries out, CSV keeps them (`{key:k}`), so JSON/JSV -> CSV cannot
    /// give the CSV file.
    null_entry: bool,
}

/// Every case, with what CSV needs to know about it.
fn cases() -> Vec<Case> {
    common::cases()
        .into_iter()
        .map(|c| {
            let input: serde_json::Value =
                serde_json::from_slice(&c.file("input.json").unwrap()).unwrap();
            let null_entry =
                c.type_name == "Struct" && input.as_object().unwrap().values().any(|v| v.is_null());
            Case {
                sensitive: c.runtime_sensitive(),
                name: c.id,
                kind: c.type_name,
                dir: c.dir,
                null_entry,
            }
        })
        .collect()
}

fn styles(case: &Case) -> Vec<DotNetStyle> {
    if case.sensitive {
        vec![DotNetStyle::Framework]
    } else {
        vec![DotNetStyle::Framework, DotNetStyle::Core]
    }
}

fn compare(failures: &mut Vec<String>, what: String, got: Result<Vec<u8>, Error>, want: &[u8]) {
    match got {
        Ok(got) if got == want => {}
        Ok(got) => failures.push(format!(
            "{what}:\n  want {:?}\n  got  {:?}",
            String::from_utf8_lossy(want),
            String::from_utf8_lossy(&got)
        )),
        Err(e) => failures.push(format!("{what}: {e}")),
    }
}

/// CSV file `file` of `case` decodes as `T` and encodes back to itself.
fn csv_round_trip<T: DeserializeOwned + Serialize + Describe>(
    case: &Case,
    file: &str,
    failures: &mut Vec<String>,
) -> bool {
    let Ok(bytes) = fs::read(case.dir.join(file)) else {
        return false;
    };
    for style in styles(case) {
        let enc = EncodeOptions::new().dotnet(style);
        let got = csv::from_slice_with::<T>(&bytes, &DecodeOptions::new())
            .and_then(|v| csv::to_vec_typed(&v, &enc));
        compare(
            failures,
            format!("{} {file} csv->csv {style:?}", case.name),
            got,
            &bytes,
        );
    }
    true
}

/// JSON and JSV of `case` decode as `T` and encode to CSV file `file`.
fn to_csv<T: DeserializeOwned + Serialize + Describe>(
    case: &Case,
    file: &str,
    failures: &mut Vec<String>,
) -> usize {
    let Ok(want) = fs::read(case.dir.join(file)) else {
        return 0;
    };
    if case.null_entry {
        return 0;
    }
    let mut checked = 0;
    for style in styles(case) {
        let enc = EncodeOptions::new().dotnet(style);
        if let Ok(src) = fs::read(case.dir.join("servicestack.json")) {
            let got = json::from_slice::<T>(&src).and_then(|v| csv::to_vec_typed(&v, &enc));
            compare(
                failures,
                format!("{} json->csv {style:?}", case.name),
                got,
                &want,
            );
            checked += 1;
        }
        if let Ok(src) = fs::read(case.dir.join("servicestack.jsv")) {
            let got = jsv::from_slice::<T>(&src).and_then(|v| csv::to_vec_typed(&v, &enc));
            compare(
                failures,
                format!("{} jsv->csv {style:?}", case.name),
                got,
                &want,
            );
            checked += 1;
        }
    }
    checked
}

fn check<T: DeserializeOwned + Serialize + Describe>(
    case: &Case,
    failures: &mut Vec<String>,
) -> (usize, usize) {
    let round = csv_round_trip::<T>(case, "servicestack.csv", failures) as usize;
    (round, to_csv::<T>(case, "servicestack.csv", failures))
}

#[test]
fn every_csv_vector_round_trips_and_converts() {
    let cases = cases();
    assert!(
        cases.len() >= 170,
        "expected the public vectors, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    let (mut round_trips, mut conversions) = (0, 0);
    for case in &cases {
        let (r, c) = match case.kind.as_str() {
            "CustomerInfo" => check::<CustomerInfo>(case, &mut failures),
            "NewCustomer" => check::<NewCustomer>(case, &mut failures),
            "PatchCustomer" => check::<PatchCustomer>(case, &mut failures),
            "ListCustomers" => check::<ListCustomers>(case, &mut failures),
            "AccountInfo" => check::<AccountInfo>(case, &mut failures),
            "Struct" => check::<Struct>(case, &mut failures),
            "Schedule" => check::<Schedule>(case, &mut failures),
            "ListResponse<CustomerInfo>" => {
                // servicestack.csv is the items list; servicestack.dto.csv
                // the whole response as one row.
                let list =
                    csv_round_trip::<Vec<CustomerInfo>>(case, "servicestack.csv", &mut failures);
                let dto = csv_round_trip::<ListResponse<CustomerInfo>>(
                    case,
                    "servicestack.dto.csv",
                    &mut failures,
                );
                let c = to_csv::<ListResponse<CustomerInfo>>(
                    case,
                    "servicestack.dto.csv",
                    &mut failures,
                );
                (list as usize + dto as usize, c)
            }
            other => {
                failures.push(format!("{}: unknown type {other}", case.name));
                (0, 0)
            }
        };
        round_trips += r;
        conversions += c;
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // 174 cases with CSV, 17 of them with both CSV files.
    assert!(round_trips >= 190, "only {round_trips} CSV files checked");
    assert!(conversions >= 500, "only {conversions} conversions checked");
}

#[test]
fn list_response_items_match_the_list_csv() {
    // The two CSV files of a ListResponse case hold the same items: read
    // through either shape they must agree.
    let mut compared = 0;
    for case in cases()
        .iter()
        .filter(|c| c.kind == "ListResponse<CustomerInfo>")
    {
        let (Ok(list), Ok(dto)) = (
            fs::read(case.dir.join("servicestack.csv")),
            fs::read(case.dir.join("servicestack.dto.csv")),
        ) else {
            continue;
        };
        let list: Vec<CustomerInfo> = csv::from_slice(&list).unwrap();
        let dto: ListResponse<CustomerInfo> = csv::from_slice(&dto).unwrap();
        let mut items = dto.items.unwrap_or_default();
        // JSV keeps "" where CSV cannot: compare through CSV's eyes.
        for item in &mut items {
            for s in [
                &mut item.account_id,
                &mut item.parent_customer_id,
                &mut item.account_name,
                &mut item.name,
                &mut item.reference_id,
                &mut item.entity.id,
                &mut item.entity.date_created,
                &mut item.entity.date_last_modified,
                &mut item.entity.created_by,
                &mut item.entity.last_modified_by,
            ] {
                if s.as_deref() == Some("") {
                    *s = None;
                }
            }
        }
        assert_eq!(list, items, "{}", case.name);
        compared += 1;
    }
    assert!(compared >= 15, "only {compared} cases compared");
}

/// CSV decodes to the same instance as JSON does, wherever the instance has
/// no empty string (CSV reads "" back as null, the one loss) and no null
/// dictionary value (which JSON leaves out): compared through JSON.
fn csv_reads_like_json<T: DeserializeOwned + Serialize>(case: &Case) -> Option<Result<(), String>> {
    let json_bytes = fs::read(case.dir.join("servicestack.json")).ok()?;
    let csv_bytes = fs::read(case.dir.join("servicestack.csv")).ok()?;
    if case.null_entry || json_bytes.windows(2).any(|w| w == b"\"\"") {
        return None;
    }
    let framework = EncodeOptions::new().dotnet(DotNetStyle::Framework);
    let got = csv::from_slice::<T>(&csv_bytes).and_then(|v| json::to_vec_with(&v, &framework));
    Some(match got {
        Ok(got) if got == json_bytes => Ok(()),
        Ok(got) => Err(format!(
            "{}: csv->json\n  want {}\n  got  {}",
            case.name,
            String::from_utf8_lossy(&json_bytes),
            String::from_utf8_lossy(&got)
        )),
        Err(e) => Err(format!("{}: csv->json: {e}", case.name)),
    })
}

#[test]
fn csv_decodes_to_the_instance_json_holds() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in &cases() {
        let result = match case.kind.as_str() {
            "CustomerInfo" => csv_reads_like_json::<CustomerInfo>(case),
            "NewCustomer" => csv_reads_like_json::<NewCustomer>(case),
            "PatchCustomer" => csv_reads_like_json::<PatchCustomer>(case),
            "ListCustomers" => csv_reads_like_json::<ListCustomers>(case),
            "AccountInfo" => csv_reads_like_json::<AccountInfo>(case),
            "Struct" => csv_reads_like_json::<Struct>(case),
            "Schedule" => csv_reads_like_json::<Schedule>(case),
            _ => None,
        };
        match result {
            Some(Ok(())) => compared += 1,
            Some(Err(e)) => failures.push(e),
            None => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(compared >= 100, "only {compared} cases compared");
}
