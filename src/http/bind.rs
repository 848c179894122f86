//! The server side of a request: find the route a method and path take,
//! and fill the request DTO from the path, the query string, a form body
//! and a body in any format, as ServiceStack v5's `RestPath` and
//! `StringMapTypeDeserializer.PopulateFromMap` do.
//!
//! What ServiceStack loses, this loses too, so that a request means here
//! what it means to the service (the vectors are the judge):
//!
//! - a bool takes the text before the first `,` (`all=true&all=false` is
//!   true), where repeated parameters were joined;
//! - a string is taken verbatim, with no JSV unquoting (`"q"` stays
//!   quoted), while a list item is JSV (`"b,c",d` is two items);
//! - white space inside a list's items is kept, except at the very start of
//!   the value, right after its `[`, and at its very end;
//! - an empty value, or a bare name, leaves the member at its default;
//! - an unknown or differently spelt name (`count_per_page`) is ignored;
//! - in a path variable `+` is a space and an escaped `/` (`%2F`) stays as
//!   written, as Kestrel and ServiceStack's request wrapper leave them, and
//!   a trailing `.json`, `.jsv`, `.xml`, `.csv` or `.html` is taken as the
//!   response format, not as part of the variable.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::params::{decode_path, Params};
use crate::context::Session;
use crate::error::{Category, Error, Result};
use crate::format::Format;
use crate::model::{
    ClassInfo, Dto, ErrorResponse, Method, Operation, ResponseError, ResponseStatus, Route,
    TypeInfo,
};
use crate::options::DecodeOptions;
use crate::options::EncodeOptions;

/// Why a request did not bind, as ServiceStack answers it: an HTTP status
/// and the `ResponseStatus` of its error body (`errorCode` the exception's
/// type, the message, one [`FieldError`] per parameter that did not bind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindError {
    /// The HTTP status (400 for every binding failure).
    pub status: u16,
    /// The exception type ServiceStack names (`SerializationException`,
    /// `ArgumentException`).
    pub error_code: String,
    /// The message (`Unable to bind to request 'ListCustomers'`).
    pub message: String,
    /// One entry per parameter whose value did not bind.
    pub errors: Vec<FieldError>,
}

/// A parameter whose value did not bind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The exception type (`SerializationException`).
    pub error_code: String,
    /// The parameter's name as the request spelt it.
    pub field_name: String,
    /// `'<value>' is an Invalid value for '<name>'`.
    pub message: String,
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.error_code, self.message)?;
        for e in &self.errors {
            write!(f, "; {}", e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for BindError {}

impl BindError {
    /// The body ServiceStack sends with this error: an [`ErrorResponse`]
    /// whose status lists the field errors (an empty list when there are
    /// none, as a server-built status always has).
    pub fn to_error_response(&self) -> ErrorResponse {
        let mut status = ResponseStatus::new(self.error_code.clone(), self.message.clone());
        status.errors = Some(
            self.errors
                .iter()
                .map(|e| {
                    Some(ResponseError::new(
                        e.error_code.clone(),
                        e.field_name.clone(),
                        e.message.clone(),
                    ))
                })
                .collect(),
        );
        ErrorResponse::from(status)
    }

    fn new(error_code: &str, message: impl Into<String>) -> BindError {
        BindError {
            status: 400,
            error_code: error_code.to_owned(),
            message: message.into(),
            errors: Vec::new(),
        }
    }
}

/// The error body for `error` in `format`, as ServiceStack writes it. XML
/// refuses a message quoting a value with a character XML 1.0 cannot carry
/// (a data error), as DataContractSerializer does; JSON, JSV and CSV write
/// every error.
///
/// ```
/// use evovoice_codec::http::{self, Incoming, Method};
/// use evovoice_codec::model::ListCustomers;
/// use evovoice_codec::{EncodeOptions, Format};
///
/// let bad = Incoming { method: Method::Get, url: "/customers?all=yes", content_type: None, body: b"" };
/// let error = http::bind::<ListCustomers>(&bad).unwrap_err();
/// assert_eq!(error.status, 400);
/// let body = http::error_body(&error, Format::Json, &EncodeOptions::new())?;
/// assert_eq!(
///     String::from_utf8(body).unwrap(),
///     r#"{"responseStatus":{"errorCode":"SerializationException","message":"Unable to bind to request 'ListCustomers'","errors":[{"errorCode":"SerializationException","fieldName":"all","message":"'yes' is an Invalid value for 'all'"}]}}"#
/// );
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
pub fn error_body(error: &BindError, format: Format, options: &EncodeOptions) -> Result<Vec<u8>> {
    crate::convert::encode(format, &error.to_error_response(), options)
}

/// A request as a server receives it: method, path and query (the target
/// of the request line), and the body with its `Content-Type`.
#[derive(Clone, Copy, Debug)]
pub struct Incoming<'a> {
    /// The method.
    pub method: Method,
    /// The path and query string, `/customers/c1?name=x`.
    pub url: &'a str,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The body (empty when there is none).
    pub body: &'a [u8],
}

/// Binds `request` to the DTO of operation `T` as a ServiceStack server
/// does: the path must fit one of `T`'s routes (or a predefined one, such
/// as `/json/reply/PatchCustomer`); a body in one of the four formats is
/// read first, then path variables, query parameters and form fields are
/// applied over it, in that order (a form field over the same query
/// parameter, a query parameter over the path's variable).
///
/// ```
/// use evovoice_codec::http::{self, Incoming, Method};
/// use evovoice_codec::model::{ListCustomers, PatchCustomer};
///
/// let get = Incoming { method: Method::Get, url: "/customers?tagIds=a,b&PAGE=2&all=on", content_type: None, body: b"" };
/// let list: ListCustomers = http::bind(&get)?;
/// assert_eq!(list.tag_ids, Some(vec![Some("a".to_owned()), Some("b".to_owned())]));
/// assert_eq!((list.request.page, list.request.all), (2, true));
///
/// let patch = Incoming {
///     method: Method::Patch,
///     url: "/customers/c%201",
///     content_type: Some("application/json"),
///     body: br#"{"name":"Acme"}"#,
/// };
/// let patched: PatchCustomer = http::bind(&patch)?;
/// assert_eq!(patched.customer_id.as_deref(), Some("c 1"));
/// assert_eq!(patched.name.as_deref(), Some("Acme"));
///
/// let bad = Incoming { method: Method::Get, url: "/customers?page=1.5", content_type: None, body: b"" };
/// let error = http::bind::<ListCustomers>(&bad).unwrap_err();
/// assert_eq!(error.message, "Unable to bind to request 'ListCustomers'");
/// assert_eq!(error.errors[0].message, "'1.5' is an Invalid value for 'page'");
/// # Ok::<(), http::BindError>(())
/// ```
pub fn bind<T: Operation>(request: &Incoming<'_>) -> std::result::Result<T, BindError> {
    bind_with(request, &DecodeOptions::default())
}

/// [`bind`] with decoding options (depth limit, strict mode) for the body.
pub fn bind_with<T: Operation>(
    request: &Incoming<'_>,
    options: &DecodeOptions,
) -> std::result::Result<T, BindError> {
    let (raw_path, query) = request.url.split_once('?').unwrap_or((request.url, ""));
    let path = decode_path(raw_path);
    let variables = match_path::<T>(request.method, &path)?;

    let body_format = request
        .content_type
        .filter(|_| request.method.has_body())
        .and_then(content_format);
    let mut value: T = match body_format {
        Some(BodyFormat::Format(format)) if !request.body.is_empty() => {
            crate::convert::decode(format, request.body, options)
                .map_err(|e| BindError::new("SerializationException", e.to_string()))?
        }
        _ => T::default(),
    };

    let mut params: Vec<(String, String)> = variables;
    params.extend(Params::parse(query).0);
    if let Some(BodyFormat::Form) = body_format {
        let form = String::from_utf8_lossy(request.body);
        params.extend(Params::parse(&form).0);
    }
    populate(&mut value, T::NAME, &params, options)?;
    Ok(value)
}

enum BodyFormat {
    Form,
    Format(Format),
}

fn content_format(content_type: &str) -> Option<BodyFormat> {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if mime.eq_ignore_ascii_case("application/x-www-form-urlencoded")
        || mime.eq_ignore_ascii_case("multipart/form-data")
    {
        return Some(BodyFormat::Form);
    }
    Format::from_mime_type(mime).map(BodyFormat::Format)
}

// ---------------------------------------------------------------- routes

/// The path's variables (by the member's C# name, as ServiceStack's route
/// hands them to the binder) when `path` fits one of `T`'s routes for
/// `method` or a predefined route of `T`; ServiceStack's error otherwise.
pub(crate) fn match_path<T: Operation>(
    method: Method,
    path: &str,
) -> std::result::Result<Vec<(String, String)>, BindError> {
    let path = strip_format_suffix(path);
    if is_predefined(path, T::NAME) {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let answering: Vec<&Route> = T::ROUTES.iter().filter(|r| r.answers(method)).collect();
    for route in &answering {
        if let Some(variables) = fit(route, &parts, T::CLASS) {
            return Ok(variables);
        }
    }
    let Some(route) = answering.first().copied().or(T::ROUTES.first()) else {
        return Err(BindError::new(
            "NotImplementedException",
            format!("'{}' has no route", T::NAME),
        ));
    };
    let route_parts = route.path.split('/').filter(|p| !p.is_empty()).count();
    let message = if route_parts == parts.len() {
        format!(
            "Path Mismatch: Request Path '{path}' does not match '{}'",
            route.path
        )
    } else {
        format!(
            "Path Mismatch: Request Path '{path}' has invalid number of components compared to: '{}'",
            route.path
        )
    };
    Err(BindError::new("ArgumentException", message))
}

/// The variables of `parts` under `route`, if it fits: as many components,
/// the literal ones equal in any letter case.
fn fit(route: &Route, parts: &[&str], class: &ClassInfo) -> Option<Vec<(String, String)>> {
    let template: Vec<&str> = route.path.split('/').filter(|p| !p.is_empty()).collect();
    if template.len() != parts.len() {
        return None;
    }
    let mut variables = Vec::new();
    for (t, p) in template.iter().zip(parts) {
        match t.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
            Some(name) => {
                let member = class
                    .json_order()
                    .find(|m| m.json_name.eq_ignore_ascii_case(name))
                    .map_or(name, |m| m.name);
                variables.push((member.to_owned(), (*p).to_owned()));
            }
            None if t.eq_ignore_ascii_case(p) => {}
            None => return None,
        }
    }
    Some(variables)
}

/// The path without a trailing `.json`, `.jsv`, `.xml`, `.csv` or `.html`,
/// which ServiceStack takes as the response format.
pub(crate) fn strip_format_suffix(path: &str) -> &str {
    for suffix in [".json", ".jsv", ".xml", ".csv", ".html"] {
        let cut = path.len().wrapping_sub(suffix.len());
        if path.len() > suffix.len()
            && path.is_char_boundary(cut)
            && path[cut..].eq_ignore_ascii_case(suffix)
        {
            return &path[..cut];
        }
    }
    path
}

/// True for `/{format}/reply/{name}` (any of the four formats) and
/// `/api/{name}`.
fn is_predefined(path: &str, name: &str) -> bool {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [format, reply, op] => {
            Format::from_name(format).is_some()
                && reply.eq_ignore_ascii_case("reply")
                && op.eq_ignore_ascii_case(name)
        }
        [api, op] => api.eq_ignore_ascii_case("api") && op.eq_ignore_ascii_case(name),
        _ => false,
    }
}

// ---------------------------------------------------------------- binding

/// `PopulateFromMap`: each parameter naming a member (in any letter case)
/// and having a value is read into it; the failures are gathered into one
/// error.
fn populate<T: Dto>(
    value: &mut T,
    operation: &str,
    params: &[(String, String)],
    options: &DecodeOptions,
) -> std::result::Result<(), BindError> {
    let class = T::CLASS;
    let mut errors = Vec::new();
    for (name, text) in params {
        if text.is_empty() {
            continue;
        }
        let Some(index) = class
            .json_order()
            .position(|m| m.name.eq_ignore_ascii_case(name))
        else {
            continue;
        };
        let member = class.member(index).expect("index from json_order");
        let session = Session::begin(options.session());
        let read = value.deserialize_member(
            index,
            &mut OneValue(Some(ParamValue {
                text,
                ty: member.ty,
            })),
        );
        drop(session);
        if read.is_err() {
            errors.push(FieldError {
                error_code: "SerializationException".into(),
                field_name: name.clone(),
                message: format!("'{text}' is an Invalid value for '{name}'"),
            });
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(BindError {
        errors,
        ..BindError::new(
            "SerializationException",
            format!("Unable to bind to request '{operation}'"),
        )
    })
}

/// The map of one member's value, for `Dto::deserialize_member`.
struct OneValue<'a>(Option<ParamValue<'a>>);

impl<'de> MapAccess<'de> for OneValue<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        match self.0.take() {
            Some(value) => seed.deserialize(value),
            None => Err(Error::new(Category::Data, "no value")),
        }
    }
}

/// A parameter's text, read as ServiceStack's JSV parse functions read it
/// for the member's type.
struct ParamValue<'a> {
    text: &'a str,
    ty: &'static TypeInfo,
}

fn invalid() -> Error {
    Error::new(Category::Data, "not a valid value")
}

impl<'de> Deserializer<'de> for ParamValue<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ty {
            TypeInfo::String => visitor.visit_borrowed_str(self.text),
            TypeInfo::Bool => visitor.visit_bool(parse_bool(self.text).ok_or_else(invalid)?),
            TypeInfo::Int => visitor.visit_i64(parse_int(self.text).ok_or_else(invalid)?.into()),
            TypeInfo::Double => {
                visitor.visit_f64(crate::number::parse_f64(self.text.trim()).ok_or_else(invalid)?)
            }
            TypeInfo::Enum(info) => {
                let text = self.text.trim();
                let index = match info.find(text) {
                    Some(i) => i,
                    None => parse_int(text)
                        .and_then(|n| usize::try_from(n).ok())
                        .filter(|&n| n < info.variants.len())
                        .ok_or_else(invalid)?,
                };
                visitor.visit_u64(index as u64)
            }
            TypeInfo::List(TypeInfo::String) => {
                let items = parse_string_list(self.text).ok_or_else(invalid)?;
                visitor.visit_seq(Items(items.into_iter()))
            }
            _ => {
                let mut jsv = crate::jsv::Deserializer::from_str(self.text);
                let value = de::Deserializer::deserialize_any(&mut jsv, visitor)?;
                jsv.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// The items of a string list; `None` is an empty item.
struct Items(std::vec::IntoIter<Option<String>>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.0.next() {
            None => Ok(None),
            Some(item) => seed.deserialize(Item(item)).map(Some),
        }
    }
}

/// One item of a string list.
struct Item(Option<String>);

impl<'de> Deserializer<'de> for Item {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Some(text) => visitor.visit_string(text),
            None => visitor.visit_none(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Some(text) => visitor.visit_some(Item(Some(text))),
            None => visitor.visit_none(),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

// ---------------------------------------------------------------- parsing

/// ServiceStack's bool: the text before the first `,`; `1 t T y Y on` and
/// `0 f F n N off`, else `true`/`false` in any letter case.
fn parse_bool(text: &str) -> Option<bool> {
    let text = text.split(',').next().unwrap_or("");
    match text {
        "1" | "t" | "T" | "y" | "Y" | "on" => Some(true),
        "0" | "f" | "F" | "n" | "N" | "off" => Some(false),
        _ if text.eq_ignore_ascii_case("true") => Some(true),
        _ if text.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// ServiceStack's int: white space around and leading zeros allowed, a
/// `-` sign, decimal digits only, within `i32`.
fn parse_int(text: &str) -> Option<i32> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        n = n.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        if n > i64::from(i32::MAX) + 1 {
            return None;
        }
    }
    i32::try_from(if negative { -n } else { n }).ok()
}

/// ServiceStack's JSV string list (`ParseStringList`): the value trimmed,
/// a leading `[` and the character at the end dropped (whatever it is),
/// white space at the start dropped, then items split at `,` as JSV reads
/// them (quoted items unquoted, `{…}` and `[…]` items kept whole); an empty
/// item is null. `None` where ServiceStack throws (a lone `"`, nothing but
/// white space).
fn parse_string_list(value: &str) -> Option<Vec<Option<String>>> {
    let value = value.trim();
    let first = value.chars().next()?;
    let inner = if first == '[' {
        // `Slice(1, Length - 2)`: nothing left to slice from a lone `[`.
        let last = value.chars().next_back().map_or(0, char::len_utf8);
        value.get(1..value.len().checked_sub(last).filter(|&end| end >= 1)?)?
    } else {
        value
    };
    let inner = inner.trim_start();
    let bytes = inner.as_bytes();
    let mut items = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let item = eat_value(inner, &mut i)?;
        items.push(item);
        // The separator, whatever is there, is stepped over; a separator
        // at the very end leaves an empty item after it.
        let separator = matches!(bytes.get(i), Some(b',' | b'}'));
        if let Some(c) = inner[i..].chars().next() {
            i += c.len_utf8();
            if separator && i == bytes.len() {
                items.push(None);
            }
        }
    }
    Some(items)
}

/// One JSV item starting at `*i`, unquoted: `None` for an empty one (a
/// separator right away); `Err`-like `None` from the outer `Option` where
/// ServiceStack throws.
fn eat_value(text: &str, i: &mut usize) -> Option<Option<String>> {
    let bytes = text.as_bytes();
    let start = *i;
    match bytes[start] {
        b',' | b'}' => Some(None),
        b'"' => {
            // A quoted item: `""` inside is one quote.
            let mut j = start + 1;
            loop {
                if j >= bytes.len() {
                    break;
                }
                if bytes[j] == b'"' {
                    if bytes.get(j + 1) == Some(&b'"') {
                        j += 2;
                        continue;
                    }
                    j += 1;
                    break;
                }
                j += 1;
            }
            *i = j;
            let token = &text[start..j];
            // ServiceStack strips the first and last characters: a lone
            // quote has none to strip and throws.
            if token.len() < 2 {
                return None;
            }
            // The last character is the closing quote, or, unterminated,
            // whatever came last.
            let body = &token[1..];
            let last = body.char_indices().last().map_or(0, |(k, _)| k);
            Some(Some(body[..last].replace("\"\"", "\"")))
        }
        open @ (b'{' | b'[') => {
            let close = if open == b'{' { b'}' } else { b']' };
            let mut depth = 1;
            let mut quoted = false;
            let mut j = start + 1;
            while j < bytes.len() && depth > 0 {
                let b = bytes[j];
                if b == b'"' {
                    quoted = !quoted;
                } else if !quoted {
                    if b == open {
                        depth += 1;
                    } else if b == close {
                        depth -= 1;
                    }
                }
                j += 1;
            }
            *i = j;
            Some(Some(text[start..j].to_owned()))
        }
        _ => {
            let mut j = start + 1;
            while j < bytes.len() && bytes[j] != b',' && bytes[j] != b'}' {
                j += 1;
            }
            *i = j;
            Some(Some(text[start..j].to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Option<Vec<Option<&str>>> {
        parse_string_list(text).map(|items| {
            items
                .into_iter()
                .map(|i| i.map(|s| &*Box::leak(s.into_boxed_str())))
                .collect()
        })
    }

    #[test]
    fn string_lists_read_as_servicestack_reads_them() {
        assert_eq!(list("a,b,c"), Some(vec![Some("a"), Some("b"), Some("c")]));
        assert_eq!(list("[a,b,c]"), Some(vec![Some("a"), Some("b"), Some("c")]));
        assert_eq!(
            list("[a,\"b,c\",d]"),
            Some(vec![Some("a"), Some("b,c"), Some("d")])
        );
        assert_eq!(list("\"b,c\",d"), Some(vec![Some("b,c"), Some("d")]));
        assert_eq!(list("[]"), Some(vec![]));
        assert_eq!(list("a,b,"), Some(vec![Some("a"), Some("b"), None]));
        assert_eq!(list("[a,b"), Some(vec![Some("a"), None]));
        assert_eq!(list(" a , b "), Some(vec![Some("a "), Some(" b")]));
        assert_eq!(list("[ a , b ]"), Some(vec![Some("a "), Some(" b ")]));
        assert_eq!(list("[[a],[b]]"), Some(vec![Some("[a]"), Some("[b]")]));
        assert_eq!(list("{a,b}"), Some(vec![Some("{a,b}")]));
        assert_eq!(list("x,null"), Some(vec![Some("x"), Some("null")]));
        assert_eq!(list(",x,"), Some(vec![None, Some("x"), None]));
        assert_eq!(list("\"say \"\"hi\"\"\""), Some(vec![Some("say \"hi\"")]));
        assert_eq!(list("\""), None);
        assert_eq!(list("  "), None);
        assert_eq!(list("["), None);
        // What follows a quoted item is stepped over, a whole character.
        assert_eq!(
            list("\"b,c\"ܛx,d"),
            Some(vec![Some("b,c"), Some("x"), Some("d")])
        );
        // An unterminated quote loses its last character, whole.
        assert_eq!(list("\"aé"), Some(vec![Some("a")]));
    }

    #[test]
    fn scalars_read_as_servicestack_reads_them() {
        assert_eq!(parse_int(" 5 "), Some(5));
        assert_eq!(parse_int("007"), Some(7));
        assert_eq!(parse_int("-2147483648"), Some(i32::MIN));
        for bad in ["+5", "1.5", "1e3", "0x10", "2147483648", "1,2", "", "-"] {
            assert_eq!(parse_int(bad), None, "{bad}");
        }
        assert_eq!(parse_bool("on"), Some(true));
        assert_eq!(parse_bool("tRuE"), Some(true));
        assert_eq!(parse_bool("false,true"), Some(false));
        assert_eq!(parse_bool("N"), Some(false));
        for bad in ["yes", "2", " true", "ON"] {
            assert_eq!(parse_bool(bad), None, "{bad}");
        }
    }
}
