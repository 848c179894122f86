//! The HTTP exchange around the bodies: operations and their routes, the
//! request URL and query string a ServiceStack client sends, and what a
//! ServiceStack server binds from a request, without any HTTP library:
//! plain strings and bytes in and out.
//!
//! ```
//! use evovoice_codec::http;
//! use evovoice_codec::model::{ListCustomers, Operation};
//!
//! let mut request = ListCustomers::default();
//! request.name_filter = Some("Acme Inc".into());
//! request.request.page = 2;
//! assert_eq!(ListCustomers::METHOD.as_str(), "GET");
//! assert_eq!(http::url(&request)?, "/customers?nameFilter=Acme%20Inc&page=2");
//! # Ok::<(), evovoice_codec::Error>(())
//! ```

mod bind;
mod by_name;
mod failure;
mod params;
mod url;

pub use self::bind::{bind, bind_with, error_body, BindError, FieldError, Incoming};
pub use self::by_name::{bind_named, find_route, url_of_named, RouteMatch, OPERATION_NAMES};
pub use self::failure::{read_error_body, Failure};
pub use self::params::Params;
pub use self::url::{api_path, predefined_path, request, request_with, url, url_with, HttpRequest};
pub use crate::model::{Method, Operation, Route, UnknownMethod};
