//! The operations by name, for the tool and for callers that only know an
//! operation's name (a router, a test harness).

use super::{BindError, Incoming};
use crate::error::{excerpt, Category, Error, Result};
use crate::format::Format;
use crate::model::{ListCustomers, NewCustomer, Operation, PatchCustomer};
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
