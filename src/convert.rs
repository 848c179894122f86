//! Converting between formats by C# type name: what the command-line tool
//! does, as a library function.
//!
//! ```
//! use evovoice_codec::{convert, DecodeOptions, EncodeOptions, Format};
//!
//! let out = convert::convert(
//!     "Tag", Format::Json, Format::Json,
//!     br#"{"Name":"vip","COLOR":"gold"}"#,
//!     &DecodeOptions::default(), &EncodeOptions::default(),
//! )?;
//! assert_eq!(out, br#"{"name":"vip","color":"Gold"}"#);
//! # Ok::<(), evovoice_codec::Error>(())
//! ```

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Category, Error, Result};
use crate::format::Format;
use crate::model::*;
use crate::options::{DecodeOptions, EncodeOptions};
use crate::{csv, json, jsv, xml};

/// Decodes `input` in `format` as a `T`.
pub fn decode<T: DeserializeOwned + Describe>(
    format: Format,
    input: &[u8],
    options: &DecodeOptions,
) -> Result<T> {
    match format {
        Format::Json => json::from_slice_owned_with(input, options),
        Format::Jsv => jsv::from_slice_with(input, options),
        Format::Xml => xml::from_slice_with(input, options),
        Format::Csv => csv::from_slice_with(input, options),
    }
}

/// Encodes `value` in `format`.
pub fn encode<T: Serialize + Describe>(
    format: Format,
    value: &T,
    options: &EncodeOptions,
) -> Result<Vec<u8>> {
    match format {
        Format::Json => json::to_vec_with(value, options),
        Format::Jsv => jsv::to_vec_with(value, options),
        Format::Xml => xml::to_vec_with(value, options),
        // The schema gives CSV the exact C# header names, and the header of
        // an empty list.
        Format::Csv => csv::to_vec_typed(value, options),
    }
}

/// True when this build can read and write `format` (every format is built
/// now; kept so callers written when some were not still compile).
pub fn is_supported(format: Format) -> bool {
    matches!(
        format,
        Format::Json | Format::Jsv | Format::Xml | Format::Csv
    )
}

fn roundtrip<T: DeserializeOwned + Serialize + Describe>(
    from: Format,
    to: Format,
    input: &[u8],
    decode_options: &DecodeOptions,
    encode_options: &EncodeOptions,
) -> Result<Vec<u8>> {
    let value: T = decode(from, input, decode_options)?;
    encode(to, &value, encode_options)
}

macro_rules! type_table {
    ($( $name:literal => $ty:ty, )*) => {
        /// The C# type names [`convert`] accepts, in the order `types` lists them.
        pub const TYPE_NAMES: &[&str] = &[$($name),*];

        /// Decodes `input` as the type named `type_name` in format `from` and
        /// encodes it in format `to`.
        pub fn convert(
            type_name: &str,
            from: Format,
            to: Format,
            input: &[u8],
            decode_options: &DecodeOptions,
            encode_options: &EncodeOptions,
        ) -> Result<Vec<u8>> {
            match type_name {
                $( $name => roundtrip::<$ty>(from, to, input, decode_options, encode_options), )*
                other => Err(Error::new(
                    Category::Unsupported,
                    format!("unknown type `{other}`: expected one of {}", TYPE_NAMES.join(", ")),
                )),
            }
        }
    };
}

type_table! {
    "CustomerInfo" => CustomerInfo,
    "NewCustomer" => NewCustomer,
    "PatchCustomer" => PatchCustomer,
    "ListCustomers" => ListCustomers,
    "ListResponse<CustomerInfo>" => ListResponse<CustomerInfo>,
    "List<CustomerInfo>" => Vec<CustomerInfo>,
    "AccountInfo" => AccountInfo,
    "ListResponse<AccountInfo>" => ListResponse<AccountInfo>,
    "Struct" => Struct,
    "Value" => Value,
    "Schedule" => Schedule,
    "SchedulingRule" => SchedulingRule,
    "ScheduleDay" => ScheduleDay,
    "Tag" => Tag,
    "EntityInfo" => EntityInfo,
    "CustomerBreadcrumb" => CustomerBreadcrumb,
    "AppSettings" => AppSettings,
    "BillingSettings" => BillingSettings,
    "BillingItem" => BillingItem,
    "IntegrationData" => IntegrationData,
    "EntityIntegrationData" => EntityIntegrationData,
    "ErrorResponse" => ErrorResponse,
    "ResponseStatus" => ResponseStatus,
    "ResponseError" => ResponseError,
}
