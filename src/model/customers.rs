//! `Voice.Api.Customers`: customers, their requests and app settings.

use super::accounts::BillingSettings;
use super::api::{CustomerListRequest, EntityInfo, ListResponse};
use super::flows::Struct;
use super::integrations::EntityIntegrationData;
use super::scheduling::Schedule;
use super::settings::Tag;
use crate::dto;

dto! {
    /// App / portal settings of a customer.
    pub struct AppSettings in "Voice.Api.Customers" {
        /// Enable phone number management.
        EnablePhoneNumberManagement / enablePhoneNumberManagement => pub enable_phone_number_management: bool,
        /// Enable device management.
        EnableDeviceManagement / enableDeviceManagement => pub enable_device_management: bool,
        /// Enable the dialer.
        EnableDialer / enableDialer => pub enable_dialer: bool,
        /// Enable call history.
        EnableCallHistory / enableCallHistory => pub enable_call_history: bool,
        /// Enable assistants (newer servers only).
        EnableAssistants / enableAssistants => pub enable_assistants: bool,
        /// Show the file name in the message center.
        ShowFileNameInMessageCenter / showFileNameInMessageCenter => pub show_file_name_in_message_center: bool,
        /// The Chakra UI theme.
        ChakraTheme / chakraTheme => pub chakra_theme: Option<String>,
        /// Custom CSS.
        CustomCss / customCss => pub custom_css: Option<String>,
        /// The page title.
        PageTitle / pageTitle => pub page_title: Option<String>,
        /// String mappings.
        StringMappings / stringMappings => pub string_mappings: Option<String>,
        /// Where to go after logout.
        LogoutUrl / logoutUrl => pub logout_url: Option<String>,
        /// The port-my-number page.
        PortMyNumberUrl / portMyNumberUrl => pub port_my_number_url: Option<String>,
    }
}

dto! {
    /// One step of the breadcrumb to a customer.
    pub struct CustomerBreadcrumb in "Voice.Api.Customers" {
        /// The customer's ID.
        Id / id => pub id: Option<String>,
        /// The customer's name.
        Name / name => pub name: Option<String>,
    }
}

dto! {
    /// A customer, as the API returns it.
    pub struct CustomerInfo in "Voice.Api.Customers" extends entity: EntityInfo {
        /// The ID of the account associated with this customer.
        AccountId / accountId => pub account_id: Option<String>,
        /// The parent customer ID for this customer.
        ParentCustomerId / parentCustomerId => pub parent_customer_id: Option<String>,
        /// The breadcrumb to this customer.
        Breadcrumb / breadcrumb => pub breadcrumb: Option<Vec<CustomerBreadcrumb>>,
        /// The name of the account associated with this customer.
        AccountName / accountName => pub account_name: Option<String>,
        /// Is this customer staging or production?
        IsStaging / isStaging => pub is_staging: bool,
        /// The name of the company.
        Name / name => pub name: Option<String>,
        /// The reference ID for this company.
        ReferenceId / referenceId => pub reference_id: Option<String>,
        /// This customer's data values.
        Data / data => pub data: Option<Struct>,
        /// The list of tags for this customer.
        Tags / tags => pub tags: Option<Vec<Tag>>,
        /// This customer's schedule.
        Schedule / schedule => pub schedule: Option<Schedule>,
        /// Integration data for this customer.
        IntegrationData / integrationData => pub integration_data: Option<EntityIntegrationData>,
        /// Override this customer's billing settings? Otherwise inherits from parent.
        OverrideBillingSettings / overrideBillingSettings => pub override_billing_settings: bool,
        /// Billing settings for this customer.
        BillingSettings / billingSettings => pub billing_settings: Option<BillingSettings>,
        /// Should this customer override the parent customer's app settings.
        OverrideAppSettings / overrideAppSettings => pub override_app_settings: bool,
        /// App / Portal settings for this customer.
        AppSettings / appSettings => pub app_settings: Option<AppSettings>,
    }
}

dto! {
    /// Creates a new customer (`POST /customers`).
    pub struct NewCustomer in "Voice.Api.Customers" {
        /// The account ID to associate this customer with.
        AccountId / accountId => pub account_id: Option<String>,
        /// The name of the customer.
        Name / name => pub name: Option<String>,
        /// The parent customer for this customer.
        ParentCustomerId / parentCustomerId => pub parent_customer_id: Option<String>,
        /// The reference ID for this customer (e.g. in a third party system).
        ReferenceId / referenceId => pub reference_id: Option<String>,
        /// Data values for this customer.
        Data / data => pub data: Option<Struct>,
    }
    at POST "/customers" returns CustomerInfo
}

dto! {
    /// Updates a specific customer (`PATCH /customers/{customerId}`); a patch
    /// leaves out what it does not change.
    pub struct PatchCustomer in "Voice.Api.Customers" {
        /// The ID of the customer you want to update.
        CustomerId / customerId => pub customer_id: Option<String>,
        /// The name for the customer.
        Name / name => pub name: Option<String>,
        /// The parent customer for this customer.
        ParentCustomerId / parentCustomerId => pub parent_customer_id: Option<String>,
        /// The reference ID for this customer (e.g. in a third party system).
        ReferenceId / referenceId => pub reference_id: Option<String>,
        /// Data values for this customer.
        Data / data => pub data: Option<Struct>,
        /// The list of tag IDs for this customer.
        TagIds / tagIds => pub tag_ids: Option<Vec<Option<String>>>,
        /// This customer's schedule.
        Schedule / schedule => pub schedule: Option<Schedule>,
        /// Override this customer's billing settings? Otherwise inherits from parent.
        OverrideBillingSettings / overrideBillingSettings => pub override_billing_settings: Option<bool>,
        /// Updated billing settings for this customer.
        BillingSettings / billingSettings => pub billing_settings: Option<BillingSettings>,
        /// Should this customer override the parent customer's app settings.
        OverrideAppSettings / overrideAppSettings => pub override_app_settings: Option<bool>,
        /// App / Portal settings for this customer.
        AppSettings / appSettings => pub app_settings: Option<AppSettings>,
    }
    at PATCH "/customers/{customerId}" returns CustomerInfo
}

dto! {
    /// Retrieves customers (`GET /customers`).
    pub struct ListCustomers in "Voice.Api.Customers" extends request: CustomerListRequest {
        /// Filter by accounts.
        AccountIds / accountIds => pub account_ids: Option<Vec<Option<String>>>,
        /// Filter by name.
        NameFilter / nameFilter => pub name_filter: Option<String>,
        /// The IDs of the parent customers you want to filter by.
        ParentCustomerIds / parentCustomerIds => pub parent_customer_ids: Option<Vec<Option<String>>>,
        /// If you want a shallow parent customer filter (e.g. no deep children).
        ShallowParent / shallowParent => pub shallow_parent: bool,
        /// The list of tag IDs to filter by (must contain all).
        TagIds / tagIds => pub tag_ids: Option<Vec<Option<String>>>,
    }
    at GET "/customers" returns ListResponse<CustomerInfo>
}
