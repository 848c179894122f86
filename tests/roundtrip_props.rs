//! Property tests: every format round-trips every DTO with exactly its
//! documented losses (see `common::normalize`), formats agree with each
//! other, the Framework style reaches a fixed point after one pass, and the
//! depth limit holds at exactly `limit + 1`.
//!
//! Formats are reached through `convert`, so each one is covered as soon as
//! it is wired up there. Failing cases persist under `proptest-regressions/`.

mod common;

use common::strategies::{self as st, DEEP, SMALL};
use common::*;
use evovoice_codec::model::*;
use evovoice_codec::{
    convert, Category, DecodeOptions, EncodeOptions, Format, DEFAULT_DEPTH_LIMIT,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// `cases` per property, unless `PROPTEST_CASES` asks for more (a longer
/// local run: `PROPTEST_CASES=2000 cargo test --release --test roundtrip_props`).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // One file per test binary, in the folder that is committed.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/roundtrip_props.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// One module per DTO: Core round trip, cross-format, Framework stability.
macro_rules! dto_props {
    ($($name:ident: $ty:ty = $strategy:expr, $cases:expr;)*) => {$(
        mod $name {
            use super::*;

            proptest! {
                #![proptest_config(config($cases))]

                #[test]
                fn roundtrip_core(x in $strategy) {
                    for f in formats() {
                        check_roundtrip::<$ty>(f, &x)?;
                    }
                }

                #[test]
                fn cross_format(x in $strategy) {
                    for f in formats() {
                        for g in formats() {
                            check_cross::<$ty>(f, g, &x)?;
                        }
                    }
                }

                #[test]
                fn pretty_reads_back(x in $strategy) {
                    for f in formats() {
                        check_roundtrip_with::<$ty>(f, &x, &EncodeOptions::new().pretty(true))?;
                    }
                }

                #[test]
                fn framework_stable(x in $strategy) {
                    for f in formats() {
                        check_framework_stable::<$ty>(f, &x)?;
                    }
                }
            }
        }
    )*};
}

dto_props! {
    struct_deep: Struct = st::structure(DEEP), 64;
    value: Value = st::value(SMALL), 32;
    customer_info: CustomerInfo = st::customer_info(SMALL), 64;
    list_of_customers: Vec<CustomerInfo> = proptest::collection::vec(st::customer_info(SMALL), 0..3), 24;
    list_response: ListResponse<CustomerInfo> = st::list_response(st::customer_info(SMALL)), 24;
    new_customer: NewCustomer = st::new_customer(SMALL), 32;
    patch_customer: PatchCustomer = st::patch_customer(SMALL), 32;
    list_customers: ListCustomers = st::list_customers(), 32;
    account_info: AccountInfo = st::account_info(), 32;
    account_list: ListResponse<AccountInfo> = st::list_response(st::account_info()), 16;
    schedule: Schedule = st::schedule(SMALL), 32;
    scheduling_rule: SchedulingRule = st::scheduling_rule(SMALL), 32;
    tag: Tag = st::tag(), 32;
    breadcrumb: CustomerBreadcrumb = st::breadcrumb(), 32;
    billing_settings: BillingSettings = st::billing_settings(), 32;
    app_settings: AppSettings = st::app_settings(), 32;
    integration_data: EntityIntegrationData = st::integration_data(), 32;
}

// ------------------------------------------------------------------ depth

/// Encoding a value exactly at the limit works and reads back; one level
/// more fails with the depth error, and text one level too deep (written
/// with the limit off) fails to decode with the depth error.
fn check_depth_boundary<T: Model>(make: impl Fn(usize) -> T, root_levels: usize, limit: usize) {
    check_depth_boundary_in(&depth_formats(), make, root_levels, limit)
}

/// Formats whose depth count is known to differ from the model's, left out
/// of the depth properties until fixed. (XML was, when its decoder counted
/// every element against the limit.)
const DEPTH_MISCOUNTED: &[Format] = &[];

fn depth_formats() -> Vec<Format> {
    formats()
        .into_iter()
        .filter(|f| !DEPTH_MISCOUNTED.contains(f))
        .collect()
}

fn check_depth_boundary_in<T: Model>(
    formats: &[Format],
    make: impl Fn(usize) -> T,
    root_levels: usize,
    limit: usize,
) {
    let at = make(limit - root_levels);
    let over = make(limit + 1 - root_levels);
    let enc = EncodeOptions::new().depth_limit(limit);
    let dec = DecodeOptions::new().depth_limit(limit);
    for &f in formats {
        let bytes = convert::encode(f, &at, &enc)
            .unwrap_or_else(|e| panic!("{f}: depth {limit} must encode at limit {limit}: {e}"));
        let back: T = convert::decode(f, &bytes, &dec)
            .unwrap_or_else(|e| panic!("{f}: depth {limit} must decode at limit {limit}: {e}"));
        if let Expected::Value(want) = normalize_for(f, &at) {
            assert!(
                same(&back, &want),
                "{f}: depth {limit} round trip changed the value"
            );
        }

        let r = convert::encode(f, &over, &enc);
        assert_eq!(
            category(&r),
            Some(Category::Depth),
            "{f}: encoding depth {} at limit {limit}",
            limit + 1
        );
        let deep = convert::encode(f, &over, &EncodeOptions::new().unbounded_depth())
            .unwrap_or_else(|e| panic!("{f}: unbounded encode failed: {e}"));
        let r = convert::decode::<T>(f, &deep, &dec);
        assert_eq!(
            category(&r),
            Some(Category::Depth),
            "{f}: decoding depth {} at limit {limit}",
            limit + 1
        );
        convert::decode::<T>(f, &deep, &DecodeOptions::new().depth_limit(limit + 1))
            .unwrap_or_else(|e| {
                panic!(
                    "{f}: depth {} must decode at limit {}: {e}",
                    limit + 1,
                    limit + 1
                )
            });
    }
}

#[test]
fn depth_limit_struct_default_limit() {
    with_big_stack(|| check_depth_boundary(struct_of_depth, 0, DEFAULT_DEPTH_LIMIT));
}

#[test]
fn depth_limit_customer_data() {
    // CustomerInfo (1) holds the chain in `data`.
    let make = |d: usize| CustomerInfo {
        data: Some(struct_of_depth(d)),
        ..CustomerInfo::default()
    };
    with_big_stack(move || {
        for limit in [3, 4, 17, DEFAULT_DEPTH_LIMIT] {
            check_depth_boundary(make, 1, limit);
        }
    });
}

#[test]
fn depth_limit_list_of_customers() {
    // The list (1) and the CustomerInfo (2) hold the chain: every format
    // counts the root list (see `EncodeOptions::depth_limit`).
    let make = |d: usize| {
        vec![
            CustomerInfo::default(),
            CustomerInfo {
                data: Some(struct_of_depth(d)),
                ..CustomerInfo::default()
            },
        ]
    };
    with_big_stack(move || {
        for limit in [4, 5, DEFAULT_DEPTH_LIMIT] {
            check_depth_boundary(make, 2, limit);
        }
    });
}

/// The encode half of the depth boundary, for the formats whose decoder
/// is left out of the depth properties (see [`DEPTH_MISCOUNTED`]).
#[test]
fn depth_limit_encode_only_for_miscounted_formats() {
    with_big_stack(|| {
        for &f in DEPTH_MISCOUNTED {
            if !convert::is_supported(f) {
                continue;
            }
            for limit in [1, 2, 7, DEFAULT_DEPTH_LIMIT] {
                let enc = EncodeOptions::new().depth_limit(limit);
                let at = convert::encode(f, &struct_of_depth(limit), &enc);
                assert!(at.is_ok(), "{f}: depth {limit} at limit {limit}: {at:?}");
                let over = convert::encode(f, &struct_of_depth(limit + 1), &enc);
                assert_eq!(category(&over), Some(Category::Depth), "{f}: limit {limit}");
            }
        }
    });
}

fn link() -> impl Strategy<Value = Link> {
    prop_oneof![Just(Link::Struct), Just(Link::List)]
}

proptest! {
    #![proptest_config(config(48))]

    /// Random chains of struct and list links, against limits around their
    /// depth: encoding succeeds iff the depth is within the limit, and the
    /// error is always the depth error.
    #[test]
    fn depth_limit_random_chains(
        links in proptest::collection::vec(link(), 0..24),
        leaf in any::<bool>(),
        slack in -2i64..=2,
    ) {
        let s = chain(&links, leaf);
        let depth = struct_depth(&s);
        let limit = (depth as i64 + slack).max(1) as usize;
        let enc = EncodeOptions::new().depth_limit(limit);
        let dec = DecodeOptions::new().depth_limit(limit);
        for f in depth_formats() {
            let r = convert::encode(f, &s, &enc);
            if depth <= limit {
                let bytes = r.map_err(|e| TestCaseError::fail(format!("{f}: depth {depth} limit {limit}: {e}")))?;
                let back: Struct = convert::decode(f, &bytes, &dec)
                    .map_err(|e| TestCaseError::fail(format!("{f}: depth {depth} limit {limit}: {e}")))?;
                prop_assert!(same(&back, &s));
            } else {
                prop_assert_eq!(category(&r), Some(Category::Depth), "{}: encode depth {} limit {}", f, depth, limit);
                let bytes = convert::encode(f, &s, &EncodeOptions::new().unbounded_depth()).unwrap();
                let r = convert::decode::<Struct>(f, &bytes, &dec);
                prop_assert_eq!(category(&r), Some(Category::Depth), "{}: decode depth {} limit {}", f, depth, limit);
            }
        }
    }
}

/// The depth counter itself: a check that the test's own model of depth
/// matches the documented one (root map 1, its Value 2, ...).
#[test]
fn depth_model_matches_docs() {
    assert_eq!(struct_depth(&Struct::new()), 1);
    assert_eq!(struct_depth(&Struct::new().with("a", 1.0)), 2);
    assert_eq!(
        struct_depth(&Struct::new().with("a", Value::list([None]))),
        3
    );
    assert_eq!(struct_depth(&chain(&[Link::List], false)), 4);
    for d in 1..40 {
        assert_eq!(struct_depth(&struct_of_depth(d)), d);
    }
}

// ------------------------------------------------------- special values

/// Every special string as a name, a map key and a value, in every format.
#[test]
fn special_strings_everywhere() {
    for &s in st::SPECIAL_STRINGS {
        let c = CustomerInfo {
            name: Some(s.to_owned()),
            entity: EntityInfo {
                id: Some(s.to_owned()),
                ..EntityInfo::default()
            },
            tags: Some(vec![Tag {
                id: None,
                name: Some(s.to_owned()),
                color: TagColors::Gold,
            }]),
            data: Some(
                Struct::new()
                    .with(s, s)
                    .with("list", vec![Struct::new().with(s, Value::string(s))]),
            ),
            ..CustomerInfo::default()
        };
        for f in formats() {
            if let Err(e) = check_roundtrip(f, &c) {
                panic!("string {s:?}: {e}");
            }
        }
    }
}

/// Every special double as a map value and a billing price, in every format.
#[test]
fn special_doubles_everywhere() {
    for &d in st::SPECIAL_DOUBLES {
        for v in [d, -d] {
            let item = BillingItem {
                base_cost: v,
                raw_unit_multiplier: v,
                unit_cost: v,
                allowance: 0,
            };
            let c = CustomerInfo {
                data: Some(Struct::new().with("n", v)),
                billing_settings: Some(BillingSettings {
                    base: Some(item),
                    ..BillingSettings::default()
                }),
                ..CustomerInfo::default()
            };
            for f in formats() {
                if let Err(e) = check_roundtrip(f, &c) {
                    panic!("double {v:e} ({:#x}): {e}", v.to_bits());
                }
            }
        }
    }
}
