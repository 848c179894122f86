//! The .NET Framework prints `double.MaxValue` as `1.79769313486232E+308`
//! (15 digits), a number above the largest double that serde_json refuses
//! ("number out of range") while every other format of this crate reads it
//! as `MaxValue`, as the Framework's own writer means it. For owned values
//! (the tool, [`convert::decode`](crate::convert::decode)) a failed decode
//! is retried once on a copy where each such number token is respelled as
//! `17976931348623157e292`: the same length (so error positions stay
//! true) and exactly `f64::MAX`. Text inside strings is left alone.

/// The Framework's spelling of `double.MaxValue`.
const FRAMEWORK_MAX: &[u8] = b"1.79769313486232E+308";
/// `f64::MAX` exactly, in as many bytes.
const EXACT_MAX: &[u8] = b"17976931348623157e292";

/// `json` with every Framework `MaxValue` number token respelled, or `None`
/// when it holds none (outside strings).
pub(super) fn respelled(json: &[u8]) -> Option<Vec<u8>> {
    const _: () = assert!(FRAMEWORK_MAX.len() == EXACT_MAX.len());
    let mut out: Option<Vec<u8>> = None;
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    while i < json.len() {
        let b = json[i];
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if json[i..].starts_with(FRAMEWORK_MAX)
            && (i == 0
                || matches!(
                    json[i - 1],
                    b'-' | b':' | b',' | b'[' | b' ' | b'\t' | b'\n' | b'\r'
                ))
            && json.get(i + FRAMEWORK_MAX.len()).is_none_or(|&next| {
                matches!(next, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            })
        {
            let copy = out.get_or_insert_with(|| json.to_vec());
            copy[i..i + EXACT_MAX.len()].copy_from_slice(EXACT_MAX);
            i += FRAMEWORK_MAX.len();
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_spelling_is_f64_max() {
        let text = std::str::from_utf8(EXACT_MAX).unwrap();
        assert_eq!(text.parse::<f64>().unwrap(), f64::MAX);
        assert!(std::str::from_utf8(FRAMEWORK_MAX)
            .unwrap()
            .parse::<f64>()
            .unwrap()
            .is_infinite());
    }

    #[test]
    fn only_number_tokens_are_respelled() {
        let json = br#"{"a":1.79769313486232E+308,"b":[-1.79769313486232E+308],"s":"1.79769313486232E+308","c":11.79769313486232E+308,"d":1.79769313486232E+3080}"#;
        let out = respelled(json).unwrap();
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            r#"{"a":17976931348623157e292,"b":[-17976931348623157e292],"s":"1.79769313486232E+308","c":11.79769313486232E+308,"d":1.79769313486232E+3080}"#
        );
        assert_eq!(respelled(br#"{"s":"a\"1.79769313486232E+308"}"#), None);
        assert_eq!(respelled(b"[1.5]"), None);
    }
}
