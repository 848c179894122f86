//! The HTTP vectors (`tests/vectors-http/`, copied from
//! `../shared/vectors-http/`): the URL ServiceStack's C# client builds for
//! each request DTO (`client-*`), and the DTO or the error body a
//! ServiceStack server binds from each request (`srv-*`), byte for byte,
//! through the library (`.ci/run` checks the tool the same way).

use std::path::{Path, PathBuf};

use evovoice_codec::http::{self, Incoming, Method};
use evovoice_codec::{DecodeOptions, DotNetStyle, EncodeOptions, Format};

/// Cases this crate binds differently from ServiceStack, on purpose, each
/// with its reason. The test fails when one of them starts to match, so the
/// list stays true.
const KNOWN_DIFFERENT: &[(&str, &str)] = &[(
    "srv-hand-enum-number-out-of-range",
    "an enum given a number no member has (`sortOrder=7`): ServiceStack keeps the undefined \
     value; a Rust enum cannot hold it, so it is a binding error here",
)];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors-http")
}

struct Case {
    id: String,
    dir: PathBuf,
    meta: serde_json::Value,
}

impl Case {
    fn file(&self, name: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.join(name)).ok()
    }
}

fn cases(prefix: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = std::fs::read_dir(dir())
        .expect("tests/vectors-http exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .map(|dir| Case {
            id: dir.file_name().unwrap().to_str().unwrap().to_owned(),
            meta: serde_json::from_slice(&std::fs::read(dir.join("meta.json")).unwrap()).unwrap(),
            dir,
        })
        .collect();
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(cases.len() > 20, "only {} {prefix} cases", cases.len());
    cases
}

fn framework() -> EncodeOptions {
    EncodeOptions::new().dotnet(DotNetStyle::Framework)
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn client_urls_are_byte_exact() {
    let mut failures = Vec::new();
    let cases = cases("client-");
    for case in &cases {
        let type_name = case.meta["type"].as_str().unwrap();
        let input = case.file("servicestack.json").unwrap();
        let got = http::url_of_named(
            type_name,
            Format::Json,
            &input,
            &DecodeOptions::new(),
            &framework(),
        );
        match (case.file("client-error.txt"), got) {
            (Some(_), Err(_)) => {}
            (Some(_), Ok(url)) => failures.push(format!("{}: no route fits, got {url}", case.id)),
            (None, Ok(url)) if url.as_bytes() == case.file("client.url").unwrap() => {}
            (None, got) => failures.push(format!(
                "{}: want {}, got {got:?}",
                case.id,
                show(&case.file("client.url").unwrap())
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn server_binding_is_byte_exact() {
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let cases = cases("srv-");
    for case in &cases {
        let notes = case.meta["notes"].to_string();
        if notes.contains("runtime-sensitive:") {
            continue;
        }
        let request: serde_json::Value =
            serde_json::from_slice(&case.file("request.json").unwrap()).unwrap();
        let query = case.file("request.querystring").unwrap_or_default();
        let mut url = request["path"].as_str().unwrap().to_owned();
        if !query.is_empty() {
            url.push('?');
            url.push_str(std::str::from_utf8(&query).unwrap());
        }
        let method: Method = request["method"].as_str().unwrap().parse().unwrap();
        let content_type = request["contentType"].as_str().filter(|c| !c.is_empty());
        let body = case.file("request.body").unwrap_or_default();
        let incoming = Incoming {
            method,
            url: &url,
            content_type: content_type.filter(|_| !body.is_empty()),
            body: &body,
        };
        let got = http::bind_named(
            case.meta["type"].as_str().unwrap(),
            &incoming,
            &DecodeOptions::new(),
            Format::Json,
            &framework(),
        )
        .unwrap()
        .map_err(|e| {
            assert_eq!(e.status, 400, "{}", case.id);
            http::error_body(&e, Format::Json, &framework()).unwrap()
        });
        let (want, got) = match case.file("error.servicestack.json") {
            Some(want) => (Err(want), got),
            None => (Ok(case.file("parsed.json").unwrap()), got),
        };
        let matched = want == got;
        if let Some((_, why)) = KNOWN_DIFFERENT.iter().find(|(id, _)| *id == case.id) {
            assert!(
                !matched,
                "{} now matches ServiceStack: take it off KNOWN_DIFFERENT ({why})",
                case.id
            );
            known.push(&case.id);
        } else if !matched {
            let text = |r: &Result<Vec<u8>, Vec<u8>>| match r {
                Ok(b) => format!("bound {}", show(b)),
                Err(b) => format!("error {}", show(b)),
            };
            failures.push(format!(
                "{}:\n  want {}\n  got  {}",
                case.id,
                text(&want),
                text(&got)
            ));
        }
    }
    assert_eq!(
        known.len(),
        KNOWN_DIFFERENT.len(),
        "a known case is missing"
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
