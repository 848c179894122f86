//! `Voice.Api.Accounts`: accounts and billing.

use super::api::EntityInfo;
use crate::dto;

dto! {
    /// The price of one billable item.
    pub struct BillingItem in "Voice.Api.Accounts" {
        /// The base cost.
        BaseCost / baseCost => pub base_cost: f64,
        /// The raw unit multiplier.
        RawUnitMultiplier / rawUnitMultiplier => pub raw_unit_multiplier: f64,
        /// The cost per unit.
        UnitCost / unitCost => pub unit_cost: f64,
        /// The units included.
        Allowance / allowance => pub allowance: i32,
    }
}

dto! {
    /// Billing settings: one [`BillingItem`] per billable service.
    pub struct BillingSettings in "Voice.Api.Accounts" {
        /// Base.
        Base / base => pub base: Option<BillingItem>,
        /// Local numbers.
        LocalNumbers / localNumbers => pub local_numbers: Option<BillingItem>,
        /// Toll-free numbers.
        TollFreeNumbers / tollFreeNumbers => pub toll_free_numbers: Option<BillingItem>,
        /// Inbound voice calls.
        InboundVoiceCalls / inboundVoiceCalls => pub inbound_voice_calls: Option<BillingItem>,
        /// Outbound voice calls.
        OutboundVoiceCalls / outboundVoiceCalls => pub outbound_voice_calls: Option<BillingItem>,
        /// Inbound faxes.
        InboundFaxes / inboundFaxes => pub inbound_faxes: Option<BillingItem>,
        /// Outbound faxes.
        OutboundFaxes / outboundFaxes => pub outbound_faxes: Option<BillingItem>,
        /// Inbound SMS messages.
        InboundSmsMessages / inboundSmsMessages => pub inbound_sms_messages: Option<BillingItem>,
        /// Outbound SMS messages.
        OutboundSmsMessages / outboundSmsMessages => pub outbound_sms_messages: Option<BillingItem>,
        /// AI insights (newer servers only).
        AIInsights / aiInsights => pub ai_insights: Option<BillingItem>,
        /// AI live minutes (newer servers only).
        AILiveMinutes / aiLiveMinutes => pub ai_live_minutes: Option<BillingItem>,
    }
}

dto! {
    /// An account.
    pub struct AccountInfo in "Voice.Api.Accounts" extends entity: EntityInfo {
        /// The name of this account.
        Name / name => pub name: Option<String>,
        /// The ID of this account's parent.
        ParentAccountId / parentAccountId => pub parent_account_id: Option<String>,
        /// The twilio account SID.
        TwilioAccountSid / twilioAccountSid => pub twilio_account_sid: Option<String>,
        /// The ancestors of this account. Useful for breadcrumbs.
        AncestorIds / ancestorIds => pub ancestor_ids: Option<Vec<Option<String>>>,
        /// The max number of phone numbers this account can have.
        MaxPhoneNumbers / maxPhoneNumbers => pub max_phone_numbers: i32,
        /// This account is BYOA.
        IsBYOA / isBYOA => pub is_byoa: bool,
        /// TrustHub Profile Sid.
        TrustHubProfileSid / trustHubProfileSid => pub trust_hub_profile_sid: Option<String>,
        /// The ID of the logo file.
        LogoId / logoId => pub logo_id: Option<String>,
        /// The URI of the logo file.
        LogoUri / logoUri => pub logo_uri: Option<String>,
        /// The billing settings for this account.
        BillingSettings / billingSettings => pub billing_settings: Option<BillingSettings>,
    }
}
