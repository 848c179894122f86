//! Every error-body case of tests/vectors-http (`err-*`: `ErrorResponse`,
//! `rs-*`: a bare `ResponseStatus`), copied from ../shared/vectors-http:
//! each source file ServiceStack wrote (JSON, JSV, DataContract XML)
//! decodes and encodes to every format's expected bytes, CSV decodes and
//! re-encodes to itself, and the instance in input.json encodes to the
//! JSON. The same pairs `check-vectors` checks (see its `plan()`), in both
//! number styles where the case allows.

mod common;

use common::Case;
use evovoice_codec::model::{ErrorResponse, ResponseStatus};
use evovoice_codec::{convert, DecodeOptions, DotNetStyle, EncodeOptions, Format};

const FORMATS: [(Format, &str); 4] = [
    (Format::Json, "servicestack.json"),
    (Format::Jsv, "servicestack.jsv"),
    (Format::Xml, "datacontract.xml"),
    (Format::Csv, "servicestack.csv"),
];

/// Pairs whose source text lacks what the target needs: ServiceStack's
/// JSON and JSV write a null item of `errors` as `{}`, which reads back as
/// an empty error, while DataContractSerializer writes the null as
/// `<ResponseError i:nil="true" />`. Also listed in .ci/vector-exceptions.
const NULL_ITEM_LOST: &[(&str, Format, Format)] = &[
    ("err-null-error-item", Format::Json, Format::Xml),
    ("err-null-error-item", Format::Jsv, Format::Xml),
];

fn styles(case: &Case) -> Vec<DotNetStyle> {
    if case.runtime_sensitive() {
        vec![DotNetStyle::Framework]
    } else {
        vec![DotNetStyle::Framework, DotNetStyle::Core]
    }
}

fn convert(
    case: &Case,
    from: Format,
    to: Format,
    input: &[u8],
    style: DotNetStyle,
) -> Result<Vec<u8>, String> {
    convert::convert(
        &case.type_name,
        from,
        to,
        input,
        &DecodeOptions::default(),
        &EncodeOptions::new().dotnet(style),
    )
    .map_err(|e| format!("{} {from}->{to} ({style:?}): {e}", case.id))
}

fn compare(failures: &mut Vec<String>, label: String, want: &[u8], got: Result<Vec<u8>, String>) {
    match got {
        Ok(got) if got == want => {}
        Ok(got) => failures.push(format!("{label}: {}", common::diff(want, &got))),
        Err(e) => failures.push(e),
    }
}

fn report(failures: Vec<String>, checked: usize, at_least: usize) {
    assert!(
        checked >= at_least,
        "only {checked} comparisons, expected at least {at_least}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_error_body_source_encodes_to_every_format_byte_for_byte() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in common::error_body_cases() {
        assert!(
            ["ErrorResponse", "ResponseStatus"].contains(&case.type_name.as_str()),
            "{}: unexpected type {}",
            case.id,
            case.type_name
        );
        for (from, source) in &FORMATS[..3] {
            let Some(input) = case.file(source) else {
                continue;
            };
            for (to, expected) in FORMATS {
                let Some(want) = case.file(expected) else {
                    continue;
                };
                let lost = NULL_ITEM_LOST.contains(&(case.id.as_str(), *from, to));
                if lost
                    || (to == Format::Xml && case.xml_quirk())
                    || (*from == Format::Xml && to != Format::Xml && case.cr_in_xml())
                {
                    continue;
                }
                for style in styles(&case) {
                    checked += 1;
                    let label = format!("{} {from}->{to} ({style:?})", case.id);
                    compare(
                        &mut failures,
                        label,
                        &want,
                        convert(&case, *from, to, &input, style),
                    );
                }
            }
        }
    }
    // 13 public cases: 11 with XML, 2 without.
    report(failures, checked, 250);
}

#[test]
fn every_error_body_csv_reencodes_byte_for_byte() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in common::error_body_cases() {
        let Some(csv) = case.file("servicestack.csv") else {
            continue;
        };
        for style in styles(&case) {
            checked += 1;
            let label = format!("{} csv->csv ({style:?})", case.id);
            compare(
                &mut failures,
                label,
                &csv,
                convert(&case, Format::Csv, Format::Csv, &csv, style),
            );
        }
    }
    report(failures, checked, 20);
}

#[test]
fn every_error_body_input_instance_encodes_to_the_json() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in common::error_body_cases() {
        let (Some(input), Some(want)) = (case.file("input.json"), case.file("servicestack.json"))
        else {
            continue;
        };
        checked += 1;
        compare(
            &mut failures,
            format!("{} input.json->json", case.id),
            &want,
            convert(
                &case,
                Format::Json,
                Format::Json,
                &input,
                DotNetStyle::Framework,
            ),
        );
    }
    report(failures, checked, 13);
}

/// Decodes `file` of `case` in `format`: the value's `Debug` text, which
/// compares values of either type.
fn decoded(case: &Case, file: &str, format: Format) -> String {
    let input = case.file(file).unwrap();
    let options = DecodeOptions::default();
    let value = match case.type_name.as_str() {
        "ErrorResponse" => {
            convert::decode::<ErrorResponse>(format, &input, &options).map(|v| format!("{v:?}"))
        }
        _ => convert::decode::<ResponseStatus>(format, &input, &options).map(|v| format!("{v:?}")),
    };
    value.unwrap_or_else(|e| panic!("{} {file}: {e}", case.id))
}

/// Where ServiceStack reads its own XML back as the instance it wrote
/// (`xml_reads_back_same_instance`), so does this crate: the value from
/// datacontract.xml is the one from input.json, null error items included.
/// JSON and JSV, which carry the same data, read as the same value.
#[test]
fn error_bodies_decode_to_the_instance_written() {
    let mut checked = 0;
    for case in common::error_body_cases() {
        let meta: serde_json::Value =
            serde_json::from_slice(&case.file("meta.json").unwrap()).unwrap();
        let instance = decoded(&case, "input.json", Format::Json);
        if meta["xml_reads_back_same_instance"] == true {
            checked += 1;
            assert_eq!(
                decoded(&case, "datacontract.xml", Format::Xml),
                instance,
                "{}: XML",
                case.id
            );
        }
        assert_eq!(
            decoded(&case, "servicestack.jsv", Format::Jsv),
            decoded(&case, "servicestack.json", Format::Json),
            "{}: JSV and JSON",
            case.id
        );
    }
    assert!(checked >= 9, "only {checked} XML cases read back");
}
