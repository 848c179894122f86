//! A request's parameters as the host hands them to ServiceStack: the query
//! string (and a form body) split into names and values, percent-decoded,
//! and the request path decoded, as ASP.NET Core and Kestrel do it.
//!
//! This is the layer before ServiceStack's binder: its rules are the host's
//! (`QueryHelpers.ParseNullableQuery`, `StringValues`, Kestrel's path
//! decoding), which ServiceStack's own tests model; see
//! `vectors-http/README.md`.

/// Name–value pairs in first-seen order: names compared without regard to
/// letter case (the first spelling kept), repeated values joined with `,`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// The parameters of a query string (without its `?`) or of an
    /// `application/x-www-form-urlencoded` body, as ASP.NET Core reads them:
    /// split at `&`, the first `=` splitting name from value, white space
    /// at the start of a name dropped, `+` read as a space and then
    /// percent-escapes decoded (an invalid one is kept as written); a part
    /// without `=` is a name, kept as written, with an empty value.
    /// Repeated names (in any letter case) join their non-empty values with
    /// `,`.
    ///
    /// ```
    /// use evovoice_codec::http::Params;
    ///
    /// let params = Params::parse("tagIds=a&TagIds=b&name=Acme+%26+Co&flag&page=");
    /// assert_eq!(params.get("tagids"), Some("a,b"));
    /// assert_eq!(params.get("name"), Some("Acme & Co"));
    /// assert_eq!(params.get("flag"), Some(""));
    /// assert_eq!(params.get("page"), Some(""));
    /// ```
    pub fn parse(query: &str) -> Params {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = match part.split_once('=') {
                Some((name, value)) => (
                    unescape_form(name.trim_start_matches(char::is_whitespace)),
                    unescape_form(value),
                ),
                None => (part.to_owned(), String::new()),
            };
            match groups
                .iter_mut()
                .find(|(n, _)| n.to_lowercase() == name.to_lowercase())
            {
                Some((_, values)) => values.push(value),
                None => groups.push((name, vec![value])),
            }
        }
        Params(
            groups
                .into_iter()
                .map(|(name, values)| {
                    let joined = if values.len() == 1 {
                        values.into_iter().next().unwrap_or_default()
                    } else {
                        values
                            .into_iter()
                            .filter(|v| !v.is_empty())
                            .collect::<Vec<_>>()
                            .join(",")
                    };
                    (name, joined)
                })
                .collect(),
        )
    }

    /// The value of `name`, in any letter case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.to_lowercase() == name.to_lowercase())
            .map(|(_, v)| v.as_str())
    }
}

/// `+` as a space, then percent-escapes decoded.
fn unescape_form(text: &str) -> String {
    unescape(&text.replace('+', " "), false)
}

/// The request path as ServiceStack sees it behind Kestrel: percent-escapes
/// decoded except `%2F` (in any case), then, as ServiceStack's request
/// wrapper does, `+` read as a space and a lowercase `%2f` as `/`.
pub(crate) fn decode_path(path: &str) -> String {
    unescape(path, true).replace('+', " ").replace("%2f", "/")
}

/// .NET's `Uri.UnescapeDataString`: every `%XX` decoded, runs of them read
/// as UTF-8; a byte that starts no valid UTF-8 character, a `%` not
/// followed by two hex digits, and (with `keep_slash`) `%2F` stay as
/// written.
fn unescape(text: &str, keep_slash: bool) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        // A run of escapes, decoded together so that multi-byte characters
        // come out whole.
        let mut run: Vec<u8> = Vec::new();
        let mut j = i;
        while let Some(byte) = escaped_byte(bytes, j) {
            if keep_slash && byte == b'/' {
                break;
            }
            run.push(byte);
            j += 3;
        }
        if run.is_empty() {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let mut k = 0;
        while k < run.len() {
            match utf8_char_at(&run[k..]) {
                Some((c, len)) => {
                    out.push(c);
                    k += len;
                }
                None => {
                    // Kept as written: the three characters of its escape.
                    out.push_str(&text[i + 3 * k..i + 3 * k + 3]);
                    k += 1;
                }
            }
        }
        i = j;
    }
    out
}

/// The byte `%XX` at `at` stands for, if it is one.
fn escaped_byte(bytes: &[u8], at: usize) -> Option<u8> {
    if bytes.get(at) != Some(&b'%') {
        return None;
    }
    let hex = |b: u8| (b as char).to_digit(16);
    let high = hex(*bytes.get(at + 1)?)?;
    let low = hex(*bytes.get(at + 2)?)?;
    Some((high * 16 + low) as u8)
}

/// The UTF-8 character at the start of `bytes` and its length, if one is
/// there whole.
fn utf8_char_at(bytes: &[u8]) -> Option<(char, usize)> {
    let len = match bytes.first()? {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(bytes.get(..len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescaping_keeps_what_does_not_decode() {
        assert_eq!(unescape("100%25%20%zz%E9%", false), "100% %zz%E9%");
        assert_eq!(unescape("caf%C3%A9%20%F0%9F%98%80", false), "café 😀");
        assert_eq!(unescape("%u00e9", false), "%u00e9");
        assert_eq!(unescape("a%2Fb%2fc", true), "a%2Fb%2fc");
        assert_eq!(unescape("a%2Fb", false), "a/b");
    }

    #[test]
    fn paths_decode_as_behind_kestrel() {
        assert_eq!(
            decode_path("/customers/a%20b%2Fc%3Fd%23e%25f%26g%3Dh%2Bi"),
            "/customers/a b%2Fc?d#e%f&g=h i"
        );
        assert_eq!(decode_path("/customers/a%2fb"), "/customers/a/b");
    }

    #[test]
    fn queries_split_as_asp_net_core_splits_them() {
        let p = Params::parse("%70age=4&name%46ilter=x&  lead=1&=v&bare&a=&a=x&b=1&B=&b=2");
        assert_eq!(
            p.0,
            [
                ("page".into(), "4".into()),
                ("nameFilter".into(), "x".into()),
                ("lead".into(), "1".into()),
                (String::new(), "v".into()),
                ("bare".into(), String::new()),
                ("a".into(), "x".into()),
                ("b".into(), "1,2".into()),
            ]
        );
        assert_eq!(Params::parse("nameFilter=a+b%20c%2Bd").0[0].1, "a b c+d");
        assert_eq!(Params::parse("").0, []);
    }
}
