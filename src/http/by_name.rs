//! The operations by name, for the tool and for callers that only know an
//! operation's name (a router, a test harness).

use super::{BindError, Incoming};
use crate::error::{excerpt, Category, Error, Result};
use crate::format::Format;
use crate::model::{ListCustomers, Method, NewCustomer, Operation, PatchCustomer};
use crate::options::{DecodeOptions, EncodeOptions};

fn url_of<T: Operation>(
    format: Format,
    input: &[u8],
    decode: &DecodeOptions,
    encode: &EncodeOptions,
) -> Result<String> {
    let request: T = crate::convert::decode(format, input, decode)?;
    super::url_with(&request, T::METHOD, encode)
}

/// Where a request's method and path lead: the operation, the format a
/// path suffix or predefined route asks for, and the path's variables (by
/// the member's C# name, decoded as the binder reads them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteMatch {
    /// The operation's name (its request DTO's).
    pub operation: &'static str,
    /// The response format the path names (`/customers.xml`,
    /// `/jsv/reply/…`), if it names one; `/api/…` is JSON.
    pub format: Option<Format>,
    /// The path variables, `("CustomerId", "c 1")`.
    pub variables: Vec<(String, String)>,
}

fn route_of<T: Operation>(method: Method, path: &str) -> Option<RouteMatch> {
    let decoded = super::params::decode_path(path);
    let variables = super::bind::match_path::<T>(method, &decoded).ok()?;
    let stripped = super::bind::strip_format_suffix(&decoded);
    let suffix = Format::from_extension(&decoded).filter(|_| stripped.len() < decoded.len());
    let mut parts = stripped.split('/').filter(|p| !p.is_empty());
    let predefined = match (parts.next(), parts.next()) {
        (Some(api), _) if api.eq_ignore_ascii_case("api") && variables.is_empty() => {
            Some(Format::Json)
        }
        (Some(format), Some(reply)) if reply.eq_ignore_ascii_case("reply") => {
            Format::from_name(format)
        }
        _ => None,
    };
    Some(RouteMatch {
        operation: T::NAME,
        format: suffix.or(predefined),
        variables,
    })
}

fn bind_of<T: Operation>(
    request: &Incoming<'_>,
    decode: &DecodeOptions,
    format: Format,
    encode: &EncodeOptions,
) -> Result<std::result::Result<Vec<u8>, BindError>> {
    match super::bind_with::<T>(request, decode) {
        Ok(value) => crate::convert::encode(format, &value, encode).map(Ok),
        Err(e) => Ok(Err(e)),
    }
}

macro_rules! operations {
    ($($ty:ident,)*) => {
        /// The names of the operations the service has (its request DTOs).
        pub const OPERATION_NAMES: &[&str] = &[$(stringify!($ty)),*];

        /// Decodes `input` in `format` as the request DTO of the operation
        /// named `name` and gives its [`url`](super::url).
        ///
        /// ```
        /// use evovoice_codec::{http, DecodeOptions, EncodeOptions, Format};
        ///
        /// let url = http::url_of_named(
        ///     "PatchCustomer",
        ///     Format::Json,
        ///     br#"{"customerId":"c 1","name":"N"}"#,
        ///     &DecodeOptions::new(),
        ///     &EncodeOptions::new(),
        /// )?;
        /// assert_eq!(url, "/customers/c%201");
        /// # Ok::<(), evovoice_codec::Error>(())
        /// ```
        pub fn url_of_named(
            name: &str,
            format: Format,
            input: &[u8],
            decode: &DecodeOptions,
            encode: &EncodeOptions,
        ) -> Result<String> {
            match name {
                $( stringify!($ty) => url_of::<$ty>(format, input, decode, encode), )*
                other => Err(unknown_operation(other)),
            }
        }

        /// The operation a request's method and path (without its query)
        /// lead to, as a ServiceStack server routes it: the declared routes
        /// with their variables, a format suffix, the predefined routes.
        ///
        /// ```
        /// use evovoice_codec::http::{self, Method};
        /// use evovoice_codec::Format;
        ///
        /// let m = http::find_route(Method::Patch, "/customers/c%201.xml").unwrap();
        /// assert_eq!(m.operation, "PatchCustomer");
        /// assert_eq!(m.format, Some(Format::Xml));
        /// assert_eq!(m.variables, [("CustomerId".to_owned(), "c 1".to_owned())]);
        /// let m = http::find_route(Method::Get, "/jsv/reply/ListCustomers").unwrap();
        /// assert_eq!((m.operation, m.format), ("ListCustomers", Some(Format::Jsv)));
        /// assert_eq!(http::find_route(Method::Delete, "/customers"), None);
        /// ```
        pub fn find_route(method: Method, path: &str) -> Option<RouteMatch> {
            None $( .or_else(|| route_of::<$ty>(method, path)) )*
        }

        /// Binds `request` to the request DTO of the operation named
        /// `name` (see [`bind`](super::bind)) and encodes the DTO in
        /// `format`; the inner error is the binding failure.
        pub fn bind_named(
            name: &str,
            request: &Incoming<'_>,
            decode: &DecodeOptions,
            format: Format,
            encode: &EncodeOptions,
        ) -> Result<std::result::Result<Vec<u8>, BindError>> {
            match name {
                $( stringify!($ty) => bind_of::<$ty>(request, decode, format, encode), )*
                other => Err(unknown_operation(other)),
            }
        }
    };
}

operations! {
    ListCustomers,
    NewCustomer,
    PatchCustomer,
}

fn unknown_operation(name: &str) -> Error {
    Error::new(
        Category::Unsupported,
        format!(
            "unknown operation {}: expected one of {}",
            excerpt(name),
            OPERATION_NAMES.join(", ")
        ),
    )
}
