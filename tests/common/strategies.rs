//! proptest strategies for every DTO of the model.
//!
//! Strings and doubles are drawn mostly from the special cases where formats
//! differ (quoting, escaping, number layout), with ordinary random text mixed
//! in. The recursive `Struct`/`Value` core is generated with
//! `prop_recursive`, bounded so that a case stays small enough for 64 cases
//! per property in a debug build.

use evovoice_codec::model::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Text that some format treats specially: the JSV quote set, CSV quoting,
/// XML escaping and illegal characters, line ends, whitespace at the edges,
/// things that look like other tokens, non-ASCII and astral characters.
pub const SPECIAL_STRINGS: &[&str] = &[
    "",
    " ",
    " lead",
    "trail ",
    "  both  ",
    "\"",
    "\"\"",
    "say \"hi\"",
    "a,b",
    "a:b",
    "{",
    "}",
    "[",
    "]",
    "{}",
    "[]",
    "[1,2]",
    "{a:b}",
    "{\"a\":1}",
    "https://example.com/a?b=c&d=e",
    "2024-01-02T03:04:05Z",
    "\r",
    "\n",
    "\r\n",
    "line1\r\nline2",
    "a\rb",
    "a\nb",
    "\t",
    "a\tb",
    "tab\tkey",
    "null",
    "Null",
    "true",
    "True",
    "false",
    "False",
    "0",
    "-0",
    "123",
    "-1.5e3",
    "1E+15",
    "0.30000000000000004",
    "NaN",
    "Infinity",
    "a|b",
    "a\\b",
    "C:\\path\\x",
    "it's",
    "<b>&amp;</b>",
    "]]>",
    "&lt;",
    "café",
    "中文",
    "smile 😀 ok",
    "𝄞",
    "\u{7f}",
    "\u{85}",
    "nbsp\u{a0}",
    "ls\u{2028}ps\u{2029}",
    "\u{feff}bom",
    "\u{fffd}",
    // Characters XML 1.0 cannot carry.
    "\u{0}",
    "\u{1}",
    "bs\u{8}ff\u{c}",
    "\u{b}",
    "us\u{1f}",
    "\u{fffe}",
    "\u{ffff}",
];

/// Fragments glued together to build strings with specials in the middle.
const FRAGMENTS: &[&str] = &[
    "\"", ",", ":", "{", "}", "[", "]", "\r", "\n", "\t", " ", "\\", "&", "<", ">", "'", "é", "😀",
    "\u{1}", "\u{fffe}", "null", "1",
];

/// Any string, weighted towards the special cases.
pub fn string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::sample::select(SPECIAL_STRINGS).prop_map(str::to_owned),
        3 => vec(
            prop_oneof![
                prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
                "[a-zA-Z0-9 ]{1,4}",
            ],
            1..5
        )
        .prop_map(|parts| parts.concat()),
        2 => "[a-zA-Z0-9_ -]{0,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
    .boxed()
}

/// A nullable string.
pub fn opt_string() -> BoxedStrategy<Option<String>> {
    option::of(string()).boxed()
}

/// A map key: specials, empty, and sets of keys that only differ in case,
/// whitespace or quoting (the dictionary must keep them apart).
pub fn key() -> BoxedStrategy<String> {
    prop_oneof![
        3 => string(),
        2 => prop::sample::select(&[
            "k", "K", "k ", " k", "\"k\"", "k\r", "k\n", "k\r\n", "", "key", "Key", "KEY",
            "numberValue", "NumberValue", "__type", "i:nil", "xmlns",
        ][..])
        .prop_map(str::to_owned),
    ]
    .boxed()
}

/// Doubles that exercise every number layout: zero and -0.0, subnormals,
/// the extremes, integers past 2^53, values needing 17 digits, and the
/// switch points between plain and scientific form.
pub const SPECIAL_DOUBLES: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    1.5,
    0.1,
    0.3,
    0.1 + 0.2,
    1.0 / 3.0,
    2.0 / 3.0,
    1234.56,
    123456789012.0,
    0.0001,
    0.00001,
    1e-5,
    1e14,
    1e15,
    1e16,
    1e17,
    1e21,
    1e22,
    1e23,
    9007199254740992.0,
    9007199254740994.0,
    18014398509481988.0,
    1152921504606846976.0,
    18446744073709551616.0,
    -9223372036854775808.0,
    123456789.12345679,
    0.9501,
    5e-324,
    -5e-324,
    // The largest subnormal.
    f64::from_bits(0x000F_FFFF_FFFF_FFFF),
    f64::MIN_POSITIVE,
    1e-300,
    1e300,
    1e308,
    -1e308,
    f64::MAX,
    f64::MIN,
    f64::EPSILON,
];

/// Any finite double, weighted towards the special cases.
pub fn double() -> BoxedStrategy<f64> {
    use proptest::num::f64 as f;
    prop_oneof![
        3 => prop::sample::select(SPECIAL_DOUBLES),
        2 => f::NORMAL | f::SUBNORMAL | f::ZERO | f::POSITIVE | f::NEGATIVE,
        1 => (-1_000_000i64..1_000_000).prop_map(|c| c as f64 / 100.0),
        1 => any::<i64>().prop_map(|i| i as f64),
    ]
    .boxed()
}

/// An int with its extremes likely.
pub fn int() -> BoxedStrategy<i32> {
    prop_oneof![
        1 => Just(i32::MIN),
        1 => Just(i32::MAX),
        1 => Just(0),
        1 => Just(-1),
        4 => any::<i32>(),
    ]
    .boxed()
}

fn enumeration<E: DotNetEnum + std::fmt::Debug>() -> BoxedStrategy<E> {
    (0..E::ENUM.variants.len())
        .prop_map(|i| E::from_index(i).expect("index in range"))
        .boxed()
}

fn small_vec<T: std::fmt::Debug + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<Vec<T>>> {
    option::of(vec(s, 0..4)).boxed()
}

/// How the recursive core is bounded.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// `prop_recursive` levels (each level adds a `Value` and a `Struct`,
    /// plus a list when it goes through `listValue`).
    pub levels: u32,
    /// Target total number of nodes.
    pub size: u32,
    /// Entries per map.
    pub entries: usize,
}

/// Small trees, for DTOs that carry a `Struct` somewhere.
pub const SMALL: Shape = Shape {
    levels: 3,
    size: 16,
    entries: 3,
};

/// Deeper trees, for the `Struct` properties themselves.
pub const DEEP: Shape = Shape {
    levels: 8,
    size: 48,
    entries: 4,
};

fn scalar_value() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::bool),
        string().prop_map(Value::string),
        double().prop_map(Value::number),
        Just(Value::default()),
        (
            option::of(any::<bool>()),
            opt_string(),
            option::of(double())
        )
            .prop_map(|(b, s, n)| {
                Value {
                    bool_value: b,
                    string_value: s,
                    number_value: n,
                    ..Value::default()
                }
            }),
    ]
    .boxed()
}

fn struct_of(values: BoxedStrategy<Value>, entries: usize) -> BoxedStrategy<Struct> {
    // Duplicate keys collapse (last wins) when collected, like an insert.
    vec((key(), option::weighted(0.85, values)), 0..=entries)
        .prop_map(|pairs| pairs.into_iter().collect())
        .boxed()
}

/// A `Struct` tree bounded by `shape`.
pub fn structure(shape: Shape) -> BoxedStrategy<Struct> {
    let entries = shape.entries;
    let leaf = struct_of(scalar_value(), entries);
    leaf.prop_recursive(shape.levels, shape.size, entries as u32, move |inner| {
        let value = prop_oneof![
            2 => scalar_value(),
            2 => inner.clone().prop_map(Value::structure),
            2 => vec(option::weighted(0.8, inner.clone()), 0..3).prop_map(Value::list),
            1 => (any::<bool>(), inner.clone(), vec(option::of(inner.clone()), 0..2)).prop_map(
                |(b, s, l)| Value {
                    bool_value: Some(b),
                    struct_value: Some(s),
                    list_value: Some(l),
                    ..Value::default()
                }
            ),
        ]
        .boxed();
        struct_of(value, entries)
    })
    .boxed()
}

/// A `Value` whose nested structs are bounded by `shape`.
pub fn value(shape: Shape) -> BoxedStrategy<Value> {
    prop_oneof![
        scalar_value(),
        structure(shape).prop_map(Value::structure),
        vec(option::of(structure(shape)), 0..3).prop_map(Value::list),
    ]
    .boxed()
}

/// `EntityIntegrationData`.
pub fn integration_data() -> BoxedStrategy<EntityIntegrationData> {
    vec(
        (
            key(),
            option::weighted(
                0.8,
                opt_string().prop_map(|id| IntegrationData { third_party_id: id }),
            ),
        ),
        0..4,
    )
    .prop_map(|pairs| pairs.into_iter().collect())
    .boxed()
}

/// `EntityInfo`.
pub fn entity() -> BoxedStrategy<EntityInfo> {
    (
        opt_string(),
        opt_string(),
        opt_string(),
        opt_string(),
        opt_string(),
    )
        .prop_map(|(id, created, modified, by, last_by)| EntityInfo {
            id,
            date_created: created,
            date_last_modified: modified,
            created_by: by,
            last_modified_by: last_by,
        })
        .boxed()
}

/// `CustomerBreadcrumb`.
pub fn breadcrumb() -> BoxedStrategy<CustomerBreadcrumb> {
    (opt_string(), opt_string())
        .prop_map(|(id, name)| CustomerBreadcrumb { id, name })
        .boxed()
}

/// `Tag`.
pub fn tag() -> BoxedStrategy<Tag> {
    (opt_string(), opt_string(), enumeration::<TagColors>())
        .prop_map(|(id, name, color)| Tag { id, name, color })
        .boxed()
}

/// `BillingItem`.
pub fn billing_item() -> BoxedStrategy<BillingItem> {
    (double(), double(), double(), int())
        .prop_map(
            |(base_cost, raw_unit_multiplier, unit_cost, allowance)| BillingItem {
                base_cost,
                raw_unit_multiplier,
                unit_cost,
                allowance,
            },
        )
        .boxed()
}

/// `BillingSettings`.
pub fn billing_settings() -> BoxedStrategy<BillingSettings> {
    let item = || option::of(billing_item());
    (
        (item(), item(), item(), item(), item(), item()),
        (item(), item(), item(), item(), item()),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k))| BillingSettings {
            base: a,
            local_numbers: b,
            toll_free_numbers: c,
            inbound_voice_calls: d,
            outbound_voice_calls: e,
            inbound_faxes: f,
            outbound_faxes: g,
            inbound_sms_messages: h,
            outbound_sms_messages: i,
            ai_insights: j,
            ai_live_minutes: k,
        })
        .boxed()
}

/// `AppSettings`.
pub fn app_settings() -> BoxedStrategy<AppSettings> {
    (
        any::<[bool; 6]>(),
        (
            opt_string(),
            opt_string(),
            opt_string(),
            opt_string(),
            opt_string(),
            opt_string(),
        ),
    )
        .prop_map(
            |(b, (theme, css, title, mappings, logout, port))| AppSettings {
                enable_phone_number_management: b[0],
                enable_device_management: b[1],
                enable_dialer: b[2],
                enable_call_history: b[3],
                enable_assistants: b[4],
                show_file_name_in_message_center: b[5],
                chakra_theme: theme,
                custom_css: css,
                page_title: title,
                string_mappings: mappings,
                logout_url: logout,
                port_my_number_url: port,
            },
        )
        .boxed()
}

/// `ScheduleDay`.
pub fn schedule_day() -> BoxedStrategy<ScheduleDay> {
    (int(), enumeration::<DayOfWeek>())
        .prop_map(|(offset, day_of_week)| ScheduleDay {
            offset,
            day_of_week,
        })
        .boxed()
}

/// `SchedulingRule`.
pub fn scheduling_rule(shape: Shape) -> BoxedStrategy<SchedulingRule> {
    let ints = || small_vec(int());
    (
        (
            opt_string(),
            opt_string(),
            int(),
            opt_string(),
            opt_string(),
            opt_string(),
            enumeration::<SimpleSchedulingRuleTypes>(),
            opt_string(),
            opt_string(),
        ),
        (
            option::of(structure(shape)),
            any::<bool>(),
            opt_string(),
            opt_string(),
            opt_string(),
        ),
        (ints(), ints(), ints(), ints(), ints()),
        (
            small_vec(schedule_day()),
            ints(),
            ints(),
            int(),
            int(),
            opt_string(),
            enumeration::<SchedulingRuleFrequency>(),
        ),
    )
        .prop_map(
            |(
                (
                    id,
                    name,
                    priority,
                    state,
                    source,
                    condition,
                    simple_rule_type,
                    customer_state,
                    flow_id,
                ),
                (flow_params, is_all_day, start_date, start_time, end_time),
                (by_set_position, by_month, by_week_no, by_year_day, by_month_day),
                (by_day, by_hour, by_minute, interval, count, until_date, frequency),
            )| SchedulingRule {
                id,
                name,
                priority,
                state,
                source,
                condition,
                simple_rule_type,
                customer_state,
                flow_id,
                flow_params,
                is_all_day,
                start_date,
                start_time,
                end_time,
                by_set_position,
                by_month,
                by_week_no,
                by_year_day,
                by_month_day,
                by_day,
                by_hour,
                by_minute,
                interval,
                count,
                until_date,
                frequency,
            },
        )
        .boxed()
}

/// `Schedule`.
pub fn schedule(shape: Shape) -> BoxedStrategy<Schedule> {
    (
        opt_string(),
        any::<bool>(),
        any::<bool>(),
        option::of(vec(scheduling_rule(shape), 0..3)),
        opt_string(),
    )
        .prop_map(
            |(time_zone_id, inherit, force_closed, rules, default_state)| Schedule {
                time_zone_id,
                inherit,
                force_closed,
                rules,
                default_state,
            },
        )
        .boxed()
}

/// `CustomerInfo`.
pub fn customer_info(shape: Shape) -> BoxedStrategy<CustomerInfo> {
    (
        (
            opt_string(),
            opt_string(),
            small_vec(breadcrumb()),
            opt_string(),
            any::<bool>(),
            opt_string(),
            opt_string(),
        ),
        (
            option::of(structure(shape)),
            small_vec(tag()),
            option::of(schedule(shape)),
            option::of(integration_data()),
        ),
        (
            any::<bool>(),
            option::of(billing_settings()),
            any::<bool>(),
            option::of(app_settings()),
            entity(),
        ),
    )
        .prop_map(
            |(
                (
                    account_id,
                    parent_customer_id,
                    breadcrumb,
                    account_name,
                    is_staging,
                    name,
                    reference_id,
                ),
                (data, tags, schedule, integration_data),
                (
                    override_billing_settings,
                    billing_settings,
                    override_app_settings,
                    app_settings,
                    entity,
                ),
            )| CustomerInfo {
                account_id,
                parent_customer_id,
                breadcrumb,
                account_name,
                is_staging,
                name,
                reference_id,
                data,
                tags,
                schedule,
                integration_data,
                override_billing_settings,
                billing_settings,
                override_app_settings,
                app_settings,
                entity,
            },
        )
        .boxed()
}

/// `NewCustomer`.
pub fn new_customer(shape: Shape) -> BoxedStrategy<NewCustomer> {
    (
        opt_string(),
        opt_string(),
        opt_string(),
        opt_string(),
        option::of(structure(shape)),
    )
        .prop_map(
            |(account_id, name, parent_customer_id, reference_id, data)| NewCustomer {
                account_id,
                name,
                parent_customer_id,
                reference_id,
                data,
            },
        )
        .boxed()
}

/// `PatchCustomer`.
pub fn patch_customer(shape: Shape) -> BoxedStrategy<PatchCustomer> {
    (
        (
            opt_string(),
            opt_string(),
            opt_string(),
            opt_string(),
            option::of(structure(shape)),
            small_vec(string()),
        ),
        (
            option::of(schedule(shape)),
            option::of(any::<bool>()),
            option::of(billing_settings()),
            option::of(any::<bool>()),
            option::of(app_settings()),
        ),
    )
        .prop_map(
            |(
                (customer_id, name, parent_customer_id, reference_id, data, tag_ids),
                (
                    schedule,
                    override_billing_settings,
                    billing_settings,
                    override_app_settings,
                    app_settings,
                ),
            )| PatchCustomer {
                customer_id,
                name,
                parent_customer_id,
                reference_id,
                data,
                tag_ids,
                schedule,
                override_billing_settings,
                billing_settings,
                override_app_settings,
                app_settings,
            },
        )
        .boxed()
}

/// `ListRequest<CustomerInfo>` (the base of `ListCustomers`).
pub fn list_request() -> BoxedStrategy<CustomerListRequest> {
    (
        int(),
        any::<bool>(),
        int(),
        small_vec(string()),
        opt_string(),
        enumeration::<SortOrders>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                page,
                all,
                count_per_page,
                specific_ids,
                sort_field,
                sort_order,
                simplified_paging,
            )| {
                CustomerListRequest {
                    page,
                    all,
                    count_per_page,
                    specific_ids,
                    sort_field,
                    sort_order,
                    simplified_paging,
                    ..CustomerListRequest::default()
                }
            },
        )
        .boxed()
}

/// `ListCustomers`.
pub fn list_customers() -> BoxedStrategy<ListCustomers> {
    (
        small_vec(string()),
        opt_string(),
        small_vec(string()),
        any::<bool>(),
        small_vec(string()),
        list_request(),
    )
        .prop_map(
            |(account_ids, name_filter, parent_customer_ids, shallow_parent, tag_ids, request)| {
                ListCustomers {
                    account_ids,
                    name_filter,
                    parent_customer_ids,
                    shallow_parent,
                    tag_ids,
                    request,
                }
            },
        )
        .boxed()
}

/// `AccountInfo`.
pub fn account_info() -> BoxedStrategy<AccountInfo> {
    (
        (
            opt_string(),
            opt_string(),
            opt_string(),
            small_vec(string()),
            int(),
        ),
        (
            any::<bool>(),
            opt_string(),
            opt_string(),
            opt_string(),
            option::of(billing_settings()),
            entity(),
        ),
    )
        .prop_map(
            |(
                (name, parent_account_id, twilio_account_sid, ancestor_ids, max_phone_numbers),
                (is_byoa, trust_hub_profile_sid, logo_id, logo_uri, billing_settings, entity),
            )| AccountInfo {
                name,
                parent_account_id,
                twilio_account_sid,
                ancestor_ids,
                max_phone_numbers,
                is_byoa,
                trust_hub_profile_sid,
                logo_id,
                logo_uri,
                billing_settings,
                entity,
            },
        )
        .boxed()
}

/// `ListResponse<T>` with items from `item`.
pub fn list_response<T: std::fmt::Debug + Clone + 'static>(
    item: BoxedStrategy<T>,
) -> BoxedStrategy<ListResponse<T>> {
    (option::of(vec(item, 0..3)), int(), int(), any::<bool>())
        .prop_map(
            |(items, total_count, total_pages, has_more_pages)| ListResponse {
                items,
                total_count,
                total_pages,
                has_more_pages,
                type_argument: std::marker::PhantomData,
            },
        )
        .boxed()
}
