//! The shared benchmark payload: a deterministic `ListResponse<CustomerInfo>`
//! of realistic customers, built from a seeded PRNG (no files).
//!
//! Used by `benches/codecs.rs` and by `tests/memory.rs` (through `#[path]`).

#![allow(dead_code)]

use evovoice_codec::model::*;

/// SplitMix64: tiny, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// A hex id with a prefix, like the API's.
    pub fn id(&mut self, prefix: &str) -> String {
        format!("{prefix}{:016x}", self.next_u64())
    }

    /// An ISO date-time (contains `:`, which JSV and CSV must quote).
    pub fn date(&mut self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.range(2015, 2025),
            self.range(1, 12),
            self.range(1, 28),
            self.range(0, 23),
            self.range(0, 59),
            self.range(0, 59)
        )
    }

    /// A money-like amount.
    pub fn money(&mut self) -> f64 {
        self.range(0, 99_999) as f64 / 100.0
    }
}

const COMPANIES: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay Industries",
    "Stark & Wayne",
    "O'Brien Plumbing",
    "Müller GmbH",
    "Société Générale",
    "東京電話",
    "Smith, Jones and Partners",
    "\"Best\" Pizza",
    "Blue {Sky} Ventures",
    "Café [Central]",
];

const SUFFIXES: &[&str] = &["", " Inc.", " LLC", ", Ltd.", " Corp", " & Co", " (EMEA)"];

const WORDS: &[&str] = &[
    "gold",
    "silver",
    "trial",
    "vip",
    "west",
    "east",
    "support",
    "sales",
    "night shift",
    "a,b",
    "key:value",
    "say \"hi\"",
    "line1\nline2",
    "tab\there",
    " padded ",
    "null",
    "true",
    "42",
    "😀 emoji",
    "naïve",
];

const STATES: &[&str] = &["Open", "Closed", "Holiday", "After Hours", "Lunch"];

const ZONES: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/London",
    "Asia/Tokyo",
];

fn company(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(COMPANIES), rng.pick(SUFFIXES))
}

/// A data tree of at most `depth` nested structs.
pub fn data(rng: &mut Rng, depth: u32) -> Struct {
    let mut s = Struct::new();
    let entries = rng.range(1, 5);
    for i in 0..entries {
        let key = match rng.below(4) {
            0 => format!("field{i}"),
            1 => rng.pick(WORDS).to_owned(),
            _ => rng
                .pick(&["plan", "seats", "region", "notes", "active", "score"])
                .to_owned(),
        };
        let value = match (rng.below(6), depth > 1) {
            (0, _) => Value::bool(rng.chance(50)),
            (1, _) => Value::number(rng.range(0, 500) as f64),
            (2, _) => Value::number(rng.money()),
            (4, true) => Value::structure(data(rng, depth - 1)),
            (5, true) => Value::list((0..rng.range(0, 3)).map(|_| {
                if rng.chance(10) {
                    None
                } else {
                    Some(data(rng, depth - 1))
                }
            })),
            _ => Value::string(rng.pick(WORDS)),
        };
        s.insert(key, value);
    }
    s
}

fn billing_item(rng: &mut Rng) -> BillingItem {
    BillingItem {
        base_cost: rng.money(),
        raw_unit_multiplier: rng.range(1, 60) as f64 / 60.0,
        unit_cost: rng.range(0, 5000) as f64 / 10_000.0,
        allowance: rng.range(0, 10_000) as i32,
    }
}

fn billing(rng: &mut Rng) -> BillingSettings {
    let item = |rng: &mut Rng| rng.chance(70).then(|| billing_item(rng));
    BillingSettings {
        base: item(rng),
        local_numbers: item(rng),
        toll_free_numbers: item(rng),
        inbound_voice_calls: item(rng),
        outbound_voice_calls: item(rng),
        inbound_faxes: item(rng),
        outbound_faxes: item(rng),
        inbound_sms_messages: item(rng),
        outbound_sms_messages: item(rng),
        ai_insights: item(rng),
        ai_live_minutes: item(rng),
    }
}

fn app_settings(rng: &mut Rng) -> AppSettings {
    AppSettings {
        enable_phone_number_management: rng.chance(50),
        enable_device_management: rng.chance(50),
        enable_dialer: rng.chance(50),
        enable_call_history: rng.chance(50),
        enable_assistants: rng.chance(50),
        show_file_name_in_message_center: rng.chance(50),
        chakra_theme: rng
            .chance(50)
            .then(|| rng.pick(&["blue", "dark", "teal"]).to_owned()),
        custom_css: rng
            .chance(30)
            .then(|| ".header { color: #333; }\n.logo { display: none; }".to_owned()),
        page_title: Some(format!("{} Portal", rng.pick(COMPANIES))),
        string_mappings: rng
            .chance(20)
            .then(|| "{\"Customer\":\"Client\",\"Flow\":\"Workflow\"}".to_owned()),
        logout_url: rng
            .chance(40)
            .then(|| "https://example.com/bye?x=1&y=2".to_owned()),
        port_my_number_url: None,
    }
}

fn rule(rng: &mut Rng, priority: i32) -> SchedulingRule {
    let ints = |rng: &mut Rng, lo: i64, hi: i64| {
        rng.chance(40).then(|| {
            (0..rng.range(1, 4))
                .map(|_| rng.range(lo, hi) as i32)
                .collect()
        })
    };
    SchedulingRule {
        id: Some(rng.id("rul_")),
        name: Some(format!("{} hours", rng.pick(STATES))),
        priority,
        state: Some(rng.pick(STATES).to_owned()),
        source: None,
        condition: rng
            .chance(20)
            .then(|| "customer.plan == \"gold\"".to_owned()),
        simple_rule_type: SimpleSchedulingRuleTypes::from_index(rng.below(3) as usize).unwrap(),
        customer_state: rng.chance(30).then(|| rng.pick(STATES).to_owned()),
        flow_id: rng.chance(50).then(|| rng.id("flw_")),
        flow_params: rng.chance(30).then(|| data(rng, 2)),
        is_all_day: rng.chance(30),
        start_date: Some(rng.date()),
        start_time: Some(format!("{:02}:00", rng.range(6, 11))),
        end_time: Some(format!("{:02}:30", rng.range(16, 21))),
        by_set_position: None,
        by_month: ints(rng, 1, 12),
        by_week_no: None,
        by_year_day: None,
        by_month_day: ints(rng, 1, 28),
        by_day: Some(
            (0..rng.range(1, 5))
                .map(|_| ScheduleDay {
                    offset: rng.range(-1, 2) as i32,
                    day_of_week: DayOfWeek::from_index(rng.below(7) as usize).unwrap(),
                })
                .collect(),
        ),
        by_hour: ints(rng, 0, 23),
        by_minute: ints(rng, 0, 59),
        interval: rng.range(0, 4) as i32,
        count: rng.range(0, 10) as i32,
        until_date: rng.chance(30).then(|| rng.date()),
        frequency: SchedulingRuleFrequency::from_index(rng.below(8) as usize).unwrap(),
    }
}

/// One realistic customer.
pub fn customer(rng: &mut Rng) -> CustomerInfo {
    let account = rng.id("acc_");
    let breadcrumb = (0..rng.range(1, 3))
        .map(|_| CustomerBreadcrumb {
            id: Some(rng.id("cus_")),
            name: Some(company(rng)),
        })
        .collect();
    let tags = (0..rng.range(0, 5))
        .map(|_| Tag {
            id: Some(rng.id("tag_")),
            name: Some(rng.pick(WORDS).to_owned()),
            color: TagColors::from_index(rng.below(11) as usize).unwrap(),
        })
        .collect();
    let schedule = Schedule {
        time_zone_id: Some(rng.pick(ZONES).to_owned()),
        inherit: rng.chance(30),
        force_closed: rng.chance(5),
        rules: Some((0..rng.range(0, 3)).map(|p| rule(rng, p as i32)).collect()),
        default_state: Some("Closed".to_owned()),
    };
    let mut integrations = EntityIntegrationData::new();
    if rng.chance(50) {
        integrations.insert("hubspot", IntegrationData::new(rng.id("hs-")));
    }
    if rng.chance(30) {
        integrations.insert(
            "salesforce",
            IntegrationData::new(format!("sf:{}", rng.below(1 << 40))),
        );
    }
    let override_billing = rng.chance(40);
    let override_app = rng.chance(40);
    CustomerInfo {
        account_id: Some(account),
        parent_customer_id: rng.chance(60).then(|| rng.id("cus_")),
        breadcrumb: Some(breadcrumb),
        account_name: Some(company(rng)),
        is_staging: rng.chance(10),
        name: Some(company(rng)),
        reference_id: rng
            .chance(70)
            .then(|| format!("REF-{}", rng.below(1_000_000))),
        data: Some(data(rng, 4)),
        tags: Some(tags),
        schedule: Some(schedule),
        integration_data: Some(integrations),
        override_billing_settings: override_billing,
        billing_settings: override_billing.then(|| billing(rng)),
        override_app_settings: override_app,
        app_settings: override_app.then(|| app_settings(rng)),
        entity: EntityInfo {
            id: Some(rng.id("cus_")),
            date_created: Some(rng.date()),
            date_last_modified: Some(rng.date()),
            created_by: Some(format!("user{}@example.com", rng.below(100))),
            last_modified_by: rng
                .chance(80)
                .then(|| format!("user{}@example.com", rng.below(100))),
        },
    }
}

/// `count` customers from `seed`.
pub fn customers(seed: u64, count: usize) -> Vec<CustomerInfo> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| customer(&mut rng)).collect()
}

/// The benchmark payload: 1,000 customers in one response page.
pub fn list_response(seed: u64, count: usize) -> ListResponse<CustomerInfo> {
    ListResponse {
        items: Some(customers(seed, count)),
        total_count: count as i32,
        total_pages: 1,
        has_more_pages: false,
        ..ListResponse::default()
    }
}

/// The seed every benchmark uses.
pub const SEED: u64 = 0x0E70_7010_C0DE_C001;
