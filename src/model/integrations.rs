//! `Voice.Api.Integrations`: third-party IDs of an entity.

use super::dictionary::{Dictionary, DictionaryValue};
use super::schema::{Describe, DictionaryInfo, TypeInfo};
use crate::dto;

dto! {
    /// An entity's identity in one third-party system.
    pub struct IntegrationData in "Voice.Api.Integrations" {
        /// The ID in the third-party system.
        ThirdPartyId / thirdPartyId => pub third_party_id: Option<String>,
    }
}

/// Integration name → [`IntegrationData`], insertion-ordered (C#
/// `EntityIntegrationData : Dictionary<string, IntegrationData>`).
pub type EntityIntegrationData = Dictionary<IntegrationData>;

static INTEGRATION_INFO: DictionaryInfo = DictionaryInfo {
    name: "EntityIntegrationData",
    namespace: "Voice.Api.Integrations",
    key: &TypeInfo::String,
    value: || <IntegrationData as Describe>::TYPE,
};

static INTEGRATION_TYPE: TypeInfo = TypeInfo::Dictionary(&INTEGRATION_INFO);

impl DictionaryValue for IntegrationData {
    const DICTIONARY: &'static TypeInfo = &INTEGRATION_TYPE;
}

impl IntegrationData {
    /// Integration data with this third-party ID.
    pub fn new(third_party_id: impl Into<String>) -> Self {
        IntegrationData {
            third_party_id: Some(third_party_id.into()),
        }
    }
}
