//! XML as the .NET DataContractSerializer writes it (ServiceStack's
//! `application/xml`).
//!
//! ```
//! use evovoice_codec::model::{CustomerInfo, Describe, ListResponse};
//! use evovoice_codec::xml::contract::contract;
//!
//! let c = contract(<ListResponse<CustomerInfo>>::TYPE);
//! assert_eq!(c.name, "ListResponseOfCustomerInfoznfKbIMc");
//! ```
//!
//! # Data contracts
//!
//! Element names, namespaces and member order come from each type's
//! declaration (see [`contract`]). A type of your own gets a contract by
//! being declared with [`dto!`](crate::dto): nothing else is needed.

pub mod contract;
