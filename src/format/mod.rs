//! The wire formats of a ServiceStack web service, and content negotiation
//! the way a ServiceStack host picks the format of its response.
//!
//! A ServiceStack service answers in one of several formats. This module
//! knows the four this crate speaks: [`Format::Json`], [`Format::Jsv`]
//! (ServiceStack's own JSON-like "JSON + CSV escaping" text format),
//! [`Format::Xml`] (`DataContractSerializer` XML) and [`Format::Csv`].
//!
//! ```
//! use evovoice_codec::Format;
//!
//! // A `.csv` suffix on the route wins over everything else...
//! assert_eq!(
//!     Format::negotiate("/customers.csv?format=xml", Some("application/json"), Format::Json),
//!     Format::Csv,
//! );
//! // ...then `?format=`...
//! assert_eq!(Format::negotiate("/customers?format=jsv", None, Format::Json), Format::Jsv);
//! // ...then the Accept header, then the default.
//! assert_eq!(
//!     Format::negotiate("/customers", Some("text/csv;q=0.5, application/xml"), Format::Json),
//!     Format::Xml,
//! );
//! assert_eq!(Format::negotiate("/customers", Some("text/html"), Format::Json), Format::Json);
//!
//! assert_eq!(Format::Jsv.mime_type(), "text/jsv");
//! assert_eq!("application/json; charset=utf-8".parse::<Format>().unwrap(), Format::Json);
//! assert_eq!(Format::Xml.to_string(), "xml");
//! assert!("yaml".parse::<Format>().is_err());
//! ```
//!
//! # What ServiceStack does
//!
//! These notes come from reading the ServiceStack sources
//! (`ServiceStack.Text/src/ServiceStack.Text/MimeTypes.cs`,
//! `ServiceStack/src/ServiceStack.Client/ContentFormat.cs`,
//! `ServiceStack/src/ServiceStack/Host/ContentTypes.cs`,
//! `ServiceStack/src/ServiceStack/HttpRequestExtensions.cs`,
//! `ServiceStack/src/ServiceStack/Host/RestHandler.cs`,
//! `ServiceStack/src/ServiceStack/Host/Handlers/GenericHandler.cs`,
//! `ServiceStack/src/ServiceStack/PredefinedRoutesFeature.cs`,
//! `ServiceStack/src/ServiceStack/ApiHandlers.cs`,
//! `ServiceStack/src/ServiceStack/HostConfig.cs` and
//! `ServiceStack/src/ServiceStack/ServiceStackHost.cs`):
//!
//! * **MIME types.** JSON is `application/json`, XML `application/xml`, CSV
//!   `text/csv`. JSV has two: `application/jsv` is the key of its
//!   serializer, and `text/jsv` is what the JSV handlers and
//!   `Format.Jsv.ToContentType()` send; this module uses `text/jsv`.
//!   `text/json`, `text/xml` and `text/jsv` are read as aliases of
//!   `application/json`, `application/xml` and `application/jsv`. Media-type
//!   parameters such as `; charset=utf-8` are dropped and the rest is
//!   lowercased before comparing.
//! * **Route suffix.** When `AllowRouteContentTypeExtensions` is on (the
//!   default), the text after the last `.` of the path is looked up as a
//!   format name (`/customers.csv`). If it is one, it is removed from the path
//!   and sets the response type, overriding both `?format=` and Accept.
//! * **Query string.** A non-empty `?callback=` (JSONP) forces JSON. Then
//!   `?format=` is read: the part before the first `.` is lowercased and
//!   looked up by name. A value that is not a format name is ignored.
//! * **Pre-defined routes.** `/{format}/reply/{Request}` and
//!   `/{format}/oneway/{Request}` (for example `/xml/reply/GetCustomers`)
//!   always answer in that format. `?format=` still overrides them. The
//!   Accept header is not consulted. The JSON API route `/api/{Request}`
//!   behaves the same way, as if it were `/json/reply/{Request}`, except
//!   that a suffix (`/api/GetCustomers.csv`) is honoured. This module
//!   does not special-case `/api`. For such a route, pass `None` as
//!   the Accept header and [`Format::Json`] as the default.
//! * **Accept.** ServiceStack does not rank by q-values. It has a server-side
//!   list, `PreferredContentTypes`: the configured default content type
//!   first, then `text/html`, `application/xml`, `application/jsv`. Each
//!   Accept entry is cut at its first `;` and tested with a plain *prefix*
//!   match against that list, and the first listed type that any entry
//!   matches wins. A q-value, even `q=0`, changes nothing. Only when nothing
//!   matched does a `*/*` entry select the request's own Content-Type, or
//!   else the default. Then the other registered types (such as `text/csv`,
//!   which the CSV plugin registers) are tried by prefix. With nothing
//!   matched, the default content type (JSON unless configured) is used. No
//!   406 is ever sent. On ASP.NET Core the header is not even split at
//!   commas: it is one entry, so in effect only its first media range
//!   counts. Browsers get ServiceStack's HTML report page, because
//!   `text/html` is preferred.
//!
//! # What this module does
//!
//! [`Format::negotiate`] keeps ServiceStack's order of precedence: suffix,
//! then the query, then pre-defined routes, then Accept, then the default.
//! It does not copy ServiceStack's Accept quirks. Instead it reads the
//! header as RFC 9110 describes: q-values are honoured, `q=0` excludes a
//! type, and the most specific range decides a format's quality. See
//! [`Format::negotiate`] for the exact rules and tie-breaks. There is no HTML
//! format here, so a browser's Accept header yields XML (its
//! `application/xml;q=0.9` beats `*/*;q=0.8`). ServiceStack would have
//! served HTML.

use std::fmt;
use std::str::FromStr;

/// A wire format of a ServiceStack service.
///
/// The variants are listed in [`Format::ALL`] in declaration order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON, `application/json`.
    Json,
    /// JSV, ServiceStack's "JSON + CSV escaping" text format, `text/jsv`.
    Jsv,
    /// DataContract XML, `application/xml`.
    Xml,
    /// CSV, `text/csv`.
    Csv,
}

/// The server's order of preference. It breaks ties among formats that only
/// a wildcard range (`*/*`, `application/*`, `text/*`) made acceptable.
/// Json, Xml and Jsv follow ServiceStack's `PreferredContentTypes`, and CSV
/// comes last because ServiceStack only looks at it as a plugin-registered
/// type after the preferred ones.
const PREFERENCE: [Format; 4] = [Format::Json, Format::Xml, Format::Jsv, Format::Csv];

impl Format {
    /// Every format, in declaration order: Json, Jsv, Xml, Csv.
    pub const ALL: [Format; 4] = [Format::Json, Format::Jsv, Format::Xml, Format::Csv];

    /// The MIME type a response in this format is sent with (no parameters):
    /// `application/json`, `text/jsv`, `application/xml` or `text/csv`.
    ///
    /// For JSV this is `text/jsv`, the type ServiceStack's JSV handlers send.
    /// ServiceStack also knows JSV as `application/jsv`, and
    /// [`Format::from_mime_type`] accepts both.
    #[must_use]
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Jsv => "text/jsv",
            Format::Xml => "application/xml",
            Format::Csv => "text/csv",
        }
    }

    /// The route suffix of this format, without the dot: `json`, `jsv`, `xml`
    /// or `csv`, as in `/customers.json`.
    #[must_use]
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The lowercase name of this format, as used in `?format=`: `json`,
    /// `jsv`, `xml` or `csv`. It is the same text as [`Format::extension`]
    /// and is also what [`Display`](fmt::Display) writes.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsv => "jsv",
            Format::Xml => "xml",
            Format::Csv => "csv",
        }
    }

    /// The format named `s`: `json`, `jsv`, `xml` or `csv` in any ASCII case.
    ///
    /// Nothing is trimmed, so `" json"` and `"json.pretty"` are `None`.
    /// [`Format::negotiate`] does strip ServiceStack's `.modifier` from
    /// `?format=` values itself.
    #[must_use]
    pub fn from_name(s: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| s.eq_ignore_ascii_case(f.name()))
    }

    /// The format of a MIME type, as in a `Content-Type` header.
    ///
    /// Parameters after `;` (`; charset=utf-8`) and surrounding whitespace are
    /// ignored, and the comparison ignores ASCII case. The accepted types
    /// are the ones ServiceStack treats as each format
    /// (`ContentFormat.GetEndpointAttributes` and `ContentTypeAliases`):
    ///
    /// | format | MIME types |
    /// |--------|------------|
    /// | Json | `application/json`, `text/json` |
    /// | Jsv  | `text/jsv`, `application/jsv` |
    /// | Xml  | `application/xml`, `text/xml` |
    /// | Csv  | `text/csv` |
    ///
    /// Wildcards (`*/*`, `application/*`) are not formats and give `None`.
    /// So do structured-syntax relatives such as `application/problem+json`
    /// and `application/soap+xml`. Note that ServiceStack reads the exact
    /// header value `text/xml; charset=utf-8` as SOAP 1.1; here it is
    /// simply Xml.
    #[must_use]
    pub fn from_mime_type(s: &str) -> Option<Format> {
        let essence = s.split(';').next().unwrap_or("").trim();
        Format::ALL.iter().copied().find(|f| {
            f.accepted_mime_types()
                .iter()
                .any(|m| essence.eq_ignore_ascii_case(m))
        })
    }

    /// The format named by the suffix of the last segment of a URL path:
    /// `/customers.csv` is Csv.
    ///
    /// Any query string (`?…`) or fragment (`#…`) is removed first. The
    /// suffix is the text after the last `.` of the last `/`-separated
    /// segment, compared without regard to ASCII case. So `/customers.JSON`
    /// is Json (ServiceStack itself compares case-sensitively), while
    /// `/customers.jsonx`, `/customers.json/` and `/v1.json/customers` are
    /// `None`.
    #[must_use]
    pub fn from_extension(path: &str) -> Option<Format> {
        let path = strip_query_and_fragment(path);
        let segment = path.rsplit('/').next().unwrap_or("");
        let (_, ext) = segment.rsplit_once('.')?;
        Format::from_name(ext)
    }

    /// Picks the response format of a request the way a ServiceStack host
    /// does. The first rule that yields a format wins:
    ///
    /// 1. **Route suffix.** [`Format::from_extension`] on the path, e.g.
    ///    `/customers.csv`. As in ServiceStack, this beats everything below.
    /// 2. **`callback`.** A non-empty `callback` query parameter (JSONP)
    ///    selects Json, as in ServiceStack.
    /// 3. **`format`.** The first `format` query parameter. Its value is
    ///    percent-decoded and cut at its first `.`, since ServiceStack allows
    ///    `?format=json.modifier`, and then looked up with
    ///    [`Format::from_name`]. So `?format=CSV` is Csv. An empty or unknown
    ///    value (`?format=html`) is ignored and the next rule applies.
    ///    Parameter names ignore ASCII case, as ASP.NET's query collection
    ///    does.
    /// 4. **Pre-defined routes.** A path of the form `/{format}/reply/…` or
    ///    `/{format}/oneway/…` (e.g. `/json/reply/GetCustomers`) selects that
    ///    format, ignoring Accept.
    /// 5. **Accept header.** It is parsed as a comma-separated list of media
    ///    ranges, each with optional `;`-separated parameters (quoted strings
    ///    are respected).
    ///    * A range matches a format *exactly* when it is one of the MIME types
    ///      listed at [`Format::from_mime_type`] (aliases included). `type/*`
    ///      matches the formats whose canonical [`Format::mime_type`] has
    ///      that type: `application/*` matches Json and Xml, `text/*` matches
    ///      Jsv and Csv. `*/*`, and a lone `*` as some old clients send it,
    ///      match every format.
    ///    * A format's quality is the `q` of the *most specific* range that
    ///      matches it (exact, then `type/*`, then `*/*`). If several equally
    ///      specific ranges match, the highest `q` counts. A range without
    ///      `q` has `q=1`, and a `q` above 1 counts as 1. A range whose `q`
    ///      is not a number, or is negative, is ignored. So
    ///      `application/xml;q=0, */*` excludes Xml even though `*/*` would
    ///      admit it.
    ///    * Formats with quality 0 are excluded. Of the rest, the highest
    ///      quality wins. Ties go to the format matched by the more specific
    ///      range, then to the one whose deciding range comes earlier in the
    ///      header, then to `default`, then to the preference order Json,
    ///      Xml, Jsv, Csv. Hence `*/*` alone gives `default`. With default
    ///      Csv, `application/*` gives Json. `text/*` gives Jsv, or `default`
    ///      if it is Csv.
    ///    * Other parameters (`charset`, `version`…) do not affect matching.
    ///      Ranges naming no format (`text/html`, `text/plain`,
    ///      `application/xhtml+xml`) are ignored.
    /// 6. **`default`**, also when the Accept header is absent, empty,
    ///    malformed, names no format of ours, or excludes them all. Like
    ///    ServiceStack, this never fails with "406 Not Acceptable".
    ///
    /// Departures from ServiceStack in rule 5 (see the module docs): ServiceStack
    /// ignores q-values and ranks by the server's preference list instead of
    /// the client's, and it also prefers the request's own Content-Type. With
    /// a browser's `text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8`
    /// ServiceStack serves its HTML page. This function has no HTML and
    /// answers Xml, the best-ranked format the browser accepts.
    ///
    /// `path_and_query` is the request target in origin form
    /// (`/path?query#fragment`). The fragment, which browsers do not send,
    /// is ignored.
    #[must_use]
    pub fn negotiate(path_and_query: &str, accept: Option<&str>, default: Format) -> Format {
        let target = strip_fragment(path_and_query);
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (target, None),
        };
        if let Some(format) = Format::from_extension(path) {
            return format;
        }
        if let Some(format) = query.and_then(query_format) {
            return format;
        }
        if let Some(format) = predefined_route_format(path) {
            return format;
        }
        if let Some(format) = accept.and_then(|accept| accept_format(accept, default)) {
            return format;
        }
        default
    }

    /// Every MIME type that names this format, canonical one first.
    fn accepted_mime_types(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["application/json", "text/json"],
            Format::Jsv => &["text/jsv", "application/jsv"],
            Format::Xml => &["application/xml", "text/xml"],
            Format::Csv => &["text/csv"],
        }
    }

    /// How specifically the lowercased media range `range` (no parameters)
    /// matches this format: 2 for an exact type, 1 for `type/*`, 0 for
    /// `*/*`, or `None` if it does not match.
    fn match_specificity(self, range: &str) -> Option<u8> {
        if range == "*/*" || range == "*" {
            return Some(0);
        }
        if let Some(main_type) = range.strip_suffix("/*") {
            let canonical_main = self.mime_type().split('/').next().unwrap_or("");
            return (main_type == canonical_main).then_some(1);
        }
        self.accepted_mime_types().contains(&range).then_some(2)
    }

    /// The position of this format in the server's preference order.
    fn preference_rank(self) -> usize {
        PREFERENCE
            .iter()
            .position(|&f| f == self)
            .unwrap_or(PREFERENCE.len())
    }
}

impl fmt::Display for Format {
    /// Writes [`Format::name`]: `json`, `jsv`, `xml` or `csv`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses a format name ([`Format::from_name`]) or a MIME type
    /// ([`Format::from_mime_type`]). Surrounding whitespace is ignored, so
    /// `"xml"`, `"JSV"`, `"text/csv"` and `"application/json; charset=utf-8"`
    /// all parse. Anything else gives an [`UnknownFormat`] holding the text
    /// as given.
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let trimmed = s.trim();
        Format::from_name(trimmed)
            .or_else(|| Format::from_mime_type(trimmed))
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// The error of parsing a [`Format`] from text that names none. It holds that
/// text.
///
/// Its message reads ``unknown format `x`: expected json, jsv, xml or csv``.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown format `{}`: expected json, jsv, xml or csv",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

/// `s` up to its first `#`.
fn strip_fragment(s: &str) -> &str {
    s.split('#').next().unwrap_or("")
}

/// `s` up to its first `?` or `#`.
fn strip_query_and_fragment(s: &str) -> &str {
    s.split(['?', '#']).next().unwrap_or("")
}

/// Rules 2 and 3 of [`Format::negotiate`]: `callback`, then `format`.
fn query_format(query: &str) -> Option<Format> {
    let mut format_value: Option<String> = None;
    for pair in query.split('&') {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(raw_key);
        if key.eq_ignore_ascii_case("callback") {
            if !raw_value.is_empty() {
                return Some(Format::Json);
            }
        } else if key.eq_ignore_ascii_case("format") && format_value.is_none() {
            format_value = Some(percent_decode(raw_value));
        }
    }
    let value = format_value?;
    let name = value.split('.').next().unwrap_or("");
    Format::from_name(name)
}

/// Rule 4 of [`Format::negotiate`]: `/{format}/reply/…` or
/// `/{format}/oneway/…`.
fn predefined_route_format(path: &str) -> Option<Format> {
    let mut segments = path.trim_start_matches('/').split('/');
    let format = Format::from_name(segments.next()?)?;
    let action = segments.next()?;
    (action.eq_ignore_ascii_case("reply") || action.eq_ignore_ascii_case("oneway"))
        .then_some(format)
}

/// Decodes `%XX` escapes and `+` (as a space) of a query-string component.
/// Malformed escapes are kept as they are, and invalid UTF-8 is replaced.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of an ASCII hex digit.
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Splits `s` at every `sep` outside double-quoted strings (which may hold
/// backslash escapes).
fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_quotes {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quotes = false;
            }
        } else if c == '"' {
            in_quotes = true;
        } else if c == sep {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&s[start..]);
    parts
}

/// One media range of an Accept header: its lowercased type and its q-value.
struct MediaRange {
    range: String,
    q: f32,
}

/// Parses an Accept header into its well-formed media ranges, in order.
fn parse_accept(accept: &str) -> Vec<MediaRange> {
    let mut ranges = Vec::new();
    for element in split_unquoted(accept, ',') {
        let mut pieces = split_unquoted(element, ';').into_iter();
        let range = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        if range.is_empty() {
            continue;
        }
        let mut q = Some(1.0_f32);
        for param in pieces {
            let (name, value) = param.split_once('=').unwrap_or((param, ""));
            if name.trim().eq_ignore_ascii_case("q") {
                q = parse_qvalue(value.trim().trim_matches('"'));
                break;
            }
        }
        if let Some(q) = q {
            ranges.push(MediaRange { range, q });
        }
    }
    ranges
}

/// A q-value in `[0, 1]` (values above 1 are capped), or `None` if `s` is
/// not a finite, non-negative number.
fn parse_qvalue(s: &str) -> Option<f32> {
    let q: f32 = s.parse().ok()?;
    if !q.is_finite() || q < 0.0 {
        return None;
    }
    Some(q.min(1.0))
}

/// How one format fared against an Accept header.
#[derive(Clone, Copy)]
struct Verdict {
    format: Format,
    q: f32,
    specificity: u8,
    position: usize,
}

/// Rule 5 of [`Format::negotiate`].
fn accept_format(accept: &str, default: Format) -> Option<Format> {
    let ranges = parse_accept(accept);
    let mut best: Option<Verdict> = None;
    for format in Format::ALL {
        let mut verdict: Option<Verdict> = None;
        for (position, media) in ranges.iter().enumerate() {
            let Some(specificity) = format.match_specificity(&media.range) else {
                continue;
            };
            let better = match verdict {
                None => true,
                Some(v) => {
                    specificity > v.specificity || (specificity == v.specificity && media.q > v.q)
                }
            };
            if better {
                verdict = Some(Verdict {
                    format,
                    q: media.q,
                    specificity,
                    position,
                });
            }
        }
        let Some(verdict) = verdict.filter(|v| v.q > 0.0) else {
            continue;
        };
        best = match best {
            Some(b) if !outranks(verdict, b, default) => Some(b),
            _ => Some(verdict),
        };
    }
    best.map(|v| v.format)
}

/// Whether `a` should be chosen over `b`: higher q, then more specific range,
/// then earlier range, then the default format, then server preference.
fn outranks(a: Verdict, b: Verdict, default: Format) -> bool {
    if a.q != b.q {
        return a.q > b.q;
    }
    if a.specificity != b.specificity {
        return a.specificity > b.specificity;
    }
    if a.position != b.position {
        return a.position < b.position;
    }
    if (a.format == default) != (b.format == default) {
        return a.format == default;
    }
    a.format.preference_rank() < b.format.preference_rank()
}

#[cfg(test)]
mod tests;
