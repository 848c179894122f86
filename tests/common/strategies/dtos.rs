//! Strategies for the DTO classes, built from the primitives and the
//! recursive core in the parent module.

use evovoice_codec::model::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use super::{double, enumeration, int, key, opt_string, small_vec, string, structure, Shape};

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
            small_vec(opt_string()),
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
        small_vec(opt_string()),
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
        small_vec(opt_string()),
        opt_string(),
        small_vec(opt_string()),
        any::<bool>(),
        small_vec(opt_string()),
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
            small_vec(opt_string()),
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
