//! `ServiceStack`: the error bodies every ServiceStack service sends,
//! [`ErrorResponse`] holding a [`ResponseStatus`] with its field
//! [`ResponseError`]s.
//!
//! They are ServiceStack's own `[DataContract]` classes, so unlike the Evo
//! Voice DTOs their XML is in the namespace
//! `http://schemas.servicestack.net/types` (the assembly's
//! `ContractNamespace`) and their members come in `DataMember` order, not
//! by name. A null item in `errors` is written `{}` in JSON and JSV (so it
//! reads back as an empty error) and `i:nil="true"` in XML. CSV writes an
//! `ErrorResponse` as the header `ResponseStatus` and one cell of JSV, and
//! a bare `ResponseStatus` as the rows of its `errors`.
//!
//! ```
//! use evovoice_codec::model::{ErrorResponse, ResponseError, ResponseStatus};
//! use evovoice_codec::{csv, json, xml};
//!
//! let body = ErrorResponse::from(
//!     ResponseStatus::new("NotEmpty", "'Name' must not be empty.")
//!         .with_error(ResponseError::new("NotEmpty", "Name", "'Name' must not be empty.")
//!             .with_meta("PropertyName", "Name")),
//! );
//! assert_eq!(
//!     json::to_string(&body)?,
//!     r#"{"responseStatus":{"errorCode":"NotEmpty","message":"'Name' must not be empty.","errors":[{"errorCode":"NotEmpty","fieldName":"Name","message":"'Name' must not be empty.","meta":{"PropertyName":"Name"}}]}}"#
//! );
//! assert!(xml::to_string(&body)?.contains(
//!     r#"<ErrorResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.servicestack.net/types"><ResponseStatus><ErrorCode>NotEmpty</ErrorCode><Message>"#
//! ));
//! assert_eq!(
//!     csv::to_string(body.status().unwrap())?,
//!     "ErrorCode,FieldName,Message,Meta\r\nNotEmpty,Name,'Name' must not be empty.,\"{PropertyName:Name}\"\r\n"
//! );
//!
//! // Reading one back, as a client does.
//! let body: ErrorResponse = json::from_str(r#"{"ResponseStatus":{"ErrorCode":"Forbidden","Message":"Invalid Role"}}"#)?;
//! assert_eq!(body.error_code(), Some("Forbidden"));
//! assert_eq!(body.message(), Some("Invalid Role"));
//! # Ok::<(), evovoice_codec::Error>(())
//! ```

use super::dictionary::Dictionary;
use crate::dto;

dto! {
    /// One error of a [`ResponseStatus`], usually a failed validation of
    /// one field (C# `ServiceStack.ResponseError`).
    pub struct ResponseError in "ServiceStack"
        contract "http://schemas.servicestack.net/types" order declared
    {
        /// The error code, e.g. `NotEmpty` (a validator's name).
        ErrorCode / errorCode => pub error_code: Option<String>,
        /// The request member the error is about, e.g. `Name`.
        FieldName / fieldName => pub field_name: Option<String>,
        /// The message for a person.
        Message / message => pub message: Option<String>,
        /// More about the error (FluentValidation puts `PropertyName`,
        /// `PropertyValue`, `ComparisonValue` here).
        Meta / meta => pub meta: Option<Dictionary<String>>,
    }
}

dto! {
    /// What went wrong with a request (C# `ServiceStack.ResponseStatus`):
    /// the body of an [`ErrorResponse`], and the `ResponseStatus` member of
    /// a response DTO.
    pub struct ResponseStatus in "ServiceStack"
        contract "http://schemas.servicestack.net/types" order declared
    {
        /// The error code, e.g. `NotFound` or the exception's type name.
        ErrorCode / errorCode => pub error_code: Option<String>,
        /// The message for a person.
        Message / message => pub message: Option<String>,
        /// The server's stack trace (only in debug mode).
        StackTrace / stackTrace => pub stack_trace: Option<String>,
        /// The field errors; an item may be null (see the module notes).
        Errors / errors => pub errors: Option<Vec<Option<ResponseError>>>,
        /// More about the error.
        Meta / meta => pub meta: Option<Dictionary<String>>,
    }
}

dto! {
    /// The body a ServiceStack service sends with an error status, when
    /// the operation's response type has no `ResponseStatus` of its own
    /// (C# `ServiceStack.ErrorResponse`).
    pub struct ErrorResponse in "ServiceStack"
        contract "http://schemas.servicestack.net/types" order declared
    {
        /// What went wrong.
        ResponseStatus / responseStatus => pub response_status: Option<ResponseStatus>,
    }
}

impl ResponseError {
    /// An error with a code, the field it is about and a message.
    ///
    /// ```
    /// use evovoice_codec::model::ResponseError;
    ///
    /// let e = ResponseError::new("GreaterThan", "CountPerPage", "'Count Per Page' must be greater than '0'.")
    ///     .with_meta("ComparisonValue", "0");
    /// assert_eq!(e.field_name.as_deref(), Some("CountPerPage"));
    /// assert_eq!(e.meta_value("ComparisonValue"), Some("0"));
    /// ```
    pub fn new(
        error_code: impl Into<String>,
        field_name: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ResponseError {
            error_code: Some(error_code.into()),
            field_name: Some(field_name.into()),
            message: Some(message.into()),
            meta: None,
        }
    }

    /// The error with `key` set to `value` in its `meta` (created if null).
    pub fn with_meta(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        set_meta(&mut self.meta, key.into(), value.into());
        self
    }

    /// The value at `key` in `meta`; `None` when either is absent or null.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        meta_value(&self.meta, key)
    }
}

impl ResponseStatus {
    /// A status with a code and a message and an empty error list, as a
    /// ServiceStack server builds one (`DtoUtils.CreateResponseStatus`), so
    /// that it is written as the server writes it (`"errors":[]`). C#'s
    /// `new ResponseStatus(errorCode, message)` leaves the list null: set
    /// `errors` to `None` for that.
    ///
    /// ```
    /// use evovoice_codec::json;
    /// use evovoice_codec::model::ResponseStatus;
    ///
    /// let status = ResponseStatus::new("NotFound", "Customer not found");
    /// assert_eq!(
    ///     json::to_string(&status)?,
    ///     r#"{"errorCode":"NotFound","message":"Customer not found","errors":[]}"#
    /// );
    /// # Ok::<(), evovoice_codec::Error>(())
    /// ```
    pub fn new(error_code: impl Into<String>, message: impl Into<String>) -> Self {
        ResponseStatus {
            error_code: Some(error_code.into()),
            message: Some(message.into()),
            stack_trace: None,
            errors: Some(Vec::new()),
            meta: None,
        }
    }

    /// The status with `error` added last to `errors` (created if null).
    ///
    /// ```
    /// use evovoice_codec::model::{ResponseError, ResponseStatus};
    ///
    /// let status = ResponseStatus::new("NotEmpty", "'Name' must not be empty.")
    ///     .with_error(ResponseError::new("NotEmpty", "Name", "'Name' must not be empty."))
    ///     .with_error(ResponseError::new("Email", "Email", "'Email' is not a valid email address."));
    /// let fields: Vec<_> = status.field_errors().filter_map(|e| e.field_name.as_deref()).collect();
    /// assert_eq!(fields, ["Name", "Email"]);
    /// assert_eq!(status.error_for("Email").and_then(|e| e.error_code.as_deref()), Some("Email"));
    /// ```
    pub fn with_error(mut self, error: ResponseError) -> Self {
        self.errors.get_or_insert_with(Vec::new).push(Some(error));
        self
    }

    /// The status with this stack trace.
    pub fn with_stack_trace(mut self, stack_trace: impl Into<String>) -> Self {
        self.stack_trace = Some(stack_trace.into());
        self
    }

    /// The status with `key` set to `value` in its `meta` (created if null).
    pub fn with_meta(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        set_meta(&mut self.meta, key.into(), value.into());
        self
    }

    /// The errors of the list in order, null items left out.
    pub fn field_errors(&self) -> impl Iterator<Item = &ResponseError> {
        self.errors.iter().flatten().flatten()
    }

    /// The first error whose `field_name` is `field_name`, in any letter
    /// case (ServiceStack matches request members so).
    pub fn error_for(&self, field_name: &str) -> Option<&ResponseError> {
        self.field_errors().find(|e| {
            e.field_name
                .as_deref()
                .is_some_and(|f| f.eq_ignore_ascii_case(field_name))
        })
    }

    /// The value at `key` in `meta`; `None` when either is absent or null.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        meta_value(&self.meta, key)
    }
}

impl ErrorResponse {
    /// The body of [`ResponseStatus::new`]`(error_code, message)`.
    ///
    /// ```
    /// use evovoice_codec::{json, jsv};
    /// use evovoice_codec::model::ErrorResponse;
    ///
    /// let body = ErrorResponse::new("Unauthorized", "Not Authenticated");
    /// assert_eq!(
    ///     jsv::to_string(&body)?,
    ///     "{responseStatus:{errorCode:Unauthorized,message:Not Authenticated,errors:[]}}"
    /// );
    /// let back: ErrorResponse = json::from_str(&json::to_string(&body)?)?;
    /// assert_eq!(back, body);
    /// # Ok::<(), evovoice_codec::Error>(())
    /// ```
    pub fn new(error_code: impl Into<String>, message: impl Into<String>) -> Self {
        ResponseStatus::new(error_code, message).into()
    }

    /// The status, when the body has one.
    pub fn status(&self) -> Option<&ResponseStatus> {
        self.response_status.as_ref()
    }

    /// The status's error code.
    pub fn error_code(&self) -> Option<&str> {
        self.status()?.error_code.as_deref()
    }

    /// The status's message.
    pub fn message(&self) -> Option<&str> {
        self.status()?.message.as_deref()
    }
}

impl From<ResponseStatus> for ErrorResponse {
    fn from(status: ResponseStatus) -> Self {
        ErrorResponse {
            response_status: Some(status),
        }
    }
}

fn set_meta(meta: &mut Option<Dictionary<String>>, key: String, value: String) {
    meta.get_or_insert_with(Dictionary::new).insert(key, value);
}

fn meta_value<'a>(meta: &'a Option<Dictionary<String>>, key: &str) -> Option<&'a str> {
    meta.as_ref()?.get(key).map(String::as_str)
}
