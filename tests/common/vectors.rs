//! Walking tests/vectors (and tests/vectors-http, same layout for its
//! error bodies): the ground-truth cases and a byte diff.

use std::path::{Path, PathBuf};

/// One vector case folder.
pub struct Case {
    pub id: String,
    pub dir: PathBuf,
    pub type_name: String,
    pub notes: String,
}

impl Case {
    pub fn file(&self, name: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.join(name)).ok()
    }

    /// The case prints differently on the .NET Framework and .NET Core.
    pub fn runtime_sensitive(&self) -> bool {
        self.notes.contains("runtime-sensitive")
    }

    /// A double was printed with 15 digits or -0 as 0: the text lost
    /// information, so only the Framework style reproduces it.
    pub fn lossy_double(&self) -> bool {
        self.notes.contains("runtime-sensitive: a double")
            || self.notes.contains("-0.0 is written as 0")
    }

    /// CR in a string was rewritten as LF in XML text.
    pub fn cr_in_xml(&self) -> bool {
        self.notes.contains("NewLineHandling")
    }

    /// The XML writer's own flaw, not to be copied.
    pub fn xml_quirk(&self) -> bool {
        self.notes.contains("runtime-quirk")
    }
}

pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("vectors")
}

pub fn http_vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("vectors-http")
}

/// Every case, sorted by id; panics if the folder is missing or empty so a
/// broken checkout cannot pass silently.
pub fn cases() -> Vec<Case> {
    let cases = cases_in(&vectors_dir());
    assert!(
        cases.len() > 100,
        "expected the vector cases in {}",
        vectors_dir().display()
    );
    cases
}

/// The error-body cases of tests/vectors-http (`err-*`, `ErrorResponse`;
/// `rs-*`, a bare `ResponseStatus`), which have the layout of
/// tests/vectors; panics when there are none.
pub fn error_body_cases() -> Vec<Case> {
    let cases: Vec<Case> = cases_in(&http_vectors_dir())
        .into_iter()
        .filter(|c| c.id.starts_with("err-") || c.id.starts_with("rs-"))
        .collect();
    assert!(
        cases.len() >= 13,
        "expected the error-body cases in {}",
        http_vectors_dir().display()
    );
    cases
}

/// Every case folder (one with a meta.json) in `dir`, sorted by id.
pub fn cases_in(dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for entry in
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{} cannot be read: {e}", dir.display()))
    {
        let path = entry.unwrap().path();
        let meta = path.join("meta.json");
        if !meta.is_file() {
            continue;
        }
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&meta).unwrap()).unwrap();
        let notes = meta["notes"]
            .as_array()
            .map(|n| {
                n.iter()
                    .filter_map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        cases.push(Case {
            id: path.file_name().unwrap().to_string_lossy().into_owned(),
            type_name: meta["type"].as_str().unwrap().to_owned(),
            dir: path,
            notes,
        });
    }
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    cases
}

/// Shows where two byte strings first differ.
pub fn diff(want: &[u8], got: &[u8]) -> String {
    let i = want.iter().zip(got).take_while(|(a, b)| a == b).count();
    let lo = i.saturating_sub(60);
    format!(
        "first difference at byte {i} (want {} bytes, got {})\n  want: {}\n  got:  {}",
        want.len(),
        got.len(),
        String::from_utf8_lossy(&want[lo..(i + 60).min(want.len())]),
        String::from_utf8_lossy(&got[lo..(i + 60).min(got.len())]),
    )
}
