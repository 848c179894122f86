//! Splitting a `{key:…,value:…}` cell of the dictionary shape into the JSV
//! texts of its key and value.
//!
//! serde asks for a map's key and value in two separate calls, each with its
//! own seed, so the two parts must be found before either is decoded. Finding
//! them needs only the extent of a JSV value (quotes and brackets); the parts
//! themselves go through the JSV decoder. The scan is a loop with a counter,
//! so nesting of any depth cannot overflow the stack here.

use crate::error::excerpt;

/// The JSV texts of an entry's key and value (`None`: the value is null,
/// which ServiceStack writes by leaving `value` out).
pub(crate) fn split_entry(cell: &str) -> Result<(&str, Option<&str>), String> {
    let b = cell.as_bytes();
    if b.len() < 2 || b[0] != b'{' || b[b.len() - 1] != b'}' {
        return Err("expected a `{key:…,value:…}` cell".into());
    }
    let close = b.len() - 1;
    let (mut key, mut value) = (None, None);
    let mut i = 1;
    while i < close {
        let colon = b[i..close]
            .iter()
            .position(|&c| c == b':')
            .map(|p| i + p)
            .ok_or_else(|| format!("expected `name:` at offset {i} of the cell"))?;
        let name = &cell[i..colon];
        let end = value_end(b, colon + 1)?;
        let text = &cell[colon + 1..end];
        let slot = if name.eq_ignore_ascii_case("key") {
            &mut key
        } else if name.eq_ignore_ascii_case("value") {
            &mut value
        } else {
            return Err(format!(
                "unexpected member {}: a dictionary cell has only key and value",
                excerpt(name)
            ));
        };
        if slot.replace(text).is_some() {
            return Err(format!(
                "duplicate member {} in a dictionary cell",
                excerpt(name)
            ));
        }
        match b.get(end) {
            Some(b',') if end < close => i = end + 1,
            _ if end == close => break,
            _ => return Err(format!("expected `,` or `}}` at offset {end} of the cell")),
        }
    }
    let key = key.ok_or("a dictionary cell without a key")?;
    Ok((key, value))
}

/// The index just past the JSV value starting at `start`.
fn value_end(b: &[u8], start: usize) -> Result<usize, String> {
    let mut i = start;
    match b.get(i) {
        Some(b'"') => skip_quoted(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            loop {
                match b.get(i) {
                    None => return Err("unbalanced brackets in the cell".into()),
                    Some(b'"') => {
                        i = skip_quoted(b, i)?;
                        continue;
                    }
                    Some(b'{' | b'[') => depth += 1,
                    Some(b'}' | b']') => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(i + 1);
                        }
                    }
                    Some(_) => {}
                }
                i += 1;
            }
        }
        _ => {
            while i < b.len() && b[i] != b',' && b[i] != b'}' {
                i += 1;
            }
            Ok(i)
        }
    }
}

/// The index just past the quoted JSV string starting at `start` (`"` doubled
/// inside).
fn skip_quoted(b: &[u8], start: usize) -> Result<usize, String> {
    let mut i = start + 1;
    loop {
        match b.get(i) {
            None => {
                return Err(format!(
                    "unterminated quoted string at offset {start} of the cell"
                ))
            }
            Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
            Some(b'"') => return Ok(i + 1),
            Some(_) => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_entry;

    #[test]
    fn splits_key_and_value() {
        // Cells from hand-mapkeys-struct and hand-struct-null-value, after CSV unquoting.
        assert_eq!(
            split_entry("{key:a b,value:{stringValue:v0}}"),
            Ok(("a b", Some("{stringValue:v0}")))
        );
        assert_eq!(
            split_entry(r#"{key:"""q""",value:{stringValue:v5}}"#),
            Ok((r#""""q""""#, Some("{stringValue:v5}")))
        );
        assert_eq!(
            split_entry(r#"{key:"",value:{stringValue:v6}}"#),
            Ok((r#""""#, Some("{stringValue:v6}")))
        );
        assert_eq!(split_entry("{key:k}"), Ok(("k", None)));
        assert_eq!(
            split_entry(r#"{key:x,value:{listValue:[{"a}":{stringValue:"]"}}]}}"#),
            Ok(("x", Some(r#"{listValue:[{"a}":{stringValue:"]"}}]}"#)))
        );
    }

    #[test]
    fn rejects_malformed_cells() {
        assert!(split_entry("key:k").is_err());
        assert!(split_entry("{value:{}}").is_err());
        assert!(split_entry("{key:k,value:{a:[}}").is_err());
        assert!(split_entry("{key:\"k,value:x}").is_err());
        assert!(split_entry("{key:k,key:j}").is_err());
        assert!(split_entry("{key:k,other:1}").is_err());
    }
}
