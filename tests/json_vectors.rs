//! Every vector's JSON: decoding ServiceStack's output and encoding it again
//! gives the same bytes, and the instance in input.json encodes to it.

mod common;

use evovoice_codec::{convert, DecodeOptions, DotNetStyle, EncodeOptions, Format};

fn run(case: &common::Case, file: &str, style: DotNetStyle) -> Result<Vec<u8>, String> {
    let input = case
        .file(file)
        .ok_or_else(|| format!("{} has no {file}", case.id))?;
    convert::convert(
        &case.type_name,
        Format::Json,
        Format::Json,
        &input,
        &DecodeOptions::default(),
        &EncodeOptions::new().dotnet(style),
    )
    .map_err(|e| format!("{}: {e}", case.id))
}

#[test]
fn servicestack_json_reencodes_byte_for_byte() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in common::cases() {
        let Some(want) = case.file("servicestack.json") else {
            continue;
        };
        let mut styles = vec![DotNetStyle::Framework];
        if !case.runtime_sensitive() {
            styles.push(DotNetStyle::Core);
        }
        for style in styles {
            checked += 1;
            match run(&case, "servicestack.json", style) {
                Ok(got) if got == want => {}
                Ok(got) => failures.push(format!(
                    "{} {style:?}: {}",
                    case.id,
                    common::diff(&want, &got)
                )),
                Err(e) => failures.push(e),
            }
        }
    }
    assert!(checked > 300, "only {checked} comparisons");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn input_instance_encodes_to_servicestack_json() {
    let mut failures = Vec::new();
    for case in common::cases() {
        let Some(want) = case.file("servicestack.json") else {
            continue;
        };
        // The Framework style is the one that wrote the vectors.
        match run(&case, "input.json", DotNetStyle::Framework) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!("{}: {}", case.id, common::diff(&want, &got))),
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
