//! The documented losses of each format, applied to a value: what
//! `decode_F(encode_F(x))` must equal. Nothing else may change.
//!
//! - JSON, JSV: dictionary entries whose value is null are left out
//!   (ServiceStack does that, FORMATS.md §1.4).
//! - CSV: the JSV losses in the cells that hold JSV, and a row's own string
//!   cells cannot tell null from `""` (FORMATS.md §4.3). A root dictionary
//!   (`Key,Value` and one pair per cell, §4.5) keeps its null entries.
//! - XML: a string or key with a character XML 1.0 cannot carry makes the
//!   encoder fail; CR and CRLF read back as LF (FORMATS.md §5.8, §6); null
//!   dictionary entries are kept (`i:nil`).

use evovoice_codec::model::*;
use evovoice_codec::Format;

/// What a round trip through a format must give.
#[derive(Debug, PartialEq)]
pub enum Expected<T> {
    /// Decoding gives back exactly this value.
    Value(T),
    /// Encoding must fail: the value holds text the format cannot carry.
    EncodeError,
    /// Encoding works, decoding must fail: two keys of one map become equal
    /// after the format's losses (XML: `k\r` and `k\n`).
    DecodeError,
}

/// The value `x` turns into after one trip through `format`.
pub fn normalize_for<T: Normalize + Clone>(format: Format, x: &T) -> Expected<T> {
    normalize_layout(format, false, x)
}

/// [`normalize_for`] for the compact (`pretty == false`) or pretty layout.
pub fn normalize_layout<T: Normalize + Clone>(format: Format, pretty: bool, x: &T) -> Expected<T> {
    let mut v = x.clone();
    let mut n = Normalizer {
        format,
        pretty,
        csv_row: format == Format::Csv,
        outcome: Outcome::Value,
        framework_overflow: false,
        non_finite: false,
    };
    v.normalize(&mut n);
    match n.outcome {
        Outcome::Value => Expected::Value(v),
        Outcome::EncodeError => Expected::EncodeError,
        Outcome::DecodeError => Expected::DecodeError,
    }
}

/// True for a character XML 1.0 can carry (the `Char` production).
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Outcome {
    Value,
    DecodeError,
    EncodeError,
}

/// The walk's state.
pub struct Normalizer {
    format: Format,
    /// The pretty layout (JSV quotes blank strings there).
    pretty: bool,
    /// The value being walked is a CSV row (its strings are cells).
    csv_row: bool,
    outcome: Outcome,
    framework_overflow: bool,
    non_finite: bool,
}

/// The smallest double whose 15-digit form (Framework `ToString()`,
/// `1.79769313486232E+308`) is past `f64::MAX`: that text cannot be read
/// back (the .NET Framework's parser throws `OverflowException` too), so a
/// value holding one has no Framework round trip at all.
pub const FRAMEWORK_OVERFLOW: f64 = 1.797693134862315e308;

/// True when `x` holds a double at or past [`FRAMEWORK_OVERFLOW`].
pub fn framework_overflows<T: Normalize + Clone>(x: &T) -> bool {
    numbers(x).framework_overflow
}

/// True when `x` holds an infinite or NaN double, which no encoder writes.
pub fn has_non_finite<T: Normalize + Clone>(x: &T) -> bool {
    numbers(x).non_finite
}

fn numbers<T: Normalize + Clone>(x: &T) -> Normalizer {
    let mut n = Normalizer {
        format: Format::Json,
        pretty: false,
        csv_row: false,
        outcome: Outcome::Value,
        framework_overflow: false,
        non_finite: false,
    };
    x.clone().normalize(&mut n);
    n
}

impl Normalizer {
    fn fail(&mut self, o: Outcome) {
        // An encode failure hides any later decode failure.
        if o == Outcome::EncodeError || self.outcome == Outcome::Value {
            self.outcome = o;
        }
    }

    fn number(&mut self, v: f64) {
        // Also true for infinities (and never for NaN, which no decoder
        // produces).
        if v.abs() >= FRAMEWORK_OVERFLOW {
            self.framework_overflow = true;
        }
        if !v.is_finite() {
            self.non_finite = true;
        }
    }

    fn text(&mut self, s: &mut String) {
        if self.format == Format::Xml {
            if !s.chars().all(xml_char) {
                self.fail(Outcome::EncodeError);
            }
            if s.contains('\r') {
                *s = s.replace("\r\n", "\n").replace('\r', "\n");
            }
        }
    }

    /// Walks a nested value: only the root (and, for a list root, its items)
    /// is a CSV row.
    fn nested<T: Normalize + ?Sized>(&mut self, v: &mut T) {
        let row = std::mem::replace(&mut self.csv_row, false);
        v.normalize(self);
        self.csv_row = row;
    }
}

/// A value the losses can be applied to.
pub trait Normalize {
    /// Applies the losses of `n`'s format in place.
    fn normalize(&mut self, n: &mut Normalizer);
    /// A null string (a list item JSV writes as nothing).
    fn is_null_string(&self) -> bool {
        false
    }
}

impl Normalize for String {
    fn normalize(&mut self, n: &mut Normalizer) {
        n.text(self);
    }
}

impl Normalize for Option<String> {
    fn is_null_string(&self) -> bool {
        self.is_none()
    }
    fn normalize(&mut self, n: &mut Normalizer) {
        if n.csv_row && self.as_deref() == Some("") {
            *self = None;
        }
        if let Some(s) = self {
            n.text(s);
        }
    }
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl Normalize for $t {
            fn normalize(&mut self, _: &mut Normalizer) {}
        }
        impl Normalize for Option<$t> {
            fn normalize(&mut self, _: &mut Normalizer) {}
        }
    )*};
}
plain!(
    bool,
    i32,
    TagColors,
    DayOfWeek,
    SchedulingRuleFrequency,
    SimpleSchedulingRuleTypes,
    SortOrders
);

impl Normalize for f64 {
    fn normalize(&mut self, n: &mut Normalizer) {
        n.number(*self);
    }
}

impl Normalize for Option<f64> {
    fn normalize(&mut self, n: &mut Normalizer) {
        if let Some(v) = self {
            n.number(*v);
        }
    }
}

impl<T: Normalize> Normalize for Vec<T> {
    fn normalize(&mut self, n: &mut Normalizer) {
        // A list at the root of CSV is one row per item; anywhere else it is
        // JSV in a cell.
        for item in self {
            item.normalize(n);
        }
    }
}

impl<T: Normalize> Normalize for Option<Vec<T>> {
    fn normalize(&mut self, n: &mut Normalizer) {
        if let Some(v) = self {
            // JSV writes a null string item as nothing, so a list of one
            // is `[]`, as ServiceStack writes it: it reads back empty (in
            // CSV cells too).
            if matches!(n.format, Format::Jsv | Format::Csv)
                && v.len() == 1
                && v[0].is_null_string()
            {
                v.clear();
            }
            n.nested(v);
        }
    }
}

impl<V: Normalize + DictionaryValue> Normalize for Dictionary<V> {
    fn normalize(&mut self, n: &mut Normalizer) {
        let row = std::mem::replace(&mut n.csv_row, false);
        // XML writes null entries as `i:nil`; a dictionary at the root of
        // CSV is one `{key:…,value:…}` cell per entry, which keeps a null
        // entry as `{key:…}`. JSON and JSV (also inside CSV cells) drop them.
        let keep_nulls = n.format == Format::Xml || (n.format == Format::Csv && row);
        let mut out: Vec<(String, Option<V>)> = Vec::with_capacity(self.len());
        for (mut k, mut v) in std::mem::take(self) {
            if v.is_none() && !keep_nulls {
                continue;
            }
            n.text(&mut k);
            if let Some(v) = &mut v {
                v.normalize(n);
            }
            if out.iter().any(|(seen, _)| *seen == k) {
                n.fail(Outcome::DecodeError);
            }
            out.push((k, v));
        }
        *self = out.into_iter().collect();
        n.csv_row = row;
    }
}

impl<V: Normalize + DictionaryValue> Normalize for Option<Dictionary<V>> {
    fn normalize(&mut self, n: &mut Normalizer) {
        if let Some(d) = self {
            n.nested(d);
        }
    }
}

/// Implements `Normalize` for DTOs (and their `Option`) by walking the
/// listed members; a base class is walked as part of the same row.
macro_rules! dto_normalize {
    ($($t:ty { $($f:ident),* $(; base $b:ident)? })*) => {$(
        impl Normalize for $t {
            fn normalize(&mut self, n: &mut Normalizer) {
                $( self.$f.normalize(n); )*
                $( self.$b.normalize(n); )?
            }
        }
        impl Normalize for Option<$t> {
            fn normalize(&mut self, n: &mut Normalizer) {
                if let Some(v) = self {
                    n.nested(v);
                }
            }
        }
    )*};
}

dto_normalize! {
    Value { bool_value, string_value, number_value, list_value, struct_value }
    IntegrationData { third_party_id }
    EntityInfo { id, date_created, date_last_modified, created_by, last_modified_by }
    CustomerBreadcrumb { id, name }
    Tag { id, name, color }
    BillingItem { base_cost, raw_unit_multiplier, unit_cost, allowance }
    BillingSettings {
        base, local_numbers, toll_free_numbers, inbound_voice_calls, outbound_voice_calls,
        inbound_faxes, outbound_faxes, inbound_sms_messages, outbound_sms_messages,
        ai_insights, ai_live_minutes
    }
    AppSettings {
        enable_phone_number_management, enable_device_management, enable_dialer,
        enable_call_history, enable_assistants, show_file_name_in_message_center,
        chakra_theme, custom_css, page_title, string_mappings, logout_url, port_my_number_url
    }
    ScheduleDay { offset, day_of_week }
    SchedulingRule {
        id, name, priority, state, source, condition, simple_rule_type, customer_state,
        flow_id, flow_params, is_all_day, start_date, start_time, end_time, by_set_position,
        by_month, by_week_no, by_year_day, by_month_day, by_day, by_hour, by_minute,
        interval, count, until_date, frequency
    }
    Schedule { time_zone_id, inherit, force_closed, rules, default_state }
    CustomerInfo {
        account_id, parent_customer_id, breadcrumb, account_name, is_staging, name,
        reference_id, data, tags, schedule, integration_data, override_billing_settings,
        billing_settings, override_app_settings, app_settings; base entity
    }
    NewCustomer { account_id, name, parent_customer_id, reference_id, data }
    PatchCustomer {
        customer_id, name, parent_customer_id, reference_id, data, tag_ids, schedule,
        override_billing_settings, billing_settings, override_app_settings, app_settings
    }
    CustomerListRequest {
        page, all, count_per_page, specific_ids, sort_field, sort_order, simplified_paging
    }
    ListCustomers {
        account_ids, name_filter, parent_customer_ids, shallow_parent, tag_ids; base request
    }
    AccountInfo {
        name, parent_account_id, twilio_account_sid, ancestor_ids, max_phone_numbers,
        is_byoa, trust_hub_profile_sid, logo_id, logo_uri, billing_settings; base entity
    }
    ListResponse<CustomerInfo> { items, total_count, total_pages, has_more_pages }
    ListResponse<AccountInfo> { items, total_count, total_pages, has_more_pages }
}
