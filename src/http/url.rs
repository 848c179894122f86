//! The client side of a request: the path and query string ServiceStack's
//! C# service clients build for a request DTO (`ToUrl`), and the request as
//! a whole (method, URL, headers, body).

use serde::ser::{Impossible, Serialize, SerializeStruct, Serializer};

use crate::error::{Category, Error, Result};
use crate::format::Format;
use crate::model::{Dto, Method, Operation, Route};
use crate::options::EncodeOptions;

/// The path and query string that ServiceStack's C# service client sends
/// for `request` with the operation's own method.
///
/// The route is the first declared one for the method whose path
/// variables the request fills; each variable is written escaped. For a
/// method without a body (`GET`, `DELETE`) every other member that is
/// neither null nor its type's default goes in the query string, as
/// `camelCase=value`: a string as it is, anything else as JSV, a list
/// without its outer brackets, all escaped as RFC 3986 says (only
/// `A-Za-z0-9-._~` left raw, uppercase hex). A method with a body sends the
/// whole DTO there, and no query string.
///
/// ```
/// use evovoice_codec::http;
/// use evovoice_codec::model::{ListCustomers, PatchCustomer, SortOrders};
///
/// let mut list = ListCustomers::default();
/// list.tag_ids = Some(vec![Some("vip".into()), Some("a,b".into())]);
/// list.request.sort_order = SortOrders::Descend;
/// assert_eq!(
///     http::url(&list)?,
///     "/customers?tagIds=vip%2C%22a%2Cb%22&sortOrder=Descend"
/// );
///
/// let patch = PatchCustomer { customer_id: Some("a b/c".into()), ..Default::default() };
/// assert_eq!(http::url(&patch)?, "/customers/a%20b%2Fc");
/// // Without its path variable no route fits.
/// assert!(http::url(&PatchCustomer::default()).is_err());
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
pub fn url<T: Operation>(request: &T) -> Result<String> {
    url_with(request, T::METHOD, &EncodeOptions::default())
}

/// [`url`] for another method and number style (a double in the query is
/// written as JSV writes it).
pub fn url_with<T: Operation>(
    request: &T,
    method: Method,
    options: &EncodeOptions,
) -> Result<String> {
    let members = members(request, options)?;
    let route = choose_route(T::NAME, T::ROUTES, method, &members)?;
    let mut out = String::with_capacity(route.path.len() + 16);
    let mut in_path = Vec::new();
    for (i, part) in route.path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        match variable(part) {
            Some(name) => {
                let member = find(&members, name).expect("the route's variables are present");
                escape_into(&mut out, member.text());
                in_path.push(member.name);
            }
            None => out.push_str(part),
        }
    }
    if !method.has_body() {
        let mut first = true;
        for member in members
            .iter()
            .filter(|m| !m.is_default && !in_path.contains(&m.name))
        {
            out.push(if first { '?' } else { '&' });
            first = false;
            out.push_str(member.name);
            out.push('=');
            escape_into(&mut out, member.text());
        }
    }
    Ok(out)
}

/// A ServiceStack predefined route for an operation: `/{format}/reply/{name}`
/// (`/json/reply/ListCustomers`), which every operation answers whatever
/// its own routes.
pub fn predefined_path(name: &str, format: Format) -> String {
    format!("/{}/reply/{name}", format.name())
}

/// The JSON-only predefined route `/api/{name}`.
pub fn api_path(name: &str) -> String {
    format!("/api/{name}")
}

/// What a ServiceStack client puts on the wire for one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The path and query string, to append to the service's base URL.
    pub url: String,
    /// The `Accept` header: the MIME type of the format asked for.
    pub accept: &'static str,
    /// The `Content-Type` header, when there is a body.
    pub content_type: Option<&'static str>,
    /// The body: the whole request DTO in the format, for a method with a
    /// body.
    pub body: Option<Vec<u8>>,
}

/// The request a ServiceStack client sends for `request` in `format`:
/// [`url`], and for a method with a body the DTO encoded in `format`.
///
/// ```
/// use evovoice_codec::{http, Format};
/// use evovoice_codec::model::NewCustomer;
///
/// let new = NewCustomer { name: Some("Acme".into()), ..Default::default() };
/// let request = http::request(&new, Format::Jsv)?;
/// assert_eq!(request.method.as_str(), "POST");
/// assert_eq!(request.url, "/customers");
/// assert_eq!(request.content_type, Some("text/jsv"));
/// assert_eq!(request.accept, "text/jsv");
/// assert_eq!(request.body.as_deref(), Some(&b"{name:Acme}"[..]));
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
pub fn request<T: Operation>(request: &T, format: Format) -> Result<HttpRequest> {
    request_with(request, format, &EncodeOptions::default())
}

/// [`request`] with encoding options (number style, pretty layout).
pub fn request_with<T: Operation>(
    request: &T,
    format: Format,
    options: &EncodeOptions,
) -> Result<HttpRequest> {
    let method = T::METHOD;
    let url = url_with(request, method, options)?;
    let body = if method.has_body() {
        Some(crate::convert::encode(format, request, options)?)
    } else {
        None
    };
    Ok(HttpRequest {
        method,
        url,
        accept: format.mime_type(),
        content_type: body.as_ref().map(|_| format.mime_type()),
        body,
    })
}

// ---------------------------------------------------------------- routes

fn variable(part: &str) -> Option<&str> {
    part.strip_prefix('{')?.strip_suffix('}')
}

fn find<'a>(members: &'a [Member], name: &str) -> Option<&'a Member> {
    members.iter().find(|m| m.name.eq_ignore_ascii_case(name))
}

/// The route ServiceStack's `ToUrl` takes: among those answering `method`,
/// the first whose variables the request fills, preferring routes that
/// use more of them.
fn choose_route(
    name: &str,
    routes: &'static [Route],
    method: Method,
    members: &[Member],
) -> Result<&'static Route> {
    let answering: Vec<&'static Route> = routes.iter().filter(|r| r.answers(method)).collect();
    let mut best: Option<(&'static Route, usize)> = None;
    for &route in &answering {
        let mut count = 0;
        if route.variables().all(|v| {
            count += 1;
            find(members, v).is_some()
        }) && best.is_none_or(|(_, n)| count > n)
        {
            best = Some((route, count));
        }
    }
    if let Some((route, _)) = best {
        return Ok(route);
    }
    // ServiceStack's words (InvalidOperationException), one line.
    let mut message = format!("None of the given rest routes matches '{name}' request:");
    if answering.is_empty() {
        message.push_str(&format!(" no route answers {method}"));
    }
    for route in answering {
        let missing: Vec<&str> = route
            .variables()
            .filter(|v| find(members, v).is_none())
            .collect();
        message.push_str(&format!(
            " {}: Could not match following variables: {}",
            route.path,
            missing.join(",")
        ));
    }
    Err(Error::new(Category::Data, message))
}

// ---------------------------------------------------------------- values

/// One non-null member of the request and its text.
struct Member {
    name: &'static str,
    value: Text,
    /// Equal to its type's default (`0`, `false`, an enum's first value), which
    /// `ToUrl` leaves out as it leaves out null.
    is_default: bool,
}

enum Text {
    /// A string, used as it is.
    Plain(String),
    /// Anything else, as JSV (a list already without its outer brackets).
    Jsv(String),
}

impl Member {
    fn text(&self) -> &str {
        match &self.value {
            Text::Plain(s) | Text::Jsv(s) => s,
        }
    }
}

/// The non-null members of `request`, in ServiceStack's order (own, then
/// the base class's), with their text.
fn members<T: Dto + Serialize>(request: &T, options: &EncodeOptions) -> Result<Vec<Member>> {
    let mut capture = Capture {
        options,
        members: Vec::new(),
    };
    request.serialize(&mut capture)?;
    Ok(capture.members)
}

struct Capture<'a> {
    options: &'a EncodeOptions,
    members: Vec<Member>,
}

impl SerializeStruct for &mut Capture<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        let kind = match value.serialize(Classify) {
            Ok(kind) => kind,
            Err(e) if e.message() == COMPOUND => Kind::Compound,
            Err(e) => return Err(e),
        };
        let member = match kind {
            Kind::Null => return Ok(()),
            Kind::Str(s) => Member {
                name,
                value: Text::Plain(s),
                is_default: false,
            },
            Kind::Scalar { is_default } => Member {
                name,
                value: Text::Jsv(crate::jsv::to_string_with(value, self.options)?),
                is_default,
            },
            Kind::Compound => {
                let jsv = crate::jsv::to_string_with(value, self.options)?;
                // C#'s Trim('[', ']') on a list's JSV: every bracket at
                // either end goes, except from `[]` itself.
                let text = if jsv.starts_with('[') && jsv != "[]" {
                    jsv.trim_matches(['[', ']']).to_owned()
                } else {
                    jsv
                };
                Member {
                    name,
                    value: Text::Jsv(text),
                    is_default: false,
                }
            }
        };
        self.members.push(member);
        Ok(())
    }

    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        Ok(())
    }

    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// What a member's value is, as far as `ToUrl` cares.
enum Kind {
    Null,
    Str(String),
    Scalar { is_default: bool },
    Compound,
}

/// Tells a member's [`Kind`] from the calls its `Serialize` makes.
struct Classify;

fn not_a_dto<T>() -> Result<T> {
    Err(Error::new(
        Category::Unsupported,
        "only a DTO (a struct of members) has a URL",
    ))
}

macro_rules! scalar {
    ($($method:ident($ty:ty) => $default:expr;)*) => {$(
        fn $method(self, v: $ty) -> Result<Kind> {
            let is_default: fn($ty) -> bool = $default;
            Ok(Kind::Scalar { is_default: is_default(v) })
        }
    )*};
}

impl Serializer for Classify {
    type Ok = Kind;
    type Error = Error;
    type SerializeSeq = Impossible<Kind, Error>;
    type SerializeTuple = Impossible<Kind, Error>;
    type SerializeTupleStruct = Impossible<Kind, Error>;
    type SerializeTupleVariant = Impossible<Kind, Error>;
    type SerializeMap = Impossible<Kind, Error>;
    type SerializeStruct = Impossible<Kind, Error>;
    type SerializeStructVariant = Impossible<Kind, Error>;

    scalar! {
        serialize_bool(bool) => |v| !v;
        serialize_i8(i8) => |v| v == 0;
        serialize_i16(i16) => |v| v == 0;
        serialize_i32(i32) => |v| v == 0;
        serialize_i64(i64) => |v| v == 0;
        serialize_u8(u8) => |v| v == 0;
        serialize_u16(u16) => |v| v == 0;
        serialize_u32(u32) => |v| v == 0;
        serialize_u64(u64) => |v| v == 0;
        serialize_f32(f32) => |v| v == 0.0;
        serialize_f64(f64) => |v| v == 0.0;
        serialize_char(char) => |v| v == '\0';
    }

    fn serialize_str(self, v: &str) -> Result<Kind> {
        Ok(Kind::Str(v.to_owned()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Kind> {
        Ok(Kind::Compound)
    }
    fn serialize_none(self) -> Result<Kind> {
        Ok(Kind::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Kind> {
        // A nullable value type's default is null: a present `0` is sent.
        match value.serialize(Classify) {
            Ok(Kind::Scalar { .. }) => Ok(Kind::Scalar { is_default: false }),
            other => other,
        }
    }
    fn serialize_unit(self) -> Result<Kind> {
        Ok(Kind::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Kind> {
        Ok(Kind::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<Kind> {
        Ok(Kind::Scalar {
            is_default: index == 0,
        })
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Kind> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Kind> {
        Ok(Kind::Compound)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(compound())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(compound())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(compound())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(compound())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(compound())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(compound())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(compound())
    }
}

/// The "error" that ends classifying a list, map or object: such a value
/// is written whole as JSV instead.
fn compound() -> Error {
    Error::new(Category::Unsupported, COMPOUND)
}

const COMPOUND: &str = "a compound value";

impl Serializer for &mut Capture<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self> {
        Ok(self)
    }

    fn serialize_bool(self, _: bool) -> Result<()> {
        not_a_dto()
    }
    fn serialize_i8(self, _: i8) -> Result<()> {
        not_a_dto()
    }
    fn serialize_i16(self, _: i16) -> Result<()> {
        not_a_dto()
    }
    fn serialize_i32(self, _: i32) -> Result<()> {
        not_a_dto()
    }
    fn serialize_i64(self, _: i64) -> Result<()> {
        not_a_dto()
    }
    fn serialize_u8(self, _: u8) -> Result<()> {
        not_a_dto()
    }
    fn serialize_u16(self, _: u16) -> Result<()> {
        not_a_dto()
    }
    fn serialize_u32(self, _: u32) -> Result<()> {
        not_a_dto()
    }
    fn serialize_u64(self, _: u64) -> Result<()> {
        not_a_dto()
    }
    fn serialize_f32(self, _: f32) -> Result<()> {
        not_a_dto()
    }
    fn serialize_f64(self, _: f64) -> Result<()> {
        not_a_dto()
    }
    fn serialize_char(self, _: char) -> Result<()> {
        not_a_dto()
    }
    fn serialize_str(self, _: &str) -> Result<()> {
        not_a_dto()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<()> {
        not_a_dto()
    }
    fn serialize_none(self) -> Result<()> {
        not_a_dto()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<()> {
        not_a_dto()
    }
    fn serialize_unit(self) -> Result<()> {
        not_a_dto()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        not_a_dto()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<()> {
        not_a_dto()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<()> {
        not_a_dto()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        not_a_dto()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        not_a_dto()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        not_a_dto()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        not_a_dto()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        not_a_dto()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        not_a_dto()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        not_a_dto()
    }
}

// ---------------------------------------------------------------- escaping

/// Appends `text` escaped as .NET's `Uri.EscapeDataString` does (RFC 3986):
/// UTF-8, uppercase hex, only `A-Za-z0-9-._~` left as they are.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}
