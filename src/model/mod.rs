//! The DTOs of the Evo Voice customers API, and the mechanism that describes
//! them to every format.
//!
//! # One declaration per type
//!
//! Each class is declared once, with the [`dto!`](crate::dto) macro, and each
//! enum with [`dotnet_enum!`](crate::dotnet_enum). A declaration names the C#
//! class, its CLR namespace, its base class and, for each member in C#
//! declaration order, the C# name, the camelCase wire name, the Rust field and
//! its type. From that one list the macro builds:
//!
//! - a static [`ClassInfo`] ([`Dto::CLASS`]), which the formats read for
//!   names, namespaces and order: JSON and JSV write own members then the
//!   base class's, CSV uses the C# names as headers in that order, XML sorts
//!   each class's members by ordinal name, base class first;
//! - `serde::Serialize`, which writes the non-null members in ServiceStack's
//!   order and calls `skip_field` for null ones (so a format that writes
//!   every member, like XML, still sees them);
//! - `serde::Deserialize`, which matches member names case-insensitively,
//!   skips unknown members (or rejects them in strict mode), rejects
//!   duplicates, and reads values tolerantly as ServiceStack does
//!   (see [`field`]);
//! - a direct reading path with the same rules, by member index, for a
//!   decoder that reads one element at a time (XML), where serde's
//!   visitors would cost more than reading the input.
//!
//! No format keeps a field list of its own. C# types map to Rust as the C#
//! listing says: a non-nullable `bool`/`int`/`double`/enum is a plain value
//! that is always written; a nullable one (`bool?`, `double?`) or any
//! reference type (`string`, lists, classes) is an `Option`.
//!
//! ```
//! use evovoice_codec::model::{CustomerInfo, Dto, Struct, TagColors, Tag};
//!
//! let mut customer = CustomerInfo::default();
//! customer.name = Some("Acme".into());
//! customer.entity.id = Some("c1".into());
//! customer.tags = Some(vec![Tag { id: None, name: Some("vip".into()), color: TagColors::Gold }]);
//! customer.data = Some(Struct::new().with("seats", 12.0));
//!
//! let members: Vec<_> = CustomerInfo::CLASS.json_order().map(|m| m.json_name).collect();
//! assert_eq!(members.first(), Some(&"accountId"));
//! assert_eq!(members.last(), Some(&"lastModifiedBy"));
//! ```

mod accounts;
mod api;
mod customers;
mod dictionary;
mod errors;
pub mod field;
mod flows;
mod integrations;
pub(crate) mod macros;
mod operation;
#[doc(hidden)]
pub mod pull;
mod scheduling;
mod schema;
mod settings;

pub use accounts::{AccountInfo, BillingItem, BillingSettings};
pub use api::{CustomerListRequest, EntityInfo, ListRequest, ListResponse, SortOrders};
pub use customers::{
    AppSettings, CustomerBreadcrumb, CustomerInfo, ListCustomers, NewCustomer, PatchCustomer,
};
pub use dictionary::{Dictionary, DictionaryValue, IntoIter as DictionaryIntoIter};
pub use errors::{ErrorResponse, ResponseError, ResponseStatus};
pub use field::{DotNetEnum, Dto, Field};
pub use flows::{Struct, Value};
pub use integrations::{EntityIntegrationData, IntegrationData};
pub use operation::{Method, Operation, Route, UnknownMethod};
#[doc(hidden)]
pub use pull::Pull;
pub use scheduling::{
    DayOfWeek, Schedule, ScheduleDay, SchedulingRule, SchedulingRuleFrequency,
    SimpleSchedulingRuleTypes,
};
pub(crate) use schema::same_text;
pub use schema::{
    camel_case, ClassInfo, DataContract, Describe, DictionaryInfo, EnumInfo, MemberInfo,
    MemberOrder, TypeInfo,
};
pub use settings::{Tag, TagColors};

#[cfg(test)]
mod tests;
