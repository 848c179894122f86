//! Request DTOs as operations of the service: the HTTP method, the routes
//! and the response type each one declares, in its one
//! [`dto!`](crate::dto) declaration (`at PATCH "/customers/{customerId}"
//! returns CustomerInfo`), as ServiceStack's `[Route]` attributes and
//! `IReturn<T>` say them.
//!
//! ```
//! use evovoice_codec::model::{ListCustomers, Method, Operation, PatchCustomer};
//!
//! assert_eq!(ListCustomers::NAME, "ListCustomers");
//! assert_eq!(ListCustomers::METHOD, Method::Get);
//! assert_eq!(PatchCustomer::ROUTES[0].path, "/customers/{customerId}");
//! assert_eq!(PatchCustomer::ROUTES[0].methods, [Method::Patch]);
//! ```

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Dto;

/// An HTTP method a route answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: the request travels in the query string.
    Get,
    /// `POST`: the request travels in the body.
    Post,
    /// `PUT`: the request travels in the body.
    Put,
    /// `PATCH`: the request travels in the body.
    Patch,
    /// `DELETE`: the request travels in the query string.
    Delete,
    /// `HEAD`: the request travels in the query string.
    Head,
    /// `OPTIONS`: the request travels in the query string.
    Options,
}

impl Method {
    /// Every method, in the order above.
    pub const ALL: [Method; 7] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Head,
        Method::Options,
    ];

    /// The method's name as HTTP spells it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    /// True when ServiceStack's clients send the request DTO as the body
    /// (`POST`, `PUT`, `PATCH`) rather than in the query string.
    pub fn has_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A method name that is none of [`Method`]'s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownMethod(pub String);

impl fmt::Display for UnknownMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown HTTP method {}", crate::error::excerpt(&self.0))
    }
}

impl std::error::Error for UnknownMethod {}

impl FromStr for Method {
    type Err = UnknownMethod;

    /// Reads a method name in any letter case, as HTTP servers compare them
    /// (`get`, `Patch`).
    fn from_str(s: &str) -> Result<Method, UnknownMethod> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownMethod(s.to_owned()))
    }
}

/// One route of an operation, as a `[Route(path, verbs)]` attribute gives
/// it: a path template whose `{member}` parts are filled from the request
/// DTO, and the methods it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// The path template, such as `/customers/{customerId}`.
    pub path: &'static str,
    /// The methods the route answers.
    pub methods: &'static [Method],
}

impl Route {
    /// True when the route answers `method`.
    pub fn answers(&self, method: Method) -> bool {
        self.methods.contains(&method)
    }

    /// The names in the template's `{…}` parts, in order.
    pub fn variables(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
    }
}

/// A request DTO: an operation of the service, with its routes and the type
/// of its response (ServiceStack's `IReturn<T>` plus the `[Route]`
/// attributes). The [`dto!`](crate::dto) declaration implements it when the
/// class names its routes (`at GET "/customers" returns …`).
pub trait Operation: Dto + Serialize + DeserializeOwned {
    /// What a successful call returns.
    type Response: Dto + Serialize + DeserializeOwned;
    /// The operation's name: the request DTO's C# class name, as the
    /// predefined routes (`/json/reply/ListCustomers`) and binding errors
    /// name it.
    const NAME: &'static str;
    /// The routes, in declaration order.
    const ROUTES: &'static [Route];
    /// The method a client uses: the first route's first.
    const METHOD: Method;
}
