//! Failures as ServiceStack answers them, both ways: from what went wrong
//! to the HTTP status and `ErrorResponse` body a ServiceStack service sends,
//! and from an error response in any format back to its `ResponseStatus`.

use crate::error::Result;
use crate::format::Format;
use crate::model::{ErrorResponse, ResponseStatus};
use crate::options::{DecodeOptions, EncodeOptions};

use super::BindError;

/// What went wrong with a call, as a ServiceStack service tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// 400: the request did not bind to its DTO (see [`bind`](super::bind)).
    Binding(BindError),
    /// 400: the request is not valid; `error_code` is the exception's type
    /// (`ArgumentException`) or a validator's code (`NotEmpty`).
    BadRequest {
        /// The error code.
        error_code: String,
        /// The message.
        message: String,
    },
    /// 401: no authenticated caller.
    Unauthorized,
    /// 403: the caller has none of the roles the operation requires.
    Forbidden,
    /// 404: what the request names does not exist.
    NotFound(String),
    /// 405: the route does not answer the request's method.
    MethodNotAllowed(String),
    /// 500: the service failed; `error_code` is the exception's type.
    Internal {
        /// The error code.
        error_code: String,
        /// The message.
        message: String,
    },
}

impl Failure {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        match self {
            Failure::Binding(e) => e.status,
            Failure::BadRequest { .. } => 400,
            Failure::Unauthorized => 401,
            Failure::Forbidden => 403,
            Failure::NotFound(_) => 404,
            Failure::MethodNotAllowed(_) => 405,
            Failure::Internal { .. } => 500,
        }
    }

    /// The status line's description, as ServiceStack sets it: `Invalid
    /// Role` for a missing role, the standard reason phrase otherwise.
    pub fn status_description(&self) -> &'static str {
        match self {
            Failure::Binding(_) | Failure::BadRequest { .. } => "Bad Request",
            Failure::Unauthorized => "Unauthorized",
            Failure::Forbidden => "Invalid Role",
            Failure::NotFound(_) => "Not Found",
            Failure::MethodNotAllowed(_) => "Method Not Allowed",
            Failure::Internal { .. } => "Internal Server Error",
        }
    }

    /// The body: an `ErrorResponse` whose status has the error code, the
    /// message and a list of field errors (empty but for a binding
    /// failure), as a ServiceStack server builds it.
    ///
    /// ```
    /// use evovoice_codec::http::Failure;
    /// use evovoice_codec::json;
    ///
    /// let forbidden = Failure::Forbidden;
    /// assert_eq!((forbidden.status(), forbidden.status_description()), (403, "Invalid Role"));
    /// assert_eq!(
    ///     json::to_string(&forbidden.to_error_response())?,
    ///     r#"{"responseStatus":{"errorCode":"Forbidden","message":"Invalid Role","errors":[]}}"#
    /// );
    /// # Ok::<(), evovoice_codec::Error>(())
    /// ```
    pub fn to_error_response(&self) -> ErrorResponse {
        let (code, message) = match self {
            Failure::Binding(e) => return e.to_error_response(),
            Failure::BadRequest {
                error_code,
                message,
            }
            | Failure::Internal {
                error_code,
                message,
            } => (error_code.as_str(), message.as_str()),
            Failure::Unauthorized => ("Unauthorized", "Not Authenticated"),
            Failure::Forbidden => ("Forbidden", "Invalid Role"),
            Failure::NotFound(message) => ("NotFound", message.as_str()),
            Failure::MethodNotAllowed(message) => ("MethodNotAllowed", message.as_str()),
        };
        ErrorResponse::from(ResponseStatus::new(code, message))
    }

    /// The body in `format`.
    pub fn body(&self, format: Format, options: &EncodeOptions) -> Result<Vec<u8>> {
        crate::convert::encode(format, &self.to_error_response(), options)
    }
}

impl From<BindError> for Failure {
    fn from(e: BindError) -> Failure {
        Failure::Binding(e)
    }
}

/// Reads the `ResponseStatus` of an error response, in the format its
/// `Content-Type` names (JSON when it names none of the four). Any response
/// DTO with a `responseStatus` member reads, its other members skipped; a
/// body that is not ServiceStack's, or has no status, is `Ok(None)` rather
/// than an error, so a caller can still report the HTTP status alone.
///
/// ```
/// use evovoice_codec::http;
///
/// let body = br#"<?xml version="1.0" encoding="utf-8"?><ErrorResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.servicestack.net/types"><ResponseStatus><ErrorCode>NotFound</ErrorCode><Message>Customer not found</Message><StackTrace i:nil="true" /><Errors /><Meta xmlns:d3p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" i:nil="true" /></ResponseStatus></ErrorResponse>"#;
/// let status = http::read_error_body(Some("application/xml; charset=utf-8"), body).unwrap();
/// assert_eq!(status.error_code.as_deref(), Some("NotFound"));
/// assert_eq!(status.message.as_deref(), Some("Customer not found"));
/// assert_eq!(http::read_error_body(Some("text/html"), b"<html>Bad gateway</html>"), None);
/// ```
pub fn read_error_body(content_type: Option<&str>, body: &[u8]) -> Option<ResponseStatus> {
    let format = content_type
        .and_then(|c| Format::from_mime_type(c.split(';').next().unwrap_or("").trim()))
        .unwrap_or(Format::Json);
    let response: ErrorResponse =
        crate::convert::decode(format, body, &DecodeOptions::new()).ok()?;
    response.response_status
}
